"""Writers of real list files for the tests: CSV/TSV in any encoding, XLSX, ODS."""

from __future__ import annotations

import csv
import io
from pathlib import Path

Rows = list[list[str]]

CHOKAY_LIKE: Rows = [
    ["№", "Фамилия", "Имя", "Год рождения", "Место рождения", "Воинское звание"],
    ["1", "Бектанов", "Мажит", "1914", "Павлодар", "мл. лейтенант"],
    ["2", "Жұманиязов", "Қадем", "1915", "Гурьев", "красноармеец"],
    ["3", "Истыбаев", "Ашимбек", "ок. 1917", "", "сержант"],
    ["4", "Омарова", "Жамал", "1920", "Алма-Ата", ""],
]
NORWEGIAN: Rows = [
    ["Nr", "Etternavn", "Fornavn", "Født", "Leir"],
    ["1", "Bektanov", "Mazhit", "29.02.1914", "Mysen"],
    ["2", "Sjumanijasov", "Kadem", "1915", "Mo i Rana"],
    ["3", "Jøssupov", "Åbdi", "1916", "Tromsø"],
]


def write_csv(path: Path, rows: Rows, *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, Rows], *, numbers: bool = True) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([int(c) if numbers and c.isdigit() else c for c in row])
    workbook.save(path)
    return path


def write_ods(path: Path, sheets: dict[str, Rows]) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for title, rows in sheets.items():
        table = Table(name=title)
        for row in rows:
            tr = TableRow()
            for cell in row:
                if cell.isdigit():
                    tc = TableCell(valuetype="float", value=cell)
                else:
                    tc = TableCell(valuetype="string")
                tc.addElement(P(text=cell))
                tr.addElement(tc)
            table.addElement(tr)
        trailing = TableRow(numberrowsrepeated=1048000)
        trailing.addElement(TableCell(numbercolumnsrepeated=1024))
        table.addElement(trailing)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path
