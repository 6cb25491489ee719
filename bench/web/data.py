"""The web search benchmark's data, built without tagdyr: a register from the linkage
benchmark's independent generator and, as queries, the names its lists wrote for men who are
in the register (Latin renderings by each clerk's convention, Russian and Kazakh Cyrillic,
initials, typos, OCR, either order).

Two settings: *tuning* (the rich profile, seed 1945) and *heldout* (the held-out noise profile,
seed 2029): score the held-out one, never tune on it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from itertools import islice
from pathlib import Path

from bench.linkage.generate import HELDOUT_SEED, TUNING_SEED, generate

OUT = Path(__file__).resolve().parent.parent / "out"
SETTINGS = {"tuning": ("rich", TUNING_SEED), "heldout": ("heldout", HELDOUT_SEED)}
LIST_SIZE = 10_000
QUERIES = 300


def dataset(setting: str, size: int) -> Path:
    """The directory with register.csv, list.csv and truth.csv of a setting, made once."""
    profile, seed = SETTINGS[setting]
    directory = OUT / f"web-{setting}-{size // 1000}k"
    if not (directory / "truth.csv").exists():
        print(f"generating a {size:,}-record register ({profile}, seed {seed}) …", flush=True)
        generate(size, LIST_SIZE, directory, seed=seed, profile=profile)
    return directory


def queries(directory: Path, limit: int = QUERIES) -> list[tuple[str, set[str]]]:
    """(the name as a list wrote it, the register's entry ids of his records), for the first
    ``limit`` list entries whose man is in the register."""
    men: dict[str, str] = {}
    records_of: dict[str, set[str]] = defaultdict(set)
    with (directory / "truth.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            men[row["id"]] = row["man"]
            if row["id"].startswith("R"):
                records_of[row["man"]].add(row["id"])
    with (directory / "list.csv").open(encoding="utf-8") as handle:
        found = (
            (row["full_name"], records_of[men[row["id"]]])
            for row in csv.DictReader(handle)
            if records_of[men[row["id"]]]
        )
        return list(islice(found, limit))
