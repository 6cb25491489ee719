"""Bad input never crashes tagdyr and never half-stores: random and damaged files of every
kind the importers take, deeply nested HTML, huge cells — each either reads, or is refused
with a :class:`TagdyrError` naming the file; the database is unchanged after a refusal."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from tagdyr.errors import TagdyrError
from tagdyr.names.parse import parse
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.sources.tabular import read_table
from tagdyr.store import schema as s
from tagdyr.texts.reader import read_text
from tests.files import write_csv, write_ods, write_pdf, write_xlsx

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".ods")
TEXT_SUFFIXES = (".txt", ".html", ".docx", ".pdf")
ROWS = [["№", "Фамилия", "Имя", "Год"], ["1", "Бектанов", "Мажит", "1914"],
        ["2", "Қасымжанов", "Ғаббас", "1918"]]  # fmt: skip
FUZZ = settings(max_examples=150, deadline=None)  # every health check on


def _read(path: Path) -> None:
    """Read a file the way the importers do; only a TagdyrError naming it may come out."""
    try:
        if path.suffix in TABLE_SUFFIXES:
            read_table(path, path.read_bytes())
        else:
            read_text(path)
    except TagdyrError as exc:
        assert path.name in str(exc), str(exc)


def _docx(text: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return buffer.getvalue()


def _valid_files(folder: Path) -> dict[str, bytes]:
    """One good file of each kind, to damage."""
    made = {
        ".csv": write_csv(folder / "a.csv", ROWS),
        ".tsv": write_csv(folder / "a.tsv", ROWS, delimiter="\t"),
        ".xlsx": write_xlsx(folder / "a.xlsx", {"Лист1": ROWS}),
        ".ods": write_ods(folder / "a.ods", {"Sheet1": ROWS}),
        ".pdf": write_pdf(folder / "a.pdf", [["Bektanov Mazhit, born 1914"]]),
    }
    files = {suffix: path.read_bytes() for suffix, path in made.items()}
    files[".docx"] = _docx("Т. Жангелдин\nБектанов Мажит 1914")
    files[".html"] = "<html><body><p>Бектанов Мажит</p></body></html>".encode()
    files[".txt"] = "Бектанов Мажит, 1914 жылы туған".encode()
    return files


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(TABLE_SUFFIXES + TEXT_SUFFIXES))
def test_random_bytes_are_read_or_refused_by_name(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        _read(path)


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _valid_files(tmp_path_factory.mktemp("valid"))


@FUZZ
@given(
    suffix=st.sampled_from(TABLE_SUFFIXES + TEXT_SUFFIXES),
    seed=st.integers(0, 2**32 - 1),
    damage=st.sampled_from(["flip", "truncate", "splice"]),
)
def test_damaged_files_are_read_or_refused_by_name(
    valid_files: dict[str, bytes], suffix: str, seed: int, damage: str
) -> None:
    rng = random.Random(seed)
    data = bytearray(valid_files[suffix])
    if damage == "flip":
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif damage == "truncate":
        del data[rng.randrange(1, len(data)) :]
    else:
        at = rng.randrange(len(data))
        data[at:at] = rng.randbytes(rng.randint(1, 200))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"damaged{suffix}"
        path.write_bytes(bytes(data))
        _read(path)


def test_deeply_nested_html_is_read(tmp_path: Path) -> None:
    page = tmp_path / "nested.html"
    depth = 100_000
    page.write_text("<div>" * depth + "Бектанов Мажит" + "</div>" * depth, "utf-8")
    document = read_text(page)
    assert "Бектанов Мажит" in document.text


def test_a_text_document_named_ods_is_refused_by_name(tmp_path: Path) -> None:
    """An OpenDocument text renamed ``.ods`` has a body but no spreadsheet in it (found by the
    fuzzers: it gave an AttributeError)."""
    odt = tmp_path / "letter.ods"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
            ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
            ' manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>',
        )
        archive.writestr(
            "content.xml",
            f'<office:document-content xmlns:office="{office}" office:version="1.2">'
            "<office:body><office:text/></office:body></office:document-content>",
        )
    with pytest.raises(TagdyrError, match=r"letter\.ods.*no spreadsheet"):
        read_table(odt, odt.read_bytes())


def test_a_zip_bomb_posing_as_xlsx_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<" + "a" * 200_000_000 + ">")
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(TagdyrError, match=r"bomb\.xlsx"):
        read_table(bomb, bomb.read_bytes())


def _counts(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (s.source, s.document, s.record, s.claim, s.audit_event)
        )


def test_huge_cells_are_kept_whole_or_refused_by_row_and_column(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    note = "Ә" * 100_000  # the longest cell a list may hold, in Kazakh
    listing = write_csv(tmp_path / "long.csv", [["Фамилия", "Примечание"], ["Бектанов", note]])
    import_table(sqlite_engine, listing, SourceInfo("long", "Long", "Test"))
    with sqlite_engine.connect() as conn:
        verbatim = conn.execute(select(s.record.c.verbatim)).scalar_one()
    assert note in verbatim
    before = _counts(sqlite_engine)
    huge = write_csv(tmp_path / "huge.csv", [["Фамилия", "Примечание"], ["Бектанов", note * 20]])
    with pytest.raises(TagdyrError, match=r"huge\.csv, row 2, column Примечание: .*2,000,000"):
        import_table(sqlite_engine, huge, SourceInfo("huge", "Huge", "Test"))
    assert _counts(sqlite_engine) == before


def test_refused_imports_store_nothing(engine: Engine, tmp_path: Path,
                                       valid_files: dict[str, bytes]) -> None:  # fmt: skip
    good = write_csv(tmp_path / "good.csv", ROWS)
    import_table(engine, good, SourceInfo("good", "Good", "Test"))
    before = _counts(engine)
    rng = random.Random(7)
    refused = 0
    for n in range(40):
        suffix = rng.choice(TABLE_SUFFIXES)
        data = bytearray(valid_files[suffix])
        for _ in range(30):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"bad{n}{suffix}"
        path.write_bytes(bytes(data))
        try:
            import_table(engine, path, SourceInfo(f"bad{n}", "Bad", "Test"))
        except TagdyrError as exc:
            assert path.name in str(exc)
            refused += 1
            assert _counts(engine) == before  # nothing half-stored
        else:
            before = _counts(engine)  # a damage the file survived: stored whole
    assert refused >= 10


@FUZZ
@given(st.text(max_size=300))
def test_the_name_parser_takes_any_text(written: str) -> None:
    parsed = parse(written)
    assert isinstance(parsed.surname, str)


def test_the_crashes_atheris_found_stay_fixed() -> None:
    """Inputs libFuzzer found crashing (kept as seeds): Python 3.11's html.parser asserted on
    broken ``<![`` declarations."""
    crashes = sorted((Path(__file__).parent.parent / "fuzz" / "seeds").glob("*/crash-*"))
    assert crashes
    with tempfile.TemporaryDirectory() as folder:
        for crash in crashes:
            data = crash.read_bytes()
            path = Path(folder) / f"crash{TEXT_SUFFIXES[data[0] % len(TEXT_SUFFIXES)]}"
            path.write_bytes(data[1:])
            _read(path)


@pytest.mark.parametrize("target", ["names", "tables", "texts"])
def test_atheris_finds_no_crash_in_a_bounded_run(target: str, tmp_path: Path) -> None:
    """libFuzzer, coverage-guided, a bounded number of runs per target (``make fuzz`` runs
    longer); it exits non-zero and writes a crash-* file on any uncaught exception."""
    runs = {"names": 20_000, "tables": 3_000, "texts": 3_000}[target]
    done = subprocess.run(
        [sys.executable, "-m", "fuzz.harness", target, f"-atheris_runs={runs}", "-seed=1"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"Done {runs} " in done.stderr
