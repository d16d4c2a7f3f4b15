"""Figures for slides: PowerPoint cannot show SVG, so each is drawn to PNG with CairoSVG.

CairoSVG needs the Cairo library (Debian: libcairo2). Where it is missing, or a figure
cannot be drawn, the slide shows the figure's alt text instead, and the trainer is told.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from collections import OrderedDict
from pathlib import Path

from workshop.model.files import read_bytes

RASTER = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}
PIXELS_WIDE = 1920           # as wide as a full-HD projector


class FigureError(Exception):
    pass


# A reference from inside an SVG to another file: such a figure is drawn again when it moves.
_READS_OTHER_FILES = re.compile(rb"""href\s*=\s*["'](?!#|data:)|url\(\s*["']?(?!#|data:)|@import""", re.IGNORECASE)
_DRAWN: OrderedDict[tuple, tuple[bytes, int, int]] = OrderedDict()
_KEPT = 64
MAX_IMAGE_BYTES = 50_000_000


def image_stream(path: Path) -> tuple[io.BytesIO, int, int]:
    """A PNG (or the original raster image) and its pixel size."""
    if not path.is_file():
        raise FigureError(f"no such image file: {path.name}")
    try:
        data = read_bytes(path, MAX_IMAGE_BYTES)
    except OSError as error:
        raise FigureError(f"{path.name} cannot be read: {error.strerror or error}") from None
    # Drawn once per content, however many decks (or copies of the project) show it; a figure
    # that reads other files is drawn once per file and version.
    key: tuple = (hashlib.sha256(data).hexdigest(), path.suffix.lower())
    if path.suffix.lower() not in RASTER and _READS_OTHER_FILES.search(data):
        key += (path.resolve(), path.stat().st_mtime_ns)
    if key not in _DRAWN:
        _DRAWN[key] = _image(path, data)
        while len(_DRAWN) > _KEPT:
            _DRAWN.popitem(last=False)
    _DRAWN.move_to_end(key)
    png, width, height = _DRAWN[key]
    return io.BytesIO(png), width, height


def _image(path: Path, data: bytes) -> tuple[bytes, int, int]:
    if path.suffix.lower() in RASTER:
        from PIL import Image
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
        return data, width, height
    if path.suffix.lower() != ".svg":
        raise FigureError(f"cannot show a {path.suffix} image on a slide")
    try:
        import cairosvg
    except (ImportError, OSError) as error:   # OSError: the Cairo library itself is missing
        raise FigureError(f"CairoSVG cannot run ({error}); install libcairo2 and the Python requirements") from None
    try:
        png = cairosvg.svg2png(bytestring=data, url=str(path), output_width=PIXELS_WIDE)
    except Exception as error:  # a malformed SVG raises parser errors of several kinds
        raise FigureError(f"the SVG cannot be drawn: {error}") from None
    width, height = struct.unpack(">II", png[16:24])
    return png, width, height
