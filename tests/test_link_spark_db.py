"""The database-mode link on Spark (issue 18 item 6): `tagdyr link --engine spark` on Spark's
local mode, the master taken from the setting TAGDYR_SPARK_MASTER, gives the persons and pairs
DuckDB gives, in a full run and in an incremental one.

The data: the bench generator's register of 400 and a list of 90 in parts (as in
tests/test_incremental.py), stored in two SQLite databases, one linked on each engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from tagdyr.persons.linking import link_database
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tests.test_incremental import _generated, _pairs, _persons


def _database(path: Path) -> Engine:
    engine = create_db_engine(f"sqlite:///{path}")
    migrate(engine)
    register = _generated()[0]
    import_table(engine, register, SourceInfo("register", "Register", "bench", kind="register"))
    return engine


def _import_list(engine: Engine) -> None:
    listed = _generated()[1][0]
    import_table(engine, listed, SourceInfo("list-1", "List 1", "bench"))


def _same_results(duck: Engine, spark: Engine) -> None:
    assert {m for _, m in _persons(duck).values()} == {m for _, m in _persons(spark).values()}
    a, b = _pairs(duck), _pairs(spark)
    assert set(a) == set(b)
    for key, (probability, is_match) in a.items():
        assert b[key][1] == is_match
        assert b[key][0] == pytest.approx(probability, abs=1e-5)


def _engines_of_runs(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(s.link_run.c.engine).order_by(s.link_run.c.id)).scalars())


def test_the_database_link_on_spark_gives_the_persons_of_duckdb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:  # another test's session: this one must start from the setting
        active.stop()
    monkeypatch.setenv("TAGDYR_SPARK_MASTER", "local[1]")
    duck, spark = _database(tmp_path / "duck.db"), _database(tmp_path / "spark.db")
    link_database(duck, threshold=0.9, floor=0.01)
    link_database(spark, threshold=0.9, floor=0.01, backend="spark")
    session = SparkSession.getActiveSession()
    assert session is not None and session.sparkContext.master == "local[1]"
    _same_results(duck, spark)
    _import_list(duck)
    _import_list(spark)
    assert link_database(duck, threshold=0.9, floor=0.01, full=False).new_records == 30
    assert (
        link_database(spark, threshold=0.9, floor=0.01, backend="spark", full=False).new_records
        == 30
    )
    _same_results(duck, spark)
    assert _engines_of_runs(spark) == ["spark", "spark"]
    assert _engines_of_runs(duck) == ["duckdb", "duckdb"]
    duck.dispose()
    spark.dispose()


def test_a_spark_connect_master_is_refused_with_a_reason() -> None:
    from tagdyr.errors import ConfigError
    from tagdyr.link.engine import _spark_session

    with pytest.raises(ConfigError, match="Spark Connect cannot run the linkage"):
        _spark_session("sc://cluster.example.org:15002")
