"""Scoring a link-output CSV against the generator's truth."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Scores:
    pairs: int
    matches: int
    precision: float
    recall: float
    f1: float
    recall_at_5: float
    recall_at_1: float = 0.0
    recall_at_20: float = 0.0
    matched_share: float = 0.0  # share of list entries given a match at the default
    true_share: float = 0.0  # share of list entries whose man is in the register


def scores(
    pairs: int, matches: int, correct: int, expected: int, recall_at_5: float = 0.0
) -> Scores:
    """Pairwise precision, recall and F1 from the counts of decided and true pairs."""
    precision = correct / matches if matches else 0.0
    recall = correct / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(pairs, matches, precision, recall, f1, recall_at_5)


def count_decisions(links: Path, same: Callable[[str, str], bool]) -> tuple[int, int, int]:
    """(candidate pairs, pairs decided as matches, of which truly the same) of a link CSV."""
    pairs = matches = correct = 0
    with links.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pairs += 1
            if row["is_match"] == "1":
                matches += 1
                correct += same(row["left_id"], row["right_id"])
    return pairs, matches, correct


def truth(directory: Path) -> dict[str, str]:
    with (directory / "truth.csv").open(encoding="utf-8") as handle:
        return {row["id"]: row["man"] for row in csv.DictReader(handle)}


def score_link(links: Path, directory: Path) -> Scores:
    """Pairwise P/R/F1 of is_match (list entry × register record of one man), and recall@5:
    the share of list entries with a man in the register whose top five candidates hold one
    of his records (and @1, @20); the share of entries given a match at the default decision
    beside the true share of entries whose man is in the register."""
    men = truth(directory)
    records_of: dict[str, set[str]] = defaultdict(set)
    for ident, man in men.items():
        if ident.startswith("R"):
            records_of[man].add(ident)
    candidates: dict[str, list[tuple[float, str]]] = defaultdict(list)
    matched_entries: set[str] = set()
    pairs = matches = correct = 0
    with links.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pairs += 1
            left, right = row["left_id"], row["right_id"]
            candidates[left].append((float(row["match_probability"]), right))
            if row["is_match"] == "1":
                matches += 1
                correct += men[left] == men[right]
                matched_entries.add(left)
    listed = [i for i in men if i.startswith("L")]
    expected = sum(len(records_of[men[i]]) for i in listed)
    findable = [i for i in listed if records_of[men[i]]]
    ranked = {i: [r for _, r in sorted(candidates[i], reverse=True)] for i in findable}

    def recall_at(k: int) -> float:
        hits = sum(any(men[r] == men[i] for r in ranked[i][:k]) for i in findable)
        return hits / len(findable) if findable else 0.0

    base = scores(pairs, matches, correct, expected, recall_at(5))
    return Scores(
        **{**base.__dict__, "recall_at_1": recall_at(1), "recall_at_20": recall_at(20),
           "matched_share": len(matched_entries) / len(listed) if listed else 0.0,
           "true_share": len(findable) / len(listed) if listed else 0.0},
    )  # fmt: skip


def score_dedupe(links: Path, directory: Path) -> Scores:
    """Pairwise P/R/F1 of is_match among register records of one man."""
    men = truth(directory)
    sizes: dict[str, int] = defaultdict(int)
    for ident, man in men.items():
        if ident.startswith("R"):
            sizes[man] += 1
    expected = sum(n * (n - 1) // 2 for n in sizes.values())
    counts = count_decisions(links, lambda left, right: men[left] == men[right])
    return scores(*counts, expected)


def best_threshold(links: Path, directory: Path) -> tuple[float, Scores]:
    """The threshold (same one-entry-one-person rule) at which F1 is best: an oracle choice,
    reported beside each method's own default decision to give every method its best chance."""
    men = truth(directory)
    records_of: dict[str, set[str]] = defaultdict(set)
    for ident, man in men.items():
        if ident.startswith("R"):
            records_of[man].add(ident)
    expected = sum(len(records_of[men[i]]) for i in men if i.startswith("L"))
    with links.open(encoding="utf-8") as handle:
        rows = [
            (float(r["match_probability"]), r["left_id"], r["right_id"])
            for r in csv.DictReader(handle)
        ]
    best_left: dict[str, tuple[float, str]] = {}
    for p, left, right in rows:
        if right not in best_left or (p, left) > best_left[right]:
            best_left[right] = (p, left)
    kept = sorted(
        ((p, men[left] == men[right]) for p, left, right in rows if best_left[right][1] == left),
        reverse=True,
    )
    best = (0.0, Scores(len(rows), 0, 0.0, 0.0, 0.0, 0.0))
    correct = 0
    for n, (p, ok) in enumerate(kept, start=1):
        correct += ok
        precision, recall = correct / n, correct / expected if expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[1].f1:
            best = (p, Scores(len(rows), n, precision, recall, f1, 0.0))
    return best


CALIBRATION_BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001)


def calibration(links: Path, directory: Path) -> list[tuple[float, float, int, float, float]]:
    """Per probability bin: (low, high, candidate pairs, mean stated probability, share truly
    the same man). A calibrated model states what it sees: the last two columns agree."""
    men = truth(directory)
    sums: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    with links.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            p = float(row["match_probability"])
            b = max(i for i in range(len(CALIBRATION_BINS) - 1) if p >= CALIBRATION_BINS[i])
            sums[b][0] += 1
            sums[b][1] += p
            sums[b][2] += men[row["left_id"]] == men[row["right_id"]]
    return [
        (CALIBRATION_BINS[b], CALIBRATION_BINS[b + 1], int(n), total / n, same / n)
        for b, (n, total, same) in sorted(sums.items())
    ]
