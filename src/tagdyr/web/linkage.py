"""Linkage started from the browser by an editor: ``link.run.link_database`` as a background
job (the import's pool and job files), its progress followed by the page through HTMX
polling. Linkage itself is the library's; this module only starts and watches it."""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from tagdyr.errors import NotFoundError, TagdyrError
from tagdyr.persons.linking import link_database
from tagdyr.settings import Settings
from tagdyr.web.auth import Editor
from tagdyr.web.imports import _pool, _render, _uploads
from tagdyr.web.uploads import Uploads

router = APIRouter()
# the stages link_database reports without training: reading and comparing the records, then
# clustering; the bar counts the reports, so a run that says more only stays at the last step
STAGES = 3
POLL = "every 1s"
_PROGRESS_EVERY = 0.5  # seconds between two writes of the counts


def _run_link(uploads: Uploads, token: str, engine: Engine, settings: Settings,
              user: str) -> None:  # fmt: skip
    started = time.time()
    state: dict[str, Any] = {"state": "running", "kind": "link", "started": started, "stage": 0}
    last = [0.0]

    def write(force: bool) -> None:
        if force or time.monotonic() - last[0] >= _PROGRESS_EVERY:
            last[0] = time.monotonic()
            uploads.write_job(token, dict(state))

    def progress(_message: str) -> None:  # a stage starts: its count starts again
        state["said"] = state.get("said", 0) + 1
        state.update(stage=min(state["said"] - 1, STAGES - 1), done=0, total=0)
        write(True)

    def count(done: int, total: int) -> None:  # how far the stage has got
        state.update(done=done, total=total)
        write(done == total)

    try:
        result = link_database(
            engine,
            threshold=settings.match_threshold,
            entry_threshold=settings.list_match_threshold,
            floor=settings.candidate_floor,
            progress=progress,
            count=count,
            actor=user,
        )
    except Exception as exc:
        why = str(exc) if isinstance(exc, TagdyrError) else "linkage failed: see the log"
        uploads.write_job(token, {"state": "failed", "kind": "link", "error": why})
        raise
    uploads.write_job(token, {"state": "done", "kind": "link", "result": asdict(result),
                              "seconds": round(time.time() - started)})  # fmt: skip


def _running(request: Request) -> str | None:
    """The token of the linkage this server started and still runs, if any."""
    token: str | None = getattr(request.app.state, "link_token", None)
    if token is None:
        return None
    try:
        state = _uploads(request).job(token)
    except NotFoundError:
        return None
    return token if state is not None and state.get("state") == "running" else None


@router.post("/link/start")
def start_linkage(request: Request, user: Editor) -> Response:
    """Start a linkage run (one at a time: a second click follows the running one)."""
    token = _running(request)
    if token is None:
        uploads = _uploads(request)
        token = uploads.new_job()
        uploads.write_job(token, {"state": "running", "kind": "link", "started": time.time(),
                                  "stage": 0})  # fmt: skip
        request.app.state.link_token = token
        state = request.app.state
        _pool(request).submit(_run_link, uploads, token, state.engine, state.settings,
                              user.username)  # fmt: skip
    return RedirectResponse(f"/link/job/{token}", status_code=303)


def _job(request: Request, token: str) -> dict[str, Any]:
    state = _uploads(request).job(token)
    if state is None or state.get("kind") != "link":
        raise NotFoundError("no linkage run was started under this address")
    return state


@router.get("/link/job/{token}", response_class=HTMLResponse)
def linkage_job(request: Request, token: str, _user: Editor) -> Response:
    """The run's page; HTMX asks again for the progress part only, until the run ends."""
    state = _job(request, token)
    template = "_link_progress.html" if request.headers.get("hx-request") else "link_job.html"
    elapsed = round(time.time() - state.get("started", time.time()))
    return _render(request, template, job=state, token=token, stages=STAGES, poll=POLL,
                   elapsed=elapsed)  # fmt: skip
