"""How each kind of clerk wrote a Cyrillic name — third-party transliterators and tables of
our own written from the published conventions, never tagdyr's code.

Third-party: `iuliia` 0.13.0 (BGN/PCGN, Wikipedia, ICAO Doc 9303, GOST 7.79 = ISO 9, the
Soviet passport office's French MVD 310, the scientific transliteration, Yandex Maps) on
russified Cyrillic, and `anyascii` on Kazakh Cyrillic. PyICU's BGN/PCGN transforms were the
other candidate: PyICU 2.17 ships as a source archive only (no wheel) and needs the ICU
headers to build, so it is not used.

Our own, written afresh as ordered regular-expression rewrites over whole words (tagdyr's
engine works letter by letter with a context function — a different route):

* German (Duden practice for Russian names, as on German POW cards): ж sh, з s, в w, х ch,
  ц z, ч tsch, ш sch, щ schtsch, й j (i before a consonant), е je at the start and after a
  vowel, ю ju, я ja, ё jo, с ss between vowels, -ов/-ев -ow/-ew;
* French (French police and prefecture files, the Chokay archive): ж j, ш ch, ч tch, щ chtch,
  у ou, х kh, й ï at the end after a vowel (i otherwise), ю iou, я ia, с ss between vowels,
  г gu before е/и, -ов -ov or -off;
* Norwegian (repatriation lists): ж sj or zj, ш sj, ч tsj, щ sjtsj, х kh, ц ts, й j, ю ju,
  я ja, ё jo, е je at the start;
* Kazakh Latin (the 2021 alphabet) on Kazakh Cyrillic.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import iuliia
from anyascii import anyascii

RUSSIFY = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
VOWELS = "аеёиоуыэюяәөұүі"


def russify(text: str) -> str:
    return text.translate(RUSSIFY)


Rules = tuple[tuple[str, str], ...]

_GERMAN: Rules = (
    (r"щ", "schtsch"), (r"ч", "tsch"), (r"ш", "sch"), (r"ж", "sh"), (r"х", "ch"), (r"ц", "z"),
    (rf"(?<=[{VOWELS}])с(?=[{VOWELS}])", "ss"), (r"з", "s"), (r"в", "w"),
    (rf"(?:^|(?<=[{VOWELS}ьъ]))е", "je"), (r"ё", "jo"), (r"ю", "ju"), (r"я", "ja"),
    (rf"й(?=[^{VOWELS}]|$)", "i"), (r"й", "j"), (r"ы", "y"), (r"[ьъ]", ""), (r"э", "e"),
)  # fmt: skip
_FRENCH: Rules = (
    (r"ье", "ie"), (r"щ", "chtch"), (r"ч", "tch"), (r"ш", "ch"), (r"ж", "j"), (r"х", "kh"),
    (r"ц", "ts"),
    (rf"(?<=[{VOWELS}])с(?=[{VOWELS}])", "ss"), (r"г(?=[еиы])", "gu"), (r"у", "ou"),
    (r"ю", "iou"), (r"(?<=и)я", "a"), (r"я", "ia"), (r"ё", "io"),
    (rf"(?<=[{VOWELS}])й$", "ï"), (r"й", "i"), (r"ы", "y"), (r"[ьъ]", ""), (r"э", "e"),
)  # fmt: skip
_NORWEGIAN: Rules = (
    (r"щ", "sjtsj"), (r"ч", "tsj"), (r"ш", "sj"), (r"ж", "zj"), (r"х", "kh"), (r"ц", "ts"),
    (rf"(?:^|(?<=[{VOWELS}ьъ]))е", "je"), (r"ё", "jo"), (r"ю", "ju"), (r"я", "ja"), (r"й", "j"),
    (r"ы", "y"), (r"[ьъ]", ""), (r"э", "e"),
)  # fmt: skip
_KAZAKH_LATIN: Rules = (
    (r"ә", "ä"), (r"ғ", "ğ"), (r"қ", "q"), (r"ң", "ñ"), (r"ө", "ö"), (r"ұ", "ū"), (r"ү", "ü"),
    (r"һ", "h"), (r"і", "ı"), (r"ж", "j"), (r"ш", "ş"), (r"ч", "ç"), (r"щ", "şş"), (r"х", "h"),
    (r"ц", "ts"), (r"й", "i"), (r"ы", "y"), (r"ю", "iu"), (r"я", "ia"), (r"ё", "io"),
    (r"[ьъ]", ""), (r"э", "e"),
)  # fmt: skip
_LETTERS = str.maketrans("абвгдезиклмнопрстуф", "abvgdeziklmnoprstuf")


def _rewrite(word: str, rules: Rules) -> str:
    lower = word.lower()
    for pattern, replacement in rules:
        lower = re.sub(pattern, replacement, lower)
    out = lower.translate(_LETTERS)
    if word.isupper() and len(word) > 1:
        return out.upper()
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def _table(rules: Rules, kazakh: bool = False) -> Callable[[str], str]:
    def render(text: str) -> str:
        source = text if kazakh else russify(text)
        return " ".join(_rewrite(w, rules) for w in source.split(" "))

    return render


def _iuliia(schema: iuliia.Schema) -> Callable[[str], str]:
    def render(text: str) -> str:
        return str(schema.translate(russify(text)))

    return render


CLERKS: dict[str, Callable[[str], str]] = {
    "kk": lambda t: t,
    "ru": russify,
    "bgn": _iuliia(iuliia.BGN_PCGN),
    "wikipedia": _iuliia(iuliia.WIKIPEDIA),
    "icao": _iuliia(iuliia.ICAO_DOC_9303),
    "iso9": _iuliia(iuliia.GOST_779),
    "mvd-fr": _iuliia(iuliia.MVD_310_FR),
    "scientific": _iuliia(iuliia.SCIENTIFIC),
    "yandex": _iuliia(iuliia.YANDEX_MAPS),
    "anyascii": lambda t: anyascii(t),
    "de": _table(_GERMAN),
    "fr": _table(_FRENCH),
    "no": _table(_NORWEGIAN),
    "kk-latn": _table(_KAZAKH_LATIN, kazakh=True),
}
CYRILLIC_CLERKS = frozenset({"kk", "ru"})
# Digraphs a clerk of each convention may write as a whole initial ("Sch.", "Tch.", "Zh.")
_DIGRAPH_INITIAL = re.compile(
    r"^(Schtsch|Shch|Chtch|Sjtsj|Tsch|Dsch|Dzh|Sch|Tch|Tsj|Zh|Sh|Ch|Kh|Sj|Zj|Ts|Ya|Yu|Ye|Yo|Ja|Ju|"
    r"Je|Jo|Ia|Iu|Io|Iou|Ou)"
)


def initial(rendered: str, rng: random.Random, digraph_share: float) -> str:
    """The initial a clerk writes of a rendered given name: its first letter, or (with
    probability ``digraph_share``) the digraph that spells its first sound."""
    found = _DIGRAPH_INITIAL.match(rendered)
    if found and rng.random() < digraph_share:
        return found.group(0) + "."
    return rendered[:1] + "."


def clerk_russian_patronymic(father: str) -> str:
    """A Russian patronymic (male) from the father's name: Григорий → Григорьевич, Илья →
    Ильич, Никита → Никитич, Алексей → Алексеевич, Ахмет → Ахметович."""
    if father == "Илья":
        return "Ильич"
    if father.endswith("ий"):
        return father[:-2] + "ьевич"
    if father.endswith(("ей", "ай")):
        return father[:-1] + "евич"
    if father.endswith("а"):
        return father[:-1] + "ич"
    if father.endswith(("ь", "й")):
        return father[:-1] + "евич"
    if father[-1] in "жшщчц":
        return father + "евич"
    if father[-1] in VOWELS:
        return father[:-1] + "ович"
    return father + "ович"
