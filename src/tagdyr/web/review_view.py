"""The review page's side-by-side view of the two records: each field both can state, and
whether they agree, differ, or only one states it. The word comes from the model's own
evidence for that comparison (a surname written in German and in Russian agrees), and from
the values themselves when the model did not compare them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tagdyr.persons.review import ReviewItem
from tagdyr.store.queries import RecordView

# comparison of the model -> the record's field it reads
FIELDS = (("surname", "surname"), ("given_name", "given_name"),
          ("patronymic", "patronymic"), ("birth", "birth_year"))  # fmt: skip
STATES = ("agree", "differ", "missing")


@dataclass(frozen=True, slots=True)
class FieldRow:
    comparison: str
    left: str
    right: str
    state: str  # one of STATES


def _value(record: RecordView, name: str) -> str:
    value = getattr(record, name)
    return "" if value is None else str(value).strip()


def _state(left: str, right: str, weight: float | None) -> str:
    if not left or not right:
        return "missing"
    if weight:
        return "agree" if weight > 0 else "differ"
    return "agree" if left.casefold() == right.casefold() else "differ"


def field_rows(item: ReviewItem) -> list[FieldRow]:
    """The fields of the pair, in a fixed order; a field neither record states is left out."""
    weights: dict[str, Any] = {e["comparison"]: e["match_weight"] for e in item.evidence}
    rows = []
    for comparison, name in FIELDS:
        left, right = _value(item.left, name), _value(item.right, name)
        if left or right:
            rows.append(FieldRow(comparison, left, right,
                                 _state(left, right, weights.get(comparison))))  # fmt: skip
    return rows
