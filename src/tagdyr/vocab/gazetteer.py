"""Historical place names: resolving "Павлодарский РВК", "Kazakh SSR, Pavlodar, ul. Abay, 204",
"Гурьевская обл." or "Mu-i Rana" to gazetteer entries (and their oblast and country).

The gazetteer (``vocab/data/places.json``) lists each place with every spelling documents use:
Russian, Kazakh, Latin renderings and historical names (Гурьев/Атырау, Акмолинск/Целиноград,
Mo i Rana/Mu-i Rana). Matching works on the names engine's canonical forms, so any script
matches; Russian adjectival forms ("Павлодарский", "Алма-Атинская") match their place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tagdyr.limits import MAX_ANALYSED_PLACE, analysed_part
from tagdyr.names import canonical, dominant_script, has_kazakh_letters
from tagdyr.names.cleanup import Script


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    kind: str
    parent: str | None
    lat: float
    lon: float
    names: tuple[str, ...]


_ADJECTIVE = re.compile(r"(skaya|skiy|skii|skoy|skoe|skogo|skoi|skaja|skij|inskaya|inskiy)$")
_NOISE = {"obl", "oblast", "oblys", "oblysy", "region", "g", "gor", "gorod", "rayon", "raion",
          "ul", "ulitsa", "d", "dom", "rvk", "rvc", "rayvoenkomat", "ssr", "kssr", "kazakh",
          "kazakhskaya", "kazakhstan", "rn", "raiona", "rajon", "district", "distrikt",
          "bezirk", "kreis", "audany", "audan"}  # fmt: skip
# words that say a place string names a raion: "Абай" alone may be a street or a man, while
# "Абайский р-н", "Абай ауданы" and "Abay district" are the raion
_RAION_MARKERS = {"rn", "raion", "raiona", "rayon", "rajon", "district", "distrikt", "bezirk",
                  "kreis", "audany", "audan", "rvk", "rvc", "rayvoenkomat"}  # fmt: skip
_NUMBERED = re.compile(r"[0-9]")  # camps by number: "Stalag 326", "Шталаг 319"
_DISTINCTIVE = 6  # a raion name this long is taken without a marker ("Баянаул", "Karkaralinsk")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", canonical(text))


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    text = (resources.files("tagdyr.vocab") / "data" / "places.json").read_text("utf-8")
    data = json.loads(text)
    return {
        p["key"]: Place(p["key"], p["kind"], p["parent"], p["lat"], p["lon"], tuple(p["names"]))
        for p in data["places"]
    }


@lru_cache(maxsize=1)
def _index() -> dict[str, set[str]]:
    """Normalized spelling (spaces and hyphens removed, adjective endings stripped) -> keys."""
    index: dict[str, set[str]] = {}
    for place in places().values():
        for name in place.names:
            words = [w for w in re.split(r"[\s.,]+", name) if w]
            core = [w for w in words if _norm(w) not in _NOISE] or words
            for form in (
                "".join(_norm(w) for w in core),
                _ADJECTIVE.sub("", "".join(_norm(w) for w in core)),
            ):
                if len(form) >= 3:
                    index.setdefault(form, set()).add(place.key)
    return index


def _lookup(form: str) -> set[str]:
    index = _index()
    if form in index:
        return index[form]
    stem = _ADJECTIVE.sub("", form)
    if stem in index:
        return index[stem]
    if len(stem) >= 5 and not _NUMBERED.search(stem):  # "almaatin" (Алма-Атинская) ~ "almaata"
        # a name whose all but last letter start the stem, at most 2 letters longer or shorter:
        # that part is one of the stem's 4 longest beginnings (see _by_beginning)
        by_beginning = _by_beginning()
        return {
            key
            for size in range(len(stem) - 3, len(stem) + 1)
            for name in by_beginning.get(stem[:size], ())
            for key in index[name]
        }
    return set()


@lru_cache(maxsize=1)
def _by_beginning() -> dict[str, list[str]]:
    """The index's names (but those with a number: "Stalag 324" is no ending away from
    "Stalag 326") by all their letters but the last."""
    found: dict[str, list[str]] = {}
    for name in _index():
        if not _NUMBERED.search(name):
            found.setdefault(name[:-1], []).append(name)
    return found


def _read_as_cyrillic(word: str) -> set[str]:
    """Keys a Latin word names when read back into Cyrillic: a German clerk's "Bajanaul" or a
    French one's "Djamboul" is the gazetteer's Баянаул or Джамбул."""
    from tagdyr.names.reverse import cyrillic_candidates

    if not word.replace("-", "").isalpha() or any(ord(ch) >= 0x250 for ch in word):
        return set()
    for reading in cyrillic_candidates(word)[:_READINGS]:
        keys = _lookup(_norm(reading.cyrillic))
        if keys:
            return keys
    return set()


_READINGS = 5


@lru_cache(maxsize=100_000)
def resolve(text: str) -> tuple[str, ...]:
    """Gazetteer keys a place string names, most specific first, with their ancestors."""
    text = analysed_part(text, MAX_ANALYSED_PLACE)
    words = [w for w in re.split(r"[\s,;:()/]+|(?<=\.)", text) if w]
    marked = any(_norm(w) in _RAION_MARKERS for w in words)
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            chunk = words[i : i + size]
            if len(chunk) < size:
                continue
            form = "".join(_norm(w) for w in chunk)
            if size == 1 and form in _NOISE:
                keys: set[str] = set()
            else:
                keys = _lookup(form) if len(form) >= 3 else set()
                if not keys and size == 1 and len(form) >= 4:
                    keys = _read_as_cyrillic(chunk[0].strip(".-"))
                if not marked and not _ADJECTIVE.search(form) and len(form) < _DISTINCTIVE:
                    keys = {k for k in keys if places()[k].kind != "raion"}
            if keys:
                found.extend(sorted(keys))
                i += size
                break
        else:
            i += 1
    ordered = sorted(set(found), key=lambda k: _depth(k), reverse=True)
    with_parents: list[str] = []
    for key in ordered:
        for ancestor in _lineage(key):
            if ancestor not in with_parents:
                with_parents.append(ancestor)
    return tuple(with_parents)


_KAZAKH_WORDS = ("облысы", "ауданы", "қаласы")


def label(key: str, lang: str) -> str:
    """The name of a place in an interface language: the first Latin-script spelling for
    English, the first Russian one for Russian, the first Kazakh one (Kazakh letters or a
    Kazakh word such as "облысы") for Kazakh, else the Russian one; the first name of all if
    the gazetteer has none in that script; a key the gazetteer lacks, as given."""
    if key not in places():
        return key
    names = places()[key].names
    cyrillic = [n for n in names if dominant_script(n) is Script.CYRILLIC]
    russian = [n for n in cyrillic if not _is_kazakh(n)]
    wanted = {
        "en": [n for n in names if dominant_script(n) is Script.LATIN],
        "ru": russian,
        "kk": [n for n in cyrillic if _is_kazakh(n)] + russian,
    }.get(lang, [])
    return (wanted or list(names))[0]


def _is_kazakh(name: str) -> bool:
    return has_kazakh_letters(name) or any(word in name for word in _KAZAKH_WORDS)


def _lineage(key: str) -> list[str]:
    chain = []
    current: str | None = key
    while current and current in places() and current not in chain:
        chain.append(current)
        current = places()[current].parent
    return chain


def _depth(key: str) -> int:
    return len(_lineage(key))


def town_and_region(text: str) -> tuple[str | None, str | None]:
    """(most specific town, raion or camp, its oblast or country) a place string names."""
    keys = resolve(text)
    town = next((k for k in keys if places()[k].kind in ("town", "raion", "camp")), None)
    region = next((k for k in keys if places()[k].kind in ("oblast", "country")), None)
    return town, region
