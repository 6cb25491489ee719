"""Straightening and evening a page before recognition: orientation, skew, contrast.

Orientation comes from Tesseract's OSD (a page scanned upside down or sideways is turned),
skew from the projection profile (the angle at which the rows of ink are sharpest), contrast
from dividing out the paper's own shade (stains, uneven light) and stretching what remains.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

_PROFILE_WIDTH = 1000  # skew is measured on a page scaled to this width
_COARSE = np.arange(-5.0, 5.01, 0.5)
_FINE_STEP = 0.1
_PAPER_WINDOW = 7  # pixels of the eighth-size page: wider than a typed line's ink
_PAPER_BLUR = 1.0
_STAIN_STEP = 8.0  # grey levels: a shade this much darker than the paper around it is a stain


@dataclass(frozen=True, slots=True)
class Cleaned:
    image: Image.Image
    rotation: int  # degrees turned for orientation (0, 90, 180, 270)
    skew: float  # degrees corrected
    script: str  # the script OSD saw ("Cyrillic", "Latin"), "" if unsure


def paper_shade(page: Image.Image) -> Image.Image:
    """The paper's own shade under the ink, on a page an eighth the size. The ink is taken off
    by the brightest pixel of a window wider than a line of text, smoothed; where a stain lies,
    that brightest pixel is the clean paper around the stain growing into it, so the shade is
    held down to a grey closing (that maximum, then a minimum over the same window), which
    keeps a stain's own edge. Away from stains the two agree within ``_STAIN_STEP``, and the
    first is kept as it is."""
    small = page.resize((max(1, page.width // 8), max(1, page.height // 8)))
    brightest = small.filter(ImageFilter.MaxFilter(_PAPER_WINDOW))
    spread = np.asarray(brightest.filter(ImageFilter.GaussianBlur(4)), dtype=np.float32)
    closed = brightest.filter(ImageFilter.MinFilter(_PAPER_WINDOW))
    kept = np.asarray(closed.filter(ImageFilter.GaussianBlur(_PAPER_BLUR)), dtype=np.float32)
    shade = np.minimum(spread, kept + _STAIN_STEP)
    return Image.fromarray(np.clip(shade, 0, 255).astype(np.uint8), "L")


def even_contrast(page: Image.Image) -> Image.Image:
    """The page divided by its paper shade, then stretched: stains and dim corners go white."""
    paper = paper_shade(page)
    paper = paper.resize(page.size, Image.Resampling.BILINEAR)
    ink = np.asarray(page, dtype=np.float32)
    shade = np.maximum(np.asarray(paper, dtype=np.float32), 1.0)
    evened = np.clip(ink / shade * 255.0, 0, 255).astype(np.uint8)
    return ImageOps.autocontrast(Image.fromarray(evened, "L"), cutoff=(0.5, 0))


def _sharpness(ink: Image.Image, angle: float) -> float:
    turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.BILINEAR), dtype=np.float32)
    rows = turned.sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def find_skew(page: Image.Image) -> float:
    """The angle (degrees) that makes the rows of ink horizontal."""
    scale = _PROFILE_WIDTH / page.width
    small = page.resize((_PROFILE_WIDTH, max(1, round(page.height * scale))))
    ink = ImageOps.invert(small)  # ink bright, paper dark: rotation pads with paper
    coarse = max(_COARSE, key=lambda a: _sharpness(ink, float(a)))
    fine = np.arange(coarse - 0.5, coarse + 0.51, _FINE_STEP)
    return round(float(max(fine, key=lambda a: _sharpness(ink, float(a)))), 2)


def orientation(page: Image.Image, lang_path: str) -> tuple[int, str]:
    """Degrees to turn the page counter-clockwise so its text stands upright, and its script
    (Tesseract OSD, on the page at half size); 0 and "" where OSD is unsure."""
    import tesserocr

    half = page.resize((max(1, page.width // 2), max(1, page.height // 2)))
    with tesserocr.PyTessBaseAPI(path=lang_path, lang="osd", psm=tesserocr.PSM.OSD_ONLY) as api:
        api.SetImage(half)
        found = api.DetectOrientationScript()
    if not found:
        return 0, ""
    script = str(found.get("script_name", "")) if found.get("script_conf", 0.0) > 1.0 else ""
    turn = int(found.get("orient_deg", 0)) % 360 if found.get("orient_conf", 0.0) >= 2.0 else 0
    return turn, script


def clean_page(page: Image.Image, lang_path: str, *, detect_orientation: bool = True) -> Cleaned:
    """The page upright, straight and evened."""
    evened = even_contrast(page)
    turn, script = orientation(evened, lang_path) if detect_orientation else (0, "")
    if turn:
        evened = evened.rotate(turn, expand=True, fillcolor=255)
    skew = find_skew(evened)
    if abs(skew) >= 0.05:
        evened = evened.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    evened.info["dpi"] = page.info.get("dpi", (300, 300))
    return Cleaned(evened, turn, skew, script)
