"""Files uploaded through the import form, kept until they are imported: one directory per
upload, named by a random token. An imported file is deleted (its job's result stays, small);
an upload nobody imported is deleted after ``upload_keep_hours``."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import IO, Any

from tagdyr.errors import NotFoundError, SourceError
from tagdyr.scans.pages import SCAN_FORMATS
from tagdyr.sources.tabular import TABULAR_FORMATS
from tagdyr.texts.reader import TEXT_FORMATS

MAX_BYTES = 200 * 1024 * 1024
MAX_NAME_BYTES = 200  # file systems allow 255 bytes per name; a browser may send any length
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_CHUNK = 1 << 20
_JOB = "job.json"


def safe_name(filename: str) -> str:
    """The upload's own name, without folders or control characters, at most
    :data:`MAX_NAME_BYTES` bytes in UTF-8 (the stem is cut, the suffix kept)."""
    name = "".join(c for c in Path(filename.replace("\\", "/")).name if c.isprintable())
    name = name.strip(" .") or "upload.csv"
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    room = MAX_NAME_BYTES - len(f"{dot}{suffix}".encode())
    cut = stem.encode()[: max(room, 1)].decode("utf-8", errors="ignore") or "upload"
    return f"{cut}{dot}{suffix}"[:MAX_NAME_BYTES]


class Uploads:
    def __init__(self, directory: Path, keep_hours: float = 24) -> None:
        self.directory = directory
        self.keep_seconds = keep_hours * 3600

    def save(self, filename: str, stream: IO[bytes]) -> str:
        """Copy the upload in chunks (never whole in memory); its token."""
        name = safe_name(filename)
        suffix = Path(name).suffix.lower().lstrip(".")
        readable = sorted({*TABULAR_FORMATS, *TEXT_FORMATS, *SCAN_FORMATS})
        if suffix not in readable:
            raise SourceError(
                f"tagdyr reads {', '.join(readable)} files, not .{suffix or '?'}", file=name
            )
        self.sweep()
        token = secrets.token_hex(16)
        folder = self.directory / token
        folder.mkdir(parents=True)
        size = 0
        with (folder / name).open("wb") as target:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    break
                target.write(chunk)
        if not 0 < size <= MAX_BYTES:
            shutil.rmtree(folder, ignore_errors=True)
            too_big = f"the file is larger than {MAX_BYTES // 2**20} MB"
            raise SourceError(too_big if size else "the file is empty", file=name)
        return token

    def new_job(self) -> str:
        """A job without a file (a linkage run started from the browser): its token."""
        self.sweep()
        token = secrets.token_hex(16)
        (self.directory / token).mkdir(parents=True)
        self.claim_job(token)
        return token

    def _folder(self, token: str) -> Path:
        folder = self.directory / token
        if not _TOKEN.match(token) or not folder.is_dir():
            raise NotFoundError("this upload is gone; upload the file again")
        return folder

    def path(self, token: str) -> Path:
        files = [f for f in sorted(self._folder(token).iterdir()) if f.name != _JOB]
        if not files:
            raise NotFoundError("this upload is gone; upload the file again")
        return files[0]

    def forget_file(self, token: str) -> None:
        """The upload is imported: delete the file, keep the job's result."""
        for file in self._folder(token).iterdir():
            if file.name != _JOB:
                file.unlink(missing_ok=True)

    def claim_job(self, token: str) -> bool:
        """Start the upload's job, unless one is running or done (a second click); a failed
        one may be tried again."""
        if (self.job(token) or {}).get("state") == "failed":
            self.drop_job(token)
        try:
            os.close(os.open(self._folder(token) / _JOB, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        self.write_job(token, {"state": "running", "done": 0, "total": 0})
        return True

    def write_job(self, token: str, state: dict[str, Any]) -> None:
        """The job's state, for every server worker (written whole, then renamed)."""
        folder = self._folder(token)
        part = folder / f".{_JOB}.{os.getpid()}"
        part.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        part.replace(folder / _JOB)

    def job(self, token: str) -> dict[str, Any] | None:
        try:
            text = (self._folder(token) / _JOB).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        state: dict[str, Any] = json.loads(text) if text else {"state": "running"}
        return state

    def drop_job(self, token: str) -> None:
        """A failed job: the file stays, the editor may correct the mapping and try again."""
        (self._folder(token) / _JOB).unlink(missing_ok=True)

    def sweep(self) -> None:
        """Delete uploads older than the keep time (abandoned previews, old results)."""
        if not self.directory.is_dir():
            return
        oldest = time.time() - self.keep_seconds
        for folder in self.directory.iterdir():
            try:
                if _TOKEN.match(folder.name) and folder.stat().st_mtime < oldest:
                    running = (self.job(folder.name) or {}).get("state") == "running"
                    if not running:
                        shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue
