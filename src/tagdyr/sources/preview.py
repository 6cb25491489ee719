"""What an import would read, before anything is stored: for the browser's import form.

Every sheet with its header, the field each column would go to (automatic matching, or the
editor's choice), and its first rows as written; the file's encoding as detected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tagdyr.sources.columns import IGNORE, MappingFile, map_columns
from tagdyr.sources.profiles import detect_profile
from tagdyr.sources.tabular import formula_warnings, read_table
from tagdyr.vocab.fields import FIELDS

PREVIEW_ROWS = 10


@dataclass(frozen=True, slots=True)
class SheetPreview:
    name: str | None
    header: list[str]
    fields: list[str]  # per column: a field of FIELDS, or IGNORE
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells as written)
    row_count: int
    profile: str | None = None  # the import profile the columns were mapped by

    @property
    def has_names(self) -> bool:
        return bool({"full_name", "surname", "given_name"} & set(self.fields))


@dataclass(frozen=True, slots=True)
class Preview:
    filename: str
    format: str
    encoding: str | None
    encoding_detected: bool
    sheets: list[SheetPreview]
    warnings: tuple[
        str, ...
    ] = ()  # formula cells without a stored value (file, sheet, row, column)

    @property
    def profile(self) -> str | None:
        return next((s.profile for s in self.sheets if s.profile), None)


def field_choices() -> list[tuple[str, str]]:
    """(field, description) of every field a column can be mapped to, "ignore" first."""
    return [(IGNORE, "—"), *((name, description) for name, (description, _) in FIELDS.items())]


def preview_table(
    path: Path, encoding: str | None = None, mapping: MappingFile | None = None
) -> Preview:
    table = read_table(path, path.read_bytes(), encoding)
    sheets = []
    for sheet in table.sheets:
        used = mapping or detect_profile(sheet.header)
        chosen = map_columns(sheet.header, used, path.name)
        fields = [chosen.get(i, IGNORE) for i in range(len(sheet.header))]
        profile = used.register.name if used and used.register else None
        sheets.append(
            SheetPreview(
                sheet.name,
                sheet.header,
                fields,
                sheet.rows[:PREVIEW_ROWS],
                len(sheet.rows),
                profile,
            )
        )
    return Preview(
        table.filename,
        table.format,
        table.encoding,
        table.encoding_detected,
        sheets,
        tuple(formula_warnings(table)),
    )
