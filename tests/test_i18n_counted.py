"""Every count the interface shows takes its noun's number form (issue 20: "1 запись",
"3 записи", "11 записей"), in every template, in kk, ru and en."""

import re
from pathlib import Path

import pytest

from tagdyr.i18n import _STRINGS, LANGUAGES, counted

TEMPLATES = Path(__file__).parents[1] / "src" / "tagdyr" / "web" / "templates"
_TN = re.compile(r"tn\([^,]+,\s*'([a-z_]+)'(\s*~\s*job\.stage)?\)")
_LINK_STAGES = range(3)


def _counted_keys() -> set[str]:
    keys: set[str] = set()
    for page in TEMPLATES.glob("*.html"):
        for key, staged in _TN.findall(page.read_text(encoding="utf-8")):
            keys.update(f"{key}{s}" for s in _LINK_STAGES) if staged else keys.add(key)
    return keys


def test_templates_count_through_tn() -> None:
    assert {"link_records", "paragraphs", "link_count_unit_1", "rows"} <= _counted_keys()


@pytest.mark.parametrize("key", sorted(_counted_keys()))
def test_every_counted_noun_has_its_three_forms_in_every_language(key: str) -> None:
    for form in (key, key + "_1", key + "_2"):
        assert form in _STRINGS, form
        assert set(LANGUAGES) <= set(_STRINGS[form]), form


def test_no_template_puts_a_number_before_a_counted_noun_without_tn() -> None:
    nouns = "|".join(k.removesuffix("_1") for k in _STRINGS if k.endswith("_1"))
    bare = re.compile(r"\}\}\s*(?:</strong>)?\s*\{\{ t\('(" + nouns + r"|records)'\)(?:\|\w+)?")
    found = [
        (page.name, m.group(1))
        for page in TEMPLATES.glob("*.html")
        for m in bare.finditer(page.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "запись"), (3, "записи"), (5, "записей"), (11, "записей"), (12, "записей"),
     (21, "запись"), (24, "записи"), (111, "записей"), (1002, "записи")],
)  # fmt: skip
def test_russian_takes_the_form_of_one_few_or_many(n: int, word: str) -> None:
    assert counted(n, "link_records", "ru") == word


def test_english_and_kazakh_after_a_number() -> None:
    assert [counted(n, "link_matches", "en") for n in (1, 2, 5)] == ["match", "matches", "matches"]
    assert {counted(n, "link_persons", "kk") for n in (1, 2, 5)} == {"тұлға"}
