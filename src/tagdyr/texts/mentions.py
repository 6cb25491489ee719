"""Person mentions in running text (Kazakh, Russian, English, French): by a model where one
reads the paragraph's language — natasha for Russian, a CRF trained on KazNERD for Kazakh
(:mod:`tagdyr.texts.russian_model`, :mod:`tagdyr.texts.kazakh_model`), chosen by the peers'
gold sets in ``bench/extract`` — and by rules and lexicons for the forms news text lacks
(initials split across lines, glued initials) and for English and French.

The text is cut into groups of capitalised words and initials (one line break allowed after an
initial: "Б.\\nВолин"; none needed after it: "Қ.Қайсенов"; NBSP and particles "de", "von"
inside). A group is split where a word is no part of a name (a sentence opener, a month, a
place, a word the same text writes in lower case), and each part is a name when it has
evidence for one:

* initials before or after a word: "А.М. Синицынның", "Kozybaev M.K.", "Gabdullina A. Zh.";
* a word with a surname's suffix, case endings included ("Жұманиязовтың", "Кабыша Омарова");
* a given name or surname the dictionary knows ("Василий Шарудо", "Rolf Keller");
* the surname or given name of a person the same text has already named in full ("Panikar"
  after "M.M. Panikar", "Кадему" after "Кадем Жуманиязов").

Names of units, places and institutions after a person ("Ленин атындағы бригада",
"Satbayev University") are not mentions of that person. Only the article is read: its
bibliography and the web page's boilerplate are left out (:mod:`tagdyr.texts.body`).

Each mention keeps its text exactly as it stands and gets its dictionary form (``base``) from
:func:`tagdyr.names.morph.base_name`. Mentions are clustered across all texts of a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from tagdyr.names.given import listed_given_name
from tagdyr.names.morph import base_name, kazakh_base
from tagdyr.names.similarity import Level, compare_words
from tagdyr.texts import kazakh_model, lexicon, russian_model
from tagdyr.texts.body import body_spans
from tagdyr.texts.language import detect_language
from tagdyr.vocab.ranks import inflected_rank

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІƏÇŞÖÜÄÅØÆİÉÈÎ"
_LOWER = "a-zа-яёәғқңөұүһіəéèêàçùâîôûëïœıšğşöüäåøæß"
_INITIAL = rf"(?:Dzh|Zh|Sh|Ch|Kh|Ts|Yu|Ya|Дж|[{_UPPER}])\."
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:['’][{_LOWER}]{{2,}})?(?:-[{_UPPER}]?[{_LOWER}]+)*"
_LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]"  # a footnote number "¹" is no letter
_CAPS_LATIN = "A-ZÀ-ÖØ-Þ"  # capitals in Latin script only: Kazakh headings are all capitals
_CAPS = (
    rf"(?!(?:DE|DU|DA|VON|VAN|DER|LA|LE)(?!{_LETTER}))[{_CAPS_LATIN}]{{2,}}"
    rf"(?:-[{_CAPS_LATIN}]{{2,}})?"
)
# an initial, a capitalised word, or a word in capitals ("Bruno DE CORDIER"), which counts only
# right after a capitalised word; not the "D." of "a.D." (German: retired)
_TOKEN = re.compile(
    rf"(?<!{_LETTER})(?<![{_LOWER}]\.)(?:(?P<initial>{_INITIAL})|(?P<word>{_WORD})(?!{_LETTER})"
    rf"|(?P<caps>{_CAPS})(?!{_LETTER}))"
)
_SPACES = re.compile(r"[ \u00a0\u202f]+")
_LINE_BREAK = re.compile(r"[ \u00a0\u202f]*\n[ \u00a0\u202f]*")
_PARTICLE = re.compile(
    r"[ \u00a0]+(?:(de|du|da|von|van|der|ibn|bin|al|ле|де|фон|ван|ибн|DE|DU|VON|VAN)[ \u00a0]+"
    r"|d['’])"
)  # "Charles de Gaulle", "Bruno DE CORDIER", "Jeanne d’Hauteserre"
_SURNAME_END = re.compile(
    r"((ов|ев|ёв|ин|ын)(а|у|ым|е|ой|ою|ых|ыми)?|(ск|цк)(ий|ая|ого|ому|им|ом|ой|ую)|енко|"
    r"ұлы|улы|қызы|кызы|"
    r"ov|ev|yev|off|eff|ow|ew|ova|eva|ina|yna|uly|oglu|(?<![aeouyr])ine|enko|sky|ski|"
    r"(?<=[a-zæøå][bdfgklmnprtvz])sen)$"
)  # Russian case forms too: Омарова, Жуманиязову, Омарове; the Scandinavian patronymic
# surname after a consonant: "Hansen", "Halvorsen" (not "Essen", "Wiesen")
# Zhangeldin, Kaisyn, Pushkin; not "Origin", "Kremlin", "Begin"
_LATIN_IN = re.compile(r"^(?=[a-z]*(zh|kh|sh|ch|ts|y|j|ai|ay|ei|ey|ii|iy|uy))[a-z]{4,}(in|yn)$")
_PATRONYMIC = re.compile(
    r"(ович|евич|овна|евна|ұлы|улы|қызы|кызы|"
    r"[oe]vi(?:t?ch|tsj|č)|[oe]witsch|[oe]vna|il(?:y|j)?(?:itch|itsch|itsj|ich))$"
)  # Latin renderings too: "Petrovich", "Alexeïevitch", "Iwanowitsch", "Ivanovitsj", "Ilitch"
_LIST_OF_PLACES = re.compile(
    rf"^(?:\s*(?:,|және|мен|и|and|et)\s*[{_UPPER}][\w-]+)*\s+"
    r"(аудан\w*|район\w*|облыс\w*|област\w*|district\w*|region\w*|département\w*)",
    re.IGNORECASE,
)


# an article: what follows is a place or a thing, not a given name ("dans le Jura")
_ARTICLE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:the|a|an|le|la|les|du|des|au|aux|un|une|l['’])[ \u00a0]*$", re.IGNORECASE
)
# a German or Norwegian genitive of a Latin name: "Mustafas", "Nikolajs" (not "Hans's")
_GENITIVE_S = re.compile(r"^[A-Za-zÀ-ÿ]+[a-zà-ÿ]s$")
_ROMAN = re.compile(r"[IVX]{1,4}")

_COMMON_NOUN_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|"
    r"im|am|zum|zur|vom|beim|ins|"
    r"[a-zäöüß]{3,}(?:ische|ischen|ischer|isches))[ \u00a0]+$",
    re.IGNORECASE,
)  # an article or a German adjective before a capitalised word: it is a noun


@dataclass(frozen=True, slots=True)
class Mention:
    file: str
    start: int
    end: int
    text: str
    base: str
    cluster: str = ""
    antecedent: int | None = None  # start of the full mention a short one refers back to

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "start": self.start, "end": self.end, "text": self.text,
                "base": self.base, "cluster": self.cluster}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str
    initial: bool


def is_surname(word: str) -> bool:
    """A surname by its suffix, in any case form ("Жангелдиннің", "Омарова", "Bektanov")."""
    lowered = word.lower().replace("ə", "ә")
    if lowered in ("ұлы", "улы", "қызы", "кызы"):
        return False  # "Ұлы Отан соғысы": the Great Patriotic War
    if re.fullmatch("[a-z]{1,3}", lowered):
        return False  # a short English word is no surname by its ending: "New", "Now", "Few"
    return bool(
        _SURNAME_END.search(lowered)
        or _SURNAME_END.search(kazakh_base(lowered))
        or _LATIN_IN.match(lowered)
    )


def _famous(word: str) -> bool:
    lowered = word.lower()
    return lowered in lexicon.FAMOUS_PEOPLE or kazakh_base(lowered) in lexicon.FAMOUS_PEOPLE


def _has_evidence(word: str) -> bool:
    return (
        is_surname(word)
        or bool(_PATRONYMIC.search(word.lower()))
        or _famous(word)
        or bool(lexicon.tags_of(word) & {"Surn", "Patr"})
        or lexicon.is_given_name(word)
    )


class _Reader:
    """One text: its lower-case words, sentence starts and the checks that need them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowercase = {w for w in re.findall(rf"(?<![^\W\d_])[{_LOWER}]+", text)}
        self._languages: dict[str, str] = {}

    def language_at(self, position: int) -> str:
        """The language of the paragraph a position stands in."""
        start = self.text.rfind("\n\n", 0, position) + 1
        end = self.text.find("\n\n", position)
        paragraph = self.text[start : end if end != -1 else len(self.text)]
        if paragraph not in self._languages:
            self._languages[paragraph] = detect_language(paragraph)
        return self._languages[paragraph]

    def at_sentence_start(self, position: int) -> bool:
        before = self.text[:position].rstrip(' \u00a0\t«"“(')
        if before.endswith(("-", "–")):  # a dash opening a line of dialogue: "– Alle …"
            before = before.rstrip("-– \u00a0\t")
        return not before or before[-1] in ".!?…»\n:" or before.endswith("—")

    def not_a_name(
        self, word: str, start: int, after_initial: bool = False, after_given: bool = False
    ) -> bool:
        """A word no name is made of here: a stop word; unless initials stand before it, also
        a place, a word the text also writes in lower case, or an ordinary word of the
        dictionary ("Встреча Путина", "Чрезвычайный и Полномочный Посол")."""
        lowered = word.lower()
        if lowered in lexicon.STOP_WORDS or lowered in lexicon.INSTITUTION_WORDS:
            return True
        if after_initial:
            return False
        if not lexicon.is_cyrillic(word) and inflected_rank(word):
            return True  # "Oberst Falkenhorst", "Kaptein Berg": a rank is no part of the name
        if re.search(r"(?<![^\W\d_])[lL]['’]$", self.text[max(0, start - 2) : start]):
            return True  # French "l’Arc", "l’Europe": a name takes no article
        if _COMMON_NOUN_BEFORE.search(self.text[max(0, start - 40) : start]) and not (
            lexicon.is_cyrillic(word) or _has_evidence(word)
        ):
            return True  # "der russische Zar", "des Kriegsministers": a German noun
        if any(
            lexicon.is_listed_place(part) if after_given else lexicon.is_place(part)
            for part in (word, *word.split("-"))
        ):
            return True  # after a given name (before a surname) only a listed place: "Per Holm"
        if lowered in self.lowercase:
            return True
        return not is_surname(word) and lexicon.is_ordinary_word(
            word, self.at_sentence_start(start)
        )

    def names_a_place_or_unit(self, start: int, end: int, single: bool) -> bool:
        after, before = self.text[end : end + 60], self.text[max(0, start - 30) : start]
        if lexicon.EPONYM_AFTER.match(after) or lexicon.EPONYM_BEFORE.search(before):
            return True
        if not single:
            return False
        return bool(
            lexicon.PLACE_AFTER.match(after)
            or lexicon.PLACE_BEFORE.search(before)
            or _LIST_OF_PLACES.match(after)
        )


_BROKEN_LINES = re.compile(r"[ \u00a0\u202f]*(?:\n[ \u00a0\u202f]*){1,3}")


def _given_name_of_list(token: _Token) -> bool:
    """A given name of tagdyr's own list ends a line: text taken from a PDF breaks lines,
    even into blank ones, inside a name ("Mustafa" and "Chokai" two lines apart)."""
    return (
        not token.initial and not lexicon.is_cyrillic(token.text) and listed_given_name(token.text)
    )


def _groups(text: str, start: int, end: int) -> list[list[_Token]]:
    """Runs of initials and capitalised words that may form a name together."""
    groups: list[list[_Token]] = []
    previous: _Token | None = None
    for match in _TOKEN.finditer(text, start, end):
        token = _Token(
            match.start(), match.end(), match.group(), match.group("initial") is not None
        )
        gap = text[previous.end : token.start] if previous else None
        joined = previous is not None and gap is not None and (
            (gap == "" and previous.initial)
            or _SPACES.fullmatch(gap) is not None
            or (previous.initial and _LINE_BREAK.fullmatch(gap) is not None)
            or (not previous.initial and _PARTICLE.fullmatch(gap) is not None)
            or (_BROKEN_LINES.fullmatch(gap) is not None and _given_name_of_list(previous))
        )  # fmt: skip
        if match.group("caps") and not (joined and previous is not None and not previous.initial):
            previous = None  # capitals alone: an acronym, a heading
            continue
        if joined:
            groups[-1].append(token)
        else:
            groups.append([token])
        previous = token
    return groups


def _segments(group: list[_Token], reader: _Reader) -> list[list[_Token]]:
    """A group cut at the words that are no part of a name; a group with an institution's
    word after a name is the institution's name and yields nothing."""
    words = [t for t in group if not t.initial]
    seen_name = False
    for token in words:
        if token.text.lower() in lexicon.INSTITUTION_WORDS and seen_name:
            return []
        seen_name = seen_name or not reader.not_a_name(token.text, token.start)
    segments: list[list[_Token]] = [[]]
    for index, token in enumerate(group):
        after_initial = index > 0 and group[index - 1].initial
        after_given = bool(segments[-1]) and _given_or_patronymic(segments[-1][-1].text)
        after_given = after_given or _before_a_latin_surname(group, index)
        if not token.initial and reader.not_a_name(
            token.text, token.start, after_initial, after_given
        ):
            segments.append([])
        else:
            segments[-1].append(token)
    return [s for s in segments if s]


def _before_a_latin_surname(group: list[_Token], index: int) -> bool:
    """The word at ``index`` is in Latin script and a surname by its suffix follows it: the
    word is an unknown given name ("Shaken Aimanov", "Nourman Moldabekov"), which the
    gazetteer's fuzzy readings may take for a place; only a listed place cuts it off."""
    if index + 1 >= len(group) or group[index + 1].initial:
        return False
    word, after = group[index].text, group[index + 1].text
    return not lexicon.is_cyrillic(word) and not lexicon.is_cyrillic(after) and is_surname(after)


def _given_or_patronymic(word: str) -> bool:
    return lexicon.is_given_name(word) or bool(_PATRONYMIC.search(word.lower()))


def _name_in(segment: list[_Token], reader: _Reader) -> tuple[int, int] | None:
    """Where the name in a segment starts and ends (token indexes), or None."""
    kinds = ["i" if t.initial else "w" for t in segment]
    pattern = "".join(kinds)
    initials_first = re.search(r"w?i+w", pattern)
    if initials_first:  # a given name before the initials, known or not: "Håvard E. Tveit"
        start = initials_first.start()
        if kinds[start] == "w" and not _given_before_initials(segment[start].text):
            start += 1
        return start, initials_first.end() - 1
    trailing = re.search(r"wi+", pattern)
    if trailing:
        return trailing.start(), trailing.end() - 1
    words = [i for i, kind in enumerate(kinds) if kind == "w"]
    if not words:
        return None
    evidence = [i for i in words if _has_evidence(segment[i].text)]
    if not evidence:
        return None
    first, last = words[0], words[-1]
    if len(words) == 1:
        word = segment[first].text
        alone = (
            is_surname(word)
            or _famous(word)
            or _given_name_alone(word, segment[first].start, reader)
        )
        return (first, last) if alone else None
    opening = len(words) >= 3 and reader.at_sentence_start(segment[first].start)
    if (
        opening
        and first not in evidence
        and not any(_PATRONYMIC.search(segment[i].text) for i in words)
    ):
        first = words[1]  # "Кейін Қадем Жұманиязов": a sentence's first word and a name
    elif (
        len(words) == 2
        and first not in evidence
        and reader.at_sentence_start(segment[first].start)
        and lexicon.is_given_name_as_written(segment[last].text)
        and not is_surname(segment[last].text)
    ):
        first = last  # "Fangene Sergej …": a given name comes first, so the word before is none
    if last - first > 2 and evidence[0] > first + 2:
        first = evidence[0]  # "Arasındaki Yazar Cengiz Dağcı": the name is where its evidence is
    if last - first > 2:  # at most three words: given name, patronymic, surname
        last = first + 2
    if last - first == 2 and _honorific(segment[last].text):
        last -= 1  # "Mustafa Chokay Bey": a title after the name
    if last > first and segment[last].text.lower() in lexicon.HONORIFICS_AFTER:
        last -= 1  # "Enver Pascha"
    cut = next((i for i in range(first, last) if _genitive_before_noun(segment, i)), last)
    if cut == first and not _has_evidence(segment[first].text):
        return None  # the genitive of a surname alone: a short mention if anything
    return first, cut


def _genitive_before_noun(segment: list[_Token], index: int) -> bool:
    """The word at ``index`` is in the genitive -s (German, Norwegian "Müllers"; not a given
    name in -s: "Klaus", "Lars") and the next is neither a surname by its suffix, nor a given
    name, nor a regnal number: the name ends there, before the noun it governs ("Peter
    Müllers Buch")."""
    if index + 1 >= len(segment):
        return False
    word, after = segment[index].text, segment[index + 1].text
    return bool(
        _GENITIVE_S.search(word)
        and not lexicon.is_given_name(word)
        and not _ROMAN.fullmatch(after)
        and not (is_surname(after) or lexicon.is_given_name_as_written(after))
    )


def _given_name_alone(word: str, start: int, reader: _Reader) -> bool:
    """A known given name alone inside a sentence of Latin script names a person ("… sa
    Nikolaj"); at a sentence's start, after a German article ("im Winter"), or in Cyrillic
    (where the models read), it is too often a word or the first of a name the rules did not
    join."""
    return (
        not lexicon.is_cyrillic(word)
        and not reader.at_sentence_start(start)
        and not _COMMON_NOUN_BEFORE.search(reader.text[max(0, start - 40) : start])
        and not _ARTICLE_BEFORE.search(reader.text[max(0, start - 10) : start])
        and len(word) > 3
        and word.lower() not in _NO_NAME_ALONE
        and lexicon.is_given_name_as_written(word)
    )


# given names that alone are as often a title, a faith or a word: "Pasha", "Islam", "Slava"
_NO_NAME_ALONE = lexicon.HONORIFICS_AFTER | {"islam", "eden", "slava"}


def _given_before_initials(word: str) -> bool:
    """A word before initials and a surname is their given name when the lists know it, or
    when it is in Latin script, where many given names are unknown to them; a Cyrillic word
    there is as often a noun ("Словом В. Орлов")."""
    return lexicon.is_given_name(word) or not lexicon.is_cyrillic(word)


def _honorific(word: str) -> bool:
    """A word the dictionary knows as a common noun and as nothing of a name."""
    tags = lexicon.tags_of(word)
    return "noun" in tags and not tags & {"Name", "Surn", "Patr"} and not is_surname(word)


_JOURNAL_AFTER = re.compile(
    r"[*_»\"”]*,?\s*(?:\d+\s*\(\d{4}\)|vol\.|т\.\s*\d|no\.\s*\d)", re.IGNORECASE
)
# a journal's name in a reference: "Otan Tarihi 1(2001)", "… Review, vol. 3"


def _mention(
    reader: _Reader,
    file: str,
    start: int,
    end: int,
    antecedent: int | None = None,
    base: str | None = None,
) -> Mention:
    """A mention and its base form by the rules of its paragraph's language: in Kazakh
    "Осипова" keeps its ending (Kazakh adds its own after a Russian surname), in Russian
    "Ғалыме Омарове" loses the Russian one."""
    written = reader.text[start:end]
    if base is None:
        language = reader.language_at(start)
        base = base_name(" ".join(written.split()), language if language in ("kk", "ru") else None)
    return Mention(file, start, end, written, base, antecedent=antecedent)


def _full_mentions(
    text: str, file: str, reader: _Reader, body: list[tuple[int, int]]
) -> list[Mention]:
    found: list[Mention] = []
    for body_start, body_end in body:
        for group in _groups(text, body_start, body_end):
            for segment in _segments(group, reader):
                span = _name_in(segment, reader)
                if span is None:
                    continue
                start, end = segment[span[0]].start, segment[span[1]].end
                single = span[0] == span[1]
                if reader.names_a_place_or_unit(start, end, single) or _JOURNAL_AFTER.match(
                    text, end
                ):
                    continue
                base = None
                if _genitive_before_noun(segment, span[1]):  # "Peter Müllers Buch"
                    base = base_name(" ".join(text[start : end - 1].split()))
                end = _regnal_end(text, segment, span[1], end)
                found.append(_mention(reader, file, start, end, base=base))
    return found


_ORDINAL_DOT = re.compile(r"\.[ \u00a0]+[a-zäöüßæøå]")


def _regnal_end(text: str, segment: list[_Token], last: int, end: int) -> int:
    """The end of a name with its regnal number's ordinal dot when the sentence goes on after
    it, as German and Norwegian write it ("Nikolaus II. ließ …")."""
    if last > 0 and _ROMAN.fullmatch(segment[last].text) and _ORDINAL_DOT.match(text, end):
        return end + 1
    return end


def _short_mentions(
    text: str, file: str, reader: _Reader, body: list[tuple[int, int]], full: list[Mention]
) -> list[Mention]:
    """Words that repeat the surname or given name of a person named in full; two such words
    side by side ("Мұстафа Шоқайдың" after "Мұстафа Шоқай") are one mention."""
    known: dict[str, int] = {}
    for mention in full:
        for word in mention.base.split():
            if not word.endswith(".") and len(word) > 2:
                known.setdefault(word.lower(), mention.start)
    taken = [(m.start, m.end) for m in full]
    found: list[Mention] = []
    words = (m for start, end in body for m in _TOKEN.finditer(text, start, end))
    for match in words:
        word = match.group("word")
        if not word or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        if word.lower() in reader.lowercase:
            continue
        antecedent = known.get(base_name(word).lower(), known.get(word.lower()))
        base = None
        if antecedent is None and _GENITIVE_S.search(word):
            antecedent, base = known.get(word[:-1].lower()), word[:-1]  # "Mustafas Großvater"
        if antecedent is None or word.lower() in lexicon.STOP_WORDS:
            continue
        if reader.names_a_place_or_unit(match.start(), match.end(), single=False):
            continue
        start = match.start()
        if found and _SPACES.fullmatch(text[found[-1].end : start]):
            previous = found.pop()  # given name and surname again, side by side: one person
            start, antecedent = previous.start, previous.antecedent
        found.append(_mention(reader, file, start, match.end(), antecedent, base))
    return found


# a surname alone right after a rank, its particle inside: "général de Monsabert", "unter
# General von Pannwitz", "des Oberleutnants Taube"
# (a lookahead: each word may be the rank of the next)
_AFTER_RANK = re.compile(
    rf"(?<![\w-])(?=(?P<rank>[{_LOWER}{_UPPER}][{_LOWER}-]+)[ \u00a0]+(?P<name>(?:(?:de|von|"
    rf"van|v\.|d['’])[ \u00a0]?)?{_WORD})(?![ \u00a0]*(?:[{_UPPER}]|{_INITIAL})))"
)


def _titled_mentions(
    text: str, file: str, reader: _Reader, body: list[tuple[int, int]], taken: list[Mention]
) -> list[Mention]:
    """A single capitalised word right after a rank, which no rule or model took: the rank
    is the evidence of a surname, unless the word is a place or no name at all."""
    found = []
    for start, end in body:
        for match in _AFTER_RANK.finditer(text, start, end):
            s, e = match.span("name")
            word = match.group("name").split()[-1].split("'")[-1].split("’")[-1]
            inside = [m for m in taken if m.start < e and s < m.end]
            if not inflected_rank(match.group("rank")) or (
                inside
                and (e - s == len(word) or (inside[0].start, inside[0].end) != (e - len(word), e))
            ):
                continue  # taken, unless as the bare surname of "de Monsabert"
            if reader.not_a_name(word, e - len(word)) and not _has_evidence(word):
                continue
            if reader.names_a_place_or_unit(s, e, single=True):
                continue
            found.append(_mention(reader, file, s, e))
    return found


def _untaken(
    pattern: re.Pattern[str],
    text: str,
    body: list[tuple[int, int]],
    taken: list[Mention],
    group: str | int = 0,
) -> Iterator[tuple[re.Match[str], int, int]]:
    """Each match of ``pattern`` in the body whose ``group`` no rule or model took yet, with
    that group's span."""
    for start, end in body:
        for match in pattern.finditer(text, start, end):
            s, e = match.span(group)
            if not any(m.start < e and s < m.end for m in taken):
                yield match, s, e


# "v. Papen": the German abbreviation of "von" before a surname ("v. Chr." is too short)
_VON_ABBREVIATED = re.compile(
    rf"(?<![\w.])v\.[ \u00a0]?(?P<name>[{_UPPER}][{_LOWER}]{{3,}})(?!{_LETTER})"
)


def _von_mentions(
    text: str, file: str, reader: _Reader, body: list[tuple[int, int]], taken: list[Mention]
) -> list[Mention]:
    """A surname after "v." that no rule or model took, unless the word is a place."""
    found = []
    for match, s, e in _untaken(_VON_ABBREVIATED, text, body, taken):
        if lexicon.is_place(match.group("name")) or reader.names_a_place_or_unit(s, e, True):
            continue
        found.append(_mention(reader, file, s, e))
    return found


# a pseudonym or nickname in quotes after the word that says it is one: "son pseudonyme
# « Kharko »", "nicknamed “Vasja”", "Deckname „Boris“", "лақап аты «Зеке»"
_ALIAS = re.compile(
    r"(?:pseudonyme?|surnommée?|alias|nicknamed|nickname|dekknavn(?:et)?|kallenavn(?:et)?|"
    r"genannt|spitzname|deckname|nom de guerre|псевдоним\w*|прозвищ\w*|лақап аты)"
    rf"[ \u00a0]*(?:de[ \u00a0]+|d['’][ \u00a0]*)?[«\"“„‘'][ \u00a0]*(?P<name>{_WORD})"
    r"[ \u00a0]*[»\"”“’']",
    re.IGNORECASE,
)


def _alias_mentions(
    text: str, file: str, reader: _Reader, body: list[tuple[int, int]], taken: list[Mention]
) -> list[Mention]:
    """A pseudonym or nickname the text introduces as one, which no rule or model took."""
    return [_mention(reader, file, s, e) for _, s, e in _untaken(_ALIAS, text, body, taken, "name")]


# the speaker named after a verb of saying, as reports write it ("…, sier Soleim.", "…, says
# Walker", "…, erklärt Müller", "…, explique Durand"): one to three capitalised words
# before the clause ends (not after "writes": newspapers write, "skriver Aftenposten")
_SPEAKER = re.compile(
    r"(?<![^\W\d_])(?:sier|sa|forteller|fortalte|mener|says|said|explains|explained|adds|"
    r"added|sagt|sagte|erzählt|erzählte|erklärt|erklärte|meint|meinte|explique|raconte|"
    rf"ajoute|précise)[ \u00a0]+(?P<name>{_WORD}(?:[ \u00a0]+{_WORD}){{0,2}})"
    r"(?=[ \u00a0]*(?:[.,;:!?)]|$))"
)


def _speaker_mentions(
    text: str, file: str, reader: _Reader, body: list[tuple[int, int]], taken: list[Mention]
) -> list[Mention]:
    """The speaker of a reported quote, which no rule or model took, unless a word of it is
    no name (a stop word, an institution's or a place's word)."""
    found = []
    for match, s, e in _untaken(_SPEAKER, text, body, taken, "name"):
        words = list(re.finditer(r"\S+", match.group("name")))
        if any(
            reader.not_a_name(w.group(), s + w.start()) and not _has_evidence(w.group())
            for w in words
        ):
            continue
        found.append(_mention(reader, file, s, e))
    return found


_MODELS = {"kk": kazakh_model.person_spans, "ru": russian_model.person_spans}
_INITIAL_IN = re.compile(rf"(?<![{_LOWER}{_UPPER}]){_INITIAL}")
_CAPS_IN = re.compile(rf"(?<!{_LETTER}){_CAPS}(?!{_LETTER})")


def _paragraphs(text: str, body: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The body cut at blank lines (each paragraph has its language), spaces around left out."""
    found = []
    for start, end in body:
        for match in re.finditer(r"\S(?:(?!\n[ \t\u00a0]*\n)[\s\S])*", text[start:end]):
            found.append((start + match.start(), start + match.end()))
    return found


_ADJECTIVE_OR_TITLE = re.compile(
    r"(ый|ий|ой)$|^(президент|министр|премьер|генерал|посол|депутат|аким|әкім)"
)


def _glued_on(word: str) -> bool:
    """A word that is never part of a name: a stop word, a title, an adjective or a verb."""
    lowered = word.lower()
    return (
        lowered in lexicon.STOP_WORDS
        or lowered in lexicon.INSTITUTION_WORDS
        or (not is_surname(word) and lexicon.is_ordinary_word(word, sentence_start=False))
    )


def _trimmed(reader: _Reader, start: int, end: int) -> tuple[int, int] | None:
    """A model's span without the words glued on at its edges: a title or an ordinary word
    before the name, a title or a nominative adjective after it ("Шарлю де Голлю
    Чрезвычайный"; a surname in another case may look like an adjective: "Юрию
    Долгорукому"); None when nothing of a name is left."""
    words = [
        (start + m.start(), start + m.end())
        for m in re.finditer(r"[^\W\d_][\w'’-]*", reader.text[start:end])
    ]
    if not words or all(reader.not_a_name(reader.text[s:e], s) for s, e in words):
        return None
    while words and _glued_on(reader.text[slice(*words[0])]):
        words = words[1:]
    if len(words) >= 3 and _title_before(reader, [reader.text[slice(*w)] for w in words]):
        words = words[1:]  # "Ғалым Ержан Қара": a title the text also writes in lower case
    while (
        words
        and _glued_on(reader.text[slice(*words[-1])])
        and _ADJECTIVE_OR_TITLE.search(reader.text[slice(*words[-1])].lower())
    ):
        words = words[:-1]
    if not words:
        return None
    first = start if reader.text[start : words[0][0]].strip() == "" else words[0][0]
    return first, words[-1][1]


def _title_before(reader: _Reader, words: list[str]) -> bool:
    """The first of three or more words is a common noun of this text (it writes it in lower
    case too) and no word is a patronymic, so the first is a title, not a given name."""
    return words[0].lower() in reader.lowercase and not any(_PATRONYMIC.search(w) for w in words)


def _with_given_name_before(reader: _Reader, start: int, end: int) -> tuple[int, int]:
    """A model's span with the given name right before it that the model left out ("Иосиф"
    before "Броз Тито"), unless the span itself begins with a given name."""
    before = re.search(rf"(?<!{_LETTER})({_WORD}) $", reader.text[max(0, start - 40) : start])
    if before is None or lexicon.is_given_name(reader.text[start:end].split()[0]):
        return start, end
    word = before.group(1)
    if len(word) < 4 or not lexicon.is_given_name(word) or word.lower() in lexicon.STOP_WORDS:
        return start, end  # a short word is as often a common noun ("Әні": the song)
    return start - len(before.group(0)), end


_LATIN_IN_BRACKETS = re.compile(r"[ \u00a0]*\(([A-Za-z][^()\n]*)\)?$")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A model's span cut at commas (a list of names: "Овечкин, Фёдоров") and where a name
    is followed by its Latin spelling in brackets, which is a mention of its own ("Джоэл
    Саймон (Joel Simon)"); a bracketed name in the same script (a maiden name) stays."""
    pieces = []
    for part in re.finditer(r"[^,\s](?:[^,]*[^,\s])?", text[start:end]):
        s, e = start + part.start(), start + part.end()
        match = _LATIN_IN_BRACKETS.search(text, s, e)
        if match is None or match.start() == s or re.search("[A-Za-z]", text[s : match.start()]):
            pieces.append((s, e))
        else:
            pieces += [(s, match.start()), match.span(1)]
    return pieces


def _model_mentions(
    text: str, file: str, reader: _Reader, body: list[tuple[int, int]]
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Persons the model of a paragraph's language finds (natasha for Russian, the KazNERD
    model for Kazakh), with base forms by the names engine; and the paragraphs read so. A
    span whose every word is no part of a name by the rules ("Великой Отечественной", a word
    the text also writes in lower case), or that names an army or a place, is left out."""
    found, read = [], []
    for start, end in _paragraphs(text, body):
        model = _MODELS.get(reader.language_at(start))
        if model is None:
            continue
        read.append((start, end))
        for span in (p for s, e in model(text, start, end) for p in _pieces(text, s, e)):
            trimmed = _trimmed(reader, *span)
            if trimmed is None:
                continue
            s, e = _with_given_name_before(reader, *trimmed)
            words = text[s:e].split()
            if any(
                kazakh_base(w.lower().replace("ə", "ә")) in lexicon.INSTITUTION_WORDS for w in words
            ) or reader.names_a_place_or_unit(s, e, len(words) == 1):
                continue  # fmt: skip
            found.append(_mention(reader, file, s, e))
    return found, read


def _beside(
    model: list[Mention], rules: list[Mention], read: list[tuple[int, int]]
) -> list[Mention]:
    """Where no model read the paragraph, the rules' mentions; where one did, the model's,
    and the rules' with initials (forms news text lacks: "П.К.\nПономаренко", "Қ.Қайсенов"),
    which replace a model's mention they overlap."""

    def overlap(a: Mention, b: Mention) -> bool:
        return a.start < b.end and b.start < a.end

    def in_read(m: Mention) -> bool:
        return any(s <= m.start < e for s, e in read)

    with_initials = [
        m for m in rules if in_read(m) and (_INITIAL_IN.search(m.text) or _CAPS_IN.search(m.text))
    ]
    kept = [m for m in model if not any(overlap(m, r) for r in with_initials)]
    rest = [m for m in rules if not in_read(m)]
    return sorted(kept + with_initials + rest, key=lambda m: m.start)


_HYPHEN_HONORIFIC = re.compile(r"-(\w+)$")


def _without_honorific(reader: _Reader, mention: Mention) -> Mention:
    """A mention without the honorific a hyphen glues on: "Сейітжан-ата" → "Сейітжан"."""
    found = _HYPHEN_HONORIFIC.search(mention.text)
    if found is None or found.group(1).lower() not in lexicon.HONORIFICS_AFTER:
        return mention
    end = mention.start + found.start()
    return _mention(reader, mention.file, mention.start, end, mention.antecedent)


def _referring_back(full: list[Mention]) -> list[Mention]:
    """A one-word mention that repeats a word of a longer one in the same text ("Nuri" after
    "Nuri Killigil") refers back to it; a longer one in the genitive -s ("Nikolaj
    Shelgokovs") takes the base form of the same name written without it."""
    known: dict[str, Mention] = {}
    for mention in full:
        if len(mention.base.split()) > 1:
            known.setdefault(mention.base.lower(), mention)
            for word in mention.base.split():
                known.setdefault(word.lower(), mention)
    result = []
    for mention in full:
        key = mention.base.lower()
        other = known.get(key[:-1]) if _GENITIVE_S.search(mention.base.split()[-1]) else None
        if other is not None and len(mention.base.split()) > 1 and other is not mention:
            mention = replace(mention, base=other.base, antecedent=other.start)
        elif len(mention.base.split()) == 1 and mention.antecedent is None:
            antecedent = known.get(key)
            if antecedent is not None:
                mention = replace(mention, antecedent=antecedent.start)
        result.append(mention)
    return result


def find_mentions(text: str, file: str = "") -> list[Mention]:
    """Person mentions in the body of ``text``, in order, not overlapping; ``cluster`` empty."""
    reader, body = _Reader(text), body_spans(text)
    model, read = _model_mentions(text, file, reader, body)
    full = _beside(model, _full_mentions(text, file, reader, body), read)
    titled = _titled_mentions(text, file, reader, body, full)
    full = [m for m in full if not any(t.start <= m.start and m.end <= t.end for t in titled)]
    titled += _von_mentions(text, file, reader, body, full + titled)
    titled += _alias_mentions(text, file, reader, body, full + titled)
    titled += _speaker_mentions(text, file, reader, body, full + titled)
    full = [_without_honorific(reader, m) for m in sorted(full + titled, key=lambda m: m.start)]
    full = _referring_back(full)
    return sorted(full + _short_mentions(text, file, reader, body, full), key=lambda m: m.start)


def _parts(base: str) -> tuple[str, list[str]]:
    """(surname, given names or initials) of a mention's base form."""
    tokens = base.split()
    words = [t for t in tokens if not t.endswith(".")]
    surname = next(
        (w for w in words if is_surname(w)),
        next(
            (w for w in reversed(words) if not lexicon.is_given_name(w)), words[-1] if words else ""
        ),
    )
    given = [t for t in tokens if t != surname]
    return surname, given


def _compatible(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return True
    level = compare_words(a[0], b[0])
    return level in (Level.IDENTICAL, Level.SAME_SOUND, Level.SPELLED_ALIKE, Level.INITIAL_MATCH)


def cluster_mentions(mentions: list[Mention]) -> list[Mention]:
    """The same ``cluster`` for mentions of one person across all texts: one surname (across
    scripts and case endings) and given names that agree where both are stated; a short
    mention takes the cluster of the full one it refers back to."""
    clusters: list[tuple[str, list[list[str]]]] = []  # (surname, given parts of members)
    labels: list[str] = []
    label_at: dict[tuple[str, int], str] = {}
    for mention in mentions:
        if mention.antecedent is not None and (mention.file, mention.antecedent) in label_at:
            label = label_at[(mention.file, mention.antecedent)]
        else:
            label = _join(clusters, *_parts(mention.base))
        label_at[(mention.file, mention.start)] = label
        labels.append(label)
    return [replace(m, cluster=label) for m, label in zip(mentions, labels, strict=True)]


def _join(clusters: list[tuple[str, list[list[str]]]], surname: str, given: list[str]) -> str:
    for number, (known, members) in enumerate(clusters):
        same = compare_words(surname, known) in (Level.IDENTICAL, Level.SAME_SOUND)
        if same and all(_compatible(given, g) for g in members):
            members.append(given)
            return f"p{number + 1}"
    clusters.append((surname, [given]))
    return f"p{len(clusters)}"
