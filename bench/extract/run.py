"""Person mentions in texts: tagdyr against natasha (Russian NER) and a capitalised-token
baseline, on our own annotated texts in Kazakh, Russian, English and French.

    python -m bench.extract        # or: make bench-extract

Gold texts (`bench/extract/{gold,heldout,heldout2}/<lang>-*.txt`) mark each mention as
``[[as written|base form|person]]``; the seed texts, which may not be copied here, are annotated
stand-off (`bench/extract/seeds/<lang>-seed.tsv`, read from ``TAGDYR_SEEDS``). Person ids are
shared across files and sets. Reported per set and language: mention precision / recall / F1
(exact character spans), base-form accuracy (of the mentions found), and B-cubed F1 of the
clusters (over the mentions found, across all files of the run); then claims about persons on
the seeds (`seeds/claims.tsv`), and every set in one run.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tagdyr.texts.mentions import cluster_mentions, find_mentions

GOLD = Path(__file__).resolve().parent / "gold"  # the rules were developed on these
HELD_OUT = Path(__file__).resolve().parent / "heldout"  # written after, never tuned on
HELD_OUT_2 = Path(__file__).resolve().parent / "heldout2"  # written after the seeds' rules
SEED_GOLD = Path(__file__).resolve().parent / "seeds"  # stand-off gold of the seed texts
SEED_TEXTS = Path(
    os.environ.get("TAGDYR_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds")
)
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


def load_standoff(
    folder: Path = SEED_GOLD, texts_at: Path = SEED_TEXTS
) -> tuple[dict[str, str], list[Span]]:
    """Gold kept apart from texts that may not be copied here: each ``<lang>-seed.tsv`` names
    its text and checksum, then lists the mentions in the order of the text (as written,
    base form, person); each is found after the one before it, whitespace matching any."""
    texts: dict[str, str] = {}
    spans: list[Span] = []
    for table in sorted(folder.glob("*-seed.tsv")):
        lines = table.read_text(encoding="utf-8").splitlines()
        header = dict(
            line[2:].split("\t", 1) for line in lines if line.startswith("# ") and "\t" in line
        )
        path = texts_at / header["file"]
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != header["sha256"]:
            raise SystemExit(f"{path}: not the text {table.name} annotates (checksum differs)")
        text, name, at = data.decode("utf-8"), table.stem + ".txt", 0
        for number, line in enumerate(lines, start=1):
            if line.startswith("#") or not line.strip():
                continue
            written, base, person = line.split("\t")
            words = [re.escape(w) for w in written.split()]
            found = next((m for m in re.finditer(r"\s+".join(words), text[at:])
                          if not _letter_at(text, at + m.start() - 1)
                          and not _letter_at(text, at + m.end())), None)  # fmt: skip
            if found is None:
                raise SystemExit(f"{table.name}, line {number}: {written!r} not found after {at}")
            found_at = (at + found.start(), at + found.end())
            spans.append(Span(name, *found_at, base, person))
            at = found_at[1]
        texts[name] = text
    return texts, spans


def _letter_at(text: str, index: int) -> bool:
    """A letter stands there (a footnote number "¹" or a mark may touch a name)."""
    return 0 <= index < len(text) and text[index].isalpha()


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
    """natasha as its authors show it: segment, tag NER, then ``span.normalize`` for each
    person's base form; its persons are clustered by their normalised form (case aside)."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding, vocab = NewsEmbedding(), MorphVocab()
    segmenter, morph = Segmenter(), NewsMorphTagger(embedding)
    tagger = NewsNERTagger(embedding)
    spans = []
    for name, text in texts.items():
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(tagger)
        for span in doc.spans:
            if span.type == "PER":
                span.normalize(vocab)
                base = span.normal or span.text
                spans.append(Span(name, span.start, span.stop, base, base.lower()))
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


def score_claims(texts: dict[str, str], gold: list[Span]) -> None:
    """Claims tagdyr reads beside its mentions against ``seeds/claims.tsv``, per kind: a
    claim counts when it is about the right person (the gold person of its mention), of the
    right kind, with the same value (case aside)."""
    from tagdyr.texts.entities import entities

    person_at = {(s.file, s.start, s.end): s.cluster for s in gold}
    found = [m for name, text in texts.items() for m in find_mentions(text, name)]
    clustered = cluster_mentions(found)
    predicted = set()
    for name, text in texts.items():
        for entity in entities(text, name, [m for m in clustered if m.file == name]):
            if "mention" in entity:
                start, end = entity["mention"]  # type: ignore[misc]
                person = person_at.get((name, start, end), "?")
                predicted.add((name, person, str(entity["kind"]), str(entity["value"]).lower()))
    rows = (SEED_GOLD / "claims.tsv").read_text(encoding="utf-8").splitlines()
    expected = {
        (f, p, k, v.lower())
        for f, p, k, v in (r.split("\t") for r in rows if r and not r.startswith("#"))
    }
    print("\nClaims about persons, the three seed texts\n")
    print("| kind | gold | found | right | P | R |\n|---|---|---|---|---|---|")
    kinds = sorted({c[2] for c in expected | predicted})
    for kind in [*kinds, "all"]:
        want = {c for c in expected if kind in ("all", c[2])}
        got = {c for c in predicted if kind in ("all", c[2])}
        right = len(want & got)
        p = right / len(got) if got else 0.0
        r = right / len(want) if want else 0.0
        print(f"| {kind} | {len(want)} | {len(got)} | {right} | {p:.3f} | {r:.3f} |")


def main() -> None:
    import argparse

    from bench.extract.against_peers import peer_rows, real_text_rows, record

    parser = argparse.ArgumentParser(prog="python -m bench.extract")
    parser.add_argument("--record", metavar="NOTE", help="append the figures to the log")
    parser.add_argument("--only", choices=("own", "peers"), help="one half of the tables")
    args = parser.parse_args()
    rows: list[tuple[str, str, float, str]] = []
    if args.only != "peers":
        rows += own_sets()
    if args.only != "own":
        rows += peer_rows() + real_text_rows()
    if args.record:
        record(rows, args.record)


def own_sets() -> list[tuple[str, str, float, str]]:
    every_text: dict[str, str] = {}
    every_span: list[Span] = []
    rows = []
    for name, folder in (
        ("development set", GOLD),
        ("held-out set 1", HELD_OUT),
        ("held-out set 2", HELD_OUT_2),
    ):
        texts, spans = load_gold(folder)
        report(name, texts, spans)
        every_text.update(texts)
        every_span += spans
    if SEED_TEXTS.is_dir():
        seed_texts, seed_gold = load_standoff()
        for method, language, f1 in report("the three seed texts", seed_texts, seed_gold):
            rows.append((f"seeds/{language}", f"{method} F1", f1, ""))
        every_text.update(seed_texts)
        every_span += seed_gold
        score_claims(seed_texts, seed_gold)
    else:
        print(f"\nSeed texts not found at {SEED_TEXTS}: set TAGDYR_SEEDS to score them.")
    report("all sets in one run (persons clustered across every text)", every_text, every_span)
    return rows


def report(name: str, texts: dict[str, str], gold: list[Span]) -> list[tuple[str, str, float]]:
    """Print the table of one set; return (method, language, F1) for the languages it has."""
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
    figures = []
    for label, method in methods.items():
        predicted = method(texts)
        for language in ("kk", "ru", "en", "fr", "all"):
            n, p, r, f1, base, b3 = score(gold, predicted, language)
            print(f"| {label} | {language} | {n} | {p:.3f} | {r:.3f} | {f1:.3f} | {base:.3f} | "
                  f"{b3:.3f} |", flush=True)  # fmt: skip
            if n:
                figures.append((label.split(" ")[0], language, f1))
    return figures


if __name__ == "__main__":
    main()
