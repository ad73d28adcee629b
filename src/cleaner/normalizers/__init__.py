"""The built-in normalizers. Importing this package registers every one of them.

Each module holds a few related normalizers; the registry (``cleaner.registry``) is the index.
"""

from . import headings, letters, markers, tatweel, unicode, whitespace  # noqa: F401
