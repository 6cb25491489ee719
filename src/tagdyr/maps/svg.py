"""A map as inline SVG, drawn on the server: no JavaScript, no tiles, works offline and prints.

Places are points at their (approximate) coordinates over faint country outlines, in an
equirectangular projection around the points (longitudes shrunk by the cosine of the middle
latitude, so that Norway and Kazakhstan keep their shapes). Every point has a title and a
label, and the same places are listed beside the map as text.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from urllib.parse import quote

from tagdyr.maps.outlines import country_rings

WIDTH, HEIGHT = 720, 420
_MARGIN_DEGREES = 3.0
_MIN_SPAN = 12.0  # degrees: one place alone still shows its surroundings
LABELLED = 12  # the largest points get a label; every point has a title (tooltip)


@dataclass
class MapPoint:
    key: str
    name: str
    lat: float
    lon: float
    roles: list[str] = field(default_factory=list)  # e.g. birth, camp, repatriation
    count: int = 1


@dataclass(frozen=True)
class _View:
    west: float
    south: float
    east: float
    north: float

    @property
    def squeeze(self) -> float:
        return math.cos(math.radians((self.north + self.south) / 2))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        scale = min(
            WIDTH / ((self.east - self.west) * self.squeeze), HEIGHT / (self.north - self.south)
        )
        x = (lon - self.west) * self.squeeze * scale
        y = (self.north - lat) * scale
        return round(x, 1), round(y, 1)


def _view(points: list[MapPoint]) -> _View:
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    south, north = min(lats) - _MARGIN_DEGREES, max(lats) + _MARGIN_DEGREES
    west, east = min(lons) - _MARGIN_DEGREES, max(lons) + _MARGIN_DEGREES
    if north - south < _MIN_SPAN:
        middle = (north + south) / 2
        south, north = middle - _MIN_SPAN / 2, middle + _MIN_SPAN / 2
    squeeze = math.cos(math.radians((north + south) / 2))
    wanted = (north - south) * WIDTH / HEIGHT / squeeze  # fill the frame's width
    if east - west < wanted:
        middle = (east + west) / 2
        west, east = middle - wanted / 2, middle + wanted / 2
    else:
        needed = (east - west) * squeeze * HEIGHT / WIDTH
        middle = (north + south) / 2
        south, north = middle - needed / 2, middle + needed / 2
    return _View(west, south, east, north)


@lru_cache(maxsize=64)  # a view's outlines are the same for every page that shows it
def _outline_paths(view: _View) -> tuple[str, ...]:
    paths = []
    for ring in country_rings():
        if ring.east < view.west or ring.west > view.east:
            continue
        if ring.north < view.south or ring.south > view.north:
            continue
        coords = " ".join(f"{x},{y}" for x, y in (view.xy(lon, lat) for lon, lat in ring.points))
        paths.append(f'<path d="M{coords}Z"/>')
    return tuple(paths)


def _label(label: str, x: float, y: float, radius: float) -> str:
    left = x > WIDTH * 0.75  # near the right edge the label goes left of its point
    return (
        f'<text x="{x - radius - 2 if left else x + radius + 2}" y="{y + 4}" '
        f'text-anchor="{"end" if left else "start"}" font-size="13" fill="#1d1d1f" '
        f'stroke="#fff" stroke-width="3" paint-order="stroke">{label}</text>'
    )


class _TileView:
    """Web Mercator at the largest zoom that shows every point: for online tiles."""

    def __init__(self, points: list[MapPoint]) -> None:
        box = _view(points)
        self.zoom = 1
        for zoom in range(12, 0, -1):
            self.zoom = zoom
            (x0, y0), (x1, y1) = self._world(box.west, box.north), self._world(box.east, box.south)
            if x1 - x0 <= WIDTH and y1 - y0 <= HEIGHT:
                break
        (x0, y0), (x1, y1) = self._world(box.west, box.north), self._world(box.east, box.south)
        self.left, self.top = (x0 + x1 - WIDTH) / 2, (y0 + y1 - HEIGHT) / 2

    def _world(self, lon: float, lat: float) -> tuple[float, float]:
        size = 256 * 2**self.zoom
        lat = max(min(lat, 85.0), -85.0)
        y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2
        return (lon + 180) / 360 * size, y * size

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self._world(lon, lat)
        return round(x - self.left, 1), round(y - self.top, 1)

    def tiles(self, url: str) -> list[str]:
        last = 2**self.zoom - 1
        images = []
        for ty in range(
            max(0, int(self.top // 256)), min(last, int((self.top + HEIGHT) // 256)) + 1
        ):
            for tx in range(int(self.left // 256), int((self.left + WIDTH) // 256) + 1):
                href = url.format(z=self.zoom, x=tx % (last + 1), y=ty)
                images.append(
                    f'<image href="{escape(href)}" x="{tx * 256 - self.left:.1f}" '
                    f'y="{ty * 256 - self.top:.1f}" width="256" height="256"/>'
                )
        return images


def render_svg(
    points: list[MapPoint],
    title: str,
    tiles_url: str | None = None,
    attribution: str = "",
    role_label: Callable[[str], str] = str,
) -> str:
    """The SVG markup (safe to embed) of ``points``: over the shipped country outlines, or
    over online tiles when ``tiles_url`` ("https://…/{z}/{x}/{y}.png") is configured. Each
    point's roles are said by ``role_label`` (the interface language's word for "camp")."""
    if not points:
        return ""
    view: _View | _TileView = _TileView(points) if tiles_url else _view(points)
    largest = max(p.count for p in points)
    marks = []
    for rank, point in enumerate(sorted(points, key=lambda p: -p.count)):
        x, y = view.xy(point.lon, point.lat)
        radius = 4 + 6 * math.sqrt(point.count / largest)
        label = escape(point.name)
        marks.append(
            f'<a class="place" href="/place/{quote(point.key)}" data-key="{escape(point.key)}">'
            f"<title>{label} — {escape(', '.join(map(role_label, point.roles)))}</title>"
            f'<circle cx="{x}" cy="{y}" r="{radius:.1f}" fill="#7a2e12" fill-opacity="0.8" '
            f'stroke="#fff" stroke-width="1"/>'
            f"{_label(label, x, y, radius) if rank < LABELLED else ''}</a>"
        )
    if isinstance(view, _TileView):
        background = (
            f'<g class="tiles">{"".join(view.tiles(tiles_url or ""))}</g>'
            f'<text x="{WIDTH - 4}" y="{HEIGHT - 4}" text-anchor="end" font-size="10" '
            f'fill="#333">{escape(attribution)}</text>'
        )
    else:
        background = (
            f'<g class="countries" fill="#f6f3ec" stroke="#b3ab9c" stroke-width="0.6">'
            f"{''.join(_outline_paths(view))}</g>"
        )
    return (
        f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}" fill="#e8eef2"/>'
        f"{background}{''.join(marks)}</svg>"
    )
