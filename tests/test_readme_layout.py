"""The README's layout and docs/architecture.md name every package and module of src/tagdyr,
so neither can fall behind the tree."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "tagdyr"


def _parts() -> list[str]:
    parts = []
    for entry in sorted(PACKAGE.iterdir()):
        if entry.is_dir() and (entry / "__init__.py").exists():
            parts.append(entry.name + "/")
        elif entry.suffix == ".py" and entry.name != "__init__.py":
            parts.append(entry.name)
    return parts


def test_the_readme_layout_names_every_package_and_module() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    layout = readme[readme.index("## Layout") :]
    block = layout[layout.index("```") : layout.index("```", layout.index("```") + 3)]
    missing = [p for p in _parts() if not re.search(rf"(?<![\w/]){re.escape(p)}", block)]
    assert missing == []


def test_the_architecture_page_names_every_package() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    packages = [p for p in _parts() if p.endswith("/")]
    assert [p for p in packages if f"`{p}" not in page] == []


def test_no_code_or_doc_cites_a_document_the_repository_lacks() -> None:
    cited = set()
    for path in [*PACKAGE.rglob("*.py"), *ROOT.glob("*.md"), *(ROOT / "docs").glob("*.md")]:
        cited |= set(re.findall(r"\b([\w./-]+\.md)\b", path.read_text("utf-8")))
    missing = sorted(
        name for name in cited if not (ROOT / name).exists() and not list(ROOT.rglob(name))
    )
    assert missing == []
