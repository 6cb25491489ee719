"""A failed step of EM is never silent: the user is warned and the saved model says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tagdyr.link.files import link_files
from tagdyr.link.train import TrainingWarning
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
