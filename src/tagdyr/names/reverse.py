"""Plausible Cyrillic originals of a Latin rendering, ranked.

A Norwegian clerk's "Sjumanijasov", a German card's "Dschumanijasow" and a French police file's
"Djoumaniazov" were all written from a Cyrillic (russified) original. No single rule recovers
it — French "j" is Ж, German "j" is Й; English "ch" is Ч, German "ch" is Х, French "ch" is Ш —
so each clerk's convention is read back with its own table, and :func:`cyrillic_candidates`
returns the readings of all conventions, best first, each with the conventions that produce it.

A reading's score is the sum of its rules' log-weights (0 for a letter's usual reading in that
convention, negative for rarer ones), minus a penalty for splitting a digraph the convention
writes as one letter ("s"+"h" where "sh" is Ш). The output is russified Cyrillic, the
spelling of Soviet registers: Kazakh letters lost by a Latin rendering are not guessed back.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from tagdyr.limits import MAX_ANALYSED_WORD
from tagdyr.names.translit import Convention, ascii_fold

Rules = dict[str, tuple[tuple[str, float], ...]]

_BASE: Rules = {
    "a": (("а", 0.0),), "b": (("б", 0.0),), "d": (("д", 0.0),), "e": (("е", 0.0), ("э", -1.5)),
    "f": (("ф", 0.0),), "g": (("г", 0.0),), "i": (("и", 0.0), ("ы", -1.2)),
    "k": (("к", 0.0),), "l": (("л", 0.0),), "m": (("м", 0.0),), "n": (("н", 0.0),),
    "o": (("о", 0.0),), "p": (("п", 0.0),), "q": (("к", 0.0),), "r": (("р", 0.0),),
    "s": (("с", 0.0),), "t": (("т", 0.0),), "u": (("у", 0.0),), "v": (("в", 0.0),),
    "z": (("з", 0.0),), "x": (("кс", 0.0),), "c": (("к", -1.0), ("ц", -1.0)),
    "ck": (("к", 0.0),), "ph": (("ф", 0.0),), "gh": (("г", 0.0),), "'": (("ь", -0.2),),
    "h": (("х", -0.5),),
}  # fmt: skip

_CONVENTION_RULES: dict[Convention, Rules] = {
    Convention.ENGLISH: {
        **_BASE, "zh": (("ж", 0.0),), "sh": (("ш", 0.0),), "ch": (("ч", 0.0),),
        "shch": (("щ", 0.0),), "kh": (("х", 0.0),), "ts": (("ц", -0.3), ("тс", -0.5)),
        "dzh": (("дж", 0.0),), "dj": (("дж", -0.5),), "y": (("ы", 0.0), ("й", -0.4)),
        "ya": (("я", 0.0),), "yu": (("ю", 0.0),), "yo": (("ё", -0.3), ("йо", -0.5)),
        "ye": (("е", -0.2), ("йе", -1.5)), "j": (("дж", -0.8), ("ж", -1.0)),
        "w": (("в", -0.5),),
    },
    Convention.FRENCH: {
        **_BASE, "j": (("ж", 0.0),), "dj": (("дж", 0.0),), "ch": (("ш", 0.0),),
        "tch": (("ч", 0.0),), "chtch": (("щ", 0.0),), "kh": (("х", 0.0),), "ou": (("у", 0.0),),
        "iou": (("ю", 0.0),), "ia": (("ия", -0.1), ("я", -0.3)), "io": (("ё", -0.4), ("ио", -0.4)),
        "ie": (("ие", -0.2), ("е", -0.6)), "ts": (("ц", -0.2), ("тс", -0.5)),
        "ss": (("с", 0.0),), "y": (("ы", 0.0), ("й", -0.5)), "i": (("и", 0.0), ("й", -0.8)),
        "gu": (("г", -0.3),), "s": (("с", 0.0), ("з", -0.6)), "z": (("з", 0.0),),
    },
    Convention.GERMAN: {
        **_BASE, "sch": (("ш", 0.0),), "tsch": (("ч", 0.0),), "schtsch": (("щ", 0.0),),
        "dsch": (("дж", 0.0),), "sh": (("ж", 0.0),), "ch": (("х", 0.0),), "j": (("й", 0.0),),
        "ja": (("я", 0.0),), "ju": (("ю", 0.0),), "jo": (("ё", -0.3), ("йо", -0.5)),
        "je": (("е", -0.2),), "w": (("в", 0.0),), "s": (("з", -0.3), ("с", -0.3)),
        "ss": (("с", 0.0),), "z": (("ц", -0.2), ("з", -0.6)), "tz": (("ц", 0.0),),
        "y": (("ы", 0.0),),
    },
    Convention.NORWEGIAN: {
        **_BASE, "sj": (("ш", -0.2), ("ж", -0.2)), "zj": (("ж", 0.0),), "tsj": (("ч", 0.0),),
        "sjtsj": (("щ", 0.0),), "kh": (("х", 0.0),), "ch": (("х", -0.3),), "j": (("й", 0.0),),
        "ja": (("я", 0.0),), "ju": (("ю", 0.0),), "jo": (("ё", -0.3), ("йо", -0.5)),
        "je": (("е", -0.2),), "ts": (("ц", -0.2), ("тс", -0.5)), "y": (("ы", 0.0),),
        "w": (("в", -0.3),),
    },
    Convention.KAZAKH_LATIN: {
        **_BASE, "j": (("ж", 0.0),), "sh": (("ш", 0.0),), "ch": (("ч", 0.0),),
        "ia": (("я", 0.0), ("ия", -0.5)), "iu": (("ю", 0.0), ("иу", -0.6)), "io": (("ё", -0.5),),
        "ts": (("ц", -0.3), ("тс", -0.4)), "y": (("ы", 0.0),), "i": (("и", 0.0), ("й", -0.4)),
        "h": (("х", 0.0),), "w": (("у", -0.5),), "q": (("к", 0.0),),
    },
}  # fmt: skip
_ENDINGS = {
    Convention.ENGLISH: (("iy", "ий"), ("yy", "ый")),
    Convention.FRENCH: (("off", "ов"), ("eff", "ев"), ("ï", "й")),
    Convention.GERMAN: (("jew", "ев"), ("ow", "ов"), ("ew", "ев"), ("ij", "ий")),
    Convention.NORWEGIAN: (("jev", "ев"), ("ij", "ий")),
    Convention.KAZAKH_LATIN: (),
}
_LONGEST_RULE = {
    convention: max(map(len, rules)) for convention, rules in _CONVENTION_RULES.items()
}
_SPLIT_PENALTY = 0.9
_BEAM = 24
_VOWELS = "аеёиоуыэюя"
# Letter sequences that (almost) no Russian or Kazakh name has, with their penalty.
_IMPLAUSIBLE = (
    (re.compile(r"^[ыьъй]"), 2.0),
    (re.compile(rf"[{_VOWELS}]ы"), 1.5),
    (re.compile(r"ы[аоуэ]|й[аоуэ]"), 0.8),
    (re.compile(r"[зсцтдшжчк]х|сж|тш|дш|шж|жш|цч"), 1.5),
    (re.compile(r"зж"), 0.7),  # rare, but Kazakh compounds have it: Қыз-жан
    (re.compile(rf"[аоеу]и(?=[^{_VOWELS}])"), 0.5),
    (re.compile(r"оу"), 1.0),
    (re.compile(r"фф$|[ьъ][ьъ]"), 1.0),
    (re.compile(rf"[^{_VOWELS}]й"), 1.2),
    # a Norwegian or German clerk's j after a vowel is й (Nurbaj, Ajtgazy): "-ай", "-айт" are
    # everywhere in Kazakh names, a vowel + ж at the end or before a consonant rarely
    (re.compile(rf"[{_VOWELS}]ж(?=$|[^{_VOWELS}])"), 0.3),
)


@dataclass(frozen=True, slots=True)
class Hypothesis:
    cyrillic: str
    score: float
    conventions: tuple[Convention, ...]


# ISO 9 and scientific letters a plain ASCII fold would lose (û is Ю, not У)
_ISO9_LETTERS = str.maketrans({
    "û": "yu", "â": "ya", "ë": "yo", "ž": "zh", "š": "sh", "č": "ch", "ŝ": "shch", "ʹ": "",
    "ʺ": "",
})  # fmt: skip


def fold_latin(word: str) -> str:
    """Lower-case ASCII with Kazakh-Latin letters as the digraphs the rules know."""
    word = word.lower().translate(_ISO9_LETTERS)
    word = word.replace("ş", "sh").replace("ç", "ch").replace("ğ", "gh")
    word = word.replace("ñ", "n").replace("ı", "y")
    return "".join(c for c in ascii_fold(word) if c.isalpha() or c == "'")


Steps = tuple[tuple[int, str, float], ...]  # (letters read, Cyrillic written, log-weight)
# per convention: its rules' Latin sides, the longest first, so a match is the longest rule; as
# a lookahead, one scan finds the longest rule at every letter
_RULE_LOOKAHEADS = {
    convention: re.compile(
        "(?=(" + "|".join(map(re.escape, sorted(rules, key=len, reverse=True))) + "))"
    )
    for convention, rules in _CONVENTION_RULES.items()
}


def _steps_of(convention: Convention, longest: str) -> Steps:
    """The rules of ``convention`` that apply where ``longest`` is the longest rule ahead: a
    digraph split where the convention writes it as one letter is penalized. Equal steps are
    one object, so conventions compare them by identity (each is computed once: see
    :func:`_steps_along`)."""
    rules = _CONVENTION_RULES[convention]
    steps = tuple(
        (size, cyr, weight - _SPLIT_PENALTY * (len(longest) - size))
        for size in range(1, len(longest) + 1)
        for cyr, weight in rules.get(longest[:size], ())
    )
    return _INTERNED_STEPS.setdefault(steps, steps)


_INTERNED_STEPS: dict[Steps, Steps] = {}


_STEPS_BY_RULE: dict[Convention, dict[str, Steps]] = {c: {} for c in _CONVENTION_RULES}


def _steps_along(convention: Convention, stem: str) -> list[Steps]:
    """The steps of ``convention`` at every letter of ``stem``."""
    longest = [""] * len(stem)
    for match in _RULE_LOOKAHEADS[convention].finditer(stem):
        longest[match.start()] = match.group(1)
    known = _STEPS_BY_RULE[convention]
    out = []
    for rule in longest:
        steps = known.get(rule)
        if steps is None:
            steps = known[rule] = _steps_of(convention, rule)
        out.append(steps)
    return out


Beams = dict[int, list[tuple[float, str]]]  # position -> readings of the prefix ending there


def _read(
    stem: str, conventions: tuple[Convention, ...], floor: float
) -> list[tuple[tuple[Convention, ...], list[tuple[float, str]]]]:
    """The beam's readings of ``stem`` in each convention, dropping every prefix that scores
    below ``floor`` (exact: no step raises a score, so such a prefix never ends above it).

    Conventions read a stem alike as long as the same rules apply at every letter (most
    letters are the common table's): they share one beam, split where their rules differ."""
    steps = {c: _steps_along(c, stem) for c in conventions}
    # where every convention takes the same steps, no beam can split
    alike = [len(set(map(id, column))) == 1 for column in zip(*steps.values(), strict=True)]
    active: list[tuple[tuple[Convention, ...], Beams]] = [(conventions, {0: [(0.0, "")]})]
    for pos in range(len(stem)):
        if alike[pos]:
            common = steps[conventions[0]][pos]
            for _, beams in active:
                _advance(beams, pos, _beam(beams.pop(pos, [])), common, floor)
            continue
        forked: list[tuple[tuple[Convention, ...], Beams]] = []
        for members, beams in active:
            here = _beam(beams.pop(pos, []))
            first = steps[members[0]][pos]
            if all(steps[c][pos] is first for c in members):
                _advance(beams, pos, here, first, floor)
                forked.append((members, beams))
                continue
            by_steps: dict[int, list[Convention]] = {}
            for convention in members:
                by_steps.setdefault(id(steps[convention][pos]), []).append(convention)
            for i, part in enumerate(by_steps.values()):
                own = beams if i == len(by_steps) - 1 else {k: list(v) for k, v in beams.items()}
                _advance(own, pos, here, steps[part[0]][pos], floor)
                forked.append((tuple(part), own))
        active = forked
    return [(members, beams.get(len(stem), [])) for members, beams in active]


def _beam(arrived: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """The distinct readings of a prefix the beam keeps (the best ``_BEAM``), best first."""
    return sorted(set(arrived), reverse=True)[:_BEAM]


def _advance(
    beams: Beams, pos: int, here: list[tuple[float, str]], steps: Steps, floor: float
) -> None:
    """Extend the readings of the prefix ending at ``pos`` (``here``, best first) by each step."""
    if not here:
        return
    if floor == -math.inf:
        for size, cyr, step in steps:
            beams.setdefault(pos + size, []).extend(
                [(score + step, prefix + cyr) for score, prefix in here]
            )
        return
    for size, cyr, step in steps:
        if here[0][0] + step >= floor:
            beams.setdefault(pos + size, []).extend(
                [(score + step, prefix + cyr) for score, prefix in here if score + step >= floor]
            )


def _stem(folded: str, convention: Convention) -> tuple[str, str]:
    """The part of ``folded`` the beam reads and the Cyrillic of its known ending."""
    for latin, cyr in _ENDINGS[convention]:
        if folded.endswith(latin) and len(folded) > len(latin) + 1:
            return folded[: -len(latin)], cyr
    return folded, ""


_ANY_IMPLAUSIBLE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _IMPLAUSIBLE))


@lru_cache(maxsize=200_000)
def implausibility(cyrillic: str) -> float:
    """Penalty for letter sequences Russian and Kazakh names (almost) never have."""
    if not _ANY_IMPLAUSIBLE.search(cyrillic):  # most readings: one scan instead of ten
        return 0.0
    penalty = 0.0
    for pattern, weight in _IMPLAUSIBLE:
        hits = pattern.findall(cyrillic)
        if hits:
            penalty += weight * len(hits)
    return penalty


@lru_cache(maxsize=200_000)
def cyrillic_candidates(word: str, limit: int = 6) -> tuple[Hypothesis, ...]:
    """Up to ``limit`` russified Cyrillic readings of a Latin name word, best first."""
    folded = fold_latin(word.replace("ï", "i") if word.endswith("ï") else word)
    if not folded or len(folded) > MAX_ANALYSED_WORD:  # no name word: the beam search is O(n²)
        return ()
    capital = word[:1].isupper()
    return tuple(
        Hypothesis(text.capitalize() if capital else text, score, conventions)
        for text, score, conventions in _ranked(folded, limit)
    )


def _all_readings(folded: str, limit: int) -> list[tuple[float, str, Convention]]:
    """Every convention's readings that can still rank among the ``limit`` best. The floor is
    the ``limit``-th best penalized score of the distinct texts read so far: the final
    ``limit``-th best can only be higher, and a reading's penalized score is at most its raw
    score, so a reading below the floor is one :func:`_ranked` would never reach."""
    by_stem: dict[tuple[str, str], list[Convention]] = {}
    for convention in _CONVENTION_RULES:
        by_stem.setdefault(_stem(folded, convention), []).append(convention)
    read: dict[Convention, list[tuple[float, str]]] = {}
    best: dict[str, float] = {}
    floor = -math.inf
    for left, ((stem, ending), conventions) in enumerate(by_stem.items(), 1 - len(by_stem)):
        for members, readings in _read(stem, tuple(conventions), floor):
            if ending:
                readings = [(score, text + ending) for score, text in readings]
            read.update(dict.fromkeys(members, readings))
            if not left:
                continue  # the last stem: no reading left for a floor to drop
            # the penalty of a few of the best texts is enough for a floor (any subset's
            # limit-th best is at most the whole set's)
            for score, text in heapq.nlargest(2 * limit, readings):
                if text not in best:
                    best[text] = score - implausibility(text)
        if len(best) >= limit:
            floor = max(floor, heapq.nlargest(limit, best.values())[-1])
    # in the conventions' order: equal readings name their conventions in that order
    return [(s, text, c) for c in _CONVENTION_RULES for s, text in read[c]]


@lru_cache(maxsize=200_000)
def _ranked(folded: str, limit: int) -> tuple[tuple[str, float, tuple[Convention, ...]], ...]:
    """The readings of a folded word (the same for "ABAJ", "Abaj" and "abaj"), best first."""
    raw = sorted(_all_readings(folded, limit), key=lambda item: -item[0])
    best: dict[str, tuple[float, list[Convention]]] = {}
    top: list[float] = []  # the ``limit`` best penalized scores so far (a min-heap)
    for score_raw, text, convention in raw:
        # the penalty only lowers a score, and a text's first (best) reading fixes its score:
        # once the raw score is below the limit-th best, no later reading enters or ties
        if len(top) >= limit and score_raw < top[0]:
            break
        if text in best:
            score, conventions = best[text]
            if convention not in conventions and score == score_raw - implausibility(text):
                conventions.append(convention)
            continue
        score = score_raw - implausibility(text)
        best[text] = (score, [convention])
        heapq.heappush(top, score)
        if len(top) > limit:
            heapq.heappop(top)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return tuple(
        (text, round(score, 3), tuple(conventions)) for text, (score, conventions) in ranked
    )
