"""Figures a text states about people: "300 казахов", "90 адамдық бөлім", "over 1,200 Kazakh
prisoners", "70 hommes" — the number, what it counts (as written), and where it stands."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNTED = (
    r"человек|казах\w*|узбек\w*|туркмен\w*|киргиз\w*|военнопленн\w*|пленн\w*|солдат\w*|"
    r"бойц\w*|партизан\w*|адам\w*|қазақ\w*|тұтқын\w*|жауынгер\w*|сарбаз\w*|"
    r"men|people|persons|Kazakhs?|prisoners?|soldiers|partisans|"
    r"hommes|personnes|prisonniers|soldats|Kazakhs?"
)
_FIGURE = re.compile(
    rf"(?<![\d\w])(\d{{1,3}}(?:[ \u00a0,.]\d{{3}})*|\d+)"  # 90, 1 200, 1,200
    rf"(?:[ \u00a0]+[^\W\d_][\w-]*){{0,2}}?"  # up to two words between: "1,200 Kazakh"
    rf"[ \u00a0]+({_COUNTED})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    counts: str
    text: str
    start: int
    end: int


def find_figures(text: str) -> list[Figure]:
    figures = []
    for match in _FIGURE.finditer(text):
        digits = re.sub(r"[ \u00a0,.]", "", match.group(1))
        year_like = len(digits) == 4 and digits.startswith(("18", "19", "20"))
        if year_like:
            continue  # "1942 жылы": a year, not a count
        figures.append(
            Figure(float(digits), match.group(2).lower(), match.group(), match.start(), match.end())
        )
    return figures
