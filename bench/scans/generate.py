"""Synthetic scans of typed lists: pages rendered from list rows, then degraded.

Independent of tagdyr by design (a test checks that nothing here imports it): the truth of a
page is what was drawn, never what tagdyr would read. Two faces: a *typewriter* (DejaVu Sans
Mono, each character struck with its own small jitter and ink, columns aligned by spaces and no
ruling lines) and a *printed* table (DejaVu Serif in a ruled grid). Degradation is our own on
Pillow and numpy: resolution (200–300 dpi), skew, blur, ink bleed, noise, stains, uneven light
and JPEG artefacts, by named profile.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
FACES = {"typewriter": "DejaVuSansMono.ttf", "printed": "DejaVuSerif.ttf"}
RENDER_DPI = 300
ROWS_PER_PAGE = 15


@dataclass(frozen=True, slots=True)
class Profile:
    """How a page degrades: final dpi, skew range (degrees), blur radius, ink bleed (px),
    gaussian noise, speckles per megapixel, stains, light falloff, JPEG quality (0 = none)."""

    dpi: int
    skew: float
    blur: float
    bleed: int
    noise: float
    speckles: int
    stains: int
    falloff: float
    jpeg: int


PROFILES = {
    "clean": Profile(300, 0.0, 0.0, 0, 0.0, 0, 0, 0.0, 0),
    "light": Profile(300, 0.6, 0.6, 0, 6.0, 20, 0, 0.05, 0),
    "moderate": Profile(250, 1.5, 1.0, 1, 12.0, 60, 2, 0.12, 85),
    "heavy": Profile(200, 3.0, 1.4, 1, 22.0, 150, 4, 0.22, 60),
}
# Never tuned on: scored first, recorded in bench/results/scans.tsv before any change for it.
HELDOUT = {"heldout": Profile(220, 2.2, 1.2, 1, 16.0, 90, 3, 0.3, 70)}


@dataclass(frozen=True, slots=True)
class Page:
    """A rendered page and what was drawn on it: title, header and the rows' cells."""

    image: Image.Image
    title: str
    header: list[str]
    rows: list[list[str]]


def _font(face: str, size: int) -> ImageFont.FreeTypeFont:
    path = FONT_DIR / FACES[face]
    if not path.exists():
        raise SystemExit(f"{path} is missing: apt-get install fonts-dejavu-core")
    return ImageFont.truetype(str(path), size)


def _widths(header: list[str], rows: list[list[str]], font: ImageFont.FreeTypeFont) -> list[int]:
    pad = int(font.size * 1.4)
    return [
        int(max(font.getlength(r[i]) for r in [header, *rows])) + 2 * pad
        for i in range(len(header))
    ]


def _type_text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    font: ImageFont.FreeTypeFont,
    rng: random.Random | None,
) -> None:
    """Draw text; with ``rng`` one character at a time, as a typewriter strikes them."""
    if rng is None:
        draw.text(xy, text, font=font, fill=0)
        return
    x, y = xy
    for ch in text:
        ink = rng.randint(0, 70)
        draw.text((x, y + rng.uniform(-1.5, 1.5)), ch, font=font, fill=ink)
        x += font.getlength(ch)


def render(
    title: str,
    header: list[str],
    rows: list[list[str]],
    face: str,
    seed: int,
    struck: frozenset[int] = frozenset(),
) -> Page:
    """One page at 300 dpi: the title line, then the table (ruled for the printed face);
    the rows numbered in ``struck`` (0-based) crossed out by hand with a line through them."""
    rng = random.Random(seed)
    font = _font(face, 40)
    widths = _widths(header, rows, font)
    line_h = int(font.size * 2.0)
    margin = 150
    width = max(sum(widths) + 2 * margin, 2480)
    height = margin * 2 + line_h * (len(rows) + 3)
    image = Image.new("L", (width, max(height, 1200)), 255)
    draw = ImageDraw.Draw(image)
    typewriter = face == "typewriter"
    typer = rng if typewriter else None
    _type_text(draw, (margin, margin), title, font, typer)
    top = margin + line_h * 2
    lefts = [margin + sum(widths[:i]) for i in range(len(widths) + 1)]
    for r, cells in enumerate([header, *rows]):
        y = top + r * line_h + (line_h - font.size) // 2 - 4
        for i, cell in enumerate(cells):
            _type_text(draw, (lefts[i] + font.size * 1.4, y), cell, font, typer)
    bottom = top + line_h * (len(rows) + 1)
    if typewriter:  # one typed underline below the header, no grid
        draw.line([(lefts[0], top + line_h - 6), (lefts[-1], top + line_h - 6)], fill=40, width=3)
    else:
        for r in range(len(rows) + 2):
            draw.line([(lefts[0], top + r * line_h), (lefts[-1], top + r * line_h)], 0, 3)
        for x in lefts:
            draw.line([(x, top), (x, bottom)], fill=0, width=3)
    for r in struck:  # a clerk's pen: a slightly slanted stroke through the whole entry
        y = top + (r + 1) * line_h + line_h // 2 + rng.randint(-4, 4)
        slant = rng.randint(-6, 6)
        draw.line([(lefts[0] + 25, y), (lefts[-1] - 25, y + slant)], fill=30, width=5)
    return Page(image, title, header, rows)


def _stain(array: np.ndarray, rng: random.Random) -> None:
    h, w = array.shape
    cy, cx = rng.uniform(0, h), rng.uniform(0, w)
    ry, rx = rng.uniform(0.05, 0.15) * h, rng.uniform(0.05, 0.15) * w
    yy, xx = np.ogrid[:h, :w]
    inside = ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1.0
    array[inside] *= rng.uniform(0.75, 0.9)


def degrade(image: Image.Image, profile: Profile, seed: int) -> Image.Image:
    """The page as an archive's scanner gives it back."""
    rng = random.Random(seed)
    page = image
    if profile.bleed:
        page = page.filter(ImageFilter.MinFilter(2 * profile.bleed + 1))
    if profile.skew:
        angle = rng.uniform(-profile.skew, profile.skew)
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if profile.dpi != RENDER_DPI:
        scale = profile.dpi / RENDER_DPI
        size = (round(page.width * scale), round(page.height * scale))
        page = page.resize(size, Image.Resampling.LANCZOS)
    if profile.blur:
        page = page.filter(ImageFilter.GaussianBlur(profile.blur))
    array = np.asarray(page, dtype=np.float64).copy()
    array = 235.0 - (255.0 - array) * 0.8  # grey paper, faded ink
    for _ in range(profile.stains):
        _stain(array, rng)
    if profile.falloff:
        _h, w = array.shape
        xx = np.linspace(0, 1, w)[None, :]
        array *= 1.0 - profile.falloff * xx * math.cos(rng.uniform(0, 1))
    nprng = np.random.default_rng(seed)
    if profile.noise:
        array += nprng.normal(0, profile.noise, array.shape)
    if profile.speckles:
        count = int(profile.speckles * array.size / 1e6)
        ys = nprng.integers(0, array.shape[0], count)
        xs = nprng.integers(0, array.shape[1], count)
        array[ys, xs] = 30
    page = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8), "L")
    if profile.jpeg:
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=profile.jpeg)
        page = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    page.info["dpi"] = (profile.dpi, profile.dpi)
    return page
