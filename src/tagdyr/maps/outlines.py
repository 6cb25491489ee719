"""Country outlines for the offline basemap: Natural Earth 1:110m, shipped as TopoJSON.

TopoJSON stores shared borders once as quantized, delta-encoded arcs; a ring is a list of arc
indices (~i: arc i reversed). Decoded once per process into rings of (lon, lat) with their
bounding boxes, so that a map draws only the rings it can show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Ring:
    points: tuple[Point, ...]
    west: float
    south: float
    east: float
    north: float


def _arcs(topology: dict) -> list[list[Point]]:  # type: ignore[type-arg]
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list[list[Point]]) -> Ring:
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    if max(p[0] for p in points) - min(p[0] for p in points) > 180:
        # a ring across the antimeridian (Chukotka): continue it east of 180° instead of
        # letting it jump back across the whole map
        points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return Ring(tuple(points), min(lons), min(lats), max(lons), max(lats))


@lru_cache(maxsize=1)
def country_rings() -> tuple[Ring, ...]:
    text = (resources.files("tagdyr.maps") / "countries-110m.json").read_text("utf-8")
    topology = json.loads(text)
    arcs = _arcs(topology)
    rings: list[Ring] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry["type"], [])  # fmt: skip
        for polygon in polygons:
            rings.extend(_ring(ring, arcs) for ring in polygon)
    return tuple(rings)
