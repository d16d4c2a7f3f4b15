"""Figures on slides: each SVG is drawn to PNG once however many decks show it, and an edited
figure is drawn again, so a deck never shows an old version of a figure."""

from __future__ import annotations

import cairosvg
import pytest

from workshop.outputs.slides import figures


def svg(width: int, height: int, extra: str = "") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
            f'<rect width="{width}" height="{height}" fill="#123456"/>{extra}</svg>')


@pytest.fixture
def drawings(monkeypatch):
    """The SVGs CairoSVG was asked to draw, from a cache emptied for the test."""
    drawn = []
    draw = cairosvg.svg2png
    monkeypatch.setattr(figures, "_DRAWN", type(figures._DRAWN)())
    monkeypatch.setattr(cairosvg, "svg2png", lambda **kw: drawn.append(kw["url"]) or draw(**kw))
    return drawn


def test_the_same_figure_in_two_copies_of_the_project_is_drawn_once(tmp_path, drawings):
    for copy in ("one", "two"):
        (tmp_path / copy).mkdir()
        (tmp_path / copy / "figure.svg").write_text(svg(200, 100), encoding="utf-8")
    sizes = [figures.image_stream(tmp_path / copy / "figure.svg")[1:] for copy in ("one", "two")]
    assert sizes == [(1920, 960), (1920, 960)]
    assert len(drawings) == 1


def test_an_edited_figure_is_drawn_again(tmp_path, drawings):
    path = tmp_path / "figure.svg"
    path.write_text(svg(200, 100), encoding="utf-8")
    assert figures.image_stream(path)[1:] == (1920, 960)
    path.write_text(svg(200, 200), encoding="utf-8")
    assert figures.image_stream(path)[1:] == (1920, 1920)
    assert len(drawings) == 2


def test_a_figure_that_reads_another_file_is_drawn_for_each_place(tmp_path, drawings):
    linked = svg(200, 100, '<image href="photo.png" width="10" height="10"/>')
    for copy in ("one", "two"):
        (tmp_path / copy).mkdir()
        (tmp_path / copy / "figure.svg").write_text(linked, encoding="utf-8")
        figures.image_stream(tmp_path / copy / "figure.svg")
    assert len(drawings) == 2


# ---------- the size of the text inside a figure, as placed on a slide

from workshop.outputs.slides import figure_text   # noqa: E402


def _svg(tmp_path, body: str, root: str = 'viewBox="0 0 720 480"', name: str = "figure.svg"):
    path = tmp_path / name
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {root}><title>A figure</title>{body}</svg>',
                    encoding="utf-8")
    return path


def test_text_size_is_inherited_scaled_and_measured_in_the_viewbox(tmp_path):
    path = _svg(tmp_path, '<g font-size="15"><text x="0" y="20">Inherited</text>'
                          '<text font-size="2em" y="40">Doubled</text>'
                          '<text style="font-size: 12pt" y="60">Points</text></g>'
                          '<g transform="scale(2)"><text font-size="10" y="80">Scaled <tspan font-size="8">small</tspan></text></g>'
                          '<text y="100">Default</text><defs><text font-size="1">hidden</text></defs>')
    found = {item.text: round(item.size, 2) for item in figure_text.texts(path)}
    assert found == {"Inherited": 15, "Doubled": 30, "Points": 16, "Scaled": 20, "small": 16, "Default": 16}
    assert figure_text.view_width(path) == 720
    # Placed 540 pt wide, a 720-unit figure is drawn at 0.75 pt a unit: its 15-unit text at 11.25 pt.
    assert figure_text.smallest_placed(path, 540) == (11.25, "Inherited")


def test_a_figure_without_a_viewbox_is_measured_by_its_width(tmp_path):
    path = _svg(tmp_path, '<text font-size="30" y="40">Big</text>', root='width="300pt" height="100pt"')
    assert figure_text.view_width(path) == 400
    assert figure_text.smallest_placed(path, 800) == (60, "Big")
    assert figure_text.smallest_placed(_svg(tmp_path, "", name="empty.svg"), 500) is None
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg><unclosed", encoding="utf-8")
    assert figure_text.texts(broken) == [] and figure_text.smallest_placed(broken, 500) is None


def test_a_slide_version_beside_a_figure_is_shown_instead_and_describes_itself(tmp_path):
    figure = _svg(tmp_path, '<text font-size="15">Small</text>')
    assert figure_text.slide_version(figure) == figure
    version = _svg(tmp_path, '<desc>Two boxes, drawn for slides.</desc><text font-size="30">Large</text>',
                   name="figure.slide.svg")
    assert figure_text.slide_version(figure) == version and figure_text.slide_version(version) == version
    assert figure_text.svg_description(version) == "Two boxes, drawn for slides."
    assert figure_text.svg_description(figure) == "A figure"      # no <desc>: its <title>
    assert figure_text.slide_name(figure) == "figure.slide.svg"
