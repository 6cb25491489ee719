"""Name order learnt from the data being linked.

A list that writes "Bekpar Isbassartasosw" gives the parser nothing to go on when the
surname's suffix is misspelt; the register beside it, with its separate surname and given-name
columns, says that Бекпар is a given name and never a surname. Words are compared by their
canonical forms (Latin words also by those of their Cyrillic readings), so the register's
Cyrillic teaches the order of a Latin list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tagdyr.link.features import LinkRecord
from tagdyr.names.parse import Order, ParsedName
from tagdyr.names.similarity import word_forms


@dataclass(frozen=True)
class NameRoles:
    """Canonical forms seen as given names and as surnames in fielded records."""

    given: frozenset[str]
    surnames: frozenset[str]

    def is_given_only(self, word: str) -> bool:
        forms = set(word_forms(word).canons)
        return bool(forms & self.given) and not forms & self.surnames

    def is_known_given(self, word: str) -> bool:
        return bool(set(word_forms(word).canons) & self.given)


def name_roles(records: list[LinkRecord]) -> NameRoles:
    given: set[str] = set()
    surnames: set[str] = set()
    for record in records:
        if not record.fielded:
            continue
        if record.name.surname:
            surnames.update(word_forms(record.name.surname).canons)
        if record.name.given:
            given.update(word_forms(record.name.given[0]).canons)
    return NameRoles(frozenset(given), frozenset(surnames))


def _swapped(name: ParsedName) -> ParsedName:
    flipped = Order.GIVEN_FIRST if name.order is Order.SURNAME_FIRST else Order.SURNAME_FIRST
    return replace(name, surname=name.given[0], given=(name.surname,), order=flipped)


def settle_order(records: list[LinkRecord], roles: NameRoles) -> list[LinkRecord]:
    """Records whose written full name was parsed the wrong way round, turned round: the word
    taken for the surname is known only as a given name, and the other is not one."""
    if not roles.given:
        return records
    settled = []
    for record in records:
        name = record.name
        wrong_way = (
            not record.fielded
            and name.surname
            and len(name.given) == 1
            and " " not in name.surname
            and roles.is_given_only(name.surname)
            and not roles.is_known_given(name.given[0])
        )
        settled.append(replace(record, name=_swapped(name)) if wrong_way else record)
    return settled


def settle_datasets(datasets: list[list[LinkRecord]]) -> list[list[LinkRecord]]:
    """:func:`settle_order` on every dataset, with the roles learnt from all of them."""
    roles = name_roles([r for d in datasets for r in d])
    return [settle_order(d, roles) for d in datasets]
