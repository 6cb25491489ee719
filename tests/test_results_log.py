"""The benchmarks' results logs: one writer (bench/results_log.py), files that read back."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bench import results_log

ROOT = Path(__file__).resolve().parent.parent


def test_a_log_is_written_and_read_back(tmp_path: Path) -> None:
    log = tmp_path / "deeper" / "x.tsv"
    assert results_log.append(log, [("heldout", "F1", 0.91234, "first score")]) == 1
    results_log.append(
        log, results_log.with_note([("rich", "seconds", 301.0), ("rich", "P", 0.5)], "a\tb"),
        commit="abc1234",
    )  # fmt: skip
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "date\tcommit\tset\tmetric\tvalue\tnote"  # the header once
    assert len(lines) == 4
    rows = results_log.read(log)
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    assert rows[0]["commit"].startswith(head)
    assert (rows[0]["set"], rows[0]["metric"], rows[0]["value"]) == ("heldout", "F1", "0.9123")
    assert rows[0]["note"] == "first score"
    assert [r["value"] for r in rows[1:]] == ["301", "0.5000"]
    assert rows[1]["commit"] == "abc1234" and rows[1]["note"] == "a b"  # no tab in a field
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", rows[0]["date"])


def test_a_file_that_is_no_log_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.tsv"
    other.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"other\.tsv: line 1"):
        results_log.read(other)


@pytest.mark.parametrize(
    "path", sorted((ROOT / "bench" / "results").glob("*.tsv")), ids=lambda p: p.name
)
def test_every_committed_log_reads(path: Path) -> None:
    assert results_log.read(path), f"{path} has no figures"


def test_no_benchmark_writes_a_log_of_its_own() -> None:
    """The header (and so the format) is written in bench/results_log.py only."""
    writers = [
        p.relative_to(ROOT)
        for p in (ROOT / "bench").rglob("*.py")
        if p.name != "results_log.py" and "date\\tcommit" in p.read_text(encoding="utf-8")
    ]
    assert not writers, writers
