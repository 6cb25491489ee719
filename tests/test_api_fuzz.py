"""Schemathesis against the HTTP API's OpenAPI schema: whatever a visitor or a script with an
admin's token sends, the server answers without an error of its own (no 5xx) — every
rejection is a 4xx that says why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine

from tagdyr import accounts
from tagdyr.demo.build import build_demo
from tagdyr.settings import load_settings
from tagdyr.store.db import create_db_engine
from tagdyr.web.app import create_app
from tests.web import PASSWORD

EXAMPLES = 30
_TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def fuzzed_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("fuzz") / "api.db"
    engine = create_db_engine(f"sqlite:///{path}")
    build_demo(engine, threshold=0.9, floor=0.01)
    admin = accounts.create_user(engine, "fuzzer", PASSWORD, "admin", actor="test")
    _TOKEN["admin"] = accounts.create_token(engine, admin, "schemathesis", actor="test")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def api_schema(fuzzed_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Any:
    app_settings = load_settings(
        database_url=str(fuzzed_engine.url), search_rate_per_minute=0,
        upload_dir=Path(tmp_path_factory.mktemp("uploads")),
    )  # fmt: skip
    app = create_app(app_settings, engine=fuzzed_engine)
    # a collection of every person as PDF takes seconds: fuzzed by its HTML twin instead
    return schemathesis.openapi.from_asgi("/openapi.json", app).exclude(
        path="/export/collection.pdf"
    )


# Requests are drawn from the OpenAPI schema by schemathesis' strategies, which build large
# nested bodies and filter out what the schema forbids: the health checks about drawing data
# (slow, filtered, large) measure schemathesis, not tagdyr, and are off; the others stay on.
_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large, HealthCheck.large_base_example],
)  # fmt: skip


def _fuzz(api_schema: Any, headers: Callable[[], dict[str, str]]) -> Counter[int]:
    """Every operation of the schema, EXAMPLES generated requests each; the status codes."""
    statuses: Counter[int] = Counter()
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @_SETTINGS
        def call(case: Any) -> None:
            response = case.call(headers=headers())
            statuses[response.status_code] += 1
            assert response.status_code < 500, (case.method, case.path, response.text[:500])

        call()
    return statuses


def test_no_server_error_for_visitors(api_schema: Any) -> None:
    statuses = _fuzz(api_schema, dict)
    print(f"visitors: {sum(statuses.values())} requests, {dict(sorted(statuses.items()))}")
    assert statuses[200] and statuses[401]  # pages were read, changes refused


def test_no_server_error_for_an_admin_script(api_schema: Any, fuzzed_engine: Engine) -> None:
    def admin() -> dict[str, str]:
        """The admin's token; a new one when the fuzzer revoked it or disabled the admin."""
        if accounts.token_user(fuzzed_engine, _TOKEN["admin"]) is None:
            accounts.change_user(fuzzed_engine, "fuzzer", actor="test", disabled=False,
                                 role="admin")  # fmt: skip
            with fuzzed_engine.connect() as conn:
                user = accounts.find_user(conn, "fuzzer")
            assert user is not None
            _TOKEN["admin"] = accounts.create_token(fuzzed_engine, user, "again", actor="test")
        return {"Authorization": f"Bearer {_TOKEN['admin']}"}

    statuses = _fuzz(api_schema, admin)
    print(f"admin token: {sum(statuses.values())} requests, {dict(sorted(statuses.items()))}")
    assert statuses[200] and statuses[400]  # changes reached the checks that refuse bad input
