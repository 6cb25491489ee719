"""The stand-off gold of the real texts (bench/texts_real/gold) against the texts themselves.

The texts are not in the repository: they are read from ``../shared/texts/real`` (or
``TAGDYR_REAL_TEXTS``), which CI copies beside the clone, so a missing folder fails here.
No sentence of the texts is copied into this file: the mutations below work on gold rows.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bench.texts_real.gold import (
    GOLD,
    KINDS,
    LANGUAGES,
    REAL_TEXTS,
    document_names,
    load_all,
    load_document,
    set_aside,
)

from tagdyr.errors import SourceError

README = GOLD.parent / "README.md"


def test_the_real_texts_are_there() -> None:
    assert REAL_TEXTS.is_dir(), f"{REAL_TEXTS} is missing: the gold of the real texts needs it"


def test_every_gold_file_matches_its_text() -> None:
    docs = load_all()
    assert len(docs) == 36
    for doc in docs:
        assert doc.mentions, f"{doc.name}: no mention"
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.span
        assert all(f.kind in KINDS for f in doc.facts)


def test_a_person_id_names_one_person_across_documents() -> None:
    """Persons who recur across texts and scripts carry one id (the register persons.tsv,
    checked by load_all, holds exactly the ids used)."""
    docs = load_all()
    by_person: dict[str, set[str]] = {}
    for doc in docs:
        for m in doc.mentions:
            by_person.setdefault(m.person, set()).add(doc.name)
    assert len(by_person["shokay-mustafa"]) >= 6
    assert by_person["soleim-marianne"] == {"en-06", "no-05"}


def _copy_gold(tmp_path: Path, name: str) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    for suffix in (".tsv", ".facts.tsv"):
        shutil.copy(GOLD / f"{name}{suffix}", gold / f"{name}{suffix}")
    return gold


def _edit(path: Path, row: int, column: int, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    data = [i for i, line in enumerate(lines) if line and not line.startswith("#")]
    fields = lines[data[row]].split("\t")
    fields[column] = value
    lines[data[row]] = "\t".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("suffix", "column", "value", "message"),
    [
        (".tsv", 0, "1", "not"),  # the span moved: the text has other characters there
        (".tsv", 1, "999999", "outside the text"),
        (".tsv", 4, "Not An Id", "lowercase-with-hyphens"),
        (".facts.tsv", 1, "residence", "unknown kind"),
        (".facts.tsv", 0, "nobody-here", "not mentioned"),
    ],
)
def test_the_validator_names_file_and_row_of_a_bad_line(
    tmp_path: Path, suffix: str, column: int, value: str, message: str
) -> None:
    gold = _copy_gold(tmp_path, "no-05")
    _edit(gold / f"no-05{suffix}", 1, column, value)
    with pytest.raises(SourceError, match=message) as raised:
        load_document("no-05", gold, REAL_TEXTS)
    assert raised.value.file.endswith(f"no-05{suffix}") and raised.value.row is not None


def test_a_birth_date_must_be_iso(tmp_path: Path) -> None:
    gold = _copy_gold(tmp_path, "no-05")
    facts = gold / "no-05.facts.tsv"
    rows = [line for line in facts.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    at = next(i for i, line in enumerate(rows) if "\tbirth_date\t" in line)
    _edit(facts, at, 2, "born 1907")
    with pytest.raises(SourceError, match="ISO date"):
        load_document("no-05", gold, REAL_TEXTS)


def test_a_changed_text_is_refused(tmp_path: Path) -> None:
    texts = tmp_path / "real"
    shutil.copytree(REAL_TEXTS / "no", texts / "no")
    changed = next((texts / "no").glob("05-*.txt"))
    changed.write_bytes(changed.read_bytes() + b" ")
    with pytest.raises(SourceError, match="checksum differs"):
        load_document("no-05", GOLD, texts)


def test_a_missing_text_folder_is_an_error_not_an_empty_set(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not there"):
        load_all(GOLD, tmp_path / "nowhere")


def test_the_set_aside_third_is_two_per_language_and_listed_in_the_readme() -> None:
    names = document_names()
    held = set_aside(names)
    assert len(held) == 12 and len(set(held)) == 12
    for lang in LANGUAGES:
        assert sum(n.startswith(f"{lang}-") for n in held) == 2
    assert set_aside(list(reversed(names))) == held  # the order of the input does not matter
    listed = re.findall(r"`([a-z]{2}-\d{2})`", README.read_text(encoding="utf-8").split(
        "## Set aside")[1].split("##")[0])  # fmt: skip
    assert sorted(listed) == sorted(held)
