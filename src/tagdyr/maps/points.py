"""The places of a person: every claim's place resolved through the gazetteer to a point."""

from __future__ import annotations

from tagdyr.maps.svg import MapPoint
from tagdyr.store.queries import ClaimView
from tagdyr.vocab.claims import place_value_kinds
from tagdyr.vocab.gazetteer import label, places, resolve

_PLACE_VALUES = frozenset(place_value_kinds())  # read once: place_texts runs per claim


def place_texts(kind: str, value: str, place: str | None) -> list[str]:
    """The texts of a claim that name places: its place, and its value for the kinds whose
    value is a place ("Mysen" as a camp, "г. Павлодар" as a residence)."""
    texts = [place] if place else []
    if kind in _PLACE_VALUES and value != place:
        texts.append(value)
    return texts


def claim_points(claims: list[ClaimView], lang: str = "en") -> list[MapPoint]:
    """One point per gazetteer place the claims name (the most specific one of each text),
    labelled with the gazetteer's name in ``lang``, with the kinds of claim that put it there."""
    points: dict[str, MapPoint] = {}
    for claim in claims:
        for text in place_texts(claim.kind, claim.value, claim.place):
            keys = resolve(text)
            if not keys:
                continue
            place = places()[keys[0]]
            if place.kind == "country":
                continue  # a country is no point on a map
            point = points.get(place.key)
            if point is None:
                point = MapPoint(place.key, label(place.key, lang), place.lat, place.lon, count=0)
                points[place.key] = point
            point.count += 1
            if claim.kind not in point.roles:
                point.roles.append(claim.kind)
    return list(points.values())
