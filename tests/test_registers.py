"""Registers as they come: one file a shipped profile, written in the register's own headers,
encoding and separator (rows of invented men, facts only), imported with every column mapped;
ages, compound cells, archival references and the citation they give; a register's own
duplicates; the demo's OBD-format excerpt against the Mysen list."""

from __future__ import annotations

import csv
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.dates import Precision, parse_age, parse_date, split_dated
from tagdyr.demo.build import data_dir
from tagdyr.errors import ConfigError
from tagdyr.export.collection import build_collection, render_html
from tagdyr.export.gedcom import write_gedcom
from tagdyr.export.jsonld import person_document
from tagdyr.export.tables import build_tables
from tagdyr.link.engine import explain_pair
from tagdyr.link.files import link_files, read_records
from tagdyr.persons.linking import link_database
from tagdyr.settings import load_settings
from tagdyr.sources.columns import map_columns, parse_mapping
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.sources.profiles import (
    detect_profiles,
    load_profile,
    shipped_profiles,
    unmapped_headers,
)
from tagdyr.store import schema as s
from tagdyr.store.queries import get_dossier
from tagdyr.web.app import create_app
from tests.files import Rows, write_csv

CITATION = "ЦАМО, ф. 58, оп. 18003, д. 1412"
BASE = "https://tagdyr.example"


@dataclass(frozen=True)
class RegisterFile:
    profile: str
    rows: Rows
    encoding: str
    delimiter: str
    expected: list[dict[str, object]]  # per row: surname, birth year, precision, citation


OBD_HEADER = [
    "Фамилия", "Имя", "Отчество", "Дата рождения/Возраст", "Место рождения",
    "Дата и место призыва", "Последнее место службы", "Воинское звание", "Судьба",
    "Дата выбытия", "Лагерный номер", "Дата пленения", "Место пленения", "Лагерь",
    "Дата смерти", "Первичное место захоронения", "Название источника донесения",
    "Номер фонда источника информации", "Номер описи источника информации",
    "Номер дела источника информации",
]  # fmt: skip
OBD_ROWS: Rows = [
    OBD_HEADER,
    # one invented man, three records: a loss report, a POW card and a burial record
    ["Сапаров", "Нурлан", "Ахметович", "__.__.1915", "Казахская ССР, Акмолинская обл.",
     "__.__.1941 Акмолинский РВК, Казахская ССР, Акмолинская обл.", "", "красноармеец",
     "пропал без вести", "__.09.1941", "", "", "", "", "", "", "ЦАМО", "58", "18003", "1412"],
    ["Сапаров", "Нурлан", "Ахметович", "1915", "Акмолинская обл.", "", "", "красноармеец",
     "погиб в плену", "", "31415", "08.08.1941", "Умань", "Шталаг 326", "14.02.1942", "",
     "ЦАМО", "58", "977521", "2001"],
    ["Сапаров", "Нурлан", "Ахметович", "xx.xx.1915", "", "", "", "", "", "", "", "", "", "",
     "14.02.1942", "Германия, Штукенброк", "ЦАМО", "58", "977521", "2002"],
    # an age instead of a birth date, counted from the date of the record
    ["Тулегенов", "Ерлан", "", "35 лет", "", "", "", "сержант", "погиб", "12.05.1942", "", "",
     "", "", "", "", "", "58", "18004", "77"],
]  # fmt: skip

REGISTERS = [
    RegisterFile("obd-memorial", OBD_ROWS, "cp1251", ";", [
        {"surname": "Сапаров", "birth": (1915, "year"), "citation": CITATION,
         "kind": "loss report", "conscription": ("1941", "Акмолинский РВК, Казахская ССР, "
                                                 "Акмолинская обл.")},
        {"surname": "Сапаров", "birth": (1915, "year"), "identifier": "31415",
         "citation": "ЦАМО, ф. 58, оп. 977521, д. 2001", "kind": "POW card",
         "capture": ("1941-08-08", "Умань")},
        {"surname": "Сапаров", "birth": (1915, "year"), "kind": "burial",
         "citation": "ЦАМО, ф. 58, оп. 977521, д. 2002", "burial": "Германия, Штукенброк"},
        {"surname": "Тулегенов", "birth": (1907, "about"), "kind": "loss report",
         "anchor": "the record's date 12.05.1942 (Дата выбытия)",
         "citation": "ЦАМО, ф. 58, оп. 18004, д. 77"},
    ]),
    RegisterFile("pamyat-naroda", [
        ["Фамилия", "Имя", "Отчество", "Дата рождения", "Место рождения", "Дата призыва",
         "Место призыва", "Воинское звание", "Воинская часть", "Судьба", "Дата выбытия",
         "Документ", "Дата документа", "Архив", "Фонд", "Опись", "Единица хранения",
         "Номер записи"],
        ["Кенжебаев", "Арман", "Саматович", "xx.xx.1920", "Карагандинская обл.", "__.__.1940",
         "Карагандинский ГВК", "сержант", "112 сд", "пропал без вести", "__.08.1942",
         "Донесение о безвозвратных потерях", "20.10.1942", "ЦАМО", "33", "686044", "1234",
         "123456789"],
        ["Мусин", "Айдар", "", "25 лет", "", "", "", "рядовой", "", "убит", "", "", "20.10.1942",
         "ЦАМО", "33", "686044", "1235", "123456790"],
    ], "utf-8-sig", ";", [
        {"surname": "Кенжебаев", "birth": (1920, "year"), "kind": "loss report",
         "citation": "ЦАМО, ф. 33, оп. 686044, ед. хр. 1234",
         "conscription": ("1940", "Карагандинский ГВК")},
        {"surname": "Мусин", "birth": (1917, "about"), "kind": "loss report",
         "anchor": "the document's date 20.10.1942 (Дата документа)",
         "citation": "ЦАМО, ф. 33, оп. 686044, ед. хр. 1235"},
    ]),
    RegisterFile("kz-mod-memorial", [
        ["Фамилия", "Имя", "Отчество", "Год рождения", "Место рождения", "Дата и место призыва",
         "Воинское звание", "Причина выбытия", "Дата выбытия", "Источник информации"],
        ["Ермеков", "Болат", "", "1916", "Семипалатинская обл.",
         "1937, Жарминский РВК, Казахская ССР, Семипалатинская обл.", "ефрейтор",
         "пропал без вести", "__.10.1941", "ЦАМО, ф. 58, оп. 18002, д. 77, л. 12"],
        ["Ильясов", "Марат", "", "30 лет", "", "", "рядовой", "убит", "03.02.1943", ""],
    ], "utf-8", ",", [
        {"surname": "Ермеков", "birth": (1916, "year"), "kind": "loss report",
         "citation": "ЦАМО, ф. 58, оп. 18002, д. 77, л. 12",
         "conscription": ("1937", "Жарминский РВК, Казахская ССР, Семипалатинская обл.")},
        {"surname": "Ильясов", "birth": (1913, "about"), "kind": "loss report"},
    ]),
    RegisterFile("arolsen", [
        ["Last name", "First name", "Maiden name", "Date of birth", "Place of birth",
         "Nationality", "Prisoner number", "Camp", "Document type", "Archival unit", "DocID"],
        ["Abenov", "Serik", "", "12.03.1913", "Semipalatinsk", "Soviet", "45123", "Buchenwald",
         "Individual documents", "1.1.5.3", "7012345"],
    ], "utf-8", ",", [
        {"surname": "Abenov", "birth": (1913, "day"), "identifier": "45123",
         "citation": "Arolsen Archives, 1.1.5.3, DocID 7012345"},
    ]),
    RegisterFile("norway-repatriation", [
        ["Løpenr", "Etternavn", "Fornavn", "Farsnavn", "Fødselsår", "Fødested", "Nasjonalitet",
         "Grad", "Leir", "Fangenummer", "Hjemsendt", "Død", "Gravlagt", "Arkivreferanse"],
        ["1", "Ospanov", "Kairat", "Bekovitsj", "1916", "Karaganda", "kasakhisk", "menig",
         "Mysen", "4711", "18.06.1945", "", "", "RA/S-0000/Test/L0001"],
        ["2", "Nurpeisov", "Daulet", "", "1920", "", "", "", "Beisfjord", "4712", "", "12.01.1944",
         "Narvik", "RA/S-0000/Test/L0002"],
    ], "utf-8", "\t", [
        {"surname": "Ospanov", "birth": (1916, "year"), "identifier": "4711",
         "kind": "repatriation list", "citation": "Arkivverket, RA/S-0000/Test/L0001"},
        {"surname": "Nurpeisov", "birth": (1920, "year"), "kind": "death register",
         "citation": "Arkivverket, RA/S-0000/Test/L0002", "burial": "Narvik"},
    ]),
    RegisterFile("german-pow-card", [
        ["Name", "Vorname", "Vatersname", "Geburtstag und -ort", "Staatsangehörigkeit",
         "Dienstgrad", "Truppenteil", "Zivilberuf", "Erkennungsmarke", "Gefangennahme",
         "Stalag", "Archiv", "Fond", "Opis", "Akte", "Blatt"],
        ["Tokanow", "Bolat", "Ismail", "12.3.1914 Pawlodar", "UdSSR", "Soldat", "Inf.Rgt. 12",
         "Schlosser", "IV B 12345", "7.8.1941 Uman", "IV B", "", "58", "977521", "1234", "2"],
    ], "cp1252", ";", [
        {"surname": "Tokanow", "birth": (1914, "day"), "birth_place": "Pawlodar",
         "identifier": "IV B 12345", "kind": "POW card", "capture": ("1941-08-07", "Uman"),
         "citation": "ЦАМО, ф. 58, оп. 977521, д. 1234, л. 2"},
    ]),
    RegisterFile("chokay-archive", [
        ["№", "Фамилия и.и.з.", "г.г. рож.", "г.г. арест.", "Место плен.", "Степень захв."],
        ["1", "Сейтов Асан", "1918", "1939", "Зап.ф.", "Шофер"],
        ["2", "Абдиев Карим", "ок. 1917", "1940", "Восток", "Слесарь"],
    ], "utf-8", ",", [
        {"surname": "Сейтов", "birth": (1918, "year")},
        {"surname": "Абдиев", "birth": (1917, "about")},
    ]),
]  # fmt: skip


def _write(tmp_path: Path, register: RegisterFile) -> Path:
    name = f"{register.profile}.{'tsv' if register.delimiter == chr(9) else 'csv'}"
    return write_csv(
        tmp_path / name, register.rows, encoding=register.encoding, delimiter=register.delimiter
    )


def _stored(engine: Engine) -> list[tuple[dict[str, object], list[object]]]:
    with engine.connect() as conn:
        records = conn.execute(select(s.record).order_by(s.record.c.id)).mappings().all()
        claims = conn.execute(select(s.claim).order_by(s.claim.c.id)).all()
    return [
        (dict(r), [c for c in claims if c.record_id == r["id"]]) for r in records
    ]  # fmt: skip


def test_every_register_has_a_shipped_profile() -> None:
    assert set(shipped_profiles()) == {r.profile for r in REGISTERS}


@pytest.mark.parametrize("register", REGISTERS, ids=lambda r: r.profile)
def test_each_profile_maps_every_header_of_its_register(
    tmp_path: Path, register: RegisterFile
) -> None:
    profile = load_profile(register.profile)
    header = register.rows[0]
    assert unmapped_headers(header, profile) == []
    mapping = map_columns(header, profile, "test")
    ignored = [h for h in header if profile.columns.get(h) == "-"]
    assert sorted(mapping) == [i for i, h in enumerate(header) if h not in ignored]
    assert [p.register.name for p in detect_profiles(header) if p.register] == [register.profile]


@pytest.mark.parametrize("register", REGISTERS, ids=lambda r: r.profile)
def test_each_register_imports_with_its_fields_birth_years_and_citations(
    sqlite_engine: Engine, tmp_path: Path, register: RegisterFile
) -> None:
    path = _write(tmp_path, register)
    source = SourceInfo("test-register", "", "", "")
    result = import_table(sqlite_engine, path, source)  # detected from the headers
    assert result.profile == register.profile
    stored = _stored(sqlite_engine)
    assert len(stored) == len(register.expected)
    for (record, claims), expected in zip(stored, register.expected, strict=True):
        _check_record(record, claims, expected)
    with sqlite_engine.connect() as conn:
        title, kind = conn.execute(select(s.source.c.title, s.source.c.kind)).one()
    assert title == load_profile(register.profile).register.title  # type: ignore[union-attr]
    assert kind == load_profile(register.profile).register.kind  # type: ignore[union-attr]


def _check_record(
    record: dict[str, object], claims: list[object], expected: dict[str, object]
) -> None:
    normalized = json.loads(str(record["normalized"]))
    provenance = normalized["provenance"]
    by_kind = {c.kind: c for c in claims}  # type: ignore[attr-defined]
    assert record["surname"] == expected["surname"]
    year, precision = expected["birth"]  # type: ignore[misc]
    assert record["birth_year"] == year
    assert by_kind["birth"].date_precision == precision
    if precision == "about" and "лет" in by_kind["birth"].value:
        assert "age" in by_kind["birth"].note and str(year) in by_kind["birth"].note
    if "anchor" in expected:
        assert str(expected["anchor"]) in by_kind["birth"].note
    assert provenance.get("citation") == expected.get("citation")
    assert provenance.get("record_kind") == expected.get("kind")
    if "identifier" in expected:
        assert by_kind["identifier"].value == expected["identifier"]
    if "conscription" in expected:
        date, place = expected["conscription"]  # type: ignore[misc]
        assert (by_kind["conscription"].date_start, by_kind["conscription"].place) == (date, place)
    if "capture" in expected:
        date, place = expected["capture"]  # type: ignore[misc]
        assert (by_kind["capture"].date_start, by_kind["capture"].place) == (date, place)
    if "burial" in expected:
        assert by_kind["burial"].place == expected["burial"]
    if "birth_place" in expected:
        assert record["birth_place"] == expected["birth_place"]


def test_a_profile_given_by_name_wins_and_the_cli_says_which(tmp_path: Path) -> None:
    path = _write(tmp_path, REGISTERS[0])
    db = tmp_path / "cli.db"
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--db", str(db)]).exit_code == 0
    done = runner.invoke(app, ["import", str(path), "--profile", "obd-memorial", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert "profile obd-memorial" in done.output
    wrong = runner.invoke(app, ["import", str(path), "--profile", "obd", "--db", str(db)])
    assert isinstance(wrong.exception, ConfigError)  # `main` prints it as one red line
    assert "shipped profiles: arolsen, chokay-archive" in str(wrong.exception)
    listed = runner.invoke(app, ["profiles"])
    assert "pamyat-naroda" in listed.output and "german-pow-card" in listed.output


def test_a_users_own_profile_is_a_toml_file(sqlite_engine: Engine, tmp_path: Path) -> None:
    profile = tmp_path / "regional.toml"
    profile.write_text(
        '[profile]\nname = "regional-book"\ntitle = "Книга памяти области"\n'
        'citation = "{archive}, ф. {fond}, оп. {opis}, д. {delo}"\narchive = "ГАПО"\n'
        '[columns]\n"ФИО" = "full_name"\n"Родился" = ["birth_date", "birth_place"]\n'
        '"Шифр" = ["archive", "fond", "opis", "delo"]\n',
        encoding="utf-8",
    )
    path = write_csv(
        tmp_path / "book.csv",
        [["ФИО", "Родился", "Шифр"], ["Айтбаев Жанат", "1912, Павлодар", "ф. 9, оп. 1, д. 5"]],
    )
    import_table(
        sqlite_engine, path, SourceInfo("book", "", ""), mapping=load_profile(str(profile))
    )
    [(record, _claims)] = _stored(sqlite_engine)
    assert (record["birth_year"], record["birth_place"]) == (1912, "Павлодар")
    provenance = json.loads(str(record["normalized"]))["provenance"]
    assert provenance["citation"] == "ГАПО, ф. 9, оп. 1, д. 5"
    assert provenance["register"] == "regional-book"


P = '[profile]\nname = "x"\n'
BAD_PROFILES = [
    (P + 'register = "y"\n', r"\[profile\] has unknown key\(s\) \['register'\]; valid keys: name"),
    (P + '[columns]\n"A" = "surnme"\n', r"'A' = 'surnme' is not a field; valid fields: id, full"),
    (
        P + '[columns]\n"A" = ["surname", "rank"]\n',
        r"'A' = \['surname', 'rank'\]: a compound cell is one date field",
    ),
    (
        P + '[columns]\n"A" = ["birth_date", "bogus"]\n',
        r"\['bogus'\] is not a field; valid fields: id,",
    ),
    (
        P + 'citation = "{archiv}, {fond}"\n',
        r"citation = '\{archiv\}, \{fond\}' names \['archiv'\], not fields; valid fields",
    ),
    (
        P + 'detect = ["B"]\n[columns]\n"A" = "surname"\n',
        r"detect = \['B'\] must list headers of \[columns\]; its headers: \['A'\]",
    ),
    (P + '[kinds]\n"POW card" = ["Z"]\n', r"\[kinds\] 'POW card' = \['Z'\] must list headers"),
    ('[profile]\ntitle = "x"\n', r"\[profile\] name is missing"),
    ('[kinds]\n"a" = []\n', r"\[kinds\] belongs to a profile"),
]


@pytest.mark.parametrize(("toml", "message"), BAD_PROFILES)
def test_a_bad_profile_is_refused_naming_the_key_and_what_is_valid(toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_mapping(tomllib.loads(toml), "mine.toml")


# --- ages and compound cells ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [("__.__.1914", "1914", "year"), ("xx.xx.1914", "1914", "year"), ("00.00.1914", "1914", "year"),
     ("__.05.1914", "1914-05", "month"), ("10.05.1914", "1914-05-10", "day")],
)  # fmt: skip
def test_blank_day_and_month_read_as_the_precision_left(
    text: str, start: str, precision: str
) -> None:
    parsed = parse_date(text)
    assert parsed is not None and (parsed.start, parsed.precision) == (start, Precision(precision))


@pytest.mark.parametrize(
    ("text", "age"),
    [("35 лет", 35), ("35 л.", 35), ("35", 35), ("35 Jahre", 35), ("1914", None), ("лет", None)],
)
def test_ages_as_registers_write_them(text: str, age: int | None) -> None:
    assert parse_age(text) == age


@given(
    day=st.integers(1, 28),
    month=st.integers(1, 12),
    year=st.integers(1880, 1930),
    place=st.text(st.sampled_from("абгдежз РКСТ,.-"), min_size=1).filter(
        lambda p: p.strip(" ,;:/–-\t") == p.strip() and p.strip() != "" and "  " not in p
    ),
    separator=st.sampled_from([" ", ", ", "; "]),
)
def test_a_date_and_place_cell_splits_into_both_as_written(
    day: int, month: int, year: int, place: str, separator: str
) -> None:
    date = f"{day:02d}.{month:02d}.{year}"
    assert split_dated(f"{date}{separator}{place}") == (date, place.strip())
    assert split_dated(f"{place}{separator}{date}") == (date, place.strip())


# --- archival references in the dossier and every export ------------------------------


@pytest.fixture
def obd_engine(sqlite_engine: Engine, tmp_path: Path) -> Engine:
    import_table(sqlite_engine, _write(tmp_path, REGISTERS[0]), SourceInfo("obd", "", ""))
    link_database(sqlite_engine, threshold=0.9, floor=0.05)
    return sqlite_engine


def _uid_of(engine: Engine, surname: str) -> str:
    with engine.connect() as conn:
        return str(
            conn.execute(
                select(s.person.c.uid)
                .select_from(s.record)
                .join(s.person_record, s.person_record.c.record_id == s.record.c.id)
                .join(s.person, s.person.c.id == s.person_record.c.person_id)
                .where(s.record.c.surname == surname)
            )
            .scalars()
            .first()
        )


def test_a_registers_duplicates_are_one_person_with_every_record(obd_engine: Engine) -> None:
    with obd_engine.connect() as conn:
        dossier = get_dossier(conn, _uid_of(obd_engine, "Сапаров"))
    kinds = sorted(r.provenance["record_kind"] for r in dossier.records)
    assert kinds == ["POW card", "burial", "loss report"]


def test_link_dedupe_finds_the_records_of_one_man_in_one_register(tmp_path: Path) -> None:
    path = _write(tmp_path, REGISTERS[0])
    runner = CliRunner()
    out = tmp_path / "dupes.csv"
    done = runner.invoke(app, ["link", "--dedupe", str(path), "--out", str(out)])
    assert done.exit_code == 0, done.output
    with out.open(encoding="utf-8") as handle:
        matches = {
            frozenset((row["left_id"], row["right_id"]))
            for row in csv.DictReader(handle)
            if row["is_match"] == "1"
        }
    # rows 2, 3 and 4 of the file are Сапаров's three records; row 5 is another man
    assert matches == {frozenset(p) for p in (("2", "3"), ("2", "4"), ("3", "4"))}


def test_the_citation_stands_in_the_dossier_gedcom_jsonld_csv_and_collection(
    obd_engine: Engine, tmp_path: Path
) -> None:
    uid = _uid_of(obd_engine, "Сапаров")
    url = f"sqlite:///{tmp_path / 'one.db'}"
    page = TestClient(create_app(load_settings(database_url=url))).get(f"/person/{uid}").text
    assert f"<cite>{CITATION}</cite>" in page
    with obd_engine.connect() as conn:
        gedcom = write_gedcom(conn, [uid], BASE, "7.0")
        document = person_document(conn, uid, BASE)
        tables = build_tables(conn, [uid], BASE)
        collection = render_html(build_collection(conn, [uid], title="t", selection="s", base=BASE))
    assert any(line.startswith(f"3 PAGE {CITATION}; ") for line in gedcom.splitlines())
    text = json.dumps(document, ensure_ascii=False)
    person = next(n for n in document["@graph"] if n.get("@type") == "Person")
    cited = [r for r in person["record"] if r.get("citation") == CITATION]
    assert len(cited) == 1
    parts = {"archive": "ЦАМО", "fond": "58", "opis": "18003", "delo": "1412"}
    assert parts.items() <= cited[0]["archivalReference"].items()
    assert f"{CITATION}; " in text  # each claim cites it too
    records = tables["records"]
    column = records.header.index("tagdyr_citation")
    assert CITATION in [row[column] for row in records.rows]
    assert CITATION in collection


def test_the_about_birth_year_of_an_age_is_explained_in_the_dossier(obd_engine: Engine) -> None:
    with obd_engine.connect() as conn:
        dossier = get_dossier(conn, _uid_of(obd_engine, "Тулегенов"))
    [birth] = [c for c in dossier.claims if c.kind == "birth"]
    assert (birth.value, birth.date_start, birth.precision) == ("35 лет", "1907", "about")
    assert birth.note is not None
    assert "12.05.1942 (Дата выбытия)" in birth.note and "1942 − 35" in birth.note


# --- the demo's OBD-format excerpt ----------------------------------------------------


def test_the_mysen_list_finds_bektanov_in_the_obd_excerpt_by_his_birth_year(
    tmp_path: Path,
) -> None:
    mysen = data_dir() / "norway_mysen_1945.csv"
    excerpt = data_dir() / "obd_format_excerpt.csv"
    out = tmp_path / "links.csv"
    link_files(mysen, excerpt, out, threshold=0.5, floor=0.05)
    with out.open(encoding="utf-8") as handle:
        matches = [r for r in csv.DictReader(handle) if r["is_match"] == "1"]
    assert [(m["left_id"], m["right_id"]) for m in matches] == [("1", "2")]
    left = read_records(mysen, "left")[0]
    right = next(r for r in read_records(excerpt, "right") if r.unique_id == "2")
    evidence = {e.comparison: e for e in explain_pair(left, right).evidence}
    assert evidence["birth"].level == "same birth year" and evidence["birth"].match_weight > 0


def test_the_obd_excerpt_gives_bektanov_no_archival_reference() -> None:
    """Only the seed's facts are his: it cites no fond, opis or delo for him."""
    path = data_dir() / "obd_format_excerpt.csv"
    with path.open(encoding="cp1251", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    [bektanov] = [r for r in rows if r["Фамилия"] == "Бектанов"]
    reference = [h for h in OBD_HEADER if "источника" in h]
    assert all(bektanov[h] == "" for h in reference)
    others = [r for r in rows if r["Фамилия"] != "Бектанов"]
    assert others and all(r["Примечание"].startswith("SYNTHETIC") for r in others)


def test_the_import_form_detects_the_profile_and_keeps_its_compound_cells(
    engine: Engine, tmp_path: Path
) -> None:
    from tests.test_web_import import _client, _form

    client = _client(engine, tmp_path)
    assert 'value="obd-memorial"' in client.get("/import").text  # the form offers each profile
    data = _write(tmp_path, REGISTERS[0]).read_bytes()
    page = client.post(
        "/import/preview",
        files={"file": ("obd.csv", data, "text/csv")},
        data={"key": "obd", "title": "OBD", "citation": "OBD Memorial"},
    ).text
    assert '<strong class="profile">obd-memorial</strong>' in page
    form = _form(page)
    assert form["profile"] == "obd-memorial"
    assert form["col:Дата рождения/Возраст"] == "birth_date+age"
    done = client.post("/import/commit", data=form)
    assert done.status_code == 200, done.text
    births: dict[object, tuple[object, dict[str, str]]] = {}
    for r, _ in _stored(engine):  # the first record of each man
        provenance = json.loads(str(r["normalized"]))["provenance"]
        births.setdefault(r["surname"], (r["birth_year"], provenance))
    assert births["Тулегенов"][0] == 1907
    assert births["Сапаров"][1]["citation"] == CITATION
    again = client.post(  # a new upload: a committed one only shows its import's result
        "/import/preview",
        files={"file": ("obd2.csv", data, "text/csv")},
        data={"key": "obd2", "title": "OBD", "citation": "OBD Memorial"},
    ).text
    bad = dict(_form(again), profile="nonesuch")
    assert client.post("/import/commit", data=bad).status_code == 400


def test_the_command_line_dossier_cites_the_archival_reference(
    obd_engine: Engine, tmp_path: Path
) -> None:
    """`tagdyr person` names the row's archival reference, as the web dossier does."""
    from typer.testing import CliRunner

    from tagdyr.cli import app

    shown = CliRunner().invoke(
        app,
        ["person", _uid_of(obd_engine, "Сапаров"), "--db", str(tmp_path / "one.db")],
        env={"COLUMNS": "300"},
    )
    assert shown.exit_code == 0, shown.output
    assert CITATION in shown.output
