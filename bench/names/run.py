"""Names benchmark: tagdyr's names engine against what a user would do instead.

    python -m bench.names          # or: make bench-names

Same-person decisions (precision, recall, F1) on the held-out generated split and on the real
seed pairs; ranking quality (a query name against a pool of candidates: recall@1, recall@5,
MRR); calibration; and throughput of parsing + keys on Zipf-distributed names. Baselines:
unidecode + Jaro-Winkler (threshold tuned on the training split, i.e. given its best chance),
Double Metaphone and Beider–Morse codes (abydos; GPL, used here only as a yardstick).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from bench.names.dataset import TEST_SEED, TRAIN_SEED, Pair, generated_pairs, seed_pairs, write_name
from tagdyr.names import canonical, clean, parse, skeletons
from tagdyr.names.analysis import analyze
from tagdyr.names.similarity import compare

Scorer = Callable[[str, str], float]


@dataclass
class Method:
    name: str
    score: Scorer
    threshold: float = 0.5


# --- baselines ---------------------------------------------------------------------------


def _tokens(name: str) -> list[str]:
    from unidecode import unidecode

    return [t for t in re.split(r"[\s.]+", unidecode(clean(name)).lower()) if t]


@lru_cache(maxsize=200_000)
def _sorted_ascii(name: str) -> str:
    return " ".join(sorted(_tokens(name)))


def unidecode_jw(a: str, b: str) -> float:
    return JaroWinkler.similarity(_sorted_ascii(a), _sorted_ascii(b))


@lru_cache(maxsize=200_000)
def _dm_codes(token: str) -> frozenset[str]:
    from doublemetaphone import doublemetaphone

    return frozenset(c for c in doublemetaphone(token) if c)


@lru_cache(maxsize=200_000)
def _bm_codes(token: str) -> frozenset[str]:

    return frozenset(_BM.encode(token).split()) if token else frozenset()


_BM = None


def _code_match(a: str, b: str, codes: Callable[[str], frozenset[str]]) -> float:
    """Share of the shorter name's tokens that find a token of the other name with a common
    code (initials: same first letter)."""
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) > len(tb):
        ta, tb = tb, ta
    if not ta:
        return 0.0
    matched = 0
    for x in ta:
        for y in tb:
            if len(x) == 1 or len(y) == 1:
                if x[0] == y[0]:
                    matched += 1
                    break
            elif codes(x) & codes(y):
                matched += 1
                break
    return matched / len(ta)


def double_metaphone(a: str, b: str) -> float:
    return _code_match(a, b, _dm_codes)


def beider_morse(a: str, b: str) -> float:
    return _code_match(a, b, _bm_codes)


def tagdyr_score(a: str, b: str) -> float:
    return compare(a, b).score


# --- metrics -----------------------------------------------------------------------------


def prf(pairs: list[Pair], method: Method) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for p in pairs:
        said = method.score(p.a, p.b) >= method.threshold
        tp += said and p.same
        fp += said and not p.same
        fn += (not said) and p.same
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_threshold(pairs: list[Pair], score: Scorer) -> float:
    scored = [(score(p.a, p.b), p.same) for p in pairs]
    best, best_f1 = 0.5, -1.0
    for cut in sorted({round(s, 3) for s, _ in scored}):
        tp = sum(1 for s, y in scored if s >= cut and y)
        fp = sum(1 for s, y in scored if s >= cut and not y)
        fn = sum(1 for s, y in scored if s < cut and y)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1:
            best, best_f1 = cut, f1
    return best


def ranking(pairs: list[Pair], score: Scorer, queries: int) -> tuple[float, float, float]:
    positives = [p for p in pairs if p.same]
    pool = [p.b for p in positives]
    r1 = r5 = mrr = 0.0
    chosen = positives[:queries]
    for i, query in enumerate(chosen):
        true_score = score(query.a, pool[i])
        others = [score(query.a, cand) for j, cand in enumerate(pool) if j != i]
        better = sum(1 for s in others if s > true_score)
        ties = sum(1 for s in others if s == true_score)
        # expectations when ties are broken at random: the true candidate is equally likely
        # to sit at any of the positions better+1 … better+ties+1
        slots = ties + 1
        r1 += (better == 0) / slots
        r5 += max(0.0, min(1.0, (5 - better) / slots))
        mrr += sum(1 / (better + k) for k in range(1, slots + 1)) / slots
    n = len(chosen)
    return r1 / n, r5 / n, mrr / n


def calibration(pairs: list[Pair]) -> list[tuple[str, int, float, float]]:
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for p in pairs:
        s = compare(p.a, p.b).score
        bins[min(int(s * 5), 4)].append((s, p.same))
    rows = []
    for b in sorted(bins):
        items = bins[b]
        rows.append(
            (
                f"{b / 5:.1f}–{(b + 1) / 5:.1f}",
                len(items),
                sum(s for s, _ in items) / len(items),
                sum(y for _, y in items) / len(items),
            )
        )
    return rows


def blocking_keys(pairs: list[Pair]) -> list[tuple[str, float, float]]:
    """Surname keys as blocking keys: share of same-person pairs that share a key (recall)
    and share of different-person pairs that share one (false sharing, lower is better)."""
    from tagdyr.names.similarity import word_forms

    def surname(name: str) -> str:
        return parse(clean(name)).surname.split()[-1] if parse(clean(name)).surname else ""

    def ascii_token(word: str) -> str:
        tokens = _tokens(word)
        return tokens[0] if tokens else ""

    keyers: dict[str, Callable[[str], frozenset[str]]] = {
        "tagdyr skeletons (with Cyrillic readings of Latin)": lambda w: word_forms(w).keys,
        "unidecode, exact": lambda w: frozenset({ascii_token(w)}),
        "Double Metaphone of unidecode": lambda w: _dm_codes(ascii_token(w)),
        "Beider-Morse of unidecode": lambda w: _bm_codes(ascii_token(w)),
        "tagdyr skeletons or Beider-Morse": lambda w: (
            word_forms(w).keys | _bm_codes(ascii_token(w))
        ),
    }
    rows = []
    for label, keys in keyers.items():
        shared = {True: 0, False: 0}
        total = {True: 0, False: 0}
        for p in pairs:
            a, b = surname(p.a), surname(p.b)
            if not a or not b or a.endswith(".") or b.endswith("."):
                continue
            total[p.same] += 1
            shared[p.same] += bool(keys(a) & keys(b))
        rows.append((label, shared[True] / total[True], shared[False] / total[False]))
    return rows


def throughput(total: int, distinct: int) -> tuple[float, float]:
    """Names per second for parse + keys, Zipf-distributed repeats; and the cold rate."""
    rng = random.Random(7)
    from bench.names.dataset import person

    forms = [write_name(person(rng), rng)[0] for _ in range(distinct)]
    weights = [1 / (r + 1) ** 1.05 for r in range(distinct)]
    stream = rng.choices(forms, weights=weights, k=total)
    caches = (analyze, parse, skeletons, canonical, clean)
    for cached in caches:
        cached.cache_clear()
    start = time.perf_counter()
    for name in stream:
        analyze(name)
    warm = total / (time.perf_counter() - start)
    for cached in caches:
        cached.cache_clear()
    cold_sample = forms[:5000]
    start = time.perf_counter()
    for name in cold_sample:
        analyze(name)
    cold = len(cold_sample) / (time.perf_counter() - start)
    return warm, cold


# --- report ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=6000, help="generated pairs per split")
    parser.add_argument("--queries", type=int, default=300, help="ranking queries")
    parser.add_argument("--names", type=int, default=1_000_000, help="names for throughput")
    args = parser.parse_args()

    global _BM
    from abydos.phonetic import BeiderMorse

    _BM = BeiderMorse()
    train = generated_pairs(TRAIN_SEED, args.pairs)
    test = generated_pairs(TEST_SEED, args.pairs)
    real = seed_pairs()
    methods = [
        Method("tagdyr names engine (default threshold)", tagdyr_score),
        Method(
            "unidecode + Jaro-Winkler (tuned)", unidecode_jw, best_threshold(train, unidecode_jw)
        ),
        Method("Double Metaphone (all tokens)", double_metaphone, 1.0),
        Method("Beider-Morse (all tokens)", beider_morse, 1.0),
    ]
    print(
        f"test: {len(test)} generated pairs (seed {TEST_SEED}); real: {len(real)} seed pairs; "
        f"weights trained on seed {TRAIN_SEED}\n"
    )
    header = (
        "| method | threshold | P (test) | R (test) | F1 (test) | P (real) | R (real) | "
        "F1 (real) | recall@1 | recall@5 | MRR |"
    )
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for m in methods:
        p, r, f = prf(test, m)
        rp, rr, rf = prf(real, m)
        r1, r5, mrr = ranking(test, m.score, args.queries)
        print(
            f"| {m.name} | {m.threshold:.3f} | {p:.3f} | {r:.3f} | {f:.3f} | {rp:.3f} | "
            f"{rr:.3f} | {rf:.3f} | {r1:.3f} | {r5:.3f} | {mrr:.3f} |"
        )

    print("\nPer phenomenon (tagdyr, test split): pairs, accuracy")
    groups: dict[str, list[Pair]] = defaultdict(list)
    for pair in test:
        for tag in pair.phenomenon.split("+"):
            groups[tag].append(pair)
    print("| phenomenon | pairs | accuracy |\n|---|---|---|")
    for tag in sorted(groups):
        items = groups[tag]
        correct = sum((compare(p.a, p.b).same) == p.same for p in items)
        print(f"| {tag} | {len(items)} | {correct / len(items):.3f} |")

    print(
        "\nSurname blocking keys (test split)\n| key | same-person pairs sharing a key | "
        "different-person pairs sharing a key |\n|---|---|---|"
    )
    for label, recall, false_share in blocking_keys(test):
        print(f"| {label} | {recall:.3f} | {false_share:.3f} |")

    print("\nCalibration (tagdyr, test split)\n| score | pairs | mean score | share same |")
    print("|---|---|---|---|")
    for label, n, mean, share in calibration(test):
        print(f"| {label} | {n} | {mean:.3f} | {share:.3f} |")

    misses = [p for p in real if compare(p.a, p.b).same != p.same]
    print(f"\nReal seed pairs decided wrongly by tagdyr: {len(misses)}")
    for p in misses:
        print(
            f"  {'same' if p.same else 'different'}: {p.a} ~ {p.b} ({p.phenomenon}) "
            f"score {compare(p.a, p.b).score}"
        )

    warm, cold = throughput(args.names, 50_000)
    print(
        f"\nThroughput, parse + keys (tagdyr.names.analysis.analyze), one core: {warm:,.0f} "
        f"names/s on {args.names:,} Zipf-distributed names (50,000 distinct forms, caches "
        f"filling as they go); {cold:,.0f} names/s on 5,000 unseen names (cold caches)"
    )


if __name__ == "__main__":
    main()
