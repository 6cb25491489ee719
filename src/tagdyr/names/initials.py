"""Which first sounds a name word or an initial can stand for, across every convention.

An initial is written in its clerk's convention, and the full name it stands for may be written
in another: "Kochekbaev C." (French "Ch" is Ш, cut to its first letter) is "Кошекбаев Шакен";
"Ismagulov Z." (English "Zh" cut to "Z") and "Ismagoulov J." (French "J") are both Ж; German
"J." is Е, Ё, Й, Ю or Я ("Jerzhan", "Jussup"). So every word — an initial or a full name — is
mapped to the set of (russified) Cyrillic letters its first sound can be: a Cyrillic word to its
own first letter, a Latin word to every letter whose rendering in some convention it starts
with (for a full word: the longest such rendering per convention, as a clerk of that convention
would read it), an initial to every letter whose rendering starts with the initial. Two words'
first sounds agree when these sets meet. The renderings are those of
:func:`tagdyr.names.translit.romanize` in every convention, plus the habits the conventions'
tables do not spell out (Дж as Dzh/Dj/Dsch/J, ICAO's Iu/Ia, Polish-German Tz).
"""

from __future__ import annotations

from functools import lru_cache

from tagdyr.names.cleanup import Script, dominant_script
from tagdyr.names.reverse import fold_latin
from tagdyr.names.translit import Convention, russify

_LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ"
# Renderings no convention table writes but clerks did
_EXTRA: dict[str, tuple[str, ...]] = {
    "Ж": ("dzh", "dj", "dsch", "dzj", "j", "zj", "g"),  # Ж often written and heard as Дж
    "Е": ("ie", "je", "ye"),
    "Ё": ("yo", "jo", "io", "e"),
    "Ю": ("iu", "yu", "ju", "iou", "u"),
    "Я": ("ia", "ya", "ja", "a"),
    "Ц": ("tz", "c", "z", "ts"),
    "Х": ("h", "ch", "kh"),
    "Г": ("gh", "gu"),
    "К": ("q", "c", "kh"),
    "И": ("y", "yi"),
    "Ы": ("i",),
    "Э": ("e",),
    "У": ("ou", "w"),
    "Й": ("y", "j", "i"),
}
# Letters a Soviet clerk's drift or russification merges: Ж and Дж, И and Ы (Kazakh І), Е and Э
_CYRILLIC_ALIKE: dict[str, frozenset[str]] = {
    "И": frozenset("ИЫ"),
    "Ы": frozenset("ИЫ"),
    "Е": frozenset("ЕЭ"),
    "Э": frozenset("ЕЭ"),
    "Ё": frozenset("ЁЕ"),
}


@lru_cache(maxsize=1)
def renderings() -> dict[Convention | None, dict[str, str]]:
    """Per convention (None for the extra habits): folded rendering -> Cyrillic letters."""
    from tagdyr.names.translit import romanize

    table: dict[Convention | None, dict[str, str]] = {}
    for convention in Convention:
        if convention is Convention.CANON:
            continue
        by_text: dict[str, str] = {}
        for letter in _LETTERS:
            text = fold_latin(romanize(letter + "а", convention))[:-1]
            if text:
                by_text[text] = by_text.get(text, "") + letter
        table[convention] = by_text
    extra: dict[str, str] = {}
    for letter, texts in _EXTRA.items():
        for text in texts:
            extra[text] = extra.get(text, "") + letter
    table[None] = extra
    return table


def _of_cyrillic(word: str) -> frozenset[str]:
    first = russify(word.lstrip(".-'"))[:2].upper()
    if not first:
        return frozenset()
    if first == "ДЖ":
        return frozenset("ЖД")
    return _CYRILLIC_ALIKE.get(first[0], frozenset(first[0]))


def _of_latin_initial(folded: str) -> frozenset[str]:
    letters: set[str] = set()
    for by_text in renderings().values():
        for text, cyrillic in by_text.items():
            if text.startswith(folded):
                letters.update(cyrillic)
    return frozenset(letters)


def _of_latin_word(folded: str) -> frozenset[str]:
    letters: set[str] = set()
    for by_text in renderings().values():
        matches = [text for text in by_text if folded.startswith(text)]
        if matches:
            longest = max(map(len, matches))
            for text in matches:
                if len(text) == longest:
                    letters.update(by_text[text])
    return frozenset(letters)


_IOTATED = frozenset("ЕЁЮЯ")  # Й + a vowel sounds as these do (Йосиф, Yosif, Ёсиф)


def _with_glide(letters: frozenset[str]) -> frozenset[str]:
    return letters | {"Й"} if letters & _IOTATED else letters


@lru_cache(maxsize=200_000)
def first_sounds(word: str, is_initial: bool) -> frozenset[str]:
    """Russified Cyrillic letters the first sound of ``word`` can be."""
    return _with_glide(_first_sounds(word, is_initial))


def _first_sounds(word: str, is_initial: bool) -> frozenset[str]:
    bare = word.strip(".")
    if not bare:
        return frozenset()
    if dominant_script(bare) is Script.CYRILLIC:
        return _of_cyrillic(bare)
    folded = fold_latin(bare)
    if not folded:
        return frozenset()
    if not is_initial:
        return _of_latin_word(folded)
    letters = _of_latin_initial(folded)
    if len(folded) > 1 and folded[1] in "aeiouy":
        # "Ja." may be a French clerk's Ж + а as well as a German Я
        letters |= _of_latin_initial(folded[0])
    return letters


def initials_agree(a: str, b: str, a_initial: bool, b_initial: bool) -> bool:
    """The two words can start with the same sound (at least one is an initial)."""
    return bool(first_sounds(a, a_initial) & first_sounds(b, b_initial))
