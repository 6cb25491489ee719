"""Texts as decoded: TXT in any of the encodings tagdyr detects, HTML without its boilerplate
(menus, headers, footers, sidebars, scripts), DOCX paragraphs. The text is kept exactly as
decoded; paragraphs are (start, end) character offsets into it, so every mention and claim can
point at its place.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from tagdyr.errors import SourceError
from tagdyr.sources.archives import check_archive, parser_said
from tagdyr.sources.encoding import decode
from tagdyr.texts.language import detect_language

TEXT_FORMATS = ("txt", "md", "html", "htm", "docx", "pdf")
_BOILERPLATE = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript",
                "template", "button", "select", "menu"}  # fmt: skip
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "blockquote",
           "section", "article", "td", "th", "pre", "dd", "dt", "figcaption", "table"}  # fmt: skip
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True, slots=True)
class TextDocument:
    filename: str
    format: str
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    encoding: str | None = None
    pages: tuple[int, ...] = ()  # where each page of a PDF starts in ``text``

    def page_of(self, offset: int) -> int | None:
        """The page (1-based) a character stands on, for PDFs."""
        if not self.pages:
            return None
        return sum(1 for start in self.pages if start <= offset)

    @property
    def languages(self) -> tuple[str, ...]:
        """The language of each paragraph ("kk", "ru", "en", "fr" or "")."""
        return tuple(detect_language(self.text[a:b]) for a, b in self.paragraphs)


def _paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Paragraphs: runs of text between blank lines (a single line break stays inside)."""
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)??(?=\s*(?:\n\s*\n|\Z))", text, re.S):
        spans.append((match.start(), match.end()))
    return tuple(spans)


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role")).lower()
        if tag in _BOILERPLATE or re.search(
            r"\b(menu|sidebar|popular|related|share|cookie)", classes
        ):
            self.skipping += 1 if tag not in ("br",) else 0
        elif tag in _BLOCKS and not self.skipping:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag in _BOILERPLATE | {"div", "ul", "section"}:
            self.skipping -= 1
        elif tag in _BLOCKS and not self.skipping:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


_DECLARATION = re.compile(r"<!(?!--|doctype|DOCTYPE)")


def _parsed_html(markup: str, filename: str) -> _Html:
    """Python 3.11's html.parser asserts on some broken ``<!…`` declarations (found by
    fuzzing): those are read again as plain text, which a browser would show anyway."""
    for attempt in (markup, _DECLARATION.sub("&lt;!", markup)):
        parser = _Html()
        try:
            parser.feed(attempt)
            parser.close()
        except AssertionError:
            continue
        return parser
    raise SourceError("the HTML cannot be parsed, even as plain text", file=filename)


def _html_text(markup: str, filename: str) -> str:
    parser = _parsed_html(markup, filename)
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _docx_text(path: Path) -> str:
    check_archive(path, "DOCX")
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except Exception as exc:  # a damaged archive makes zipfile, zlib or the XML parser raise
        raise SourceError(f"not a readable DOCX file ({parser_said(exc)})", file=path.name) from exc
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t":
                pieces.append(node.text or "")
            elif node.tag == f"{_W}br":
                pieces.append("\n")
            elif node.tag == f"{_W}tab":
                pieces.append("\t")
        paragraphs.append("".join(pieces))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _pdf_text(path: Path) -> tuple[str, tuple[int, ...]]:
    """The text layer of a PDF, page after page, and where each page starts; a scan without
    a text layer is refused (OCR is not tagdyr's job)."""
    from pypdf import PdfReader

    try:
        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    except Exception as exc:  # pypdf on a damaged file raises far more than PdfReadError
        raise SourceError(f"not a readable PDF file ({parser_said(exc)})", file=path.name) from exc
    if not any(p.strip() for p in pages):
        raise SourceError("the PDF has no text layer (a scan?): run OCR first", file=path.name)
    starts, text = [], ""
    for page in pages:
        starts.append(len(text))
        text += page.strip() + "\n\n"
    return text.rstrip(), tuple(starts)


def read_text(path: Path, encoding: str | None = None) -> TextDocument:
    """A text file as tagdyr reads it; an unknown format is refused by name."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in TEXT_FORMATS:
        raise SourceError(
            f"tagdyr reads texts as {', '.join(TEXT_FORMATS)}, not .{fmt or '?'}", file=path.name
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror}", file=str(path)) from exc
    pages: tuple[int, ...] = ()
    if fmt == "docx":
        text, used = _docx_text(path), None
    elif fmt == "pdf":
        (text, pages), used = _pdf_text(path), None
    else:
        decoded = decode(data, path.name, encoding)
        text, used = decoded.text, decoded.encoding
        if fmt in ("html", "htm"):
            text = _html_text(text, path.name)
    return TextDocument(path.name, fmt, text, _paragraph_spans(text), used, pages)
