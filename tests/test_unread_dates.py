"""A date cell tagdyr cannot read ("19l6", "неизв.") is kept as written, said so on the claim in
each language, and named by file, row and column when it is imported: a birth year that silently
vanished from the dossier was found by trying an own list as a new user."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from tagdyr.i18n import localize
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tests.files import write_csv

_LIST = SourceInfo("typed", "A typed list", "An archive, f. 1")


def _birth_claims(engine: Engine) -> dict[str, tuple[str, str | None, str | None]]:
    query = select(s.record.c.full_name, s.claim.c.value, s.claim.c.note, s.claim.c.date_start)
    query = query.join(s.claim, s.claim.c.record_id == s.record.c.id)
    with engine.connect() as conn:
        rows = conn.execute(query.where(s.claim.c.kind == "birth")).all()
    return {name: (value, note, year) for name, value, note, year in rows}


def test_an_unreadable_birth_year_is_kept_noted_and_named_at_import(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "typed.csv",
        [
            ["Фамилия", "Имя", "Год рождения"],
            ["Абенов", "Касым", "1915"],
            ["Жумабаев", "Ерлан", "19l6"],
            ["Омаров", "Кабыш", "неизв."],
        ],
    )
    result = import_table(sqlite_engine, path, _LIST)
    assert result.warnings == (
        "typed.csv, row 3, column 'Год рождения': '19l6' is not a date tagdyr can read; it is "
        "kept as written and no date is read from it",
        "typed.csv, row 4, column 'Год рождения': 'неизв.' is not a date tagdyr can read; it "
        "is kept as written and no date is read from it",
    )
    births = _birth_claims(sqlite_engine)
    assert births["Абенов Касым"] == ("1915", None, "1915")
    value, note, year = births["Жумабаев Ерлан"]
    assert (value, year) == ("19l6", None) and note
    assert localize(note, "ru") == (
        "дату из этого значения прочитать нельзя: оно сохранено как написано"
    )
    assert localize(note, "kk") != note


def test_a_known_year_beside_an_unknown_date_is_read_without_a_warning(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "both.csv",
        [
            ["Фамилия", "Имя", "Дата рождения", "Год рождения"],
            ["Абенов", "Касым", "неизв.", "1914"],
        ],
    )
    result = import_table(sqlite_engine, path, _LIST)
    assert result.warnings == ()
    assert (_birth_claims(sqlite_engine)["Абенов Касым"][2] or "").startswith("1914")
