"""Claims a sentence makes about the person it names, where a pattern is reliable: the unit
and the role in it ("командир отряда «Заря»", "«Заря» отрядының командирі", "commander of the
Zarya detachment", "chef du maquis Bir-Hakeim"). The unit is named in one normalized form
("отряд «Заря»") so that mentions of one unit in different cases and texts agree."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tagdyr.texts.events import DATE, EVENT_KINDS

_QUOTED = r"[«\"“]([^»\"”]{2,40})[»\"”]"
_UNIT_WORDS = {
    "отряда": "отряд", "отряд": "отряд", "группы": "группа", "группа": "группа",
    "батальона": "батальон", "бригады": "бригада", "роты": "рота",
    "отрядының": "отряд", "отряды": "отряд", "бөлімінің": "бөлім", "бөлімі": "бөлім",
    "тобының": "топ", "тобы": "топ", "бригадасының": "бригада", "бригадасы": "бригада",
    "бөлімі құрамында": "бөлім",
}  # fmt: skip
_PATTERNS = (
    # командир отряда «Заря», боец группы «Свобода»
    re.compile(rf"(командир|комиссар|боец|бойцом|член|заместитель командира|командиром)\s+"
               rf"(отряда|группы|батальона|бригады|роты)\s+{_QUOTED}", re.IGNORECASE),
    # «Заря» отрядының командирі
    re.compile(rf"{_QUOTED}\s+(?:партизандық\s+|партизандар\s+)?(отрядының|бөлімінің|тобының|"
               rf"бригадасының)\s+(командирі|жауынгері|мүшесі|комиссары|штаб бастығы)",
               re.IGNORECASE),
    # commander of the Zarya detachment / of the "Zarya" group
    re.compile(r"(commander|member|fighter|leader)\s+of\s+the\s+"
               r"[\"“«]?([A-Z][\w-]+(?:[ -][A-Z][\w-]+)?)[\"”»]?\s+"
               r"(detachment|group|maquis|battalion|brigade)"),
    # chef du maquis Bir-Hakeim / membre du groupe «Liberté»
    re.compile(r"(chef|commandant|membre|combattant)\s+du\s+(maquis|groupe|détachement)\s+"
               r"[«\"“]?\s*([A-Z][\w-]+(?:[ -][A-Z][\w-]+)?)\s*[»\"”]?"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class UnitClaim:
    unit: str  # normalized: 'отряд «Заря»', 'Zarya detachment', 'maquis Bir-Hakeim'
    role: str  # as written
    text: str  # the phrase as written


# A sentence ends at . ! ? … before a space or a blank line, but not after an initial or a
# one-letter abbreviation ("И.В. Бартов", "Zh. Katshikov", "г. Павлодар").
# A paragraph ends at a blank line, or at a line break the next line does not go on after
# (a wrapped line goes on in lower case): web pages often give each paragraph one line.
_PARAGRAPH_BREAK = r"\n\s*\n|\n(?![ \t\u00a0]*[a-zа-яёәғқңөұүһіæøåäöüßéèêëàâçîïôûùœ])"
PARAGRAPH = re.compile(_PARAGRAPH_BREAK)
_BOUNDARY = re.compile(rf"(?<!\b\w)(?<!\b[A-Z][a-z])[.!?…]+(?=\s)|{_PARAGRAPH_BREAK}|[.!?…]{{2,}}")
_REACH = 600  # characters looked at on each side of a mention


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the sentence around ``start``–``end``."""
    window = max(0, start - _REACH)
    left = max((m.end() for m in _BOUNDARY.finditer(text, window, start)), default=window)
    after = _BOUNDARY.search(text, end, end + _REACH)
    return left, after.start() if after else min(len(text), end + _REACH)


def unit_of(text: str, start: int, end: int) -> UnitClaim | None:
    """The unit (and role) the sentence of a mention states, if a reliable pattern says so;
    of several, the one right after the mention ("Сатымбек Төлешев («Заря» отрядының
    командирі), Василий Шарудо («Железняк» … командирі)"), else the nearest before it."""
    left, right = sentence_span(text, start, end)
    sentence = text[left:right]
    matches = [(m, n) for n, p in enumerate(_PATTERNS) for m in p.finditer(sentence)]
    if not matches:
        return None
    after = [(m, n) for m, n in matches if left + m.start() >= end]
    found, number = (
        min(after, key=lambda mn: mn[0].start())
        if after
        else max(matches, key=lambda mn: mn[0].start())
    )
    groups = found.groups()
    if number == 0:
        role, kind, name = groups
        unit = f"{_UNIT_WORDS[kind.lower()]} «{name}»"
    elif number == 1:
        name, kind, role = groups
        unit = f"{_UNIT_WORDS[kind.lower()]} «{name}»"
    elif number == 2:
        role, name, kind = groups
        unit = f"{name} {kind}"
    else:
        role, kind, name = groups
        unit = f"{kind} {name}"
    return UnitClaim(unit, role, found.group().strip())


# --- claims of every kind about one mention ----------------------------------------------

_KAZAKH_EVENT = re.compile(
    rf"(?P<date>{DATE})\s+жыл\w*[^.;]{{0,50}}?(?P<verb>тұтқынға түсті|қамалды|ақталды|"
    r"қаза тапты|елге оралды|қашып шықты|сотталды|тұтқынға түскен|қамалған|ақталған|"
    r"қаза тапқан|елге оралған|қашып шыққан|сотталған)"
)
_KAZAKH_KINDS = {"тұтқынға түсті": "capture", "қамалды": "arrest", "ақталды": "rehabilitation",
                 "қаза тапты": "death", "елге оралды": "repatriation",
                 "қашып шықты": "escape", "сотталды": "sentence",
                 # the participles: "1942 жылы тұтқынға түскен" (was taken prisoner in 1942)
                 "тұтқынға түскен": "capture", "қамалған": "arrest", "ақталған": "rehabilitation",
                 "қаза тапқан": "death", "елге оралған": "repatriation",
                 "қашып шыққан": "escape", "сотталған": "sentence"}  # fmt: skip
_AWARD_PATTERNS = (
    # награжден орденом «Красной Звезды», медалью «За отвагу»
    re.compile(r"(?:награжд\w+|удостоен\w*)\s+(?:\w+\s+){0,2}?(?:орден\w*|медал\w*)\s+"
               r"(?P<award>«[^»]{2,60}»|Ленина|Славы[^,.;]*|Красной Звезды|Красного Знамени)"),
    # «Батылдығы үшін» медальдарымен марапатталған (a list of awards before the word)
    re.compile(r"(?P<award>(?:«[^»]{2,60}»(?:,\s*|\s+(?:және|мен)\s+)?)+)\s*"
               r"(?:медал\w*|орден\w*)\s+марапатта\w*"),
    re.compile(r"(?:awarded|decorated with)\s+(?:the\s+|a\s+)?(?P<award>(?:Order|Medal) of "
               r"(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*|(?:medal|order)\s+[“\"«][^”\"»]+[”\"»]|"
               r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*\s+(?:Medal|Cross|Star))"),
    re.compile(r"(?:décorée?|a reçu|reçut|obtint)\s+(?:de\s+)?(?:la\s+|l')?(?P<award>médaille\s+"
               r"[^,.;]{3,50}|[Cc]roix de [Gg]uerre[^,.;]{0,20}|Légion d'honneur)"),
    re.compile(r"(?:медаль|medal|médaille)\s+(?P<award>\d{4}\s*[–-]\s*\d{4}\s+(?:годов\s+)?"
               r"(?:с планкой\s+)?«[^»]{2,40}»)"),
)  # fmt: skip
# "Алматы облысының тумасы Нұрым Сыдықов", "уроженец Павлодара", "born in Pavlodar", "né à Albi"
_BIRTHPLACE_BEFORE = re.compile(
    r"(?P<phrase>(?P<place>[А-ЯӘҒҚҢӨҰҮҺІA-Z][\w-]+(?:\s+облысының|\s+ауданының)?)\s+тумасы)"
    r"[.\s]*$"
)
_BIRTHPLACE_AFTER = re.compile(
    r"^[^.;]{0,60}?(?P<phrase>(?:уроженец|уроженка|родом из|born in|born at|née? à|"
    r"originaire de)\s+(?P<place>[А-ЯЁA-Z][\w-]+(?:[ -][А-ЯЁA-Z][\w-]+)?))"
)
_DEMONYM = re.compile(r"(?P<phrase>(?P<stem>[а-яәғқңөұүһіə-]{3,}?)(?:лық|лік|дық|дік|тық|тік))\s*$")
_IN_BRACKETS = re.compile(
    r"^\s*(?P<phrase>\((?P<place>[A-ZА-ЯЁ][\w'-]+(?:[ -][A-ZА-ЯЁ][\w'-]+)*)\))"
)
_BORN = re.compile(
    r"^[^.;]{0,60}?(?:(?P<y1>\d{4})\s*(?:жылы\s+туған|ж\.\s*т\.|года\s+рождения|г\.\s*р\.)|"
    r"(?:born|né|née|родился|родилась)\s+(?:in\s+|en\s+|le\s+|в\s+|on\s+)?"
    r"(?P<date>[^\W\d_]+\s+\d{1,2},?\s+\d{4}|\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4}|"
    r"[^\W\d_]+\s+\d{4}|\d{4}))",
    re.IGNORECASE,
)


# Every kind of claim read from texts (the importer has a column for each).
KINDS = ("birth", "birth_place", "residence", "rank", "unit", "role", "award", "camp",
         *EVENT_KINDS)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str  # one of KINDS
    value: str  # the date (ISO, as precise as stated), the award or the place as written
    text: str  # the phrase as written
    start: int
    end: int

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "value": self.value, "text": self.text,
                "start": self.start, "end": self.end}  # fmt: skip


def _kazakh_events(left: int, sentence: str) -> list[Claim]:
    """Kazakh events: the year, then the verb at the clause's end ("1942 жылы тұтқынға түсті")."""
    from tagdyr.dates import find_date

    found = []
    for match in _KAZAKH_EVENT.finditer(sentence):
        date = find_date(match.group("date"))
        if date is not None:
            # the phrase begins at the year: the word before it may be the subject ("Ол 1942")
            year = match.start() + match.group().find(date.start[:4])
            found.append(Claim(_KAZAKH_KINDS[match.group("verb")], date.start,
                               sentence[year : match.end()], left + year,
                               left + match.end()))  # fmt: skip
    return found


_MOST_OF_THEM = re.compile(r"көпшілігі|большинство|большая часть|most of|la plupart", re.I)


def _awards(left: int, sentence: str) -> list[Claim]:
    """Awards the sentence states; none when it says "most of them" were awarded."""
    if _MOST_OF_THEM.search(sentence):
        return []
    found = []
    for pattern in _AWARD_PATTERNS:
        for match in pattern.finditer(sentence):
            for award in re.findall(r"«[^»]+»", match.group("award")) or [match.group("award")]:
                found.append(Claim("award", award.strip(" ,"), match.group(),
                                   left + match.start(), left + match.end()))  # fmt: skip
    return found


def _places(text: str, start: int, end: int) -> list[Claim]:
    """Where the person was born or came from, stated right before or after the mention."""
    found = []
    before, after = text[max(0, start - 60) : start], text[end : end + 90]
    born_at = _BIRTHPLACE_BEFORE.search(before)
    if born_at:
        place = re.sub(r"(облыс|аудан)ының$", r"\1ы", born_at.group("place"))
        found.append(_claim_at("birth_place", place, born_at, start - len(before)))
    born_in = _BIRTHPLACE_AFTER.match(after)
    if born_in:
        found.append(_claim_at("birth_place", born_in.group("place"), born_in, end))
    demonym = _DEMONYM.search(before)
    if demonym and _is_place(demonym.group("stem")):
        stem = demonym.group("stem").capitalize()
        found.append(_claim_at("residence", stem, demonym, start - len(before)))
    bracketed = _IN_BRACKETS.match(after)
    if bracketed and _is_place(bracketed.group("place")):
        found.append(_claim_at("residence", bracketed.group("place"), bracketed, end))
    return found


def _claim_at(kind: str, value: str, match: re.Match[str], offset: int) -> Claim:
    """A claim whose phrase is the match's group "phrase", at ``offset`` in the text."""
    start, end = match.span("phrase")
    return Claim(kind, value, match.group("phrase"), offset + start, offset + end)


_RANK_AFTER = re.compile(r"^,?\s+(?P<phrase>[^\W\d_][\w.-]*(?:\s+[^\W\d_][\w.-]*)?)(?=\s*[,.;)])")
_RANK_BEFORE = re.compile(r"(?P<phrase>(?:[^\W\d_][\w.-]*\s+){0,2}[^\W\d_][\w-]*)\s+$")
_IN_RANK = re.compile(
    r"(?:в звании|званием|in the rank of|au grade de)\s+(?P<phrase>\w+(?:\s+\w+)?)"
)


def _rank_in(phrase: str) -> str | None:
    """The words of a short phrase that are exactly a rank ("мл. лейтенант", not "le
    lieutenant"), a Russian case ending allowed ("лейтенанта")."""
    from tagdyr.vocab.ranks import inflected_rank

    words = phrase.split()
    for size in range(len(words), 0, -1):
        for chunk in (" ".join(words[-size:]), " ".join(words[:size])):
            if inflected_rank(chunk):
                return chunk
    return None


def _ranks(text: str, start: int, end: int, left: int, sentence: str) -> list[Claim]:
    """The rank written beside the mention ("лейтенант Кабыш Омаров", "Bektanov Mazhit,
    sub-lieutenant") or in its sentence ("в звании лейтенанта")."""
    found = []
    before = text[max(left, start - 40) : start]
    after = text[end : end + 40]
    for match, offset in ((_RANK_BEFORE.search(before), start - len(before)),
                          (_RANK_AFTER.match(after), end)):  # fmt: skip
        rank = _rank_in(match.group("phrase")) if match else None
        if match and rank:
            at = offset + match.start("phrase") + match.group("phrase").find(rank)
            found.append(Claim("rank", rank, rank, at, at + len(rank)))
    for match in _IN_RANK.finditer(sentence):
        rank = _rank_in(match.group("phrase"))
        if rank and not found:
            at = left + match.start("phrase")
            found.append(Claim("rank", rank, text[at : at + len(rank)], at, at + len(rank)))
    return found


def _is_place(name: str) -> bool:
    from tagdyr.vocab.gazetteer import resolve

    return bool(resolve(name))


def _birth(text: str, end: int) -> list[Claim]:
    from tagdyr.dates import find_date

    found = _BORN.match(text[end : end + 90])
    if not found:
        return []
    date = find_date(found.group("y1") or found.group("date"))
    return [Claim("birth", date.start, found.group(), end, end + found.end())] if date else []


def claims_about(
    text: str, start: int, end: int, others: tuple[tuple[int, int], ...] = ()
) -> list[Claim]:
    """What the text states about the person mentioned at ``start``–``end``: birth, birth
    place or home, rank, unit and role, awards, camps, and dated events (arrest, sentence,
    rehabilitation, repatriation, capture, escape, death). A sentence's awards and unit belong
    to every person it names; an event belongs to the person named last before its verb. What
    the sentence of a pronoun that stands for the person states (``coreference``) is read too:
    births, camps, awards and events, not the words around the pronoun (no role or rank); and
    likewise of the person's given name written alone later in the paragraph."""
    from tagdyr.texts.coreference import given_names_of, pronouns_of

    claims = _claims_at(text, start, end, others)
    standing_for = pronouns_of(text, (start, end), others)
    standing_for += given_names_of(text, (start, end), others)
    for pronoun in standing_for:
        beside = _claims_at(text, *pronoun, (*others, pronoun))
        claims += [c for c in beside if c.kind not in _ONLY_BESIDE_A_NAME]
    return _once(claims)


# what is read from the words right around a name, never around a pronoun
_ONLY_BESIDE_A_NAME = frozenset({"role", "rank", "residence", "unit"})


def _claims_at(text: str, start: int, end: int, others: tuple[tuple[int, int], ...]) -> list[Claim]:
    from tagdyr.texts.events import events_after, named_between
    from tagdyr.texts.lifefacts import (
        births_after,
        camps_in,
        role_on_next_line,
        roles_appointed,
        roles_around,
        roles_before,
        units_in,
    )

    left, right = sentence_span(text, start, end)
    sentence = text[left:right]
    # a birth read after the mention stops at the next person named and at the paragraph's end
    own = text[: _next_person_or_paragraph(text, end, others)]
    claims = _birth(own, end) + births_after(own, end) + _places(own, start, end)
    claims += _ranks(text, start, end, left, sentence) + roles_before(text, start, left)
    claims += roles_around(text, start, end, left, right)
    claims += role_on_next_line(text, start, end)
    claims += roles_appointed(_upto_next_person(text, end, right, others), end, right)
    unit = unit_of(text, start, end)
    if unit is not None:
        at = text.find(unit.text, left)
        if _reaches(text, (start, end), (at, at + len(unit.text)), others):
            claims.append(Claim("unit", unit.unit, unit.text, at, at + len(unit.text)))
            claims.append(Claim("role", unit.role, unit.text, at, at + len(unit.text)))
    for award in _awards(left, sentence):
        given_by = _GIVER.search(text[end : award.start])  # "… Гиоге вручил медаль …"
        if (_reaches(text, (start, end), (award.start, award.end), others) and not given_by
                and not _named_before(award.start, (start, end), left, others)):  # fmt: skip
            claims.append(award)
    for frame_or_joined, frame in units_in(left, sentence):
        joined = frame_or_joined.start >= end and _reaches(
            text, (start, end), (frame_or_joined.start, frame_or_joined.end), others
        )
        if frame or joined:
            claims.append(frame_or_joined)
    for camp in camps_in(left, sentence):  # the camp of the one named before it
        if camp.start >= end and _reaches(text, (start, end), (camp.start, camp.end), others):
            claims.append(camp)
    claims += events_after(left, sentence, (start, end), others)
    for event in _kazakh_events(left, sentence):
        if event.start >= end and not named_between((start, end), event.start, others):
            claims.append(event)
    return claims


def _named_before(
    at: int, mention: tuple[int, int], left: int, others: tuple[tuple[int, int], ...]
) -> bool:
    """Whether a phrase at ``at``, before the mention, has someone else named before it in its
    sentence (which begins at ``left``): "A, who was awarded the medal by B" is A's medal."""
    return at < mention[0] and any(left <= s and e <= at for s, e in others if (s, e) != mention)


def _upto_next_person(text: str, end: int, right: int, others: tuple[tuple[int, int], ...]) -> str:
    """The text up to the next person named after ``end`` in the sentence (ending at ``right``)."""
    return text[: min([s for s, _ in others if end <= s < right], default=len(text))]


def _next_person_or_paragraph(text: str, end: int, others: tuple[tuple[int, int], ...]) -> int:
    """Where the words after a mention ending at ``end`` stop being about it alone: the next
    person named or the end of the paragraph."""
    after = PARAGRAPH.search(text, end)
    stops = [s for s, _ in others if s >= end] + [after.start() if after else len(text)]
    return min(stops)


def _once(claims: list[Claim]) -> list[Claim]:
    """Each (kind, value) once: the first phrase that states it (two patterns may read one
    birth, "1914 жылы туған")."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for claim in claims:
        if (claim.kind, claim.value) not in seen:
            seen.add((claim.kind, claim.value))
            kept.append(claim)
    return kept


_GIVER = re.compile(r"вручил\w*|presented|handed|remit|тапсырды|берді", re.IGNORECASE)
_LIST_GLUE = re.compile(r"^(?:[\s,;:()«»\"]|және|мен|и|and|et)*$")


def _reaches(
    text: str,
    mention: tuple[int, int],
    phrase: tuple[int, int],
    others: tuple[tuple[int, int], ...],
) -> bool:
    """A phrase speaks of the mention when no other person is named between them, unless
    they stand in one list with it ("Өтеген Абдуллин, Қашкен Жарбеков … медальдарымен")."""
    low, high = (mention[1], phrase[0]) if phrase[0] >= mention[1] else (phrase[1], mention[0])
    inside = sorted((s, e) for s, e in others if low <= s and e <= high and (s, e) != mention)
    if not inside:
        return True
    if phrase[0] < mention[0]:
        return False  # a unit or an award before the mention belongs to the one named nearer
    rest, at = [], low
    for s, e in inside:
        rest.append(text[at:s])
        at = e
    return all(_LIST_GLUE.match(piece) for piece in rest)
