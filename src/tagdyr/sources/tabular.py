"""Reading tabular lists (CSV, TSV, XLSX, ODS) into rows of cells kept exactly as written.

A reader yields :class:`Sheet` objects: the header row, the title lines above it (lists often
start with "Список 5-й группы казахов. 100 человек."), and the data rows with their 1-based row
numbers as a spreadsheet shows them. Cells are strings; nothing is trimmed or converted beyond
what the format itself stores (an XLSX number 1914 is read as "1914").

Headers are the one exception: they are matched and keyed with their surrounding whitespace
stripped (``"Фамилия "`` is the header ``"Фамилия"``), so each sheet keeps its header as
written beside it (:attr:`Sheet.header_as_written`), and the importer stores both.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tagdyr.errors import SourceError
from tagdyr.limits import sheet_limits
from tagdyr.sources.archives import PARSER_ERRORS, check_archive, guarded, parser_said
from tagdyr.sources.columns import match_header
from tagdyr.sources.encoding import decode
from tagdyr.sources.formulas import is_export, unguard

MAX_CELL = 64 * 1024 * 1024  # Python's csv stops at 128 KB; a transcribed file may hold more
csv.field_size_limit(MAX_CELL)

TABULAR_FORMATS = ("csv", "tsv", "xlsx", "ods")
_HEADER_SEARCH_ROWS = 15
MAX_CELL_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Formula:
    """A cell holding a formula whose value the file does not store (see :func:`_xlsx_cell`)."""

    row: int
    column: int  # 1-based
    text: str  # the formula as a spreadsheet shows it: "=B2+1"


@dataclass(slots=True)
class Sheet:
    name: str | None
    header: list[str]
    header_row: int
    preamble: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    header_as_written: list[str] = field(default_factory=list)  # aligned with header
    formulas: list[Formula] = field(default_factory=list)


def normalize_header(written: list[str]) -> tuple[list[str], list[str]]:
    """The header cells records are keyed by, and the same cells as written, aligned.

    Surrounding whitespace is stripped and trailing empty columns dropped; a name that
    repeats (``"Примечание"`` twice, or ``"Фамилия"`` and ``"Фамилия "``) gets its column
    number (``"Примечание (column 4)"``), so that no cell overwrites another under one key."""
    written = list(written)
    while written and not written[-1].strip():
        written.pop()
    header: list[str] = []
    for i, cell in enumerate(written):
        name = cell.strip()
        header.append(f"{name} (column {i + 1})" if name and name in header else name)
    return header, written


@dataclass(slots=True)
class Table:
    filename: str
    format: str
    encoding: str | None
    encoding_detected: bool
    sheets: list[Sheet]


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("txt",):
        return "csv"
    if suffix not in TABULAR_FORMATS:
        raise SourceError(
            f"unsupported file type .{suffix}; tabular lists are {', '.join(TABULAR_FORMATS)}",
            file=path.name,
        )
    return suffix


def _header_index(rows: list[list[str]]) -> int:
    """The header is the first row naming at least two known fields, else the first row with
    two or more filled cells."""
    first_filled = None
    for i, cells in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        filled = [c for c in cells if c.strip()]
        if len(filled) >= 2 and first_filled is None:
            first_filled = i
        if sum(1 for c in filled if match_header(c)) >= 2:
            return i
    return first_filled if first_filled is not None else 0


def _build_sheet(name: str | None, numbered: list[tuple[int, list[str]]], filename: str) -> Sheet:
    cells_only = [cells for _, cells in numbered]
    index = _header_index(cells_only)
    header_row, written = numbered[index] if numbered else (1, [])
    header, as_written = normalize_header(written)
    preamble = [" ".join(c.strip() for c in cells if c.strip()) for cells in cells_only[:index]]
    sheet = Sheet(
        name, header, header_row, [p for p in preamble if p], header_as_written=as_written
    )
    for row_number, cells in numbered[index + 1 :]:
        if not any(c.strip() for c in cells):
            continue
        extra = [i for i, c in enumerate(cells) if i >= len(header) and c.strip()]
        if extra:
            where = f"{name}: " if name else ""
            raise SourceError(
                f"{where}the row has a value ({cells[extra[0]][:40]!r}) in a column without a "
                f"header; the header has {len(header)} columns",
                file=filename,
                row=row_number,
                column=extra[0] + 1,
            )
        for i, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                raise SourceError(
                    f"the cell holds {len(cell):,} characters, more than a list cell can "
                    f"({MAX_CELL_CHARS:,}); is this a list?",
                    file=filename,
                    row=row_number,
                    column=header[i] if i < len(header) else i + 1,
                )
        padded = cells[: len(header)] + [""] * (len(header) - len(cells))
        sheet.rows.append((row_number, padded))
    return sheet


def _read_delimited(path: Path, data: bytes, fmt: str, encoding: str | None) -> Table:
    decoded = decode(data, path.name, encoding)
    text = decoded.text
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceError(
            "the file contains a NUL byte; is it a binary file?", file=path.name, row=line
        )
    delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    numbered: list[tuple[int, list[str]]] = []
    try:
        for row_number, cells in enumerate(reader, start=1):
            numbered.append((row_number, cells))
    except csv.Error as exc:
        raise SourceError(
            f"broken CSV quoting ({exc}); a cell's opening quote has no closing quote, or a "
            f"cell is over {MAX_CELL // 2**20} MB",
            file=path.name,
            row=len(numbered) + 1,
        ) from exc
    if numbered and is_export(numbered[0][1]):
        numbered = [(n, [unguard(c) for c in cells]) for n, cells in numbered]
    sheet = _build_sheet(None, numbered, path.name)
    return Table(path.name, fmt, decoded.encoding, decoded.detected, [sheet])


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:30])
    counts = {d: sum(line.count(d) for line in sample.splitlines()) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _xlsx_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, slots=True)
class _Bounds:
    """The rows and columns one sheet may fill (settings max_sheet_rows, max_sheet_columns),
    checked on the numbers a file declares, before its cells are built."""

    filename: str
    sheet: str | None
    rows: int
    columns: int

    def check(self, row: int, width: int) -> None:
        where = f"sheet {self.sheet!r}: " if self.sheet else ""
        if row > self.rows:
            raise SourceError(
                f"{where}the sheet has content in row {row:,}, beyond the {self.rows:,} rows "
                "a list may have (setting max_sheet_rows); is this a list?",
                file=self.filename,
                row=row,
            )
        if width > self.columns:
            raise SourceError(
                f"{where}the row has a value in column {width:,}, beyond the {self.columns:,} "
                "columns a list may have (setting max_sheet_columns); is this a list?",
                file=self.filename,
                row=row,
                column=width,
            )


def _bounds(filename: str, sheet: str | None) -> _Bounds:
    rows, columns = sheet_limits()
    return _Bounds(filename, sheet, rows, columns)


def _xlsx_damaged(path: Path, exc: BaseException) -> SourceError:
    return SourceError(f"the XLSX workbook is damaged ({parser_said(exc)})", file=path.name)


class _Uncached(str):
    """The text of a formula whose result the file does not store."""


@functools.cache
def _parser_class() -> Any:
    """openpyxl's sheet parser reading stored values (``data_only``), which also gives the
    formula of a cell that has no stored value, instead of None (read as an empty cell)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if element.find(FORMULA_TAG) is not None:
                formula = self.parse_formula(element)  # always: shared formulas need their head
                # no <v>, or an empty one that is no text result (t="str"): not computed
                stored = element.findtext(VALUE_TAG, None)
                if not stored and element.get("t", "n") not in ("str", "inlineStr"):
                    cell["value"] = _Uncached(getattr(formula, "text", formula))
            return cell

    return Parser


def _xlsx_rows(
    worksheet: Any, path: Path, formulas: list[Formula]
) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the rows the sheet stores. openpyxl's own iter_rows pads every
    row to the declared dimension and builds the rows in between (a 4 KB file may declare
    A1:XFD1048576): its parser is used directly, and only the rows the file holds are built.

    A formula without a stored value (a file written by a program that does not calculate,
    e.g. a script) is kept as its formula text, and added to ``formulas``: an archivist
    wants what the file holds, not an empty cell that says the clerk wrote nothing, nor a
    value tagdyr computed that no source states. The importer warns about each one and
    does not read facts from it."""
    bounds = _bounds(path.name, worksheet.title)
    workbook = worksheet.parent
    with worksheet._get_source() as source:  # openpyxl's read-only sheet XML
        parser = _parser_class()(
            source, worksheet._shared_strings, data_only=True, epoch=workbook.epoch,
            date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats,
        )  # fmt: skip
        for number, cells in guarded(parser.parse(), lambda exc: _xlsx_damaged(path, exc)):
            filled = [(c["column"], c["value"]) for c in cells if c["value"] is not None]
            if not filled:
                continue
            width = max(column for column, _ in filled)
            bounds.check(number, width)
            row = [""] * width
            for column, value in filled:
                row[column - 1] = _xlsx_cell(value)
                if isinstance(value, _Uncached):
                    formulas.append(Formula(number, column, str(value)))
            yield number, row


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook  # heavy; only when needed

    check_archive(path, "XLSX")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except PARSER_ERRORS as exc:
        raise SourceError(
            f"not a readable XLSX workbook ({parser_said(exc)})", file=path.name
        ) from exc
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            formulas: list[Formula] = []
            numbered = list(_xlsx_rows(worksheet, path, formulas))
            if any(any(c.strip() for c in cells) for _, cells in numbered):
                sheets.append(_build_sheet(worksheet.title, numbered, path.name))
                sheets[-1].formulas = formulas
    finally:
        workbook.close()
    return Table(path.name, "xlsx", None, False, sheets)


def _ods_text(cell: Any) -> str:
    from odf.element import Element

    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node.childNodes:
            if child.nodeType == Element.TEXT_NODE:
                parts.append(str(child.data))
            elif child.qname[1] == "s":
                parts.append(" " * min(_ods_count(child.getAttribute("c")), MAX_CELL_CHARS + 1))
            elif child.qname[1] == "tab":
                parts.append("\t")
            elif child.qname[1] == "line-break":
                parts.append("\n")
            else:
                walk(child)

    paragraphs = []
    for child in cell.childNodes:
        if getattr(child, "qname", (None, None))[1] == "p":
            parts.clear()
            walk(child)
            paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _ods_count(value: Any) -> int:
    """A repeat or space count as written ("" or a damaged number: 1)."""
    text = str(value or "")
    return int(text) if text.isdigit() and int(text) >= 1 else 1


def _ods_cells(row: Any, bounds: _Bounds, number: int) -> list[str]:
    """The cells of one row; repeated cells counted against the column cap before they are
    built, and empty cells kept in place only when a value follows them."""
    cells: list[str] = []
    empty = 0
    for cell in row.childNodes:
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        text = _ods_text(cell) if cell.qname[1] == "table-cell" else ""
        repeat = _ods_count(cell.getAttribute("numbercolumnsrepeated"))
        if not text:
            empty += repeat
            continue
        bounds.check(number, len(cells) + empty + repeat)
        cells.extend([""] * empty + [text] * repeat)
        empty = 0
    return cells


def _ods_rows(table: Any, filename: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells); repeated empty rows advance the number without being expanded,
    repeated rows with content are counted against the row cap before they are built."""
    from odf.table import TableRow

    bounds = _bounds(filename, table.getAttribute("name"))
    row_number = 1
    for row in table.getElementsByType(TableRow):
        repeat_rows = _ods_count(row.getAttribute("numberrowsrepeated"))
        cells = _ods_cells(row, bounds, row_number)
        if cells:
            last = row_number + repeat_rows - 1
            bounds.check(min(last, max(row_number, bounds.rows + 1)), len(cells))  # the first out
            for _ in range(repeat_rows):
                yield row_number, cells
                row_number += 1
        else:
            row_number += repeat_rows


def _read_ods(path: Path) -> Table:
    from odf.opendocument import load
    from odf.table import Table as OdsTable

    check_archive(path, "ODS")
    try:
        document = load(str(path))
        spreadsheet = getattr(document, "spreadsheet", None)  # absent in a text document
    except PARSER_ERRORS as exc:
        raise SourceError(
            f"not a readable ODS spreadsheet ({parser_said(exc)})", file=path.name
        ) from exc
    if spreadsheet is None:
        raise SourceError(
            "not a readable ODS spreadsheet (its content.xml holds no spreadsheet body)",
            file=path.name,
        )
    tables = spreadsheet.getElementsByType(OdsTable)
    rows = [(table.getAttribute("name"), list(_ods_rows(table, path.name))) for table in tables]
    sheets = [
        _build_sheet(name, numbered, path.name)
        for name, numbered in rows
        if any(any(c.strip() for c in cells) for _, cells in numbered)
    ]
    return Table(path.name, "ods", None, False, sheets)


_SNIFF_BYTES = 1 << 20


def stream_delimited(
    path: Path, encoding: str | None = None
) -> tuple[list[str], str, Iterator[tuple[int, list[str]]]]:
    """Header, encoding and a row iterator of a large CSV/TSV, read without loading the file:
    the encoding is detected on its first megabyte. Rows are checked as :func:`read_table`
    checks them (cells beyond the header are an error naming row and column)."""
    fmt = detect_format(path)
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if encoding is None:
        cut = head[: head.rfind(b"\n") + 1] or head if len(head) == _SNIFF_BYTES else head
        encoding = decode(cut, path.name).encoding
    text = io.TextIOWrapper(path.open("rb"), encoding=encoding, newline="", errors="strict")
    sample = text.read(_SNIFF_BYTES // 4)
    text.seek(0)
    delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(sample)
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        header = normalize_header(next(reader))[0]
    except StopIteration:
        text.close()
        raise SourceError("the file is empty", file=path.name) from None
    exported = is_export(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        row_number = 1
        try:
            for row_number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                extra = [i for i, c in enumerate(cells) if i >= len(header) and c.strip()]
                if extra:
                    raise SourceError(
                        f"the row has a value ({cells[extra[0]][:40]!r}) in a column without a "
                        f"header; the header has {len(header)} columns",
                        file=path.name,
                        row=row_number,
                        column=extra[0] + 1,
                    )
                if exported:
                    cells = [unguard(c) for c in cells]
                yield row_number, cells[: len(header)] + [""] * (len(header) - len(cells))
        except csv.Error as exc:
            raise SourceError(
                f"broken CSV quoting ({exc})", file=path.name, row=row_number + 1
            ) from exc
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"not valid {encoding} ({exc.reason}); give --encoding",
                file=path.name,
                row=row_number + 1,
            ) from exc
        finally:
            text.close()

    return header, encoding, rows()


def formula_warnings(table: Table) -> list[str]:
    """One warning per formula cell without a stored value, naming file, sheet, row and
    column (letter and header)."""
    from openpyxl.utils import get_column_letter

    warnings = []
    for sheet in table.sheets:
        for f in sheet.formulas:
            i = f.column - 1
            header = f" ({sheet.header[i]!r})" if i < len(sheet.header) and sheet.header[i] else ""
            warnings.append(
                f"{table.filename}, sheet {sheet.name!r}, row {f.row}, column "
                f"{get_column_letter(f.column)}{header}: the cell holds the formula {f.text!r} "
                "but the file stores no value for it; it is kept as the formula's text and "
                "no fact is read from it (open and save the file in a spreadsheet program to "
                "store the values)"
            )
    return warnings


def read_table(path: Path, data: bytes, encoding: str | None = None) -> Table:
    """Read a tabular file; ``encoding`` overrides detection for CSV/TSV."""
    fmt = detect_format(path)
    if fmt in ("csv", "tsv"):
        return _read_delimited(path, data, fmt, encoding)
    if fmt == "xlsx":
        return _read_xlsx(path)
    return _read_ods(path)
