"""Extract the bench's name frequencies from the `names-dataset` package (3.3.1).

    python -m bench.linkage.names_data      # writes bench/linkage/data/kz_names.tsv

names-dataset ranks first and last names per country from a large public sample of social
network profiles. For Kazakhstan (KZ) it ranks modern Kazakh, Russian, Korean and other names
as they are spread there, in Cyrillic. Kept: Cyrillic names only, given names of men, surnames
in their masculine form (a "-ова/-ева/-ина/-ая" form is a woman's). Each name carries its KZ
rank and, where it has one, its rank in Russia: a name ranked far better in Russia than in
Kazakhstan is a Slavic name (the generator draws Kazakh and Slavic men separately).

Loading the package's pickles takes ~2 GB and a minute, so the result is committed; this
script is how it was made. It does not import tagdyr.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "data" / "kz_names.tsv"
CYRILLIC = re.compile(
    r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(-[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі][а-яёәғқңөұүһі]+)?$"
)
FEMININE = ("ова", "ева", "ёва", "ина", "ына", "ая", "яя")
GIVEN, SURNAMES = 1500, 6000


def _ranked(table: dict[str, Any], keep: Any) -> list[tuple[str, int, int]]:
    rows = []
    for name, info in table.items():
        rank = info["rank"].get("KZ")
        if rank is None or not CYRILLIC.match(name) or not keep(name, info):
            continue
        rows.append((name, int(rank), int(info["rank"].get("RU") or 0)))
    return sorted(rows, key=lambda r: r[1])


def _male(name: str, info: dict[str, Any]) -> bool:
    gender = info.get("gender") or {}
    return float(gender.get("M", 0)) > float(gender.get("F", 0))


def _masculine(name: str, info: dict[str, Any]) -> bool:
    return not name.endswith(FEMININE)


def main() -> None:
    from names_dataset import NameDataset

    dataset = NameDataset()
    given = _ranked(dataset.first_names, _male)[:GIVEN]
    surnames = _ranked(dataset.last_names, _masculine)[:SURNAMES]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["kind", "name", "kz_rank", "ru_rank"])
        out.writerows(("given", *row) for row in given)
        out.writerows(("surname", *row) for row in surnames)
    print(f"{len(given)} given names, {len(surnames)} surnames -> {OUT}")


if __name__ == "__main__":
    main()
