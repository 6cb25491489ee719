"""Import from the browser: upload (streamed to disk), preview, and the import itself as a
background job whose progress the page follows. Parsing, importing and rendering run in
worker threads, never on the event loop, so one big file does not stall other visitors."""

from __future__ import annotations

import asyncio
import hashlib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine, select
from starlette.concurrency import run_in_threadpool

from tagdyr.errors import NotFoundError, TagdyrError
from tagdyr.sources.importer import SourceInfo, import_table, source_key_for
from tagdyr.sources.preview import field_choices, preview_table
from tagdyr.sources.profiles import shipped_profiles
from tagdyr.store import schema as s
from tagdyr.texts.mentions import cluster_mentions, find_mentions
from tagdyr.texts.reader import read_text
from tagdyr.texts.store import Kept, import_text, preview_rows
from tagdyr.web.auth import Editor
from tagdyr.web.import_profiles import form_mapping, form_profile
from tagdyr.web.uploads import MAX_BYTES, Uploads

router = APIRouter()
JOB_WAIT_SECONDS = 3.0  # a small import's page comes back at once; a longer one shows progress
UPLOAD_BYTES = MAX_BYTES + 1024 * 1024  # the file and the form's other fields
_PROGRESS_EVERY = 0.5  # seconds between two writes of a job's progress
SOURCE_FIELDS = ("key", "title", "citation", "kind", "encoding", "profile")  # the typed form


def _render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    response: Response = request.app.state.render(request, name, status=status, **context)
    return response


def _uploads(request: Request) -> Uploads:
    uploads: Uploads = request.app.state.uploads
    return uploads


def _pool(request: Request) -> ThreadPoolExecutor:
    state = request.app.state
    if getattr(state, "import_pool", None) is None:
        state.import_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tagdyr-import")
    pool: ThreadPoolExecutor = state.import_pool
    return pool


@router.get("/import", response_class=HTMLResponse)
def import_form(request: Request, _user: Editor) -> Response:
    """The upload form; ``?key=…&title=…`` fill it again (the way back from an error)."""
    typed = {k: request.query_params.get(k, "")[:2000] for k in SOURCE_FIELDS}
    return _render(request, "import.html", profiles=list(shipped_profiles()), typed=typed)


def _typed(form: dict[str, str]) -> dict[str, str]:
    return {k: form.get(k, "") for k in SOURCE_FIELDS}


_COLUMN = "col:"  # the mapping form's field name of a column: "col:" + its header
_MAX_COLUMNS = 500


def _columns(fields: Any) -> dict[str, str]:
    """The column choices of a mapping form or query ("col:Фамилия" -> "surname"), kept so the
    way back from a failed import shows the mapping as the editor left it."""
    chosen = {str(k): str(v)[:200] for k, v in fields.items() if str(k).startswith(_COLUMN)}
    return dict(list(chosen.items())[:_MAX_COLUMNS])


def _refused_form(request: Request, message: str, typed: dict[str, str]) -> Response:
    """The upload form again, filled as the editor typed it, with what went wrong on top."""
    return _render(request, "import.html", status=400, profiles=list(shipped_profiles()),
                   typed=typed, error=message)  # fmt: skip


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def same_bytes_elsewhere(engine: Engine, path: Path, key: str) -> list[dict[str, Any]]:
    """The sources other than ``key`` that already hold a document with these very bytes (the
    importer's own checksum, sha256 of the file): a second copy under a new key is a warning."""
    d, src = s.document, s.source
    with engine.connect() as conn:
        rows = conn.execute(
            select(src.c.key, src.c.title, d.c.version, d.c.is_current)
            .join(src, src.c.id == d.c.source_id)
            .where(d.c.sha256 == _checksum(path), src.c.key != key.strip())
            .order_by(src.c.key, d.c.version)
        ).all()
    return [dict(r._mapping) for r in rows]


def _preview_context(
    path: Path, source: dict[str, str], encoding: str, profile: str
) -> tuple[str, Any]:
    if source["kind"] == "text":
        document = read_text(path, encoding or None)
        mentions = cluster_mentions(find_mentions(document.text, path.name))
        rows = preview_rows(document.text, mentions)
        return "import_text_preview.html", {"document": document, "mentions": mentions,
                                            "rows": rows}  # fmt: skip
    preview = preview_table(path, encoding or None, form_profile(profile))
    return "import_preview.html", {"preview": preview, "choices": field_choices()}


@router.post("/import/preview", response_class=HTMLResponse, max_body_size=UPLOAD_BYTES)
async def import_preview(
    request: Request,
    _user: Editor,
    file: UploadFile,
    key: Annotated[str, Form(max_length=100)],
    title: Annotated[str, Form(max_length=500)],
    citation: Annotated[str, Form(max_length=2000)],
    kind: Annotated[str, Form(max_length=20)] = "list",
    encoding: Annotated[str, Form(max_length=40)] = "",
    profile: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    uploads = _uploads(request)
    source = {"key": key, "title": title, "citation": citation, "kind": kind}
    typed = {**source, "encoding": encoding, "profile": profile}
    try:
        token = await run_in_threadpool(uploads.save, file.filename or "upload.csv", file.file)
        return await _preview_page(request, token, typed)
    except TagdyrError as exc:
        return _refused_form(request, str(exc), typed)


async def _preview_page(
    request: Request, token: str, typed: dict[str, str], columns: dict[str, str] | None = None
) -> Response:
    path = _uploads(request).path(token)
    source = {k: typed.get(k, "") for k in ("key", "title", "citation", "kind")}
    encoding, profile = typed.get("encoding", ""), typed.get("profile", "")
    template, context = await run_in_threadpool(_preview_context, path, source, encoding, profile)
    twins = await run_in_threadpool(same_bytes_elsewhere, request.app.state.engine, path,
                                    source["key"])  # fmt: skip
    chosen = {k.removeprefix(_COLUMN): v for k, v in (columns or {}).items()}
    return _render(request, template, token=token, source=source, encoding=encoding,
                   twins=twins, typed=typed, chosen=chosen, **context)  # fmt: skip


@router.get("/import/preview/{token}", response_class=HTMLResponse)
async def import_preview_again(request: Request, token: str, _user: Editor) -> Response:
    """The preview of an upload still kept, with the form as typed (back from an error)."""
    typed = {k: request.query_params.get(k, "")[:2000] for k in SOURCE_FIELDS}
    return await _preview_page(request, token, typed, _columns(request.query_params))


def _kept(form: dict[str, str]) -> Kept | None:
    """The mentions and facts left ticked in a text's preview (None: no preview was shown)."""
    if form.get("reviewed") != "1":
        return None
    ticked = [k for k, v in form.items() if v == "1"]
    return Kept(
        frozenset(k.removeprefix("keep-mention:") for k in ticked if k.startswith("keep-mention:")),
        frozenset(k.removeprefix("keep-fact:") for k in ticked if k.startswith("keep-fact:")),
    )


def _run_import(uploads: Uploads, token: str, form: dict[str, str], user: str, engine: Any) -> None:
    path = uploads.path(token)
    encoding = form.get("encoding", "") or None
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] >= _PROGRESS_EVERY or done == total:
            last[0] = time.monotonic()
            uploads.write_job(token, {"state": "running", "done": done, "total": total})

    try:  # the page may have stopped waiting: the job's end is written for the job page
        source = SourceInfo(  # a key that is not allowed is refused here, as a failed job
            form.get("key", "").strip() or source_key_for(path),
            form.get("title", "").strip() or path.name,
            form.get("citation", "").strip() or path.name,
            form.get("kind", "list"),
        )
        if source.kind == "text":
            result = import_text(engine, path, source, encoding=encoding, user=user,
                                 kept=_kept(form))  # fmt: skip
        else:
            chosen = {k.removeprefix("col:"): v for k, v in form.items() if k.startswith("col:")}
            result = import_table(engine, path, source, encoding=encoding, user=user,
                                  mapping=form_mapping(chosen, form.get("profile", "")),
                                  progress=progress)  # fmt: skip
    except Exception as exc:
        said = str(exc) if isinstance(exc, TagdyrError) else "the import failed: see the log"
        failed = {"state": "failed", "error": said, "form": _typed(form), "columns": _columns(form)}
        uploads.write_job(token, failed)  # the file stays: the editor goes back and retries
        raise
    uploads.write_job(token, {"state": "done", "result": asdict(result), "filename": path.name})
    uploads.forget_file(token)


@router.post("/import/commit", response_class=HTMLResponse)
async def import_commit(request: Request, user: Editor) -> Response:
    form = {str(k): str(v) for k, v in (await request.form()).items()}
    token = form.get("token", "")
    uploads = _uploads(request)
    if uploads.job(token) is None:
        uploads.path(token)  # a gone upload: 404 now
    if uploads.claim_job(token):
        engine = request.app.state.engine
        job: Future[None] = _pool(request).submit(
            _run_import, uploads, token, form, user.username, engine
        )
        try:  # a small import answers at once (its errors too); a long one shows progress
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(job)), JOB_WAIT_SECONDS)
        except TimeoutError:
            return RedirectResponse(f"/import/job/{token}", status_code=303)
        except TagdyrError:
            pass  # written into the job: its page says it, with the way back to the form
    return import_job(request, token, user)


@router.get("/import/job/{token}", response_class=HTMLResponse)
def import_job(request: Request, token: str, _user: Editor) -> Response:
    """A running import's progress (the page reloads itself), or its result."""
    state = _uploads(request).job(token)
    if state is None:
        raise NotFoundError("no import was started for this upload; upload the file again")
    if state["state"] == "failed":
        return _render(request, "import_error.html", status=400, message=state["error"],
                       typed=state.get("form", {}), columns=state.get("columns", {}),
                       token=token)  # fmt: skip
    if state["state"] == "running":
        return _render(request, "import_job.html", done=state.get("done", 0),
                       total=state.get("total", 0))  # fmt: skip
    return _render(request, "import_done.html", result=state["result"],
                   filename=state["filename"])  # fmt: skip
