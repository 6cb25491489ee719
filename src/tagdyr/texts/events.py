"""Events of a life a sentence states after the person it names (arrest, sentence,
rehabilitation, repatriation, capture, escape, death), in kk, ru, en, fr, de, no, with their
date: the date after the verb ("arrested in May 1949"), else the date between the name and a
verb at the end of its clause ("… wurde 1942 verhaftet", "… ble i 1943 tatt til fange"), else
the date the sentence opens with ("I 1941 ble … tatt til fange"); an event with no date is
stated as "-" (except a death: a death is read only with its date). Precision first: a negated
verb, a verb another person named in between stands before, or a verb whose clause names the
place it happened at (whose value the date would have to give way to) states nothing here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tagdyr.texts.claims import Claim

DATE = (
    r"(?:[A-Z][a-z]+\s+\d{1,2},\s+\d{4}|\d{1,2}(?:er|\.)?\s+[^\W\d_]+\s+\d{4}|"
    r"(?:[^\W\d_]+\s+)?\d{4})"
)
# (claim kind, the verb), in ru, kk, en, fr, de, no
_EVENTS = (
    ("arrest", r"(?:arrested|арестован\w*|arrêtée?|қамалды|тұтқындалды|verhaftet|festgenommen|"
               r"arrestert\w*)"),
    ("sentence", r"(?:convicted|sentenced|осужден\w*|осуждён\w*|condamnée?|сотталды|verurteilt|"
                 r"dømt|dømd)"),
    ("rehabilitation", r"(?:[Rr]ehabilitated|реабилитирован\w*|réhabilitée?|ақталды|"
                       r"rehabilitiert|rehabilitert)"),
    ("repatriation", r"(?:repatriated|returning home|репатриирован\w*|rapatriée?|елге оралды|"
                     r"repatriiert|repatriert|sendt hjem|heimsendt)"),
    ("capture", r"(?:captured|taken prisoner|попал\w* в плен|взят\w* в плен|fait prisonnier|"
                r"тұтқынға түсті|gefangen genommen|tatt til fange|teken til fange|"
                r"tekne til fange|in (?:deutsche\s+|sowjetische\s+)?Gefangenschaft geraten|"
                r"geriet in (?:deutsche\s+|sowjetische\s+)?Gefangenschaft)"),
    ("escape", r"(?:escaped|бежал\w*|побег\w*|s'évada|évadée?|қашып шықты|flüchtete|floh|rømte|"
               r"flykta|flyktet)"),
    ("death", r"(?:died|was killed|погиб\w*|умер\w*|расстрелян\w*|mort|tuée?|қаза тапты|starb|"
              r"gestorben|getötet|erschossen|døde|døydde|ble skutt|vart skoten|ble drept|drept)"),
)  # fmt: skip
EVENT_KINDS = tuple(kind for kind, _ in _EVENTS)
_VERBS = tuple((kind, re.compile(rf"(?<![\w-]){verb}\b")) for kind, verb in _EVENTS)
_DATE_AFTER = re.compile(rf"[^.;]{{0,70}}?\b(?:on|in|en|le|в|on the)?\s*(?P<date>{DATE})")
_DATE_IN = re.compile(DATE)
# what may stand between a name and the verb whose date is written in between: no clause
# break, no bracket (a "(1920–1990)" is a life's span, not the event's date)
_CLAUSE = re.compile(r"^[^,;:()\[\]–—]{0,60}$")
# the date a sentence opens with: at most one word before it ("I 1941", "Hausten 1944")
_OPENING_DATE = re.compile(rf"^\s*(?:[^\W\d_]+\s+)?(?P<date>{DATE})\b")
_NOT = re.compile(r"(?<![\w-])(?:not|never|nicht|nie|niemals|ikke|aldri|ikkje|не|ne|n'|jamais)"
                  r"(?![\w-])", re.IGNORECASE)  # fmt: skip
# "escaped from the camp at X", "fra fangeleiren i X": the gold would give the place, not "-"
_FROM_PLACE = re.compile(
    r"^[^.;,]{0,40}?\b(?:from|fra|frå|aus|из|d[eu]|des)\s+[^.;,]{0,40}?[A-ZÆØÅÄÖÜА-ЯЁ]"
)
_UNDATED_REACH = 60  # an undated verb this far after the name at most


def events_after(
    left: int, sentence: str, mention: tuple[int, int], others: tuple[tuple[int, int], ...]
) -> list[Claim]:
    """The events the sentence (at ``left`` in the text) states of the person named at
    ``mention``: verbs after it with no one else named in between."""
    found = []
    for kind, verb in _VERBS:
        for match in verb.finditer(sentence):
            at = left + match.start()
            if at < mention[1] or named_between(mention, at, others):
                continue
            between = sentence[mention[1] - left : match.start()]
            if _NOT.search(between):
                continue
            claim = _dated(kind, left, sentence, match, mention, others)
            if claim is None and kind != "death":
                claim = _undated(kind, left, sentence, match, mention)
            if claim is not None:
                found.append(claim)
    return found


def named_between(mention: tuple[int, int], at: int, others: tuple[tuple[int, int], ...]) -> bool:
    """Whether someone else is named after the mention and before ``at``."""
    return any(mention[1] <= s and e <= at and (s, e) != mention for s, e in others)


def _dated(
    kind: str,
    left: int,
    sentence: str,
    verb: re.Match[str],
    mention: tuple[int, int],
    others: tuple[tuple[int, int], ...],
) -> Claim | None:
    from tagdyr.dates import find_date
    from tagdyr.texts.claims import Claim

    after = _DATE_AFTER.match(sentence, verb.end())
    date = find_date(after.group("date")) if after else None
    if after and date:
        return Claim(kind, date.start, sentence[verb.start() : after.end()], left + verb.start(),
                     left + after.end())  # fmt: skip
    between = sentence[mention[1] - left : verb.start()]
    inside = list(_DATE_IN.finditer(between)) if _CLAUSE.match(between) else []
    date = find_date(inside[-1].group()) if inside else None
    if inside and date:
        at = mention[1] + inside[-1].start()
        return Claim(kind, date.start, sentence[at - left : verb.end()], at, left + verb.end())
    opening = _OPENING_DATE.match(sentence)
    date = find_date(opening.group("date")) if opening else None
    if opening and date and left + opening.end() <= mention[0]:
        named_first = any(left + opening.end() <= s and e <= mention[0] for s, e in others)
        if not named_first:
            at = opening.start("date")
            return Claim(kind, date.start, sentence[at : verb.end()], left + at,
                         left + verb.end())  # fmt: skip
    return None


def _undated(
    kind: str, left: int, sentence: str, verb: re.Match[str], mention: tuple[int, int]
) -> Claim | None:
    from tagdyr.texts.claims import Claim
    from tagdyr.texts.coreference import PRONOUN

    if left + verb.start() - mention[1] > _UNDATED_REACH:
        return None
    between = sentence[mention[1] - left : verb.start()]
    if PRONOUN.search(between) or any(word[:1].isupper() for word in between.split()):
        # a new clause with its own subject ("… met Ivan, and wrote how he fled"), or a name
        # or a body between that may be the verb's subject ("X says the army captured …")
        return None
    rest = sentence[verb.end() :]
    if _FROM_PLACE.match(rest) or re.search(r"\d{4}", rest):
        return None  # a place the event happened at, or a date the patterns did not read
    return Claim(kind, "-", verb.group(), left + verb.start(), left + verb.end())
