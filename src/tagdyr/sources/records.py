"""Turning one mapped row into a record draft: verbatim cells, normalized fields and claims.

Nothing here touches the database; :mod:`tagdyr.sources.importer` stores the drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tagdyr.dates import FuzzyDate, find_date, parse_date
from tagdyr.names import canonical, clean, parse
from tagdyr.names.analysis import analyze_parsed
from tagdyr.names.cleanup import normalize_text
from tagdyr.names.parse import Order, ParsedName


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


def _claims(values: dict[str, str], birth: FuzzyDate | None) -> list[ClaimDraft]:
    claims: list[ClaimDraft] = []
    birth_text = values.get("birth_date") or values.get("birth_year") or ""
    if birth_text or values.get("birth_place"):
        field_name = "birth_date" if values.get("birth_date") else "birth_year"
        claims.append(
            _claim("birth", birth_text, field_name, date=birth, place=values.get("birth_place"))
        )
    event_date = find_date(values["date"]) if values.get("date") else None
    for field_name, kind in _SIMPLE_CLAIMS.items():
        if values.get(field_name):
            date = event_date if kind in ("fate", "camp") else None
            claims.append(_claim(kind, values[field_name], field_name, date=date))
    for field_name, kind in _EVENT_CLAIMS.items():
        if values.get(field_name):
            place = values.get("camp") if kind == "repatriation" else None
            if kind == "capture":
                place = values.get("capture_place")
            claims.append(
                _claim(
                    kind,
                    values[field_name],
                    field_name,
                    date=find_date(values[field_name]),
                    place=place,
                )
            )
    if values.get("capture_place") and not values.get("capture_date"):
        claims.append(
            _claim(
                "capture", values["capture_place"], "capture_place", place=values["capture_place"]
            )
        )
    if values.get("sentence") and not values.get("sentence_date"):
        claims.append(_claim("sentence", values["sentence"], "sentence"))
    elif values.get("sentence"):
        for claim in claims:
            if claim.kind == "sentence":
                claim.value = f"{claim.value}; {values['sentence']}"
    if values.get("date") and not (values.get("fate") or values.get("camp")):
        claims.append(_claim("listed", values["date"], "date", date=event_date))
    return claims


def _birth(values: dict[str, str]) -> FuzzyDate | None:
    for key in ("birth_date", "birth_year"):
        if values.get(key):
            parsed = parse_date(values[key]) or find_date(values[key])
            if parsed:
                return parsed
    return None


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
) -> RecordDraft:
    """A record draft for one row; ``cells`` are kept verbatim under their headers."""
    verbatim = {(header or f"column {i + 1}"): cells[i] for i, header in enumerate(headers)}
    values = {target: cells[i].strip() for i, target in mapping.items() if cells[i].strip()}
    name, written = name_from_values(values, hint)
    birth = _birth(values)
    where = (
        f"{filename}, sheet {sheet}, row {row_number}" if sheet else f"{filename}, row {row_number}"
    )
    normalized: dict[str, Any] = {
        **name_fields(name),
        "birth_year": birth.year if birth else None,
        "birth_date": birth.start if birth and birth.precision == "day" else None,
        "birth_precision": birth.precision.value if birth else None,
        "citation": values.get("source"),
        "fields": {target: cells[i] for i, target in mapping.items()},
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
        claims=_claims(values, birth),
    )
