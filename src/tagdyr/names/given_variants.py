"""Forms of one given name across languages: Жүсіп, Жусуп, Юсуп, Юсуф are one man's name.

The table (``names/data/given_variants.tsv``) lists each Kazakh given name with its russified
and Arabic-origin forms. A word — in any script, as written (typos allowed) — is looked up by
its canonical ASCII forms (for a Latin word: also those of its plausible Cyrillic originals,
:func:`tagdyr.names.similarity.word_forms`); two words are variants of one name when their
names meet. A near miss within one typo of a listed form (Jaro-Winkler ≥ 0.93, same first
letter) still finds its name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from tagdyr.names.keys import canonical

_NEAR = 0.93


@lru_cache(maxsize=1)
def variant_table() -> tuple[tuple[str, ...], ...]:
    """Every name of the table with its forms, the Kazakh form first."""
    text = (resources.files("tagdyr.names") / "data" / "given_variants.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(f.strip() for f in line.split("\t") if f.strip()))
    return tuple(rows)


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {}
    for number, forms in enumerate(variant_table()):
        for form in forms:
            for key in {canonical(form), canonical(form).replace("-", "")}:
                index.setdefault(key, set()).add(number)
    return {key: frozenset(numbers) for key, numbers in index.items()}


@lru_cache(maxsize=1)
def _keys_by_first_letter() -> dict[str, tuple[str, ...]]:
    buckets: dict[str, list[str]] = {}
    for key in _index():
        buckets.setdefault(key[:1], []).append(key)
    return {letter: tuple(keys) for letter, keys in buckets.items()}


@lru_cache(maxsize=200_000)
def names_of(canons: tuple[str, ...]) -> frozenset[int]:
    """Table rows whose forms a word's canonical forms are (or are one slip away from)."""
    index = _index()
    found: set[int] = set()
    for canon in canons:
        found |= index.get(canon, frozenset())
    if found:
        return frozenset(found)
    buckets = _keys_by_first_letter()
    for canon in canons:
        near = process.extract(
            canon,
            buckets.get(canon[:1], ()),
            scorer=JaroWinkler.similarity,
            score_cutoff=_NEAR,
            limit=None,
        )
        for key, _, _ in near:
            found |= index[key]
    return frozenset(found)
