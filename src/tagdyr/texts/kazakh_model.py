"""Kazakh person spans by a conditional random field trained on KazNERD (Yeshpanov, Khassanov
and Varol, "KazNERD: Kazakh Named Entity Recognition Dataset", LREC 2022, CC BY 4.0; see
``models/README.md``). The model is a small file in the package, read on first use; training:
``python -m bench.extract.train_kazakh``.

A token is described by its own letters (lower-cased form, endings, beginning, shape), its
neighbours', and the names engine's evidence (a surname's suffix, a given name of the lists);
the same :func:`features` serve training and tagging.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL = Path(__file__).resolve().parent / "models" / "kk-person.crfsuite"
_SCHWA = str.maketrans("əƏ", "әӘ")  # Latin schwa typed for Kazakh ә: same length
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def tokens_of(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Words (hyphens and apostrophes inside) and single marks, as (start, end) offsets."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def _shape(word: str) -> str:
    shape = re.sub(r"[^\W\d_]", lambda m: "X" if m.group().isupper() else "x", word)
    return re.sub(r"(.)\1+", r"\1\1", re.sub(r"\d", "d", shape))


@lru_cache(maxsize=100_000)
def _own(word: str) -> tuple[str, ...]:
    from tagdyr.texts import lexicon
    from tagdyr.texts.mentions import is_surname

    lowered = word.lower()
    found = [f"w={lowered}", f"shape={_shape(word)}", f"p2={lowered[:2]}", f"p3={lowered[:3]}"]
    found += [f"s{n}={lowered[-n:]}" for n in (1, 2, 3, 4, 5) if len(lowered) > n]
    if word[:1].isupper():
        found.append("title")
        if is_surname(word):
            found.append("surname")
        if lexicon.is_given_name(word):
            found.append("given")
        if lowered in lexicon.STOP_WORDS:
            found.append("stop")
    if "-" in word:
        found.append("hyphen")
    return tuple(found)


@lru_cache(maxsize=100_000)
def _neighbour(word: str) -> tuple[str, ...]:
    lowered = word.lower()
    return (f"w={lowered}", f"s3={lowered[-3:]}", f"shape={_shape(word)}")


def features(words: list[str]) -> list[list[str]]:
    """The features of each word of a sentence."""
    rows = []
    for index, word in enumerate(words):
        row = ["bias", *_own(word)]
        if index == 0:
            row.append("first")
        for offset in (-2, -1, 1, 2):
            at = index + offset
            if 0 <= at < len(words):
                row += [f"{offset}:{f}" for f in _neighbour(words[at])]
                if offset in (-1, 1) and words[at][:1].isupper():
                    row.append(f"{offset}:title")
            else:
                row.append(f"{offset}:edge")
        rows.append(row)
    return rows


@lru_cache(maxsize=1)
def _tagger() -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


def person_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each person the model finds between ``start`` and ``end``."""
    spans: list[tuple[int, int]] = []
    for sentence in _sentences(tokens_of(text, start, end), text):
        words = [text[s:e].translate(_SCHWA) for s, e in sentence]
        labels = _tagger().tag(features(words))
        for (s, e), label in zip(sentence, labels, strict=True):
            if label == "B-PERSON" or (label == "I-PERSON" and not spans_open(spans, s, text)):
                spans.append((s, e))
            elif label == "I-PERSON":
                spans[-1] = (spans[-1][0], e)
    return spans


def spans_open(spans: list[tuple[int, int]], at: int, text: str) -> bool:
    """The last span ends just before ``at`` (only spaces between)."""
    return bool(spans) and not text[spans[-1][1] : at].strip()


def _sentences(tokens: list[tuple[int, int]], text: str) -> list[list[tuple[int, int]]]:
    """Tokens cut into sentences at . ! ? and line breaks (the model knows sentences)."""
    sentences: list[list[tuple[int, int]]] = [[]]
    for index, (s, e) in enumerate(tokens):
        if sentences[-1] and "\n" in text[tokens[index - 1][1] : s]:
            sentences.append([])
        sentences[-1].append((s, e))
        if text[s:e] in (".", "!", "?", "…") and not _initial_before(tokens, index, text):
            sentences.append([])
    return [s for s in sentences if s]


def _initial_before(tokens: list[tuple[int, int]], index: int, text: str) -> bool:
    """The full stop ends an initial ("Қ." in "Қ. Сәтбаев"), not a sentence."""
    if index == 0:
        return False
    s, e = tokens[index - 1]
    return e - s == 1 and text[s].isupper() and tokens[index][0] == e
