"""Generator of realistic registers and lists for the linkage benchmark.

* Register: a Soviet-style memorial register in russified Cyrillic (surname, given name,
  patronymic, birth year or, for a quarter copied from POW cards, the full date, birthplace
  as oblast and raion, raion alone, oblast alone or town, rank) with clerks' drift (akanye,
  ы/и, Ж→Дж), typos, and duplicate records of one man (10 %).
* List: repatriation or POW lists: two thirds of the entries are men of the register, one
  third are not in it; written in Latin letters by English, Norwegian, German and French
  clerks (and a quarter in Kazakh Cyrillic), name order either way, initials, typos and OCR
  confusions, birth years off by one or two, the full birth date in 60 % of entries (the
  Norwegian lists give it: "born February 29, 1914"), sometimes with day and month swapped
  or a digit miscopied, residence (oblast and raion, or either) and rank in the clerk's
  language.
* Men move: 15 % were born in another raion than the one a list gives as their home.
* Names: compositional Kazakh given names (about 900) with a Zipf skew, surnames formed from
  them as Soviet registers did, so that common names and a long tail both occur.

    python -m bench.linkage.generate --register 100000 --list 10000 --out bench/out/l100k
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from bench.names.dataset import _OCR_CYRILLIC, _OCR_LATIN, _drift, _substitute, _typo, initial_of
from bench.names.pools import surname_from
from tagdyr.link.gazetteer import places, resolve
from tagdyr.names.reverse import cyrillic_candidates
from tagdyr.names.translit import Convention, romanize, russify

HEADS = (
    "Жұма Ер Нұр Сейіт Бек Айт Қали Тұр Сар Қара Ақ Бай Дос Ораз Құл Есен Мұрат Қасым "
    "Әбді Төле Жан Әли Сұлтан Темір Ыс Өмір Қоңыр Мырза Шал Сағын Ізбасар Бақ Күн Алтын "
    "Асыл Бөкен Дәулет Ғали Ұзақ Әміре Бала Қуан Сәрсен Тілеу Жақсы Қыдыр Әбу Мәди Рыс "
    "Бисен Қалдыр Тоқ Шәкір Ғаз Елу Нұрлы Бота Қайыр Жар Тас Көк Үсен Ахмед Иман Жүсіп "
    "Мақ Сыр Орын Қыз Шай Байқ Таң"
).split()
TAILS = (
    "бай бек ғали хан жан тай құл қожа бол ай ан ғазы бақ пар бар мұрат әлі бет зада "
    "ахмет болат сейіт тас кен жол ақ ғұл"
).split()
SINGLE = (
    "Абай Ахмет Қабыш Қадем Мажит Ашимбек Нұрым Өтеген Ілияс Шоқан Сәкен Бауыржан Қайрат "
    "Мұхтар Асқар Ерлан Оспан Серік Тоқтар Ғабит Хамит Ысқақ Жақып Зейнолла"
).split()
# (oblast in Russian, its centre in Russian, the centre as Latin-script lists write it)
REGIONS = (
    ("Павлодарская обл.", "Павлодар", "Pavlodar"),
    ("Акмолинская обл.", "Акмолинск", "Akmolinsk"),
    ("Алма-Атинская обл.", "Алма-Ата", "Alma-Ata"),
    ("Гурьевская обл.", "Гурьев", "Guryev"),
    ("Западно-Казахстанская обл.", "Уральск", "Uralsk"),
    ("Карагандинская обл.", "Караганда", "Karaganda"),
    ("Кзыл-Ординская обл.", "Кзыл-Орда", "Kzyl-Orda"),
    ("Кустанайская обл.", "Кустанай", "Kustanay"),
    ("Семипалатинская обл.", "Семипалатинск", "Semipalatinsk"),
    ("Южно-Казахстанская обл.", "Чимкент", "Chimkent"),
    ("Актюбинская обл.", "Актюбинск", "Aktyubinsk"),
    ("Джамбулская обл.", "Джамбул", "Dzhambul"),
    ("Восточно-Казахстанская обл.", "Усть-Каменогорск", "Ust-Kamenogorsk"),
    ("Северо-Казахстанская обл.", "Петропавловск", "Petropavlovsk"),
)
RANKS = (
    ("красноармеец", "private", "menig", "Soldat"),
    ("мл. сержант", "junior sergeant", "korporal", "Unteroffizier"),
    ("сержант", "sergeant", "sersjant", "Feldwebel"),
    ("мл. лейтенант", "sub-lieutenant", "fenrik", "Unterleutnant"),
    ("лейтенант", "lieutenant", "løytnant", "Leutnant"),
)
CAMPS = ("Mo i Rana", "Bardufoss", "Narvik", "Beisfjord", "Botn", "Mysen", "Tromsø")
# Zipf exponents: the most common given name ~5 % of men, the most common surname ~2.5 %
GIVEN_ZIPF, SURNAME_ZIPF = 0.85, 0.6


def given_names() -> list[str]:
    names = list(SINGLE) + [h + t for h in HEADS for t in TAILS]
    rng = random.Random(7)
    rng.shuffle(names)  # frequency rank independent of spelling
    return list(dict.fromkeys(names))


REGISTER_COLUMNS = (
    "id", "surname", "given_name", "patronymic", "birth_date", "birth_place", "conscription",
    "rank",
)  # fmt: skip


@dataclass(frozen=True)
class Profile:
    """How much each document states (shares of records with the field).

    *rich*: as the documents the seeds quote — a Norwegian repatriation list entry gives rank,
    full birth date and residence address; the MoD register gives birth year, the raion
    military commissariat (RVK) that called the man up, and rank. *sparse*: lists and
    registers of the worst kind (half the ranks, residences and dates missing, no RVK)."""

    name: str
    list_full_date: float
    list_year: float  # of the rest: the year alone
    list_residence: float
    list_rank: float
    register_birth_place: float
    register_conscription: float


PROFILES = {
    "rich": Profile("rich", 0.7, 0.67, 0.8, 0.75, 0.6, 0.8),
    "sparse": Profile("sparse", 0.3, 0.85, 0.6, 0.5, 0.85, 0.0),
}


@dataclass(frozen=True)
class Raion:
    """A raion of the gazetteer as clerks write it: Russian ("Баянаульский р-н") and the
    Latin base ("Bayanaul"), read back to Cyrillic so each clerk can spell it his way."""

    russian: str
    cyrillic_base: str


def raions_by_region() -> list[list[Raion]]:
    """The gazetteer's raions of each of REGIONS' oblasts."""
    known = places()
    result = []
    for oblast, _, _ in REGIONS:
        key = next(k for k in resolve(oblast) if known[k].kind == "oblast")
        result.append([
            Raion(p.names[0], _cyrillic_base(p.names))
            for p in known.values() if p.kind == "raion" and p.parent == key
        ])  # fmt: skip
    return result


def _cyrillic_base(names: tuple[str, ...]) -> str:
    """The raion's own Russian name (its centre's) where the gazetteer gives one, else its
    Latin name read back into Cyrillic."""
    latin = next(n.removesuffix(" raion") for n in names if n.endswith(" raion"))
    own = [n for n in names if not n.isascii() and " " not in n]  # not "… р-н", "… ауданы"
    return own[0] if own else cyrillic_candidates(latin)[0].cyrillic


RAIONS = raions_by_region()


@dataclass(frozen=True)
class Man:
    pid: int
    surname: str
    given: str
    father: str
    year: int
    region: int
    rank: int
    day: int
    month: int
    home: int  # raion index within the region; -1: the oblast's centre
    birth_home: int  # where he was born: mostly the same


class Population:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names = given_names()
        self.surnames = list(reversed(self.names))  # another frequency order than given names
        self.given_cum = list(accumulate(1 / (r + 1) ** GIVEN_ZIPF for r in range(len(self.names))))
        self.surname_cum = list(
            accumulate(1 / (r + 1) ** SURNAME_ZIPF for r in range(len(self.names)))
        )

    def name(self) -> str:
        return self.rng.choices(self.names, cum_weights=self.given_cum)[0]

    def surname(self) -> str:
        return surname_from(self.rng.choices(self.surnames, cum_weights=self.surname_cum)[0])

    def man(self, pid: int) -> Man:
        rng = self.rng
        region = rng.randrange(len(REGIONS))
        raions = len(RAIONS[region])
        home = -1 if rng.random() < 0.15 else rng.randrange(raions)
        birth_home = home if rng.random() < 0.85 else rng.randrange(-1, raions)
        return Man(
            pid,
            self.surname(),
            self.name(),
            self.name(),
            rng.randint(1900, 1925),
            region,
            rng.choices(range(len(RANKS)), weights=(60, 15, 12, 8, 5))[0],
            rng.randint(1, 28),
            rng.randint(1, 12),
            home,
            birth_home,
        )


def _patronymic(father: str) -> str:
    base = russify(father)
    if base[-1] in "аеиоуыэюя":
        base = base[:-1]
    return base + "ович"


def _register_place(man: Man, rng: random.Random) -> str:
    """Birthplace as a Soviet register writes it: oblast and raion, or less."""
    oblast, centre, _ = REGIONS[man.region]
    if man.birth_home < 0:
        return f"г. {centre}" if rng.random() < 0.7 else oblast
    raion = RAIONS[man.region][man.birth_home].russian
    return rng.choices((f"{oblast}, {raion}", raion, oblast), weights=(60, 15, 25))[0]


def _date(man: Man, year: int, rng: random.Random, separator: str = ".") -> str:
    """A full birth date as a clerk copied it: now and then day and month swapped (where
    both read as a date) or a digit miscopied."""
    day, month = man.day, man.month
    slip = rng.random()
    if slip < 0.03 and day <= 12:
        day, month = month, day
    elif slip < 0.06:
        day = max(1, min(28, day + rng.choice((-1, 1, 10, -10))))
    return f"{day:02d}{separator}{month:02d}{separator}{year}"


def _conscription(man: Man) -> str:
    """The military commissariat of his home: the raion's RVK, or the town's GVK."""
    _, centre, _ = REGIONS[man.region]
    if man.home < 0:
        return f"{centre} ГВК"
    return RAIONS[man.region][man.home].russian.replace(" р-н", " РВК")


def register_row(man: Man, rng: random.Random, duplicate: bool, profile: Profile) -> dict[str, str]:
    surname, given = russify(man.surname), russify(man.given)
    if rng.random() < 0.3:
        surname = _drift(surname, rng)
    if rng.random() < 0.1:
        given = _drift(given, rng)
    if rng.random() < 0.08:
        surname = _typo(surname, rng)
    year = man.year + (rng.choice((-1, 1)) if duplicate and rng.random() < 0.5 else 0)
    birth = _date(man, year, rng) if rng.random() < 0.25 else str(year)
    return {
        "surname": surname, "given_name": given,
        "patronymic": _patronymic(man.father) if rng.random() < 0.6 else "",
        "birth_date": birth if rng.random() < 0.95 else "",
        "birth_place": (
            _register_place(man, rng) if rng.random() < profile.register_birth_place else ""
        ),
        "conscription": _conscription(man) if rng.random() < profile.register_conscription else "",
        "rank": RANKS[man.rank][0] if rng.random() < 0.9 else "",
    }  # fmt: skip


_RAION_WORD = {
    Convention.ENGLISH: "raion", Convention.NORWEGIAN: "rajon",
    Convention.GERMAN: "Rayon", Convention.FRENCH: "district",
}  # fmt: skip
_COUNTRY = {
    Convention.ENGLISH: "Kazakh SSR", Convention.NORWEGIAN: "Kasakhstan",
    Convention.GERMAN: "Kasachstan", Convention.FRENCH: "Kazakhstan",
}  # fmt: skip


def _list_place(man: Man, rng: random.Random, convention: Convention | None) -> str:
    """Home as a list gives it: the oblast, the raion, or both, in the clerk's spelling."""
    oblast, centre, centre_latin = REGIONS[man.region]
    if convention is None:  # Kazakh Cyrillic list: as the register writes it
        if man.home < 0:
            return f"г. {centre}"
        raion = RAIONS[man.region][man.home].russian
        return rng.choice((f"{oblast}, {raion}", raion))
    country = _COUNTRY[convention]
    if man.home < 0:
        return f"{country}, {centre_latin}"
    raion = romanize(RAIONS[man.region][man.home].cyrillic_base, convention)
    written = f"{raion} {_RAION_WORD[convention]}"
    return rng.choice((f"{country}, {centre_latin}, {written}", f"{country}, {written}"))


def list_row(man: Man, rng: random.Random, profile: Profile) -> dict[str, str]:
    cyrillic = rng.random() < 0.25
    convention: Convention | None = None
    if cyrillic:
        surname, given = man.surname, man.given
        rank = RANKS[man.rank][0]
    else:
        convention = rng.choice(
            (Convention.ENGLISH, Convention.NORWEGIAN, Convention.GERMAN, Convention.FRENCH)
        )
        surname = romanize(russify(man.surname), convention)
        given = romanize(russify(man.given), convention)
        column = {Convention.ENGLISH: 1, Convention.NORWEGIAN: 2, Convention.GERMAN: 3}
        rank = RANKS[man.rank][column.get(convention, 1)]
    if rng.random() < 0.1:
        given = initial_of(given)
    if rng.random() < 0.12:
        surname = _typo(surname, rng)
    if rng.random() < 0.05:
        surname = _substitute(surname, _OCR_CYRILLIC if cyrillic else _OCR_LATIN, rng)
    name = f"{surname} {given}" if rng.random() < 0.8 else f"{given} {surname}"
    shift = rng.choices((0, 1, -1, 2, -2), weights=(85, 5, 5, 2.5, 2.5))[0]
    year = man.year + shift
    separator = "/" if convention is Convention.FRENCH else "."
    given_as = rng.random()
    birth = (
        _date(man, year, rng, separator) if given_as < profile.list_full_date
        else str(year) if given_as < profile.list_full_date + profile.list_year * (
            1 - profile.list_full_date) else ""
    )  # fmt: skip
    return {
        "full_name": name,
        "birth_date": birth,
        "residence": (
            _list_place(man, rng, convention) if rng.random() < profile.list_residence else ""
        ),
        "rank": rank if rng.random() < profile.list_rank else "",
        "camp": rng.choice(CAMPS),
    }


def generate(
    register_size: int, list_size: int, out: Path, seed: int = 1945, profile: str = "rich"
) -> None:
    """Write register.csv, list.csv and truth.csv (entry id -> man) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    stated = PROFILES[profile]
    population = Population(seed)
    rng = population.rng
    distinct = int(register_size / 1.1)
    men = [population.man(pid) for pid in range(distinct)]
    with (
        (out / "register.csv").open("w", encoding="utf-8", newline="") as r_handle,
        (out / "truth.csv").open("w", encoding="utf-8", newline="") as t_handle,
    ):
        register = csv.writer(r_handle)
        truth = csv.writer(t_handle)
        register.writerow(REGISTER_COLUMNS)
        truth.writerow(["id", "man"])
        n = 0
        for man in men:
            for copy in range(2 if rng.random() < 0.1 else 1):
                n += 1
                row = register_row(man, rng, duplicate=copy > 0, profile=stated)
                register.writerow([f"R{n}", *row.values()])
                truth.writerow([f"R{n}", man.pid])
        in_register = rng.sample(men, k=min(len(men), list_size * 2 // 3))
        outsiders = [population.man(distinct + i) for i in range(list_size - len(in_register))]
        entries = in_register + outsiders
        rng.shuffle(entries)
        with (out / "list.csv").open("w", encoding="utf-8", newline="") as l_handle:
            listed = csv.writer(l_handle)
            listed.writerow(["id", "full_name", "birth_date", "residence", "rank", "camp"])
            for i, man in enumerate(entries, start=1):
                listed.writerow([f"L{i}", *list_row(man, rng, stated).values()])
                truth.writerow([f"L{i}", man.pid])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--register", type=int, default=100_000)
    parser.add_argument("--list", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1945)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="rich")
    args = parser.parse_args()
    generate(args.register, args.list, args.out, args.seed, args.profile)
