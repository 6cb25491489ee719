"""Name inventories of the names benchmark, independent of tagdyr's own data.

Two sources, mixed by the clerks' profile (``dataset.Profile.historical``):

* a historical Kazakh inventory written here from general knowledge (names of men and women
  born c. 1900–1925, in Kazakh Cyrillic), with the russified and Arabic-origin forms Soviet
  and émigré documents gave some of them; surnames are formed from men's names the way Soviet
  registers formed them (father's or grandfather's name + -ов/-ев/-ин);
* the modern Kazakhstan inventory of the `names-dataset` package (russified Cyrillic, ranked by
  frequency), extracted once by ``bench/names/inventory.py`` into ``data/kz_inventory.tsv``,
  and Russian names living in Kazakhstan from the same file (Russian clerks, officers,
  fellow prisoners: the owners of ``-owitsch`` patronymics).

Frequencies: names-dataset gives ranks; weights are Zipf 1/rank (Zipf's law fits name ranks).
The historical inventory has no ranks: its order is shuffled by a fixed seed and weighted the
same way. Nothing here reads tagdyr.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

HISTORICAL_MALE = (
    "Абай Абдолла Әбдіғали Әбдіқадыр Әбілхан Әбілқайыр Ағыбай Айдар Айтжан Ақберген Ақмолда "
    "Ақылбай Алдабек Әлжан Әлмұхан Алпысбай Аманжол Амантай Асан Асылбек Байболат Байділда "
    "Байғожа Баймұхамед Байтұрсын Бақыт Балтабай Бейсен Бекболат Бекмырза Бектұрсын Берік "
    "Боранбай Дәуренбек Дәулетбай Дүйсенбай Ерболат Ерғали Ерден Ержігіт Ерназар Есенжол "
    "Есболат Есіркеп Жақып Жақсыбек Жанайдар Жанболат Жантас Жаңабай Жексен Жолдыбай Жұмабек "
    "Жұмаділ Жүсіп Жүнісбек Зейнел Имаш Исабай Ісмайыл Кәрім Кемел Көшекбай Күзембай Қабдолла "
    "Қажымұқан Қалиақбар Қалым Қанапия Қапан Қасен Қожабек Қожахмет Қойшыбай Құдайберген "
    "Құлмағамбет Қуандық Мақсұт Мәди Мейрам Мұқан Мұхамеджан Мырзабек Нұржан Нұртаза Оралбай "
    "Орынбай Өмірбек Пазыл Рамазан Рақымжан Сағындық Сақтаған Сәрсен Сейітқали Сейітжан "
    "Серікбай Смағұл Сүлеймен Тайыр Тастан Темірбек Тоқтар Төлеубай Тұрар Тұрлыбек Ұзақ "
    "Файзолла Хасен Шайхы Шәймерден Шәкен Шалабай Шыңғыс Ыбырай Ысқақ Ыдырыс Ілияс Әбубәкір "
    "Жұмаш Қалиасқар Әшім Бекқожа Сыздық Қазыбек Тілеубай Әлихан Мұстафа Шоқай Жәнібек Ермек "
    "Нығмет Ғабдулла Ғазиз Әуелбек Бөкей Дінмұхамед Ескендір Ибраһим Мүсілім Рысқұл Сәдуақас"
).split()
HISTORICAL_FEMALE = (
    "Айжан Айкүміс Айман Ақмарал Алма Балқия Бибігүл Бәтима Гүлбаршын Гүлжан Дәмеш Жәмила "
    "Жібек Зәуре Күлпаш Қамар Мәриям Мәрзия Нұрсұлу Орынкүл Рабиға Сәния Тоты Ұлбосын Хадиша "
    "Шәрбану Үміт Ақбала Күлзипа Мағрипа Зейнеп Күләш Әлима Сара Ботагөз Гүлсім Жамал Ләтипа"
).split()

# A Kazakh given name and the forms other documents give the same man: russified (as a Soviet
# register, the Russian Orthodox-era spelling), Arabic-origin (as a mullah's or an émigré's
# list) — facts of general knowledge, written here for the benchmark only.
VARIANTS: dict[str, tuple[str, ...]] = {
    "Жүсіп": ("Юсуп", "Юсуф", "Жусуп"),
    "Ыбырай": ("Ибрагим", "Ибрай"),
    "Жақып": ("Якуб", "Якып", "Жакуп"),
    "Ысқақ": ("Искак", "Исхак", "Ыскак"),
    "Әбілқайыр": ("Абулхаир", "Абилкаир", "Абулхайр"),
    "Қожахмет": ("Ходжахмет", "Кожахмет", "Ходжа-Ахмет"),
    "Ілияс": ("Ильяс", "Илияс"),
    "Ісмайыл": ("Исмаил", "Смаил"),
    "Мұхамеджан": ("Мухаммеджан", "Магомеджан"),
    "Ғабдулла": ("Габдулла", "Абдулла"),
    "Сүлеймен": ("Сулейман", "Сулеймен"),
    "Мұстафа": ("Мустафа",),
    "Дінмұхамед": ("Динмухамед", "Динмухаммед"),
    "Әбубәкір": ("Абубакир", "Абубакр"),
    "Ибраһим": ("Ибрагим", "Ибрахим"),
    "Ескендір": ("Искандер", "Искендир"),
    "Мәриям": ("Мариям", "Мария"),
    "Хадиша": ("Хадижа", "Кадиша"),
    "Зейнеп": ("Зейнаб", "Зайнаб"),
    "Рамазан": ("Рамадан", "Рамазан"),
    "Ыдырыс": ("Идрис", "Ыдрыс"),
}

RUSSIAN_MALE_HISTORICAL = (
    "Константин Григорий Илья Никита Фома Кузьма Лука Савва Пётр Павел Фёдор Семён Степан "
    "Тимофей Василий Афанасий Прохор Гавриил Матвей Яков Захар Харитон Евдоким"
).split()


@dataclass(frozen=True)
class Pool:
    names: tuple[str, ...]
    weights: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self.weights)[0]

    def rank_of(self, name: str) -> int:
        return self.names.index(name) + 1


def _cumulative(weights: list[float]) -> tuple[float, ...]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return tuple(out)


def _zipf_pool(names: list[str], ranks: list[int], exponent: float = 1.0) -> Pool:
    return Pool(tuple(names), _cumulative([1 / r**exponent for r in ranks]))


def _shuffled(names: list[str], seed: int) -> list[str]:
    out = list(names)
    random.Random(seed).shuffle(out)
    return out


@lru_cache(maxsize=1)
def inventory() -> dict[str, tuple[list[str], list[int]]]:
    """kind -> (names, names-dataset KZ ranks), as extracted by ``inventory.py``."""
    table: dict[str, tuple[list[str], list[int]]] = {}
    with (DATA / "kz_inventory.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            names, ranks = table.setdefault(row["kind"], ([], []))
            names.append(row["name"])
            ranks.append(int(row["kz_rank"]))
    return table


def surname_from(given: str) -> str:
    """A Soviet-style surname built on a man's name: Қабыш → Қабышев, Ахмет → Ахметов."""
    last = given[-1]
    if last in "аәеиоөуұүыі" or last in "жшщчц":
        return given + "ев"
    if last in "йь":
        return given[:-1] + "ев"
    return given + "ов"


@lru_cache(maxsize=4)
def pools(historical: float) -> dict[str, Pool]:
    """Pools of one profile; ``historical`` is the historical inventory's share of draws."""
    modern = inventory()
    hist_male = _shuffled(list(HISTORICAL_MALE), 7)
    hist_female = _shuffled(list(HISTORICAL_FEMALE), 8)
    hist_surnames = _shuffled([surname_from(m) for m in HISTORICAL_MALE], 9)

    def mixed(hist: list[str], kind: str) -> Pool:
        names, ranks = modern[kind]
        h = [1 / (r + 1) for r in range(len(hist))]
        m = [1 / r for r in ranks]
        hs, ms = sum(h), sum(m)
        weights = [historical * w / hs for w in h] + [(1 - historical) * w / ms for w in m]
        return Pool(tuple(hist + names), _cumulative(weights))

    ru_male_names = list(RUSSIAN_MALE_HISTORICAL) + modern["ru-male"][0]
    return {
        "kk-surname": mixed(hist_surnames, "kk-surname"),
        "kk-male": mixed(hist_male, "kk-male"),
        "kk-female": mixed(hist_female, "kk-female"),
        "ru-surname": _zipf_pool(*modern["ru-surname"]),
        "ru-male": _zipf_pool(ru_male_names, list(range(1, len(ru_male_names) + 1))),
        "ru-female": _zipf_pool(*modern["ru-female"]),
    }


def feminine(surname: str) -> str:
    return surname + "а"
