"""Facts of a life stated in the words right around a mention, in the six languages of the
texts (kk, ru, en, fr, de, no): the role or profession written before a name ("the journalist
…", "поэт …", "forsker …"), a German or Norwegian birth ("… wurde im Mai 1901 geboren", "… var
født i 1907"), a Kazakh birth with its place ("1914 жылы Павлодарда туған"), and the camp a
person was in ("fangeleiren på …", "из лагеря в …", "im Lager …"). Each pattern is narrow on
purpose: a fact no source states is worse than a missing one."""

from __future__ import annotations

import re

from tagdyr.texts.claims import Claim

# Roles and professions, lower case; a Norwegian or Danish definite form (-en, -et) and a
# Kazakh or Russian case ending are not added here but matched by _ROLE_WORD below.
_ROLES = frozenset(
    """poet writer journalist historian ambassador senator mayor professor scientist teacher
    editor researcher artist composer painter lawyer doctor engineer pilot translator
    poète écrivain écrivaine journaliste historien historienne ambassadeur ambassadrice sénateur
    maire professeur chercheur chercheuse correcteur avocat médecin instituteur traducteur
    поэт поэтесса писатель журналист журналистка историк посол педагог учитель профессор учёный
    ученый редактор врач инженер художник композитор режиссёр режиссер переводчик
    ақын жазушы тарихшы ғалым елші ұстаз мұғалім профессор суретші дәрігер аудармашы
    dichter schriftsteller schriftstellerin journalistin historiker historikerin botschafter
    botschafterin forscher forscherin lehrer redakteur arzt übersetzer
    forfatter historikar forsker forskar ambassadør lærar lærer redaktør prosjektmedarbeider
    heradsskogmeister
    leader director chairman commander-in-chief minister président présidente adjoint adjointe
    ministre directeur directrice директор корреспондент министр председатель direktør leiar
    leder generalquartiermeister vorsitzender direktor
    автор режиссер vorsitzende""".split()
)
# a word before a role that is part of it: "senior correspondent", "бас редакторы" (chief editor)
_ROLE_MODIFIERS = frozenset("senior chief deputy старший главный бас".split())
# a Kazakh genitive right before a possessive role is what the role is of: "кітаптың авторы"
_KAZAKH_GENITIVE = re.compile(r"(?<![\w-])[^\W\d_]+(?:ның|нің|дың|дің|тың|тің)\s+$")
_JOIN = r"(?:,\s*|\s+(?:and|et|и|және|әрі|und|og)\s+)"
_ROLE_WORD = r"(?:[lL]['’])?[^\W\d_]+"
# the roles right before a mention, a nationality adjective allowed between ("l'historien
# français …"); the whole chain of coordinated roles is the value ("poet, writer")
_ROLE_BEFORE = re.compile(
    rf"(?<![\w-])(?P<phrase>{_ROLE_WORD}(?:{_JOIN}{_ROLE_WORD})*)"
    r"(?:\s+(?:français|française|kazakh|kazakhe|russe|soviétique|norvégien|allemand))?\s+$"
)


def _is_role(word: str) -> bool:
    word = re.sub(r"^l['’]", "", word.lower())
    if word in _ROLES:
        return True
    # a Norwegian definite form ("journalisten", "forskeren"), a German genitive
    # ("Kriegsministers"), a Kazakh possessive ("редакторы", "режиссері")
    endings = ("en", "et", "n", "s", "ы", "і", "i")
    return any(word == role + ending for role in _ROLES for ending in endings)


def roles_before(text: str, start: int, left: int) -> list[Claim]:
    """The role or roles written right before the mention at ``start`` (within its sentence,
    which begins at ``left``); the words must all be roles."""
    before = text[max(left, start - 80) : start]
    found = _ROLE_BEFORE.search(before)
    if not found:
        return []
    phrase = found.group("phrase")
    words = re.split(_JOIN, phrase)
    # keep the longest tail of the chain whose words are all roles
    while words and not all(_is_role(w) for w in words):
        words = words[1:]
    if not words:
        return []
    at = start - len(before) + found.start("phrase") + phrase.rfind(words[0])
    at = _with_modifiers(text, at, left)
    value = text[at : start - len(before) + found.end("phrase")]
    return [Claim("role", value, value, at, at + len(value))]


def _with_modifiers(text: str, at: int, left: int) -> int:
    """Where a role beginning at ``at`` begins with the words written with it: a modifier
    ("бас редакторы", "senior correspondent") or, before a Kazakh possessive ("авторы"), the
    genitive it is of ("кітаптың авторы")."""
    before = text[max(left, at - 60) : at]
    word = re.search(r"(?<![\w-])([^\W\d_]+)\s+$", before)
    if word and word.group(1).lower() in _ROLE_MODIFIERS:
        return at - len(before) + word.start()
    genitive = _KAZAKH_GENITIVE.search(before)
    if genitive and re.match(r"[^\W\d_]+[ыі]\b", text[at:]):
        return at - len(before) + genitive.start()
    return at


# a role with what it is of, right before a name ("maire du 8e arrondissement Jeanne …",
# "the Ambassador of Kazakhstan to Norway Adil …", "forsker ved Falstadsenteret, Marianne …")
# or in apposition after it ("Nelly Leblond, maire de Jouqueviel,")
_OF = r"(?:of|to|at|in|du|de|des|au|aux|à|ved|for|i|im|der|am)(?![\w'’])"
_BEFORE_NAME = re.compile(rf"^\s+{_OF}[^.,;:!?()\n]{{1,60}}?\s*,?\s*$")
_ROLE_HEAD = re.compile(r"(?<![\w'’-])(?:[lL]['’])?[^\W\d_][\w-]*")
_APPOSITION = re.compile(
    r"^,\s+(?:(?:the|le|la|der|die|den)\s+)?(?P<phrase>(?:[lL]['’])?[^\W\d_][\w-]*"
    rf"(?:\s+{_OF}[^.,;:!?()\n]{{1,60}}?)?)(?=\s*(?:[,.;)]|$))"
)
_MAX_WORDS = 8


def roles_around(text: str, start: int, end: int, left: int, right: int) -> list[Claim]:
    """A role with its complement written right before the mention at ``start``–``end`` or in
    apposition after it, within its sentence (``left``–``right``)."""
    found = []
    before = text[max(left, start - 90) : start]
    for head in _ROLE_HEAD.finditer(before):
        rest = before[head.end() :]
        if _is_role(head.group()) and _BEFORE_NAME.match(rest):
            at = start - len(before) + head.start()
            value = text[at:start].rstrip(" ,\n")
            if len(value.split()) <= _MAX_WORDS:
                found.append(Claim("role", value, value, at, at + len(value)))
            break
    after = _APPOSITION.match(text[end:right])
    if after and _is_role(after.group("phrase").split()[0]):
        value = after.group("phrase").strip()
        at = end + after.start("phrase")
        if len(value.split()) <= _MAX_WORDS:
            found.append(Claim("role", value, value, at, at + len(value)))
    return found


# a role the person was elected or appointed to, after the name in its sentence: "… wurde zum
# Vorsitzenden des Rates gewählt", "… was appointed director of the museum", "… ble valgt til
# leder av …", "… fut nommé directeur de …" (not yet Russian: its instrumental case)
_APPOINTED = (
    re.compile(r"^[^.;]{0,40}?\b(?:wurde|ist|war)\s+(?:\w+\s+){0,2}?zum\s+(?P<phrase>[^\W\d_]+"
               r"(?:\s+(?:des|der)\s+[^.,;]{1,50}?)?)\s+(?:gewählt|ernannt|berufen)\b"),
    re.compile(r"^[^.;]{0,40}?\b(?:was|were)\s+(?:\w+\s+)?(?:elected|appointed|named)\s+(?:as\s+)?"
               r"(?P<phrase>[^\W\d_][\w-]*(?:\s+of\s+(?:the\s+)?[^.,;]{1,50}?)?)(?=\s*(?:[,.;]|$|"
               r"\s+(?:in|on)\s+\d{4}))"),
    re.compile(r"^[^.;]{0,40}?\b(?:ble|vart)\s+(?:valgt|utnevnt|utnemnd)\s+til\s+(?P<phrase>"
               r"[^\W\d_]+(?:\s+(?:av|for|ved)\s+[^.,;]{1,50}?)?)(?=\s*(?:[,.;]|$))"),
    re.compile(r"^[^.;]{0,40}?\b(?:fut|a été|est|était)\s+(?:\w+\s+)?(?:nommée?|élue?)\s+"
               r"(?P<phrase>[^\W\d_]+(?:\s+(?:du|de la|de|des|d['’])\s*[^.,;]{1,50}?)?)"
               r"(?=\s*(?:[,.;]|$))"),
)  # fmt: skip


def roles_appointed(text: str, end: int, right: int) -> list[Claim]:
    """The role the person named right before ``end`` was elected or appointed to, stated in
    the rest of the sentence (which ends at ``right``)."""
    after = text[end:right]
    for pattern in _APPOINTED:
        match = pattern.match(after)
        if match and _is_role(match.group("phrase").split()[0]):
            value = match.group("phrase")
            if len(value.split()) <= _MAX_WORDS:
                at = end + match.start("phrase")
                return [Claim("role", value, value, at, at + len(value))]
    return []


# a byline: a name alone on its line, its role alone on the next ("… \nsenior correspondent of
# the culture desk\n")
_NEXT_LINE = re.compile(
    r"^[ \t]*,?[ \t]*\n[ \t]*(?P<phrase>[^\W\d_][^\n.!?;:]{0,70}?)[ \t]*(?:\n|$)"
)


def role_on_next_line(text: str, start: int, end: int) -> list[Claim]:
    """The role written alone on the line after a name written alone on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    below = _NEXT_LINE.match(text[end : end + 100])
    if text[line_start:start].strip() or not below:
        return []
    words = below.group("phrase").split()
    head = words[1] if words[0].lower() in _ROLE_MODIFIERS and len(words) > 1 else words[0]
    if not _is_role(head) or len(words) > _MAX_WORDS:
        return []
    at = end + below.start("phrase")
    value = below.group("phrase")
    return [Claim("role", value, value, at, at + len(value))]


_AFTER_BIRTH = (
    # German: "… wurde am 3. Mai 1901 (in …) geboren", "… ist 1901 geboren"
    re.compile(r"^[^.;]{0,40}?\b(?:wurde|ist|war)\s+(?:am\s+|im\s+)?(?P<date>(?:\d{1,2}\.\s+)?"
               r"(?:[^\W\d_]+\s+)?\d{4})\b[^.;]{0,80}?\bgeboren\b"),
    # Norwegian: "… var født i 1907", "… ble født den 3. mai 1901"
    re.compile(r"^[^.;]{0,40}?\b(?:er|var|ble|vart)\s+født\s+(?:i\s+|den\s+)?(?P<date>"
               r"(?:\d{1,2}\.\s+)?(?:[^\W\d_]+\s+)?\d{4})"),
)  # fmt: skip
_KAZAKH_BORN = re.compile(
    r"^[^.;]{0,20}?\b(?P<date>\d{4})\s+жылы\s+(?:(?P<place>[А-ЯӘҒҚҢӨҰҮҺІ][\w-]+?)"
    r"(?:да|де|та|те)\s+)?туған"
)


_CAP = r"[A-ZÆØÅÄÖÜÉА-ЯЁ][\w'’-]+"
_BIRTH_DATE = r"(?:\d{1,2}(?:er)?\.?\s+)?(?:[^\W\d_]+\s+)?(?:\d{1,2},?\s+)?\d{4}"
# a birth with its date and then its place, right after the mention: "… was born in 1919 in
# the village of Ozernoye, Lenin district, Omsk region", "… né le 3 mai 1901 à Lyon",
# "… родился в 1919 году в селе Озёрное", "… var født i 1907 i Bodø"
_BIRTH_THEN_PLACE = re.compile(
    r"^[^.;]{0,40}?\b(?:born|née?|родил(?:ся|ась)|født)\s+(?:on\s+|in\s+|le\s+|en\s+|в\s+|i\s+"
    rf"|den\s+)?{_BIRTH_DATE}(?:\s+(?:года|году|г\.))?\s+(?:in|at|à|в|i|på)\s+"
    r"(?:the\s+(?:village|town|city|aul|settlement)\s+of\s+|(?:селе|деревне|ауле|городе|"
    rf"посёлке|поселке)\s+)?(?P<place>{_CAP}(?:[ -]{_CAP}(?![\w'’-])(?!\s+(?:област|район)))*"
    rf"(?:,\s+{_CAP}\s+(?:district|region|oblast|province|район[а-я]*|област[а-я]*))*)"
)


def births_after(text: str, end: int) -> list[Claim]:
    """A birth stated right after the mention (or its pronoun) ending at ``end``."""
    from tagdyr.dates import find_date

    after = text[end : end + 160]
    found: list[Claim] = []
    for pattern in _AFTER_BIRTH:
        match = pattern.match(after)
        date = find_date(match.group("date")) if match else None
        if match and date:
            found.append(Claim("birth", date.start, match.group(), end, end + match.end()))
    then_place = _BIRTH_THEN_PLACE.match(after)
    if then_place:
        at = end + then_place.start("place")
        found.append(Claim("birth_place", then_place.group("place"), then_place.group("place"), at,
                           end + then_place.end("place")))  # fmt: skip
    kazakh = _KAZAKH_BORN.match(after)
    if kazakh:
        found.append(Claim("birth", kazakh.group("date"), kazakh.group(), end, end + kazakh.end()))
        place = kazakh.group("place")
        if place and _is_place(place):
            at = end + kazakh.start("place")
            found.append(Claim("birth_place", place, place, at, at + len(place)))
    return found


def _is_place(name: str) -> bool:
    from tagdyr.vocab.gazetteer import resolve

    return bool(resolve(name))


_PLACE = r"[A-ZÆØÅÄÖÜА-ЯЁ][\w-]+"
_CAMPS = (
    # Norwegian: "fangeleiren på Fjone", "en fangeleir i Trondheim"; "kom til Bjørnelva leir"
    re.compile(rf"\b(?:fange)?leir(?:en)?\s+(?:på|i|ved)\s+(?P<camp>{_PLACE})"),
    re.compile(rf"\b(?:kom|sendt|send)\s+til\s+(?P<camp>{_PLACE}\s+leir)\b"),
    # Russian: "из лагеря в Суле", "в лагере под Ригой"
    re.compile(rf"\bлагер[ьяеи]\w*\s+(?:в|под|близ)\s+(?P<camp>{_PLACE})"),
    # German and English: "im Lager Sandbostel", "Stalag 326", "the camp at Saltfjell"
    re.compile(rf"\b(?:im\s+(?:Kriegsgefangenen)?[Ll]ager|camp\s+(?:at|in))\s+(?P<camp>{_PLACE})"),
    re.compile(r"\b(?P<camp>(?:Stalag|Oflag|Dulag)\s+(?:[IVX]+\s*)?\d+(?:\s*[A-Z]\b)?)"),
    # French: "au camp de Sandbostel"
    re.compile(rf"\bcamp\s+d[e']\s*(?P<camp>{_PLACE})"),
)  # fmt: skip


# "shot in a camp at …" states where he died, not a stay in the camp; "buried in a common
# grave near the camp" where he lies
_DIED_IN = re.compile(
    r"(?:shot|killed|died|skutt|drept|døde|erschossen|getötet|gestorben|расстрелян\w*|убит\w*|"
    r"умер\w*|fusillée?|tuée?|mort)\s+(?:\w+\s+){0,2}$|"
    r"(?<!\w)(?:buried|begraben|beigesetzt|bestattet|gravlagt|gravlagd|похоронен\w*|"
    r"погребен\w*|жерленген|жерленді|enterrée?s?|inhumée?s?)\b[^.;]{0,60}$"
)


_NAMED = re.compile(rf"{_PLACE}\s+$")


def camps_in(left: int, sentence: str) -> list[Claim]:
    """The camps a sentence names as where someone was (``left`` is where it starts in the
    text)."""
    found = []
    for pattern in _CAMPS:
        for match in pattern.finditer(sentence):
            before = sentence[: match.start()]
            if _DIED_IN.search(before) or (pattern is _CAMPS[0] and _NAMED.search(before)):
                continue  # "Bjørnelva leir på Saltfjellet": the camp is Bjørnelva leir
            camp = match.group("camp")
            at = left + match.start()
            found.append(Claim("camp", camp, match.group(), at, left + match.end()))
    return found


_UNIT = (
    r"(?P<unit>(?:\d+(?:e|er|ère|ème)\s+)?(?:compagnie|bataillon|régiment|brigade|détachement|"
    r"maquis|groupe)\s+(?:des|du|de la|de|d['’])\s*[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*)*)"
)
# "Dans la 36e compagnie des F.T.P. …, se trouvent : A, B, C": the unit of all the sentence names
_UNIT_FRAME = re.compile(rf"^\s*(?:Dans|Au sein d[eu])\s+(?:la|le|l['’])?\s*{_UNIT}")
# "… rejoint le maquis de Cabertat": the unit of the one named before it
_UNIT_JOINED = re.compile(
    rf"\b(?:rejoin\w*|intègre\w*|intégr\w*|incorpor\w*)\s+(?:la|le|l['’])?\s*{_UNIT}"
)


def units_in(left: int, sentence: str) -> list[tuple[Claim, bool]]:
    """The French units a sentence names, each with whether it frames the whole sentence
    (then it is every named person's) or was joined by the one named before it."""
    found = []
    for pattern, frame in ((_UNIT_FRAME, True), (_UNIT_JOINED, False)):
        for match in pattern.finditer(sentence):
            unit = match.group("unit").rstrip(".")
            found.append((Claim("unit", unit, match.group(), left + match.start(),
                                left + match.end()), frame))  # fmt: skip
    return found
