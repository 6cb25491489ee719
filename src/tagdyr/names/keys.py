"""Comparison forms and blocking keys that are the same across scripts and clerks.

``canonical(word)`` is the ASCII form of a name word: Cyrillic (Kazakh or Russian) goes through
the CANON romanization, Latin is ASCII-folded. ``skeletons(word)`` reduces a canonical form to
its consonant frame with the letters clerks confused merged into one class — Ж/Ш/Ч/ДЖ written
zh, sh, ch, j, dj, dsch, sch, tsch, sj, zj, tsj all become ``J`` — so that "Бектанов",
"Bektanow" and "Bektanoff" share ``BKTNV``. Latin input whose letters are ambiguous (French
"j" is Ж, German "j" is Й; English "ch" is Ч, German "ch" is Х) yields one skeleton per reading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tagdyr.names.cleanup import Script, dominant_script
from tagdyr.names.translit import Convention, ascii_fold, romanize

# Ordered rewrites of a canonical (ASCII, lower-case) word into consonant classes.
# Upper-case letters are classes; lower-case vowels are dropped after the first letter.
_CLASS_RULES: tuple[tuple[str, str], ...] = (
    (r"schtsch|shch|chtch|sjtsj", "J"),
    (r"dsch|dzh|dj|tsch|tch|tsj|sch|zh|sh|zj|sj|dz|ch", "J"),
    (r"kh|gh|q|x|h|ck", "K"),
    (r"tz|ts|c|z|ss|s", "S"),
    (r"ph|ff|f|w|v", "V"),
    (r"ng$", "N"),
)
_TO_CLASS = str.maketrans("bdgjklmnprt", "BDGJKLMNPRT")
_VOWELS = "aeiouy"


_COMPILED_RULES = tuple((re.compile(pattern), cls) for pattern, cls in _CLASS_RULES)
NOT_LETTER = re.compile(r"[^a-z]")  # what a canonical form's letters are read without
_CH = re.compile(r"(?<![st])ch")
_GLIDE = re.compile(r"(?<![dzst])j(?=[aeiouy])")


def _apply(rules: tuple[tuple[str, str], ...], word: str) -> str:
    compiled = (
        _COMPILED_RULES if rules is _CLASS_RULES else tuple((re.compile(p), c) for p, c in rules)
    )
    for pattern, cls in compiled:
        word = pattern.sub(cls, word)
    return word


def _frame(classed: str) -> str:
    """Consonant frame: vowels dropped (an initial vowel kept as ``A``), repeats collapsed."""
    out: list[str] = []
    for i, ch in enumerate(classed):
        if ch in _VOWELS:
            if i == 0:
                out.append("A")
            continue
        cls = ch.translate(_TO_CLASS)
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


def _readings(word: str) -> list[str]:
    """The ways an ambiguous Latin word can be read before classing."""
    readings = [word]
    if _CH.search(word):  # English Ч (default) or German/Norwegian Х
        readings.append(_CH.sub("kh", word))
    if _GLIDE.search(word):
        # German/Norwegian "ja, ju, je" are Я, Ю, Е; French "j" before a vowel is Ж
        readings.extend([_GLIDE.sub("y", r) for r in list(readings)])
    return readings


@lru_cache(maxsize=500_000)
def canonical(word: str) -> str:
    """ASCII comparison form of one name word in any script."""
    if dominant_script(word) is Script.CYRILLIC:
        return romanize(word, Convention.CANON)
    return ascii_fold(word)


@lru_cache(maxsize=500_000)
def skeletons(word: str) -> tuple[str, ...]:
    """Cross-script phonetic skeletons of one name word, the primary reading first."""
    canon = NOT_LETTER.sub("", canonical(word))
    if not canon:
        return ()
    is_cyrillic = dominant_script(word) is Script.CYRILLIC
    readings = [canon] if is_cyrillic else _readings(canon)
    keys: list[str] = []
    for reading in readings:
        key = _frame(_apply(_CLASS_RULES, reading))
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


def skeleton(word: str) -> str:
    """The primary skeleton of a word ("" if it has no letters)."""
    keys = skeletons(word)
    return keys[0] if keys else ""
