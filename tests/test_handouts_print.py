"""Printed handouts: every handout prints on A4 and US Letter within its page budget, with none of
the site's chrome and no blank or nearly empty last page; each PDF is tagged for screen readers, with
bookmarks, its language and its title; the workshop pack holds them all in order; a handout over
its budget, or one that spills onto a nearly empty last page, is reported; the site links to the
PDFs only while they are published and current.

The PDFs are printed by the same code as `make handouts`, from the real site built for the tests.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
import pypdfium2 as pdfium
from pypdf import PdfReader

from project_factory import Project, handout_page
from workshop.outputs.handouts import (LAST_PAGE_MIN, PAPERS, OutputFolder, handout_entries, handouts, pack_name,
                               print_handouts, write_pack)
from workshop.model.site import load_site

pytestmark = pytest.mark.browser

# Points: the paper sizes a reader chooses in the print dialog.
PAPER_SIZES = {"a4": (595, 842), "letter": (612, 792)}
# Chrome that must never print, whatever the page's HTML holds.
CHROME_WORDS = ["Search", "Table of contents", "Made with", "Previous", "Next", "Back to top",
                "Skip to content", "Edit this page", "This page serves the learning objective",
                "Download this handout"]
CHROME_SELECTORS = (".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-skip, "
                    ".md-content__button, .md-source-file, .objectives-box, .handout-pdf")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _holds(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(_flat(phrase))}(?!\w)", text) is not None


def _pdf_text(path: Path) -> list[str]:
    """Each page's words as a reader copies them (PDFium's text, a line-end hyphen as a hyphen)."""
    document = pdfium.PdfDocument(path)
    try:
        return [_flat(page.get_textpage().get_text_bounded().replace("\x02", "-")) for page in document]
    finally:
        document.close()


@pytest.fixture(scope="module")
def model(root):
    return load_site(root / "mkdocs.yml")


@pytest.fixture(scope="module")
def printed(model, site_url, browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    lines: list[str] = []
    papers = list(PAPERS.values())
    with OutputFolder(out) as output:
        results, problems = print_handouts(model, site_url, browser, output, papers, say=lines.append)
        for paper in papers:
            write_pack(model, results, paper, output)
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
    assert expected, "the site has no handouts in its navigation"
    assert {(r.handout.slug, r.paper.key) for r in printed.results} == \
        {(h.slug, key) for h in expected for key in PAPERS}
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


def test_each_pdf_holds_its_title_and_none_of_the_sites_chrome(built_html, printed):
    for result in printed.results:
        handout = result.handout
        soup = built_html[handout.slug]
        chrome = {_flat(text) for element in soup.select(CHROME_SELECTORS) for text in element.stripped_strings}
        own_text = _flat(" ".join(node for node in soup.select_one("article").find_all(string=True)
                                  if not node.find_parent(class_=["objectives-box", "handout-pdf", "headerlink"])))
        text = " ".join(printed.texts[result.path])
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


def test_the_workshop_pack_holds_every_handout_in_navigation_order(model, printed):
    titles = [handout.title for handout in handouts(model)]
    for key, pack in printed.packs.items():
        assert pack.name == pack_name(PAPERS[key])
        reader = PdfReader(pack)
        assert len(reader.pages) == sum(r.pages for r in printed.results if r.paper.key == key)
        assert [item.title for item in reader.outline] == titles
        text = " ".join(_pdf_text(pack))
        positions = [re.search(re.escape(title), text) for title in titles]
        assert all(positions), f"{pack.name}: missing {[t for t, p in zip(titles, positions) if not p]}"
        assert [p.start() for p in positions] == sorted(p.start() for p in positions)


# ---------- a small project: the budget message, and the links to published PDFs

LONG_HANDOUT = handout_page(9, "A long worksheet", "".join(
    f'<div class="write-box write-box--tall" markdown>\n\n**Box {n}.** Write here.\n\n</div>\n\n'
    + ('<div class="page-break"></div>\n\n' if n in (1, 8) else "") for n in range(1, 9)))


def _short_handout(number: int, name: str, after_break: str) -> str:
    """A handout of two pages: an opening, a page break, then what its last page holds."""
    return handout_page(number, name, f'<div class="page-break"></div>\n\n{after_break}\n', page_budget=2)


# Its last page holds one line: a spill the check reports.
SPILL_HANDOUT = _short_handout(10, "A spill", "One line on a sheet of its own.")
# Its last page holds three tall boxes, well over a quarter of the page: nothing to report.
FULL_HANDOUT = _short_handout(11, "A full last page", "".join(
    f'<div class="write-box write-box--tall" markdown>\n\n**Box {n}.** Write here.\n\n</div>\n\n' for n in (1, 2, 3)))


@pytest.fixture(scope="module")
def small(tmp_path_factory, root):
    project = Project(tmp_path_factory.mktemp("small") / "workshop")
    # Only the exercise and the handouts: the teaching pages' own rules are not at stake here.
    project.files.pop("docs/definitions.md", None)
    project.config["nav"] = [entry for entry in project.config["nav"] if "definitions.md" not in entry.values()]
    project.add_page("exercises/handouts/long.md", LONG_HANDOUT, "Handout 9: A long worksheet")
    project.add_page("exercises/handouts/spill.md", SPILL_HANDOUT, "Handout 10: A spill")
    project.add_page("exercises/handouts/full.md", FULL_HANDOUT, "Handout 11: A full last page")
    first = project.build()

    assert first.returncode == 0, first.stderr
    page = project.root / "site" / "exercises" / "handouts" / "long" / "index.html"
    before = page.read_text(encoding="utf-8")
    # The command a trainer runs (in its own process: the session's browser holds this one's Playwright).
    run = subprocess.run([sys.executable, str(root / "scripts" / "make_handouts.py"),
                          "--site", str(project.root / "site")],
                         capture_output=True, text=True, cwd=project.root)
    return SimpleNamespace(project=project, page=page, before=before, status=run.returncode,
                           output=run.stdout + run.stderr)


def test_a_handout_over_its_budget_is_reported_with_file_line_and_page_count(small):
    out = small.project.root / "build" / "handouts"
    pages = len(PdfReader(out / "a4" / "long.pdf").pages)
    assert pages > 1
    over = pages - 1
    assert small.status == 1
    assert (f"Printing 1/3: Handout 9: A long worksheet ... A4 {pages} pages (over its budget of 1"
            in small.output)
    assert (f"exercises/handouts/long.md:5: the handout prints on {pages} pages of A4, {over} "
            f"page{'s' if over > 1 else ''} more than its page_budget of 1 [handout-over-budget]"
            in small.output)
    assert "hint: Shorten the handout" in small.output
    assert (out / "workshop-pack-a4.pdf").is_file() and (out / "workshop-pack-letter.pdf").is_file()


def test_a_nearly_empty_last_page_is_reported_with_the_handout_file(small):
    assert small.status == 1
    for paper in PAPERS.values():
        found = re.search(rf"^exercises/handouts/spill\.md:5: the handout's last page of {re.escape(paper.label)} "
                          rf"\(page 2\) is nearly empty: its content uses (\d+) % of the page's height, less than "
                          rf"the {LAST_PAGE_MIN} % a last page should use \[handout-last-page-nearly-empty\]$",
                          small.output, re.M)
        assert found, small.output
        assert int(found.group(1)) < 10
    assert "hint: Shorten the handout by a few lines" in small.output
    assert "Printing 2/3: Handout 10: A spill ... A4 2 pages (last page" in small.output


def test_a_last_page_used_well_is_not_reported(small):
    assert "Printing 3/3: Handout 11: A full last page ... A4 2 pages, US Letter 2 pages\n" in small.output
    assert "exercises/handouts/full.md" not in small.output


def test_a_page_break_starts_a_new_sheet_and_a_final_one_adds_no_blank_page(small):
    for key in PAPERS:
        pages = _pdf_text(small.project.root / "build" / "handouts" / key / "long.pdf")
        assert pages[0].endswith("Box 1. Write here.") and pages[1].startswith("Box 2. Write here.")
        assert pages[-1].endswith("Box 8. Write here.")


def test_handout_links_to_its_pdfs_only_while_they_are_published_and_current(small):
    assert "handout-pdf" not in small.before  # built before any PDF was printed
    site = small.project.root / "site"
    shutil.rmtree(site)
    assert small.project.build().returncode == 0
    soup = BeautifulSoup(small.page.read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(".handout-pdf")
    assert link is not None and _flat(link.get_text()) == "Download this handout as a PDF (A4 / US Letter)."
    for anchor in link.select("a"):
        target = (small.page.parent / anchor["href"]).resolve()
        assert target.is_file() and target.read_bytes().startswith(b"%PDF")
    # The handout changes after printing: its old PDFs are neither linked nor published.
    source = small.project.root / "exercises" / "handouts" / "long.md"
    small.project.files["exercises/handouts/long.md"] = source.read_text(encoding="utf-8") + "\nOne more line.\n"
    shutil.rmtree(site)
    assert small.project.build().returncode == 0
    assert "handout-pdf" not in small.page.read_text(encoding="utf-8")
    published = sorted(path.name for path in (site / "exercises" / "handouts" / "pdf").glob("*.pdf"))
    assert published == ["full-a4.pdf", "full-letter.pdf", "spill-a4.pdf", "spill-letter.pdf"]
