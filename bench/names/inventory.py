"""Extract the names benchmark's modern name inventory from the `names-dataset` package, once.

    pip install names-dataset==3.3.1 && python -m bench.names.inventory

names-dataset (Remy, 2021; from a 2019 social-network leak, 106 countries) ranks every name by
its frequency per country. This script keeps the Kazakhstan ranks of Cyrillic names: surnames in
the Soviet male form (-ов/-ев/-ин), split by how Kazakh they are (the share of the name's bearers
who are in Kazakhstan: ≥ 0.5 is a Kazakh surname, < 0.3 a Russian one living there), and
given names by gender. It writes ``bench/names/data/kz_inventory.tsv`` (kind, name, KZ rank,
KZ share), which the benchmark's pools read; names-dataset is not needed afterwards, and tagdyr
never reads it at run time. It reads the package's pickles directly instead of building the
whole ``NameDataset`` (gigabytes of memory for 106 countries).
"""

from __future__ import annotations

import csv
import gzip
import pickle
import re
from importlib import resources
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "data" / "kz_inventory.tsv"
_CYRILLIC = re.compile(r"^[А-ЯЁ][а-яё]{2,}$")
_SURNAME = re.compile(r"(ов|ев|ёв|ин|ын)$")
LIMITS = {"kk-surname": 2500, "ru-surname": 400, "kk-male": 700, "kk-female": 400,
          "ru-male": 80, "ru-female": 60}  # fmt: skip


def _load(kind: str) -> dict[str, Any]:
    path = resources.files("names_dataset") / "v3" / f"{kind}_names.pkl.gz"
    with gzip.open(str(path)) as handle:
        table: dict[str, Any] = pickle.load(handle)  # the package's own data
        return table


def _kz(table: dict[str, Any]) -> list[tuple[int, str, dict[str, float], float]]:
    rows = []
    for name, info in table.items():
        rank = info.get("rank", {}).get("KZ")
        if rank is not None and _CYRILLIC.match(name):
            rows.append((rank, name, info.get("gender") or {}, info["country"].get("KZ") or 0.0))
    return sorted(rows)


def _given_kind(gender: dict[str, float], share: float) -> str | None:
    sex = "male" if gender.get("M", 0) >= 0.9 else "female" if gender.get("F", 0) >= 0.9 else ""
    if not sex:
        return None
    if share >= 0.5:
        return f"kk-{sex}"
    return f"ru-{sex}" if share < 0.3 else None


def rows() -> list[tuple[str, str, int, float]]:
    out: list[tuple[str, str, int, float]] = []
    counts: dict[str, int] = dict.fromkeys(LIMITS, 0)
    for rank, name, _, share in _kz(_load("last")):
        if not _SURNAME.search(name):
            continue
        kind = "kk-surname" if share >= 0.5 else "ru-surname" if share < 0.3 else None
        if kind and counts[kind] < LIMITS[kind]:
            counts[kind] += 1
            out.append((kind, name, rank, share))
    for rank, name, gender, share in _kz(_load("first")):
        kind = _given_kind(gender, share)
        if kind and counts[kind] < LIMITS[kind]:
            counts[kind] += 1
            out.append((kind, name, rank, share))
    return out


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["kind", "name", "kz_rank", "kz_share"])
        writer.writerows(rows())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
