"""One benchmark job in its own process, so that its time and peak memory are its own.

python -m bench.linkage.job METHOD DIR [--dedupe]   -> prints {"seconds": …, "peak_mb": …}
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from bench.linkage.baselines import plain_splink, recordlinkage_baseline
from tagdyr.settings import Settings


def run(method: str, directory: Path, dedupe: bool) -> None:
    listed, register = directory / "list.csv", directory / "register.csv"
    out = directory / (f"{method}-dedupe.csv" if dedupe else f"{method}.csv")
    defaults = Settings()  # the decisions a user gets without tuning anything
    estimated: float | None = None
    start = time.perf_counter()
    if method in ("tagdyr", "tagdyr-trained"):
        from tagdyr.link.files import link_files

        if dedupe:
            link_files(register, None, out, threshold=defaults.match_threshold, floor=0.01)
        else:
            estimated = link_files(
                listed,
                register,
                out,
                threshold=defaults.list_match_threshold,
                floor=0.01,
                train=method == "tagdyr-trained",
            ).in_register
    elif method == "splink":
        plain_splink(listed, register, out)
    elif method == "recordlinkage":
        recordlinkage_baseline(listed, register, out)
    else:
        raise SystemExit(f"unknown method {method}")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures: dict[str, object] = {"seconds": round(seconds, 1), "peak_mb": round(peak_mb)}
    if estimated is not None:  # the exclusive step's estimate of the share in the register
        figures["estimated_share"] = round(estimated, 4)
    print(json.dumps({**figures, "out": str(out)}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("method")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--dedupe", action="store_true")
    args = parser.parse_args()
    run(args.method, args.directory, args.dedupe)
