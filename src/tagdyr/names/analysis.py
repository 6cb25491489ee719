"""One call for everything the rest of tagdyr needs from a written name: its parts and keys.

Names repeat (a register holds thousands of Ахметовs), so the analysis is cached by the name
as written. The keys come from the name index (:mod:`tagdyr.names.index`), the one place that
derives them for search, linkage and the stored record columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tagdyr.names.index import index_keys
from tagdyr.names.parse import Order, ParsedName, parse


@dataclass(frozen=True, slots=True)
class NameAnalysis:
    parsed: ParsedName
    surname_canon: str
    surname_key: str
    given_canon: str
    given_key: str
    keys: tuple[str, ...]  # the name index's keys of every name word, for search


@lru_cache(maxsize=500_000)
def analyze(written: str, hint: Order = Order.SURNAME_FIRST) -> NameAnalysis:
    """Parse ``written`` and compute its comparison forms and blocking keys."""
    return analyze_parsed(parse(written, hint))


@lru_cache(maxsize=500_000)
def analyze_parsed(parsed: ParsedName) -> NameAnalysis:
    """Comparison forms and blocking keys of an already parsed name (those linkage compares:
    a Latin surname's form is that of its likeliest Cyrillic original)."""
    index = index_keys(parsed)
    surname, given = index.surname, index.given
    return NameAnalysis(
        parsed=parsed,
        surname_canon=surname.canon if surname else "",
        surname_key=surname.key if surname else "",
        given_canon=given.canon if given else "",
        given_key=given.key if given else "",
        keys=index.keys,
    )
