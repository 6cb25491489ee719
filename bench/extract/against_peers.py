"""Person mentions against the peers' gold (KazNERD for Kazakh, factRuEval-2016 for Russian),
each on its tuning part and its set-aside part; exact character spans of persons. natasha is
scored on Russian only; the capitalised-token baseline on both. Also: the mentions tagdyr finds
in the real texts of ``../shared/texts/real`` (unannotated: a sanity count per language).

    python -m bench.extract                     # every table, these among them
    python -m bench.extract --record "a note"   # also appends the figures to the results log
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from bench import results_log
from bench.extract import peers
from bench.extract.run import Span, capitalised_baseline, natasha_method, tagdyr_method

RESULTS = Path(__file__).resolve().parents[1] / "results" / "extract.tsv"
REAL_TEXTS = Path(
    os.environ.get(
        "TAGDYR_REAL_TEXTS", Path(__file__).resolve().parents[3] / "shared" / "texts" / "real"
    )
)
Method = Callable[[dict[str, str]], list[Span]]
Row = tuple[str, str, float, str]  # set, metric, value, note


def prf(gold: set[tuple[str, int, int]], found: set[tuple[str, int, int]]) -> tuple[float, ...]:
    right = len(gold & found)
    p = right / len(found) if found else 0.0
    r = right / len(gold) if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _methods(russian: bool) -> dict[str, Method]:
    methods: dict[str, Method] = {"tagdyr": tagdyr_method}
    if russian:
        methods["natasha"] = natasha_method
    methods["capitalised tokens"] = capitalised_baseline
    return methods


def peer_rows() -> list[Row]:
    rows: list[Row] = []
    print(
        "\nPerson mentions against the peers' gold (exact character spans)\n"
        f"- {peers.CITATIONS['KazNERD']}\n- {peers.CITATIONS['factRuEval']}\n"
        "- set-aside part: a third of each set by the SHA-256 of a sentence's tokens or a "
        "document's name, never tuned on\n\n"
        "| set | part | texts | gold persons | method | P | R | F1 | seconds |\n"
        "|---|---|---|---|---|---|---|---|---|"
    )
    for label, load, russian in (
        ("KazNERD", peers.kaznerd, False),
        ("factRuEval", peers.factrueval, True),
    ):
        for part in (peers.TUNING, peers.SET_ASIDE):
            documents = load(part)
            texts = {d.name: d.text for d in documents}
            gold = {(d.name, s, e) for d in documents for s, e in d.persons}
            for method_name, method in _methods(russian).items():
                began = time.perf_counter()
                found = {(s.file, s.start, s.end) for s in method(texts)}
                seconds = time.perf_counter() - began
                p, r, f1 = prf(gold, found)
                print(f"| {label} | {part} | {len(texts)} | {len(gold)} | {method_name} | "
                      f"{p:.3f} | {r:.3f} | {f1:.3f} | {seconds:.0f} |", flush=True)  # fmt: skip
                where = f"{label}/{part}"
                rows += [(where, f"{method_name} {m}", v, "") for m, v in (("P", p), ("R", r))]
                rows.append((where, f"{method_name} F1", f1, ""))
    return rows


def real_text_rows() -> list[Row]:
    """Mentions tagdyr finds per language of the real texts (no gold: a sanity figure)."""
    if not REAL_TEXTS.is_dir():
        print(f"\nReal texts not found at {REAL_TEXTS}: set TAGDYR_REAL_TEXTS to count them.")
        return []
    from tagdyr.texts.reader import read_text

    print("\nMentions found in the real texts (unannotated)\n\n| language | files | mentions |\n"
          "|---|---|---|")  # fmt: skip
    rows: list[Row] = []
    for folder in sorted(p for p in REAL_TEXTS.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.txt"))
        texts = {f"{folder.name}/{f.name}": read_text(f).text for f in files}
        count = len(tagdyr_method(texts))
        print(f"| {folder.name} | {len(files)} | {count} |")
        rows.append((f"real/{folder.name}", "tagdyr mentions", float(count), ""))
    return rows


def record(rows: list[Row], note: str) -> None:
    """Append the figures to the results log (bench/results_log.py)."""
    results_log.append(
        RESULTS, [(where, metric, value, f"{note}; {extra}" if extra else note)
                  for where, metric, value, extra in rows]
    )  # fmt: skip
    print(f"\n{len(rows)} figures appended to {RESULTS}")
