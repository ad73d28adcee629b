"""The built-in normalizers. Importing this package registers every one of them.

Each module holds a few related normalizers; the registry (``cleaner.registry``) is the index.
"""

from . import headings, letters, markers, tatweel, unicode, whitespace  # noqa: F401
from . import boilerplate, html, related_headlines, structure, wrappers  # noqa: F401  (issue 4: web residue, article structure)
from . import diacritics, digits, elongation, links, orthography, punctuation  # noqa: F401  (issue 5: catalogue)
