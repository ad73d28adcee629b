"""The engine entry point: BatchCleaner's shapes, its pickling, lazy imports, and the README recipes.

The recipes are the ``python`` blocks of the README's "Scaling out" section that start with
``# recipe: NAME``. Each one is compiled and its ``cleaner`` imports are checked always; it is run on
a small JSONL corpus when its engine is installed, and skipped with the reason otherwise.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner.integrations import BatchCleaner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

RAW = "أخبار  جـــديد [[system-code:ad:autoads]]\nﻷ"
CLEAN = cleaner.clean(RAW)
CLEAN_PRESERVE = cleaner.clean(RAW, profile="preserve")


@pytest.mark.parametrize(
    "batch, expected",
    [
        (RAW, CLEAN),
        (None, None),
        ([], []),
        ([RAW, None, ""], [CLEAN, None, cleaner.clean("")]),
        ((RAW,), [CLEAN]),
        ({"id": 3, "text": RAW}, {"id": 3, "text": CLEAN}),
        ({"id": 3, "text": None}, {"id": 3, "text": None}),
        ({"id": [1, 2], "text": [RAW, "نص"]}, {"id": [1, 2], "text": [CLEAN, cleaner.clean("نص")]}),
        ([{"text": RAW, "url": "u"}, {"text": "نص"}], [{"text": CLEAN, "url": "u"}, {"text": cleaner.clean("نص")}]),
    ],
    ids=["string", "none", "empty-list", "list", "tuple", "record", "record-none", "column-batch", "records"],
)
def test_same_shape_out(batch: object, expected: object) -> None:
    assert BatchCleaner()(batch) == expected


def test_input_is_not_mutated() -> None:
    batch = {"text": [RAW], "id": [1]}
    BatchCleaner()(batch)
    assert batch == {"text": [RAW], "id": [1]}


def test_profile_text_key_and_name() -> None:
    clean = BatchCleaner("preserve", text_key="body")
    assert clean({"body": RAW}) == {"body": CLEAN_PRESERVE}
    assert clean.__name__ == clean.name == "cleaner_preserve"
    assert BatchCleaner(pipeline=cleaner.resolve("preserve")).name == "cleaner_pipeline"
    assert BatchCleaner(pipeline=cleaner.resolve("preserve"))(RAW) == CLEAN_PRESERVE
    assert BatchCleaner(disable=["alef"], name="no_alef").__name__ == "no_alef"


@pytest.mark.parametrize(
    "batch, error",
    [({"body": RAW}, KeyError), (42, TypeError), ([42], TypeError), ({"text": 42}, TypeError)],
)
def test_wrong_input_says_what(batch: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="cleaner_default"):
        BatchCleaner()(batch)


def test_unknown_profile_fails_when_built() -> None:
    with pytest.raises(cleaner.ConfigError):
        BatchCleaner("nope")


def test_pickles_small_and_equal() -> None:
    clean = BatchCleaner("preserve", text_key="body")
    data = pickle.dumps(clean)
    again = pickle.loads(data)
    assert again == clean and hash(again) == hash(clean)
    assert again({"body": RAW}) == {"body": CLEAN_PRESERVE}
    assert len(data) < 2000
    assert b"functools" not in data and b"_funcs" not in data  # steps only, no built functions


_PICKLE = (
    "import pickle, sys; from cleaner.integrations import BatchCleaner; "
    "sys.stdout.write(pickle.dumps(BatchCleaner('default', text_key='body'), protocol=4).hex())"
)


def test_pickle_bytes_are_the_same_in_every_process() -> None:
    """Stable bytes mean stable ``datasets`` fingerprints: a second process reuses the cache."""
    runs = {
        subprocess.run([sys.executable, "-c", _PICKLE], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    here = pickle.dumps(BatchCleaner("default", text_key="body"), protocol=4).hex()
    assert runs == {here}


def test_pandas_series_and_frame() -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not a dependency; the Spark and DataFrame paths need it")
    clean = BatchCleaner()
    series = pd.Series([RAW, None, "نص"])
    out = clean(series).tolist()
    assert out[0::2] == [CLEAN, cleaner.clean("نص")] and pd.isna(out[1])
    frame = pd.DataFrame({"id": [1, 2], "text": [RAW, "نص"]})
    out = clean(frame)
    assert out["text"].tolist() == [CLEAN, cleaner.clean("نص")]
    assert out["id"].tolist() == [1, 2]
    assert frame["text"].tolist() == [RAW, "نص"]  # a copy: the input frame is untouched


def test_no_dask_import_unless_asked() -> None:
    """The command starts fast: Dask is imported only for --scheduler, or by the integration itself."""
    code = (
        "import sys, cleaner, cleaner.cli, cleaner.runner, cleaner.integrations, cleaner.integrations.dask\n"
        "from click.testing import CliRunner\n"
        "CliRunner().invoke(cleaner.cli.main, ['--help'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'pandas', 'numpy'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------------------------
# README recipes


def recipes() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Scaling out", 1)[-1].split("\n## ", 1)[0] if "\n## Scaling out" in text else ""
    found = {}
    for block in re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL):
        first = block.splitlines()[0]
        if first.startswith("# recipe: "):
            found[first.removeprefix("# recipe: ").split()[0]] = block
    return found


RECIPES = recipes()
#: What each recipe needs beyond cleaner, and why a run is skipped without it.
NEEDS = {
    "dask-bag": (("dask", "dask.bag"), "needs the dask extra: pip install 'cleaner[dask]'"),
    "hf-datasets": (("datasets",), "Hugging Face datasets is not installed (pip install datasets)"),
    "spark": (("pyspark", "pandas", "pyarrow"), "PySpark with pandas and pyarrow (and Java) is not installed"),
}


def test_readme_has_the_recipes() -> None:
    assert set(RECIPES) == set(NEEDS)


@pytest.mark.parametrize("name", sorted(NEEDS))
def test_recipe_compiles_and_its_cleaner_imports_exist(name: str) -> None:
    tree = ast.parse(RECIPES[name])
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cleaner"):
            module = __import__(node.module, fromlist=["_"])
            for alias in node.names:
                assert hasattr(module, alias.name), f"{node.module}.{alias.name}"
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for mod in names:
                assert mod and mod.split(".")[0] in {"json", "cleaner", "pandas", "dask", "datasets", "pyspark"}, mod


def _missing(modules: tuple[str, ...]) -> list[str]:
    out = []
    for mod in modules:
        try:
            if importlib.util.find_spec(mod) is None:
                out.append(mod)
        except ModuleNotFoundError:
            out.append(mod)
    return out


def _corpus(folder: Path) -> list[dict[str, object]]:
    (folder / "data").mkdir()
    records = [{"id": i, "text": f"{RAW} {i}", "url": f"https://x/{i}"} for i in range(40)]
    for part in range(2):
        with open(folder / "data" / f"part-{part}.jsonl", "w", encoding="utf-8") as out:
            out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records[part::2])
    return records


def _read_jsonl(paths: list[Path]) -> list[dict[str, object]]:
    rows = []
    for path in paths:
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


@pytest.mark.parametrize("name", sorted(NEEDS))
def test_recipe_runs(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    modules, reason = NEEDS[name]
    missing = _missing(modules)
    if missing:
        pytest.skip(f"{reason} (missing: {', '.join(missing)})")
    if name == "spark" and not shutil.which("java"):
        pytest.skip("PySpark needs a Java runtime, and there is no java on PATH")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # Spark's Python workers need cleaner too
    records = _corpus(tmp_path)
    scope: dict[str, object] = {"__name__": "__recipe__"}
    try:
        exec(compile(RECIPES[name], f"README recipe {name}", "exec"), scope)  # noqa: S102
    finally:
        if "spark" in scope:
            scope["spark"].stop()  # type: ignore[attr-defined]
    outputs = sorted(p for p in tmp_path.glob("out*/**/*") if p.is_file() and not p.name.startswith((".", "_")))
    outputs += sorted(p for p in tmp_path.glob("out*.jsonl") if p.is_file())
    rows = _read_jsonl(outputs)
    assert sorted(rows, key=lambda r: r["id"]) == [{**r, "text": cleaner.clean(r["text"])} for r in records]  # type: ignore[arg-type]


def test_scheduler_without_dask_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from cleaner.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("نص", encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--scheduler", "local:2"])
    assert result.exit_code == 2
    assert "pip install 'cleaner[dask]'" in result.stderr
    assert not (tmp_path / "out").exists()
