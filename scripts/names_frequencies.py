"""Write the names engine's frequency table (``src/tagdyr/names/data/name_frequencies.json``).

    python scripts/names_frequencies.py

Source: the Kazakhstan ranks of names-dataset 3.3.1 (Remy 2021; 2019 social-network data),
as extracted by ``python -m bench.names.inventory`` into ``bench/names/data/kz_inventory.tsv``.
names-dataset gives ranks, not counts; a name's share is taken from Zipf's law, share(rank) =
1 / (rank · H(N)) with N = 19,403 ranked Kazakhstan surnames (9,000 given names), which fits
name-frequency data well. A surname's man's and woman's forms are one surname (their shares add
up); surnames are keyed by the engine's skeleton of the man's form (so "Akhmetow" finds
Ахметов's share); given names by skeleton too, and by first sound (how many given names a
"K." fits).

The engine reads only this small JSON at run time; names-dataset is not a dependency of tagdyr.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from pathlib import Path

from tagdyr.names.initials import first_sounds

ROOT = Path(__file__).resolve().parents[1]
INVENTORY = ROOT / "bench" / "names" / "data" / "kz_inventory.tsv"
OUT = ROOT / "src" / "tagdyr" / "names" / "data" / "name_frequencies.json"
SURNAMES_RANKED, GIVEN_RANKED = 19_403, 9_000


def _harmonic(n: int) -> float:
    return math.log(n) + 0.5772156649 + 1 / (2 * n)


def _rows() -> list[dict[str, str]]:
    with INVENTORY.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def main() -> None:
    from tagdyr.names.keys import skeleton

    surnames: dict[str, float] = defaultdict(float)
    given: dict[str, float] = defaultdict(float)
    initials: dict[str, dict[str, float]] = {"m": defaultdict(float), "f": defaultdict(float)}
    h_surnames, h_given = _harmonic(SURNAMES_RANKED), _harmonic(GIVEN_RANKED)
    for row in _rows():
        rank = int(row["kz_rank"])
        if row["kind"].endswith("surname"):
            share = 1 / (rank * h_surnames)
            # the woman's form has a rank of its own, close to the man's: count it the same
            surnames[skeleton(row["name"])] += 2 * share
        else:
            given[skeleton(row["name"])] += 1 / (rank * h_given)
            sex = "f" if row["kind"].endswith("female") else "m"
            for letter in first_sounds(row["name"], False):
                initials[sex][letter] += 1 / (rank * h_given)
    total = sum(surnames.values())
    unseen = 1 / (SURNAMES_RANKED * h_surnames)
    table = {
        "source": "names-dataset 3.3.1, KZ ranks; Zipf shares (scripts/names_frequencies.py)",
        "surname_key": "tagdyr.names.keys.skeleton of the man's form",
        "unseen_surname_share": round(unseen, 8),
        "listed_surname_share": round(total, 4),
        "surnames": {k: round(v, 8) for k, v in sorted(surnames.items(), key=lambda kv: -kv[1])},
        "unseen_given_share": round(1 / (GIVEN_RANKED * h_given), 8),
        "given": {k: round(v, 8) for k, v in sorted(given.items(), key=lambda kv: -kv[1])},
        "given_initials": {
            sex: {k: round(v / sum(d.values()), 5) for k, v in sorted(d.items())}
            for sex, d in initials.items()
        },
    }
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(surnames)} surname keys")


if __name__ == "__main__":
    main()
