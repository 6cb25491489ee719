"""GEDCOM 7.0 and 5.5.1: persons with every spelling of their names, their events and facts,
each citing the source record that states it (page = where in the document, text = the value
as written), for family-tree programs.

What GEDCOM has a tag for gets it (BIRT, DEAT, RESI, OCCU, NATI); the rest of a soldier's fate
(conscription, capture, camps, repatriation, arrest, sentence, rehabilitation) are EVEN or FACT
with a TYPE. Spellings of the name from other records are further NAMEs of TYPE AKA.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection

from tagdyr import __version__
from tagdyr.export.uris import person_uri, source_uri
from tagdyr.store.queries import ClaimView, Dossier, RecordView, get_dossier, list_sources
from tagdyr.vocab.claims import by_kind

VERSIONS = ("7.0", "5.5.1")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_EVENT_TAGS = frozenset({"BIRT", "DEAT", "BURI"})  # GEDCOM's own events: no value, no TYPE
_POINTER = re.compile(r"@[A-Z0-9_]+@")


def gedcom_date(start: str | None, end: str | None, precision: str | None) -> str | None:
    """A GEDCOM date for a stated date: ``29 FEB 1914``, ``FEB 1914``, ``1914``, ``ABT 1914``,
    ``BET 1913 AND 1914``; None when there is none. An impossible day is kept as stated."""
    if not start:
        return None
    first = _one_date(start)
    if precision == "about":
        return f"ABT {first}"
    if precision == "range" and end and end[:4] != start[:4]:
        return f"BET {first} AND {end[:4]}"
    return first


def _one_date(iso: str) -> str:
    parts = iso.split("-")
    year = str(int(parts[0]))
    if len(parts) == 1:
        return year
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {year}"
    return f"{int(parts[2])} {month} {year}"


@dataclass
class _Lines:
    """GEDCOM lines being written for one version (line breaks, @ escapes, 5.5.1 line length)."""

    version: str
    lines: list[str] = field(default_factory=list)

    def add(self, level: int, tag: str, payload: str | None = None, xref: str = "") -> None:
        head = f"{level} {xref + ' ' if xref else ''}{tag}"
        if payload is None or payload == "":
            self.lines.append(head)
            return
        first, *rest = payload.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self._line(head, level, first)
        for more in rest:
            self._line(f"{level + 1} CONT", level + 1, more)

    def pointer(self, level: int, tag: str, xref: str) -> None:
        """A line pointing at a record: the only place a payload is written as ``@X@``
        (a cell that reads like a pointer is text, escaped like any other)."""
        assert _POINTER.fullmatch(xref), f"{xref!r} is not a GEDCOM pointer"
        self.lines.append(f"{level} {tag} {xref}")

    def _line(self, head: str, level: int, text: str) -> None:
        if self.version != "7.0":
            text = text.replace("@", "@@")  # 5.5.1: every @ of a text doubled
        elif text.startswith("@"):
            text = "@" + text  # 7.0: only a leading one
        if self.version == "7.0" or len(text) <= 200:
            self.lines.append(f"{head} {text}" if text else head)
            return
        self.lines.append(f"{head} {text[:200]}")  # 5.5.1: at most 255 characters a line
        for start in range(200, len(text), 200):
            self.lines.append(f"{level + 1} CONC {text[start : start + 200]}")


def _citation(out: _Lines, level: int, xref: str, record: RecordView, value: str) -> None:
    out.pointer(level, "SOUR", f"@{xref}@")
    out.add(level + 1, "PAGE", record.page)
    if value:
        out.add(level + 1, "DATA")
        out.add(level + 2, "TEXT", value)


def _name(out: _Lines, record: RecordView, aka: bool) -> None:
    """A NAME as the record writes it, split as parsed: "Мажит /Бектанов/"."""
    surname = record.surname.replace("/", " ")
    given = " ".join(p for p in (record.given_name, record.patronymic) if p).replace("/", " ")
    written = record.full_name.replace("/", " ")
    out.add(1, "NAME", f"{given} /{surname}/".strip() if surname else given or written)
    if aka:
        out.add(2, "TYPE", "AKA")
    if given:
        out.add(2, "GIVN", given)
    if surname:
        out.add(2, "SURN", surname)


def _claim(out: _Lines, claim: ClaimView, xref: str, record: RecordView) -> None:
    date = gedcom_date(claim.date_start, claim.date_end, claim.precision)
    declared = by_kind().get(claim.kind)  # the vocabulary's tag (vocab/claims.py)
    tag, kind = declared.gedcom if declared else ("EVEN", claim.kind.capitalize())
    if tag in _EVENT_TAGS:
        out.add(1, tag)
    elif kind is None:  # an attribute: OCCU, NATI, RESI
        out.add(1, tag, claim.value)
    elif tag == "FACT":
        out.add(1, "FACT", claim.value)
        out.add(2, "TYPE", kind)
    else:
        out.add(1, "EVEN", claim.value if out.version == "7.0" else None)
        out.add(2, "TYPE", kind)
    if date:
        out.add(2, "DATE", date)
    if claim.place:
        out.add(2, "PLAC", claim.place)
    if claim.note:
        out.add(2, "NOTE", claim.note)
    _citation(out, 2, xref, record, claim.value)


def _person(out: _Lines, number: int, dossier: Dossier, sources: dict[str, str], base: str) -> None:
    out.add(0, "INDI", xref=f"@I{number}@")
    spellings = {r.full_name: r for r in reversed(dossier.records)}
    first = spellings.pop(dossier.label, None) or spellings.pop(next(iter(spellings)))
    _name(out, first, aka=False)
    for record in spellings.values():
        _name(out, record, aka=True)
    genders = {r.gender for r in dossier.records if r.gender in ("m", "f")}
    if len(genders) == 1:
        out.add(1, "SEX", "M" if genders == {"m"} else "F")
    records = {r.id: r for r in dossier.records}
    dated = dossier.timeline
    for claim in dated + [c for c in dossier.claims if c not in dated]:
        _claim(out, claim, sources[records[claim.record_id].source_key], records[claim.record_id])
    if out.version == "7.0":
        out.add(1, "EXID", dossier.uid)
        out.add(2, "TYPE", f"{base}/person/")
    else:
        out.add(1, "REFN", dossier.uid)
        out.add(2, "TYPE", "tagdyr")
    out.add(1, "NOTE", f"tagdyr: {person_uri(base, dossier.uid)}")


def write_gedcom(conn: Connection, uids: Iterable[str], base: str, version: str = "7.0") -> str:
    """The GEDCOM text of the persons ``uids``, with a SOUR record per source they cite."""
    if version not in VERSIONS:
        raise ValueError(f"GEDCOM version {version!r}: tagdyr writes {', '.join(VERSIONS)}")
    dossiers = [get_dossier(conn, uid) for uid in uids]
    keys = sorted({r.source_key for d in dossiers for r in d.records})
    sources = {key: f"S{i}" for i, key in enumerate(keys, start=1)}
    out = _Lines(version)
    _header(out)
    for number, dossier in enumerate(dossiers, start=1):
        _person(out, number, dossier, sources, base)
    for summary in list_sources(conn):
        if summary.key not in sources:
            continue
        out.add(0, "SOUR", xref=f"@{sources[summary.key]}@")
        out.add(1, "TITL", summary.title)
        out.add(1, "PUBL", summary.citation)
        if version == "7.0":
            out.add(1, "EXID", summary.key)
            out.add(2, "TYPE", f"{base}/source/")
        else:
            out.add(1, "REFN", summary.key)
        out.add(1, "NOTE", f"tagdyr: {source_uri(base, summary.key)}")
    out.add(0, "TRLR")
    return "\n".join(out.lines) + "\n"


def _header(out: _Lines) -> None:
    out.add(0, "HEAD")
    out.add(1, "GEDC")
    out.add(2, "VERS", out.version)
    if out.version != "7.0":
        out.add(2, "FORM", "LINEAGE-LINKED")
    out.add(1, "SOUR", "tagdyr")
    out.add(2, "VERS", __version__)
    out.add(2, "NAME", "tagdyr")
    out.add(1, "DATE", _one_date(dt.date.today().isoformat()))
    if out.version != "7.0":
        out.add(1, "SUBM", "@U1@")
        out.add(1, "CHAR", "UTF-8")
        out.add(0, "SUBM", xref="@U1@")
        out.add(1, "NAME", "tagdyr")
