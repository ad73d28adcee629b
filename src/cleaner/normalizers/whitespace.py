"""Line endings, spaces and paragraph breaks."""

from __future__ import annotations

import re

from ..registry import normalizer

_SPACE_RUN = re.compile(r"[ \t]*\t[ \t]*| {2,}")
_LINE_BREAKS = re.compile(r" ?\n[ \n]*")


@normalizer("whitespace")
def whitespace(text: str) -> str:
    """One space between words, lines trimmed, one blank line between paragraphs, one final newline.

    CRLF and lone CR become LF; runs of spaces and tabs become one space; every non-empty line is a
    paragraph, separated from the next by exactly one blank line; no blank lines at either end.

    >>> whitespace("  سطر\\t أول  \\r\\n\\r\\n\\n سطر ثان \\r")
    'سطر أول\\n\\nسطر ثان\\n'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE_RUN.sub(" ", text)
    text = _LINE_BREAKS.sub("\n\n", text).strip(" \n")
    return text + "\n" if text else ""
