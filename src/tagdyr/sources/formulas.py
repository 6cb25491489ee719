"""Cells that a spreadsheet would run as formulas, and the guard tagdyr's CSV exports put on them.

A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken by Excel and
LibreOffice for a formula ("CSV injection", OWASP). tagdyr's CSV exports write such a cell with a
leading apostrophe, which spreadsheets show as text; a cell that itself begins with an apostrophe
gets one too, so that :func:`unguard` gives back exactly what was written. The importer removes
the guard from files whose first column is :data:`EXPORT_MARKER` — tagdyr's own exports — and from
no others, so a list that really has an apostrophe keeps it.
"""

from __future__ import annotations

EXPORT_MARKER = "tagdyr_uri"
_ACTIVE = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: str) -> str:
    """``cell`` as a spreadsheet shows text: apostrophe-prefixed if it could start a formula."""
    if cell.startswith(_ACTIVE) or cell.startswith("'"):
        return "'" + cell
    return cell


def unguard(cell: str) -> str:
    """The cell :func:`guard` was given."""
    return cell[1:] if cell.startswith("'") else cell


def is_export(header: list[str]) -> bool:
    """True if a header row is that of a tagdyr export."""
    return bool(header) and header[0].strip().lstrip("\ufeff") == EXPORT_MARKER
