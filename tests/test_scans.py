"""Scans: pages read, straightened and recognised; tables found; imported as records that
point at their boxes; published over IIIF and parsed back by an independent library (piffle).

Pages are drawn by ``bench.scans.generate`` (which never imports tagdyr), so what the test
expects is what was drawn, not what tagdyr computed."""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path

import pytest
from bench.scans.generate import PROFILES, degrade, render
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import Engine, select

from tagdyr.errors import SourceError
from tagdyr.scans.clean import clean_page, find_skew
from tagdyr.scans.importer import HEADER_ROW
from tagdyr.scans.ocr import tessdata
from tagdyr.scans.pages import read_pages
from tagdyr.scans.reader import read_page
from tagdyr.scans.tiles import TILE, canonical, cut, scale_factors
from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.web.app import create_app
from tests.web import csrf_of, log_in

HEADER = ["№", "Фамилия, имя", "Год рождения", "Место жительства", "Звание"]
ROWS = [
    ["1", "Бектанов Мажит", "1914", "Павлодарская обл.", "мл. лейтенант"],
    ["2", "Қалдыролов Қайырбек", "1903", "Алма-Атинская обл.", "красноармеец"],
    ["3", "Жұманиязов Қадем", "1918", "Гурьевская обл.", "сержант"],
    ["4", "Истыбаев Нұрым", "1921", "Актюбинская обл.", "красноармеец"],
]
TITLE = "Список военнопленных лагеря Мысен"


def _page(face: str, level: str = "moderate", seed: int = 3) -> Image.Image:
    drawn = render(TITLE, HEADER, ROWS, face, seed)
    return degrade(drawn.image, PROFILES[level], seed)


def _fields_right(rows: list[list[str]]) -> float:
    right = sum(
        got == want for got_row, want_row in zip(rows, ROWS, strict=False)
        for got, want in zip(got_row, want_row, strict=False)
    )  # fmt: skip
    return right / (len(ROWS) * len(HEADER))


@pytest.mark.parametrize("face", ["printed", "typewriter"])
def test_a_degraded_typed_list_is_read_into_its_cells(face: str) -> None:
    page = read_page(_page(face), 1)
    assert page.table.method == ("ruled" if face == "printed" else "aligned")
    assert [c.text for c in page.table.header] == HEADER
    assert page.table.title == [TITLE]
    rows = [[c.text for c in r.cells] for r in page.table.rows]
    assert len(rows) == len(ROWS)
    assert _fields_right(rows) >= 0.9
    cell = page.table.rows[0].cells[1]
    x0, y0, x1, y1 = cell.box
    assert x0 < x1 and y0 < y1 and 0 < cell.confidence <= 100
    assert "".join(ch for ch, _ in cell.chars) == cell.text


def test_a_skewed_page_is_straightened() -> None:
    drawn = render(TITLE, HEADER, ROWS, "printed", 1).image
    turned = drawn.rotate(2.0, expand=True, fillcolor=255)
    assert find_skew(turned) == pytest.approx(-2.0, abs=0.25)


def test_an_upside_down_page_is_turned_upright() -> None:
    drawn = render(TITLE, HEADER, ROWS * 3, "printed", 1).image.rotate(180)
    cleaned = clean_page(drawn, tessdata())
    assert cleaned.rotation == 180
    assert cleaned.script == "Cyrillic"


def _save(images: list[Image.Image], fmt: str) -> bytes:
    buffer = io.BytesIO()
    images[0].save(buffer, fmt, save_all=True, append_images=images[1:])
    return buffer.getvalue()


@pytest.mark.parametrize("suffix, fmt", [("tif", "TIFF"), ("pdf", "PDF")])
def test_multi_page_tiff_and_scanned_pdf_give_every_page(suffix: str, fmt: str) -> None:
    first = Image.new("L", (400, 300), 255)
    second = Image.new("L", (500, 200), 0)
    pages = read_pages(Path(f"list.{suffix}"), _save([first, second], fmt))
    assert len(pages) == 2
    assert pages[1].getextrema() == (0, 0) and pages[0].getextrema() == (255, 255)


def test_a_broken_image_is_refused_with_its_file_name() -> None:
    with pytest.raises(SourceError, match=r"list\.png.*not a readable image"):
        read_pages(Path("list.png"), b"\x89PNG\r\n\x1a\nbroken")


# no deadline: JPEG-encoding a page's tiles takes a variable time on a shared machine (health
# checks stay on); fewer examples, as each cuts a whole page
@settings(deadline=None, max_examples=40)
@given(st.integers(1, 1500), st.integers(1, 1500))
def test_tiles_cover_the_page_once_at_every_scale(width: int, height: int) -> None:
    stored = dict(cut(Image.new("L", (width, height), 128)))
    factors = scale_factors(width, height)
    assert max(width, height) <= TILE * factors[-1]
    for factor in factors:
        span, area = TILE * factor, 0
        for y in range(0, height, span):
            for x in range(0, width, span):
                w, h = min(span, width - x), min(span, height - y)
                scaled = (-(-w // factor), -(-h // factor))  # Image API 3 asks "w,h"
                path = canonical(f"{x},{y},{w},{h}", "{},{}".format(*scaled), width, height)
                assert Image.open(io.BytesIO(stored[str(path)])).size == scaled
                area += w * h
        assert area == width * height  # the tiles of one scale tile the page exactly


def test_cut_tiles_are_the_requested_sizes() -> None:
    image = Image.new("L", (1100, 600), 200)
    tiles = dict(cut(image))
    for path, data in tiles.items():
        size = path.split("/")[1]
        w, h = (int(v) for v in size.split(","))
        assert Image.open(io.BytesIO(data)).size == (w, h), path
    assert canonical("full", "max", 1100, 600) in tiles
    assert canonical("0,0,512,512", "512,", 1100, 600) in tiles


def test_the_scans_generator_knows_nothing_of_tagdyr() -> None:
    source = Path("bench/scans/generate.py").read_text(encoding="utf-8")
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {m for m in imported if m.split(".")[0] in ("tagdyr", "bench")}


@pytest.fixture
def scan_file(tmp_path: Path) -> Path:
    path = tmp_path / "mysen-scan.png"
    _page("printed").save(path, dpi=(250, 250))
    return path


def test_a_scan_imports_as_a_list_with_rows_pointing_at_their_boxes(
    engine: Engine, scan_file: Path
) -> None:
    result = import_table(engine, scan_file, SourceInfo("mysen-scan", "Mysen (scan)", "RA"))
    assert result.records == len(ROWS)
    with engine.connect() as conn:
        rows = conn.execute(select(s.record).order_by(s.record.c.id)).all()
        pages = conn.execute(select(s.scan_page)).all()
        tiles = conn.execute(select(s.scan_tile.c.path)).scalars().all()
    assert len(pages) == 1 and tiles
    assert [r.full_name for r in rows][:2] == [ROWS[0][1], ROWS[1][1]]
    assert rows[0].birth_year == 1914
    assert rows[0].location == "mysen-scan.png, page 1, row 1"
    scan = json.loads(rows[0].normalized)["scan"]
    x0, y0, x1, y1 = scan["box"]
    assert 0 <= x0 < x1 <= pages[0].width and 0 <= y0 < y1 <= pages[0].height
    assert scan["cells"][1]["machine"] == ROWS[0][1]
    assert 0 < scan["name_confidence"] <= 100
    again = import_table(engine, scan_file, SourceInfo("mysen-scan", "Mysen (scan)", "RA"))
    assert again.unchanged


def test_crop_and_iiif_manifest_are_served_and_parse_back(
    sqlite_engine: Engine, scan_file: Path, tmp_path: Path
) -> None:
    from piffle.presentation import IIIFPresentation

    import_table(sqlite_engine, scan_file, SourceInfo("mysen-scan", "Mysen (scan)", "RA"))
    url = sqlite_engine.url.render_as_string(hide_password=False)
    client = TestClient(create_app(load_settings(database_url=url)))
    with sqlite_engine.connect() as conn:
        record = conn.execute(select(s.record).order_by(s.record.c.id)).first()
        doc_id = conn.execute(select(s.scan_page.c.document_id)).scalar_one()
    assert record is not None
    box = json.loads(record.normalized)["scan"]["box"]
    crop = client.get(f"/scans/crop/{record.id}.png")
    assert crop.status_code == 200 and crop.headers["content-type"] == "image/png"
    width, height = Image.open(io.BytesIO(crop.content)).size
    assert width >= box[2] - box[0] and height >= box[3] - box[1]
    assert height < 3 * (box[3] - box[1])  # one row, not the page
    answer = client.get(f"/iiif/{doc_id}/manifest.json")
    assert answer.status_code == 200
    path = tmp_path / "manifest.json"
    path.write_bytes(answer.content)
    parsed = IIIFPresentation.from_file(str(path))
    assert parsed.type == "Manifest"
    canvas = parsed["items"][0]
    image = canvas["items"][0]["items"][0]["body"]
    assert (image["width"], image["height"]) == (canvas["width"], canvas["height"])
    rows = canvas["annotations"][0]["items"]
    assert len(rows) == len(ROWS)
    assert rows[0]["body"]["label"]["none"] == [ROWS[0][1]]
    assert rows[0]["target"].endswith(
        f"#xywh={box[0]},{box[1]},{box[2] - box[0]},{box[3] - box[1]}"
    )
    service = image["service"][0]["id"].removeprefix(str(load_settings().base_url).rstrip("/"))
    info = client.get(f"{service}/info.json").json()
    assert info["profile"] == "level0" and info["width"] == canvas["width"]
    tile = client.get(f"{service}/0,0,{TILE},{TILE}/{TILE},/0/default.jpg")
    assert tile.status_code == 200 and Image.open(io.BytesIO(tile.content)).size == (TILE, TILE)
    assert client.get(f"{service}/full/max/0/default.jpg").status_code == 200
    assert client.get(f"{service}/0,0,100,100/100,/0/default.jpg").status_code == 404
    person_page = client.get("/source/mysen-scan")
    assert person_page.status_code == 200


def test_a_doubtful_name_from_a_scan_tries_its_ocr_confusions() -> None:
    from tagdyr.link.features import LinkRecord, features
    from tagdyr.names import parse

    misread = parse("Bcktanov Mazhit")
    typed = features(LinkRecord("L1", "list", misread))
    doubtful = features(LinkRecord("L1", "list", misread, name_confidence=60.0))
    register = features(LinkRecord("R1", "register", parse("Bektanov Mazhit")))
    assert not set(typed["surname_forms"]) & set(register["surname_forms"])
    assert set(doubtful["surname_forms"]) & set(register["surname_forms"])
    unreadable = features(LinkRecord("L1", "list", misread, name_confidence=20.0))
    assert unreadable["surname_canon"] is None and unreadable["given_canon"] is None


def test_the_demo_scan_is_linked_and_its_manifest_opens_in_piffle(
    demo_db: str, tmp_path: Path
) -> None:
    from piffle.presentation import IIIFPresentation

    client = TestClient(create_app(load_settings(database_url=demo_db)))
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        doc_id = conn.execute(select(s.scan_page.c.document_id)).scalar_one()
        typed = conn.execute(
            select(s.record.c.full_name)
            .join(s.source, s.source.c.id == s.record.c.source_id)
            .where(s.source.c.key == "chokay-5th-group")
            .order_by(s.record.c.row_number)
        ).scalars().all()  # fmt: skip
    path = tmp_path / "demo-manifest.json"
    path.write_bytes(client.get(f"/iiif/{doc_id}/manifest.json").content)
    parsed = IIIFPresentation.from_file(str(path))
    rows = parsed["items"][0]["annotations"][0]["items"]
    assert [r["body"]["label"]["none"][0] for r in rows] == list(typed)  # all 15, read exactly
    person = rows[0]["body"]["id"]
    assert "/person/" in person
    dossier = client.get("/person/" + person.rsplit("/person/", 1)[1])
    assert dossier.status_code == 200
    crops = re.findall(r'src="(/scans/crop/\d+\.png)"', dossier.text)
    assert len(crops) == 1  # the scan's row; the typed transcription has none
    image = Image.open(io.BytesIO(client.get(crops[0]).content))
    assert image.width > 1000 and image.height < 200


def test_import_review_stops_at_the_workbench_and_corrections_keep_the_machine_reading(
    sqlite_engine: Engine, scan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from tagdyr.cli import app

    monkeypatch.setenv("TAGDYR_UPLOAD_DIR", str(tmp_path / "uploads"))
    url = sqlite_engine.url.render_as_string(hide_password=False)
    said = CliRunner().invoke(app, ["import", str(scan_file), "--source", "mysen-scan",
                                    "--review", "--db", url])  # fmt: skip
    assert said.exit_code == 0, said.output
    token = re.search(r"/scans/workbench/([0-9a-f]{32})", said.output.replace("\n", ""))
    assert token, said.output
    with sqlite_engine.connect() as conn:
        assert conn.execute(select(s.record.c.id)).first() is None  # nothing imported yet
    client = TestClient(create_app(load_settings(database_url=url)))
    log_in(client, sqlite_engine)
    where = f"/scans/workbench/{token.group(1)}"
    grid = client.get(where)
    assert grid.status_code == 200 and ROWS[2][1] in grid.text
    csrf = csrf_of(grid.text)
    saved = client.post(f"{where}/save", data={"csrf_token": csrf, "c:1:2:1": "Жуманиязов Кадем"},
                        follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    assert "Жуманиязов Кадем" in client.get(where).text
    done = client.post(f"{where}/import", data={"csrf_token": csrf})
    assert done.status_code == 200 and "4" in done.text
    with sqlite_engine.connect() as conn:
        names = conn.execute(select(s.record.c.full_name).order_by(s.record.c.id)).scalars().all()
        keyed = conn.execute(select(s.scan_correction)).one()
    assert names[2] == "Жуманиязов Кадем"
    assert (keyed.machine, keyed.value, keyed.author, keyed.row, keyed.col) == (
        ROWS[2][1],
        "Жуманиязов Кадем",
        "editor",
        2,
        1,
    )


def test_three_editors_key_settle_and_import_a_scan_in_the_web_app(
    sqlite_engine: Engine, scan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from tagdyr.cli import app

    monkeypatch.setenv("TAGDYR_UPLOAD_DIR", str(tmp_path / "uploads"))
    url = sqlite_engine.url.render_as_string(hide_password=False)
    said = CliRunner().invoke(app, ["import", str(scan_file), "--source", "mysen-scan",
                                    "--review", "--double-keying", "--db", url])  # fmt: skip
    assert said.exit_code == 0, said.output
    token = re.search(r"/scans/workbench/([0-9a-f]{32})", said.output.replace("\n", ""))
    assert token, said.output
    where = f"/scans/workbench/{token.group(1)}"
    clients = {}
    for name in ("anna", "berik", "chokan"):
        clients[name] = TestClient(create_app(load_settings(database_url=url)))
        log_in(clients[name], sqlite_engine, name)
    anna, berik, chokan = clients["anna"], clients["berik"], clients["chokan"]
    grid = anna.get(where)
    assert grid.status_code == 200 and "wb-finish" in grid.text
    keyed = {"csrf_token": csrf_of(grid.text), "c:1:2:1": "Жуманиязов Кадем", "h:1:1": "ФИО"}
    assert anna.post(f"{where}/finish", data=keyed, follow_redirects=False).status_code == 303
    assert "wb-finished" in anna.get(where).text
    seen = berik.get(where).text  # anna's keying is not shown to the second keyer
    assert "Жуманиязов Кадем" not in seen and ROWS[2][1] in seen
    keyed = {"csrf_token": csrf_of(seen), "h:1:1": "ФИО"}
    assert berik.post(f"{where}/finish", data=keyed, follow_redirects=False).status_code == 303
    page = chokan.get(f"{where}/compare")
    assert page.status_code == 200
    assert page.text.count('class="wb-settle"') == 1  # the heading was keyed alike by both
    assert "Жуманиязов Кадем" in page.text and ROWS[2][1] in page.text
    early = chokan.post(f"{where}/import", data={"csrf_token": csrf_of(page.text)})
    assert early.status_code == 400 and "not settled" in early.text
    own = anna.post(f"{where}/settle", data={"csrf_token": csrf_of(anna.get(where).text),
                                              "c:1:2:1": "x"})  # fmt: skip
    assert own.status_code == 400 and "third editor" in own.text
    csrf = csrf_of(page.text)
    settled = chokan.post(f"{where}/settle", data={"csrf_token": csrf, "c:1:2:1": ROWS[2][1]},
                          follow_redirects=False)  # fmt: skip
    assert settled.status_code == 303
    done = chokan.post(f"{where}/import", data={"csrf_token": csrf})
    assert done.status_code == 200, done.text
    with sqlite_engine.connect() as conn:
        names = conn.execute(select(s.record.c.full_name).order_by(s.record.c.id)).scalars().all()
        kept = conn.execute(select(s.scan_correction).order_by(s.scan_correction.c.id)).all()
        columns = conn.execute(select(s.document.c.mapping)).scalar_one()
    assert names[2] == ROWS[2][1]
    assert [(k.author, k.row, k.value) for k in kept] == [
        ("anna", 2, "Жуманиязов Кадем"), ("anna", HEADER_ROW, "ФИО"),
        ("berik", HEADER_ROW, "ФИО"), ("chokan", 2, ROWS[2][1]),
    ]  # fmt: skip
    assert "ФИО" in str(columns)


@pytest.mark.parametrize("face", ["printed", "typewriter"])
def test_a_row_crossed_out_by_the_clerk_is_kept_and_marked_struck_through(face: str) -> None:
    drawn = render(TITLE, HEADER, ROWS, face, 5, struck=frozenset({1}))
    page = read_page(degrade(drawn.image, PROFILES["moderate"], 5), 1)
    rows = page.table.rows
    assert [row.struck for row in rows] == [False, True, False, False]
    assert [row.cells[2].text for row in rows] == [r[2] for r in ROWS]  # no row split or lost


def _uid_of_record(engine: Engine, record_id: int) -> str:
    join = s.person.join(s.person_record, s.person_record.c.person_id == s.person.c.id)
    query = select(s.person.c.uid).select_from(join).where(s.person_record.c.record_id == record_id)
    with engine.connect() as conn:
        return str(conn.execute(query).scalar_one())


def test_a_struck_row_is_imported_and_its_dossier_says_it_was_crossed_out(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "struck.png"
    drawn = render(TITLE, HEADER, ROWS, "printed", 5, struck=frozenset({1}))
    degrade(drawn.image, PROFILES["moderate"], 5).save(path, dpi=(250, 250))
    import_table(sqlite_engine, path, SourceInfo("struck-scan", "Struck (scan)", "RA"))
    with sqlite_engine.connect() as conn:
        rows = conn.execute(select(s.record).order_by(s.record.c.id)).all()
    assert [json.loads(r.normalized)["scan"]["struck"] for r in rows] == [0, 1, 0, 0]
    url = sqlite_engine.url.render_as_string(hide_password=False)
    client = TestClient(create_app(load_settings(database_url=url)))

    def dossier(record_id: int) -> str:
        return client.get(f"/person/{_uid_of_record(sqlite_engine, record_id)}?lang=ru").text

    assert "вычеркнуто на скане" in dossier(rows[1].id)
    assert "вычеркнуто на скане" not in dossier(rows[0].id)
