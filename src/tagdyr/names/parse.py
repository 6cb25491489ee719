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


# -ава/-ava/-awa: a woman's -ова under akanye (Сапарава, Saparava); -ав/-av/-aw a man's, except
# the Slavic given names in -слав
_FEMALE_SURNAME = re.compile(
    r"(ова|ева|ёва|ина|ына|ская|цкая|ая|ава|ovа|ova|owa|eva|ewa|ina|yna|skaya|skaja|aja|aïa|aia|"
    r"(?<!sl)ava|(?<!sl)awa)$",
    re.IGNORECASE,
)
_MALE_SURNAME = re.compile(
    r"(ов|ев|ёв|ин|ын|ив|ий|ый|ой|ский|цкий|(?<!сл)ав|ko|ov|ow|off|ev|ew|eff|in|yn|iv|iw|iy|ij|ii|"
    r"sky|ski|skij|(?<!sl)av|(?<!sl)aw|aff)$",
    re.IGNORECASE,
)
_SURNAME_ONLY = re.compile(r"(енко|ук|юк|ян|янц|швили|дзе|enko|uk|shvili|dze)$", re.I)
# Armenian "-yan/-jan" in Latin letters is also the Kazakh given names' "-жан" (Kyzjan, Erjan):
# a weaker surname signal than a Russian suffix
_WEAK_SURNAME = re.compile(r"(yan|jan)$", re.I)
# Patronymics in every script and convention: Cyrillic -ович/-евич/-ич, Kazakh ұлы/қызы, and
# the Latin forms of -ович/-евич (English -ovich, French -ovitch, German -owitsch, Norwegian
# -ovitsj, ISO 9 -ovič; -jewitsch, -ievitch, -yevich end the same way) and of Ильич (Ilyich,
# Ilitch, Iljitsch, Ilič)
_LATIN_OVICH = r"[oe](?:v|w){1,2}(?:i{1,2}|y)(?:tsch|tch|tsj|tš|tj|ch|č|ç|c|h)"
_LATIN_OVNA = r"[oe](?:v|w){1,2}n{1,2}a"
_LATIN_MALE_PATRONYMIC = rf"{_LATIN_OVICH}|^il'?[jy]?i?(?:tsch|tch|tsj|ch|č)"
_LATIN_FEMALE_PATRONYMIC = rf"{_LATIN_OVNA}|i(?:tschna|tchna|tsjna|chna|čna)"
_PATRONYMIC_MALE = re.compile(
    rf"(ович|евич|ич|ұлы|улы|uly|ūly|ouly|{_LATIN_MALE_PATRONYMIC})$", re.IGNORECASE
)
_PATRONYMIC_FEMALE = re.compile(
    rf"(овна|евна|ична|инична|қызы|кызы|qyzy|kyzy|kysy|{_LATIN_FEMALE_PATRONYMIC})$",
    re.IGNORECASE,
)
# -ич in Latin letters (Nikititsch, Fomich, Kuzmich) is also the end of surnames (Babich): read
# as a patronymic only in the middle of three or more words
_ILYICH = re.compile(r"^(ильич|il'?[jy]?i?(?:tsch|tch|tsj|ch|č))$", re.IGNORECASE)
_WEAK_PATRONYMIC = re.compile(r"(itsch|itch|ich|ič|itsj)$", re.IGNORECASE)
_PATRONYMIC_WORD = re.compile(r"^(ұлы|улы|uly|ūly|ouly|қызы|кызы|qyzy|kyzy)$", re.IGNORECASE)
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


@lru_cache(maxsize=200_000)
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
        if i > 0 and (len(word) > 5 or _ILYICH.match(word)) and is_patronymic(word):
            return words[:i] + words[i + 1 :], word, i
    for i, word in enumerate(words[1:-1], start=1):
        if len(word) > 5 and _WEAK_PATRONYMIC.search(word):
            return words[:i] + words[i + 1 :], word, i
    return words, "", None


@lru_cache(maxsize=200_000)
def is_patronymic(word: str) -> bool:
    """The word ends as a patronymic does, in any script ("Мажитович", "Grigorjewitsch")."""
    return bool(_PATRONYMIC_MALE.search(word) or _PATRONYMIC_FEMALE.search(word))


def _choose_surname(
    words: list[str], initials_first: bool, hint: Order, patronymic_at: int | None = None
) -> tuple[int, Order]:
    """Index of the surname among ``words`` and the order that choice implies.

    ``patronymic_at`` is where a patronymic stood in the written name: right after the first
    word means "Given Patronymic Surname" (prose), at the end "Surname Given Patronymic"."""
    if len(words) == 1:
        return 0, Order.GIVEN_FIRST if initials_first else hint
    scores = [_surname_score(w) for w in words]
    if sum(1 for s in scores if s) > 1 or (max(scores) and len(words) == 2):
        # a surname-like ending on a listed given name (Константин, Зарина) is not a surname's
        demoted = [bool(s) and _listed_given(w) for w, s in zip(words, scores, strict=True)]
        if any(demoted) and not all(demoted):
            # the other word is the surname, however it ends (typos, akanye: Байтурсынува)
            scores = [0 if d else s + 1 for d, s in zip(demoted, scores, strict=True)]
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


# Given names that end like a surname (-ин, -ын, -ов, -ев, -ина): Константин, Зарина, Тұрсын
_SURNAME_LIKE_GIVEN = frozenset(
    (
        "константин валентин вениамин августин лев яков марина карина зарина мадина алина дина "
        "полина галина ирина нина фаина амина сабина альбина кристина регина тұрсын турсын "
        "сағын сагын жарылқасын жарылкасын оңласын онласын жалын әмин амин касын қасын"
    ).split()
)


@lru_cache(maxsize=1)
def _surname_like_given_canons() -> frozenset[str]:
    from tagdyr.names.keys import canonical

    return frozenset(canonical(name) for name in _SURNAME_LIKE_GIVEN)


@lru_cache(maxsize=200_000)
def _listed_given(word: str) -> bool:
    """A given name that ends like a surname, in any script."""
    from tagdyr.names.keys import canonical

    return word.lower() in _SURNAME_LIKE_GIVEN or canonical(word) in _surname_like_given_canons()


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
    rf"(ьевич|ович|евич|овна|евна|инична|ична|ұлы|улы|қызы|кызы|uly|ūly|ouly|qyzy|kyzy|"
    rf"{_LATIN_OVICH}|{_LATIN_OVNA})$",
    re.IGNORECASE,
)


def patronymic_root(patronymic: str) -> str:
    """The father's name inside a patronymic: "Абенович", "Әбенұлы", "Әбен ұлы" → "Абен"/"Әбен"."""
    first = patronymic.split()[0] if patronymic.split() else ""
    root = _PATRONYMIC_SUFFIX.sub("", first)
    return root if len(root) >= 2 else first
