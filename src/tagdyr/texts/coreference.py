"""A pronoun that stands for a person named before it in the same paragraph ("Ол …", "Он …",
"He …", "Il …", "Er …", "Han …"), so that what its sentence states is read as a fact about that
person; likewise the person's given name alone, in any case form ("Қасым", "Қасымға", "Касыму").
A pronoun is bound only when it is unambiguous: the nearest sentence before the pronoun that names
anyone names exactly one person, and no one is named between them."""

from __future__ import annotations

import re

# subject pronouns of a person (he, she) in kk, ru, en, fr, de, no (bokmål and nynorsk); not
# German "sie" (also "they") nor Norwegian "er" ("is")
PRONOUN = re.compile(
    r"(?<![\w-])(?:[Hh]e|[Ss]he|[Оо]л|[Оо]н|[Оо]на|[Ii]l|[Ee]lle|Er|[Hh]an|[Hh]un|[Hh]o)(?![\w-])"
)


def _paragraph(text: str, at: int) -> tuple[int, int]:
    """The paragraph around ``at``: a blank line or a line break ends it (``claims.PARAGRAPH``)."""
    from tagdyr.texts.claims import PARAGRAPH

    left = max((m.end() for m in PARAGRAPH.finditer(text, 0, at)), default=0)
    after = PARAGRAPH.search(text, at)
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
    for match in PRONOUN.finditer(text, mention[1], right):
        at = match.span()
        if any(s <= at[0] < e for s, e in inside):
            continue  # a word of a name ("Han" in "Han Suyin")
        if antecedent(text, at, spans) == mention:
            found.append(at)
    return found


# a case ending after a given name: Russian, Kazakh, German/Norwegian genitive
_CASE_ENDING = r"(?:а|я|у|ю|ом|ем|е|ым|ға|ге|қа|ке|ның|нің|дың|дің|тың|тің|ды|ді|ты|ті|да|де|"
_CASE_ENDING += r"та|те|ы|і|ны|ні|s)?"


def given_names_of(
    text: str, mention: tuple[int, int], spans: tuple[tuple[int, int], ...]
) -> list[tuple[int, int]]:
    """The given name of a full-name mention ("Qasym Bekov") written alone later in its
    paragraph, in any case form, outside any other mention; only when no other person named in
    the paragraph has that given name."""
    words = text[mention[0] : mention[1]].split()
    if len(words) < 2 or not words[0][:1].isupper() or len(words[0]) < 3:
        return []
    given = words[0]
    left, right = _paragraph(text, mention[1])
    others = {text[s:e].split()[0].casefold() for s, e in spans
              if s >= left and e <= right and len(text[s:e].split()) > 1}  # fmt: skip
    surname = words[-1].casefold()
    rivals = {text[s:e].split()[-1].casefold() for s, e in spans if s >= left and e <= right
              and text[s:e].split()[0].casefold() == given.casefold()}  # fmt: skip
    if given.casefold() not in others or rivals - {surname}:
        return []
    pattern = re.compile(rf"(?<![\w-]){re.escape(given)}{_CASE_ENDING}(?![\w-])")
    found = []
    for match in pattern.finditer(text, mention[1], right):
        at = match.span()
        if not any(s <= at[0] < e for s, e in spans):
            found.append(at)
    return found
