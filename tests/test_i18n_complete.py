"""The interface is complete in Kazakh, Russian and English: every string a template or the
code asks for, every claim kind, source kind, place kind, audit action, facet and role, every
place name and the phrases tagdyr writes into stored records."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

import pytest
from sqlalchemy import select

from tagdyr.accounts import ROLES
from tagdyr.dossier import SUMMARY_KINDS
from tagdyr.i18n import _STRINGS, LANGUAGES, localize, localize_summary
from tagdyr.link.engine import MISSING_LEVEL
from tagdyr.link.model import load_model
from tagdyr.names.similarity import FREQUENCY_PARTS, Level, Part
from tagdyr.search import FACETS, SORTS
from tagdyr.store import schema as s
from tagdyr.store.audit import ACTIONS
from tagdyr.texts.claims import KINDS
from tagdyr.vocab.fields import FIELDS
from tagdyr.vocab.gazetteer import places
from tagdyr.web.linkage import STAGES
from tagdyr.web.person_view import FATE_PHRASES
from tagdyr.web.review_view import STATES

_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _templates() -> str:
    texts = []
    for package in ("tagdyr.web", "tagdyr.export"):
        folder = resources.files(package) / "templates"
        texts += [entry.read_text(encoding="utf-8") for entry in folder.iterdir()]
    return "\n".join(texts)


def _python_sources() -> str:
    root = resources.files("tagdyr")
    return "\n".join(p.read_text(encoding="utf-8") for p in _walk(root) if p.name.endswith(".py"))


def _walk(folder):  # type: ignore[no-untyped-def]
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _walk(entry)
        else:
            yield entry


def _record_kinds() -> tuple[str, ...]:
    """The record kinds of the shipped import profiles, as the dossier makes them keys."""
    from tagdyr.sources.profiles import shipped_profiles

    return tuple(
        kind.lower().replace(" ", "_")
        for profile in shipped_profiles().values()
        if profile.register
        for kind in profile.register.kinds
    )


def _complete(key: str) -> bool:
    texts = _STRINGS.get(key, {})
    return set(texts) == set(LANGUAGES) and all(texts.values())


def test_every_key_a_template_or_the_code_asks_for_has_three_languages() -> None:
    static = set(re.findall(r"\bt\(\s*['\"]([a-z_.]+)['\"]\s*\)", _templates()))
    static |= set(re.findall(r"\btranslate\(\s*['\"]([a-z_.]+)['\"]", _python_sources()))
    assert len(static) > 100, "the patterns are stale"
    assert sorted(k for k in static if not _complete(k)) == []
    assert sorted(k for k in _STRINGS if not _complete(k)) == []


def test_every_prefix_a_template_builds_a_key_from_is_known() -> None:
    """Keys built at run time (``t('kind_' ~ c.kind)``) come from these families only, so the
    families below cover every such key."""
    prefixes = set(re.findall(r"\bt\(\s*['\"]([a-z_]+_)['\"]\s*~", _templates()))
    known = {"kind_", "act_", "cmp_", "facet_", "related_", "role_", "record_kind_"}
    known |= {"sort_", "match_", "match_part_", "match_level_", "verdict_", "link_", "evidence_"}
    known |= {"field_", "fieldcmp_", "link_stage_", "link_count_unit_", "lvl_"}
    assert prefixes <= known, prefixes


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("kind_", KINDS),
        ("kind_", tuple({p.kind for p in places().values()})),
        ("act_", ACTIONS),
        ("facet_", FACETS),
        ("role_", ROLES),
        ("related_", ("list", "camp", "unit")),
        ("record_kind_", _record_kinds()),
        ("sort_", SORTS),
        ("match_", ("strong", "fair", "weak")),
        (
            "match_part_",
            tuple(p.value for p in Part if p is not Part.ORDER and p not in FREQUENCY_PARTS),
        ),
        ("match_level_", tuple(level.value for level in Level)),
        ("summary_", SUMMARY_KINDS),
        ("kind_", SUMMARY_KINDS),
        ("verdict_", ("agree", "differ")),
        ("evidence_", ("for", "against", "neutral")),
        ("link_", ("only", "confirmed", "very_strong", "strong", "probable", "weak", "manual")),
        ("", tuple(FATE_PHRASES.values())),
        ("field_", tuple(FIELDS)),
        ("fieldcmp_", STATES),
        ("link_stage_", tuple(str(n) for n in range(STAGES))),
        ("link_count_unit_", tuple(str(n) for n in range(STAGES))),
        (
            "lvl_",
            (
                MISSING_LEVEL,
                *(label for levels in load_model().parameters.values() for label in levels),
            ),
        ),
    ],
)
def test_each_family_of_keys_is_complete(prefix: str, values: tuple[str, ...]) -> None:
    assert sorted(v for v in values if not _complete(prefix + v)) == []


def test_every_claim_and_source_kind_of_the_demo_has_three_languages(demo_db: str) -> None:
    conn = sqlite3.connect(demo_db.removeprefix("sqlite:///"))
    kinds = {k for (k,) in conn.execute("SELECT DISTINCT kind FROM claim")}
    kinds |= {k for (k,) in conn.execute("SELECT DISTINCT kind FROM source")}
    locations = [loc for (loc,) in conn.execute("SELECT DISTINCT location FROM record")]
    notes = [n for (n,) in conn.execute("SELECT DISTINCT note FROM claim WHERE note != ''")]
    conn.close()
    assert len(kinds) > 8
    assert sorted(k for k in kinds if not _complete("kind_" + k)) == []
    for stored in [*locations, *notes]:
        for lang in ("ru", "kk"):
            said = localize(stored, lang)
            assert said != stored and not re.search(r"\b(row|sheet|characters|page)\b", said), (
                stored
            )


def test_stored_phrases_are_said_in_each_language() -> None:
    note = "1914-02-29 is not a calendar date (1914 was not a leap year)"
    assert (
        localize(note, "ru") == "1914-02-29 — такой даты нет в календаре (1914 — не високосный год)"
    )
    assert localize("list.csv, sheet Лист1, row 7", "ru") == "list.csv, лист Лист1, строка 7"
    assert localize("list.csv, row 7", "kk") == "list.csv, 7-жол"
    assert localize("a note somebody wrote", "kk") == "a note somebody wrote"


# the English words of the summaries tagdyr writes into the audit log
_ENGLISH = re.compile(
    r"\b(records?|persons?|judged|merged|split|undone|revert|imported|version|linkage|"
    r"candidate|changed|created|user|role|password|disabled|enabled|revoked|same|unsure|"
    r"source|kind|list|register)\b"
)


def test_every_history_description_is_said_in_kk_and_ru(sqlite_engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every kind of change tagdyr logs, made for real; its summary read back in kk and ru."""
    from tagdyr import accounts
    from tagdyr.persons import review as rv
    from tagdyr.persons.linking import link_database, set_source_kind
    from tagdyr.persons.revert import revert
    from tagdyr.sources.importer import SourceInfo, import_table
    from tagdyr.store.audit import events
    from tests.db import record_id
    from tests.files import write_csv

    engine = sqlite_engine
    rows = [
        ["Nr", "Navn", "Født"],
        ["1", "Bektanow Mashit", "1914"],
        ["2", "Omarow Kabysch", "1910"],
    ]
    listed = write_csv(tmp_path / "l.csv", rows)
    register = write_csv(tmp_path / "r.csv", [["№", "Фамилия", "Имя", "Год рождения"],
                                              ["1", "Бектанов", "Мажит", "1914"]])  # fmt: skip
    import_table(engine, listed, SourceInfo("mysen", "Mysen list", "Riksarkivet"))
    import_table(engine, register, SourceInfo("reg", "Register", "MoD", kind="list"))
    set_source_kind(engine, "reg", "register", actor="test")
    link_database(engine, threshold=0.9, floor=0.0001, actor="test")
    a, b, c = (
        record_id(engine, "mysen", "1"),
        record_id(engine, "reg", "1"),
        record_id(engine, "mysen", "2"),
    )
    made = rv.judge(engine, a, c, "not_same", "test")
    rv.undo(engine, made, "test")
    rv.split_record(engine, b, "test")
    with engine.connect() as conn:
        uids = sorted(conn.execute(select(s.person.c.uid)).scalars())
    rv.merge_persons(engine, uids[0], uids[1], "test")
    with engine.connect() as conn:
        last = events(conn, limit=1)[0].id
    revert(engine, last, "test")
    user = accounts.create_user(engine, "reader1", "correct horse battery staple", "editor",
                                actor="test")  # fmt: skip
    token = accounts.create_token(engine, user, "ci", actor="test")
    with engine.connect() as conn:
        token_id = conn.execute(select(s.api_token.c.id)).scalar_one()
    accounts.revoke_token(engine, token_id, None, actor="test")
    accounts.change_user(engine, "reader1", role="admin", password="another long passphrase",
                         disabled=True, actor="test")  # fmt: skip
    with engine.connect() as conn:
        logged = events(conn, limit=100)
    assert {e.action for e in logged} == set(ACTIONS), "make every kind of change"
    assert token
    for event in logged:
        for lang in ("ru", "kk"):
            said = localize_summary(event.summary, lang)
            assert _CYRILLIC.search(said) and not _ENGLISH.search(said), (event.summary, said)
        assert localize_summary(event.summary, "en") == event.summary
