"""Person mentions in running text (Kazakh, Russian, English, French), by rules the names
engine makes reliable, not by a general NER model (none reads Kazakh offline):

* initials before a surname, split across a line break or glued to it: "Б.\\nВолин",
  "Қ.Қайсенов", "Т. Жангелдиннің" (NBSP allowed anywhere a space is);
* a surname followed by initials: "Kozybaev M.K.", "Бектанов М.";
* one to three capitalised words of which one is a surname by its suffix, case endings
  included: "Қадем Жұманиязов бастаған", "Кабыша Омарова", "Bektanov Mazhit", lists of names.

Each mention keeps its text exactly as it stands and gets its dictionary form (``base``) from
:func:`tagdyr.names.morph.base_name`. Mentions are clustered across all texts of a run: same
surname (across scripts, case endings removed) and given names that do not contradict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tagdyr.names.morph import base_name, kazakh_base
from tagdyr.names.similarity import Level, compare_words

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "a-zа-яёәғқңөұүһіéèêàçùâîôûëïœ"
_SPACE = r"[ \u00a0\u202f\t]*\n?[ \u00a0\u202f\t]*"
_INITIALS = rf"(?:[{_UPPER}][{_LOWER}]?\.{_SPACE}){{1,3}}"
_TRAILING_INITIALS = rf"(?:[{_UPPER}]\.[ \u00a0]?){{1,3}}"  # "M.K.", "М. К."
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+)?"
_SURNAME_END = re.compile(
    r"((ов|ев|ёв|ин|ын)(а|у|ым|е|ой|ою|ых|ым|ыми)?|ский|ская|цкий|ұлы|улы|қызы|кызы|"
    r"ov|ev|yev|off|eff|ow|ew|ova|eva|ovа|uly|oglu|ine)$"
)  # Russian case forms too: Омарова, Жуманиязову, Омарове
# words that start sentences in the literature and are no names (Kazakh has no tagger offline)
_SENTENCE_WORDS = {
    "Кейін", "Ал", "Бірақ", "Онда", "Содан", "Сонда", "Алайда", "Сондай", "Осылайша", "Мұнда",
    "Соғыстан", "Тізімде", "Зерттеуші", "Позднее", "Вместе", "Среди", "Историк", "Затем", "Тогда",
    "Однако", "Later", "Then", "However", "After", "Selon", "Puis", "Ensuite",
}  # fmt: skip
_NOT_NAMES = {
    "The", "In", "On", "At", "Le", "La", "Les", "Des", "Dans", "Au", "En", "Il", "Ils", "Он",
    "Она", "Они", "В", "На", "По", "Из", "Бұл", "Ол", "Осы", "Soviet", "German", "Germans",
    "Kazakh", "Kazakhs", "Russian", "French", "Berlin", "Stalin", "Lenin", "Moscow", "Москва",
    "Берлин", "Сталин", "Ленин", "Мәскеу",
}  # fmt: skip
_PATTERNS = (
    re.compile(rf"(?<![\w.]){_INITIALS}{_WORD}"),  # Т. Жангелдиннің, Қ.Қайсенов, Б.\nВолин
    re.compile(rf"(?<![\w.]){_WORD}[ \u00a0]+{_TRAILING_INITIALS}"),  # Kozybaev M.K.
    re.compile(rf"(?<![\w.])(?:{_WORD}[ \u00a0]+){{0,2}}{_WORD}"),  # name groups
)


@dataclass(frozen=True, slots=True)
class Mention:
    file: str
    start: int
    end: int
    text: str
    base: str
    cluster: str = ""

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "start": self.start, "end": self.end, "text": self.text,
                "base": self.base, "cluster": self.cluster}  # fmt: skip


_LATIN_IN = re.compile(r"^[a-z]{4,}(in|yn)$")  # Zhangeldin, Kaisyn; not "Again", "Begin"


def _is_surname(word: str) -> bool:
    lowered = word.lower()
    return bool(
        _SURNAME_END.search(lowered)
        or _SURNAME_END.search(kazakh_base(lowered))
        or _LATIN_IN.match(lowered)
    )


def _name_words(text: str) -> list[str]:
    return re.findall(rf"[{_UPPER}][{_LOWER}]*\.?|[{_LOWER}]+", text)


_PATRONYMIC = re.compile(r"(ович|евич|овна|евна|ұлы|улы|қызы|кызы)$")


def _trim_group(text: str, sentence_start: bool) -> tuple[int, int] | None:
    """The part of a run of capitalised words that is a name: around a word with a surname
    suffix, without the words that are never names; None if no word is a surname. Three
    words at the start of a sentence without a patronymic among them are a capitalised word
    ("Кейін", "Later") and a two-word name."""
    words = [w for w in re.finditer(_WORD, text) if w.group() not in _NOT_NAMES]
    if sentence_start and words and words[0].start() == 0 and words[0].group() in _SENTENCE_WORDS:
        words = words[1:]
    surnames = [i for i, w in enumerate(words) if _is_surname(w.group())]
    if not surnames:
        return None
    if (
        sentence_start
        and len(words) == 3
        and words[0].start() == 0
        and not any(_PATRONYMIC.search(w.group().lower()) for w in words)
        and surnames[0] != 0
    ):
        words = words[1:]
        surnames = [i - 1 for i in surnames]
    if surnames[0] > 0:  # given names first: the name ends with the surname ("… Алматыда")
        words = words[: surnames[0] + 1]
    return words[0].start(), words[-1].end()


def _at_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?…»\n"


def find_mentions(text: str, file: str = "") -> list[Mention]:
    """Person mentions in ``text``, in order, not overlapping; ``cluster`` left empty."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for number, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if number == 2:
                trimmed = _trim_group(match.group(), _at_sentence_start(text, start))
                if trimmed is None:
                    continue
                start, end = start + trimmed[0], start + trimmed[1]
            elif number == 1 and not _is_surname(match.group().split()[0]):
                continue
            if any(start < e and s < end for s, e in taken):
                continue
            written = text[start:end].rstrip()
            end = start + len(written)
            taken.append((start, end))
            base = base_name(" ".join(written.split()))
            found.append(Mention(file, start, end, written, base))
    return sorted(found, key=lambda m: (m.file, m.start))


def _parts(base: str) -> tuple[str, list[str]]:
    """(surname, given names or initials) of a mention's base form."""
    tokens = base.split()
    words = [t for t in tokens if not t.endswith(".")]
    surname = next((w for w in words if _is_surname(w)), words[-1] if words else "")
    given = [t for t in tokens if t != surname]
    return surname, given


def _compatible(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return True
    level = compare_words(a[0], b[0])
    return level in (Level.IDENTICAL, Level.SAME_SOUND, Level.SPELLED_ALIKE, Level.INITIAL_MATCH)


def cluster_mentions(mentions: list[Mention]) -> list[Mention]:
    """The same ``cluster`` for mentions of one person across all texts: one surname (across
    scripts and case endings) and given names that agree where both are stated."""
    clusters: list[tuple[str, list[list[str]]]] = []  # (surname, given parts of members)
    labels: list[str] = []
    for mention in mentions:
        surname, given = _parts(mention.base)
        for number, (known, members) in enumerate(clusters):
            same = compare_words(surname, known) in (Level.IDENTICAL, Level.SAME_SOUND)
            if same and all(_compatible(given, g) for g in members):
                members.append(given)
                labels.append(f"p{number + 1}")
                break
        else:
            clusters.append((surname, [given]))
            labels.append(f"p{len(clusters)}")
    return [replace(m, cluster=label) for m, label in zip(mentions, labels, strict=True)]
