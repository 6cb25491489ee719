"""Feature columns for Splink, computed by the names engine.

DuckDB's string similarity functions count bytes, not characters, so Splink only ever compares
ASCII columns computed here (canonical forms and skeletons), never raw Cyrillic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tagdyr.names import canonical, parse
from tagdyr.names.analysis import analyze_parsed
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


def features(rec: PersonRecord) -> dict[str, Any]:
    """One row of the Splink input table for a record."""
    analysis = analyze_parsed(rec.name)
    initial = canonical(rec.name.given_initial)[:1] if rec.name.given_initial else ""
    patronymic = rec.name.patronymic.split()[0] if rec.name.patronymic.strip() else ""
    return {
        "unique_id": rec.unique_id,
        "source_dataset": rec.source_dataset,
        "surname_canon": analysis.surname_canon or None,
        "surname_key": analysis.surname_key or None,
        "given_canon": analysis.given_canon or None,
        "given_key": analysis.given_key or None,
        "given_initial": initial or None,
        "patronymic_canon": canonical(patronymic) or None,
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
