"""The list's table on a page: rows and columns from ruling lines, or from word alignment.

A printed list has a grid: its horizontal and vertical ruling lines are found as long runs of
ink, and each cell is read on its own inside them (the lines themselves never reach Tesseract).
A typed list without a grid has its columns where no word of any row stands (the gaps of the
words' union along the line), and its rows in Tesseract's text lines. A line whose first
column is empty continues the row above it (a wrapped cell). Text above the table is the
document's title. A row crossed out by a line through its middle (a clerk's deletion, often a
death or a transfer) is kept and marked as struck through; on a ruled page such a line is not
taken for a ruling line.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from tagdyr.scans.ocr import Box, Word

# reads the words inside a box of a page: (image, box, page number) -> words in page pixels
Reader = Callable[[Image.Image, Box, int], list[Word]]

_INK = 128  # darker than this is ink (after clean.even_contrast)
_LINE_SHARE = 0.5  # a ruling line crosses at least this share of the table's extent
_MIN_GAP_CHARS = 1.2  # a column gap is at least this many character heights wide
# A word read below this confidence is doubtful: one of one or two characters is a speck and is
# dropped; a longer one is kept in the cell of its middle but does not close a column gap (a
# stain read as letters, or a real word whose box the reader stretched over the gap).
_DOUBTFUL_WORD = 50
_GAP_NOISE_SHARE = 0.1  # a column gap may be crossed by stray words in this share of lines
_STRIKE_SHARE = 0.4  # a line through a row's middle this share of its width crosses it out
_STRIKE_BAND = (0.3, 0.75)  # the row's middle, as shares of its height from the top
_DASHES = set("-‐‑‒–—―_")


@dataclass(slots=True)
class Cell:
    text: str
    box: Box
    confidence: float  # mean word confidence, 0–100; 0 for an empty cell
    chars: list[tuple[str, float]] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    box: Box
    lines: int = 1  # text lines merged into this row (a wrapped row has 2 or more)
    struck: bool = False  # crossed out on the page by a line through its middle


@dataclass(slots=True)
class PageTable:
    page: int
    title: list[str]
    header: list[Cell]
    rows: list[Row]
    method: str  # "ruled" or "aligned"


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Start and end (exclusive) of each run of True."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _long_runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels lying in a horizontal run of ink at least ``length`` long."""
    sums = np.cumsum(np.pad(ink, ((0, 0), (1, 0))).astype(np.int32), axis=1)
    full = (sums[:, length:] - sums[:, :-length]) == length
    marked = np.zeros_like(ink, dtype=bool)
    for shift in range(0, length, max(1, length // 8)):
        marked[:, shift : shift + full.shape[1]] |= full
    return marked


def ruling_lines(image: Image.Image) -> tuple[list[int], list[int]]:
    """Centres of horizontal (y) and vertical (x) ruling lines."""
    ink = np.asarray(image) < _INK
    _h, w = ink.shape
    horizontal = _long_runs(ink, max(20, w // 25))
    rows = horizontal.sum(axis=1)
    ys = [(a + b) // 2 for a, b in _runs(rows > _LINE_SHARE * rows.max())] if rows.max() else []
    if len(ys) < 3:
        return [], []
    top, bottom = ys[0], ys[-1]
    vertical = _long_runs(ink[top:bottom].T, max(20, (bottom - top) // 25))
    cols = vertical.sum(axis=1)
    span = bottom - top
    xs = [(a + b) // 2 for a, b in _runs(cols > _LINE_SHARE * span)]
    return ys, xs if len(xs) >= 3 else []


def _strike(image: Image.Image, box: Box) -> tuple[Box, np.ndarray] | None:
    """The middle band of a row and the pixels of a line through it, if one crosses it out:
    a horizontal run of ink across a good share of its width, where text has only strokes."""
    x0, y0, x1, y1 = box
    height, width = y1 - y0, x1 - x0
    if height < 8 or width < 40:
        return None
    top, bottom = (y0 + int(share * height) for share in _STRIKE_BAND)
    band = np.asarray(image.crop((x0, top, x1, bottom))) < _INK
    line = _long_runs(band, int(_STRIKE_SHARE * width))
    return ((x0, top, x1, bottom), line) if line.any() else None


def _lift(pixels: np.ndarray, line: np.ndarray) -> None:
    """Make a line's pixels paper, except where a letter's stroke runs on above and below it
    (there the stroke is closed again), in place."""
    grown = line.copy()
    grown[1:] |= line[:-1]
    grown[:-1] |= line[1:]
    ink = pixels < _INK
    for x in np.flatnonzero(grown.any(axis=0)):
        column = np.asarray(grown[:, x], dtype=bool)
        for run_start, run_end in _runs(column):
            above, below = run_start - 1, run_end
            stroke = above >= 0 and below < len(ink) and ink[above, x] and ink[below, x]
            pixels[run_start:run_end, x] = 0 if stroke else 255


def _image_like(pixels: np.ndarray, image: Image.Image) -> Image.Image:
    made = Image.fromarray(pixels)
    made.info = dict(image.info)  # its resolution, which Tesseract is told
    return made


def without_stroke(image: Image.Image, box: Box) -> tuple[Image.Image, bool]:
    """Whether a line runs through the middle of a row (a clerk's deletion), and the page with
    that line lifted off so the words under it can be read (the page itself is not changed)."""
    found = _strike(image, box)
    if found is None:
        return image, False
    (x0, top, x1, bottom), line = found
    pixels = np.array(image)
    _lift(pixels[top:bottom, x0:x1], line)
    return _image_like(pixels, image), True


def lift_lines(image: Image.Image, words: list[Word]) -> tuple[Image.Image, list[int]]:
    """A page without a grid with the long horizontal lines drawn through its words (a clerk's
    strokes through rows; not an underline below them) lifted off, so the words under them can
    be read, and each such line's height on the page. A page with none is returned as is."""
    if not words:
        return image, []
    span = max(w.box[2] for w in words) - min(w.box[0] for w in words)
    pixels = np.array(image)  # a stroke crosses the columns: 40 % of the text's width at least
    line = _long_runs(pixels < _INK, max(40, int(_STRIKE_SHARE * span)))
    heights = [(a + b) // 2 for a, b in _runs(np.asarray(line.any(axis=1), dtype=bool))]
    through = [y for y in heights if any(_inside(w.box, y) for w in words)]
    if not through:
        return image, []
    near = np.zeros(len(line), dtype=bool)
    for y in through:
        near[max(0, y - 8) : y + 9] = True
    line[~near] = False
    _lift(pixels, line)
    return _image_like(pixels, image), through


def _inside(box: Box, y: int) -> bool:
    """Whether a height runs through the middle of a word's box (not along its edge)."""
    quarter = (box[3] - box[1]) / 4
    return box[1] + quarter <= y <= box[3] - quarter


def _on_a_line(word: Word, lines: list[int]) -> bool:
    """A word lying across a drawn line: what is left of the line reads as dashes."""
    return any(word.box[1] - 4 <= y <= word.box[3] + 4 for y in lines)


def _crosses(box: Box, lines: list[int]) -> bool:
    height = box[3] - box[1]
    top, bottom = (box[1] + int(share * height) for share in _STRIKE_BAND)
    return any(top <= y <= bottom for y in lines)


def without_strikes(ys: list[int]) -> list[int]:
    """Ruling lines without the lines drawn through a row's middle: a line close to both its
    neighbours, which are themselves one row's spacing apart, crosses out that row."""
    if len(ys) < 4:
        return ys
    spacing = float(np.median(np.diff(ys)))
    kept = [ys[0]]
    for i in range(1, len(ys) - 1):
        before, after = ys[i] - kept[-1], ys[i + 1] - ys[i]
        whole = ys[i + 1] - kept[-1]
        if max(before, after) < 0.75 * spacing and 0.75 * spacing <= whole <= 1.35 * spacing:
            continue
        kept.append(ys[i])
    return [*kept, ys[-1]]


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by their vertical centres, each line left to right."""
    ordered = sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2)
    lines: list[list[Word]] = []
    for word in ordered:
        centre = (word.box[1] + word.box[3]) / 2
        height = word.box[3] - word.box[1]
        if lines:
            last = lines[-1]
            last_centre = sum((w.box[1] + w.box[3]) / 2 for w in last) / len(last)
            if abs(centre - last_centre) < 0.5 * max(height, 1):
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def _doubtful(word: Word) -> bool:
    """A word read with too little confidence to show where text stands (see _DOUBTFUL_WORD)."""
    return word.confidence < _DOUBTFUL_WORD


def _closes_gaps(word: Word) -> bool:
    """A word that shows where a column's text stands: read with confidence, and with a letter
    or digit (a dash or a speck closes no gap)."""
    return not _doubtful(word) and any(ch.isalnum() for ch in word.text)


def column_gaps(lines: list[list[Word]], char_height: float) -> list[tuple[int, int]]:
    """The x-ranges that (almost) no word of ``lines`` covers, wide enough to part columns: a
    speck or a stain read as a word in one line, or a word read with little confidence, does
    not close a gap all other lines keep."""
    counted = [[w for w in line if _closes_gaps(w)] for line in lines]
    if not any(counted):
        return []
    # the table spans the words that count: a speck in the margin opens no column before them
    right = max(w.box[2] for line in counted for w in line)
    left = min(w.box[0] for line in counted for w in line)
    covered = np.zeros(right + 1, dtype=np.int32)
    for line in counted:
        seen = np.zeros(right + 1, dtype=bool)
        for w in line:
            seen[w.box[0] : w.box[2] + 1] = True
        covered += seen
    tolerated = max(1, int(_GAP_NOISE_SHARE * len(lines)))
    gaps = _runs(covered[left:] <= tolerated) if len(lines) > 4 else _runs(covered[left:] == 0)
    return [(a + left, b + left) for a, b in gaps if b - a >= _MIN_GAP_CHARS * char_height]


def _is_text(line: list[Word]) -> bool:
    """A text line, not a rule, a stain or specks: at least two letters or digits."""
    return sum(ch.isalnum() for w in line for ch in w.text) >= 2


def cell_of(words: list[Word], box: Box) -> Cell:
    """A cell from the words inside it: text, mean confidence and each character's."""
    chars: list[tuple[str, float]] = []
    for i, word in enumerate(words):
        if i:
            chars.append((" ", 100.0))
        chars.extend((c.text, c.confidence) for c in word.chars)
    confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
    return Cell(" ".join(w.text for w in words), box, round(confidence, 1), chars)


def _inset(box: Box, by: int) -> Box:
    return (box[0] + by, box[1] + by, box[2] - by, box[3] - by)


def _has_ink(image: Image.Image, box: Box) -> bool:
    crop = np.asarray(image.crop(box)) < _INK
    return bool(crop.sum() > 0.002 * crop.size + 8)


def ruled_table(
    image: Image.Image, page: int, ys: list[int], xs: list[int], read: Reader
) -> PageTable:
    """Each cell between the ruling lines read on its own; the text above is the title."""
    inset = max(4, image.width // 500)
    ys = without_strikes(ys)
    grid: list[Row] = []
    for top, bottom in itertools.pairwise(ys):
        whole = _inset((xs[0], top, xs[-1], bottom), inset)
        source, struck = without_stroke(image, whole)
        cells = []
        for left, right in itertools.pairwise(xs):
            box = _inset((left, top, right, bottom), inset)
            found = read(source, box, page) if _has_ink(source, box) else []
            if struck:  # what is left of the line at a cell's edge reads as dashes
                found = [w for w in found if not set(w.text) <= _DASHES]
            cells.append(cell_of(found, box))
        if any(c.text for c in cells):
            grid.append(Row(cells, (xs[0], top, xs[-1], bottom), struck=struck))
    title_box = (0, 0, image.width, max(1, ys[0] - inset))
    title_words = read(image, title_box, page) if _has_ink(image, title_box) else []
    title = [" ".join(w.text for w in line) for line in text_lines(title_words)]
    if not grid:
        return PageTable(page, title, [], [], "ruled")
    return PageTable(page, title, grid[0].cells, merge_wrapped(grid[1:]), "ruled")


def merge_wrapped(rows: list[Row]) -> list[Row]:
    """A row whose first cell is empty continues the row above it (a wrapped cell)."""
    merged: list[Row] = []
    for row in rows:
        filled = sum(1 for c in row.cells if c.text)
        if merged and not row.cells[0].text and 0 < filled <= max(1, len(row.cells) // 2):
            last = merged[-1]
            for mine, more in zip(last.cells, row.cells, strict=True):
                if more.text:
                    mine.text = f"{mine.text} {more.text}".strip()
                    mine.chars = [*mine.chars, (" ", 100.0), *more.chars]
                    mine.box = _union(mine.box, more.box)
                    mine.confidence = min(mine.confidence or more.confidence, more.confidence)
            last.box = _union(last.box, row.box)
            last.lines += 1
            last.struck = last.struck or row.struck
            continue
        merged.append(row)
    return merged


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _groups(line: list[Word], char_height: float) -> int:
    """How many runs of words a line has, parted by gaps wider than a column gap."""
    gaps = sum(
        1 for a, b in itertools.pairwise(line)
        if b.box[0] - a.box[2] >= _MIN_GAP_CHARS * char_height
    )  # fmt: skip
    return gaps + 1


def aligned_table(
    words: list[Word],
    page: int,
    image: Image.Image,
    lines_drawn: list[int] = (),  # type: ignore[assignment]
) -> PageTable:
    """A table without a grid: columns in the gaps no word crosses, rows in the text lines;
    a row with one of ``lines_drawn`` (heights of long lines, see :func:`lift_lines`) through
    its middle is struck through."""
    words = [w for w in words if not (_doubtful(w) and len(w.text) <= 2)]  # specks
    words = [w for w in words if not (set(w.text) <= _DASHES and _on_a_line(w, lines_drawn))]
    lines = [line for line in text_lines(words) if _is_text(line)]
    heights = sorted(w.box[3] - w.box[1] for w in words) or [1]
    char_height = float(heights[len(heights) // 2])
    start = next((i for i, line in enumerate(lines) if _groups(line, char_height) >= 3), None)
    if start is None:
        return PageTable(page, [" ".join(w.text for w in ln) for ln in lines], [], [], "aligned")
    title = [" ".join(w.text for w in line) for line in lines[:start]]
    body = lines[start:]
    gaps = column_gaps(body, char_height)
    left = min(w.box[0] for line in body for w in line)
    right = max(w.box[2] for line in body for w in line)
    bounds = [left, *[(a + b) // 2 for a, b in gaps], right + 1]
    rows = []
    for line in body:
        top = min(w.box[1] for w in line)
        bottom = max(w.box[3] for w in line)
        cells = []
        for x0, x1 in itertools.pairwise(bounds):
            inside = [w for w in line if x0 <= (w.box[0] + w.box[2]) / 2 < x1]
            cells.append(cell_of(inside, (x0, top, x1, bottom)))
        box = (left, top, right, bottom)
        rows.append(Row(cells, box, struck=_crosses(box, lines_drawn)))
    return PageTable(page, title, rows[0].cells, merge_wrapped(rows[1:]), "aligned")
