"""Synthetic demo records: fictional people written the way registers and lists write them.

A Soviet-style register in russified Cyrillic (with clerks' drift and duplicate entries) and a
Norwegian-style repatriation list in Latin letters (English, Norwegian and German clerks, typos,
birth years off by one, name order swapped), with a known overlap between them. The people are
drawn from name pools at random: they describe nobody. The truth (which rows are one person)
is written beside them so that tests can measure linkage on the demo. The clerks' renderings
come from tables of their own (tagdyr.demo.clerks), not from tagdyr's names engine, since the
linkage tests' floors rest on these files.

Run ``python -m tagdyr.demo.synthetic`` to regenerate the shipped files (deterministic).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from tagdyr.demo.clerks import CLERKS, latin_form, russian_form

SEED = 1945
DATA_DIR = Path(__file__).parent / "data"

SURNAME_ROOTS = [
    "Ахмет",
    "Әбдіқадыр",
    "Әлімжан",
    "Бақыт",
    "Байжан",
    "Байтұрсын",
    "Бекмұхамбет",
    "Бердібек",
    "Дәулет",
    "Досым",
    "Ерғали",
    "Есенгелді",
    "Жақып",
    "Жанұзақ",
    "Жұмабай",
    "Жүсіп",
    "Зейнолла",
    "Ибрагим",
    "Исабек",
    "Кенжеғали",
    "Қасым",
    "Қожахмет",
    "Құрманғали",
    "Мағзұм",
    "Мұқаш",
    "Нұрғали",
    "Оразалы",
    "Өтеп",
    "Сапар",
    "Сәрсенбай",
    "Серік",
    "Сұлтан",
    "Тоқтар",
    "Төлеген",
    "Ұлықбек",
    "Үсен",
    "Шәріп",
    "Ыбырай",
    "Іргебай",
    "Айтқали",
    "Ақмолда",
    "Балғожа",
    "Бисен",
    "Дүйсен",
    "Есім",
    "Жақсылық",
    "Қалдыбай",
    "Мырзағали",
    "Нұрмұхамед",
    "Рахым",
    "Сейіт",
    "Тілеу",
    "Хасен",
    "Шаймерден",
    "Ысқақ",
    "Әмір",
    "Байғабыл",
    "Көшер",
    "Сағынтай",
]
GIVEN_NAMES = [
    "Абай",
    "Әбілқасым",
    "Ақылбек",
    "Әлібек",
    "Амангелді",
    "Асқар",
    "Бақытжан",
    "Бауыржан",
    "Ғабит",
    "Дәулет",
    "Ерлан",
    "Жақан",
    "Жұмаш",
    "Зарлық",
    "Қайрат",
    "Қалиасқар",
    "Кенжебай",
    "Мұрат",
    "Мұхтар",
    "Нұрлан",
    "Оспан",
    "Өмірзақ",
    "Сабыр",
    "Серғазы",
    "Тұрсын",
    "Уәли",
    "Үмбет",
    "Хамит",
    "Шоқан",
    "Ілияс",
    "Мәлік",
    "Рысбек",
    "Сәкен",
    "Төлеу",
    "Ержан",
    "Жанғали",
    "Бекет",
    "Ысқақ",
]
PLACES = (
    "Павлодарская обл.",
    "Акмолинская обл.",
    "Алма-Атинская обл.",
    "Гурьевская обл.",
    "Западно-Казахстанская обл.",
    "Карагандинская обл.",
    "Кзыл-Ординская обл.",
    "Кустанайская обл.",
    "Семипалатинская обл.",
    "Южно-Казахстанская обл.",
    "Актюбинская обл.",
    "Джамбулская обл.",
    "Восточно-Казахстанская обл.",
)
RANKS = (
    ("красноармеец", "private"),
    ("мл. сержант", "junior sergeant"),
    ("сержант", "sergeant"),
    ("мл. лейтенант", "sub-lieutenant"),
    ("лейтенант", "lieutenant"),
)
CAMPS = (
    "Mo i Rana",
    "Bardufoss",
    "Narvik",
    "Beisfjord",
    "Botn",
    "Mysen",
    "Tromsø",
    "Elvegårdsmoen",
)
FATES = ("пропал без вести", "попал в плен", "попал в плен (освободился)")


@dataclass(frozen=True)
class Person:
    pid: int
    surname: str
    given: str
    father: str
    birth_year: int
    place: str
    rank: int


def _surname(root: str, rng: random.Random) -> str:
    ending = "ов" if root[-1] not in "аеиоуыэюяәөұүі" else "ев"
    if root.endswith(("н", "л")) and rng.random() < 0.25:
        ending = "ин" if root[-1] != "и" else "н"
    return root + ending


def _drift(name: str, rng: random.Random) -> str:
    """A Soviet clerk's drift on a russified name: akanye, ы/и, Ж→Дж, a typo."""
    choice = rng.random()
    if choice < 0.25 and "о" in name[1:]:
        i = name.index("о", 1)
        return name[:i] + "а" + name[i + 1 :]
    if choice < 0.4 and "ы" in name:
        return name.replace("ы", "и", 1)
    if choice < 0.5 and name.startswith("Ж"):
        return "Дж" + name[1:]
    if choice < 0.65 and len(name) > 5:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name


def _latin_typo(name: str, rng: random.Random) -> str:
    if rng.random() < 0.15 and len(name) > 5:
        i = rng.randrange(2, len(name) - 1)
        return name[:i] + name[i + 1 :]
    return name


def people(count: int, rng: random.Random) -> list[Person]:
    result = []
    for pid in range(1, count + 1):
        result.append(Person(
            pid=pid,
            surname=_surname(rng.choice(SURNAME_ROOTS), rng),
            given=rng.choice(GIVEN_NAMES),
            father=rng.choice(GIVEN_NAMES),
            birth_year=rng.randint(1905, 1925),
            place=rng.choice(PLACES),
            rank=rng.choices(range(len(RANKS)), weights=(60, 15, 12, 8, 5))[0],
        ))  # fmt: skip
    return result


def _patronymic(father: str) -> str:
    base = russian_form(father)
    return base + ("ович" if base[-1] not in "аеиоуыэюя" else "евич")


def register_rows(persons: list[Person], rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for p in persons:
        copies = 2 if rng.random() < 0.12 else 1  # registers hold duplicate entries
        for _ in range(copies):
            surname = russian_form(p.surname)
            given = russian_form(p.given)
            if rng.random() < 0.35:
                surname = _drift(surname, rng)
            if rng.random() < 0.2:
                given = _drift(given, rng)
            rows.append({
                "Фамилия": surname, "Имя": given,
                "Отчество": _patronymic(p.father) if rng.random() < 0.6 else "",
                "Год рождения": str(p.birth_year + (rng.random() < 0.1) * rng.choice((-1, 1))),
                "Место рождения": p.place,
                "Воинское звание": RANKS[p.rank][0],
                "Причина выбытия": rng.choice(FATES),
                "Дата выбытия": f"{rng.randint(1, 28):02d}.{rng.randint(6, 12):02d}.1941",
                "person": str(p.pid),
            })  # fmt: skip
    rng.shuffle(rows)
    return rows


def norway_rows(persons: list[Person], rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for p in persons:
        clerk = rng.choice(CLERKS)
        surname = _latin_typo(latin_form(p.surname, clerk), rng)
        given = latin_form(p.given, clerk)
        name = f"{surname} {given}" if rng.random() < 0.8 else f"{given} {surname}"
        if rng.random() < 0.1:
            name = f"{surname} {given[0]}."
        year = p.birth_year + (rng.random() < 0.2) * rng.choice((-1, 1, 2))
        rows.append({
            "Name": name,
            "Born": str(year),
            "Rank": RANKS[p.rank][1],
            "Camp": rng.choice(CAMPS),
            "Repatriated": f"{rng.randint(1, 30):02d}.{rng.choice((6, 7, 8)):02d}.1945",
            "person": str(p.pid),
        })  # fmt: skip
    rng.shuffle(rows)
    return rows


def _write(path: Path, rows: list[dict[str, str]], id_column: str) -> list[tuple[str, str]]:
    truth = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        columns = [id_column, *[k for k in rows[0] if k != "person"]]
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for n, row in enumerate(rows, start=1):
            entry = f"{path.stem}-{n}"
            writer.writerow({id_column: entry, **row})
            truth.append((entry, row["person"]))
    return truth


def generate(directory: Path = DATA_DIR, seed: int = SEED) -> None:
    """Write the synthetic register, list and their truth file into ``directory``."""
    rng = random.Random(seed)
    persons = people(320, rng)
    in_register = persons[:260]
    in_norway = persons[200:]  # 60 in both, 60 only in the list
    truth = _write(directory / "synthetic_register.csv", register_rows(in_register, rng), "id")
    truth += _write(directory / "synthetic_norway_list.csv", norway_rows(in_norway, rng), "id")
    with (directory / "synthetic_truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["entry_id", "person"])
        writer.writerows(truth)


if __name__ == "__main__":
    generate()
