"""What a capitalised word of running text is likely to be: a given name, a surname, a place or
an ordinary word. The evidence is the Russian dictionary pymorphy3 ships (its given names,
surnames and toponyms, which include many Central Asian given names; a Latin word is read
through its plausible Cyrillic originals), tagdyr's place gazetteer, and short lists of words
that begin sentences or name things other than people in the four languages."""

from __future__ import annotations

import re
from functools import lru_cache

from tagdyr.names.given import listed_given_name
from tagdyr.names.morph import kazakh_base
from tagdyr.names.reverse import cyrillic_candidates
from tagdyr.names.translit import russify

_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіə]", re.IGNORECASE)

# Capitalised words that are not names: function words, sentence openers, months, titles.
STOP_WORDS = frozenset(
    """
    the a an in on at of to for by with from as and or but this that these those his her their
    it its he she they we our my your after before during when while where then there here
    however although though moreover therefore thus also only since until according among
    within without between under over about above below into onto upon via both each
    prof professor dr doctor mr mrs ms sir mister general colonel major captain lieutenant
    sergeant private candidate director president minister ambassador
    le la les un une des du de dans au aux et ou mais pour par sur avec sans selon puis ensuite
    il ils elle elles nous vous son sa ses leur leurs ce cet cette ces après avant pendant
    lorsque quand où alors ainsi donc aussi
    в во на по из к ко с со у о об от до за при под над для без через после перед между и а но
    из-за из-под
    он она они оно мы вы его ее её их это этот эта эти тот та те там тогда затем однако позднее
    среди вместе также уже еще ещё когда где если так как чтобы ведь вот все всё
    ал бірақ кейін онда содан сонда алайда сондай осылайша мұнда осы бұл ол олар оның олардың
    және мен біз сіз соғыстан тізімде зерттеуші мысалы сонымен қатар яғни демек өйткені себебі
    january february march april may june july august september october november december
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан
    monday tuesday wednesday thursday friday saturday sunday
    soviet german germans kazakh kazakhs russian russians french english norwegian polish
    kazakhstani kazakhstanis turkestani turkestanis uzbek kyrgyz tajik turkmen nazi nazis
    maquis resistance wehrmacht reich ussr union republic
    later earlier soon today
    ұлы кеңес отан одақ одағы одағының одағына батыры батыр
    januar februar märz mai juni juli oktober dezember mars desember
    der die das des dem ein eine einer eines einem einen
    anfang mitte ende im am zum zur nach bei vor seit während unter gegen
    zar zarin kaiser könig papst sultan foto journalisten journalist
    den det ei et og på av til fra som etter om hos ved
    i han hun vi jeg men da når så nå dette denne disse hennes deres sin sitt sine også
    ifølge blant mellom mot med uten før siden senere både mange noen alle flere slik likevel
    dessuten derfor hvor hvem hva hvis selv ikke bare allerede
    er sie es wir ich und aber als wie wo auch noch doch nur mit aus auf für über durch ohne
    um zu seine seiner seinen seinem ihr ihre ihren ihrem dieser diese dieses diesem diesen
    damals später heute dann danach zwar laut nachdem obwohl weil wenn dort hier erst schon
    bereits jedoch trotz wegen sowie etwa
    tochter sohn vater mutter bruder schwester frau herr ehefrau witwe onkel
    datter sønn far mor bror søster kone enke fru herr frøken
    reichskommissar lensmann kong kongen könig prins prinz """.split()
)
# Titles written after a name that are no part of it ("Enver Pascha", "Mustafa Bey").
HONORIFICS_AFTER = frozenset(
    "pascha pasha pacha paşa bey bei beg efendi effendi ага аға ата апа".split()
)
# Words that make a capitalised group the name of an institution, not of a person.
INSTITUTION_WORDS = frozenset(
    """
    university institute archive archives museum library center centre committee academy
    school college street avenue square bridge station hospital foundation society publishing
    house press agency army regiment brigade legion front court force forces navy council
    group groupe gruppe detachment détachement
    ministry office department bureau parliament government party church cathedral
    université institut archives musée bibliothèque rue place école lycée régiment
    университет университета институт института архив архива музей музея библиотека улица
    проспект площадь фонд академия школа полк бригада
    университеті институты мұрағаты мұражайы кітапханасы көшесі академиясы мектебі
    армия армии армией әскер әскері полкі бригадасы
    """.split()
)
# Words right after a name that say the name is a unit's or a place's ("Ленин атындағы
# бригада") or that the capitalised word is a place ("Тетерев өзені", "river Teterev").
_NEXT = r"^[ \t\u00a0]*\n?[ \t\u00a0]*"  # the same line or the next, never past a blank line
EPONYM_AFTER = re.compile(
    _NEXT + r"(атындағы|атында|атымен|named|university|institute|brigade|detachment|battalion|"
    r"regiment|division|group|détachement|groupe|bataillon)\b",
    re.IGNORECASE,
)
EPONYM_BEFORE = re.compile(
    r"(имени|им\.|named after|named for|dit|groupe|group|gruppe|détachement|detachment)\s*$",
    re.IGNORECASE,
)  # "Groupe Mario", "détachement Stalingrad": a unit named after someone
PLACE_AFTER = re.compile(
    _NEXT + r"(өзен\w*|көл\w*|қала\w*|облыс\w*|аудан\w*|ауыл\w*|тау\w*|даласы\w*|river|lake|town|"
    r"district|region|oblast|province|mountains?|valley|village|город\w*|район\w*|област\w*)\b",
    re.IGNORECASE,
)
PLACE_BEFORE = re.compile(
    r"((?:südlich|nördlich|westlich|östlich) von|(?:sør|nord|vest|øst) for|"
    r"река|реки|реке|город|города|городе|г\.|село|села|селе|станция|станции|деревня|деревни|"
    r"river|lake|town of|city of|village of|camp of|rivière|ville de|village de)\s*$",
    re.IGNORECASE,
)
# Places outside the gazetteer that texts on the war name constantly, in four languages: the
# countries of Europe and Asia and the capitals and battle cities every history names (none
# kept because one seed or gold text has it; smaller towns come from pymorphy3's toponyms).
_PLACES = frozenset(
    """
    украина украины украине украину белоруссия белоруссии польша польши германия германии
    франция франции норвегия норвегии италия италии бельгия бельгии югославия голландия
    европа европы азия азии россия россии ресей литва латвия эстония карелия молдавия
    чехословакия венгрия болгария румыния австрия греция албания китай қытай
    ukraine belarus poland germany france norway italy belgium yugoslavia holland netherlands
    europe asia russia lithuania latvia estonia sweden finland austria hungary bulgaria
    romania greece albania czechoslovakia
    pologne allemagne norvège italie belgique yougoslavie europe russie suède
    берлин мәскеу москва сталинград ленинград смоленск брянск гомель киев
    berlin moscow stalingrad leningrad smolensk paris toulouse oslo
    deutschland sowjetunion russland frankreich norwegen schweden polen italien österreich
    tyskland sovjetunionen sovjet russland frankrike norge sverige polen danmark finland
    kharkov kharkiv charkow charkiw kiev kyiv kiew odessa odesa sevastopol sewastopol kerch
    kertsch vyazma wjasma rzhev rschew kursk voronezh woronesch rostov rostow
    """.split()
)
FAMOUS_PEOPLE = frozenset(
    """
    hitler гитлер stalin сталин lenin ленин churchill черчилль roosevelt рузвельт mussolini
    муссолини tito тито pétain petain петен
    himmler гиммлер göring goering геринг goebbels геббельс ribbentrop риббентроп keitel
    rommel quisling квислинг terboven тербовен falkenhorst фалькенхорст eisenhower эйзенхауэр
    truman трумэн mannerheim маннергейм
    """.split()
)
_NAME_TAGS = ("Name", "Surn", "Patr")


def _cyrillic_forms(word: str) -> tuple[str, ...]:
    """The word as pymorphy3 could know it: itself (Kazakh letters russified, a Kazakh case
    ending removed), or for a Latin word its most plausible Cyrillic originals."""
    lowered = word.lower().replace("ə", "ә")
    if _CYRILLIC.search(lowered):
        forms = {lowered, russify(lowered), kazakh_base(lowered), russify(kazakh_base(lowered))}
        return tuple(sorted(forms))
    return tuple(h.cyrillic.lower() for h in cyrillic_candidates(word, limit=3))


@lru_cache(maxsize=200_000)
def _dictionary_tags(form: str) -> frozenset[str]:
    """Tags of the dictionary's own readings of a word (its guesses for unknown words are
    not evidence): Name, Surn, Patr, Geox; "noun" for an ordinary noun and "word" for any
    other ordinary word (an adjective, a verb: never a name)."""
    from tagdyr.names.morph import _analyzer

    analyzer = _analyzer()
    if not analyzer.word_is_known(form):
        return frozenset()
    tags: set[str] = set()
    for parse in analyzer.parse(form):
        named = {t for t in (*_NAME_TAGS, "Geox") if t in parse.tag}
        tags |= named or {"noun" if parse.tag.POS == "NOUN" else "word"}
    return frozenset(tags)


@lru_cache(maxsize=200_000)
def tags_of(word: str) -> frozenset[str]:
    tags: set[str] = set()
    for form in _cyrillic_forms(word):
        tags |= _dictionary_tags(form)
    return frozenset(tags)


@lru_cache(maxsize=200_000)
def is_given_name(word: str) -> bool:
    """A given name by pymorphy3's dictionary or by our own list, in any script."""
    if "-" in word.strip("-"):  # "Jean-Claude", "Per-Kaare": every part a given name
        return all(is_given_name(part) for part in word.split("-"))
    return (
        "Name" in tags_of(word) or listed_given_name(word) or listed_given_name(kazakh_base(word))
    )


@lru_cache(maxsize=200_000)
def _nominative_name(form: str) -> bool:
    from tagdyr.names.morph import _analyzer

    analyzer = _analyzer()
    return analyzer.word_is_known(form) and any(
        "Name" in p.tag and "nomn" in p.tag and "sing" in p.tag and p.normal_form == form
        for p in analyzer.parse(form)
    )


@lru_cache(maxsize=200_000)
def is_given_name_as_written(word: str) -> bool:
    """A given name of our own list, or of pymorphy3's in its dictionary form: a Latin word
    whose Cyrillic reading is a name only in another case ("Marine": "Марине", "Seite":
    "Сейте") is not one, so that a given name alone can be trusted ("… sa Nikolaj")."""
    if listed_given_name(word):
        return True
    if _CYRILLIC.search(word):
        return _nominative_name(russify(word.lower()))
    return any(_nominative_name(h.cyrillic.lower()) for h in cyrillic_candidates(word, limit=3))


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None


def is_listed_place(word: str) -> bool:
    """A country or city of the short lists above (not the gazetteer's fuzzy readings)."""
    lowered = word.lower().replace("ə", "ә")
    return lowered in _PLACES or kazakh_base(lowered) in _PLACES


def is_place(word: str) -> bool:
    """A country, town or region by the lists, the gazetteer or the dictionary (a word that
    is a place and nothing else there; "Калинин" is a town and a surname)."""
    from tagdyr.vocab.gazetteer import resolve

    if is_listed_place(word):
        return True
    if len(word) >= 4 and resolve(kazakh_base(word)):
        return True
    if not _CYRILLIC.search(word):  # a Latin word's Cyrillic readings are guesses: "Kara"
        # is no "Кара" (also a noun); its likeliest one, read as a place and as nothing else,
        # is: "Pskov" ("Kasym" is no "Казым", its second reading)
        likeliest = cyrillic_candidates(word, limit=1)
        return bool(likeliest) and _dictionary_tags(likeliest[0].cyrillic.lower()) == {"Geox"}
    tags = tags_of(word)
    return "Geox" in tags and not tags & {"Name", "Surn", "Patr"}


def is_ordinary_word(word: str, sentence_start: bool) -> bool:
    """A word of the dictionary that is no name and no place: an adjective or a verb
    ("Чрезвычайный") anywhere, a noun ("Встреча") at the start of a sentence (elsewhere a
    capitalised noun may be a given name: "Кайр", "Казан")."""
    if _CYRILLIC.search(word) is None:
        return False
    tags = tags_of(word)
    return bool(tags) and tags <= ({"noun", "word"} if sentence_start else {"word"})
