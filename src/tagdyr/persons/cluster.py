"""Clustering records into persons under human constraints.

Human judgements always win: a "same" is a must-link, applied before any score; a "not same"
is a cannot-link that no chain of scored pairs may break. Scored pairs are then joined from
the most to the least probable, skipping any join that would put a cannot-linked pair together.
Two entries of one list (a list's ``group``) join only by their own pair — scored as a match
after the list's prior (:mod:`tagdyr.link.within`: one entry is one person, as evidence) — or
by a human "same"; never through a chain of other records (a register record matching two
entries of one list does not make them one man).

The result depends only on the pairs, not on the order they come in (ties are broken by the
records' ids), so clustering one connected component alone gives exactly the persons that
clustering every record gives for it: a judgement re-clusters only what it touches.
"""

from __future__ import annotations

from collections.abc import Iterable


class _Components:
    def __init__(self, nodes: Iterable[str], groups: dict[str, str]) -> None:
        self.parent = {n: n for n in nodes}
        self.members = {n: {n} for n in self.parent}
        self.groups = {n: {groups[n]} if n in groups else set() for n in self.parent}

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
        self.groups[ra] |= self.groups.pop(rb)


def cluster(
    nodes: Iterable[str],
    scored: Iterable[tuple[str, str, float]],
    *,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    groups: dict[str, str] | None = None,
    skipped: dict[tuple[str, str], str] | None = None,
) -> list[set[str]]:
    """Clusters of ``nodes``: ``scored`` holds (a, b, probability) of pairs judged matches;
    ``groups`` maps a node to its list (see the module docstring); ``skipped``, when given,
    receives the scored pairs left apart: "judgement" (a cannot-link) or "list" (two entries
    of one list through other records)."""
    own_group = groups or {}
    comps = _Components(nodes, own_group)
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

    for a, b in sorted(must_link):
        if a in comps.parent and b in comps.parent and allowed(a, b):
            comps.union(a, b)

    def separate_lists(a: str, b: str) -> bool:
        """No two entries of one list meet, unless this pair is two entries of that list."""
        ra, rb = comps.find(a), comps.find(b)
        shared = comps.groups[ra] & comps.groups[rb]
        direct = a in own_group and own_group.get(a) == own_group.get(b)
        return ra == rb or not shared or (direct and shared == {own_group[a]})

    for a, b, _ in sorted(scored, key=lambda item: (-item[2], item[0], item[1])):
        if a not in comps.parent or b not in comps.parent:
            continue
        if not allowed(a, b):
            reason = "judgement"
        elif not separate_lists(a, b):
            reason = "list"
        else:
            comps.union(a, b)
            continue
        if skipped is not None:
            skipped[(a, b)] = reason
    return [set(members) for members in comps.members.values()]
