"""One call for everything the rest of tagdyr needs from a written name: its parts and keys.

Names repeat (a register holds thousands of Ахметовs), so the analysis is cached by the name
as written: the parse and every word's canonical form and skeletons are computed once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tagdyr.names.keys import canonical, skeletons
from tagdyr.names.parse import Order, ParsedName, parse


@dataclass(frozen=True, slots=True)
class NameAnalysis:
    parsed: ParsedName
    surname_canon: str
    surname_key: str
    given_canon: str
    given_key: str
    keys: tuple[str, ...]  # canonical forms and skeletons of every name word, for search


def _last(word: str) -> str:
    return word.split()[-1] if word.strip() else ""


@lru_cache(maxsize=500_000)
def analyze(written: str, hint: Order = Order.SURNAME_FIRST) -> NameAnalysis:
    """Parse ``written`` and compute its comparison forms and blocking keys."""
    return analyze_parsed(parse(written, hint))


@lru_cache(maxsize=500_000)
def analyze_parsed(parsed: ParsedName) -> NameAnalysis:
    """Comparison forms and blocking keys of an already parsed name."""
    surname, given = _last(parsed.surname), parsed.given[0] if parsed.given else ""
    keys: list[str] = []
    for word in " ".join(
        w for w in (parsed.surname, *parsed.given, parsed.patronymic) if w
    ).split():
        for key in (canonical(word), *skeletons(word)):
            if key and key not in keys:
                keys.append(key)
    surname_keys = skeletons(surname) if surname else ()
    given_keys = skeletons(given) if given else ()
    return NameAnalysis(
        parsed=parsed,
        surname_canon=canonical(surname) if surname else "",
        surname_key=surname_keys[0] if surname_keys else "",
        given_canon=canonical(given) if given else "",
        given_key=given_keys[0] if given_keys else "",
        keys=tuple(keys),
    )
