"""The editors' phase of the load test: a review queue on the load database, what each
editor's client believes it did, and the judgement table checked against it afterwards."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import Engine, insert, select, text

from tagdyr import accounts
from tagdyr.store import schema as s

PAIRS = 2000  # in the review queue: pairs of records of one man, and of two men


@dataclass(frozen=True, slots=True)
class Believed:
    """One decision as the editor's client saw it: its answer and, if stored, the id."""

    author: str
    left: int
    right: int
    verdict: str
    status: int
    judgement_id: int | None


def believed(author: str, form: dict[str, str], response: httpx.Response | None) -> Believed:
    status = response.status_code if response is not None else 0
    location = response.headers.get("location", "") if response is not None else ""
    done = location.partition("done=")[2]
    return Believed(author, int(form["left_id"]), int(form["right_id"]), form["verdict"],
                    status, int(done) if status == 303 and done.isdigit() else None)  # fmt: skip


def _pairs(engine: Engine, truth: Path, rng: random.Random) -> list[tuple[int, int]]:
    """Record id pairs: the first records of men the register holds twice, and neighbours."""
    by_man: dict[str, list[str]] = defaultdict(list)
    with truth.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["id"].startswith("R"):
                by_man[row["man"]].append(row["id"])
    twice = [entries[:2] for entries in by_man.values() if len(entries) > 1][: PAIRS // 2]
    with engine.connect() as conn:
        ids = dict(conn.execute(select(s.record.c.entry_id, s.record.c.id)).all())
    pairs = [(ids[a], ids[b]) for a, b in twice if a in ids and b in ids]
    everyone = sorted(ids.values())
    while len(pairs) < PAIRS:
        at = rng.randrange(len(everyone) - 1)  # the last record has no neighbour after it
        pairs.append((everyone[at], everyone[at + 1]))
    return pairs


def prepare(engine: Engine, editors: int, password: str, truth: Path) -> int:
    """Editor accounts and a review queue of PAIRS open pairs (a link run of its own, every
    pair below the decision threshold: the persons stay as they are until judged)."""
    for n in range(editors):
        accounts.create_user(engine, f"editor{n}", password, "editor", actor="bench")
    rng = random.Random(2026)
    pairs = _pairs(engine, truth, rng)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        run_id = conn.execute(
            insert(s.link_run).returning(s.link_run.c.id),
            {"started_at": now, "finished_at": now, "engine": "bench", "threshold": 0.9,
             "model": "bench.load review queue (pairs from the generator's truth)",
             "pair_count": len(pairs), "person_count": 0},
        ).scalar_one()  # fmt: skip
        conn.execute(insert(s.candidate_pair), [
            {"run_id": run_id, "left_record_id": a, "right_record_id": b,
             "match_probability": p, "match_weight": 0.0, "is_match": False, "evidence": "[]"}
            for a, b in pairs for p in [round(rng.uniform(0.2, 0.8), 6)]
        ])  # fmt: skip
        conn.execute(text("ANALYZE candidate_pair"))
    return len(pairs)


@dataclass(frozen=True, slots=True)
class Checks:
    stored: int  # 303s the clients saw
    refused: int  # 409s
    other: int  # any other answer
    rows: int  # judgements in the table
    lost: int  # a 303 without its judgement (id, pair, verdict, author)
    phantom: int  # a judgement no client was told was stored
    doubled: int  # pairs judged more than once
    clustering: int  # "same" records apart, or "not same" records together


def check(engine: Engine, log: list[Believed]) -> Checks:
    """The judgement table against what the clients believe."""
    j = s.judgement.c
    with engine.connect() as conn:
        rows = {r.id: (r.author, r.left_record_id, r.right_record_id, r.verdict)
                for r in conn.execute(select(j.id, j.author, j.left_record_id,
                                             j.right_record_id, j.verdict))}  # fmt: skip
        owner = dict(conn.execute(
            select(s.person_record.c.record_id, s.person_record.c.person_id).where(
                s.person_record.c.record_id.in_({x for r in rows.values() for x in r[1:3]}))
        ).all())  # fmt: skip
    stored = [b for b in log if b.status == 303]
    told = {b.judgement_id: (b.author, b.left, b.right, b.verdict) for b in stored}
    lost = sum(1 for i, what in told.items() if rows.get(i) != what)  # type: ignore[arg-type]
    per_pair: dict[frozenset[int], int] = defaultdict(int)
    for _, left, right, _ in rows.values():
        per_pair[frozenset((left, right))] += 1
    wrong = sum(
        1
        for _, left, right, verdict in rows.values()
        if (verdict == "same") != (owner[left] == owner[right]) and verdict != "unsure"
    )
    return Checks(len(stored), sum(1 for b in log if b.status == 409),
                  sum(1 for b in log if b.status not in (303, 409)), len(rows), lost,
                  sum(1 for i in rows if i not in told),
                  sum(1 for n in per_pair.values() if n > 1), wrong)  # fmt: skip


def table(c: Checks) -> list[str]:
    def verdict(ok: bool) -> str:
        return "pass" if ok else "FAIL"

    return [
        "| check | value | result |", "|---|---|---|",
        f"| decisions stored (303) / refused as stale (409) / other | {c.stored} / {c.refused}"
        f" / {c.other} | {verdict(c.other == 0)} |",
        f"| judgements in the table | {c.rows} | {verdict(c.rows == c.stored)} |",
        f"| lost (a 303 whose judgement is missing or differs) | {c.lost} | "
        f"{verdict(not c.lost)} |",
        f"| phantom (a judgement no client was told of) | {c.phantom} | "
        f"{verdict(not c.phantom)} |",
        f"| doubled (a pair judged twice) | {c.doubled} | {verdict(not c.doubled)} |",
        f"| clustering disagrees with a judgement | {c.clustering} | "
        f"{verdict(not c.clustering)} |",
    ]  # fmt: skip
