"""The dossier as a family reads it: one fact with its sources, agreement said, a summary
of stated facts only, link strengths, exact rows, citations, synthetic data marked."""

from __future__ import annotations

import html
import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from tagdyr.settings import load_settings
from tagdyr.web.app import create_app


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return TestClient(create_app(load_settings(database_url=demo_db)))


def _sql(demo_db: str, sql: str, *args: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(demo_db.removeprefix("sqlite:///"))
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _uid_of(demo_db: str, name: str) -> str:
    (uid,) = _sql(
        demo_db, "SELECT uid FROM person WHERE label = ? AND merged_into_id IS NULL", name
    )[0]
    return str(uid)


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.fixture(scope="module")
def bektanov(client: TestClient, demo_db: str) -> str:
    return client.get(f"/person/{_uid_of(demo_db, 'Бектанов Мажит')}?lang=en").text


def test_three_births_are_one_fact_with_three_sources(bektanov: str) -> None:
    rows = re.findall(r'<tr class="claim claim-birth">(.*?)</tr>', bektanov, re.S)
    assert len(rows) == 1
    assert rows[0].count('href="/source/') == 4 and "sources agree" in rows[0]
    assert "1914 · 29.02.1914" in _text(rows[0])  # each source's words, once


def test_the_summary_states_only_what_the_cited_records_state(bektanov: str, demo_db: str) -> None:
    summary = bektanov[bektanov.index("<h2>His fate") :]
    summary = summary[: summary.index("</section>")]
    said = _text(summary)
    assert said.startswith("His fate in brief born 1914 [1] [2] [3] [4] ;"), said
    assert "fate as recorded: taken prisoner (freed) [" in said  # the register phrase, in English
    assert "rank: sub-lieutenant [" in said
    numbers = dict(re.findall(r'<div class="record" id="record-(\d+)">\s*<h3>\[(\d+)\]', bektanov))
    by_number = {n: int(rid) for rid, n in numbers.items()}
    for piece in re.findall(r"((?:born|arrested|rehabilitated|died) [\d.]+)((?:\s*\[\d\])+)", said):
        stated = piece[0].split(" ", 1)[1]
        for number in re.findall(r"\[(\d)\]", piece[1]):
            (verbatim,) = _sql(
                demo_db, "SELECT verbatim FROM record WHERE id = ?", by_number[number]
            )[0]
            assert stated in str(verbatim), (piece, number)


def test_fate_phrase_translated_beside_the_verbatim(client: TestClient, demo_db: str) -> None:
    uid = _uid_of(demo_db, "Бектанов Мажит")
    en = _text(client.get(f"/person/{uid}?lang=en").text)
    ru = _text(client.get(f"/person/{uid}?lang=ru").text)
    assert "taken prisoner (freed) ( попал в плен (освободился) )" in en  # the verbatim beside
    assert ru.count("попал в плен (освободился)") >= 1 and "taken prisoner" not in ru


def test_each_record_says_how_sure_its_link_is(bektanov: str, demo_db: str) -> None:
    strengths = re.findall(r'<p class="link-strength link-(\w+)">', bektanov)
    assert len(strengths) == 4  # Mysen, MoD, Pavlodar, the OBD excerpt
    ids = [int(i) for i in re.findall(r'<div class="record" id="record-(\d+)">', bektanov)]
    for record_id, strength in zip(ids, strengths, strict=True):
        (best,) = _sql(demo_db, f"""SELECT max(match_probability) FROM candidate_pair
            WHERE run_id = (SELECT max(run_id) FROM candidate_pair) AND
            ((left_record_id = ? AND right_record_id IN ({",".join(map(str, ids))})) OR
             (right_record_id = ? AND left_record_id IN ({",".join(map(str, ids))})))""",
            record_id, record_id)[0]  # fmt: skip
        expected = "manual" if best is None else (
            "very_strong" if best >= 0.99 else "strong" if best >= 0.9
            else "probable" if best >= 0.5 else "weak")  # fmt: skip
        assert strength == expected, record_id


def test_sources_link_to_the_exact_row(client: TestClient, bektanov: str, demo_db: str) -> None:
    link = re.search(r'href="(/source/kz-mod-memorial#row-(\d+))"', bektanov)
    assert link
    page = client.get("/source/kz-mod-memorial?lang=en").text
    row = page[page.index(f'id="row-{link[2]}"') :]
    assert "Бектанов" in row[: row.index("</tr>")]
    uid, _record_id, row_number = _sql(demo_db, """SELECT p.uid, r.id, r.row_number FROM person p
        JOIN person_record pr ON pr.person_id = p.id JOIN record r ON r.id = pr.record_id
        JOIN source s ON s.id = r.source_id WHERE s.key = 'synthetic-register'
        AND r.row_number > 150 ORDER BY r.id LIMIT 1""")[0]  # fmt: skip
    dossier = client.get(f"/person/{uid}").text
    assert f'href="/source/synthetic-register?page=2#row-{row_number}"' in dossier
    second = client.get("/source/synthetic-register?page=2").text
    assert f'id="row-{row_number}"' in second


def test_citations_name_the_archive_and_this_server(demo_db: str) -> None:
    local = TestClient(
        create_app(load_settings(database_url=demo_db)), base_url="http://archive.example:9001"
    )
    uid = _uid_of(demo_db, "Бектанов Мажит")
    page = html.unescape(local.get(f"/person/{uid}?lang=en").text)
    person = re.search(r'<textarea id="cite-person" readonly rows="3">(.*?)</textarea>', page, re.S)
    assert person and f"http://archive.example:9001/person/{uid}" in person[1]
    assert "Riksarkivet (National Archives of Norway)" in person[1]
    record = re.search(r'<textarea id="cite-\d+" readonly rows="3">(.*?)</textarea>', page, re.S)
    assert record and "#record-" in record[1]
    assert "127.0.0.1:8000" not in page
    csv = local.get(f"/export/persons.csv?person={uid}").text
    assert "http://archive.example:9001/" in csv and "127.0.0.1:8000" not in csv
    jsonld = local.get(f"/person/{uid}.jsonld").text
    assert "http://archive.example:9001/person/" in jsonld and "127.0.0.1" not in jsonld
    fixed = TestClient(
        create_app(load_settings(database_url=demo_db, base_url="https://tagdyr.kz"))
    )
    assert "https://tagdyr.kz/person/" in fixed.get(f"/person/{uid}.jsonld").text


def test_synthetic_records_are_marked(client: TestClient, bektanov: str, demo_db: str) -> None:
    assert "synthetic-note" not in bektanov  # the seed article's excerpts
    (uid,) = _sql(demo_db, """SELECT p.uid FROM person p
        JOIN person_record pr ON pr.person_id = p.id JOIN record r ON r.id = pr.record_id
        JOIN source s ON s.id = r.source_id
        WHERE s.key = 'synthetic-register' LIMIT 1""")[0]  # fmt: skip
    page = client.get(f"/person/{uid}?lang=en").text
    assert "Synthetic: generated for the demo, describes nobody." in page


def test_more_is_a_link(client: TestClient, demo_db: str) -> None:
    (uid,) = _sql(demo_db, """SELECT p.uid FROM person p
        JOIN person_record pr ON pr.person_id = p.id JOIN claim c ON c.record_id = pr.record_id
        WHERE c.kind = 'camp' AND c.value = 'Narvik'
        LIMIT 1""")[0]  # fmt: skip
    page = client.get(f"/person/{uid}?lang=en").text
    more = re.search(r'<li class="more"><a href="([^"]+)">… (\d+) more</a>', page)
    assert more, page
    target = client.get(more[1], follow_redirects=True)
    assert target.status_code == 200


def test_the_place_column_is_filled_when_the_claim_names_one(bektanov: str) -> None:
    row = re.search(r'<tr class="claim claim-conscription">(.*?)</tr>', bektanov, re.S)
    assert row
    place = re.findall(r'<td class="place">(.*?)</td>', row[1], re.S)
    assert place and "<q>Павлодарский РВК" in place[0]  # as the source writes it, kept
    repatriation = re.search(r'<tr class="claim claim-repatriation">(.*?)</tr>', bektanov, re.S)
    assert repatriation and re.findall(r'<td class="place">(.*?)</td>', repatriation[1]) == [
        "Mysen"
    ]
