"""A typed list rendered, degraded at the moderate level and read back, for the tests of the
letters recognition keeps (Kazakh on Cyrillic pages, diaeresis on Latin ones)."""

from __future__ import annotations

from bench.scans.generate import PROFILES, degrade, render

from tagdyr.scans.reader import ScanPage, read_page


def read_typed_list(title: str, header: list[str], rows: list[list[str]], face: str,
                    seed: int) -> ScanPage:  # fmt: skip
    drawn = render(title, header, rows, face, seed)
    return read_page(degrade(drawn.image, PROFILES["moderate"], seed), 1)


def assert_chars_spell_each_cell(page: ScanPage) -> None:
    """Every cell's characters (with their confidences) spell its text, one for one."""
    for row in page.table.rows:
        for cell in row.cells:
            assert "".join(ch for ch, _ in cell.chars) == cell.text
