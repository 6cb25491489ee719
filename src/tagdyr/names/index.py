"""The name index: the one place that derives the keys under which a written name is found.

Search (the ``name_key`` table), linkage blocking and comparison forms (``link/features.py``)
and the names engine's analysis read these functions and nothing else:

* :func:`~tagdyr.names.cleanup.repair_ocr` undoes the commonest OCR confusions inside a word
  (for comparison only);
* :func:`word_keys` gives a word's canonical forms — for a Latin word also those of its likeliest
  Cyrillic originals, so that "Bajmagambetow" meets "Баймагамбетов" exactly — and its skeletons;
* :func:`fuzzy_keys` gives the deletion neighbourhood of a canonical form: two forms one wrong,
  missing or extra letter apart share a key ("bektsnov" and "bektanov" both yield "bektnov");
* :func:`index_keys` and :func:`query_keys` are what a record stores and what a query looks up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tagdyr.names.cleanup import Script, dominant_script, repair_ocr
from tagdyr.names.keys import NOT_LETTER, canonical, skeletons
from tagdyr.names.parse import ParsedName
from tagdyr.names.reverse import cyrillic_candidates
from tagdyr.names.similarity import comparison_canons

READINGS = 4  # Cyrillic readings of a Latin word kept as comparison forms
KEYED_READINGS = 2  # … of which the best ones also give skeleton keys
FUZZY = "~"  # prefix of deletion-neighbourhood keys (canonical forms are lower-case ASCII)
FUZZY_MIN_LENGTH = 5  # shorter forms' deletions ("ali" -> "al") would meet half the register


@dataclass(frozen=True, slots=True)
class WordKeys:
    """The index keys of one name word."""

    canon: str  # the comparison form: for a Latin word, that of its likeliest Cyrillic original
    forms: tuple[str, ...]  # canonical forms: as written, and of its likeliest originals
    key: str  # the primary skeleton ("" if none)
    keys: tuple[str, ...]  # every skeleton, the primary first


@lru_cache(maxsize=500_000)
def word_keys(word: str) -> WordKeys | None:
    """The keys of one name word (OCR confusions repaired), or None for an initial or a word
    without letters."""
    word = repair_ocr(word.strip())
    if not word or word.endswith("."):
        return None
    forms = list(comparison_canons(word))
    if not forms:  # no letters at all (an OCR misreading such as "—|"): nothing to compare
        return None
    keys = list(skeletons(word))
    primary = keys[0] if keys else ""
    canon = forms[0]
    if dominant_script(word) is Script.LATIN:
        readings = cyrillic_candidates(word)[:READINGS]
        forms = list(dict.fromkeys([forms[0], *(canonical(h.cyrillic) for h in readings)]))
        if readings:  # the best originals' forms meet Cyrillic records' forms and keys
            reading_keys = [k for h in readings[:KEYED_READINGS] for k in skeletons(h.cyrillic)]
            primary = reading_keys[0] if reading_keys else primary
            keys = list(dict.fromkeys([*keys, *reading_keys]))
            canon = canonical(readings[0].cyrillic)
    return WordKeys(canon, tuple(forms), primary, tuple(keys))


def _deletions(form: str) -> set[str]:
    return {form[:i] + form[i + 1 :] for i in range(len(form))}


@lru_cache(maxsize=200_000)
def fuzzy_keys(form: str, distance: int = 1) -> tuple[str, ...]:
    """The deletion neighbourhood of a canonical form (itself and every form with up to
    ``distance`` letters deleted), as ``~``-prefixed keys; none for a short form."""
    letters = NOT_LETTER.sub("", form)
    if len(letters) < FUZZY_MIN_LENGTH:
        return ()
    found, frontier = {letters}, {letters}
    for _ in range(distance):
        frontier = {d for f in frontier for d in _deletions(f)}
        found |= frontier
    return tuple(sorted(FUZZY + f for f in found))


def name_words(parsed: ParsedName, *, extra: bool = False) -> list[str]:
    """The words of a parsed name that carry keys (initials are matched by scoring)."""
    parts = (parsed.surname, *parsed.given, parsed.patronymic, *(parsed.extra if extra else ()))
    return [w for part in parts if part for w in part.split()]


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The index of one name: the surname's and given name's own keys, and every key under
    which a search finds it."""

    surname: WordKeys | None
    given: WordKeys | None
    keys: tuple[str, ...]


def _exact(words: list[str]) -> list[str]:
    keys: list[str] = []
    for word in words:
        found = word_keys(word)
        keys += [canonical(word), *(found.forms + found.keys if found else ())]
    return keys


@lru_cache(maxsize=200_000)
def index_keys(parsed: ParsedName) -> NameKeys:
    """What a record stores: every word's canonical forms (Cyrillic readings included) and
    skeletons, and the deletion neighbourhood of the surname's and the given name's form."""
    surname = word_keys(parsed.surname.split()[-1]) if parsed.surname.strip() else None
    given = word_keys(parsed.given[0]) if parsed.given else None
    keys = _exact(name_words(parsed))
    for word in (surname, given):
        if word:
            keys += fuzzy_keys(word.canon)
    return NameKeys(surname, given, tuple(k for k in dict.fromkeys(keys) if k))


def query_keys(parsed: ParsedName, distance: int = 0) -> tuple[str, ...]:
    """What a query looks up: its words' exact keys and, for ``distance`` 1 or 2, the
    deletion neighbourhoods of all their forms (which meet the stored neighbourhoods of forms
    up to one, or about two, letters away)."""
    words = name_words(parsed, extra=True)
    keys = _exact(words)
    if distance:
        for word in words:
            found = word_keys(word)
            for form in found.forms if found else ():
                keys += fuzzy_keys(form, distance)
    return tuple(k for k in dict.fromkeys(keys) if k)
