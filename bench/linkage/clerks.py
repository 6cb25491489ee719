"""How each clerk writes a name or a place: renderings and the noise of hands, typewriters and
OCR, for the linkage benchmark's generator.

Renderings come from outside tagdyr: the `iuliia` package's published schemes (BGN/PCGN,
Wikipedia's English practice, ICAO passports, BS 2979, the scholarly system, the French MVD
310 variant), `anyascii` for a modern researcher's ASCII of a Kazakh form, and three tables
written here afresh from the published conventions that 1940s clerks followed: German
(Duden: Sch, Tsch, Ch, W, S/Ss, Z, J), French (Ch, Tch, J, Ou, Kh, Ss, -off) and Norwegian
(Sj, Tsj, Kh, J, Zj). Kazakh letters reach Russian through a table of its own here too (the
register's russification). Nothing here imports tagdyr.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache

VOWELS = "аеёиоуыэюяәөұүі"

# Kazakh Cyrillic -> the letters a Soviet Russian register used for it
KAZAKH_TO_RUSSIAN = str.maketrans({
    "ә": "а", "Ә": "А", "ғ": "г", "Ғ": "Г", "қ": "к", "Қ": "К", "ң": "н", "Ң": "Н",
    "ө": "о", "Ө": "О", "ұ": "у", "Ұ": "У", "ү": "у", "Ү": "У", "һ": "х", "Һ": "Х",
    "і": "и", "І": "И",
})  # fmt: skip


def russian_form(kazakh: str) -> str:
    """A Kazakh Cyrillic name as a Russian-speaking clerk of the 1930s wrote it, Kazakh letters
    replaced by their nearest Russian ones (Тілеуқабыл -> Тилеукабыл)."""
    return kazakh.translate(KAZAKH_TO_RUSSIAN)


_GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
    "з": "s", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip
_FRENCH = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch",
    "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia",
}  # fmt: skip
_NORWEGIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sj",
    "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "tsj",
    "ш": "sj", "щ": "sjtsj", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip
# е at a word's start or after a vowel or a sign is "je"/"ie" in all three
_IOTATED_E = {"german": "je", "french": "ie", "norwegian": "je"}


def _table_render(word: str, table: dict[str, str], style: str) -> str:
    out = []
    lower = word.lower()
    for i, ch in enumerate(lower):
        before = lower[i - 1] if i else " "
        after = lower[i + 1] if i + 1 < len(lower) else " "
        piece = table.get(ch, ch)
        if ch == "е" and before in VOWELS + "ьъ- ":
            piece = _IOTATED_E[style]
        elif ch == "с" and before in VOWELS and after in VOWELS and style != "norwegian":
            piece = "ss"  # a single s between vowels reads z in German and French
        elif ch == "г" and after in "еиэы" and style == "french":
            piece = "gu"
        elif ch == "й" and style == "german" and after in VOWELS:
            piece = "j"
        elif ch == "й" and style == "french" and after == " ":
            piece = "ï" if before not in "иы" else ""
        out.append(piece)
    text = "".join(out)
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def german(word: str) -> str:
    return _table_render(word, _GERMAN, "german")


def french(word: str) -> str:
    return _table_render(word, _FRENCH, "french")


def norwegian(word: str) -> str:
    return _table_render(word, _NORWEGIAN, "norwegian")


@cache
def _iuliia_scheme(name: str) -> Callable[[str], str]:
    import iuliia

    scheme = iuliia.schemas.get(name)
    if scheme is None:
        raise ValueError(f"iuliia has no scheme {name!r}")
    return scheme.translate  # type: ignore[no-any-return]


def iuliia_render(scheme: str) -> Callable[[str], str]:
    def render(word: str) -> str:
        return _iuliia_scheme(scheme)(word).replace("ʹ", "").replace("ʺ", "").replace("'", "")

    return render


def anyascii_render(word: str) -> str:
    from anyascii import anyascii

    return str(anyascii(word))


# --- noise ----------------------------------------------------------------------------

_KEYS_LATIN = "qwertyuiopasdfghjklzxcvbnm"
_KEYS_CYRILLIC = "йцукенгшщзхфывапролджэячсмитьбю"
OCR_LATIN = (("rn", "m"), ("m", "rn"), ("l", "1"), ("I", "l"), ("O", "0"), ("e", "c"),
             ("u", "n"), ("n", "u"), ("h", "b"), ("a", "o"), ("v", "y"), ("cl", "d"),
             ("ii", "u"), ("t", "f"))  # fmt: skip
OCR_CYRILLIC = (("ш", "щ"), ("и", "н"), ("н", "и"), ("п", "н"), ("З", "3"), ("О", "0"),
                ("б", "6"), ("ь", "ъ"), ("е", "с"), ("т", "г"), ("л", "п"), ("ж", "х"))  # fmt: skip


def typo(word: str, rng: random.Random) -> str:
    """One slip of a typist: a letter dropped, doubled, swapped with its neighbour or struck
    as a neighbouring key."""
    if len(word) < 4:
        return word
    i = rng.randrange(2, len(word) - 1)  # the first letters are the best copied
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    keys = _KEYS_CYRILLIC if word[i].lower() in _KEYS_CYRILLIC else _KEYS_LATIN
    if word[i].lower() not in keys:
        return word
    k = keys.index(word[i].lower())
    neighbour = keys[min(len(keys) - 1, max(0, k + rng.choice((-1, 1))))]
    return word[:i] + neighbour + word[i + 1 :]


def ocr(word: str, rng: random.Random, cyrillic: bool) -> str:
    """One OCR confusion of a scanned typescript, where the word has a confusable letter."""
    options = [(a, b) for a, b in (OCR_CYRILLIC if cyrillic else OCR_LATIN) if a in word]
    if not options:
        return word
    a, b = rng.choice(options)
    return word.replace(a, b, 1)


def register_drift(word: str, rng: random.Random) -> str:
    """A Soviet clerk's drift on a russified Kazakh name: akanye (о -> а), ы/и, е/и, Ж -> Дж,
    a doubled or an undoubled consonant."""
    options: list[Callable[[str], str]] = []
    if "о" in word[1:-2]:
        options.append(lambda w: w[0] + w[1:].replace("о", "а", 1))
    if "ы" in word:
        options.append(lambda w: w.replace("ы", "и", 1))
    if "и" in word[1:]:
        options.append(lambda w: w[0] + w[1:].replace("и", "ы", 1))
    if word.startswith("Ж"):
        options.append(lambda w: "Дж" + w[1:])
    if "е" in word[1:]:
        options.append(lambda w: w[0] + w[1:].replace("е", "и", 1))
    for double in ("лл", "нн", "сс"):
        if double in word:
            options.append(lambda w, d=double: w.replace(d, d[0], 1))
    return rng.choice(options)(word) if options else word


def initial(word: str) -> str:
    return word[:1] + "." if word else word
