"""A scan read into tables: pages cleaned, script found, table built, cells recognised."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from tagdyr.scans.clean import Cleaned, clean_page
from tagdyr.scans.ocr import (
    CYRILLIC_LANGS,
    FRENCH_LANG,
    KAZAKH_LANG,
    LATIN_LANGS,
    Box,
    Word,
    engine,
    tessdata,
    words,
)
from tagdyr.scans.pages import read_pages
from tagdyr.scans.table import (
    Cell,
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
            again = cell_of(_cell_reader(other)(page.image, cell.box, page.number), cell.box)
            if again.text and again.confidence > cell.confidence + _MARGIN:
                row.cells[row.cells.index(cell)] = again


# What the mixed Kazakh and Russian models write for a Kazakh letter when the Russian model
# wins the word: it has no Қ, Ө, Ұ, Ү, Ә, Ғ, Ң, І, Һ and writes the nearest Russian letters.
_RUSSIAN_LOOKALIKES = {
    "Қ": "К", "қ": "к", "Ғ": "Г", "ғ": "г", "Ң": "Н", "ң": "н", "Ө": "ОЕ", "ө": "ое",
    "Ұ": "У", "ұ": "у", "Ү": "У", "ү": "у", "Ә": "АЭ", "ә": "аэ", "І": "IИ1", "і": "iи1",
    "Һ": "Х", "һ": "х",
}  # fmt: skip


def with_letters(reading: str, single: str, lookalikes: dict[str, str]) -> str:
    """``reading`` with the letters of ``lookalikes`` that one language's model alone saw
    (``single``) where the mixed models wrote one of their look-alikes; every other character
    stays as the mixed models read it, and readings of different lengths are left alone, so
    one character stands for one and the confidences keep their places."""
    if len(reading) != len(single):
        return reading
    return "".join(
        k if r != k and r in lookalikes.get(k, "") else r
        for r, k in zip(reading, single, strict=True)
    )


def with_kazakh_letters(reading: str, kazakh: str) -> str:
    """``reading`` with the Kazakh letters that the Kazakh model alone saw where the mixed
    models wrote a Russian look-alike ("Казак ССР" and "Қазақ ССР" → "Қазақ ССР")."""
    return with_letters(reading, kazakh, _RUSSIAN_LOOKALIKES)


# What the mixed Latin models write for a French diaeresis when English or German wins the
# word ("Nourbaï" → "Nourbai"); the French model alone keeps it.
_FRENCH_LOOKALIKES = {"ï": "i", "Ï": "I", "ë": "e", "Ë": "E"}


def with_french_letters(reading: str, french: str) -> str:
    """``reading`` with the ï and ë that the French model alone saw where the mixed models
    wrote i and e ("Nourbai" and "Nourbaï" → "Nourbaï")."""
    return with_letters(reading, french, _FRENCH_LOOKALIKES)


_KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
_KAZAKH_CELLS = 2  # cells the mixed models already read with Kazakh letters: a Kazakh page


def _written_in_kazakh(page: ScanPage) -> bool:
    """Whether the mixed models read Kazakh letters in a few cells: the page is written in the
    Kazakh alphabet, not a Russian list of russified names ("Казан", "Кунанбай")."""
    cells = (cell.text for row in page.table.rows for cell in row.cells)
    return sum(any(ch in _KAZAKH_LETTERS for ch in text) for text in cells) >= _KAZAKH_CELLS


def _restore_kazakh_letters(page: ScanPage, kazakh: Any) -> None:
    """On a page written in the Kazakh alphabet, each cell with letters read again by the
    Kazakh model alone (the mixed models let the Russian one win words such as "Ақтөбе", read
    "Актебе"), its Kazakh letters kept."""
    if _written_in_kazakh(page):
        _restore_letters(page, kazakh, with_kazakh_letters)


def _restore_letters(page: ScanPage, single: Any, keep: Callable[[str, str], str]) -> None:
    """Each cell with letters read again by one language's model alone (``single``), the
    letters ``keep`` takes from that reading set one for one."""
    read = _cell_reader(single)
    for row in page.table.rows:
        for cell in row.cells:
            if not any(ch.isalpha() for ch in cell.text):
                continue
            again = cell_of(read(page.image, cell.box, page.number), cell.box).text
            _set_letters(cell, keep(cell.text, again))


_CYRILLIC_LETTER = r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]"
_DIGIT_IN_WORD = re.compile(
    rf"(?<={_CYRILLIC_LETTER})[0136](?!\d)|(?<!\d)[0136](?={_CYRILLIC_LETTER})"
)
_DIGIT_LETTERS = {"0": "о", "1": "і", "3": "з", "6": "б"}


def repair_digits(text: str) -> str:
    """A digit read inside a Cyrillic word is the letter it resembles ("Алтынәл1" → "Алтынәлі");
    one character for one, so the characters' confidences keep their places."""
    return _DIGIT_IN_WORD.sub(lambda m: _DIGIT_LETTERS[m.group()], text)


_RULE_FRAGMENT = re.compile(r"^\|\s+|\s+\|$")


def without_rule_fragments(text: str) -> str:
    """A lone vertical bar at a cell's edge is a piece of the ruling read as a letter
    ("1910 |" → "1910"); a bar inside the text stays."""
    return _RULE_FRAGMENT.sub("", text)


def _repair(table: PageTable) -> None:
    for row in table.rows:
        for cell in row.cells:
            bare = without_rule_fragments(cell.text)
            if bare != cell.text:
                start = cell.text.index(bare)
                cell.chars, cell.text = cell.chars[start : start + len(bare)], bare
            _set_letters(cell, repair_digits(cell.text))


def _set_letters(cell: Cell, fixed: str) -> None:
    """``cell`` with ``fixed``, a reading of the same length (one character for one), its
    characters' confidences kept in their places."""
    if fixed != cell.text:
        cell.chars = [(fixed[i], conf) if i < len(fixed) else (ch, conf)
                      for i, (ch, conf) in enumerate(cell.chars)]  # fmt: skip
        cell.text = fixed


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
    if lang == CYRILLIC_LANGS:
        with engine(KAZAKH_LANG) as kazakh:
            _restore_kazakh_letters(read, kazakh)
    elif lang == LATIN_LANGS:
        with engine(FRENCH_LANG) as french:
            _restore_letters(read, french, with_french_letters)
    _repair(table)
    return read


def read_scan(path: Path, data: bytes, lang: str | None = None) -> list[ScanPage]:
    """Every page of a scan file read into its table."""
    return [read_page(image, n, lang) for n, image in enumerate(read_pages(path, data), 1)]
