"""One entry is one person — as evidence, not as a wall.

A clerk wrote most men once in a list, but not all of them: the Norwegian repatriation lists
hold 85,042 entries of 78,522 men. So two entries of one list (one document of a source of
kind ``list``) may be one man, only less often than two records in general: their pair's match
weight gets a prior on top of the run's, log₂ of the share of the list's entries that repeat a
man. A register, a case file or a text gets none: its records deduplicate freely.

The share is learnt from the list's own candidate pairs where the list has at least
``LEARN_MINIMUM`` entries — the expected number of repeats (the sum of its pairs' match
probabilities under the share) over its entries, iterated to a fixed point: EM for the prior
alone, the model's m/u stay as they are — and kept within ``SHARE_BOUNDS``; a smaller list
gets its kind's default. Human judgements stay absolute: they are applied in clustering,
after and above any score.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

LIST_REPEAT_SHARE = {"list": 0.02}  # per source kind; kinds not here: no prior at all
LEARN_MINIMUM = 500  # entries a list needs before its own pairs say how often it repeats a man
SHARE_BOUNDS = (0.002, 0.25)
COMPARISON = "one_list"  # the evidence row of the prior in a pair's waterfall
_ROUNDS = 100


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


def list_priors(
    table: Any, groups: dict[str, str], sources: dict[str, str]
) -> tuple[Any, dict[str, ListPrior]]:
    """Per candidate pair of ``table`` (Splink's result) the weight its list adds (0 for pairs
    not inside one list), and the prior of every list that has such a pair.
    ``groups``: record id -> its list; ``sources``: list -> its source's key."""
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
    for group, rows in by_group.items():
        entries = sizes[group]
        learnt = entries >= LEARN_MINIMUM
        share = _learnt_share(weights[rows], entries) if learnt else LIST_REPEAT_SHARE["list"]
        prior = ListPrior(group, sources.get(group, ""), entries, share, learnt)
        priors[group] = prior
        offsets[rows] = prior.weight
    return offsets, priors
