"""Every notebook of the workshop becomes a page as light and accessible as the others: the engine's
small stylesheet instead of Jupyter's, the objectives box, every chart an image with a text
alternative, every table a labelled region a keyboard can scroll, and no placeholder left behind.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest

pytestmark = pytest.mark.slow


def _built(built_site, site_path: str):
    stem = PurePosixPath(site_path).with_suffix("")
    folder = stem.parent if stem.name == "index" else stem
    return built_site / folder / "index.html", len(folder.parts)


def test_every_notebook_page_is_light_and_labelled(site, built_site):
    notebooks = [page for page in site.pages if page.notebook and page.site_path]
    for page in notebooks:
        path, depth = _built(built_site, page.site_path)
        html = path.read_text(encoding="utf-8")
        assert path.stat().st_size < 150_000, f"{page.rel}: {path.stat().st_size} bytes"
        assert f'<link rel="stylesheet" href="{"../" * depth}assets/workshop/notebook.css">' in html, page.rel
        assert "--jp-" not in html and "clipboard-copy" not in html and '<script src="">' not in html, page.rel
        assert 'class="objectives-box"' in html, page.rel
        assert "notebook-output:" not in html, f"{page.rel}: a placeholder was left on the page"
        for figure in re.findall(r'<figure class="workshop-figure"><svg\b[^>]*>', html):
            assert 'role="img"' in figure, page.rel
        for region in re.findall(r'<div [^>]*class="workshop-table"[^>]*>', html):
            assert 'role="region"' in region and 'aria-label="' in region and 'tabindex="0"' in region, page.rel
    if notebooks:
        assert (built_site / "assets" / "workshop" / "notebook.css").is_file()
