"""Text cleanup for names: Unicode form, invisible characters, homoglyphs, scripts.

Archival transcriptions mix scripts inside one word (a Latin ``ə`` typed for Kazakh ``ә``, a
Latin ``o`` inside a Cyrillic surname), carry NBSP between initials and surname and soft hyphens
from OCR. :func:`clean` repairs all of that without ever dropping a letter of any script.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache


class Script(StrEnum):
    CYRILLIC = "cyrillic"
    LATIN = "latin"
    MIXED = "mixed"
    NONE = "none"


# Latin letter -> the Cyrillic letter it is mistaken for (and the reverse).
_LATIN_TO_CYRILLIC = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "h": "һ",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "I": "І", "Y": "Ү",
    "ə": "ә", "Ə": "Ә", "ɵ": "ө", "Ɵ": "Ө",
}  # fmt: skip
_CYRILLIC_TO_LATIN = {cyr: lat for lat, cyr in _LATIN_TO_CYRILLIC.items() if lat not in "ɵƟ"}
_CYRILLIC_TO_LATIN.update({"ә": "ə", "Ә": "Ə"})

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u2009\u200a]+")
_DASHES = re.compile(r"(?<=\w)[\u2010\u2011\u2012\u2013\u2014](?=\w)")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'", "´": "'"})
_EDGE_JUNK = ' \t,;:!?"«»“”„()[]{}*_/\\|<>~#^=+—–-'


@lru_cache(maxsize=8192)
def letter_script(char: str) -> Script:
    """Script of one letter; NONE for digits, punctuation and marks."""
    if not char.isalpha():
        return Script.NONE
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return Script.CYRILLIC
    if name.startswith("LATIN") or char in "əƏɵƟ":
        return Script.LATIN
    return Script.NONE


@lru_cache(maxsize=200_000)
def token_script(token: str) -> Script:
    """Script of a token: the one all its letters share, MIXED, or NONE if it has no letters."""
    seen = {letter_script(c) for c in token} - {Script.NONE}
    if not seen:
        return Script.NONE
    if len(seen) == 1:
        return seen.pop()
    return Script.MIXED


def _is_ambiguous(char: str) -> bool:
    return char in _LATIN_TO_CYRILLIC or char in _CYRILLIC_TO_LATIN


def _majority_script(token: str) -> Script:
    """The script of a mixed token judged by its unambiguous letters."""
    cyr = sum(1 for c in token if letter_script(c) is Script.CYRILLIC and not _is_ambiguous(c))
    lat = sum(1 for c in token if letter_script(c) is Script.LATIN and not _is_ambiguous(c))
    if cyr == lat:
        cyr = sum(1 for c in token if letter_script(c) is Script.CYRILLIC)
        lat = sum(1 for c in token if letter_script(c) is Script.LATIN)
    return Script.CYRILLIC if cyr >= lat else Script.LATIN


def repair_homoglyphs(token: str, context: Script = Script.NONE) -> str:
    """Rewrite look-alike letters of the wrong script inside one token.

    A token that is all look-alikes (``"Ocoe"``) is left as it is unless ``context`` says which
    script the surrounding name is written in.
    """
    script = token_script(token)
    if script is Script.MIXED:
        target = _majority_script(token)
    elif script is Script.LATIN and context is Script.CYRILLIC:
        target = Script.CYRILLIC
    else:
        return token
    table = _LATIN_TO_CYRILLIC if target is Script.CYRILLIC else _CYRILLIC_TO_LATIN
    repaired = "".join(table.get(c, c) if letter_script(c) is not target else c for c in token)
    return repaired if token_script(repaired) is target else token


def _name_script(tokens: list[str]) -> Script:
    scripts = {token_script(t) for t in tokens}
    scripts.discard(Script.NONE)
    if Script.MIXED in scripts or len(scripts) > 1:
        votes = [_majority_script(t) for t in tokens if token_script(t) is not Script.NONE]
        return max(set(votes), key=votes.count) if votes else Script.NONE
    return scripts.pop() if scripts else Script.NONE


@lru_cache(maxsize=200_000)
def normalize_text(text: str) -> str:
    """Any value (a fate, a camp, a unit) made comparable: NFC, invisible characters removed,
    spaces collapsed, lower case. Unlike :func:`clean`, no character of the text is dropped."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip().lower()


def clean(text: str) -> str:
    """Normalize a name as written: NFC, spaces, dashes, apostrophes, homoglyphs, edges.

    Letters are never removed; only invisible characters (soft hyphen, zero-width) and
    punctuation at the edges of the whole string are.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_APOSTROPHES)
    text = _DASHES.sub("-", _SPACES.sub(" ", text)).strip(_EDGE_JUNK)
    tokens = text.split(" ")
    context = _name_script(tokens)
    fixed = []
    for token in tokens:
        if token_script(token) is Script.LATIN and context is Script.CYRILLIC:
            # an all-look-alike Latin token inside a Cyrillic name ("Ocoe") joins its script
            only_lookalikes = all(c in _LATIN_TO_CYRILLIC for c in token if c.isalpha())
            fixed.append(repair_homoglyphs(token, context) if only_lookalikes else token)
        else:
            fixed.append(repair_homoglyphs(token))
    return " ".join(fixed)


@lru_cache(maxsize=200_000)
def dominant_script(text: str) -> Script:
    """The script most letters of ``text`` are written in (NONE for no letters)."""
    cyr = lat = 0
    for c in text:
        script = letter_script(c)
        if script is Script.CYRILLIC:
            cyr += 1
        elif script is Script.LATIN:
            lat += 1
    if cyr == lat == 0:
        return Script.NONE
    return Script.CYRILLIC if cyr >= lat else Script.LATIN


KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def has_kazakh_letters(text: str) -> bool:
    """True if the text uses a letter only the Kazakh Cyrillic alphabet has."""
    return any(c in KAZAKH_LETTERS for c in text)


_OCR_CAPITAL_I = re.compile(r"(?<!^Mc)(?<=[a-z])I(?=[a-z])")  # "KaIdyrkulov": a scanned l
# an e scanned as c: c before a consonant that no transcription puts after it (Tcmirzadajev,
# Jclugalijev, Nourtacv); ch, ck, cz, sch and tch stay
_OCR_C_FOR_E = re.compile(r"(?<=[A-Za-z])c(?=[bdfgjlmnpqrstvwxy])")
_OCR_DIGITS = str.maketrans({"6": "б", "0": "о", "3": "з"})  # "Алтын6етов"
_CYRILLIC_WITH_DIGIT = re.compile(r"[а-яёәғқңөұүһі][603]|[603][а-яёәғқңөұүһі]", re.IGNORECASE)


def repair_ocr(word: str) -> str:
    """Undo the commonest OCR confusions inside a name word: a capital I between lower-case
    Latin letters is an l, a c before a consonant an e, a digit inside a Cyrillic word the
    letter it resembles. Only for comparison: the record keeps the word as written."""
    word = _OCR_C_FOR_E.sub("e", _OCR_CAPITAL_I.sub("l", word))
    return word.translate(_OCR_DIGITS) if _CYRILLIC_WITH_DIGIT.search(word) else word
