"""Exports, each parsed back or validated by an independent library: CSV/XLSX through the
importer and openpyxl, JSON-LD through rdflib and PyLD, GEDCOM 7 through gedcom7, GEDCOM 5.5.1
through ged4py, the PDF collection rendered to images by PDFium, the dump restored."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, text

from tagdyr.errors import SourceError, StorageError
from tagdyr.export.collection import build_collection, render_html, render_pdf
from tagdyr.export.dump import import_dump, write_dump
from tagdyr.export.gedcom import gedcom_date, write_gedcom
from tagdyr.export.jsonld import TERMS, person_document, write_collection
from tagdyr.export.selection import Selection, selected_uids
from tagdyr.export.tables import build_tables, write_csv, write_xlsx
from tagdyr.persons.linking import link_database
from tagdyr.search import Filters
from tagdyr.sources.formulas import guard, unguard
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tests.files import write_csv as write_list

BASE = "https://tagdyr.example.org"
KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
ROOT = Path(__file__).resolve().parents[1]
# names written in Kazakh Cyrillic (invented for the tests: they describe nobody), and cells
# that a spreadsheet would run as formulas
KAZAKH_LIST = [
    ["№", "Тегі", "Аты", "Туған жылы", "Туған жері", "Әскери атағы"],
    ["1", "Қасымжанов", "Ғаббас", "1916", "Павлодар облысы", "қатардағы жауынгер"],
    ["2", "Нұрмағамбетов", "Үсен", "1919", "Ақмола облысы", '=HYPERLINK("http://x")'],
    ["3", "Әбілқайыров", "Іңкәр", "1921", "Қарағанды облысы", "+сержант"],
    ["4", "Өтегенов", "Һидаят", "ок. 1915", "@Гурьев", "-"],
]


@pytest.fixture(scope="module")
def export_db(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo database plus a list written in Kazakh Cyrillic, linked."""
    path = tmp_path_factory.mktemp("export") / "export.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), path)
    engine = create_db_engine(f"sqlite:///{path}")
    source = write_list(path.parent / "kazakh_list.csv", KAZAKH_LIST)
    import_table(engine, source, SourceInfo("kazakh-list", "Тізім (сынақ)", "сынақ тізімі"))
    link_database(engine, threshold=0.9, floor=0.01)
    engine.dispose()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def engine(export_db: str) -> Engine:
    return create_db_engine(export_db)


def _all(engine: Engine, **filters: object) -> list[str]:
    with engine.connect() as conn:
        return selected_uids(conn, Selection(filters=Filters(**filters)))  # type: ignore[arg-type]


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


# --- tables -----------------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from(list("=+-@'\t\r a1" + KAZAKH + "Жж"))))
def test_formula_guard_is_lossless_and_never_starts_a_formula(cell: str) -> None:
    guarded = guard(cell)
    assert unguard(guarded) == cell
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_records_round_trip_through_the_importer(engine: Engine, tmp_path: Path, fmt: str) -> None:
    with engine.connect() as conn:
        tables = build_tables(conn, _all(engine), BASE)
        original = {
            r.id: r
            for r in conn.execute(
                select(
                    s.record.c.id,
                    s.record.c.surname,
                    s.record.c.given_name,
                    s.record.c.patronymic,
                    s.record.c.birth_year,
                    s.record.c.birth_date,
                )
            )
        }
        claims = Counter(
            conn.execute(
                select(s.claim.c.record_id, s.claim.c.kind, s.claim.c.value, s.claim.c.date_start)
            ).all()
        )
    path = tmp_path / f"records.{fmt}"
    if fmt == "csv":
        with path.open("wb") as out:
            write_csv(tables["records"], out)
    else:
        write_xlsx([tables["records"]], path)
    target = create_db_engine(f"sqlite:///{tmp_path / 'back.db'}")
    migrate(target)
    import_table(target, path, SourceInfo("back", "re-imported", "export"))
    with target.connect() as conn:
        back = conn.execute(select(s.record)).all()
        back_claims = conn.execute(
            select(s.claim.c.record_id, s.claim.c.kind, s.claim.c.value, s.claim.c.date_start)
        ).all()
    assert len(back) == len(original) == len(tables["records"].rows)
    origin = {r.id: int(json.loads(r.verbatim)["tagdyr_uri"].rsplit("-", 1)[1]) for r in back}
    for row in back:
        was = original[origin[row.id]]
        assert (row.surname, row.given_name, row.patronymic, row.birth_year, row.birth_date) == (
            was.surname,
            was.given_name,
            was.patronymic,
            was.birth_year,
            was.birth_date,
        )
    assert Counter((origin[c[0]], *c[1:]) for c in back_claims) == claims
    written = {r.full_name for r in back}
    assert {"Қасымжанов Ғаббас", "Әбілқайыров Іңкәр", "Өтегенов Һидаят"} <= written


def test_formula_cells_are_text_in_csv_and_xlsx(engine: Engine, tmp_path: Path) -> None:
    uids = _all(engine, source="kazakh-list")
    with engine.connect() as conn:
        tables = build_tables(conn, uids, BASE)
    for table in tables.values():
        with (tmp_path / f"{table.name}.csv").open("wb") as out:
            write_csv(table, out)
        text_ = (tmp_path / f"{table.name}.csv").read_bytes().decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text_)):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    assert "'=HYPERLINK" in (tmp_path / "records.csv").read_text("utf-8-sig")
    write_xlsx(tables.values(), tmp_path / "all.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "all.xlsx")  # formulas would load as type "f"
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert {c.data_type for c in cells if c.value is not None} == {"s"}
    assert '=HYPERLINK("http://x")' in {c.value for c in cells}
    assert workbook.sheetnames == ["persons", "records", "claims", "sources"]


def test_tables_follow_a_search_and_a_list_order(engine: Engine) -> None:
    with engine.connect() as conn:
        chokay = selected_uids(conn, Selection(filters=Filters(source="chokay-5th-group")))
        tables = build_tables(conn, chokay, BASE)
        found = selected_uids(conn, Selection(query="Bektanow Mashit"))
    entries = [row[tables["records"].header.index("id")] for row in tables["records"].rows]
    # the list's own order; each man's row of the demo's scan of the list stands beside his row
    assert entries == [str(n) for n in range(1, 16) for _ in ("typed", "scan")]
    assert len(tables["persons"].rows) == 15 and tables["sources"].rows[0][1] == "chokay-5th-group"
    assert found and found[0] in {r[1] for r in _persons_named(engine, "Бектанов Мажит")}


def _persons_named(engine: Engine, label: str) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(s.person.c.id, s.person.c.uid).where(s.person.c.label == label))
        return [(r.id, r.uid) for r in rows]


# --- JSON-LD ------------------------------------------------------------------------------


def test_jsonld_of_the_database_parses_in_rdflib_with_every_claim(engine: Engine) -> None:
    import rdflib

    buffer = io.StringIO()
    uids = _all(engine)
    with engine.connect() as conn:
        write_collection(conn, uids, BASE, buffer)
    graph = rdflib.Graph().parse(data=buffer.getvalue(), format="json-ld")
    schema, tagdyr = rdflib.Namespace("https://schema.org/"), rdflib.Namespace(TERMS_NS)
    persons = set(graph.subjects(rdflib.RDF.type, schema.Person))
    assert len(persons) == len(uids)
    claims = set(graph.subjects(rdflib.RDF.type, tagdyr.Claim))
    assert len(claims) == _count(engine, s.claim)
    for claim in list(claims)[:200]:
        record = graph.value(claim, tagdyr.statedIn)
        assert graph.value(record, tagdyr.source) is not None
        assert graph.value(claim, tagdyr.valueAsWritten) is not None
    names = {str(o) for o in graph.objects(None, schema.name)}
    assert "Қасымжанов Ғаббас" in names and "Әбілқайыров Іңкәр" in names
    events = set(graph.subjects(rdflib.RDF.type, schema.Event))
    assert events and events <= claims


def test_person_jsonld_expands_offline_in_pyld(engine: Engine) -> None:
    from pyld import jsonld

    uid = _persons_named(engine, "Бектанов Мажит")[0][1]
    with engine.connect() as conn:
        document = person_document(conn, uid, BASE)
    expanded = jsonld.expand(document)  # the context is inline: no network
    person = next(n for n in expanded if "https://schema.org/Person" in n.get("@type", []))
    assert person["@id"] == f"{BASE}/person/{uid}"
    assert person["https://schema.org/name"][0]["@value"] == "Бектанов Мажит"
    spellings = {v["@value"] for v in person["https://schema.org/alternateName"]}
    assert "Bektanov Mazhit" in spellings
    assert person["https://schema.org/birthDate"][0]["@value"] == "1914-02-29"  # as stated
    places = json.dumps(expanded, ensure_ascii=False)
    assert "Mysen" in places and "https://schema.org/GeoCoordinates" in places


def test_every_tagdyr_term_is_documented() -> None:
    doc = (ROOT / "docs" / "vocabulary.md").read_text("utf-8")
    for term in TERMS:
        assert f"`tagdyr:{term}`" in doc, term


TERMS_NS = "https://w3id.org/tagdyr/vocab#"


# --- GEDCOM -------------------------------------------------------------------------------


def test_gedcom7_is_valid_for_the_gedcom7_library(engine: Engine) -> None:
    import gedcom7

    uids = _all(engine)
    with engine.connect() as conn:
        text_ = write_gedcom(conn, uids, BASE, "7.0")
    records = gedcom7.loads(text_)
    assert gedcom7.validate(records) == []
    people = [r for r in records if r.tag == "INDI"]
    assert len(people) == len(uids)
    sources = [r for r in records if r.tag == "SOUR"]
    assert len(sources) == _count(engine, s.source)
    names = {c.text for p in people for c in p.children if c.tag == "NAME"}
    assert {"Ғаббас /Қасымжанов/", "Іңкәр /Әбілқайыров/", "Һидаят /Өтегенов/"} <= names
    bektanov = next(p for p in people if any(c.text == "Мажит /Бектанов/" for c in p.children))
    tags = Counter(c.tag for c in bektanov.children)
    assert tags["NAME"] == 2 and tags["BIRT"] == 4 and tags["DEAT"] == 1
    birth = next(
        c
        for c in bektanov.children
        if c.tag == "BIRT" and any(d.text == "29 FEB 1914" for d in c.children)
    )
    citation = next(c for c in birth.children if c.tag == "SOUR")
    assert {c.tag for c in citation.children} == {"PAGE", "DATA"}


def test_gedcom551_reads_in_ged4py(engine: Engine, tmp_path: Path) -> None:
    from ged4py import GedcomReader

    uids = _all(engine, source="kazakh-list")
    with engine.connect() as conn:
        (tmp_path / "t.ged").write_text(write_gedcom(conn, uids, BASE, "5.5.1"), "utf-8")
    with GedcomReader(str(tmp_path / "t.ged")) as reader:
        people = list(reader.records0("INDI"))
        names = {p.name.format() for p in people}
        assert names == {
            "Ғаббас Қасымжанов",
            "Үсен Нұрмағамбетов",
            "Іңкәр Әбілқайыров",
            "Һидаят Өтегенов",
        }
        usen = next(p for p in people if p.name.surname == "Нұрмағамбетов")
        assert usen.sub_tag_value("FACT") == '=HYPERLINK("http://x")'
        assert usen.sub_tag("BIRT/SOUR/PAGE", follow=False).value == "kazakh_list.csv, row 3"
        assert [s.sub_tag_value("TITL") for s in reader.records0("SOUR")] == ["Тізім (сынақ)"]


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("1914-02-29", "1914-02-29", "day", "29 FEB 1914"),
        ("1942-03", "1942-03", "month", "MAR 1942"),
        ("1917", "1917", "about", "ABT 1917"),
        ("1913", "1914", "range", "BET 1913 AND 1914"),
        (None, None, None, None),
    ],
)
def test_gedcom_dates(
    start: str | None, end: str | None, precision: str | None, expected: str | None
) -> None:
    assert gedcom_date(start, end, precision) == expected


# --- the printable collection ---------------------------------------------------------------


def test_collection_pdf_of_the_chokay_list_renders_with_kazakh_letters(engine: Engine) -> None:
    import pypdfium2 as pdfium

    uids = _all(engine, source="chokay-5th-group") + _all(engine, source="kazakh-list")
    with engine.connect() as conn:
        collection = build_collection(
            conn,
            uids,
            title="Список 5-й группы казахов",
            selection="chokay-5th-group",
            base=BASE,
            lang="kk",
        )
    pdf = pdfium.PdfDocument(render_pdf(collection))
    out = ROOT / "test-output" / "collection"
    out.mkdir(parents=True, exist_ok=True)
    text_ = ""
    for number in range(len(pdf)):
        page = pdf[number]
        image = page.render(scale=1.2).to_pil().convert("L")
        image.save(out / f"chokay-page-{number + 1}.png")
        inked = sum(image.histogram()[:128]) / (image.width * image.height)
        assert inked > 0.002, f"page {number + 1} is blank"
        text_ += page.get_textpage().get_text_range()
    pdf.close()
    assert len(collection.entries) == 19
    flat = " ".join(text_.split())
    for entry in collection.entries:
        assert entry.dossier.label in flat, entry.dossier.label
    assert "Кіріспе" in flat and "Есімдердің барлық жазылу түрлерінің көрсеткіші" in flat
    assert "Әбілқайыров, Іңкәр" in flat  # the index, surname first


def test_collection_embeds_the_shipped_fonts(engine: Engine) -> None:
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    from tagdyr.export.collection import FONTS

    with engine.connect() as conn:
        collection = build_collection(
            conn,
            _all(engine, source="kazakh-list"),
            title="Тізім",
            selection="kazakh-list",
            base=BASE,
            lang="kk",
        )
    reader = PdfReader(io.BytesIO(render_pdf(collection)))
    fonts = {
        str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()
    }
    # the @font-face family of the shipped files, not a font of the system
    assert fonts and all(f.endswith(("+Collection-Sans", "+Collection-Sans-Bold")) for f in fonts)
    cmap = TTFont(str(FONTS / "DejaVuSans.ttf")).getBestCmap()
    used = set(render_html(collection))
    assert all(ord(ch) in cmap for ch in used if ch.isalpha()), "a letter without a glyph"


def test_collection_index_holds_every_spelling(engine: Engine) -> None:
    uid = _persons_named(engine, "Бектанов Мажит")[0][1]
    with engine.connect() as conn:
        collection = build_collection(conn, [uid], title="t", selection="s", base=BASE)
    assert [s for s, _ in collection.index] == ["Бектанов, Мажит", "Bektanov, Mazhit"]
    assert "also written: Bektanov Mazhit" in " ".join(render_html(collection).split())


# --- the full dump ----------------------------------------------------------------------------


def _data_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("data/")}


def test_dump_restores_losslessly_into_sqlite_and_postgresql(
    engine: Engine, tmp_path: Path, postgres_url: str
) -> None:
    from tests.conftest import _fresh_postgres

    first = tmp_path / "first.zip"
    descriptor = write_dump(engine, first)
    assert sum(r["rows"] for r in descriptor["resources"]) > 4000
    sqlite = create_db_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    migrate(sqlite)
    import_dump(sqlite, first)
    write_dump(sqlite, tmp_path / "second.zip")
    assert _data_files(first) == _data_files(tmp_path / "second.zip")
    _, pg = _fresh_postgres(postgres_url)
    migrate(pg)
    import_dump(pg, tmp_path / "second.zip")
    write_dump(pg, tmp_path / "third.zip")
    assert _data_files(first) == _data_files(tmp_path / "third.zip")
    with pg.begin() as conn:  # the sequences continue after the restored ids
        conn.execute(
            s.source.insert().values(
                key="new", title="t", citation="c", kind="list", created_at=func.now()
            )
        )
        assert (
            conn.execute(text("SELECT max(id) FROM source")).scalar_one() == 10
        )  # + OBD excerpt, scan
    pg.dispose()
    with zipfile.ZipFile(first) as archive:
        assert "Қасымжанов" in archive.read("data/record.jsonl").decode("utf-8")


def test_dump_refuses_a_full_database_and_a_damaged_file(engine: Engine, tmp_path: Path) -> None:
    dump = tmp_path / "d.zip"
    write_dump(engine, dump)
    with pytest.raises(StorageError, match="not empty"):
        import_dump(engine, dump)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(dump) as src, zipfile.ZipFile(damaged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "data/claim.jsonl":
                data = data.replace("қатардағы".encode(), "катардагы".encode())
            dst.writestr(name, data)
    target = create_db_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    migrate(target)
    with pytest.raises(SourceError, match=r"claim\.jsonl is damaged"):
        import_dump(target, damaged)
    assert _count(target, s.record) == 0 and _count(target, s.person) == 0  # nothing half-stored


@pytest.mark.parametrize("version", ["7.0", "5.5.1"])
def test_a_cell_that_reads_like_a_pointer_stays_text(
    sqlite_engine: Engine, tmp_path: Path, version: str
) -> None:
    rows = [["№", "Тегі", "Аты", "Әскери атағы"], ["1", "Қасымжанов", "Ғаббас", "@I1@"]]
    source = write_list(tmp_path / "pointer.csv", rows)
    import_table(sqlite_engine, source, SourceInfo("pointer-list", "Тізім", "сынақ"))
    link_database(sqlite_engine, threshold=0.9, floor=0.01)
    uids = _all(sqlite_engine)
    with sqlite_engine.connect() as conn:
        text_ = write_gedcom(conn, uids, BASE, version)
    lines = text_.splitlines()
    assert not any(line.endswith(" @I1@") for line in lines if " INDI" not in line)
    assert "1 FACT @@I1@" in lines if version == "7.0" else "1 FACT @@I1@@" in lines
    if version == "7.0":
        import gedcom7

        records = gedcom7.loads(text_)
        assert gedcom7.validate(records) == []
        person = next(r for r in records if r.tag == "INDI")
        assert [c.text for c in person.children if c.tag == "FACT"] == ["@I1@"]
