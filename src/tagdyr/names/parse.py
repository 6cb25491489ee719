"""Parsing a written name into surname, given names, patronymic and initials.

Lists write surname first ("Бектанов Мажит", "Kozybaev M.K."); prose writes given name first
("Mazhit Bektanov", "Ж.Саин"). The order is decided from the words themselves (surname and
patronymic suffixes, initials) and, where they are silent, from the caller's hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from tagdyr.names.cleanup import clean


class Order(StrEnum):
    SURNAME_FIRST = "surname_first"
    GIVEN_FIRST = "given_first"
    UNKNOWN = "unknown"


class Gender(StrEnum):
    MALE = "m"
    FEMALE = "f"
    UNKNOWN = ""


_FEMALE_SURNAME = re.compile(
    r"(ова|ева|ёва|ина|ына|ская|цкая|ая|ovа|ova|owa|eva|ewa|ina|yna|skaya|skaja|aja|aïa|aia)$",
    re.IGNORECASE,
)
_MALE_SURNAME = re.compile(
    r"(ов|ев|ёв|ин|ын|ив|ий|ый|ой|ский|цкий|ko|ov|ow|off|ev|ew|eff|in|yn|iv|iw|iy|ij|ii|sky|ski|"
    r"skij)$",
    re.IGNORECASE,
)
_SURNAME_ONLY = re.compile(r"(енко|ук|юк|ян|янц|швили|дзе|enko|uk|shvili|dze)$", re.I)
# Armenian "-yan/-jan" in Latin letters is also the Kazakh given names' "-жан" (Kyzjan, Erjan):
# a weaker surname signal than a Russian suffix
_WEAK_SURNAME = re.compile(r"(yan|jan)$", re.I)
_PATRONYMIC_MALE = re.compile(
    r"(ович|евич|ич|ұлы|улы|ovich|evich|ovitch|evitch|owitsch|ewitsch|ovitsj|evitsj|uly|ouly)$",
    re.IGNORECASE,
)
_PATRONYMIC_FEMALE = re.compile(
    r"(овна|евна|ична|инична|қызы|кызы|ovna|evna|owna|ewna|ichna|qyzy|kyzy|kysy)$", re.IGNORECASE
)
_PATRONYMIC_WORD = re.compile(r"^(ұлы|улы|uly|ouly|қызы|кызы|qyzy|kyzy)$", re.IGNORECASE)
_PARTICLES = frozenset(
    {"де", "дe", "фон", "ван", "ибн", "de", "du", "von", "van", "der", "le", "la", "ibn", "al"}
)
# initials: "Ж.", "Zh.", "M.K.", "Т.Т.", "Sh." — one letter or a Latin digraph, with a dot
_INITIALS = re.compile(r"^(?:(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яё]?|Dzh|Zh|Sh|Ch|Kh|Ts|Yu|Ya)\.)+$")
_ONE_INITIAL = re.compile(r"(Dzh|Zh|Sh|Ch|Kh|Ts|Yu|Ya|[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яё]?)\.")
_GLUED = re.compile(r"((?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яё]?\.)+)(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\s.]{2,})")


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name split into its parts; every part keeps its written form."""

    written: str
    surname: str = ""
    given: tuple[str, ...] = ()
    patronymic: str = ""
    initials: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    gender: Gender = Gender.UNKNOWN
    order: Order = Order.UNKNOWN
    extra: tuple[str, ...] = field(default=())

    @property
    def given_initial(self) -> str:
        """First letter of the given name (from the name itself or from an initial)."""
        if self.given:
            return self.given[0][:1].upper()
        return self.initials[0][:1].upper() if self.initials else ""

    @property
    def patronymic_initial(self) -> str:
        if self.patronymic:
            return self.patronymic[:1].upper()
        return self.initials[1][:1].upper() if len(self.initials) > 1 else ""


def _split_tokens(text: str) -> list[str]:
    text = _GLUED.sub(r"\1 ", text)  # "Ж.Саин" -> "Ж. Саин"
    tokens: list[str] = []
    for raw in text.replace(",", " ").split():
        if _INITIALS.match(raw):
            tokens.extend(m.group(0) for m in _ONE_INITIAL.finditer(raw))
        else:
            tokens.append(raw)
    return tokens


def _is_initial(token: str) -> bool:
    return bool(_INITIALS.match(token)) or (len(token) == 1 and token.isalpha() and token.isupper())


def _surname_score(token: str) -> int:
    if _PATRONYMIC_MALE.search(token) or _PATRONYMIC_FEMALE.search(token):
        return 0
    if _SURNAME_ONLY.search(token) or _FEMALE_SURNAME.search(token):
        return 2
    if _MALE_SURNAME.search(token):
        return 2
    return 1 if _WEAK_SURNAME.search(token) else 0


def _gender(surname: str, patronymic: str) -> Gender:
    if patronymic:
        if _PATRONYMIC_FEMALE.search(patronymic):
            return Gender.FEMALE
        if _PATRONYMIC_MALE.search(patronymic):
            return Gender.MALE
    if surname and _surname_score(surname):
        if _FEMALE_SURNAME.search(surname) and not _MALE_SURNAME.search(surname):
            return Gender.FEMALE
        if _MALE_SURNAME.search(surname):
            return Gender.MALE
    return Gender.UNKNOWN


def _take_patronymic(words: list[str]) -> tuple[list[str], str, int | None]:
    """Remove the patronymic ("Әбенұлы", "Әбен ұлы", "Мажитович") from ``words``; also say
    where it stood (the index of its first word)."""
    for i, word in enumerate(words):
        if _PATRONYMIC_WORD.match(word) and i > 0:
            patronymic = f"{words[i - 1]} {word}"
            return words[: i - 1] + words[i + 1 :], patronymic, i - 1
    for i, word in enumerate(words):
        is_patronymic = _PATRONYMIC_MALE.search(word) or _PATRONYMIC_FEMALE.search(word)
        if i > 0 and is_patronymic and len(word) > 5:
            return words[:i] + words[i + 1 :], word, i
    return words, "", None


def _choose_surname(
    words: list[str], initials_first: bool, hint: Order, patronymic_at: int | None = None
) -> tuple[int, Order]:
    """Index of the surname among ``words`` and the order that choice implies.

    ``patronymic_at`` is where a patronymic stood in the written name: right after the first
    word means "Given Patronymic Surname" (prose), at the end "Surname Given Patronymic"."""
    if len(words) == 1:
        return 0, Order.GIVEN_FIRST if initials_first else hint
    scores = [_surname_score(w) for w in words]
    best = max(scores)
    if patronymic_at == 1 and len(words) == 2:
        index = 1
    elif patronymic_at is not None and patronymic_at >= 2 and len(words) == 2:
        index = 0
    elif best and scores.count(best) == 1:
        index = scores.index(best)
    elif initials_first or hint is Order.GIVEN_FIRST:
        index = len(words) - 1
    else:
        index = 0
    order = Order.SURNAME_FIRST if index == 0 else Order.GIVEN_FIRST
    return index, order


@lru_cache(maxsize=200_000)
def parse(written: str, hint: Order = Order.SURNAME_FIRST) -> ParsedName:
    """Split a name into parts. ``hint`` is the order to assume when the words are silent
    (lists: surname first; prose: given name first)."""
    tokens = _split_tokens(clean(written))
    particles = tuple(t for t in tokens if t.lower() in _PARTICLES)
    initials = tuple(t for t in tokens if _is_initial(t))
    words = [t for t in tokens if t not in initials and t.lower() not in _PARTICLES]
    initials_first = bool(tokens) and bool(initials) and tokens[0] in initials
    words, patronymic, patronymic_at = _take_patronymic(words)
    if not words:
        return ParsedName(written, initials=initials, patronymic=patronymic, order=hint)
    index, order = _choose_surname(words, initials_first, hint, patronymic_at)
    surname = words[index]
    if particles:
        surname = " ".join((*particles, surname))
    given = tuple(words[:index] + words[index + 1 :])
    return ParsedName(
        written=written,
        surname=surname,
        given=given[:1],
        patronymic=patronymic or (given[1] if len(given) > 1 else ""),
        initials=initials,
        particles=particles,
        gender=_gender(words[index], patronymic),
        order=order,
        extra=given[2:],
    )


_PATRONYMIC_SUFFIX = re.compile(
    r"(ович|евич|ьевич|овна|евна|ична|инична|ұлы|улы|қызы|кызы|ovich|evich|ovitch|evitch|"
    r"owitsch|ewitsch|ovitsj|evitsj|ovna|evna|owna|ewna|uly|ouly|qyzy|kyzy)$",
    re.IGNORECASE,
)


def patronymic_root(patronymic: str) -> str:
    """The father's name inside a patronymic: "Абенович", "Әбенұлы", "Әбен ұлы" → "Абен"/"Әбен"."""
    first = patronymic.split()[0] if patronymic.split() else ""
    root = _PATRONYMIC_SUFFIX.sub("", first)
    return root if len(root) >= 2 else first
