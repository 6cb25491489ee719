"""User-written text among the page's own words: a name written with a right-to-left override
(U+202E) must not reorder what follows it. In the page body it is wrapped in ``<bdi>`` (in the
templates); in ``<title>``, where no markup is allowed, :func:`title_text` drops the bidi
controls and isolates the rest (U+2068 … U+2069)."""

from __future__ import annotations

import re

_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FIRST_STRONG_ISOLATE, _POP_ISOLATE = "\u2068", "\u2069"


def title_text(value: object) -> str:
    """``value`` for a ``<title>``: without bidi controls, as one isolated run."""
    text = _BIDI_CONTROLS.sub("", str(value))
    return f"{_FIRST_STRONG_ISOLATE}{text}{_POP_ISOLATE}" if text else ""
