"""Double keying of a scan, as Arolsen's volunteers do it: two editors key independently,
a third settles where they differ, and only then is the scan imported."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from tagdyr.errors import TagdyrError
from tagdyr.scans.importer import HEADER_ROW
from tagdyr.scans.reader import ScanPage
from tagdyr.scans.table import Cell, PageTable, Row
from tagdyr.scans.workbench import (
    correct,
    corrections_to_import,
    differences,
    finish_keying,
    load_reading,
    settle,
    stage,
)

MACHINE = [["Бектанов", "1914"], ["Калдыролов", "1903"], ["Жуманиязов", "1918"]]
HEADING = ["Фамилия", "Год"]
CELLS = [(1, r, c) for r in range(len(MACHINE)) for c in range(2)] + [
    (1, HEADER_ROW, c) for c in range(2)
]


def _cell(text: str) -> Cell:
    return Cell(text, (0, 0, 10, 10), 90.0, [(ch, 90.0) for ch in text])


def _staged(folder: Path) -> Path:
    rows = [Row([_cell(t) for t in row], (0, 0, 10, 10), 1) for row in MACHINE]
    table = PageTable(1, [], [_cell(h) for h in HEADING], rows, "lines")
    page = ScanPage(1, Image.new("L", (20, 20), 255), table, 0, 0.0, "kaz+rus")
    stage(folder, [page], {"key": "k", "title": "t", "citation": "c"}, double=True)
    return folder


def _machine(cell: tuple[int, int, int]) -> str:
    _, row, col = cell
    return HEADING[col] if row == HEADER_ROW else MACHINE[row][col]


def _applied(folder: Path) -> dict[tuple[int, int, int], str]:
    """Each cell as the import would write it: the corrections in order, the latest winning."""
    cells = {cell: _machine(cell) for cell in CELLS}
    for c in corrections_to_import(folder):
        cells[(c.page, c.row, c.col)] = c.value
    return cells


_KEYING = st.dictionaries(st.sampled_from(CELLS), st.sampled_from(["", "А", "Бектанов", "1919"]))


@settings(max_examples=60, deadline=None)
@given(first=_KEYING, second=_KEYING, settled=st.sampled_from(["Қ", "1917"]))
def test_the_import_takes_agreed_cells_and_settled_differences(
    first: dict[tuple[int, int, int], str],
    second: dict[tuple[int, int, int], str],
    settled: str,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _staged(Path(tmp))
        correct(folder, first, "anna")
        # each keyer sees the machine's reading and only their own keying
        _, seen_by_second = load_reading(folder, "berik")
        assert seen_by_second == []
        correct(folder, second, "berik")
        finish_keying(folder, "anna")
        finish_keying(folder, "berik")
        a = {cell: first.get(cell, _machine(cell)) for cell in CELLS}
        b = {cell: second.get(cell, _machine(cell)) for cell in CELLS}
        differing = {cell for cell in CELLS if a[cell] != b[cell]}
        assert {(d.page, d.row, d.col) for d in differences(folder)} == differing
        if differing:
            with pytest.raises(TagdyrError, match="not settled"):
                corrections_to_import(folder)
            with pytest.raises(TagdyrError, match="third editor"):
                settle(folder, dict.fromkeys(differing, settled), "anna")
        settle(folder, dict.fromkeys(differing, settled), "chokan")
        expected = {cell: settled if cell in differing else a[cell] for cell in CELLS}
        assert _applied(folder) == expected


def test_a_keying_is_not_imported_before_both_editors_finish(tmp_path: Path) -> None:
    folder = _staged(tmp_path)
    correct(folder, {(1, 0, 0): "Бектанoв"}, "anna")
    finish_keying(folder, "anna")
    with pytest.raises(TagdyrError, match="1 of 2 editors"):
        corrections_to_import(folder)
    with pytest.raises(TagdyrError, match="finished your keying"):
        correct(folder, {(1, 0, 0): "other"}, "anna")
    with pytest.raises(TagdyrError, match="agree there"):
        finish_keying(folder, "berik")
        settle(folder, {(1, 1, 1): "1904"}, "chokan")
