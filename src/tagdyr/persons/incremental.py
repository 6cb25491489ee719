"""Incremental linking: records imported since the last run, linked against the persons the
database already holds, without comparing the old records with each other again.

What a full re-link would compare anew, and this does not: two records that were both there
at the last run. Their pairs are the last run's, copied into the new run (so the run still
holds every pair, for judgements and reverts). The new records are compared with every old
record and with each other, by the same blocking rules, model, prior and term frequencies as a
full re-link (Splink's ``link_only`` between the old records, all labelled one dataset, and the
new records, each its own dataset), and only the connected components they reach are
re-clustered (:func:`tagdyr.persons.linking.recluster` with ``around``, as a judgement does): every
other person keeps its uid, its records and its version; judgements are untouched.

A full re-link is done instead (and :func:`plan` says why) when the last run's pairs no longer
stand for what a re-link would compute: no finished run yet, another model or threshold, a
source's kind changed or an import reverted since, or the prior the run derives from the
sources' sizes changed (the largest source grew). Term frequencies are estimated from all
current records, so the new pairs see the same frequencies a full re-link would; the old pairs
keep the frequencies of their run (a few thousand new names hardly move them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, literal, or_, select
from sqlalchemy.exc import DBAPIError

from tagdyr.errors import LinkageError
from tagdyr.link.engine import Pair, predict_table
from tagdyr.link.features import LinkRecord
from tagdyr.link.model import Model, prior_for
from tagdyr.persons.linking import (
    Count,
    LinkRunResult,
    Progress,
    _chunks,
    _finish_run,
    _insert_pairs,
    _open_run,
    _outcome,
    _person_count,
    _score,
    latest_run_id,
    latest_verdicts,
    load_current_records,
    recluster,
)
from tagdyr.store import schema as s
from tagdyr.store.audit import log_event
from tagdyr.store.db import lock_for_writing, storage_error

OLD = "linked"  # the dataset label of every record the last run linked
_INVALIDATING = ("revert", "source.kind")  # audit actions after which old pairs may be stale


@dataclass(frozen=True, slots=True)
class Plan:
    """An incremental run: the last run, the records new since, the records no longer
    current that still belong to a person (a list replaced by a new version), and the records
    of judgements made or undone since the run began (their components are re-clustered as a
    full re-link would, whatever stored them)."""

    previous: int
    new: frozenset[int]
    gone: frozenset[int]
    judged: frozenset[int] = frozenset()


def plan(conn: Connection, model: Model, threshold: float) -> Plan | str:
    """What an incremental run would link, or why a full re-link is needed instead."""
    previous = latest_run_id(conn)
    if previous is None:
        return "no finished linkage run yet"
    run = conn.execute(select(s.link_run).where(s.link_run.c.id == previous)).one()
    if run.model != model.label:
        return f"the model changed ({run.model} → {model.label})"
    if run.threshold != threshold:
        return f"the threshold changed ({run.threshold:g} → {threshold:g})"
    since = select(s.link_run.c.started_at).where(s.link_run.c.id == previous).scalar_subquery()
    event = conn.execute(
        select(s.audit_event.c.action)
        .where(s.audit_event.c.at >= since, s.audit_event.c.action.in_(_INVALIDATING))
        .limit(1)
    ).scalar()
    if event is not None:
        return f"a {event!r} event since the last run"
    new = conn.execute(
        select(s.record.c.id)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .where(s.document.c.is_current.is_(True), s.document.c.imported_at >= since)
    ).scalars()
    gone = conn.execute(
        select(s.person_record.c.record_id)
        .join(s.record, s.record.c.id == s.person_record.c.record_id)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .where(s.document.c.is_current.is_(False))
    ).scalars()
    j = s.judgement
    judged = conn.execute(
        select(j.c.left_record_id, j.c.right_record_id).where(
            or_(j.c.created_at >= since, j.c.undone_at >= since)
        )
    ).all()
    return Plan(previous, frozenset(new), frozenset(gone), frozenset(i for p in judged for i in p))


def _sizes(records: list[LinkRecord]) -> list[int]:
    return list(Counter(r.source_dataset for r in records).values())


def _datasets(old: list[LinkRecord], new: list[LinkRecord]) -> list[list[LinkRecord]]:
    """The old records as one dataset, every new record its own (Splink's ``link_only``
    compares across datasets only: old with new, new with new, never old with old). Two
    tables of new records, so that Splink takes the general link-only path (with two tables
    in all it compares the first with the second only). The old records share one dataset
    name: with one new record there are two tables, and Splink's two-table path keeps of each
    table only the rows of its first dataset name (so a register behind a list was dropped)."""
    own = [replace(r, source_dataset=f"new-{r.unique_id}") for r in new]
    before = [replace(r, source_dataset="old") for r in old]
    return [d for d in (before, own[::2], own[1::2]) if d]


def score_new(
    records: list[LinkRecord], groups: dict[str, str], new: frozenset[int], model: Model,
    floor: float, threshold: float, backend: str = "duckdb",
) -> tuple[Any, Model] | str:  # fmt: skip
    """The candidate pairs with at least one new record, scored as a full re-link scores them
    (the prior from all sources' sizes), or why a full re-link is needed."""
    ids = {str(i) for i in new}
    old = [r for r in records if r.unique_id not in ids]
    fresh = [r for r in records if r.unique_id in ids]
    prior_now = prior_for(model, _sizes(records))
    if prior_for(model, _sizes(old)) != prior_now:
        return "the prior changed with the sources' sizes (the largest source grew)"
    fixed = replace(model, prior=prior_now)
    table = predict_table(_datasets(old, fresh), floor=floor, model=fixed, engine=backend,
                          link_type="link_only")  # fmt: skip
    return _score(records, groups, fixed, floor, threshold, table=table), fixed


def link_new_records(
    engine: Engine, *, threshold: float, floor: float, model: Model,
    progress: Progress, actor: str, count: Count | None, backend: str,
) -> LinkRunResult | str:  # fmt: skip
    """Link the records new since the last run (see the module docstring), or say why a
    full re-link is needed instead."""
    started = datetime.now(UTC)
    with engine.connect() as conn:
        found = plan(conn, model, threshold)
        if isinstance(found, str):
            return found
        progress(f"reading the records ({len(found.new):,} new since run {found.previous})")
        records, groups = load_current_records(conn, count)
        persons_before = _person_count(conn)
    progress(f"comparing {len(found.new):,} new records with {len(records):,}")
    scored = score_new(records, groups, found.new, model, floor, threshold, backend)
    if isinstance(scored, str):
        return scored
    result, used = scored
    progress(f"storing {len(result.pairs):,} new candidate pairs, clustering what they reach")
    try:
        run_id, stored, outcome = _store(
            engine, started, found, used, threshold, result.pairs, actor,
            result.model_matches, backend, result.decided, count,
        )  # fmt: skip
    except DBAPIError as exc:
        raise storage_error(exc, "storing the linkage results (the previous ones stay)") from exc
    return LinkRunResult(
        run_id, len(records), stored, len(result.model_matches), outcome.pop("persons"),
        persons_before=persons_before, threshold=threshold,
        lists=tuple(sorted(result.lists.values(), key=lambda p: (p.source_key, p.group))),
        new_records=len(found.new), **outcome,
    )  # fmt: skip


def _copy_previous_pairs(conn: Connection, previous: int, run_id: int, new: frozenset[int]) -> int:
    """The last run's pairs into this run, but those of records linked again now."""
    p = s.candidate_pair
    columns = ("left_record_id", "right_record_id", "match_probability", "match_weight",
               "is_match", "evidence")  # fmt: skip
    conn.execute(
        insert(p).from_select(
            ["run_id", *columns],
            select(literal(run_id), *(p.c[c] for c in columns)).where(p.c.run_id == previous),
        )
    )
    for chunk in _chunks(sorted(new)):
        conn.execute(delete(p).where(
            p.c.run_id == run_id,
            or_(p.c.left_record_id.in_(chunk), p.c.right_record_id.in_(chunk)),
        ))  # fmt: skip
    return int(conn.execute(select(func.count()).where(p.c.run_id == run_id)).scalar_one())


def _open_pairs(conn: Connection, run_id: int) -> int:
    """The run's pairs nobody has judged: the review queue, as after a full re-link."""
    p = s.candidate_pair
    judged = latest_verdicts(conn)
    rows = conn.execute(select(p.c.left_record_id, p.c.right_record_id).where(p.c.run_id == run_id))
    return sum(1 for a, b in rows if frozenset((str(a), str(b))) not in judged)


def _after(copied: int, new: int, count: Count | None) -> Count | None:
    """``count`` told of the ``copied`` pairs, stored at once, and then of the ``new`` ones
    as they are stored after them: the storing stage counts every pair the run holds, with one
    total from its first report to its last."""
    if count is None:
        return None
    total = copied + new
    count(copied, total)
    return lambda done, _total: count(copied + done, total)


def _store(
    engine: Engine, started: datetime, found: Plan, model: Model, threshold: float,
    pairs: list[Pair], actor: str, model_matches: list[tuple[str, str, bool]], backend: str,
    decided: set[tuple[str, str]], count: Count | None = None,
) -> tuple[int, int, dict[str, int]]:  # fmt: skip
    """The run in one transaction (until it commits readers see the previous run): the old
    pairs copied, the new ones added, and the components the new records reach re-clustered.
    Returns (run id, pairs stored, outcome)."""
    with engine.begin() as conn:
        lock_for_writing(conn)
        if latest_run_id(conn) != found.previous:
            raise LinkageError("another linkage run finished meanwhile: run tagdyr link again")
        run_id = _open_run(conn, started, model, threshold, backend, keep=found.previous)
        copied = _copy_previous_pairs(conn, found.previous, run_id, found.new)
        stored = copied + _insert_pairs(
            conn, run_id, pairs, decided, _after(copied, len(pairs), count)
        )
        skipped: dict[tuple[str, str], str] = {}
        seeds = found.new | found.gone | found.judged
        assignment = recluster(conn, run_id, around=seeds, skipped=skipped) if seeds else None
        changed = assignment.changed_uids if assignment else frozenset()
        persons = _person_count(conn)
        _finish_run(conn, run_id, stored, persons)
        log_event(
            conn, actor, "link",
            f"linkage run {run_id} (incremental): {len(found.new):,} new records, "
            f"{len(pairs):,} new candidate pairs, {persons:,} persons, {len(changed):,} changed",
            {"run_id": run_id, "previous_run_id": found.previous, "model": model.label,
             "incremental": True, "new_records": len(found.new)},
            changed,
        )  # fmt: skip
        outcome = _outcome(conn, model_matches, skipped, pairs, decided)
        outcome["review_queue"] = _open_pairs(conn, run_id)
        outcome["persons"] = persons
    return run_id, stored, outcome
