"""Military ranks across languages: "мл. лейтенант" = "sub-lieutenant" = "fenrik".

Each rank has an ordinal (Red Army order, 1941–1945) so that linkage can tell "same rank" from
"adjacent rank" (a clerk's error or a promotion) from "different".
"""

from __future__ import annotations

import re
from functools import lru_cache

# code, ordinal, spellings (lower case, punctuation-free) in ru, kk, en, fr, no, de
RANKS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (
        "private",
        1,
        (
            "рядовой",
            "красноармеец",
            "краснофлотец",
            "қатардағы жауынгер",
            "private",
            "soldier",
            "soldat",
            "menig",
            "simple soldat",
            "schütze",
            "schutze",
            "rotarmist",
            "red army man",
        ),
    ),
    (
        "lance-corporal",
        2,
        ("ефрейтор", "efreitor", "lance corporal", "gefreiter", "caporal", "visekorporal"),
    ),
    (
        "junior-sergeant",
        3,
        (
            "мл сержант",
            "младший сержант",
            "кіші сержант",
            "junior sergeant",
            "ml sersjant",
            "sergent chef",
            "unteroffizier",
            "korporal",
        ),
    ),
    ("sergeant", 4, ("сержант", "sergeant", "sersjant", "sergent", "feldwebel")),
    (
        "senior-sergeant",
        5,
        ("ст сержант", "старший сержант", "аға сержант", "senior sergeant", "oberfeldwebel"),
    ),
    (
        "sergeant-major",
        6,
        ("старшина", "sergeant major", "starsjina", "adjudant", "stabsfeldwebel"),
    ),
    (
        "junior-lieutenant",
        7,
        (
            "мл лейтенант",
            "младший лейтенант",
            "кіші лейтенант",
            "sub lieutenant",
            "junior lieutenant",
            "second lieutenant",
            "fenrik",
            "sous lieutenant",
            "unterleutnant",
        ),
    ),
    ("lieutenant", 8, ("лейтенант", "lieutenant", "løytnant", "loytnant", "leutnant")),
    (
        "senior-lieutenant",
        9,
        (
            "ст лейтенант",
            "старший лейтенант",
            "аға лейтенант",
            "senior lieutenant",
            "first lieutenant",
            "premierløytnant",
            "premierloytnant",
            "oberleutnant",
        ),
    ),
    ("captain", 10, ("капитан", "captain", "kaptein", "capitaine", "hauptmann", "kapitän")),
    ("major", 11, ("майор", "major", "commandant")),
    (
        "lieutenant-colonel",
        12,
        ("подполковник", "lieutenant colonel", "oberstleutnant", "oberstløytnant"),
    ),
    ("colonel", 13, ("полковник", "colonel", "oberst")),
)
_ORDINAL = {code: ordinal for code, ordinal, _ in RANKS}


def _key(text: str) -> str:
    text = text.lower().replace("ё", "е")
    return " ".join(re.split(r"[^\w]+", text)).strip()


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    table = {}
    for code, _, spellings in RANKS:
        for spelling in spellings:
            table[_key(spelling)] = code
    return table


@lru_cache(maxsize=10_000)
def rank_code(text: str) -> str | None:
    """The rank a cell names, or None; the longest known spelling inside the text wins."""
    key = _key(text)
    if not key:
        return None
    table = _lookup()
    if key in table:
        return table[key]
    padded = f" {key} "
    found = [(len(s), code) for s, code in table.items() if f" {s} " in padded]
    return max(found)[1] if found else None


def exact_rank_code(text: str) -> str | None:
    """The rank a phrase is word for word ("мл. лейтенант"), or None: unlike :func:`rank_code`,
    a rank inside longer text ("le lieutenant") is not found."""
    return _lookup().get(_key(text))


def rank_ordinal(code: str | None) -> int | None:
    return _ORDINAL.get(code) if code else None
