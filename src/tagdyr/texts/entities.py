"""Everything extracted from one text besides person mentions, as objects of the mentions JSONL
contract with a ``kind`` (docs/architecture.md): each claim about a mentioned person (with the
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
    found: list[tuple[int, str, dict[str, object]]] = []
    for mention in mentions:
        for claim in claims_about(text, mention.start, mention.end, spans):
            row = {"file": file, **claim.as_json(), "cluster": mention.cluster,
                   "mention": [mention.start, mention.end]}  # fmt: skip
            found.append((claim.start, claim.kind, row))
    for figure in find_figures(text):
        where = {"file": file, "start": figure.start, "end": figure.end, "text": figure.text}
        row = {**where, "kind": "figure", "value": figure.value, "counts": figure.counts}
        found.append((figure.start, "figure", row))
    for cited in citations(text):
        row = {"file": file, "kind": "citation", "start": cited.start, "end": cited.end,
               "text": text[cited.start : cited.end], "number": cited.number,
               "pages": cited.pages, "entry": cited.entry}  # fmt: skip
        found.append((cited.start, "citation", row))
    return [row for _, _, row in sorted(found, key=lambda f: (f[0], f[1]))]
