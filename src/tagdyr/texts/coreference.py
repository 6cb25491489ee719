"""A pronoun that stands for a person named before it in the same paragraph ("Ол …", "Он …",
"He …", "Il …", "Er …", "Han …"), so that what its sentence states is read as a fact about that
person. Bound only when it is unambiguous: the nearest sentence before the pronoun that names
anyone names exactly one person, and no one is named between them."""

from __future__ import annotations

import re

# subject pronouns of a person (he, she) in kk, ru, en, fr, de, no (bokmål and nynorsk); not
# German "sie" (also "they") nor Norwegian "er" ("is")
_PRONOUN = re.compile(
    r"(?<![\w-])(?:[Hh]e|[Ss]he|[Оо]л|[Оо]н|[Оо]на|[Ii]l|[Ee]lle|Er|[Hh]an|[Hh]un|[Hh]o)(?![\w-])"
)
_PARAGRAPH = re.compile(r"\n\s*\n")


def _paragraph(text: str, at: int) -> tuple[int, int]:
    left = max((m.end() for m in _PARAGRAPH.finditer(text, 0, at)), default=0)
    after = _PARAGRAPH.search(text, at)
    return left, after.start() if after else len(text)


def antecedent(
    text: str, pronoun: tuple[int, int], spans: tuple[tuple[int, int], ...]
) -> tuple[int, int] | None:
    """The mention the pronoun at ``pronoun`` stands for, or None when it is not certain: the
    last one before it in the paragraph, when its sentence names no one else before the
    pronoun (a repeated surname is one person)."""
    from tagdyr.texts.claims import sentence_span

    left, _ = _paragraph(text, pronoun[0])
    before = sorted(s for s in spans if left <= s[0] and s[1] <= pronoun[0])
    if not before:
        return None
    first, _ = sentence_span(text, before[-1][0], before[-1][1])
    named = {text[s:e].split()[-1].casefold() for s, e in before if s >= first}
    return before[-1] if len(named) == 1 else None


def pronouns_of(
    text: str, mention: tuple[int, int], spans: tuple[tuple[int, int], ...]
) -> list[tuple[int, int]]:
    """The pronouns after ``mention`` in its paragraph that stand for it."""
    _, right = _paragraph(text, mention[1])
    inside = [s for s in spans if s != mention]
    found = []
    for match in _PRONOUN.finditer(text, mention[1], right):
        at = match.span()
        if any(s <= at[0] < e for s, e in inside):
            continue  # a word of a name ("Han" in "Han Suyin")
        if antecedent(text, at, spans) == mention:
            found.append(at)
    return found
