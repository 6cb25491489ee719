"""The web UI: FastAPI + Jinja2 + HTMX, server-rendered, every asset shipped in the package."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError

from tagdyr.errors import AccessError, ConflictError, NotFoundError, StorageError, TagdyrError
from tagdyr.i18n import LANGUAGES, counted, kind_word, localize, localize_summary, translate
from tagdyr.maps.points import claim_points
from tagdyr.maps.svg import render_svg
from tagdyr.persons import review as rv
from tagdyr.persons.entries import entry_statuses
from tagdyr.persons.revert import is_revertible, revert
from tagdyr.search import suggestions
from tagdyr.settings import Settings, load_settings
from tagdyr.stats import statistics
from tagdyr.store import schema as s
from tagdyr.store.audit import events
from tagdyr.store.db import create_db_engine, storage_error
from tagdyr.store.queries import (
    get_dossier,
    get_source,
    headers_as_written,
    list_records,
    list_sources,
    merged_into,
    related_persons,
    resolve_person,
    text_segments,
)
from tagdyr.vocab.gazetteer import label as place_label
from tagdyr.web.auth import Editor
from tagdyr.web.auth import router as auth_router
from tagdyr.web.bidi import title_text
from tagdyr.web.browse import browse_search
from tagdyr.web.browse import router as browse_router
from tagdyr.web.deps import (
    _LANG_COOKIE,
    Conn,
    FormId,
    Note,
    PairSeen,
    PathId,
    QueryId,
    SearchFilters,
    Seen,
    _language,
)
from tagdyr.web.exports import JSONLD, person_jsonld
from tagdyr.web.exports import router as export_router
from tagdyr.web.imports import router as import_router
from tagdyr.web.judgements import done_judgement, undone_judgement
from tagdyr.web.judgements import router as judgements_router
from tagdyr.web.limits import TagdyrApp
from tagdyr.web.linkage import router as linkage_router
from tagdyr.web.merge import router as merge_router
from tagdyr.web.pairs import review_waterfall
from tagdyr.web.pairs import router as pairs_router
from tagdyr.web.person_view import dossier_context, fate_key
from tagdyr.web.review_view import field_rows
from tagdyr.web.scans import router as scans_router
from tagdyr.web.security import FORM_BYTES, guard, to_login
from tagdyr.web.timing import watch
from tagdyr.web.uploads import Uploads
from tagdyr.web.urls import public_base
from tagdyr.web.workbench import router as workbench_router

_PACKAGE = resources.files("tagdyr.web")
_YEAR = 365 * 24 * 3600
_HISTORY_PAGE = 100


def _seen_of(*records: Any) -> str:
    return " ".join(
        f"{r.person_uid}:{r.person_version}" for r in records if r.person_uid is not None
    )


def _is_admin(request: Request) -> bool:
    """Account events (who was made what, token names) are for admins' eyes only."""
    user = getattr(request.state, "user", None)
    return bool(user is not None and user.is_admin)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or load_settings()
    app = TagdyrApp(title="tagdyr", docs_url=None, redoc_url=None, max_body_size=FORM_BYTES)
    app.state.engine = engine or create_db_engine(settings.database_url)
    watch(app.state.engine)
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=str(_PACKAGE / "static")), name="static")
    templates = Jinja2Templates(directory=str(_PACKAGE / "templates"))
    templates.env.filters["title_text"] = title_text
    app.state.uploads = Uploads(settings.upload_dir, settings.upload_keep_hours)

    def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        lang = _language(request)
        response = templates.TemplateResponse(
            request, name,
            {"lang": lang, "languages": LANGUAGES, "t": lambda key: translate(key, lang),
             "place_label": lambda key: place_label(key, lang),
             "tn": lambda n, key: counted(n, key, lang),
             "loc": lambda stored: localize(stored, lang),
             "summary": lambda stored: localize_summary(stored, lang),
             "user": getattr(request.state, "user", None),
             "csrf": getattr(request.state, "csrf", ""), **context},
            status_code=status,
        )  # fmt: skip
        if request.query_params.get("lang") in LANGUAGES:
            response.set_cookie(_LANG_COOKIE, lang, max_age=_YEAR, samesite="lax")
        return response

    app.state.render = render
    app.middleware("http")(guard(settings))
    app.include_router(auth_router)
    app.include_router(browse_router)
    app.include_router(import_router)
    app.include_router(linkage_router)
    app.include_router(judgements_router)
    app.include_router(merge_router)
    app.include_router(export_router)  # before /person/{uid}: "/person/x.jsonld" is an export
    app.include_router(scans_router)
    app.include_router(workbench_router)
    app.include_router(pairs_router)

    def map_of(points: list[Any], title: str, lang: str) -> str:
        return render_svg(
            points,
            title,
            settings.tiles_url,
            settings.tiles_attribution,
            partial(kind_word, lang=lang),
        )

    @app.exception_handler(AccessError)
    async def refused_access(request: Request, exc: AccessError) -> Response:
        if exc.status == 401 and request.method == "GET":
            return to_login(request)
        heading = "login" if exc.status == 401 else "no_access"
        return render(request, "error.html", status=exc.status, message=str(exc), heading=heading)

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, exc: ConflictError) -> Response:
        return render(request, "error.html", status=409, message=str(exc), heading="conflict")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return render(request, "error.html", status=404, message=str(exc), heading="not_found")

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request, conn: Conn) -> Response:
        counts = {
            "sources": conn.execute(select(func.count()).select_from(s.source)).scalar_one(),
            "records": conn.execute(select(func.count()).select_from(s.record)).scalar_one(),
            "persons": conn.execute(select(func.count()).select_from(s.person)
                                    .where(s.person.c.merged_into_id.is_(None))).scalar_one(),
        }  # fmt: skip
        return render(request, "home.html", counts=counts)

    @app.get("/search", response_class=HTMLResponse)
    def search(
        request: Request,
        conn: Conn,
        filters: SearchFilters,
        q: Annotated[str, Query(max_length=200)] = "",
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
        sort: Annotated[str, Query(pattern="^(relevance|name|born)$")] = "relevance",
    ) -> Response:
        browsing = browse_search(conn, q, filters, page, sort)
        result = browsing.result
        params = {"q": q, "sort": None if sort == "relevance" else sort,
                  **{k: v for k, v in asdict(filters).items() if v not in (None, "")}}  # fmt: skip

        def url(path: str = "/search", **changes: Any) -> str:
            merged = {**params, **changes}
            return f"{path}?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})

        template = "_results.html" if request.headers.get("hx-request") else "search.html"
        return render(
            request, template, q=q, result=result, filters=filters, active=params, url=url,
            browsing=browsing, fate_key=fate_key,
            suggestions=suggestions(conn, q) if q.strip() and result and not result.total else [],
        )  # fmt: skip

    @app.get("/person/{uid}", response_class=HTMLResponse)
    def person(request: Request, uid: str, conn: Conn) -> Response:
        _, living = resolve_person(conn, uid)
        if living != uid:
            return RedirectResponse(f"/person/{living}", status_code=301)
        if JSONLD in request.headers.get("accept", ""):
            return person_jsonld(conn, uid, public_base(request))  # the URI, dereferenced
        dossier = get_dossier(conn, uid)
        points = claim_points(dossier.claims, _language(request))
        return render(
            request,
            "person.html",
            dossier=dossier,
            related=related_persons(conn, dossier),
            points=points,
            # built from escaped parts
            map_svg=Markup(map_of(points, dossier.label, _language(request))),
            **dossier_context(request, conn, dossier),
        )

    @app.post("/person/{uid}/split")
    def split(
        request: Request,
        uid: str,
        user: Editor,
        record_id: FormId,
        seen: Seen,
        note: Note = "",
    ) -> Response:
        engine = request.app.state.engine
        rv.split_record(engine, record_id, user.username, note, seen=seen)
        return RedirectResponse(f"/person/{uid}", status_code=303)

    @app.get("/person/{uid}/history", response_class=HTMLResponse)
    def person_history(request: Request, uid: str, conn: Conn) -> Response:
        _, living = resolve_person(conn, uid)
        folded = merged_into(conn, living)
        return render(
            request, "history.html", events=events(conn, person_uids=[living, *folded]),
            person=get_dossier(conn, living), limit=_HISTORY_PAGE, revertible=is_revertible,
        )  # fmt: skip

    @app.get("/sources", response_class=HTMLResponse)
    def sources(request: Request, conn: Conn) -> Response:
        return render(request, "sources.html", sources=list_sources(conn))

    @app.get("/source/{key}", response_class=HTMLResponse)
    def source(
        request: Request, key: str, conn: Conn, page: Annotated[int, Query(ge=1, le=100_000)] = 1
    ) -> Response:
        summary = get_source(conn, key)
        per_page = 100
        rows = list_records(conn, source_key=key, limit=per_page, offset=(page - 1) * per_page)
        headers = list(dict.fromkeys(h for r in rows for h in r.verbatim))
        return render(
            request,
            "source.html",
            segments=text_segments(conn, key),
            source=summary,
            rows=rows,
            headers=headers,
            as_written=headers_as_written(conn, summary.id),
            page=page,
            has_next=len(rows) == per_page,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return render(request, "error.html", status=422, message=problems, heading="refused")

    @app.exception_handler(StorageError)
    async def storage_refused(request: Request, exc: StorageError) -> Response:
        return render(request, "error.html", status=503, message=str(exc), heading="unavailable")

    @app.exception_handler(DBAPIError)
    async def database_refused(request: Request, exc: DBAPIError) -> Response:
        said = storage_error(exc, "the change", engine=request.app.state.engine)
        return await storage_refused(request, said)

    @app.exception_handler(TagdyrError)
    async def bad_request(request: Request, exc: TagdyrError) -> Response:
        return render(request, "error.html", status=400, message=str(exc), heading="refused")

    @app.get("/review", response_class=HTMLResponse)
    def review(
        request: Request,
        conn: Conn,
        user: Editor,
        done: QueryId = None,
        undone: QueryId = None,
    ) -> Response:
        items = rv.review_queue(conn, limit=1)
        item = items[0] if items else None
        steps: list[tuple[dict[str, Any], float]] = []
        prior = 0.0
        if item:  # the one explanation of a pair (link/explanation.py), as the run scored it
            shown = review_waterfall(item)
            prior = shown.prior_weight
            steps = [(asdict(step), step.total) for step in shown.steps]
        return render(
            request,
            "review.html",
            item=item,
            steps=steps,
            prior=prior,
            waiting=rv.queue_size(conn),
            done=done,
            judged=done_judgement(conn, done),
            undone=undone_judgement(conn, undone),
            fields=field_rows(item, conn) if item else [],
            mine=len(rv.history(conn, 10_000, author=user.username)),
            seen=_seen_of(item.left, item.right) if item else "",
            entries=entry_statuses(conn, item.left.id, item.right.id) if item else [],
        )

    @app.post("/review/judge")
    def judge(
        request: Request,
        user: Editor,
        left_id: FormId,
        right_id: FormId,
        verdict: Annotated[str, Form(max_length=20)],
        seen: Seen,
        pair_seen: PairSeen = None,
        note: Note = "",
    ) -> Response:
        judgement_id = rv.judge(
            request.app.state.engine, left_id, right_id, verdict, user.username, note,
            seen=seen, pair_seen=pair_seen,
        )  # fmt: skip
        return RedirectResponse(f"/review?done={judgement_id}", status_code=303)

    @app.get("/review/history")
    def review_history() -> Response:
        return RedirectResponse("/history", status_code=301)

    @app.get("/history", response_class=HTMLResponse)
    def history(request: Request, conn: Conn, before: QueryId = None) -> Response:
        return render(
            request, "history.html",
            events=events(conn, limit=_HISTORY_PAGE, before=before, accounts=_is_admin(request)),
            person=None, limit=_HISTORY_PAGE, revertible=is_revertible,
        )  # fmt: skip

    @app.post("/history/{event_id}/revert")
    def revert_change(request: Request, event_id: PathId, user: Editor) -> Response:
        revert(request.app.state.engine, event_id, user.username)
        return RedirectResponse("/history", status_code=303)

    @app.get("/statistics", response_class=HTMLResponse)
    def stats_page(request: Request, conn: Conn) -> Response:
        stats = statistics(conn, _language(request))
        return render(
            request,
            "statistics.html",
            stats=stats,
            decades=[(f"{d}–{d + 9}", n) for d, n in stats.by_birth_decade],
            map_svg=Markup(
                map_of(stats.points, translate("map", _language(request)), _language(request))
            ),
        )

    @app.get("/healthz")
    def health(conn: Conn) -> dict[str, str]:
        conn.execute(select(1))
        return {"status": "ok"}

    return app


def app_from_environment() -> FastAPI:
    """The app of one server worker, its settings from ``TAGDYR_*`` (``tagdyr serve``)."""
    return create_app(load_settings())
