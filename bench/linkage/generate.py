"""Generator of registers and lists for the linkage benchmark, independent of tagdyr.

* Register: a Soviet-style memorial register in russified Cyrillic (surname, given name,
  patronymic, birth year or, for a share copied from POW cards, the full date, birthplace as
  oblast and raion, raion alone, oblast alone or town, the RVK that called the man up, rank)
  with clerks' drift (akanye, ы/и, Ж→Дж), typos, OCR confusions, now and then surname and
  given name in each other's column, and duplicate records of one man (two or three).
* List: repatriation or POW lists: about 70 % of entries are men of the register, the rest are
  not in it; written by English, British, German, French and Norwegian clerks, each by the
  convention of his country (bench.linkage.clerks: iuliia's published schemes and tables
  written here), by Soviet clerks in Russian and by Kazakh ones in Kazakh Cyrillic; name order
  either way, initials, typos and OCR confusions, birth years off by one or two, full dates in
  each clerk's format, sometimes with day and month swapped or a digit miscopied, residence
  (oblast centre and raion, or either) and rank in the clerk's language, fields missing as in
  real lists.
* Names from a real distribution (bench.linkage.population), places from the bench's own list
  (bench.linkage.places), never from tagdyr's gazetteer; this module does not import tagdyr
  (tests/test_bench_independence.py enforces it).

Profiles: *rich* and *sparse* (seed 1945) are the settings one may look at while developing;
*heldout* (another noise profile: another mix of clerks, more OCR, other shares missing) with
seed 2029 is the held-out setting: score it, never tune on it.

    python -m bench.linkage.generate --register 100000 --list 10000 --out bench/out/l100k
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.linkage import clerks as c
from bench.linkage.places import OBLASTS
from bench.linkage.population import Man, Population

TUNING_SEED, HELDOUT_SEED = 1945, 2029

RANKS = (  # ru, en, no, de, fr
    ("красноармеец", "private", "menig", "Soldat", "soldat"),
    ("мл. сержант", "junior sergeant", "korporal", "Unteroffizier", "caporal"),
    ("сержант", "sergeant", "sersjant", "Feldwebel", "sergent"),
    ("мл. лейтенант", "sub-lieutenant", "fenrik", "Unterleutnant", "sous-lieutenant"),
    ("лейтенант", "lieutenant", "løytnant", "Leutnant", "lieutenant"),
)
RANK_COLUMN = {"ru": 0, "en": 1, "no": 2, "de": 3, "fr": 4}
CAMPS = ("Mo i Rana", "Bardufoss", "Narvik", "Beisfjord", "Botn", "Mysen", "Tromsø")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Clerk:
    """One way of writing a list: how names and places are rendered, in which language the
    rank and the words for raion and country are, and how a date is written."""

    name: str
    render: Callable[[str], str]  # from the register's Russian form (or the native one)
    native: bool  # renders the man's own (Kazakh) form rather than the Russian one
    language: str
    raion_word: str
    country: str
    date: Callable[[int, int, int], str]


def _dotted(d: int, m: int, y: int) -> str:
    return f"{d:02d}.{m:02d}.{y}"


def _slashed(d: int, m: int, y: int) -> str:
    return f"{d:02d}/{m:02d}/{y}"


def _english(d: int, m: int, y: int) -> str:
    return f"{d} {MONTHS[m - 1]} {y}"


def _keep(word: str) -> str:
    return word


CLERKS = {
    clerk.name: clerk
    for clerk in (
        Clerk(
            "english-bgn", c.iuliia_render("bgn_pcgn"), False, "en", "raion", "Kazakh SSR",
            _english,
        ),
        Clerk(
            "english-wikipedia", c.iuliia_render("wikipedia"), False, "en", "district",
            "Kazakhstan", _english,
        ),
        Clerk(
            "british-bs2979", c.iuliia_render("bs_2979"), False, "en", "raion", "Kazakh SSR",
            _dotted,
        ),
        Clerk(
            "icao-passport", c.iuliia_render("icao_doc_9303"), False, "en", "raion", "Kazakhstan",
            _dotted,
        ),
        Clerk("german-duden", c.german, False, "de", "Rayon", "Kasachstan", _dotted),
        Clerk(
            "german-scholarly", c.iuliia_render("scientific"), False, "de", "Rajon", "Kasachstan",
            _dotted,
        ),
        Clerk("french", c.french, False, "fr", "district", "Kazakhstan", _slashed),
        Clerk(
            "french-mvd310", c.iuliia_render("mvd_310_fr"), False, "fr", "raïon", "Kazakhstan",
            _slashed,
        ),
        Clerk("norwegian", c.norwegian, False, "no", "rajon", "Kasakhstan", _dotted),
        Clerk("russian", _keep, False, "ru", "р-н", "Казахская ССР", _dotted),
        Clerk("kazakh", _keep, True, "ru", "ауданы", "Қазақ ССР", _dotted),
        Clerk("kazakh-anyascii", c.anyascii_render, True, "en", "audany", "Kazakhstan", _dotted),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Profile:
    """How much each document states (shares of records with the field), who wrote the list
    and how much noise the hands and the scanner added."""

    name: str
    in_register: float  # share of list entries whose man is in the register
    list_full_date: float
    list_year: float  # of the rest: the year alone
    list_residence: float
    list_rank: float
    register_full_date: float
    register_no_birth: float
    register_birth_place: float
    register_conscription: float
    duplicates: tuple[float, float]  # shares of men with two, with three records
    clerks: tuple[tuple[str, float], ...]
    typo: float
    ocr: float
    initial: float
    given_first: float  # share of list entries written "given surname"
    drift: float  # register surnames with a clerk's drift
    swapped_columns: float  # register rows with surname and given name in each other's place
    off_suffix: float  # French and English clerks of the 1940s: -off for -ов
    year_shift: tuple[float, float, float]  # weights of 0, ±1, ±2 years
    moved: float  # men born elsewhere than the home a list gives


_TUNING_CLERKS = (
    ("english-bgn", 12), ("english-wikipedia", 8), ("british-bs2979", 5), ("german-duden", 14),
    ("german-scholarly", 3), ("french", 10), ("french-mvd310", 4), ("norwegian", 18),
    ("russian", 10), ("kazakh", 14), ("icao-passport", 2),
)  # fmt: skip
_HELDOUT_CLERKS = (
    ("icao-passport", 10), ("english-bgn", 8), ("german-scholarly", 10), ("german-duden", 10),
    ("french", 15), ("french-mvd310", 8), ("norwegian", 12), ("kazakh", 10), ("russian", 7),
    ("kazakh-anyascii", 10),
)  # fmt: skip

PROFILES = {
    "rich": Profile(
        "rich", 0.7, 0.6, 0.75, 0.75, 0.7, 0.25, 0.05, 0.6, 0.75, (0.09, 0.03),
        _TUNING_CLERKS, 0.12, 0.05, 0.1, 0.2, 0.3, 0.01, 0.2, (85, 10, 5), 0.15,
    ),
    "sparse": Profile(
        "sparse", 0.7, 0.25, 0.7, 0.45, 0.4, 0.15, 0.1, 0.8, 0.0, (0.09, 0.03),
        _TUNING_CLERKS, 0.12, 0.05, 0.1, 0.2, 0.3, 0.01, 0.2, (85, 10, 5), 0.15,
    ),
    "heldout": Profile(
        "heldout", 0.68, 0.45, 0.7, 0.6, 0.55, 0.2, 0.08, 0.7, 0.5, (0.11, 0.04),
        _HELDOUT_CLERKS, 0.1, 0.12, 0.15, 0.3, 0.35, 0.02, 0.35, (80, 13, 7), 0.2,
    ),
}  # fmt: skip
HELDOUT = ("heldout", HELDOUT_SEED)

REGISTER_COLUMNS = (
    "id", "surname", "given_name", "patronymic", "birth_date", "birth_place", "conscription",
    "rank",
)  # fmt: skip
LIST_COLUMNS = ("id", "full_name", "birth_date", "residence", "rank", "camp")


def _patronymic(father: str) -> str:
    base = father[:-1] if father[-1] in "аеиоуыэюяй" else father
    return base + ("евич" if father[-1] in "йжшчщц" else "ович")


def _slipped_date(man: Man, year: int, rng: random.Random) -> tuple[int, int, int]:
    """A full birth date as a clerk copied it: now and then day and month swapped (where both
    read as a date) or a digit miscopied."""
    day, month = man.day, man.month
    slip = rng.random()
    if slip < 0.03 and day <= 12:
        day, month = month, day
    elif slip < 0.06:
        day = max(1, min(28, day + rng.choice((-1, 1, 10, -10))))
    return day, month, year


def _register_place(man: Man, rng: random.Random) -> str:
    oblast = OBLASTS[man.oblast]
    if man.birth_home < 0:
        return f"г. {oblast.centre}" if rng.random() < 0.7 else oblast.russian
    raion = f"{oblast.raions[man.birth_home].adjective} р-н"
    return rng.choices((f"{oblast.russian}, {raion}", raion, oblast.russian), (60, 15, 25))[0]


def _conscription(man: Man) -> str:
    oblast = OBLASTS[man.oblast]
    if man.home < 0:
        return f"{oblast.centre} ГВК"
    return f"{oblast.raions[man.home].adjective} РВК"


def _noisy(word: str, rng: random.Random, profile: Profile, cyrillic: bool) -> str:
    if rng.random() < profile.typo:
        word = c.typo(word, rng)
    if rng.random() < profile.ocr:
        word = c.ocr(word, rng, cyrillic)
    return word


def register_row(man: Man, rng: random.Random, copy: int, profile: Profile) -> dict[str, str]:
    surname, given = man.surname.russian, man.given.russian
    if rng.random() < profile.drift:
        surname = c.register_drift(surname, rng)
    if rng.random() < profile.drift / 3:
        given = c.register_drift(given, rng)
    surname = _noisy(surname, rng, profile, cyrillic=True)
    if rng.random() < profile.swapped_columns:
        surname, given = given, surname
    year = man.year + (rng.choice((-1, 1)) if copy and rng.random() < 0.5 else 0)
    birth = (
        "" if rng.random() < profile.register_no_birth
        else _dotted(*_slipped_date(man, year, rng)) if rng.random() < profile.register_full_date
        else str(year)
    )  # fmt: skip
    return {
        "surname": surname, "given_name": given,
        "patronymic": _patronymic(man.father.russian) if rng.random() < 0.6 else "",
        "birth_date": birth,
        "birth_place": (
            _register_place(man, rng) if rng.random() < profile.register_birth_place else ""
        ),
        "conscription": _conscription(man) if rng.random() < profile.register_conscription else "",
        "rank": RANKS[man.rank][0] if rng.random() < 0.9 else "",
    }  # fmt: skip


def _list_place(man: Man, rng: random.Random, clerk: Clerk) -> str:
    """Home as a list gives it: the oblast's centre, the raion, or both, as the clerk wrote
    them."""
    oblast = OBLASTS[man.oblast]
    centre = oblast.centre_kazakh if clerk.native else oblast.centre
    if clerk.name == "russian":
        if man.home < 0:
            return f"г. {centre}"
        raion = f"{oblast.raions[man.home].adjective} р-н"
        return rng.choice((f"{oblast.russian}, {raion}", raion))
    if man.home < 0:
        return f"{clerk.country}, {clerk.render(centre)}"
    raion_of = oblast.raions[man.home]
    written = (
        f"{clerk.render(raion_of.kazakh if clerk.native else raion_of.russian)} {clerk.raion_word}"
    )
    return rng.choice(
        (f"{clerk.country}, {clerk.render(centre)}, {written}", f"{clerk.country}, {written}")
    )


def _render_surname(man: Man, clerk: Clerk, rng: random.Random, profile: Profile) -> str:
    written = clerk.render(man.surname.native if clerk.native else man.surname.russian)
    if (
        clerk.language in ("fr", "en")
        and written.endswith("ov")
        and rng.random() < profile.off_suffix
    ):
        written = written[:-2] + "off"
    return written


def list_row(man: Man, rng: random.Random, profile: Profile) -> dict[str, str]:
    names, weights = zip(*profile.clerks, strict=True)
    clerk = CLERKS[rng.choices(names, weights)[0]]
    cyrillic = clerk.name in ("russian", "kazakh")
    surname = _render_surname(man, clerk, rng, profile)
    given = clerk.render(man.given.native if clerk.native else man.given.russian)
    if rng.random() < profile.initial:
        given = c.initial(given)
    surname = _noisy(surname, rng, profile, cyrillic)
    name = f"{given} {surname}" if rng.random() < profile.given_first else f"{surname} {given}"
    shift = rng.choices((0, 1, 2), weights=profile.year_shift)[0] * rng.choice((-1, 1))
    year = man.year + shift
    given_as = rng.random()
    birth = (
        clerk.date(*_slipped_date(man, year, rng)) if given_as < profile.list_full_date
        else str(year) if given_as < profile.list_full_date + profile.list_year * (
            1 - profile.list_full_date) else ""
    )  # fmt: skip
    rank = RANKS[man.rank][RANK_COLUMN[clerk.language]]
    return {
        "full_name": name,
        "birth_date": birth,
        "residence": _list_place(man, rng, clerk) if rng.random() < profile.list_residence else "",
        "rank": rank if rng.random() < profile.list_rank else "",
        "camp": rng.choice(CAMPS),
    }


def _copies(rng: random.Random, profile: Profile) -> int:
    two, three = profile.duplicates
    draw = rng.random()
    return 3 if draw < three else 2 if draw < three + two else 1


def generate(
    register_size: int,
    list_size: int,
    out: Path,
    seed: int = TUNING_SEED,
    profile: str = "rich",
) -> None:
    """Write register.csv, list.csv and truth.csv (record or entry id -> man) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    stated = PROFILES[profile]
    population = Population(seed, moved=stated.moved)
    rng = population.rng
    with (
        (out / "register.csv").open("w", encoding="utf-8", newline="") as r_handle,
        (out / "truth.csv").open("w", encoding="utf-8", newline="") as t_handle,
    ):
        register, truth = csv.writer(r_handle), csv.writer(t_handle)
        register.writerow(REGISTER_COLUMNS)
        truth.writerow(["id", "man"])
        men: list[Man] = []
        n = 0
        while n < register_size:
            man = population.man(len(men))
            men.append(man)
            for copy in range(_copies(rng, stated)):
                n += 1
                register.writerow([f"R{n}", *register_row(man, rng, copy, stated).values()])
                truth.writerow([f"R{n}", man.pid])
        in_register = rng.sample(men, k=min(len(men), round(list_size * stated.in_register)))
        outsiders = [population.man(len(men) + i) for i in range(list_size - len(in_register))]
        entries = in_register + outsiders
        rng.shuffle(entries)
        with (out / "list.csv").open("w", encoding="utf-8", newline="") as l_handle:
            listed = csv.writer(l_handle)
            listed.writerow(LIST_COLUMNS)
            for i, man in enumerate(entries, start=1):
                listed.writerow([f"L{i}", *list_row(man, rng, stated).values()])
                truth.writerow([f"L{i}", man.pid])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--register", type=int, default=100_000)
    parser.add_argument("--list", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=TUNING_SEED)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="rich")
    args = parser.parse_args()
    generate(args.register, args.list, args.out, args.seed, args.profile)
