"""Two names of their own, alike in spelling (Канат / Кайрат), against one name with a slip of the
pen or a scanner's misreading (Ахметов / Ахмтеов, Турлыбекова / TurIybekowa)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tagdyr.names.cleanup import repair_ocr
from tagdyr.names.similarity import Level, Verdict, compare, compare_words

# common Kazakh surnames and given names, each a name of the shipped distribution
LISTED_WORDS = [
    "Ахметов", "Бектанов", "Омаров", "Исмагулов", "Абдуллин", "Сыдыков", "Жумабаев",
    "Кайрат", "Канат", "Серик", "Ерлан", "Бакыт", "Нурлан", "Асхат", "Даурен",
]  # fmt: skip
_AGREEING = {
    Level.IDENTICAL,
    Level.SAME_SOUND,
    Level.SPELLED_ALIKE,
    Level.SOUNDS_ALIKE,
    Level.OCR_VARIANT,
    Level.SIMILAR,
}


def test_two_listed_given_names_two_slips_apart_are_other_names() -> None:
    assert compare_words("Канат", "Кайрат") is Level.OTHER_NAME
    assert compare_words("Kanat", "Кайрат") is Level.OTHER_NAME


def test_namesakes_told_apart_by_their_fathers_names() -> None:
    """Two men of one surname and given name whose fathers were Канат and Кайрат."""
    result = compare("Тайыр Канатович Кажымуканов", "Тайыр Кайратович Кажымуканов")
    assert result.verdict is Verdict.DIFFERENT
    assert any(e.part == "patronymic" and e.level == "other_name" for e in result.evidence)


def _slip(word: str, kind: str, at: int) -> str:
    at = 1 + at % (len(word) - 2)
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + word[at] + word[at:]  # a doubled letter


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(LISTED_WORDS), st.sampled_from(["drop", "swap", "double"]), st.integers(0, 20)
)
def test_one_slip_of_the_pen_never_makes_another_name(word: str, kind: str, at: int) -> None:
    slipped = _slip(word, kind, at)
    if slipped == word:
        return
    assert compare_words(word, slipped) in _AGREEING


@pytest.mark.parametrize(
    ("written", "scanned"),
    [("Турлыбекова", "TurIybekowa"), ("Кабылбаев", "KabyIbajev"), ("Каримбаев", "Karimbajcw")],
)
def test_a_scanners_misreading_is_compared_as_the_letters_were_meant(
    written: str, scanned: str
) -> None:
    assert repair_ocr(scanned) != scanned
    assert compare_words(written, scanned) is Level.IDENTICAL
