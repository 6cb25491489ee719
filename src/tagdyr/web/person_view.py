"""What the dossier page shows beside the stored facts: facts consolidated, the fate summary,
link strengths, row anchors, citations to copy, synthetic sources marked."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any
from urllib.parse import quote

from fastapi import Request
from sqlalchemy import Connection

from tagdyr.dossier import (
    Fact,
    FactGroup,
    consolidate,
    link_strengths,
    row_pages,
    summary,
    timeline,
)
from tagdyr.i18n import translate
from tagdyr.persons.entries import possible_entries
from tagdyr.store.queries import Dossier, RecordView, Related
from tagdyr.vocab.gazetteer import label, resolve
from tagdyr.web.bidi import title_text
from tagdyr.web.deps import _language
from tagdyr.web.urls import public_base

# the fate phrases of the registers (OBD Memorial's "причина выбытия"), said in the interface
# language; the stored text is kept and shown beside it
FATE_PHRASES = {
    "попал в плен": "fate_captured",
    "попал в плен (освободился)": "fate_captured_freed",
    "освобожден из плена": "fate_freed",
    "пропал без вести": "fate_missing",
    "погиб": "fate_killed",
    "убит": "fate_killed",
    "умер от ран": "fate_died_of_wounds",
    "умер в плену": "fate_died_captive",
    "погиб в плену": "fate_died_captive",
}


def fate_key(value: str) -> str | None:
    """The interface phrase of a register's fate, however its case, ё and spaces are written."""
    return FATE_PHRASES.get(" ".join(value.lower().replace("ё", "е").split()))


@cache
def _synthetic() -> dict[str, str]:
    from tagdyr.demo.build import synthetic_sources

    return synthetic_sources()


def is_synthetic(record: RecordView) -> bool:
    return _synthetic().get(record.source_key) == record.citation


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def fact_value(fact: Fact, lang: str) -> str:
    """A fact in a sentence: the place's name for a camp, a rank in the interface's script
    when a source writes it so, else the first source's words."""
    values = fact.values
    if fact.kind == "camp":
        keys = resolve(values[0])
        return label(keys[0], lang) if keys else values[0]
    if fact.kind == "rank":
        want_cyrillic = lang in ("ru", "kk")
        return next((v for v in values if _cyrillic(v) == want_cyrillic), values[0])
    return values[0]


def place_named(text: str, lang: str) -> str:
    """The gazetteer's name, in the interface language, of the most specific place a place
    string names ("Павлодар" for "Kazakh SSR, Pavlodar, ul. Abay, 204"); "" when it names none
    the gazetteer knows."""
    keys = resolve(text) if text else ()
    return label(keys[0], lang) if keys else ""


def cite_person(dossier: Dossier, base: str) -> str:
    today = dt.date.today().isoformat()
    sources = "; ".join(dict.fromkeys(r.citation for r in dossier.records))
    name = title_text(dossier.label)  # plain text: bidi controls dropped, the name isolated
    return f"{name}. tagdyr, {base}/person/{dossier.uid} (accessed {today}). {sources}."


def cite_record(record: RecordView, base: str, uid: str) -> str:
    where = record.row_citation or record.page  # the archival reference first, then the row
    return (
        f"{title_text(record.full_name)}. {record.citation}; {where}. "
        f"tagdyr, {base}/person/{uid}#record-{record.id}."
    )


def row_anchor(record: RecordView, pages: dict[int, int]) -> str:
    """The link to the record's own row (or mention) on its source's page."""
    if record.row_number is None or record.location.find("characters") >= 0:
        return f"/source/{record.source_key}#record-{record.id}"
    page = pages.get(record.id, 1)
    query = f"?page={page}" if page > 1 else ""
    return f"/source/{record.source_key}{query}#row-{record.row_number}"


def summary_sentences(groups: list[FactGroup], lang: str) -> list[tuple[str, list[int]]]:
    """The fate summary in the interface language: each piece with the records stating it."""
    pieces: list[tuple[str, list[int]]] = []
    for kind, fact in summary(groups):
        if fact is None:
            pieces.append((translate("summary_differ", lang).format(
                what=translate(f"kind_{kind}", lang)), []))  # fmt: skip
            continue
        pieces.append((translate(f"summary_{kind}", lang).format(what=said(fact, lang)),
                       fact.record_ids))  # fmt: skip
    return pieces


def said(fact: Fact, lang: str) -> str:
    """A fact in the summary's words: a date as its source writes it, with its place."""
    if fact.kind == "fate":
        phrase = FATE_PHRASES.get(fact.values[0].strip())
        return translate(phrase, lang) if phrase else fact.values[0]
    if not fact.date or fact.kind in ("rank", "camp"):
        return fact_value(fact, lang)
    stated = next(c.value for c in fact.claims if c.date_start == fact.date)
    place = next((c.place for c in fact.claims if c.place), "")  # a place the source names
    where = place_named(place, lang) or place
    return f"{stated} ({where})" if where and where not in stated else stated


def related_href(related: Related, dossier: Dossier) -> str:
    if related.why == "list":
        key = next((r.source_key for r in dossier.records if r.source_title == related.what), "")
        return f"/source/{key}"
    return f"/{related.why}/{quote(related.what)}"


def dossier_context(request: Request, conn: Connection, dossier: Dossier) -> dict[str, Any]:
    groups = consolidate(dossier.claims)
    lang = _language(request)
    base = public_base(request)
    pages = row_pages(conn, dossier.records)
    numbers = {r.id: n for n, r in enumerate(dossier.records, 1)}
    return {
        "groups": [g for g in groups if not g.dated],
        "verdicts": {g.kind: g for g in groups},
        "facts_timeline": timeline(groups),
        "summary": [
            (text, sorted(ids, key=numbers.__getitem__))
            for text, ids in summary_sentences(groups, lang)
        ],
        "related_href": lambda related: related_href(related, dossier),
        "links": link_strengths(conn, dossier.records),
        "numbers": numbers,
        "anchors": {r.id: row_anchor(r, pages) for r in dossier.records},
        "cite_person": cite_person(dossier, base),
        "cite_records": {r.id: cite_record(r, base, dossier.uid) for r in dossier.records},
        "synthetic": {r.id for r in dossier.records if is_synthetic(r)},
        "fate_key": fate_key,
        "fact_value": fact_value,
        "place_named": lambda text: place_named(text, lang),
        "possible_entries": possible_entries(conn, [r.id for r in dossier.records]),
    }
