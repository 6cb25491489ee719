"""The claim kinds, declared once: what a record can state, which field of a row states it,
whether it is an event (dated, in a timeline) or a fact, where its date and place come from,
its words in kk/ru/en, its GEDCOM tag, and its place among the key facts of the printed
collection.

Readers: :mod:`tagdyr.sources.records` (the claims of a row), :mod:`tagdyr.i18n` (the
``kind_*`` words), :mod:`tagdyr.export.gedcom` (tags and types), :mod:`tagdyr.export.collection`
(the key facts and their order), :mod:`tagdyr.dossier` (kinds a man has one of, the order of a
fate summary), :mod:`tagdyr.sources.columns` (the header names of a kind's new field),
:mod:`tagdyr.maps.points`, :mod:`tagdyr.stats` and :mod:`tagdyr.search` (which kinds name a
place, and which say where a man comes from). A new
kind is one :class:`ClaimKind` in :data:`CLAIM_KINDS`.

Pure data: nothing here imports the rest of tagdyr.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Shape = Literal["event", "fact"]
# where a claim's date comes from: its own field is a date, the row's ``date`` cell, or none
DatedBy = Literal["own", "row", "none"]


@dataclass(frozen=True, slots=True)
class ClaimKind:
    """One kind of statement a record makes."""

    kind: str
    labels: dict[str, str]  # en, ru, kk
    shape: Shape
    field: str | None = None  # the row's field that states it (None: built by its own rule)
    dated_by: DatedBy = "none"
    place_field: str | None = None  # the row's field naming its place
    gedcom: tuple[str, str | None] = ("FACT", None)  # (tag, TYPE) ; EVEN/FACT carry a TYPE
    key_fact: int = 0  # its place among the facts the collection prints (0: not printed)
    single: bool = False  # a man has one: several values are a disagreement
    # header names (regular expressions on the normalized header, every language) of a field
    # the column table of sources/columns.py does not already know
    headers: tuple[str, ...] = ()
    value_is_place: bool = False  # its value itself names a place ("Mysen" as a camp)
    homeland: bool = False  # it says where a man comes from (the statistics' oblasts)


# Facts in the order a row's claims are made, then events; ``key_fact`` is the position among
# the key facts of the printed collection (0: not one).
CLAIM_KINDS: tuple[ClaimKind, ...] = (
    ClaimKind("birth", {"en": "birth", "ru": "рождение", "kk": "туған"}, "event",
              gedcom=("BIRT", None), key_fact=1, single=True, homeland=True),
    ClaimKind("conscription", {"en": "conscription", "ru": "призыв", "kk": "әскерге шақырылу"},
              "event", gedcom=("EVEN", "Conscription"), key_fact=5, value_is_place=True),
    ClaimKind("burial", {"en": "burial", "ru": "захоронение", "kk": "жерлеу"}, "event",
              gedcom=("BURI", None)),
    ClaimKind("residence", {"en": "residence", "ru": "место жительства",
                            "kk": "тұрғылықты жері"}, "fact", "residence", gedcom=("RESI", None),
              value_is_place=True, homeland=True),
    ClaimKind("rank", {"en": "rank", "ru": "звание", "kk": "әскери атағы"}, "fact", "rank",
              gedcom=("FACT", "Military rank"), key_fact=2, single=True),
    ClaimKind("nationality", {"en": "nationality", "ru": "национальность", "kk": "ұлты"},
              "fact", "nationality", gedcom=("NATI", None), single=True),
    ClaimKind("camp", {"en": "camp", "ru": "лагерь", "kk": "лагерь"}, "fact", "camp", "row",
              gedcom=("FACT", "Camp"), key_fact=8, value_is_place=True),
    ClaimKind("unit", {"en": "unit", "ru": "часть, отряд", "kk": "бөлім"}, "fact", "unit",
              gedcom=("FACT", "Unit"), key_fact=3),
    ClaimKind("occupation", {"en": "occupation", "ru": "специальность", "kk": "мамандығы"},
              "fact", "occupation", gedcom=("OCCU", None)),
    ClaimKind("fate", {"en": "fate", "ru": "судьба", "kk": "тағдыры"}, "fact", "fate", "row",
              gedcom=("EVEN", "Fate"), key_fact=10),
    ClaimKind("identifier", {"en": "personal number", "ru": "личный (лагерный) номер",
                             "kk": "жеке (лагерь) нөмірі"}, "fact", "identifier",
              gedcom=("EVEN", "Identifier")),
    ClaimKind("award", {"en": "award", "ru": "награда", "kk": "марапаты"}, "fact", "award",
              gedcom=("FACT", "Award"), key_fact=4),
    ClaimKind("hospital", {"en": "hospital", "ru": "госпиталь", "kk": "госпиталь"}, "fact",
              "hospital", gedcom=("EVEN", "Hospital")),
    ClaimKind("capture", {"en": "capture", "ru": "пленение", "kk": "тұтқынға түсу"}, "event",
              "capture_date", "own", "capture_place", ("EVEN", "Capture"), 6, True,
              value_is_place=True),
    ClaimKind("escape", {"en": "escape", "ru": "побег", "kk": "тұтқыннан қашуы"}, "event",
              "escape_date", "own", gedcom=("EVEN", "Escape"), key_fact=7),
    ClaimKind("repatriation", {"en": "repatriation", "ru": "репатриация", "kk": "репатриация"},
              "event", "repatriation_date", "own", "camp", ("EVEN", "Repatriation"), 9),
    ClaimKind("arrest", {"en": "arrest", "ru": "арест", "kk": "қамауға алу"}, "event",
              "arrest_date", "own", gedcom=("EVEN", "Arrest"), key_fact=11),
    ClaimKind("sentence", {"en": "sentence", "ru": "приговор", "kk": "үкім"}, "event",
              "sentence_date", "own", gedcom=("EVEN", "Sentence"), key_fact=12),
    ClaimKind("death", {"en": "death", "ru": "смерть", "kk": "қайтыс болуы"}, "event",
              "death_date", "own", gedcom=("DEAT", None), key_fact=13, single=True),
    ClaimKind("rehabilitation", {"en": "rehabilitation", "ru": "реабилитация", "kk": "ақталуы"},
              "event", "rehabilitation_date", "own", gedcom=("EVEN", "Rehabilitation"),
              key_fact=14),
    ClaimKind("listed", {"en": "listed", "ru": "в списке", "kk": "тізімде"}, "event",
              gedcom=("EVEN", "Listed")),
)  # fmt: skip


def kinds() -> tuple[ClaimKind, ...]:
    """Every claim kind (read at call time: a kind added to the table is seen everywhere)."""
    return CLAIM_KINDS


def by_kind() -> dict[str, ClaimKind]:
    return {k.kind: k for k in CLAIM_KINDS}


def cell_claims(shape: Shape) -> tuple[ClaimKind, ...]:
    """The kinds of a shape that one cell of a row states on its own (its ``field``), in the
    order a row's claims are made."""
    return tuple(k for k in CLAIM_KINDS if k.field and k.shape == shape)


def key_facts() -> tuple[str, ...]:
    """The kinds the printed collection shows of each person, in its order."""
    return tuple(k.kind for k in sorted(CLAIM_KINDS, key=lambda k: k.key_fact) if k.key_fact)


def single_kinds() -> frozenset[str]:
    """Kinds a man has one of ("gender" is a record's, not a claim kind, and one too)."""
    return frozenset(k.kind for k in CLAIM_KINDS if k.single) | {"gender"}


def place_value_kinds() -> tuple[str, ...]:
    """Kinds whose value itself names a place (others name it in the claim's ``place``)."""
    return tuple(k.kind for k in CLAIM_KINDS if k.value_is_place)


def homeland_kinds() -> tuple[str, ...]:
    """Kinds that say where a man comes from (birth, residence)."""
    return tuple(k.kind for k in CLAIM_KINDS if k.homeland)


def place_kinds() -> tuple[str, ...]:
    """Kinds whose claims can name a place: in their value, in a place cell, or as a homeland."""
    return tuple(k.kind for k in CLAIM_KINDS if k.value_is_place or k.place_field or k.homeland)


def labels() -> dict[str, dict[str, str]]:
    """``kind_<kind>`` -> its words in en, ru and kk (the interface's table reads these)."""
    return {f"kind_{k.kind}": dict(k.labels) for k in CLAIM_KINDS}
