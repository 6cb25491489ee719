"""A name order swapped on one side with a slip in one of the two names: the model scores it
as a swap (issue 18.2: the blocking found these men, the comparisons scored them low)."""

from __future__ import annotations

from pathlib import Path

from tagdyr.link.engine import explain_pair
from tagdyr.link.features import LinkRecord, record_from_name
from tagdyr.link.files import read_records
from tagdyr.link.model import SWAPPED_WITH_A_SLIP
from tests.files import write_csv


def _register(tmp_path: Path, *names: tuple[str, str]) -> list[LinkRecord]:
    """Fielded register records (surname, given name), all born 1917."""
    rows = [[f"R{i}", surname, given, "1917"] for i, (surname, given) in enumerate(names, 1)]
    path = write_csv(tmp_path / "register.csv", [["id", "Фамилия", "Имя", "Год рождения"], *rows])
    return read_records(path, "right")


def _levels(left: LinkRecord, right: LinkRecord) -> dict[str, str]:
    return {e.comparison: e.level for e in explain_pair(left, right).evidence}


def test_a_swapped_order_with_a_slipped_surname_is_a_swap(tmp_path: Path) -> None:
    """The clerk put the given name in the surname column and misspelt the surname."""
    listed = record_from_name("L1", "left", "Akhmetov Magjan", 1917)
    swapped, stranger = _register(tmp_path, ("Магжан", "Ахмегов"), ("Магжан", "Бекмуратов"))
    levels = _levels(listed, swapped)
    assert levels["surname"] == SWAPPED_WITH_A_SLIP
    assert levels["given_name"] == SWAPPED_WITH_A_SLIP
    assert _levels(listed, stranger)["surname"] != SWAPPED_WITH_A_SLIP
    weight = explain_pair(listed, swapped).match_weight
    assert weight > explain_pair(listed, stranger).match_weight + 8


def test_a_swapped_order_with_an_initial_is_a_swap_only_when_the_letter_fits(
    tmp_path: Path,
) -> None:
    """ "Tatarov S." against Сергей / Татаров: S. is the first letter of the register's
    misplaced given name; against Бекет / Татаров it is not."""
    listed = record_from_name("L1", "left", "Tatarov S.", 1917)
    fits, does_not = _register(tmp_path, ("Сергей", "Татаров"), ("Бекет", "Татаров"))
    assert _levels(listed, fits)["surname"] == SWAPPED_WITH_A_SLIP
    assert _levels(listed, does_not)["surname"] != SWAPPED_WITH_A_SLIP
    assert explain_pair(listed, fits).match_weight > explain_pair(listed, does_not).match_weight


def test_the_right_order_stays_the_stronger_level(tmp_path: Path) -> None:
    """Names in their right fields are the same surname and given name, not a swap."""
    listed = record_from_name("L1", "left", "Akhmetov Magjan", 1917)
    (right_order,) = _register(tmp_path, ("Ахметов", "Магжан"))
    levels = _levels(listed, right_order)
    assert SWAPPED_WITH_A_SLIP not in levels.values()
