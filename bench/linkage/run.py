"""Linkage benchmark: tagdyr against plain Splink on ASCII-folded names and recordlinkage.

    python -m bench.linkage            # or: make bench-linkage
    python -m bench.linkage --quick    # 10k x 100k only

Quality (precision, recall, F1 of is_match; recall@5 of candidates) on a 10,000-entry list
against a 100,000-record register, every method at its own default decision and at its best
threshold (chosen with the truth: a generous yardstick); on lists as rich as the documents the
seeds quote (the default), and on sparse ones (see generate.PROFILES). Scale: time and peak
memory of a 10,000 x 100,000 and a 10,000 x 1,000,000 link and of deduplicating 1,000,000
records, each job in its own process on this machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bench.linkage.ceiling import namesake_shares
from bench.linkage.evaluate import best_threshold, calibration, score_dedupe, score_link
from bench.linkage.generate import generate

OUT = Path(__file__).resolve().parent.parent / "out"
METHODS = ("tagdyr", "tagdyr-trained", "splink-ascii", "recordlinkage")


def _data(name: str, register: int, listed: int, profile: str = "rich") -> Path:
    directory = OUT / name
    if not (directory / "truth.csv").exists():
        print(
            f"generating {register:,} register records and a {listed:,}-entry list ({profile}) …",
            flush=True,
        )
        generate(register, listed, directory, profile=profile)
    return directory


def _job(method: str, directory: Path, dedupe: bool = False) -> dict[str, object]:
    command = [sys.executable, "-m", "bench.linkage.job", method, str(directory)]
    if dedupe:
        command.append("--dedupe")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def quality(directory: Path, title: str) -> None:
    print(
        f"\n{title}\n\n| method | P | R | F1 | recall@5 | best-threshold P / R / F1 (threshold) | "
        "candidate pairs | time s | peak MB |\n|---|---|---|---|---|---|---|---|---|"
    )
    for method in METHODS:
        job = _job(method, directory)
        if "error" in job:
            print(f"| {method} | failed: {job['error']} |")
            continue
        out = Path(str(job["out"]))
        s = score_link(out, directory)
        cut, b = best_threshold(out, directory)
        print(
            f"| {method} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
            f"{s.recall_at_5:.3f} | {b.precision:.3f} / {b.recall:.3f} / {b.f1:.3f} "
            f"({cut:.3g}) | {s.pairs:,} | {job['seconds']} | {job['peak_mb']} |",
            flush=True,
        )


def calibration_table(directory: Path, method: str = "tagdyr-trained") -> None:
    print(
        f"\nCalibration of {method} (candidate pairs by stated probability)\n\n"
        "| probability | pairs | mean stated | truly the same |\n|---|---|---|---|"
    )
    for low, high, n, stated, observed in calibration(directory / f"{method}.csv", directory):
        print(f"| {low:.2f}–{min(high, 1):.2f} | {n:,} | {stated:.3f} | {observed:.3f} |")


def scale(directories: list[tuple[str, Path, bool]]) -> None:
    print(
        "\n| job | records | time s | peak MB | candidate pairs | P / R / F1 |\n"
        "|---|---|---|---|---|---|"
    )
    for label, directory, dedupe in directories:
        job = _job("tagdyr", directory, dedupe)
        if "error" in job:
            print(f"| {label} | failed: {job['error']} |")
            continue
        out = Path(str(job["out"]))
        s = score_dedupe(out, directory) if dedupe else score_link(out, directory)
        print(
            f"| {label} | {label.split()[-1]} | {job['seconds']} | {job['peak_mb']} | "
            f"{s.pairs:,} | {s.precision:.3f} / {s.recall:.3f} / {s.f1:.3f} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the 10k x 100k run")
    args = parser.parse_args()
    small = _data("l100k", 100_000, 10_000)
    near, same_place = namesake_shares(100_000)
    print(
        f"\nAmbiguity of the generated population (a ceiling for every method): {near:.1%} of "
        f"list entries' men have a namesake born within a year in the register, "
        f"{same_place:.1%} one also from the same raion."
    )
    quality(small, "Rich lists (full birth dates, residences, ranks; the register's RVK)")
    calibration_table(small)
    sparse = _data("l100k-sparse", 100_000, 10_000, profile="sparse")
    quality(sparse, "Sparse lists (half the ranks, dates and residences missing; no RVK)")
    runs = [("link 10,000 x 100,000", small, False)]
    if not args.quick:
        large = _data("l1m", 1_000_000, 10_000)
        runs += [("link 10,000 x 1,000,000", large, False), ("dedupe 1,000,000", large, True)]
    scale(runs)


if __name__ == "__main__":
    main()
