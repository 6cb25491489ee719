"""The benchmarks' data must not be made by the code they score: no module under bench/ that
builds data (a generator, a dataset or pool builder, a place or name list) imports tagdyr."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
BUILDERS = (
    "linkage/generate.py",
    "linkage/clerks.py",
    "linkage/places.py",
    "linkage/population.py",
    "linkage/names_data.py",
    "names/dataset.py",
    "names/pools.py",
    "web/data.py",
)
# new generators are covered by name: bench/scans/generate.py, bench/x/dataset_y.py, …
PATTERNS = ("*/generate*.py", "*/dataset*.py", "*/pools*.py", "*/data.py", "*/places*.py")


def _builders() -> list[Path]:
    listed = {BENCH / p for p in BUILDERS}
    found = {p for pattern in PATTERNS for p in BENCH.glob(pattern)}
    return sorted(listed | found)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in the module, at any depth (a function's
    lazy import counts)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            found += [
                (node.lineno, str(a.value)) for a in node.args[:1] if isinstance(a, ast.Constant)
            ]
    return found


def _module_path(module: str) -> Path | None:
    base = BENCH.parent / Path(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _tagdyr_imports(path: Path) -> list[str]:
    """Imports of tagdyr in the module or in any bench module it imports, transitively."""
    found, seen, todo = [], {path}, [path]
    while todo:
        current = todo.pop()
        for line, module in _imports(current):
            if module.split(".")[0] == "tagdyr":
                where = (
                    current.relative_to(BENCH.parent) if current.is_relative_to(BENCH) else current
                )
                found.append(f"{where} line {line}: {module}")
            elif module.split(".")[0] == "bench":
                target = _module_path(module)
                if target is not None and target not in seen:
                    seen.add(target)
                    todo.append(target)
    return found


def test_every_listed_builder_exists() -> None:
    missing = [p for p in BUILDERS if not (BENCH / p).exists()]
    assert not missing, f"listed data builders missing (renamed? update BUILDERS): {missing}"


@pytest.mark.parametrize("path", _builders(), ids=lambda p: str(p.relative_to(BENCH)))
def test_data_builder_does_not_import_tagdyr(path: Path) -> None:
    imports = _tagdyr_imports(path)
    assert not imports, f"{path} reaches tagdyr: {imports}"


def test_the_check_finds_a_tagdyr_import(tmp_path: Path) -> None:
    sample = tmp_path / "generate_x.py"
    sample.write_text(
        "import csv\ndef f():\n    from tagdyr.names.translit import romanize\n"
        "import tagdyr\n__import__('tagdyr.link')\n",
        encoding="utf-8",
    )
    assert len(_tagdyr_imports(sample)) == 3


def test_the_check_follows_bench_imports() -> None:
    """bench/linkage/job.py runs tagdyr; a module importing it reaches tagdyr."""
    assert _tagdyr_imports(BENCH / "linkage" / "job.py")


DEMO = BENCH.parent / "src" / "tagdyr" / "demo"


def _demo_tagdyr_imports(path: Path) -> list[str]:
    """tagdyr modules the demo generator reaches, following tagdyr.demo imports transitively."""
    found, seen, todo = [], {path}, [path]
    while todo:
        current = todo.pop()
        for line, module in _imports(current):
            if module.split(".")[0] != "tagdyr":
                continue
            found.append(f"{current.name} line {line}: {module}")
            target = BENCH.parent / "src" / Path(*module.split(".")).with_suffix(".py")
            if module.startswith("tagdyr.demo.") and target.exists() and target not in seen:
                seen.add(target)
                todo.append(target)
    return found


def test_the_demo_data_are_not_rendered_by_the_code_they_score() -> None:
    """The synthetic demo backs the linkage tests' floors: its generator may use its own clerks'
    tables (tagdyr.demo.clerks) and nothing else of tagdyr (not the names engine, not linkage)."""
    imports = _demo_tagdyr_imports(DEMO / "synthetic.py")
    assert imports, "the check found no import of tagdyr.demo.clerks: did the generator move?"
    assert all(i.endswith(": tagdyr.demo.clerks") for i in imports), imports


def test_the_demo_check_finds_the_names_engine(tmp_path: Path) -> None:
    sample = tmp_path / "synthetic.py"
    sample.write_text("def f():\n    from tagdyr.names.translit import romanize\n", "utf-8")
    assert _demo_tagdyr_imports(sample) == ["synthetic.py line 2: tagdyr.names.translit"]


def test_the_shipped_demo_files_are_the_generators(tmp_path: Path) -> None:
    """The files the floors are measured on are what the independent generator writes."""
    from tagdyr.demo import synthetic

    synthetic.generate(tmp_path)
    for name in ("synthetic_register.csv", "synthetic_norway_list.csv", "synthetic_truth.csv"):
        shipped = (DEMO / "data" / name).read_bytes()
        assert (tmp_path / name).read_bytes() == shipped, name
