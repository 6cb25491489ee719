"""Facts of a life read beside a mention in the six languages (our own sentences; none from
the real texts)."""

from __future__ import annotations

import pytest

from tagdyr.texts.claims import claims_about


def _facts(text: str, name: str) -> set[tuple[str, str]]:
    start = text.index(name)
    claims = claims_about(text, start, start + len(name))
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    return {(c.kind, c.value) for c in claims}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("The historian and translator Aidar Nurlanov wrote it.", "Aidar Nurlanov",
         {("role", "historian and translator")}),
        ("Наш поэт Ерлан Сейітов приехал.", "Ерлан Сейітов", {("role", "поэт")}),
        ("Avisa intervjua forskeren Kari Nordmo i går.", "Kari Nordmo", {("role", "forskeren")}),
        ("L'historien français Paul Marchand parle.", "Paul Marchand",
         {("role", "L'historien")}),
        # a word before the name that is no role gives no role
        ("The famous Aidar Nurlanov wrote it.", "Aidar Nurlanov", set()),
        ("Nurlan Abenov wurde im März 1915 in einem Dorf geboren.", "Nurlan Abenov",
         {("birth", "1915-03")}),
        ("Nurlan Abenov var født i 1912 på en gård.", "Nurlan Abenov", {("birth", "1912")}),
        ("Нұрлан Әбенов 1916 жылы Павлодарда туған.", "Нұрлан Әбенов",
         {("birth", "1916"), ("birth_place", "Павлодар")}),
        ("Nurlan Abenov satt i fangeleiren på Mysen.", "Nurlan Abenov", {("camp", "Mysen")}),
        ("Nurlan Abenov kam ins Stalag 326 bei Stukenbrock.", "Nurlan Abenov",
         {("camp", "Stalag 326")}),
        ("Nurlan Abenov wurde verhaftet im Mai 1949.", "Nurlan Abenov", {("arrest", "1949-05")}),
        ("Nurlan Abenov ble tatt til fange i august 1942.", "Nurlan Abenov",
         {("capture", "1942-08")}),
    ],
)  # fmt: skip
def test_facts_of_a_life_beside_a_mention(
    text: str, name: str, expected: set[tuple[str, str]]
) -> None:
    assert _facts(text, name) == expected


def test_a_camp_named_before_a_person_is_not_his() -> None:
    text = "Fangeleiren på Mysen ble stengt, sier Kari Nordmo."
    assert _facts(text, "Kari Nordmo") == set()


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("It was opened by the Director of the Museum in Narvik Erik Dahl.", "Erik Dahl",
         {("role", "Director of the Museum in Narvik")}),
        ("Nous avons vu Anne Morel, maire de Castelnau, hier.", "Anne Morel",
         {("role", "maire de Castelnau")}),
        ("Vi møtte forsker ved museet i Narvik, Kari Nordmo.", "Kari Nordmo",
         {("role", "forsker ved museet i Narvik")}),
        # a rank between the role and the name: the role is not read through it
        ("Den tidligere direktør for arkivet, oberst Erik Dahl, sa det.", "Erik Dahl",
         {("rank", "oberst")}),
    ],
)  # fmt: skip
def test_a_role_with_what_it_is_of(text: str, name: str, expected: set[tuple[str, str]]) -> None:
    assert _facts(text, name) == expected


def _all_facts(text: str, names: list[str]) -> list[set[tuple[str, str]]]:
    spans = tuple((text.index(n), text.index(n) + len(n)) for n in names)
    return [{(c.kind, c.value) for c in claims_about(text, s, e, spans)} for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erik Dahl var lærer. Han ble tatt til fange i mai 1941.", {("capture", "1941-05")}),
        ("Кабыш Омаров жил в Павлодаре. Он был арестован в 1946 году.", {("arrest", "1946")}),
        ("Erik Dahl kam aus Oslo. Er wurde verhaftet im Juni 1942.", {("arrest", "1942-06")}),
        ("Kadem Jumaniyazov was a driver. He escaped in 1943.", {("escape", "1943")}),
        ("Kadem Djoumaniazov était chauffeur. Il s'évada en 1943.", {("escape", "1943")}),
        # a pronoun in another paragraph stands for no one named before it
        ("Kadem Jumaniyazov was a driver.\n\nHe escaped in 1943.", set()),
    ],
)
def test_a_pronoun_carries_the_facts_of_its_sentence_to_the_person(
    text: str, expected: set[tuple[str, str]]
) -> None:
    name = text.split(" ")[0] + " " + text.split(" ")[1]
    assert _all_facts(text, [name]) == [expected]


def test_a_pronoun_after_two_people_stands_for_neither() -> None:
    text = "Erik Dahl og Kari Nordmo kom fra Oslo. Han ble tatt til fange i mai 1941."
    assert _all_facts(text, ["Erik Dahl", "Kari Nordmo"]) == [set(), set()]


def test_a_repeated_surname_is_one_antecedent() -> None:
    text = "Erik Dahl, sa de, var Dahl fra Oslo. Han ble tatt til fange i mai 1941."
    facts = _all_facts(text, ["Erik Dahl", "Dahl"])
    assert facts == [set(), {("capture", "1941-05")}]


@pytest.mark.parametrize(
    ("word", "rank"),
    [("Oberleutnants", "senior-lieutenant"), ("генералу", "general"), ("сержанты", "sergeant"),
     ("général", "general"), ("генерал-лейтенант", "lieutenant-general"), ("soldiers", None),
     ("Generalstab", None)],
)  # fmt: skip
def test_a_rank_in_its_case_forms(word: str, rank: str | None) -> None:
    from tagdyr.vocab.ranks import inflected_rank

    assert inflected_rank(word) == rank


def test_a_unit_that_frames_a_sentence_is_everyones_in_it() -> None:
    text = "Dans la 12e compagnie des F.T.P., on trouve : Ivan Lebedev, Pavel Orlov et d'autres."
    facts = _all_facts(text, ["Ivan Lebedev", "Pavel Orlov"])
    assert facts == [{("unit", "12e compagnie des F.T.P")}] * 2


def test_a_unit_joined_is_the_one_named_befores() -> None:
    text = "Pavel Orlov rejoint le maquis de Valmy, dit Ivan Lebedev."
    facts = _all_facts(text, ["Pavel Orlov", "Ivan Lebedev"])
    assert facts == [{("unit", "maquis de Valmy")}, set()]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Pjotr Smirnov was born in 1919 in the village of Ozernoye, Lenin district, Omsk region.",
         "Pjotr Smirnov",
         {("birth", "1919"), ("birth_place", "Ozernoye, Lenin district, Omsk region")}),
        ("Pierre Durand est né le 3 mai 1901 à Saint-Étienne et vécut à Paris.", "Pierre Durand",
         {("birth", "1901-05-03"), ("birth_place", "Saint-Étienne")}),
        # the adjective of the region is not a word of the village's name
        ("Пётр Смирнов родился в 1919 году в селе Озёрное Омской области.", "Пётр Смирнов",
         {("birth", "1919"), ("birth_place", "Озёрное")}),
        ("Per Hansen var født i 1907 i Bodø.", "Per Hansen",
         {("birth", "1907"), ("birth_place", "Bodø")}),
        # no name after the preposition: no place
        ("Tom Baker was born in 1919 in a small village.", "Tom Baker", {("birth", "1919")}),
    ],
)  # fmt: skip
def test_a_birth_with_its_date_then_its_place(
    text: str, name: str, expected: set[tuple[str, str]]
) -> None:
    assert _facts(text, name) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # a given name alone, in English, Russian (a case form) and Kazakh (a case form)
        ("Qasym Bekov came from the steppe. Later Qasym was captured in 1942.",
         ["Qasym Bekov"], [{("capture", "1942")}]),
        ("Иван Петров вырос в ауле. Ивана арестовали. Иван был арестован в 1937 году.",
         ["Иван Петров"], [{("arrest", "1937")}]),
        ("Қасым Беков ауылда өсті. Қасым 1942 жылы тұтқынға түсті.",
         ["Қасым Беков"], [{("capture", "1942")}]),
        # two men of one given name in the paragraph: the given name stands for neither
        ("Qasym Bekov and Qasym Orazov met. Later Qasym was captured in 1942.",
         ["Qasym Bekov", "Qasym Orazov"], [set(), set()]),
        # another paragraph: the given name stands for no one
        ("Qasym Bekov came from the steppe.\n\nQasym was captured in 1942.",
         ["Qasym Bekov"], [set()]),
    ],
)  # fmt: skip
def test_a_given_name_alone_stands_for_the_paragraphs_person(
    text: str, names: list[str], expected: list[set[tuple[str, str]]]
) -> None:
    assert _all_facts(text, names) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ержан Сәрсенов 1943 жылы тұтқынға түскен.", {("capture", "1943")}),
        ("Ержан Сәрсенов 1950 жылы сотталған, 1991 жылы ақталған.",
         {("sentence", "1950"), ("rehabilitation", "1991")}),
    ],
)  # fmt: skip
def test_kazakh_participles_state_dated_events(text: str, expected: set[tuple[str, str]]) -> None:
    assert _facts(text, "Ержан Сәрсенов") == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # a line break that the next line does not go on after ends the paragraph: the pronoun
        # of the next line stands for no one named before it
        ("Erik Dahl skreiv boka om leirane.\nHan kom til fangeleiren på Mysen i 1943.",
         ["Erik Dahl"], [set()]),
        # a wrapped line (it goes on in lower case) is still one paragraph
        ("Erik Dahl var lærer. Han ble tatt til fange\ni mai 1941.", ["Erik Dahl"],
         [{("capture", "1941-05")}]),
        # the birth stated in the next paragraph is not that of the name in a heading
        ("Ivan Orlov: years of youth\n\nPavel Sokolov was born on 3 May 1921.",
         ["Ivan Orlov", "Pavel Sokolov"], [set(), {("birth", "1921-05-03")}]),
        # a birth after the next person named is that person's
        ("Erik Dahl and Pavel Sokolov, born in 1921, met in the camp.",
         ["Erik Dahl", "Pavel Sokolov"], [set(), {("birth", "1921")}]),
        # an award stated after one person and before another is the first one's
        ("Among them was Pavel Sokolov, who was awarded the Order of the Red Star and a letter "
         "signed by Marshal Ivan Orlov.", ["Pavel Sokolov", "Ivan Orlov"],
         [{("award", "Order of the Red Star")}, set()]),
        # an award before the only person named is still his
        ("Once awarded the Order of the Red Star, Pavel Sokolov came home.", ["Pavel Sokolov"],
         [{("award", "Order of the Red Star")}]),
    ],
)  # fmt: skip
def test_what_another_paragraph_or_person_states_is_not_the_mentions(
    text: str, names: list[str], expected: list[set[tuple[str, str]]]
) -> None:
    assert _all_facts(text, names) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pavel Sokolov was buried in a common grave near the old camp at Narvik.",
        "Pavel Sokolov liegt begraben auf dem Friedhof im Lager Sandbostel.",
        "Pavel Sokolov ble gravlagt ved fangeleiren på Mysen.",
    ],
)
def test_a_grave_at_a_camp_is_no_stay_in_it(text: str) -> None:
    assert _facts(text, "Pavel Sokolov") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the date between the name and a verb at the end of its clause
        ("Pavel Sokolov wurde 1942 verhaftet.", {("arrest", "1942")}),
        ("Pavel Sokolov ble i mars 1942 tatt til fange.", {("capture", "1942-03")}),
        ("Pavel Sokolov ist im Juli 1941 in deutsche Gefangenschaft geraten.",
         {("capture", "1941-07")}),
        # the date the sentence opens with
        ("I 1941 ble soldaten Pavel Sokolov tatt til fange.", {("capture", "1941")}),
        # a German or Norwegian date with its day's full stop
        ("Pavel Sokolov starb am 4. März 1944 im Lazarett.", {("death", "1944-03-04")}),
        ("Pavel Sokolov ble drept 2. mai 1945.", {("death", "1945-05-02")}),
        # no date: "-", but a death is read only with its date
        ("Pavel Sokolov, who was captured, fought on.", {("capture", "-")}),
        ("Pavel Sokolov died of his wounds.", set()),
        # a life's span in brackets is not the event's date
        ("Pavel Sokolov (1920–1990) was arrested.", {("arrest", "-")}),
        # negated, or with the place it happened at (which the date would give way to): nothing
        ("Pavel Sokolov was never captured.", set()),
        ("Pavel Sokolov ble ikke tatt til fange.", set()),
        ("Pavel Sokolov escaped from the mine at Narvik.", set()),
        # a body named between may be the verb's subject: it did the capturing
        ("As the historian Pavel Sokolov says, the Red Army captured many men.",
         {("role", "historian")}),
    ],
)  # fmt: skip
def test_an_events_date_before_its_verb_or_none(text: str, expected: set[tuple[str, str]]) -> None:
    assert _facts(text, "Pavel Sokolov") == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # an apposition that ends the sentence
        ("I spoke with Aidar Nurlanov, the leader of the folk group Steppe Wind. It was late.",
         "Aidar Nurlanov", {("role", "leader of the folk group Steppe Wind")}),
        # a Kazakh possessive role, with its modifier or the genitive it is of
        ("Кеше газеттің бас редакторы Ерлан Сейітов келді.", "Ерлан Сейітов",
         {("role", "бас редакторы")}),
        ("Кеше кітаптың авторы әрі редакторы Ерлан Сейітов келді.", "Ерлан Сейітов",
         {("role", "кітаптың авторы әрі редакторы")}),
        # a word before the role that is no modifier stays out of it
        ("Кеше белгілі жазушы Ерлан Сейітов келді.", "Ерлан Сейітов", {("role", "жазушы")}),
    ],
)  # fmt: skip
def test_a_role_with_its_modifier_or_possessor(
    text: str, name: str, expected: set[tuple[str, str]]
) -> None:
    assert _facts(text, name) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Ерлан Сейітов\nстарший корреспондент отдела культуры\n\nТекст статьи.", "Ерлан Сейітов",
         {("role", "старший корреспондент отдела культуры")}),
        ("Erik Dahl\nforsker ved museet i Narvik\n\nTeksten.", "Erik Dahl",
         {("role", "forsker ved museet i Narvik")}),
        # the name is not alone on its line: no byline
        ("Вчера пришёл Ерлан Сейітов\nстарший корреспондент отдела культуры\n", "Ерлан Сейітов",
         set()),
        # the next line is no role
        ("Erik Dahl\nskreiv boka i 1990\n", "Erik Dahl", set()),
    ],
)  # fmt: skip
def test_a_bylines_role_on_the_line_below_the_name(
    text: str, name: str, expected: set[tuple[str, str]]
) -> None:
    assert _facts(text, name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pavel Sokolov wurde 1925 zum Vorsitzenden des Dorfrates gewählt.",
         {("role", "Vorsitzenden des Dorfrates")}),
        ("Pavel Sokolov was appointed director of the local museum in 1950.",
         {("role", "director of the local museum")}),
        ("Pavel Sokolov ble valgt til leder av laget.", {("role", "leder av laget")}),
        ("Pavel Sokolov fut nommé directeur de l’école.", {("role", "directeur de l’école")}),
        # appointed to no role the lexicon knows: nothing
        ("Pavel Sokolov was appointed guard of the bridge.", set()),
    ],
)  # fmt: skip
def test_a_role_someone_was_elected_or_appointed_to(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert _facts(text, "Pavel Sokolov") == expected


def test_an_appointment_after_another_person_is_theirs() -> None:
    text = "Pavel Sokolov said Ivan Orlov was appointed director of the museum."
    assert _all_facts(text, ["Pavel Sokolov", "Ivan Orlov"]) == [
        set(),
        {("role", "director of the museum")},
    ]
