"""The review page's side-by-side view of the two records: each field both can state, and
whether they agree, differ, or only one states it. The word comes from the model's own
evidence for that comparison (a surname written in German and in Russian agrees), and from
the values themselves when the model did not compare them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from tagdyr.persons.review import ReviewItem
from tagdyr.store.queries import RecordView

if TYPE_CHECKING:
    from tagdyr.link.features import LinkRecord

# comparison of the model -> the record's field it reads
FIELDS = (("surname", "surname"), ("given_name", "given_name"),
          ("patronymic", "patronymic"), ("birth", "birth_year"))  # fmt: skip
# comparisons of what linkage read of the record's cells beyond its name: the place, rank,
# camp and personal number the model weighed, as the record writes them
READ: tuple[tuple[str, Callable[[LinkRecord], str]], ...] = (
    ("place", lambda r: "; ".join(r.places)),
    ("rank", lambda r: r.rank),
    ("camp", lambda r: r.camp),
    ("identifier", lambda r: r.identifier),
)
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


def field_rows(item: ReviewItem, conn: Connection) -> list[FieldRow]:
    """The fields of the pair, in a fixed order: the names and the birth, then the place,
    rank, camp and personal number as linkage read them; a field neither record states is
    left out."""
    from tagdyr.persons.linking import link_records_by_id

    weights: dict[str, Any] = {e["comparison"]: e["match_weight"] for e in item.evidence}
    pairs = [(c, _value(item.left, n), _value(item.right, n)) for c, n in FIELDS]
    read = link_records_by_id(conn, [str(item.left.id), str(item.right.id)])
    left_read, right_read = read.get(str(item.left.id)), read.get(str(item.right.id))
    if left_read and right_read:
        pairs += [(c, value(left_read).strip(), value(right_read).strip()) for c, value in READ]
    return [FieldRow(comparison, left, right, _state(left, right, weights.get(comparison)))
            for comparison, left, right in pairs if left or right]  # fmt: skip
