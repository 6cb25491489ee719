"""``tagdyr serve`` mints URIs under the address a request came to, or under TAGDYR_BASE_URL
when it is set: never under the settings' default address (http://127.0.0.1:8000), which the
server used to hand its workers as if it had been set."""

from __future__ import annotations

import re

import httpx

from tests.serving import tagdyr_server

DEFAULT_BASE = "http://127.0.0.1:8000"


def _bektanov(client: httpx.Client) -> str:
    page = client.get("/search", params={"q": "Бектанов"}).text
    found = re.search(r'href="/person/([0-9a-f]+)"', page)
    assert found, "the demo has Бектанов"
    return found.group(1)


def test_a_served_dossier_cites_the_address_it_was_asked_at(demo_db: str) -> None:
    with tagdyr_server(demo_db, workers=1) as base, httpx.Client(base_url=base, timeout=120) as c:
        assert base != DEFAULT_BASE
        uid = _bektanov(c)
        assert f'"@id": "{base}/person/{uid}"' in c.get(f"/person/{uid}.jsonld").text
        dossier = c.get(f"/person/{uid}").text
        assert f"{base}/person/{uid}" in dossier and DEFAULT_BASE not in dossier


def test_a_served_dossier_cites_the_base_url_it_was_given(demo_db: str) -> None:
    public = "https://tagdyr.example.org"
    with (
        tagdyr_server(demo_db, workers=1, base_url=public) as base,
        httpx.Client(base_url=base, timeout=120) as c,
    ):
        uid = _bektanov(c)
        assert f'"@id": "{public}/person/{uid}"' in c.get(f"/person/{uid}.jsonld").text
