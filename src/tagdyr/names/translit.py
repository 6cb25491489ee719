"""Romanization of Kazakh and Russian Cyrillic in the conventions archives actually used.

Each :class:`Convention` is the way one kind of clerk wrote a Cyrillic name in Latin letters:
English (BGN/PCGN, as in British and American lists), ISO 9, Kazakh Latin (2021 alphabet),
French (Chokay archive, French police files), German (POW cards) and Norwegian (repatriation
lists). ``CANON`` is tagdyr's own lossless-enough ASCII form used for comparisons.

The tables are ours (ICU has no German, French or Norwegian romanization of Cyrillic), written
as data so that a historian can check them against a document.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from functools import lru_cache


class Convention(StrEnum):
    CANON = "canon"
    ENGLISH = "en"
    ISO9 = "iso9"
    KAZAKH_LATIN = "kk-latn"
    FRENCH = "fr"
    GERMAN = "de"
    NORWEGIAN = "no"


# Kazakh letters as Soviet (russified) clerks wrote them.
RUSSIFY = str.maketrans({
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
    "Ә": "А", "Ғ": "Г", "Қ": "К", "Ң": "Н", "Ө": "О", "Ұ": "У", "Ү": "У", "Һ": "Х", "І": "И",
})  # fmt: skip

_VOWELS = frozenset("аәеёиіоөуұүыэюя")

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip

_TABLES: dict[Convention, dict[str, str]] = {
    Convention.CANON: {**_COMMON, "ё": "e", "й": "i", "щ": "sh"},
    Convention.ENGLISH: dict(_COMMON),
    Convention.ISO9: {
        **_COMMON, "ё": "ë", "ж": "ž", "й": "j", "х": "h", "ц": "c", "ч": "č", "ш": "š",
        "щ": "ŝ", "ъ": "ʺ", "ь": "ʹ", "э": "è", "ю": "û", "я": "â",
        "ә": "a̋", "ғ": "ġ", "қ": "ķ", "ң": "ṇ", "ө": "ô", "ұ": "u̇", "ү": "ù", "һ": "ḥ", "і": "ì",
    },
    Convention.KAZAKH_LATIN: {
        **_COMMON, "ё": "io", "ж": "j", "й": "i", "х": "h", "ц": "ts", "ч": "ç", "ш": "ş",
        "щ": "şş", "ю": "iu", "я": "ia", "ы": "y",
        "ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h", "і": "ı",
    },
    Convention.FRENCH: {
        **_COMMON, "ё": "io", "ж": "j", "й": "ï", "у": "ou", "ч": "tch", "ш": "ch",
        "щ": "chtch", "ю": "iou", "я": "ia",
    },
    Convention.GERMAN: {
        **_COMMON, "в": "w", "ё": "jo", "ж": "sh", "з": "s", "й": "j", "х": "ch", "ц": "z",
        "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja",
    },
    Convention.NORWEGIAN: {
        **_COMMON, "ё": "jo", "ж": "sj", "й": "j", "х": "kh", "ч": "tsj", "ш": "sj",
        "щ": "sjtsj", "ю": "ju", "я": "ja",
    },
}  # fmt: skip

# Conventions that write Kazakh letters as such; the others see russified Cyrillic.
_KEEPS_KAZAKH = frozenset({Convention.ISO9, Convention.KAZAKH_LATIN})
_IOTATED_E = {Convention.ENGLISH: "ye", Convention.GERMAN: "je", Convention.NORWEGIAN: "je"}
_DOUBLE_S_BETWEEN_VOWELS = frozenset({Convention.FRENCH, Convention.GERMAN})


# CANON has no rule that looks at a letter's neighbours: one table does the whole word
_CANON_LETTERS = str.maketrans(_TABLES[Convention.CANON])


def russify(text: str) -> str:
    """Kazakh letters replaced by the Russian ones Soviet registers used (Қ→К, Ұ→У, …)."""
    return text.translate(RUSSIFY)


def _letter(word: str, i: int, convention: Convention) -> str:
    """Romanization of ``word[i]`` (lower case) in its context."""
    ch = word[i]
    prev = word[i - 1] if i else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    table = _TABLES[convention]
    if ch == "е" and convention in _IOTATED_E and (not prev or prev in _VOWELS or prev in "ъь"):
        return _IOTATED_E[convention]
    if ch == "с" and convention in _DOUBLE_S_BETWEEN_VOWELS and prev in _VOWELS and nxt in _VOWELS:
        return "ss"
    if convention is Convention.FRENCH:
        if ch == "я" and prev == "и":
            return "a"
        if ch == "й":
            return "ï" if prev in _VOWELS and not nxt else "i"
    if convention is Convention.GERMAN and ch == "й" and nxt not in _VOWELS:
        return "i"
    if ch in table:
        return table[ch]
    return ch


def _romanize_word(word: str, convention: Convention) -> str:
    lower = word.lower()
    out = "".join(_letter(lower, i, convention) for i in range(len(lower)))
    upper = _upper_kazakh_latin if convention is Convention.KAZAKH_LATIN else str.upper
    if word.isupper() and len(word) > 1:
        return upper(out)
    if word[:1].isupper():
        return upper(out[:1]) + out[1:]
    return out


def _upper_kazakh_latin(text: str) -> str:
    """Upper case in the 2021 alphabet: i (И) is İ, ı (І) is I."""
    return text.replace("i", "İ").replace("ı", "I").upper()


@lru_cache(maxsize=200_000)
def romanize(text: str, convention: Convention = Convention.ENGLISH) -> str:
    """Write a Cyrillic name in Latin letters the way ``convention``'s clerks did.

    Latin letters already in ``text`` pass through; ``CANON`` is lower-case ASCII.
    """
    if convention is Convention.CANON:
        # what the letter-by-letter path below gives: lower case, each letter's CANON form
        return ascii_fold(russify(text).lower().translate(_CANON_LETTERS))
    if convention not in _KEEPS_KAZAKH:
        text = russify(text)
    words = text.split(" ")
    result = " ".join(_romanize_word(w, convention) for w in words)
    return unicodedata.normalize("NFC", result)


_ASCII_EXTRA = str.maketrans({
    "ə": "a", "Ə": "A", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ı": "i",
    "đ": "d", "ł": "l", "Ł": "L", "ʹ": "", "ʺ": "", "'": "",
})  # fmt: skip


@lru_cache(maxsize=200_000)
def ascii_fold(text: str) -> str:
    """Lower-case ASCII form of a Latin string: diacritics and apostrophes removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


_KAZAKH_LATIN_DIGRAPHS = (("şş", "щ"), ("io", "ё"), ("ia", "я"), ("iu", "ю"), ("ts", "ц"))
_KAZAKH_LATIN_LETTERS = {
    "a": "а", "ä": "ә", "b": "б", "v": "в", "g": "г", "ğ": "ғ", "d": "д", "e": "е", "j": "ж",
    "z": "з", "k": "к", "q": "қ", "l": "л", "m": "м", "n": "н", "ñ": "ң", "o": "о", "ö": "ө",
    "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "ū": "ұ", "ü": "ү", "f": "ф", "h": "х",
    "ç": "ч", "ş": "ш", "y": "ы", "ı": "і", "c": "ц", "w": "у", "x": "кс",
}  # fmt: skip
_KZ_VOWELS = set("аәеёиоөуұүыіэюя")


def _kazakh_word(word: str) -> str:
    # 2021 alphabet: I/ı is І, İ/i is И
    lower = unicodedata.normalize("NFC", word.replace("I", "ı").replace("İ", "i").lower())
    out = ""
    i = 0
    while i < len(lower):
        pair = next((cyr for lat, cyr in _KAZAKH_LATIN_DIGRAPHS if lower.startswith(lat, i)), None)
        if pair:
            out += pair
            i += 2
            continue
        ch = lower[i]
        if ch == "i":  # И, or Й after a vowel (Abai = Абай)
            out += "й" if out[-1:] in _KZ_VOWELS else "и"
        else:
            out += _KAZAKH_LATIN_LETTERS.get(ch, ch)
        i += 1
    if word.isupper() and len(word) > 1:
        return out.upper()
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def from_kazakh_latin(text: str) -> str:
    """Kazakh Cyrillic from the Kazakh Latin alphabet (2021), Kazakh letters restored."""
    return " ".join(_kazakh_word(w) for w in text.split(" "))
