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


def test_online_tiles_when_configured_cover_every_point() -> None:
    import math

    points = [
        MapPoint("mysen", "Mysen", 59.57, 11.33, ["camp"]),
        MapPoint("pavlodar", "Павлодар", 52.29, 76.97, ["birth"]),
    ]
    svg = render_svg(points, "map", "https://tiles.example/{z}/{x}/{y}.png", "© test tiles")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    hrefs = [i.get("href") for i in root.iter(f"{ns}image")]
    assert hrefs and not list(root.iter(f"{ns}path"))  # tiles instead of the outlines
    zoom = int(str(hrefs[0]).split("/")[3])
    for p in points:  # the slippy-map tile of each point (standard formula) is drawn
        n = 2**zoom
        x = int((p.lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(p.lat))) / math.pi) / 2 * n)
        assert f"https://tiles.example/{zoom}/{x}/{y}.png" in hrefs
    for circle in root.iter(f"{ns}circle"):
        assert 0 <= float(circle.get("cx", -1)) <= 720 and 0 <= float(circle.get("cy", -1)) <= 420
    assert "© test tiles" in svg


def test_a_bad_tile_template_is_refused_by_name() -> None:
    import pytest

    from tagdyr.errors import ConfigError
    from tagdyr.settings import load_settings

    with pytest.raises(ConfigError, match="tiles_url"):
        load_settings(tiles_url="https://tiles.example/map.png")
