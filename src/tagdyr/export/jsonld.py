"""JSON-LD: schema.org ``Person``, ``Event`` and ``Place``, plus tagdyr's vocabulary for what
schema.org has no words for — the records a person was linked from and the claims they make,
each with its value as written, its source and its place in the document.

The context is written inline, so a reader needs no network to expand the document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import Connection

from tagdyr.export.uris import VOCABULARY, claim_uri, person_uri, record_uri, source_uri
from tagdyr.maps.points import place_texts
from tagdyr.store.queries import ClaimView, Dossier, RecordView, get_dossier, list_sources
from tagdyr.vocab.gazetteer import places, resolve

# tagdyr's terms: name -> (kind, what it means). Rendered at /vocab and in docs/vocabulary.md.
TERMS: dict[str, tuple[str, str]] = {
    "Record": (
        "class",
        "One entry of one source (a list row, a register card, a mention in a "
        "text) as it was imported, from which a person was linked.",
    ),
    "Claim": (
        "class",
        "One statement a record makes about its person: a birth, a rank, a camp, "
        "a capture, a repatriation, a sentence. A dated claim is also a "
        "schema:Event.",
    ),
    "Source": ("class", "A list, register, case file or text that tagdyr imported."),
    "record": ("property", "Person → Record: a record linked to this person."),
    "claim": ("property", "Person → Claim: a statement about this person."),
    "statedIn": ("property", "Claim → Record: the record that makes the statement."),
    "source": ("property", "Record → Source: the source the record belongs to."),
    "locator": ("property", "Record → text: where in the source (file, sheet, row; page)."),
    "entry": ("property", "Record → text: the source's own number or id of the entry."),
    "nameAsWritten": ("property", "Record → text: the name exactly as the source writes it."),
    "cells": ("property", "Record → JSON text: every cell of the row as read, header → cell."),
    "kind": (
        "property",
        "Claim or Source → text: what the claim states (birth, death, camp, "
        "rank, capture, repatriation, arrest, sentence, rehabilitation, fate, "
        "unit, …) or what the source is (list, register, file, text).",
    ),
    "valueAsWritten": ("property", "Claim → text: the statement's value as the source writes it."),
    "dateStart": (
        "property",
        "Claim → date: the earliest day the stated date can mean "
        "(ISO 8601, as precise as the source).",
    ),
    "dateEnd": ("property", "Claim → date: the latest day the stated date can mean."),
    "datePrecision": ("property", "Claim → text: day, month, year, or about (circa)."),
    "placeAsWritten": ("property", "Claim → text: the place as the source writes it."),
    "note": (
        "property",
        "Claim → text: anything odd about the statement (an impossible date, a correction).",
    ),
    "ArchivalReference": (
        "class",
        "Where a record's document is kept, as the row gives it: archive, fond, opis, delo, "
        "list; with the record's register and kind. Its schema:citation is the footnote form "
        '("ЦАМО, ф. 58, оп. 18003, д. 1412").',
    ),
    "archivalReference": ("property", "Record → ArchivalReference: the row's own reference."),
    "archive": ("property", "ArchivalReference → text: the archive (ЦАМО, Arolsen Archives)."),
    "fond": ("property", "ArchivalReference → text: the fond (collection, Bestand)."),
    "opis": ("property", "ArchivalReference → text: the opis (inventory, Findbuch)."),
    "delo": ("property", "ArchivalReference → text: the delo (file, storage unit, Akte)."),
    "folio": ("property", "ArchivalReference → text: the list (sheet, folio) of the file."),
    "documentId": ("property", "ArchivalReference → text: the archive's number of the document."),
    "documentKind": ("property", "ArchivalReference → text: the document's kind as written."),
    "documentDate": ("property", "ArchivalReference → text: the document's date as written."),
    "register": ("property", "ArchivalReference → text: the import profile of the register."),
    "recordKind": (
        "property",
        "ArchivalReference → text: the register's kind of record (loss report, POW card, "
        "hospital, burial).",
    ),
}
# a record's provenance keys -> their JSON-LD terms
_ARCHIVAL_TERMS = {
    "archive": "archive", "fond": "fond", "opis": "opis", "delo": "delo", "folio": "folio",
    "document_id": "documentId", "document_kind": "documentKind",
    "document_date": "documentDate", "register": "register", "record_kind": "recordKind",
}  # fmt: skip

CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "tagdyr": VOCABULARY,
    **{
        name: (
            {"@id": f"tagdyr:{name}", "@type": "@id"}
            if name in ("record", "claim", "statedIn", "source")
            else f"tagdyr:{name}"
        )
        for name, (kind, _) in TERMS.items()
        if kind == "property"
    },
    "Record": "tagdyr:Record",
    "Claim": "tagdyr:Claim",
    "Source": "tagdyr:Source",
    "ArchivalReference": "tagdyr:ArchivalReference",
}

_EVENT_NAMES = {"birth": "Birth", "death": "Death"}


def _place(text: str, base: str) -> dict[str, Any]:
    """A schema:Place for a place as written; with the gazetteer's id, names and point when it
    knows the place."""
    keys = resolve(text)
    if not keys:
        return {"@type": "Place", "name": text}
    place = places()[keys[0]]
    return {
        "@id": f"{base}/place/{place.key}",
        "@type": "Place",
        "name": place.names[0],
        "alternateName": list(place.names[1:]),
        "description": text,
        "geo": {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon},
    }


def _claim(
    claim: ClaimView, claim_id: str, record: RecordView, record_id: str, base: str
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": claim_id,
        "@type": ["Claim", "Event"] if claim.date_start else "Claim",
        "kind": claim.kind,
        "valueAsWritten": claim.value,
        "statedIn": record_id,
        "citation": "; ".join(
            p for p in (claim.citation, record.archival_citation, claim.location) if p
        ),
    }
    if claim.date_start:
        node |= {
            "name": claim.kind,
            "startDate": claim.date_start,
            "dateStart": claim.date_start,
            "datePrecision": claim.precision or "",
        }
        if claim.date_end:
            node |= {"endDate": claim.date_end, "dateEnd": claim.date_end}
    texts = place_texts(claim.kind, claim.value, claim.place)
    if claim.place:
        node["placeAsWritten"] = claim.place
    if texts:
        node["location"] = [_place(t, base) for t in texts]
    if claim.note:
        node["note"] = claim.note
    return node


def _archival(record: RecordView) -> dict[str, Any]:
    """A record's archival reference: the citation and its parts (archive, fond, opis, delo,
    list, document kind), as the row gives them."""
    if not record.provenance:
        return {}
    parts = {_ARCHIVAL_TERMS[k]: v for k, v in record.provenance.items() if k in _ARCHIVAL_TERMS}
    node: dict[str, Any] = {"archivalReference": {"@type": "ArchivalReference", **parts}}
    if record.archival_citation:
        node["citation"] = record.archival_citation
    return node


def person_node(dossier: Dossier, base: str) -> dict[str, Any]:
    """A schema:Person with its records and claims, each claim citing its record and source."""
    records = {r.id: r for r in dossier.records}
    node: dict[str, Any] = {
        "@id": person_uri(base, dossier.uid),
        "@type": "Person",
        "identifier": dossier.uid,
        "name": dossier.label,
        "alternateName": [n for n in dossier.names if n != dossier.label],
        "url": person_uri(base, dossier.uid),
    }
    births = [c for c in dossier.timeline if c.kind == "birth"]
    deaths = [c for c in dossier.timeline if c.kind == "death"]
    if births:
        node["birthDate"] = max((c.date_start or "" for c in births), key=len)
        birth_places = [c.place for c in births if c.place]
        if birth_places:
            node["birthPlace"] = _place(birth_places[0], base)
    if deaths:
        node["deathDate"] = max((c.date_start or "" for c in deaths), key=len)
    node["record"] = [
        {
            "@id": record_uri(base, r.source_key, r.id),
            "@type": "Record",
            "source": source_uri(base, r.source_key),
            "nameAsWritten": r.full_name,
            "entry": r.entry_id,
            "locator": r.location,
            "cells": json.dumps(r.verbatim, ensure_ascii=False),
            **_archival(r),
        }
        for r in dossier.records
    ]
    node["claim"] = [
        _claim(
            c,
            claim_uri(base, records[c.record_id].source_key, c.record_id, c.id),
            records[c.record_id],
            record_uri(base, records[c.record_id].source_key, c.record_id),
            base,
        )
        for c in dossier.claims
    ]
    return node


def source_node(
    key: str, title: str, citation: str, kind: str, languages: str, base: str
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": source_uri(base, key),
        "@type": ["Source", "CreativeWork"],
        "name": title,
        "citation": citation,
        "kind": kind,
    }
    if languages:
        node["inLanguage"] = languages.split(",")
    return node


def person_document(conn: Connection, uid: str, base: str) -> dict[str, Any]:
    """One person's JSON-LD document: the person and the sources its records come from."""
    return {"@context": CONTEXT, "@graph": list(_nodes(conn, [uid], base))}


def write_collection(conn: Connection, uids: list[str], base: str, out: IO[str]) -> None:
    """A JSON-LD document of many persons (the whole database, or a selection), streamed:
    one person is in memory at a time."""
    out.write('{"@context": ')
    out.write(json.dumps(CONTEXT, ensure_ascii=False))
    out.write(', "@graph": [\n')
    first = True
    for node in _nodes(conn, uids, base):
        out.write("" if first else ",\n")
        out.write(json.dumps(node, ensure_ascii=False))
        first = False
    out.write("\n]}\n")


def _nodes(conn: Connection, uids: list[str], base: str) -> Iterator[dict[str, Any]]:
    """The persons ``uids``, then the sources their records come from."""
    keys: set[str] = set()
    for uid in uids:
        dossier = get_dossier(conn, uid)
        keys.update(r.source_key for r in dossier.records)
        yield person_node(dossier, base)
    for s in list_sources(conn):
        if s.key in keys:
            yield source_node(s.key, s.title, s.citation, s.kind, s.languages, base)
