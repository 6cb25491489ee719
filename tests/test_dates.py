"""Dates as archives state them: precision kept, impossible dates flagged, not corrected."""

from __future__ import annotations

import pytest

from tagdyr.dates import Precision, find_date, parse_date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("29.02.1914", "1914-02-29", "1914-02-29", Precision.DAY),
        ("February 29, 1914", "1914-02-29", "1914-02-29", Precision.DAY),
        ("29 февраля 1914 г.", "1914-02-29", "1914-02-29", Precision.DAY),
        ("19151111", "1915-11-11", "1915-11-11", Precision.DAY),
        ("24 қаңтар 1950 ж.", "1950-01-24", "1950-01-24", Precision.DAY),
        ("22 décembre 1989", "1989-12-22", "1989-12-22", Precision.DAY),
        ("18. juni 1945", "1945-06-18", "1945-06-18", Precision.DAY),
        ("1945-06-18", "1945-06-18", "1945-06-18", Precision.DAY),
        ("05/07/1941", "1941-07-05", "1941-07-05", Precision.DAY),
        ("март 1942", "1942-03", "1942-03", Precision.MONTH),
        ("1914", "1914", "1914", Precision.YEAR),
        ("1914 г.", "1914", "1914", Precision.YEAR),
        ("ок. 1917", "1917", "1917", Precision.ABOUT),
        ("1918?", "1918", "1918", Precision.ABOUT),
        ("1913/14", "1913", "1914", Precision.RANGE),
        ("1914-1950", "1914", "1950", Precision.RANGE),
    ],
)
def test_stated_dates_parse_with_their_precision(
    text: str, start: str, end: str, precision: Precision
) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["", "---", "Зап.ф.", "32.01.1941", "1950-1914", "Шофер"])
def test_non_dates_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_impossible_date_is_kept_and_explained() -> None:
    parsed = parse_date("29.02.1914")
    assert parsed is not None
    assert parsed.note == "1914-02-29 is not a calendar date (1914 was not a leap year)"
    assert parse_date("29.02.1916").note == ""  # type: ignore[union-attr]


def test_dates_inside_other_words_are_found() -> None:
    found = find_date("1938, Павлодарский РВК, Казахская ССР")
    assert found is not None and (found.start, found.precision) == ("1938", Precision.YEAR)


def test_a_month_and_year_keep_the_month() -> None:
    """OBD Memorial's "Дата выбытия" often gives "07.1942": July 1942, not the year alone."""
    from tagdyr.dates import Precision, find_date, parse_date

    july = parse_date("07.1942")
    assert july is not None and (july.start, july.precision) == ("1942-07", Precision.MONTH)
    inside = find_date("выбыл 7.1942")
    assert inside is not None and inside.start == "1942-07"
    odd = find_date("13.1942")  # no month 13: the year is what it states
    assert odd is not None and (odd.start, odd.precision) == ("1942", Precision.YEAR)
