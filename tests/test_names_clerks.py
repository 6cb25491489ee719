"""Names the clerks actually wrote (issue 22): initials across conventions, given-name
variants, akanye, the frequency of a surname and an initial, Latin-script patronymics."""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tagdyr.names import Convention, Gender, parse, romanize, russify
from tagdyr.names.frequencies import given_initial_share, surname_share, tf_bits
from tagdyr.names.given_variants import variant_table
from tagdyr.names.initials import first_sounds, initials_agree
from tagdyr.names.parse import is_patronymic, patronymic_root
from tagdyr.names.similarity import Level, compare, compare_words, word_forms

LATIN = [c for c in Convention if c is not Convention.CANON]
AGREEING = {
    Level.IDENTICAL,
    Level.SAME_SOUND,
    Level.SPELLED_ALIKE,
    Level.NAME_VARIANT,
}

# --- initials in another convention than the full name ----------------------------------


@pytest.mark.parametrize(
    ("initial", "full"),
    [
        ("C.", "Шәкен"),  # French Ch for Ш, cut to one letter
        ("Ch.", "Шакен"),
        ("Z.", "Жанат"),  # English Zh cut to Z
        ("J.", "Жанат"),  # French J
        ("J.", "Ерлан"),  # German Je
        ("J.", "Юсуп"),  # German Ju
        ("Y.", "Ерлан"),  # English Ye
        ("I.", "Юсуп"),  # French Iou
        ("Sch.", "Шамиль"),
        ("T.", "Чокан"),  # German Tsch, French Tch
        ("K.", "Хасен"),  # English Kh
        ("S.", "Жанат"),  # German Sh for Ж
        ("Н.", "Nurlan"),
        ("Ж.", "Jakoupov"),
        ("Ж.", "Dzhumabai"),
    ],
)
def test_an_initial_agrees_with_the_full_name_written_in_another_convention(
    initial: str, full: str
) -> None:
    assert compare_words(initial, full) is Level.INITIAL_MATCH
    assert compare_words(full, initial) is Level.INITIAL_MATCH


@pytest.mark.parametrize(
    ("initial", "full"), [("M.", "Шакен"), ("Б.", "Nurlan"), ("P.", "Жанат"), ("Ж.", "Kanat")]
)
def test_an_initial_of_another_sound_does_not_agree(initial: str, full: str) -> None:
    assert compare_words(initial, full) is Level.INITIAL_MISMATCH


def _initials(name: str, convention: Convention) -> list[str]:
    """The initials a clerk may write: the whole rendering of the first letter ("Sch.",
    "Je.", "Iou.") or only its first letter ("S.", "J.", "I.")."""
    first = romanize(name, convention)[: len(romanize(name[:1], convention))]
    return [first + ".", first[:1] + "."]


_GIVEN = st.sampled_from(
    "Шәкен Жанат Ерлан Юсуп Яхия Ысқақ Чокан Хасен Щербак Әбілқайыр Ғалым Қасым Ұзақ Үмбет "
    "Ілияс Өмірзақ Ёлдаш Цой Зейнеп Айша Йосиф Эльмира Дүйсен".split()
)


@given(_GIVEN, st.sampled_from(LATIN), st.sampled_from(LATIN))
def test_the_initial_of_a_rendered_name_agrees_with_it_in_every_other_convention(
    name: str, initial_convention: Convention, full_convention: Convention
) -> None:
    full = romanize(name, full_convention)
    for written in (*_initials(name, initial_convention), name[:1] + "."):
        assert initials_agree(written, full, True, False), (written, full)
        assert initials_agree(written, name, True, False), (written, name)
        assert initials_agree(written, russify(name), True, False), (written, name)


def test_first_sounds_of_a_cyrillic_word_merge_the_soviet_drift() -> None:
    assert first_sounds("Джумабай", False) == frozenset("ЖД")
    assert "Ы" in first_sounds("Искак", False)


# --- given-name variants ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Жүсіп", "Юсуп"),
        ("Ыбырай", "Ибрагим"),
        ("Жақып", "Якуб"),
        ("Ысқақ", "Исхак"),
        ("Искак", "Исхак"),
        ("Әбілқайыр", "Абулхаир"),
        ("Қожахмет", "Ходжахмет"),
        ("Yusup", "Жүсіп"),
        ("Ibraguim", "Ыбырай"),
    ],
)
def test_russified_and_arabic_forms_of_a_kazakh_name_are_one_name(a: str, b: str) -> None:
    assert compare_words(a, b) in AGREEING


def test_different_names_are_not_variants() -> None:
    assert compare_words("Жүсіп", "Ибрагим") is Level.DIFFERENT
    assert compare_words("Ысқақ", "Якуб") is Level.DIFFERENT


_FORMS = [(row[0], form) for row in variant_table() for form in row]


@pytest.mark.parametrize(("kazakh", "form"), _FORMS)
def test_every_variant_round_trips_through_every_convention(kazakh: str, form: str) -> None:
    for convention in LATIN:
        rendered = romanize(form, convention)
        assert compare_words(rendered, kazakh) in AGREEING, (form, convention, rendered)
        assert compare_words(rendered, form) in AGREEING, (form, convention, rendered)


def test_the_variant_table_is_well_formed() -> None:
    rows = variant_table()
    assert len(rows) >= 40
    assert all(len(row) >= 2 for row in rows)
    kazakh_letters = set("әғқңөұүһі")
    assert sum(1 for row in rows if kazakh_letters & set(row[0].lower())) >= 30


# --- akanye -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ismagulaw", "Исмагулов"),
        ("Abdrakhmanaav", "Абдрахманов"),  # akanye and a doubled letter
        ("Исмагулав", "Ismagulov"),
        ("Saparava", "Сапарова"),
    ],
)
def test_akanye_endings_agree_with_the_written_ov(a: str, b: str) -> None:
    assert compare_words(a, b) in AGREEING


def test_a_slavic_given_name_in_slav_is_not_read_as_akanye() -> None:
    assert "stanislov" not in word_forms("Stanislav").canons


@pytest.mark.parametrize("woman", ["Saparava J.", "Сапарава Ж.", "Saparawa Jamal"])
def test_akanye_feminine_forms_are_a_womans_surname(woman: str) -> None:
    assert parse(woman).gender is Gender.FEMALE
    assert not compare(woman, "Saparov Ergali").same


def test_a_woman_under_akanye_is_still_herself() -> None:
    assert compare("Saparava Jamal", "Сапарова Жамал").same


# --- frequency ---------------------------------------------------------------------------


def test_common_surnames_carry_fewer_bits_than_rare_ones() -> None:
    common = surname_share(word_forms("Ахметов").keys)
    rare = surname_share(word_forms("Истыбаев").keys)
    assert common > 10 * rare
    assert tf_bits(common, "surname") < 0 < tf_bits(rare, "surname")


def test_an_initial_that_fits_many_names_is_weaker() -> None:
    wide = given_initial_share(first_sounds("J.", True))  # Ж, Й, Е, Ё, Ю, Я
    narrow = given_initial_share(first_sounds("Ж.", True))
    assert wide > narrow


def test_the_same_initial_proves_less_on_a_common_surname() -> None:
    common = compare("Akhmetov K.", "Ахметов Калиаскар").score
    rare = compare("Istybaev K.", "Истыбаев Калиаскар").score
    assert common < rare


def test_the_shipped_frequency_table_comes_from_a_distribution() -> None:
    path = resources.files("tagdyr.names") / "data" / "name_frequencies.json"
    table = json.loads(path.read_text("utf-8"))
    shares = list(table["surnames"].values())
    assert len(shares) > 1000
    assert shares == sorted(shares, reverse=True)
    assert math.isclose(sum(table["given_initials"]["m"].values()), 1.0, abs_tol=0.01)


# --- Latin-script patronymics -----------------------------------------------------------


@pytest.mark.parametrize(
    "patronymic",
    [
        "Grigorjewitsch",
        "Grigorjevitsch",
        "Grigorievitch",
        "Grigoryevich",
        "Grigorʹevič",
        "Abenovitch",
        "Abenowitsch",
        "Abenovitsj",
        "Abenoviç",
        "Ilitch",
        "Iljitsch",
        "Ilyich",
        "Abenovna",
        "Abenowna",
    ],
)
def test_latin_patronymics_are_read_as_patronymics(patronymic: str) -> None:
    assert is_patronymic(patronymic)
    name = parse(f"Konstantin {patronymic} Seredinzew")
    assert name.patronymic == patronymic
    assert name.surname == "Seredinzew"


def test_the_root_of_a_latin_patronymic_is_the_fathers_name() -> None:
    assert patronymic_root("Grigorjewitsch") == patronymic_root("Grigorjevitsch")
    assert patronymic_root("Abenovitch") == "Aben"


def test_a_surname_in_ich_is_not_taken_for_a_patronymic() -> None:
    assert parse("Babich Ivan").patronymic == ""


def test_one_patronymic_in_two_conventions_is_one_person() -> None:
    assert compare(
        "Konstantin Grigorjewitsch Seredinzew", "Konstantin Grigorjevitsch Seredinzev"
    ).same


def test_a_given_name_ending_like_a_surname_is_not_the_surname() -> None:
    assert parse("Константин Алиев").surname == "Алиев"
    assert parse("Зарина Байтурсынува").surname == "Байтурсынува"


# --- blocking classes of an initial across conventions -----------------------------------

_SHUSHING_NAMES = ("Жакып", "Жусуп", "Шакен", "Шамиль", "Чокан", "Чингиз", "Джамбул", "Щербак")
_LATIN_CONVENTIONS = [c for c in Convention if c is not Convention.CANON]


@given(st.sampled_from(_SHUSHING_NAMES), st.sampled_from(_LATIN_CONVENTIONS))
def test_a_latin_initial_shares_a_blocking_class_with_its_full_name(
    name: str, convention: Convention
) -> None:
    """A clerk cut the rendered name to its first letter ("Zhakyp" -> "Z.", German "Shakyp"
    -> "S.", French "Chaken" -> "C."): linkage blocks on the initial classes, so the initial
    must meet the full name's classes, in every convention."""
    initial = romanize(name, convention)[0] + "."
    assert word_forms(initial).initial_classes & word_forms(name).initial_classes, initial


@pytest.mark.parametrize(("initial", "name"), [("Z.", "Жакып"), ("S.", "Жусуп"), ("C.", "Шакен")])
def test_z_s_and_c_initials_block_with_shushing_names(initial: str, name: str) -> None:
    assert "J" in word_forms(initial).initial_classes
    assert "J" in word_forms(name).initial_classes
