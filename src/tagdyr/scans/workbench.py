"""A scan waiting in the transcription workbench: the pages as read (images and tables) and
the editors' corrections, kept beside the uploaded file until it is imported.

Every correction names its author and time; the machine's reading is never overwritten.
The header can be corrected like any cell (its row is ``HEADER_ROW``).

*Double keying*, as Arolsen's volunteers do it: two editors key the same scan independently
(each sees the machine's reading and only their own corrections), each says when they are
done, and the cells where their two transcriptions differ are shown to a third editor, who
settles each. Only then can the scan be imported, with the agreed and settled values.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image

from tagdyr.errors import TagdyrError
from tagdyr.scans.importer import HEADER_ROW, Correction
from tagdyr.scans.reader import ScanPage
from tagdyr.scans.table import Cell, PageTable, Row

_STATE = "reading.json"
_READING = "reading"
SOURCE = "source.json"  # the folder beside the upload holding the pages and the state
LOW_CONFIDENCE = 60.0  # characters read below this are highlighted for the editor


def _cell(data: dict[str, Any]) -> Cell:
    return Cell(data["text"], tuple(data["box"]), data["confidence"],
                [(ch, conf) for ch, conf in data["chars"]])  # fmt: skip


def stage(
    folder: Path, pages: list[ScanPage], source: dict[str, str], *, double: bool = False
) -> None:
    """Keep a scan as read for the workbench, with the source it is to be imported into;
    ``double``: two editors are to key it independently."""
    save_reading(folder, pages, double=double)
    (folder / SOURCE).write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")


def staged_source(folder: Path) -> dict[str, str]:
    data: dict[str, str] = json.loads((folder / SOURCE).read_text(encoding="utf-8"))
    return data


def save_reading(folder: Path, pages: list[ScanPage], *, double: bool = False) -> None:
    """Keep the pages as read: each page's image as PNG and the tables as JSON."""
    state: dict[str, Any] = {"pages": [], "corrections": [], "double": double, "finished": []}
    folder = folder / _READING
    folder.mkdir(exist_ok=True)
    for page in pages:
        page.image.save(folder / f"page-{page.number}.png", dpi=page.image.info.get("dpi"))
        state["pages"].append({
            "number": page.number, "rotation": page.rotation, "skew": page.skew,
            "lang": page.lang, "table": asdict(page.table),
        })  # fmt: skip
    (folder / _STATE).write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")


def page_path(folder: Path, number: int) -> Path:
    return folder / _READING / f"page-{number}.png"


def _state(folder: Path) -> dict[str, Any]:
    path = folder / _READING / _STATE
    if not path.exists():
        raise TagdyrError("this upload was not read as a scan; upload it again")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _pages(state: dict[str, Any], folder: Path) -> list[ScanPage]:
    pages = []
    for p in state["pages"]:
        t = p["table"]
        table = PageTable(
            t["page"], t["title"], [_cell(c) for c in t["header"]],
            [Row([_cell(c) for c in r["cells"]], tuple(r["box"]), r["lines"],
                 r.get("struck", False)) for r in t["rows"]],
            t["method"],
        )  # fmt: skip
        image = Image.open(page_path(folder, p["number"]))
        image.load()
        pages.append(ScanPage(p["number"], image, table, p["rotation"], p["skew"], p["lang"]))
    return pages


def _correction(c: dict[str, Any]) -> Correction:
    return Correction(c["page"], c["row"], c["col"], c["value"], c["author"],
                      datetime.fromisoformat(c["at"]))  # fmt: skip


def load_reading(
    folder: Path, viewer: str | None = None
) -> tuple[list[ScanPage], list[Correction]]:
    """The pages as read, and the corrections made since, oldest first: all of them, or, when
    the scan is double keyed and a ``viewer`` is given, only that editor's own keying."""
    state = _state(folder)
    own = state.get("double") and viewer is not None
    corrections = [
        _correction(c)
        for c in state["corrections"]
        if not own or (c["author"] == viewer and not c.get("settles"))
    ]
    return _pages(state, folder), corrections


Cell3 = tuple[int, int, int]  # page, row (HEADER_ROW for the header), column


def _machine(state: dict[str, Any], page: int, row: int, col: int) -> str:
    """The machine's reading of a cell; a clear error for a cell the scan does not have."""
    pages = {p["number"]: p["table"] for p in state["pages"]}
    table = pages.get(page, {"header": [], "rows": []})
    cells = table["header"] if row == HEADER_ROW else None
    if cells is None and 0 <= row < len(table["rows"]):
        cells = table["rows"][row]["cells"]
    if cells is None or not 0 <= col < len(cells):
        where = "the header" if row == HEADER_ROW else f"row {row + 1}"
        raise TagdyrError(f"page {page} has no cell at {where}, column {col + 1}")
    text: str = cells[col]["text"]
    return text


def _save(folder: Path, state: dict[str, Any]) -> None:
    (folder / _READING / _STATE).write_text(json.dumps(state, ensure_ascii=False), "utf-8")


def _values(state: dict[str, Any], author: str | None = None) -> dict[Cell3, str]:
    """The latest keyed value of each corrected cell: everyone's, or one keyer's own."""
    latest: dict[Cell3, str] = {}
    for c in state["corrections"]:
        if author is None or (c["author"] == author and not c.get("settles")):
            latest[(c["page"], c["row"], c["col"])] = c["value"]
    return latest


def correct(folder: Path, changes: dict[Cell3, str], author: str) -> int:
    """Record the cells an editor changed (page, row, column -> value); returns how many
    differ from the latest reading of each (machine or earlier correction) as that editor
    sees it. A keyer of a double-keyed scan who has said they are done keys no more."""
    state = _state(folder)
    seen = _seen_by(state, author)
    if state.get("double") and author in state["finished"]:
        if any(v != seen.get(cell, _machine(state, *cell)) for cell, v in changes.items()):
            raise TagdyrError(
                "you have finished your keying of this scan; the other editor's and the "
                "settling editor's work follows"
            )
        return 0
    if state.get("double") and len(state["finished"]) >= 2:
        raise TagdyrError(
            "both keyings are done: the differences are settled on the comparison page"
        )
    now = datetime.now(UTC).isoformat()
    made = 0
    for (page, row, col), value in changes.items():
        machine = _machine(state, page, row, col)
        if value != seen.get((page, row, col), machine):
            state["corrections"].append(
                {"page": page, "row": row, "col": col, "value": value, "author": author,
                 "at": now, "machine": machine}
            )  # fmt: skip
            made += 1
    _save(folder, state)
    return made


def _seen_by(state: dict[str, Any], author: str) -> dict[Cell3, str]:
    """The keyed cells as an editor sees them: in a double-keyed scan their own keying,
    otherwise the latest of anyone's (the machine's reading where nobody keyed a cell)."""
    return _values(state, author if state.get("double") else None)


# --- double keying --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    """A cell the two keyers transcribed differently."""

    page: int
    row: int
    col: int
    machine: str
    keyed: tuple[tuple[str, str], tuple[str, str]]  # (keyer, value) for each keyer
    settled: str | None  # the settling editor's value, once given


def is_double(folder: Path) -> bool:
    return bool(_state(folder).get("double"))


def keyers_done(folder: Path) -> list[str]:
    """The editors who have finished their keying, in the order they finished."""
    return list(_state(folder)["finished"])


def finish_keying(folder: Path, author: str) -> None:
    """An editor says their keying of a double-keyed scan is complete."""
    state = _state(folder)
    if not state.get("double"):
        raise TagdyrError("this scan is keyed once; there is no keying to finish")
    if author not in state["finished"]:
        if len(state["finished"]) >= 2:
            raise TagdyrError("two editors have already keyed this scan; you can settle it")
        state["finished"].append(author)
        _save(folder, state)


def _cells(state: dict[str, Any]) -> list[Cell3]:
    cells: list[Cell3] = []
    for p in state["pages"]:
        table = p["table"]
        cells += [(p["number"], HEADER_ROW, c) for c in range(len(table["header"]))]
        for r, row in enumerate(table["rows"]):
            cells += [(p["number"], r, c) for c in range(len(row["cells"]))]
    return cells


def differences(folder: Path) -> list[Difference]:
    """Every cell the two finished keyings disagree on, with its settled value if any."""
    return _differences(_state(folder))


def _differences(state: dict[str, Any]) -> list[Difference]:
    if not state.get("double") or len(state["finished"]) < 2:
        return []
    first, second = state["finished"][:2]
    a, b = _values(state, first), _values(state, second)
    settled = {(c["page"], c["row"], c["col"]): c["value"]
               for c in state["corrections"] if c.get("settles")}  # fmt: skip
    found = []
    for cell in _cells(state):
        machine = _machine(state, *cell)
        va, vb = a.get(cell, machine), b.get(cell, machine)
        if va != vb:
            found.append(Difference(*cell, machine, ((first, va), (second, vb)), settled.get(cell)))
    return found


def settle(folder: Path, values: dict[Cell3, str], author: str) -> int:
    """A third editor settles cells where the two keyings differ; returns how many."""
    state = _state(folder)
    if len(state["finished"]) < 2:
        raise TagdyrError("the scan is settled after two editors have finished their keying")
    if author in state["finished"][:2]:
        raise TagdyrError(
            "a keyer cannot settle their own differences: a third editor settles them"
        )
    open_cells = {(d.page, d.row, d.col) for d in _differences(state)}
    now = datetime.now(UTC).isoformat()
    for cell, value in values.items():
        if cell not in open_cells:
            page, row, col = cell
            raise TagdyrError(
                f"page {page}, row {row + 1}, column {col + 1}: the two keyings agree there"
            )
        state["corrections"].append(
            {"page": cell[0], "row": cell[1], "col": cell[2], "value": value, "author": author,
             "at": now, "machine": _machine(state, *cell), "settles": True}
        )  # fmt: skip
    _save(folder, state)
    return len(values)


def corrections_to_import(folder: Path) -> list[Correction]:
    """The corrections the import applies: every editor's (latest wins) for a scan keyed once;
    for a double-keyed one, the agreed keyings and the settled differences — refused while a
    keying is unfinished or a difference unsettled."""
    state = _state(folder)
    if not state.get("double"):
        return [_correction(c) for c in state["corrections"]]
    if len(state["finished"]) < 2:
        raise TagdyrError(
            f"this scan is double keyed: {len(state['finished'])} of 2 editors have finished "
            "their keying"
        )
    open_ = [d for d in _differences(state) if d.settled is None]
    if open_:
        raise TagdyrError(f"{len(open_)} differences between the two keyings are not settled yet")
    keyers = state["finished"][:2]
    keyed = [c for c in state["corrections"] if c["author"] in keyers and not c.get("settles")]
    settled = [c for c in state["corrections"] if c.get("settles")]
    # both keyings are kept; where they differ, the settled value comes last and wins
    return [_correction(c) for c in keyed + settled]
