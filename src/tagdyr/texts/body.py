"""The part of a text that is the article: without the closing bibliography (its authors are
sources, not subjects) and without the blocks a web page saved as text carries around the
article — "Популярное", "Читайте также", "Read also", "Тағы оқыңыз" and the list of headlines
under such a heading. Offsets stay those of the whole text."""

from __future__ import annotations

import re

from tagdyr.texts.citations import bibliography

_BOILERPLATE_HEADING = re.compile(
    r"^\s*(популярное|читайте также|читайте еще|читайте ещё|архив|похожие новости|"
    r"последние новости|новости по теме|все новости|поделиться|"
    r"popular|most read|most popular|read also|read more|related|related articles|"
    r"latest news|share|archive|"
    r"à lire aussi|lire aussi|les plus lus|articles liés|"
    r"тағы оқыңыз|оқи отырыңыз|танымал|соңғы жаңалықтар|ұқсас жаңалықтар|мұрағат)\s*:?\s*$",
    re.IGNORECASE,
)
_HEADLINE_MAX = 160  # characters: a headline, not a paragraph of the article


def _is_headline(line: str) -> bool:
    stripped = line.strip()
    return not stripped or (len(stripped) <= _HEADLINE_MAX and not stripped.endswith((".", ":")))


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each web boilerplate block: a heading of the list kind and the short,
    unpunctuated lines (headlines) after it."""
    spans: list[tuple[int, int]] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text)]
    index = 0
    while index < len(lines):
        start, end = lines[index]
        if not _BOILERPLATE_HEADING.match(text[start:end]):
            index += 1
            continue
        last = end
        index += 1
        while index < len(lines) and _is_headline(text[lines[index][0] : lines[index][1]]):
            last = max(last, lines[index][1])
            index += 1
        spans.append((start, last))
    return spans


def body_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` to extract from, in order."""
    end_of_body, _ = bibliography(text)
    spans, at = [], 0
    for start, end in boilerplate_spans(text[:end_of_body]):
        if start > at:
            spans.append((at, start))
        at = end
    if end_of_body > at:
        spans.append((at, end_of_body))
    return spans
