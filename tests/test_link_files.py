"""Linking files: the link-output contract, dedupe, explanations, one entry one person, Spark."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.demo.build import data_dir
from tagdyr.link.files import link_files
from tagdyr.link.model import load_model
from tests.files import write_csv

runner = CliRunner()


@pytest.fixture
def demo_files(tmp_path: Path) -> tuple[Path, Path]:
    listed = shutil.copy(data_dir() / "synthetic_norway_list.csv", tmp_path / "list.csv")
    register = shutil.copy(data_dir() / "synthetic_register.csv", tmp_path / "register.csv")
    return Path(listed), Path(register)


def _truth() -> dict[str, str]:
    with (data_dir() / "synthetic_truth.csv").open(encoding="utf-8") as handle:
        return {row["entry_id"]: row["person"] for row in csv.DictReader(handle)}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_link_two_files_writes_the_contract_and_finds_the_truth(
    demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    listed, register = demo_files
    out = tmp_path / "links.csv"
    result = runner.invoke(app, ["link", str(listed), str(register), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    contract = ["left_id", "right_id", "match_probability", "match_weight", "is_match"]
    assert list(rows[0])[:5] == contract  # then each entry's status (tests/test_entry_status.py)
    assert all(r["left_id"].startswith("synthetic_norway_list") for r in rows)
    assert all(r["is_match"] in ("0", "1") for r in rows)
    truth = _truth()
    matches = [r for r in rows if r["is_match"] == "1"]
    correct = sum(truth[r["left_id"]] == truth[r["right_id"]] for r in matches)
    true_pairs = {
        (a, b)
        for a in truth
        for b in truth
        if a.startswith("synthetic_norway")
        and b.startswith("synthetic_register")
        and truth[a] == truth[b]
    }
    precision, recall = correct / len(matches), correct / len(true_pairs)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"demo files: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}")
    # measured 2026-12-02 23:20 on the independently rendered demo: P 0.907, R 0.986, F1 0.944;
    # floors: measured − 0.03 (precision, nearly at its old floor of 0.9, stays there)
    assert f1 >= 0.914 and precision >= 0.9 and recall >= 0.956
    # near misses below the threshold are reported too (a reviewer sees them)
    assert any(float(r["match_probability"]) < 0.9 for r in rows)


def test_one_list_entry_is_one_person(tmp_path: Path) -> None:
    """A register record goes to at most one entry of a list; a list entry may take two
    register records of the same man (registers hold duplicates)."""
    listed = write_csv(
        tmp_path / "list.csv",
        [
            ["id", "full_name", "birth_year"],
            ["L1", "Bektanov Mazhit", "1914"],
            ["L2", "Bektanow Mashit", "1914"],
        ],
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
    matched = [(r["left_id"], r["right_id"]) for r in _rows(out) if r["is_match"] == "1"]
    assert sorted({right for _, right in matched}) == ["R1", "R2"]
    for right in ("R1", "R2"):
        assert sum(1 for _, r in matched if r == right) == 1


def test_dedupe_one_file(demo_files: tuple[Path, Path], tmp_path: Path) -> None:
    _, register = demo_files
    out = tmp_path / "dups.csv"
    assert runner.invoke(app, ["link", "--dedupe", str(register), "--out", str(out)]).exit_code == 0
    truth = _truth()
    matches = [r for r in _rows(out) if r["is_match"] == "1"]
    assert matches
    correct = sum(truth[r["left_id"]] == truth[r["right_id"]] for r in matches)
    registered = [e for e in truth if e.startswith("synthetic_register")]
    by_person = Counter(truth[e] for e in registered)
    true_pairs = sum(n * (n - 1) // 2 for n in by_person.values())
    precision, recall = correct / len(matches), correct / true_pairs
    print(f"demo dedupe: precision {precision:.3f}, recall {recall:.3f}")
    # measured 2026-12-02: precision 0.968, recall 1.000; floors: measured − 0.03
    assert precision >= 0.938 and recall >= 0.97


def test_explain_shows_each_piece_of_evidence(demo_files: tuple[Path, Path]) -> None:
    listed, register = demo_files
    explain = ["link", "explain", "synthetic_norway_list-1", "synthetic_register-75",
               "--left", str(listed), "--right", str(register)]  # fmt: skip
    out = runner.invoke(app, [*explain, "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    comparisons = [e["comparison"] for e in data["evidence"]]
    assert comparisons == [
        "surname",
        "given_name",
        "patronymic",
        "birth",
        "place",
        "rank",
        "camp",
        "gender",
        "identifier",
    ]
    total = data["prior_weight"] + sum(e["match_weight"] for e in data["evidence"])
    assert total == pytest.approx(data["match_weight"], abs=0.01)
    terminal = runner.invoke(app, explain, env={"COLUMNS": "150"})
    assert "running total" in terminal.output and "match probability" in terminal.output


def test_database_explain_and_bad_usage(demo_db: str) -> None:
    db = demo_db.removeprefix("sqlite:///")
    out = runner.invoke(app, ["link", "explain", "16", "17", "--json", "--db", db])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["match_probability"] > 0.9  # Bektanov: Mysen list, register
    bad = runner.invoke(app, ["link", "one.csv", "--out", "x.csv"])
    assert bad.exit_code != 0
    assert "give two files" in str(bad.exception)


def test_training_saves_a_versioned_model_beside_the_output(
    demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    listed, register = demo_files
    out = tmp_path / "links.csv"
    result = runner.invoke(app, ["link", str(listed), str(register), "--out", str(out), "--train"])
    assert result.exit_code == 0, result.output
    model = json.loads((tmp_path / "links.model.json").read_text(encoding="utf-8"))
    assert model["format"] == "tagdyr-linkage-model/1"
    assert model["version"] == load_model().version + 1 and model["trained"]["records"] == 410
    again = runner.invoke(
        app,
        [
            "link",
            str(listed),
            str(register),
            "--out",
            str(tmp_path / "again.csv"),
            "--model",
            str(tmp_path / "links.model.json"),
        ],
    )
    assert again.exit_code == 0
    assert _rows(tmp_path / "again.csv") == _rows(out)


def test_spark_gives_the_same_links_as_duckdb(
    demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    listed, register = demo_files
    duck, spark = tmp_path / "duck.csv", tmp_path / "spark.csv"
    link_files(listed, register, duck, threshold=0.9, floor=0.01)
    link_files(listed, register, spark, threshold=0.9, floor=0.01, engine="spark")
    a = {(r["left_id"], r["right_id"]): r for r in _rows(duck)}
    b = {(r["left_id"], r["right_id"]): r for r in _rows(spark)}
    assert set(a) == set(b)
    for key in a:
        assert a[key]["is_match"] == b[key]["is_match"]
        assert float(a[key]["match_probability"]) == pytest.approx(
            float(b[key]["match_probability"]), abs=1e-6
        )


def test_register_columns_teach_the_name_order_of_a_list(tmp_path: Path) -> None:
    """ "Bekpar Isbassartasosw" has a misspelt surname suffix, so its order is unknown from the
    words alone; the register's given-name column knows Бекпар as a given name."""
    from tagdyr.link.features import LinkRecord
    from tagdyr.link.files import read_records
    from tagdyr.link.order import settle_datasets

    listed = write_csv(
        tmp_path / "list.csv",
        [["id", "full_name"], ["L1", "Bekpar Isbassartasosw"], ["L2", "Dosan Nurbek"]],
    )
    register = write_csv(
        tmp_path / "register.csv",
        [
            ["id", "surname", "given_name"],
            ["R1", "Избасартасов", "Бекпар"],
            ["R2", "Досанов", "Нурбек"],
        ],
    )
    left, right = read_records(listed, "left"), read_records(register, "right")
    assert left[0].name.surname == "Bekpar"  # what the parser alone concludes
    settled: list[LinkRecord] = settle_datasets([left, right])[0]
    assert settled[0].name.surname == "Isbassartasosw"
    assert settled[0].name.given == ("Bekpar",)
    # "Nurbek" is a known given name too: no evidence that "Dosan Nurbek" is turned round
    assert settled[1].name == left[1].name
    out = tmp_path / "links.csv"
    link_files(listed, register, out, threshold=0.5, floor=0.01)
    assert ("L1", "R1") in {(r["left_id"], r["right_id"]) for r in _rows(out)}


def test_a_latin_initial_is_consistent_with_every_letter_it_can_stand_for(tmp_path: Path) -> None:
    """ "Y." is the English clerk's Ы (Ысбак) as much as Й; "Zh." is Ж."""
    from tagdyr.link.engine import explain_pair
    from tagdyr.link.features import record_from_name

    register = record_from_name("R1", "right", "Омиралиев Ысбек", 1917)
    for written in ("Omiraliyev Y.", "Omiraliev I."):
        pair = explain_pair(record_from_name("L1", "left", written, 1917), register)
        given = next(e for e in pair.evidence if e.comparison == "given_name")
        assert given.level == "initial consistent", written
    other = explain_pair(record_from_name("L1", "left", "Omiraliyev K.", 1917), register)
    given = next(e for e in other.evidence if e.comparison == "given_name")
    assert given.level == "given name different"


def test_a_personal_number_and_an_unlisted_aul_are_evidence(tmp_path: Path) -> None:
    """A POW tag number read by a German clerk and by a Soviet one, and an aul that no
    gazetteer holds, written in two scripts and two orders: both count for the pair."""
    from tagdyr.link.engine import explain_pair
    from tagdyr.link.files import read_records

    listed = write_csv(
        tmp_path / "cards.csv",
        [
            ["id", "Name", "Vorname", "Geburtsdatum", "Wohnort", "Erkennungsmarke"],
            ["K1", "Dschumabajew", "Kassym", "19150312", "Kyzylzhar aul", "304/12 345"],
        ],
    )
    register = write_csv(
        tmp_path / "register.csv",
        [
            ["id", "Фамилия", "Имя", "Дата рождения", "Место жительства", "Личный номер"],
            ["R1", "Жумабаев", "Касым", "12.03.1915", "аул Кызылжар", "304-12345"],
            ["R2", "Жумабаев", "Касым", "12.03.1915", "аул Акжар", "304-12346"],
        ],
    )
    (card,) = read_records(listed, "left")
    same, other = read_records(register, "right")
    assert card.identifier == "304/12 345" and card.birth and card.birth.start == "1915-03-12"
    levels = {e.comparison: e.level for e in explain_pair(card, same).evidence}
    assert levels["identifier"] == "same personal number"
    assert levels["place"] == "same place name"
    assert levels["birth"] == "same birth date"
    levels = {e.comparison: e.level for e in explain_pair(card, other).evidence}
    assert levels["identifier"] == "personal number one slip off"
    assert levels["place"] == "different place name"
    assert explain_pair(card, same).match_weight > explain_pair(card, other).match_weight + 3


def _register_with(tmp_path: Path, rows: list[list[str]]) -> Path:
    """The demo register (290 men, so that the prior is a register's) with ``rows`` added."""
    with (data_dir() / "synthetic_register.csv").open(encoding="utf-8") as handle:
        demo = list(csv.reader(handle))
    return write_csv(tmp_path / "register.csv", [demo[0][:7], *(r[:7] for r in demo[1:]), *rows])


def _probabilities(listed: Path, register: Path) -> tuple[dict[tuple[str, str], float], ...]:
    """(pairwise Splink probabilities, probabilities with an entry's candidates competing)."""
    from tagdyr.link.engine import predict_table
    from tagdyr.link.exclusive import exclusive_probabilities
    from tagdyr.link.files import _orient, read_records

    left, right = read_records(listed, "left"), read_records(register, "right")
    model = load_model()
    table = predict_table([left, right], floor=0.0001, model=model, link_type="link_only")
    oriented = _orient(table)
    prior = float(table.schema.metadata[b"prior"])
    together, share = exclusive_probabilities(oriented, prior, left, right, model)
    assert 0.0 < share < 1.0

    def as_dict(t: object) -> dict[tuple[str, str], float]:
        rows = t.to_pylist()  # type: ignore[attr-defined]
        return {(r["left_id"], r["right_id"]): r["match_probability"] for r in rows}

    return as_dict(oriented), as_dict(together)


def test_an_entrys_candidates_compete_for_it(tmp_path: Path) -> None:
    """One list entry is one man: two namesakes equally like the entry cannot both be him
    (their probabilities add up to at most one), while the two records of one man that a
    register holds twice stay one hypothesis, and a lone candidate is not held back by
    rivals that do not exist."""
    listed = write_csv(
        tmp_path / "list.csv",
        [
            ["id", "full_name", "birth_year", "rank"],
            ["L1", "Kyzkhanov Yeray", "", ""],
            ["L2", "Istybayev Ashimbek", "1917", "sergeant"],
            ["L3", "Aytgulov Nurbay", "1902", "private"],
        ],
    )
    register = _register_with(
        tmp_path,
        [
            ["N1", "Кизханов", "Ерай", "Болатович", "1905", "Джамбулская обл.", "сержант"],
            ["N2", "Кизханов", "Ерай", "Сейитович", "1912", "Гурьевская обл.", "красноармеец"],
            ["D1", "Истыбаев", "Ашимбек", "Касымович", "1917", "Павлодарская обл.", "сержант"],
            ["D2", "Истибаев", "Ашимбек", "Касымович", "1917", "Павлодарская обл.", "сержант"],
            ["A1", "Айтгулов", "Нурбай", "", "1902", "", "красноармеец"],
        ],
    )
    alone, together = _probabilities(listed, register)
    namesakes = [("L1", "N1"), ("L1", "N2")]
    assert sum(alone[p] for p in namesakes) > 1.2  # pairwise, each looks like him
    assert sum(together[p] for p in namesakes) <= 1.0 + 1e-9
    duplicates = [("L2", "D1"), ("L2", "D2")]
    assert min(together[p] for p in duplicates) >= 0.9
    assert together[("L3", "A1")] >= alone[("L3", "A1")]
    out = tmp_path / "links.csv"
    link_files(listed, register, out, threshold=0.5, floor=0.01)
    matched = {(r["left_id"], r["right_id"]) for r in _rows(out) if r["is_match"] == "1"}
    assert set(duplicates) <= matched and ("L3", "A1") in matched
    assert len(matched & set(namesakes)) <= 1


def test_a_model_saved_before_a_level_existed_still_links(tmp_path: Path) -> None:
    """A trained model from an older version lacks the raion levels: the shipped values fill
    them in, and the raion still counts."""
    from tagdyr.link.engine import explain_pair
    from tagdyr.link.features import record_from_name
    from tagdyr.link.model import Model

    shipped = load_model()
    old = {
        name: {k: v for k, v in levels.items() if "raion" not in k}
        for name, levels in shipped.parameters.items()
    }
    model = Model("old-trained", 3, 1e-4, old, {})
    left = record_from_name("L1", "left", "Bektanov Mazhit", 1914)
    right = record_from_name("R1", "right", "Бектанов Мажит", 1914)
    left = replace(left, places=("Kazakh SSR, Bajanaul rajon",))
    right = replace(right, places=("Павлодарская обл., Баянаульский р-н",))
    pair = explain_pair(left, right, model)
    place = next(e for e in pair.evidence if e.comparison == "place")
    assert place.level == "same raion" and place.match_weight > 3
