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


@lru_cache(maxsize=200_000)
def names_of(canons: tuple[str, ...]) -> frozenset[int]:
    """Table rows whose forms a word's canonical forms are (or are one slip away from)."""
    index = _index()
    found: set[int] = set()
    for canon in canons:
        found |= index.get(canon, frozenset())
    if found:
        return frozenset(found)
    for canon in canons:
        for key, numbers in index.items():
            if key[:1] == canon[:1] and JaroWinkler.similarity(key, canon) >= _NEAR:
                found |= numbers
    return frozenset(found)
