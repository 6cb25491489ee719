"""An editor's own judgements: the list of them, and undo of any one (not only the last),
with optimistic locking on the pair and a message that says what was undone."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection

from tagdyr.persons import review as rv
from tagdyr.web.auth import Editor
from tagdyr.web.deps import Conn, FormId, PairSeen, QueryId

router = APIRouter()
_PAGE = 200
_BACK = {"review": "/review", "mine": "/review/mine"}


def undone_judgement(conn: Connection, judgement_id: int | None) -> rv.JudgementView | None:
    """The judgement an undo just took back, for the page's message."""
    return _judgement(conn, judgement_id, undone=True)


def done_judgement(conn: Connection, judgement_id: int | None) -> rv.JudgementView | None:
    """The judgement just recorded, while it stands, for the page's message."""
    return _judgement(conn, judgement_id, undone=False)


def _judgement(
    conn: Connection, judgement_id: int | None, *, undone: bool
) -> rv.JudgementView | None:
    if judgement_id is None:
        return None
    found = rv.history(conn, 1, ids=[judgement_id])
    return found[0] if found and (found[0].undone_at is not None) == undone else None


@router.get("/review/mine", response_class=HTMLResponse)
def my_judgements(request: Request, conn: Conn, user: Editor, undone: QueryId = None) -> Response:
    """Every judgement of the logged-in editor, newest first, each undoable while active."""
    mine = rv.history(conn, _PAGE, author=user.username)
    versions = {j.id: rv.pair_version(conn, j.left_record_id, j.right_record_id)
                for j in mine if j.undone_at is None}  # fmt: skip
    response: Response = request.app.state.render(
        request, "judgements.html", judgements=mine, versions=versions,
        undone=undone_judgement(conn, undone), limit=_PAGE,
    )  # fmt: skip
    return response


@router.post("/review/undo")
def undo(
    request: Request,
    user: Editor,
    judgement_id: FormId,
    pair_seen: PairSeen = None,
    back: Annotated[str, Form(max_length=10)] = "review",
) -> Response:
    """Undo one of the editor's own judgements; the page it came from says what was undone."""
    rv.undo(request.app.state.engine, judgement_id, user.username, own=True, pair_seen=pair_seen)
    return RedirectResponse(f"{_BACK.get(back, '/review')}?undone={judgement_id}", status_code=303)
