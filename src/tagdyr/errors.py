"""The one exception tree of tagdyr.

Every error a user can meet is a :class:`TagdyrError`; its message is written for the user
(what went wrong, where, and what to do). The CLI and the web app turn these into messages;
anything else escaping is a bug.

    TagdyrError
    ├── ConfigError           invalid settings or mapping files
    ├── SourceError           a file that cannot be imported (names file, row, column)
    │   └── EncodingError     bytes that do not decode in the detected/given encoding
    ├── StorageError          the database refuses (read-only, disk full, wrong schema)
    ├── NotFoundError         an id that does not exist
    ├── LinkageError          linkage cannot run on the given input
    │   └── LinkageMemoryError  linkage ran out of the memory DuckDB may use
    ├── ConflictError         somebody else changed it first (optimistic locking)
    └── AccessError           not logged in, not allowed, or too many attempts
"""

from __future__ import annotations


class TagdyrError(Exception):
    """Base class of every error tagdyr reports to a user."""


class ConfigError(TagdyrError):
    """Settings, a column-mapping file or a command-line option is invalid."""


class SourceError(TagdyrError):
    """A source file is malformed; the message names the file, row and column."""

    def __init__(
        self,
        message: str,
        *,
        file: str,
        row: int | None = None,
        column: str | int | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.reason = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}"


class EncodingError(SourceError):
    """The file's bytes cannot be decoded in the detected or requested encoding."""


class StorageError(TagdyrError):
    """The database cannot do what was asked (read-only, full disk, unmigrated schema)."""


class NotFoundError(TagdyrError):
    """A source, document, record or person id that does not exist."""


class LinkageError(TagdyrError):
    """Linkage cannot run on the given input (no names, no comparable columns)."""


class LinkageMemoryError(LinkageError):
    """DuckDB ran out of the memory it may use while comparing records (setting
    ``duckdb_memory_limit``); nothing was stored."""


class ConflictError(TagdyrError):
    """Somebody changed what the user was looking at since the page was opened."""


class AccessError(TagdyrError):
    """The user is not logged in, lacks the role, or has tried too often."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        self.status = status
        super().__init__(message)
