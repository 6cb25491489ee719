"""The claim kinds are declared once (vocab/claims.py): the table agrees with what the readers
did before it, and a new kind is one table entry — imported from a list, worded in the three
languages, and present in every export.

The new kind is added in a fresh interpreter before the rest of tagdyr is imported, exactly
as an entry written in the table's source would be seen; nothing else is changed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tagdyr.i18n import LANGUAGES, translate
from tagdyr.vocab.claims import (
    CLAIM_KINDS,
    homeland_kinds,
    key_facts,
    place_kinds,
    place_value_kinds,
    single_kinds,
)

_SCRIPT = r"""
import json, sys
from pathlib import Path

import tagdyr.vocab.claims as vocab

vocab.CLAIM_KINDS += (
    vocab.ClaimKind(
        "medal", {"en": "medal", "ru": "медаль", "kk": "медалі"}, "fact", "medal",
        gedcom=("FACT", "Medal"), key_fact=15, headers=(r"медаль", r"medal"),
    ),
    vocab.ClaimKind(
        "transit", {"en": "transit camp", "ru": "пересыльный лагерь", "kk": "етпелі лагерь"},
        "fact", "transit", headers=(r"пересыльный лагерь", r"transit"), value_is_place=True,
    ),
)

from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.i18n import translate

work = Path(sys.argv[1])
db = str(work / "t.db")
runner = CliRunner()
said = {}
def run(*args):
    done = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert done.exit_code == 0, (args, done.output, done.exception)
    return done.output

run("init", "--db", db)
said["import"] = run("import", str(work / "list.csv"), "--source", "medals", "--db", db)
uid = json.loads(run("records", "--json", "--db", db).splitlines()[0])["person"]
said["dossier"] = run("person", uid, "--json", "--db", db)
said["labels"] = {lang: translate("kind_medal", lang) for lang in ("kk", "ru", "en")}
from tagdyr.store.db import create_db_engine
from tagdyr.stats import statistics
with create_db_engine("sqlite:///" + db).connect() as conn:
    said["points"] = {p.name: p.roles for p in statistics(conn).points}
said["csv"] = run("export", "csv", "--table", "claims", "--db", db)
said["jsonld"] = run("export", "jsonld", "--db", db)
said["gedcom"] = run("export", "gedcom", "--db", db)
for lang in ("kk", "ru", "en"):
    out = work / f"collection-{lang}.html"
    run("export", "collection", "--lang", lang, "--out", str(out), "--db", db)
    said[f"collection-{lang}"] = out.read_text(encoding="utf-8")
print(json.dumps(said, ensure_ascii=False))
"""


def test_a_new_claim_kind_is_one_table_entry(tmp_path: Path) -> None:
    (tmp_path / "list.csv").write_text(
        "Фамилия,Имя,Год рождения,Медаль,Пересыльный лагерь\nАбенов,Касым,1914,За отвагу,Берген\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    said = json.loads(done.stdout.splitlines()[-1])
    assert "Медаль → medal" in said["import"]  # the header is read as the new field
    dossier = json.loads(said["dossier"])
    medals = [c for c in dossier["claims"] if c["kind"] == "medal"]
    assert [c["value"] for c in medals] == ["За отвагу"]
    assert said["points"] == {"Bergen": ["transit"]}  # a place-valued kind is on the map
    assert said["labels"] == {"kk": "медалі", "ru": "медаль", "en": "medal"}
    assert "medal" in said["csv"] and "За отвагу" in said["csv"]
    assert "За отвагу" in said["jsonld"]
    assert "1 FACT За отвагу\n2 TYPE Medal" in said["gedcom"]
    for lang, word in said["labels"].items():
        page = said[f"collection-{lang}"]
        assert "За отвагу" in page and word in page, lang


def test_the_table_keeps_what_the_readers_declared_before() -> None:
    """The key facts, the kinds a man has one of, and every kind's words in three languages,
    as collection.KEY_FACTS, dossier.SINGLE and i18n held them before the table."""
    assert key_facts() == (
        "birth", "rank", "unit", "award", "conscription", "capture", "escape", "camp",
        "repatriation", "fate", "arrest", "sentence", "death", "rehabilitation",
    )  # fmt: skip
    assert single_kinds() == {"birth", "death", "rank", "nationality", "gender", "capture"}
    # maps.points.PLACE_VALUES, stats' oblast kinds and search's place kinds, as they were
    assert set(place_value_kinds()) == {"camp", "residence", "conscription", "capture"}
    assert set(homeland_kinds()) == {"birth", "residence"}
    assert set(place_kinds()) == {*place_value_kinds(), "birth", "repatriation"}
    for kind in CLAIM_KINDS:
        words = {lang: translate(f"kind_{kind.kind}", lang) for lang in LANGUAGES}
        assert words == {lang: kind.labels[lang] for lang in LANGUAGES}
        assert len(set(kind.labels)) == 3 and all(kind.labels.values())
    assert translate("kind_identifier", "ru") == "личный (лагерный) номер"
