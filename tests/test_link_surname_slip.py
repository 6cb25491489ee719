"""A surname with a slip that only Jaro-Winkler sees ("surname similar": Aitaev / Айгаев) is
evidence for the same man, weighed by m and u estimated from data, not a neutral level
(issue 18.2: the largest group of low-scored true pairs)."""

from __future__ import annotations

from tagdyr.link.engine import Evidence, explain_pair, predict_table
from tagdyr.link.features import record_from_name
from tagdyr.link.model import load_model


def _surname(listed: str, registered: str) -> Evidence:
    left = record_from_name("L1", "left", listed, 1917)
    right = record_from_name("R1", "right", registered, 1917)
    (evidence,) = (e for e in explain_pair(left, right).evidence if e.comparison == "surname")
    return evidence


def test_a_slipped_surname_weighs_for_the_same_man() -> None:
    slipped = _surname("Aitaev Serik", "Айгаев Серик")
    assert slipped.level == "surname similar"
    assert slipped.match_weight > 1.0


def test_a_slipped_surname_weighs_less_than_one_spelled_or_sounding_alike() -> None:
    """The fuzzier the agreement, the less it weighs: the levels keep their order."""
    surname = load_model().parameters["surname"]

    def weight(label: str) -> float:
        return surname[label]["m"] / surname[label]["u"]

    assert weight("surname sounds alike") > weight("surname similar") > 1.0
    assert weight("surname similar") > weight("surname different")
    different = _surname("Aitaev Serik", "Бекмуратов Серик")
    assert different.level == "surname different"
    assert _surname("Aitaev Serik", "Айгаев Серик").match_weight > different.match_weight + 6


def test_a_slipped_surname_with_an_initial_and_a_year_off_is_compared() -> None:
    """Blocking: the surname slipped (its sound keys differ), the given name is an initial
    and the years differ by one: only the first sounds and the initial agree. A rule on them
    with near years compares the pair; a stranger with another initial is not compared."""
    listed = record_from_name("L1", "left", "Smagukov N.", 1910)
    him = record_from_name("R1", "right", "Смагулов Нуртуган", 1911)
    other = record_from_name("R2", "right", "Смагулов Бекет", 1911)
    far = record_from_name("R3", "right", "Смагулов Нуртуган", 1930)
    table = predict_table(
        [[listed], [him, other, far]], floor=0.0, link_type="link_only", term_frequencies=False
    )
    compared = {row["unique_id_r"] for row in table.to_pylist()}
    assert "R1" in compared
    assert not compared & {"R2", "R3"}
