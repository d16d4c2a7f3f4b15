"""The deck's colour follows the site's: Material's named colours mapped to the values Material itself
draws, text on the bar chosen for contrast, and a declared colour winning over the theme's.

A fork whose site turns teal gets teal slides, with titles that still reach WCAG AA (4.5:1) on
their bar, whatever Material colour it picks.
"""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import material
import pytest

from workshop.outputs.slides import palette
from workshop.outputs.slides.palette import ACCENT, PRIMARY, build, contrast, from_config


def _material_css() -> str:
    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return "".join(path.read_text(encoding="utf-8") for path in folder.glob("palette.*.min.css"))


def _hex(value: str) -> str:
    value = value.strip()
    hsl = re.fullmatch(r"hsl\((\d+),\s*(\d+)%,\s*(\d+)%\)", value)
    if hsl:
        r, g, b = colorsys.hls_to_rgb(int(hsl[1]) / 360, int(hsl[3]) / 100, int(hsl[2]) / 100)
        return "#" + "".join(f"{int(c * 255 + 0.5):02x}" for c in (r, g, b))   # half up, as browsers round
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return "#" + "".join(c * 2 for c in value[1:])
    return value


@pytest.mark.parametrize("table, variable, attribute", [(PRIMARY, "--md-primary-fg-color", "primary"),
                                                        (ACCENT, "--md-accent-fg-color", "accent")])
def test_the_named_colours_are_those_material_draws(table, variable, attribute):
    css = _material_css()
    drawn = {name: _hex(value) for name, value in
             re.findall(rf"\[data-md-color-{attribute}=([a-z-]+)\]\{{{variable}:([^;}}]+)", css)}
    assert drawn, "Material's palette stylesheet was not found"
    for name, value in table.items():
        assert drawn.get(name) == value, f"{attribute} {name}: Material draws {drawn.get(name)}, the deck {value}"


@pytest.mark.parametrize("name", sorted(PRIMARY))
def test_titles_reach_aa_on_every_material_colour(name):
    colours = build(PRIMARY[name], name)
    assert contrast(colours.on_primary, colours.primary) >= 4.5
    assert contrast(colours.strong, "#ffffff") >= 4.5, "text in the colour on the white slide"
    assert colours.on_primary in (palette.WHITE, palette.INK)


def test_a_light_colour_gets_dark_titles_and_a_dark_one_white():
    assert build(PRIMARY["yellow"], "yellow").on_primary == palette.INK
    assert build(PRIMARY["indigo"], "indigo").on_primary == palette.WHITE
    assert build(PRIMARY["indigo"], "indigo").primary == "#4051b5"     # dark enough: kept as the site shows it


def test_a_mid_tone_is_darkened_until_white_titles_reach_aa():
    teal = build(PRIMARY["teal"], "teal")
    assert contrast("#ffffff", PRIMARY["teal"]) < 4.5 and contrast(palette.INK, PRIMARY["teal"]) < 4.5
    assert teal.on_primary == palette.WHITE and contrast(teal.on_primary, teal.primary) >= 4.5
    red, green, blue = (int(teal.primary[i:i + 2], 16) for i in (1, 3, 5))
    assert green > red and blue > red, f"{teal.primary} is still a teal"


def _config(primary=None, accent=None, colour=None, scheme_list=True) -> dict:
    scheme = {k: v for k, v in (("primary", primary), ("accent", accent)) if v is not None}
    theme = {"name": "material", "palette": [scheme, {"scheme": "slate"}] if scheme_list else scheme}
    extra = {"slides": {"colour": colour}} if colour else {}
    return {"theme": theme, "extra": extra}


def test_the_colour_comes_from_the_declared_colour_then_the_palette():
    assert from_config(_config("teal")).source == "theme.palette.primary teal"
    assert from_config(_config("teal", scheme_list=False)).source == "theme.palette.primary teal"
    assert from_config(_config("teal", colour="#880e4f")).primary == "#880e4f"
    assert from_config(_config("white", "deep-orange")).source == "theme.palette.accent deep-orange"
    assert from_config(_config("white", "deep-orange")).notes
    default = from_config({"theme": {"name": "material"}})
    assert default.primary == PRIMARY["indigo"] and not default.notes
    custom = from_config(_config("custom", "custom"))
    assert custom.primary == PRIMARY["indigo"] and "extra.slides.colour" in custom.notes[0]
