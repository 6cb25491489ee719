"""The import form's profiles: a shipped profile chosen by name (never a path: a form must not
open the server's files), and the editor's column choices under that profile's register."""

from __future__ import annotations

from tagdyr.errors import ConfigError
from tagdyr.sources.columns import IGNORE, MappingFile
from tagdyr.sources.compound import split_rule_error, split_targets
from tagdyr.sources.profiles import shipped_profiles
from tagdyr.vocab.fields import FIELDS

FORM = "the import form"


def form_profile(name: str) -> MappingFile | None:
    """The shipped profile ``name``; None for "detect from the headers"."""
    if not name:
        return None
    profile = shipped_profiles().get(name)
    if profile is None:
        raise ConfigError(f"{FORM}: no profile {name!r}; profiles: {', '.join(shipped_profiles())}")
    return profile


def form_mapping(chosen: dict[str, str], profile_name: str) -> MappingFile:
    """The columns as the editor left them, under the profile's register and name order."""
    for header, target in chosen.items():
        parts = split_targets(target)
        wrong = [p for p in parts if p not in FIELDS and target != IGNORE]
        problem = split_rule_error(list(parts)) if len(parts) > 1 else None
        if wrong or problem:
            raise ConfigError(
                f"{FORM}: column {header!r} → {target!r}: {problem or 'not a field'}; "
                f"valid fields: {', '.join(FIELDS)}"
            )
    profile = form_profile(profile_name)
    if profile is None:
        return MappingFile(FORM, chosen)
    return MappingFile(FORM, chosen, profile.order, profile.register)
