"""Importing lists: every format and encoding, verbatim cells, mapping, idempotence, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from tagdyr.errors import ConfigError, EncodingError, SourceError
from tagdyr.sources.columns import load_mapping_file, match_header
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tests.files import CHOKAY_LIKE, NORWEGIAN, write_csv, write_ods, write_xlsx

SOURCE = SourceInfo("test-list", "Test list", "Test archive, f. 1, op. 2, d. 3")


def _records(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(select(s.record).order_by(s.record.c.id)).mappings().all()
    return [dict(r) for r in rows]


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (s.source, s.document, s.record, s.claim, s.name_key)
        }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r"])
def test_csv_in_every_encoding_is_detected_and_kept_verbatim(
    engine: Engine, tmp_path: Path, encoding: str
) -> None:
    rows = CHOKAY_LIKE
    if encoding in ("cp1251", "koi8_r"):  # single-byte pages have no Kazakh letters, KOI8 no №
        rows = [[c.replace("№", "N") for c in r] for r in rows if "Жұманиязов" not in r]
    path = write_csv(tmp_path / "list.csv", rows, encoding=encoding)
    result = import_table(engine, path, SOURCE)
    assert result.encoding == ("utf-16" if encoding == "utf-16" else encoding)
    records = _records(engine)
    assert [json.loads(str(r["verbatim"])) for r in records] == [
        dict(zip(rows[0], row, strict=True)) for row in rows[1:]
    ]
    assert records[0]["surname"] == "Бектанов"
    assert records[0]["birth_year"] == 1914


def test_norwegian_cp1252_list_is_not_mistaken_for_cyrillic(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "mysen.csv", NORWEGIAN, encoding="cp1252", delimiter=";")
    result = import_table(engine, path, SOURCE)
    assert result.encoding == "cp1252"
    assert [r["surname"] for r in _records(engine)] == ["Bektanov", "Sjumanijasov", "Jøssupov"]


def test_encoding_override_is_used_and_a_wrong_one_names_row_and_column(
    engine: Engine, tmp_path: Path
) -> None:
    rows = [["Nr", "Surname", "Given"], ["1", "Bektanov", "Mazhit"], ["2", "Омаров", "Кабыш"]]
    path = write_csv(tmp_path / "list.csv", rows, encoding="cp1251")
    with pytest.raises(EncodingError) as caught:
        import_table(engine, path, SOURCE, encoding="utf-8")
    assert str(caught.value) == (
        "list.csv, row 3, column 2 (character 3): byte 0xce is not valid utf-8; the file is "
        "in another encoding (try without --encoding to detect it)"
    )
    result = import_table(engine, path, SOURCE, encoding="cp1251")
    assert result.encoding == "cp1251"
    assert _records(engine)[1]["given_name"] == "Кабыш"


def test_tsv_xlsx_and_ods_import_the_same_cells(engine: Engine, tmp_path: Path) -> None:
    files = [
        write_csv(tmp_path / "list.tsv", CHOKAY_LIKE, delimiter="\t"),
        write_xlsx(tmp_path / "list.xlsx", {"Лист1": CHOKAY_LIKE}),
        write_ods(tmp_path / "list.ods", {"Лист1": CHOKAY_LIKE}),
    ]
    expected = [dict(zip(CHOKAY_LIKE[0], row, strict=True)) for row in CHOKAY_LIKE[1:]]
    for n, path in enumerate(files):
        source = SourceInfo(f"src-{n}", path.name, path.name)
        result = import_table(engine, path, source)
        assert result.records == 4, path.name
        with engine.connect() as conn:
            rows = conn.execute(
                select(s.record.c.verbatim, s.record.c.sheet, s.record.c.row_number)
                .join(s.source)
                .where(s.source.c.key == source.key)
                .order_by(s.record.c.id)
            ).all()
        assert [json.loads(r.verbatim) for r in rows] == expected, path.name
        assert [r.row_number for r in rows] == [2, 3, 4, 5], path.name
        if path.suffix != ".tsv":
            assert {r.sheet for r in rows} == {"Лист1"}


def test_xlsx_with_several_sheets_keeps_sheet_and_row(engine: Engine, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "two.xlsx", {"Mysen": NORWEGIAN, "Tom": [["x"]], "Narvik": NORWEGIAN[:2]}
    )
    assert import_table(engine, path, SOURCE).records == 4
    locations = [r["location"] for r in _records(engine)]
    assert locations[0] == "two.xlsx, sheet Mysen, row 2"
    assert locations[-1] == "two.xlsx, sheet Narvik, row 2"


def test_title_lines_above_the_header_are_kept_as_preamble(engine: Engine, tmp_path: Path) -> None:
    rows = [
        ["Список 5-й группы казахов. 100 человек.", "", ""],
        ["", "", ""],
        ["№", "Фамилия и.и.з.", "г.г. рож."],
        ["1", "Жумайтов Абухайр", "1918"],
    ]
    path = write_csv(tmp_path / "chokay.csv", rows)
    result = import_table(engine, path, SOURCE)
    assert result.mapping == {"№": "id", "Фамилия и.и.з.": "full_name", "г.г. рож.": "birth_year"}
    with engine.connect() as conn:
        mapping = json.loads(conn.execute(select(s.document.c.mapping)).scalar_one())
    assert mapping["preamble"] == "Список 5-й группы казахов. 100 человек."
    record = _records(engine)[0]
    assert (record["entry_id"], record["surname"], record["given_name"], record["row_number"]) == (
        "1",
        "Жумайтов",
        "Абухайр",
        4,
    )


def test_reimport_of_the_same_file_is_a_no_op(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", CHOKAY_LIKE)
    first = import_table(engine, path, SOURCE)
    before = _counts(engine)
    again = import_table(engine, path, SOURCE)
    assert again.unchanged and again.document_id == first.document_id
    assert _counts(engine) == before


def test_changed_file_becomes_a_new_current_version(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", CHOKAY_LIKE)
    import_table(engine, path, SOURCE)
    write_csv(path, [*CHOKAY_LIKE, ["5", "Ахмедов", "Мохамед", "1916", "", ""]])
    second = import_table(engine, path, SOURCE)
    assert (second.version, second.records, second.unchanged) == (2, 5, False)
    with engine.connect() as conn:
        docs = conn.execute(
            select(s.document.c.version, s.document.c.is_current).order_by(s.document.c.version)
        ).all()
    assert [tuple(d) for d in docs] == [(1, False), (2, True)]
    assert _counts(engine)["record"] == 9  # the old version's records stay, for provenance


def test_malformed_row_names_file_row_and_column_and_leaves_no_trace(
    engine: Engine, tmp_path: Path
) -> None:
    import_table(engine, write_csv(tmp_path / "good.csv", CHOKAY_LIKE), SOURCE)
    before = _counts(engine)
    rows = [*CHOKAY_LIKE, ["5", "Ахмедов", "Мохамед", "1916", "", "", "лишняя ячейка"]]
    bad = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(SourceError) as caught:
        import_table(engine, bad, SourceInfo("other", "Other", "Other"))
    assert str(caught.value) == (
        "bad.csv, row 6, column 7: the row has a value ('лишняя ячейка') in a column without "
        "a header; the header has 6 columns"
    )
    assert _counts(engine) == before


def test_broken_quoting_is_reported_with_its_row(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('Фамилия,Имя\nБектанов,Мажит\n"Омаров,Кабыш\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"^quote\.csv, row 3: broken CSV quoting"):
        import_table(engine, path, SOURCE)
    assert _counts(engine)["record"] == 0


def test_failure_inside_the_database_rolls_back_the_whole_import(
    engine: Engine, tmp_path: Path
) -> None:
    """A constraint violation on the last row must remove the rows written before it."""
    from sqlalchemy import event

    from tagdyr.errors import StorageError

    path = write_csv(tmp_path / "list.csv", CHOKAY_LIKE)
    calls = {"n": 0}

    def fail_on_claims(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO claim"):
            calls["n"] += 1
            cursor.execute("INSERT INTO person_record (record_id, person_id) VALUES (-1, -1)")

    event.listen(engine, "before_cursor_execute", fail_on_claims)
    try:
        with pytest.raises(StorageError, match=r"list\.csv: the database refused the import"):
            import_table(engine, path, SOURCE)
    finally:
        event.remove(engine, "before_cursor_execute", fail_on_claims)
    assert calls["n"] == 1
    assert _counts(engine) == {"source": 0, "document": 0, "record": 0, "claim": 0, "name_key": 0}


def test_list_without_a_name_column_is_refused_with_advice(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "nonames.csv", [["a", "b"], ["1", "2"]])
    with pytest.raises(SourceError, match=r"nonames\.csv, row 1: no column holds names"):
        import_table(engine, path, SOURCE)


def test_toml_mapping_overrides_headers_and_is_validated(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "odd.csv",
        [["ФИО", "г.г. арест.", "Степень захв."], ["Кунаев Кунанбай", "1939", "Букаштер"]],
    )
    mapping = tmp_path / "odd.toml"
    mapping.write_text(
        '[columns]\n"г.г. арест." = "conscription"\n"Степень захв." = "occupation"\n',
        encoding="utf-8",
    )
    result = import_table(engine, path, SOURCE, mapping=load_mapping_file(mapping))
    assert result.mapping == {
        "ФИО": "full_name",
        "г.г. арест.": "conscription",
        "Степень захв.": "occupation",
    }
    with engine.connect() as conn:
        claims = {r.kind: (r.value, r.date_start) for r in conn.execute(select(s.claim))}
    assert claims == {"conscription": ("1939", "1939"), "occupation": ("Букаштер", None)}

    mapping.write_text('[columns]\n"ФИО" = "fio"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'fio' is not a field; valid fields: id, full_name"):
        load_mapping_file(mapping)
    mapping.write_text('[columns]\n"Отчество" = "patronymic"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"maps column\(s\) \['Отчество'\] that odd.csv does not"):
        import_table(engine, path, SOURCE, mapping=load_mapping_file(mapping))


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Фамилия", "surname"),
        ("Аты-жөні", "full_name"),
        ("Etternavn", "surname"),
        ("Nom", "surname"),
        ("Prénom", "given_name"),
        ("Geburtsjahr", "birth_year"),
        ("Туған жылы", "birth_year"),
        ("Date de naissance", "birth_date"),
        ("Født", "birth_date"),
        ("Vorname", "given_name"),
        ("Воинское звание", "rank"),
        ("Leir", "camp"),
        ("Отчество", "patronymic"),
        ("г.г. рож.", "birth_year"),
        ("Место плен.", "capture_place"),
        ("Nasjonalitet", "nationality"),
        ("Hjemsted", "residence"),
        ("Источник", "source"),
        ("Причина выбытия", "fate"),
        ("Реабилитирован", "rehabilitation_date"),
        ("Примечание", None),
    ],
)
def test_headers_in_six_languages_map_to_fields(header: str, field: str | None) -> None:
    assert match_header(header) == field


def test_birth_date_claims_keep_impossible_dates_flagged(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "mysen.csv", NORWEGIAN[:2])
    import_table(engine, path, SOURCE)
    with engine.connect() as conn:
        birth = conn.execute(select(s.claim).where(s.claim.c.kind == "birth")).mappings().one()
    assert birth["value"] == "29.02.1914"
    assert birth["date_start"] == "1914-02-29"
    assert birth["note"] == "1914-02-29 is not a calendar date (1914 was not a leap year)"


def test_the_contracts_own_column_names_map_to_themselves() -> None:
    contract = [
        "id",
        "full_name",
        "surname",
        "given_name",
        "patronymic",
        "birth_date",
        "birth_year",
        "birth_place",
        "residence",
        "rank",
        "nationality",
        "camp",
        "unit",
        "fate",
        "date",
        "source",
    ]
    assert [match_header(c) for c in contract] == contract
