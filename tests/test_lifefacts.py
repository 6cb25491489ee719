"""Facts of a life read beside a mention in the six languages (our own sentences; none from
the real texts)."""

from __future__ import annotations

import pytest

from tagdyr.texts.claims import claims_about


def _facts(text: str, name: str) -> set[tuple[str, str]]:
    start = text.index(name)
    claims = claims_about(text, start, start + len(name))
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    return {(c.kind, c.value) for c in claims}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("The historian and translator Aidar Nurlanov wrote it.", "Aidar Nurlanov",
         {("role", "historian and translator")}),
        ("Наш поэт Ерлан Сейітов приехал.", "Ерлан Сейітов", {("role", "поэт")}),
        ("Avisa intervjua forskeren Kari Nordmo i går.", "Kari Nordmo", {("role", "forskeren")}),
        ("L'historien français Paul Marchand parle.", "Paul Marchand",
         {("role", "L'historien")}),
        # a word before the name that is no role gives no role
        ("The famous Aidar Nurlanov wrote it.", "Aidar Nurlanov", set()),
        ("Nurlan Abenov wurde im März 1915 in einem Dorf geboren.", "Nurlan Abenov",
         {("birth", "1915-03")}),
        ("Nurlan Abenov var født i 1912 på en gård.", "Nurlan Abenov", {("birth", "1912")}),
        ("Нұрлан Әбенов 1916 жылы Павлодарда туған.", "Нұрлан Әбенов",
         {("birth", "1916"), ("birth_place", "Павлодар")}),
        ("Nurlan Abenov satt i fangeleiren på Mysen.", "Nurlan Abenov", {("camp", "Mysen")}),
        ("Nurlan Abenov kam ins Stalag 326 bei Stukenbrock.", "Nurlan Abenov",
         {("camp", "Stalag 326")}),
        ("Nurlan Abenov wurde verhaftet im Mai 1949.", "Nurlan Abenov", {("arrest", "1949-05")}),
        ("Nurlan Abenov ble tatt til fange i august 1942.", "Nurlan Abenov",
         {("capture", "1942-08")}),
    ],
)  # fmt: skip
def test_facts_of_a_life_beside_a_mention(
    text: str, name: str, expected: set[tuple[str, str]]
) -> None:
    assert _facts(text, name) == expected


def test_a_camp_named_before_a_person_is_not_his() -> None:
    text = "Fangeleiren på Mysen ble stengt, sier Kari Nordmo."
    assert _facts(text, "Kari Nordmo") == set()
