"""Feature columns for Splink, computed by the names engine, the gazetteer and the rank table.

DuckDB's string similarity functions count bytes, not characters, so Splink only ever compares
ASCII columns computed here (canonical forms and skeletons), never raw Cyrillic. The name
columns come from the name index (``names/index.py``), the one place that derives a name's
keys for search and linkage alike: a Latin name gets, besides its own ASCII form, the
canonical forms of its most plausible Cyrillic originals, so "Joumaniazov" and "Жұманиязов"
share a form exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tagdyr.dates import FuzzyDate, Precision
from tagdyr.names import canonical, parse
from tagdyr.names.index import word_keys
from tagdyr.names.parse import Order, ParsedName, patronymic_root
from tagdyr.names.similarity import word_forms
from tagdyr.vocab.gazetteer import places, resolve
from tagdyr.vocab.ranks import rank_code, rank_ordinal

FEATURE_COLUMNS = (
    "unique_id",
    "source_dataset",
    "surname_canon",
    "surname_forms",
    "surname_key",
    "surname_keys",
    "given_canon",
    "given_forms",
    "given_key",
    "given_keys",
    "given_initial",
    "given_initials",
    "patronymic_canon",
    "gender",
    "birth_year",
    "birth_date",
    "place_towns",
    "place_raions",
    "place_regions",
    "region_key",
    "place_texts",
    "place_text",
    "rank_ordinal",
    "camp_key",
    "identifier",
)


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """What linkage reads of a record: its names, birth, places, rank and camp as written."""

    unique_id: str
    source_dataset: str
    name: ParsedName
    birth: FuzzyDate | None = None
    places: tuple[str, ...] = field(default=())
    rank: str = ""
    camp: str = ""
    fielded: bool = False  # the name came in separate surname / given-name columns
    identifier: str = ""  # a personal number: POW tag, prisoner or service number
    name_confidence: float | None = None  # OCR confidence (0–100) of a name read from a scan

    @property
    def birth_year(self) -> int | None:
        return self.birth.year if self.birth else None


def _forms(word: str) -> tuple[str | None, list[str] | None, str | None, list[str] | None]:
    """(canonical, comparison forms, primary skeleton, all skeletons) of one name word, from
    the name index (OCR confusions repaired, Cyrillic readings of a Latin word included)."""
    found = word_keys(word)
    if found is None:
        return None, None, None, None
    return found.canon, list(found.forms), found.key or None, list(found.keys)


# OCR confusions tried as variants of a doubtfully read name word, one swap at a time
_OCR_SWAPS = (("rn", "m"), ("m", "rn"), ("c", "e"), ("e", "c"), ("И", "Н"), ("Н", "И"),
              ("и", "н"), ("н", "и"), ("6", "б"), ("б", "6"), ("l", "I"), ("ii", "u"))  # fmt: skip
DOUBTFUL_NAME = 85.0  # below this OCR confidence a name's confusions are tried as variants
UNREADABLE_NAME = 40.0  # below this a name read from a scan counts as missing, not as different
_MAX_VARIANTS = 12


def ocr_variants(word: str) -> list[str]:
    """The word with one OCR confusion undone (rn/m, c/e, И/Н, 6/б, …), each once."""
    found: list[str] = []
    for wrong, right in _OCR_SWAPS:
        start = word.find(wrong)
        while start >= 0 and len(found) < _MAX_VARIANTS:
            found.append(word[:start] + right + word[start + len(wrong) :])
            start = word.find(wrong, start + 1)
    return list(dict.fromkeys(v for v in found if v != word))


def _doubtful_forms(
    word: str, parts: tuple[str | None, list[str] | None, str | None, list[str] | None],
    confidence: float | None,
) -> tuple[str | None, list[str] | None, str | None, list[str] | None]:  # fmt: skip
    """A name word read from a scan: unreadable ones count as missing; doubtful ones also
    carry the forms of their OCR variants."""
    if confidence is None or confidence >= DOUBTFUL_NAME or parts[0] is None:
        return parts
    if confidence < UNREADABLE_NAME:
        return None, None, None, None
    canon, forms, primary, keys = parts
    extra = [f for v in ocr_variants(word.strip()) for f in (_forms(v)[1] or [])]
    return canon, list(dict.fromkeys([*(forms or []), *extra])), primary, keys


def _initial_classes(name: ParsedName) -> list[str]:
    """Every letter class the given name's initial can stand for ("Y." is Ы, Й or Е), its
    own class first: the one a blocking rule and the swapped-order level compare."""
    source = name.given[0] if name.given else (name.initials[0] if name.initials else "")
    if not source:
        return []
    forms = word_forms(source)
    own = forms.initial_class
    return [own, *sorted(forms.initial_classes - {own})]


def _place_text(text: str) -> str | None:
    """A place the gazetteer does not know (an aul, a suburb), as comparable ASCII words in
    alphabetical order ("аул Кызылжар" = "Kyzylzhar aul")."""
    words = [w if w.isdigit() else canonical(w) for w in re.split(r"[\W_]+", text) if w]
    return " ".join(sorted(w for w in words if w)) or None


@dataclass(frozen=True, slots=True)
class PlaceKeys:
    """What a record's place strings name: towns and camps, raions, oblasts, and the texts
    the gazetteer does not know; None where there are none (Splink's null)."""

    towns: list[str] | None
    raions: list[str] | None
    regions: list[str] | None
    unknown: list[str] | None


def _place_keys(texts: tuple[str, ...]) -> PlaceKeys:
    found: dict[str, list[str]] = {"town": [], "camp": [], "raion": [], "oblast": []}
    unknown: list[str] = []
    for text in texts:
        if not any(ch.isalpha() for ch in text):  # "1939", "---": a year or a dash, no place
            continue
        keys = resolve(text)
        for key in keys:
            kind = places()[key].kind
            if kind in found and key not in found[kind]:
                found[kind].append(key)
        plain = None if keys else _place_text(text)
        if plain and plain not in unknown:
            unknown.append(plain)
    towns = found["town"] + found["camp"]
    raions, oblasts = found["raion"] or None, found["oblast"] or None
    return PlaceKeys(towns or None, raions, oblasts, unknown or None)


def _identifier(text: str) -> str | None:
    """A personal number compared by its letters and digits: "304/12 345" = "304-12345"."""
    return "".join(ch for ch in text.upper() if ch.isalnum()) or None


def features(rec: LinkRecord) -> dict[str, Any]:
    """One row of the Splink input table for a record."""
    name = rec.name
    surname_word = name.surname.split()[-1] if name.surname else ""
    given_word = name.given[0] if name.given else ""
    surname_canon, surname_forms, surname_key, surname_keys = _doubtful_forms(
        surname_word, _forms(surname_word), rec.name_confidence
    )
    given_canon, given_forms, given_key, given_keys = _doubtful_forms(
        given_word, _forms(given_word), rec.name_confidence
    )
    patronymic = patronymic_root(name.patronymic) if name.patronymic else ""
    place = _place_keys(rec.places)
    initials = _initial_classes(name)
    camp = resolve(rec.camp) if rec.camp else ()
    birth_date = rec.birth.start if rec.birth and rec.birth.precision is Precision.DAY else None
    return {
        "unique_id": rec.unique_id,
        "source_dataset": rec.source_dataset,
        "surname_canon": surname_canon,
        "surname_forms": surname_forms,
        "surname_key": surname_key,
        "surname_keys": surname_keys,
        "given_canon": given_canon,
        "given_forms": given_forms,
        "given_key": given_key,
        "given_keys": given_keys,
        "given_initial": initials[0] if initials else None,
        "given_initials": initials or None,
        "patronymic_canon": canonical(patronymic) or None if patronymic else None,
        "gender": name.gender.value or None,
        "birth_year": rec.birth_year,
        "birth_date": birth_date,
        "place_towns": place.towns,
        "place_raions": place.raions,
        "place_regions": place.regions,
        "region_key": place.regions[0] if place.regions else None,  # for training blocks
        "place_texts": place.unknown,
        "place_text": place.unknown[0] if place.unknown else None,  # for spelling similarity
        "rank_ordinal": rank_ordinal(rank_code(rec.rank)) if rec.rank else None,
        "camp_key": camp[0] if camp else None,
        "identifier": _identifier(rec.identifier),
    }


def record_from_name(
    unique_id: str,
    dataset: str,
    written_name: str,
    birth_year: int | None,
    hint: Order = Order.SURNAME_FIRST,
) -> LinkRecord:
    birth = FuzzyDate(str(birth_year), str(birth_year), Precision.YEAR) if birth_year else None
    return LinkRecord(unique_id, dataset, parse(written_name, hint), birth)
