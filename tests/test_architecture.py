"""The architecture as docs/architecture.md states it: which package of src/tagdyr imports
which (read from the code's own import statements), and the public API of ``tagdyr``."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import tagdyr

PACKAGE = Path(tagdyr.__file__).parent
BASE = {"errors", "settings", "limits", "dates", "i18n", "vocab", "names"}  # the bottom layers

# package -> the packages of tagdyr it may import (docs/architecture.md, "Packages and what
# each may import"); the adapters (web, cli) and the demo may import anything
MAY_IMPORT: dict[str, set[str]] = {
    "errors": set(),
    "settings": {"errors"},
    "limits": {"settings"},
    "dates": set(),
    "names": {"limits"},
    "vocab": {"limits", "names"},
    "i18n": {"vocab"},
    "store": {"errors"},
    "accounts": {"errors", "store"},
    "maps": {"store", "vocab"},
    "stats": {"maps", "store", "vocab"},
    "dossier": {"store", "vocab"},
    "search": {"maps", "names", "store", "vocab"},
    "texts": BASE | {"sources", "store"},
    # sources <-> scans and the importer's re-clustering are the lazy imports named in the
    # document's known knots
    "sources": BASE | {"store", "scans", "persons"},
    "scans": BASE | {"sources", "store"},
    "link": BASE | {"sources", "store", "persons"},
    "persons": BASE | {"link", "store"},
    "export": BASE | {"__version__", "maps", "search", "sources", "store"},
    "backup": {"errors", "export", "store"},
}
ANYTHING = {"web", "cli", "demo"}


def _imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if "migrations" in rel.parts or (rel.name == "__init__.py" and len(rel.parts) == 1):
            continue
        part = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] if node.module != "tagdyr" else [
                    f"tagdyr.{a.name}" for a in node.names
                ]  # fmt: skip
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                pieces = name.split(".")
                if pieces[0] == "tagdyr" and len(pieces) > 1 and pieces[1] != part:
                    found[part].add(pieces[1])
    return found


def test_every_package_imports_only_what_the_architecture_allows() -> None:
    found = _imports()
    assert set(found) - ANYTHING <= set(MAY_IMPORT), "a package the table does not know"
    broken = {
        part: sorted(uses - MAY_IMPORT[part])
        for part, uses in found.items()
        if part not in ANYTHING and uses - MAY_IMPORT[part]
    }
    assert broken == {}


def test_the_names_engine_and_the_vocabulary_need_no_database() -> None:
    code = (
        "import sys, tagdyr.names, tagdyr.names.similarity, tagdyr.vocab.claims, "
        "tagdyr.vocab.gazetteer, tagdyr.i18n; "
        "print(sorted(m for m in ('sqlalchemy', 'duckdb', 'splink', 'fastapi') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# The public API: what ``from tagdyr import …`` promises (a change here is a release note).
PUBLIC = [
    "TagdyrError",
    "__version__",
    "compare_names",
    "create_db_engine",
    "find_persons",
    "get_dossier",
    "import_table",
    "import_text",
    "link_database",
    "migrate",
    "parse_name",
]


def test_the_public_api_is_pinned() -> None:
    from tagdyr.errors import TagdyrError
    from tagdyr.names import parse
    from tagdyr.names.similarity import compare
    from tagdyr.persons.linking import link_database
    from tagdyr.search import search
    from tagdyr.sources.importer import import_table
    from tagdyr.store.db import create_db_engine, migrate
    from tagdyr.store.queries import get_dossier
    from tagdyr.texts.store import import_text

    assert sorted(tagdyr.__all__) == PUBLIC
    expected = {
        "TagdyrError": TagdyrError, "compare_names": compare, "create_db_engine": create_db_engine,
        "find_persons": search, "get_dossier": get_dossier, "import_table": import_table,
        "import_text": import_text, "link_database": link_database, "migrate": migrate,
        "parse_name": parse,
    }  # fmt: skip
    assert {name: getattr(tagdyr, name) for name in expected} == expected
    assert isinstance(tagdyr.__version__, str)


def test_importing_tagdyr_loads_nothing_of_the_api() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, tagdyr; print(sorted(m for m in sys.modules "
         "if m.startswith('tagdyr.') or m == 'sqlalchemy'))"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
