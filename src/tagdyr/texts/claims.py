"""Claims a sentence makes about the person it names, where a pattern is reliable: the unit
and the role in it ("командир отряда «Заря»", "«Заря» отрядының командирі", "commander of the
Zarya detachment", "chef du maquis Bir-Hakeim"). The unit is named in one normalized form
("отряд «Заря»") so that mentions of one unit in different cases and texts agree."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED = r"[«\"“]([^»\"”]{2,40})[»\"”]"
_UNIT_WORDS = {
    "отряда": "отряд", "отряд": "отряд", "группы": "группа", "группа": "группа",
    "батальона": "батальон", "бригады": "бригада", "роты": "рота",
    "отрядының": "отряд", "отряды": "отряд", "бөлімінің": "бөлім", "бөлімі": "бөлім",
    "тобының": "топ", "тобы": "топ",
}  # fmt: skip
_PATTERNS = (
    # командир отряда «Заря», боец группы «Свобода»
    re.compile(rf"(командир|комиссар|боец|бойцом|член|заместитель командира|командиром)\s+"
               rf"(отряда|группы|батальона|бригады|роты)\s+{_QUOTED}", re.IGNORECASE),
    # «Заря» отрядының командирі
    re.compile(rf"{_QUOTED}\s+(отрядының|бөлімінің|тобының)\s+(командирі|жауынгері|мүшесі)",
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


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start) + 1, text.rfind("\n\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n\n", end)) if i != -1]
    return left, min([*stops, len(text)])


def unit_of(text: str, start: int, end: int) -> UnitClaim | None:
    """The unit (and role) the sentence of a mention states, if a reliable pattern says so."""
    left, right = _sentence(text, start, end)
    sentence = text[left:right]
    for number, pattern in enumerate(_PATTERNS):
        found = pattern.search(sentence)
        if not found:
            continue
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
    return None
