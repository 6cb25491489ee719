"""Linking the records in the database into persons.

Everything is computed first and written in one transaction at the end, so a crash during
linkage leaves the previous results in place. Person ids (``uid``) are stable: a cluster takes
over the uid of the previous person it shares most records with, and a person folded into
another keeps a pointer to it so that its URL still leads somewhere.
"""

from __future__ import annotations

import json
import math
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Engine,
    Float,
    Integer,
    Text,
    bindparam,
    cast,
    delete,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError

from tagdyr.dates import FuzzyDate, Precision
from tagdyr.errors import ConfigError, NotFoundError
from tagdyr.link.engine import Evidence, Pair, pairs_from_table, predict_table
from tagdyr.link.exclusive import exclusive_probabilities
from tagdyr.link.features import LinkRecord
from tagdyr.link.files import EXCLUSIVE_FLOOR_FACTOR, record_from_values
from tagdyr.link.model import Model, load_model, save_model
from tagdyr.link.within import COMPARISON, LIST_REPEAT_SHARE, ListPrior, list_priors
from tagdyr.names.parse import Gender, ParsedName
from tagdyr.persons.cluster import cluster
from tagdyr.persons.components import component, latest_run
from tagdyr.settings import DEFAULT_LIST_MATCH_THRESHOLD
from tagdyr.store import schema as s
from tagdyr.store.audit import log_event
from tagdyr.store.db import lock_for_writing, storage_error

Progress = Callable[[str], None]
Count = Callable[[int, int], None]  # (done, total) within the stage ``Progress`` named last
_COUNT_EVERY = 10_000
_BIRTH_FIELDS = ("birth_date", "birth_year", "age")
CANDIDATES = "entry_candidates"  # the evidence row of a list entry's competing candidates


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
    new_records: int | None = None  # an incremental run: the records linked anew; None: full


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
            either = or_(j.c.left_record_id.in_(chunk), j.c.right_record_id.in_(chunk))
            found.update({r.id: r for r in conn.execute(query.where(either))})
        rows = list(found.values())
    return _latest(rows)


def _latest(rows: Iterable[Any]) -> dict[frozenset[str], str]:
    """Pair -> verdict of active judgement rows (id, left, right, verdict, created_at): the
    latest judgement of a pair wins."""
    latest: dict[frozenset[str], str] = {}
    for row in sorted(rows, key=lambda r: (r.created_at, r.id)):
        latest[frozenset((str(row.left_record_id), str(row.right_record_id)))] = row.verdict
    return latest


def active_judgements(
    conn: Connection, among: set[int] | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Active must-links and cannot-links; the latest judgement of a pair wins."""
    return judged_links(latest_verdicts(conn, among))


def judged_links(
    latest: Mapping[frozenset[str], str],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The must-links ("same") and cannot-links ("not same") of pairs' latest verdicts."""
    must = [tuple(sorted(k)) for k, v in latest.items() if v == "same"]
    cannot = [tuple(sorted(k)) for k, v in latest.items() if v == "not_same"]
    return must, cannot  # type: ignore[return-value]


def _label(conn: Connection, record_ids: list[int]) -> str:
    return _labels(conn, {0: record_ids})[0]


def _name(row: Any) -> str:
    """A record's name as a label shows it: surname and given name, else the name written."""
    return " ".join(p for p in (row.surname, row.given_name) if p) or str(row.full_name)


def _labels(
    conn: Connection, persons: dict[int, list[int]], known: Mapping[int, str] | None = None
) -> dict[int, str]:
    """The label of each person (id -> its records), its records' names read in bulk (or
    ``known`` already: record id -> name)."""
    names_of: dict[int, str] = dict(known or {})
    columns = (s.record.c.id, s.record.c.surname, s.record.c.given_name, s.record.c.full_name)
    wanted = sorted({r for ids in persons.values() for r in ids} - set(names_of))
    for chunk in _chunks(wanted):
        for r in conn.execute(select(*columns).where(s.record.c.id.in_(chunk))):
            names_of[r.id] = _name(r)
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
    owner: Mapping[int, int] = field(default_factory=dict)  # record -> its person, after
    before: Mapping[str, list[int]] = field(default_factory=dict)  # uid -> records, before
    verdicts: Mapping[frozenset[str], str] = field(default_factory=dict)  # what it obeyed


def _chunks(items: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _previous_persons(
    conn: Connection, scope: set[int] | None
) -> tuple[dict[str, int], dict[int, str]]:
    """Record id -> the person it belongs to now (every record, or those of ``scope``), and
    those persons' uids."""
    pr = s.person_record
    query = select(pr.c.record_id, pr.c.person_id, s.person.c.uid).join(
        s.person, s.person.c.id == pr.c.person_id
    )
    if scope is None:
        rows = list(conn.execute(query))
    else:
        rows = [row for chunk in _chunks(sorted(scope))
                for row in conn.execute(query.where(pr.c.record_id.in_(chunk)))]  # fmt: skip
    return {str(rid): pid for rid, pid, _ in rows}, {pid: uid for _, pid, uid in rows}


def _votes(previous: dict[str, int], members: set[str]) -> dict[int, int]:
    """How many of a cluster's records each previous person holds."""
    votes: dict[int, int] = {}
    for m in members:
        if (pid := previous.get(m)) is not None:
            votes[pid] = votes.get(pid, 0) + 1
    return votes


Restore = Mapping[str, Iterable[int]]  # person uid -> the records it held before a change


def _restored(conn: Connection, clusters: list[set[str]], restore: Restore) -> dict[int, int]:
    """Cluster index -> person, for the clusters that are exactly a person of ``restore`` (the
    persons before the change an undo or revert takes back): that person comes back with its
    uid, unless it now holds records outside all such clusters (the restore is stale for it:
    then the votes decide, as in any re-clustering). A folded person is thus revived by the
    records it held, never by its label or by when it was folded."""
    wanted = {frozenset(str(r) for r in records): uid for uid, records in restore.items()}
    hits = {i: wanted[key] for i, m in enumerate(clusters) if (key := frozenset(m)) in wanted}
    if not hits:
        return {}
    rows = conn.execute(
        select(s.person.c.uid, s.person.c.id, s.person_record.c.record_id)
        .outerjoin(s.person_record, s.person_record.c.person_id == s.person.c.id)
        .where(s.person.c.uid.in_(sorted(hits.values())))
    ).all()
    ids = {uid: pid for uid, pid, _ in rows}
    held: dict[int, set[str]] = {}
    for _, pid, record in rows:
        held.setdefault(pid, set()).update([str(record)] if record is not None else [])
    covered = {record for i in hits for record in clusters[i]}
    return {
        i: ids[uid]
        for i, uid in hits.items()
        if uid in ids and held.get(ids[uid], set()) <= covered
    }


def assign_persons(
    conn: Connection,
    clusters: list[set[str]],
    now: datetime,
    *,
    scope: set[int] | None = None,
    restore: Restore | None = None,
    read: ScopeRead | None = None,
) -> Assignment:
    """Store ``clusters`` as persons. A cluster keeps the person most of its records belonged
    to (stable URLs across runs); only persons whose records changed are written.
    ``scope``: the clusters cover only these records (a component); the rest stay as they are.
    ``restore``: the persons before the change being undone (see :func:`_restored`);
    ``read``: the scope as already read (see :func:`read_scope`)."""
    previous, uid_of = (
        (read.previous, dict(read.uid_of)) if read else _previous_persons(conn, scope)
    )
    clusters = sorted(clusters, key=lambda m: (-len(m), min(int(x) for x in m)))
    restored = _restored(conn, clusters, restore) if restore else {}
    claimed: set[int] = set(restored.values())
    assignment: list[tuple[int, list[int]]] = []
    for index, members in enumerate(clusters):
        if index in restored:
            assignment.append((restored[index], sorted(int(m) for m in members)))
            continue
        votes = _votes(previous, members)
        ranked = sorted((pid for pid in votes if pid not in claimed), key=lambda p: (-votes[p], p))
        record_ids = sorted(int(m) for m in members)
        if ranked:
            person_id = ranked[0]
        else:
            revived = _merged_person_to_revive(conn, set(votes), claimed, record_ids)
            person_id = revived if revived is not None else _new_person(conn, now, uid_of)
        claimed.add(person_id)
        assignment.append((person_id, record_ids))
    new_owner = {r: pid for pid, record_ids in assignment for r in record_ids}
    moved = sorted(r for r, pid in new_owner.items() if previous.get(str(r)) != pid)
    gone = sorted(int(r) for r in previous if int(r) not in new_owner)
    changed = {new_owner[r] for r in moved} | {previous[str(r)] for r in moved + gone
                                               if str(r) in previous}  # fmt: skip
    for chunk in _chunks(moved + gone):
        conn.execute(delete(s.person_record).where(s.person_record.c.record_id.in_(chunk)))
    for begin in range(0, len(moved), _PERSON_BATCH):
        conn.execute(
            s.person_record.insert(),
            [
                {"record_id": r, "person_id": new_owner[r]}
                for r in moved[begin : begin + _PERSON_BATCH]
            ],
        )
    labels = _labels(
        conn, {pid: ids for pid, ids in assignment if pid in changed}, read.names if read else None
    )
    if labels:  # one statement for all (executemany)
        conn.execute(
            update(s.person)
            .where(s.person.c.id == bindparam("person_id"))
            .values(label=bindparam("new_label"), updated_at=now, merged_into_id=None,
                    version=s.person.c.version + 1),
            [{"person_id": pid, "new_label": label} for pid, label in labels.items()],
        )  # fmt: skip
    records_of_old: dict[int, list[int]] = {}
    for r, p in previous.items():
        records_of_old.setdefault(p, []).append(int(r))
    for old_pid in sorted((set(previous.values()) - claimed) & changed):
        heirs = Counter(new_owner[r] for r in records_of_old[old_pid] if r in new_owner)
        heir = heirs.most_common(1)[0][0] if heirs else None
        conn.execute(
            update(s.person)
            .where(s.person.c.id == old_pid)
            .values(merged_into_id=heir, updated_at=now, version=s.person.c.version + 1)
        )
    if unknown := changed - set(uid_of):  # persons revived: not read above
        rows = select(s.person.c.id, s.person.c.uid).where(s.person.c.id.in_(sorted(unknown)))
        uid_of.update((int(pid), str(uid)) for pid, uid in conn.execute(rows))
    before: dict[str, list[int]] = {}
    for record, pid in sorted(previous.items(), key=lambda item: int(item[0])):
        before.setdefault(uid_of[pid], []).append(int(record))
    return Assignment(len(assignment), frozenset(uid_of[p] for p in changed), new_owner, before)


def _new_person(conn: Connection, now: datetime, uid_of: dict[int, str]) -> int:
    """A new person (no label yet: it is written with its records); its uid goes in ``uid_of``."""
    uid = uuid.uuid4().hex[:12]
    person_id = int(conn.execute(
        s.person.insert().returning(s.person.c.id),
        {"uid": uid, "label": "", "created_at": now, "updated_at": now},
    ).scalar_one())  # fmt: skip
    uid_of[person_id] = uid
    return person_id


def _uids(conn: Connection, person_ids: set[int]) -> frozenset[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(person_ids)):
        found.update(conn.execute(select(s.person.c.uid).where(s.person.c.id.in_(chunk))).scalars())
    return frozenset(found)


def _pair_rows(
    run_id: int, pairs: list[Pair], decided: set[tuple[str, str]]
) -> list[dict[str, Any]]:
    return [{
        "run_id": run_id, "left_record_id": int(p.left_id), "right_record_id": int(p.right_id),
        "match_probability": p.match_probability, "match_weight": p.match_weight,
        "is_match": (p.left_id, p.right_id) in decided,
        "evidence": json.dumps([{"comparison": e.comparison, "level": e.level,
                                 "match_weight": e.match_weight} for e in p.evidence],
                               ensure_ascii=False),
    } for p in pairs]  # fmt: skip


def _with_prior(pair: Pair, prior: ListPrior, offset: float) -> Pair:
    """The pair of two entries of one list, with the list's prior (and its own re-estimate of
    the model's m, :func:`tagdyr.link.within.list_priors`) in its weight and waterfall."""
    weight = pair.match_weight + offset
    return replace(
        pair,
        match_weight=weight,
        match_probability=1.0 / (1.0 + 2.0 ** (-weight)),
        evidence=(*pair.evidence, Evidence(COMPARISON, prior.level, round(offset, 3))),
    )


@dataclass(frozen=True, slots=True)
class _Scored:
    """A run's pairs as stored (lists' priors applied, list entries' candidates competing),
    what the model said before, and each pair's decision."""

    pairs: list[Pair]
    model_matches: list[tuple[str, str, bool]]  # (left, right, inside one list) decided same
    lists: dict[str, ListPrior]
    decided: set[tuple[str, str]]  # the pairs decided the same man (is_match)


def _score(
    records: list[LinkRecord], groups: dict[str, str], model: Model, floor: float,
    threshold: float, entry_threshold: float = DEFAULT_LIST_MATCH_THRESHOLD, *,
    backend: str = "duckdb", table: Any = None,
) -> _Scored:  # fmt: skip
    """``table``: Splink's pairs, already predicted (an incremental run's); else predicted
    here on ``backend`` (duckdb or spark)."""
    entries = [r for r in records if r.unique_id in groups]
    others = [r for r in records if r.unique_id not in groups]
    competing = bool(entries and others)
    pair_floor = floor / EXCLUSIVE_FLOOR_FACTOR if competing else floor  # as the file path
    if table is None:
        by_source: dict[str, list[LinkRecord]] = {}
        for rec in records:
            by_source.setdefault(rec.source_dataset, []).append(rec)
        table = predict_table(
            list(by_source.values()), floor=pair_floor, model=model, engine=backend
        )
    if table is None:
        return _Scored([], [], {}, set())
    sources = {groups[r.unique_id]: r.source_dataset for r in records if r.unique_id in groups}
    compared = table.select(  # the waterfall's columns only: no feature values as objects
        [c for c in table.column_names
         if c.startswith("mw_") or c in ("unique_id_l", "unique_id_r", "match_probability",
                                         "match_weight")]
    ).replace_schema_metadata(table.schema.metadata)  # fmt: skip
    entry_side = _entry_side(compared, groups)
    candidates = _competing_candidates(compared, entry_side, entries, others, model, floor)
    kept = _kept_rows(compared, entry_side, candidates, floor)
    offsets, priors = list_priors(kept, groups, sources, model)
    pairs, matches, decided = [], [], set()
    for pair, offset in zip(pairs_from_table(kept, model), offsets, strict=True):
        key = (pair.left_id, pair.right_id)
        inside = bool(offset)
        if key in candidates:  # a list entry and one of its candidates: the entry's probability
            pair = _as_candidate(pair, *candidates[key])
            pairs.append(pair)
            continue
        if pair.is_match(threshold):
            matches.append((*key, inside))
        cut = threshold
        if inside:
            prior = priors[groups[pair.left_id]]
            pair = _with_prior(pair, prior, float(offset))
            if pair.match_probability < floor:
                continue
            cut = entry_threshold if prior.learnt else threshold  # calibrated on its own pairs
        if pair.is_match(cut):
            decided.add(key)
        pairs.append(pair)
    for key in _best_entries(pairs, candidates, groups, entry_threshold):
        matches.append((*key, False))
        decided.add(key)
    return _Scored(pairs, matches, priors, decided)


def _best_entries(
    pairs: list[Pair], candidates: dict[tuple[str, str], Any], groups: dict[str, str],
    entry_threshold: float,
) -> list[tuple[str, str]]:  # fmt: skip
    """The entries' candidates decided the same man: at or above ``entry_threshold``, and a
    record goes to the most probable entry of each list (one entry is one man), as
    ``tagdyr link LIST REGISTER`` decides (:func:`tagdyr.link.files.link_files`)."""
    best: dict[tuple[str, str], tuple[float, str, tuple[str, str]]] = {}
    for pair in pairs:
        key = (pair.left_id, pair.right_id)
        if key not in candidates or not pair.is_match(entry_threshold):
            continue
        entry, other = key if key[0] in groups else key[::-1]
        rank = (-pair.match_probability, entry, key)
        if (groups[entry], other) not in best or rank < best[(groups[entry], other)]:
            best[(groups[entry], other)] = rank
    return [key for _, _, key in best.values()]


def _entry_side(table: Any, groups: dict[str, str]) -> Any:
    """Per pair: "l" or "r" when exactly one of its records is a list entry (the entry's side),
    else null: the pairs where an entry meets a register's (or file's, or text's) record."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = pa.array(list(groups), pa.string())
    left = pc.is_in(pc.cast(table.column("unique_id_l"), pa.string()), value_set=ids)
    right = pc.is_in(pc.cast(table.column("unique_id_r"), pa.string()), value_set=ids)
    return pc.if_else(
        pc.and_not(left, right),
        "l",
        pc.if_else(pc.and_not(right, left), "r", pa.scalar(None, pa.string())),
    )


def _competing_candidates(
    table: Any, side: Any, entries: list[LinkRecord], others: list[LinkRecord], model: Model,
    floor: float,
) -> dict[tuple[str, str], tuple[float, int, float]]:  # fmt: skip
    """(left, right) of a pair of a list entry and one of its candidates -> the entry's
    probability of being that candidate's man (:mod:`tagdyr.link.exclusive`, as the file path
    decides a list against a register), the entry's number of candidates and π; the pairs
    above the floor on either count."""
    import pyarrow as pa
    import pyarrow.compute as pc

    mask = pc.is_valid(side)
    pairs = table.filter(mask)
    if not pairs.num_rows:
        return {}
    on_left = pc.equal(side.filter(mask), "l")
    ids_l = pc.cast(pairs.column("unique_id_l"), pa.string())
    ids_r = pc.cast(pairs.column("unique_id_r"), pa.string())
    oriented = pa.table({
        "left_id": pc.if_else(on_left, ids_l, ids_r),
        "right_id": pc.if_else(on_left, ids_r, ids_l),
        "match_probability": pairs.column("match_probability"),
        "match_weight": pairs.column("match_weight"),
        # the comparisons' weights: the m probabilities are refit on the entries, as in files
        **{c: pairs.column(c) for c in pairs.column_names if c.startswith("mw_")},
    })  # fmt: skip
    prior = float((table.schema.metadata or {}).get(b"prior", 0))
    competed, share = exclusive_probabilities(oriented, prior, entries, others, model)
    lefts = ids_l.to_pylist()
    rights = ids_r.to_pylist()
    entry_of = oriented.column("left_id").to_pylist()
    pairwise = pairs.column("match_probability").to_pylist()
    probabilities = competed.column("match_probability").to_pylist()
    rivals = Counter(entry_of)
    return {
        (a, b): (p, rivals[e], share)
        for a, b, e, before, p in zip(lefts, rights, entry_of, pairwise, probabilities,
                                      strict=True)
        if before >= floor or p >= floor
    }  # fmt: skip


def _kept_rows(table: Any, side: Any, candidates: dict[tuple[str, str], Any], floor: float) -> Any:
    """The pairs stored: entries' candidates kept by :func:`_competing_candidates`, the rest
    at or above the floor."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = pa.array([f"{a}\x1f{b}" for a, b in candidates], pa.string())
    joined = pc.binary_join_element_wise(
        pc.cast(table.column("unique_id_l"), pa.string()),
        pc.cast(table.column("unique_id_r"), pa.string()),
        "\x1f",
    )
    keep = pc.if_else(
        pc.is_valid(side),
        pc.is_in(joined, value_set=keys),
        pc.greater_equal(table.column("match_probability"), floor),
    )
    return table.filter(keep)


def _as_candidate(pair: Pair, probability: float, rivals: int, share: float) -> Pair:
    """A list entry and one of its candidates: the entry's own probability of being his man,
    with the competition as a row of the waterfall (so that its rows still add up)."""
    bounded = min(max(probability, 1e-12), 1 - 1e-12)
    weight = math.log2(bounded / (1 - bounded))
    level = (
        f"one of the entry's {rivals} candidates"
        f" ({share:.0%} of the lists' entries are in a register, by the evidence)"
    )
    return replace(
        pair,
        match_weight=weight,
        match_probability=probability,
        evidence=(
            *pair.evidence,
            Evidence(CANDIDATES, level, round(weight - pair.match_weight, 3)),
        ),
    )


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
    entry_threshold: float = DEFAULT_LIST_MATCH_THRESHOLD,
    full: bool = False,
    backend: str = "duckdb",
) -> LinkRunResult:
    """Link the current records into persons; see the module docstring for the guarantees.

    By default only the records imported since the last run are linked, against the persons
    already there (:mod:`tagdyr.persons.incremental`: every other person stays as it is), or
    every record when an incremental run cannot stand for one (no run yet, another model or
    threshold, …: ``progress`` is told why). ``full``: re-link every record (the same persons).
    ``backend``: Splink's engine, duckdb or spark (the master is the
    setting spark_master).

    ``threshold`` decides pairs on their own probability; ``entry_threshold`` a list entry and
    one of its candidates in a register (a file, a text) on the entry's probability of being
    that man, his rivals counted — the decision rule of ``tagdyr link LIST REGISTER`` — and two
    entries of a list large enough to calibrate its pairs' probabilities on its own pairs
    (:func:`tagdyr.link.within.list_priors`).

    ``model``: a saved model instead of the shipped starting one; ``train_to``: first estimate
    a new version of it on the stored records (EM, no labels) and save it there as JSON.
    Returns what happened (:class:`LinkRunResult`), for the user to read. ``progress`` is
    told each stage as it starts, ``count`` how far a stage of known size has got."""
    say = progress or (lambda _msg: None)
    model = model or load_model()
    if not full and train_to is None:
        from tagdyr.persons.incremental import link_new_records

        done = link_new_records(
            engine, threshold=threshold, floor=floor, model=model, progress=say, actor=actor,
            count=count, backend=backend,
        )  # fmt: skip
        if isinstance(done, LinkRunResult):
            return done
        say(f"a full re-link: {done}")
    started = datetime.now(UTC)
    say("reading the records")
    with engine.connect() as conn:
        records, groups = load_current_records(conn, count)
        persons_before = _person_count(conn)
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
    scored = _score(records, groups, model, floor, threshold, entry_threshold, backend=backend)
    say(f"storing {len(scored.pairs):,} candidate pairs, clustering")
    try:
        run_id, assignment, outcome = _store_run(
            engine, started, model, threshold, scored, actor, count, backend
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
    skipped: dict[tuple[str, str], str], pairs: list[Pair], decided: set[tuple[str, str]],
) -> dict[str, int]:  # fmt: skip
    """Of the model's matches: merged, or held back by what (see :class:`LinkRunResult`)."""
    person, _ = _previous_persons(conn, None)
    held: Counter[str] = Counter()
    for left, right, inside in model_matches:
        if person.get(left) == person.get(right):
            held["merged"] += 1
        elif (left, right) in skipped:
            held[skipped[(left, right)]] += 1
        elif inside and (left, right) not in decided:
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
               scored: _Scored, actor: str, count: Count | None = None,
               backend: str = "duckdb") -> tuple[int, Assignment, dict[str, int]]:  # fmt: skip
    """Store a run's pairs and re-cluster, in one transaction: until it commits, readers see
    the previous run's results. Clustering happens here, under the write lock, from the
    judgements and records as they are now (a judgement made during the run counts). The
    previous run's pairs are kept, so this run can be reverted."""
    with engine.begin() as conn:
        lock_for_writing(conn)
        previous = latest_run_id(conn)
        run_id = _open_run(conn, started, model, threshold, backend, keep=previous)
        pairs = scored.pairs
        _insert_pairs(conn, run_id, pairs, scored.decided, count)
        skipped: dict[tuple[str, str], str] = {}
        assignment = recluster(conn, run_id, skipped=skipped)
        _finish_run(conn, run_id, len(pairs), assignment.persons)
        log_event(
            conn, actor, "link",
            f"linkage run {run_id}: {len(pairs):,} candidate pairs, "
            f"{assignment.persons:,} persons, {len(assignment.changed_uids):,} changed",
            {"run_id": run_id, "previous_run_id": previous, "model": model.label},
            assignment.changed_uids,
        )  # fmt: skip
        outcome = _outcome(conn, scored.model_matches, skipped, pairs, scored.decided)
    return int(run_id), assignment, outcome


def _open_run(
    conn: Connection, started: datetime, model: Model, threshold: float, backend: str,
    *, keep: int | None,
) -> int:  # fmt: skip
    """A new linkage run's row (unfinished: readers still see the run ``keep``), and the pairs
    of every older run but ``keep``'s deleted (it stays, so that the new run can be reverted)."""
    run_id = conn.execute(
        s.link_run.insert().returning(s.link_run.c.id),
        {"started_at": started, "engine": backend, "model": model.label, "threshold": threshold},
    ).scalar_one()
    conn.execute(delete(s.candidate_pair).where(s.candidate_pair.c.run_id.not_in([keep or 0])))
    return int(run_id)


def _insert_pairs(
    conn: Connection, run_id: int, pairs: list[Pair], decided: set[tuple[str, str]],
    count: Count | None = None,
) -> int:  # fmt: skip
    """A run's pairs stored, in batches (``count`` told how far); returns how many."""
    rows = _pair_rows(run_id, pairs, decided)
    for start in range(0, len(rows), _PAIR_BATCH):
        conn.execute(s.candidate_pair.insert(), rows[start : start + _PAIR_BATCH])
        if count is not None:
            count(min(start + _PAIR_BATCH, len(rows)), len(rows))
    return len(rows)


def _finish_run(conn: Connection, run_id: int, pairs: int, persons: int) -> None:
    """The run finished: from now on its pairs and persons are the latest."""
    conn.execute(
        update(s.link_run)
        .where(s.link_run.c.id == run_id)
        .values(finished_at=datetime.now(UTC), pair_count=pairs, person_count=persons)
    )


_PAIR_BATCH = 20_000
_PERSON_BATCH = 2_000  # rows per executemany: short enough not to stall a serving web app


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
    return conn.execute(latest_run()).scalar_one_or_none()


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


@dataclass(frozen=True, slots=True)
class ScopeRead:
    """What re-clustering a component needs of it, read in two statements (a judgement's time
    goes into round trips): its current records and their lists, who holds each of its
    records now (with their uids), the records' names, its matched pairs and verdicts."""

    nodes: list[str]
    groups: dict[str, str]
    previous: dict[str, int]
    uid_of: dict[int, str]
    names: dict[int, str]
    matches: list[tuple[str, str, float]]
    verdicts: dict[frozenset[str], str]


def read_scope(conn: Connection, run_id: int | None, scope: set[int]) -> ScopeRead:
    """The component ``scope`` as re-clustering reads it (see :class:`ScopeRead`)."""
    r, pr = s.record, s.person_record
    records = (
        select(r.c.id, r.c.document_id, s.source.c.kind, s.document.c.is_current,
               pr.c.person_id, s.person.c.uid, r.c.surname, r.c.given_name, r.c.full_name)
        .join(s.document, s.document.c.id == r.c.document_id)
        .join(s.source, s.source.c.id == r.c.source_id)
        .outerjoin(pr, pr.c.record_id == r.c.id)
        .outerjoin(s.person, s.person.c.id == pr.c.person_id)
    )  # fmt: skip
    rows = [row for chunk in _chunks(sorted(scope))
            for row in conn.execute(records.where(r.c.id.in_(chunk)))]  # fmt: skip
    current = [row for row in rows if row.is_current]
    held = [row for row in rows if row.person_id is not None]
    matches, verdicts = _scope_edges(conn, run_id, scope)
    return ScopeRead(
        nodes=[str(row.id) for row in current],
        groups=list_groups(current),
        previous={str(row.id): row.person_id for row in held},
        uid_of={row.person_id: row.uid for row in held},
        names={row.id: _name(row) for row in rows},
        matches=matches,
        verdicts=verdicts,
    )


def _scope_edges(
    conn: Connection, run_id: int | None, scope: set[int]
) -> tuple[list[tuple[str, str, float]], dict[frozenset[str], str]]:
    """The run's matched pairs and the verdicts of judged pairs of ``scope``: one statement
    per chunk (judgement rows first, so that their types decide the union's)."""
    p, j = s.candidate_pair, s.judgement
    matches: list[tuple[str, str, float]] = []
    judged: dict[int, Any] = {}
    for chunk in _chunks(sorted(scope)):
        either = or_(j.c.left_record_id.in_(chunk), j.c.right_record_id.in_(chunk))
        parts = [select(literal("j").label("kind"), j.c.id, j.c.left_record_id,
                        j.c.right_record_id, cast(null(), Float).label("p"), j.c.verdict,
                        j.c.created_at, cast(null(), Integer).label("run_id"),
                        literal(True).label("is_match"))
                 .where(j.c.undone_at.is_(None), either)]  # fmt: skip
        if run_id is not None:  # by record only, so that its index serves the query
            parts.append(select(literal("m"), p.c.id, p.c.left_record_id, p.c.right_record_id,
                                p.c.match_probability, cast(null(), Text),
                                cast(null(), DateTime(timezone=True)), p.c.run_id, p.c.is_match)
                         .where(p.c.left_record_id.in_(chunk)))  # fmt: skip
        for row in conn.execute(union_all(*parts)):
            if row.kind == "j":
                judged[row.id] = row
            elif row.run_id == run_id and row.is_match:
                matches.append((str(row.left_record_id), str(row.right_record_id), row.p))
    return matches, _latest(judged.values())


def recluster(
    conn: Connection,
    run_id: int | None = None,
    *,
    around: Iterable[int] | None = None,
    scope: set[int] | None = None,
    skipped: dict[tuple[str, str], str] | None = None,
    restore: Restore | None = None,
) -> Assignment:
    """Persons from a run's matched pairs (the latest finished run by default) and every
    active judgement, over the current records; call it under :func:`lock_for_writing`.

    ``around``: re-cluster only the connected component(s) of these records (a judgement's;
    call it under :func:`lock_for_judging`, the component locked by
    :func:`~tagdyr.persons.components.lock_component`); ``scope``: that component, already
    found (it must hold whole components: one found before the decision does); ``skipped``:
    filled with the matched pairs clustering left apart, and why (see :func:`cluster`);
    ``restore``: the persons before the change an undo or revert takes back, by uid (they
    come back as they were: see :func:`assign_persons`)."""
    run_id = run_id if run_id is not None else latest_run_id(conn)
    if scope is None and around is not None:
        scope = component(conn, run_id, around)
    read = read_scope(conn, run_id, scope) if scope is not None else None
    if read is not None:
        matches, nodes, groups, verdicts = read.matches, read.nodes, read.groups, read.verdicts
    else:
        matches = _matched_pairs(conn, run_id, None)
        nodes, groups = _current_records(conn, None)
        verdicts = latest_verdicts(conn, None)
    must, cannot = judged_links(verdicts)
    clusters = cluster(
        nodes, matches, must_link=must, cannot_link=cannot, groups=groups, skipped=skipped
    )
    assigned = assign_persons(
        conn, clusters, datetime.now(UTC), scope=scope, restore=restore, read=read
    )
    return replace(assigned, verdicts=verdicts)
