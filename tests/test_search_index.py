"""One name index for search and linkage: Cyrillic readings of Latin names, one-letter slips,
"did you mean", and the property that a name the engine judges the same finds its man."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, func, select
from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.i18n import LANGUAGES, translate
from tagdyr.link.features import features, record_from_name
from tagdyr.names import Convention, romanize
from tagdyr.names.index import word_keys
from tagdyr.names.similarity import compare
from tagdyr.search import _ANSWERS, search, suggestions
from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.sources.reindex import reindex_names
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tagdyr.web.app import create_app
from tests.files import write_csv

runner = CliRunner()


@pytest.mark.parametrize(
    ("query", "man"),
    [
        ("Bajmagambetow", "Баймагамбетов"),  # a German clerk's spelling: the Cyrillic reading
        ("Bektsnov", "Бектанов"),  # a wrong letter
        ("Bektamov", "Бектанов"),
        ("Gabdullim", "Габдуллин"),
        ("Kumaev", "Кунаев"),
        ("Bektnov", "Бектанов"),  # a missing letter
        ("Bektaanov", "Бектанов"),  # an extra letter
    ],
)
def test_the_demo_finds_a_man_by_a_reading_or_a_slip(demo_db: str, query: str, man: str) -> None:
    client = TestClient(create_app(load_settings(database_url=demo_db)))
    page = client.get("/search", params={"q": query, "lang": "en"})
    assert page.status_code == 200
    assert man in page.text, f"{query!r} should find {man}"


def test_nobody_found_offers_names_in_three_languages_and_in_the_command(demo_db: str) -> None:
    client = TestClient(create_app(load_settings(database_url=demo_db)))
    for lang in LANGUAGES:
        page = client.get("/search", params={"q": "Bktsnv Mzht", "lang": lang})
        assert translate("nobody_found", lang) in page.text
        assert translate("did_you_mean", lang) in page.text
        assert "Бектанов Мажит" in page.text.split(translate("did_you_mean", lang), 1)[1]
    out = runner.invoke(app, ["search", "Bktsnv Mzht", "--db", demo_db])
    assert out.exit_code == 0, out.output
    assert "did you mean" in out.output and "Бектанов Мажит" in out.output
    found = runner.invoke(app, ["search", "Bektanov", "--db", demo_db])
    assert "did you mean" not in found.output


def test_a_far_name_is_no_suggestion(demo_db: str) -> None:
    engine = create_db_engine(demo_db)
    with engine.connect() as conn:
        assert search(conn, "Qwzxyjkv") == []
        assert suggestions(conn, "Qwzxyjkv") == []
    engine.dispose()


def test_search_and_linkage_read_the_same_keys_of_a_word() -> None:
    """The linkage feature row's surname columns are the name index's keys of the word."""
    row = features(record_from_name("1", "a", "Bajmagambetow Timur", 1914))
    keys = word_keys("Bajmagambetow")
    assert keys is not None
    assert (row["surname_canon"], row["surname_key"]) == (keys.canon, keys.key)
    assert row["surname_forms"] == list(keys.forms) and row["surname_keys"] == list(keys.keys)
    assert keys.canon == word_keys("Баймагамбетов").canon  # type: ignore[union-attr]


def test_reindexing_restores_the_index(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    migrate(engine)
    listed = write_csv(tmp_path / "l.csv", [["Фамилия", "Имя"], ["Бектанов", "Мажит"]])
    import_table(engine, listed, SourceInfo("l", "List", "Archive"))
    with engine.begin() as conn:
        stored = set(conn.execute(select(s.name_key.c.key)).scalars())
        conn.execute(delete(s.name_key))
        assert search(conn, "Bektanow") == []
        assert reindex_names(conn) == 1
        assert set(conn.execute(select(s.name_key.c.key)).scalars()) == stored
        assert [h.label for h in search(conn, "Bektsnov")] == ["Бектанов Мажит"]
    engine.dispose()


# --- the property: a name the engine judges the same finds its man ----------------------

_SURNAMES = ("Бектанов", "Жуманиязов", "Баймагамбетов", "Габдуллин", "Кунаев", "Сейтказиев",
             "Нурпеисов", "Ахметов", "Шайхутдинов", "Усенбаев", "Токтаров", "Чокаев")  # fmt: skip
_GIVEN = ("Мажит", "Кассым", "Нурлан", "Серик", "Жамал", "Тимур", "Ыскак", "Абай")
_CONVENTIONS = (None, Convention.ENGLISH, Convention.GERMAN, Convention.FRENCH)


@st.composite
def _rendering(draw: st.DrawFn, word: str, slips: bool = True) -> str:
    """The word as a clerk might write it: in Cyrillic or a convention, perhaps one slip."""
    convention = draw(st.sampled_from(_CONVENTIONS))
    text = word if convention is None else romanize(word, convention).capitalize()
    slip = draw(st.sampled_from(("none", "wrong", "missing", "extra") if slips else ("none",)))
    if slip == "none" or len(text) < 6:
        return text
    at = draw(st.integers(2, len(text) - 2))
    letter = draw(st.sampled_from("аеоинкмт" if convention is None else "aeoinkmt"))
    if slip == "wrong":
        return text[:at] + letter + text[at + 1 :]
    if slip == "missing":
        return text[:at] + text[at + 1 :]
    return text[:at] + letter + text[at:]


@st.composite
def _name_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A name as written and as asked for, with at most one slip in all: search tolerates one
    wrong, missing or extra letter (two, one in each name, are for "did you mean")."""
    surname, name = draw(st.sampled_from(_SURNAMES)), draw(st.sampled_from(_GIVEN))
    where = draw(st.integers(0, 3))  # which of the four words may have the slip
    words = [draw(_rendering(w, slips=where == i))
             for i, w in enumerate((surname, name, surname, name))]  # fmt: skip
    return f"{words[2]} {words[3]}", f"{words[0]} {words[1]}"


@pytest.fixture(scope="module")
def register() -> Iterator[Engine]:
    """A real SQLite database with a register of every surname with every given name, in
    Cyrillic: the men a query may be looking for among their namesakes."""
    folder = tempfile.TemporaryDirectory()
    engine = create_db_engine(f"sqlite:///{Path(folder.name) / 'search.db'}")
    migrate(engine)
    rows = [["Фамилия", "Имя"], *([f, g] for f in _SURNAMES for g in _GIVEN)]
    import_table(engine, write_csv(Path(folder.name) / "r.csv", rows),
                 SourceInfo("register", "Register", "Archive", kind="register"))  # fmt: skip
    yield engine
    engine.dispose()
    folder.cleanup()


# The module-scoped register is shared on purpose: each example adds its own record to it.
# too_slow is suppressed because every example imports a file into a real database.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pair=_name_pair())
def test_a_name_the_engine_judges_the_same_finds_its_man(
    register: Engine, pair: tuple[str, str]
) -> None:
    asked, written = pair
    assume(compare(asked, written).score >= _ANSWERS)
    with tempfile.TemporaryDirectory() as folder, register.connect() as conn:
        before = conn.execute(select(func.max(s.record.c.id))).scalar_one()
        conn.commit()
        listed = write_csv(Path(folder) / "one.csv", [["№", "ФИО"], [str(before), written]])
        import_table(register, listed, SourceInfo(f"one-{before}", "One record", "Archive"))
        record_id = conn.execute(select(func.max(s.record.c.id))).scalar_one()
        found = {h.record_id for h in search(conn, asked, limit=500)}
        assert record_id in found, f"{asked!r} does not find {written!r}"
