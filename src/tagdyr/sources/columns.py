"""Mapping column headers to tagdyr's fields (docs/architecture.md), in six languages.

Automatic mapping reads headers as clerks and historians wrote them ("Фамилия и.и.з.",
"Аты-жөні", "Etternavn", "Geburtsjahr", "Nom", "г.г. рож.") and can be overridden by a small
TOML file::

    # chokay.toml
    [columns]
    "г.г. арест." = "conscription"
    "Степень захв." = "occupation"
    "Примечание" = "-"          # keep verbatim only

    [names]
    order = "surname_first"     # or "given_first"

Unknown columns are always kept verbatim in the record; they are simply not normalized.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tagdyr.errors import ConfigError
from tagdyr.names.parse import Order
from tagdyr.sources.compound import SPLIT, split_rule_error
from tagdyr.sources.register import PROFILE_KEYS, Register
from tagdyr.vocab.fields import FIELDS

IGNORE = "-"
_PATTERNS = [
    (name, re.compile(rf"^(?:{pattern})$"))
    for name, (_, patterns) in FIELDS.items()
    for pattern in patterns
]


def normalize_header(header: str) -> str:
    """Lower case, ё→е, punctuation to spaces (keeping №), spaces collapsed."""
    text = unicodedata.normalize("NFC", header).lower().replace("ё", "е")
    text = re.sub(r"[^\w№#' ]+|_", " ", text)
    return " ".join(text.split())


def match_header(header: str) -> str | None:
    """The field a header names, or None if it names none. The contract's own column names
    (``full_name``, ``birth_year``, …) always name their field."""
    if header.strip().lower() in FIELDS:
        return header.strip().lower()
    norm = normalize_header(header)
    if not norm:
        return None
    for name, pattern in _PATTERNS:
        if pattern.match(norm):
            return name
    return None


@dataclass(frozen=True, slots=True)
class MappingFile:
    """An override file: header -> field (or ``-``, or the fields of a compound cell joined by
    ``+``), the name order of the list, and — for an import profile — its register."""

    path: str
    columns: dict[str, str] = field(default_factory=dict)
    order: Order | None = None
    register: Register | None = None


SECTIONS = ("columns", "names", "profile", "kinds")


def load_mapping_file(path: Path) -> MappingFile:
    """Read and fully validate a TOML mapping file (an import profile is one with a
    [profile] section)."""
    try:
        return parse_mapping(tomllib.loads(path.read_text(encoding="utf-8")), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the mapping file: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def _column_target(path: str, header: str, target: object) -> str:
    """A [columns] entry's target, validated: a field, ``-``, or a list of fields."""
    valid = f"valid fields: {', '.join(FIELDS)} (or {IGNORE!r} to keep the column verbatim only)"
    if isinstance(target, list):
        wrong = [t for t in target if t not in FIELDS]
        if wrong or not target:
            raise ConfigError(
                f"{path}: [columns] {header!r} = {target!r}: {wrong or target!r} "
                f"is not a field; {valid}"
            )
        problem = split_rule_error([str(t) for t in target])
        if problem:
            raise ConfigError(f"{path}: [columns] {header!r} = {target!r}: {problem}")
        return SPLIT.join(target)
    if target != IGNORE and target not in FIELDS:
        raise ConfigError(f"{path}: [columns] {header!r} = {target!r} is not a field; {valid}")
    return str(target)


def parse_mapping(data: dict[str, Any], path: str) -> MappingFile:
    """A mapping file's parsed TOML, fully validated; errors name the key and list what is
    valid there."""
    unknown_sections = set(data) - set(SECTIONS)
    if unknown_sections:
        raise ConfigError(
            f"{path}: unknown section(s) {sorted(unknown_sections)}; valid: "
            + ", ".join(f"[{name}]" for name in SECTIONS)
        )
    columns = {
        header: _column_target(path, header, target)
        for header, target in data.get("columns", {}).items()
    }
    register = parse_register(data, path, columns) if "profile" in data else None
    if "kinds" in data and register is None:
        raise ConfigError(f"{path}: [kinds] belongs to a profile: add a [profile] section")
    order_text = data.get("names", {}).get("order")
    order = None
    if order_text is not None:
        valid = [Order.SURNAME_FIRST.value, Order.GIVEN_FIRST.value]
        if order_text not in valid:
            raise ConfigError(f"{path}: [names] order = {order_text!r}; valid: {valid}")
        order = Order(order_text)
    return MappingFile(path, columns, order, register)


def parse_register(data: dict[str, Any], path: str, columns: dict[str, str]) -> Register:
    """The [profile] and [kinds] sections of an import profile, validated."""
    section = data["profile"]
    unknown = set(section) - set(PROFILE_KEYS)
    if unknown:
        raise ConfigError(
            f"{path}: [profile] has unknown key(s) {sorted(unknown)}; valid keys: "
            + "; ".join(f"{key} ({what})" for key, what in PROFILE_KEYS.items())
        )
    if not isinstance(section.get("name"), str) or not section["name"]:
        raise ConfigError(f"{path}: [profile] name is missing: the name --profile takes")
    for key, value in section.items():
        if key != "detect" and not isinstance(value, str):
            raise ConfigError(f"{path}: [profile] {key} = {value!r} must be a string")
    detect = section.get("detect", [])
    if not isinstance(detect, list) or any(h not in columns for h in detect):
        raise ConfigError(
            f"{path}: [profile] detect = {detect!r} must list headers of [columns]; "
            f"its headers: {list(columns)}"
        )
    if section.get("kind", "register") not in ("list", "register", "file"):
        raise ConfigError(
            f"{path}: [profile] kind = {section['kind']!r}; valid: list, register, file"
        )
    register = Register(
        name=section["name"],
        title=section.get("title", ""),
        source_citation=section.get("source_citation", ""),
        citation=section.get("citation", ""),
        archive=section.get("archive", ""),
        kind=section.get("kind", "register"),
        languages=section.get("languages", ""),
        detect=tuple(detect),
        kinds=_kinds(data.get("kinds", {}), path, columns),
    )
    wrong = [p for p in register.placeholders() if p not in FIELDS]
    if wrong:
        raise ConfigError(
            f"{path}: [profile] citation = {register.citation!r} names {wrong}, not fields; "
            f"valid fields: {', '.join(FIELDS)}"
        )
    return register


def _kinds(
    section: dict[str, Any], path: str, columns: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """[kinds]: record kind -> the headers whose filled cell marks a record of that kind."""
    kinds: dict[str, tuple[str, ...]] = {}
    for kind, markers in section.items():
        if not isinstance(markers, list) or any(m not in columns for m in markers):
            raise ConfigError(
                f"{path}: [kinds] {kind!r} = {markers!r} must list headers of [columns]; "
                f"its headers: {list(columns)}"
            )
        kinds[kind] = tuple(markers)
    return kinds


def _override_target(override: MappingFile, header: str) -> str | None:
    """The target an override gives a header: as written, or — for a profile — as normalized
    (an export's headers in another case or spacing)."""
    if header in override.columns:
        return override.columns[header]
    if override.register is None:
        return None
    wanted = normalize_header(header)
    for written, target in override.columns.items():
        if normalize_header(written) == wanted:
            return target
    return None


def map_columns(headers: list[str], override: MappingFile | None, filename: str) -> dict[int, str]:
    """Column index -> field for one header row; the override wins over automatic matching."""
    if override and override.register is None:  # a profile names every column its register has
        missing = [h for h in override.columns if h not in headers]
        if missing:
            raise ConfigError(
                f"{override.path}: maps column(s) {missing} that {filename} does not have; "
                f"its columns are {headers}"
            )
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        target = _override_target(override, header) if override else None
        if target is None:
            target = match_header(header)
        if target and target != IGNORE and target not in mapping.values():
            mapping[index] = target
    fields = set(mapping.values())
    if "full_name" in fields and "given_name" in fields and "surname" not in fields:
        # German "Name" + "Vorname": "Name" is the surname there
        for index, target in mapping.items():
            if target == "full_name":
                mapping[index] = "surname"
    return mapping
