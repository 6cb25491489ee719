"""The search's cheap first look (names.prefilter) counts a query's initial.

"Хамитов Х." must look likelier for Хамитов Хасен than for Хамитов Ахмет, or a common surname's
records crowd the right man out of the few the names engine scores. The parser puts "Х." among
the name's initials, which the look once never read.
"""

from __future__ import annotations

import pytest

from tagdyr.names.keys import canonical
from tagdyr.names.parse import parse
from tagdyr.names.prefilter import query_forms, quick_score


def _look(query: str, surname: str, given: str) -> float:
    return quick_score(query_forms(parse(query)), canonical(surname), canonical(given), given)


@pytest.mark.parametrize(
    ("query", "agrees", "differs"),
    [
        ("Хамитов Х.", "Хасен", "Ахмет"),
        ("Х. Хамитов", "Хасен", "Ахмет"),
        ("Khamitov Kh.", "Хасен", "Ахмет"),
        ("Хамитов Ж.", "Жумабек", "Ахмет"),
    ],
)
def test_an_agreeing_initial_looks_likelier(query: str, agrees: str, differs: str) -> None:
    assert _look(query, "Хамитов", agrees) > _look(query, "Хамитов", differs)


def test_the_patronymics_initial_says_nothing_of_the_given_name() -> None:
    """In "Хамитов А. Х." the Х. is the father's: an Ахмет looks likelier than a Хасен."""
    assert _look("Хамитов А. Х.", "Хамитов", "Ахмет") > _look("Хамитов А. Х.", "Хамитов", "Хасен")
