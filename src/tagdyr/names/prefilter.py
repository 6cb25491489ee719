"""A cheap first look at a search's candidates, so that the names engine scores only the
likeliest few dozen of them instead of every record sharing a key with the query.

The look compares canonical forms only: each full word of the query (with the canonical forms
of its likeliest Cyrillic readings, from the name index) against a record's stored surname and
given-name forms, by normalized Levenshtein similarity, in either role; an initial of the query
counts when a record's given name can start with its sound. It is a ranking, never an answer:
what a search finds is what the names engine then says (:mod:`tagdyr.search`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from tagdyr.names.index import word_keys
from tagdyr.names.initials import first_sounds
from tagdyr.names.keys import canonical
from tagdyr.names.parse import ParsedName

_INITIAL = 0.5  # an initial that agrees: half a word


@dataclass(frozen=True, slots=True)
class QueryForms:
    """What the cheap look compares of a query."""

    words: tuple[tuple[str, ...], ...]  # each full word's canonical forms
    initials: tuple[frozenset[str], ...]  # each initial's possible first sounds


@lru_cache(maxsize=20_000)
def query_forms(parsed: ParsedName) -> QueryForms:
    """The canonical forms of a parsed query's full words and the sounds of its initials."""
    parts = (parsed.surname, *parsed.given, parsed.patronymic, *parsed.extra)
    words: list[tuple[str, ...]] = []
    initials: list[frozenset[str]] = []
    for word in (w for part in parts if part for w in part.split()):
        found = word_keys(word)
        if found:
            words.append(tuple(dict.fromkeys((canonical(word), *found.forms))))
        elif word.rstrip("."):
            initials.append(first_sounds(word, True))
    # the parser's own initials: the first is the given name's (a second, the patronymic's,
    # says nothing of the given name the look compares it with)
    initials.extend(first_sounds(initial, True) for initial in parsed.initials[:1])
    return QueryForms(tuple(words), tuple(initials))


@lru_cache(maxsize=200_000)
def _sounds(given_name: str) -> frozenset[str]:
    first = given_name.split()[0] if given_name.split() else ""
    return first_sounds(first, False) if first else frozenset()


def _similarity(forms: tuple[str, ...], stored: str) -> float:
    if not stored:
        return 0.0
    return max(Levenshtein.normalized_similarity(form, stored) for form in forms)


def quick_score(query: QueryForms, surname: str, given: str, given_name: str) -> float:
    """How alike a record's stored surname and given-name forms look to the query's words:
    the best role assignment's word similarities summed (0 to about the number of words)."""
    as_surname = [_similarity(forms, surname) for forms in query.words]
    as_given = [_similarity(forms, given) for forms in query.words]
    best = max([*as_surname, *as_given], default=0.0)
    for i, s in enumerate(as_surname):  # one word the surname, another the given name
        for j, g in enumerate(as_given):
            if i != j:
                best = max(best, s + g)
    if query.initials and given_name:
        sounds = _sounds(given_name)
        best += _INITIAL * any(sounds & initial for initial in query.initials)
    return best
