"""Merging two persons from a dossier by searching the other one by name (the search
library's own ranking), instead of pasting an id; a wrong choice is refused in words."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, select

from tagdyr.errors import NotFoundError
from tagdyr.i18n import translate
from tagdyr.persons import review as rv
from tagdyr.search import Hit, search
from tagdyr.store import schema as s
from tagdyr.store.queries import resolve_person
from tagdyr.web.auth import Editor
from tagdyr.web.deps import Conn, Note, Seen, _language

router = APIRouter()
_UID = re.compile(r"^[0-9a-f]{6,40}$")
_SHOWN = 20


def _label(conn: Connection, uid: str) -> str:
    label = conn.execute(select(s.person.c.label).where(s.person.c.uid == uid)).scalar()
    return str(label or uid)


def merge_candidates(conn: Connection, uid: str, query: str) -> list[Hit]:
    """Persons whose names answer ``query`` (a pasted id finds its person too), without the
    person ``uid`` itself, best first."""
    hits = [h for h in search(conn, query, limit=_SHOWN + 1) if h.person_uid not in (None, uid)]
    if _UID.match(query.strip()) and not any(h.person_uid == query.strip() for h in hits):
        try:
            _, living = resolve_person(conn, query.strip())
        except NotFoundError:
            living = None
        if living and living != uid:
            hits.insert(0, Hit(living, _label(conn, living), 1.0, living, "", 0, None))
    return hits[:_SHOWN]


@router.get("/person/{uid}/merge-candidates", response_class=HTMLResponse)
def candidates(
    request: Request, uid: str, conn: Conn, _user: Editor,
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:  # fmt: skip
    """The persons to choose from (an HTMX fragment, or a page of its own without script)."""
    _, living = resolve_person(conn, uid)
    hits = merge_candidates(conn, living, q) if q.strip() else []
    fragment = bool(request.headers.get("hx-request"))
    response: Response = request.app.state.render(
        request, "_merge_candidates.html" if fragment else "merge_candidates.html",
        uid=living, label=_label(conn, living), q=q, hits=hits,
        version=conn.execute(select(s.person.c.version).where(s.person.c.uid == living)).scalar(),
    )  # fmt: skip
    return response


def _refusal(request: Request, uid: str, message: str) -> Response:
    response: Response = request.app.state.render(
        request, "error.html", status=400, heading="merge_refused", message=message,
        back=f"/person/{uid}#merge", back_label="back_to_dossier",
    )  # fmt: skip
    return response


@router.post("/person/{uid}/merge")
def merge(
    request: Request,
    uid: str,
    conn: Conn,
    user: Editor,
    seen: Seen,
    other: Annotated[str, Form(max_length=40)] = "",
    note: Note = "",
) -> Response:
    """Say that the person ``uid`` and the chosen one are one man."""
    lang = _language(request)
    _, living = resolve_person(conn, uid)
    chosen = other.strip()
    if not chosen:
        return _refusal(request, living, translate("merge_choose", lang))
    try:
        _, other_living = resolve_person(conn, chosen)
    except NotFoundError:
        return _refusal(request, living, translate("merge_unknown", lang).format(other=chosen))
    if other_living == living:
        said = translate("merge_same", lang).format(name=_label(conn, living))
        return _refusal(request, living, said)
    conn.rollback()  # the merge writes in its own transaction
    rv.merge_persons(request.app.state.engine, living, other_living, user.username, note,
                     seen=seen)  # fmt: skip
    return RedirectResponse(f"/person/{living}", status_code=303)
