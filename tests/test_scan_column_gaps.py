"""Where a typed list's columns part (scans.table.column_gaps): a gap all confident words keep
stays a gap when words read with little confidence cross it — a stain read as letters, or a
real word whose box Tesseract stretched over the gap (issue 21: on a held-out page two such
words in 18 lines joined the residence and rank columns)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tagdyr.scans.ocr import Word
from tagdyr.scans.table import column_gaps

CHAR_HEIGHT = 29.0
# three columns: x-ranges of their words; the gaps between them are 100 px wide
COLUMNS = [(100, 400), (500, 900), (1000, 1200)]


def _line(n: int) -> list[Word]:
    return [
        Word(1, f"word{n}{i}", (x0, 50 * n, x1, 50 * n + 29), 95.0, n)
        for i, (x0, x1) in enumerate(COLUMNS)
    ]


def _gaps_cover(gaps: list[tuple[int, int]], x: int) -> bool:
    return any(a <= x <= b for a, b in gaps)


@settings(max_examples=40, deadline=None)
@given(
    lines=st.integers(min_value=8, max_value=30),
    crossing=st.lists(
        st.tuples(st.integers(0, 29), st.floats(0, 49), st.sampled_from(["сете.", "мл.", "Ba"])),
        min_size=1,
        max_size=4,
    ),
)
def test_unsure_words_over_a_gap_do_not_close_it(
    lines: int, crossing: list[tuple[int, float, str]]
) -> None:
    body = [_line(n) for n in range(lines)]
    for at, confidence, text in crossing:  # each laid over the first gap (400–500)
        body[at % lines].append(Word(1, text, (380, 0, 520, 29), confidence, at))
    gaps = column_gaps([sorted(line, key=lambda w: w.box[0]) for line in body], CHAR_HEIGHT)
    assert _gaps_cover(gaps, 450) and _gaps_cover(gaps, 950)


def test_confident_words_over_a_gap_in_many_lines_close_it() -> None:
    """The other side: a gap that confident words cross in many lines is no gap (a column
    whose entries are of very different lengths)."""
    body = [_line(n) for n in range(12)]
    for n in range(4):
        body[n].append(Word(1, "Karaganda", (380, 0, 520, 29), 95.0, n))
    gaps = column_gaps([sorted(line, key=lambda w: w.box[0]) for line in body], CHAR_HEIGHT)
    assert not _gaps_cover(gaps, 450) and _gaps_cover(gaps, 950)


@settings(max_examples=30, deadline=None)
@given(
    specks=st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 90), st.sampled_from(["!", "_", "'", "|"])),
        min_size=1,
        max_size=5,
    )
)
def test_a_speck_in_the_margin_opens_no_column_before_the_first(
    specks: list[tuple[int, int, str]],
) -> None:
    """Marks left of the first column (a "!" read from a speck, a "_") are no column: every
    gap lies between two columns of words."""
    body = [_line(n) for n in range(12)]
    for at, x, text in specks:
        body[at].append(Word(1, text, (x, 0, x + 3, 29), 73.0, at))
    gaps = column_gaps([sorted(line, key=lambda w: w.box[0]) for line in body], CHAR_HEIGHT)
    assert all(a >= COLUMNS[0][1] for a, _b in gaps)
    assert _gaps_cover(gaps, 450) and _gaps_cover(gaps, 950)
