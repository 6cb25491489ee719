"""Who the generated men are: names drawn from a real distribution, birth years, homes.

Name frequencies: the Kazakhstan ranks of the `names-dataset` package (bench/linkage/data/
kz_names.tsv, made by bench.linkage.names_data) mixed half and half, for Kazakh men, with a
historical inventory of Kazakh given names (compositional names of the 1900s–1920s: Жұмабай,
Есенгелді, …) and the surnames Soviet registers formed from them (Жұмабаев). names-dataset
gives ranks, not counts, so a name's weight is its position in the KZ ranking to the power −S
(Zipf), which puts the most common surname (Ахметов) near 2 % of men and the most common given
name near 3–4 %, with a long tail (see KOREAN for the one name group left out). A fifth of the
men are Slavic (names ranked far better in Russia than in Kazakhstan), as in a register of the
Kazakh SSR. Nothing here imports tagdyr.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from bench.linkage.clerks import russian_form
from bench.linkage.places import OBLASTS

DATA = Path(__file__).parent / "data" / "kz_names.tsv"
GIVEN_S, SURNAME_S = 0.85, 0.8  # Zipf exponents on the names-dataset rank
SLAVIC_SHARE = 0.2
# Soviet Koreans, deported to Kazakhstan in 1937, were kept out of the fighting army: their
# surnames, frequent in today's Kazakhstan, are rare in its WWII registers
KOREAN = frozenset(
    "Ким Ли Пак Цой Хан Шин Тен Югай Ни Когай Огай Хван Лим Кан Ан Тян Нам Пай Хегай Цхай "
    "Кигай".split()
)

HEADS = (
    "Жұма Ер Нұр Сейіт Бек Айт Қали Тұр Сар Қара Ақ Бай Дос Ораз Құл Есен Мұрат Қасым "
    "Әбді Төле Жан Әли Сұлтан Темір Ыс Өмір Қоңыр Мырза Шал Сағын Ізбасар Бақ Күн Алтын "
    "Асыл Бөкен Дәулет Ғали Ұзақ Әміре Бала Қуан Сәрсен Тілеу Жақсы Қыдыр Әбу Мәди Рыс "
    "Бисен Қалдыр Тоқ Шәкір Ғаз Елу Нұрлы Бота Қайыр Жар Тас Көк Үсен Ахмед Иман Жүсіп "
    "Мақ Сыр Орын Шай Байқ Таң"
).split()
TAILS = (
    "бай бек ғали хан жан тай құл қожа бол ай ан ғазы бақ пар бар мұрат әлі бет зада "
    "ахмет болат сейіт тас кен жол ақ ғұл"
).split()
SINGLE = (
    "Абай Ахмет Қабыш Қадем Мажит Ашимбек Нұрым Өтеген Ілияс Шоқан Сәкен Бауыржан Қайрат "
    "Мұхтар Асқар Ерлан Оспан Серік Тоқтар Ғабит Хамит Ысқақ Жақып Зейнолла Ыбырай Ыдырыс "
    "Жүнісбек Төлеген Сыздық Құрманғали Мұқаш Сапар Тұрсын Үмбет Шәріп Дүйсен"
).split()


@dataclass(frozen=True)
class Name:
    native: str  # as the man's own people wrote it (Kazakh Cyrillic for a Kazakh)
    russian: str  # as a Soviet register wrote it


def _name(native: str) -> Name:
    return Name(native, russian_form(native))


def soviet_surname(given: str) -> str:
    """A surname as Soviet registers formed it from a forefather's name: Ахмет -> Ахметов,
    Жұмабай -> Жұмабаев."""
    if given[-1] in "йь":
        return given[:-1] + "ев"
    if given[-1] in "аәеиоөуұүыіжшщчц":
        return given + "ев"
    return given + "ов"


class Pool:
    """Names with cumulative weights, for fast weighted draws."""

    def __init__(self, weighted: list[tuple[Name, float]]) -> None:
        merged: dict[Name, float] = {}
        for name, weight in weighted:
            merged[name] = merged.get(name, 0.0) + weight
        self.names = list(merged)
        self.cumulative = list(accumulate(merged.values()))

    def draw(self, rng: random.Random) -> Name:
        return rng.choices(self.names, cum_weights=self.cumulative)[0]

    def top_share(self) -> float:
        return (
            max(b - a for a, b in zip([0.0, *self.cumulative], self.cumulative, strict=False))
            / (self.cumulative[-1])
        )


# a profile's name fields also hold patronymics and surnames where given names belong
PATRONYMIC = ("вич", "вна", "улы", "ұлы", "кызы", "қызы")
SURNAME_LIKE = ("ов", "ев", "ёв", "ова", "ева", "ский", "цкий")


def _plausible(kind: str, name: str, rank: int, other: dict[str, int]) -> bool:
    """Not a patronymic, not a Korean surname, and not ranked better in the other field (a
    given name in the surname field: "Серик", "Марат"; a surname as a given name)."""
    if name in KOREAN or name.endswith(PATRONYMIC):
        return False
    if kind == "given" and name.endswith(SURNAME_LIKE):
        return False
    return other.get(name, rank + 1) > rank


def _dataset() -> dict[tuple[str, bool], list[tuple[str, int]]]:
    """(kind, slavic) -> [(name, KZ rank)] from the names-dataset extract, without the names
    a profile put in the wrong field."""
    with DATA.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle, delimiter="\t"))
    ranks = {
        kind: {r["name"]: int(r["kz_rank"]) for r in table if r["kind"] == kind}
        for kind in ("given", "surname")
    }
    rows: dict[tuple[str, bool], list[tuple[str, int]]] = {}
    for row in table:
        kz, ru = int(row["kz_rank"]), int(row["ru_rank"])
        other = ranks["surname" if row["kind"] == "given" else "given"]
        if _plausible(row["kind"], row["name"], kz, other):
            rows.setdefault((row["kind"], 0 < ru <= 2 * kz), []).append((row["name"], kz))
    return rows


def _zipf(names: list[tuple[str, int]], s: float, mass: float) -> list[tuple[Name, float]]:
    """Weights by position in the KZ ranking (1, 2, 3, … within the pool) to the power −s."""
    weights = [(position + 1) ** -s for position in range(len(names))]
    total = sum(weights)
    return [(_name(n), mass * w / total) for (n, _), w in zip(names, weights, strict=True)]


def _inventory(s: float, mass: float, seed: int = 7) -> list[tuple[str, float]]:
    names = list(dict.fromkeys(SINGLE + [h + t for h in HEADS for t in TAILS]))
    random.Random(seed).shuffle(names)  # frequency rank independent of spelling
    weights = [(r + 1) ** -s for r in range(len(names))]
    total = sum(weights)
    return [(n, mass * w / total) for n, w in zip(names, weights, strict=True)]


def pools() -> dict[str, Pool]:
    dataset = _dataset()
    inventory = _inventory(GIVEN_S, 0.5)
    surname_inventory = _inventory(SURNAME_S, 0.5, seed=11)
    return {
        "kazakh_given": Pool(
            _zipf(dataset[("given", False)], GIVEN_S, 0.5) + [(_name(n), w) for n, w in inventory]
        ),
        "kazakh_surname": Pool(
            _zipf(dataset[("surname", False)], SURNAME_S, 0.5)
            + [(_name(soviet_surname(n)), w) for n, w in surname_inventory]
        ),
        "slavic_given": Pool(_zipf(dataset[("given", True)], GIVEN_S, 1.0)),
        "slavic_surname": Pool(_zipf(dataset[("surname", True)], SURNAME_S, 1.0)),
    }


@dataclass(frozen=True)
class Man:
    pid: int
    surname: Name
    given: Name
    father: Name
    slavic: bool
    year: int
    day: int
    month: int
    oblast: int
    home: int  # raion index within the oblast; -1: the oblast's centre
    birth_home: int  # where he was born: mostly the same
    rank: int


class Population:
    def __init__(self, seed: int, moved: float = 0.15) -> None:
        self.rng = random.Random(seed)
        self.pools = pools()
        self.moved = moved

    def man(self, pid: int) -> Man:
        rng = self.rng
        slavic = rng.random() < SLAVIC_SHARE
        kind = "slavic" if slavic else "kazakh"
        oblast = rng.randrange(len(OBLASTS))
        raions = len(OBLASTS[oblast].raions)
        home = -1 if rng.random() < 0.15 else rng.randrange(raions)
        birth_home = home if rng.random() >= self.moved else rng.randrange(-1, raions)
        return Man(
            pid=pid,
            surname=self.pools[f"{kind}_surname"].draw(rng),
            given=self.pools[f"{kind}_given"].draw(rng),
            father=self.pools[f"{kind}_given"].draw(rng),
            slavic=slavic,
            year=rng.choices(
                range(1895, 1927),
                weights=[1 + 3 * (y >= 1908) + 4 * (y >= 1915) for y in range(1895, 1927)],
            )[0],
            day=rng.randint(1, 28),
            month=rng.randint(1, 12),
            oblast=oblast,
            home=home,
            birth_home=birth_home,
            rank=rng.choices(range(5), weights=(60, 15, 12, 8, 5))[0],
        )
