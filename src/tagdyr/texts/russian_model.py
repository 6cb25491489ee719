"""Russian person spans by natasha (Kuzmin and the Natasha project, MIT; its news NER model and
embeddings ship inside its wheels): the best of rules and models on factRuEval-2016
(``bench/extract``). The pipeline is built on first use; nothing loads at import time."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _pipeline() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def person_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each person natasha finds between ``start`` and ``end``."""
    from natasha import Doc

    segmenter, tagger = _pipeline()
    doc = Doc(text[start:end])
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [(start + s.start, start + s.stop) for s in doc.spans if s.type == "PER"]
