"""Generator of realistic registers and lists for the linkage benchmark.

* Register: a Soviet-style memorial register in russified Cyrillic (surname, given name,
  patronymic, birth year, birthplace oblast or town, rank) with clerks' drift (akanye, ы/и,
  Ж→Дж), typos, and duplicate records of one man (10 %).
* List: repatriation or POW lists: two thirds of the entries are men of the register, one
  third are not in it; written in Latin letters by English, Norwegian, German and French
  clerks (and a quarter in Kazakh Cyrillic), name order either way, initials, typos and OCR
  confusions, birth years off by one or two, residence and rank in the clerk's language.
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


@dataclass(frozen=True)
class Man:
    pid: int
    surname: str
    given: str
    father: str
    year: int
    region: int
    rank: int


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
        return Man(
            pid,
            self.surname(),
            self.name(),
            self.name(),
            rng.randint(1900, 1925),
            rng.randrange(len(REGIONS)),
            rng.choices(range(len(RANKS)), weights=(60, 15, 12, 8, 5))[0],
        )


def _patronymic(father: str) -> str:
    base = russify(father)
    if base[-1] in "аеиоуыэюя":
        base = base[:-1]
    return base + "ович"


def register_row(man: Man, rng: random.Random, duplicate: bool) -> dict[str, str]:
    surname, given = russify(man.surname), russify(man.given)
    if rng.random() < 0.3:
        surname = _drift(surname, rng)
    if rng.random() < 0.1:
        given = _drift(given, rng)
    if rng.random() < 0.08:
        surname = _typo(surname, rng)
    year = man.year + (rng.choice((-1, 1)) if duplicate and rng.random() < 0.5 else 0)
    oblast, centre, _ = REGIONS[man.region]
    region = oblast if rng.random() < 0.7 else f"г. {centre}"
    return {
        "surname": surname, "given_name": given,
        "patronymic": _patronymic(man.father) if rng.random() < 0.6 else "",
        "birth_year": str(year) if rng.random() < 0.95 else "",
        "birth_place": region if rng.random() < 0.8 else "",
        "rank": RANKS[man.rank][0] if rng.random() < 0.9 else "",
    }  # fmt: skip


def list_row(man: Man, rng: random.Random) -> dict[str, str]:
    cyrillic = rng.random() < 0.25
    if cyrillic:
        surname, given = man.surname, man.given
        rank = RANKS[man.rank][0]
        residence = REGIONS[man.region][0]
    else:
        convention = rng.choice(
            (Convention.ENGLISH, Convention.NORWEGIAN, Convention.GERMAN, Convention.FRENCH)
        )
        surname = romanize(russify(man.surname), convention)
        given = romanize(russify(man.given), convention)
        column = {Convention.ENGLISH: 1, Convention.NORWEGIAN: 2, Convention.GERMAN: 3}
        rank = RANKS[man.rank][column.get(convention, 1)]
        residence = f"Kazakh SSR, {REGIONS[man.region][2]}"
    if rng.random() < 0.1:
        given = initial_of(given)
    if rng.random() < 0.12:
        surname = _typo(surname, rng)
    if rng.random() < 0.05:
        surname = _substitute(surname, _OCR_CYRILLIC if cyrillic else _OCR_LATIN, rng)
    name = f"{surname} {given}" if rng.random() < 0.8 else f"{given} {surname}"
    shift = rng.choices((0, 1, -1, 2, -2), weights=(85, 5, 5, 2.5, 2.5))[0]
    return {
        "full_name": name,
        "birth_year": str(man.year + shift) if rng.random() < 0.9 else "",
        "residence": residence if rng.random() < 0.6 else "",
        "rank": rank if rng.random() < 0.5 else "",
        "camp": rng.choice(CAMPS),
    }


def generate(register_size: int, list_size: int, out: Path, seed: int = 1945) -> None:
    """Write register.csv, list.csv and truth.csv (entry id -> man) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
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
        register.writerow(
            ["id", "surname", "given_name", "patronymic", "birth_year", "birth_place", "rank"]
        )
        truth.writerow(["id", "man"])
        n = 0
        for man in men:
            for copy in range(2 if rng.random() < 0.1 else 1):
                n += 1
                row = register_row(man, rng, duplicate=copy > 0)
                register.writerow([f"R{n}", *row.values()])
                truth.writerow([f"R{n}", man.pid])
        in_register = rng.sample(men, k=min(len(men), list_size * 2 // 3))
        outsiders = [population.man(distinct + i) for i in range(list_size - len(in_register))]
        entries = in_register + outsiders
        rng.shuffle(entries)
        with (out / "list.csv").open("w", encoding="utf-8", newline="") as l_handle:
            listed = csv.writer(l_handle)
            listed.writerow(["id", "full_name", "birth_year", "residence", "rank", "camp"])
            for i, man in enumerate(entries, start=1):
                listed.writerow([f"L{i}", *list_row(man, rng).values()])
                truth.writerow([f"L{i}", man.pid])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--register", type=int, default=100_000)
    parser.add_argument("--list", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1945)
    args = parser.parse_args()
    generate(args.register, args.list, args.out, args.seed)
