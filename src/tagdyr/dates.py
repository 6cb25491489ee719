"""Dates as archives write them, with their precision kept.

"29.02.1914", "February 29, 1914", "29 февраля 1914 г.", "1914", "ок. 1914", "1913/14",
"март 1942", "__.__.1914" (OBD Memorial's unknown day and month), and the ages registers
give instead of a birth date ("35 лет"). A parsed date keeps year, month and day as numbers —
not a ``datetime.date`` — because documents state impossible dates (29 February 1914: 1914
was not a leap year) and a historian must see them as stated, flagged, not silently corrected.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    ABOUT = "about"
    RANGE = "range"


_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "январь января январе january janvier januar janvar қаңтар jan janv",
        "февраль февраля феврале february février fevrier februar ақпан feb fév fev févr",
        "март марта марте march mars märz marz наурыз mar",
        "апрель апреля апреле april avril april сәуір apr avr",
        "май мая мае may mai мамыр",
        "июнь июня июне june juin juni маусым jun",
        "июль июля июле july juillet juli шілде jul juil",
        "август августа августе august août aout тамыз aug",
        "сентябрь сентября сентябре september septembre қыркүйек sep sept",
        "октябрь октября октябре october octobre oktober қазан oct okt",
        "ноябрь ноября ноябре november novembre қараша nov",
        "декабрь декабря декабре december décembre desember dezember желтоқсан dec déc dez des",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_ABOUT = re.compile(r"^(?:ок\.?|около|примерно|шамамен|circa|ca\.?|c\.|about|vers|ca|etwa|~)\s*")
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.?|гг\.?|год[ау]?|ж\.?|жылы|år|yr)$")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(1[6-9]\d\d|20\d\d)(\d\d)(\d\d)$")  # 19151111: cards, exports
_YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)$")
_RANGE = re.compile(r"^(1[6-9]\d\d|20\d\d)\s*[-–/]\s*(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(?:(\d{1,2})\.?\s+)?([^\W\d_]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$")


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as stated: ``start``/``end`` are ISO-like strings (``1914``, ``1914-02``,
    ``1914-02-29``); ``note`` explains anything odd about the statement."""

    start: str
    end: str
    precision: Precision
    note: str = ""

    @property
    def year(self) -> int:
        return int(self.start[:4])


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _day_date(year: int, month: int, day: int) -> FuzzyDate | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    note = ""
    if day > calendar.monthrange(year, month)[1]:
        note = f"{_iso(year, month, day)} is not a calendar date"
        if month == 2 and day == 29:
            note += f" ({year} was not a leap year)"
    iso = _iso(year, month, day)
    return FuzzyDate(iso, iso, Precision.DAY, note)


def _full_year(text: str, century_of: int = 1900) -> int:
    value = int(text)
    return value if len(text) == 4 else century_of + value


def _parse_words(text: str) -> FuzzyDate | None:
    match = _WORDS.match(text)
    if not match:
        return None
    day_before, month_word, day_after, year_text = match.groups()
    month = _MONTHS.get(month_word.lower())
    if month is None:
        return None
    year = int(year_text)
    day = day_before or day_after
    if day:
        return _day_date(year, month, int(day))
    iso = _iso(year, month)
    return FuzzyDate(iso, iso, Precision.MONTH)


_MONTH_YEAR = re.compile(r"^(\d{1,2})[./](\d{4})$")  # "07.1942": July 1942
# a day or month the clerk did not know: "__.__.1914", "xx.xx.1914", "00.05.1914", "??.??.1914"
_BLANKED = re.compile(r"^([_x?х0]{1,2}|\d{1,2})[./-]([_x?х0]{1,2}|\d{1,2})[./-](\d{4})$")


def _parse_blanked(value: str) -> FuzzyDate | None:
    """A numeric date with its day (and month) left blank: year or month precision."""
    match = _BLANKED.match(value)
    day_text = match.group(1) if match else ""
    if not match or (day_text.isdigit() and int(day_text) > 0):
        return None
    month_text, year = match.group(2), int(match.group(3))
    if month_text.isdigit() and int(month_text) > 0:
        month = int(month_text)
        return (
            FuzzyDate(_iso(year, month), _iso(year, month), Precision.MONTH)
            if month <= 12
            else None
        )
    return FuzzyDate(_iso(year), _iso(year), Precision.YEAR)


def parse_date(text: str) -> FuzzyDate | None:
    """Parse a date as written; None if ``text`` states no date. Day-first for numeric dates
    (the convention of every archive tagdyr reads)."""
    value = " ".join(text.strip().lower().split()).rstrip(".")
    value = _YEAR_SUFFIX.sub("", value).strip()
    if not value:
        return None
    if blanked := _parse_blanked(value):
        return blanked
    about = _ABOUT.match(value)
    if about or value.endswith("?"):
        inner = parse_date(value[about.end() :] if about else value.rstrip("?"))
        if inner is None:
            return None
        return FuzzyDate(inner.start, inner.end, Precision.ABOUT, inner.note)
    if _YEAR.match(value):
        return FuzzyDate(value, value, Precision.YEAR)
    if (match := _MONTH_YEAR.match(value)) and 1 <= int(match.group(1)) <= 12:
        month_iso = _iso(int(match.group(2)), int(match.group(1)))
        return FuzzyDate(month_iso, month_iso, Precision.MONTH)
    if match := _RANGE.match(value):
        first = int(match.group(1))
        last_text = match.group(2)
        last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
        if last < first:
            return None
        return FuzzyDate(_iso(first), _iso(last), Precision.RANGE)
    if match := _ISO.match(value) or _COMPACT.match(value):
        return _day_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _NUMERIC.match(value):
        day, month, year = match.groups()
        return _day_date(_full_year(year), int(month), int(day))
    return _parse_words(value)


def parse_year(text: str) -> int | None:
    """The year a cell states (its first year for ranges), or None."""
    parsed = parse_date(text)
    return parsed.year if parsed else None


_EMBEDDED = re.compile(
    r"(?<![\w.])([_x?х0]{1,2}[./-][_x?х0\d]{1,2}[./-]\d{4})\b|"
    r"\b(\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[^\W\d_]+\.?\s+\d{4}|"
    r"[^\W\d_]+\s+\d{1,2},\s+\d{4}|(?:0?[1-9]|1[0-2])[./]\d{4}|1[6-9]\d\d|20\d\d)\b"
)


def find_date(text: str) -> FuzzyDate | None:
    """The date a cell states, alone or inside other words ("1938, Павлодарский РВК")."""
    whole = parse_date(text)
    if whole is not None:
        return whole
    for match in _EMBEDDED.finditer(text):
        found = parse_date(match.group(0))
        if found is not None:
            return found
    return None


def split_dated(text: str) -> tuple[str, str]:
    """A compound cell's date and the rest, both as written: "1938 Павлодарский РВК, Казахская
    ССР" -> ("1938", "Павлодарский РВК, Казахская ССР"); "12.03.1914 in Pawlodar" -> ("12.03.1914",
    "Pawlodar"). The first date the cell states is the date; ("", text) when it states none."""
    value = text.strip()
    for match in _EMBEDDED.finditer(value):
        if parse_date(match.group(0)) is None:
            continue
        before, after = value[: match.start()], value[match.end() :]
        rest = f"{before.strip(_SEPARATORS)} {after.strip(_SEPARATORS)}".strip()
        rest = re.sub(r"^(?:in|im|bei|в|во|zu|à)\s+", "", rest, flags=re.IGNORECASE)
        return match.group(0), rest.strip(_SEPARATORS)
    return "", value


_SEPARATORS = " ,;:/–-\t"
# an age as registers give it instead of a birth date: "35 лет", "35 л.", "35", "35 Jahre"
_AGE = re.compile(
    r"^(\d{1,3})\s*(?:лет|л\.?|год(?:а)?|г\.|жас(?:та)?|jahre|j\.|years?( old)?|yrs?\.?|år|ans)?$"
)


def parse_age(text: str) -> int | None:
    """The age a cell states ("35 лет", "35 л.", "35"), or None; ages above 110 are none."""
    match = _AGE.match(" ".join(text.strip().lower().split()))
    if match is None:
        return None
    age = int(match.group(1))
    return age if 0 < age <= 110 else None


def birth_from_age(age: int, anchor: FuzzyDate, anchor_text: str) -> FuzzyDate:
    """The birth year an age implies: the document's year minus the age, *about* (he may have
    had his birthday that year or not), with a note saying so; ``anchor_text`` says which
    date it was counted from ("the document's date 20.10.1942 (Дата документа)")."""
    year = anchor.year - age
    note = (
        f"born about {year}: the age {age} counted back from {anchor_text}, {anchor.year} − {age}"
    )
    return FuzzyDate(_iso(year), _iso(year), Precision.ABOUT, note)
