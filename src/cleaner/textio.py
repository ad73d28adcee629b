"""Bytes at the edges: decode input explicitly, write UTF-8 output atomically.

>>> decode(b"\\xef\\xbb\\xbf\\xd9\\x86\\xd8\\xb5")
'نص'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["DecodeError", "decode", "atomic_write", "TEMP_PREFIX"]

#: Temporary files written next to their target start with this; leftovers are recognisable.
TEMP_PREFIX = ".cleaner-tmp-"


class DecodeError(ValueError):
    """Input bytes that are not text in the expected encoding; the message names the byte offset."""

    def __init__(self, source: str, message: str, offset: int | None = None):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.offset = offset


def decode(data: bytes, source: str = "<stdin>") -> str:
    """Decode UTF-8 bytes (a BOM is dropped); invalid bytes raise :class:`DecodeError` with their offset."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = err.start + bom
        raise DecodeError(
            source, f"not valid UTF-8 at byte offset {offset} (byte 0x{data[offset]:02x})", offset
        ) from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one, whole.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, take the
    permission bits of the file they replace, and are moved over it with ``os.replace``.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
