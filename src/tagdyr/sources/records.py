"""Turning one mapped row into a record draft: verbatim cells, normalized fields and claims.

Nothing here touches the database; :mod:`tagdyr.sources.importer` stores the drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tagdyr.dates import FuzzyDate, birth_from_age, find_date, parse_age, parse_date
from tagdyr.names import canonical, clean, parse
from tagdyr.names.analysis import analyze_parsed
from tagdyr.names.cleanup import normalize_text
from tagdyr.names.parse import Order, ParsedName
from tagdyr.sources.compound import split_cell, split_targets
from tagdyr.sources.register import Register, provenance


@dataclass(slots=True)
class ClaimDraft:
    kind: str
    value: str
    field: str
    value_norm: str | None = None
    date: FuzzyDate | None = None
    place: str | None = None
    note: str | None = None


@dataclass(slots=True)
class RecordDraft:
    entry_id: str
    sheet: str | None
    row_number: int
    location: str
    verbatim: dict[str, str]
    name: ParsedName
    full_name: str
    birth: FuzzyDate | None
    birth_place: str | None
    normalized: dict[str, Any]
    claims: list[ClaimDraft] = field(default_factory=list)


# the note of a date cell tagdyr could not read ("19l6", "неизв."): the value stays as written
UNREAD_DATE = "no date could be read from this value: it is kept as written"


# Fields that become one claim each: field -> (claim kind, field holding its date or None)
_SIMPLE_CLAIMS = {
    "residence": "residence",
    "rank": "rank",
    "nationality": "nationality",
    "camp": "camp",
    "unit": "unit",
    "occupation": "occupation",
    "fate": "fate",
    "identifier": "identifier",
    "award": "award",
    "hospital": "hospital",
}
_EVENT_CLAIMS = {
    "conscription": "conscription",
    "capture_date": "capture",
    "escape_date": "escape",
    "repatriation_date": "repatriation",
    "arrest_date": "arrest",
    "sentence_date": "sentence",
    "death_date": "death",
    "rehabilitation_date": "rehabilitation",
}
# where an age is anchored: the document's own date first, then the dates the record states
AGE_ANCHORS = ("document_date", "date", "capture_date", "death_date", "repatriation_date")


@dataclass(frozen=True, slots=True)
class RowValues:
    """One row's mapped cells: ``values`` field -> text (compound cells split into their
    parts); ``whole`` a compound part's field -> the whole cell; ``fields`` as written."""

    values: dict[str, str]
    whole: dict[str, str]
    fields: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)  # field -> the header it came from


def row_values(
    cells: list[str], mapping: dict[int, str], headers: list[str] | None = None
) -> RowValues:
    """The mapped cells of a row, compound cells split by their rule."""
    row = RowValues({}, {}, {})
    for index, target in mapping.items():
        cell = cells[index]
        parts = split_targets(target)
        for part in parts:
            row.headers[part] = headers[index] if headers else part
        if len(parts) == 1:
            row.fields[target] = cell
            if cell.strip():
                row.values[target] = cell.strip()
            continue
        for part, text in split_cell(cell, parts).items() if cell.strip() else ():
            row.values[part] = row.fields[part] = text
            row.whole[part] = cell.strip()
    return row


def age_anchor(values: dict[str, str]) -> tuple[FuzzyDate, str] | None:
    """The date an age is counted from, and the field it was read from."""
    for key in AGE_ANCHORS:
        found = find_date(values[key]) if values.get(key) else None
        if found is not None:
            return found, key
    return None


def birth_of(values: dict[str, str], headers: dict[str, str] | None = None) -> FuzzyDate | None:
    """The birth a row states: a date or year, or an age on the document's date (a year
    *about*, noted as computed from the column ``headers`` names)."""
    for key in ("birth_date", "birth_year"):
        if values.get(key) and parse_age(values[key]) is None:
            parsed = parse_date(values[key]) or find_date(values[key])
            if parsed:
                return parsed
    age_text = values.get("age") or next(
        (values[k] for k in ("birth_date", "birth_year") if values.get(k)), ""
    )
    age = parse_age(age_text) if age_text else None
    anchor = age_anchor(values) if age is not None else None
    if age is None or anchor is None:
        return None
    date, key = anchor
    whose = "the document's date" if key == "document_date" else "the record's date"
    return birth_from_age(age, date, f"{whose} {values[key]} ({(headers or {}).get(key, key)})")


def name_from_values(values: dict[str, str], hint: Order) -> tuple[ParsedName, str]:
    """The parsed name and the name as written, from a row's mapped cells: a full name is
    parsed with the list's order hint; separate columns are trusted as what they say."""
    if values.get("full_name"):
        written = values["full_name"]
        return parse(written, hint), written
    parts = [values.get(k, "") for k in ("surname", "given_name", "patronymic")]
    written = " ".join(p.strip() for p in parts if p.strip())
    parsed = parse(written, Order.SURNAME_FIRST)
    if values.get("surname"):
        given = clean(values.get("given_name", ""))
        parsed = ParsedName(
            written=written,
            surname=clean(values["surname"]),
            given=(given,) if given and "." not in given else (),
            patronymic=clean(values.get("patronymic", "")),
            initials=parsed.initials,
            gender=parsed.gender,
            order=Order.SURNAME_FIRST,
        )
    return parsed, written


def _claim(kind: str, value: str, field_name: str, **extra: Any) -> ClaimDraft:
    date = extra.pop("date", None)
    return ClaimDraft(
        kind=kind,
        value=value,
        field=field_name,
        value_norm=normalize_text(value) or None,
        date=date,
        note=date.note or None if date else None,
        **extra,
    )


def _birth_claim(row: RowValues, birth: FuzzyDate | None) -> ClaimDraft | None:
    values = row.values
    field_name = next(
        (k for k in ("birth_date", "birth_year", "age", "birth_place") if values.get(k)), None
    )
    if field_name is None:
        return None
    text = row.whole.get(field_name) or values[field_name]
    if field_name == "birth_place":
        text = row.whole.get(field_name) or ""
    claim = _claim("birth", text, field_name, date=birth, place=values.get("birth_place"))
    if birth is None and (values.get("age") or parse_age(text or "x") is not None):
        claim.note = "an age with no document date to count it from: no birth year computed"
    elif birth is None and field_name != "birth_place":
        claim.note = UNREAD_DATE
    return claim


def _conscription_claim(row: RowValues) -> ClaimDraft | None:
    """Call-up from one cell ("1938, Павлодарский РВК") or from its date and place parts."""
    values = row.values
    date_text = values.get("conscription_date", "")
    place = values.get("conscription_place")
    text = (
        values.get("conscription")
        or row.whole.get("conscription_date")
        or (row.whole.get("conscription_place") or ", ".join(p for p in (date_text, place) if p))
    )
    if not text:
        return None
    date = find_date(date_text or text)
    return _claim("conscription", text, "conscription", date=date, place=place)


def _claims(row: RowValues, birth: FuzzyDate | None) -> list[ClaimDraft]:
    values = row.values
    claims: list[ClaimDraft] = []
    birth_claim = _birth_claim(row, birth)
    if birth_claim:
        claims.append(birth_claim)
    conscription = _conscription_claim(row)
    if conscription:
        claims.append(conscription)
    if values.get("burial_place"):
        burial = values["burial_place"]
        claims.append(_claim("burial", burial, "burial_place", place=burial))
    event_date = find_date(values["date"]) if values.get("date") else None
    for field_name, kind in _SIMPLE_CLAIMS.items():
        if values.get(field_name):
            date = event_date if kind in ("fate", "camp") else None
            claims.append(_claim(kind, values[field_name], field_name, date=date))
    for field_name, kind in _EVENT_CLAIMS.items():
        if values.get(field_name) and kind != "conscription":
            place = values.get("camp") if kind == "repatriation" else None
            if kind == "capture":
                place = values.get("capture_place")
            claims.append(
                _claim(
                    kind,
                    row.whole.get(field_name) or values[field_name],
                    field_name,
                    date=find_date(values[field_name]),
                    place=place,
                )
            )
    if values.get("capture_place") and not values.get("capture_date"):
        text = row.whole.get("capture_place") or values["capture_place"]
        claims.append(_claim("capture", text, "capture_place", place=values["capture_place"]))
    if values.get("sentence") and not values.get("sentence_date"):
        claims.append(_claim("sentence", values["sentence"], "sentence"))
    elif values.get("sentence"):
        for claim in claims:
            if claim.kind == "sentence":
                claim.value = f"{claim.value}; {values['sentence']}"
    if values.get("date") and not (values.get("fate") or values.get("camp")):
        claims.append(_claim("listed", values["date"], "date", date=event_date))
    return claims


def name_fields(name: ParsedName) -> dict[str, Any]:
    """Normalized name columns shared by records and search."""
    analysis = analyze_parsed(name)
    initials = [i for i in (name.given_initial, name.patronymic_initial) if i]
    return {
        "surname": name.surname,
        "given_name": " ".join(name.given),
        "patronymic": name.patronymic,
        "initials": " ".join(canonical(i)[:1] for i in initials if canonical(i)),
        "gender": name.gender.value,
        "surname_canon": analysis.surname_canon,
        "given_canon": analysis.given_canon,
        "surname_key": analysis.surname_key,
        "given_key": analysis.given_key,
        "name_keys": " ".join(analysis.keys),
    }


def build_record(
    *,
    headers: list[str],
    cells: list[str],
    mapping: dict[int, str],
    row_number: int,
    sheet: str | None,
    filename: str,
    hint: Order,
    register: Register | None = None,
) -> RecordDraft:
    """A record draft for one row; ``cells`` are kept verbatim under their headers."""
    verbatim = {(header or f"column {i + 1}"): cells[i] for i, header in enumerate(headers)}
    row = row_values(cells, mapping, headers)
    values = row.values
    name, written = name_from_values(values, hint)
    birth = birth_of(values, row.headers)
    filled = {headers[i] for i in mapping if cells[i].strip()}
    where = (
        f"{filename}, sheet {sheet}, row {row_number}" if sheet else f"{filename}, row {row_number}"
    )
    normalized: dict[str, Any] = {
        **name_fields(name),
        "birth_year": birth.year if birth else None,
        "birth_date": birth.start if birth and birth.precision == "day" else None,
        "birth_precision": birth.precision.value if birth else None,
        "citation": values.get("source"),
        "fields": row.fields,
        "provenance": provenance(values, register, filled),
    }
    return RecordDraft(
        entry_id=values.get("id") or str(row_number),
        sheet=sheet,
        row_number=row_number,
        location=where,
        verbatim=verbatim,
        name=name,
        full_name=written,
        birth=birth,
        birth_place=values.get("birth_place"),
        normalized=normalized,
        claims=_claims(row, birth),
    )
