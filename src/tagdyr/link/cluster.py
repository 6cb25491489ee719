"""Clustering records into persons under human constraints.

Human judgements always win: a "same" is a must-link, applied before any score; a "not same"
is a cannot-link that no chain of scored pairs may break. Scored pairs are then joined from
the most to the least probable, skipping any join that would put a cannot-linked pair together.
"""

from __future__ import annotations

from collections.abc import Iterable


class _Components:
    def __init__(self, nodes: Iterable[str]) -> None:
        self.parent = {n: n for n in nodes}
        self.members = {n: {n} for n in self.parent}

    def find(self, node: str) -> str:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)


def cluster(
    nodes: Iterable[str],
    scored: Iterable[tuple[str, str, float]],
    *,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
) -> list[set[str]]:
    """Clusters of ``nodes``: ``scored`` holds (a, b, probability) of pairs judged matches."""
    comps = _Components(nodes)
    forbidden: dict[str, set[str]] = {}
    for a, b in cannot_link:
        if a in comps.parent and b in comps.parent:
            forbidden.setdefault(a, set()).add(b)
            forbidden.setdefault(b, set()).add(a)

    def allowed(a: str, b: str) -> bool:
        ra, rb = comps.find(a), comps.find(b)
        if ra == rb:
            return True
        small, large = sorted((comps.members[ra], comps.members[rb]), key=len)
        return not any(forbidden.get(n, set()) & large for n in small)

    for a, b in must_link:
        if a in comps.parent and b in comps.parent and allowed(a, b):
            comps.union(a, b)
    for a, b, _ in sorted(scored, key=lambda item: -item[2]):
        if a in comps.parent and b in comps.parent and allowed(a, b):
            comps.union(a, b)
    return [set(members) for members in comps.members.values()]
