"""Linkage benchmark: tagdyr against competent plain Splink and recordlinkage set-ups, on data
that tagdyr did not make (bench.linkage.generate imports nothing of tagdyr).

    python -m bench.linkage                      # or: make bench-linkage (10k list x 100k register)
    python -m bench.linkage --register 10000     # a quick development run
    python -m bench.linkage --record "note"      # also append to bench/results/linkage.tsv

Three settings: *rich* and *sparse* (seed 1945) may be looked at while developing; *heldout*
(seed 2029, its own noise profile: other clerks, more OCR, other missing shares) is the
held-out setting, scored and recorded, never tuned on. Per method: pairwise P/R/F1 of
is_match at its own default decision, best F1 at any threshold (an oracle yardstick),
recall@1/@5/@20 of the candidates, the share of list entries given a match beside the true
share of entries whose man is in the register, candidate pairs, time and peak memory (each job
in its own process). Then calibration of tagdyr's probabilities by bin.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from bench import results_log
from bench.linkage.ceiling import namesake_shares
from bench.linkage.evaluate import best_threshold, calibration, score_dedupe, score_link
from bench.linkage.generate import HELDOUT_SEED, TUNING_SEED, generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
RESULTS = ROOT / "results" / "linkage.tsv"
METHODS = ("tagdyr", "tagdyr-trained", "splink", "recordlinkage")
SETTINGS = (("rich", "rich", TUNING_SEED), ("sparse", "sparse", TUNING_SEED),
            ("heldout", "heldout", HELDOUT_SEED))  # fmt: skip


def _data(setting: str, profile: str, seed: int, register: int, listed: int) -> Path:
    directory = OUT / f"linkage-{setting}-{listed // 1000}kx{register // 1000}k"
    if not (directory / "truth.csv").exists():
        print(f"generating {register:,} x {listed:,} ({profile}, seed {seed}) …", flush=True)
        generate(register, listed, directory, seed=seed, profile=profile)
    return directory


def _job(method: str, directory: Path, dedupe: bool = False) -> dict[str, object]:
    command = [sys.executable, "-m", "bench.linkage.job", method, str(directory)]
    command += ["--dedupe"] if dedupe else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _record(rows: list[tuple[str, str, float]], note: str) -> None:
    results_log.append(RESULTS, results_log.with_note(rows, note))


def quality(
    directory: Path, title: str, label: str, methods: tuple[str, ...] = METHODS
) -> list[tuple[str, str, float]]:
    print(
        f"\n{title}\n\n| method | P | R | F1 | best F1 (P / R, threshold) | recall@1 / @5 / @20 "
        "| matched / estimated / true share | pairs | time s | peak MB |\n" + "|---" * 10 + "|"
    )
    rows = []
    for method in methods:
        job = _job(method, directory)
        if "error" in job:
            print(f"| {method} | failed: {job['error']} |", flush=True)
            continue
        out = Path(str(job["out"]))
        s = score_link(out, directory)
        cut, b = best_threshold(out, directory)
        print(
            f"| {method} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {b.f1:.3f} "
            f"({b.precision:.3f} / {b.recall:.3f}, {cut:.3g}) | {s.recall_at_1:.3f} / "
            f"{s.recall_at_5:.3f} / {s.recall_at_20:.3f} | {s.matched_share:.3f} / "
            f"{_share(job)} / {s.true_share:.3f} | {s.pairs:,} | {job['seconds']} | "
            f"{job['peak_mb']} |",
            flush=True,
        )
        figures = {
            "P": s.precision, "R": s.recall, "F1": s.f1, "best_F1": b.f1,
            "recall@1": s.recall_at_1, "recall@5": s.recall_at_5, "recall@20": s.recall_at_20,
            "matched_share": s.matched_share, "true_share": s.true_share,
            "seconds": float(str(job["seconds"])), "peak_mb": float(str(job["peak_mb"])),
            "best_threshold": cut,
        }  # fmt: skip
        if "estimated_share" in job:
            figures["estimated_share"] = float(str(job["estimated_share"]))
        worst = calibration_gap(out, directory)
        if worst is not None:
            figures["calibration_max_gap"] = worst
        rows += [(label, f"{method}:{metric}", value) for metric, value in figures.items()]
    return rows


def dedupe_quality(directory: Path, label: str) -> list[tuple[str, str, float]]:
    """tagdyr's deduplication of the register alone (``link --dedupe``) at its default."""
    job = _job("tagdyr", directory, dedupe=True)
    if "error" in job:
        print(f"\n{label} dedupe failed: {job['error']}", flush=True)
        return []
    s = score_dedupe(Path(str(job["out"])), directory)
    print(
        f"\n{label}, the register deduplicated: P {s.precision:.3f} R {s.recall:.3f} "
        f"F1 {s.f1:.3f}, {s.pairs:,} pairs, {job['seconds']} s, {job['peak_mb']} MB peak",
        flush=True,
    )
    figures = {
        "P": s.precision, "R": s.recall, "F1": s.f1,
        "seconds": float(str(job["seconds"])), "peak_mb": float(str(job["peak_mb"])),
    }  # fmt: skip
    return [(label, f"tagdyr-dedupe:{metric}", value) for metric, value in figures.items()]


def _share(job: dict[str, object]) -> str:
    value = job.get("estimated_share")
    return "–" if value is None else f"{float(str(value)):.3f}"


def calibration_gap(links: Path, directory: Path, minimum: int = 50) -> float | None:
    """The largest |stated − observed| over the calibration bins holding ``minimum`` pairs."""
    gaps = [abs(stated - seen) for _, _, n, stated, seen in calibration(links, directory)
            if n >= minimum]  # fmt: skip
    return max(gaps) if gaps else None


def calibration_table(directory: Path, method: str = "tagdyr") -> None:
    path = directory / f"{method}.csv"
    if not path.exists():
        return
    print(
        f"\nCalibration of {method} (candidate pairs by stated probability)\n\n"
        "| probability | pairs | mean stated | truly the same |\n|---|---|---|---|"
    )
    for low, high, n, stated, observed in calibration(path, directory):
        print(f"| {low:.2f}–{min(high, 1):.2f} | {n:,} | {stated:.3f} | {observed:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--register", type=int, default=100_000)
    parser.add_argument("--list", type=int, default=10_000)
    parser.add_argument("--only", choices=[s for s, _, _ in SETTINGS], action="append")
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument(
        "--dedupe", action="store_true", help="also deduplicate each register (link --dedupe)"
    )
    parser.add_argument(
        "--record", metavar="NOTE", help="append figures to bench/results/linkage.tsv"
    )
    args = parser.parse_args()
    rows = []
    for setting, profile, seed in SETTINGS:
        if args.only and setting not in args.only:
            continue
        directory = _data(setting, profile, seed, args.register, args.list)
        near, same_place = namesake_shares(args.register, seed=seed)
        label = f"{setting}-{args.list // 1000}kx{args.register // 1000}k"
        held = " (HELD OUT: never tune on it)" if setting == "heldout" else ""
        rows += quality(
            directory,
            f"{label}{held}: {near:.1%} of the register's men have a namesake born within a "
            f"year ({same_place:.1%} also from the same raion)",
            label,
            tuple(args.methods),
        )
        for method in args.methods:
            calibration_table(directory, method)
        if args.dedupe:
            rows += dedupe_quality(directory, label)
    print(f"\nload: {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} / {os.getloadavg()[2]:.1f}")
    if args.record:
        _record(rows, args.record)


if __name__ == "__main__":
    main()
