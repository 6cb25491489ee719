"""What an import profile says about its register: its name, the citation pattern of a row's
archival reference, its record kinds, and the headers that identify it.

A row's archival reference (archive, fond, opis, delo, list) becomes its *provenance*: the
parts as the row gives them and the citation a historian puts in a footnote,
"ЦАМО, ф. 58, оп. 18003, д. 1412".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# the fields of a row's archival reference, in citation order
REFERENCE_FIELDS = ("archive", "fond", "opis", "delo", "folio", "document_id")
PROFILE_KEYS = {
    "name": "the profile's name, as given to --profile",
    "title": "the register's title (the default source title)",
    "source_citation": "the register's citation as a whole (the default source citation)",
    "citation": "a row's citation pattern, e.g. '{archive}, ф. {fond}, оп. {opis}, д. {delo}'",
    "archive": "the archive named when a row gives a reference of its own but no archive",
    "kind": "list, register or file",
    "languages": "the register's languages, e.g. 'ru'",
    "detect": "headers that, all present, identify the register",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Register:
    """The [profile] section of a mapping file."""

    name: str
    title: str = ""
    source_citation: str = ""
    citation: str = ""
    archive: str = ""
    kind: str = "register"
    languages: str = ""
    detect: tuple[str, ...] = ()
    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> marker headers

    def placeholders(self) -> list[str]:
        return _PLACEHOLDER.findall(self.citation)


def format_citation(pattern: str, parts: dict[str, str]) -> str:
    """The pattern filled with ``parts``; a comma-separated segment whose fields are all empty
    is left out ("ЦАМО, ф. 58, оп. 18003, д. 1412" when the row gives no list)."""
    segments = []
    for segment in pattern.split(", "):
        names = _PLACEHOLDER.findall(segment)
        if names and not all(parts.get(n) for n in names):
            continue
        segments.append(_PLACEHOLDER.sub(lambda m: parts.get(m.group(1), ""), segment))
    return ", ".join(segments)


def record_kind(register: Register, filled_headers: set[str]) -> str:
    """The first of the register's record kinds one of whose marker columns is filled."""
    for kind, markers in register.kinds.items():
        if filled_headers & set(markers):
            return kind
    return ""


def provenance(
    values: dict[str, str], register: Register | None, filled_headers: set[str]
) -> dict[str, Any]:
    """A row's archival reference: its parts as given, the document's kind and date, the
    register, and the citation. The profile's archive is named only when the row gives a
    reference of its own — an archive no source gives for this row is never stated."""
    own = {f: values[f] for f in REFERENCE_FIELDS if values.get(f)}
    result: dict[str, Any] = dict(own)
    pattern = register.citation if register and register.citation else _DEFAULT_PATTERN
    has_reference = any(values.get(f) for f in _PLACEHOLDER.findall(pattern) if f != "archive")
    if register is not None:
        result["register"] = register.name
        kind = record_kind(register, filled_headers)
        if kind:
            result["record_kind"] = kind
        if has_reference and "archive" not in own and register.archive:
            result["archive"] = register.archive
    for key in ("document_kind", "document_date"):
        if values.get(key):
            result[key] = values[key]
    if has_reference:
        citation = format_citation(pattern, {**values, **result})
        if citation:
            result["citation"] = citation
    return result


_DEFAULT_PATTERN = "{archive}, ф. {fond}, оп. {opis}, д. {delo}, л. {folio}, DocID {document_id}"
