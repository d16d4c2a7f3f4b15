"""Printing handouts, on a small project: a handout over its budget, or one that spills onto a nearly
empty last page, is reported with its file and line; a page break starts a new sheet; large print sets
every text at 16 pt or more, within its large-print budget or reported; the packs start each handout on
a right-hand page; the footer carries the workshop's identity and address; the site links to the PDFs
only while they are published and current.

Every workshop's own handouts (each within its budget, tagged, without the site's chrome, in packs) are
a site test: workshop/sitetests/test_handouts_print.py.
"""

from __future__ import annotations

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
from workshop.outputs.handout_packs import BLANK_TEXT, padded_pages
from workshop.outputs.handout_type import type_sizes
from workshop.outputs.handouts import LAST_PAGE_MIN, PAPERS, identity_line
from workshop.model.site import load_site
from workshop.sitetests.pdf_text import flat as _flat, pdf_text as _pdf_text

pytestmark = pytest.mark.browser


def _pack_starts(pack: Path) -> list[tuple[str, int]]:
    """Each bookmark of a pack and the page (from 1) it opens, read back with PDFium."""
    document = pdfium.PdfDocument(pack)
    try:
        return [(item.get_title(), item.get_dest().get_index() + 1) for item in document.get_toc()]
    finally:
        document.close()


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


# A participant's handout with a note in small print: large print reports it; it declares its own
# large-print budget, which its large print keeps to.
SMALL_PRINT_HANDOUT = handout_page(12, "Small print", (
    "Write your answer below.\n\n"
    '<div class="write-box" markdown>\n\n**Your answer.**\n\n</div>\n\n'
    '<p><span style="font-size: 8pt">A note in small print.</span></p>\n'), page_budget=1).replace(
    "print_for: group\n", "print_for: participant\npage_budget_large: 1\n")
SITE_URL = "https://example.org/test-workshop/"


def _run_handouts(root: Path, project: Project, *options: str) -> subprocess.CompletedProcess:
    """The command a trainer runs (in its own process: the session's browser holds this one's Playwright)."""
    return subprocess.run([sys.executable, str(root / "scripts" / "make_handouts.py"),
                           "--site", str(project.root / "site"), *options],
                          capture_output=True, text=True, cwd=project.root)


@pytest.fixture(scope="module")
def small(tmp_path_factory, root):
    project = Project(tmp_path_factory.mktemp("small") / "workshop")
    # Only the exercise and the handouts: the teaching pages' own rules are not at stake here.
    project.files.pop("docs/definitions.md", None)
    project.config["nav"] = [entry for entry in project.config["nav"] if "definitions.md" not in entry.values()]
    project.config["site_url"] = SITE_URL
    project.config["extra"]["workshop"].update(short_title="Test", event="A test event", date="2031",
                                               institution="A university")
    project.add_page("exercises/handouts/long.md", LONG_HANDOUT, "Handout 9: A long worksheet")
    project.add_page("exercises/handouts/spill.md", SPILL_HANDOUT, "Handout 10: A spill")
    project.add_page("exercises/handouts/full.md", FULL_HANDOUT, "Handout 11: A full last page")
    project.add_page("exercises/handouts/small-print.md", SMALL_PRINT_HANDOUT, "Handout 12: Small print")
    first = project.build()

    assert first.returncode == 0, first.stderr
    page = project.root / "site" / "exercises" / "handouts" / "long" / "index.html"
    before = page.read_text(encoding="utf-8")
    run = _run_handouts(root, project)
    out = project.root / "build" / "handouts"
    normal = {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*.pdf")}
    large = _run_handouts(root, project, "--large-print", "--paper", "a4")
    return SimpleNamespace(project=project, page=page, before=before, status=run.returncode,
                           output=run.stdout + run.stderr, large_status=large.returncode,
                           large=large.stdout + large.stderr, out=out, normal=normal)


def test_a_handout_over_its_budget_is_reported_with_file_line_and_page_count(small):
    out = small.project.root / "build" / "handouts"
    pages = len(PdfReader(out / "a4" / "long.pdf").pages)
    assert pages > 1
    over = pages - 1
    assert small.status == 1
    assert (f"Printing 1/4: Handout 9: A long worksheet ... A4 {pages} pages (over its budget of 1"
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
    assert "Printing 2/4: Handout 10: A spill ... A4 2 pages (last page" in small.output


def test_a_last_page_used_well_is_not_reported(small):
    assert re.search(r"^Printing 3/4: Handout 11: A full last page \.\.\. A4 2 pages, US Letter 2 pages; "
                     r"type [\d.]+–[\d.]+ pt, most at [\d.]+ pt$", small.output, re.M), small.output
    assert "exercises/handouts/full.md" not in small.output


def test_a_page_break_starts_a_new_sheet_and_a_final_one_adds_no_blank_page(small):
    identity = " · ".join(identity_line(load_site(small.project.root / "mkdocs.yml")))
    for key in PAPERS:
        pages = [text.split(identity)[0].rstrip()   # the page without its running footer
                 for text in _pdf_text(small.project.root / "build" / "handouts" / key / "long.pdf")]
        assert pages[0].endswith("Box 1. Write here.") and pages[1].startswith("Box 2. Write here.")
        assert pages[-1].endswith("Box 8. Write here.")


def test_handout_links_to_its_pdfs_only_while_they_are_published_and_current(small):
    assert "handout-pdf" not in small.before  # built before any PDF was printed
    site = small.project.root / "site"
    shutil.rmtree(site)
    assert small.project.build().returncode == 0
    soup = BeautifulSoup(small.page.read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(".handout-pdf")
    assert link is not None and \
        _flat(link.get_text()) == "Download this handout as a PDF (A4 / US Letter / A4 large print)."
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
    assert published == ["full-a4-large.pdf", "full-a4.pdf", "full-letter.pdf", "small-print-a4-large.pdf",
                         "small-print-a4.pdf", "small-print-letter.pdf", "spill-a4-large.pdf", "spill-a4.pdf",
                         "spill-letter.pdf"]
    full = BeautifulSoup((site / "exercises/handouts/full/index.html").read_text(encoding="utf-8"), "html.parser")
    assert _flat(full.select_one(".handout-pdf").get_text()) == \
        "Download this handout as a PDF (A4 / US Letter / A4 large print)."


# ---------- large print, the packs and the footer of a small project

def test_large_print_sets_every_text_at_sixteen_points_or_reports_it(small):
    assert small.large_status == 1, small.large
    for name in ("long", "spill", "full"):
        sizes = type_sizes(str(small.out / "a4-large" / f"{name}.pdf"))
        assert sizes.smallest >= 16 and sizes.body >= 16, (name, sizes.counts)
    normal = type_sizes(str(small.out / "a4" / "full.pdf"))
    assert normal.body < 16
    found = re.search(r"^exercises/handouts/small-print\.md:6: in A4 large print, the handout prints text at "
                      r"([\d.]+) pt, under the 16 pt of large print, on page 1: 'A note in small print\.' "
                      r"\[handout-type-too-small\]$", small.large, re.M)
    assert found and float(found.group(1)) < 9, small.large
    assert "hint: Large print sets every text at 16 pt or more" in small.large
    assert "handout-type-too-small" not in small.output    # normal print has no floor of 16 pt


def test_large_print_keeps_to_its_budget_or_reports_where_it_does_not(small):
    out = small.out / "a4-large"
    long_pages = len(PdfReader(out / "long.pdf").pages)
    assert long_pages > 2
    assert (f"exercises/handouts/long.md:5: the handout prints on {long_pages} pages of A4 large print, "
            f"{long_pages - 2} page{'s' if long_pages > 3 else ''} more than its large-print budget (by default 2 "
            f"times page_budget) of 2 [handout-over-budget]") in small.large
    assert "raise page_budget_large if the extra" in small.large
    assert len(PdfReader(out / "full.pdf").pages) <= 4 and "exercises/handouts/full.md" not in small.large
    assert len(PdfReader(out / "small-print.pdf").pages) == 1
    assert "small-print.md:7:" not in small.large     # its page_budget_large: 1 is kept


def test_large_print_leaves_the_normal_set_and_writes_no_pack(small):
    assert sorted(p.name for p in (small.out / "a4-large").glob("*.pdf")) == \
        ["full.pdf", "long.pdf", "small-print.pdf", "spill.pdf"]
    assert not (small.out / "letter-large").exists()
    assert "Wrote 4 handout PDFs in large print" in small.large
    assert {rel: (small.out / rel).read_bytes() for rel in small.normal} == small.normal
    assert not list(small.out.glob("*large*.pdf"))


def test_the_packs_of_a_small_project_start_each_handout_on_a_right_hand_page(small):
    pages = {name: len(PdfReader(small.out / "a4" / f"{name}.pdf").pages)
             for name in ("long", "spill", "full", "small-print")}
    titles = {"long": "Handout 9: A long worksheet", "spill": "Handout 10: A spill",
              "full": "Handout 11: A full last page", "small-print": "Handout 12: Small print"}
    order = ["long", "spill", "full", "small-print"]
    expected, page = [], 1
    for name in order:
        expected.append((titles[name], page))
        page += padded_pages(pages[name])
    assert _pack_starts(small.out / "workshop-pack-a4.pdf") == expected
    assert _pack_starts(small.out / "workshop-pack-group-a4.pdf") == expected[:3]
    assert _pack_starts(small.out / "workshop-pack-participant-a4.pdf") == [(titles["small-print"], 1)]
    assert not (small.out / "workshop-pack-facilitator-a4.pdf").exists()
    text = _pdf_text(small.out / "workshop-pack-a4.pdf")
    assert len(text) == page - 1 and text[-1] == BLANK_TEXT   # the one-page handout ends on a blank back
    assert "Pack: 2 pages in build/handouts/workshop-pack-participant-a4.pdf" in small.output


def test_the_footer_carries_title_event_institution_and_the_sites_address(small):
    for page_text in _pdf_text(small.out / "a4" / "spill.pdf"):
        assert "Test · A test event, 2031 · A university · https://example.org/test-workshop/" in page_text
