"""A scan waiting in the transcription workbench: the pages as read (images and tables) and
the editors' corrections, kept beside the uploaded file until it is imported.

Every correction names its author and time; the machine's reading is never overwritten.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image

from tagdyr.errors import TagdyrError
from tagdyr.scans.importer import Correction
from tagdyr.scans.reader import ScanPage
from tagdyr.scans.table import Cell, PageTable, Row

_STATE = "reading.json"
_READING = "reading"
SOURCE = "source.json"  # the folder beside the upload holding the pages and the state
LOW_CONFIDENCE = 60.0  # characters read below this are highlighted for the editor


def _cell(data: dict[str, Any]) -> Cell:
    return Cell(data["text"], tuple(data["box"]), data["confidence"],
                [(ch, conf) for ch, conf in data["chars"]])  # fmt: skip


def stage(folder: Path, pages: list[ScanPage], source: dict[str, str]) -> None:
    """Keep a scan as read for the workbench, with the source it is to be imported into."""
    save_reading(folder, pages)
    (folder / SOURCE).write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")


def staged_source(folder: Path) -> dict[str, str]:
    data: dict[str, str] = json.loads((folder / SOURCE).read_text(encoding="utf-8"))
    return data


def save_reading(folder: Path, pages: list[ScanPage]) -> None:
    """Keep the pages as read: each page's image as PNG and the tables as JSON."""
    state: dict[str, list[Any]] = {"pages": [], "corrections": []}
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


def load_reading(folder: Path) -> tuple[list[ScanPage], list[Correction]]:
    """The pages as read, and every correction made since, oldest first."""
    state = _state(folder)
    pages = []
    for p in state["pages"]:
        t = p["table"]
        table = PageTable(
            t["page"], t["title"], [_cell(c) for c in t["header"]],
            [Row([_cell(c) for c in r["cells"]], tuple(r["box"]), r["lines"]) for r in t["rows"]],
            t["method"],
        )  # fmt: skip
        image = Image.open(page_path(folder, p["number"]))
        image.load()
        pages.append(ScanPage(p["number"], image, table, p["rotation"], p["skew"], p["lang"]))
    corrections = [
        Correction(c["page"], c["row"], c["col"], c["value"], c["author"],
                   datetime.fromisoformat(c["at"]))
        for c in state["corrections"]
    ]  # fmt: skip
    return pages, corrections


def correct(folder: Path, changes: dict[tuple[int, int, int], str], author: str) -> int:
    """Record the cells an editor changed (page, row, column -> value); returns how many
    differ from the latest reading of each (machine or earlier correction)."""
    state = _state(folder)
    pages = {p["number"]: p for p in state["pages"]}
    latest: dict[tuple[int, int, int], str] = {}
    for c in state["corrections"]:
        latest[(c["page"], c["row"], c["col"])] = c["value"]
    now = datetime.now(UTC).isoformat()
    made = 0
    for (page, row, col), value in changes.items():
        rows = pages[page]["table"]["rows"] if page in pages else []
        if not 0 <= row < len(rows) or not 0 <= col < len(rows[row]["cells"]):
            raise TagdyrError(f"page {page} has no cell at row {row + 1}, column {col + 1}")
        current = latest.get((page, row, col), rows[row]["cells"][col]["text"])
        if value != current:
            state["corrections"].append(
                {"page": page, "row": row, "col": col, "value": value, "author": author,
                 "at": now, "machine": rows[row]["cells"][col]["text"]}
            )  # fmt: skip
            made += 1
    (folder / _READING / _STATE).write_text(json.dumps(state, ensure_ascii=False), "utf-8")
    return made
