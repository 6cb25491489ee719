"""Today's tagdyr against the gold of the real texts, per part (set-aside, tuning) and language.

    python -m bench.texts_real            # print the tables
    python -m bench.texts_real --record "first figures"   # and append them to the results log

All 36 texts run as one ``tagdyr extract --claims`` run would: mentions found per text,
clustered across every text, then the claims read beside each mention. Mentions: precision,
recall and F1 on exact character spans and on overlapping spans; base form: share of the
exactly matched mentions whose base form is the gold one (case and the space after an
initial aside); B-cubed F1 of the clusters over the exactly matched mentions. Facts: a fact
is right when it is about the gold person of the mention it was read beside (that mention
matching a gold one exactly, else overlapping one), of the same kind, with the same
normalised value (case, spacing and surrounding quotes or brackets aside); "lenient" also
accepts one value containing the other. Kinds the gold does not annotate (``residence``)
are counted apart and left out of precision.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bench import results_log
from bench.extract.run import _b_cubed, capitalised_baseline, natasha_method
from bench.texts_real.gold import KINDS, LANGUAGES, GoldDocument, load_all, set_aside
from tagdyr.texts.entities import entities
from tagdyr.texts.mentions import Mention, cluster_mentions, find_mentions

RESULTS = Path(__file__).resolve().parents[1] / "results" / "texts_real.tsv"
_KIND_OF_CLAIM = {"birth": "birth_date", "death": "death_date"}


class Spanned(Protocol):
    """A found mention: tagdyr's ``Mention`` or a baseline's ``Span``."""

    @property
    def file(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def base(self) -> str: ...
    @property
    def cluster(self) -> str: ...


# the baselines of bench.extract, run on the same texts: natasha (Russian NER, on every
# text: it is the one maintained offline model we have) and capitalised tokens
BASELINES = {"natasha": natasha_method, "caps": capitalised_baseline}


@dataclass(frozen=True)
class Found:
    mentions: list[Mention]
    facts: set[tuple[str, str, str, str]]  # (doc, gold person or "?", kind, value)
    unannotated: dict[str, int]  # claims of kinds the gold does not annotate


def normal_value(value: str) -> str:
    value = re.sub(r"\s+", " ", value.casefold()).strip()
    return value.strip(" «»\"'“”„()[].,;:")


def normal_base(base: str) -> str:
    return re.sub(r"\.\s*", ". ", re.sub(r"\s+", " ", base.casefold())).strip()


def _person_at(doc: GoldDocument, start: int, end: int) -> str:
    exact = [m.person for m in doc.mentions if (m.start, m.end) == (start, end)]
    overlapping = [m.person for m in doc.mentions if m.start < end and start < m.end]
    return (exact or overlapping or ["?"])[0]


def run_tagdyr(docs: list[GoldDocument]) -> Found:
    found = [m for d in docs for m in find_mentions(d.text, d.name)]
    clustered = cluster_mentions(found)
    facts: set[tuple[str, str, str, str]] = set()
    unannotated: dict[str, int] = {}
    for doc in docs:
        own = [m for m in clustered if m.file == doc.name]
        for row in entities(doc.text, doc.name, own):
            if "mention" not in row:
                continue  # figures and citations are not facts about a person
            kind = _KIND_OF_CLAIM.get(str(row["kind"]), str(row["kind"]))
            if kind not in KINDS:
                unannotated[kind] = unannotated.get(kind, 0) + 1
                continue
            at = row["mention"]
            assert isinstance(at, list)
            facts.add((doc.name, _person_at(doc, int(at[0]), int(at[1])), kind, str(row["value"])))
    return Found(clustered, facts, unannotated)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def mention_scores(docs: list[GoldDocument], found: Sequence[Spanned]) -> dict[str, float]:
    names = {d.name for d in docs}
    gold = [(d.name, m) for d in docs for m in d.mentions]
    predicted = [m for m in found if m.file in names]
    at = {(doc, m.start, m.end): m for doc, m in gold}
    matched = [(p, at[(p.file, p.start, p.end)]) for p in predicted if (p.file, p.start, p.end)
               in at]  # fmt: skip
    hit = [p for p in predicted if any(doc == p.file and m.start < p.end and p.start < m.end
                                       for doc, m in gold)]  # fmt: skip
    covered = [m for doc, m in gold if any(p.file == doc and m.start < p.end and p.start < m.end
                                           for p in predicted)]  # fmt: skip
    p, r = _ratio(len(matched), len(predicted)), _ratio(len(matched), len(gold))
    po, ro = _ratio(len(hit), len(predicted)), _ratio(len(covered), len(gold))
    right_base = sum(normal_base(p.base) == normal_base(g.base) for p, g in matched)
    return {"gold mentions": len(gold), "found": len(predicted), "P exact": p, "R exact": r,
            "F1 exact": _f1(p, r), "P overlap": po, "R overlap": ro, "F1 overlap": _f1(po, ro),
            "base form": _ratio(right_base, len(matched)),
            "B-cubed F1": _b_cubed([(p.cluster, g.person) for p, g in matched])}  # fmt: skip


def _gold_facts(docs: Iterable[GoldDocument]) -> set[tuple[str, str, str, str]]:
    return {(d.name, f.person, f.kind, normal_value(f.value)) for d in docs for f in d.facts}


def fact_scores(
    docs: list[GoldDocument], found: set[tuple[str, str, str, str]], kind: str = "all"
) -> dict[str, float]:
    names = {d.name for d in docs}
    want = {g for g in _gold_facts(docs) if kind in ("all", g[2])}
    got = {(f[0], f[1], f[2], normal_value(f[3])) for f in found
           if f[0] in names and kind in ("all", f[2])}  # fmt: skip
    right = want & got

    def near(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        return a[:3] == b[:3] and (a[3] in b[3] or b[3] in a[3])

    lenient_p = sum(any(near(g, w) for w in want) for g in got)
    lenient_r = sum(any(near(w, g) for g in got) for w in want)
    return {"gold facts": len(want), "found": len(got), "right": len(right),
            "P": _ratio(len(right), len(got)), "R": _ratio(len(right), len(want)),
            "P lenient": _ratio(lenient_p, len(got)),
            "R lenient": _ratio(lenient_r, len(want))}  # fmt: skip


def parts(docs: list[GoldDocument]) -> dict[str, list[GoldDocument]]:
    held = set(set_aside([d.name for d in docs]))
    return {"set-aside": [d for d in docs if d.name in held],
            "tuning": [d for d in docs if d.name not in held], "all": docs}  # fmt: skip


def _table(title: str, rows: list[tuple[str, dict[str, float]]]) -> str:
    columns = list(rows[0][1])
    head = f"\n{title}\n\n| | {' | '.join(columns)} |\n|---|{'---|' * len(columns)}\n"
    body = "".join(
        f"| {name} | "
        + " | ".join(str(v) if isinstance(v, int) else f"{v:.3f}" for v in values.values())
        + " |\n"
        for name, values in rows
    )
    return head + body


def run_baselines(docs: list[GoldDocument]) -> dict[str, Sequence[Spanned]]:
    texts = {d.name: d.text for d in docs}
    return {name: method(texts) for name, method in BASELINES.items()}


def _beside(
    part: str, own: list[GoldDocument], found: Found, baselines: dict[str, Sequence[Spanned]]
) -> tuple[str, list[tuple[str, str, float]]]:
    """Mention F1 (exact) and base form of tagdyr beside each baseline, per language."""
    rows, log = [], []
    for lang in (*LANGUAGES, "all"):
        chosen = [d for d in own if lang in ("all", d.lang)]
        scores: dict[str, float] = {}
        for name, spans in (("tagdyr", found.mentions), *baselines.items()):
            got = mention_scores(chosen, spans)
            scores |= {f"F1 {name}": got["F1 exact"], f"base {name}": got["base form"]}
        rows.append((lang, scores))
        log += [(f"{part}/{lang}", metric, v) for metric, v in scores.items()
                if not metric.endswith("tagdyr")]  # fmt: skip
    return _table(f"Mention F1 (exact) and base form beside the baselines, {part}", rows), log


def report(
    docs: list[GoldDocument], found: Found, baselines: dict[str, Sequence[Spanned]] | None = None
) -> tuple[str, list[tuple[str, str, float]]]:
    """The printed tables and the (set, metric, value) rows of the results log."""
    out, log = [], []
    for part, own in parts(docs).items():
        if baselines:
            table, rows = _beside(part, own, found, baselines)
            out.append(table)
            log += rows
        rows = []
        for lang in (*LANGUAGES, "all"):
            chosen = [d for d in own if lang in ("all", d.lang)]
            scores = mention_scores(chosen, found.mentions)
            facts = fact_scores(chosen, found.facts)
            scores |= {
                "fact P": facts["P"],
                "fact R": facts["R"],
                "gold facts": facts["gold facts"],
            }
            rows.append((lang, scores))
            log += [(f"{part}/{lang}", metric, float(v)) for metric, v in scores.items()]
        out.append(_table(f"Mentions and facts, {part} ({len(own)} texts)", rows))
        kinds = [(kind, fact_scores(own, found.facts, kind)) for kind in (*KINDS, "all")]
        kinds = [(k, s) for k, s in kinds if s["gold facts"] or s["found"]]
        out.append(_table(f"Facts per kind, {part}", kinds))
        log += [(f"{part}/fact:{k}", metric, float(v)) for k, s in kinds for metric, v in
                s.items() if metric in ("P", "R", "gold facts", "found")]  # fmt: skip
    if found.unannotated:
        listed = ", ".join(f"{k}: {n}" for k, n in sorted(found.unannotated.items()))
        out.append(f"\nClaims of kinds the gold does not annotate (left out): {listed}\n")
    return "".join(out), log


def record(log: list[tuple[str, str, float]], note: str, path: Path = RESULTS) -> None:
    results_log.append(path, results_log.with_note(log, note))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.texts_real",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--record", metavar="NOTE", help="append the figures to the log")
    parser.add_argument("--no-baselines", action="store_true", help="tagdyr alone (faster)")
    args = parser.parse_args(argv)
    docs = load_all()
    baselines = None if args.no_baselines else run_baselines(docs)
    text, log = report(docs, run_tagdyr(docs), baselines)
    print(text)
    if args.record:
        record(log, args.record)
        print(f"recorded {len(log)} figures in {RESULTS}")
