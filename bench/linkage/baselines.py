"""What a skilled user would do instead of tagdyr, set up as each tool's documentation advises.

Both baselines get the same preparation, which is what anyone linking Russian-language
registers to European lists does first (`prepare`):

* names ASCII-folded with unidecode (the register's Cyrillic and the lists' Latin meet in one
  alphabet), lowercased, punctuation gone; the list's one full-name field split into surname
  and given name by the usual sign of a Russian-style surname (-ov, -ev, -in, -off, -ow, -ew,
  -uly …): whichever word carries it is the surname, else the first word (lists are mostly
  surname-first); a Double Metaphone code of each part (Splink's NameComparison uses one);
* dates normalised: "12.03.1915", "12/03/1915", "12 Mar 1915" and "1915" all become an ISO
  date and a birth year, so a French list's slashes or an English month are no obstacle;
* places as sets of word stems (first five letters of each word, generic words such as
  raion/rayon/district/oblast/Kazakhstan/RVK dropped), from the list's residence and the
  register's birthplace and conscription office together.

* **Plain Splink** (`plain_splink`): NameComparison on surname and on given name (exact,
  Jaro-Winkler 0.92/0.88/0.7, Double Metaphone), both with term-frequency adjustments (a
  match on a rare surname says more than one on "Akhmetov"); a birth comparison with levels
  exact date / same year / ±1 year / ±2 years (one comparison, so a date and its year are not
  counted twice); place stems intersecting in two or one; blocking on surname prefix + year,
  given name + year, Double Metaphone of both names, and both orders of the names (a list
  that wrote "given surname" still meets its man); u by random sampling, the prior from
  deterministic rules, m by EM on two blocking rules that leave out the compared columns in
  turn — the training steps of Splink's own tutorials.
* **recordlinkage** (`recordlinkage_baseline`): the same prepared columns; full-index
  blocking on year and on surname's Double Metaphone code joined; Jaro-Winkler on both names,
  a Gaussian year difference (scale 1 year), exact date and exact Double Metaphone codes,
  place stems shared; the unsupervised ECM classifier on the binarised features, as its
  documentation's unsupervised example does.

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
SURNAME_ENDINGS = ("ov", "ev", "in", "off", "ow", "ew", "ova", "eva", "uly", "ko", "iy", "ii", "yn")
PLACE_STOP = frozenset(
    "kazakh kazakhskaia kazakhstan kasachstan kasakhstan qazaq ssr raion rayon rajon raion "
    "district r-n rn obl oblast g rvk gvk audany audanu audany kazakhskaya".split()
)
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _fold(text: str) -> str:
    from unidecode import unidecode

    return " ".join(re.sub(r"[^a-z\- ]", " ", unidecode(text).lower()).split())


def split_full_name(full_name: str) -> tuple[str, str]:
    """(surname, given) of a list's full name: the word with a surname's ending, else the
    first word."""
    words = [w for w in _fold(full_name).split() if len(w) > 1] or _fold(full_name).split()
    if len(words) < 2:
        return (words[0] if words else ""), ""
    first, second = words[0], words[-1]
    if second.endswith(SURNAME_ENDINGS) and not first.endswith(SURNAME_ENDINGS):
        return second, first
    return first, second


def normalise_date(text: str) -> tuple[str | None, int | None]:
    """(ISO date or None, year or None) of "12.03.1915", "12/03/1915", "12 Mar 1915", "1915"."""
    text = text.strip().lower()
    numeric = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
    worded = re.fullmatch(r"(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})", text)
    if numeric:
        day, month, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
    elif worded and worded[2] in MONTHS:
        day, month, year = int(worded[1]), MONTHS[worded[2]], int(worded[3])
    else:
        found = re.search(r"\b(1[89]\d\d)\b", text)
        return None, int(found[1]) if found else None
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}", year
    return None, year


def place_stems(*texts: str) -> list[str]:
    words = (w for t in texts for w in re.split(r"[\s,\-]+", _fold(t)))
    return sorted({w[:5] for w in words if len(w) > 2 and w not in PLACE_STOP})


def _metaphone(word: str) -> list[str] | None:
    """Both Double Metaphone codes (the array Splink's NameComparison intersects)."""
    from doublemetaphone import doublemetaphone

    codes = [code for code in doublemetaphone(word) if code] if word else []
    return list(dict.fromkeys(codes)) or None


def prepare(path: Path, dataset: str) -> dict[str, list[Any]]:
    """The prepared columns of a list (full_name, residence) or a register (surname, …)."""
    keys = ("unique_id", "surname", "forename", "surname_dm", "forename_dm", "birth_date",
            "birth_year", "place")  # fmt: skip
    columns: dict[str, list[Any]] = {k: [] for k in keys}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if "full_name" in row:
                surname, given = split_full_name(row["full_name"])
                place = place_stems(row.get("residence", ""))
            else:
                surname, given = _fold(row["surname"]), _fold(row["given_name"])
                place = place_stems(row.get("birth_place", ""), row.get("conscription", ""))
            date, year = normalise_date(row.get("birth_date", ""))
            values = (row["id"], surname or None, given or None, _metaphone(surname),
                      _metaphone(given), date, year, place)  # fmt: skip
            for key, value in zip(keys, values, strict=True):
                columns[key].append(value)
    return {"source_dataset": [dataset] * len(columns["unique_id"]), **columns}


def _birth_comparison() -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    return cl.CustomComparison(
        output_column_name="birth",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("birth_date"),
            cll.ExactMatchLevel("birth_year"),
            cll.CustomLevel("abs(birth_year_l - birth_year_r) <= 1", "year ±1"),
            cll.CustomLevel("abs(birth_year_l - birth_year_r) <= 2", "year ±2"),
            cll.ElseLevel(),
        ],
    )


def plain_splink(listed: Path, register: Path, out: Path) -> None:
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    db = DuckDBAPI()
    left = db.register(pa.table(prepare(listed, LEFT)), table_name="l")
    right = db.register(pa.table(prepare(register, RIGHT)), table_name="r")
    names = {"jaro_winkler_thresholds": [0.92, 0.88, 0.7]}
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("surname", dmeta_col_name="surname_dm", **names).configure(
                term_frequency_adjustments=True
            ),
            cl.NameComparison("forename", dmeta_col_name="forename_dm", **names).configure(
                term_frequency_adjustments=True
            ),
            _birth_comparison(),
            cl.ArrayIntersectAtSizes("place", [2, 1]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("substr(surname, 1, 3)", "birth_year"),
            block_on("forename", "birth_year"),
            block_on("surname_dm", "forename_dm"),
            "l.surname = r.forename and l.forename = r.surname",
            "l.surname_dm = r.forename_dm and l.birth_year = r.birth_year",
            block_on("substr(surname, 1, 2)", "substr(forename, 1, 2)"),
            block_on("surname", "place"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([left, right], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("surname", "forename", "birth_year")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1945)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("substr(surname, 1, 3)", "birth_year")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("forename", "birth_year")
    )
    table = linker.inference.predict(threshold_match_probability=0.001).as_pyarrow_table()
    _write(_decide(table, THRESHOLD, one_per_right=True), out)


def recordlinkage_baseline(listed: Path, register: Path, out: Path) -> None:
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import recordlinkage as rl

    frames = []
    for path, dataset in ((listed, LEFT), (register, RIGHT)):
        frame = pd.DataFrame(prepare(path, dataset)).set_index("unique_id")
        primary = frame["surname_dm"].map(lambda codes: codes[0] if codes else "")
        frame["block"] = primary + ":" + frame["birth_year"].astype(str)
        frame["forename_key"] = frame["forename_dm"].map(lambda codes: codes[0] if codes else "")
        frames.append(frame)
    left, right = frames
    indexer = rl.Index()
    indexer.block("block")
    indexer.block(["forename", "birth_year"])
    candidates = indexer.index(left, right)
    compare = rl.Compare()
    compare.string("surname", "surname", method="jarowinkler", threshold=0.88, label="surname")
    compare.string("forename", "forename", method="jarowinkler", threshold=0.88, label="given")
    compare.exact("forename_key", "forename_key", label="given_dm")
    compare.numeric("birth_year", "birth_year", method="gauss", offset=0, scale=1, label="year")
    compare.exact("birth_date", "birth_date", label="date")
    features = compare.compute(candidates, left, right)
    features["year"] = (features["year"] > 0.5).astype(int)
    shared = [
        bool(set(a) & set(b))
        for a, b in zip(
            left.loc[features.index.get_level_values(0), "place"],
            right.loc[features.index.get_level_values(1), "place"],
            strict=True,
        )
    ]
    features["place"] = np.array(shared, dtype=int)
    classifier = rl.ECMClassifier(binarize=None)
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
