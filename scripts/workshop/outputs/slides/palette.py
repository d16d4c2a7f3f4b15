"""The deck's colours, taken from the site's: a fork whose site turns teal gets teal slides.

The colour comes, in this order, from extra.slides.colour in mkdocs.yml (a "#rrggbb" value), or
from the site's theme palette (theme.palette: the primary colour of its first, light scheme, or
its accent when the primary is white, black or custom), as Material for MkDocs draws it: each
named colour below is the value of Material's own stylesheet (--md-primary-fg-color and
--md-accent-fg-color in its palette CSS; tests/test_slide_palette.py checks them against the
installed Material). Without either, the deck keeps Material's indigo.

Everything else is computed from that one colour, for contrast rather than by eye:
- text on the bar, band and panel is white or near-black, whichever reaches WCAG AA (4.5:1)
  against the colour; when neither does (a mid-tone), the bar is darkened until white does;
- a "strong" shade, used for text and marks on the white slide (the mode label, bullets, the
  timer ring, frames), is the colour darkened until it reaches 4.5:1 against white;
- a pale and a light tint (frames, the session strip) are mixed from the colour with white.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pptx.dml.color import RGBColor

# Material for MkDocs' named colours (its palette stylesheet, version 9).
PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2", "indigo": "#4051b5",
    "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6", "teal": "#009485", "green": "#4cae4f",
    "light-green": "#8bc34b", "lime": "#cbdc38", "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724",
    "deep-orange": "#ff6e42", "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78",
}
ACCENT = {
    "red": "#ff1a47", "pink": "#f50056", "purple": "#df41fb", "deep-purple": "#7c4dff", "indigo": "#526cfe",
    "blue": "#4287ff", "light-blue": "#0091eb", "cyan": "#00bad6", "teal": "#00bda4", "green": "#00c753",
    "light-green": "#63de17", "lime": "#b0eb00", "yellow": "#ffd500", "amber": "#ffaa00", "orange": "#ff9100",
    "deep-orange": "#ff6e42",
}
DEFAULT = "indigo"
INK = "#212121"          # near-black: the deck's body text
WHITE = "#ffffff"
AA_TEXT = 4.5            # WCAG 2.2 AA contrast for text of any size
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def _rgb(value: str) -> tuple[int, int, int]:
    digits = _HEX.match(value).group(1)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """colour with share (0 to 1) of other mixed in."""
    return _hex(tuple(a + (b - a) * share for a, b in zip(_rgb(colour), _rgb(other))))


def darken_until(colour: str, against: str, ratio: float) -> str:
    """colour, mixed with black in steps of 2 %, until it reaches ratio against `against`."""
    share = 0.0
    shade = colour
    while contrast(shade, against) < ratio and share < 1:
        share = min(1.0, share + 0.02)
        shade = mix(colour, "#000000", share)
    return shade


@dataclass(frozen=True)
class Palette:
    primary: str                 # the bar, the title band, the divider panel, this block on the strip
    on_primary: str              # text on them: white or near-black
    strong: str                  # text and marks on white: 4.5:1 or more against white
    pale: str                    # the fill of frames (questions, hand-back)
    light: str                   # didactic blocks on the session strip
    source: str                  # where the colour came from, for a message
    notes: tuple[str, ...] = field(default=())

    def rgb(self, name: str) -> RGBColor:
        return RGBColor(*_rgb(getattr(self, name)))

    @property
    def text_contrast(self) -> float:
        return contrast(self.on_primary, self.primary)


def build(colour: str, source: str, notes: tuple[str, ...] = ()) -> Palette:
    """The deck's palette from one colour: text on it that reaches AA, shades and tints."""
    colour = _hex(_rgb(colour))
    on = WHITE if contrast(WHITE, colour) >= contrast(INK, colour) else INK
    if contrast(on, colour) < AA_TEXT:           # a mid-tone: darken the bar under white text
        colour, on = darken_until(colour, WHITE, AA_TEXT), WHITE
    return Palette(primary=colour, on_primary=on, strong=darken_until(colour, WHITE, AA_TEXT),
                   pale=mix(colour, WHITE, 0.88), light=mix(colour, WHITE, 0.70), source=source, notes=notes)


def _scheme(theme: Any) -> dict:
    palette = theme.get("palette") if isinstance(theme, dict) else None
    if isinstance(palette, list):
        palette = next((p for p in palette if isinstance(p, dict)), None)
    return palette if isinstance(palette, dict) else {}


def from_config(raw: dict) -> Palette:
    """The palette of a site's mkdocs.yml (its raw settings): extra.slides.colour, else the theme's."""
    extra = raw.get("extra") if isinstance(raw.get("extra"), dict) else {}
    slides = extra.get("slides") if isinstance(extra.get("slides"), dict) else {}
    declared = slides.get("colour")
    if isinstance(declared, str) and _HEX.match(declared.strip()):
        return build(declared.strip(), f"extra.slides.colour {declared.strip()}")
    scheme = _scheme(raw.get("theme"))
    primary = str(scheme.get("primary") or "").strip().lower().replace(" ", "-")
    accent = str(scheme.get("accent") or "").strip().lower().replace(" ", "-")
    if primary in PRIMARY:
        return build(PRIMARY[primary], f"theme.palette.primary {primary}")
    if accent in ACCENT:
        return build(ACCENT[accent], f"theme.palette.accent {accent}",
                     (f"theme.palette.primary '{primary}' has no colour of its own for the slides, so they "
                      f"take the accent, {accent}; set extra.slides.colour to choose another",) if primary else ())
    notes = ()
    if primary or accent:
        notes = (f"theme.palette's colours ({primary or accent}) have no colour of their own for the slides, "
                 "so they are Material's indigo; set extra.slides.colour (\"#rrggbb\") to choose one",)
    return build(PRIMARY[DEFAULT], f"Material's default, {DEFAULT}", notes)


def valid_colour(value: Any) -> bool:
    return isinstance(value, str) and bool(_HEX.match(value.strip()))
