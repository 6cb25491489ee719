"""Text recognition with Tesseract through tesserocr: every word with its page, box and
confidence, every character with its own confidence.

Tesseract and its language models come from Debian (``tesseract-ocr-kaz``, ``-rus``, ``-eng``,
``-deu``, ``-fra``, ``-nor``, ``-osd``); ``TAGDYR_TESSDATA`` or ``TESSDATA_PREFIX`` points
elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from glob import glob
from typing import Any

from PIL import Image

from tagdyr.errors import ConfigError

Box = tuple[int, int, int, int]  # left, top, right, bottom in page pixels
CYRILLIC_LANGS = "kaz+rus"
KAZAKH_LANG = "kaz"  # alone, it keeps the Kazakh letters the mixed models drop
LATIN_LANGS = "eng+deu+fra+nor"
FRENCH_LANG = "fra"  # alone, it keeps the ï the mixed Latin models drop


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    confidence: float  # 0–100


@dataclass(frozen=True, slots=True)
class Word:
    page: int  # 1-based
    text: str
    box: Box
    confidence: float  # 0–100
    line: int  # Tesseract's text line within the page
    chars: tuple[Char, ...] = ()


@cache
def tessdata() -> str:
    """The folder holding the ``*.traineddata`` models."""
    for candidate in (os.environ.get("TAGDYR_TESSDATA"), os.environ.get("TESSDATA_PREFIX")):
        if candidate and glob(os.path.join(candidate, "*.traineddata")):
            return candidate.rstrip("/") + "/"
    found = sorted(glob("/usr/share/tesseract-ocr/*/tessdata/osd.traineddata"))
    if not found:
        raise ConfigError(
            "Tesseract's language models are missing: apt-get install tesseract-ocr "
            "tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng tesseract-ocr-deu "
            "tesseract-ocr-fra tesseract-ocr-nor (scripts/system-deps.sh does it)"
        )
    return os.path.dirname(found[-1]) + "/"


@contextmanager
def engine(lang: str, psm: int = 6) -> Iterator[Any]:
    """A Tesseract instance for ``lang`` ("kaz+rus"), page segmentation mode ``psm``."""
    import tesserocr

    missing = [
        code for code in lang.split("+") if code not in tesserocr.get_languages(tessdata())[1]
    ]
    if missing:
        raise ConfigError(f"no Tesseract model for {', '.join(missing)} in {tessdata()}")
    api = tesserocr.PyTessBaseAPI(path=tessdata(), lang=lang, psm=psm)
    try:
        yield api
    finally:
        api.End()


def _chars(iterator: Any, level_symbol: int, level_word: int) -> list[Char]:
    chars: list[Char] = []
    while True:
        text = iterator.GetUTF8Text(level_symbol)
        if text:
            chars.append(Char(text, round(float(iterator.Confidence(level_symbol)), 1)))
        if iterator.IsAtFinalElement(level_word, level_symbol) or not iterator.Next(level_symbol):
            return chars


def words(api: Any, image: Image.Image, page: int, offset: tuple[int, int] = (0, 0)) -> list[Word]:
    """Recognise ``image`` and return its words, boxes shifted by ``offset`` into the page."""
    import tesserocr

    word_level, symbol_level, line_level = (
        tesserocr.RIL.WORD, tesserocr.RIL.SYMBOL, tesserocr.RIL.TEXTLINE,
    )  # fmt: skip
    api.SetImage(image)
    dpi = image.info.get("dpi", (300, 300))[0]
    api.SetSourceResolution(int(dpi) or 300)
    api.Recognize()
    iterator = api.GetIterator()
    found: list[Word] = []
    line = 0
    dx, dy = offset
    while iterator is not None and not iterator.Empty(word_level):
        if iterator.IsAtBeginningOf(line_level):
            line += 1
        text = iterator.GetUTF8Text(word_level)
        box = iterator.BoundingBox(word_level)
        confidence = float(iterator.Confidence(word_level))
        chars = _chars(iterator, symbol_level, word_level)
        if text and text.strip() and box:
            x0, y0, x1, y1 = box
            found.append(
                Word(page, text.strip(), (x0 + dx, y0 + dy, x1 + dx, y1 + dy),
                     round(confidence, 1), line, tuple(chars))
            )  # fmt: skip
        if not iterator.Next(word_level):
            break
    return found


def page_text(api: Any, image: Image.Image) -> str:
    """The whole page as Tesseract reads it on its own (the benchmark's plain baseline)."""
    api.SetImage(image)
    return str(api.GetUTF8Text())
