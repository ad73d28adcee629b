"""Measure the structure detectors against the hand labels in ``eval/labels/*.tsv``.

Run from the repository root::

    python eval/structure.py                 # figures, overall and per split, plus every miss
    python eval/structure.py --no-misses     # figures only
    python eval/structure.py --tune part1,part2 --held-out part3

Each article of ``../shared/corpus/articles`` goes through the steps of the ``strict`` profile in
their pipeline order, line by line, with the very detectors the normalizers use:
``wrappers.trec_roles`` and ``html`` (markup lines), ``boilerplate.classify_boilerplate``,
``boilerplate.glued_spans`` and ``related_headlines.classify_related`` (furniture lines and spans),
``structure.classify_lines`` (bylines,
captions, datelines) and ``headings.heading_decisions`` (sub-headings). Letter-level steps run on
each line in between, as in the pipeline. Each labelled line then gets the label of the step that
removed or marked it (``paragraph`` when none did), and the script prints precision and recall per
label, glued-span figures, and every miss as ``file:line expected got snippet``.

Without ``../shared`` (the corpus sits next to the repository) the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from corpus import ARTICLES, article_lines  # noqa: E402

from cleaner.profiles import resolve  # noqa: E402
from cleaner.registry import get  # noqa: E402

LABELS_DIR = HERE / "labels"
MEASURED = ("heading", "boilerplate", "byline", "caption", "dateline")
TARGETS = {
    "heading": (0.95, 0.90),
    "boilerplate": (0.99, 0.95),
    "byline": (0.95, 0.85),
    "caption": (0.95, 0.85),
    "dateline": (0.95, 0.85),
}


@dataclass
class Gold:
    label: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    part: str = ""


def read_labels(directory: Path = LABELS_DIR) -> dict[tuple[str, int], Gold]:
    gold: dict[tuple[str, int], Gold] = {}
    for path in sorted(directory.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                try:
                    key = (row["file"].strip(), int(row["line"]))
                except (KeyError, TypeError, ValueError):
                    continue  # a repeated header or a half-written row
                label = (row.get("label") or "").strip()
                if not label:
                    continue
                entry = gold.setdefault(key, Gold(label, part=path.stem))
                start, end = (row.get("span_start") or "").strip(), (row.get("span_end") or "").strip()
                if start.isdigit() and end.isdigit():
                    entry.spans.append((int(start), int(end)))
    return gold


@dataclass
class Predicted:
    label: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    by: str = ""  # the step that removed the line when it is not the label's own step


def _locate(raw: str, processed: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans found on the processed line, as offsets into the raw line (aligned with difflib)."""
    if raw == processed:
        return spans
    import difflib

    to_raw = [0] * (len(processed) + 1)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, raw, processed, autojunk=False).get_opcodes():
        for j in range(j1, j2 + 1):
            to_raw[j] = i1 + min(j - j1, i2 - i1) if tag != "insert" else i1
    return [(to_raw[s], to_raw[e]) for s, e in spans]


def _boilerplate(lines, params, raw_lines, result):
    from cleaner.normalizers import boilerplate as bp

    extra = tuple(params.get("boilerplate", {}).get("phrases", ()))
    flags = bp.classify_boilerplate([t for _, t in lines], extra)
    kept = []
    for (n, t), flag in zip(lines, flags, strict=True):
        if flag:
            result[n] = Predicted("boilerplate")
            continue
        spans = bp.glued_spans(t, extra)
        if spans:
            result.setdefault(n, Predicted("paragraph")).spans = _locate(raw_lines[n - 1], t, spans)
            t = bp.remove_spans(t, spans)
            if not t.strip():
                result[n].label = "boilerplate"
                continue
        kept.append((n, t))
    return kept


def _duplicates(lines, params, result):
    from cleaner.normalizers import structure

    min_words = params.get("duplicate_paragraphs", {}).get(
        "min_words", get("duplicate_paragraphs").defaults["min_words"]
    )
    seen, kept = set(), []
    for n, t in lines:
        if len(t.split()) >= min_words:
            key = structure.paragraph_key(t)
            if key in seen:  # removed as furniture: a repeated lead is labelled boilerplate
                result.setdefault(n, Predicted("paragraph")).label = "boilerplate"
                result[n].spans = []
                result[n].by = "duplicate_paragraphs"
                continue
            seen.add(key)
        kept.append((n, t))
    return kept


def _related(lines, result):
    from cleaner.normalizers.related_headlines import classify_related

    flags = classify_related([t for _, t in lines])
    for (n, _t), flag in zip(lines, flags, strict=True):
        if flag:
            result[n] = Predicted("boilerplate", by="related_headlines")  # other stories' headlines: furniture
    return [line for line, flag in zip(lines, flags, strict=True) if not flag]


def _structure(step, lines, raw_lines, result):
    from cleaner.normalizers import structure

    label = {"bylines": "byline", "captions": "caption", "datelines": "dateline"}[step]
    # The step sees the blank lines between paragraphs (as the headings step below does): a portrait
    # caption has one under it (see pull_quotes), a pull quote none.
    texts, where = [], []
    for k, (n, t) in enumerate(lines):
        if k and any(not raw_lines[m - 1].strip() for m in range(lines[k - 1][0] + 1, n)):
            texts.append("")
        where.append(len(texts))
        texts.append(t)
    labels = structure.classify_lines(texts)
    got = [labels[i] for i in where]
    kept = [(n, t, g) for (n, t), g in zip(lines, got, strict=True) if g != label]
    for (n, _t), g in zip(lines, got, strict=True):
        if g == label:
            result.setdefault(n, Predicted(label)).label = label
    out = [(n, t) for n, t, _g in kept]
    if step == "bylines":  # a byline glued to the start of one of the first lines, as the step cuts it
        for k, end in structure.prefix_lines([t for _, t in out], [g for _, _, g in kept]).items():
            n, t = out[k]
            p = result.setdefault(n, Predicted("paragraph"))
            p.spans = sorted(p.spans + _locate(raw_lines[n - 1], t, [(0, end)]))
            out[k] = (n, t[end:])
    return out


def predict(path: Path, profile: str = "strict") -> dict[int, Predicted]:
    """The label each line of ``path`` gets from the pipeline's detectors (1-based line numbers)."""
    from cleaner.normalizers import wrappers
    from cleaner.normalizers.headings import heading_decisions

    pipeline = resolve(profile)
    params = {s.name: dict(s.params) for s in pipeline.steps}
    names = pipeline.names
    raw_lines = article_lines(path)
    text_lines: list[tuple[int, str]] = []  # (1-based line number, text)
    result: dict[int, Predicted] = {}
    roles = wrappers.trec_roles(raw_lines) if "wrappers" in names and wrappers.is_trec("\n".join(raw_lines)) else None
    title_lines: list[str] = []  # a TREC record's title: `wrappers` writes it above the text, then a blank line
    for n, line in enumerate(raw_lines, 1):
        if not line.strip():
            continue
        if roles is not None:
            role, kept = roles[n - 1]
            if role == "markup":
                result[n] = Predicted("markup")
                continue
            if role == "title":
                result[n] = Predicted("title")
                title_lines.append(kept)
                continue
            line = kept
        text_lines.append((n, line))

    def run(step: str, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
        func = get(step).func
        out = []
        for n, t in lines:
            t = func(t, **params.get(step, {}))
            t = " ".join(p.strip() for p in t.split("\n") if p.strip())  # html blocks: one line here
            if t.strip():
                out.append((n, t))
            elif n not in result:
                result[n] = Predicted("markup")
        return out

    lines = text_lines
    special = ("wrappers", "boilerplate", "duplicate_paragraphs", "related_headlines", "bylines", "captions",
               "datelines", "headings", "whitespace")
    titled = roles is not None
    for step in names:
        if step not in special:
            lines = run(step, lines)  # a step that works within lines: each line on its own
            continue
        if not titled and lines:
            titled = True
            if lines[0][0] not in result:
                result[lines[0][0]] = Predicted("title")  # the headline: not measured, kept apart
        if step == "boilerplate":
            lines = _boilerplate(lines, params, raw_lines, result)
        elif step == "duplicate_paragraphs":
            lines = _duplicates(lines, params, result)
        elif step == "related_headlines":
            lines = _related(lines, result)
        elif step in ("bylines", "captions", "datelines"):
            lines = _structure(step, lines, raw_lines, result)
        elif step == "headings":
            max_words = params.get("headings", {}).get("max_words", get("headings").defaults["max_words"])
            # The step sees the blank lines between paragraphs (a line break before a heading).
            texts: list[str] = [*title_lines, ""] if title_lines else []
            numbers: list[int | None] = [None] * len(texts)
            for k, (n, t) in enumerate(lines):
                if k and any(not raw_lines[m - 1].strip() for m in range(lines[k - 1][0] + 1, n)):
                    texts.append("")
                    numbers.append(None)
                texts.append(t)
                numbers.append(n)
            for k in heading_decisions(texts, max_words=max_words):
                result.setdefault(numbers[k], Predicted("heading")).label = "heading"
    for n, _t in lines:
        result.setdefault(n, Predicted("paragraph"))
    return result


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def measure(gold: dict[tuple[str, int], Gold], pred: dict[tuple[str, int], Predicted], keys: list[tuple[str, int]]):
    counts = {c: [0, 0, 0] for c in MEASURED}  # tp, predicted, expected
    span_chars = [0, 0, 0]  # overlap, predicted, expected
    span_units = [0, 0, 0, 0]  # gold found, gold total, pred correct, pred total
    for key in keys:
        g, p = gold[key], pred.get(key, Predicted("missing"))
        for c in MEASURED:
            counts[c][0] += g.label == c and p.label == c
            counts[c][1] += p.label == c
            counts[c][2] += g.label == c
        gold_chars = {i for s, e in g.spans for i in range(s, e)}
        pred_chars = {i for s, e in p.spans for i in range(s, e)} if p.label not in ("boilerplate", "markup") else set()
        span_chars[0] += len(gold_chars & pred_chars)
        span_chars[1] += len(pred_chars)
        span_chars[2] += len(gold_chars)
        for s, e in g.spans:
            span_units[1] += 1
            span_units[0] += len(set(range(s, e)) & pred_chars) >= 0.5 * (e - s)
        for s, e in p.spans if p.label not in ("boilerplate", "markup") else ():
            span_units[3] += 1
            span_units[2] += len(set(range(s, e)) & gold_chars) >= 0.5 * (e - s)
    return counts, span_chars, span_units


def report(title: str, gold, pred, keys) -> None:
    counts, chars, units = measure(gold, pred, keys)
    files = len({f for f, _ in keys})
    print(f"\n## {title}: {len(keys)} labelled lines in {files} articles")
    print(f"{'label':<22}{'precision':>10}{'recall':>9}{'tp':>6}{'pred':>6}{'gold':>6}   target P/R")
    for c in MEASURED:
        tp, npred, ngold = counts[c]
        tp_, tr_ = TARGETS[c]
        print(f"{c + ' lines':<22}{_fmt(_ratio(tp, npred)):>10}{_fmt(_ratio(tp, ngold)):>9}{tp:>6}{npred:>6}{ngold:>6}   {tp_:.2f}/{tr_:.2f}")
    print(f"{'glued spans (chars)':<22}{_fmt(_ratio(chars[0], chars[1])):>10}{_fmt(_ratio(chars[0], chars[2])):>9}"
          f"{chars[0]:>6}{chars[1]:>6}{chars[2]:>6}")
    print(f"{'glued spans (spans)':<22}{_fmt(_ratio(units[2], units[3])):>10}{_fmt(_ratio(units[0], units[1])):>9}"
          f"{units[0]:>6}{units[3]:>6}{units[1]:>6}")
    # Boilerplate overall: every line or span the boilerplate step removes must be furniture.
    wrong = [pred[k].by or "boilerplate" for k in keys if k in pred and pred[k].label == "boilerplate" and gold[k].label != "boilerplate"]
    by_step = ", ".join(f"{step} {wrong.count(step)}" for step in sorted(set(wrong)))
    print(f"lines removed as furniture that the labels call something else: {len(wrong)}" + (f" ({by_step})" if wrong else ""))
    removed = [pred[k].by or "boilerplate" for k in keys if k in pred and pred[k].label == "boilerplate"]
    print("lines removed as furniture, by step: " + ", ".join(f"{s} {removed.count(s)}" for s in sorted(set(removed))))


def misses(gold, pred, keys, width: int = 40) -> None:
    print("\n## misses (file:line  expected -> got  snippet)")
    shown = 0
    lines_cache: dict[str, list[str]] = {}
    for key in sorted(keys):
        g, p = gold[key], pred.get(key, Predicted("missing"))
        wrong_label = (g.label in MEASURED or p.label in MEASURED) and g.label != p.label
        gold_chars = {i for s, e in g.spans for i in range(s, e)}
        pred_chars = {i for s, e in p.spans for i in range(s, e)}
        wrong_span = gold_chars != pred_chars and p.label not in ("boilerplate", "markup")
        if not (wrong_label or wrong_span):
            continue
        f, n = key
        text = lines_cache.setdefault(f, article_lines(ARTICLES / f))[n - 1].strip()
        snippet = text[:width] + ("…" if len(text) > width else "")
        what = f"{g.label} -> {p.label}"
        if wrong_span and not wrong_label:
            what = f"span {sorted(g.spans)} -> {sorted(p.spans)}"
        print(f"{f}:{n}  [{gold[key].part}]  {what}  | {snippet}")
        shown += 1
    print(f"({shown} misses)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="strict")
    parser.add_argument("--tune", default="part1,part2", help="label files the rules were tuned on")
    parser.add_argument("--held-out", default="part3", help="label files kept for a held-out check")
    parser.add_argument("--no-misses", action="store_true")
    parser.add_argument("--by-source", action="store_true", help="figures per source site too (anc, antm, jaz…)")
    args = parser.parse_args(argv)
    if not ARTICLES.is_dir():
        print(f"skipped: the shared corpus is not at {ARTICLES} (it sits next to the repository)")
        return 0
    gold = read_labels()
    if not gold:
        print(f"skipped: no labels in {LABELS_DIR}")
        return 0
    files = sorted({f for f, _ in gold})
    pred: dict[tuple[str, int], Predicted] = {}
    missing = []
    for f in files:
        path = ARTICLES / f
        if not path.exists():
            missing.append(f)
            continue
        for n, p in predict(path, args.profile).items():
            pred[(f, n)] = p
    keys = [k for k in gold if k[0] not in missing]
    print(f"# structure evaluation, profile {args.profile!r}; labels: "
          + ", ".join(sorted({g.part for g in gold.values()})))
    if missing:
        print(f"labelled files not in the corpus: {', '.join(missing)}")
    report("all labels", gold, pred, keys)
    tune = set(args.tune.split(","))
    held = set(args.held_out.split(","))
    for name, parts in (("tuned on (" + args.tune + ")", tune), ("held out (" + args.held_out + ")", held)):
        sub = [k for k in keys if gold[k].part in parts]
        if sub:
            report(name, gold, pred, sub)
    if args.by_source:
        for source in sorted({f.split("__")[0] for f, _ in keys}):
            report(f"source {source}", gold, pred, [k for k in keys if k[0].startswith(source + "__")])
    if not args.no_misses:
        misses(gold, pred, keys)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
