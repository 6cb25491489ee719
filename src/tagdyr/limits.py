"""Caps on what tagdyr analyses, declared once.

Stored values are never cut: a record keeps every character it was written with. These caps
bound what the analysis spends on one value (the names engine's beam search, the gazetteer's
reading of a place), so a 20,000-letter "birth place" costs what a real one costs.
"""

from __future__ import annotations

MAX_ANALYSED_WORD = 60  # letters of one word read back into Cyrillic; real name words are < 30
MAX_ANALYSED_PLACE = 400  # characters of a place string the gazetteer reads (words beyond: not)


def analysed_part(text: str, cap: int) -> str:
    """``text`` up to ``cap`` characters, cut at a word boundary (no half word is analysed)."""
    if len(text) <= cap:
        return text
    head = text[: cap + 1]
    cut = max(head.rfind(" "), head.rfind(","))
    return head[:cut] if cut > 0 else ""


def sheet_limits() -> tuple[int, int]:
    """(rows, columns) one sheet may fill: the ``max_sheet_rows`` and ``max_sheet_columns``
    settings (``TAGDYR_MAX_SHEET_ROWS`` …), read when a file is read."""
    from tagdyr.settings import load_settings

    settings = load_settings()
    return settings.max_sheet_rows, settings.max_sheet_columns
