"""A scan read into tables: pages cleaned, script found, table built, cells recognised."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from tagdyr.scans.clean import Cleaned, clean_page
from tagdyr.scans.ocr import CYRILLIC_LANGS, LATIN_LANGS, Box, Word, engine, tessdata, words
from tagdyr.scans.pages import read_pages
from tagdyr.scans.table import (
    PageTable,
    aligned_table,
    cell_of,
    lift_lines,
    ruled_table,
    ruling_lines,
)

_PROBE_SHARE = 0.35  # the share of the page, from the top, read to choose the script
_DOUBTFUL = 80.0  # a cell read below this confidence is read again with the other script
_MARGIN = 5.0  # … and the other reading replaces it when this much more confident


@dataclass(slots=True)
class ScanPage:
    number: int
    image: Image.Image  # upright, straight, evened: what boxes refer to
    table: PageTable
    rotation: int
    skew: float
    lang: str


def _cell_reader(api: Any) -> Callable[[Image.Image, Box, int], list[Word]]:
    def read(image: Image.Image, box: Box, page: int) -> list[Word]:
        crop = image.crop(box)
        crop.info["dpi"] = image.info.get("dpi", (300, 300))
        return words(api, crop, page, (box[0], box[1]))

    return read


def _mean_confidence(found: list[Word]) -> float:
    letters = sum(len(w.text) for w in found)
    return sum(w.confidence * len(w.text) for w in found) / letters if letters else 0.0


def _choose_lang(page: Image.Image, engines: dict[str, Any]) -> str:
    """The script whose models read the top of the page (title, header, first rows) with the
    higher confidence."""
    band = page.crop((0, 0, page.width, max(1, int(page.height * _PROBE_SHARE))))
    band.info["dpi"] = page.info.get("dpi", (300, 300))
    return max(engines, key=lambda lang: _mean_confidence(words(engines[lang], band, 0)))


def _reread_doubtful(page: ScanPage, other: Any) -> None:
    """A cell read with low confidence is read again with the other script's models (a Latin
    camp name in a Cyrillic list); the more confident reading stays."""
    for row in page.table.rows:
        for cell in row.cells:
            if cell.confidence >= _DOUBTFUL or not any(ch.isalpha() for ch in cell.text):
                continue  # sure enough, or digits and signs that both scripts share
            crop = page.image.crop(cell.box)
            crop.info["dpi"] = page.image.info.get("dpi", (300, 300))
            found = words(other, crop, page.number, (cell.box[0], cell.box[1]))
            again = cell_of(found, cell.box)
            if again.text and again.confidence > cell.confidence + _MARGIN:
                row.cells[row.cells.index(cell)] = again


_CYRILLIC_LETTER = r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]"
_DIGIT_IN_WORD = re.compile(
    rf"(?<={_CYRILLIC_LETTER})[0136](?!\d)|(?<!\d)[0136](?={_CYRILLIC_LETTER})"
)
_DIGIT_LETTERS = {"0": "о", "1": "і", "3": "з", "6": "б"}


def repair_digits(text: str) -> str:
    """A digit read inside a Cyrillic word is the letter it resembles ("Алтынәл1" → "Алтынәлі");
    one character for one, so the characters' confidences keep their places."""
    return _DIGIT_IN_WORD.sub(lambda m: _DIGIT_LETTERS[m.group()], text)


def _repair(table: PageTable) -> None:
    for row in table.rows:
        for cell in row.cells:
            fixed = repair_digits(cell.text)
            if fixed != cell.text:
                cell.text = fixed
                cell.chars = [(fixed[i], conf) if i < len(fixed) else (ch, conf)
                              for i, (ch, conf) in enumerate(cell.chars)]  # fmt: skip


def read_page(image: Image.Image, number: int, lang: str | None = None) -> ScanPage:
    """One page: cleaned, then its table from ruling lines if it has a grid, else aligned."""
    cleaned = clean_page(image, tessdata())
    page = cleaned.image
    ys, xs = ruling_lines(page)
    with engine(CYRILLIC_LANGS) as cyrillic, engine(LATIN_LANGS) as latin:
        engines = {CYRILLIC_LANGS: cyrillic, LATIN_LANGS: latin}
        chosen = lang or _choose_lang(page, engines)
        api = engines.get(chosen)
        if api is None:
            with engine(chosen) as own:
                return _read_table(page, number, ys, xs, own, None, cleaned, chosen)
        other = latin if chosen == CYRILLIC_LANGS else cyrillic
        return _read_table(page, number, ys, xs, api, other, cleaned, chosen)


def _read_table(
    page: Image.Image, number: int, ys: list[int], xs: list[int], api: Any, other: Any,
    cleaned: Cleaned, lang: str,
) -> ScanPage:  # fmt: skip
    if ys and xs:
        table = ruled_table(page, number, ys, xs, _cell_reader(api))
    else:
        found = words(api, page, number)
        lifted, strokes = lift_lines(page, found)  # a clerk's strokes through rows
        if strokes:
            found = words(api, lifted, number)
        table = aligned_table(found, number, page, strokes)
    read = ScanPage(number, page, table, cleaned.rotation, cleaned.skew, lang)
    if other is not None:
        _reread_doubtful(read, other)
    _repair(table)
    return read


def read_scan(path: Path, data: bytes, lang: str | None = None) -> list[ScanPage]:
    """Every page of a scan file read into its table."""
    return [read_page(image, n, lang) for n, image in enumerate(read_pages(path, data), 1)]
