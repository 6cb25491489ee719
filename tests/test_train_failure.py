"""A failed step of EM is never silent: the user is warned and the saved model says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tagdyr.demo.build import data_dir, demo_sources
from tagdyr.link.features import LinkRecord
from tagdyr.link.files import link_files
from tagdyr.link.model import load_model
from tagdyr.link.train import MIN_PROBABILITY, TrainingWarning, train_model
from tagdyr.persons.linking import load_current_records
from tagdyr.sources.columns import load_mapping_file
from tagdyr.sources.importer import import_table
from tagdyr.sources.profiles import load_profile
from tagdyr.store.db import create_db_engine, migrate
from tests.files import write_csv

SURNAMES = {"Ахметов": "Akhmetov", "Бектанов": "Bektanov", "Жумабаев": "Zhumabaev",
            "Исабеков": "Isabekov", "Касымов": "Kasymov", "Омаров": "Omarov",
            "Оспанов": "Ospanov", "Сулейменов": "Suleimenov", "Нурымов": "Nurymov",
            "Тулегенов": "Tulegenov"}  # fmt: skip
GIVEN = {"Мажит": "Mazhit", "Касым": "Kasym", "Ерлан": "Erlan", "Серик": "Serik",
         "Болат": "Bolat", "Нурлан": "Nurlan", "Асхат": "Askhat", "Марат": "Marat",
         "Кайрат": "Kairat", "Оспан": "Ospan"}  # fmt: skip


def _files(tmp_path: Path, apart: bool = True) -> tuple[Path, Path]:
    """A list and a register that share names; ``apart``: never a birth year and an oblast,
    so EM on the names, which blocks on both, finds no pair to learn from."""
    surnames, given = list(SURNAMES), list(GIVEN)
    listed = [["id", "full_name", "birth_year", "residence"]]
    register = [["id", "surname", "given_name", "birth_year", "birth_place"]]
    for i in range(150):
        s, g = surnames[i % 10], given[(i // 10) % 10]
        listed.append([f"L{i}", f"{SURNAMES[s]} {GIVEN[g]}", str(1900 + i % 10), "Pavlodar"])
        year, oblast = (1915, "Акмолинская обл.") if apart else (1900, "Павлодарская обл.")
        register.append([f"R{i}", s, g, str(year + i % 10), oblast])
    return write_csv(tmp_path / "list.csv", listed), write_csv(tmp_path / "register.csv", register)


def test_failed_names_em_is_recorded_in_the_model_and_warned(tmp_path: Path) -> None:
    listed, register = _files(tmp_path)
    out = tmp_path / "links.csv"
    with pytest.warns(TrainingWarning, match="EM on the names could not be estimated"):
        link_files(listed, register, out, threshold=0.5, floor=0.01, train=True)
    model = json.loads(out.with_suffix(".model.json").read_text(encoding="utf-8"))
    em = model["trained"]["em"]
    assert em["exact-name blocks"] == "estimated"
    assert em["names"].startswith("failed: ") and "no record pairs" in em["names"]
    assert "kept from" in model["trained"]["method"]


def test_the_cli_prints_the_warning(tmp_path: Path) -> None:
    listed, register = _files(tmp_path)
    out = tmp_path / "links.csv"
    done = subprocess.run(
        [sys.executable, "-m", "tagdyr.cli", "link", str(listed), str(register),
         "--out", str(out), "--train"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "TrainingWarning" in done.stderr and "names' m probabilities are kept" in done.stderr


def test_successful_training_records_every_step_estimated(tmp_path: Path) -> None:
    listed, register = _files(tmp_path, apart=False)
    out = tmp_path / "links.csv"
    link_files(listed, register, out, threshold=0.5, floor=0.01, train=True)
    model = json.loads(out.with_suffix(".model.json").read_text(encoding="utf-8"))
    assert model["trained"]["em"] == {"exact-name blocks": "estimated", "names": "estimated"}
    assert "EM on the names alone" in model["trained"]["method"]


def _demo_records_without(stem: str, tmp_path: Path) -> list[list[LinkRecord]]:
    """The demo's stored records (real SQLite, real imports) without one source's."""
    engine = create_db_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    migrate(engine)
    for source in [*demo_sources(), *demo_sources(data_dir() / "scans")]:
        if source.path.stem == stem:
            continue
        mapping = load_profile(source.profile) if source.profile else None
        if source.mapping:
            mapping = load_mapping_file(source.mapping)
        import_table(engine, source.path, source.info, mapping=mapping, user="test")
    with engine.connect() as conn:
        records, _ = load_current_records(conn)
    by_source: dict[str, list[LinkRecord]] = {}
    for record in records:
        by_source.setdefault(record.source_dataset, []).append(record)
    return list(by_source.values())


def test_em_that_collapses_on_one_comparison_keeps_its_base_values(tmp_path: Path) -> None:
    """Without the Ministry of Defence register (before the stored birth was read directly,
    without the OBD excerpt), EM within the demo's exact-name blocks drives a level's m to 0
    and Splink refuses it (training used to fail with a LinkageError): now the comparison that
    collapsed is named, warned about, and keeps the base model's m."""
    datasets = _demo_records_without("kz_mod_register", tmp_path)
    base = load_model()
    told: list[str] = []
    model = train_model(datasets, base, link_type="link_and_dedupe", warn=told.append)
    exact = model.trained["em"]["exact-name blocks"]
    assert exact.startswith("failed on ") and "estimated without it" in exact, exact
    left_out = exact.removeprefix("failed on ").split(" ", 1)[0]
    assert left_out in base.parameters
    assert any(left_out in message for message in told), told
    for label, params in base.parameters[left_out].items():
        if left_out not in ("surname", "given_name"):  # the names' m come from their own EM
            assert model.parameters[left_out][label]["m"] == max(params["m"], MIN_PROBABILITY)
    for levels in model.parameters.values():
        assert all(MIN_PROBABILITY <= p["m"] <= 1 and 0 < p["u"] <= 1 for p in levels.values())
    # the demo has no personal numbers: a level never seen keeps the base model's m
    assert model.parameters["identifier"] == base.parameters["identifier"]
