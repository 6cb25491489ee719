"""The benchmarks' results logs: one tab-separated file per benchmark in ``bench/results/``.

Columns: date (UTC, minutes), commit (short hash of the code that ran; "+src-changes" when
``src/`` had uncommitted edits), set, metric, value, note. Every benchmark appends through
:func:`append` and nothing else writes these files, so the format lives here only.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
COLUMNS = ("date", "commit", "set", "metric", "value", "note")
Row = tuple[str, str, float, str]  # set, metric, value, note


def log_path(benchmark: str) -> Path:
    """``bench/results/<benchmark>.tsv``."""
    return RESULTS / f"{benchmark}.tsv"


def current_commit() -> str:
    """Short hash of HEAD, with "+src-changes" if src/ differs from it; "unknown" off git."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, cwd=ROOT, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"],
            capture_output=True, text=True, cwd=ROOT, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+src-changes" if dirty else "")


def _value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) >= 10 else f"{value:.4f}"


def append(path: Path, rows: Iterable[Row], *, commit: str | None = None) -> int:
    """Append (set, metric, value, note) rows to the log at ``path`` (header written when the
    file is new); ``commit`` defaults to :func:`current_commit`. Returns the rows written."""
    rows = list(rows)
    commit = commit or current_commit()
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    new = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as handle:
        if new:
            handle.write(_line(COLUMNS))
        for set_name, metric, value, note in rows:
            handle.write(_line((date, commit, set_name, metric, _value(value), note)))
    return len(rows)


def _line(fields: Iterable[str]) -> str:
    """One tab-separated line; a tab or line break inside a field becomes a space."""
    return "\t".join(" ".join(str(f).split("\t")).replace("\n", " ") for f in fields) + "\n"


def with_note(rows: Iterable[tuple[str, str, float]], note: str) -> list[Row]:
    """(set, metric, value) rows that all share one note."""
    return [(set_name, metric, value, note) for set_name, metric, value in rows]


def read(path: Path) -> list[dict[str, str]]:
    """The log's rows as dicts keyed by :data:`COLUMNS`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = tuple(lines[0].split("\t")) if lines else ()
    if header != COLUMNS:
        raise ValueError(f"{path}: line 1 is {header!r}, not the results-log header {COLUMNS!r}")
    return [dict(zip(COLUMNS, line.split("\t"), strict=True)) for line in lines[1:] if line]
