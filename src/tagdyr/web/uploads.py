"""Files uploaded through the import form, kept until they are imported (or the next restart
of a temporary directory): one directory per upload, named by a random token."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from tagdyr.errors import NotFoundError, SourceError
from tagdyr.scans.pages import SCAN_FORMATS
from tagdyr.sources.tabular import TABULAR_FORMATS
from tagdyr.texts.reader import TEXT_FORMATS

MAX_BYTES = 200 * 1024 * 1024
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


class Uploads:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def save(self, filename: str, data: bytes) -> str:
        name = Path(filename).name or "upload.csv"
        suffix = Path(name).suffix.lower().lstrip(".")
        readable = sorted({*TABULAR_FORMATS, *TEXT_FORMATS, *SCAN_FORMATS})
        if suffix not in readable:
            raise SourceError(
                f"tagdyr reads {', '.join(readable)} files, not .{suffix or '?'}", file=name
            )
        if not data:
            raise SourceError("the file is empty", file=name)
        if len(data) > MAX_BYTES:
            raise SourceError(f"the file is larger than {MAX_BYTES // 2**20} MB", file=name)
        token = secrets.token_hex(16)
        folder = self.directory / token
        folder.mkdir(parents=True)
        (folder / name).write_bytes(data)
        return token

    def path(self, token: str) -> Path:
        folder = self.directory / token
        files = sorted(folder.iterdir()) if _TOKEN.match(token) and folder.is_dir() else []
        if not files:
            raise NotFoundError("this upload is gone; upload the file again")
        return files[0]
