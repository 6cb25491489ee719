"""Figures a text states about people: "300 казахов", "90 адамдық бөлім", "over 1,200 Kazakh
prisoners", "3.5 million dead prisoners", "300-ге жуық қазақстандықтар", "70 hommes" — the
number (scaled by "million", "тысяч", "мың"), what it counts (as written), and where it stands."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNTED = (
    r"человек|казах\w*|казахстанц\w*|туркестанц\w*|узбек\w*|туркмен\w*|киргиз\w*|таджик\w*|"
    r"военнопленн\w*|пленн\w*|солдат\w*|бойц\w*|партизан\w*|граждан\w*|женщин\w*|дет\w*|"
    r"адам\w*|қазақ\w*|өзбек\w*|тұтқын\w*|жауынгер\w*|сарбаз\w*|партизан\w*|"
    r"men|people|persons|Kazakhs?|Kazakhstanis?|Turkestanis?|Uzbeks?|Georgians|Poles|"
    r"prisoners?|soldiers|partisans|citizens|civilians|women|children|workers|"
    r"hommes|personnes|prisonniers|soldats|Kazakhs?|partisans"
)
_SCALE = {"million": 1e6, "millions": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
          "млн": 1e6, "миллионнан": 1e6, "thousand": 1e3, "тысяч": 1e3, "тысячи": 1e3,
          "тыс": 1e3, "мың": 1e3, "мыңнан": 1e3, "мыңдай": 1e3, "mille": 1e3}  # fmt: skip
_FIGURE = re.compile(
    rf"(?<![\d\w.,])(\d{{1,3}}(?:[ \u00a0,.]\d{{3}})+|\d+(?:[.,]\d+)?)"  # 90, 1 200, 1,200, 3.5
    rf"(?:-[^\W\d_]+)?"  # "300-ге", "70-тен"
    rf"(?:[ \u00a0]+[^\W\d_][\w-]*\.?){{0,3}}?"  # up to three words: "million dead", "жуық"
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


def _number(digits: str) -> float:
    """ "1,200" and "1 200" are thousands, "3.5" and "1,5" are decimals."""
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0,.]\d{3})+", digits):
        return float(re.sub(r"[ \u00a0,.]", "", digits))
    return float(digits.replace(",", "."))


def find_figures(text: str) -> list[Figure]:
    figures = []
    for match in _FIGURE.finditer(text):
        digits = match.group(1)
        if re.fullmatch(r"(18|19|20)\d\d", digits):
            continue  # "1942 жылы": a year, not a count
        words = re.findall(r"[^\W\d_]+", match.group()[len(digits) :].lower())
        scale = next((_SCALE[w] for w in words if w in _SCALE), 1.0)
        figures.append(Figure(_number(digits) * scale, match.group(2).lower(), match.group(),
                              match.start(), match.end()))  # fmt: skip
    return figures
