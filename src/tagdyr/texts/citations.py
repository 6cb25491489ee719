"""Citations inside a text resolved to its own sources, so a claim carries its source:

* "[1; 25]", "[3, с. 14]", "[2, p. 7]" or "[4]" point at the numbered entry of the list under
  "Әдебиеттер", "Литература", "References", "Bibliographie" (or "Notes", "Дереккөздер",
  "Источники");
* a footnote number set in superscript ("Kozybaev M.K.¹", "…Abay, 204¹⁸") points at the
  footnote of that number: a line of its own starting with it ("18 Riksarkivet, RA / S-1681",
  "- 1 M.K. Kozybaev, *Kazakhstan is the Arsenal of the Front*, Alma-Ata 1970, p. 471")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(
    r"^\s*(Әдебиеттер(?: тізімі)?|Пайдаланылған әдебиеттер|Дереккөздер|Литература|"
    r"Список литературы|Источники|References|Bibliography|Sources|Notes|Bibliographie)\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_ENTRY = re.compile(r"^\s*\[?(\d{1,3})[.)\]]\s+(.+?)\s*$", re.MULTILINE)
_MARKER = re.compile(
    r"\[(\d{1,3})(?:\s*[;,]\s*((?:с\.|б\.|p\.|pp\.|s\.)?\s*\d+(?:\s*[-–]\s*\d+)?))?\]"
)


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE_MARK = re.compile(r"(?<=[^\s⁰¹²³⁴⁵⁶⁷⁸⁹])[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}")
_FOOTNOTE = re.compile(
    r"^[ \u00a0]*(?:-[ \u00a0]+)?(\d{1,3})[ \u00a0]+(?=[^\W\d]|[*“\"«<])(.+?)\s*$", re.MULTILINE
)


@dataclass(frozen=True, slots=True)
class Citation:
    start: int
    end: int
    number: int
    pages: str
    entry: str  # the bibliography entry as written, "" if the list has no such number


def bibliography(text: str) -> tuple[int, dict[int, str]]:
    """(where the bibliography starts, number -> entry); (len(text), {}) if there is none."""
    headings = list(_HEADING.finditer(text))
    if not headings:
        return len(text), {}
    start = headings[-1].start()
    entries = {int(m.group(1)): m.group(2) for m in _ENTRY.finditer(text, headings[-1].end())}
    return start, entries


def footnotes(text: str) -> dict[int, str]:
    """Footnote number -> its text, for the footnotes set as lines of their own."""
    return {int(m.group(1)): m.group(2) for m in _FOOTNOTE.finditer(text)}


def citations(text: str) -> list[Citation]:
    """Every citation marker before the bibliography, with the entry or footnote it points
    at, in the order of the text."""
    end_of_body, entries = bibliography(text)
    notes = footnotes(text[:end_of_body])
    found = []
    for match in _FOOTNOTE_MARK.finditer(text, 0, end_of_body):
        number = int(match.group().translate(_SUPERSCRIPT))
        found.append(Citation(match.start(), match.end(), number, "", notes.get(number, "")))
    for match in _MARKER.finditer(text, 0, end_of_body):
        number = int(match.group(1))
        found.append(Citation(match.start(), match.end(), number, (match.group(2) or "").strip(),
                              entries.get(number, "")))  # fmt: skip
    return sorted(found, key=lambda c: c.start)


def citation_after(cited: list[Citation], text: str, end: int) -> Citation | None:
    """The first citation after a position, within its paragraph."""
    paragraph_end = text.find("\n\n", end)
    limit = len(text) if paragraph_end == -1 else paragraph_end
    return next((c for c in cited if end <= c.start < limit), None)
