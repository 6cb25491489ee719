"""The import profiles tagdyr ships: one TOML file a register (see the README's "Import
profiles"). A profile is a column-mapping file with a [profile] section; a user's own profile
is any such file, given to ``--profile`` by its path."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from tagdyr.errors import ConfigError
from tagdyr.sources.columns import MappingFile, load_mapping_file, normalize_header, parse_mapping


@cache
def shipped_profiles() -> dict[str, MappingFile]:
    """Name -> profile, for every profile shipped in this package."""
    profiles: dict[str, MappingFile] = {}
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            text = entry.read_text(encoding="utf-8")
            profile = parse_mapping(tomllib.loads(text), f"tagdyr/sources/profiles/{entry.name}")
            assert profile.register is not None, entry.name
            profiles[profile.register.name] = profile
    return profiles


def load_profile(name_or_path: str) -> MappingFile:
    """A shipped profile by name, or a profile file by its path."""
    profiles = shipped_profiles()
    if name_or_path in profiles:
        return profiles[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        profile = load_mapping_file(path)
        if profile.register is None:
            raise ConfigError(
                f"{path}: a profile needs a [profile] section with at least name = '…' "
                "(without one, give the file to --mapping)"
            )
        return profile
    raise ConfigError(
        f"no profile {name_or_path!r}; shipped profiles: {', '.join(profiles)} "
        "(or the path of a profile .toml file)"
    )


def detect_profiles(headers: list[str]) -> list[MappingFile]:
    """The shipped profiles whose identifying headers all stand in ``headers``."""
    present = {normalize_header(h) for h in headers}
    return [
        profile
        for profile in shipped_profiles().values()
        if profile.register
        and profile.register.detect
        and all(normalize_header(h) in present for h in profile.register.detect)
    ]


def detect_profile(headers: list[str]) -> MappingFile | None:
    """The one shipped profile the headers identify, or None (none, or more than one)."""
    found = detect_profiles(headers)
    return found[0] if len(found) == 1 else None


def unmapped_headers(headers: list[str], profile: MappingFile) -> list[str]:
    """The headers of a file that a profile does not name (kept verbatim, not read)."""
    return [h for h in headers if h.strip() and h not in profile.columns]
