"""Gold sets made by others, read at run time from ``../shared/data`` (never copied here):

* KazNERD, validation split (Yeshpanov, Khassanov and Varol, "KazNERD: Kazakh Named Entity
  Recognition Dataset", LREC 2022, https://github.com/IS2AI/KazNERD, CC BY 4.0): 11,167
  sentences of Kazakh television news in IOB2, 1,352 persons;
* factRuEval-2016, development set (the Dialogue evaluation,
  https://github.com/dialogue-evaluation/factRuEval-2016, MIT): 122 Russian news texts, each
  Person object a span from its first to its last name part.

Each set is split once, by rule, into a tuning part and a set-aside part (a third, by the
SHA-256 of a sentence's tokens or a document's file name): :func:`part_of`. The rules and the
Kazakh model are developed on the tuning part only.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA = Path(os.environ.get("TAGDYR_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))
KAZNERD = DATA / "kaznerd" / "IOB2_valid.txt"
FACTRUEVAL = DATA / "factrueval-devset"
CITATIONS = {
    "KazNERD": "KazNERD validation split (Yeshpanov, Khassanov, Varol, LREC 2022; CC BY 4.0)",
    "factRuEval": "factRuEval-2016 dev set (Dialogue evaluation; MIT)",
}
TUNING, SET_ASIDE = "tuning", "set-aside"
_NAME_PARTS = {"name", "surname", "patronymic", "nickname"}
_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "»", "”", "%", "…"}
_NO_SPACE_AFTER = {"(", "«", "“"}


@dataclass(frozen=True)
class Sentence:
    """One KazNERD sentence: its tokens, tags, and the text they make (tokens joined by a
    space, none before closing punctuation or after an opening mark)."""

    key: str
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    text: str
    starts: tuple[int, ...]


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    persons: frozenset[tuple[int, int]]  # exact character spans of the gold persons


def part_of(key: str) -> str:
    """The part a sentence or document belongs to, for good: a third is set aside."""
    digest = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16)
    return SET_ASIDE if digest % 3 == 0 else TUNING


def _join(tokens: list[str]) -> tuple[str, tuple[int, ...]]:
    text, starts = "", []
    for index, token in enumerate(tokens):
        glued = index == 0 or token in _NO_SPACE_BEFORE or tokens[index - 1] in _NO_SPACE_AFTER
        text += "" if glued else " "
        starts.append(len(text))
        text += token
    return text, tuple(starts)


def kaznerd_sentences(path: Path = KAZNERD) -> Iterator[Sentence]:
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in [*lines, ""]:
            parts = line.split()
            if len(parts) == 2:
                tokens.append(parts[0])
                tags.append(parts[1])
                continue
            if tokens:
                text, starts = _join(tokens)
                key = hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()
                yield Sentence(key, tuple(tokens), tuple(tags), text, starts)
            tokens, tags = [], []


def person_spans(sentence: Sentence, kind: str = "PERSON") -> frozenset[tuple[int, int]]:
    spans, start, end = [], -1, -1
    for index, tag in enumerate([*sentence.tags, "O"]):
        if start >= 0 and tag != f"I-{kind}":
            spans.append((start, end))
            start = -1
        if tag == f"B-{kind}":
            start = sentence.starts[index]
        if start >= 0 and index < len(sentence.tokens):
            end = sentence.starts[index] + len(sentence.tokens[index])
    return frozenset(spans)


def kaznerd(part: str | None = None) -> list[Document]:
    """KazNERD sentences as documents (one sentence each, numbered in the file's order; a
    sentence repeated in the file falls into one part each time), of one part or of both."""
    return [
        Document(f"kaznerd-{number:05d}", s.text, person_spans(s))
        for number, s in enumerate(kaznerd_sentences(), start=1)
        if part is None or part_of(s.key) == part
    ]


def factrueval(part: str | None = None, folder: Path = FACTRUEVAL) -> list[Document]:
    """factRuEval texts with their Person objects as spans (first to last name part)."""
    documents = []
    for path in sorted(folder.glob("book_*.txt"), key=lambda p: int(p.stem.split("_")[1])):
        if part is not None and part_of(path.stem) != part:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        spans: dict[str, tuple[int, int]] = {}
        for line in path.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) >= 4 and fields[1] in _NAME_PARTS:
                start = int(fields[2])
                spans[fields[0]] = (start, start + int(fields[3]))
        persons = set()
        for line in path.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) >= 3 and fields[1] == "Person":
                parts = [spans[i] for i in fields[2:] if i in spans]
                if parts:
                    persons.add((min(s for s, _ in parts), max(e for _, e in parts)))
        documents.append(Document(path.stem, text, frozenset(persons)))
    return documents
