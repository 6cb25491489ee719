"""How common a surname is, and how many given names an initial fits: the names score's
term-frequency adjustment.

Two records that agree on "Ахметов" prove less than two that agree on "Истыбаев": a random
other man is Ахметов far more often. As in Fellegi–Sunter (and Splink's term-frequency
adjustment, which tagdyr's linkage uses, ``link/model.py``), the evidence of an agreeing value
``v`` is adjusted by ``log2(u / share(v))``, where ``u`` is the average chance that two random
people agree (the sum of squared shares) — positive for rare values, negative for common ones.
The names score multiplies these bits by coefficients fitted with the other weights
(``bench/names/train.py``), as Splink multiplies its adjustment by ``tf_adjustment_weight``.
The difference: Splink estimates shares from the records being linked (when there are enough,
``TF_MINIMUM_RECORDS``); the names score, which sees two names and no population, uses the
shipped shares of a real distribution (``data/name_frequencies.json``, names-dataset's
Kazakhstan ranks, written by ``scripts/names_frequencies.py``).

An initial's chance of agreeing by accident is the share of given names whose first sound it
fits: "K." fits Кайрат, Калиаскар, Касым, … ; a German "J." fits Е, Ё, Й, Ю, Я and (French) Ж.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

_CLIP = 5.0  # bits: a share far outside the table's range says no more than this


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    text = (resources.files("tagdyr.names") / "data" / "name_frequencies.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(text)
    surnames = table["surnames"]
    table["surname_u"] = sum(v * v for v in surnames.values())
    table["given_u"] = sum(v * v for v in table["given"].values())
    for sex, shares in table["given_initials"].items():
        table[f"initial_u_{sex}"] = sum(v * v for v in shares.values())
    return table


def surname_share(keys: Iterable[str]) -> float:
    """Share of people bearing a surname with one of these skeletons (the commonest reading)."""
    table = _table()
    shares = [float(table["surnames"].get(k, 0.0)) for k in keys]
    return max([*shares, float(table["unseen_surname_share"])])


def given_share(keys: Iterable[str]) -> float:
    """Share of people bearing a given name with one of these skeletons."""
    table = _table()
    shares = [float(table["given"].get(k, 0.0)) for k in keys]
    return max([*shares, float(table["unseen_given_share"])])


def listed_apart(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two words (by their skeletons) are each a name of the shipped distribution, and not the
    same one: both surnames, or both given names, with no skeleton in common."""
    a, b = frozenset(a), frozenset(b)
    if a & b:
        return False
    table = _table()
    return any(
        any(k in names for k in a) and any(k in names for k in b)
        for names in (table["surnames"], table["given"])
    )


def given_initial_share(letters: Iterable[str], female: bool = False) -> float:
    """Share of given names whose first sound is one of ``letters`` (russified Cyrillic)."""
    shares = _table()["given_initials"]["f" if female else "m"]
    return min(1.0, sum(shares.get(letter, 0.0) for letter in set(letters))) or 1e-4


def tf_bits(share: float, kind: str) -> float:
    """log2(u / share), clipped: > 0 for a rarer value than average agreement, < 0 for commoner.

    ``kind``: "surname", "given", "initial_m" or "initial_f"."""
    table = _table()
    u = table[f"{kind}_u"] if kind in ("surname", "given") else table[f"initial_u_{kind[-1]}"]
    return max(-_CLIP, min(_CLIP, math.log2(u / share)))


def shares_of_forms(forms: Iterable[str], kind: str) -> dict[str, float]:
    """The shipped share of each written form (any script; canonical forms too) — the one
    table both the names score and the linkage's term-frequency adjustment read (linkage
    registers it with Splink in place of frequencies estimated from its input).

    ``kind``: "surname" or "given"."""
    from tagdyr.names.keys import skeletons

    share = surname_share if kind == "surname" else given_share
    return {form: share(skeletons(form)) for form in dict.fromkeys(forms) if form}
