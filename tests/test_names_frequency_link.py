"""The linkage's term-frequency adjustment reads the names engine's shipped shares (issue 22,
item 3): one table, the same number for a name in both places."""

from __future__ import annotations

import math

from tagdyr.link.engine import predict_table
from tagdyr.link.features import features, record_from_name
from tagdyr.link.model import complete_parameters, load_model
from tagdyr.names.frequencies import shares_of_forms


def _tf_adjustments(surname: str) -> tuple[float, float]:
    """(the surname's term-frequency adjustment in log₂ units, the share shipped for it) for
    two records that agree exactly on ``surname``."""
    left = [record_from_name("a1", "a", f"{surname} Кайрат", 1920)]
    right = [record_from_name("b1", "b", f"{surname} Кайрат", 1920)]
    table = predict_table([left, right], floor=0.0, link_type="link_only", term_frequencies=True)
    assert table is not None and table.num_rows == 1
    row = table.to_pylist()[0]
    canon = features(left[0])["surname_canon"]
    share = shares_of_forms([canon], "surname")[canon]
    assert row["tf_surname_canon_l"] == row["tf_surname_canon_r"] == share
    return float(row["mw_tf_adj_surname"]), share


def test_linkage_weighs_a_common_surname_by_the_names_engines_share() -> None:
    common, common_share = _tf_adjustments("Ахметов")
    rare, rare_share = _tf_adjustments("Истыбаев")
    assert common_share > 100 * rare_share  # the shipped table: Ахметов is the commonest
    # Splink's adjustment is u(exact level) / share, the names score's log2(u / share) form
    u = complete_parameters(load_model())["surname"]["same surname"]["u"]
    assert math.isclose(common, math.log2(u / common_share), rel_tol=1e-6)
    assert math.isclose(rare, math.log2(u / rare_share), rel_tol=1e-6)
    assert common < 0.0 < rare
