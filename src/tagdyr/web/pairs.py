"""The JSON API of a pair's explanation: ``/api/pair/LEFT/RIGHT``, the waterfall the review
page and ``tagdyr link explain`` show, computed by the same code (link/explanation.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from tagdyr.web.auth import Editor
from tagdyr.web.deps import Conn, PathId

if TYPE_CHECKING:
    from tagdyr.link.explanation import Waterfall
    from tagdyr.persons.review import ReviewItem

router = APIRouter()


def review_waterfall(item: ReviewItem) -> Waterfall:
    """The waterfall of a review item: the pair as the latest run stored it."""
    from tagdyr.link.explanation import stored_pair, waterfall

    pair = stored_pair(
        item.match_weight, item.match_probability, item.evidence, item.left.id, item.right.id
    )
    return waterfall(pair, "run")


@router.get("/api/pair/{left_id}/{right_id}")
def pair_explanation(conn: Conn, _user: Editor, left_id: PathId, right_id: PathId) -> JSONResponse:
    """Why two stored records are (or are not) one person, as JSON."""
    from tagdyr.link.explanation import explain_records

    return JSONResponse(explain_records(conn, str(left_id), str(right_id)).as_dict())
