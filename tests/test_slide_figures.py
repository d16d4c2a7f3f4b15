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
