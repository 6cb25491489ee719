"""How long `tagdyr --help` takes on the wall clock (issue 17: under 0.3 s).

    python -m bench.cli                # or: make bench-cli
    python -m bench.cli --runs 30

Each command is started as a new process, as a user's shell starts it, ``--runs`` times after
one warm-up run (so the files are in the page cache, as on any second call). Beside tagdyr's
own commands, in the same run:

* ``python -c pass``: the interpreter's own start, the floor nothing can beat;
* a bare Typer app with one command: what the CLI framework (Typer, Click, Rich) costs by
  itself, which is what a user writing their own script with the same tools would pay.

The table gives the median and the 95th percentile of the wall time, the median CPU time
(user + system: what the start-up costs, less bent by other processes than the wall clock),
and the load average before the run (a loaded machine slows every row alike). The results go to
``bench/results/cli.tsv``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results_log import append, log_path

TARGET_SECONDS = 0.3
BARE_TYPER = """\
import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    print(name)


@app.command()
def bye(name: str) -> None:
    print(name)


app()
"""


def _commands(bare: Path) -> list[tuple[str, list[str]]]:
    python = sys.executable
    return [
        ("python -c pass (floor)", [python, "-c", "pass"]),
        ("bare Typer app --help", [python, str(bare), "--help"]),
        ("tagdyr --help", [python, "-m", "tagdyr.cli", "--help"]),
        ("tagdyr link --help", [python, "-m", "tagdyr.cli", "link", "--help"]),
        ("tagdyr names --help", [python, "-m", "tagdyr.cli", "names", "--help"]),
    ]


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``argv`` in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env={**os.environ, "COLUMNS": "100"})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_typer.py"
        bare.write_text(BARE_TYPER, encoding="utf-8")
        for label, command in _commands(bare):
            _run(command)  # warm-up: the files in the page cache
            walls, cpus = zip(*(_run(command) for _ in range(args.runs)), strict=True)
            rows.append((label, {
                "median_s": statistics.median(walls),
                "p95_s": _percentile(list(walls), 0.95),
                "cpu_median_s": statistics.median(cpus),
            }))  # fmt: skip
    print(f"CLI start-up, {args.runs} runs each, load average {load:.2f} before the run")
    print(f"{'command':<26} {'wall median s':>14} {'wall p95 s':>11} {'CPU median s':>13}  target")
    for label, m in rows:
        target = f"< {TARGET_SECONDS} s wall" if label.startswith("tagdyr") else ""
        print(
            f"{label:<26} {m['median_s']:>14.3f} {m['p95_s']:>11.3f} "
            f"{m['cpu_median_s']:>13.3f}  {target}"
        )
    note = f"{args.runs} runs, load {load:.2f}"
    append(
        log_path("cli"),
        [(label, metric, value, note) for label, m in rows for metric, value in m.items()],
    )


if __name__ == "__main__":
    main()
