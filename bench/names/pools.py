"""Name pools for generated benchmark data: Kazakh given names (male and female) in Kazakh
Cyrillic; surnames are formed as Soviet registers formed them, from a given name + -ов/-ев/-ин.
Frequencies follow a Zipf law so that common names (Ахметов) and a long tail both occur."""

from __future__ import annotations

MALE = (
    "Абай Абдолла Абылай Ағыбай Адай Айтбай Ақан Ақылбек Әбілқасым Әлібек Әлімжан Амангелді "
    "Асқар Ахмет Ашимбек Әуезхан Бақтыбай Бауыржан Байжан Бақыт Бекет Бекмұхамбет Бердібек "
    "Бисен Болат Ғабит Ғалым Ғани Дәулет Досмұхамбет Дүйсен Ерғали Ержан Ерлан Есенгелді Есім "
    "Жақан Жақып Жақсылық Жанұзақ Жанғали Жұмабай Жұмағали Жұмаш Жүсіп Зарлық Зейнолла "
    "Ибрагим Ілияс Исабек Исмағұл Кенжебай Кенжеғали Қабыш Қадем Қайрат Қалдыбай Қалиасқар "
    "Қасым Қожахмет Құрманғали Қуаныш Мағзұм Мәлік Мажит Мұқаш Мұрат Мұхтар Мырзағали Нұрғали "
    "Нұрлан Нұрым Оразалы Оспан Өмірзақ Өтеген Рахым Рысбек Сабыр Сағымбек Сапар Сәкен "
    "Сәрсенбай Сатымбек Сейіт Серғазы Серік Сұлтан Тілеу Тоқтағали Төлеген Төлеу Тұрсын Уәли "
    "Ұлықбек Үмбет Үсен Хамит Хасен Шаймерден Шәріп Шоқан Ыбырай Ысқақ Ыдырыс Зұнұн Темірхан "
    "Сыдық Байсейіт Қайсен Жангелді Бектан Жұманияз Істыбай Мендіқұл Едіге Қозыбай"
).split()
FEMALE = (
    "Айгүл Айша Ақбота Әлия Әсем Бақытгүл Балжан Гүлнар Гүлсім Данагүл Жамал Жанар Зағира "
    "Зейнеп Күләш Қарлығаш Мәншүк Мәдина Нұрғаным Роза Сара Сәуле Ұлжан Фатима Шолпан Анар"
).split()
# Zipf exponent: a handful of very frequent names, a long tail of rare ones
ZIPF = 1.1


def surname_from(given: str) -> str:
    """A Soviet-style surname built on a Kazakh given name: Қабыш -> Қабышев, Ахмет -> Ахметов."""
    last = given[-1]
    if last in "аәеиоөуұүыі":
        return given + "ев"
    if last in "йь":
        return given[:-1] + "ев"
    if last in "жшщчц":
        return given + "ев"
    return given + "ов"


def feminine(surname: str) -> str:
    return surname + "а"
