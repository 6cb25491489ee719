"""Each list entry's status in the link output: matched, one of N candidates, not in the
register (issue 18, item 3), after the contract's five columns."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.demo.build import data_dir
from tagdyr.link.files import link_files
from tests.files import write_csv

runner = CliRunner()
CONTRACT = ["left_id", "right_id", "match_probability", "match_weight", "is_match"]
STATUS = ["entry_status", "entry_men", "entry_in_register", "right_man"]

SURNAMES = (
    "Абдрахманов Байжанов Валиханов Габдуллин Дуйсенов Есенов Жакупов Закиров Исмаилов Калиев "
    "Латыпов Мухамедов Нургалиев Омаров Рахимов Садыков Тулегенов Уалиев Хасенов Шарипов"
).split()
GIVEN = (
    "Абылай Бахыт Габит Даулет Ержан Жандос Зейнулла Ильяс Канат Мурат Нурлан Олжас Рустем "
    "Самат Талгат Уразбай Хамза Шамиль Ыбырай Эльдар"
).split()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _register(path: Path) -> Path:
    """A Bektanov, two namesakes Akhmetov Serik born in 1915 (other fathers, other oblasts:
    two men), a Nurmanov born 24 years off, and 400 other men, so that a random pair is
    unlikely the same man."""
    others = [
        [f"F{i}", surname, given, "", str(1900 + (i * 7) % 27), ""]
        for i, (surname, given) in enumerate((s, g) for s in SURNAMES for g in GIVEN)
    ]
    return write_csv(
        path,
        [
            ["id", "surname", "given_name", "patronymic", "birth_year", "birth_place"],
            ["R1", "Бектанов", "Мажит", "", "1914", ""],
            ["R2", "Ахметов", "Серик", "Жумабаевич", "1915", "Павлодарская обл."],
            ["R3", "Ахметов", "Серик", "Касымович", "1915", "Карагандинская обл."],
            ["R4", "Нурманов", "Аскар", "", "1925", ""],
            *others,
        ],
    )


def _list(path: Path) -> Path:
    return write_csv(
        path,
        [
            ["id", "full_name", "birth_year"],
            ["L1", "Bektanov Mazhit", "1914"],
            ["L2", "Akhmetov Serik", "1915"],
            ["L3", "Nurmanov Asker", "1901"],
        ],
    )


def test_each_entry_says_matched_one_of_n_or_not_in_the_register(tmp_path: Path) -> None:
    out = tmp_path / "links.csv"
    listed, register = _list(tmp_path / "list.csv"), _register(tmp_path / "register.csv")
    result = runner.invoke(app, ["link", str(listed), str(register), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert list(rows[0]) == CONTRACT + STATUS
    by_entry = defaultdict(list)
    for row in rows:
        by_entry[row["left_id"]].append(row)
    (bektanov,) = by_entry["L1"]
    assert (bektanov["right_id"], bektanov["is_match"], bektanov["entry_status"]) == (
        "R1",
        "1",
        "matched",
    )
    assert bektanov["entry_men"] == "1"
    # two namesakes equally like the entry: neither is decided, and the entry says it is one
    # of the two, more likely in the register than not
    namesakes = by_entry["L2"]
    assert sorted(r["right_id"] for r in namesakes) == ["R2", "R3"]
    assert {r["is_match"] for r in namesakes} == {"0"}
    assert {(r["entry_status"], r["entry_men"]) for r in namesakes} == {("ambiguous", "2")}
    assert {r["right_man"] for r in namesakes} == {"R2", "R3"}
    assert float(namesakes[0]["entry_in_register"]) >= 0.5
    # his only candidate was born 24 years off: he is, by the evidence, not in the register
    assert {(r["entry_status"], r["entry_men"]) for r in by_entry["L3"]} == {
        ("not_in_register", "0")
    }
    assert float(by_entry["L3"][0]["entry_in_register"]) < 0.5


def test_a_mans_duplicate_records_are_one_man_of_the_entry(tmp_path: Path) -> None:
    listed = write_csv(
        tmp_path / "list.csv",
        [["id", "full_name", "birth_year"], ["L1", "Bektanov Mazhit", "1914"]],
    )
    register = write_csv(
        tmp_path / "register.csv",
        [
            ["id", "surname", "given_name", "birth_year"],
            ["R1", "Бектанов", "Мажит", "1914"],
            ["R2", "Бектанов", "Мажит", "1914"],
        ],
    )
    out = tmp_path / "links.csv"
    link_files(listed, register, out, threshold=0.5, floor=0.01)
    rows = _rows(out)
    assert {r["right_man"] for r in rows} == {"R1"}
    assert {(r["is_match"], r["entry_status"], r["entry_men"]) for r in rows} == {
        ("1", "matched", "1")
    }


def test_statuses_agree_with_the_decisions_on_the_demo(tmp_path: Path) -> None:
    listed = Path(shutil.copy(data_dir() / "synthetic_norway_list.csv", tmp_path / "list.csv"))
    register = Path(shutil.copy(data_dir() / "synthetic_register.csv", tmp_path / "reg.csv"))
    out = tmp_path / "links.csv"
    link_files(listed, register, out, threshold=0.5, floor=0.01)
    by_entry = defaultdict(list)
    for row in _rows(out):
        by_entry[row["left_id"]].append(row)
    statuses = set()
    for rows in by_entry.values():
        assert len({(r["entry_status"], r["entry_men"], r["entry_in_register"]) for r in rows}) == 1
        status, men = rows[0]["entry_status"], int(rows[0]["entry_men"])
        statuses.add(status)
        matched = {r["right_man"] for r in rows if r["is_match"] == "1"}
        assert (status == "matched") == bool(matched)
        if status == "matched":
            assert men == len(matched)
        elif status == "ambiguous":
            assert men >= 2 and float(rows[0]["entry_in_register"]) >= 0.5
        else:
            assert men == 0 and float(rows[0]["entry_in_register"]) < 0.5
        # a man's records share his probability: the entry's probabilities of its men
        # add up to its probability of being in the register
        per_man = {r["right_man"]: float(r["match_probability"]) for r in rows}
        assert sum(per_man.values()) <= float(rows[0]["entry_in_register"]) + 1e-3
    assert "matched" in statuses and "not_in_register" in statuses


def test_deduplication_keeps_the_contracts_five_columns(tmp_path: Path) -> None:
    register = Path(shutil.copy(data_dir() / "synthetic_register.csv", tmp_path / "reg.csv"))
    out = tmp_path / "dups.csv"
    link_files(register, None, out, threshold=0.9, floor=0.01)
    assert list(_rows(out)[0]) == CONTRACT
