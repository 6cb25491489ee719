"""How the demo's fictional clerks write a Kazakh name: tables of their own.

The synthetic demo data back the linkage tests' floors, so they must not be written by the
code those tests measure: these tables are written here from the clerks' published
conventions (the Russian register's russification of Kazakh letters; English BGN/PCGN-like,
Norwegian and German Duden practice for Latin lists), by another route than
``tagdyr.names.translit`` (which this module does not import, and which a test keeps that way).
"""

from __future__ import annotations

_VOWELS = "аеёиоуыэюяәөұүі"

_RUSSIAN = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
            "і": "и"}  # fmt: skip

_COMMON = {
    "а": "a", "б": "b", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip
_TABLES = {
    "english": {**_COMMON, "в": "v", "е": "e", "ё": "yo", "ж": "zh", "й": "y", "х": "kh",
                "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya"},
    "norwegian": {**_COMMON, "в": "v", "е": "e", "ё": "jo", "ж": "sj", "й": "j", "х": "kh",
                  "ц": "ts", "ч": "tsj", "ш": "sj", "щ": "sjtsj", "ю": "ju", "я": "ja"},
    "german": {**_COMMON, "в": "w", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "й": "i",
               "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju",
               "я": "ja"},
}  # fmt: skip
_IOTATED_E = {"english": "ye", "norwegian": "je", "german": "je"}
CLERKS = tuple(_TABLES)


def russian_form(kazakh: str) -> str:
    """A Kazakh name as a Soviet register wrote it (Қасым -> Касым, Тілеу -> Тилеу)."""
    return "".join(_russian_letter(ch) for ch in kazakh)


def _russian_letter(ch: str) -> str:
    russian = _RUSSIAN.get(ch.lower(), ch.lower())
    return russian.upper() if ch.isupper() else russian if ch.lower() in _RUSSIAN else ch


def latin_form(name: str, clerk: str) -> str:
    """A Cyrillic (Kazakh or Russian) name as an English, Norwegian or German clerk wrote it."""
    table = _TABLES[clerk]
    lower = name.lower()
    out = []
    for i, ch in enumerate(lower):
        before = lower[i - 1] if i else " "
        after = lower[i + 1] if i + 1 < len(lower) else " "
        piece = table.get(ch, ch)
        if ch == "е" and before in _VOWELS + "ьъ- ":
            piece = _IOTATED_E[clerk]
        elif ch == "с" and clerk == "german" and before in _VOWELS and after in _VOWELS:
            piece = "ss"
        elif ch == "й" and clerk == "german" and after in _VOWELS:
            piece = "j"
        out.append(piece)
    text = "".join(out)
    return text[:1].upper() + text[1:] if name[:1].isupper() else text
