"""The m probabilities of a list linkage re-estimated from the list's own entries.

The shipped model's m (how often the same man agrees at a level: the same raion, a birth year
off by one, a surname spelled alike) are set by hand; a list's clerks have their own habits,
and a register's size magnifies every wrong m: against a million records an entry has
hundreds of namesakes, and a penalty too mild for "different oblast" or "birth year different"
lets each of them keep a share of the entry's probability that belongs to its man.

So before the entry's probabilities are final, the m of every comparison level is estimated
from them: EM in which the E-step is the entry-aware probability of ``link/exclusive.py`` (one
entry is one man, or no one) and the M-step the probability-weighted share of each level among
the pairs where both sides have a value. The u stay as they are (the share among random pairs,
in the model or from term frequencies), and the model's m count as ``PSEUDO_PAIRS`` pairs, so
a level the list never shows keeps its value. No labels are read: a list's own evidence only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tagdyr.link.model import Model, complete_parameters

REFIT_ROUNDS = 8
PSEUDO_PAIRS = 50.0
M_FLOOR = 1e-4
_SAME = 1e-3  # a pair's weight identifies its level when within this of the level's log₂ m/u


def _level_codes(table: Any, model: Model) -> dict[str, tuple[Any, Any, Any]]:
    """comparison -> (each pair's level index, -1 where the pair has none to refit; the
    levels' m; which levels are refit: those with a weight, so not confused with a null)."""
    import numpy as np

    found = {}
    for name, levels in complete_parameters(model).items():
        column = f"mw_{name}"
        if column not in table.column_names or not levels:
            continue
        m = np.array([p["m"] for p in levels.values()], float)
        weights = np.log2(m / np.array([p["u"] for p in levels.values()], float))
        mw = np.asarray(table.column(column).to_numpy(zero_copy_only=False), float)
        codes = np.abs(np.nan_to_num(mw, nan=1e9)[:, None] - weights[None, :]).argmin(axis=1)
        fitted = np.abs(weights) > 1e-9
        known = ~np.isnan(mw) & (np.abs(mw - weights[codes]) < _SAME) & fitted[codes]
        found[name] = (np.where(known, codes, -1), m, fitted)
    return found


def _m_step(codes: Any, m: Any, fitted: Any, probabilities: Any) -> Any:
    import numpy as np

    seen = codes >= 0
    counts = np.bincount(codes[seen], weights=probabilities[seen], minlength=len(m))
    mass = m[fitted].sum()
    new = m.copy()
    new[fitted] = mass * (counts[fitted] + PSEUDO_PAIRS * m[fitted] / mass)
    new[fitted] /= counts[fitted].sum() + PSEUDO_PAIRS
    return np.maximum(new, M_FLOOR)


def refit_bits(table: Any, model: Model, bits: Any, probabilities_of: Callable[[Any], Any]) -> Any:
    """Each pair's log₂ Bayes factor under m re-estimated from the entries' probabilities
    (``probabilities_of``: bits -> each pair's probability of being its entry's man). A table
    without the comparisons' weights keeps ``bits``."""
    import numpy as np

    levels = _level_codes(table, model)
    if not levels:
        return bits
    fitted_bits = bits
    current = {name: m for name, (_, m, _) in levels.items()}
    for _ in range(REFIT_ROUNDS):
        probabilities = probabilities_of(fitted_bits)
        delta = np.zeros(len(bits))
        for name, (codes, m, fitted) in levels.items():
            current[name] = _m_step(codes, m, fitted, probabilities)
            change = np.log2(current[name]) - np.log2(m)
            delta += np.where(codes >= 0, change[np.maximum(codes, 0)], 0.0)
        fitted_bits = bits + delta
    return fitted_bits
