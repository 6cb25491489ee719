"""The printable document collection of a selection (a list, a camp, a unit, a search):
an introduction, the persons with their key facts and sources, and an index of the names in
every spelling the sources use — as one HTML page, and as PDF rendered by WeasyPrint with the
DejaVu fonts shipped in this package (full Kazakh Cyrillic; no system font needed).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import Connection

from tagdyr import __version__
from tagdyr.export.uris import person_uri
from tagdyr.i18n import LANGUAGES, localize, translate
from tagdyr.store.queries import ClaimView, Dossier, get_dossier, list_sources
from tagdyr.vocab.claims import key_facts

FONTS = resources.files("tagdyr.export") / "fonts"

# Kazakh Cyrillic alphabet order (Russian letters in their places), then Latin
_CYRILLIC = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"


def index_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key of a name for the index: Cyrillic (in Kazakh alphabet order) before Latin,
    accents after their base letter, case ignored."""
    key = []
    for char in text.casefold():
        if char in _CYRILLIC:
            key.append((0, _CYRILLIC.index(char), ""))
        else:
            base = unicodedata.normalize("NFD", char)[0]
            if base in _LATIN:
                key.append((1, _LATIN.index(base), char))
            elif char.isalpha():
                key.append((2, ord(char), ""))
            else:
                key.append((-1, 0, ""))  # spaces and punctuation first: "Ali B" before "Alia"
    return tuple(key)


@dataclass
class Entry:
    """One person of the collection: number, dossier, key facts with their source numbers."""

    number: int
    dossier: Dossier
    uri: str
    facts: list[tuple[ClaimView, int]] = field(default_factory=list)  # (claim, source number)
    pages: dict[int, str] = field(default_factory=dict)  # record id -> where it stands


@dataclass
class Collection:
    title: str
    selection: str
    entries: list[Entry]
    sources: list[tuple[int, str, str, str]]  # (number, key, title, citation)
    index: list[tuple[str, list[int]]]  # (spelling, person numbers)
    introduction: str
    generated: str
    lang: str
    records: int = 0
    birth_years: tuple[int, int] | None = None
    linked_elsewhere: int = 0  # persons found in more than one source


def build_collection(
    conn: Connection,
    uids: list[str],
    *,
    title: str,
    selection: str,
    base: str,
    lang: str = "en",
    introduction: str = "",
) -> Collection:
    """Gather the persons ``uids`` (in that order) into a collection."""
    dossiers = [get_dossier(conn, uid) for uid in uids]
    keys = list(dict.fromkeys(r.source_key for d in dossiers for r in d.records))
    known = {s.key: s for s in list_sources(conn)}
    numbers = {key: i for i, key in enumerate(sorted(keys), start=1)}
    sources = [(numbers[k], k, known[k].title, known[k].citation) for k in sorted(keys)]
    entries: list[Entry] = []
    spellings: dict[str, set[int]] = {}
    years = [r.birth_year for d in dossiers for r in d.records if r.birth_year]
    for number, dossier in enumerate(dossiers, start=1):
        records = {r.id: r for r in dossier.records}
        rank = {kind: i for i, kind in enumerate(key_facts())}
        facts = sorted(
            (c for c in dossier.claims if c.kind in rank),
            key=lambda c: (rank[c.kind], c.date_start or "", c.source_key),
        )
        entry = Entry(number, dossier, person_uri(base, dossier.uid))
        entry.facts = [(c, numbers[records[c.record_id].source_key]) for c in facts]
        entry.pages = {r.id: r.page for r in dossier.records}
        entries.append(entry)
        for record in dossier.records:
            for spelling in _spellings(
                record.full_name, record.surname, record.given_name, record.patronymic
            ):
                spellings.setdefault(spelling, set()).add(number)
    index = [(s, sorted(n)) for s, n in sorted(spellings.items(), key=lambda i: index_key(i[0]))]
    return Collection(
        title=title,
        selection=selection,
        entries=entries,
        sources=sources,
        index=index,
        introduction=introduction,
        generated=dt.date.today().isoformat(),
        lang=lang,
        records=sum(len(d.records) for d in dossiers),
        birth_years=(min(years), max(years)) if years else None,
        linked_elsewhere=sum(1 for d in dossiers if len({r.source_key for r in d.records}) > 1),
    )


def _spellings(written: str, surname: str, given: str, patronymic: str) -> list[str]:
    """Index forms of a record's name: surname first ("Ахмедов, Мохамед"), as parsed; the name
    as written when it was not parsed into parts."""
    if surname:
        rest = " ".join(p for p in (given, patronymic) if p)
        return [f"{surname}, {rest}" if rest else surname]
    return [written] if written else []


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tagdyr.export", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_html(collection: Collection, *, for_pdf: bool = False) -> str:
    """The collection as one self-contained HTML page (A4 print styles included)."""
    template = _environment().get_template("collection.html")
    font_dir = Path(str(FONTS)).resolve().as_uri() if for_pdf else None

    def t(key: str) -> str:
        return translate(key, collection.lang)

    def loc(stored: str) -> str:
        return localize(stored, collection.lang)

    return template.render(
        c=collection, t=t, loc=loc, font_dir=font_dir, version=__version__, languages=LANGUAGES
    )


def render_pdf(collection: Collection) -> bytes:
    """The collection as PDF (WeasyPrint; the shipped fonts are embedded)."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except OSError as exc:  # pragma: no cover - depends on the system's Pango
        from tagdyr.errors import ConfigError

        raise ConfigError(
            f"PDF needs the Pango library ({exc}); on Debian: apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0"
        ) from exc
    return HTML(string=render_html(collection, for_pdf=True)).write_pdf()  # type: ignore[no-any-return]
