"""The PowerPoint decks that `make slides` writes from the site's pages.

The real site's deck is built once for the module and reopened with python-pptx, as a
trainer's PowerPoint would open it. Text fitting is measured here independently of the
writer: each paragraph read back from the deck is wrapped at the characters per line of
its own font size across its own box, by the rule documented in workshop.slides.fitting.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from workshop.site import load_site
from workshop.slides import build_decks
from workshop.slides.fitting import CHAR_WIDTH_EM, LINE_HEIGHT
from workshop.slides.layouts import POTX_TYPE, PPTX_TYPE, open_presentation, pick_layouts
from workshop.slides.output import refusal, save
from workshop.slides.outline import Admonition, Figure, ListBlock, Paragraph, Table, parse, select

EMU_PER_PT = 12700
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
DIDACTIC = ("concept", "debate")


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def site(root):
    return load_site(root / "mkdocs.yml")


@pytest.fixture(scope="module")
def built(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    result = build_decks(site, out)
    assert result.decks, [p.text() for p in result.problems.sorted()]
    return out, result


@pytest.fixture(scope="module")
def deck(built):
    return Presentation(str(built[0] / "workshop.pptx"))


def didactic_pages(site):
    return [p for p in site.in_nav_order() if p.kind in DIDACTIC and p.meta.get("slides") is not False]


# ---------------------------------------------------------------- reading a deck back

def title_of(slide) -> str:
    shape = next((s for s in slide.placeholders if s.placeholder_format.type in TITLE_TYPES), None)
    return shape.text_frame.text if shape is not None else ""


def slide_number_shapes(slide):
    return [s for s in slide.shapes if s.has_text_frame and s._element.find(".//" + qn("a:fld")) is not None]


def all_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def groups(deck) -> dict[str, list]:
    """Slides by the page (or part of the deck) each came from, in deck order."""
    found: dict[str, list] = {}
    for slide in deck.slides:
        found.setdefault(slide._element.cSld.get("name") or "", []).append(slide)
    return found


def _inset(body_pr, name: str, default: int) -> int:
    value = body_pr.get(name) if body_pr is not None else None
    return int(value) if value is not None else default


def _run_sizes(paragraph) -> list[float]:
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None]
    sizes += [int(f.find(qn("a:rPr")).get("sz")) / 100 for f in paragraph._p.findall(qn("a:fld"))
              if f.find(qn("a:rPr")) is not None and f.find(qn("a:rPr")).get("sz")]
    return sizes


def lines_needed(text: str, width_emu: int, size_pt: float) -> int:
    per_line = max(1, math.floor(width_emu / EMU_PER_PT / (size_pt * CHAR_WIDTH_EM)))
    return sum(len(textwrap.wrap(part, per_line, break_long_words=True, break_on_hyphens=False)) or 1
               for part in text.split("\n"))


def text_overflows(shape) -> list[str]:
    """Why a text box's text would run out of it, by the fitting rule; empty when it fits."""
    frame = shape.text_frame
    body_pr = frame._txBody.find(qn("a:bodyPr"))
    width = shape.width - _inset(body_pr, "lIns", 91440) - _inset(body_pr, "rIns", 91440)
    room = (shape.height - _inset(body_pr, "tIns", 45720) - _inset(body_pr, "bIns", 45720)) / EMU_PER_PT
    used, problems = 0.0, []
    for index, paragraph in enumerate(frame.paragraphs):
        if not paragraph.text:
            continue
        sizes = _run_sizes(paragraph)
        if not sizes:
            problems.append(f"paragraph without a set font size: {paragraph.text[:40]!r}")
            continue
        size = max(sizes)
        p_pr = paragraph._p.find(qn("a:pPr"))
        indent = int(p_pr.get("marL", 0)) if p_pr is not None else 0
        before = p_pr.find(qn("a:spcBef") + "/" + qn("a:spcPts")) if p_pr is not None else None
        used += (int(before.get("val")) / 100 if before is not None and index else 0)
        used += lines_needed(paragraph.text, width - indent, size) * size * LINE_HEIGHT
    if used > room + 0.01:
        problems.append(f"text needs {used:.0f} pt in a box with {room:.0f} pt: {frame.text[:60]!r}")
    return problems


def table_overflows(shape) -> list[str]:
    problems = []
    table = shape.table
    widths = [column.width for column in table.columns]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            for paragraph in cell.text_frame.paragraphs:
                sizes = _run_sizes(paragraph)
                if paragraph.text and not sizes:
                    problems.append(f"cell without a set font size: {paragraph.text[:40]!r}")
                    continue
                if not paragraph.text:
                    continue
                size = max(sizes)
                need = (lines_needed(paragraph.text, widths[c] - cell.margin_left - cell.margin_right, size)
                        * size * LINE_HEIGHT + (cell.margin_top + cell.margin_bottom) / EMU_PER_PT)
                if need > row.height / EMU_PER_PT + 0.01:
                    problems.append(f"row {r} cell {c} needs {need:.0f} pt, row is {row.height / EMU_PER_PT:.0f} pt")
    return problems


def overflow_report(deck) -> list[str]:
    report = []
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            where = f"slide {number} ({title_of(slide)!r}), {shape.name}"
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > deck.slide_width \
                    or shape.top + shape.height > deck.slide_height:
                report.append(f"{where}: the shape runs off the slide")
            if shape.has_text_frame:
                report += [f"{where}: {p}" for p in text_overflows(shape)]
            if shape.has_table:
                report += [f"{where}: {p}" for p in table_overflows(shape)]
                height = sum(row.height for row in shape.table.rows)
                if shape.top + height > deck.slide_height:
                    report.append(f"{where}: the table runs below the slide")
    return report


# ---------------------------------------------------------------- the session deck

def test_deck_is_16_9_widescreen(deck):
    assert deck.slide_width == Inches(13.333)
    assert deck.slide_height == Inches(7.5)


def test_title_slide_shows_the_workshop_identity(deck, site):
    workshop = site.config.workshop
    first = deck.slides[0]
    assert title_of(first) == workshop["title"]
    text = all_text(first)
    for organiser in workshop["organisers"]:
        assert organiser in text
    assert workshop["institution"] in text and workshop["event"] in text


def test_objectives_and_session_plan_come_from_the_configuration(deck, site):
    found = groups(deck)
    objectives = "\n".join(all_text(s) for s in found["objectives"])
    for objective in site.config.objectives:
        assert objective.id in objectives and objective.statement in objectives
    plan = "\n".join(all_text(s) for s in found["agenda"])
    for block in site.agenda.blocks:
        assert block.title in plan and f"{block.start}–{block.end}" in plan
    assert title_of(found["agenda"][0]) == "Session plan"


def test_every_didactic_page_has_slides_in_nav_order(deck, site):
    pages = didactic_pages(site)
    assert pages, "the site has no concept or debate pages"
    found = groups(deck)
    order = [name for name in found if site.page(name) and site.page(name).kind in DIDACTIC]
    assert order == [p.site_path for p in pages]
    for page in pages:
        slides = found[page.site_path]
        assert title_of(slides[0]) == page.title
        titles = [title_of(s).removesuffix(" (continued)") for s in slides]
        headings = [h.strip() for h in re.findall(r"^## (.+)$", page.body, re.M) if h.strip() != "References"]
        for heading in headings:
            assert heading in titles, f"{page.rel}: no slide for the section '{heading}'"


def test_key_points_slide_repeats_the_page_key_points(deck, site):
    found = groups(deck)
    for page in didactic_pages(site):
        section = re.search(r"^## Key points\s*\n(.*?)(?=^## |\Z)", page.body, re.M | re.S)
        if not section:
            continue
        first = re.search(r"^- (.+)$", section.group(1), re.M).group(1)
        slides = [s for s in found[page.site_path] if title_of(s).startswith("Key points")]
        assert slides, f"{page.rel}: no Key points slide"
        assert first.split(";")[0][:60] in "\n".join(all_text(s) for s in slides)


def test_group_exercise_instructions_are_in_the_deck(deck):
    titles = [title_of(s) for s in deck.slides]
    assert "Group exercise" in titles
    start = titles.index("Group exercise")
    assert "Timings" in titles[start:]
    timings = deck.slides[titles.index("Timings", start)]
    assert any(shape.has_table for shape in timings.shapes)


def test_references_list_every_source_cited_in_the_slides(deck, site):
    found = groups(deck)
    assert title_of(found["references"][0]) == "References"
    listed = "\n".join(all_text(s) for s in found["references"])
    cited = set()
    for name, slides in found.items():
        page = site.page(name)
        if page:
            cited |= set(re.findall(r"@([\w:.-]+)", " ".join(re.findall(r"\[@[^\]]+\]", select(page.body)))))
    assert cited
    for key in cited:
        assert site.bibliography[key].plain() in listed, key


def test_citations_are_shown_as_author_year_labels(deck, site):
    label = site.bibliography.labels["kislov2018art"]
    texts = [all_text(s) + s.notes_slide.notes_text_frame.text for s in deck.slides]
    assert not any("[@" in t for t in texts)
    assert any(label in t for t in texts)


def test_every_slide_has_speaker_notes(deck):
    for number, slide in enumerate(deck.slides, 1):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), f"slide {number}"


def test_section_notes_hold_the_fuller_text(deck, site):
    page = site.page("learn/tensions-and-compromises.md") or didactic_pages(site)[0]
    slides = groups(deck)[page.site_path]
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in slides)
    shown = " ".join(all_text(s) for s in slides)
    assert len(notes) > 2 * len(shown)


def test_no_empty_placeholder_is_left(deck):
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.placeholders:
            assert not shape.has_text_frame or shape.text_frame.text.strip(), \
                f"slide {number} ({title_of(slide)!r}) keeps an empty {shape.placeholder_format.type} placeholder"


def test_no_text_runs_off_a_slide(deck):
    assert overflow_report(deck) == []


def test_type_is_large_enough_to_read(deck):
    for number, slide in enumerate(deck.slides, 1):
        numbers = slide_number_shapes(slide)
        for shape in slide.shapes:
            if shape in numbers:
                continue
            frames = [shape.text_frame] if shape.has_text_frame else []
            frames += [c.text_frame for row in shape.table.rows for c in row.cells] if shape.has_table else []
            is_title = shape.is_placeholder and shape.placeholder_format.type in TITLE_TYPES
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for size in _run_sizes(paragraph):
                        assert size >= (28 if is_title else 18), f"slide {number}: {size} pt in {shape.name}"


def test_every_slide_but_the_title_is_numbered(deck):
    assert not slide_number_shapes(deck.slides[0])
    for number, slide in enumerate(deck.slides, 1):
        if number == 1:
            continue
        fields = [f for shape in slide_number_shapes(slide) for f in shape._element.iter(qn("a:fld"))]
        assert [f.get("type") for f in fields] == ["slidenum"], f"slide {number}"
        assert fields[0].findtext(qn("a:t")) == str(number)


def test_figures_are_pictures_with_alt_text(deck, site):
    pictures = [shape for slide in deck.slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    expected = sum(len(re.findall(r"!\[[^\]]+\]\([^)]+\.svg\)", p.body)) for p in didactic_pages(site))
    assert len(pictures) == expected
    for picture in pictures:
        assert picture._element.nvPicPr.cNvPr.get("descr", "").strip()


def test_a_deck_for_each_didactic_page(built, site):
    out, _ = built
    for page in didactic_pages(site):
        stem = page.site_path.rsplit(".", 1)[0].replace("/", "-")
        single = Presentation(str(out / "pages" / f"{stem}.pptx"))
        assert title_of(single.slides[0]) == page.title
        assert len(single.slides) >= 3
        assert overflow_report(single) == []


# ---------------------------------------------------------------- an institution's template

def make_template(path: Path) -> dict[str, str]:
    """A 4:3 template whose layouts are renamed and reordered, with an example slide."""
    prs = Presentation()
    names = {"Title Slide": "Cover (institution)", "Title and Content": "Body text (institution)",
             "Title Only": "Heading only (institution)"}
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name + " (institution)")
    id_list = prs.slide_master.element.find(qn("p:sldLayoutIdLst"))
    entries = list(id_list)
    for entry in entries[:2]:   # move cover and body to the end, so positions mean nothing
        id_list.remove(entry)
        id_list.append(entry)
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "Example slide to be removed"
    prs.save(str(path))
    return names


def test_an_institution_template_lends_its_layouts_and_size(site, tmp_path):
    template = tmp_path / "institution.pptx"
    names = make_template(template)
    result = build_decks(site, tmp_path / "out", template=template, per_page=False)
    assert result.decks, [p.text() for p in result.problems.sorted()]
    deck = Presentation(str(tmp_path / "out" / "workshop.pptx"))
    assert (deck.slide_width, deck.slide_height) == (Inches(10), Inches(7.5))
    used = {slide.slide_layout.name for slide in deck.slides}
    assert deck.slides[0].slide_layout.name == names["Title Slide"]
    assert names["Title and Content"] in used and names["Title Only"] in used
    assert used <= set(names.values())
    assert "Example slide to be removed" not in [title_of(s) for s in deck.slides]
    assert overflow_report(deck) == []
    for number, slide in enumerate(list(deck.slides)[1:], 2):
        assert slide_number_shapes(slide), f"slide {number}"


def test_a_missing_template_is_reported_not_replaced(site, tmp_path):
    site.config.workshop["slides_template"] = "templates/nowhere.pptx"
    try:
        result = build_decks(site, tmp_path, per_page=False)
    finally:
        site.config.workshop["slides_template"] = ""
    assert not result.decks and not (tmp_path / "workshop.pptx").exists()
    [problem] = result.problems.sorted()
    config = (site.config.path).read_text(encoding="utf-8").split("\n")
    assert problem.path == "mkdocs.yml" and "slides_template:" in config[problem.line - 1]
    assert "templates/nowhere.pptx" in problem.message


def test_a_file_that_is_not_a_deck_is_reported(site, tmp_path):
    template = tmp_path / "notes.pptx"
    template.write_text("not a presentation", encoding="utf-8")
    result = build_decks(site, tmp_path / "out", template=template, per_page=False)
    assert not result.decks
    assert "cannot be used" in result.problems.sorted()[0].message


# ---------------------------------------------------------------- marking and parsing Markdown

MARKED = """# Marked page

Intro for everyone.

<div class="slides-only" markdown data-search-exclude>
- Only on the slides
</div>

<div class="site-only" markdown>
Only on the site.

<div markdown>
Nested, still only on the site.
</div>
</div>

After the blocks.
"""


def test_slides_only_is_kept_and_site_only_dropped():
    text = select(MARKED)
    assert "Only on the slides" in text and "Only on the site" not in text and "Nested" not in text
    assert "After the blocks." in text and text.count("\n") == MARKED.count("\n")


ROBUST = '''# A page

## Section

!!! note "What this shows"
    First sentence of the note. Second sentence.

    - a point inside the note

1. First step
2. Second step
    - a nested point
3. Third step

| Stage | Who \\| what |
|---|---|
| Design | Managers |

<figure markdown="span">
  ![A diagram of three boxes](img/x.svg){ width="720" }
  <figcaption>Figure 1. Three boxes.</figcaption>
</figure>

<p class="lead">An <em>HTML</em> paragraph.</p>

```python
print("code is left out")
```

<!-- a comment -->
Term
:   Its definition.
'''


def test_the_outline_reader_knows_the_site_markdown():
    [section] = parse(ROBUST).sections
    kinds = [type(b) for b in section.blocks]
    assert kinds == [Admonition, ListBlock, Table, Figure, Paragraph, Paragraph]
    note, steps, table, figure, html, term = section.blocks
    assert note.title == "What this shows" and isinstance(note.blocks[1], ListBlock)
    assert [(i.text, i.level, i.ordered) for i in steps.items] == [
        ("First step", 0, True), ("Second step", 0, True), ("a nested point", 1, False), ("Third step", 0, True)]
    assert table.header == ["Stage", "Who | what"] and table.rows == [["Design", "Managers"]]
    assert (figure.src, figure.alt, figure.caption) == ("img/x.svg", "A diagram of three boxes", "Figure 1. Three boxes.")
    assert html.text == "An HTML paragraph."
    assert term.text == "Term: Its definition."


def test_a_page_marked_slides_false_is_left_out(site, tmp_path):
    page = didactic_pages(site)[0]
    page.meta["slides"] = False
    try:
        result = build_decks(site, tmp_path, per_page=False)
    finally:
        del page.meta["slides"]
    deck = Presentation(str(tmp_path / "workshop.pptx"))
    assert page.site_path not in groups(deck)


def test_the_measure_catches_text_that_does_not_fit(tmp_path):
    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(4), Inches(1))
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text, run.font.size = "A sentence long enough to need more than two lines at this size. " * 2, Pt(20)
    assert text_overflows(box)
    run.text = "Short."
    assert not text_overflows(box)


def test_make_slides_reports_a_missing_template(root, tmp_path):
    result = subprocess.run([sys.executable, str(root / "scripts" / "make_slides.py"), "--out", str(tmp_path),
                             "--template", str(tmp_path / "absent.pptx")], capture_output=True, text=True, cwd=root)
    assert result.returncode == 2
    assert "--template: no such file" in result.stderr and "absent.pptx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_the_site_hides_slides_only_blocks(root):
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "assets/stylesheets/slides.css" in config["extra_css"]
    css = (root / "docs/assets/stylesheets/slides.css").read_text(encoding="utf-8")
    assert re.search(r"\.slides-only\s*\{[^}]*display:\s*none", css)

MARKDOWN_PIECES = st.sampled_from([
    "# T", "## S", "### H", "!!! note \"N\"", "    indented", "- item", "  - nested", "1. step", "| a | b |",
    "|---|---|", "<figure markdown>", "![alt](img/x.svg)", "</figure>", "<div class=\"site-only\" markdown>",
    "<div class=\"slides-only\" markdown>", "</div>", "```", "<!--", "-->", "**Lead.** text", "Term", ":   def",
    "", "plain words [@key] and [link](x.md)", "*[IKT]: Integrated knowledge translation",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=30))
def test_the_outline_reader_never_fails(pieces):
    outline = parse("\n".join(pieces))
    assert all(section.title is not None for section in outline.sections)


def test_a_potx_template_is_read_like_a_pptx(tmp_path):
    names = make_template(tmp_path / "institution.pptx")
    with zipfile.ZipFile(tmp_path / "institution.pptx") as source, \
            zipfile.ZipFile(tmp_path / "institution.potx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(PPTX_TYPE, POTX_TYPE) if item.filename == "[Content_Types].xml" else data)
    prs = open_presentation(tmp_path / "institution.potx")
    layouts = pick_layouts(prs)
    assert len(prs.slides) == 0
    assert (layouts.title.name, layouts.content.name, layouts.title_only.name) == (
        names["Title Slide"], names["Title and Content"], names["Title Only"])


def test_a_deck_is_replaced_only_while_nobody_has_changed_it(tmp_path):
    deck = tmp_path / "deck.pptx"
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Generated"
    save(prs, deck)
    assert refusal(deck) is None
    edited = Presentation(str(deck))
    edited.slides[0].shapes.title.text = "Changed by a trainer"
    edited.save(str(deck))
    assert refusal(deck) == "it was changed after make slides wrote it"
    Presentation().save(str(tmp_path / "own.pptx"))
    assert refusal(tmp_path / "own.pptx") == "it exists and was not written by make slides"


def test_make_slides_never_overwrites_an_edited_deck(site, built, tmp_path):
    out, _ = built
    edited = Presentation(str(out / "workshop.pptx"))
    edited.slides[0].shapes.title.text = "Our own title"
    edited.save(str(tmp_path / "workshop.pptx"))
    before = (tmp_path / "workshop.pptx").read_bytes()
    result = build_decks(site, tmp_path)
    assert not result.decks and (tmp_path / "workshop.pptx").read_bytes() == before
    assert not (tmp_path / "pages").exists()
    assert [p.code for p in result.problems.sorted()] == ["output-protected"]
