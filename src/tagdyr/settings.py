"""Configuration, declared once: every setting with its default and its help.

Values come from (highest first) explicit arguments, ``TAGDYR_*`` environment variables and
the defaults below. :func:`load_settings` validates everything before anything runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tagdyr.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite:///tagdyr.db"


DEFAULT_LIST_MATCH_THRESHOLD = 0.5  # a list entry's own probability: more likely him than not


class Settings(BaseSettings):
    """All of tagdyr's settings. Environment variables are ``TAGDYR_`` + the upper-case name."""

    model_config = SettingsConfigDict(env_prefix="TAGDYR_", extra="forbid")

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL of the database: sqlite:///file.db (default, a file in the "
        "working directory) or postgresql+psycopg://user:pass@host/db for multi-user servers.",
    )
    host: str = Field("127.0.0.1", description="Address the web UI listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the web UI listens on.")
    match_threshold: float = Field(
        0.9,
        gt=0.0,
        lt=1.0,
        description="Match probability at or above which linkage decides two records are the "
        "same person (the tool's own default decision): records joined into persons in the "
        "database, and duplicates within one file (link --dedupe).",
    )
    list_match_threshold: float = Field(
        DEFAULT_LIST_MATCH_THRESHOLD,
        gt=0.0,
        lt=1.0,
        description="For a list linked against a register (link LEFT RIGHT, and a list's entries "
        "against registers in the database): probability at or above which an entry is joined "
        "to a candidate. There a list entry's candidates compete (one entry is one man), so the "
        "probability is the entry's own: 0.5 means more likely him than not.",
    )
    candidate_floor: float = Field(
        0.01,
        ge=0.0,
        lt=1.0,
        description="Candidate pairs below this match probability are not reported.",
    )
    upload_dir: Path = Field(
        Path(tempfile.gettempdir()) / "tagdyr-uploads",
        description="Where files uploaded through the web import form wait to be imported.",
    )
    upload_keep_hours: float = Field(
        24,
        gt=0,
        description="Hours an upload nobody imported (an abandoned preview) is kept; an imported "
        "file is deleted at once.",
    )
    base_url: str = Field(
        "http://127.0.0.1:8000",
        description="Public address of this tagdyr: the stable URIs of persons, records and "
        "sources in exports (JSON-LD, GEDCOM, CSV) are minted under it.",
    )
    tiles_url: str | None = Field(
        None,
        description="URL template of online map tiles ({z}/{x}/{y}); unset = offline basemap.",
    )
    tiles_attribution: str = Field(
        "© OpenStreetMap contributors",
        description="Credit line the tile provider asks for, shown on maps with online tiles.",
    )

    public_read: bool = Field(
        True,
        description="Anonymous visitors may read (search, dossiers, sources, exports); false = a "
        "private deployment where every page needs a login.",
    )
    session_hours: int = Field(
        12, ge=1, le=24 * 30, description="How long a login lasts, in hours."
    )
    login_attempts: int = Field(
        5,
        ge=1,
        le=1000,
        description="Failed logins from one address allowed within login_window_minutes.",
    )
    login_window_minutes: int = Field(
        15, ge=1, le=24 * 60, description="The window failed logins are counted in."
    )
    search_rate_per_minute: int = Field(
        120,
        ge=0,
        description="Searches and exports one address may make per minute, per server worker "
        "(0 = no limit, e.g. for a load test).",
    )
    max_sheet_rows: int = Field(
        500_000,
        ge=1,
        description="Rows with content one sheet of an XLSX or ODS file may have (a row an ODS "
        "file repeats counts each time); a file beyond it is refused naming file, sheet and row, "
        "before its rows are built.",
    )
    max_sheet_columns: int = Field(
        500,
        ge=1,
        description="Columns one row of a list file may fill (a cell an ODS file repeats counts "
        "each time, an XLSX cell far to the right counts up to its column); beyond it the file "
        "is refused naming file, sheet, row and column.",
    )
    duckdb_memory_limit: str = Field(
        "6GB",
        pattern=r"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
        description="Memory DuckDB may use for one linkage (e.g. 6GB, 500MB); past it DuckDB "
        "spills to disk, and what cannot spill stops the linkage with a message saying so.",
    )
    spark_master: str = Field(
        "local[2]",
        description="Spark master for linkage with --engine spark: local[N] (N cores of this "
        "machine), spark://host:7077 (a standalone cluster), yarn or k8s://… (not Spark "
        "Connect: Splink's Spark backend needs the driver's JVM). See docs/deployment.md.",
    )
    workers: int = Field(
        1,
        ge=1,
        le=64,
        description="Server worker processes of `tagdyr serve` (PostgreSQL for more than one).",
    )

    @property
    def secure_cookies(self) -> bool:
        """Cookies only over HTTPS when the public address is HTTPS."""
        return self.base_url.startswith("https://")

    @field_validator("tiles_url")
    @classmethod
    def _tile_template(cls, value: str | None) -> str | None:
        if value and not (
            value.startswith(("https://", "http://")) and all(f"{{{k}}}" in value for k in "zxy")
        ):
            raise ValueError("must be an http(s) URL template holding {z}, {x} and {y}")
        return value or None

    @field_validator("base_url")
    @classmethod
    def _base_address(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")) or " " in value:
            raise ValueError("must be an http(s) address such as https://tagdyr.example.org")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
            raise ValueError(
                "must start with sqlite:/// or postgresql+psycopg:// (the two supported databases)"
            )
        return value


def load_settings(**overrides: Any) -> Settings:
    """Build and validate the settings; a bad value raises :class:`ConfigError` naming it."""
    clean = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from exc
