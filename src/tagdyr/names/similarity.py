"""How likely two written names are the same person's name: a calibrated score with reasons.

Each name is parsed; its words are aligned with the other name's (by role, or order-free when
that fits better: lists and prose disagree on order); each aligned pair of words gets an
evidence *level* (identical, same sound, spelled alike, initial consistent, different, …).
Every level carries a weight — the log₂ likelihood ratio of seeing it for the same person
versus two different people — estimated from a labelled set and shipped as versioned JSON
(``names/models``). The score is the logistic of the summed weights, so it reads as a
probability on a balanced set: Омаров/Omarow scores high, Омаров/Омарова (a man and a woman)
low, Жамал/Жылбек low, and an initial is weak but consistent evidence.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from tagdyr.names.cleanup import Script, clean, dominant_script, repair_ocr
from tagdyr.names.frequencies import (
    given_initial_share,
    given_share,
    listed_apart,
    surname_share,
    tf_bits,
)
from tagdyr.names.given_variants import names_of, variant_table
from tagdyr.names.initials import first_sounds
from tagdyr.names.keys import canonical, skeleton, skeletons
from tagdyr.names.parse import Gender, Order, ParsedName, parse, patronymic_root
from tagdyr.names.reverse import cyrillic_candidates

MODEL_FILE = "name-weights-v1.json"
_HYPOTHESIS_MARGIN = 1.6  # Latin readings within this score of the best are compared


class Level(StrEnum):
    IDENTICAL = "identical"
    SAME_SOUND = "same_sound"
    SPELLED_ALIKE = "spelled_alike"
    NAME_VARIANT = "name_variant"  # two forms of one given name (Жүсіп / Юсуп), from the table
    SOUNDS_ALIKE = "sounds_alike"
    OCR_VARIANT = "ocr_variant"
    SIMILAR = "similar"
    DISTANT = "distant"  # alike by Jaro-Winkler, but three or more edits apart (Ахметов/Ахметбаев)
    # alike in spelling, but each is a name of its own in the shipped distribution: Канат and
    # Кайрат, Калиакбаров and Калиаскаров (a Kazakh surname is a forefather's given name + -ов)
    OTHER_NAME = "other_name"
    INITIAL_MATCH = "initial_match"
    INITIAL_MISMATCH = "initial_mismatch"
    DIFFERENT = "different"


class Verdict(StrEnum):
    """What the names alone can say. ``possible``: they agree as far as they go, but an initial
    is all there is of the given name (many men share a common surname and an initial: only
    other facts — a birth year, a place — can settle it), or the score is in between."""

    SAME = "same"
    POSSIBLE = "possible"
    DIFFERENT = "different"


class Part(StrEnum):
    SURNAME = "surname"
    GIVEN = "given"
    PATRONYMIC = "patronymic"
    CROSSED = "crossed"  # a surname against a given name: the two names' orders disagree
    GENDER = "gender"
    ORDER = "order"
    # term-frequency adjustments: the weight of an agreeing surname or initial grows with how
    # rare the surname is / how few given names fit the initial (bits × a fitted coefficient)
    SURNAME_FREQUENCY = "surname_frequency"
    GIVEN_FREQUENCY = "given_frequency"
    INITIAL_FREQUENCY = "initial_frequency"


# parts that weigh an agreement by how common the name is: no comparison of their own
FREQUENCY_PARTS = frozenset({Part.SURNAME_FREQUENCY, Part.GIVEN_FREQUENCY, Part.INITIAL_FREQUENCY})


@dataclass(frozen=True, slots=True)
class Evidence:
    part: Part
    left: str
    right: str
    level: str
    weight: float


@dataclass(frozen=True, slots=True)
class NameScore:
    score: float
    same: bool  # the verdict is ``same``
    evidence: tuple[Evidence, ...] = field(default=())
    verdict: Verdict = Verdict.DIFFERENT

    def explain(self) -> list[str]:
        return [
            f"{e.part}: {e.left or '—'} ~ {e.right or '—'}: {e.level} ({e.weight:+.2f})"
            for e in self.evidence
        ]


@dataclass(frozen=True, slots=True)
class _Forms:
    canons: tuple[str, ...]
    keys: frozenset[str]
    initial: str
    initial_class: str  # the class of the first sound as written ("S." is S)
    initial_classes: frozenset[str]  # it and what a clerk may have meant (Ж for "S.")
    ocr: frozenset[str]
    first_sounds: frozenset[str] = frozenset()  # as a full word (see names.initials)
    names: frozenset[int] = frozenset()  # rows of the given-name variant table


# Letters OCR confuses, folded to one symbol (applied to canonical ASCII forms): Cyrillic
# и/н/п and б/6, Latin rn/m, u/n, l/I/1, h/b, e/c, cl/d.
_OCR_SEQUENCES = (("rn", "m"), ("cl", "d"), ("vv", "w"))
_OCR_LETTERS = str.maketrans("ilupn1|6hcs03", "nnnnnnnbbeeoz")


def ocr_fold(canon: str) -> str:
    for seq, letter in _OCR_SEQUENCES:
        canon = canon.replace(seq, letter)
    return canon.translate(_OCR_LETTERS)


@dataclass(frozen=True, slots=True)
class _Readings:
    canons: tuple[str, ...]  # as written, of its plausible Cyrillic originals, akanye read back
    keys: frozenset[str]
    readings: tuple[str, ...]  # every Cyrillic reading (for the variant table only)


@lru_cache(maxsize=200_000)
def comparison_canons(word: str) -> tuple[str, ...]:
    """A word's canonical ASCII forms: as written and, for Latin, those of its plausible
    Cyrillic originals, each also with an akanye ending read back (what the name index keys)."""
    return _readings(word).canons


@lru_cache(maxsize=200_000)
def _readings(word: str) -> _Readings:
    word = word.rstrip(".")
    canons = [canonical(word)]
    keys = set(skeletons(word))
    readings: tuple[str, ...] = ()
    if dominant_script(word) is Script.LATIN and len(word) > 1:
        hypotheses = cyrillic_candidates(word)
        readings = tuple(h.cyrillic for h in hypotheses)
        if hypotheses:
            best = hypotheses[0].score
            for h in hypotheses:
                if h.score >= best - _HYPOTHESIS_MARGIN:
                    canons.append(canonical(h.cyrillic))
                    keys.update(skeletons(h.cyrillic))
    repaired = repair_ocr(word)
    if repaired != word:  # "KabyIbaiv", "Karimbajcw": also as the scanned letters were meant
        again = _readings(repaired)
        canons += again.canons
        keys |= again.keys
        readings += again.readings
    canons += [_akanye_fold(c) for c in canons]
    unique = tuple(dict.fromkeys(c for c in canons if c))
    return _Readings(unique, frozenset(keys), readings)


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> _Forms:
    """Comparable forms of one word: its canonical ASCII forms (for Latin: also those of its
    plausible Cyrillic originals), its skeletons and its canonical initial."""
    read = _readings(word)
    written, word = word, word.rstrip(".")
    unique = read.canons
    names = names_of(tuple(dict.fromkeys((*unique, *map(canonical, read.readings)))))
    initial = _initial(word)
    own = _initial_class(initial)
    classes = frozenset((own, *(_initial_class(c[:3]) for c in unique)))
    latin = dominant_script(word) is Script.LATIN
    if latin and initial[:1] in ("j", "y", "i"):
        # German/Norwegian "J." and English "Y." stand for Е, Я, Ю as well (Jerzhan, Yusup)
        classes |= {"Ae", "Aa", "Au", "Ai"} if initial[:1] != "i" else {"Ai"}
    if latin and _is_initial(written):
        classes |= _sound_classes(first_sounds(written, True))
    return _Forms(
        unique,
        read.keys,
        initial,
        own,
        classes,
        frozenset(map(ocr_fold, unique)),
        first_sounds(word, False) | _variant_sounds(names),
        names,
    )


_SHUSHING = frozenset("ЖШЧЩ")  # the letters of the initial class J


def _sound_classes(letters: frozenset[str]) -> frozenset[str]:
    """The initial classes of the Cyrillic letters a Latin initial can stand for in some
    convention, where that is the class J: "Z." is an English clerk's Zh (Ж), "S." a German
    one's Sh (Ж) or an English one's Sh (Ш), "C." a French one's Ch (Ш), "T." Tch or Tsch (Ч),
    "D." Dzh or Dj (Дж): what the initial matches in scoring (names.initials), blocking finds."""
    return frozenset({"J"}) if letters & _SHUSHING else frozenset()


def _variant_sounds(names: frozenset[int]) -> frozenset[str]:
    """First sounds of every form of the word's given names (Искандер's И for Ескендір)."""
    if not names:
        return frozenset()
    table = variant_table()
    return frozenset().union(*(first_sounds(form, False) for n in names for form in table[n]))


_AKANYE = re.compile(r"(?<=[^aeiouy])a(v|w|ff)(a?)$")


def _akanye_fold(canon: str) -> str:
    """A surname's -ав/-aw/-aff written for an unstressed -ов (and -ава for -ова) read back:
    "ismagulaw" -> "ismagulov", "saparava" -> "saparova"; names in -slav are left alone."""
    if len(canon) < 5 or canon.endswith(("slav", "slaw", "slava")):
        return canon
    return _AKANYE.sub(lambda m: "ov" + m.group(2), canon)


_VOWEL_GROUPS = str.maketrans("aeiouy", "aeiuui")


def _initial_class(canon: str) -> str:
    """Phonetic class of a name's first sound: consonants by skeleton class (Ж = J = Zh),
    vowels by group (А/Я/Ә; Е/Э; И/Ы/І; О/Ө/У/Ұ/Ү/Ю)."""
    key = skeleton(canon)
    if key[:1] != "A":
        return key[:1]
    bare = canon.lstrip("yj") if len(canon) > 1 and canon[1:2] in "aeiou" else canon
    first = next((c for c in bare if c in "aeiouy"), "a")
    return "A" + first.translate(_VOWEL_GROUPS)


def _initial(word: str) -> str:
    canon = canonical(word)
    for digraph in ("zh", "sh", "ch", "kh", "ts", "dzh", "yu", "ya"):
        if canon.startswith(digraph):
            return digraph
    return canon[:1]


def compare_words(a: str, b: str) -> Level:
    """Evidence level for two name words in any scripts (either may be an initial)."""
    fa, fb = word_forms(a), word_forms(b)
    a_initial, b_initial = _is_initial(a), _is_initial(b)
    if a_initial or b_initial:
        sounds_a = first_sounds(a, True) if a_initial else fa.first_sounds
        sounds_b = first_sounds(b, True) if b_initial else fb.first_sounds
        agree = bool(sounds_a & sounds_b) or _initials_agree(fa.initial, fb.initial)
        return Level.INITIAL_MATCH if agree else Level.INITIAL_MISMATCH
    if set(fa.canons) & set(fb.canons):
        return Level.IDENTICAL
    similarity = max(JaroWinkler.similarity(x, y) for x in fa.canons for y in fb.canons)
    same_key = bool(fa.keys & fb.keys)
    if same_key and similarity >= 0.88:
        return Level.SAME_SOUND
    if fa.names & fb.names:
        return Level.NAME_VARIANT
    if (
        not same_key
        and not fa.ocr & fb.ocr
        and _slips(a, b, fa.canons, fb.canons) > 1
        and listed_apart(fa.keys, fb.keys)
    ):
        return Level.OTHER_NAME
    if not same_key and similarity >= 0.84 and _edits(fa.canons, fb.canons) >= _DISTANT_EDITS:
        return Level.DISTANT
    if similarity >= 0.92:
        return Level.SPELLED_ALIKE
    if same_key:
        return Level.SOUNDS_ALIKE
    if fa.ocr & fb.ocr:
        return Level.OCR_VARIANT
    if similarity >= 0.84:
        return Level.SIMILAR
    return Level.DIFFERENT


_DISTANT_EDITS = 3  # a typo or an OCR slip changes one or two letters, not a syllable


def _edits(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return min(Levenshtein.distance(x, y) for x in a for y in b)


def _slips(a: str, b: str, forms_a: tuple[str, ...], forms_b: tuple[str, ...]) -> int:
    """Fewest slips of the pen between two words: a letter dropped, added, changed, or two
    neighbours swapped (one slip makes Ахетов or Аметов of Ахметов; Канат and Кайрат are two
    apart). Counted on the letters as written when the scripts agree (х is one letter, its
    canonical "kh" two), else on the canonical forms."""
    if dominant_script(a) is dominant_script(b):
        return min(OSA.distance(a.lower(), b.lower()), _canon_slips(forms_a, forms_b))
    return _canon_slips(forms_a, forms_b)


def _canon_slips(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return min(OSA.distance(x, y) for x in a for y in b)


def _is_initial(word: str) -> bool:
    bare = word.rstrip(".")
    return (word.endswith(".") and len(bare) <= 3) or len(bare) == 1


def _initials_agree(x: str, y: str) -> bool:
    """ "zh" and "z" (Ж. written as Z.), "d" and "dzh" agree: an initial is a prefix."""
    return bool(x and y) and (x.startswith(y) or y.startswith(x))


@lru_cache(maxsize=1)
def load_weights() -> dict[str, Any]:
    text = (resources.files("tagdyr.names") / "models" / MODEL_FILE).read_text("utf-8")
    weights: dict[str, Any] = json.loads(text)
    return weights


def _weight(part: Part, level: str) -> float:
    return float(load_weights()["weights"].get(part.value, {}).get(level, 0.0))


def _gender_evidence(a: ParsedName, b: ParsedName) -> Evidence | None:
    """A man's and a woman's form of a name (Омаров/Омарова) count against; nothing else."""
    if Gender.UNKNOWN in (a.gender, b.gender) or a.gender is b.gender:
        return None
    return Evidence(
        Part.GENDER, a.gender.value, b.gender.value, "different", _weight(Part.GENDER, "different")
    )


def _parts(name: ParsedName) -> list[tuple[Part, str]]:
    """(role, word) for every word and initial; initials fill given, then patronymic."""
    parts: list[tuple[Part, str]] = []
    if name.surname:
        parts.append((Part.SURNAME, name.surname.split()[-1]))
    given = list(name.given)
    initials = list(name.initials)
    if given:
        parts.append((Part.GIVEN, given[0]))
    elif initials:
        parts.append((Part.GIVEN, initials.pop(0)))
    if name.patronymic:
        parts.append((Part.PATRONYMIC, patronymic_root(name.patronymic)))
    elif initials and (given or name.initials):
        parts.append((Part.PATRONYMIC, initials.pop(0)))
    return parts


def _aligned(
    pa: list[tuple[Part, str]], pb: list[tuple[Part, str]], swapped: bool
) -> list[Evidence]:
    by_role = dict(pb)
    if swapped:
        b_surname, b_given = by_role.get(Part.SURNAME), by_role.get(Part.GIVEN)
        if b_surname is None or b_given is None:
            return []
        by_role[Part.SURNAME], by_role[Part.GIVEN] = b_given, b_surname
    evidence = []
    for role, word in pa:
        other = by_role.get(role)
        if other is None:
            continue
        level = compare_words(word, other)
        # in a swapped alignment surname and given name meet: their roles are not known,
        # so both pairs carry the order-free "crossed" weights (and the score is symmetric)
        part = Part.CROSSED if swapped and role in (Part.SURNAME, Part.GIVEN) else role
        evidence.append(Evidence(part, word, other, level.value, _weight(part, level.value)))
    return evidence


def compare_parsed(a: ParsedName, b: ParsedName, threshold: float | None = None) -> NameScore:
    pa, pb = _parts(a), _parts(b)
    options = [_aligned(pa, pb, swapped=False)]
    if a.given and b.given:
        swapped = _aligned(pa, pb, swapped=True)
        if swapped:
            order_weight = _weight(Part.ORDER, "swapped")
            swapped.append(Evidence(Part.ORDER, "", "", "swapped", order_weight))
            options.append(swapped)
    evidence = max(options, key=lambda ev: sum(e.weight for e in ev))
    evidence = [*evidence, *_frequency_evidence(evidence, a, b)]
    gender = _gender_evidence(a, b)
    if gender:
        evidence = [*evidence, gender]
    total = load_weights()["prior_log2_odds"] + sum(e.weight for e in evidence)
    score = 1.0 / (1.0 + math.pow(2.0, -total))
    verdict = _verdict(score, evidence, threshold)
    return NameScore(round(score, 4), verdict is Verdict.SAME, tuple(evidence), verdict)


def _verdict(score: float, evidence: list[Evidence], threshold: float | None) -> Verdict:
    """``same`` at or above the threshold unless the given name rests on initials alone or the
    genders differ;
    ``possible`` from the model's lower cut; else ``different``."""
    weights = load_weights()
    cut = weights["threshold"] if threshold is None else threshold
    if score >= cut and not rests_on_initials(evidence) and not _genders_differ(evidence):
        return Verdict.SAME
    if score >= min(cut, weights.get("possible_threshold", cut)):
        return Verdict.POSSIBLE
    return Verdict.DIFFERENT


def _genders_differ(evidence: list[Evidence]) -> bool:
    """A man's and a woman's form of the names (Омаров / Омарова): two people, whatever else
    agrees — at most possible (a clerk may have dropped or added the ending)."""
    return any(e.part is Part.GENDER for e in evidence)


_INITIAL_LEVELS = frozenset({Level.INITIAL_MATCH.value, Level.INITIAL_MISMATCH.value})
_NAME_PARTS = frozenset({Part.GIVEN, Part.PATRONYMIC, Part.CROSSED})


def rests_on_initials(evidence: list[Evidence] | tuple[Evidence, ...]) -> bool:
    """The given name (and father's name) was compared only as initials: "Kudajbergenov K." ~
    "Кудайбергенов Калиаскар" can be the same man, but nothing in the names shows that he is.
    (Two bare surnames, with no given name at all, are words compared, not men: left alone.)"""
    named = [e for e in evidence if e.part in _NAME_PARTS]
    return bool(named) and all(e.level in _INITIAL_LEVELS for e in named)


_AGREEING = frozenset({Level.IDENTICAL, Level.SAME_SOUND, Level.SPELLED_ALIKE, Level.OCR_VARIANT})
_AGREEING_GIVEN = _AGREEING | {Level.NAME_VARIANT}
_FREQUENCY_PARTS = frozenset({Part.SURNAME_FREQUENCY, Part.GIVEN_FREQUENCY, Part.INITIAL_FREQUENCY})


def frequency_bits(evidence: list[Evidence], a: ParsedName, b: ParsedName) -> list[Evidence]:
    """The term-frequency bits (``frequencies.tf_bits``) of an agreeing surname and of an
    agreeing given-name initial, as evidence of weight 0 carrying the bits in ``weight``."""
    out = []
    female = Gender.FEMALE in (a.gender, b.gender)
    # a surname's rarity weighs differently when the given name is only an initial (or absent):
    # then the surname is nearly all the evidence there is
    given_full = any(e.part is Part.GIVEN and e.level in _AGREEING_GIVEN for e in evidence)
    for e in evidence:
        if e.part is Part.SURNAME and e.level in _AGREEING:
            keys = word_forms(e.left).keys | word_forms(e.right).keys
            bits = tf_bits(surname_share(keys), "surname")
            level = "bits" if given_full else "bits_initial"
            out.append(Evidence(Part.SURNAME_FREQUENCY, e.left, e.right, level, bits))
        elif e.part is Part.GIVEN and e.level in _AGREEING_GIVEN:
            keys = word_forms(e.left).keys | word_forms(e.right).keys
            bits = tf_bits(given_share(keys), "given")
            out.append(Evidence(Part.GIVEN_FREQUENCY, e.left, e.right, "bits", bits))
        elif e.part is Part.GIVEN and e.level == Level.INITIAL_MATCH:
            letters = _initial_letters(e.left, e.right)
            share = given_initial_share(letters, female)
            bits = tf_bits(share, "initial_f" if female else "initial_m")
            out.append(Evidence(Part.INITIAL_FREQUENCY, e.left, e.right, "bits", bits))
    return out


def _initial_letters(a: str, b: str) -> frozenset[str]:
    """The first sounds an initial (or both initials) can stand for."""
    a_initial, b_initial = _is_initial(a), _is_initial(b)
    if a_initial and b_initial:
        return first_sounds(a, True) & first_sounds(b, True)
    return first_sounds(a if a_initial else b, True)


def _frequency_evidence(evidence: list[Evidence], a: ParsedName, b: ParsedName) -> list[Evidence]:
    return [
        Evidence(e.part, e.left, e.right, e.level, round(e.weight * _weight(e.part, e.level), 4))
        for e in frequency_bits(evidence, a, b)
    ]


@lru_cache(maxsize=100_000)
def _parse_any(written: str) -> ParsedName:
    return parse(clean(written), Order.SURNAME_FIRST)


def compare(a: str, b: str, threshold: float | None = None) -> NameScore:
    """Score two written names (any scripts, any order, initials allowed)."""
    return compare_parsed(_parse_any(a), _parse_any(b), threshold)


def evidence_levels(a: str, b: str) -> list[tuple[str, str]]:
    """(part, level) of the alignment the current weights choose (used to re-estimate them)."""
    return [(e.part.value, e.level) for e in compare(a, b).evidence]


def evidence_features(a: str, b: str) -> dict[tuple[str, str], float]:
    """The chosen alignment's indicators (1.0 per part and level) and term-frequency bits
    (``(part, "bits")``), the design row of one pair when the weights are re-estimated."""
    pa, pb = _parse_any(a), _parse_any(b)
    evidence = compare_parsed(pa, pb).evidence
    features: dict[tuple[str, str], float] = {}
    for e in evidence:
        if e.part not in _FREQUENCY_PARTS:
            features[(e.part.value, e.level)] = 1.0
    base = [e for e in evidence if e.part not in _FREQUENCY_PARTS]
    for e in frequency_bits(base, pa, pb):
        features[(e.part.value, e.level)] = e.weight
    return features
