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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, select, update
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
from tagdyr.persons.components import component
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


def _new_persons(conn: Connection, count: int, now: datetime) -> list[int]:
    """``count`` new persons, inserted in bulk; their ids in order."""
    uids = [uuid.uuid4().hex[:12] for _ in range(count)]
    rows = [{"uid": u, "label": "", "created_at": now, "updated_at": now} for u in uids]
    for begin in range(0, len(rows), _PERSON_BATCH):
        conn.execute(s.person.insert(), rows[begin : begin + _PERSON_BATCH])
    id_of: dict[str, int] = {}
    for begin in range(0, len(uids), 500):
        chunk = uids[begin : begin + 500]
        query = select(s.person.c.uid, s.person.c.id).where(s.person.c.uid.in_(chunk))
        id_of.update({uid: int(pid) for uid, pid in conn.execute(query)})
    return [id_of[u] for u in uids]


def _owners(
    conn: Connection, clusters: list[set[str]], previous: dict[str, int], now: datetime
) -> list[tuple[int, list[int]]]:
    """Each cluster's person: the previous person holding most of its records and not taken
    by a bigger cluster, else one folded earlier that comes back, else a new one."""
    claimed: set[int] = set()
    owners: list[int | None] = []
    records: list[list[int]] = []
    for members in sorted(clusters, key=lambda m: (-len(m), min(int(x) for x in m))):
        votes = _votes(previous, members)
        ranked = sorted((pid for pid in votes if pid not in claimed), key=lambda p: (-votes[p], p))
        record_ids = sorted(int(m) for m in members)
        owner = ranked[0] if ranked else (
            _merged_person_to_revive(conn, set(votes), claimed, record_ids) if votes else None
        )  # fmt: skip
        if owner is not None:
            claimed.add(owner)
        owners.append(owner)
        records.append(record_ids)
    fresh = iter(_new_persons(conn, owners.count(None), now))
    return [(o if o is not None else next(fresh), r) for o, r in zip(owners, records, strict=True)]


def assign_persons(
    conn: Connection, clusters: list[set[str]], now: datetime, *, scope: set[int] | None = None
) -> Assignment:
    """Store ``clusters`` as persons. A cluster keeps the person most of its records belonged
    to (stable URLs across runs); only persons whose records changed are written, in bulk.
    ``scope``: the clusters cover only these records (a component); the rest stay as they are."""
    previous = _previous_persons(conn, scope)
    assignment = _owners(conn, clusters, previous, now)
    claimed = {pid for pid, _ in assignment}
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
    labels = _labels(conn, {pid: ids for pid, ids in assignment if pid in changed})
    _update_persons(conn, now, [{"b_id": p, "b_label": label, "b_into": None}
                                for p, label in labels.items()])  # fmt: skip
    records_of_old: dict[int, list[int]] = {}
    for r, p in previous.items():
        records_of_old.setdefault(p, []).append(int(r))
    folded = []
    for old_pid in sorted((set(previous.values()) - claimed) & changed):
        heirs = Counter(new_owner[r] for r in records_of_old[old_pid] if r in new_owner)
        folded.append({"b_id": old_pid, "b_into": heirs.most_common(1)[0][0] if heirs else None})
    _update_persons(conn, now, folded)
    return Assignment(len(assignment), _uids(conn, changed))


def _update_persons(conn: Connection, now: datetime, rows: list[dict[str, Any]]) -> None:
    """Persons changed by a run, in bulk: each row ``b_id``, ``b_into`` (folded into that
    person, or None) and, if it has one, its new label ``b_label``; their versions go up."""
    for labelled in (True, False):
        batch = [r for r in rows if ("b_label" in r) is labelled]
        if not batch:
            continue
        values: dict[str, Any] = {"updated_at": now, "merged_into_id": bindparam("b_into"),
                                  "version": s.person.c.version + 1}  # fmt: skip
        if labelled:
            values["label"] = bindparam("b_label")
        statement = update(s.person).where(s.person.c.id == bindparam("b_id")).values(values)
        for begin in range(0, len(batch), _PERSON_BATCH):
            conn.execute(statement, batch[begin : begin + _PERSON_BATCH])


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
    full: bool = True,
    backend: str = "duckdb",
) -> LinkRunResult:
    """Link the current records into persons; see the module docstring for the guarantees.

    ``full`` (the default): re-link every record; else only the records imported since the
    last run are linked, against the persons already there (:mod:`tagdyr.persons.incremental`:
    every other person stays as it is), or every record when an incremental run cannot stand
    for one (``progress`` is told why). Incremental runs are not yet the default: on a small
    database a full re-link joined a list entry that an incremental run left alone.
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
    person = _previous_persons(conn, None)
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
        run_id = conn.execute(
            s.link_run.insert().returning(s.link_run.c.id),
            {
                "started_at": started,
                "engine": backend,
                "model": model.label,
                "threshold": threshold,
            },
        ).scalar_one()
        conn.execute(
            delete(s.candidate_pair).where(s.candidate_pair.c.run_id.not_in([previous or 0]))
        )
        pairs = scored.pairs
        rows = _pair_rows(run_id, pairs, scored.decided)
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
        outcome = _outcome(conn, scored.model_matches, skipped, pairs, scored.decided)
    return int(run_id), assignment, outcome


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
