"""A scan read into tables: pages cleaned, script found, table built, cells recognised."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from tagdyr.scans.clean import clean_page
from tagdyr.scans.ocr import CYRILLIC_LANGS, LATIN_LANGS, Box, Word, engine, tessdata, words
from tagdyr.scans.pages import read_pages
from tagdyr.scans.table import PageTable, aligned_table, ruled_table, ruling_lines


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


def read_page(image: Image.Image, number: int, lang: str | None = None) -> ScanPage:
    """One page: cleaned, then its table from ruling lines if it has a grid, else aligned."""
    cleaned = clean_page(image, tessdata())
    page = cleaned.image
    ys, xs = ruling_lines(page)
    if lang is None:
        lang = LATIN_LANGS if cleaned.script == "Latin" else CYRILLIC_LANGS
    with engine(lang) as api:
        if ys and xs:
            table = ruled_table(page, number, ys, xs, _cell_reader(api))
        else:
            table = aligned_table(words(api, page, number), number, page)
    return ScanPage(number, page, table, cleaned.rotation, cleaned.skew, lang)


def read_scan(path: Path, data: bytes, lang: str | None = None) -> list[ScanPage]:
    """Every page of a scan file read into its table."""
    return [read_page(image, n, lang) for n, image in enumerate(read_pages(path, data), 1)]
