"""A record is read once: what the dossier states of a row (its birth, the birth's place, the
rank, the camp) is what linkage compares, whether linkage reads the stored record (database
mode) or the file itself (file mode).

The defect this pins: a row with ``birth_date="неизв."`` and ``birth_year="1914"`` showed
"born 1914" in the dossier while linkage saw no birth (it re-parsed the raw cells).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from tagdyr.link.features import LinkRecord, features
from tagdyr.link.files import LEFT, read_records
from tagdyr.persons.linking import link_records_by_id, load_current_records
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tagdyr.store.queries import get_dossier
from tests.files import write_csv

HEADER = ["Фамилия", "Имя", "Дата рождения", "Год рождения", "Место рождения", "Звание", "Лагерь"]


def _stored(engine: Engine, document_id: int) -> dict[str, LinkRecord]:
    with engine.connect() as conn:
        ids = conn.execute(
            select(s.record.c.id).where(s.record.c.document_id == document_id)
        ).scalars()
        return link_records_by_id(conn, [str(i) for i in ids])


def _births(engine: Engine, document_id: int) -> dict[str, tuple[str | None, str | None]]:
    """record id -> (the birth claim's date, its place): what the dossier's timeline shows."""
    query = (
        select(s.claim.c.record_id, s.claim.c.date_start, s.claim.c.place)
        .join(s.record, s.record.c.id == s.claim.c.record_id)
        .where(s.record.c.document_id == document_id, s.claim.c.kind == "birth")
    )
    with engine.connect() as conn:
        return {str(r): (d, p) for r, d, p in conn.execute(query)}


def _compared(record: LinkRecord) -> dict[str, Any]:
    """Every feature linkage compares (all but the record's id and dataset)."""
    f = features(record)
    return {k: v for k, v in f.items() if k not in ("unique_id", "source_dataset")}


def test_a_known_year_beside_an_unknown_date_is_the_birth_linkage_compares(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "both.csv",
        [HEADER, ["Абенов", "Касым", "неизв.", "1914", "Павлодар", "рядовой", "Stalag 326"]],
    )
    done = import_table(sqlite_engine, path, SourceInfo("both", "A list", "An archive"))
    with sqlite_engine.connect() as conn:
        uid = conn.execute(select(s.person.c.uid)).scalar_one()
        dossier = get_dossier(conn, uid)
    (birth,) = [c for c in dossier.timeline if c.kind == "birth"]
    assert (birth.date_start or "").startswith("1914")  # the dossier: born 1914
    (stored,) = _stored(sqlite_engine, done.document_id).values()
    (from_file,) = read_records(path, LEFT)
    assert stored.birth_year == from_file.birth_year == 1914  # linkage: born 1914, both ways
    assert features(stored)["birth_year"] == 1914


_DATES = st.sampled_from(
    ["", "неизв.", "19l6", "1914", "12.03.1915", "29.02.1914", "около 1913", "1916 г.", "03.1917"]
)
_AGES = st.sampled_from(["", "25 лет", "30"])
_PLACES = st.sampled_from(["", "Павлодар", "Акмолинская обл."])
_RANKS = st.sampled_from(["", "рядовой", "мл. лейтенант"])
_ROWS = st.lists(
    st.tuples(_DATES, _DATES, _AGES, _PLACES, _RANKS, st.sampled_from(["", "Stalag 326"])),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=8,
    deadline=None,
    # one database for all examples (a migration an example would take seconds); each example
    # imports its rows as a source of its own
    suppress_health_check=[HealthCheck.too_slow],
)
@given(rows=_ROWS)
def test_dossier_and_linkage_read_a_row_alike(rows: list[tuple[str, ...]]) -> None:
    engine = _ENGINE["engine"]
    _ENGINE["n"] += 1
    header = ["Фамилия", "Имя", "Дата рождения", "Год рождения", "Возраст", "Место рождения",
              "Звание", "Лагерь", "Дата документа"]  # fmt: skip
    table = [header] + [
        ["Абенов", f"Касым{chr(0x430 + i)}", date, year, age, place, rank, camp, "1942"]
        for i, (date, year, age, place, rank, camp) in enumerate(rows)
    ]
    path = write_csv(Path(_ENGINE["dir"]) / f"rows{_ENGINE['n']}.csv", table)
    done = import_table(engine, path, SourceInfo(f"rows-{_ENGINE['n']}", "Rows", "An archive"))
    stored = _stored(engine, done.document_id)
    from_file = {r.name.written: r for r in read_records(path, LEFT)}
    births = _births(engine, done.document_id)
    for ident, record in stored.items():
        twin = from_file[record.name.written]
        assert _compared(record) == _compared(twin), (ident, rows)
        date, place = births.get(ident, (None, None))
        assert record.birth_year == (int(date[:4]) if date else None), (ident, rows)
        assert not place or place in record.places, (ident, rows)


_ENGINE: dict[str, Any] = {"n": 0}


def setup_module() -> None:
    directory = tempfile.mkdtemp(prefix="one-reading-")
    engine = create_db_engine(f"sqlite:///{directory}/one.db")
    migrate(engine)
    _ENGINE.update(engine=engine, dir=directory)


def teardown_module() -> None:
    _ENGINE["engine"].dispose()


def test_every_current_record_reads_as_by_id(sqlite_engine: Engine, tmp_path: Path) -> None:
    """The two database readers of linkage (the run's and explain's) read a record alike."""
    path = write_csv(
        tmp_path / "two.csv",
        [HEADER, ["Абенов", "Касым", "неизв.", "1914", "Павлодар", "рядовой", ""],
         ["Омаров", "Кабыш", "05.06.1916", "", "", "", "Stalag 326"]],
    )  # fmt: skip
    import_table(sqlite_engine, path, SourceInfo("two", "A list", "An archive"))
    with sqlite_engine.connect() as conn:
        current, _ = load_current_records(conn)
        by_id = link_records_by_id(conn, [r.unique_id for r in current])
    assert [_compared(r) for r in current] == [_compared(by_id[r.unique_id]) for r in current]
    assert [r.birth_year for r in current] == [1914, 1916]


# --- the stored columns nothing read -----------------------------------------------------------


def _record_columns(engine: Engine) -> set[str]:
    from sqlalchemy import inspect

    return {c["name"] for c in inspect(engine).get_columns("record")}


def test_the_unread_name_columns_are_dropped_and_come_back_on_downgrade(tmp_path: Path) -> None:
    from alembic import command

    from tagdyr.store.db import alembic_config

    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0009")
    assert {"given_key", "name_keys"} <= _record_columns(engine)
    migrate(engine)
    columns = _record_columns(engine)
    assert {"given_key", "name_keys"}.isdisjoint(columns)
    assert {"surname_canon", "surname_key", "given_canon"} <= columns  # read by search
    command.downgrade(alembic_config(engine), "0009")
    assert {"given_key", "name_keys"} <= _record_columns(engine)
    engine.dispose()


def test_a_dump_with_the_retired_columns_restores(sqlite_engine: Engine, tmp_path: Path) -> None:
    """An archival dump written by an older tagdyr (with given_key and name_keys) restores."""
    import hashlib
    import json
    import zipfile

    from tagdyr.export.dump import import_dump, write_dump

    path = write_csv(tmp_path / "l.csv", [HEADER, ["Абенов", "Касым", "", "1914", "", "", ""]])
    import_table(sqlite_engine, path, SourceInfo("l", "A list", "An archive"))
    new, old = tmp_path / "new.zip", tmp_path / "old.zip"
    write_dump(sqlite_engine, new)
    with zipfile.ZipFile(new) as src, zipfile.ZipFile(old, "w") as dst:
        lines = []
        for line in src.read("data/record.jsonl").splitlines():
            row = json.loads(line)
            lines.append(json.dumps({**row, "given_key": "KSM", "name_keys": "ABNV KSM"}))
        data = ("\n".join(lines) + "\n").encode()
        descriptor = json.loads(src.read("datapackage.json"))
        for resource in descriptor["resources"]:
            if resource["path"] == "data/record.jsonl":
                resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
                resource["schema"]["fields"] += [
                    {"name": "given_key", "type": "string"},
                    {"name": "name_keys", "type": "string"},
                ]
        for name in src.namelist():
            written = {"data/record.jsonl": data, "datapackage.json": json.dumps(descriptor)}
            dst.writestr(name, written.get(name, src.read(name)))
    target = create_db_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    migrate(target)
    counts = import_dump(target, old)
    assert counts["record"] == 1
    with target.connect() as conn:
        assert conn.execute(select(s.record.c.full_name)).scalar_one() == "Абенов Касым"
    target.dispose()
