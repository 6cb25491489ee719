"""Availability: no single request, file or value may stall the server or exhaust its memory.

Bounds here are generous (a loaded 2-core machine); the exact figures are in bench/ and the
closing note. Servers are real `tagdyr serve` processes where the event loop matters."""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import socket
import string
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from tagdyr import accounts
from tagdyr.errors import SourceError
from tagdyr.persons.linking import link_database
from tagdyr.settings import load_settings
from tagdyr.sources.archives import guarded
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.sources.preview import preview_table
from tagdyr.sources.tabular import read_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tagdyr.web.app import create_app
from tagdyr.web.uploads import Uploads
from tests.files import CHOKAY_LIKE, write_csv
from tests.serving import tagdyr_server
from tests.web import PASSWORD, csrf_of, log_in, login_form


def _letters(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(count))


def test_a_20000_letter_birth_place_costs_what_a_real_one_costs(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    monster = _letters(20_000).capitalize()
    rows = [["Nr", "Navn", "Født", "Fødested"], ["1", "Bektanow Mashit", "1914", monster],
            ["2", "Bektanov Mazhit", "1914", "Pavlodar"]]  # fmt: skip
    import_table(sqlite_engine, write_csv(tmp_path / "l.csv", rows), SourceInfo("l", "l", "l"))
    started = time.perf_counter()
    link_database(sqlite_engine, threshold=0.9, floor=0.001)
    linked = time.perf_counter() - started
    client = TestClient(create_app(load_settings(), sqlite_engine))
    with sqlite_engine.connect() as conn:
        uid = conn.execute(select(s.person.c.uid).order_by(s.person.c.id)).scalars().first()
        places = set(conn.execute(select(s.claim.c.place)).scalars())
    started = time.perf_counter()
    page = client.get(f"/person/{uid}")
    shown = time.perf_counter() - started
    assert page.status_code == 200
    assert monster in places  # stored verbatim, however long
    assert linked < 30 and shown < 10, (linked, shown)  # was 100 s and 27 s


def _xlsx_far_corner(path: Path) -> Path:
    """A few KB: a list, and one cell at XFD1048576 (the file declares A1:XFD1048576)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Список"
    for row in CHOKAY_LIKE:
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b'<dimension ref="A1:XFD1048576"/>' in archive.read("xl/worksheets/sheet1.xml")
    return path


def _ods_repeating(path: Path, rows: int, columns: int) -> Path:
    """An ODS file of a few hundred bytes whose last row (its cell) is repeated."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Лист1")
    for cells in (["Фамилия", "Имя"], ["Бектанов", "Мажит"]):
        row = TableRow()
        for text in cells:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    repeated = TableRow(numberrowsrepeated=rows)
    cell = TableCell(valuetype="string", numbercolumnsrepeated=columns)
    cell.addElement(P(text="Омаров"))
    repeated.addElement(cell)
    table.addElement(repeated)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("build", "says"),
    [
        (
            _xlsx_far_corner,
            r"row 1048576: sheet 'Список': .*row 1,048,576.*max_sheet_rows",
        ),
        (
            lambda p: _ods_repeating(p.with_suffix(".ods"), 10_000_000, 1),
            r"row 500001: sheet 'Лист1': .*row 500,001, beyond the 500,000 rows.*max_sheet_rows",
        ),
        (
            lambda p: _ods_repeating(p.with_suffix(".ods"), 1, 200_000_000),
            r"row 3, column 200000000: sheet 'Лист1': .*column 200,000,000.*max_sheet_columns",
        ),
        (
            lambda p: _ods_repeating(p.with_suffix(".ods"), 200_000_000, 200_000_000),
            r"row 3, column 200000000: sheet 'Лист1'",
        ),
    ],
    ids=["xlsx-XFD1048576", "ods-10M-rows", "ods-200M-cells", "ods-200M-both"],
)
def test_small_files_that_would_fill_memory_are_refused_naming_sheet_and_row(
    tmp_path: Path, build: Callable[[Path], Path], says: str
) -> None:
    path = build(tmp_path / "small.xlsx")
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    with pytest.raises(SourceError, match=says) as caught:
        preview_table(path)
    assert caught.value.file == path.name
    with pytest.raises(SourceError, match=says):
        read_table(path, path.read_bytes())
    assert time.perf_counter() - started < 20


def test_the_sheet_caps_are_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _ods_repeating(tmp_path / "r.ods", 50, 1)
    assert len(read_table(path, b"").sheets[0].rows) == 51
    monkeypatch.setenv("TAGDYR_MAX_SHEET_ROWS", "40")
    with pytest.raises(SourceError, match=r"row 41: .*beyond the 40 rows"):
        read_table(path, b"")


def test_empty_repeated_ods_cells_keep_the_columns_in_place(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="s")
    for cells in (["Фамилия", "Имя", "Год рождения", "Место рождения"],
                  ["Бектанов", None, None, "Павлодар"]):  # fmt: skip
        row = TableRow()
        for text in cells:
            if text is None:
                continue
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=text))
            row.addElement(cell)
            if text == "Бектанов":
                row.addElement(TableCell(numbercolumnsrepeated=2))
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(tmp_path / "gap.ods"))
    sheet = read_table(tmp_path / "gap.ods", b"").sheets[0]
    assert sheet.rows == [(2, ["Бектанов", "", "", "Павлодар"])]


class _Pulse:
    """/healthz asked every 50 ms from a thread while something else runs; the slowest answer."""

    def __init__(self, base: str) -> None:
        self.base, self.slowest, self.asked = base, 0.0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=120) as client:
            while not self._stop.is_set():
                started = time.perf_counter()
                assert client.get("/healthz").status_code == 200
                self.slowest = max(self.slowest, time.perf_counter() - started)
                self.asked += 1
                time.sleep(0.05)

    def __enter__(self) -> _Pulse:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=130)


def _editor_client(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=300, follow_redirects=True)
    client.post("/login", data=login_form(client.get("/login").text, "editor"))
    client.headers["X-CSRF-Token"] = csrf_of(client.get("/account").text)
    return client


def _big_csv(rows: int) -> bytes:
    lines = ["№;Фамилия;Имя;Год рождения;Место рождения"]
    lines += [f"{i};Бектанов{i};Мажит;{1900 + i % 25};Павлодар" for i in range(1, rows + 1)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_big_imports_and_wrong_logins_do_not_stall_the_server(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    engine = create_db_engine(url)
    migrate(engine)
    accounts.create_user(engine, "editor", PASSWORD, "editor", actor="test")
    engine.dispose()
    uploads = str(tmp_path / "uploads")
    with tagdyr_server(url, workers=1, upload_dir=uploads, login_attempts="1000") as base:
        client = _editor_client(base)
        data = _big_csv(40_000)
        with _Pulse(base) as during_preview:
            page = client.post("/import/preview", files={"file": ("big.csv", data)},
                               data={"key": "big", "title": "Big", "citation": "c"})  # fmt: skip
        assert page.status_code == 200, page.text
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
        with _Pulse(base) as during_commit:
            done = client.post("/import/commit", data=fields)
            while "import-progress" in done.text:  # the progress page, as a browser reloads it
                time.sleep(1)
                done = client.get(str(done.url))
        assert "40000 records imported" in done.text.replace(",", ""), done.text[-2000:]

        def wrong_login(n: int) -> int:
            with httpx.Client(base_url=base, timeout=120) as other:
                form = login_form(other.get("/login").text, "editor") | {"password": f"x{n}"}
                return other.post("/login", data=form).status_code

        with _Pulse(base) as during_logins, ThreadPoolExecutor(40) as pool:
            statuses = list(pool.map(wrong_login, range(40)))
    assert set(statuses) == {401}, statuses
    slowest = {"preview": during_preview.slowest, "commit": during_commit.slowest,
               "logins": during_logins.slowest}  # fmt: skip
    print(f"/healthz slowest answer (s): {slowest}")
    # before: 35 s during the commit, 30 s during the logins; after, on an idle machine, < 0.7 s.
    # The bound is generous because the test machine may run many other jobs.
    assert during_commit.asked > 3 and max(slowest.values()) < 3.0, slowest


def _send_head(base: str, head: str, first: bytes) -> tuple[bytes, float, bool]:
    """Send a request's head and the first bytes of its body, never the rest: (the answer,
    seconds until it came, whether the server then closed the connection)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        started = time.perf_counter()
        sock.sendall(head.encode("latin-1") + first)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536)
        took = time.perf_counter() - started
        try:
            while chunk := sock.recv(65536):
                answer += chunk
            closed = True
        except ConnectionResetError:  # closed with the unread body still in its buffer
            closed = True
        except TimeoutError:
            closed = False
    return answer, took, closed


def test_bodies_are_refused_by_role_and_size_before_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spool = tmp_path / "spool"  # where the server would spool a multipart body
    spool.mkdir()
    monkeypatch.setenv("TMPDIR", str(spool))
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    migrate(create_db_engine(url))
    uploads = tmp_path / "uploads"
    with tagdyr_server(url, workers=1, upload_dir=str(uploads)) as base:
        first = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n'
        # anonymous: 401 before reading; beyond a form's 1 MB, 413 (also before reading)
        for size, status in ((2**19, b"401"), (150 * 2**20, b"413"), (2 * 2**30, b"413")):
            upload = (
                "POST /import/preview HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data;"
                f" boundary=b\r\nContent-Length: {size}\r\n\r\n"
            )
            answer, took, closed = _send_head(base, upload, first + b"x" * 2**18)
            assert answer.startswith(b"HTTP/1.1 " + status), answer[:200]
            assert took < 2 and closed
        login = (
            "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
            f"\r\nContent-Length: {1000 * 2**20}\r\n\r\n"
        )
        answer, took, closed = _send_head(base, login, b"username=" + b"a" * 2**20)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert took < 2 and closed
        chunked = (
            "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
            "\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        body = b"".join(b"%x\r\n%s\r\n" % (2**16, b"a" * 2**16) for _ in range(4))
        answer, took, closed = _send_head(base, chunked, body)  # no Content-Length: counted
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert httpx.get(base + "/healthz").status_code == 200
    assert not any(spool.rglob("*")) and not any(uploads.rglob("*.csv"))


def test_a_name_with_a_right_to_left_override_cannot_reorder_the_page(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    name = "Бектанов \u202eМажит"
    rows = [["№", "ФИО", "Год рождения"], ["1", name, "1914"]]
    import_table(sqlite_engine, write_csv(tmp_path / "l.csv", rows), SourceInfo("l", "l", "l"))
    link_database(sqlite_engine, threshold=0.9, floor=0.001)
    client = TestClient(create_app(load_settings(), sqlite_engine))
    with sqlite_engine.connect() as conn:
        uid = conn.execute(select(s.person.c.uid)).scalar_one()
    page = client.get(f"/person/{uid}").text
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "\u202e" not in title[1]  # no markup in a title: the control is dropped
    assert title[1].startswith("\u2068Бектанов Мажит\u2069")  # and the name isolated
    assert f"<h1><bdi>{name}</bdi></h1>" in page
    assert f"<li><bdi>{name}</bdi></li>" in page and f"<td><bdi>{name}</bdi></td>" in page
    found = client.get("/search", params={"q": "Бектанов"}).text
    assert re.search(f'<bdi><a href="/person/{uid}">{name}</a></bdi>', found)
    assert all(m.start() > m.string.rfind("<bdi>", 0, m.start()) > m.string.rfind("</bdi>", 0,
               m.start()) for m in re.finditer("\u202e", page))  # fmt: skip


def test_a_login_on_a_read_only_database_says_so(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    writable = create_db_engine(f"sqlite:///{path}")
    migrate(writable)
    accounts.create_user(writable, "editor", PASSWORD, "editor", actor="test")
    writable.dispose()
    read_only = create_db_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    client = TestClient(create_app(load_settings(), read_only), raise_server_exceptions=False)
    for password in (PASSWORD, "wrong"):
        form = login_form(client.get("/login").text, "editor") | {"password": password}
        page = client.post("/login", data=form, follow_redirects=False)
        assert page.status_code == 503, page.text
        assert "the database is read-only" in page.text


def test_an_upload_name_longer_than_a_file_system_allows(engine: Engine, tmp_path: Path) -> None:
    settings = load_settings(database_url=str(engine.url), upload_dir=tmp_path / "uploads")
    client = TestClient(create_app(settings, engine=engine))
    with engine.connect() as conn:
        if accounts.find_user(conn, "editor") is None:
            accounts.create_user(engine, "editor", PASSWORD, "editor", actor="test")
    client.post("/login", data=login_form(client.get("/login").text, "editor"))
    client.headers["X-CSRF-Token"] = csrf_of(client.get("/account").text)
    name = "Список казахов " * 30 + ".csv"  # 480 bytes in UTF-8
    page = client.post("/import/preview", files={"file": (name, _big_csv(3))},
                       data={"key": "long", "title": "Long", "citation": "c"})  # fmt: skip
    assert page.status_code == 200, page.text
    stored = [p.name for p in (tmp_path / "uploads").rglob("*.csv")]
    assert len(stored) == 1 and len(stored[0].encode()) <= 255 and stored[0].endswith(".csv")
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    assert "3 records imported" in client.post("/import/commit", data=fields).text
    assert not any((tmp_path / "uploads").rglob("*.csv"))  # deleted once imported


def test_abandoned_uploads_are_deleted_after_the_keep_time(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path / "u", keep_hours=1)
    old = uploads.save("old.csv", io.BytesIO(b"a,b\n1,2\n"))
    stale = time.time() - 2 * 3600
    os.utime(tmp_path / "u" / old, (stale, stale))
    fresh = uploads.save("new.csv", io.BytesIO(b"a,b\n1,2\n"))  # each upload sweeps
    assert not (tmp_path / "u" / old).exists() and uploads.path(fresh).name == "new.csv"


def test_exports_count_against_the_rate_limit_by_their_cost(linked: Engine) -> None:
    settings = load_settings(database_url=str(linked.url), search_rate_per_minute=25)
    client = TestClient(create_app(settings, linked))
    codes = [client.get("/export/collection.html").status_code for _ in range(3)]
    assert codes == [200, 200, 429]  # 10 units each: a collection renders every dossier
    assert [client.get("/search?q=Bektanov").status_code for _ in range(6)] == [200] * 5 + [429]
    other = TestClient(create_app(load_settings(database_url=str(linked.url),
                                                search_rate_per_minute=3), linked))  # fmt: skip
    with linked.connect() as conn:
        uid = conn.execute(select(s.person.c.uid)).scalars().first()
    for suffix in (".ged", ".jsonld"):  # a person's exports are limited too
        codes = [other.get(f"/person/{uid}{suffix}").status_code for _ in range(2)]
        assert 429 in codes or suffix == ".ged", codes
    assert other.get(f"/person/{uid}.ged").status_code == 429


def test_large_anonymous_exports_are_refused_editors_get_them(demo_db: str, tmp_path: Path) -> None:
    copy = tmp_path / "demo.db"  # the session's demo database stays as it is
    shutil.copy(demo_db.removeprefix("sqlite:///"), copy)
    engine = create_db_engine(f"sqlite:///{copy}")
    client = TestClient(create_app(load_settings(database_url=f"sqlite:///{copy}"), engine))
    with engine.connect() as conn:
        living = s.person.c.merged_into_id.is_(None)  # persons folded into others are no hits
        persons = conn.execute(
            select(func.count()).select_from(s.person).where(living)
        ).scalar_one()
    assert persons > 100  # more than a visitor's collection gives, fewer than a table export
    for url in ("/export/collection.pdf", "/export/collection.html"):
        refused = client.get(url)
        assert refused.status_code == 403, (url, refused.status_code)
        assert f"{persons:,} persons are selected; without a login" in refused.text
    assert client.get("/export/persons.csv").status_code == 200
    log_in(client, engine, "exporter")
    assert client.get("/export/collection.html").status_code == 200


def test_a_bug_in_our_row_code_is_not_called_a_damaged_file() -> None:
    def damaged() -> Iterator[int]:
        yield 1
        raise zipfile.BadZipFile("Bad CRC-32 for file 'xl/worksheets/sheet1.xml'")

    said = []
    with pytest.raises(SourceError, match=r"damaged .*Bad CRC-32"):
        for item in guarded(damaged(), lambda exc: SourceError(f"damaged ({exc})", file="a")):
            said.append(item)
    assert said == [1]  # what came before the damage was handed over
    with pytest.raises(KeyError, match="our own bug"):  # the caller's error is its own
        for _ in guarded(iter([1]), lambda exc: SourceError("damaged", file="a")):
            raise KeyError("our own bug")
