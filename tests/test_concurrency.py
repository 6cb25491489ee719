"""Five editors review at once against ``tagdyr serve`` with three workers on PostgreSQL:
no judgement is lost or applied twice, stale pages are refused, and the persons stored are
exactly what the pairs and judgements imply."""

from __future__ import annotations

import threading
from collections import Counter

import httpx
from sqlalchemy import func, select

from tagdyr import accounts
from tagdyr.demo.build import build_demo
from tagdyr.persons.linking import recluster
from tagdyr.store import schema as s
from tagdyr.store.db import lock_for_writing
from tests.conftest import _fresh_postgres
from tests.serving import tagdyr_server
from tests.web import PASSWORD, judgement_form, login_form

EDITORS = 5
ROUNDS = 8


def _review(base: str, username: str, outcomes: list[int], failures: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        client.post("/login", data=login_form(client.get("/login").text, username))
        for round_ in range(ROUNDS):
            verdict = ("same", "not_same", "unsure")[(round_ + len(username)) % 3]
            form = judgement_form(client.get("/review").text, verdict)
            if form is None:
                return  # the queue is empty
            answer = client.post("/review/judge", data=form)
            outcomes.append(answer.status_code)
            if answer.status_code not in (303, 409):
                failures.append(f"{username}: {answer.status_code} {answer.text[:300]}")


def test_five_editors_review_at_once_on_postgresql(postgres_url: str) -> None:
    url, engine = _fresh_postgres(postgres_url)
    build_demo(engine, threshold=0.9, floor=0.01)
    for n in range(EDITORS):
        accounts.create_user(engine, f"editor{n}", PASSWORD, "editor", actor="test")
    outcomes: list[int] = []
    failures: list[str] = []
    with tagdyr_server(url, workers=3, search_rate_per_minute="0") as base:
        threads = [threading.Thread(target=_review, args=(base, f"editor{n}", outcomes, failures))
                   for n in range(EDITORS)]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    counted = Counter(outcomes)
    print(f"5 editors, 3 workers: {dict(counted)} (303 stored, 409 refused as stale)")
    assert counted[303] >= ROUNDS  # work got done
    assert counted[409] >= 1  # editors on the same pair: the later ones were refused
    with engine.connect() as conn:
        judgements = conn.execute(select(func.count()).select_from(s.judgement)).scalar_one()
        logged = conn.execute(
            select(func.count()).select_from(s.audit_event).where(s.audit_event.c.action == "judge")
        ).scalar_one()
        pairs = conn.execute(
            select(s.judgement.c.left_record_id, s.judgement.c.right_record_id,
                   s.judgement.c.verdict).order_by(s.judgement.c.id)
        ).all()  # fmt: skip
    assert judgements == logged == counted[303]  # none lost, none twice
    latest: dict[frozenset[int], str] = {}
    for left, right, verdict in pairs:  # a pair is never judged the same way twice in a row
        assert latest.get(frozenset((left, right))) != verdict, (left, right, verdict)
        latest[frozenset((left, right))] = verdict
    with engine.begin() as conn:  # the stored persons are what the judgements imply
        lock_for_writing(conn)
        assert recluster(conn).changed_uids == frozenset()
    engine.dispose()
