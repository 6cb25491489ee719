"""Building the demo database from the files shipped in ``tagdyr/demo/data``."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine

from tagdyr.persons.linking import LinkRunResult, link_database
from tagdyr.sources.columns import load_mapping_file
from tagdyr.sources.importer import ImportResult, SourceInfo, import_table
from tagdyr.sources.profiles import load_profile
from tagdyr.store.db import migrate


@dataclass(frozen=True, slots=True)
class DemoSource:
    path: Path
    info: SourceInfo
    mapping: Path | None
    profile: str | None = None  # a shipped import profile (tagdyr/sources/profiles)


def data_dir() -> Path:
    return Path(str(resources.files("tagdyr.demo") / "data"))


def demo_sources(directory: Path | None = None) -> list[DemoSource]:
    directory = directory or data_dir()
    manifest = tomllib.loads((directory / "sources.toml").read_text(encoding="utf-8"))
    result = []
    for entry in manifest["source"]:
        info = SourceInfo(
            entry["key"],
            entry["title"],
            entry["citation"],
            entry["kind"],
            entry.get("languages", ""),
        )
        mapping = directory / entry["mapping"] if "mapping" in entry else None
        result.append(DemoSource(directory / entry["file"], info, mapping, entry.get("profile")))
    return result


def build_demo(
    engine: Engine,
    *,
    threshold: float,
    floor: float,
    say: Callable[[str], None] = lambda _m: None,
) -> tuple[list[ImportResult], LinkRunResult]:
    """Migrate, import every demo source (idempotent) and link."""
    migrate(engine)
    results = []
    for source in [*demo_sources(), *demo_sources(data_dir() / "scans")]:  # scans: tagdyr.scans
        mapping = load_mapping_file(source.mapping) if source.mapping else None
        if source.profile:
            mapping = load_profile(source.profile)
        result = import_table(engine, source.path, source.info, mapping=mapping, user="demo")
        say(
            f"{source.path.name}: {result.records} records"
            + (" (already imported)" if result.unchanged else "")
        )
        results.append(result)
    run = link_database(engine, threshold=threshold, floor=floor, progress=say)
    return results, run


def synthetic_sources(directory: Path | None = None) -> dict[str, str]:
    """Key -> citation of the demo's generated sources (``synthetic = true`` in the manifest):
    they describe nobody, and pages say so."""
    directory = directory or data_dir()
    manifest = tomllib.loads((directory / "sources.toml").read_text(encoding="utf-8"))
    return {e["key"]: e["citation"] for e in manifest["source"] if e.get("synthetic")}


DEMO_USER = "demo"


def demo_login(engine: Engine) -> str:
    """An admin account for trying the review and import pages, with a new random password
    each time the demo is built (never a fixed password on a server someone may expose)."""
    import secrets

    from tagdyr.accounts import change_user, create_user, find_user

    password = secrets.token_urlsafe(12)
    with engine.connect() as conn:
        exists = find_user(conn, DEMO_USER) is not None
    if exists:
        change_user(engine, DEMO_USER, actor="demo", password=password, disabled=False)
    else:
        create_user(engine, DEMO_USER, password, "admin", actor="demo", display_name="Demo")
    return f"to review and import, log in as {DEMO_USER} with the password {password}"
