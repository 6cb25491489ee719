"""Request dependencies shared by the web app's pages and its export routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Form, Path, Query, Request
from sqlalchemy import Connection

from tagdyr.errors import TagdyrError
from tagdyr.i18n import DEFAULT_LANGUAGE, LANGUAGES
from tagdyr.search import Filters

_LANG_COOKIE = "tagdyr_lang"
MAX_ID = 2**31 - 1  # ids and versions are 32-bit in the database: larger numbers are refused

FormId = Annotated[int, Form(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
QueryId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Note = Annotated[str, Form(max_length=2000)]  # why a decision was taken
# a pair's version as the review page showed it (optimistic locking for pairs)
PairSeen = Annotated[int | None, Form(ge=0, le=MAX_ID)]


def seen_versions(seen: Annotated[str, Form(max_length=2000)] = "") -> dict[str, int]:
    """The persons' versions a page showed ("uid:version uid:version"), for optimistic locking."""
    versions: dict[str, int] = {}
    for part in seen.split():
        uid, _, version = part.partition(":")
        if not uid or not version.isdigit() or int(version) > MAX_ID:
            raise TagdyrError(f"seen: {part!r} is not uid:version")
        versions[uid] = int(version)
    return versions


Seen = Annotated[dict[str, int], Depends(seen_versions)]


def _language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    cookie = request.cookies.get(_LANG_COOKIE)
    if cookie in LANGUAGES:
        return cookie
    accept = request.headers.get("accept-language", "")
    for part in accept.split(","):
        code = part.split(";")[0].strip()[:2].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def _connection(request: Request) -> Iterator[Connection]:
    with request.app.state.engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(_connection)]


def _year(text: str, name: str) -> int | None:
    """A year typed into a form field ("" = no filter), checked for the user."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1800 <= int(text) <= 2000:
        raise TagdyrError(f"{name}: {text!r} is not a year between 1800 and 2000")
    return int(text)


def search_filters(
    born_from: Annotated[str, Query(max_length=10)] = "",
    born_to: Annotated[str, Query(max_length=10)] = "",
    source: Annotated[str | None, Query(max_length=200)] = None,
    camp: Annotated[str | None, Query(max_length=200)] = None,
    fate: Annotated[str | None, Query(max_length=200)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    unit: Annotated[str | None, Query(max_length=200)] = None,
) -> Filters:
    """The search filters of a query string (the search page, and exports "like a search")."""
    years = _year(born_from, "born_from"), _year(born_to, "born_to")
    return Filters(*years, source or None, camp or None, fate or None, place or None, unit or None)


SearchFilters = Annotated[Filters, Depends(search_filters)]
