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


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with a text layer (Helvetica, Latin text), one list of lines per page, written
    by hand so that the test depends on no PDF writer."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for lines in pages:
        content = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
        content += " ET"
        page_number = len(objects) + 1
        kids.append(f"{page_number} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
            f"{page_number + 1} 0 R /Resources << /Font << /F1 {{font}} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    font = len(objects)
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>"
    objects = [o.replace("{font}", str(font)) for o in objects]
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out.encode("latin-1")))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out.encode("latin-1"))
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    path.write_bytes(out.encode("latin-1"))
    return path
