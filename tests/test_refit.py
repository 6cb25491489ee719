"""The list's own entries re-estimate the m probabilities of the comparison levels
(link/refit.py): a level the entries' men show gains weight, one they do not show loses it."""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa

from tagdyr.link.model import complete_parameters, load_model
from tagdyr.link.refit import refit_bits


def _weight(comparison: str, level: str) -> float:
    p = complete_parameters(load_model())[comparison][level]
    return math.log2(p["m"] / p["u"])


def test_a_table_without_the_comparisons_weights_keeps_its_bits() -> None:
    table = pa.table({"left_id": ["L1"], "right_id": ["R1"], "match_weight": [3.0]})
    bits = np.array([3.0])
    assert refit_bits(table, load_model(), bits, lambda b: np.ones(len(b))) is bits


def test_levels_the_entries_men_show_gain_weight_and_the_others_lose_it() -> None:
    raion, other_oblast = _weight("place", "same raion"), _weight("place", "different oblast")
    # 300 pairs the entries take for their men agree on the raion; 300 they do not take
    # disagree on the oblast; 100 pairs have no place on one side (weight 0: null)
    mw_place = [raion] * 300 + [other_oblast] * 300 + [0.0] * 100
    table = pa.table({"mw_place": mw_place, "match_weight": mw_place})
    bits = np.asarray(mw_place, float)
    taken = np.array([0.99] * 300 + [0.001] * 300 + [0.5] * 100)
    refitted = refit_bits(table, load_model(), bits, lambda _bits: taken)
    assert (refitted[:300] > bits[:300] + 0.5).all()  # m of "same raion" 0.25 -> most pairs
    assert (refitted[300:600] < bits[300:600] - 2).all()  # m of "different oblast" 0.12 -> ~0
    assert np.array_equal(refitted[600:], bits[600:])  # nothing known, nothing changed


def test_a_level_the_list_never_shows_keeps_its_weight() -> None:
    raion = _weight("place", "same raion")
    birth = _weight("birth", "same birth year")
    table = pa.table({"mw_place": [raion] * 10, "mw_birth": [birth] * 10})
    bits = np.full(10, raion + birth)
    refitted = refit_bits(table, load_model(), bits, lambda b: np.zeros(len(b)))
    # no pair is taken: the m stay the model's (its values count as pairs of their own)
    assert np.allclose(refitted, bits)
