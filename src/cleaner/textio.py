"""Bytes at the edges: detect and decode input explicitly, write UTF-8 output atomically.

Encodings (``--encoding auto``, the default), tried in this order on the bytes of a file:

1. a UTF-16 or UTF-32 byte-order mark: that encoding (the mark is dropped);
2. valid UTF-8 (a BOM is dropped): ``utf-8`` or ``utf-8-sig``;
3. bytes that are not UTF-8 but decode as windows-1256 to mostly Arabic letters: ``cp1256``;
4. anything else fails the file with a message naming the byte offset and the flags to use.

A file is binary (and fails) when more than one byte in a thousand of its first 64 KiB is NUL,
so a text file ending with one NUL (the windows-1256 news archives do) is still text.

>>> decode(b"\\xef\\xbb\\xbf\\xd9\\x86\\xd8\\xb5")
'نص'
>>> decode_auto("نص عربي".encode("cp1256"))
('نص عربي', 'cp1256')
"""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "DecodeError",
    "decode",
    "decode_auto",
    "detect",
    "looks_binary",
    "iter_text",
    "iter_lines",
    "decode_lines",
    "split_lines",
    "BadLine",
    "atomic_write",
    "AtomicWriter",
    "cleanup_temp_files",
    "TEMP_PREFIX",
    "SNIFF_BYTES",
    "json_text",
]

#: Temporary files written next to their target start with this, then the writer's process id;
#: leftovers of a killed run are recognisable and removed by the next run (see cleanup_temp_files).
TEMP_PREFIX = ".cleaner-tmp-"
#: How many leading bytes decide binary-ness, and (from its first non-ASCII byte on) the encoding of a
#: file too big to read whole.
SNIFF_BYTES = 1 << 20
_NUL_SAMPLE = 1 << 16

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Runs, not single letters: _mostly_arabic sums their lengths (one match per word, not per letter).
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_LETTER = re.compile(r"[^\W\d_]+")
# C0 controls other than tab, LF, FF, CR and NUL: text rarely holds them, mis-decoded binary does.
_ODD_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
# Four Arabic letters in a row written in UTF-8 (lead byte D8-DB, then a continuation byte): UTF-8
# Arabic text. Read as windows-1256 the same bytes are also "Arabic letters" (ط ظ ع غ + symbols), so a
# UTF-8 file with one bad byte, or a file mixing both encodings, would silently become mojibake.
_UTF8_ARABIC_RUN = re.compile(rb"(?:[\xd8-\xdb][\x80-\xbf]){4}")
# The same tests on raw bytes, in C loops (bytes.translate, bytes.find, bytes.count): a regex that walks
# every byte of a 10 MB archive costs a hundred times more. windows-1256 maps each byte to one character,
# so a character class of the decoded text is a set of byte values.
_UTF8_CLASSES = bytes(ord("L") if 0xD8 <= b <= 0xDB else ord("C") if 0x80 <= b <= 0xBF else ord(".") for b in range(256))
_UTF8_RUN_MARK = b"LC" * 4  # _UTF8_ARABIC_RUN in _UTF8_CLASSES letters
_CP1256 = bytes(range(256)).decode("cp1256")


def _not_in(pattern: re.Pattern[str]) -> bytes:
    """The byte values whose windows-1256 character does not match ``pattern`` (to delete, then count the rest)."""
    return bytes(b for b in range(256) if not pattern.fullmatch(_CP1256[b]))


_CP1256_NOT_LETTER = _not_in(re.compile(r"[^\W\d_]"))
_CP1256_NOT_ARABIC = _not_in(re.compile(r"[\u0621-\u064a\u0671-\u06d3]"))
_CP1256_NOT_ODD = _not_in(_ODD_CONTROL)


def _utf8_arabic_run(data: bytes) -> int:
    """Where :data:`_UTF8_ARABIC_RUN` first matches ``data`` (-1: nowhere), without a regex walk."""
    return data.translate(_UTF8_CLASSES).find(_UTF8_RUN_MARK)


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


def looks_binary(data: bytes, encoding: str = "auto") -> bool:
    """Whether ``data`` (or its first 64 KiB) is NUL-heavy: more than one NUL byte in a thousand.

    >>> looks_binary("نص".encode() * 100 + b"\\x00"), looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    (False, True)
    """
    if encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32", "utf16", "utf32")):
        return False
    if any(data.startswith(bom) for bom, name in _BOMS if name != "utf-8-sig"):
        return False
    sample = data[:_NUL_SAMPLE]
    return sample.count(0) > max(1, len(sample) // 1000)


def _binary(source: str, data: bytes) -> DecodeError:
    """The error for NUL-heavy bytes; it names the codec when they look like UTF-16 without a BOM."""
    sample = data[: _NUL_SAMPLE & ~1]
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(high) >= 2 and high.count(0) + high.count(6) >= 0.9 * len(high):  # Latin or Arabic
            return DecodeError(
                source, f"binary file (NUL bytes), not text; skipped (it looks like UTF-16 without a "
                f"byte-order mark: try --encoding {name})"
            )
    return DecodeError(source, "binary file (NUL bytes), not text; skipped")


def _mostly_arabic(text: str) -> bool:
    letters = sum(map(len, _LETTER.findall(text)))
    if letters == 0:
        return False
    arabic = sum(map(len, _ARABIC_LETTER.findall(text)))
    return arabic * 2 >= letters and len(_ODD_CONTROL.findall(text)) * 100 <= len(text)


def _mostly_arabic_cp1256(data: bytes) -> bool:
    """:func:`_mostly_arabic` of ``data.decode("cp1256")``, counted on the bytes (one byte, one character)."""
    letters = len(data.translate(None, _CP1256_NOT_LETTER))
    if letters == 0:
        return False
    arabic = len(data.translate(None, _CP1256_NOT_ARABIC))
    return arabic * 2 >= letters and len(data.translate(None, _CP1256_NOT_ODD)) * 100 <= len(data)


def detect(data: bytes, final: bool = True) -> str | None:
    """The encoding ``--encoding auto`` picks for ``data`` (a whole file, or its start when not ``final``).

    Returns a codec name, or ``None`` when the bytes are neither UTF-8 nor windows-1256 Arabic.

    A whole file of :data:`SNIFF_BYTES` or more that is not UTF-8 is decided as a stream decides it
    (:func:`iter_text`): from the :data:`SNIFF_BYTES` that start at its first non-ASCII byte, so a big
    file gets the same encoding whether it is read whole or streamed.

    >>> detect("نص".encode()), detect(b"\\xff\\xfeA\\x00"), detect("نص".encode("cp1256")), detect(b"caf\\xe9")
    ('utf-8', 'utf-16', 'cp1256', None)
    """
    if not final or len(data) < SNIFF_BYTES or data.startswith(tuple(bom for bom, _ in _BOMS)):
        return _detect(data, final)
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    at = _non_ascii_at(data)  # not UTF-8: there is one
    window = data[at : at + SNIFF_BYTES]
    return _detect(window, at + SNIFF_BYTES >= len(data), later=at > 0)


def _detect(data: bytes, final: bool, later: bool = False) -> str | None:
    """:func:`detect`; ``later``: ``data`` starts after the start of the file (no byte-order mark there)."""
    if not later:
        for bom, name in _BOMS:
            if data.startswith(bom):
                return name
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _utf8_arabic_run(data) >= 0:
        return None  # UTF-8 Arabic with a bad byte, or UTF-8 and windows-1256 mixed: never guess
    return "cp1256" if _mostly_arabic_cp1256(data) else None  # every byte is a windows-1256 character


def _bad_byte(source: str, encoding: str, byte: int | None, offset: int) -> DecodeError:
    shown = f" (byte 0x{byte:02x})" if byte is not None else ""
    hint = "; try --encoding NAME or --errors replace"
    return DecodeError(source, f"not valid {encoding} at byte offset {offset}{shown}{hint}", offset)


def decode_auto(data: bytes, encoding: str = "auto", errors: str = "strict", source: str = "<stdin>") -> tuple[str, str]:
    """Decode a whole file's bytes; returns ``(text, encoding used)``. Raises :class:`DecodeError`.

    ``encoding="auto"`` follows the order in the module docstring; any other name forces that codec
    (a UTF-8 BOM is still dropped for ``utf-8``). ``errors`` is ``"strict"`` or ``"replace"``.
    """
    if looks_binary(data, encoding):
        raise _binary(source, data)
    if encoding == "auto":
        name = detect(data)
        if name is None:
            if errors == "replace":
                name = "utf-8"
            else:
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError as err:
                    raise DecodeError(
                        source,
                        f"not valid UTF-8 at byte offset {err.start} (byte 0x{data[err.start]:02x}) and not "
                        "windows-1256 Arabic either; use --encoding NAME (or --errors replace)",
                        err.start,
                    ) from None
                raise DecodeError(source, "undecodable")  # pragma: no cover - detect() accepted UTF-8
    else:
        name = _codec(encoding, source)
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
    try:
        return data.decode(name, errors), name
    except UnicodeDecodeError as err:
        raise _bad_byte(source, name, data[err.start], err.start) from None


def _codec(encoding: str, source: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise DecodeError(source, f"unknown encoding {encoding!r}") from None
    return {"utf-8": "utf-8", "windows-1256": "cp1256"}.get(name, name)


def iter_text(
    handle: BinaryIO,
    encoding: str = "auto",
    errors: str = "strict",
    source: str = "<stdin>",
    block_size: int = SNIFF_BYTES,
) -> tuple[str, Iterator[str]]:
    """Decode a binary stream block by block in bounded memory: ``(encoding used, iterator of str)``.

    With ``encoding="auto"`` a stream that fits in the first block is decided as a whole (:func:`detect`);
    a longer one from the :data:`SNIFF_BYTES` bytes that start at its first non-ASCII byte (ASCII reads
    the same in UTF-8 and windows-1256, so an ASCII start decides nothing). An ASCII start longer than
    the first block is read ahead and read again (a seekable ``handle`` is moved back to where the
    first block ends; any other is spooled to a temporary file), so memory stays bounded. A later
    byte that does not fit raises :class:`DecodeError` from the iterator, with its absolute offset.
    Binary-looking input raises before anything is read.
    """
    name, first, rest = _start(handle, encoding, errors, source, block_size, lenient=False)
    return name, _blocks(name, errors, first, rest, source, block_size)


def _start(
    handle: BinaryIO, encoding: str, errors: str, source: str, block_size: int, lenient: bool
) -> tuple[str, bytes, BinaryIO]:
    """``(codec, the bytes read ahead, where the rest comes from)`` for :func:`iter_text` and
    :func:`iter_lines`; ``lenient``: bytes that ``auto`` takes for neither UTF-8 nor windows-1256
    Arabic are read as UTF-8 (else they raise, unless ``errors`` is ``"replace"``)."""
    size = max(block_size, SNIFF_BYTES)
    first = _read_full(handle, size)
    if looks_binary(first, encoding):
        raise _binary(source, first)
    rest: BinaryIO = handle
    if encoding == "auto":
        name, first, rest, window, window_at, final = _sniff(handle, first, size)
        if name is None:
            if errors != "replace" and not lenient:
                raise _undecodable(source, window, window_at, final)
            name = "utf-8"
    else:
        name = _codec(encoding, source)
        if name == "utf-8" and first.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
    return name, first, rest


def _blocks(name: str, errors: str, first: bytes, rest: BinaryIO, source: str, block_size: int) -> Iterator[str]:
    """The text of ``first`` then ``rest`` in ``name``, block by block (see :func:`iter_text`)."""
    decoder = codecs.getincrementaldecoder(name)(errors)
    data, consumed = first, 0
    while True:
        final = not data
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as err:
            raise _bad_byte(source, name, err.object[err.start], consumed - pending + err.start) from None
        if name == "cp1256" and (run := _utf8_arabic_run(data)) >= 0:
            offset = consumed + run
            raise DecodeError(
                source, f"windows-1256 text with UTF-8 at byte offset {offset} (mixed encodings); "
                "use --encoding NAME or --errors replace", offset,
            )
        consumed += len(data)
        if text:
            yield text
        if final:
            return
        data = rest.read(block_size)


class BadLine(bytes):
    """The bytes of one line that do not decode (:func:`iter_lines`); ``reason`` says where and why."""

    reason: str

    def __new__(cls, data: bytes, reason: str) -> BadLine:
        line = super().__new__(cls, data)
        line.reason = reason
        return line


def split_lines(blocks: Iterable[str]) -> Iterator[str]:
    """Cut decoded text blocks into lines, each keeping its ``"\\n"`` (the last one may lack it)."""
    pending: list[str] = []
    for block in blocks:
        start = 0
        while True:
            nl = block.find("\n", start)
            if nl < 0:
                if start < len(block):
                    pending.append(block[start:])
                break
            if pending:
                pending.append(block[start : nl + 1])
                yield "".join(pending)
                pending = []
            else:
                yield block[start : nl + 1]
            start = nl + 1
    if pending:
        yield "".join(pending)


def _by_lines(name: str) -> bool:
    """Whether byte 0x0A is a line break wherever it stands in ``name`` (not in UTF-16 or UTF-32, nor in
    the encodings that shift state: UTF-7, ISO-2022, HZ), so lines can be cut before decoding."""
    codec = codecs.lookup(name).name
    return "\n".encode(codec) == b"\n" and not codec.startswith(("utf-16", "utf-32", "utf-7", "iso2022", "hz"))


def iter_lines(
    handle: BinaryIO,
    encoding: str = "auto",
    errors: str = "strict",
    source: str = "<stdin>",
    block_size: int = SNIFF_BYTES,
) -> tuple[str, Iterator[str | BadLine]]:
    """Decode a binary stream line by line (JSON lines): ``(encoding used, iterator of lines)``.

    Each line keeps its ``"\\n"`` (the last one may lack it). The encoding is chosen as
    :func:`iter_text` chooses it, except that with ``encoding="auto"`` bytes that are neither UTF-8
    nor windows-1256 Arabic are read as UTF-8: each line is decoded on its own (:func:`decode_lines`),
    and a line that does not decode comes as its bytes, a :class:`BadLine`, so one bad byte costs
    one line, not the file. In UTF-16 and UTF-32 (where a byte 0x0A need not be a line break) the
    text is decoded as :func:`iter_text` decodes it: a bad byte raises :class:`DecodeError`.

    >>> import io
    >>> name, lines = iter_lines(io.BytesIO(b'{"a": 1}\\n{"a": "\\xff"}\\n{"a": 3}'))
    >>> name, [line if isinstance(line, str) else line.reason for line in lines]
    ('utf-8', ['{"a": 1}\\n', 'not valid utf-8 at byte offset 16 (byte 0xff)', '{"a": 3}'])
    """
    name, first, rest = _start(handle, encoding, errors, source, block_size, lenient=True)
    if not _by_lines(name):
        return name, split_lines(_blocks(name, errors, first, rest, source, block_size))
    return name, decode_lines(_Chain(io.BytesIO(first), rest), name, errors, 0, block_size)  # type: ignore[arg-type]


def decode_lines(
    reader: BinaryIO, codec: str, errors: str = "strict", offset: int = 0, block_size: int = SNIFF_BYTES
) -> Iterator[str | BadLine]:
    """The lines of ``reader`` (from byte ``offset`` of its file), each decoded on its own in ``codec``,
    which reads byte 0x0A as a line break wherever it stands; a line that does not decode (or,
    in windows-1256, holds UTF-8 Arabic: mixed encodings) comes as a :class:`BadLine` whose reason
    names the offset in the file of its first bad byte. A UTF-8 BOM is dropped from the first line only.
    """
    later = "utf-8" if codec == "utf-8-sig" else codec
    current = codec
    pending: list[bytes] = []
    at = offset  # where the next line starts in the file
    while data := reader.read(block_size):
        start = 0
        while (nl := data.find(b"\n", start)) >= 0:
            if pending:
                pending.append(data[start : nl + 1])
                line = b"".join(pending)
                pending = []
            else:
                line = data[start : nl + 1]
            yield _decode_line(line, current, errors, at)
            current, at, start = later, at + len(line), nl + 1
        if start < len(data):
            pending.append(data[start:])
    if pending:
        yield _decode_line(b"".join(pending), current, errors, at)


def _decode_line(line: bytes, codec: str, errors: str, at: int) -> str | BadLine:
    try:
        text = line.decode(codec, errors)
    except UnicodeDecodeError as err:
        shown = "utf-8" if codec == "utf-8-sig" else codec
        return BadLine(line, f"not valid {shown} at byte offset {at + err.start} (byte 0x{line[err.start]:02x})")
    if codec == "cp1256" and (run := _utf8_arabic_run(line)) >= 0:
        return BadLine(line, f"windows-1256 text with UTF-8 at byte offset {at + run} (mixed encodings)")
    return text


def _read_full(handle: BinaryIO, n: int) -> bytes:
    """``n`` bytes from ``handle``, fewer only at its end (a pipe may hand out less at a time)."""
    data = handle.read(n)
    if len(data) >= n or not data:
        return data
    parts = [data]
    got = len(data)
    while got < n and (more := handle.read(n - got)):
        parts.append(more)
        got += len(more)
    return b"".join(parts)


_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _non_ascii_at(data: bytes) -> int:
    """Where the first byte that is not ASCII is in ``data`` (-1: none)."""
    if data.isascii():
        return -1
    found = _NON_ASCII.search(data)
    return found.start() if found is not None else -1  # pragma: no branch - not ASCII: found


class _Chain:
    """Read ``first`` (a spool of bytes read ahead), then ``then``."""

    def __init__(self, first: BinaryIO, then: BinaryIO):
        self.first: BinaryIO | None = first
        self.then = then

    def read(self, n: int = -1) -> bytes:
        if self.first is not None:
            data = self.first.read(n)
            if data:
                return data
            self.first.close()
            self.first = None
        return self.then.read(n)


def _seekable(handle: BinaryIO) -> bool:
    try:
        return bool(handle.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _sniff(
    handle: BinaryIO, first: bytes, size: int
) -> tuple[str | None, bytes, BinaryIO, bytes, int, bool]:
    """The encoding of a stream that starts with ``first`` (``size`` bytes were asked for): ``(name or
    None, bytes to decode first, where the rest comes from, the bytes that decided, their offset, whether
    they reach the end)``. The deciding bytes are the whole stream when it is shorter than ``size``,
    else the :data:`SNIFF_BYTES` from its first non-ASCII byte on."""
    final = len(first) < size
    at = _non_ascii_at(first)
    if final:  # all of it
        return _detect(first, True), first, handle, first, 0, True
    if at >= 0:
        window = first[at:]
        if len(window) < SNIFF_BYTES:  # too few bytes after it to decide
            want = SNIFF_BYTES - len(window)
            more = _read_full(handle, want)
            final = len(more) < want
            first += more
            window += more
        return _detect(window, final, later=at > 0), first, handle, window, at, final
    # An ASCII start: read on to the first non-ASCII byte, keeping nothing of what is passed.
    seekable = _seekable(handle)
    back = handle.tell() if seekable else 0
    spool = None
    if not seekable:
        import tempfile

        spool = tempfile.SpooledTemporaryFile(max_size=SNIFF_BYTES)  # noqa: SIM115 - closed by _Chain
    offset = len(first)  # of ``block`` in the stream
    while True:
        block = _read_full(handle, size)
        at = _non_ascii_at(block)
        if at < 0 and len(block) == size:
            offset += len(block)
            if spool is not None:
                spool.write(block)
            continue
        if at < 0:  # the end: ASCII through and through, which is UTF-8
            name, window, window_at, final = "utf-8", block, offset, True
            break
        window, final = block[at:], len(block) < size
        if not final and len(window) < SNIFF_BYTES:
            want = SNIFF_BYTES - len(window)
            more = _read_full(handle, want)
            final = len(more) < want
            window += more
            block += more
        name, window_at = _detect(window, final, later=True), offset + at
        break
    if spool is None:
        handle.seek(back)
        return name, first, handle, window, window_at, final
    spool.write(block)
    spool.seek(0)
    return name, first, _Chain(spool, handle), window, window_at, final  # type: ignore[arg-type]


def _undecodable(source: str, window: bytes, window_at: int, final: bool) -> DecodeError:
    """The error for bytes that ``--encoding auto`` takes for neither UTF-8 nor windows-1256 Arabic."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(window, final)
        at = 0
    except UnicodeDecodeError as err:
        at = err.start
    offset = window_at + at
    shown = f" (byte 0x{window[at]:02x})" if at < len(window) else ""
    return DecodeError(
        source,
        f"not valid UTF-8 at byte offset {offset}{shown} and not windows-1256 Arabic either; "
        "use --encoding NAME (or --errors replace)",
        offset,
    )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(value: object, **options: object) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` that always encodes to UTF-8.

    A file name that is not UTF-8 reaches Python with each undecodable byte as a lone surrogate
    (``surrogateescape``: byte 0xff is U+DCFF), which UTF-8 cannot carry; such a character is written
    as its JSON escape ``\\udcff``. ``json.loads`` gives back the same string, and ``os.fsencode`` of
    it the original bytes; every other character stays as it is.

    >>> json_text({"path": os.fsdecode(b"\\xd9\\x86\\xff.txt")})
    '{"path": "ن\\\\udcff.txt"}'
    """
    import json  # reports only: kept out of start-up

    out = json.dumps(value, ensure_ascii=False, **options)  # type: ignore[arg-type]
    if _LONE_SURROGATE.search(out) is None:
        return out
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


_UMASK: dict[int, int] = {}  # process id -> umask, read once per group of files (reading it means setting it)


def forget_umask() -> None:
    """Read the umask again for the next new file (a group of files starts: the caller may have changed it)."""
    _UMASK.pop(os.getpid(), None)


def _default_mode() -> int:
    pid = os.getpid()
    umask = _UMASK.get(pid)
    if umask is None:
        umask = os.umask(0)
        os.umask(umask)
        _UMASK[pid] = umask
    return 0o666 & ~umask


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_TEMP_NAMES: dict[int, tuple[str, itertools.count[int]]] = {}  # process id -> (random part, counter)


def _create_temp(folder: str) -> tuple[int, str]:
    """Create a new temporary file in ``folder`` (mode 0600, like ``tempfile.mkstemp``); returns (fd, path).

    Named ``.cleaner-tmp-<pid>-<random>-<n>``: unique within the process, never an existing file (``O_EXCL``).
    """
    pid = os.getpid()
    names = _TEMP_NAMES.get(pid)
    if names is None:
        names = _TEMP_NAMES[pid] = (os.urandom(4).hex(), itertools.count())
    for _ in range(100):
        path = os.path.join(folder, f"{TEMP_PREFIX}{pid}-{names[0]}-{next(names[1])}")
        try:
            return os.open(path, _TEMP_FLAGS, 0o600), path
        except FileExistsError:  # a leftover of an earlier process with this id
            _TEMP_NAMES[pid] = names = (os.urandom(4).hex(), names[1])
    raise FileExistsError(f"no free temporary file name in {folder}")


def _keep_owner(fd: int, old: os.stat_result) -> None:
    """Give the new file the owner and group of the file it replaces, as far as we may.

    Root may give any owner; another user may only pick one of its own groups: what is refused is left
    as the new file has it (the user who ran ``cleaner``). Done before ``fchmod``, which it could clear.
    """
    if not hasattr(os, "fchown"):  # Windows: no owners to keep
        return
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return
    with contextlib.suppress(OSError):
        os.fchown(fd, old.st_uid, old.st_gid)
        return
    with contextlib.suppress(OSError):  # not ours to give: keep at least the group if it is one of ours
        os.fchown(fd, -1, old.st_gid)


def _sync_folder(folder: str) -> None:
    """fsync ``folder``, so that a rename made in it survives a crash (POSIX). Skipped where a folder
    cannot be opened (no ``os.O_DIRECTORY``: Windows) and when opening or syncing it fails (some
    file systems refuse): the file itself was written and fsynced already."""
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | flag)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class AtomicWriter:
    """Write a file so that a crash leaves either the old file or the new one, whole.

    Bytes go to a temporary file in the target's folder (named ``.cleaner-tmp-<pid>-…``);
    :meth:`commit` flushes, fsyncs, copies the permission bits (and, as far as the user may, the
    owner and group) of the file it replaces, moves it over the target with ``os.replace`` and fsyncs
    the folder (where the system lets a folder be opened: POSIX), so the rename survives a crash
    too; :meth:`abort` (also on any exception in a ``with`` block) removes it and leaves the target
    untouched. A symbolic link target is written through: the file it points to is replaced, the
    link stays. ``link`` says whether ``path`` is a symbolic link when the caller already knows
    (``None``: look).

    :meth:`write` is buffered (many small pieces); :meth:`write_all` writes a whole output at once
    with no buffer in between. ``handle`` is the buffered file object, made on first use.
    """

    def __init__(self, path: Path | str, *, link: bool | None = None):
        if link is None:
            link = os.path.islink(path)
        self.path = Path(os.path.realpath(path)) if link else Path(path)
        self.folder = os.path.dirname(self.path) or "."
        self.fd, self.tmp = _create_temp(self.folder)
        self._handle: BinaryIO | None = None
        self.size = 0

    @property
    def handle(self) -> BinaryIO:
        if self._handle is None:
            self._handle = open(self.fd, "wb", buffering=io.DEFAULT_BUFFER_SIZE)  # noqa: SIM115 - closed by commit/abort
        return self._handle

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.size += len(data)

    def write_all(self, data: bytes) -> None:
        """Write ``data`` straight to the file (one system call for most outputs)."""
        if self._handle is not None:
            self._handle.write(data)
        else:
            view, done = memoryview(data), 0
            while done < len(view):
                done += os.write(self.fd, view[done:])
        self.size += len(data)

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()

    def commit(self) -> None:
        try:
            if self._handle is not None:
                self._handle.flush()
            os.fsync(self.fd)
            try:
                old = os.stat(self.path)
            except FileNotFoundError:
                mode = _default_mode()
            else:
                mode = old.st_mode & 0o7777
                _keep_owner(self.fd, old)
            os.fchmod(self.fd, mode)
            self._close()
            os.replace(self.tmp, self.path)
        except BaseException:
            self.abort()
            raise
        _sync_folder(self.folder)  # the rename is made durable (a crash now cannot undo it)

    def _close(self) -> None:
        fd, self.fd = self.fd, -1
        if self._handle is not None:
            self._handle.close()
        elif fd >= 0:
            os.close(fd)

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one, whole.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, take the
    permission bits of the file they replace, and are moved over it with ``os.replace``; the folder
    is fsynced then (see :class:`AtomicWriter`).
    """
    with AtomicWriter(path) as writer:
        writer.write(data)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody has reaped yet is a zombie: it writes nothing any more
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def cleanup_temp_files(folder: Path | str) -> list[str]:
    """Remove the temporary files that a killed run left in ``folder``; returns their names.

    A temporary file is only removed when the process that wrote it is gone, so a run going on at
    the same time in the same folder keeps its own.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        pid_text = entry.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and _pid_alive(int(pid_text)) and int(pid_text) != 0:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(entry.name)
    return removed
