"""Which table finder works on these lists: img2table 2.0.0 against tagdyr's own (ruling lines
or word alignment), on the benchmark's moderate pages. Counts the pages whose grid comes out
with exactly the drawn rows (header included) and columns.

    pip install img2table==2.0.0   # not a dependency of tagdyr: only for this comparison
    python -m bench.scans.tables [--pages 4]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from bench.scans.generate import PROFILES, ROWS_PER_PAGE, degrade, render

HEADER = ["№", "Фамилия, имя", "Дата рождения", "Место жительства", "Звание", "Лагерь"]


def _rows(pages: int) -> list[list[list[str]]]:
    import csv

    listed = Path("bench/out/scans/data-1945/list.csv")  # written by python -m bench.scans
    columns = ["id", "full_name", "birth_date", "residence", "rank", "camp"]
    with listed.open(encoding="utf-8") as handle:
        rows = [[r[c].removeprefix("L") for c in columns] for r in csv.DictReader(handle)]
    return [rows[i * ROWS_PER_PAGE : (i + 1) * ROWS_PER_PAGE] for i in range(pages)]


def img2table_grid(png: bytes) -> tuple[int, int]:
    from img2table.document import Image as Img2TableImage

    tables = Img2TableImage(src=io.BytesIO(png)).extract_tables(
        implicit_rows=True, implicit_columns=True, borderless_tables=True
    )
    if not tables:
        return 0, 0
    biggest = max(tables, key=lambda t: len(t.content))
    rows = list(biggest.content.values())
    return len(rows), max((len(r) for r in rows), default=0)


def tagdyr_grid(png: bytes) -> tuple[int, int]:
    from PIL import Image

    from tagdyr.scans.reader import read_page

    page = read_page(Image.open(io.BytesIO(png)).convert("L"), 1)
    table = page.table
    return len(table.rows) + 1, len(table.header)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--only", choices=["img2table", "tagdyr"])
    args = parser.parse_args()
    finders = {"img2table": img2table_grid, "tagdyr": tagdyr_grid}
    if args.only:
        finders = {args.only: finders[args.only]}
    print(f"{'finder':10} {'face':11} {'exact grids':>11}  grids found (rows×columns; drawn 16×6)")
    for name, finder in finders.items():
        for face in ("printed", "typewriter"):
            found = []
            for n, rows in enumerate(_rows(args.pages)):
                drawn = render("Список", HEADER, rows, face, n).image
                image = degrade(drawn, PROFILES["moderate"], n)
                buffer = io.BytesIO()
                image.save(buffer, "PNG")
                found.append(finder(buffer.getvalue()))
            exact = sum(f == (ROWS_PER_PAGE + 1, len(HEADER)) for f in found)
            grids = " ".join(f"{r}×{c}" for r, c in found)
            print(f"{name:10} {face:11} {exact:>5}/{len(found):<5}  {grids}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
