"""Linking the records in the database into persons.

Everything is computed first and written in one transaction at the end, so a crash during
linkage leaves the previous results in place. Person ids (``uid``) are stable: a cluster takes
over the uid of the previous person it shares most records with, and a person folded into
another keeps a pointer to it so that its URL still leads somewhere.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update
from sqlalchemy.exc import DBAPIError

from tagdyr.dates import FuzzyDate, Precision
from tagdyr.errors import ConfigError, NotFoundError
from tagdyr.link.engine import Evidence, Pair, pairs_from_table, predict_table
from tagdyr.link.features import LinkRecord
from tagdyr.link.files import record_from_values
from tagdyr.link.model import Model, load_model, save_model
from tagdyr.link.within import COMPARISON, LIST_REPEAT_SHARE, ListPrior, list_priors
from tagdyr.names.parse import Gender, ParsedName
from tagdyr.persons.cluster import cluster
from tagdyr.persons.components import component
from tagdyr.store import schema as s
from tagdyr.store.audit import log_event
from tagdyr.store.db import lock_for_writing, storage_error

Progress = Callable[[str], None]
Count = Callable[[int, int], None]  # (done, total) within the stage ``Progress`` named last
_COUNT_EVERY = 10_000
_BIRTH_FIELDS = ("birth_date", "birth_year", "age")


@dataclass(frozen=True, slots=True)
class LinkRunResult:
    """What a run did, for a historian: the CLI prints it, the web app shows it.

    ``matches``: candidate pairs the model scores at or above the threshold, before any
    list's prior; of them ``merged`` are one person now, and the rest were held back: by a
    list's prior (two entries of one list: they wait in the review queue), by a judgement
    ("not same", directly or through the persons it keeps apart) or by the rule that two
    entries of one list never join through other records."""

    run_id: int
    records: int
    pairs: int
    matches: int
    persons: int
    persons_before: int = 0
    merged: int = 0
    held_by_list_prior: int = 0
    held_by_judgement: int = 0
    held_by_rule: int = 0
    review_queue: int = 0
    threshold: float = 0.0
    lists: tuple[ListPrior, ...] = ()


def _link_record(row: Any) -> LinkRecord:
    """A stored record as linkage reads it: its parsed name, and the rest from its cells."""
    name = ParsedName(
        written=row.full_name,
        surname=row.surname,
        given=(row.given_name,) if row.given_name else (),
        patronymic=row.patronymic,
        initials=tuple(f"{i.upper()}." for i in row.initials.split()),
        gender=Gender(row.gender),
    )
    normalized = json.loads(row.normalized)
    fields = {
        k: v.strip()
        for k, v in normalized.get("fields", {}).items()
        if v and v.strip() and k not in _BIRTH_FIELDS  # the birth as stored, not re-parsed
    }
    record = record_from_values(str(row.id), row.key, fields, name=name)
    confidence = (normalized.get("scan") or {}).get("name_confidence")  # a row of a scan
    return replace(record, birth=_stored_birth(normalized), name_confidence=confidence)


def _stored_birth(normalized: dict[str, Any]) -> FuzzyDate | None:
    """The birth the importer read (year, day or coarser), as linkage compares it."""
    year, day = normalized.get("birth_year"), normalized.get("birth_date")
    if year is None:
        return None
    precision = Precision(normalized.get("birth_precision") or "year")
    start = day if precision is Precision.DAY and day else str(year)
    return FuzzyDate(start, start, precision)


def load_current_records(
    conn: Connection, count: Count | None = None
) -> tuple[list[LinkRecord], dict[str, str]]:
    """The current records, and for records of lists the list (document) each belongs to."""
    query = (
        select(s.record.c.id, s.record.c.full_name, s.record.c.surname, s.record.c.given_name,
               s.record.c.patronymic, s.record.c.initials, s.record.c.gender,
               s.record.c.birth_year, s.record.c.normalized, s.record.c.document_id,
               s.source.c.key, s.source.c.kind)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .where(s.document.c.is_current.is_(True))
        .order_by(s.record.c.id)
    )  # fmt: skip
    rows = conn.execute(query).all()
    records = []
    for n, row in enumerate(rows, start=1):
        records.append(_link_record(row))
        if count is not None and (n % _COUNT_EVERY == 0 or n == len(rows)):
            count(n, len(rows))
    return records, list_groups(rows)


def list_groups(rows: Any) -> dict[str, str]:
    """Record id -> its list (document), for records of lists: one list entry is one person,
    as evidence (:mod:`tagdyr.link.within`) and in clustering (:mod:`tagdyr.persons.cluster`)."""
    return {str(r.id): f"document-{r.document_id}" for r in rows if r.kind in LIST_REPEAT_SHARE}


def link_records_by_id(conn: Connection, ids: list[str]) -> dict[str, LinkRecord]:
    """Stored records (any version) as linkage reads them, by record id."""
    numbers = [int(i) for i in ids if i.isdigit()]
    query = (
        select(s.record.c.id, s.record.c.full_name, s.record.c.surname, s.record.c.given_name,
               s.record.c.patronymic, s.record.c.initials, s.record.c.gender,
               s.record.c.birth_year, s.record.c.normalized, s.source.c.key)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .where(s.record.c.id.in_(numbers))
    )  # fmt: skip
    return {str(row.id): _link_record(row) for row in conn.execute(query)}


def latest_verdicts(conn: Connection, among: set[int] | None = None) -> dict[frozenset[str], str]:
    """The verdict of every pair with an active judgement (all, or those with a record
    ``among``): the latest judgement of a pair wins."""
    j = s.judgement
    query = select(
        j.c.id, j.c.left_record_id, j.c.right_record_id, j.c.verdict, j.c.created_at
    ).where(j.c.undone_at.is_(None))
    if among is None:
        rows = list(conn.execute(query).all())
    else:
        found = {}
        for chunk in _chunks(sorted(among)):
            for side in (j.c.left_record_id, j.c.right_record_id):
                found.update({r.id: r for r in conn.execute(query.where(side.in_(chunk)))})
        rows = list(found.values())
    latest: dict[frozenset[str], str] = {}
    for _, left, right, verdict, _ in sorted(rows, key=lambda r: (r.created_at, r.id)):
        latest[frozenset((str(left), str(right)))] = verdict
    return latest


def active_judgements(
    conn: Connection, among: set[int] | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Active must-links and cannot-links; the latest judgement of a pair wins."""
    latest = latest_verdicts(conn, among)
    must = [tuple(sorted(k)) for k, v in latest.items() if v == "same"]
    cannot = [tuple(sorted(k)) for k, v in latest.items() if v == "not_same"]
    return must, cannot  # type: ignore[return-value]


def _label(conn: Connection, record_ids: list[int]) -> str:
    return _labels(conn, {0: record_ids})[0]


def _labels(conn: Connection, persons: dict[int, list[int]]) -> dict[int, str]:
    """The label of each person (id -> its records), its records' names read in bulk."""
    names_of: dict[int, str] = {}
    columns = (s.record.c.id, s.record.c.surname, s.record.c.given_name, s.record.c.full_name)
    for chunk in _chunks(sorted({r for ids in persons.values() for r in ids})):
        for r in conn.execute(select(*columns).where(s.record.c.id.in_(chunk))):
            names_of[r.id] = " ".join(p for p in (r.surname, r.given_name) if p) or r.full_name
    labels = {}
    for person_id, record_ids in persons.items():
        names = Counter(names_of[r] for r in record_ids if r in names_of)
        # the most frequent form; Cyrillic first among equals (the forms families search by)
        labels[person_id] = max(
            names, key=lambda n: (names[n], any("\u0400" <= c <= "\u04ff" for c in n), n)
        )
    return labels


def _merged_person_to_revive(
    conn: Connection, heirs: set[int], claimed: set[int], record_ids: list[int]
) -> int | None:
    """A person folded into one of ``heirs`` earlier, to come back when its records split off
    again (an undone merge): its old URL then leads to it, not to the person it had joined.
    Among several, the one whose label is the split records' label, else the latest folded."""
    if not heirs:
        return None
    folded = conn.execute(
        select(s.person.c.id, s.person.c.label)
        .where(s.person.c.merged_into_id.in_(heirs))
        .order_by(s.person.c.updated_at.desc(), s.person.c.id.desc())
    ).all()
    candidates = [row for row in folded if row.id not in claimed]
    if not candidates:
        return None
    label = _label(conn, record_ids)
    same_label = [row.id for row in candidates if row.label == label]
    return same_label[0] if same_label else int(candidates[0].id)


@dataclass(frozen=True, slots=True)
class Assignment:
    """What re-clustering did: how many persons there are, and which ones changed (grew,
    shrank, appeared or were folded into another) — their versions went up by one."""

    persons: int
    changed_uids: frozenset[str]


def _chunks(items: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _previous_persons(conn: Connection, scope: set[int] | None) -> dict[str, int]:
    """Record id -> the person it belongs to now (every record, or those of ``scope``)."""
    pr = s.person_record
    query = select(pr.c.record_id, pr.c.person_id)
    if scope is None:
        return {str(rid): pid for rid, pid in conn.execute(query)}
    return {
        str(rid): pid
        for chunk in _chunks(sorted(scope))
        for rid, pid in conn.execute(query.where(pr.c.record_id.in_(chunk)))
    }


def _votes(previous: dict[str, int], members: set[str]) -> dict[int, int]:
    """How many of a cluster's records each previous person holds."""
    votes: dict[int, int] = {}
    for m in members:
        if (pid := previous.get(m)) is not None:
            votes[pid] = votes.get(pid, 0) + 1
    return votes


def assign_persons(
    conn: Connection, clusters: list[set[str]], now: datetime, *, scope: set[int] | None = None
) -> Assignment:
    """Store ``clusters`` as persons. A cluster keeps the person most of its records belonged
    to (stable URLs across runs); only persons whose records changed are written.
    ``scope``: the clusters cover only these records (a component); the rest stay as they are."""
    previous = _previous_persons(conn, scope)
    claimed: set[int] = set()
    assignment: list[tuple[int, list[int]]] = []
    for members in sorted(clusters, key=lambda m: (-len(m), min(int(x) for x in m))):
        votes = _votes(previous, members)
        ranked = sorted((pid for pid in votes if pid not in claimed), key=lambda p: (-votes[p], p))
        record_ids = sorted(int(m) for m in members)
        if ranked:
            person_id = ranked[0]
        else:
            revived = _merged_person_to_revive(conn, set(votes), claimed, record_ids)
            person_id = (
                revived
                if revived is not None
                else conn.execute(
                    s.person.insert().returning(s.person.c.id),
                    {
                        "uid": uuid.uuid4().hex[:12],
                        "label": "",
                        "created_at": now,
                        "updated_at": now,
                    },
                ).scalar_one()
            )
        claimed.add(person_id)
        assignment.append((person_id, record_ids))
    new_owner = {r: pid for pid, record_ids in assignment for r in record_ids}
    moved = sorted(r for r, pid in new_owner.items() if previous.get(str(r)) != pid)
    gone = sorted(int(r) for r in previous if int(r) not in new_owner)
    changed = {new_owner[r] for r in moved} | {previous[str(r)] for r in moved + gone
                                               if str(r) in previous}  # fmt: skip
    for chunk in _chunks(moved + gone):
        conn.execute(delete(s.person_record).where(s.person_record.c.record_id.in_(chunk)))
    if moved:
        conn.execute(
            s.person_record.insert(), [{"record_id": r, "person_id": new_owner[r]} for r in moved]
        )
    labels = _labels(conn, {pid: ids for pid, ids in assignment if pid in changed})
    for person_id, label in labels.items():
        conn.execute(
            update(s.person)
            .where(s.person.c.id == person_id)
            .values(
                label=label, updated_at=now, merged_into_id=None, version=s.person.c.version + 1
            )
        )
    records_of_old: dict[int, list[int]] = {}
    for r, p in previous.items():
        records_of_old.setdefault(p, []).append(int(r))
    for old_pid in (set(previous.values()) - claimed) & changed:
        heirs = Counter(new_owner[r] for r in records_of_old[old_pid] if r in new_owner)
        heir = heirs.most_common(1)[0][0] if heirs else None
        conn.execute(
            update(s.person)
            .where(s.person.c.id == old_pid)
            .values(merged_into_id=heir, updated_at=now, version=s.person.c.version + 1)
        )
    return Assignment(len(assignment), _uids(conn, changed))


def _uids(conn: Connection, person_ids: set[int]) -> frozenset[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(person_ids)):
        found.update(conn.execute(select(s.person.c.uid).where(s.person.c.id.in_(chunk))).scalars())
    return frozenset(found)


def _pair_rows(run_id: int, pairs: list[Pair], threshold: float) -> list[dict[str, Any]]:
    return [{
        "run_id": run_id, "left_record_id": int(p.left_id), "right_record_id": int(p.right_id),
        "match_probability": p.match_probability, "match_weight": p.match_weight,
        "is_match": p.is_match(threshold),
        "evidence": json.dumps([{"comparison": e.comparison, "level": e.level,
                                 "match_weight": e.match_weight} for e in p.evidence],
                               ensure_ascii=False),
    } for p in pairs]  # fmt: skip


def _with_prior(pair: Pair, prior: ListPrior) -> Pair:
    """The pair of two entries of one list, with the list's prior in its weight and waterfall."""
    weight = pair.match_weight + prior.weight
    return replace(
        pair,
        match_weight=weight,
        match_probability=1.0 / (1.0 + 2.0 ** (-weight)),
        evidence=(*pair.evidence, Evidence(COMPARISON, prior.level, round(prior.weight, 3))),
    )


@dataclass(frozen=True, slots=True)
class _Scored:
    """A run's pairs as stored (lists' priors applied), and what the model said before."""

    pairs: list[Pair]
    model_matches: list[tuple[str, str, bool]]  # (left, right, inside one list) at ≥ threshold
    lists: dict[str, ListPrior]


def _score(
    records: list[LinkRecord], groups: dict[str, str], model: Model, floor: float,
    threshold: float,
) -> _Scored:  # fmt: skip
    by_source: dict[str, list[LinkRecord]] = {}
    for rec in records:
        by_source.setdefault(rec.source_dataset, []).append(rec)
    table = predict_table(list(by_source.values()), floor=floor, model=model)
    if table is None:
        return _Scored([], [], {})
    sources = {groups[r.unique_id]: r.source_dataset for r in records if r.unique_id in groups}
    offsets, priors = list_priors(table, groups, sources)
    pairs, matches = [], []
    compared = table.select(  # the waterfall's columns only: no feature values as objects
        [c for c in table.column_names
         if c.startswith("mw_") or c in ("unique_id_l", "unique_id_r", "match_probability",
                                         "match_weight")]
    ).replace_schema_metadata(table.schema.metadata)  # fmt: skip
    for pair, offset in zip(pairs_from_table(compared, model), offsets, strict=True):
        inside = bool(offset)
        if pair.is_match(threshold):
            matches.append((pair.left_id, pair.right_id, inside))
        if inside:
            pair = _with_prior(pair, priors[groups[pair.left_id]])
            if pair.match_probability < floor:
                continue
        pairs.append(pair)
    return _Scored(pairs, matches, priors)


def link_database(
    engine: Engine,
    *,
    threshold: float,
    floor: float,
    progress: Progress | None = None,
    model: Model | None = None,
    train_to: Path | None = None,
    actor: str = "system",
    count: Count | None = None,
) -> LinkRunResult:
    """Link every current record into persons; see the module docstring for the guarantees.

    ``model``: a saved model instead of the shipped starting one; ``train_to``: first estimate
    a new version of it on the stored records (EM, no labels) and save it there as JSON.
    Returns what happened (:class:`LinkRunResult`), for the user to read. ``progress`` is
    told each stage as it starts, ``count`` how far a stage of known size has got."""
    say = progress or (lambda _msg: None)
    started = datetime.now(UTC)
    say("reading the records")
    with engine.connect() as conn:
        records, groups = load_current_records(conn, count)
        persons_before = _person_count(conn)
    model = model or load_model()
    if train_to is not None:
        from tagdyr.link.train import train_model

        say("training the model on the stored records (EM)")
        by_source: dict[str, list[LinkRecord]] = {}
        for rec in records:
            by_source.setdefault(rec.source_dataset, []).append(rec)
        model = train_model(list(by_source.values()), model, link_type="link_and_dedupe")
        save_model(model, train_to)
        say(f"model {model.label} saved to {train_to}")
    say(f"comparing {len(records):,} records")
    scored = _score(records, groups, model, floor, threshold)
    say(f"storing {len(scored.pairs):,} candidate pairs, clustering")
    try:
        run_id, assignment, outcome = _store_run(
            engine, started, model, threshold, scored.pairs, actor, scored.model_matches, count
        )
    except DBAPIError as exc:
        raise storage_error(exc, "storing the linkage results (the previous ones stay)") from exc
    return LinkRunResult(
        run_id, len(records), len(scored.pairs), len(scored.model_matches), assignment.persons,
        persons_before=persons_before, threshold=threshold,
        lists=tuple(sorted(scored.lists.values(), key=lambda p: (p.source_key, p.group))),
        **outcome,
    )  # fmt: skip


def _person_count(conn: Connection) -> int:
    return int(
        conn.execute(select(func.count(func.distinct(s.person_record.c.person_id)))).scalar_one()
    )


def _outcome(
    conn: Connection, model_matches: list[tuple[str, str, bool]],
    skipped: dict[tuple[str, str], str], pairs: list[Pair], threshold: float,
) -> dict[str, int]:  # fmt: skip
    """Of the model's matches: merged, or held back by what (see :class:`LinkRunResult`)."""
    person = _previous_persons(conn, None)
    held: Counter[str] = Counter()
    stored = {(p.left_id, p.right_id): p.match_probability for p in pairs}
    for left, right, inside in model_matches:
        if person.get(left) == person.get(right):
            held["merged"] += 1
        elif (left, right) in skipped:
            held[skipped[(left, right)]] += 1
        elif inside and stored.get((left, right), 0.0) < threshold:
            held["held_by_list_prior"] += 1
        else:
            held["held_by_rule"] += 1
    judged = latest_verdicts(conn)
    queue = sum(1 for p in pairs if frozenset((p.left_id, p.right_id)) not in judged)
    return {
        "merged": held["merged"],
        "held_by_list_prior": held["held_by_list_prior"],
        "held_by_judgement": held["judgement"],
        "held_by_rule": held["list"] + held["held_by_rule"],
        "review_queue": queue,
    }


def _store_run(engine: Engine, started: datetime, model: Model, threshold: float,
               pairs: list[Pair], actor: str, model_matches: list[tuple[str, str, bool]],
               count: Count | None = None) -> tuple[int, Assignment, dict[str, int]]:  # fmt: skip
    """Store a run's pairs and re-cluster, in one transaction: until it commits, readers see
    the previous run's results. Clustering happens here, under the write lock, from the
    judgements and records as they are now (a judgement made during the run counts). The
    previous run's pairs are kept, so this run can be reverted."""
    with engine.begin() as conn:
        lock_for_writing(conn)
        previous = latest_run_id(conn)
        run_id = conn.execute(
            s.link_run.insert().returning(s.link_run.c.id),
            {
                "started_at": started,
                "engine": "duckdb",
                "model": model.label,
                "threshold": threshold,
            },
        ).scalar_one()
        conn.execute(
            delete(s.candidate_pair).where(s.candidate_pair.c.run_id.not_in([previous or 0]))
        )
        rows = _pair_rows(run_id, pairs, threshold)
        for start in range(0, len(rows), _PAIR_BATCH):
            conn.execute(s.candidate_pair.insert(), rows[start : start + _PAIR_BATCH])
            if count is not None:
                count(min(start + _PAIR_BATCH, len(rows)), len(rows))
        skipped: dict[tuple[str, str], str] = {}
        assignment = recluster(conn, run_id, skipped=skipped)
        conn.execute(
            update(s.link_run)
            .where(s.link_run.c.id == run_id)
            .values(
                finished_at=datetime.now(UTC),
                pair_count=len(pairs),
                person_count=assignment.persons,
            )
        )
        log_event(
            conn, actor, "link",
            f"linkage run {run_id}: {len(pairs):,} candidate pairs, "
            f"{assignment.persons:,} persons, {len(assignment.changed_uids):,} changed",
            {"run_id": run_id, "previous_run_id": previous, "model": model.label},
            assignment.changed_uids,
        )  # fmt: skip
        outcome = _outcome(conn, model_matches, skipped, pairs, threshold)
    return int(run_id), assignment, outcome


_PAIR_BATCH = 20_000


SOURCE_KINDS = ("list", "register", "file")


def set_source_kind(engine: Engine, key: str, kind: str, *, actor: str = "system") -> str:
    """Say what a source is (a list: one entry a man, mostly; a register or a file: one man
    may have several records), for the next linkage run; returns the kind it had."""
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"kind {kind!r} is not one of: {', '.join(SOURCE_KINDS)}")
    with engine.begin() as conn:
        before = conn.execute(select(s.source.c.kind).where(s.source.c.key == key)).scalar()
        if before is None:
            raise NotFoundError(f"no source {key!r} (tagdyr sources lists them)")
        if before != kind:
            conn.execute(update(s.source).where(s.source.c.key == key).values(kind=kind))
            log_event(
                conn, actor, "source.kind", f"source {key}: kind {before} → {kind}",
                {"source": key, "before": before, "after": kind}, frozenset(),
            )  # fmt: skip
    return str(before)


def latest_run_id(conn: Connection) -> int | None:
    """The newest finished linkage run: its pairs and the judgements make the persons."""
    return conn.execute(
        select(func.max(s.link_run.c.id)).where(s.link_run.c.finished_at.is_not(None))
    ).scalar_one_or_none()


def _current_records(
    conn: Connection, among: set[int] | None = None
) -> tuple[list[str], dict[str, str]]:
    """Current records (all, or those ``among``), and for records of lists their list."""
    query = (
        select(s.record.c.id, s.record.c.document_id, s.source.c.kind)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .where(s.document.c.is_current.is_(True))
    )
    if among is None:
        rows = list(conn.execute(query).all())
    else:
        rows = [r for chunk in _chunks(sorted(among))
                for r in conn.execute(query.where(s.record.c.id.in_(chunk)))]  # fmt: skip
    return [str(r.id) for r in rows], list_groups(rows)


def _matched_pairs(
    conn: Connection, run_id: int | None, among: set[int] | None
) -> list[tuple[str, str, float]]:
    if run_id is None:
        return []
    p = s.candidate_pair
    columns = (p.c.left_record_id, p.c.right_record_id, p.c.match_probability)
    if among is None:
        query = select(*columns).where(p.c.run_id == run_id).where(p.c.is_match.is_(True))
        return [(str(a), str(b), prob) for a, b, prob in conn.execute(query)]
    found: list[tuple[str, str, float]] = []
    for chunk in _chunks(sorted(among)):  # by record only, so that its index serves the query
        query = select(*columns, p.c.run_id, p.c.is_match).where(p.c.left_record_id.in_(chunk))
        found += [
            (str(r[0]), str(r[1]), r[2]) for r in conn.execute(query) if r[3] == run_id and r[4]
        ]
    return found


def recluster(
    conn: Connection,
    run_id: int | None = None,
    *,
    around: Iterable[int] | None = None,
    scope: set[int] | None = None,
    skipped: dict[tuple[str, str], str] | None = None,
) -> Assignment:
    """Persons from a run's matched pairs (the latest finished run by default) and every
    active judgement, over the current records; call it under :func:`lock_for_writing`.

    ``around``: re-cluster only the connected component(s) of these records (a judgement's;
    call it under :func:`lock_for_judging`, the component locked by
    :func:`~tagdyr.persons.components.lock_component`); ``scope``: that component, already
    found (it must hold whole components: one found before the decision does); ``skipped``:
    filled with the matched pairs clustering left apart, and why (see :func:`cluster`)."""
    run_id = run_id if run_id is not None else latest_run_id(conn)
    if scope is None and around is not None:
        scope = component(conn, run_id, around)
    matches = _matched_pairs(conn, run_id, scope)
    nodes, groups = _current_records(conn, scope)
    must, cannot = active_judgements(conn, scope)
    clusters = cluster(
        nodes, matches, must_link=must, cannot_link=cannot, groups=groups, skipped=skipped
    )
    return assign_persons(conn, clusters, datetime.now(UTC), scope=scope)
