"""The offline map: shipped outlines decode, places resolve, the SVG is safe and complete."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tagdyr.maps.outlines import country_rings
from tagdyr.maps.svg import MapPoint, render_svg


def test_outlines_decode_to_plausible_rings() -> None:
    rings = country_rings()
    assert len(rings) > 200
    assert all(r.east - r.west <= 180 or r.west >= 0 for r in rings)  # no antimeridian jumps
    # Kazakhstan's outline holds Pavlodar (52.3 N, 77.0 E) in its bounding box
    assert any(r.west < 77 < r.east and r.south < 52.3 < r.north and r.east - r.west < 45
               for r in rings)  # fmt: skip


def test_map_is_well_formed_svg_with_escaped_labels() -> None:
    points = [
        MapPoint("mysen", "Mysen", 59.57, 11.33, ["camp"], 3),
        MapPoint("x", "Ақ<жар> & Co", 52.3, 76.97, ["birth"], 1),
    ]
    svg = render_svg(points, 'Map of "Бектанов"')
    root = ET.fromstring(svg)  # parses: nothing unescaped
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["Mysen", "Ақ<жар> & Co"]
    assert root.get("aria-label") == 'Map of "Бектанов"'
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 10  # outlines drawn
    assert render_svg([], "nothing") == ""
