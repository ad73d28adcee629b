"""Clean a text too big to hold whole as a stream of pieces, with output identical to cleaning it whole.

Every step of the pipeline becomes a *stage*: a generator that takes pieces of text and yields
pieces whose concatenation is exactly what the step makes of the concatenated input. Stages are
chained, each re-cutting its input at places where cutting cannot change the result:

- **line-local** steps (:data:`LINE_LOCAL`) look at nothing beyond the line they change, so they
  run on pieces cut right after a newline (a line is never split; a 50 MB line is one piece);
- ``boilerplate`` carries state from a related-article prompt to the next five headline-like lines
  and looks at the last lines of the article, so it is cut after a prose line (a finished sentence,
  neither furniture, apparatus nor a short closing line, repeating no earlier line, and no lead of
  another story unless it ends a run of six): the state resets there and no end rule reaches
  across; every piece but the last is cleaned without the end rules, the last one after the output
  before it (see :func:`_boilerplate_ok`);
- ``headings`` decides each line from its non-empty neighbours and from being the last, so it is cut
  between two consecutive prose lines (neither a heading candidate nor a list item, and ending a
  sentence or longer than a heading): every decision on both sides stays the same;
- ``duplicate_paragraphs`` runs line by line with its window of the last
  :data:`~cleaner.normalizers.structure.DUPLICATE_WINDOW` distinct paragraphs carried along as
  128-bit digests (the step uses the same window on a whole text): at most about 30 MB, whatever the
  size of the file;
- ``related_headlines`` decides each stack from the line above it, its lines and the line under it,
  so it is cut between two consecutive lines where no stack can span the cut (the line above is no
  line of a stack, the line below opens none, and neither is a line the step looks past:
  ``related_headlines.may_cut``); it also reads the last lines of the text (a stack over a block
  of leads closing it stays), so a piece is cleaned as text that does not end there once
  ``related_headlines.HELD_ROWS`` non-blank lines follow it, and the last ones together;
- ``bylines``, ``captions`` and ``datelines`` (``strict``) decide a line from itself except near the
  start and the end of the text, so they are cut after three and before four consecutive *plain*
  lines (lines none of them labels, not a bare name, no byline glued to the start, no time stamp):
  every piece then starts and ends as the whole text does there;
- ``whitespace`` runs on pieces cut after a newline; the non-empty results are joined by one ``"\\n"``
  (it makes one blank line between paragraphs and trims both ends of the whole text);
- ``html`` runs on pieces cut after a newline that no tag spans (``<p\nclass=x>``), also one the
  later steps reveal (``<a[[system-code:x]]\nhref=1>``: the step reads markup through them across
  lines, and the cut is decided on the same view); comments, ``<script>`` and ``<style>`` are never
  cut; markup hidden inside them, entities that decode to new markup, or a TREC ``<DOC>``/``<DOCNO>``
  left for the step (escaped or not depending on the whole text) raise :class:`StreamFallback`, and
  the caller cleans that file whole;
- ``wrappers`` only acts on a text holding a ``<DOC>`` (a TREC record): such a stream raises
  :class:`StreamFallback` too; otherwise it is a no-op.

The ``search`` profile's folds (``diacritics``, ``digits``, ``links``, ``teh_marbuta``,
``hamza_carriers``, ``elongation``) are line-local: their patterns never match a line break.

Memory is then bounded by the piece size times the number of stages, plus the distance between two
places where a stage may cut (a few lines in real text), not by the file size. That streamed output
equals whole output is a tested property (``tests/test_batch_stream.py``: every profile, generated
documents). Every profile streams.

**Not streamable** (:func:`stream_plan` returns ``None``; the file is cleaned whole, memory grows
with its size): a pipeline holding a step not listed here (a user's own, say). A step shown
line-local can join :data:`LINE_LOCAL` together with a case in ``tests/test_batch_stream.py``.
**Still read whole** (:class:`StreamFallback`): a text holding HTML comments, ``<script>`` or
``<style>``, or a TREC ``<DOC>`` record (``wrappers`` gathers every title of the file into its first
line); the memory of such a file grows with its size.
"""

from __future__ import annotations

import bisect
import collections
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .counting import bound_steps, changed_chars
from .pipeline import Pipeline
from .registry import get

__all__ = ["LINE_LOCAL", "StreamFallback", "stream_plan", "clean_blocks", "PIECE_CHARS"]

#: Steps whose output on text cut after a newline is the concatenation of their outputs on the parts.
LINE_LOCAL = frozenset({
    "unicode", "cms_markers", "tatweel", "alef", "yeh", "lookalikes", "punctuation",
    # the search profile's folds: character maps and patterns that never match a line break
    "diacritics", "digits", "links", "teh_marbuta", "hamza_carriers", "elongation",
})
#: Each stage works on pieces of about this many characters.
PIECE_CHARS = 1 << 18
#: What may open a ``script`` or ``style`` element (a "<" then "s" or "S"), as ``html`` checks first.
_SCRIPT_OR_STYLE = re.compile("<[sS]")

Pieces = Iterator[str]
Stage = Callable[[Pieces], Pieces]


class StreamFallback(Exception):
    """The text turned out to need whole-text cleaning (a ``<DOC>`` wrapper, HTML markup)."""


@dataclass(frozen=True)
class _Plan:
    stages: tuple[tuple[str, str, Callable[[str], str], dict], ...]  # (kind, name, func, extra)


def _apply(name: str, func: Callable[[str], str], text: str, counts: dict[str, int] | None) -> str:
    out = func(text)
    if counts is not None:
        n = changed_chars(text, out)
        if n:
            counts[name] = counts.get(name, 0) + n
    return out


def _rechunk(pieces: Iterable[str], find_cut: Callable[[str], int], target: int) -> Pieces:
    """Regroup pieces into pieces of about ``target`` characters cut where ``find_cut`` allows.

    ``find_cut(buf)`` returns an offset at which ``buf`` may be cut, or -1. A last piece without a
    final newline is joined to the one before it: steps that drop a line join the kept lines with
    newlines, so dropping the text's last line also drops the newline before it.
    """
    parts: list[str] = []
    size = 0
    next_try = target
    held: str | None = None
    for piece in pieces:
        if not piece:
            continue
        parts.append(piece)
        size += len(piece)
        if size < next_try:
            continue
        buf = "".join(parts)
        cut = find_cut(buf)
        if cut <= 0:
            parts, next_try = [buf], 2 * size  # no cut yet: look again when it has doubled
            continue
        rest = buf[cut:]
        parts, size, next_try = ([rest] if rest else []), len(rest), target
        if held is not None:
            yield held
        held = buf[:cut]
    rest = "".join(parts)
    if held is not None and rest and not rest.endswith("\n"):
        yield held + rest
        return
    if held is not None:
        yield held
    if rest:
        yield rest


def _last_newline(buf: str) -> int:
    return buf.rfind("\n") + 1 or -1


def _between_rows(ok: Callable[[str, str], bool]) -> Callable[[str], int]:
    """A cut finder: after a non-empty line ``a`` whose next non-empty line ``b`` is complete and ``ok(a, b)``."""

    def find(buf: str) -> int:
        pos = buf.rfind("\n") + 1  # complete lines end before pos
        nxt: str | None = None
        while pos > 0:
            start = buf.rfind("\n", 0, pos - 1) + 1
            line = buf[start : pos - 1]
            if line.strip():
                if nxt is not None and ok(line, nxt):
                    return pos
                nxt = line
            pos = start
        return -1

    return find


def _epigraph_safe(find: Callable[[str], int]) -> Callable[[str], int]:
    """``find`` (a cut finder for ``headings``), giving up each cut under which a run of epigraphs
    may still be waiting for its repeat: ``headings`` decides such a run from the title over it down
    to ``epigraphs.REACH`` lines under it (see ``epigraphs.open_epigraph``); an earlier cut is
    tried instead."""
    from .normalizers.epigraphs import REACH, open_epigraph

    def safe(buf: str) -> int:
        cut = find(buf)
        while cut > 0 and open_epigraph(_rows_before(buf, cut, REACH + 1)):
            cut = find(buf[:cut])  # (the cuts before it)
        return cut

    return safe


def _rows_before(buf: str, pos: int, count: int) -> list[str]:
    """The last ``count`` non-empty lines of ``buf`` before ``pos`` (a line start), in order."""
    rows: list[str] = []
    end = pos - 1
    while end >= 0 and len(rows) < count:
        start = buf.rfind("\n", 0, end) + 1
        if buf[start:end].strip():
            rows.append(buf[start:end])
        end = start - 1
    return rows[::-1]


def _headings_ok(max_words: int) -> Callable[[str, str], bool] | None:
    try:
        from .normalizers.headings import _LIST_MARKER, _MARKDOWN_HEADING, _SENTENCE_END, _core, _is_candidate

        def prose(line: str) -> bool:
            if "\r" in line.rstrip("\r") or _LIST_MARKER.match(line) or _MARKDOWN_HEADING.match(line):
                return False  # (a "## heading" is one wherever it stands)
            core = _core(line)
            if _is_candidate(line, core, max_words):
                return False
            return bool(_SENTENCE_END.search(core)) or len(core.split()) > max_words

        prose("نص طويل ينتهي بنقطة.")
    except Exception:  # the headings module changed shape: do not stream through it
        return None
    return lambda a, b: prose(a) and prose(b)


def _boilerplate_ok(phrases: tuple[str, ...]) -> Callable[[list[str], list[int], int], int] | None:
    """How ``boilerplate`` is cut: ``ok(rows, filled, n)`` tells whether the stream may be cut after
    ``rows[filled[n]]`` (``filled``: the non-empty rows; a complete line, with a complete non-empty
    line after it) as far as the line and the five above it show, and how many lines end there
    (1, or 6 for a lead-shaped line); :class:`_BoilerplateCuts` checks what depends on the text
    before (repeats) and on the step's result (the lines stay as they are).

    A cut goes after a *reset* line ``a``: not furniture, not a headline a prompt could take, not a
    short line or a note that could close the article, ending a sentence, no apparatus (a line
    ``structure`` labels wherever it stands, or a bare name), repeating no earlier line (in the
    reach of ``boilerplate``'s repeats, as the text is read and as it is cleaned) and left as it is
    by the step. It may have the shape of another story's lead (``_teaser_line``) only as the last
    of six such lines, each of them so too.

    Why streamed equals whole. The step's rules are of two sorts. The prompt's state runs forward
    and resets at ``a``. The closing rules (closing furniture block, closing series, notes about
    the text, the block of other stories' leads) read the text from its end upwards, looking past
    the lines other rules drop, repeats of earlier lines and apparatus, and act only at the end of
    the text. Every piece but the last is cleaned as text that does not end there: no closing
    rule, as in the whole text, where none acts so far from the end, because none reads past
    ``a``: ``a`` stays (no rule drops a reset line that is neither lead-shaped nor looked past),
    is neither a series item, a note nor a short closing line, and is not looked past (no repeat,
    no apparatus), so each stops at it; a lead-shaped ``a`` closes a run of six leads, and the
    block rule gives up on a run of over five, or on sixteen lines read without the block's end
    (it reads no further). The last piece is cleaned after the cleaned text before it
    (``boilerplate._after``, as ``_by_parts`` gives its closing part what stands before it): the
    repeats and the article text above a closing block or series are those of the whole text, and
    a block of leads reaching the piece's start under a lead-shaped line is left alone, as the
    whole text leaves it (a run of six or more)."""
    try:
        from .normalizers.boilerplate import _SENTENCE_END, _apparatus, _headline_like, _teaser_line, _trailing_ok, line_kind

        def reset(line: str) -> bool:
            return (
                "\r" not in line.rstrip("\r")
                and bool(_SENTENCE_END.search(line))
                and not _trailing_ok(line)
                and not _headline_like(line)
                and line_kind(line, phrases) is None
                and not _apparatus(line)
            )

        reset("نص طويل ينتهي بنقطة.")
    except Exception:
        return None

    def ok(rows: list[str], filled: list[int], n: int) -> int:
        """0: no cut after ``rows[filled[n]]``; else how many lines end there that must not be
        repeats and must stay as they are (1, or 6 for a lead-shaped line)."""
        a = rows[filled[n]]
        if not reset(a):
            return 0
        if not _teaser_line(a):
            return 1
        if n < 5 or not all(_teaser_line(rows[k]) and not _apparatus(rows[k]) for k in filled[n - 5 : n]):
            return 0
        return 6

    return ok


class _BoilerplateCuts:
    """The cut finder of ``boilerplate``'s stage (see :func:`_boilerplate_ok`), and the pieces it cut
    already cleaned (``inner``: as text that does not end there). Repeats are told by coarse keys
    (``structure._coarse_keys``: lines with the same key as ``duplicate_paragraphs`` compares them
    share one; a shared coarse key only makes the finder look on). It keeps those of the lines cut
    off, as read and as cleaned, while their output is within the last 2**16 + 1 characters: the
    step looks no further back for a repeat (within the text as cleaned so far, never shorter than
    its output)."""

    def __init__(self, ok: Callable[[list[str], list[int], int], int], inner: Callable[[str], str]):
        from .normalizers.boilerplate import _series_line
        from .normalizers.structure import _coarse_keys

        self.ok, self.inner, self.coarse, self.series_line = ok, inner, _coarse_keys, _series_line
        self.raw = ""  # the last 2**16 + 1 characters cut off, as read
        self.series: dict[str, int] = {}  # closing series items met, by first word (up to 3)
        # (raw, series) after each of the last pieces cut off: the last piece may be joined to the
        # one before it (see _rechunk), and is then read after what came before that one
        self.after: collections.deque[tuple[int, str, tuple[tuple[str, int], ...]]] = collections.deque([(0, "", ())], maxlen=3)
        self.cleaned: dict[str, str] = {}
        self.window: collections.deque[tuple[int, list[bytes]]] = collections.deque()  # (output size, keys)
        self.counts: dict[bytes, int] = {}
        self.size = 0

    def _keys(self, lines: list[str]) -> list[bytes]:
        """The coarse keys of ``lines``."""
        return self.coarse("\n".join(lines), lines) if lines else []  # (blank: b"", never a repeat here)

    def _add(self, keys: list[bytes], size: int) -> None:
        counts = self.counts
        keys = [k for k in keys if k]
        self.window.append((size, keys))
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
        self.size += size
        while len(self.window) > 1 and self.size - self.window[0][0] > 1 << 16:
            old, gone = self.window.popleft()
            self.size -= old
            for k in gone:
                n = counts[k] - 1
                if n:
                    counts[k] = n
                else:
                    del counts[k]

    def find(self, buf: str) -> int:
        end = buf.rfind("\n") + 1  # complete lines end before end
        if end <= 0:
            return -1
        rows = buf[:end].split("\n")[:-1]
        filled = [j for j, r in enumerate(rows) if r.strip()]
        # The lines as the step splits them (a CR ends a line too), each with the row it is in.
        if "\r" in buf:
            lines: list[str] = []
            owner: list[int] = []
            at: list[int] = []  # the index in lines of each row's first line
            for j, row in enumerate(rows):
                at.append(len(lines))
                parts = (row[:-1] if row.endswith("\r") else row).split("\r")
                lines += parts
                owner += [j] * len(parts)
        else:
            lines, owner, at = rows, range(len(rows)), range(len(rows))  # type: ignore[assignment]
        keys = self._keys(lines)
        first: dict[bytes, int] = {}  # the first row holding a line of each key
        for k, j in zip(keys, owner, strict=True):
            if k:
                first.setdefault(k, j)
        tries = 0
        for n in range(len(filled) - 2, -1, -1):  # the last non-empty line has no next one
            m = self.ok(rows, filled, n)
            if not m:
                continue
            ends = filled[n - m + 1 : n + 1]
            mine = {keys[at[j]] for j in ends}  # (a reset line holds no CR but at its end)
            if len(mine) < m or b"" in mine or any(k in self.counts or first[k] < ends[0] for k in mine):
                continue  # a repeat, as read: of a line cut off before, or in this piece
            cut = sum(len(r) + 1 for r in rows[: filled[n] + 1])
            piece = buf[:cut]
            out = self.inner(piece)
            kept = out.split("\n")
            last = [x for x in kept if x.strip()][-m:]
            read = set(lines[: at[filled[n]] + 1])
            changed = self._keys([x for x in kept if x not in read])  # (the others' keys are known)
            if last != [rows[j].rstrip("\r") for j in ends] or any(k in mine for k in changed):
                tries += 1  # changed, or a repeat of a line as cleaned: look on, or later
                if tries == 2:
                    return -1
                continue
            self._add(keys[: at[filled[n]] + 1] + changed, len(out))
            self.raw = (self.raw + _lf(piece))[-(1 << 16) - 1 :]
            for line in lines[: at[filled[n]] + 1] if 3 not in self.series.values() else ():
                if self.series_line(line):
                    word = line.split(None, 1)[0]
                    self.series[word] = min(3, self.series.get(word, 0) + 1)
            self.after.append((self.after[-1][0] + 1, self.raw, tuple(self.series.items())))
            self.cleaned[piece] = out
            return cut
        return -1


def stream_plan(pipeline: Pipeline) -> _Plan | None:
    """How ``pipeline`` is streamed, or ``None`` when it must see the whole text."""
    stages = []
    for step, (name, func) in zip(pipeline.steps, bound_steps(pipeline), strict=True):
        params = dict(step.params)
        if name in LINE_LOCAL:
            stages.append(("local", name, func, {}))
        elif name == "whitespace":
            stages.append(("whitespace", name, func, {}))
        elif name == "headings":
            ok = _headings_ok(params.get("max_words", 10))
            if ok is None:
                return None
            stages.append(("cut", name, func, {"finder": _epigraph_safe(_between_rows(ok))}))
        elif name == "boilerplate":
            phrases = tuple(params.get("phrases", ()))
            finder = _boilerplate_ok(phrases)
            later = {st.name for st in pipeline.steps[len(stages) + 1 :]}
            if finder is None or not later & {"duplicate_paragraphs", "headings", "whitespace"}:
                return None
            try:
                from .normalizers.boilerplate import _after, _Read
            except ImportError:
                return None
            # boilerplate turns CR line ends into LF when it finds furniture anywhere in the text;
            # the stream does so in every piece, and a later step turns them into LF anyway.
            # Every piece but the last is cleaned as text that does not end there (no closing rule),
            # the last one after the output before it (see _boilerplate_ok).
            inner = lambda text: _after(_lf(text), phrases, None)  # noqa: E731
            last = lambda text, before, raw, series: _after(_lf(text), phrases, before, _Read(raw, series))  # noqa: E731
            stages.append(("boilerplate", name, func, {"ok": finder, "inner": inner, "last": last}))
        elif name == "related_headlines":
            try:
                from .normalizers.related_headlines import HELD_ROWS, _related, may_cut
            except ImportError:
                return None
            inner = lambda text: _related(text, last=False)  # noqa: E731
            stages.append(("related", name, func, {"ok": may_cut, "inner": inner, "held": HELD_ROWS}))
        elif name == "duplicate_paragraphs":
            try:
                from .normalizers.structure import DuplicateWindow, _key, _long
            except ImportError:
                return None
            min_words = params.get("min_words", get(name).defaults["min_words"])
            stages.append(("dedupe", name, func, {"min_words": min_words, "key": _key, "long": _long, "window": DuplicateWindow}))
        elif name in ("bylines", "captions", "datelines"):
            plain = _structure_plain()
            if plain is None:
                return None
            stages.append(("cut", name, func, {"finder": _plain_run(plain)}))
        elif name == "html":
            try:
                from .normalizers.html import _ELEMENT_OPEN, _HIDING_CLASS
                from .normalizers.html import _TAG_OPEN as _TAG
                from .normalizers.html import _later as reveal
            except ImportError:
                return None
            # a "<" with a character that later steps delete (or a CMS marker) before the next "<"
            # or ">", where they may hide markup (linear: each scan stops at the next "<"); or an
            # "&lt;" with one within a TREC field's name ("&lt;DO\u200bC>", six at most)
            odd = re.compile(f"<[^<>{_HIDING_CLASS}]{{0,4100}}[{_HIDING_CLASS}]|&lt;[^<>{_HIDING_CLASS}]{{0,6}}[{_HIDING_CLASS}]")
            stages.append(("html", name, func, {"tag": _TAG, "opener": _ELEMENT_OPEN, "reveal": reveal, "odd": odd}))
        elif name == "wrappers":
            # It only acts on text holding a TREC record, and then on each record by itself: a
            # stream is cut before a line opening a record (see _records).
            try:
                from .normalizers.wrappers import is_trec, unwrap_records
            except ImportError:
                stages.append(("guard", name, func, {"trips": lambda piece: "<DOC>" in piece}))
            else:
                stages.append(("records", name, func, {"is_trec": is_trec, "unwrap": unwrap_records}))
        else:
            return None
    return _Plan(tuple(stages))


def _stage(kind: str, name: str, func: Callable[[str], str], extra: dict, counts: dict[str, int] | None, target: int) -> Stage:
    if kind == "local":
        return lambda pieces: (_apply(name, func, p, counts) for p in _rechunk(pieces, _last_newline, target))
    if kind == "cut":
        finder = extra["finder"] if "finder" in extra else _between_rows(extra["ok"])
        return lambda pieces: _cut(pieces, name, func, finder, counts, target)
    if kind == "boilerplate":
        return lambda pieces: _boilerplate(pieces, name, extra, counts, target)
    if kind == "related":
        return lambda pieces: _related(pieces, name, func, extra, counts, target)
    if kind == "whitespace":
        return lambda pieces: _whitespace(pieces, name, func, counts, target)
    if kind == "dedupe":
        return lambda pieces: _dedupe(pieces, name, func, extra, counts, target)
    if kind == "html":
        return lambda pieces: _html(pieces, name, func, extra, counts, target)
    if kind == "guard":
        return lambda pieces: _guard(pieces, extra["trips"], target)
    if kind == "records":
        return lambda pieces: _records(pieces, name, extra, counts, target)
    raise ValueError(kind)  # pragma: no cover


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _rows3(piece: str) -> int:
    """The number of non-empty lines in ``piece``, counted up to 3."""
    rows = start = 0
    while rows < 3 and start <= len(piece):
        end = piece.find("\n", start)
        end = len(piece) if end < 0 else end
        if piece[start:end].strip():
            rows += 1
        start = end + 1
    return rows


def _cut(pieces: Pieces, name: str, func: Callable[[str], str], finder: Callable[[str], int], counts: dict[str, int] | None, target: int) -> Pieces:
    """A step cleaned piece by piece, cut where ``finder`` allows; the last piece keeps at least three
    non-empty lines (or all there are), because ``headings`` leaves a text of fewer alone."""
    held: collections.deque[tuple[str, int]] = collections.deque()
    after_first = 0  # non-empty lines (up to 3 a piece) in the held pieces after the first
    for piece in _rechunk(pieces, finder, target):
        rows = _rows3(piece)
        if held:
            after_first += rows
        held.append((piece, rows))
        while len(held) > 1 and after_first >= 3:
            first, _ = held.popleft()
            after_first -= held[0][1]
            yield _apply(name, func, first, counts)
    if held:
        yield _apply(name, func, "".join(p for p, _ in held), counts)


def _boilerplate(pieces: Pieces, name: str, extra: dict, counts: dict[str, int] | None, target: int) -> Pieces:
    """``boilerplate`` over a stream (see :func:`_boilerplate_ok`): every piece but the last as text
    that does not end there (cleaned by the cut finder, which checks the result), the last one after
    the output before it."""
    cuts = _BoilerplateCuts(extra["ok"], extra["inner"])
    last = extra["last"]
    prev: str | None = None
    done = ""  # the last 2**16 + 1 characters of the output so far
    given = 0  # pieces given out before the last
    for piece in _rechunk(pieces, cuts.find, target):
        if prev is not None:
            out = cuts.cleaned.pop(prev, None)
            if out is None:  # pragma: no cover (every piece but the last was cleaned by the finder)
                out = extra["inner"](prev)
            if counts is not None:
                n = changed_chars(prev, out)
                if n:
                    counts[name] = counts.get(name, 0) + n
            done = (done + out)[-(1 << 16) - 1 :]
            given += 1
            yield out
        prev = piece
    cuts.cleaned.clear()
    if prev is not None:
        _, raw, series = next(a for a in cuts.after if a[0] == given)
        yield _apply(name, lambda text: last(text, done, raw, series), prev, counts)


def _related(pieces: Pieces, name: str, func: Callable[[str], str], extra: dict, counts: dict[str, int] | None, target: int) -> Pieces:
    """``related_headlines`` over a stream: cut between two lines where no stack spans the cut
    (``related_headlines.may_cut``); a piece is cleaned as text that does not end there once at
    least ``HELD_ROWS`` non-blank lines follow it (the rule's look from the end of the text reads
    no further up), the last pieces together as the end of the text."""
    inner, least = extra["inner"], extra["held"]
    held: collections.deque[tuple[str, int]] = collections.deque()
    after_first = 0  # non-blank lines in the held pieces after the first
    for piece in _rechunk(pieces, _between_rows(extra["ok"]), target):
        rows = sum(1 for line in piece.split("\n") if line.strip())
        if held:
            after_first += rows
        held.append((piece, rows))
        while len(held) > 1 and after_first >= least:
            first, _ = held.popleft()
            after_first -= held[0][1]
            yield _apply(name, inner, first, counts)
    if held:
        yield _apply(name, func, "".join(p for p, _ in held), counts)


def _whitespace(pieces: Pieces, name: str, func: Callable[[str], str], counts: dict[str, int] | None, target: int) -> Pieces:
    emitted = False
    for piece in _rechunk(pieces, _last_newline, target):
        out = _apply(name, func, piece, counts)
        if out:
            if emitted:
                yield "\n"
            emitted = True
            yield out


def _dedupe(pieces: Pieces, name: str, func: Callable[[str], str], extra: dict, counts: dict[str, int] | None, target: int) -> Pieces:
    """``duplicate_paragraphs`` over a stream: "\\n".join of the kept lines, with its window of the last
    ``DUPLICATE_WINDOW`` distinct paragraphs carried along as 16-byte digests (bounded memory; the
    step itself uses the same window, so the output is the same)."""
    min_words, key, long = extra["min_words"], extra["key"], extra["long"]
    chunks = _rechunk(pieces, _last_newline, target)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None:  # the whole text is one piece: the step itself decides (one line, etc.)
        yield _apply(name, func, first, counts)
        return
    window = extra["window"]()
    blake2b = hashlib.blake2b
    started = False

    def run(piece: str, last: bool) -> str:
        nonlocal started
        out = []
        parts = _lf(piece).split("\n")
        if not last:
            parts.pop()  # the "" after the final newline: the next piece starts the next line
        for line in parts:
            if long(line, min_words) and not window.add(blake2b(key(line).encode("utf-8", "surrogatepass"), digest_size=16).digest()):
                continue
            out.append(("\n" if started else "") + line)
            started = True
        result = "".join(out)
        if counts is not None:
            n = changed_chars(piece, result)
            if n:
                counts[name] = counts.get(name, 0) + n
        return result

    previous = first
    for piece in itertools.chain([second], chunks):
        yield run(previous, False)
        previous = piece
    yield run(previous, True)


def _structure_plain() -> Callable[[str], int] | None:
    """A line the strict steps (``bylines``, ``captions``, ``datelines``) leave alone wherever it
    stands: no label of its own, not a bare name, no byline glued to its start, no time stamp (the
    head of the article reaches past time stamps under the title). The function gives 0 for another
    line, 2 for a plain line of a pull quote's shape (``pull_quotes.shape``: such a line is no window
    line of a pull quote, and two in a row end its window), 1 for the others."""
    try:
        from .normalizers.pull_quotes import shape
        from .normalizers.structure import _local_label, _name_only, _stamp, byline_prefix

        def plain(line: str) -> int:
            if "\r" in line.rstrip("\r"):
                return 0
            if line.rstrip().endswith((":", "：")):  # a credit line ("فلان الفلاني:") under a title
                return 0
            if _stamp(line):  # a time stamp: the head of the article (where a one-place dateline goes) reaches past it
                return 0
            for form in {line, line.rstrip("\r"), line.strip().lstrip("?").strip()}:
                if _local_label(form) is not None or _name_only(form) or byline_prefix(form):
                    return 0
            return 2 if shape(line.rstrip("\r")) else 1

        plain("نص طويل ينتهي بنقطة.")
    except Exception:  # the structure module changed shape: do not stream through it
        return None
    return plain


def _plain_run(plain: Callable[[str], int], before: int = 4, after: int = 4) -> Callable[[str], int]:
    """A cut finder for the strict steps: ``before`` consecutive plain non-empty lines, then the
    cut, then ``after`` more (blank lines between them allowed), all complete.

    Those steps decide a line from itself, except near the start and the end of the text: the
    title (the first line with no label) and the head under it (up to the first such line that is
    no bare name or time stamp), where a one-place dateline is one; a bare name or a credit under
    the title (the first four lines with no label); a byline glued to one of the first three lines;
    a signature over a dateline only past the fourth line with no label; and a closing name (the
    last two). Each piece then starts and ends as the whole text does there: the first piece holds
    the text's title and head (they end by the second plain line before the cut); a later piece
    starts with four plain lines, so its own title and head end among them, none of the rules of
    the first four lines fires, and a signature after them is past the fourth, as in the whole
    text; every piece but the last ends with four plain lines, so no closing rule fires there.

    ``captions`` compares a pull quote with the lines up to four window lines above it and four
    below (``pull_quotes``), and looks no further than two lines in a row of a pull quote's shape
    (``plain`` gives 2): the lines before the cut are four window lines (1) or end with two such
    lines, and the lines after it are four window lines or start with two such lines.
    """
    window = before + after

    def find(buf: str) -> int:
        pos = buf.rfind("\n") + 1  # complete lines end before pos
        starts: list[int] = []  # starts of the plain non-empty lines in the current run, latest first
        kinds: list[int] = []  # what plain gave them
        while pos > 0:
            start = buf.rfind("\n", 0, pos - 1) + 1
            line = buf[start : pos - 1]
            if line.strip():
                got = plain(line)
                if got:
                    starts.append(start)
                    kinds.append(got)
                    if len(starts) >= window:
                        k = len(starts) - window  # the run's last lines: k (the latest) to k + window - 1
                        below, above = kinds[k : k + after], kinds[k + after : k + window]
                        if (all(g == 1 for g in above) or above[0] == above[1] == 2) and (
                            all(g == 1 for g in below) or below[-1] == below[-2] == 2
                        ):
                            return starts[k + after - 1]
                else:
                    starts.clear()
                    kinds.clear()
            pos = start
        return -1

    return find


def _tags_closed(text: str, tag: re.Pattern[str], end: int | None = None, reveal: Callable[[str], str] | None = None) -> bool:
    """Whether no HTML tag could start before ``end`` and close after it (also one that ``reveal``,
    the later steps as ``html`` sees them, would show: ``<sp\u200can``, ``<a[[system-code:x]]``).
    ``tag`` matches (``tag.match(text, pos, endpos)``) where a tag opening at ``pos`` is still open
    at ``endpos``: ``html._TAG_OPEN``."""
    end = len(text) if end is None else end
    last = max(text.rfind("<", 0, end), -1)
    if last < 0:
        return True
    gt = text.find(">", last, end)
    if gt >= 0:  # closed by that '>', unless it stands in a quoted value (title="a > b")
        return (text.find('"', last, gt) < 0 and text.find("'", last, gt) < 0) or tag.match(text, last, end) is None
    # The last '<' is open: harmless unless it starts a tag that would close after ``end``.
    return tag.match(text, last, end) is None and (reveal is None or tag.match(reveal(text[last:end])) is None)


def _html_blocked(
    buf: str, reveal: Callable[[str], str], opener: re.Pattern[str], odd: re.Pattern[str]
) -> tuple[list[tuple[int, int]], int] | None:
    """Where ``html`` drops a comment or a ``script``/``style`` element in ``buf`` (spans no cut may
    fall inside), and where the first one still open at the end of ``buf`` starts (no cut after it).

    Found as ``html`` finds them: comments first, left to right, then elements in the text without
    its comments. ``None`` when an opening ``<!--``, ``<script`` or ``<style`` is hidden by
    characters that the later steps (``reveal``) delete (``odd`` finds a "<" followed by one before
    its ">"), or when lowercasing changes the length:
    positions are then not the step's own. (A hidden *closing* one only makes a span shorter.)

    >>> _html_blocked("a\\n<!-- x\\ny -->\\nb\\n<script>\\n", lambda t: t, re.compile("<(script)>"), re.compile("\\x00"))
    ([(2, 14)], 17)
    """
    if "<" not in buf:
        return [], len(buf)
    if odd.search(buf) is not None:
        revealed = reveal(buf)
        if revealed.count("<!--") != buf.count("<!--") or len(opener.findall(revealed)) != len(opener.findall(buf)):
            return None
    if "<!--" not in buf and _SCRIPT_OR_STYLE.search(buf) is None:
        return [], len(buf)
    if len(buf.lower()) != len(buf):
        return None
    spans: list[tuple[int, int]] = []
    kept: list[tuple[int, int]] = []  # the parts of buf left once its comments are dropped
    limit = len(buf)
    i = 0
    while (j := buf.find("<!--", i)) >= 0:
        k = buf.find("-->", j + 4)
        if k < 0:
            limit = j  # it may close in a later piece
            break
        kept.append((i, j))
        spans.append((j, k + 3))
        i = k + 3
    kept.append((i, limit))
    if _SCRIPT_OR_STYLE.search(buf) is None:
        return spans, limit
    text = "".join(buf[a:b] for a, b in kept)
    starts = list(itertools.accumulate((b - a for a, b in kept), initial=0))

    def raw(pos: int) -> int:  # a position in ``text`` back in ``buf``
        n = bisect.bisect_right(starts, pos) - 1
        n = min(n, len(kept) - 1)
        return kept[n][0] + pos - starts[n]

    lower = text.lower()
    pos = 0
    while (m := opener.search(text, pos)) is not None:
        close = lower.find(f"</{m.group(1).lower()}", m.end())
        end = lower.find(">", close) if close >= 0 else -1
        if end < 0:  # it may close (or end) in a later piece
            limit = min(limit, raw(m.start()))
            break
        spans.append((raw(m.start()), raw(end) + 1))
        pos = end + 1
    merged: list[tuple[int, int]] = []  # an element may hold comments: sorted, nested ones merged
    for a, b in sorted(spans):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged, limit


def _html(pieces: Pieces, name: str, func: Callable[[str], str], extra: dict, counts: dict[str, int] | None, target: int) -> Pieces:
    """``html`` on pieces cut after a newline that no tag, comment, script or style spans (also one
    that the later steps reveal, as ``html`` itself sees them: ``reveal`` is ``html._later``), and
    before any comment, script or style still open (which may close in a later piece). Markup the
    later steps would reveal inside a comment or element, new markup made by decoding, or a TREC
    field left in the output makes the stream fall back."""
    tag, opener, reveal, odd = extra["tag"], extra["opener"], extra["reveal"], extra["odd"]

    def find(buf: str) -> int:
        blocked = _html_blocked(buf, reveal, opener, odd)
        if blocked is None:
            raise StreamFallback("HTML comments, scripts or styles hidden by invisible marks: the text is cleaned whole")
        spans, limit = blocked
        pos = buf.rfind("\n", 0, limit) + 1
        while pos > 0:
            n = bisect.bisect_left(spans, (pos,)) - 1  # the last span starting before pos
            if n >= 0 and spans[n][1] > pos:  # pos falls inside it: look before its start
                pos = buf.rfind("\n", 0, spans[n][0]) + 1
                continue
            if _tags_closed(buf, tag, pos, reveal):
                return pos
            # a tag opening at the last '<' before pos is open at every line start after that '<'
            # too (its reading up to one is a part of its reading up to pos): look before it
            pos = buf.rfind("\n", 0, buf.rfind("<", 0, pos)) + 1
        return -1

    for piece in _rechunk(pieces, find, target):
        if "<" not in piece and "&" not in piece:
            yield piece
            continue
        if _html_blocked(piece, reveal, opener, odd) is None:
            raise StreamFallback("HTML comments, scripts or styles hidden by invisible marks: the text is cleaned whole")
        if "<![CDATA[" in piece:  # a section may span a cut (html drops its brackets when it is closed)
            raise StreamFallback("a CDATA section: the text is cleaned whole")
        out = _apply(name, func, piece, counts)
        if "<!--" in out or "-->" in out or not _tags_closed(out, tag, None, reveal):
            raise StreamFallback("HTML that decodes to new markup: the text is cleaned whole")
        if _trec_fields(out, reveal, odd):
            raise StreamFallback("TREC fields left for html (escaped or not by the whole text): the text is cleaned whole")
        yield out


#: A TREC record's ``<DOC>`` or ``<DOCNO>`` as ``html`` leaves it in its output: as it is, or escaped.
_TREC_SIGNS = re.compile("(?:<|&lt;)(?:DOC(?:NO)?|doc(?:no)?)>")


def _trec_fields(out: str, reveal: Callable[[str], str], odd: re.Pattern[str]) -> bool:
    """Whether ``html``'s output ``out`` holds a ``<DOC>`` or ``<DOCNO>`` (also one escaped, or hidden
    by what ``reveal`` deletes: ``odd`` finds where). ``html`` escapes a TREC field only when its whole
    text, seen through the later steps, holds a record (both of those): a piece cannot tell, so the
    text is read whole. (``wrappers`` has unwrapped the records by then: such fields are rare, crafted
    leftovers.)"""
    if "<" not in out and "&lt;" not in out:
        return False
    return _TREC_SIGNS.search(reveal(out) if odd.search(out) else out) is not None


def _guard(pieces: Pieces, trips: Callable[[str], bool], target: int) -> Pieces:
    """A step that is a no-op unless some piece ``trips`` it; then the text is cleaned whole."""
    for piece in _rechunk(pieces, _last_newline, target):
        if trips(piece):
            raise StreamFallback("a <DOC> record: the text is cleaned whole")
        yield piece


def _record_cuts() -> Callable[[str], int]:
    """A cut finder for ``wrappers``: after any line until a ``<DOC>`` shows, then only before a line
    that opens a ``<DOC>`` record (a record is never cut). It sees the text in order, so it knows."""
    seen = False

    def find(buf: str) -> int:
        nonlocal seen
        seen = seen or "<DOC>" in buf
        if seen:
            return buf.rfind("\n<DOC>") + 1 or -1
        return _last_newline(buf)

    return find


def _records(pieces: Pieces, name: str, extra: dict, counts: dict[str, int] | None, target: int) -> Pieces:
    """``wrappers`` over a stream of TREC records, cut before the lines that open a record; the
    outputs of the pieces are joined with a blank line, as the step joins its records.

    Whether the text is a TREC file at all is decided on the whole text, so plain text before the
    first record is held back (up to four pieces) until a record shows; plain text longer than
    that passes unchanged, and a record after it, or a ``<DOC>`` without a ``<DOCNO>`` in its
    piece, makes the stream fall back.
    """
    is_trec, unwrap = extra["is_trec"], extra["unwrap"]
    records = passed = emitted = False
    held: list[str] = []
    held_size = 0
    for piece in _rechunk(pieces, _record_cuts(), target):
        if "<doc>" in piece or "<docno>" in piece:  # maybe a record in lower case, which the cuts do not see
            raise StreamFallback("a <doc> record in lower case: the text is cleaned whole")
        if not records:
            if "<DOC>" not in piece and "<DOCNO>" not in piece:
                held.append(piece)
                held_size += len(piece)
                if held_size > 4 * target:  # a long plain text: it passes as it is
                    passed = True
                    yield from held
                    held, held_size = [], 0
                continue
            piece = "".join(held) + piece
            held = []
            if passed or not is_trec(piece):
                raise StreamFallback("a <DOC> record after plain text, or without <DOCNO>: the text is cleaned whole")
            records = True
        out = _apply(name, lambda text: unwrap(_lf(text)), piece, counts)
        if out:
            if emitted:
                yield "\n"
            emitted = True
            yield out
    yield from held  # plain text that never met a record


def clean_blocks(
    pipeline: Pipeline,
    blocks: Iterable[str],
    counts: dict[str, int] | None = None,
    target: int = PIECE_CHARS,
) -> Iterator[str]:
    """Clean the text made of ``blocks``; the pieces yielded join to ``pipeline("".join(blocks))``.

    A pipeline that cannot stream is run on the joined text. :class:`StreamFallback` is raised when
    the text needs whole cleaning after all (see the module docstring); nothing about the input is
    lost, the caller reads it again. ``counts`` receives per-step change counts summed over pieces.

    >>> from cleaner import resolve
    >>> text = "سطر أول طويل فيه كلمات كثيرة.\\n■ عنوان:\\nسطر ثان طويل فيه كلمات أكثر.\\n" * 3
    >>> pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
    >>> "".join(clean_blocks(resolve("default"), pieces, target=1)) == resolve("default")(text)
    True
    """
    plan = stream_plan(pipeline)
    if plan is None:
        from .counting import run_counted

        yield run_counted(pipeline, "".join(blocks), counts)
        return
    stream: Pieces = iter(blocks)
    for kind, name, func, extra in plan.stages:
        stream = _stage(kind, name, func, extra, counts, target)(stream)
    if not plan.stages:
        yield "".join(stream)
        return
    yield from stream
