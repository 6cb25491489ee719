"""Browsing without a name: a search with filters only, paged and sorted; the map of all
places; the pages of a unit and of a camp as written, each listing its persons page by page."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import Connection, select

from tagdyr.errors import NotFoundError
from tagdyr.i18n import kind_word, translate
from tagdyr.maps.svg import render_svg
from tagdyr.search import Filters, SearchResult, faceted_search
from tagdyr.stats import statistics
from tagdyr.store import schema as s
from tagdyr.vocab.gazetteer import places, resolve
from tagdyr.web.deps import Conn, _language

router = APIRouter()
PER_PAGE = 50
Page = Annotated[int, Query(ge=1, le=100_000)]
Sort = Annotated[str, Query(pattern="^(relevance|name|born)$")]


@dataclass(frozen=True, slots=True)
class Browsing:
    """One page of a search or of a list of persons."""

    result: SearchResult | None
    page: int = 1
    sort: str = "relevance"
    source_titles: dict[str, str] = field(default_factory=dict)  # for the filter chips

    @property
    def has_next(self) -> bool:
        return self.result is not None and self.page * PER_PAGE < self.result.total

    @property
    def first(self) -> int:
        return (self.page - 1) * PER_PAGE + 1


def browse_search(
    conn: Connection, q: str, filters: Filters, page: int = 1, sort: str = "relevance"
) -> Browsing:
    """The search page's result: by name, by filters alone, or nothing (an empty form)."""
    if not q.strip() and not filters:
        return Browsing(None)
    result = faceted_search(
        conn, q, filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, sort=sort
    )
    titles = {k: v for k, v in conn.execute(select(s.source.c.key, s.source.c.title))}
    return Browsing(result, page, sort, titles)


def _render(request: Request, template: str, **context: object) -> Response:
    return request.app.state.render(request, template, **context)  # type: ignore[no-any-return]


def _map(request: Request, conn: Connection) -> tuple[list[object], Markup]:
    lang = _language(request)
    settings = request.app.state.settings
    points = statistics(conn, lang).points
    svg = render_svg(
        points,
        translate("map", lang),
        settings.tiles_url,
        settings.tiles_attribution,
        partial(kind_word, lang=lang),
    )
    return list(points), Markup(svg)  # built from escaped parts


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, conn: Conn) -> Response:
    """Every place the sources name, with the number of persons, each a link to its page."""
    points, svg = _map(request, conn)
    return _render(request, "map.html", points=points, map_svg=svg)


@router.get("/unit/{name:path}", response_class=HTMLResponse)
def unit_page(
    request: Request, name: str, conn: Conn, page: Page = 1, sort: Sort = "name"
) -> Response:
    """A military unit as the sources state it, and its persons."""
    browsing = browse_search(conn, "", Filters(unit=name), page, sort)
    if browsing.result is None or not browsing.result.total:
        raise NotFoundError(f"no person of the unit {name!r}")
    return _render(request, "group.html", browsing=browsing, kind="unit", name=name,
                   filter_name="unit")  # fmt: skip


@router.get("/camp/{name:path}", response_class=HTMLResponse)
def camp_page(
    request: Request, name: str, conn: Conn, page: Page = 1, sort: Sort = "name"
) -> Response:
    """A camp as written: its place page when the gazetteer knows it, else its persons."""
    known = [k for k in resolve(name) if places()[k].kind == "camp"]
    if known:
        return RedirectResponse(f"/place/{known[0]}", status_code=307)
    browsing = browse_search(conn, "", Filters(camp=name), page, sort)
    if browsing.result is None or not browsing.result.total:
        raise NotFoundError(f"no person in the camp {name!r}")
    return _render(request, "group.html", browsing=browsing, kind="camp", name=name,
                   filter_name="camp")  # fmt: skip
