"""What a user would do instead of tagdyr, written as its documentation suggests.

* Plain Splink: names ASCII-folded with unidecode (which does not know Kazakh letters), the
  list's name split as "surname given" (lists are usually surname-first), Jaro-Winkler on
  surname, given name and the folded place text, exact birth year and full birth date;
  blocking on surname prefix + year and on given name + year; u by random sampling, prior by
  deterministic rules, m by EM.
* recordlinkage: the same folded columns, blocking on surname prefix + year, Jaro-Winkler and
  exact comparisons, the unsupervised ECM classifier.

Both write the link-output contract with the same decision rule as tagdyr's list linkage
(threshold 0.5, a register record goes to at most one list entry).
"""

from __future__ import annotations

import csv
import logging
import re
from pathlib import Path
from typing import Any

from tagdyr.link.files import LEFT, RIGHT, _decide, _write

THRESHOLD = 0.5


def _fold(text: str) -> str:
    from unidecode import unidecode

    return " ".join(unidecode(text).lower().replace(".", " ").split())


def _columns(path: Path, dataset: str) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {
        k: [] for k in ("unique_id", "surname", "given_name", "birth_year", "birth_date", "place")
    }
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if "full_name" in row:
                words = _fold(row["full_name"]).split()
                surname, given = [*words, "", ""][:2]
            else:
                surname, given = _fold(row["surname"]), _fold(row["given_name"])
            birth = row.get("birth_date") or row.get("birth_year") or ""
            year = re.search(r"\d{4}", birth)
            place = _fold(row.get("residence") or row.get("birth_place") or "")
            columns["unique_id"].append(row["id"])
            columns["surname"].append(surname or None)
            columns["given_name"].append(given or None)
            columns["birth_year"].append(int(year.group()) if year else None)
            columns["birth_date"].append(birth if len(birth) > 4 else None)
            columns["place"].append(place or None)
    return {"source_dataset": [dataset] * len(columns["unique_id"]), **columns}


def plain_splink(listed: Path, register: Path, out: Path) -> None:
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    db = DuckDBAPI()
    left = db.register(pa.table(_columns(listed, LEFT)), table_name="l")
    right = db.register(pa.table(_columns(register, RIGHT)), table_name="r")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.8]),
            cl.JaroWinklerAtThresholds("given_name", [0.92, 0.8]),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("birth_date"),
            cl.JaroWinklerAtThresholds("place", [0.9]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("substr(surname, 1, 3)", "birth_year"),
            block_on("given_name", "birth_year"),
            block_on("surname", "given_name"),
        ],
    )
    linker = Linker([left, right], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("surname", "given_name", "birth_year")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1945)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("substr(surname, 1, 3)", "birth_year")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("surname", "given_name")
    )
    table = linker.inference.predict(threshold_match_probability=0.01).as_pyarrow_table()
    _write(_decide(table, THRESHOLD, one_per_right=True), out)


def recordlinkage_baseline(listed: Path, register: Path, out: Path) -> None:
    import pandas as pd
    import pyarrow as pa
    import recordlinkage as rl

    frames = []
    for path, dataset in ((listed, LEFT), (register, RIGHT)):
        frame = pd.DataFrame(_columns(path, dataset)).set_index("unique_id")
        frame["prefix"] = frame["surname"].fillna("").str[:3]
        frames.append(frame)
    left, right = frames
    indexer = rl.Index()
    indexer.block(["prefix", "birth_year"])
    candidates = indexer.index(left, right)
    compare = rl.Compare()
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.string(
        "given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name"
    )
    compare.exact("birth_year", "birth_year", label="birth_year")
    compare.exact("birth_date", "birth_date", label="birth_date")
    features = compare.compute(candidates, left, right)
    classifier = rl.ECMClassifier()
    classifier.fit_predict(features)
    probability = classifier.prob(features)
    table = pa.table({
        "unique_id_l": [str(i) for i, _ in probability.index],
        "unique_id_r": [str(j) for _, j in probability.index],
        "source_dataset_l": [LEFT] * len(probability),
        "match_probability": probability.to_numpy(dtype=float),
        "match_weight": [0.0] * len(probability),
    })  # fmt: skip
    _write(_decide(table, THRESHOLD, one_per_right=True), out)
