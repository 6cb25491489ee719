"""Detecting the encoding of a text file: UTF-8 (with or without BOM), UTF-16, cp1251, KOI8-R
and the Western single-byte code pages of Latin-script lists.

Byte-order marks decide first, then strict UTF-8. Among single-byte code pages, the one whose
decoded words look like words is chosen: KOI8-R read as cp1251 (and the reverse) turns
"Бектанов" into "бЕКТАНОВ"-like case soup and rare letters; a Norwegian cp1252 list read as
cp1251 puts Cyrillic letters inside Latin words. Short files are where generic detectors fail,
and archival lists are short, so the heuristic is specific to names.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from tagdyr.errors import EncodingError

SINGLE_BYTE_CANDIDATES = ("cp1251", "koi8_r", "cp1252")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WORD = re.compile(r"[^\W\d_]+")
# Letters frequent in Russian and Kazakh names; case soup and rare letters count against.
_COMMON_CYRILLIC = set("аеиоунтрлсвкмбдгжяыАЕИОУНТРЛСВКМБДГЖЯ")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    detected: bool


def _plausibility(text: str) -> float:
    """How much ``text`` looks like names and words: higher is better."""
    score = 0.0
    for word in _WORD.findall(text):
        scripts = {
            "cyr" if "\u0400" <= c <= "\u04ff" else "lat" if c < "\u0250" else "other" for c in word
        }
        if len(scripts) > 1:
            score -= 3 * len(word)
            continue
        if word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()):
            score += len(word)
        else:
            score -= 2 * len(word)
        if "cyr" in scripts:
            score += sum(0.5 for c in word if c in _COMMON_CYRILLIC)
    score -= 10 * sum(1 for c in text if "\x80" <= c <= "\x9f")
    return score


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    evens, odds = data[0::2], data[1::2]
    for zeros, codec in ((odds, "utf-16-le"), (evens, "utf-16-be")):
        if zeros.count(0) > len(zeros) * 0.3:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, filename: str, encoding: str | None = None) -> Decoded:
    """Decode ``data``; with ``encoding`` given, use exactly that (errors name row and column)."""
    if encoding:
        return Decoded(_strict(data, encoding, filename), encoding, detected=False)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            name = "utf-8-sig" if codec == "utf-8-sig" else "utf-16"
            return Decoded(_strict(data, codec, filename), name, detected=True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", detected=True)
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return Decoded(utf16, "utf-16", detected=True)
    scored = []
    for codec in SINGLE_BYTE_CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text), codec, text))
    if not scored:
        raise EncodingError(
            "the file is not UTF-8, UTF-16, cp1251, KOI8-R or cp1252; "
            "give its encoding with --encoding",
            file=filename,
        )
    _, codec, text = max(scored, key=lambda item: item[0])
    _refuse_mixed_utf8(data, codec, filename)
    return Decoded(text, codec, detected=True)


def _reads_better(as_utf8: str, single_byte: str) -> bool:
    """Whether a line reads better as UTF-8 than in a single-byte code page: its letters stay
    letters ("Født") where the code page splits them into a letter and a sign ("FÃ¸dt")."""
    if _plausibility(as_utf8) > _plausibility(single_byte):
        return True
    letters = all(c.isalpha() for c in as_utf8 if not c.isascii())
    return letters and any(not c.isalpha() for c in single_byte if not c.isascii())


def _refuse_mixed_utf8(data: bytes, codec: str, filename: str) -> None:
    """Refuse a file of which some lines are UTF-8 and others are not (a UTF-8 header over rows
    pasted from a cp1251 file): read in one code page, the UTF-8 lines would be stored as
    "FÃ¸dt" without a word. A line counts as UTF-8 when it decodes strictly and reads better
    so than in ``codec`` (``_reads_better``), so a single-byte list whose few bytes happen to
    pair stays itself."""
    utf8_lines = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            as_utf8 = line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if _reads_better(as_utf8, line.decode(codec)):
            utf8_lines += 1
    if not utf8_lines:
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        row, column = _position(data, exc.start, "utf-8")
        raise EncodingError(
            f"the file mixes encodings: {utf8_lines} line(s) are UTF-8, but byte "
            f"0x{data[exc.start]:02x} here is not; save the whole file in one encoding, "
            "or give --encoding to read all of it in one",
            file=filename,
            row=row,
            column=column,
        ) from exc


def _strict(data: bytes, codec: str, filename: str) -> str:
    try:
        codecs.lookup(codec)
    except LookupError as exc:
        raise EncodingError(f"unknown encoding {codec!r}", file=filename) from exc
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        row, column = _position(data, exc.start, codec)
        raise EncodingError(
            f"byte 0x{data[exc.start]:02x} is not valid {codec}; "
            "the file is in another encoding (try without --encoding to detect it)",
            file=filename,
            row=row,
            column=column,
        ) from exc


def _position(data: bytes, offset: int, codec: str) -> tuple[int, str]:
    """1-based line and the cell (by the file's likely delimiter) of a byte offset."""
    wide = "16" in codec
    newline = b"\n\x00" if wide else b"\n"
    before = data[:offset]
    line = before.count(newline) + 1
    line_start = before.rfind(newline) + len(newline) if newline in before else 0
    plain = "utf-16-le" if wide else "latin-1"
    prefix = before[line_start:].decode(plain, errors="replace")
    first_line = data.split(newline, 1)[0].decode(plain, errors="replace")
    delimiter = max(",;\t|", key=first_line.count)
    cell = prefix.count(delimiter) + 1 if delimiter in first_line else 1
    return line, f"{cell} (character {len(prefix) + 1})"
