"""``tagdyr link …``: linkage from the command line, a group of sub-commands.

- ``tagdyr link [--kind SOURCE=KIND] [--train]``: link the records in the database;
- ``tagdyr link LEFT RIGHT --out links.csv``: link a list against a register (files only);
- ``tagdyr link dedupe FILE --out dupes.csv``: one man's records within one file;
- ``tagdyr link explain LEFT_ID RIGHT_ID [--left FILE --right FILE]``: one pair's evidence.

The first two are the group's default command ``run``: ``tagdyr link`` followed by no
sub-command name runs it (so ``tagdyr link`` and ``tagdyr link A.csv B.csv`` read as before).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tagdyr.cli.accounts import _actor
from tagdyr.cli.common import (
    DbOption,
    ProfileOption,
    QuickHelpGroup,
    _engine,
    _override,
    _settings,
    _Stages,
    console,
    counted,
)
from tagdyr.errors import TagdyrError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from typer._click.core import Context

    from tagdyr.link.features import LinkRecord
    from tagdyr.link.model import Model
    from tagdyr.persons.linking import LinkRunResult
    from tagdyr.settings import Settings
    from tagdyr.sources.columns import MappingFile

DEFAULT_COMMAND = "run"


class _LinkGroup(QuickHelpGroup):
    """A group whose default command runs when no sub-command is named."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        named = bool(args) and (args[0] in self.commands or args[0] in ctx.help_option_names)
        return super().parse_args(ctx, args if named else [DEFAULT_COMMAND, *args])


app = typer.Typer(
    cls=_LinkGroup,
    help="Link records into persons: the database (the default), two files, duplicates "
    "within one file, or explain one pair. `tagdyr link run --help` shows the options of "
    "linking the database or two files.",
)

OutOption = Annotated[
    Path | None,
    typer.Option(help="Output CSV for file linkage (database: where --train saves the model)."),
]
ThresholdOption = Annotated[
    float | None,
    typer.Option(
        help="Match probability for 'same person' (default from settings: 0.5 for a list "
        "against a register, 0.9 for duplicates and for persons in the database)."
    ),
]
EngineOption = Annotated[str, typer.Option(help="duckdb (embedded) or spark.")]
ModelOption = Annotated[Path | None, typer.Option("--model", help="A trained model JSON.")]
EncodingOption = Annotated[str | None, typer.Option(help="Encoding of CSV inputs.")]
MappingOption = Annotated[Path | None, typer.Option(help="TOML column mapping for inputs.")]
TrainOption = Annotated[
    bool,
    typer.Option(
        help="Estimate the model first (EM, no labels) and save it as JSON: for files "
        "beside --out as OUT.model.json; for the database at --out if given, else beside "
        "a SQLite file (DB.model.json) or as ./tagdyr.model.json."
    ),
]


def _model(model_file: Path | None) -> Model | None:
    from tagdyr.link.model import load_model

    return load_model(model_file) if model_file else None


@app.command(DEFAULT_COMMAND, context_settings={"allow_interspersed_args": True})
def run(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="LEFT RIGHT files to link (a list and a register); none: link the records "
            "in the database.",
            show_default=False,
        ),
    ] = None,
    out: OutOption = None,
    dedupe: Annotated[
        Path | None, typer.Option(help="Find duplicates within this file (`link dedupe`).")
    ] = None,
    threshold: ThresholdOption = None,
    engine: EngineOption = "duckdb",
    model_file: ModelOption = None,
    encoding: EncodingOption = None,
    mapping: MappingOption = None,
    profile: ProfileOption = None,
    kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="SOURCE=KIND (list, register or file) before linking the database: a register "
            "or a file may hold several records of one man and deduplicates freely; a list's "
            "entries are taken to repeat a man rarely. Repeat for several sources.",
            show_default=False,
        ),
    ] = None,
    train: TrainOption = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Database: re-link every record (default: link only the records imported "
            "since the last run, against the persons already there, every other person staying "
            "as it is; a full re-link when that cannot stand for one, e.g. another model).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Link the records in the database into persons, or two files (LEFT RIGHT --out)."""
    settings = _settings(db, match_threshold=threshold, list_match_threshold=threshold)
    model = _model(model_file)
    override = _override(mapping, profile)
    targets = targets or []
    if targets or dedupe:
        _link_files(targets, dedupe, out, settings, engine, model, encoding, override, train)
        return
    from tagdyr.persons.linking import link_database

    engine_db = _engine(db)
    _set_kinds(engine_db, kinds or [])
    with _Stages(first=None) as stages:
        result = link_database(
            engine_db,
            threshold=settings.match_threshold,
            entry_threshold=settings.list_match_threshold,
            floor=settings.candidate_floor,
            progress=stages.stage,
            model=model,
            train_to=(out or _model_beside(engine_db.url)) if train else None,
            count=stages.count,
            full=full,
            backend=engine,
        )
    for line in link_summary(result):
        console.print(line, highlight=False)


@app.command("dedupe")
def dedupe_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A register or file: CSV, TSV, XLSX or ODS.")
    ],
    out: Annotated[Path, typer.Option(help="Output CSV of the duplicate pairs.")],
    threshold: ThresholdOption = None,
    engine: EngineOption = "duckdb",
    model_file: ModelOption = None,
    encoding: EncodingOption = None,
    mapping: MappingOption = None,
    profile: ProfileOption = None,
    train: TrainOption = False,
) -> None:
    """Find one man's records within one file."""
    settings = _settings(None, match_threshold=threshold, list_match_threshold=threshold)
    override = _override(mapping, profile)
    _link_files([], file, out, settings, engine, _model(model_file), encoding, override, train)


@app.command("explain")
def explain_command(
    left_id: Annotated[str, typer.Argument(metavar="LEFT_ID", help="The left record's id.")],
    right_id: Annotated[str, typer.Argument(metavar="RIGHT_ID", help="The right record's id.")],
    left: Annotated[Path | None, typer.Option(help="The LEFT file (else: the database).")] = None,
    right: Annotated[Path | None, typer.Option(help="The RIGHT file.")] = None,
    model_file: ModelOption = None,
    encoding: EncodingOption = None,
    mapping: MappingOption = None,
    profile: ProfileOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    db: DbOption = None,
) -> None:
    """One pair's evidence: the prior, each comparison's weight, the probability."""
    override = _override(mapping, profile)
    _explain([left_id, right_id], left, right, _model(model_file), encoding, override, as_json, db)


def _set_kinds(engine: Engine, kinds: list[str]) -> None:
    from tagdyr.persons.linking import set_source_kind

    for given in kinds:
        key, sep, kind = given.partition("=")
        if not sep or not key or not kind:
            raise TagdyrError(
                f"--kind {given!r}: give SOURCE=KIND, e.g. --kind mod-register=register"
            )
        before = set_source_kind(engine, key, kind, actor=_actor())
        if before != kind:
            console.print(f"source {key}: now a {kind} (was a {before})")


def link_summary(result: LinkRunResult) -> list[str]:
    """What a database link did, in words a historian reads (the CLI's closing lines)."""
    held = result.held_by_list_prior + result.held_by_judgement + result.held_by_rule
    lines = [] if result.new_records is None else [
        f"Incremental run: {result.new_records:,} records new since the last run linked against "
        "the persons already there (tagdyr link --full re-links everything)."
    ]  # fmt: skip
    lines += [
        f"Linked {counted(result.records, 'record')} (run {result.run_id}): "
        f"{counted(result.persons_before, 'person')} before, {result.persons:,} after.",
        f"The model found {counted(result.matches, 'match', 'matches')} (probability ≥ "
        f"{result.threshold:g}) among {counted(result.pairs, 'candidate pair')}: "
        f"{result.merged:,} merged, {held:,} held back.",
    ]
    if result.held_by_list_prior:
        lines.append(
            f"  {result.held_by_list_prior:,} held back for review: two entries of one list, "
            "which the list's prior (its entries rarely repeat a man) puts under the threshold."
        )
    if result.held_by_judgement:
        lines.append(
            f"  {result.held_by_judgement:,} held back by a judgement: someone said "
            '"not same" for them or for records they would have joined.'
        )
    if result.held_by_rule:
        lines.append(
            f"  {result.held_by_rule:,} held back by the rule that two entries of one list "
            "never join through other records."
        )
    for prior in result.lists:
        how = "learnt from its pairs" if prior.learnt else "the default for a list"
        lines.append(
            f"  list {prior.source_key} ({prior.entries:,} entries): {prior.share:.1%} of its "
            f"entries taken to repeat a man ({how})."
        )
    waits = "waits" if result.review_queue == 1 else "wait"
    lines.append(f"{counted(result.review_queue, 'pair')} {waits} in the review queue.")
    lines += _next_steps(result)
    return lines


def _next_steps(result: LinkRunResult) -> list[str]:
    steps = []
    if result.review_queue:
        steps.append(
            "Next: decide the doubtful pairs at /review (tagdyr serve, then "
            "http://127.0.0.1:8000/review); each decision regroups the persons at once."
        )
    if result.held_by_list_prior:
        keys = sorted({p.source_key for p in result.lists})
        steps.append(
            "If a source is a register or a file (one man may have several records), say so "
            "and link again: " + " ".join(f"tagdyr link --kind {key}=register" for key in keys[:3])
        )
    return steps


def _model_beside(url: Any) -> Path:
    """Where a model trained on the database is saved: beside a SQLite file, else here."""
    database = url.database if url.get_backend_name() == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).with_suffix(".model.json")
    return Path("tagdyr.model.json")


def _link_files(
    targets: list[str],
    dedupe: Path | None,
    out: Path | None,
    settings: Settings,
    engine: str,
    model: Model | None,
    encoding: str | None,
    mapping: MappingFile | None,
    train: bool,
) -> None:
    from tagdyr.link.files import link_files

    if (dedupe and targets) or (not dedupe and len(targets) != 2):
        raise TagdyrError(
            "give two files (tagdyr link LEFT RIGHT --out links.csv) or one with --dedupe FILE"
        )
    if out is None:
        raise TagdyrError("--out is required when linking files (the link-output CSV)")
    first, second = (dedupe, None) if dedupe else (Path(targets[0]), Path(targets[1]))
    with _Stages() as stages:
        summary = link_files(
            first,
            second,
            out,
            threshold=settings.list_match_threshold if second else settings.match_threshold,
            floor=settings.candidate_floor,
            engine=engine,
            model=model,
            encoding=encoding,
            mapping=mapping,
            train=train,
            progress=stages.stage,
        )
    console.print(
        f"{counted(summary.pairs, 'candidate pair')}, "
        f"{counted(summary.matches, 'match', 'matches')} → {summary.output}"
    )


def _explain(
    ids: list[str],
    left: Path | None,
    right: Path | None,
    model: Model | None,
    encoding: str | None,
    mapping: MappingFile | None,
    as_json: bool,
    db: str | None,
) -> None:
    from tagdyr.link.explanation import explain_files, explain_records

    if left or right:
        from tagdyr.link.files import LEFT, RIGHT, read_records

        if not (left and right):
            raise TagdyrError("give both --left and --right files, or neither (database ids)")
        pool = read_records(left, LEFT, encoding=encoding, mapping=mapping)
        other = read_records(right, RIGHT, encoding=encoding, mapping=mapping)
        a = _pick({r.unique_id: r for r in pool}, ids[0], left)
        b = _pick({r.unique_id: r for r in other}, ids[1], right)
        shown = explain_files(pool, other, ids[0], ids[1], model)
    else:
        from tagdyr.persons.linking import link_records_by_id

        with _engine(db).connect() as conn:
            found = link_records_by_id(conn, [ids[0], ids[1]])
            a, b = _pick(found, ids[0], "the database"), _pick(found, ids[1], "the database")
            shown = explain_records(conn, ids[0], ids[1], model)
    if as_json:
        sys.stdout.write(json.dumps(shown.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("evidence", "level", "weight (log₂)", "running total")
    prior = shown.prior_weight
    table.add_row("prior", "two random records", f"{prior:+.2f}", f"{prior:+.2f}")
    for step in shown.steps:
        weight, total = f"{step.match_weight:+.2f}", f"{step.total:+.2f}"
        table.add_row(step.comparison, step.level, weight, total)
    console.print(f"{a.name.written} ~ {b.name.written} ({_scored_by(shown.scored_by)})")
    console.print(table)
    console.print(
        f"match probability {shown.match_probability:.4f} (match weight {shown.match_weight:+.2f})"
    )


def _scored_by(how: str) -> str:
    if how.startswith("run"):
        return f"as linkage {how} scored it"
    if how == "direct":
        return "not a candidate of the latest run: compared directly, with that run's prior"
    return "as linking the two files scores it"


def _pick(records: dict[str, LinkRecord], ident: str, where: object) -> LinkRecord:
    from tagdyr.errors import NotFoundError

    if ident not in records:
        raise NotFoundError(f"no record {ident!r} in {where}")
    return records[ident]
