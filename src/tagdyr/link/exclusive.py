"""One list entry is one person: the probability of a list entry's candidates, together.

Splink scores each pair on its own: "Айтгулов Нурбай, 1902" against one register record says
nothing of the register's other records. But a list entry is one man, who is in the register
or not. Given all his candidates, the probability that the entry is the man of candidate *i* is

    P(i) = odds(i) / (1 + Σ odds(g))        odds(g) = BF(g) · π / ((1 − π) · N)

over the men *g* among the candidates (register records of one man — a register's duplicates —
form one hypothesis, with the strongest of their Bayes factors BF), where N is the register's
size and π the share of list entries that are in the register at all, estimated from the data
by expectation maximisation over the entries (no labels). A lone strong candidate rises (there
is no one else he could be); two namesakes equally like the entry share the probability (he is
one of them, not both).

Which candidates are one man is itself decided by the model: the register records competing
for an entry are compared with each other (Splink, deduplication within each entry's
candidates), and those more likely the same man than not form one hypothesis.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from tagdyr.link.engine import predict_table
from tagdyr.link.features import LinkRecord
from tagdyr.link.model import Model

SAME_MAN = 0.5  # two candidates of one entry are one man when the model says more likely so
_EM_ROUNDS = 50
_SEPARATOR = "\x1f"
_MAX_BITS = 500.0  # a Bayes factor beyond 2**500 is certainty; sums of them stay finite


def _groups_of_candidates(
    candidates: dict[str, list[str]], records: dict[str, LinkRecord], model: Model
) -> dict[tuple[str, str], str]:
    """(entry, record) -> the representative record of the man it belongs to, among the
    entry's candidates. A few records per entry: always on embedded DuckDB, whichever engine
    scored the pairs."""
    copies = [
        replace(records[r], unique_id=f"{entry}{_SEPARATOR}{r}", source_dataset=entry)
        for entry, rights in candidates.items()
        if len(rights) > 1
        for r in rights
    ]
    parent = {(entry, r): r for entry, rights in candidates.items() for r in rights}
    if not copies:
        return parent
    table = predict_table(
        [copies],
        floor=SAME_MAN,
        model=replace(model, prior=1.0 / max(len(records), 2)),
        engine="duckdb",
        link_type="dedupe_only",
        blocking=["l.source_dataset = r.source_dataset"],
        term_frequencies=False,  # candidates share their names by construction
    )
    if table is None:
        return parent

    def find(entry: str, r: str) -> str:
        while parent[(entry, r)] != r:
            r = parent[(entry, r)]
        return r

    firsts, seconds = table.column("unique_id_l").to_pylist(), table.column("unique_id_r")
    for a, b in zip(firsts, seconds.to_pylist(), strict=True):
        entry, ra = a.split(_SEPARATOR)
        rb = b.split(_SEPARATOR)[1]
        root_a, root_b = find(entry, ra), find(entry, rb)
        if root_a != root_b:
            parent[(entry, max(root_a, root_b))] = min(root_a, root_b)
    return {key: find(*key) for key in parent}


@dataclass(frozen=True)
class _Candidates:
    """The pairs of a list's entries as arrays: each pair's man (an index over the entries'
    men), each man's entry, and each pair's log₂ Bayes factor."""

    man: Any  # pair -> (entry, man) index
    entry_of_man: Any  # (entry, man) index -> entry index
    bits: Any  # pair -> log₂ BF, the prior taken out
    entries: int  # entries of the list, with or without candidates


def _candidates(man_keys: list[tuple[str, str]], bits: Any, entries: int) -> _Candidates:
    import numpy as np

    men: dict[tuple[str, str], int] = {}
    entry_index: dict[str, int] = {}
    man = np.fromiter((men.setdefault(k, len(men)) for k in man_keys), np.int64, len(man_keys))
    of_man = np.zeros(len(men), np.int64)
    for (entry, _), index in men.items():
        of_man[index] = entry_index.setdefault(entry, len(entry_index))
    return _Candidates(man, of_man, bits, entries)


def _posteriors(c: _Candidates, share: float, register: int) -> tuple[Any, Any]:
    """(each pair's probability of being its entry's man, each entry's total odds) at π."""
    import numpy as np

    best = np.full(len(c.entry_of_man), -np.inf)
    np.maximum.at(best, c.man, np.minimum(c.bits, _MAX_BITS))
    odds = np.exp2(best) * share / ((1 - share) * register)  # a man's: his best record's
    totals = np.bincount(c.entry_of_man, weights=odds)
    return np.minimum(odds[c.man] / (1 + totals[c.entry_of_man[c.man]]), 1.0), totals


def _in_register_share(c: _Candidates, register: int) -> float:
    """π: the share of list entries that are in the register, by EM over the entries."""
    share = 0.5
    for _ in range(_EM_ROUNDS):
        _, totals = _posteriors(c, share, register)
        new = min(max(float((totals / (1 + totals)).sum()) / c.entries, 0.01), 0.99)
        if abs(new - share) < 1e-6:
            break
        share = new
    return share


def entry_probabilities(
    table: Any,
    prior: float,
    left: list[LinkRecord],
    right: list[LinkRecord],
    model: Model,
) -> tuple[Any, float]:
    """As :func:`exclusive_probabilities`, with one more column, ``right_man``: the
    representative record of the man the pair's register record belongs to among the entry's
    candidates (a register's duplicates of one man share it, and share his probability).
    With the comparisons' weights in the table (``mw_<comparison>``), the m probabilities are
    re-estimated from the entries' own probabilities first (:mod:`tagdyr.link.refit`)."""
    import numpy as np
    import pyarrow as pa

    from tagdyr.link.refit import refit_bits

    prior_weight = math.log2(prior / (1 - prior))
    lefts = table.column("left_id").to_pylist()
    rights = table.column("right_id").to_pylist()
    candidates: dict[str, list[str]] = defaultdict(list)
    for entry, record in zip(lefts, rights, strict=True):
        candidates[entry].append(record)
    man_of = _groups_of_candidates(candidates, {r.unique_id: r for r in right}, model)
    keys = [(e, man_of[(e, r)]) for e, r in zip(lefts, rights, strict=True)]
    weights = np.asarray(table.column("match_weight").to_numpy(zero_copy_only=False), float)
    c = _candidates(keys, weights - prior_weight, len(left))

    def estimate(bits: Any) -> tuple[Any, float]:
        fitted = replace(c, bits=bits)
        share = _in_register_share(fitted, len(right))
        return _posteriors(fitted, share, len(right))[0], share

    bits = refit_bits(table, model, c.bits, lambda b: estimate(b)[0])
    probabilities, share = estimate(bits)
    column = table.column_names.index("match_probability")
    men = pa.array([man for _, man in keys], pa.string())
    table = table.set_column(column, "match_probability", pa.array(probabilities))
    return table.append_column("right_man", men), share


def exclusive_probabilities(
    table: Any,
    prior: float,
    left: list[LinkRecord],
    right: list[LinkRecord],
    model: Model,
) -> tuple[Any, float]:
    """The oriented pair table (left_id, right_id, match_probability, match_weight) with each
    match_probability replaced by the entry's probability of being that record's man, and π.
    ``prior``: the pairwise prior Splink scored with (its part of every match_weight)."""
    table, share = entry_probabilities(table, prior, left, right, model)
    return table.drop_columns(["right_man"]), share
