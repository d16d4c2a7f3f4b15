"""A printed PDF's words as a reader copies them, for the tests that read handouts back (the
site tests and the engine's own)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> list[str]:
    """Each page's words as a reader copies them (PDFium's text, a line-end hyphen as a hyphen)."""
    document = pdfium.PdfDocument(path)
    try:
        return [flat(page.get_textpage().get_text_bounded().replace("\x02", "-")) for page in document]
    finally:
        document.close()
