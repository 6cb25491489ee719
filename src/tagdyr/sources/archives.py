"""ZIP-based formats (XLSX, ODS, DOCX) checked before a parser unpacks them: a damaged
archive or a zip bomb is refused by name, before any memory is spent on it."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from tagdyr.errors import SourceError

T = TypeVar("T")

# What damage makes the ZIP and XML parsers under openpyxl, odfpy and python-docx raise: a
# broken archive or stream (BadZipFile, zlib.error, EOFError, OSError), a missing archive
# member (KeyError), broken XML (ParseError, ExpatError; lxml's XMLSyntaxError is a
# SyntaxError), a value the parser cannot convert (ValueError, TypeError from openpyxl's typed
# descriptors). Only the parsers' own calls are guarded by it, never tagdyr's row code.
PARSER_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, KeyError,
    ParseError, ExpatError, SyntaxError, ValueError, TypeError,
    NotImplementedError,  # zipfile: "That compression method is not supported" (a damaged entry)
)  # fmt: skip

MAX_UNPACKED = 512 * 1024 * 1024  # a real list or article unpacks to a few MB


def check_archive(path: Path, kind: str) -> None:
    """Refuse ``path`` unless it is a readable ZIP that unpacks to at most 512 MB (zipfile
    never reads past an entry's declared size, so the declared sizes are the limit)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError,
            NotImplementedError) as exc:  # fmt: skip
        raise SourceError(f"not a readable {kind} file ({exc})", file=path.name) from exc
    if unpacked > MAX_UNPACKED:
        raise SourceError(
            f"the {kind} file would unpack to {unpacked / 2**20:,.0f} MB, more than "
            f"{MAX_UNPACKED // 2**20} MB: a damaged file or a zip bomb",
            file=path.name,
        )


def parser_said(exc: BaseException) -> str:
    """What a third-party parser said, short: its exception's name and first line."""
    text = str(exc).strip()
    first = text.splitlines()[0][:200] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def guarded(items: Iterator[T], damaged: Callable[[Exception], Exception]) -> Iterator[T]:
    """``items`` of a third-party parser, its errors (:data:`PARSER_ERRORS`) raised as
    ``damaged(exc)``; what the caller does with each item is not guarded."""
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except PARSER_ERRORS as exc:
            raise damaged(exc) from exc
        yield item
