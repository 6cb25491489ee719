"""Linking files directly (no database): person-record CSVs in, link-output CSV out.

    left_id,right_id,match_probability,match_weight,is_match

Every candidate pair above the floor is written, so a reviewer sees near misses. ``is_match``
is the tool's own decision at its default threshold, with the rule that one list entry is one
person: a record of the right-hand file (a register, which may hold several records of one
man) is matched to at most one entry of the left-hand list — the most probable one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tagdyr.errors import LinkageError, SourceError
from tagdyr.link.engine import predict_table
from tagdyr.link.entries import entry_standing, with_status
from tagdyr.link.exclusive import entry_probabilities
from tagdyr.link.features import LinkRecord
from tagdyr.link.model import Model, load_model
from tagdyr.names.parse import Order, ParsedName
from tagdyr.sources.columns import MappingFile, map_columns
from tagdyr.sources.profiles import detect_profile
from tagdyr.sources.records import birth_of, name_from_values, row_values
from tagdyr.sources.tabular import read_table, stream_delimited

LEFT, RIGHT = "left", "right"
EXCLUSIVE_FLOOR_FACTOR = 20
TOP_CANDIDATES = 5  # a list entry's most probable records are shown even below the floor
PLACE_FIELDS = ("birth_place", "residence", "conscription", "conscription_place")
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class LinkSummary:
    records: dict[str, int]
    pairs: int
    matches: int
    output: Path
    in_register: float | None = None  # a list against a register: the estimated share of its
    # entries whose man is in the register (the exclusive step's π)


def record_from_values(
    unique_id: str,
    dataset: str,
    values: dict[str, str],
    hint: Order = Order.SURNAME_FIRST,
    name: ParsedName | None = None,
) -> LinkRecord:
    """A record as linkage reads it from its mapped cells (field -> value); ``name`` when the
    name was parsed already (records stored in the database)."""
    birth = birth_of(values)
    places = tuple(values[k] for k in PLACE_FIELDS if values.get(k))
    return LinkRecord(
        unique_id,
        dataset,
        name or name_from_values(values, hint)[0],
        birth,
        places,
        values.get("rank", ""),
        values.get("camp", ""),
        fielded=bool(values.get("surname") and values.get("given_name"))
        and not values.get("full_name"),
        identifier=values.get("identifier", ""),
    )


def _rows(path: Path, encoding: str | None) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        header, _, rows = stream_delimited(path, encoding)
        return header, rows
    table = read_table(path, path.read_bytes(), encoding)
    if not table.sheets:
        raise SourceError("the file has no rows", file=path.name)
    sheet = table.sheets[0]
    return sheet.header, iter(sheet.rows)


def read_records(
    path: Path, dataset: str, *, encoding: str | None = None, mapping: MappingFile | None = None
) -> list[LinkRecord]:
    """The person records of a file, per the person-record CSV contract (docs/architecture.md)."""
    try:
        header, rows = _rows(path, encoding)
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror}", file=str(path)) from exc
    mapping = mapping or detect_profile(header)
    columns = map_columns(header, mapping, path.name)
    if not {"full_name", "surname", "given_name"} & set(columns.values()):
        raise SourceError(
            f"no column holds names (header {header}); map one with --mapping",
            file=path.name,
            row=1,
        )
    hint = (mapping.order if mapping else None) or Order.SURNAME_FIRST
    id_column = next((i for i, f in columns.items() if f == "id"), None)
    records, seen = [], set()
    for row_number, cells in rows:
        values = row_values(cells, columns).values
        unique_id = cells[id_column].strip() if id_column is not None else str(row_number)
        if not unique_id or unique_id in seen:
            raise SourceError(
                f"id {unique_id!r} is empty or repeated; ids must be unique",
                file=path.name,
                row=row_number,
                column=header[id_column] if id_column is not None else None,
            )
        seen.add(unique_id)
        records.append(record_from_values(unique_id, dataset, values, hint))
    return records


def _orient(table: Any) -> Any:
    """Pairs as (left_id, right_id, match_probability, match_weight, then each comparison's
    weight mw_<comparison>): the list's record on the left (DuckDB over the Arrow table)."""
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    if "source_dataset_l" not in table.column_names:  # one file: nothing to orient
        table = table.append_column("source_dataset_l", pa.array([LEFT] * table.num_rows))
    con.register("pairs", table)
    is_left = f"source_dataset_l = '{LEFT}'"
    weights = "".join(  # each comparison's weight: the same whichever side is left
        f", {c}" for c in table.column_names if c.startswith("mw_") and "_tf_adj_" not in c
    )
    return con.sql(f"""
        SELECT CASE WHEN {is_left} THEN unique_id_l ELSE unique_id_r END AS left_id,
               CASE WHEN {is_left} THEN unique_id_r ELSE unique_id_l END AS right_id,
               match_probability, match_weight{weights}
        FROM pairs""").to_arrow_table()


def _decided(oriented: Any, threshold: float, one_per_right: bool) -> Any:
    """Add ``is_match``; with ``one_per_right`` a right record goes to its best left entry."""
    import duckdb

    con = duckdb.connect()
    con.register("pairs", oriented)
    best = (
        "AND row_number() OVER (PARTITION BY right_id ORDER BY match_probability DESC, left_id) = 1"
        if one_per_right
        else ""
    )
    extra = ", right_man" if "right_man" in oriented.column_names else ""
    return con.sql(f"""
        SELECT left_id, right_id, round(match_probability, 6) AS match_probability,
               round(match_weight, 4) AS match_weight,
               (match_probability >= {threshold} {best}) AS is_match{extra}
        FROM pairs
        ORDER BY left_id, match_probability DESC, right_id""").to_arrow_table()


def _decide(table: Any, threshold: float, one_per_right: bool) -> Any:
    """Orient pairs left→right and add ``is_match`` on Splink's pairwise probabilities."""
    return _decided(_orient(table), threshold, one_per_right)


def _reported(oriented: Any, pairwise: Any, floor: float) -> Any:
    """Which pairs a reviewer sees: above the floor on the pair's own evidence or on the
    entry's probability, and each entry's TOP_CANDIDATES most probable records whatever their
    probability (many namesakes may share an entry's probability below the floor)."""
    import duckdb
    import pyarrow as pa
    import pyarrow.compute as pc

    con = duckdb.connect()
    con.register(
        "pairs",
        oriented.select(["left_id", "match_probability"]).append_column(
            "position", pa.array(range(oriented.num_rows), pa.int64())
        ),
    )
    ranks = con.sql("""
        SELECT row_number() OVER (PARTITION BY left_id ORDER BY match_probability DESC, position)
               AS rank, position FROM pairs ORDER BY position""").to_arrow_table()
    return pc.or_(
        pc.or_(
            pc.greater_equal(pairwise, floor),
            pc.greater_equal(oriented.column("match_probability"), floor),
        ),
        pc.less_equal(ranks.column("rank"), TOP_CANDIDATES),
    )


def _write(table: Any, out: Path) -> None:
    import pyarrow.csv as pacsv

    converted = table.set_column(4, "is_match", table.column("is_match").cast("int8"))
    pacsv.write_csv(converted, out)


def link_files(
    left: Path,
    right: Path | None,
    out: Path,
    *,
    threshold: float,
    floor: float,
    engine: str = "duckdb",
    model: Model | None = None,
    encoding: str | None = None,
    mapping: MappingFile | None = None,
    progress: Progress | None = None,
    train: bool = False,
) -> LinkSummary:
    """Link LEFT (a list) against RIGHT (a register), or deduplicate LEFT when RIGHT is None."""
    say = progress or (lambda _m: None)
    left_records = read_records(left, LEFT, encoding=encoding, mapping=mapping)
    right_records = read_records(right, RIGHT, encoding=encoding, mapping=mapping) if right else []
    say(f"read {len(left_records):,} + {len(right_records):,} records")
    if not left_records or (right is not None and not right_records):
        raise LinkageError("nothing to link: a file has no records")
    link_type = "link_only" if right else "dedupe_only"
    datasets = [left_records, right_records] if right else [left_records]
    model = model or load_model()
    if train:
        from tagdyr.link.model import save_model
        from tagdyr.link.train import train_model

        say("training the model on these files (EM)")
        model = train_model(datasets, model, link_type=link_type, engine=engine)
        model_path = out.with_suffix(".model.json")
        save_model(model, model_path)
        say(f"model {model.label} saved to {model_path}")
    # a list's candidates are scored below the floor too: a lone candidate the pairwise score
    # leaves under it may rise above it once his rivals (or their absence) are counted
    pair_floor = floor / EXCLUSIVE_FLOOR_FACTOR if right is not None else floor
    table = predict_table(
        datasets, floor=pair_floor, model=model, engine=engine, link_type=link_type
    )
    if table is None:
        raise LinkageError("nothing to link: fewer than two records")
    oriented = _orient(table)
    share: float | None = None
    if right is None:
        decided = _decided(oriented, threshold, one_per_right=False)
    else:  # one list entry is one person: its candidates compete
        prior = float((table.schema.metadata or {}).get(b"prior", 0))
        pairwise = oriented.column("match_probability")
        oriented, share = entry_probabilities(oriented, prior, left_records, right_records, model)
        say(f"{share:.1%} of the list's entries are in the register, by the evidence")
        standing = entry_standing(oriented, threshold)
        oriented = oriented.filter(_reported(oriented, pairwise, floor))
        decided = with_status(_decided(oriented, threshold, True), standing, threshold)
    _write(decided, out)
    matches = sum(decided.column("is_match").to_pylist())
    counts = {LEFT: len(left_records), RIGHT: len(right_records)}
    return LinkSummary(counts, decided.num_rows, matches, out, share)
