"""Everything extracted from one text besides person mentions, as objects of the mentions JSONL
contract with a ``kind`` (DESIGN.md §5): each claim about a mentioned person (with the
person's ``cluster`` and the mention it was read beside), each figure with what it counts,
each citation with the bibliography entry or footnote it points at."""

from __future__ import annotations

from tagdyr.texts.citations import citations
from tagdyr.texts.claims import claims_about
from tagdyr.texts.figures import find_figures
from tagdyr.texts.mentions import Mention


def entities(text: str, file: str, mentions: list[Mention]) -> list[dict[str, object]]:
    """Claims, figures and citations of ``text``; ``mentions`` are its clustered mentions."""
    spans = tuple((m.start, m.end) for m in mentions)
    found: list[dict[str, object]] = []
    for mention in mentions:
        for claim in claims_about(text, mention.start, mention.end, spans):
            found.append({"file": file, **claim.as_json(), "cluster": mention.cluster,
                          "mention": [mention.start, mention.end]})  # fmt: skip
    for figure in find_figures(text):
        where = {"file": file, "start": figure.start, "end": figure.end, "text": figure.text}
        found.append({**where, "kind": "figure", "value": figure.value, "counts": figure.counts})
    for cited in citations(text):
        found.append({"file": file, "kind": "citation", "start": cited.start, "end": cited.end,
                      "text": text[cited.start : cited.end], "number": cited.number,
                      "pages": cited.pages, "entry": cited.entry})  # fmt: skip
    return sorted(found, key=lambda e: (str(e["start"]).zfill(12), str(e["kind"])))
