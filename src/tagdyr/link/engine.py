"""Running Splink: candidate pairs with probabilities and the evidence behind them.

Two backends run the same model: DuckDB embedded (default) and Spark (``engine="spark"``:
local mode, or a cluster URL) for registers that outgrow one machine. Results come back as an
Arrow table (one row per candidate pair, with every comparison's level and Bayes factor), so
that millions of pairs never become Python objects; :func:`pairs_from_table` turns a few of
them into :class:`Pair` objects with a readable waterfall.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from tagdyr.errors import ConfigError, LinkageError, LinkageMemoryError
from tagdyr.link.features import FEATURE_COLUMNS, LinkRecord, features
from tagdyr.link.model import (
    TF_MINIMUM_RECORDS,
    Model,
    _levels,
    complete_parameters,
    load_model,
    prior_for,
    quiet_splink,
    settings,
)
from tagdyr.link.order import settle_datasets

ENGINES = ("duckdb", "spark")
COMPARISONS = tuple(_levels(False))


@dataclass(frozen=True, slots=True)
class Evidence:
    comparison: str
    level: str
    match_weight: float  # log₂ Bayes factor, term-frequency adjustment included


@dataclass(frozen=True, slots=True)
class Pair:
    left_id: str
    right_id: str
    match_probability: float
    match_weight: float
    evidence: tuple[Evidence, ...] = field(default=())
    prior_weight: float = 0.0

    def is_match(self, threshold: float) -> bool:
        return self.match_probability >= threshold


_CHUNK = 50_000  # records turned into features at a time: a million dicts never coexist


def _arrow_table(records: list[LinkRecord]) -> Any:
    import pyarrow as pa

    list_type = pa.list_(pa.string())
    lists = ("_forms", "_keys", "_towns", "_raions", "_regions", "_initials", "_texts")
    schema = pa.schema([
        (name, list_type if name.endswith(lists) else
         pa.int64() if name in ("birth_year", "rank_ordinal") else pa.string())
        for name in FEATURE_COLUMNS
    ])  # fmt: skip
    batches = []
    for start in range(0, len(records), _CHUNK):
        rows = [features(r) for r in records[start : start + _CHUNK]]
        columns = {name: [row[name] for row in rows] for name in FEATURE_COLUMNS}
        batches.append(pa.RecordBatch.from_pydict(columns, schema=schema))
    return pa.Table.from_batches(batches, schema=schema)


def _spark_session(master: str | None) -> Any:
    """A Spark session on ``master`` (default: the setting spark_master). In local mode tagdyr
    sizes it for one machine; on a cluster (spark://, yarn, k8s://) the cluster's own
    configuration (spark-submit --conf, spark-defaults.conf) holds, see docs/deployment.md."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError("--engine spark needs PySpark: pip install 'tagdyr[spark]'") from exc
    import tempfile

    from splink.backends.spark import similarity_jar_location

    if master is None:
        from tagdyr.settings import load_settings

        master = load_settings().spark_master
    if master.startswith("sc://"):
        raise ConfigError(
            f"spark_master {master!r}: Spark Connect cannot run the linkage (Splink's Spark "
            "backend calls the driver's JVM); use spark://, yarn or k8s:// (docs/deployment.md)"
        )
    builder = SparkSession.builder.master(master).appName("tagdyr-link")
    builder = builder.config("spark.jars", similarity_jar_location())
    if master.startswith("local"):
        for key, value in _LOCAL_SPARK.items():
            builder = builder.config(key, value)
    session = builder.getOrCreate()
    context = session.sparkContext
    if context.getCheckpointDir() is None:  # a cluster's spark.checkpoint.dir (shared) holds
        context.setCheckpointDir(tempfile.mkdtemp(prefix="tagdyr-spark-"))
    context.setLogLevel("ERROR")
    return session


_LOCAL_SPARK = {  # one machine: few partitions, no UI, the driver is the executor
    "spark.sql.shuffle.partitions": "8",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "4g",
}


def _remove_spill(connection: Any, folder: str) -> None:
    import shutil

    connection.close()
    shutil.rmtree(folder, ignore_errors=True)


def _memory_limit() -> str:
    from tagdyr.settings import load_settings

    return load_settings().duckdb_memory_limit


def _ran_out_of_memory(exc: BaseException) -> bool:
    """True if DuckDB's OutOfMemoryException is ``exc`` or behind it (Splink wraps DuckDB's
    errors in its SplinkException, tagdyr's training in a LinkageError)."""
    import duckdb

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, duckdb.OutOfMemoryException | MemoryError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


@contextmanager
def memory_bounded(what: str) -> Iterator[None]:
    """Run a linkage step; DuckDB running out of memory becomes a :class:`LinkageMemoryError`
    saying what ran out and what to do, instead of DuckDB's traceback."""
    try:
        yield
    except Exception as exc:
        if not _ran_out_of_memory(exc):
            raise
        raise LinkageMemoryError(
            f"{what} ran out of memory: DuckDB could not compare the records within the "
            f"{_memory_limit()} it may use (setting duckdb_memory_limit, environment "
            "TAGDYR_DUCKDB_MEMORY_LIMIT). Raise it if the machine has the memory, or block "
            "more strictly: many records sharing one name key (and no birth year) make a "
            "block whose pairs grow with the square of its size. Nothing was stored."
        ) from exc


def _backend(engine: str, spark_master: str | None) -> Any:
    if engine == "duckdb":
        import tempfile

        import duckdb
        from splink import DuckDBAPI

        # bounded memory: DuckDB spills to disk past the limit instead of failing
        spill = tempfile.mkdtemp(prefix="tagdyr-duckdb-")
        connection = duckdb.connect(config={
            "temp_directory": spill,
            "memory_limit": _memory_limit(),
            "preserve_insertion_order": False,
        })  # fmt: skip
        api = DuckDBAPI(connection=connection)
        # the spill folder goes with the backend (a run leaves no empty tagdyr-duckdb-* behind)
        weakref.finalize(api, _remove_spill, connection, spill)
        return api
    if engine == "spark":
        from splink.backends.spark import SparkAPI

        session = _spark_session(spark_master)
        partitions = int(session.conf.get("spark.sql.shuffle.partitions") or 8)
        return SparkAPI(spark_session=session, num_partitions_on_repartition=partitions)  # type: ignore[no-untyped-call]
    raise ConfigError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _spark_schema(arrow_schema: Any) -> Any:
    """The Spark schema of the feature table (Spark would type all-null columns as VOID)."""
    import pyarrow as pa
    from pyspark.sql import types as T

    def spark_type(arrow_type: Any) -> Any:
        if pa.types.is_list(arrow_type):
            return T.ArrayType(T.StringType())
        if pa.types.is_floating(arrow_type):
            return T.DoubleType()
        return T.LongType() if pa.types.is_integer(arrow_type) else T.StringType()

    return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in arrow_schema])


def _register(db: Any, engine: str, table: Any, name: str) -> Any:
    if engine == "spark":
        db.spark.catalog.dropTempView(name)  # an earlier linkage's, in this process's session
        frame = db.spark.createDataFrame(table.to_pylist(), schema=_spark_schema(table.schema))
        return db.register(frame, table_name=name)
    return db.register(table, table_name=name)


def make_linker(
    datasets: list[list[LinkRecord]],
    model: Model,
    *,
    link_type: str,
    engine: str = "duckdb",
    spark_master: str | None = None,
    blocking: list[Any] | None = None,
    only: tuple[str, ...] | None = None,
    term_frequencies: bool | None = None,
) -> tuple[Any, float]:
    """A Splink linker over the datasets' feature tables, and the prior it was given.
    ``term_frequencies``: None = when the input is large enough to estimate them."""
    from splink import Linker

    quiet_splink()
    datasets = settle_datasets(datasets)
    db = _backend(engine, spark_master)
    arrows = [_arrow_table(d) for d in datasets]
    tables = [_register(db, engine, a, f"input_{i}") for i, a in enumerate(arrows)]
    use_tf = (
        sum(len(d) for d in datasets) >= TF_MINIMUM_RECORDS
        if term_frequencies is None
        else term_frequencies
    )
    prior = prior_for(model, [len(d) for d in datasets])
    linker = Linker(
        tables,
        settings(
            model, link_type, prior=prior, term_frequencies=use_tf, blocking=blocking, only=only
        ),
        log_level=None,
    )
    if term_frequencies:  # asked for on an input too small to estimate its own frequencies
        _register_shipped_frequencies(linker, db, engine, arrows)
    return linker, prior


def _register_shipped_frequencies(linker: Any, db: Any, engine: str, arrows: list[Any]) -> None:
    """The term-frequency adjustment reads the names engine's shipped shares
    (``tagdyr.names.frequencies.shares_of_forms``), the numbers the names score reads, when the
    adjustment is asked for explicitly. When it is on by size (the default), Splink estimates
    the frequencies from the input itself: with the shipped shares, a 2,000-entry list's
    deduplication fell from precision 1.000 to 0.901 (tests/test_within_list.py), because a
    list's own name frequencies are not the country's."""
    import pyarrow as pa

    from tagdyr.names.frequencies import shares_of_forms

    for column, kind in (("surname_canon", "surname"), ("given_canon", "given")):
        values = sorted({v for a in arrows for v in a.column(column).to_pylist() if v})
        shares = shares_of_forms(values, kind)
        lookup = pa.table(
            {column: pa.array(list(shares), pa.string()), f"tf_{column}": list(shares.values())}
        )
        registered = _register(db, engine, lookup, f"tf_shipped_{column}")
        linker.table_management.register_term_frequency_lookup(registered, column)


def predict_table(
    datasets: list[list[LinkRecord]],
    *,
    floor: float,
    model: Model | None = None,
    engine: str = "duckdb",
    link_type: str = "link_and_dedupe",
    spark_master: str | None = None,
    blocking: list[Any] | None = None,
    term_frequencies: bool | None = None,
) -> Any:
    """Every candidate pair at or above ``floor`` as an Arrow table (see module docstring)."""
    datasets = [d for d in datasets if d]
    if sum(len(d) for d in datasets) < 2:
        return None
    if not any(r.name.surname or r.name.given for d in datasets for r in d):
        raise LinkageError("none of the records has a name to compare")
    model = model or load_model()
    with memory_bounded("comparing the records"):
        linker, prior = make_linker(
            datasets,
            model,
            link_type=link_type,
            engine=engine,
            spark_master=spark_master,
            blocking=blocking,
            term_frequencies=term_frequencies,
        )
        result = linker.inference.predict(threshold_match_probability=floor)
        table = result.as_pyarrow_table()
        result.drop_table_from_database_and_remove_from_cache()
    return table.replace_schema_metadata({"prior": str(prior)})


def _level_weights(model: Model) -> dict[str, list[tuple[float, str]]]:
    """comparison -> (log₂ m/u, label) of its levels, to name the level a weight came from."""
    return {
        name: [(math.log2(p["m"] / p["u"]), label) for label, p in levels.items()]
        for name, levels in complete_parameters(model).items()
    }


MISSING_LEVEL = "missing on one side"  # a comparison one record has nothing for (weight 0)


def _level_of(weight: float, levels: list[tuple[float, str]]) -> str:
    if abs(weight) < 1e-9 and all(abs(w) > 1e-6 for w, _ in levels):
        return MISSING_LEVEL
    return min(levels, key=lambda item: abs(item[0] - weight))[1]


def pairs_from_table(table: Any, model: Model) -> list[Pair]:
    """Python objects with their waterfall, for the rows of a (small) result table."""
    if table is None:
        return []
    levels = _level_weights(model)
    metadata = table.schema.metadata or {}
    prior = float(metadata.get(b"prior", 0)) or prior_for(model, [2])  # the prior the run used
    prior_weight = math.log2(prior / (1 - prior))
    pairs = []
    named: dict[tuple[str, float], str] = {}  # a comparison's weights are few: its levels'
    for row in table.to_pylist():
        evidence = []
        for name in COMPARISONS:
            weight = row.get(f"mw_{name}")
            if weight is None:
                continue
            key = (name, float(weight))
            if (level := named.get(key)) is None:
                level = named[key] = _level_of(float(weight), levels.get(name, []))
            total = float(weight) + float(row.get(f"mw_tf_adj_{name}") or 0.0)
            evidence.append(Evidence(name, level, round(total, 3)))
        pairs.append(
            Pair(
                str(row["unique_id_l"]),
                str(row["unique_id_r"]),
                float(row["match_probability"]),
                float(row["match_weight"]),
                tuple(evidence),
                round(prior_weight, 3),
            )
        )
    return pairs


def explain_pair(left: LinkRecord, right: LinkRecord, model: Model | None = None) -> Pair:
    """The waterfall of one pair, compared directly (no blocking; no term frequencies)."""
    model = model or load_model()
    left, right = replace(left, source_dataset="left"), replace(right, source_dataset="right")
    table = predict_table(
        [[left], [right]], floor=0.0, model=model, link_type="link_only", blocking=["1=1"]
    )
    pairs = pairs_from_table(table, model)
    if not pairs:
        raise LinkageError("the two records could not be compared")
    return pairs[0]


def predict(
    datasets: list[list[LinkRecord]],
    *,
    floor: float = 0.01,
    model: Model | None = None,
    engine: str = "duckdb",
) -> list[Pair]:
    """All candidate pairs at or above ``floor`` across and within ``datasets``."""
    model = model or load_model()
    table = predict_table(datasets, floor=floor, model=model, engine=engine)
    return pairs_from_table(table, model)
