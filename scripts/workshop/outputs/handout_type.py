"""Type sizes read back from a printed PDF: what a reader holding the sheet actually gets.

A stylesheet says what it asks for; the PDF says what was printed, after the browser's own
rules, inherited sizes and scaling. Each character's size is its font size in text space times
the scale of its text matrix (Chromium prints CSS pixels at 0.75 of a point, so 16 px becomes
12 pt), which is the size a ruler would measure on paper. make handouts prints the range of
sizes beside each page count, and a large-print run reports any text smaller than its floor.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass, field

SAMPLE = 40          # characters of the smallest text quoted in a message


@dataclass
class TypeSizes:
    """The type of a printed PDF: characters at each size (points, to 0.1), and where the smallest is."""
    counts: Counter = field(default_factory=Counter)
    samples: dict[float, str] = field(default_factory=dict)     # the first characters printed at each size
    pages: dict[float, int] = field(default_factory=dict)       # the first page (from 1) printed at each size

    @property
    def smallest(self) -> float | None:
        return min(self.counts) if self.counts else None

    @property
    def largest(self) -> float | None:
        return max(self.counts) if self.counts else None

    @property
    def body(self) -> float | None:
        """The size most characters are printed at."""
        return self.counts.most_common(1)[0][0] if self.counts else None

    def below(self, floor: float) -> list[float]:
        """The sizes printed under floor, smallest first (a tenth of a point of rounding is allowed)."""
        return sorted(size for size in self.counts if size < floor - 0.05)

    def range_text(self) -> str:
        """'type 10–19 pt, most at 12 pt' for a progress line; '' for a PDF with no text."""
        if not self.counts:
            return ""
        low, high, body = _pt(self.smallest), _pt(self.largest), _pt(self.body)
        return f"type {low} pt" if low == high else f"type {low}–{high} pt, most at {body} pt"


def _pt(size: float) -> str:
    return f"{size:g}"


def type_sizes(pdf: bytes | str) -> TypeSizes:
    """Every visible character's printed size, counted (spaces and the text layer's own marks aside)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found = TypeSizes()
    document = pdfium.PdfDocument(pdf)
    try:
        matrix = raw.FS_MATRIX()
        for number, page in enumerate(document, 1):
            text = page.get_textpage()
            last = None
            try:
                for index in range(text.count_chars()):
                    code = raw.FPDFText_GetUnicode(text.raw, index)
                    if code in (0, 2, 0xFFFE, 0xFFFF) or chr(code).isspace():
                        sample = found.samples.get(last, "") if last is not None else ""
                        if sample and not sample.endswith(" ") and len(sample) < SAMPLE:
                            found.samples[last] = sample + " "
                        continue
                    if not raw.FPDFText_GetMatrix(text.raw, index, ctypes.byref(matrix)):
                        continue
                    scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
                    size = round(raw.FPDFText_GetFontSize(text.raw, index) * scale, 1)
                    if size <= 0:
                        continue
                    found.counts[size] += 1
                    last = size
                    found.pages.setdefault(size, number)
                    sample = found.samples.get(size, "")
                    if len(sample) < SAMPLE:
                        found.samples[size] = sample + chr(code)
            finally:
                text.close()
    finally:
        document.close()
    return found
