"""This workshop's printed handouts: every page of a printed kind prints on A4 and US Letter within its
page budget, with none of the site's chrome and no blank or nearly empty last page; each PDF is
tagged for screen readers, with bookmarks, its language and its title, and carries the workshop's
identity in a running footer; cards print at 12 pt or more, never split across pages; the packs hold
every handout (or one audience's) in order, each starting on a right-hand page.

The PDFs are printed by the same code as `workshop handouts`, from the site built for the tests. How
the engine reports a handout over its budget, a spill, small type in large print, and links to the
PDFs is its own test (tests/test_handouts_print.py).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
import pypdfium2 as pdfium
from pypdf import PdfReader

from workshop.outputs.handout_packs import BLANK_TEXT, padded_pages
from workshop.outputs.handout_type import type_sizes
from workshop.outputs.handouts import (LAST_PAGE_MIN, PAPERS, OutputFolder, handout_entries, handouts, identity_line,
                                       pack_name, print_handouts, write_packs)
from workshop.sitetests.pdf_text import flat as _flat, pdf_text as _pdf_text

pytestmark = pytest.mark.browser

# Points: the paper sizes a reader chooses in the print dialog.
PAPER_SIZES = {"a4": (595, 842), "letter": (612, 792)}
# Chrome that must never print, whatever the page's HTML holds.
CHROME_WORDS = ["Search", "Table of contents", "Made with", "Previous", "Next", "Back to top",
                "Skip to content", "Edit this page", "This page serves the learning objective",
                "Download this handout"]
CHROME_SELECTORS = (".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-skip, "
                    ".md-content__button, .md-source-file, .objectives-box, .handout-pdf")


def _holds(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(_flat(phrase))}(?!\w)", text) is not None


@pytest.fixture(scope="module")
def model(config_path):
    """The workshop's model, read afresh: printing reads the pages it renders."""
    from workshop.model.site import load_site

    return load_site(config_path)


@pytest.fixture(scope="module")
def printed(model, site_url, browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    lines: list[str] = []
    papers = list(PAPERS.values())
    with OutputFolder(out) as output:
        results, problems = print_handouts(model, site_url, browser, output, papers, say=lines.append)
        for paper in papers:
            write_packs(model, results, paper, output)
        output.commit(papers, handout_entries(model, results))
    results = [dataclasses.replace(result, path=out / result.rel) for result in results]
    packs = {key: out / pack_name(paper) for key, paper in PAPERS.items()}
    texts = {result.path: _pdf_text(result.path) for result in results}
    return SimpleNamespace(out=out, results=results, problems=problems, packs=packs, lines=lines, texts=texts)


@pytest.fixture(scope="module")
def built_html(built_site, model):
    """Each handout's built page, parsed once."""
    def parse(handout):
        return BeautifulSoup((built_site / handout.url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return {handout.slug: parse(handout) for handout in handouts(model)}


def test_every_handout_in_the_navigation_is_printed_on_both_papers(model, printed):
    expected = handouts(model)
    assert {(r.handout.slug, r.paper.key) for r in printed.results} == \
        {(h.slug, key) for h in expected for key in PAPERS}
    assert len(printed.results) == 2 * len(expected)
    if expected:    # a workshop with no printed pages prints nothing, and says nothing
        assert printed.lines[0].startswith(f"Printing 1/{len(expected)}: {expected[0].title} ... A4 ")


def test_every_handout_prints_within_its_page_budget(model, printed):
    for handout in handouts(model):
        assert handout.budget is not None, f"{handout.page.rel}: no valid page_budget"
    over = [problem.text() for problem in printed.problems.sorted() if problem.code == "handout-over-budget"]
    assert not over, "handouts over their page budget:\n" + "\n".join(over)
    for result in printed.results:
        assert 1 <= result.pages <= result.handout.budget


def test_each_pdf_is_on_the_chosen_paper_with_no_blank_last_page(printed):
    for result in printed.results:
        reader = PdfReader(result.path)
        for page in reader.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            expected = PAPER_SIZES[result.paper.key]
            assert all(abs(a - b) < 2 for a, b in zip(size, expected)), \
                f"{result.paper.label} {result.path.name}: pages of {size[0]:.0f} x {size[1]:.0f} pt"
        assert printed.texts[result.path][-1], \
            f"{result.paper.label} {result.path.name}: the last page is blank"


def test_no_handout_spills_onto_a_nearly_empty_last_page(printed):
    nearly_empty = [problem.text() for problem in printed.problems.sorted()
                    if problem.code == "handout-last-page-nearly-empty"]
    assert not nearly_empty, "handouts whose last page is nearly empty:\n" + "\n".join(nearly_empty)
    for result in printed.results:
        assert result.last_page_used is None or result.last_page_used >= LAST_PAGE_MIN


def test_each_pdf_is_tagged_with_bookmarks_language_and_title(printed, built_html):
    """What a screen reader needs: a tagged structure (headings, lists, tables, reading order),
    the document's language, and its title shown instead of the file name; and bookmarks."""
    for result in printed.results:
        reader = PdfReader(result.path)
        catalog = reader.trailer["/Root"]
        name = f"{result.paper.label} {result.path.name}"
        mark_info = catalog.get("/MarkInfo")
        assert mark_info is not None and bool(mark_info.get_object().get("/Marked")) is True, \
            f"{name}: not a tagged PDF"
        tree = catalog.get("/StructTreeRoot")
        assert tree is not None and tree.get_object().get("/K") is not None, f"{name}: no structure tree"
        language = built_html[result.handout.slug].html.get("lang")
        assert language and str(catalog.get("/Lang", "")) == language, f"{name}: no document language"
        assert reader.metadata is not None and reader.metadata.title == result.handout.title, \
            f"{name}: title {reader.metadata.title if reader.metadata else None!r}"
        assert "/Outlines" in catalog and reader.outline, f"{name}: no bookmarks"
        assert reader.outline[0].title == result.handout.title
        roles = _structure_roles(tree.get_object())
        assert "H1" in roles and "P" in roles, f"{name}: structure without headings or paragraphs: {sorted(roles)}"
        article = BeautifulSoup(str(built_html[result.handout.slug].select_one("article")), "html.parser")
        for hidden in article.select(CHROME_SELECTORS):   # never printed, so never tagged
            hidden.decompose()
        for role, selector in (("L", "ul, ol"), ("LI", "li"), ("Table", "table"), ("TH", "th"), ("H2", "h2")):
            if article.select_one(selector) is not None:
                assert role in roles, f"{name}: its {selector} is not tagged as {role}"


def _structure_roles(node, seen=None, depth=0) -> set[str]:
    """The structure types (/S) in a PDF's structure tree."""
    roles: set[str] = set() if seen is None else seen
    if depth > 200:
        return roles
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            roles.add(str(node["/S"]).lstrip("/"))
        kids = node.get("/K")
        if kids is not None:
            _structure_roles(kids, roles, depth + 1)
    elif isinstance(node, list):
        for kid in node:
            _structure_roles(kid, roles, depth + 1)
    return roles


def test_each_pdf_holds_its_title_and_none_of_the_sites_chrome(model, built_html, printed):
    footer = _flat(" · ".join(identity_line(model)))    # the running footer may name the workshop; the chrome may not
    for result in printed.results:
        handout = result.handout
        soup = built_html[handout.slug]
        chrome = {_flat(text) for element in soup.select(CHROME_SELECTORS) for text in element.stripped_strings}
        own_text = _flat(" ".join(node for node in soup.select_one("article").find_all(string=True)
                                  if not node.find_parent(class_=["objectives-box", "handout-pdf", "headerlink"])))
        pages = printed.texts[result.path]
        assert all(footer in page for page in pages), f"{result.path.name}: a page without its running footer"
        text = " ".join(re.sub(r"Page \d+ of \d+", " ", page.replace(footer, " ")) for page in pages)
        assert _holds(text, handout.title), f"{result.path}: title '{handout.title}' not printed"
        for phrase in sorted(chrome | set(CHROME_WORDS)):
            if len(phrase) >= 4 and not _holds(own_text, phrase):
                assert not _holds(text, phrase), \
                    f"{result.paper.label} {result.path.name}: the site's chrome '{phrase}' is printed"


def test_cards_and_boxes_are_never_split_across_pages(built_html, printed):
    for result in printed.results:
        soup = built_html[result.handout.slug]
        pages = ["".join(text.split()) for text in printed.texts[result.path]]
        for block in soup.select("article .handout-card, article .write-box"):
            text = "".join(t for node in block.find_all(string=True)
                           if not node.find_parent(class_="headerlink") for t in node.split())
            start, end = text[:30], text[-30:]
            on = [{n for n, page in enumerate(pages) if snippet in page} for snippet in (start, end)]
            assert on[0] and on[1], f"{result.path.name}: text of a card or box not found: {start}...{end}"
            assert on[0] & on[1], (f"{result.paper.label} {result.path.name}: the card or box "
                                   f"'{' '.join(block.get_text(' ').replace('¶', '').split())[:60]}' is split across pages")


def _pack_starts(pack: Path) -> list[tuple[str, int]]:
    """Each bookmark of a pack and the page (from 1) it opens, read back with PDFium."""
    document = pdfium.PdfDocument(pack)
    try:
        return [(item.get_title(), item.get_dest().get_index() + 1) for item in document.get_toc()]
    finally:
        document.close()


def test_every_pack_starts_each_handout_on_a_right_hand_page_in_navigation_order(model, printed):
    titles = [handout.title for handout in handouts(model)]
    audiences = {handout.title: handout.print_for for handout in handouts(model)}
    for key, paper in PAPERS.items():
        pages = {r.handout.title: r.pages for r in printed.results if r.paper.key == key}
        for audience in (None, "facilitator", "group", "participant"):
            pack = printed.out / pack_name(paper, audience)
            expected = [t for t in titles if audience is None or audiences[t] == audience]
            assert pack.is_file() == bool(expected), pack.name
            if not expected:
                continue
            starts = _pack_starts(pack)
            assert [title for title, _ in starts] == expected, pack.name
            assert all(start % 2 == 1 for _, start in starts), f"{pack.name}: a handout starts on a left-hand page: {starts}"
            text = _pdf_text(pack)
            assert len(text) == sum(padded_pages(pages[t]) for t in expected)
            for title, start in starts:
                if pages[title] % 2:   # the page after an odd handout says it is blank, and nothing else
                    assert text[start - 1 + pages[title]] == BLANK_TEXT, (pack.name, title)
            assert text.count(BLANK_TEXT) == sum(pages[t] % 2 for t in expected)


def test_every_pdf_carries_the_workshops_identity_in_a_running_footer(model, printed):
    identity = " · ".join(identity_line(model))
    workshop = model.config.workshop
    name = str(workshop.get("short_title") or workshop.get("title") or model.config.site_name).strip()
    assert name and identity.startswith(name)
    for key in ("event", "institution", "venue"):
        assert str(workshop.get(key) or "").strip() in identity
    for result in printed.results:
        for number, page in enumerate(printed.texts[result.path], 1):
            assert _holds(page, identity) and f"Page {number} of {result.pages}" in page, (result.path.name, number)


def test_scenario_and_role_cards_print_at_twelve_points_or_more(model, printed, built_html):
    """The cards people read for three minutes at arm's length (their front matter says they hold
    cards): nothing under 12 pt but the page's opening paragraph and the running footer."""
    carded = [r for r in printed.results if r.handout.page.meta.get("cards")]
    assert {r.handout.slug for r in carded} == {h.slug for h in handouts(model) if h.page.meta.get("cards")}
    for result in carded:
        opening = _flat(built_html[result.handout.slug].select_one("article h1 ~ p").get_text())
        sizes = type_sizes(str(result.path))
        assert sizes.body >= 12
        for size in sizes.below(12):
            sample = _flat(sizes.samples[size])
            assert sample.startswith(identity_line(model)[0]) or opening.startswith(sample.rstrip()), \
                (result.path.name, result.paper.label, size, sample)


def test_a_handout_that_states_the_objectives_prints_each_as_configured(model, printed):
    """<!-- workshop:objective-statements -->: every objective's id, short name and statement, as mkdocs.yml
    states them now (a fork's own objectives, never the ones it started from)."""
    from workshop.sitetests.pages import with_marker

    stating = {page.site_path for page in with_marker(model, "objective-statements")}
    for result in printed.results:
        if result.handout.page.site_path not in stating:
            continue
        text = " ".join(printed.texts[result.path])
        for objective in model.config.objectives:
            assert _holds(text, f"{objective.id} {objective.short}."), (result.path.name, objective.id)
            assert _holds(text, objective.statement), (result.path.name, objective.id)

