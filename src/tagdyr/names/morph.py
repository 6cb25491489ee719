"""Base (dictionary) forms of names found in running Kazakh or Russian text.

Kazakh — no morphological analyzer works offline — by rules of our own: case endings
(-ның/-нің/-дың/-дің/-тың/-тің, -ны/-ды/-ты, -ға/-ге/-қа/-ке, -да/-та, -дан/-тан/-нан,
-мен/-бен/-пен) after an optional plural (-тар/-дар/-лар), stripped only where Kazakh
phonotactics allow that suffix after the stem's last sound and vowel harmony agrees (the
surname endings -ов/-ев/-ин count as either harmony, as writers treat them so):
"Қайсеновтың" → "Қайсенов", "Бабановтарды" → "Бабанов", "Жангелдиннің" → "Жангелдин".

Russian by pymorphy3 with the agreement a name group shows: in "Кабыша Омарова" both words
are masculine genitive, so the base is "Кабыш Омаров" ("Омарова" alone may be a woman's
surname in the nominative — the group decides).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tagdyr.names.cleanup import has_kazakh_letters
from tagdyr.names.given import listed_given_name

_BACK = set("аоұы")
_FRONT = set("әеөүі")
_VOWELS = set("аәеёиоөуұүыіэюя")
_VOICELESS = set("кқпстфхшщцчһ") | set("бвгд")  # final б/в/г/д are devoiced before suffixes
_VOICED = set("жзлрйуң")
_NASAL = set("мнң")

# suffix -> (harmony, allowed before it: "vowel", "voiced", "voiceless", "nasal")
_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ның": ("back", ("vowel", "nasal")), "нің": ("front", ("vowel", "nasal")),
    "дың": ("back", ("voiced",)), "дің": ("front", ("voiced",)),
    "тың": ("back", ("voiceless",)), "тің": ("front", ("voiceless",)),
    "ны": ("back", ("vowel",)), "ні": ("front", ("vowel",)),
    "ды": ("back", ("voiced", "nasal")), "ді": ("front", ("voiced", "nasal")),
    "ты": ("back", ("voiceless",)), "ті": ("front", ("voiceless",)),
    "ға": ("back", ("vowel", "voiced", "nasal")), "ге": ("front", ("vowel", "voiced", "nasal")),
    "қа": ("back", ("voiceless",)), "ке": ("front", ("voiceless",)),
    "да": ("back", ("vowel", "voiced")), "де": ("front", ("vowel", "voiced")),
    "та": ("back", ("voiceless",)), "те": ("front", ("voiceless",)),
    "нда": ("back", ("vowel",)), "нде": ("front", ("vowel",)),
    "дан": ("back", ("vowel", "voiced")), "ден": ("front", ("vowel", "voiced")),
    "тан": ("back", ("voiceless",)), "тен": ("front", ("voiceless",)),
    "нан": ("back", ("nasal",)), "нен": ("front", ("nasal",)),
    "мен": ("any", ("vowel", "nasal", "voiced")), "бен": ("any", ("voiced",)),
    "пен": ("any", ("voiceless",)),
}  # fmt: skip
_PLURALS: dict[str, tuple[str, tuple[str, ...]]] = {
    "лар": ("back", ("vowel", "voiced")), "лер": ("front", ("vowel", "voiced")),
    "дар": ("back", ("voiced", "nasal")), "дер": ("front", ("voiced", "nasal")),
    "тар": ("back", ("voiceless",)), "тер": ("front", ("voiceless",)),
}  # fmt: skip
_SURNAME_STEM = re.compile(r"(ов|ев|ёв|ин|ын|бек|бай|ұлы|улы|қызы|кызы)$", re.IGNORECASE)
_MIN_STEM = 4


def _sound(letter: str) -> str:
    if letter in _VOWELS:
        return "vowel"
    if letter in _NASAL:
        return "nasal"
    if letter in _VOICED:
        return "voiced"
    return "voiceless"


def _harmony(stem: str) -> str:
    for letter in reversed(stem.lower()):
        if letter in _BACK:
            return "back"
        if letter in _FRONT:
            return "front"
    return "any"


def _fits(stem: str, rule: tuple[str, tuple[str, ...]]) -> bool:
    harmony, after = rule
    if len(stem) < _MIN_STEM or _sound(stem[-1].lower()) not in after:
        return False
    if harmony == "any" or _SURNAME_STEM.search(stem):
        return True
    stem_harmony = _harmony(stem)
    return stem_harmony in ("any", harmony)


def _strip(word: str, table: dict[str, tuple[str, tuple[str, ...]]]) -> str | None:
    lower = word.lower()
    for suffix in sorted(table, key=len, reverse=True):
        if lower.endswith(suffix) and _fits(word[: -len(suffix)], table[suffix]):
            return word[: -len(suffix)]
    return None


@lru_cache(maxsize=100_000)
def kazakh_base(word: str) -> str:
    """A name's base form with Kazakh case, plural and their combinations removed."""
    stem = _strip(word, _CASES)
    if stem is not None:
        return _strip(stem, _PLURALS) or stem
    return _strip(word, _PLURALS) or word


# --- Russian -----------------------------------------------------------------------------

_NOMINATIVE_SURNAME = re.compile(r"(ов|ев|ёв|ин|ын|ский|цкий)$", re.IGNORECASE)
_NAME_TAGS = ("Name", "Surn", "Patr")


@dataclass(frozen=True, slots=True)
class _Reading:
    base: str
    gender: str
    case: str
    score: float


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _restore(lemma: str, written: str) -> str:
    if "ё" not in written.lower():
        lemma = lemma.replace("ё", "е")
    return lemma[:1].upper() + lemma[1:] if written[:1].isupper() else lemma


# A surname's case forms by rule, so that surnames the dictionary lacks decline right:
# (written ending, the nominative's ending, gender, cases, weight). Alone, "Омарова" is read
# as a man's genitive; beside a woman's given name ("Жамал Омарова") as her nominative.
_SURNAME_CASES = (
    (r"(ов|ев|ёв|ин|ын)а", "{}", "masc", ("gent", "accs"), 1.2),
    (r"(ов|ев|ёв|ин|ын)а", "{}а", "femn", ("nomn",), 1.0),
    (r"(ов|ев|ёв|ин|ын)у", "{}", "masc", ("datv",), 1.2),
    (r"(ов|ев|ёв|ин|ын)ым", "{}", "masc", ("ablt",), 1.2),
    (r"(ов|ев|ёв)е", "{}", "masc", ("loct",), 1.2),
    (r"(ов|ев|ёв|ин|ын)ой", "{}а", "femn", ("gent", "datv", "ablt", "loct"), 1.2),
    (r"(ск|цк)(?:ого|ому|им|ом)", "{}ий", "masc", ("gent", "datv", "ablt", "loct"), 1.2),
    (r"(ск|цк)(?:ой|ую)", "{}ая", "femn", ("gent", "datv", "ablt", "loct", "accs"), 1.2),
)


def _rule_readings(word: str) -> list[_Reading]:
    readings: list[_Reading] = []
    for ending, nominative, gender, cases, weight in _SURNAME_CASES:
        found = re.search(rf"^(.{{2,}}?){ending}$", word)
        if found:
            base = found.group(1) + nominative.format(found.group(2))
            readings.extend(_Reading(base, gender, case, weight) for case in cases)
    return readings


@lru_cache(maxsize=100_000)
def _readings(word: str) -> tuple[_Reading, ...]:
    readings = _rule_readings(word)
    if _NOMINATIVE_SURNAME.search(word):
        readings.append(_Reading(word, "masc", "nomn", 1.0))
    if listed_given_name(word):
        # written as the list has it, a given name is in the nominative: a man's name ending
        # in a consonant declines ("Кабыша"), a woman's does not ("Жамал", "Зауре") but then
        # the surname beside it shows the case ("Жамал Омаровой")
        readings.append(_Reading(word, "", "nomn", 1.0))
    elif (
        not readings and word[-1:].lower() in "еиоэ" and not _analyzer().word_is_known(word.lower())
    ):
        # a foreign name the dictionary lacks ("Гиоге") is likelier as written than with an
        # ending the dictionary guesses off it
        readings.append(_Reading(word, "", "nomn", 0.6))
    for parse in _analyzer().parse(word):
        tag = parse.tag
        if tag.POS != "NOUN" or "anim" not in tag or tag.number == "plur":
            continue
        named = any(t in tag for t in _NAME_TAGS)
        base = parse.normal_form
        if tag.gender == "femn" and "Surn" in tag:
            nominative = parse.inflect({"nomn"})
            base = nominative.word if nominative else base
        # ties go to the reading that removes an ending, then to the masculine one
        weight = parse.score * (1.5 if named else 1.0) + 0.01 * (len(word) - len(base))
        weight += 0.001 * (tag.gender == "masc")
        readings.append(_Reading(_restore(base, word), tag.gender or "", tag.case or "", weight))
    if not readings:
        readings.append(_Reading(word, "", "nomn", 0.1))
    return tuple(readings)


def russian_base(words: tuple[str, ...]) -> tuple[str, ...]:
    """Base forms of a Russian name group; the words of one name agree in case."""
    options = [_readings(w) for w in words]
    cases = {r.case for readings in options for r in readings}
    best_case, best_score = "nomn", -1.0
    for case in sorted(cases, key=lambda c: (c != "nomn", c)):  # a tie goes to the nominative
        score = 0.0
        for readings in options:
            scores = [r.score for r in readings if r.case == case]
            score += max(scores) if scores else -1.0
        if score > best_score:
            best_case, best_score = case, score
    result = []
    for word, readings in zip(words, options, strict=True):
        fitting = [r for r in readings if r.case == best_case]
        result.append(max(fitting, key=lambda r: r.score).base if fitting else word)
    return tuple(result)


# --- any name ----------------------------------------------------------------------------

_KAZAKH_ENDING = re.compile(
    r"(тар|тер|дар|дер|лар|лер)?(ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті|ға|ге|қа|ке|нан|нен|"
    r"дан|ден|тан|тен|мен|бен|пен)$"
)


def language_of(words: tuple[str, ...]) -> str:
    """ "kk" if the name group shows Kazakh letters or a Kazakh case ending, else "ru"."""
    if any(has_kazakh_letters(w) for w in words):
        return "kk"
    if any(_KAZAKH_ENDING.search(w.lower()) and kazakh_base(w) != w for w in words):
        return "kk"
    return "ru"


def base_name(text: str, language: str | None = None) -> str:
    """The dictionary form of a name as it stands in running text.

    Initials are kept as written and normalized to "X." form; ``language`` ("kk" or "ru")
    is detected when not given. "Т. Жангелдиннің" → "Т. Жангелдин";
    "Кабыша Омарова" → "Кабыш Омаров"; Latin-script names are returned as written.
    """
    tokens = re.findall(r"[^\W\d_]+\.|[^\W\d_]+(?:[-'’][^\W\d_]+)*", text)
    initials = [t for t in tokens if t.endswith(".")]
    words = tuple(t for t in tokens if not t.endswith("."))
    if not words or not any("\u0400" <= c <= "\u04ff" for w in words for c in w):
        return " ".join(tokens)
    lang = language or language_of(words)
    bases = tuple(kazakh_base(w) for w in words) if lang == "kk" else russian_base(words)
    mapping = dict(zip(words, bases, strict=True))
    return " ".join(mapping.get(t, t) if t not in initials else t for t in tokens)
