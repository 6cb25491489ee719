"""One explanation of a pair: its waterfall, computed in one place for every reader.

The review page, ``tagdyr link explain`` (database ids or files), and the JSON API
(``/api/pair/LEFT/RIGHT``) all call these functions, so a pair reads the same everywhere:

* a pair the latest linkage run scored is explained as the run scored it: its stored evidence
  (term-frequency adjustments included) from the run's prior, which is what every stored match
  weight holds besides the evidence (``match_weight - Σ evidence``, the same for all pairs of
  a run), to the stored probability that clustering used;
* a pair the run did not score (not a candidate) is compared directly with the same model
  and that run's prior;
* a pair of two files is scored as ``tagdyr link LEFT RIGHT`` scores it: the whole files are
  the input (their sizes give the prior, their names the term frequencies), only the pair is
  compared.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace

from sqlalchemy import Connection, and_, or_, select

from tagdyr.errors import LinkageError, NotFoundError
from tagdyr.link.engine import Evidence, Pair, explain_pair, pairs_from_table, predict_table
from tagdyr.link.features import LinkRecord
from tagdyr.link.model import Model, load_model
from tagdyr.store import schema as s


@dataclass(frozen=True, slots=True)
class Step:
    comparison: str
    level: str
    match_weight: float  # log₂ Bayes factor of this comparison's level
    total: float  # the running total after it


@dataclass(frozen=True, slots=True)
class Waterfall:
    left_id: str
    right_id: str
    prior_weight: float  # log₂ prior odds that two records match
    steps: tuple[Step, ...]
    match_weight: float
    match_probability: float
    scored_by: str  # "run N" (as the linkage run scored it), "direct" or "files"

    def as_dict(self) -> dict[str, object]:
        return {
            "left_id": self.left_id, "right_id": self.right_id,
            "prior_weight": self.prior_weight,
            "evidence": [{"comparison": st.comparison, "level": st.level,
                       "match_weight": st.match_weight, "total": st.total} for st in self.steps],
            "match_weight": self.match_weight, "match_probability": self.match_probability,
            "scored_by": self.scored_by,
        }  # fmt: skip


def waterfall(pair: Pair, scored_by: str) -> Waterfall:
    """The pair's evidence as a waterfall from its prior to its match weight and probability."""
    total, steps = pair.prior_weight, []
    for e in pair.evidence:
        total += e.match_weight
        steps.append(Step(e.comparison, e.level, e.match_weight, round(total, 3)))
    return Waterfall(
        pair.left_id, pair.right_id, round(pair.prior_weight, 3), tuple(steps),
        round(pair.match_weight, 3), pair.match_probability, scored_by,
    )  # fmt: skip


def stored_pair(
    match_weight: float, match_probability: float, evidence: list[dict[str, object]],
    left_id: object, right_id: object,
) -> Pair:  # fmt: skip
    """A pair as a run stored it; its prior is what the match weight holds besides evidence."""
    steps = tuple(
        Evidence(str(e["comparison"]), str(e["level"]), float(str(e["match_weight"])))
        for e in evidence
    )
    prior = match_weight - sum(e.match_weight for e in steps)
    return Pair(
        str(left_id), str(right_id), match_probability, match_weight, steps, round(prior, 3)
    )


def _latest_run(conn: Connection) -> int | None:
    from tagdyr.persons.linking import latest_run_id

    return latest_run_id(conn)


def _run_pair(conn: Connection, run_id: int, left: int, right: int) -> Pair | None:
    p = s.candidate_pair
    row = conn.execute(
        select(p).where(p.c.run_id == run_id, or_(
            and_(p.c.left_record_id == left, p.c.right_record_id == right),
            and_(p.c.left_record_id == right, p.c.right_record_id == left),
        )).limit(1)
    ).first()  # fmt: skip
    if row is None:
        return None
    pair = stored_pair(
        row.match_weight, row.match_probability, json.loads(row.evidence or "[]"),
        row.left_record_id, row.right_record_id,
    )  # fmt: skip
    return pair if pair.left_id == str(left) else replace(pair, left_id=str(left),
                                                           right_id=str(right))  # fmt: skip


def run_prior(conn: Connection, run_id: int) -> float | None:
    """The prior probability a run scored with (from any of its stored pairs)."""
    p = s.candidate_pair
    row = conn.execute(select(p).where(p.c.run_id == run_id).limit(1)).first()
    if row is None:
        return None
    pair = stored_pair(
        row.match_weight, row.match_probability, json.loads(row.evidence or "[]"),
        row.left_record_id, row.right_record_id,
    )  # fmt: skip
    return probability(pair.prior_weight)


def explain_records(
    conn: Connection, left_id: str, right_id: str, model: Model | None = None
) -> Waterfall:
    """The waterfall of two stored records (see the module docstring)."""
    from tagdyr.persons.linking import link_records_by_id

    found = link_records_by_id(conn, [left_id, right_id])
    for ident in (left_id, right_id):
        if ident not in found:
            raise NotFoundError(f"no record {ident!r} in the database")
    run_id = _latest_run(conn)
    if run_id is not None and model is None:
        pair = _run_pair(conn, run_id, int(left_id), int(right_id))
        if pair is not None:
            return waterfall(pair, f"run {run_id}")
    prior = run_prior(conn, run_id) if run_id is not None else None
    model = model or load_model()
    if prior is not None:
        model = replace(model, prior=prior)
    return waterfall(explain_pair(found[left_id], found[right_id], model), "direct")


def explain_files(
    left: list[LinkRecord], right: list[LinkRecord], left_id: str, right_id: str,
    model: Model | None = None,
) -> Waterfall:  # fmt: skip
    """The waterfall of one pair of two files, scored as linking the files scores it."""
    model = model or load_model()
    for ident, records in ((left_id, left), (right_id, right)):
        if not any(r.unique_id == ident for r in records):
            raise NotFoundError(f"no record {ident!r} in its file")
    only = (
        f"l.unique_id = {_literal(left_id)} AND r.unique_id = {_literal(right_id)}",
        f"l.unique_id = {_literal(right_id)} AND r.unique_id = {_literal(left_id)}",
    )
    blocking = [f"({only[0]}) OR ({only[1]})"]
    table = predict_table(
        [left, right], floor=0.0, model=model, link_type="link_only", blocking=blocking
    )
    pairs = pairs_from_table(table, model)
    if not pairs:
        raise LinkageError("the two records could not be compared")
    pair = pairs[0]
    if pair.left_id != left_id:
        pair = replace(pair, left_id=left_id, right_id=right_id)
    return waterfall(pair, "files")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def probability(weight: float) -> float:
    """The match probability of a match weight (log₂ odds)."""
    return 1.0 / (1.0 + math.pow(2.0, -weight))
