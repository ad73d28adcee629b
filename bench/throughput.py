"""Throughput: every profile, every normalizer alone, the I/O floor and peer libraries, on the same bytes.

    python bench/throughput.py                 # the bulk corpus in ../shared/corpus/bulk + a worst case
    python bench/throughput.py --rounds 3 --no-scale
    python bench/throughput.py --quick         # tiny generated inputs: checks that the script runs

Single process, single core. Each cell is the median of ``--rounds`` rounds (rounds are interleaved:
every task runs once on every input, then the next round); a cell whose cumulative time passes
``--budget`` seconds stops early and shows how many rounds it got. Throughput is UTF-8 input bytes
per second of cleaning, the text already decoded in memory. The I/O floor reads the UTF-8 file
(warm page cache), decodes it, encodes it again and writes it to a temporary file (no fsync).

Peers doing comparable work on the same texts:

- ``pyarabic chain``: ``strip_tatweel``, ``strip_tashkeel``, a regex alef fold, a regex yeh fold and
  a regex whitespace fold (``\\s+`` to one space);
- ``CAMeL arclean chain``: CAMeL Tools' ``arclean`` character map, then ``normalize_alef_ar`` and
  ``normalize_alef_maksura_ar`` (skipped with a message when camel-tools is not installed:
  ``pip install --no-deps camel-tools`` then ``pip install emoji six``);
- ``str.translate`` with a dict doing the alef and yeh folds: a reference for one C-level pass.

The linear-time check cleans 1 MB and 16 MB of each adversarial input with every normalizer (and
every profile with ``--scale-profiles``), in child processes, and prints the time ratio; linear is
about 16, the target is under 20. The 1 MB time is the mean over 16 separate 1 MB texts, so that
neither side has its input in the CPU cache; a plain string copy is timed the same way as a
reference for what the memory system alone does. A 16 MB run faster than 500 MB/s is
memory-bound (the copy's own ratio is far above 20 there) and is shown with its speed, not held
against the target. A 16 MB run still going at 25 times the 1 MB time is stopped and shown as such.

``--time-limit`` (500 s) bounds the run: rounds after the first, the step tables inside the
profiles and the linear-time check give way when slow steps use up the time, and the report says so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C  # noqa: E402

# --- peers -------------------------------------------------------------------------------------


def pyarabic_chain() -> Callable[[str], str]:
    from pyarabic import araby

    alef = re.compile("[إأآٱ]")
    yeh = re.compile("ى")
    space = re.compile(r"\s+")

    def run(text: str) -> str:
        text = araby.strip_tatweel(text)
        text = araby.strip_tashkeel(text)
        text = alef.sub("ا", text)
        text = yeh.sub("ي", text)
        return space.sub(" ", text).strip()

    return run


def camel_chain() -> Callable[[str], str]:
    from camel_tools.utils.charmap import CharMapper
    from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar

    arclean = CharMapper.builtin_mapper("arclean")

    def run(text: str) -> str:
        return normalize_alef_maksura_ar(normalize_alef_ar(arclean(text)))

    return run


def translate_reference() -> Callable[[str], str]:
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
    return lambda text: text.translate(table)


# --- tasks -------------------------------------------------------------------------------------


@dataclass
class Task:
    kind: str  # floor | profile | peer | step
    name: str
    make: Callable[[C.Input], Callable[[], object]]
    times: dict[str, list[float]] = field(default_factory=dict)
    error: str = ""  # the exception that stopped it, if any

    def median(self, inp: C.Input) -> float:
        return C.median(self.times.get(inp.name, []))

    def rounds(self, inp: C.Input) -> int:
        return len(self.times.get(inp.name, []))


def floor_task(out_dir: Path) -> Task:
    def make(inp: C.Input) -> Callable[[], object]:
        assert inp.path is not None
        target = out_dir / f"floor-{inp.name}.out"

        def run() -> int:
            with open(inp.path, "rb") as handle:
                data = handle.read()
            out = data.decode("utf-8").encode("utf-8")
            with open(target, "wb") as handle:
                return handle.write(out)

        return run

    return Task("floor", "I/O floor: read + decode + encode + write", make)


def text_task(kind: str, name: str, func: Callable[[str], object]) -> Task:
    return Task(kind, name, lambda inp: (lambda: func(inp.text)))


def build_tasks(out_dir: Path, peers: bool, cli_path: bool, say: Callable[[str], None]) -> list[Task]:
    import cleaner

    tasks = [floor_task(out_dir)]
    tasks.append(Task("floor", "decode UTF-8 alone", lambda inp: (lambda b=inp.text.encode(): b.decode("utf-8"))))
    tasks.append(Task("floor", "encode UTF-8 alone", lambda inp: (lambda: inp.text.encode("utf-8"))))
    for name in cleaner.PROFILES:
        tasks.append(text_task("profile", name, cleaner.resolve(name)))
    if cli_path:
        try:
            tasks.append(text_task("cli-path", "default", streamed(cleaner.resolve("default"))))
        except ImportError as err:
            say(f"no streaming module ({err}): the CLI-path row is skipped")
    if peers:
        tasks.append(text_task("peer", "pyarabic chain", pyarabic_chain()))
        try:
            tasks.append(text_task("peer", "CAMeL arclean chain", camel_chain()))
        except ImportError as err:
            say(f"CAMeL Tools not installed ({err}): its peer row is skipped "
                "(pip install --no-deps camel-tools; pip install emoji six)")
        tasks.append(text_task("peer", "str.translate dict (alef+yeh)", translate_reference()))
    for entry in cleaner.list_normalizers():
        tasks.append(text_task("step", entry.name, step_alone(entry.name)))
    return tasks


def streamed(pipeline: Callable[[str], str]) -> Callable[[str], str]:
    """The profile as the CLI runs it on a file over 8 MiB: streamed in pieces of 1 MiB, or, when
    the stream needs the whole text (a TREC record, HTML comments), the attempt abandoned and the
    text cleaned whole."""
    from cleaner.stream import StreamFallback, clean_blocks

    block = 1 << 20

    def run(text: str) -> str:
        try:
            return "".join(clean_blocks(pipeline, (text[i : i + block] for i in range(0, len(text), block))))
        except StreamFallback:
            return pipeline(text)

    return run


def step_alone(name: str) -> Callable[[str], str]:
    """Normalizer ``name`` alone, with the parameters a built-in profile gives it (``links`` in
    ``search``), or its defaults when no profile sets any."""
    import cleaner

    for profile in cleaner.PROFILES:
        for step in cleaner.resolve(profile).steps:
            if step.name == name and step.params:
                return cleaner.Pipeline([step])
    return cleaner.Pipeline([name])


def inside_profile(profile: str, inputs: list[C.Input], rounds: int, budget: float) -> dict[str, dict[str, list[float]]]:
    """Each step's time inside ``profile``: on what the steps before it left (step -> input -> times)."""
    import cleaner

    pipeline = cleaner.resolve(profile)
    times: dict[str, dict[str, list[float]]] = {str(s): {} for s in pipeline.steps}
    for _ in range(rounds):
        for inp in inputs:
            text = inp.text
            spent = sum(sum(per.get(inp.name, [])) for per in times.values())
            if spent >= budget:
                continue
            for step in pipeline.steps:
                single = cleaner.Pipeline([step])
                out: list[str] = []
                times[str(step)].setdefault(inp.name, []).append(C.timed(lambda: out.append(single(text))))
                text = out[0]
    return times


def run_rounds(
    tasks: list[Task], inputs: list[C.Input], rounds: int, budget: float, until: float, say: Callable[[str], None]
) -> int:
    """Run up to ``rounds`` interleaved rounds; a round that would end after ``until`` (a
    ``perf_counter`` time) is not started. Returns the number of rounds run (at least one)."""
    # Warm-up on a small text first: regexes compiled on first use are not counted in round 1.
    sample = C.Input("warm-up", "worst", C.worst_case(20_000), inputs[0].path)
    for task in tasks:
        try:
            task.make(sample)()
        except Exception:  # noqa: BLE001 - reported when the rounds hit it
            pass
    took = 0.0
    for r in range(rounds):
        start = time.perf_counter()
        if r and start + took > until:
            say(f"round {r + 1} not started: it would pass the time limit (--time-limit)")
            return r
        for inp in inputs:
            for task in tasks:
                done = task.times.setdefault(inp.name, [])
                if task.error or (done and sum(done) >= budget):
                    continue
                try:
                    done.append(C.timed(task.make(inp)))
                except Exception as exc:  # a broken step is reported, the benchmark goes on
                    task.error = f"{type(exc).__name__}: {exc}"
                    say(f"{task.kind} {task.name} failed on {inp.name}: {task.error}")
        took = time.perf_counter() - start
        say(f"round {r + 1}/{rounds}: {took:.1f} s")
    return rounds


# --- the linear-time check ---------------------------------------------------------------------


def scale_worker(spec: str, small_mb: float, big_mb: float, kinds: list[str]) -> None:
    """Child process: time one normalizer or profile on the small, then the big adversarial inputs.

    Prints one JSON line when the small input is timed and one when the big one is, so the parent
    can stop a run that takes far longer than linear.
    """
    import cleaner

    kind, _, name = spec.partition(":")
    if kind == "reference":  # what the memory system alone does to the ratio: a plain copy
        func = lambda text: text + "."  # noqa: E731
    else:
        func = cleaner.resolve(name) if kind == "profile" else step_alone(name)
    copies = max(1, round(big_mb / small_mb))
    for adv in kinds:
        # The small time is the mean over as many separate small texts as fit in the big one, so
        # neither run has its input sitting in the CPU cache (a 1 MB text does, a 16 MB one cannot).
        smalls = [C.adversarial(adv, int(small_mb * C.MB)) for _ in range(copies)]
        big = C.adversarial(adv, int(big_mb * C.MB))

        def run_smalls() -> None:
            for small in smalls:
                func(small)

        t_small = C.timed(run_smalls) / copies
        print(json.dumps({"input": adv, "small": t_small}), flush=True)
        mid = C.adversarial(adv, int((small_mb * big_mb) ** 0.5 * C.MB))  # 4 MB: past the caches too
        t_mid = C.timed(lambda: func(mid))
        del mid
        t_big = C.timed(lambda: func(big))
        print(json.dumps({"input": adv, "small": t_small, "mid": t_mid, "big": t_big}), flush=True)


#: MB/s above which a big run is memory-bound: a plain copy's ratio there is far above 20 too.
MEMORY_BOUND = 500


def memory_bound(row: dict, big_mb: float) -> bool:
    return row["big"] > 0 and big_mb / row["big"] >= MEMORY_BOUND


#: A big run taking this many times the small run's time is stopped (linear is big ÷ small).
STOP_FACTOR = 25.0


def scale_check(
    specs: list[str], small_mb: float, big_mb: float, timeout: float, say: Callable[[str], None], until: float
) -> dict:
    """Run :func:`scale_worker` for each spec; a big run is stopped once it passes ``STOP_FACTOR``
    times the small run (plus a second), and the remaining inputs go to a fresh worker."""
    results: dict[str, dict[str, dict]] = {}
    stop = STOP_FACTOR / 16 * big_mb / small_mb  # 25× for 1 MB → 16 MB
    for spec in specs:
        rows: dict[str, dict] = {}
        pending = list(C.ADVERSARIAL)
        if time.perf_counter() > until:
            for adv in pending:
                rows[adv] = {"input": adv, "small": None, "big": None, "failed": "skipped (time limit)"}
            say(f"scale check {spec}: skipped, past the time limit")
            pending = []
        while pending:
            cmd = [sys.executable, __file__, "--scale-worker", spec, "--scale-mb", f"{small_mb},{big_mb}",
                   "--scale-inputs", ",".join(pending)]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            deadline = time.monotonic() + timeout
            current: dict | None = None
            buffered = b""  # read with os.read: a buffered reader would hide lines from select()
            while True:
                if b"\n" not in buffered:
                    remaining = deadline - time.monotonic()
                    ready, _, _ = select.select([proc.stdout], [], [], max(0.0, remaining))
                    if ready:
                        chunk = os.read(proc.stdout.fileno(), 1 << 16)
                        buffered += chunk
                        if chunk and b"\n" not in buffered:
                            continue
                if b"\n" not in buffered and not ready:
                    proc.kill()
                    proc.communicate()
                    adv = current["input"] if current else pending[0]
                    if current:
                        rows[adv] = {"input": adv, "small": current["small"], "big": None,
                                     "failed": f"stopped at {stop:.0f}×"}
                    else:
                        rows[adv] = {"input": adv, "small": None, "big": None, "failed": f"timeout ({timeout:.0f} s)"}
                    say(f"scale check {spec} on {adv}: {rows[adv]['failed']}")
                    pending.remove(adv)
                    break
                if b"\n" not in buffered:  # end of output
                    _, err_bytes = proc.communicate()
                    err = err_bytes.decode(errors="replace")
                    if proc.returncode != 0:
                        say(f"scale check {spec}: exit {proc.returncode}: {err.strip().splitlines()[-1:]}")
                        for adv in pending:
                            rows[adv] = {"input": adv, "small": None, "big": None, "failed": "error"}
                    pending = []
                    break
                line, _, buffered = buffered.partition(b"\n")
                row = json.loads(line)
                if "big" in row:
                    rows[row["input"]] = row
                    pending.remove(row["input"])
                    current = None
                    deadline = time.monotonic() + timeout
                else:
                    current = row
                    deadline = time.monotonic() + stop * row["small"] + 1.0
        for adv in C.ADVERSARIAL:
            rows.setdefault(adv, {"input": adv, "small": None, "big": None, "failed": "not run"})
        results[spec] = {adv: rows[adv] for adv in C.ADVERSARIAL}
    return results


# --- report ------------------------------------------------------------------------------------


def group_time(task: Task, inputs: list[C.Input]) -> float:
    """Sum of the per-input medians (NaN when an input is missing)."""
    return sum(task.median(i) for i in inputs) if inputs else float("nan")


def report(
    tasks: list[Task], inputs: list[C.Input], rounds: int, scale: dict | None, args: argparse.Namespace, inside: dict
) -> dict:
    import cleaner

    groups: dict[str, list[C.Input]] = {}
    for inp in inputs:
        groups.setdefault(inp.group, []).append(inp)
    labels = {"bulk": "bulk UTF-8", "cp1256": "cp1256 (decoded)", "worst": "worst case"}
    order = [g for g in ("bulk", "cp1256", "worst") if g in groups]
    size = {g: sum(i.size for i in groups[g]) for g in order}
    print("## Inputs\n")
    print(C.table(["input", "group", "MB (UTF-8)", "characters"],
                  [[i.name, labels[i.group], f"{i.size / C.MB:.1f}", f"{len(i.text):,}"] for i in inputs]))
    print()

    def speed_row(task: Task) -> list[str]:
        if task.error:
            return ["error"] * len(order)
        cells = []
        for g in order:
            t = group_time(task, groups[g])
            least = min(task.rounds(i) for i in groups[g])
            mark = "" if least >= rounds else f" ({least}r)"
            cells.append(C.mbps(size[g], t) + mark)
        return cells

    by_kind = lambda kind: [t for t in tasks if t.kind == kind]  # noqa: E731
    floor = by_kind("floor")[0]
    profiles, peers, steps = by_kind("profile"), by_kind("peer"), by_kind("step")
    print(f"## Throughput, MB/s (median of {rounds} rounds; `(Nr)`: only N rounds within the budget)\n")
    header = ["what"] + [labels[g] for g in order]
    rows = []
    for task in by_kind("floor") + profiles + by_kind("cli-path") + peers:
        name = {"profile": f"profile `{task.name}`", "cli-path": f"profile `{task.name}`, CLI path (streamed)"}.get(
            task.kind, task.name
        )
        rows.append([name] + speed_row(task))
    print(C.table(header, rows))
    print()

    print("## Ratios (same bytes, same rounds)\n")
    print("Cost against the floor: cleaning time ÷ floor time (target ≤ 5 for `default`). "
          "Against a peer: peer time ÷ profile time (how many times faster the profile is).\n")
    header = ["profile", "input", "× floor cost"] + [f"vs {p.name}" for p in peers]
    rows = []
    for task in profiles:
        for g in order:
            t = group_time(task, groups[g])
            row = [f"`{task.name}`", labels[g], C.ratio(t / group_time(floor, groups[g]))]
            row += [C.ratio(group_time(p, groups[g]) / t) for p in peers]
            rows.append(row)
    print(C.table(header, rows))
    print()

    default_steps = set(cleaner.PROFILES.get("default", ()))
    total_default = sum(group_time(s, groups[order[0]]) for s in steps if s.name in default_steps) if order else 0
    print(f"## Each normalizer alone, MB/s (share: of the summed `default` step times on {labels[order[0]] if order else '-'})\n")
    header = ["normalizer", "profiles"] + [labels[g] for g in order] + ["share"]
    rows = []
    for task in steps:
        used = ",".join(p for p, names in cleaner.PROFILES.items() if task.name in names) or "-"
        share = group_time(task, groups[order[0]]) / total_default if order and task.name in default_steps and total_default else None
        rows.append([f"`{task.name}`", used] + speed_row(task) + [f"{share:.0%}" if share is not None else ""])
    print(C.table(header, rows))
    print()

    for profile, per_step in inside.items():
        if per_step is None:
            print(f"Inside `{profile}`: not measured, the time limit (--time-limit) was near.\n")
            continue
        print(f"## Inside `{profile}`: each step on what the steps before it left, MB/s of the profile's input and share\n")
        header = ["step"] + [labels[g] for g in order] + [f"share ({labels[order[0]]})" if order else "share"]
        totals = {g: sum(C.median(per.get(i.name, [])) for per in per_step.values() for i in groups[g]) for g in order}
        rows = []
        for step, per in per_step.items():
            cells = []
            for g in order:
                t = sum(C.median(per.get(i.name, [])) for i in groups[g])
                cells.append(C.mbps(size[g], t))
            first = sum(C.median(per.get(i.name, [])) for i in groups[order[0]]) if order else 0
            share = f"{first / totals[order[0]]:.0%}" if order and totals[order[0]] else ""
            rows.append([f"`{step}`"] + cells + [share])
        rows.append(["**all steps**"] + [C.mbps(size[g], totals[g]) for g in order] + ["100%"])
        print(C.table(header, rows))
        print()

    if "worst" in groups:
        probe = groups["worst"][0].text[:20_000]
        idle = [s.name for s in steps if not s.error and step_alone(s.name)(probe) == probe]
        if idle:
            print(f"Worst case: these normalizers found nothing to change in it: {', '.join(idle)}.\n")
        else:
            print("Worst case: every normalizer changes it.\n")

    if scale:
        small, big = args.scale_mb
        print(f"## Linear time: time on {big:g} MB ÷ time on {small:g} MB of adversarial input (linear ≈ {big / small:g}; target < 20)\n")
        header = ["normalizer / profile"] + list(C.ADVERSARIAL) + ["worst"]
        rows = []
        for spec, per in scale.items():
            cells, worst = [], 0.0
            for adv in C.ADVERSARIAL:
                row = per[adv]
                if row.get("big") is None:
                    cells.append(row.get("failed", "failed"))
                    worst = float("inf")
                    continue
                r = row["big"] / max(row["small"], 1e-6)
                fast = memory_bound(row, big)
                r_mid = f" [{row['big'] / max(row['mid'], 1e-6):.1f}]" if row.get("mid") else ""
                cells.append(f"{r:.1f}{r_mid}" + (f" ({big / row['big']:,.0f} MB/s)" if fast else ""))
                worst = max(worst, 0.0 if fast else r)
            shown = f"{worst:.1f}" if worst != float("inf") else "not measured"
            label = {"reference:copy": "(reference: a plain copy)"}.get(spec, spec.replace("step:", "`").replace("profile:", "profile `") + "`")
            rows.append([label] + cells + [shown])
        print(C.table(header, rows))
        print()
        mid = (small * big) ** 0.5
        print(f"In brackets: time on {big:g} MB ÷ time on {mid:g} MB (linear ≈ {big / mid:g}), where neither input "
              f"fits a CPU cache. A ratio shown with a speed is a {big:g} MB run faster than {MEMORY_BOUND:,} MB/s: "
              "at that speed the ratio measures the memory system (a plain copy, first row, shows it), not the "
              "algorithm, and it is not held against the target.\n")

    result = {
        "machine": C.machine_line(),
        "rounds": rounds,
        "inputs": [{"name": i.name, "group": i.group, "bytes": i.size} for i in inputs],
        "times": {t.kind + ":" + t.name: t.times for t in tasks},
        "scale": scale,
        "inside": inside,
    }
    targets(result, tasks, groups, size, scale, args)
    return result


def targets(result: dict, tasks: list[Task], groups: dict, size: dict, scale: dict | None, args: argparse.Namespace) -> None:
    if "bulk" not in groups:
        print("Targets: not checked (the bulk corpus is absent).\n")
        return
    bulk = groups["bulk"]
    get = {(t.kind, t.name): t for t in tasks}
    rows = []

    def mb(task: Task) -> float:
        return size["bulk"] / C.MB / group_time(task, bulk)

    default = get.get(("profile", "default"))
    floor = get[("floor", "I/O floor: read + decode + encode + write")]
    if default:
        v = mb(default)
        rows.append(["`default` ≥ 100 MB/s", f"{v:.0f} MB/s", "met" if v >= 100 else "NOT met"])
        for peer, need in (("CAMeL arclean chain", 5), ("pyarabic chain", 2)):
            if ("peer", peer) in get:
                r = group_time(get[("peer", peer)], bulk) / group_time(default, bulk)
                rows.append([f"`default` ≥ {need}× {peer}", f"{r:.1f}×", "met" if r >= need else "NOT met"])
            else:
                rows.append([f"`default` ≥ {need}× {peer}", "peer not measured", "not checked"])
        c = group_time(default, bulk) / group_time(floor, bulk)
        rows.append(["`default` cost ≤ 5× the I/O floor", f"{c:.1f}×", "met" if c <= 5 else "NOT met"])
    search = get.get(("profile", "search"))
    if search:
        v = mb(search)
        rows.append(["`search` ≥ 60 MB/s", f"{v:.0f} MB/s", "met" if v >= 60 else "NOT met"])
    if scale:
        worst, who, skipped = 0.0, "", 0
        for spec, per in scale.items():
            if spec.startswith("reference:"):
                continue
            for adv, row in per.items():
                if str(row.get("failed", "")).startswith("skipped"):
                    skipped += 1
                    continue
                if row.get("big") is None:
                    r = float("inf")
                elif memory_bound(row, args.scale_mb[1]):
                    r = 0.0
                else:
                    r = row["big"] / max(row["small"], 1e-6)
                if r > worst:
                    worst, who = r, f"{spec} on {adv}"
        shown = f"{worst:.1f}" if worst != float("inf") else "stopped or failed"
        verdict = "met" if worst < 20 else "NOT met"
        if skipped:
            shown += f"; {skipped} runs skipped (time limit)"
            verdict += " where measured"
        rows.append([f"every 16 MB ÷ 1 MB ratio < 20 (runs under {MEMORY_BOUND} MB/s)", f"{shown} ({who})", verdict])
    print("## Targets (bulk UTF-8 corpus, one core, this run)\n")
    print(C.table(["target", "measured", ""], rows))
    print()
    result["targets"] = rows


# --- main --------------------------------------------------------------------------------------


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, default=C.DEFAULT_CORPUS, help="folder of bulk .txt files [%(default)s]")
    p.add_argument("--no-corpus", action="store_true", help="generated inputs only")
    p.add_argument("--worst-mb", type=float, default=4.0, help="size of the generated worst case [%(default)s]")
    p.add_argument("--rounds", type=int, default=5, help="rounds per cell; the median is shown [%(default)s]")
    p.add_argument("--budget", type=float, default=20.0, help="seconds per cell after which rounds stop [%(default)s]")
    p.add_argument("--time-limit", type=float, default=500.0,
                   help="seconds for the whole script: later rounds, step tables and checks give way [%(default)s]")
    p.add_argument("--no-peers", action="store_true", help="skip the peer libraries")
    p.add_argument("--cli-path", action="store_true",
                   help="also time `default` the way the CLI runs a file over 8 MiB (streamed in pieces)")
    p.add_argument("--no-scale", action="store_true", help="skip the linear-time check")
    p.add_argument("--scale-mb", default="1,16", help="small,big adversarial sizes in MB [%(default)s]")
    p.add_argument("--scale-timeout", type=float, default=60.0, help="seconds allowed for one 1 MB run in the check [%(default)s]")
    p.add_argument("--quick", action="store_true", help="tiny generated inputs, 1 round: a smoke run")
    p.add_argument("--json", type=Path, help="also write the raw timings here")
    p.add_argument("--scale-worker", help=argparse.SUPPRESS)
    p.add_argument("--scale-inputs", default=",".join(C.ADVERSARIAL), help=argparse.SUPPRESS)
    p.add_argument("--scale-profiles", action="store_true", help="also run the linear-time check on each profile")
    args = p.parse_args(argv)
    args.scale_mb = tuple(float(x) for x in args.scale_mb.split(","))
    if args.quick:
        args.no_corpus, args.worst_mb, args.rounds, args.scale_mb = True, 0.05, 1, (0.01, 0.04)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.scale_worker:
        scale_worker(args.scale_worker, *args.scale_mb, args.scale_inputs.split(","))
        return 0
    say = C.err
    start = time.perf_counter()
    print("# cleaner throughput\n")
    print(f"Machine: {C.machine_line()}\n")
    inputs = [] if args.no_corpus else C.corpus_inputs(args.corpus, say)
    if args.worst_mb > 0:
        inputs.append(C.Input("worst_case", "worst", C.worst_case(int(args.worst_mb * C.MB))))
    if not inputs:
        say("no inputs")
        return 2
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        out_dir = Path(tmp)
        for inp in inputs:
            if inp.path is None:
                inp.path = out_dir / f"{inp.name}.txt"
                inp.path.write_bytes(inp.text.encode("utf-8"))
        tasks = build_tasks(out_dir, not args.no_peers, args.cli_path, say)
        # The rounds get about half of the time limit; the step tables and the linear check the rest.
        rounds = run_rounds(tasks, inputs, args.rounds, args.budget, start + args.time_limit * 0.5, say)
    # The linear-time check (a target) before the step tables inside the profiles (diagnostics).
    scale = None
    if not args.no_scale:
        import cleaner

        specs = ["reference:copy"] + [f"step:{n.name}" for n in cleaner.list_normalizers()]
        if args.scale_profiles:
            specs += [f"profile:{p}" for p in cleaner.PROFILES]
        scale = scale_check(specs, *args.scale_mb, args.scale_timeout, say, start + args.time_limit * 0.85)
    inside = {}
    for profile in ("default", "search"):
        profile_task = next((t for t in tasks if t.kind == "profile" and t.name == profile), None)
        cost = sum(profile_task.median(i) for i in inputs) if profile_task else 0.0
        left = start + args.time_limit - time.perf_counter()
        if cost > left:
            say(f"step times inside {profile}: skipped, the time limit is near")
            inside[profile] = None
            continue
        n = max(1, min(rounds, int(left / max(cost, 1e-3) / 2)))
        try:
            inside[profile] = inside_profile(profile, inputs, n, args.budget * 2)
        except Exception as exc:  # noqa: BLE001 - a broken step is reported, the benchmark goes on
            say(f"step times inside {profile}: {type(exc).__name__}: {exc}")
    say("step times inside the profiles: done")
    result = report(tasks, inputs, rounds, scale, args, inside)
    print(f"Finished in {time.perf_counter() - start:.0f} s; load average at the end {C.load_average()}.")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
