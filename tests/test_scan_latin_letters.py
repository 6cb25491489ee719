"""The diaeresis of a typed Latin list survives recognition (issue 21: "Nourbaï" read as
"Nourbai" when the English or German model wins the word over the French one)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tagdyr.scans.reader import with_french_letters
from tests.typed_pages import assert_chars_spell_each_cell, read_typed_list

HEADER = ["Nr", "Name", "Born", "Residence", "Camp"]
ROWS = [
    ["1", "Seiitparov Nourbaï", "1903", "Kazakhstan, Aktyubinsk", "Narvik"],
    ["2", "Daouletbolov Aktaï", "1914", "Kazakh SSR, Kustanay", "Mysen"],
    ["3", "Sarbetov Chakirbaï", "1918", "Kasachstan, Alma-Ata", "Botn"],
    ["4", "Imanbaev Nurlan", "1921", "Kazakhstan, Karaganda", "Bardufoss"],
]


@pytest.mark.parametrize("face", ["typewriter", "printed"])
def test_a_diaeresis_of_a_typed_latin_list_is_kept(face: str) -> None:
    page = read_typed_list("List of Soviet prisoners of war", HEADER, ROWS, face, 5)
    names = [r.cells[1].text for r in page.table.rows]
    assert sum(n == r[1] for n, r in zip(names, ROWS[:3], strict=False)) >= 2, names
    assert names[3] == ROWS[3][1]  # no diaeresis drawn, none read
    assert not any("ï" in r.cells[3].text for r in page.table.rows)
    assert_chars_spell_each_cell(page)


def test_the_french_reading_gives_back_only_a_diaeresis() -> None:
    assert with_french_letters("Nourbai", "Nourbaï") == "Nourbaï"
    assert with_french_letters("Tromsø", "Tromso") == "Tromsø"  # not a look-alike
    assert with_french_letters("Aktai", "Aktaï Sultan") == "Aktai"  # other length: left alone


_LETTERS = st.text(alphabet="aeiouIEïëÏËøo .,-1l", max_size=30)


@given(_LETTERS, _LETTERS)
def test_a_character_changes_only_into_the_diaeresis_it_looks_like(a: str, b: str) -> None:
    fixed = with_french_letters(a, b)
    assert len(fixed) == len(a)
    for was, now, french in zip(a, fixed, b if len(b) == len(a) else a, strict=True):
        assert now == was or (now == french and now in "ïëÏË")
