"""Reading the pages of a scan: TIFF (also multi-page), JPEG, PNG, and scanned PDFs."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from tagdyr.errors import SourceError

IMAGE_FORMATS = ("png", "jpg", "jpeg", "tif", "tiff")
SCAN_FORMATS = (*IMAGE_FORMATS, "pdf")
PDF_DPI = 300  # scanned PDFs are rendered at this resolution
MAX_PIXELS = 60_000_000  # one page; a 600 dpi A3 scan is about 70 MP


def is_scan(path: Path) -> bool:
    return path.suffix.lower().lstrip(".") in SCAN_FORMATS


def _check_size(image: Image.Image, filename: str, number: int) -> None:
    if image.width * image.height > MAX_PIXELS:
        raise SourceError(
            f"page {number} is {image.width}×{image.height} pixels, more than a page can be "
            f"({MAX_PIXELS:,} pixels); scan at 300 dpi",
            file=filename,
        )


def _pdf_pages(data: bytes, filename: str) -> list[Image.Image]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise SourceError(f"not a readable PDF ({exc})", file=filename) from exc
    pages = []
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            image = page.render(scale=PDF_DPI / 72).to_pil().convert("L")
            image.info["dpi"] = (PDF_DPI, PDF_DPI)
            _check_size(image, filename, number + 1)
            pages.append(image)
    finally:
        pdf.close()
    return pages


def read_pages(path: Path, data: bytes) -> list[Image.Image]:
    """Every page of the scan as a greyscale image, with its dpi in ``info`` where known."""
    if path.suffix.lower() == ".pdf":
        pages = _pdf_pages(data, path.name)
    else:
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        try:
            image = Image.open(io.BytesIO(data))
            pages = []
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                _check_size(frame, path.name, number)
                page = frame.convert("L")
                page.info["dpi"] = frame.info.get("dpi", (300, 300))
                pages.append(page)
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
            raise SourceError(f"not a readable image ({exc})", file=path.name) from exc
    if not pages:
        raise SourceError("the scan has no pages", file=path.name)
    return pages
