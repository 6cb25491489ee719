"""Person mentions in texts: tagdyr against natasha (Russian NER) and a capitalised-token
baseline, on our own annotated texts in Kazakh, Russian, English and French.

    python -m bench.extract        # or: make bench-extract

Gold texts (`bench/extract/gold/<lang>-NN.txt`) mark each mention as
``[[as written|base form|person]]``; the person ids are shared across files. Reported per
language: mention precision / recall / F1 (exact character spans), base-form accuracy (of the
mentions found), and B-cubed F1 of the clusters (over the mentions found, across all files).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tagdyr.texts.mentions import cluster_mentions, find_mentions

GOLD = Path(__file__).resolve().parent / "gold"  # the rules were developed on these
HELD_OUT = Path(__file__).resolve().parent / "heldout"  # written after, never tuned on
_MARK = re.compile(r"\[\[(.*?)\|(.*?)\|(.*?)\]\]", re.S)


@dataclass(frozen=True)
class Span:
    file: str
    start: int
    end: int
    base: str
    cluster: str


def load_gold(folder: Path = GOLD) -> tuple[dict[str, str], list[Span]]:
    texts: dict[str, str] = {}
    spans: list[Span] = []
    for path in sorted(folder.glob("*.txt")):
        marked = path.read_text(encoding="utf-8")
        out, at = [], 0
        for match in _MARK.finditer(marked):
            out.append(marked[at : match.start()])
            start = sum(len(p) for p in out)
            out.append(match.group(1))
            spans.append(Span(path.name, start, start + len(match.group(1)), match.group(2),
                              match.group(3)))  # fmt: skip
            at = match.end()
        out.append(marked[at:])
        texts[path.name] = "".join(out)
    return texts, spans


def tagdyr_method(texts: dict[str, str]) -> list[Span]:
    found = [m for name, text in texts.items() for m in find_mentions(text, name)]
    return [Span(m.file, m.start, m.end, m.base, m.cluster) for m in cluster_mentions(found)]


def capitalised_baseline(texts: dict[str, str]) -> list[Span]:
    """Runs of capitalised words or initials, not at a sentence start; clusters by text."""
    word = r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.|[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'-]+)"
    spans = []
    for name, text in texts.items():
        for match in re.finditer(rf"{word}(?:[ \u00a0\n]?{word})*", text):
            before = text[: match.start()].rstrip()
            if not before or before[-1] in ".!?":
                continue
            spans.append(Span(name, match.start(), match.end(), match.group(),
                              match.group().lower()))  # fmt: skip
    return spans


def natasha_method(texts: dict[str, str]) -> list[Span]:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    spans = []
    for name, text in texts.items():
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        for span in doc.spans:
            if span.type == "PER":
                spans.append(Span(name, span.start, span.stop, span.text, span.text.lower()))
    return spans


def _b_cubed(pairs: list[tuple[str, str]]) -> float:
    """B-cubed F1 of predicted clusters (first) against gold ones (second)."""
    if not pairs:
        return 0.0
    by_predicted, by_gold = defaultdict(list), defaultdict(list)
    for i, (predicted, gold) in enumerate(pairs):
        by_predicted[predicted].append(i)
        by_gold[gold].append(i)
    precision = recall = 0.0
    for predicted, gold in pairs:
        same = sum(1 for j in by_predicted[predicted] if pairs[j][1] == gold)
        precision += same / len(by_predicted[predicted])
        recall += same / len(by_gold[gold])
    precision, recall = precision / len(pairs), recall / len(pairs)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: list[Span], predicted: list[Span], language: str) -> tuple[float, ...]:
    def in_language(s: Span) -> bool:
        return language == "all" or s.file.startswith(language)

    gold_at = {(s.file, s.start, s.end): s for s in gold if in_language(s)}
    found = [s for s in predicted if in_language(s)]
    matched = [(s, gold_at[(s.file, s.start, s.end)]) for s in found
               if (s.file, s.start, s.end) in gold_at]  # fmt: skip
    p = len(matched) / len(found) if found else 0.0
    r = len(matched) / len(gold_at) if gold_at else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    base = sum(s.base == g.base for s, g in matched) / len(matched) if matched else 0.0
    b3 = _b_cubed([(s.cluster, g.cluster) for s, g in matched])
    return len(gold_at), p, r, f1, base, b3


def main() -> None:
    for name, folder in (("development set", GOLD), ("held-out set", HELD_OUT)):
        report(name, *load_gold(folder))


def report(name: str, texts: dict[str, str], gold: list[Span]) -> None:
    methods: dict[str, Callable[[dict[str, str]], list[Span]]] = {
        "tagdyr": tagdyr_method,
        "natasha (Russian NER)": natasha_method,
        "capitalised tokens": capitalised_baseline,
    }
    print(
        f"\nPerson mentions, {name}: {len(texts)} annotated texts ({len(gold)} mentions)\n\n"
        "| method | language | gold mentions | P | R | F1 | base form | B-cubed F1 |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    for label, method in methods.items():
        predicted = method(texts)
        for language in ("kk", "ru", "en", "fr", "all"):
            n, p, r, f1, base, b3 = score(gold, predicted, language)
            print(f"| {label} | {language} | {n} | {p:.3f} | {r:.3f} | {f1:.3f} | {base:.3f} | "
                  f"{b3:.3f} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
