"""One entry is one person — as evidence, not as a wall.

A clerk wrote most men once in a list, but not all of them: the Norwegian repatriation lists
hold 85,042 entries of 78,522 men. So two entries of one list (one document of a source of
kind ``list``) may be one man, only less often than two records in general: their pair's match
weight gets a prior on top of the run's, log₂ of the share of the list's entries that repeat a
man. A register, a case file or a text gets none: its records deduplicate freely.

Where the list has at least ``LEARN_MINIMUM`` entries, its own candidate pairs say how often
it repeats a man and how its repeats agree: EM on those pairs alone re-estimates the share
(kept within ``SHARE_BOUNDS``) and, per level of each comparison, m — one clerk writes a man
alike twice, so two entries of one man agree more often than the model's cross-source m says
(u stays the model's; the model's m counts as ``M_PSEUDO`` pairs). Such a list's pairs are then
calibrated on its own pairs and are decided as a list entry's candidates are, at the entry
threshold. A smaller list gets its kind's default share and the model's m. Human judgements
stay absolute: they are applied in clustering, after and above any score.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tagdyr.link.model import Model, complete_parameters

LIST_REPEAT_SHARE = {"list": 0.02}  # per source kind; kinds not here: no prior at all
LEARN_MINIMUM = 500  # entries a list needs before its own pairs say how often it repeats a man
SHARE_BOUNDS = (0.002, 0.25)
COMPARISON = "one_list"  # the evidence row of the prior in a pair's waterfall
_ROUNDS = 100
M_PSEUDO = 20.0  # pairs' worth of the model's m that a list's own pairs start from


@dataclass(frozen=True, slots=True)
class ListPrior:
    """The prior of one list: the share of its entries taken to repeat a man, and how."""

    group: str  # the list: "document-N"
    source_key: str
    entries: int
    share: float
    learnt: bool

    @property
    def weight(self) -> float:
        """log₂ of the share: added to the match weight of a pair of two of its entries."""
        return math.log2(self.share)

    @property
    def level(self) -> str:
        how = "learnt from its pairs" if self.learnt else "the default for a list"
        return f"two entries of one list ({self.share:.1%} of its entries repeat a man, {how})"


def _sigmoid(weights: Any) -> Any:
    import numpy as np

    return 1.0 / (1.0 + np.exp2(-weights))


def _learnt_share(weights: Any, entries: int) -> float:
    """The share of entries repeating a man at which the list's pairs expect as many repeats."""
    low, high = SHARE_BOUNDS
    share = LIST_REPEAT_SHARE["list"]
    for _ in range(_ROUNDS):
        expected = float(_sigmoid(weights + math.log2(share)).sum())
        new = min(high, max(low, expected / entries))
        if abs(new - share) < 1e-6:
            return new
        share = new
    return share


def _model_levels(model: Model) -> dict[str, list[tuple[float, float]]]:
    """comparison -> (log₂ m/u, m) of each of its levels in ``model``."""
    return {
        name: [(math.log2(p["m"] / p["u"]), p["m"]) for p in levels.values()]
        for name, levels in complete_parameters(model).items()
    }


def _m_of(weight: float, levels: list[tuple[float, float]]) -> float:
    return min(levels, key=lambda level: abs(level[0] - weight))[1]


def _refit(
    weights: Any, levels: dict[str, Any], model: dict[str, list[tuple[float, float]]],
    entries: int,
) -> tuple[float, Any]:  # fmt: skip
    """EM on one list's own pairs: the share of its entries repeating a man and, per level of
    each comparison, m (how often two entries of one man — one clerk's — agree so); u stays
    the model's. Returns the share and each pair's change of weight (log₂ m_new/m_old summed
    over its comparisons). ``levels``: comparison -> each pair's level weight (0: missing)."""
    import numpy as np

    low, high = SHARE_BOUNDS
    share, delta = LIST_REPEAT_SHARE["list"], np.zeros(len(weights))
    at_levels = {
        name: [(column == value, _m_of(float(value), model[name]))
               for value in np.unique(column[column != 0])]
        for name, column in levels.items() if name in model
    }  # fmt: skip
    for _ in range(_ROUNDS):
        same = _sigmoid(weights + delta + math.log2(share))
        new_share = min(high, max(low, float(same.sum()) / entries))
        new_delta = np.zeros(len(weights))
        for rows in at_levels.values():
            total = sum(float(same[at].sum()) for at, _ in rows)
            for at, m_old in rows:
                m_new = (float(same[at].sum()) + M_PSEUDO * m_old) / (total + M_PSEUDO)
                new_delta[at] += math.log2(m_new / m_old)
        done = abs(new_share - share) < 1e-6 and float(np.abs(new_delta - delta).max()) < 1e-4
        share, delta = new_share, new_delta
        if done:
            break
    return share, delta


def _level_columns(table: Any, rows: list[int]) -> dict[str, Any]:
    """comparison -> the level weight (log₂ m/u, no term frequencies) of each of ``rows``."""
    import numpy as np

    return {
        c.removeprefix("mw_"): np.asarray(table.column(c).to_numpy(zero_copy_only=False), float)[
            rows
        ]
        for c in table.column_names
        if c.startswith("mw_") and "_tf_adj_" not in c
    }


def list_priors(
    table: Any, groups: dict[str, str], sources: dict[str, str], model: Model | None = None
) -> tuple[Any, dict[str, ListPrior]]:
    """Per candidate pair of ``table`` (Splink's result) the weight its list adds (0 for pairs
    not inside one list), and the prior of every list that has such a pair.
    ``groups``: record id -> its list; ``sources``: list -> its source's key; ``model``: the
    model that scored ``table``, whose m a large list re-estimates on its own pairs."""
    import numpy as np

    left = table.column("unique_id_l").to_pylist()
    right = table.column("unique_id_r").to_pylist()
    pair_group = [
        g if (g := groups.get(str(a))) is not None and g == groups.get(str(b)) else None
        for a, b in zip(left, right, strict=True)
    ]
    weights = np.asarray(table.column("match_weight").to_numpy(zero_copy_only=False), float)
    sizes = Counter(groups.values())
    offsets = np.zeros(len(pair_group))
    priors: dict[str, ListPrior] = {}
    by_group: dict[str, list[int]] = {}
    for i, group in enumerate(pair_group):
        if group is not None:
            by_group.setdefault(group, []).append(i)
    levels_of = _model_levels(model) if model is not None else {}
    for group, rows in by_group.items():
        entries = sizes[group]
        learnt = entries >= LEARN_MINIMUM
        delta = np.zeros(len(rows))
        if learnt and levels_of:
            share, delta = _refit(weights[rows], _level_columns(table, rows), levels_of, entries)
        elif learnt:
            share = _learnt_share(weights[rows], entries)
        else:
            share = LIST_REPEAT_SHARE["list"]
        prior = ListPrior(group, sources.get(group, ""), entries, share, learnt)
        priors[group] = prior
        offsets[rows] = prior.weight + delta
    return offsets, priors
