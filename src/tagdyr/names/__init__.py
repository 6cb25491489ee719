"""The names engine: pure functions on personal names as written in WWII-era documents.

No database, no I/O. Everything here is deterministic and cached, so it can run on millions
of names and inside the linkage and search code alike.
"""

from tagdyr.names.cleanup import Script, clean, dominant_script, has_kazakh_letters
from tagdyr.names.keys import canonical, skeleton, skeletons
from tagdyr.names.parse import Gender, Order, ParsedName, parse
from tagdyr.names.translit import Convention, ascii_fold, from_kazakh_latin, romanize, russify

__all__ = [
    "Convention",
    "Gender",
    "Order",
    "ParsedName",
    "Script",
    "ascii_fold",
    "canonical",
    "clean",
    "dominant_script",
    "from_kazakh_latin",
    "has_kazakh_letters",
    "parse",
    "romanize",
    "russify",
    "skeleton",
    "skeletons",
]
