"""A text into the database: the document with its text as decoded, one record per person
mention (its base form read as the name, the mention as written and its sentence kept
verbatim, its character span kept), and the figures it states. The records then take part in
linkage like the rows of a list."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine

from tagdyr.names.parse import Order
from tagdyr.sources.importer import ImportResult, Prepared, SourceInfo, store_document
from tagdyr.sources.records import RecordDraft, build_record
from tagdyr.texts.citations import Citation, citation_after, citations
from tagdyr.texts.claims import Claim, claims_about
from tagdyr.texts.figures import find_figures
from tagdyr.texts.mentions import Mention, cluster_mentions, find_mentions
from tagdyr.texts.reader import TextDocument, read_text

# The record of a mention: (header, record field its cell fills or None, claim kind or None)
_COLUMNS = (
    ("name", "full_name", None),
    ("as written", None, None),
    ("context", None, None),
    ("birth year", "birth_year", "birth"),
    ("cited source", "source", None),
    ("unit (normalized)", "unit", "unit"),
    ("role", None, "role"),
    ("birth place", "birth_place", "birth_place"),
    ("residence", "residence", "residence"),
    ("rank", "rank", "rank"),
    ("awards", "award", "award"),
    ("captured", "capture_date", "capture"),
    ("camp", "camp", "camp"),
    ("escaped", "escape_date", "escape"),
    ("repatriated", "repatriation_date", "repatriation"),
    ("arrested", "arrest_date", "arrest"),
    ("sentenced", "sentence_date", "sentence"),
    ("rehabilitated", "rehabilitation_date", "rehabilitation"),
    ("died", "death_date", "death"),
)
HEADERS = [header for header, _, _ in _COLUMNS]
_MAPPING = {i: target for i, (_, target, _) in enumerate(_COLUMNS) if target}
_CLAIM_COLUMNS = {kind: i for i, (_, _, kind) in enumerate(_COLUMNS) if kind}
_CONTEXT = 160  # characters of the sentence kept around a mention


def context_of(text: str, start: int, end: int) -> str:
    """The sentence a mention stands in (at most about 160 characters around it)."""
    left = max(text.rfind(".", 0, start) + 1, text.rfind("\n\n", 0, start) + 1, start - _CONTEXT)
    stops = [i for i in (text.find(".", end), text.find("\n\n", end)) if i != -1]
    right = min([*stops, end + _CONTEXT, len(text)])
    return re.sub(r"\s+", " ", text[left : right + 1]).strip()


@dataclass(frozen=True)
class Kept:
    """What an editor left ticked in the preview: mention keys and fact keys (``mention_key``,
    ``fact_key``); the rest of what the text yields is not imported."""

    mentions: frozenset[str]
    facts: frozenset[str]


@dataclass(frozen=True)
class PreviewRow:
    mention: Mention
    key: str
    sentence: str
    facts: list[tuple[str, Claim]]  # (fact key, claim)


def mention_key(mention: Mention) -> str:
    return f"{mention.start}-{mention.end}"


def fact_key(mention: Mention, claim: Claim) -> str:
    return f"{mention_key(mention)}:{claim.kind}:{claim.start}-{claim.end}"


def preview_rows(text: str, mentions: list[Mention]) -> list[PreviewRow]:
    """Each mention with its sentence and the facts read beside it, as the import stores them."""
    spans = tuple((m.start, m.end) for m in mentions)
    return [
        PreviewRow(m, mention_key(m), context_of(text, m.start, m.end),
                   [(fact_key(m, c), c) for c in claims_about(text, m.start, m.end, spans)])
        for m in mentions
    ]  # fmt: skip


def _cited(citation: Citation | None) -> str:
    if citation is None:
        return ""
    where = f", {citation.pages}" if citation.pages else ""
    return f"{citation.entry or f'[{citation.number}] (not in the bibliography)'}{where}"


def _draft(
    mention: Mention,
    number: int,
    document: TextDocument,
    cited: list[Citation],
    others: tuple[tuple[int, int], ...],
    kept: Kept | None = None,
) -> RecordDraft:
    text, filename = document.text, document.filename
    cells = [mention.base, mention.text, context_of(text, mention.start, mention.end)]
    cells += [""] * (len(HEADERS) - len(cells))
    cells[4] = _cited(citation_after(cited, text, mention.end))
    for claim in claims_about(text, mention.start, mention.end, others):
        if kept is not None and fact_key(mention, claim) not in kept.facts:
            continue  # unticked in the preview
        column = _CLAIM_COLUMNS[claim.kind]
        if claim.kind == "birth":
            claim = replace(claim, value=claim.value[:4])
        if claim.value not in cells[column].split("; "):
            cells[column] = "; ".join(v for v in (cells[column], claim.value) if v)
    draft = build_record(
        headers=HEADERS,
        cells=cells,
        mapping=_MAPPING,
        row_number=number,
        sheet=None,
        filename=filename,
        hint=Order.GIVEN_FIRST,  # prose writes the given name first
    )
    draft.normalized["span"] = [mention.start, mention.end]
    draft.normalized["cluster"] = mention.cluster
    return replace(
        draft,
        entry_id=f"{mention.start}-{mention.end}",
        location=_location(document, mention),
    )


def _location(document: TextDocument, mention: Mention) -> str:
    page = document.page_of(mention.start)
    on_page = f", page {page}" if page else ""
    return f"{document.filename}{on_page}, characters {mention.start}–{mention.end}"


def import_text(
    engine: Engine,
    path: Path,
    source: SourceInfo,
    *,
    encoding: str | None = None,
    user: str | None = None,
    kept: Kept | None = None,
) -> ImportResult:
    """Import one text into ``source`` (one transaction; the same bytes again are a no-op);
    with ``kept``, only the mentions and facts an editor left ticked in the preview (the
    facts are still read with every mention of the text in view, as the preview read them)."""
    document = read_text(path, encoding)
    text = document.text
    mentions = cluster_mentions(find_mentions(text, path.name))
    cited = citations(text)
    spans = tuple((m.start, m.end) for m in mentions)
    chosen = [m for m in mentions if kept is None or mention_key(m) in kept.mentions]
    drafts = [_draft(m, n, document, cited, spans, kept) for n, m in enumerate(chosen, start=1)]
    figures = [
        {"value": f.value, "counts": f.counts, "text": f.text, "start": f.start, "end": f.end}
        for f in find_figures(document.text)
    ]
    meta = {"kind": "text", "languages": list(document.languages), "mentions": len(drafts)}
    prepared = Prepared(
        path.read_bytes(), drafts, meta, document.encoding, encoding is None,
        text=document.text, figures=figures,
    )  # fmt: skip
    return store_document(engine, path, replace(source, kind="text"), prepared, user=user)
