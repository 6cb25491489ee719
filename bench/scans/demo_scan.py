"""Renders the demo's scan: the first 15 rows of the Chokay-archive list of the 5th group of
Kazakhs, typed, as the demo's transcription (``tagdyr/demo/data/chokay_5th_group.csv``) gives
them, lightly degraded, at 300 dpi.

    python -m bench.scans.demo_scan
"""

from __future__ import annotations

import csv
from pathlib import Path

from bench.scans.generate import PROFILES, degrade, render

CSV = Path("src/tagdyr/demo/data/chokay_5th_group.csv")
OUT = Path("src/tagdyr/demo/data/scans/chokay_5th_group_scan.jpg")
SEED = 5


def main() -> None:
    with CSV.open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    title, header, rows = lines[0][0], lines[1], lines[2:]
    page = render(title, header, rows, "typewriter", SEED)
    scan = degrade(page.image, PROFILES["light"], SEED)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    scan.save(OUT, dpi=(300, 300), quality=85)
    print(f"{OUT}: {scan.width}×{scan.height}, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
