"""The labelled name-pair set of the names benchmark.

Two parts:
* ``seed_pairs.csv``: real variants and hard negatives found in the three seed documents and
  the design brief (hand-labelled);
* generated pairs: a Kazakh name (Zipf-distributed pools) written twice by two independent
  "clerks" — Kazakh Cyrillic, a Soviet register's russified Cyrillic with its drift, English,
  French, German, Norwegian, ISO 9 or Kazakh-Latin romanization — with the noise real documents
  carry (typos, OCR confusions, initials, swapped order, homoglyphs, NBSP, capitals), and hard
  negatives (same surname with another given name, male and female forms, look-alike
  surnames, same given name with another surname).

Every pair carries the phenomenon it exercises, so results can be read per phenomenon.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.names.pools import FEMALE, MALE, ZIPF, feminine, surname_from
from tagdyr.names.translit import Convention, romanize, russify

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool
    phenomenon: str


@dataclass(frozen=True)
class Person:
    surname: str
    given: str
    father: str
    female: bool


def seed_pairs() -> list[Pair]:
    with (DATA / "seed_pairs.csv").open(encoding="utf-8") as handle:
        return [
            Pair(r["a"], r["b"], r["same"] == "1", r["phenomenon"]) for r in csv.DictReader(handle)
        ]


def _ranked(items: tuple[str, ...]) -> tuple[str, ...]:
    """The pool in a fixed pseudo-random frequency order (not alphabetical)."""
    ranked = list(items)
    random.Random(len(items)).shuffle(ranked)
    return tuple(ranked)


_RANKED: dict[int, tuple[str, ...]] = {}


def _zipf_choice(rng: random.Random, items: tuple[str, ...]) -> str:
    ranked = _RANKED.setdefault(id(items), _ranked(items))
    weights = [1 / (rank + 1) ** ZIPF for rank in range(len(ranked))]
    return rng.choices(ranked, weights=weights)[0]


def person(rng: random.Random, female: bool | None = None) -> Person:
    female = rng.random() < 0.15 if female is None else female
    root = _zipf_choice(rng, MALE)
    surname = surname_from(root)
    given = _zipf_choice(rng, FEMALE if female else MALE)
    return Person(feminine(surname) if female else surname, given, rng.choice(MALE), female)


# --- clerks ------------------------------------------------------------------------------


def _drift(word: str, rng: random.Random) -> str:
    """Soviet clerks' drift on russified Cyrillic."""
    options = []
    if "о" in word[1:-2]:
        options.append(lambda w: w[0] + w[1:].replace("о", "а", 1))
    if "ы" in word:
        options.append(lambda w: w.replace("ы", "и", 1))
    if word.startswith("Ж"):
        options.append(lambda w: "Дж" + w[1:])
    if "е" in word[1:]:
        options.append(lambda w: w[0] + w[1:].replace("е", "и", 1))
    return rng.choice(options)(word) if options else word


def _patronymic(p: Person, style: str) -> str:
    if style == "kk":
        return p.father + (" қызы" if p.female else " ұлы")
    base = russify(p.father)
    if base[-1] in "аеиоуыэюя":
        base = base[:-1]
    return base + ("овна" if p.female else "ович")


_LATIN = (
    Convention.ENGLISH,
    Convention.FRENCH,
    Convention.GERMAN,
    Convention.NORWEGIAN,
    Convention.ISO9,
    Convention.KAZAKH_LATIN,
)


_DIGRAPHS = (
    "Dzh",
    "Dsch",
    "Tsch",
    "Sch",
    "Zh",
    "Sh",
    "Ch",
    "Kh",
    "Dj",
    "Sj",
    "Zj",
    "Ts",
    "Ya",
    "Yu",
    "Ja",
    "Ju",
    "Ia",
    "Iu",
)


def initial_of(word: str) -> str:
    """The initial a clerk writes: one letter, or the digraph that spells one sound."""
    for digraph in _DIGRAPHS:
        if word.startswith(digraph):
            return digraph + "."
    return word[:1] + "."


def write_name(
    p: Person, rng: random.Random, with_patronymic: bool | None = None
) -> tuple[str, str, bool]:
    """The person's name as one clerk wrote it, the clerk's style, and whether the given name
    was reduced to an initial. ``with_patronymic`` forces the patronymic in or out."""
    style = rng.choice(["kk", "ru", "ru", "latin", "latin", "latin"])
    surname, given = p.surname, p.given
    wanted = rng.random() < 0.3 if with_patronymic is None else with_patronymic
    patronymic = _patronymic(p, "kk" if style == "kk" else "ru") if wanted else ""
    if style == "ru":
        surname, given, patronymic = russify(surname), russify(given), patronymic
        if rng.random() < 0.4:
            surname = _drift(surname, rng)
    elif style == "latin":
        convention = rng.choice(_LATIN)
        style = f"latin-{convention.value}"
        source = (
            surname
            if convention in (Convention.ISO9, Convention.KAZAKH_LATIN)
            else (russify(surname))
        )
        surname = romanize(source, convention)
        given = romanize(given, convention)
        patronymic = romanize(patronymic, convention) if patronymic else ""
        if convention is Convention.FRENCH and surname.endswith("ov") and rng.random() < 0.3:
            surname = surname[:-1] + "ff"
    initialled = rng.random() < 0.15
    if initialled:
        given = initial_of(given)
        patronymic = initial_of(patronymic) if patronymic else ""
    words = [surname, given, patronymic] if rng.random() < 0.7 else [given, patronymic, surname]
    return " ".join(w for w in words if w), style, initialled


# --- document noise ----------------------------------------------------------------------

_OCR_LATIN = (("m", "rn"), ("rn", "m"), ("n", "u"), ("l", "I"), ("h", "b"), ("e", "c"))
_OCR_CYRILLIC = (("ш", "щ"), ("и", "н"), ("н", "и"), ("п", "н"), ("е", "с"), ("б", "6"))
_HOMOGLYPHS = (("а", "a"), ("е", "e"), ("о", "o"), ("с", "c"), ("р", "p"), ("ә", "ə"))


def _typo(name: str, rng: random.Random) -> str:
    words = name.split(" ")
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 5:
        return name
    j = rng.randrange(1, len(w) - 1)
    kind = rng.choice(("drop", "swap", "double"))
    if kind == "drop":
        w = w[:j] + w[j + 1 :]
    elif kind == "swap":
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def _substitute(name: str, table: tuple[tuple[str, str], ...], rng: random.Random) -> str:
    present = [(x, y) for x, y in table if x in name[1:]]
    if not present:
        return name
    x, y = rng.choice(present)
    at = name.index(x, 1)
    return name[:at] + y + name[at + len(x) :]


_NOISE: tuple[tuple[str, float, Callable[[str, random.Random], str]], ...] = (
    ("typo", 0.15, _typo),
    ("ocr", 0.08, lambda n, r: _substitute(n, _OCR_LATIN + _OCR_CYRILLIC, r)),
    ("homoglyph", 0.06, lambda n, r: _substitute(n, _HOMOGLYPHS, r)),
    ("nbsp", 0.05, lambda n, r: n.replace(" ", "\u00a0", 1)),
    ("capitals", 0.05, lambda n, r: n.split(" ")[0].upper() + n[len(n.split(" ")[0]) :]),
)


def noisy(name: str, rng: random.Random) -> tuple[str, list[str]]:
    applied = []
    for label, probability, apply in _NOISE:
        if rng.random() < probability:
            changed = apply(name, rng)
            if changed != name:
                name = changed
                applied.append(label)
    return name, applied


# --- pairs -------------------------------------------------------------------------------


def _positive(rng: random.Random) -> Pair:
    p = person(rng)
    (a, style_a, _), (b, style_b, _) = write_name(p, rng), write_name(p, rng)
    a, noise_a = noisy(a, rng)
    b, noise_b = noisy(b, rng)
    tags = sorted({style_a, style_b, *noise_a, *noise_b})
    return Pair(a, b, True, "+".join(tags))


def _other_given(p: Person, rng: random.Random) -> str:
    pool = FEMALE if p.female else MALE
    while True:
        given = _zipf_choice(rng, pool)
        if given != p.given:
            return given


def _negative(
    rng: random.Random, similar_surnames: dict[str, list[str]], decidable_only: bool = True
) -> Pair:
    p = person(rng)
    kinds = ("same surname", "gender forms", "similar surname", "same given", "namesake", "random")
    kind = rng.choice(kinds)
    if kind == "namesake":  # same surname and given name, another father
        father = rng.choice([m for m in MALE if m != p.father])
        q = Person(p.surname, p.given, father, p.female)
        both = rng.random() < 0.3  # as often as a clerk writes a patronymic at all
        (a, _, initial_a), (b, _, initial_b) = (write_name(p, rng, both), write_name(q, rng, both))
        told_apart = both and not (initial_a or initial_b)  # full patronymics on both sides
        if decidable_only and not told_apart:
            return _negative(rng, similar_surnames, decidable_only)
        return Pair(noisy(a, rng)[0], noisy(b, rng)[0], False, "negative: namesake")
    if kind == "same surname":
        q = Person(p.surname, _other_given(p, rng), rng.choice(MALE), p.female)
    elif kind == "gender forms":
        male_surname = p.surname[:-1] if p.female else p.surname
        p = Person(male_surname, _zipf_choice(rng, MALE), p.father, False)
        q = Person(feminine(male_surname), _zipf_choice(rng, FEMALE), rng.choice(MALE), True)
    elif kind == "similar surname" and similar_surnames.get(p.surname):
        q = Person(rng.choice(similar_surnames[p.surname]), p.given, rng.choice(MALE), p.female)
    elif kind == "same given":
        q = Person(person(rng, p.female).surname, p.given, rng.choice(MALE), p.female)
        kind = "same given" if q.surname != p.surname else "random"
    else:
        q, kind = person(rng), "random"
    if q.surname == p.surname and q.given == p.given:
        q = Person(q.surname, _other_given(q, rng), q.father, q.female)
    (a, _, initial_a), (b, _, initial_b) = write_name(p, rng), write_name(q, rng)
    if decidable_only and _undecidable(p, q, initial_a or initial_b):
        return _negative(rng, similar_surnames, decidable_only)
    return Pair(noisy(a, rng)[0], noisy(b, rng)[0], False, f"negative: {kind}")


def _undecidable(p: Person, q: Person, initialled: bool) -> bool:
    """Two different people whose written names state nothing that tells them apart (same
    surname, and an initial that fits both given names): no method can decide such a pair
    from the names, so it is not a test of one."""
    from tagdyr.names.keys import canonical

    same_surname = russify(p.surname) == russify(q.surname)
    return same_surname and initialled and canonical(p.given)[:1] == canonical(q.given)[:1]


def _similar_surnames() -> dict[str, list[str]]:
    from rapidfuzz.distance import JaroWinkler

    from tagdyr.names.keys import canonical

    surnames = sorted({surname_from(g) for g in MALE})
    similar: dict[str, list[str]] = {}
    for x in surnames:
        for y in surnames:
            if x != y and JaroWinkler.similarity(canonical(x), canonical(y)) >= 0.85:
                similar.setdefault(x, []).append(y)
                similar.setdefault(feminine(x), []).append(feminine(y))
    return similar


def generated_pairs(seed: int, count: int, decidable_only: bool = True) -> list[Pair]:
    """``count`` pairs, half same-person, half hard or easy negatives.

    ``decidable_only`` leaves out different people whose written names state nothing that
    tells them apart (same surname and an initial fitting both given names): a test cannot
    grade a method on them, but training must see them, or an initial would look like proof."""
    rng = random.Random(seed)
    similar = _similar_surnames()
    pairs = [_positive(rng) for _ in range(count // 2)]
    pairs += [_negative(rng, similar, decidable_only) for _ in range(count - count // 2)]
    rng.shuffle(pairs)
    return pairs


TRAIN_SEED, TEST_SEED = 1941, 1945
