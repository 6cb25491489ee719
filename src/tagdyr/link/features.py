"""Feature columns for Splink, computed by the names engine.

DuckDB's string similarity functions count bytes, not characters, so Splink only ever compares
ASCII columns computed here (canonical forms and skeletons), never raw Cyrillic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tagdyr.names import canonical, parse, skeleton
from tagdyr.names.parse import Order, ParsedName

FEATURE_COLUMNS = (
    "unique_id",
    "source_dataset",
    "surname_canon",
    "surname_key",
    "given_canon",
    "given_key",
    "given_initial",
    "patronymic_canon",
    "gender",
    "birth_year",
)


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What linkage needs of a record: its id, its dataset and its name and birth year."""

    unique_id: str
    source_dataset: str
    name: ParsedName
    birth_year: int | None


def _word_feature(text: str) -> tuple[str | None, str | None]:
    last = text.split()[-1] if text.strip() else ""
    if not last:
        return None, None
    return canonical(last) or None, skeleton(last) or None


def features(rec: PersonRecord) -> dict[str, Any]:
    """One row of the Splink input table for a record."""
    surname_canon, surname_key = _word_feature(rec.name.surname)
    given = rec.name.given[0] if rec.name.given else ""
    given_canon, given_key = _word_feature(given)
    initial = canonical(rec.name.given_initial)[:1] if rec.name.given_initial else ""
    patronymic_canon, _ = _word_feature(rec.name.patronymic)
    return {
        "unique_id": rec.unique_id,
        "source_dataset": rec.source_dataset,
        "surname_canon": surname_canon,
        "surname_key": surname_key,
        "given_canon": given_canon,
        "given_key": given_key,
        "given_initial": initial or None,
        "patronymic_canon": patronymic_canon,
        "gender": rec.name.gender.value or None,
        "birth_year": rec.birth_year,
    }


def feature_table(records: list[PersonRecord]) -> dict[str, list[Any]]:
    """Column-oriented table (what Splink's DuckDB backend registers without pandas)."""
    rows = [features(r) for r in records]
    return {column: [row[column] for row in rows] for column in FEATURE_COLUMNS}


def record_from_name(
    unique_id: str,
    dataset: str,
    written_name: str,
    birth_year: int | None,
    hint: Order = Order.SURNAME_FIRST,
) -> PersonRecord:
    return PersonRecord(unique_id, dataset, parse(written_name, hint), birth_year)
