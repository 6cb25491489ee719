"""Kazakh letters on a typed Cyrillic list survive recognition (issue 21: Қ read as К, ө as е
when Tesseract's Russian model wins a word over the Kazakh one), and ruling fragments go."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tagdyr.scans.reader import with_kazakh_letters, without_rule_fragments
from tests.typed_pages import assert_chars_spell_each_cell, read_typed_list

HEADER = ["№", "Фамилия, имя", "Год рождения", "Место жительства", "Лагерь"]
ROWS = [
    ["1", "Құсайынов Үсен", "1903", "Қазақ ССР, Ақтөбе, Жұрын ауданы", "Нарвик"],
    ["2", "Бектанов Мажит", "1914", "Қазақ ССР, Қостанай", "Мисен"],
    ["3", "Әбілқайыров Ғабит", "1918", "Қазақ ССР, Алматы, Нарынқол ауданы", "Ботн"],
    ["4", "Иванов Пётр", "1921", "Актюбинская обл.", "Бардуфосс"],
]


@pytest.mark.parametrize("face", ["typewriter", "printed"])
def test_kazakh_letters_of_a_typed_list_are_read_as_kazakh_letters(face: str) -> None:
    page = read_typed_list("Список военнопленных казахов", HEADER, ROWS, face, 3)
    places = [r.cells[3].text for r in page.table.rows]
    kazakh = [r[3] for r in ROWS[:3]]
    assert sum(p == want for p, want in zip(places, kazakh, strict=False)) >= 2, places
    assert [r.cells[1].text for r in page.table.rows[:3]] == [r[1] for r in ROWS[:3]]
    assert places[3] == ROWS[3][3]  # a Russian cell is left as it was
    assert_chars_spell_each_cell(page)


def test_the_kazakh_reading_gives_back_only_kazakh_letters() -> None:
    assert with_kazakh_letters("Казак ССР, Актебе", "Қазақ ССР, Ақтөбе") == "Қазақ ССР, Ақтөбе"
    assert with_kazakh_letters("Щучинский", "Шучинский") == "Щучинский"  # not a look-alike
    assert with_kazakh_letters("Тромсё", "Тромсе") == "Тромсё"
    assert with_kazakh_letters("Казак", "Қазақ ауданы") == "Казак"  # other length: left alone


_LETTERS = st.text(alphabet="КкаеоуГгНнАЭэIиХхҚқӨөҰұҮүӘәҒғҢңІіҺһ .,-1", max_size=30)


@given(_LETTERS, _LETTERS)
def test_a_character_changes_only_into_the_kazakh_letter_it_looks_like(a: str, b: str) -> None:
    fixed = with_kazakh_letters(a, b)
    assert len(fixed) == len(a)
    for was, now, kazakh in zip(a, fixed, b if len(b) == len(a) else a, strict=True):
        assert now == was or (now == kazakh and now in "ҚқӨөҰұҮүӘәҒғҢңІіҺһ")


def test_a_lone_bar_at_a_cells_edge_is_a_piece_of_the_ruling() -> None:
    assert without_rule_fragments("1910 |") == "1910"
    assert without_rule_fragments("| Нарвик") == "Нарвик"
    assert without_rule_fragments("a | b") == "a | b"
