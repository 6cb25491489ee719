"""The stand-off gold of the real texts: loader, validator and the held-out split.

The texts live outside the repository (``../shared/texts/real``, or ``TAGDYR_REAL_TEXTS``);
their sentences may not be copied here. Each ``gold/<lang>-<nn>.tsv`` names its text and the
SHA-256 of its bytes, then lists one person mention a line: start, end (Python ``str`` offsets
into the UTF-8-decoded text, end exclusive), the span as written (``\\n`` for a line break),
its base form and a person id shared across documents. ``gold/<lang>-<nn>.facts.tsv`` lists
what the text states about a named person: person id, kind, value, and the start and end of
the evidence. ``gold/persons.tsv`` is the register of person ids: every id used is there, and
every id there is used.

    python -m bench.texts_real.gold      # validate every gold file, print the counts
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tagdyr.errors import SourceError

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
REAL_TEXTS = Path(
    os.environ.get("TAGDYR_REAL_TEXTS", HERE.parents[2] / "shared" / "texts" / "real")
)
LANGUAGES = ("kk", "ru", "en", "fr", "de", "no")
KINDS = ("birth_date", "birth_place", "death_date", "death_place", "rank", "role", "unit",
         "capture", "camp", "escape", "liberation", "repatriation", "arrest", "sentence",
         "rehabilitation", "award")  # fmt: skip
DATE_KINDS = frozenset({"birth_date", "death_date"})
# Events: the value is the date (ISO) when the text gives one, else the place as written,
# else "-" (the event is stated, with neither date nor place).
EVENT_KINDS = frozenset({"capture", "escape", "liberation", "repatriation", "arrest",
                         "sentence", "rehabilitation"})  # fmt: skip
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
PERSON_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SET_ASIDE_PER_LANGUAGE = 2  # a third of the six texts of each language


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    span: str
    base: str
    person: str


@dataclass(frozen=True)
class GoldFact:
    doc: str
    person: str
    kind: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldDocument:
    name: str  # "kk-01"
    file: str  # path relative to the real texts' folder
    text: str
    mentions: tuple[GoldMention, ...]
    facts: tuple[GoldFact, ...]

    @property
    def lang(self) -> str:
        return self.name.split("-")[0]


def set_aside(names: list[str]) -> list[str]:
    """The held-out third: of each language's texts, the two whose names ("kk-01") have the
    smallest SHA-256 digest. Deterministic, and blind to the texts' contents."""
    chosen: list[str] = []
    for lang in LANGUAGES:
        own = [n for n in names if n.split("-")[0] == lang]
        own.sort(key=lambda n: hashlib.sha256(n.encode("utf-8")).hexdigest())
        chosen += sorted(own[:SET_ASIDE_PER_LANGUAGE])
    return chosen


def document_names(gold: Path = GOLD) -> list[str]:
    return sorted(p.stem for p in gold.glob("*.tsv") if p.stem.count(".") == 0
                  and p.stem != "persons")  # fmt: skip


def _unescape(field: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), field)


def _rows(path: Path, width: int) -> tuple[dict[str, str], list[tuple[int, list[str]]]]:
    """Header (``# key<TAB>value`` lines) and the data rows with their line numbers."""
    header: dict[str, str] = {}
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#"):
            key, _, value = line[1:].strip().partition("\t")
            header.setdefault(key, value)
        elif line.strip():
            fields = line.split("\t")
            if len(fields) != width:
                raise SourceError(f"{len(fields)} fields, expected {width}", file=str(path),
                                  row=number)  # fmt: skip
            rows.append((number, fields))
    return header, rows


def _text_of(path: Path, header: dict[str, str], texts_at: Path) -> tuple[str, str]:
    for key in ("file", "sha256"):
        if not header.get(key):
            raise SourceError(f"no '# {key}' header line", file=str(path))
    source = texts_at / header["file"]
    if not source.is_file():
        raise SourceError(f"the annotated text {source} does not exist", file=str(path))
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != header["sha256"]:
        raise SourceError(f"{source} is not the text annotated (checksum differs)",
                          file=str(path))  # fmt: skip
    return header["file"], data.decode("utf-8")


def _offsets(path: Path, number: int, start: str, end: str, text: str) -> tuple[int, int]:
    if not (start.isdigit() and end.isdigit()):
        raise SourceError("start and end must be whole numbers", file=str(path), row=number,
                          column="start")  # fmt: skip
    a, b = int(start), int(end)
    if not 0 <= a < b <= len(text):
        raise SourceError(f"span {a}–{b} lies outside the text (0–{len(text)})",
                          file=str(path), row=number, column="start")  # fmt: skip
    return a, b


def _mentions(path: Path, name: str, text: str, rows: list[tuple[int, list[str]]]
              ) -> list[GoldMention]:  # fmt: skip
    found: list[GoldMention] = []
    for number, (start, end, span, base, person) in rows:
        a, b = _offsets(path, number, start, end, text)
        written = _unescape(span)
        if text[a:b] != written:
            raise SourceError(f"the text has {text[a:b]!r} at {a}–{b}, not {written!r}",
                              file=str(path), row=number, column="span")  # fmt: skip
        if not base.strip():
            raise SourceError("empty base form", file=str(path), row=number, column="base")
        if not PERSON_ID.match(person):
            raise SourceError(f"person id {person!r} is not lowercase-with-hyphens",
                              file=str(path), row=number, column="person")  # fmt: skip
        if found and a < found[-1].end:
            raise SourceError("mentions must be in text order and not overlap",
                              file=str(path), row=number, column="start")  # fmt: skip
        found.append(GoldMention(name, a, b, written, _unescape(base), person))
    return found


def _check_value(path: Path, number: int, kind: str, value: str) -> None:
    if kind not in KINDS:
        raise SourceError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})",
                          file=str(path), row=number, column="kind")  # fmt: skip
    if not value.strip():
        raise SourceError("empty value", file=str(path), row=number, column="value")
    if kind in DATE_KINDS and not ISO_DATE.match(value):
        raise SourceError(f"{kind} {value!r} is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD)",
                          file=str(path), row=number, column="value")  # fmt: skip


def _facts(path: Path, name: str, text: str, rows: list[tuple[int, list[str]]],
           persons: set[str]) -> list[GoldFact]:  # fmt: skip
    found: list[GoldFact] = []
    for number, (person, kind, value, start, end) in rows:
        if person not in persons:
            raise SourceError(f"person {person!r} is not mentioned in {name}",
                              file=str(path), row=number, column="person")  # fmt: skip
        _check_value(path, number, kind, value)
        a, b = _offsets(path, number, start, end, text)
        found.append(GoldFact(name, person, kind, value, a, b))
    return found


def load_document(name: str, gold: Path = GOLD, texts_at: Path = REAL_TEXTS) -> GoldDocument:
    """One text's gold, validated: checksum, offsets against the text, kinds and values."""
    path, facts_path = gold / f"{name}.tsv", gold / f"{name}.facts.tsv"
    header, rows = _rows(path, 5)
    file, text = _text_of(path, header, texts_at)
    mentions = _mentions(path, name, text, rows)
    facts_header, fact_rows = _rows(facts_path, 5)
    if (facts_header.get("file"), facts_header.get("sha256")) != (file, header["sha256"]):
        raise SourceError(f"names another text than {path.name}", file=str(facts_path))
    facts = _facts(facts_path, name, text, fact_rows, {m.person for m in mentions})
    return GoldDocument(name, file, text, tuple(mentions), tuple(facts))


def _register(gold: Path) -> dict[str, str]:
    _, rows = _rows(gold / "persons.tsv", 2)
    return {person: name for _, (person, name) in rows}


def load_all(gold: Path = GOLD, texts_at: Path = REAL_TEXTS) -> list[GoldDocument]:
    """Every gold document, validated one by one and together: 6 texts per language, and the
    person ids are exactly those of the register ``persons.tsv``."""
    if not texts_at.is_dir():
        raise SourceError("the real texts are not there; set TAGDYR_REAL_TEXTS",
                          file=str(texts_at))  # fmt: skip
    docs = [load_document(name, gold, texts_at) for name in document_names(gold)]
    per_language = Counter(d.lang for d in docs)
    if any(per_language[lang] != 6 for lang in LANGUAGES) or len(docs) != 36:
        raise SourceError(f"expected 6 texts per language, found {dict(per_language)}",
                          file=str(gold))  # fmt: skip
    used = {m.person for d in docs for m in d.mentions}
    register = set(_register(gold))
    if used - register:
        raise SourceError(f"person ids not in the register: {sorted(used - register)}",
                          file=str(gold / "persons.tsv"))  # fmt: skip
    if register - used:
        raise SourceError(f"register ids never used: {sorted(register - used)}",
                          file=str(gold / "persons.tsv"))  # fmt: skip
    return docs


def main() -> None:
    docs = load_all()
    held = set(set_aside([d.name for d in docs]))
    print("| language | texts | mentions | persons | facts |\n|---|---|---|---|---|")
    for lang in (*LANGUAGES, "all"):
        own = [d for d in docs if lang in ("all", d.lang)]
        persons = {m.person for d in own for m in d.mentions}
        print(
            f"| {lang} | {len(own)} | {sum(len(d.mentions) for d in own)} | {len(persons)} "
            f"| {sum(len(d.facts) for d in own)} |"
        )
    print(f"\nset aside: {', '.join(sorted(held))}")


if __name__ == "__main__":
    main()
