"""Search narrowed by filters, with facet counts, over the demo database."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tagdyr.search import Facts, Filters, faceted_search
from tagdyr.settings import load_settings
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine
from tagdyr.vocab.gazetteer import resolve
from tagdyr.web.app import create_app


@pytest.fixture(scope="module")
def conn(demo_db: str):  # type: ignore[no-untyped-def]
    engine = create_db_engine(demo_db)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def _camps_of(conn, uid: str) -> set[str]:  # type: ignore[no-untyped-def]
    return set(
        conn.execute(
            select(s.claim.c.value)
            .join(s.person_record, s.person_record.c.record_id == s.claim.c.record_id)
            .join(s.person, s.person.c.id == s.person_record.c.person_id)
            .where(s.person.c.uid == uid, s.claim.c.kind == "camp")
        ).scalars()
    )


def test_facets_count_persons_and_filters_narrow(conn) -> None:  # type: ignore[no-untyped-def]
    everyone = faceted_search(conn, "Бектанов")
    assert everyone.total == 1
    sources = {value for value, _, _ in everyone.facets["source"]}
    assert sources == {
        "norway-mysen-1945-06-18",
        "kz-mod-memorial",
        "knb-pavlodar",
        "obd-format-excerpt",
    }
    assert [(v, n) for v, _, n in everyone.facets["camp"]] == [("mysen", 1)]  # its key
    assert faceted_search(conn, "Бектанов", Filters(camp="Narvik")).total == 0
    assert faceted_search(conn, "Бектанов", Filters(born_from=1910, born_to=1919)).total == 1
    assert faceted_search(conn, "Бектанов", Filters(born_from=1920)).total == 0


def test_a_camp_facet_counts_what_its_filter_finds(conn) -> None:  # type: ignore[no-untyped-def]
    broad = faceted_search(conn, "Нурлан")
    assert broad.total > 1, "the demo has several Нурлан"
    camp, _, count = broad.facets["camp"][0]
    narrowed = faceted_search(conn, "Нурлан", Filters(camp=camp))
    assert narrowed.total == count
    assert all(camp in {resolve(c)[0] for c in _camps_of(conn, h.person_uid)}
               for h in narrowed.hits if h.person_uid)  # fmt: skip
    decade, _, in_decade = broad.facets["decade"][0]
    by_years = faceted_search(
        conn, "Нурлан", Filters(born_from=int(decade), born_to=int(decade) + 9)
    )
    assert by_years.total == in_decade


def test_a_camp_written_in_two_scripts_is_one_facet_value_by_its_key() -> None:
    facts = Facts(camps={"Mysen", "Мюзен", "MYSEN", "Lager Nirgendwo"})
    assert [v for v, _ in facts.values("camp")] == ["Lager Nirgendwo", "mysen"]


def test_filters_and_facets_in_the_web_page(demo_db: str) -> None:
    client = TestClient(create_app(load_settings(database_url=demo_db)))
    page = client.get("/search", params={"q": "Нурлан"}).text
    assert 'class="facets"' in page
    link = re.search(
        r'<section class="facet facet-camp">.*?<a href="([^"]+)">([^<]+)</a>', page, re.S
    )
    assert link
    narrowed = client.get(link[1].replace("&amp;", "&")).text
    assert f"Camp: {link[2]}" in narrowed  # the active filter, removable
    total = re.search(r'class="total">\((\d+)\)', narrowed)
    assert total and int(total[1]) >= 1
    refused = client.get("/search", params={"q": "Нурлан", "born_from": "1700"})
    assert refused.status_code == 400 and "born_from" in refused.text and "<html" in refused.text
    assert client.get("/search", params={"q": "Нурлан", "born_from": ""}).status_code == 200


def test_statistics_count_persons_not_records(conn) -> None:  # type: ignore[no-untyped-def]
    """Checked against every dossier, one by one: Bektanov's two Pavlodar residences (the Mysen
    list and the post-war file) and his Mysen camp count once each; a camp written in two
    scripts ("Narvik", "Нарвик") is one camp, named in the interface language."""
    from collections import Counter

    from tagdyr.stats import statistics
    from tagdyr.store.queries import get_dossier
    from tagdyr.vocab.gazetteer import label, places, resolve

    def camp_name(value: str) -> str:
        keys = [k for k in resolve(value) if places()[k].kind != "country"]
        return label(keys[0], "ru") if keys else value

    stats = statistics(conn, "ru")
    uids = conn.execute(select(s.person.c.uid).where(s.person.c.merged_into_id.is_(None))).scalars()
    camps: Counter[str] = Counter()
    oblasts: Counter[str] = Counter()
    persons = 0
    for uid in uids:
        persons += 1
        claims = get_dossier(conn, uid).claims
        camps.update({camp_name(c.value) for c in claims if c.kind == "camp"})
        named = set()
        for c in claims:
            if c.kind in ("birth", "residence"):
                keys = resolve(c.place or c.value if c.kind == "residence" else c.place or "")
                named.update(label(k, "ru") for k in keys if places()[k].kind == "oblast")
        oblasts.update(named)
    assert stats.persons == persons
    assert dict(stats.by_camp) == dict(camps)
    assert "Мюзен" in dict(stats.by_camp) and "Mysen" not in dict(stats.by_camp)
    by_oblast = {name: n for name, n in stats.by_oblast if name}
    assert by_oblast == dict(oblasts)
    assert by_oblast["Павлодарская обл."] >= 1


def test_statistics_page_in_three_languages(demo_db: str) -> None:
    client = TestClient(create_app(load_settings(database_url=demo_db)))
    for lang, caption in (("kk", "Лагерьлер бойынша"), ("ru", "Лица по лагерям"),
                          ("en", "Persons by camp")):  # fmt: skip
        page = client.get("/statistics", params={"lang": lang}).text
        assert caption in page and 'class="bar"' in page and "<svg" in page


def test_figures_stated_by_a_source_are_shown_with_it(demo_db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The Chokay list's own title states its size: "100 человек"."""
    import shutil

    copy = tmp_path / "demo.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), copy)
    engine = create_db_engine(f"sqlite:///{copy}")
    with engine.begin() as connection:
        document, title = connection.execute(
            select(s.document.c.id, s.source.c.title)
            .join(s.source)
            .where(s.source.c.key == "chokay-5th-group")
        ).one()
        statement = "100 человек"
        assert statement in title
        connection.execute(
            s.figure.insert(),
            {"document_id": document, "value": 100, "counts": "persons in the list",
             "text": statement, "start": title.index(statement), "end": None},
        )  # fmt: skip
    client = TestClient(create_app(load_settings(database_url=str(engine.url)), engine=engine))
    page = client.get("/statistics?lang=en").text
    figures = page[page.index('class="figures"') :]
    assert "<td>100</td>" in figures and "persons in the list" in figures
    assert f"<q>{statement}</q>" in figures and "/source/chokay-5th-group" in figures


def test_place_and_unit_filters(conn) -> None:  # type: ignore[no-untyped-def]
    """Bektanov lived in Pavlodar and was repatriated from Mysen: both places find him, the
    gazetteer's oblast of Pavlodar too; Karaganda does not."""
    from tagdyr.vocab.gazetteer import resolve

    pavlodar_keys = set(resolve("г. Павлодар"))
    assert "pavlodar-obl" in pavlodar_keys
    everyone = faceted_search(conn, "Бектанов")
    assert {"pavlodar-obl", "mysen"} <= {v for v, _, _ in everyone.facets["place"]}
    for place, found in (("pavlodar-obl", 1), ("mysen", 1), ("karaganda-obl", 0)):
        assert faceted_search(conn, "Бектанов", Filters(place=place)).total == found, place
    assert faceted_search(conn, "Бектанов", Filters(unit="отряд «Заря»")).total == 0
