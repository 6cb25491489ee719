"""Given names tagdyr knows by its own list (``names/data/given_names.txt``): Kazakh and Central
Asian names, matched in Kazakh, russified or Latin spelling, and the names of the European
clerks, officers and historians the documents mention."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from tagdyr.names.reverse import cyrillic_candidates
from tagdyr.names.translit import ascii_fold, russify


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    """(Kazakh and Central Asian names russified, European names folded)."""
    text = (resources.files("tagdyr.names") / "data" / "given_names.txt").read_text("utf-8")
    section, kazakh, european = "", set(), set()
    for line in text.splitlines():
        if line.startswith("#"):
            section = line[2:].strip() if line[2:].strip() in ("kk", "europe") else section
            continue
        for name in line.split():
            if section == "kk":
                kazakh.add(russify(name.lower()))
            else:
                european.add(ascii_fold(name.lower()))
    return frozenset(kazakh), frozenset(european)


@lru_cache(maxsize=100_000)
def listed_given_name(word: str) -> bool:
    """``word`` as written is a given name of the list ("Зәуре", "Зауре", "Zaure", "Jean")."""
    kazakh, european = _lists()
    lowered = word.lower().replace("ə", "ә")
    if any("\u0400" <= c <= "\u04ff" for c in lowered):
        return russify(lowered) in kazakh
    if ascii_fold(lowered) in european:
        return True
    return any(h.cyrillic.lower() in kazakh for h in cyrillic_candidates(word, limit=3))
