"""How ambiguous the generated population is: a ceiling for any linkage method.

For men of the register, the share who have another man in it with the same surname and given
name (before any clerk's error) born within a year, and the share for whom also the oblast and
the home (raion or the oblast's centre) agree. An entry of such a man cannot be told from his
namesake by name and birth year alone; where the list lacks the place and the full date, not
at all.

    python -m bench.linkage.ceiling [--register 100000]
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict

from bench.linkage.population import Man, Population


def namesake_shares(register: int, seed: int = 1945, sample: int = 6667) -> tuple[float, float]:
    population = Population(seed)
    men = [population.man(pid) for pid in range(int(register / 1.15))]
    by_name: dict[tuple[str, str], list[Man]] = defaultdict(list)
    for man in men:
        by_name[(man.surname.russian, man.given.russian)].append(man)
    drawn = random.Random(1).sample(men, min(sample, len(men)))
    near = same_place = 0
    for man in drawn:
        namesakes = [
            o
            for o in by_name[(man.surname.russian, man.given.russian)]
            if o.pid != man.pid and abs(o.year - man.year) <= 1
        ]
        near += bool(namesakes)
        same_place += any(o.oblast == man.oblast and o.home == man.home for o in namesakes)
    return near / len(drawn), same_place / len(drawn)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--register", type=int, default=100_000)
    args = parser.parse_args()
    near, same_place = namesake_shares(args.register)
    print(
        "| register | namesake born within a year | … and in the same raion |\n|---|---|---|\n"
        f"| {args.register:,} | {near:.3f} | {same_place:.3f} |"
    )


if __name__ == "__main__":
    main()
