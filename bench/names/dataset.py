"""The labelled name-pair sets of the names benchmark, built without tagdyr.

* ``seed_pairs.csv``: real variants and hard negatives found in the three seed documents and
  the design brief (hand-labelled);
* generated pairs: a person (``pools``: a historical Kazakh inventory and names-dataset's
  Kazakhstan ranks) written twice by two independent clerks (``clerks``: iuliia, anyascii and
  our own German, French, Norwegian and Kazakh-Latin tables), with the clerks' habits of a
  :class:`Profile` — typos, OCR slips, initials (whole digraph or first letter), akanye in
  endings, russified or Arabic-origin forms of a given name, patronymics (Kazakh ұлы/қызы,
  Russian -ович in any script), order, homoglyphs — and hard negatives (same surname with an
  initial only, a man's and a woman's forms, look-alike surnames, namesakes told apart by the
  patronymic).

Two profiles: ``TUNING`` (the training seed the weights are fitted on and the tuning seed the
engine is developed against) and ``HELD_OUT`` (another seed, another convention mix, other
error rates) that is scored and never tuned on. Every pair carries tags (clerks, noise, and
the kinds of issue 22 it exercises), so results can be read per kind.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

from bench.names.clerks import (
    CLERKS,
    CYRILLIC_CLERKS,
    VOWELS,
    clerk_russian_patronymic,
    initial,
    russify,
)
from bench.names.pools import VARIANTS, Pool, feminine, pools

DATA = Path(__file__).parent / "data"

KINDS = (
    "initial-other-convention",
    "russified-variant",
    "akanye",
    "initial-common-surname",
    "feminine-akanye",
    "latin-patronymic",
)


@dataclass(frozen=True)
class Profile:
    name: str
    clerks: dict[str, float]
    typo: float
    ocr: float
    homoglyph: float
    nbsp: float
    capitals: float
    initial: float  # a side writes the given name as an initial
    digraph_initial: float  # an initial keeps the whole digraph ("Sh." rather than "S.")
    patronymic: float
    akanye: float  # a Russian-writing clerk writes an unstressed -ов/-ова as -ав/-ава
    variant: float  # a side writes another form of a given name that has variants
    variant_people: float  # share of Kazakh men whose given name has variants
    russian: float  # share of Russian people (officers, fellow prisoners)
    historical: float  # share of draws from the historical inventory
    given_first: float  # a side writes the given name first
    focus: dict[str, float] = field(default_factory=dict)  # positives built for one kind


TUNING = Profile(
    "tuning",
    clerks={"kk": 1.0, "ru": 2.5, "bgn": 1.0, "wikipedia": 0.5, "iso9": 0.4, "mvd-fr": 0.3,
            "anyascii": 0.3, "de": 1.2, "fr": 1.2, "no": 0.8, "kk-latn": 0.5,
            "scientific": 0.2},
    typo=0.12, ocr=0.06, homoglyph=0.05, nbsp=0.05, capitals=0.05, initial=0.15,
    digraph_initial=0.7, patronymic=0.3, akanye=0.25, variant=0.5, variant_people=0.08,
    russian=0.08, historical=0.5, given_first=0.3,
    focus={"initial-other-convention": 0.12, "akanye": 0.08, "feminine-akanye": 0.05,
           "latin-patronymic": 0.06, "russified-variant": 0.06},
)  # fmt: skip
HELD_OUT = Profile(
    "held-out",
    clerks={"kk": 0.7, "ru": 2.0, "bgn": 0.6, "icao": 0.6, "yandex": 0.4, "iso9": 0.3,
            "mvd-fr": 0.8, "anyascii": 0.4, "de": 0.8, "fr": 1.6, "no": 1.4, "kk-latn": 0.4,
            "scientific": 0.4},
    typo=0.2, ocr=0.1, homoglyph=0.08, nbsp=0.08, capitals=0.1, initial=0.25,
    digraph_initial=0.35, patronymic=0.4, akanye=0.4, variant=0.6, variant_people=0.12,
    russian=0.12, historical=0.35, given_first=0.2,
    focus={"initial-other-convention": 0.1, "akanye": 0.1, "feminine-akanye": 0.06,
           "latin-patronymic": 0.08, "russified-variant": 0.08},
)  # fmt: skip
# A second untuned set, made after the held-out set's errors had been looked at (issue 22,
# round 3): another seed, a Latin-heavy clerk mix (ICAO, Yandex, Wikipedia, MVD-French),
# more OCR and homoglyph slips, fewer typos, more initials kept as digraphs, more given-first
# orders. Score it; never tune on it.
FRESH = Profile(
    "fresh",
    clerks={"kk": 0.5, "ru": 1.5, "bgn": 0.8, "icao": 1.0, "yandex": 0.8, "wikipedia": 0.8,
            "iso9": 0.2, "mvd-fr": 1.0, "anyascii": 0.2, "de": 1.4, "fr": 0.9, "no": 0.6,
            "kk-latn": 0.7, "scientific": 0.3},
    typo=0.1, ocr=0.15, homoglyph=0.1, nbsp=0.03, capitals=0.15, initial=0.2,
    digraph_initial=0.55, patronymic=0.35, akanye=0.3, variant=0.55, variant_people=0.1,
    russian=0.1, historical=0.42, given_first=0.35,
    focus={"initial-other-convention": 0.11, "akanye": 0.09, "feminine-akanye": 0.05,
           "latin-patronymic": 0.07, "russified-variant": 0.07},
)  # fmt: skip
TRAIN_SEED, TUNE_SEED, HELD_OUT_SEED, FRESH_SEED = 1941, 1945, 1956, 1967


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool
    phenomenon: str

    @property
    def tags(self) -> list[str]:
        return self.phenomenon.split("+")

    @property
    def open(self) -> bool:
        """The names cannot settle it: a side gives the given name (and father's name) only as
        initials, so "same" and "possible" are both right answers for the same man — issue
        22: "a surname plus a consistent initial is not that strong" — and only "same" is
        wrong for two men (the initial-common-surname negatives)."""
        return initials_only(self.a) or initials_only(self.b)


_WORDS = re.compile(r"[^\s.]+\.?")


def initials_only(written: str) -> bool:
    """A written name of one full word (the surname) and initials: "Kudajbergenov K.",
    "Габдуллина А.Ж.", "N.E. Edygenov"."""
    words = _WORDS.findall(written)
    initials = [w for w in words if len(w.rstrip(".")) == 1 or (w.endswith(".") and len(w) <= 4)]
    return bool(initials) and len(words) - len(initials) <= 1


@dataclass(frozen=True)
class Person:
    surname: str  # Kazakh or Russian Cyrillic, the person's own form
    given: str
    father: str
    female: bool
    russian: bool = False


def seed_pairs() -> list[Pair]:
    with (DATA / "seed_pairs.csv").open(encoding="utf-8") as handle:
        return [
            Pair(r["a"], r["b"], r["same"] == "1", r["phenomenon"]) for r in csv.DictReader(handle)
        ]


class Generator:
    """Pairs of one profile from one seed."""

    def __init__(self, profile: Profile, seed: int) -> None:
        self.profile = profile
        self.rng = random.Random(seed)
        self.pools = pools(profile.historical)
        self._clerk_names = list(profile.clerks)
        self._clerk_weights = list(profile.clerks.values())

    # --- people --------------------------------------------------------------------------

    def _pool(self, kind: str) -> Pool:
        return self.pools[kind]

    def person(self, female: bool | None = None, russian: bool | None = None) -> Person:
        rng = self.rng
        russian = rng.random() < self.profile.russian if russian is None else russian
        if russian:
            return Person(
                self._pool("ru-surname").draw(rng),
                self._pool("ru-male").draw(rng),
                self._pool("ru-male").draw(rng),
                False,
                True,
            )
        female = rng.random() < 0.15 if female is None else female
        surname = self._pool("kk-surname").draw(rng)
        if female:
            given = self._pool("kk-female").draw(rng)
        elif rng.random() < self.profile.variant_people:
            given = rng.choice(sorted(VARIANTS))
        else:
            given = self._pool("kk-male").draw(rng)
        father = self._pool("kk-male").draw(rng)
        return Person(feminine(surname) if female else surname, given, father, female)

    # --- one clerk -----------------------------------------------------------------------

    def clerk(self, avoid: str = "") -> str:
        while True:
            name = self.rng.choices(self._clerk_names, weights=self._clerk_weights)[0]
            if name != avoid:
                return name

    def _patronymic(self, p: Person, clerk: str) -> str:
        if clerk == "kk" and not p.russian:
            glued = self.rng.random() < 0.5
            suffix = "қызы" if p.female else "ұлы"
            return p.father + suffix if glued else f"{p.father} {suffix}"
        male = clerk_russian_patronymic(russify(p.father))
        if p.female:
            return male.removesuffix("ич") + "на" if male.endswith("вич") else male + "на"
        return male

    def write(
        self,
        p: Person,
        clerk: str,
        *,
        initialled: bool,
        patronymic: bool,
        akanye: bool = False,
        variant: bool = False,
    ) -> tuple[str, list[str]]:
        """The person's name as one clerk wrote it, with the tags it exercises."""
        tags = [f"clerk-{clerk}"]
        render: Callable[[str], str] = CLERKS[clerk]
        surname, given = p.surname, p.given
        if variant and given in VARIANTS:
            given = self.rng.choice(VARIANTS[given])
            tags.append("variant-form")
        if akanye and clerk != "kk" and _akanye(russify(surname)) != russify(surname):
            surname = _akanye(russify(surname))
            tags.append("akanye-form")
        father = self._patronymic(p, clerk) if patronymic else ""
        written_surname, written_given = render(surname), render(given)
        written_father = render(father) if father else ""
        if father and clerk not in CYRILLIC_CLERKS:
            tags.append("latin-patronymic-form")
        if initialled:
            digraph = self.profile.digraph_initial
            written_given = initial(written_given, self.rng, digraph)
            written_father = initial(written_father, self.rng, digraph) if father else ""
            tags.append("initial-form")
        if self.rng.random() < self.profile.given_first:
            words = [written_given, written_father, written_surname]
        else:
            words = [written_surname, written_given, written_father]
        return " ".join(w for w in words if w), tags

    # --- noise ---------------------------------------------------------------------------

    def noisy(self, name: str) -> tuple[str, list[str]]:
        applied = []
        profile = self.profile
        for label, probability, apply in (
            ("typo", profile.typo, _typo),
            ("ocr", profile.ocr, _ocr),
            ("homoglyph", profile.homoglyph, _homoglyph),
            ("nbsp", profile.nbsp, lambda n, r: n.replace(" ", "\u00a0", 1)),
            ("capitals", profile.capitals, _capitals),
        ):
            if self.rng.random() < probability:
                changed = apply(name, self.rng)
                if changed != name:
                    name = changed
                    applied.append(label)
        return name, applied

    # --- pairs ---------------------------------------------------------------------------

    def _focus(self) -> str:
        roll, total = self.rng.random(), 0.0
        for kind, share in self.profile.focus.items():
            total += share
            if roll < total:
                return kind
        return ""

    def positive(self) -> Pair:
        rng, profile = self.rng, self.profile
        focus = self._focus()
        female = True if focus == "feminine-akanye" else None
        russian = True if focus == "latin-patronymic" and rng.random() < 0.6 else None
        p = self.person(female=female, russian=False if focus == "russified-variant" else russian)
        if focus == "russified-variant" and not p.female:
            p = Person(p.surname, rng.choice(sorted(VARIANTS)), p.father, False)
        clerk_a = self.clerk()
        clerk_b = self.clerk(avoid=clerk_a)
        if focus == "latin-patronymic":
            latin = [c for c in self._clerk_names if c not in CYRILLIC_CLERKS]
            clerk_a, clerk_b = rng.sample(latin, 2)
        patronymic = rng.random() < profile.patronymic or focus == "latin-patronymic"
        sides = []
        for i, clerk in enumerate((clerk_a, clerk_b)):
            initialled = rng.random() < profile.initial or (
                focus == "initial-other-convention" and i == 0
            )
            akanye = rng.random() < profile.akanye or (
                focus in ("akanye", "feminine-akanye") and i == 0
            )
            variant = rng.random() < profile.variant or (focus == "russified-variant" and i == 0)
            both_patronymic = patronymic and (focus == "latin-patronymic" or rng.random() < 0.7)
            sides.append(
                self.write(
                    p,
                    clerk,
                    initialled=initialled and not (i == 1 and sides[0][1].count("initial-form")),
                    patronymic=both_patronymic,
                    akanye=akanye,
                    variant=variant,
                )
            )
        (a, tags_a), (b, tags_b) = sides
        if focus == "akanye" and rng.random() < 0.6:
            a = _typo_outside_ending(a, rng)
        a, noise_a = self.noisy(a)
        b, noise_b = self.noisy(b)
        tags = set(tags_a + tags_b + noise_a + noise_b)
        tags |= _kinds_of_positive(p, tags_a, tags_b, clerk_a, clerk_b, a, b)
        return Pair(a, b, True, "+".join(sorted(tags)))

    def _other_given(self, p: Person, same_initial: bool = False) -> str:
        kind = "ru-male" if p.russian else "kk-female" if p.female else "kk-male"
        for _ in range(10_000):
            given = self._pool(kind).draw(self.rng)
            if given == p.given or russify(given) == russify(p.given):
                continue
            if VARIANTS.get(p.given) and russify(given) in map(russify, VARIANTS[p.given]):
                continue
            if not same_initial or _first_sound(given) == _first_sound(p.given):
                return given
        return given

    def negative(self) -> Pair:
        rng = self.rng
        kind = rng.choice(
            ("same surname", "gender forms", "similar surname", "same given", "namesake",
             "random", "initial-common-surname", "feminine-akanye")
        )  # fmt: skip
        if kind == "initial-common-surname":
            return self._initial_common_surname()
        if kind == "feminine-akanye":
            return self._feminine_akanye()
        p = self.person()
        patronymic_a = patronymic_b = rng.random() < self.profile.patronymic
        if kind == "namesake":  # same surname and given name, another father, told apart
            q = Person(
                p.surname,
                p.given,
                self._other_given(Person("", p.father, "", False, p.russian)),
                p.female,
                p.russian,
            )
            patronymic_a = patronymic_b = True
            initialled = False
        else:
            father = self._pool("ru-male" if p.russian else "kk-male").draw(rng)
            if kind == "same surname":
                q = Person(p.surname, self._other_given(p), father, p.female, p.russian)
            elif kind == "gender forms" and not p.russian:
                male = p.surname.removesuffix("а") if p.female else p.surname
                p = Person(male, self._pool("kk-male").draw(rng), p.father, False)
                q = Person(feminine(male), self._pool("kk-female").draw(rng), father, True)
            elif kind == "similar surname" and _similar_to(p):
                other = rng.choice(_similar_to(p))
                other = feminine(other) if p.female else other
                q = Person(other, p.given, father, p.female, p.russian)
            elif kind == "same given":
                q = Person(
                    self.person(p.female, p.russian).surname, p.given, father, p.female, p.russian
                )
            else:
                q, kind = self.person(), "random"
            initialled = rng.random() < self.profile.initial
            same_surname = russify(q.surname) == russify(p.surname)
            if same_surname and initialled and _first_sound(q.given) == _first_sound(p.given):
                return self.negative()  # nothing in the names tells them apart
            if russify(q.surname) == russify(p.surname) and russify(q.given) == russify(p.given):
                return self.negative()
        clerk_a = self.clerk()
        a, _ = self.write(p, clerk_a, initialled=initialled, patronymic=patronymic_a)
        b, _ = self.write(q, self.clerk(avoid=clerk_a), initialled=False, patronymic=patronymic_b)
        tags = ["negative", f"negative: {kind}"]
        return Pair(self.noisy(a)[0], self.noisy(b)[0], False, "+".join(tags))

    def _initial_common_surname(self) -> Pair:
        """Two people of one surname — drawn as two independent draws that agree, so common
        surnames dominate as they do among real namesakes — whose given names share the first
        sound; one side writes only the initial."""
        rng = self.rng
        pool = self._pool("kk-surname")
        while True:
            surname = pool.draw(rng)
            if pool.draw(rng) == surname:
                break
        given, other = self._given_names_sharing_initial()
        father = self._pool("kk-male").draw(rng)
        p = Person(surname, given, father, False)
        q = Person(surname, other, father, False)
        clerk_a = self.clerk()
        a, _ = self.write(p, clerk_a, initialled=True, patronymic=False)
        b, _ = self.write(q, self.clerk(avoid=clerk_a), initialled=False, patronymic=False)
        tags = ["negative", "negative: initial-common-surname", "initial-common-surname"]
        return Pair(self.noisy(a)[0], self.noisy(b)[0], False, "+".join(tags))

    def _given_names_sharing_initial(self) -> tuple[str, str]:
        """Two men's given names drawn independently until they differ but share the first
        sound: as among real namesakes, an initial shared by many names (К., А.) is shared by
        accident far more often than a rare one (Ы.)."""
        pool = self._pool("kk-male")
        while True:
            a, b = pool.draw(self.rng), pool.draw(self.rng)
            variants = map(russify, VARIANTS.get(a, ()))
            if _first_sound(a) == _first_sound(b) and russify(b) not in (russify(a), *variants):
                return a, b

    def _feminine_akanye(self) -> Pair:
        """A woman's surname under akanye (Сапарова written Сапарава, Saparava) beside a man
        of the same surname."""
        rng = self.rng
        male = self._pool("kk-surname").draw(rng)
        woman = Person(feminine(male), self._pool("kk-female").draw(rng), "", True)
        man = Person(male, self._pool("kk-male").draw(rng), "", False)
        clerk_a = self.clerk(avoid="kk")
        a, _ = self.write(
            woman, clerk_a, initialled=rng.random() < 0.5, patronymic=False, akanye=True
        )
        b, _ = self.write(man, self.clerk(avoid=clerk_a), initialled=False, patronymic=False)
        tags = ["negative", "negative: feminine-akanye", "feminine-akanye"]
        return Pair(self.noisy(a)[0], self.noisy(b)[0], False, "+".join(tags))

    def pairs(self, count: int) -> list[Pair]:
        out = [self.positive() for _ in range(count // 2)]
        out += [self.negative() for _ in range(count - count // 2)]
        self.rng.shuffle(out)
        return out


def _similar_to(p: Person) -> list[str]:
    male = russify(p.surname.removesuffix("а") if p.female else p.surname)
    return [] if p.russian else similar_surnames().get(male, [])


def _kinds_of_positive(
    p: Person, tags_a: list[str], tags_b: list[str], clerk_a: str, clerk_b: str, a: str, b: str
) -> set[str]:
    kinds = set()
    if ("initial-form" in tags_a) != ("initial-form" in tags_b) and clerk_a != clerk_b:
        kinds.add("initial-other-convention")
    if ("variant-form" in tags_a) != ("variant-form" in tags_b):
        kinds.add("russified-variant")
    akanye = "akanye-form" in tags_a or "akanye-form" in tags_b
    if akanye and not p.female:
        kinds.add("akanye")
    if akanye and p.female:
        kinds.add("feminine-akanye")
    if "latin-patronymic-form" in tags_a or "latin-patronymic-form" in tags_b:
        kinds.add("latin-patronymic")
    return kinds


def _akanye(surname: str) -> str:
    """An unstressed final -ов/-ова (-ев/-ева after ж, ш, ц) written with а, as heard."""
    for ending, heard in (("ова", "ава"), ("ов", "ав"), ("ева", "ава"), ("ев", "ав")):
        if surname.endswith(ending) and (ending[0] == "о" or surname[-len(ending) - 1] in "жшцчщ"):
            return surname[: -len(ending)] + heard
    return surname


def _first_sound(given: str) -> str:
    """The first letter of a given name as a Soviet register writes it (Ж and Дж alike)."""
    r = russify(given).lower()
    return "ж" if r.startswith("дж") else r[:1]


# --- noise -------------------------------------------------------------------------------

_OCR = (("m", "rn"), ("rn", "m"), ("n", "u"), ("l", "I"), ("h", "b"), ("e", "c"), ("cl", "d"),
        ("ш", "щ"), ("и", "н"), ("н", "и"), ("п", "н"), ("е", "с"), ("б", "6"), ("З", "3"),
        ("О", "0"))  # fmt: skip
_HOMOGLYPHS = (("а", "a"), ("е", "e"), ("о", "o"), ("с", "c"), ("р", "p"), ("ә", "ə"),
               ("х", "x"), ("А", "A"), ("К", "K"))  # fmt: skip


def _longest_word(name: str) -> int:
    words = name.split(" ")
    return max(range(len(words)), key=lambda k: len(words[k]))


def _typo(name: str, rng: random.Random) -> str:
    words = name.split(" ")
    i = _longest_word(name)
    w = words[i]
    if len(w) < 5:
        return name
    j = rng.randrange(1, len(w) - 1)
    kind = rng.choice(("drop", "swap", "double", "vowel"))
    if kind == "drop":
        w = w[:j] + w[j + 1 :]
    elif kind == "swap":
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif kind == "double":
        w = w[:j] + w[j] + w[j:]
    else:
        vowels = "аоеиуы" if w[j] in VOWELS else "aoeiu"
        w = w[:j] + (rng.choice(vowels) if w[j].lower() in vowels else w[j]) + w[j + 1 :]
    words[i] = w
    return " ".join(words)


def _typo_outside_ending(name: str, rng: random.Random) -> str:
    """A typo in the first half of the longest word, away from an akanye ending."""
    words = name.split(" ")
    i = _longest_word(name)
    w = words[i]
    if len(w) < 6:
        return name
    j = rng.randrange(1, len(w) // 2)
    words[i] = w[:j] + w[j] + w[j:] if rng.random() < 0.5 else w[:j] + w[j + 1 :]
    return " ".join(words)


def _substitute(name: str, table: tuple[tuple[str, str], ...], rng: random.Random) -> str:
    present = [(x, y) for x, y in table if x in name[1:]]
    if not present:
        return name
    x, y = rng.choice(present)
    at = name.index(x, 1)
    return name[:at] + y + name[at + len(x) :]


def _ocr(name: str, rng: random.Random) -> str:
    return _substitute(name, _OCR, rng)


def _homoglyph(name: str, rng: random.Random) -> str:
    return _substitute(name, _HOMOGLYPHS, rng)


def _capitals(name: str, rng: random.Random) -> str:
    first = name.split(" ")[0]
    return first.upper() + name[len(first) :]


# --- look-alike surnames ------------------------------------------------------------------


@lru_cache(maxsize=1)
def similar_surnames() -> dict[str, list[str]]:
    """Russified surnames of the inventory and those that look like them (Jaro-Winkler ≥ 0.9
    on the Cyrillic forms), for hard negatives."""
    surnames = sorted({russify(s) for s in pools(0.5)["kk-surname"].names})[:1500]
    similar: dict[str, list[str]] = {}
    for i, x in enumerate(surnames):
        for y in surnames[i + 1 :]:
            if x[:2] != y[:2]:
                continue
            if JaroWinkler.similarity(x, y) >= 0.9:
                similar.setdefault(x, []).append(y)
                similar.setdefault(y, []).append(x)
    return similar


def generated_pairs(profile: Profile, seed: int, count: int) -> list[Pair]:
    """``count`` pairs of one profile, half same-person, half different people."""
    return Generator(profile, seed).pairs(count)


def tuning_pairs(count: int) -> list[Pair]:
    return generated_pairs(TUNING, TUNE_SEED, count)


def held_out_pairs(count: int) -> list[Pair]:
    return generated_pairs(HELD_OUT, HELD_OUT_SEED, count)


def fresh_pairs(count: int) -> list[Pair]:
    return generated_pairs(FRESH, FRESH_SEED, count)


def training_pairs(count: int) -> list[Pair]:
    return generated_pairs(TUNING, TRAIN_SEED, count)


def realistic_names(count: int, seed: int = 7) -> list[str]:
    """Written names as a register would hold them (for throughput)."""
    g = Generator(TUNING, seed)
    out = []
    for _ in range(count):
        p = g.person()
        name, _ = g.write(
            p, g.clerk(), initialled=g.rng.random() < 0.15, patronymic=g.rng.random() < 0.3
        )
        out.append(g.noisy(name)[0])
    return out


# --- kept for bench/linkage/generate.py (it imports these helpers by name) ---------------

_OCR_LATIN = tuple((x, y) for x, y in _OCR if x.isascii())
_OCR_CYRILLIC = tuple((x, y) for x, y in _OCR if not x.isascii())


def _drift(word: str, rng: random.Random) -> str:
    """A Soviet clerk's drift on russified Cyrillic: akanye, ы → и, Ж → Дж, е → и."""
    options: list[Callable[[str], str]] = []
    if "о" in word[1:-2]:
        options.append(lambda w: w[0] + w[1:].replace("о", "а", 1))
    if "ы" in word:
        options.append(lambda w: w.replace("ы", "и", 1))
    if word.startswith("Ж"):
        options.append(lambda w: "Дж" + w[1:])
    if "е" in word[1:]:
        options.append(lambda w: w[0] + w[1:].replace("е", "и", 1))
    return rng.choice(options)(word) if options else word


def initial_of(word: str) -> str:
    """The initial a clerk writes: the digraph that spells the first sound, or one letter."""
    return initial(word, random.Random(0), 1.0)
