"""Figures for slides: PowerPoint cannot show SVG, so each is drawn to PNG with CairoSVG.

CairoSVG needs the Cairo library (Debian: libcairo2). Where it is missing, or a figure
cannot be drawn, the slide shows the figure's alt text instead, and the trainer is told.
"""

from __future__ import annotations

import functools
import io
import struct
from pathlib import Path

RASTER = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}
PIXELS_WIDE = 1920           # as wide as a full-HD projector


class FigureError(Exception):
    pass


def image_stream(path: Path) -> tuple[io.BytesIO, int, int]:
    """A PNG (or the original raster image) and its pixel size."""
    if not path.is_file():
        raise FigureError(f"no such image file: {path.name}")
    data, width, height = _image(path.resolve(), path.stat().st_mtime_ns)
    return io.BytesIO(data), width, height


@functools.lru_cache(maxsize=64)
def _image(path: Path, mtime: int) -> tuple[bytes, int, int]:
    """Drawn once per file and version, however many decks show it."""
    if not path.is_file():
        raise FigureError(f"no such image file: {path.name}")
    if path.suffix.lower() in RASTER:
        data = path.read_bytes()
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
        data = cairosvg.svg2png(url=str(path), output_width=PIXELS_WIDE)
    except Exception as error:  # a malformed SVG raises parser errors of several kinds
        raise FigureError(f"the SVG cannot be drawn: {error}") from None
    width, height = struct.unpack(">II", data[16:24])
    return data, width, height
