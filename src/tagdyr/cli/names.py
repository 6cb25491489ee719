"""``tagdyr names``: the names engine from the command line (explain, variants, score)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.table import Table

from tagdyr.cli.common import QuickHelpGroup, console
from tagdyr.errors import SourceError

app = typer.Typer(
    cls=QuickHelpGroup,
    help="The names engine: parse, compare and render names.",
    no_args_is_help=True,
)


def _describe(written: str) -> Table:
    from tagdyr.names import canonical, clean, parse, skeletons
    from tagdyr.names.cleanup import Script, dominant_script, token_script
    from tagdyr.names.reverse import cyrillic_candidates

    parsed = parse(clean(written))
    table = Table(title=f"«{written}»", show_header=True)
    table.add_column("part")
    table.add_column("as written")
    table.add_column("script")
    table.add_column("canonical")
    table.add_column("skeletons")
    table.add_column("Cyrillic originals (Latin only)")
    parts = [
        ("surname", parsed.surname),
        *(("given", g) for g in parsed.given),
        ("patronymic", parsed.patronymic),
        *(("initial", i) for i in parsed.initials),
    ]
    for role, word in parts:
        if not word:
            continue
        originals = ""
        if dominant_script(word) is Script.LATIN and not word.endswith("."):
            originals = ", ".join(
                f"{h.cyrillic} ({h.score:+.1f}; {'/'.join(h.conventions)})"
                for h in cyrillic_candidates(word)[:3]
            )
        table.add_row(
            role,
            word,
            token_script(word).value,
            canonical(word),
            " ".join(skeletons(word)),
            originals,
        )
    table.caption = f"order: {parsed.order.value}; gender: {parsed.gender.value or 'unknown'}"
    return table


@app.command()
def explain(a: str, b: str) -> None:
    """Both names parsed, every key and reading shown, the score and why."""
    from tagdyr.names.similarity import compare

    console.print(_describe(a))
    console.print(_describe(b))
    result = compare(a, b)
    evidence = Table("part", "left", "right", "evidence", "weight (log₂ odds)")
    for e in result.evidence:
        evidence.add_row(
            e.part.value, e.left, e.right, e.level.replace("_", " "), f"{e.weight:+.2f}"
        )
    console.print(evidence)
    verdict = {
        "same": "same person's name",
        "possible": "possibly the same person (the names cannot settle it)",
        "different": "different people's names",
    }[result.verdict.value]
    console.print(f"score {result.score:.3f} → [bold]{verdict}[/bold]")


@app.command()
def variants(name: str) -> None:
    """How the name would look to each clerk."""
    from tagdyr.names.variants import variants as name_variants

    table = Table("rendering", "who writes it so")
    for v in name_variants(name):
        table.add_row(v.text, v.clerk)
    console.print(table)


def _score_rows(source: TextIO, target: TextIO, filename: str) -> int:
    from tagdyr.names.similarity import compare

    reader = csv.reader(source)
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(["a", "b", "score", "same"])
    count = 0
    for row_number, row in enumerate(reader, start=1):
        if row_number == 1 and [c.strip().lower() for c in row] == ["a", "b"]:
            continue
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != 2:
            raise SourceError(
                f"expected two columns (a,b), found {len(row)}",
                file=filename,
                row=row_number,
                column=len(row) if len(row) > 2 else None,
            )
        result = compare(row[0], row[1])
        writer.writerow([row[0], row[1], f"{result.score:.4f}", int(result.same)])
        count += 1
    return count


@app.command()
def score(
    file: Annotated[Path | None, typer.Argument(help="CSV of a,b rows (default: stdin).")] = None,
    out: Annotated[Path | None, typer.Option(help="Output CSV (default: stdout).")] = None,
) -> None:
    """Score name pairs: a,b in; a,b,score,same out (same = the engine's decision, 1/0)."""
    name = str(file) if file else "<stdin>"
    source = file.open(encoding="utf-8-sig", newline="") if file else sys.stdin
    target = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        _score_rows(source, target, name)
    finally:
        if file:
            source.close()
        if out:
            target.close()
