"""Compound cells: one cell that holds several fields.

A profile maps such a column to a list of fields, and the cell is split by what each field
is: "Дата и место призыва" = ["conscription_date", "conscription_place"] takes the date the
cell states and the place around it; "Дата рождения/Возраст" = ["birth_date", "age"] takes a
date, a year or an age ("35 лет"); "Источник" = ["archive", "fond", "opis", "delo", "folio"]
reads an archival reference ("ЦАМО, ф. 58, оп. 18003, д. 1412, л. 3"). The cell itself is
always kept verbatim in the record.
"""

from __future__ import annotations

import re

from tagdyr.dates import find_date, parse_age, split_dated

SPLIT = "+"  # a split column's target as map_columns gives it: "birth_date+birth_place"
DATE_FIELDS = frozenset({
    "birth_date", "birth_year", "date", "document_date", "conscription_date", "capture_date",
    "escape_date", "repatriation_date", "arrest_date", "sentence_date", "death_date",
    "rehabilitation_date",
})  # fmt: skip
PLACE_FIELDS = frozenset({
    "birth_place", "conscription_place", "capture_place", "burial_place", "residence", "camp",
    "hospital", "unit",
})  # fmt: skip
AGE_FIELDS = frozenset({"age"})
REFERENCE_PARTS = {  # field -> the abbreviations that introduce it in a written reference
    "fond": r"ф(?:онд)?\.?|fonds?|bestand",
    "opis": r"оп(?:ись)?\.?|opis|findbuch",
    "delo": r"д(?:ело)?\.?|ед\.? ?хр\.?|единица хранения|akte",
    "folio": r"лл?\.|лист|bl\.?|blatt|fol\.?",
    "document_id": r"doc ?id|dok\.?-?id",
}
_REFERENCE = re.compile(
    "|".join(rf"(?P<{name}>(?<!\w)(?:{words})\s*(?P<{name}_n>[\w/.-]+?))(?=,|;|\s|$)"
             for name, words in REFERENCE_PARTS.items()),
    re.IGNORECASE,
)  # fmt: skip


def split_targets(target: str) -> tuple[str, ...]:
    """The fields a column's target names: one, or the parts of a compound cell."""
    return tuple(target.split(SPLIT))


def split_rule_error(fields: list[str]) -> str | None:
    """Why a list of fields is no valid compound rule, or None if it is one."""
    if len(fields) < 2 or len(set(fields)) != len(fields):
        return "a compound cell is split into two or more different fields"
    if all(f in REFERENCE_PARTS or f == "archive" for f in fields):
        return None
    counts = [sum(f in kind for f in fields) for kind in (DATE_FIELDS, PLACE_FIELDS, AGE_FIELDS)]
    if counts[0] == 1 and counts[1] <= 1 and counts[2] <= 1 and sum(counts) == len(fields):
        return None
    return (
        "a compound cell is one date field with a place field and/or 'age' "
        f"(dates: {', '.join(sorted(DATE_FIELDS))}; places: {', '.join(sorted(PLACE_FIELDS))}), "
        f"or the parts of an archival reference ({', '.join(['archive', *REFERENCE_PARTS])})"
    )


def split_cell(cell: str, fields: tuple[str, ...]) -> dict[str, str]:
    """The parts of a compound cell, field -> text as written; parts the cell lacks are left
    out ("1938" alone gives only the date)."""
    if all(f in REFERENCE_PARTS or f == "archive" for f in fields):
        return _split_reference(cell, fields)
    age_field = next((f for f in fields if f in AGE_FIELDS), None)
    if age_field and parse_age(cell) is not None:
        return {age_field: cell.strip()}
    date_field = next(f for f in fields if f in DATE_FIELDS)
    place_field = next((f for f in fields if f in PLACE_FIELDS), None)
    date_text, rest = split_dated(cell)
    if not date_text or find_date(date_text) is None:
        return {place_field: cell.strip()} if place_field else {date_field: cell.strip()}
    parts = {date_field: date_text}
    if place_field and rest:
        parts[place_field] = rest
    return parts


def _split_reference(cell: str, fields: tuple[str, ...]) -> dict[str, str]:
    parts: dict[str, str] = {}
    first = None
    for match in _REFERENCE.finditer(cell):
        name = next(key for key in REFERENCE_PARTS if match.group(key))
        if name in fields and name not in parts:
            parts[name] = match.group(f"{name}_n").rstrip(".")
            first = match.start() if first is None else min(first, match.start())
    if "archive" in fields and first:
        archive = cell[:first].strip(" ,;")
        if archive:
            parts["archive"] = archive
    return parts
