"""How large the text inside a figure is once the figure sits on a slide.

A figure drawn for a web page (720 units wide, labels at 15) and placed 7.6 inches wide on a slide
shows its labels at about 11 pt: under half the deck's 24 pt body, unreadable from the back of a
room. The deck's type check therefore reaches inside figures: each text element's size is its
font-size (inherited from its ancestors, in user units, through any scale of their transforms)
times the scale at which the figure is placed, placed width in points over the width of the SVG's
viewBox. A figure whose smallest text falls under extra.slides.min_figure_pt is reported, and a
slide version drawn for the projector (NAME.slide.svg beside NAME.svg) is shown instead wherever
one exists (slide_version).

Only SVG is read (a raster image's text cannot be measured); an SVG that cannot be parsed has no
text to report, and is reported by the figure drawing instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SLIDE_SUFFIX = ".slide.svg"
DEFAULT_FONT = 16.0          # CSS's initial font size, in user units (px)
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_LENGTH = re.compile(rf"^\s*({_NUMBER})\s*(px|pt|em|rem|%|)\s*$")
_UNITS = {"px": 1.0, "": 1.0, "pt": 4 / 3}
_TRANSFORM = re.compile(r"(matrix|scale|translate|rotate|skewX|skewY)\s*\(([^)]*)\)")


@dataclass(frozen=True)
class FigureText:
    text: str
    size: float          # in the SVG's user units, after the scale of every enclosing transform


def slide_version(path: Path) -> Path:
    """The figure drawn for slides beside an SVG (NAME.slide.svg), or the SVG itself when there is none."""
    if path.suffix.lower() != ".svg" or path.name.endswith(SLIDE_SUFFIX):
        return path
    candidate = path.with_name(path.name[: -len(".svg")] + SLIDE_SUFFIX)
    return candidate if candidate.is_file() else path


def slide_name(path: Path) -> str:
    return path.name[: -len(".svg")] + SLIDE_SUFFIX if path.suffix.lower() == ".svg" else path.name


def svg_description(path: Path) -> str:
    """What an SVG says it shows: its <desc>, else its <title> (the alt text of a slide version)."""
    root = _parse(path)
    if root is None:
        return ""
    for tag in ("desc", "title"):
        element = next((e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == tag), None)
        if element is not None and " ".join("".join(element.itertext()).split()):
            return " ".join("".join(element.itertext()).split())
    return ""


def _parse(path: Path):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError):
        return None


def _style(element, name: str) -> str | None:
    style = element.get("style") or ""
    for part in style.split(";"):
        key, _, value = part.partition(":")
        if key.strip() == name:
            return value.strip()
    return element.get(name)


def _font_size(value: str | None, inherited: float) -> float:
    if not value:
        return inherited
    match = _LENGTH.match(value)
    if not match:
        keywords = {"smaller": inherited / 1.2, "larger": inherited * 1.2}
        return keywords.get(value.strip(), inherited)
    number, unit = float(match.group(1)), match.group(2)
    if unit in ("em", "rem"):
        return number * (inherited if unit == "em" else DEFAULT_FONT)
    if unit == "%":
        return number / 100 * inherited
    return number * _UNITS[unit]


def _scale(transform: str | None) -> float:
    """The factor by which a transform scales lengths (the square root of its determinant)."""
    if not transform:
        return 1.0
    factor = 1.0
    for name, args in _TRANSFORM.findall(transform):
        values = [float(v) for v in re.findall(_NUMBER, args)]
        if name == "matrix" and len(values) == 6:
            a, b, c, d = values[:4]
            factor *= math.sqrt(abs(a * d - b * c))
        elif name == "scale" and values:
            sx, sy = values[0], values[1] if len(values) > 1 else values[0]
            factor *= math.sqrt(abs(sx * sy))
    return factor


def texts(path: Path) -> list[FigureText]:
    """Every piece of text an SVG shows (its <text> and <tspan> elements), with its size in user units."""
    root = _parse(path)
    if root is None:
        return []
    found: list[FigureText] = []

    def walk(element, size: float, scale: float) -> None:
        if not isinstance(element.tag, str):
            return
        tag = etree.QName(element).localname
        if tag in ("defs", "title", "desc", "metadata", "style", "script", "clipPath", "mask", "pattern", "marker",
                   "symbol"):
            return
        size = _font_size(_style(element, "font-size"), size)
        scale *= _scale(element.get("transform"))
        if tag in ("text", "tspan"):
            own = " ".join((element.text or "").split())
            if own:
                found.append(FigureText(own, size * scale))
        for child in element:
            walk(child, size, scale)
            if tag in ("text", "tspan") and child.tail and child.tail.strip():
                found.append(FigureText(" ".join(child.tail.split()), size * scale))

    walk(root, DEFAULT_FONT, 1.0)
    return found


def view_width(path: Path) -> float | None:
    """The width of the SVG's coordinate system: its viewBox, else its width attribute."""
    root = _parse(path)
    if root is None:
        return None
    box = re.findall(_NUMBER, root.get("viewBox") or "")
    if len(box) == 4 and float(box[2]) > 0:
        return float(box[2])
    width = _LENGTH.match(root.get("width") or "")
    if width and width.group(2) in _UNITS and float(width.group(1)) > 0:
        return float(width.group(1)) * _UNITS[width.group(2)]
    return None


def smallest_placed(path: Path, placed_width_pt: float) -> tuple[float, str] | None:
    """The smallest text of an SVG placed placed_width_pt points wide, in points, and that text;
    None for a figure with no text to measure (or not an SVG)."""
    if path.suffix.lower() != ".svg":
        return None
    width = view_width(path)
    found = texts(path)
    if not width or not found:
        return None
    smallest = min(found, key=lambda item: item.size)
    return smallest.size * placed_width_pt / width, smallest.text
