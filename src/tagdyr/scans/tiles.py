"""Static IIIF Image API 3 tiles (level 0), cut once at import.

Each page is cut into ``TILE``-pixel tiles at scale factors 1, 2, 4, … until one tile holds the
whole page, plus the whole page at each of those sizes; paths are the canonical
``x,y,w,h/w,h/0/default.jpg`` that viewers ask for.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from PIL import Image

TILE = 512
_QUALITY = 80


def scale_factors(width: int, height: int) -> list[int]:
    factors = [1]
    while max(width, height) / factors[-1] > TILE:
        factors.append(factors[-1] * 2)
    return factors


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=_QUALITY)
    return buffer.getvalue()


def _scaled(size: int, factor: int) -> int:
    return max(1, -(-size // factor))


def _height_for(w: int, h: int, sw: int) -> int:
    """The height of a region ``w``×``h`` scaled to width ``sw``, as the tiles were cut (each
    side divided by the same power of two, rounded up)."""
    for power in range(16):
        if _scaled(w, 2**power) == sw:
            return _scaled(h, 2**power)
    return max(1, round(h * sw / w))


def canonical(region: str, size: str, width: int, height: int) -> str | None:
    """The stored path of a request's region and size (``full``, ``max``, ``w,``, ``w,h``),
    or None where a level-0 service has no such tile."""
    if region == "full":
        x, y, w, h = 0, 0, width, height
    else:
        try:
            x, y, w, h = (int(v) for v in region.split(","))
        except ValueError:
            return None
    if size == "max":
        sw, sh = w, h
    else:
        parts = size.lstrip("^").split(",")
        if len(parts) != 2 or not parts[0].isdigit():
            return None
        sw = int(parts[0])
        sh = int(parts[1]) if parts[1].isdigit() else _height_for(w, h, sw)
    return f"{x},{y},{w},{h}/{sw},{sh}/0/default.jpg"


def cut(image: Image.Image) -> Iterator[tuple[str, bytes]]:
    """Every tile and every whole-page size of ``image``: (path, JPEG bytes)."""
    width, height = image.size
    for factor in scale_factors(width, height):
        span = TILE * factor
        for y in range(0, height, span):
            for x in range(0, width, span):
                w, h = min(span, width - x), min(span, height - y)
                size = (_scaled(w, factor), _scaled(h, factor))
                tile = image.crop((x, y, x + w, y + h)).resize(size, Image.Resampling.LANCZOS)
                yield f"{x},{y},{w},{h}/{size[0]},{size[1]}/0/default.jpg", _jpeg(tile)
        if span < max(width, height):  # else the one tile is the whole page
            size = (_scaled(width, factor), _scaled(height, factor))
            whole = image.resize(size, Image.Resampling.LANCZOS)
            yield f"0,0,{width},{height}/{size[0]},{size[1]}/0/default.jpg", _jpeg(whole)


def info(service_id: str, width: int, height: int) -> dict[str, Any]:
    """The page's ``info.json`` (Image API 3, level 0)."""
    factors = scale_factors(width, height)
    return {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": width,
        "height": height,
        "sizes": [{"width": _scaled(width, f), "height": _scaled(height, f)} for f in factors[1:]],
        "tiles": [{"width": TILE, "height": TILE, "scaleFactors": factors}],
    }
