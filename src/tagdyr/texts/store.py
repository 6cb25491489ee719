"""A text into the database: the document with its text as decoded, one record per person
mention (its base form read as the name, the mention as written and its sentence kept
verbatim, its character span kept), and the figures it states. The records then take part in
linkage like the rows of a list."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine

from tagdyr.names.parse import Order
from tagdyr.sources.importer import ImportResult, Prepared, SourceInfo, store_document
from tagdyr.sources.records import RecordDraft, build_record
from tagdyr.texts.citations import Citation, citation_after, citations
from tagdyr.texts.claims import claims_about
from tagdyr.texts.figures import find_figures
from tagdyr.texts.mentions import Mention, cluster_mentions, find_mentions
from tagdyr.texts.reader import TextDocument, read_text

HEADERS = [
    "name",
    "as written",
    "context",
    "birth year",
    "cited source",
    "unit (normalized)",
    "role",
    "birth place",
    "residence",
    "awards",
    "arrested",
    "sentenced",
    "rehabilitated",
    "repatriated",
    "captured",
    "died",
    "rank",
]
# header index -> the record field its cell fills
_MAPPING = {0: "full_name", 3: "birth_year", 4: "source", 5: "unit", 7: "birth_place",
            8: "residence", 9: "award", 10: "arrest_date", 11: "sentence_date",
            12: "rehabilitation_date", 13: "repatriation_date", 14: "capture_date",
            15: "death_date", 16: "rank"}  # fmt: skip
_CLAIM_COLUMNS = {"birth": 3, "unit": 5, "role": 6, "birth_place": 7, "residence": 8,
                  "award": 9, "arrest": 10, "sentence": 11, "rehabilitation": 12,
                  "repatriation": 13, "capture": 14, "death": 15, "rank": 16}  # fmt: skip
_CONTEXT = 160  # characters of the sentence kept around a mention


def context_of(text: str, start: int, end: int) -> str:
    """The sentence a mention stands in (at most about 160 characters around it)."""
    left = max(text.rfind(".", 0, start) + 1, text.rfind("\n\n", 0, start) + 1, start - _CONTEXT)
    stops = [i for i in (text.find(".", end), text.find("\n\n", end)) if i != -1]
    right = min([*stops, end + _CONTEXT, len(text)])
    return re.sub(r"\s+", " ", text[left : right + 1]).strip()


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
) -> RecordDraft:
    text, filename = document.text, document.filename
    cells = [mention.base, mention.text, context_of(text, mention.start, mention.end)]
    cells += [""] * (len(HEADERS) - len(cells))
    cells[4] = _cited(citation_after(cited, text, mention.end))
    for claim in claims_about(text, mention.start, mention.end, others):
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
) -> ImportResult:
    """Import one text into ``source`` (one transaction; the same bytes again are a no-op)."""
    document = read_text(path, encoding)
    text = document.text
    mentions = cluster_mentions(find_mentions(text, path.name))
    cited = citations(text)
    spans = tuple((m.start, m.end) for m in mentions)
    drafts = [_draft(m, n, document, cited, spans) for n, m in enumerate(mentions, start=1)]
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
