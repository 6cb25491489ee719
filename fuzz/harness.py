"""Coverage-guided fuzzing (atheris, libFuzzer) of what reads outside input: the table and
text importers and the name parser. Any exception other than a TagdyrError is a crash.

    python -m fuzz.harness tables -atheris_runs=20000      # or: texts, names
    make fuzz                                                # all three, bounded

Crashing inputs are written by libFuzzer as ``crash-*`` files in the working directory."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from tagdyr.errors import TagdyrError
    from tagdyr.names.parse import parse
    from tagdyr.sources.tabular import read_table
    from tagdyr.texts.reader import read_text

_FOLDER = Path(tempfile.mkdtemp(prefix="tagdyr-fuzz-"))
_TABLES = (".csv", ".tsv", ".xlsx", ".ods")
_TEXTS = (".txt", ".html", ".docx", ".pdf")


def _as_file(data: bytes, suffixes: tuple[str, ...]) -> Path:
    """The first byte picks the format, the rest is the file."""
    suffix = suffixes[data[0] % len(suffixes)] if data else suffixes[0]
    path = _FOLDER / f"input{suffix}"
    path.write_bytes(data[1:])
    return path


def fuzz_tables(data: bytes) -> None:
    path = _as_file(data, _TABLES)
    with contextlib.suppress(TagdyrError):
        read_table(path, path.read_bytes())


def fuzz_texts(data: bytes) -> None:
    path = _as_file(data, _TEXTS)
    with contextlib.suppress(TagdyrError):
        read_text(path)


def fuzz_names(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(400)
    parse(text)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "tables": fuzz_tables,
    "texts": fuzz_texts,
    "names": fuzz_names,
}


def main() -> None:
    target = sys.argv[1] if len(sys.argv) > 1 else ""
    if target not in TARGETS:
        raise SystemExit(f"usage: python -m fuzz.harness {{{','.join(TARGETS)}}} [libFuzzer flags]")
    seeds = Path(__file__).parent / "seeds" / target
    argv = [sys.argv[0], *sys.argv[2:]]
    # libFuzzer adds what it finds to the first corpus folder: a scratch one, not the seeds
    argv += [str(Path(tempfile.mkdtemp(prefix=f"tagdyr-corpus-{target}-"))), str(seeds)]
    atheris.Setup(argv, TARGETS[target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
