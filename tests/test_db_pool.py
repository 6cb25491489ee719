"""A web worker's pages each hold a PostgreSQL connection: the pool has one for every thread
of the worker's page pool (50 readers on 3 workers timed out on SQLAlchemy's default 5 + 10)."""

from __future__ import annotations

from contextlib import ExitStack

from sqlalchemy import text

from tagdyr.store.db import create_db_engine

_PAGE_THREADS = 40  # anyio's default thread limiter: the pages a worker runs at once


def test_a_connection_for_every_page_thread_at_once(postgres_url: str) -> None:
    engine = create_db_engine(postgres_url)
    try:
        with ExitStack() as held:
            connections = [held.enter_context(engine.connect()) for _ in range(_PAGE_THREADS)]
            answers = [conn.execute(text("SELECT 1")).scalar_one() for conn in connections]
        assert answers == [1] * _PAGE_THREADS
        assert engine.pool.checkedout() == 0  # all returned, the extra ones closed
    finally:
        engine.dispose()
