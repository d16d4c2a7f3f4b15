"""The PowerPoint decks that `make slides` writes: the session deck, and the page decks on request.

The session deck is built once for the module from the real site and read back as a trainer's
PowerPoint would read it (python-pptx): its sections must follow data/agenda.yaml, and every
slide must keep to the budget in mkdocs.yml (extra.slides). The tests marked slow open the deck
in LibreOffice Impress, headless, convert it to PDF and measure what was actually drawn: one
page per slide, and every word inside a text box of its slide. LibreOffice is installed by
`make test` (scripts/ensure_system_packages.sh); when it is missing those tests fail and say so.
"""

from __future__ import annotations

import html
import math
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from workshop.model.site import load_site
from workshop.outputs.slides import build_decks
from workshop.outputs.slides.fitting import CHAR_WIDTH_EM, LINE_HEIGHT
from workshop.outputs.slides.layouts import POTX_TYPE, PPTX_TYPE, open_presentation, pick_layouts
from workshop.outputs.slides.outline import select
from workshop.outputs.slides.output import refusal, save

pytestmark = pytest.mark.slow  # builds the deck and opens it in LibreOffice: left out of make test-fast

EMU_PER_PT = 12700
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
DIDACTIC = ("concept", "debate")
NOT_BODY = ("Footer", "Slide number")          # shapes whose small type is not body text
RULE_TITLES = ("Ground rules", "Ground rules (continued)", "Confidentiality and its limits", "What is collected")
WORD = re.compile(r"\d{1,2}:\d\d|[0-9A-Za-zÀ-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÿ]+)*")
INSTALL = ("LibreOffice Impress is needed to test the deck in a real client: run `make test` (it installs it), "
           "or `apt-get install --no-install-recommends libreoffice-impress poppler-utils`")


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def site(root):
    return load_site(root / "mkdocs.yml")


@pytest.fixture(scope="module")
def built(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    result = build_decks(site, out, per_page=True)
    assert not result.errors, "\n".join(p.text() for p in result.errors.sorted())
    assert result.decks
    return out, result


@pytest.fixture(scope="module")
def deck(built):
    return Presentation(str(built[0] / "workshop.pptx"))


@pytest.fixture(scope="module")
def budget(built):
    return built[1].budget


AROUND = ("arrival", "closing")   # the deck's own slides before the first block and after the last


@pytest.fixture(scope="module")
def sections(deck, site):
    """The deck's slides by agenda block, in deck order: {block id: [slides]} (the title slide, the
    arrival slide and the closing slide apart)."""
    found: dict[str, list] = {}
    for slide in list(deck.slides)[1:]:
        name = slide._element.cSld.get("name") or ""
        if name not in AROUND:
            found.setdefault(name, []).append(slide)
    return found


def deck_with(site, tmp_path, **workshop):
    """The session deck of this site with extra.workshop changed in memory (nothing is written to the
    project), read back as PowerPoint would; with the result, whose errors must be none."""
    from workshop.model.site import load_site as fresh

    changed = fresh(site.config.path)
    changed.config.workshop.update(workshop)
    result = build_decks(changed, tmp_path)
    assert not result.errors, "\n".join(p.text() for p in result.errors.sorted())
    return Presentation(str(tmp_path / "workshop.pptx")), changed


@pytest.fixture(scope="module")
def slides_data(root):
    return yaml.safe_load((root / "data/slides.yaml").read_text(encoding="utf-8"))["blocks"]


@pytest.fixture(scope="module")
def rendered(built, tmp_path_factory):
    """The session deck as LibreOffice Impress draws it: (PDF, its pages' words with their boxes)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if not soffice or not pdftotext:
        pytest.fail(INSTALL, pytrace=False)
    work = tmp_path_factory.mktemp("impress")
    profile = (work / "profile").as_uri()
    result = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(work), str(built[0] / "workshop.pptx")],
                            capture_output=True, text=True, timeout=300)
    pdf = work / "workshop.pdf"
    assert result.returncode == 0 and pdf.is_file(), f"LibreOffice could not convert the deck:\n{result.stderr}"
    layout = work / "words.html"
    subprocess.run([pdftotext, "-bbox", str(pdf), str(layout)], check=True, timeout=120)
    return pdf, pdf_words(layout.read_text(encoding="utf-8"))


def pdf_words(text: str) -> list[tuple[float, float, list[tuple[str, float, float, float, float]]]]:
    """pdftotext -bbox output as pages: (width, height, [(word, xMin, yMin, xMax, yMax)])."""
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S):
        words = [(html.unescape(w.group(5)), float(w.group(1)), float(w.group(2)), float(w.group(3)), float(w.group(4)))
                 for w in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>',
                                      page.group(3), re.S)]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


# ---------------------------------------------------------------- reading a deck back

def title_of(slide) -> str:
    shape = next((s for s in slide.placeholders if s.placeholder_format.type in TITLE_TYPES), None)
    return shape.text_frame.text if shape is not None else ""


def is_title(shape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in TITLE_TYPES


def all_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def body_text(slide) -> str:
    """What a slide shows besides its title, its sources footer and its number."""
    return "\n".join(s.text_frame.text for s in slide.shapes
                     if s.has_text_frame and not is_title(s) and s.name not in NOT_BODY)


def words(text: str) -> int:
    return len(WORD.findall(text))


def footer(slide) -> str:
    return next((s.text_frame.text for s in slide.shapes if s.name == "Footer"), "")


def slide_number_shapes(slide):
    return [s for s in slide.shapes if s.has_text_frame and s._element.find(".//" + qn("a:fld")) is not None]


def run_sizes(paragraph) -> list[float]:
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None]
    sizes += [int(f.find(qn("a:rPr")).get("sz")) / 100 for f in paragraph._p.findall(qn("a:fld"))
              if f.find(qn("a:rPr")) is not None and f.find(qn("a:rPr")).get("sz")]
    return sizes


def is_rules(slide) -> bool:
    return title_of(slide) in RULE_TITLES


# ---------------------------------------------------------------- the session deck follows the agenda

def test_deck_is_16_9_widescreen(deck):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))


def test_title_slide_shows_this_sessions_identity_and_credits_the_original(site, tmp_path):
    ours = {"organisers": ["A. Facilitator", "B. Cofacilitator"], "institution": "A health research unit",
            "event": "Spring school", "date": "12 May", "venue": "Room 2"}
    changed, _ = deck_with(site, tmp_path, **ours)
    first = changed.slides[0]
    assert title_of(first) == site.config.workshop["title"]
    text = all_text(first)
    for value in ("A. Facilitator", "B. Cofacilitator", "A health research unit", "Spring school", "Room 2", "12 May"):
        assert value in text
    source = site.bibliography[site.config.workshop["source_key"]]
    names = [a.split(",")[0] for a in source.authors]
    assert f"Adapted from the workshop by {', '.join(names[:-1])} and {names[-1]} ({source.year})" in text
    agenda = site.agenda
    assert f"{agenda.blocks[0].start}–{agenda.blocks[-1].end}" in text


def test_the_title_slide_never_presents_the_original_event_as_todays(deck, site):
    """While extra.workshop still gives the original event and team, the slide credits them and
    leaves them off as today's presenters (make slides warns: test_slides_warns_...)."""
    workshop = site.config.workshop
    text = all_text(deck.slides[0])
    assert workshop["event"] not in text and workshop["institution"] not in text
    assert not any(organiser in text for organiser in workshop["organisers"])
    assert "Adapted from the workshop by Kislov, Wilson, Knowles and Boaden (2018)" in text
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    assert "still gives those of the original workshop" in notes


def test_make_slides_warns_while_the_event_is_still_the_original(root, tmp_path):
    project = copy_project(root, tmp_path / "project")
    run = lambda: subprocess.run([sys.executable, str(root / "scripts" / "make_slides.py"), "--config",
                                  str(project / "mkdocs.yml"), "--out", str(tmp_path / "out")],
                                 capture_output=True, text=True, cwd=project)
    result = run()
    assert result.returncode == 0, result.stderr
    assert re.search(r"^mkdocs\.yml:\d+: warning: extra\.workshop still describes the original 2018 event "
                     r"\(event, date, organisers\)", result.stderr, re.M), result.stderr
    assert "no venue and no support_contact" in result.stderr
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^    event: .*$", "    event: Spring school", config)
    config = re.sub(r'(?m)^    date: .*$', '    date: "2031"', config)
    config = re.sub(r"(?m)^(    organisers:\n)(      - .*\n)+", r"\1      - A. Facilitator\n", config)
    config = re.sub(r'(?m)^    venue: .*$', '    venue: Room 2', config)
    config = re.sub(r'(?m)^    support_contact: .*$', '    support_contact: "A. Contact, at the back"', config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.rmtree(tmp_path / "out")
    result = run()
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr


def test_the_arrival_slide_starts_the_self_assessment(deck, root):
    arrival = yaml.safe_load((root / "data/slides.yaml").read_text(encoding="utf-8"))["arrival"]
    second = deck.slides[1]
    assert second._element.cSld.get("name") == "arrival" and title_of(second) == arrival["title"]
    text = all_text(second)
    for step in arrival["task"]:
        assert step in text
    assert "code" in text and "'before'" in text


def test_the_closing_slide_names_the_support_contact_and_where_else_to_turn(site, tmp_path, root):
    session = yaml.safe_load((root / "data/session.yaml").read_text(encoding="utf-8"))
    changed, _ = deck_with(site, tmp_path, support_contact="A. Contact, by the door, 0161 000 0000")
    last = changed.slides[-1]
    assert last._element.cSld.get("name") == "closing"
    text = " ".join(all_text(last).split())
    assert "On the day: A. Contact, by the door, 0161 000 0000" in text
    for source in session["support_sources"][1:]:
        assert source["title"] in text
    assert all(" ".join(source["text"].split()) in " ".join(last.notes_slide.notes_text_frame.text.split())
               for source in session["support_sources"])


def test_a_section_per_block_in_agenda_order(sections, site, deck):
    assert list(sections) == [block.id for block in site.agenda.blocks]
    names = [slide._element.cSld.get("name") for slide in deck.slides]
    assert names[1] == "arrival" and names[-1] == "closing"


def test_a_break_has_a_slide_with_the_time_to_come_back(sections, site):
    breaks = [block for block in site.agenda.blocks if block.mode == "break"]
    assert breaks, "the plan has no break"
    for block in breaks:
        shown = [slide for slide in sections[block.id][1:] if any(s.name == "Timer" for s in slide.shapes)]
        assert len(shown) == 1, f"{block.id}: no single break slide with a timer"
        assert f"until {block.end}" in all_text(shown[0]) and title_of(shown[0]) == block.title


def test_each_section_opens_with_a_divider_that_matches_the_agenda(sections, site):
    total = len(site.agenda.blocks)
    for number, block in enumerate(site.agenda.blocks, 1):
        divider = sections[block.id][0]
        assert title_of(divider) == block.title, block.id
        text = all_text(divider)
        for expected in (block.start, f"to {block.end}", f"{block.minutes} minutes", f"Block {number} of {total}"):
            assert expected in text, f"{block.id}: the divider does not show {expected!r}"
        strips = [s for s in divider.shapes if s.name.startswith("Session strip")]
        assert len(strips) == total, f"{block.id}: the session strip has {len(strips)} blocks"


def test_didactic_blocks_keep_to_the_slide_budget(sections, site, budget):
    for block in site.agenda.blocks:
        if block.mode != "didactic":
            continue
        content = [s for s in sections[block.id][1:] if not is_rules(s)]
        allowed = math.floor(block.minutes * budget.slides_per_minute + 1e-9)
        assert 1 <= len(content) <= allowed, f"{block.id}: {len(content)} content slides in {block.minutes} minutes"


def test_every_didactic_block_has_a_figure_or_a_case_vignette(sections, site):
    for block in site.agenda.blocks:
        if block.mode != "didactic":
            continue
        shapes = [shape for slide in sections[block.id] for shape in slide.shapes]
        pictures = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        cases = [s for s in shapes if s.name == "Case marker"]
        assert pictures or cases, f"{block.id} shows neither a figure nor a case vignette"
        for picture in pictures:
            assert picture._element.nvPicPr.cNvPr.get("descr", "").strip(), f"{block.id}: a figure has no alt text"


def test_no_slide_has_more_words_than_the_budget(deck, budget):
    counts = {number: words(body_text(slide)) for number, slide in enumerate(deck.slides, 1)}
    over = {number: count for number, count in counts.items() if count > budget.max_words}
    assert not over, f"slides over {budget.max_words} words: {over}"
    assert budget.max_words == 40


def test_no_sentence_is_cut_off(deck):
    for number, slide in enumerate(deck.slides, 1):
        text = all_text(slide)
        assert "…" not in text and "..." not in text, f"slide {number} ({title_of(slide)!r})"


def test_body_type_is_legible_from_the_back_of_the_room(deck, budget):
    assert budget.min_body_pt >= 24
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            least = 28 if is_title(shape) else 14 if shape.name in NOT_BODY else budget.min_body_pt
            for paragraph in shape.text_frame.paragraphs:
                if not paragraph.text.strip() and not paragraph._p.findall(qn("a:fld")):
                    continue
                sizes = run_sizes(paragraph)
                assert sizes, f"slide {number}: text without a set size in {shape.name}"
                assert min(sizes) >= least, f"slide {number}: {min(sizes)} pt in {shape.name}"


def test_sources_are_a_short_author_year_footer(deck, site):
    labels = set(site.bibliography.labels.values())
    notes = [footer(slide) for slide in deck.slides if footer(slide)]
    assert notes, "no slide names its sources"
    for note in notes:
        assert note.startswith("Sources: ") and len(note) <= 160, note
        cited = note.removeprefix("Sources: ").split(". ")[0].rstrip(".").split("; ")
        assert set(cited) <= labels, f"not author-year labels of the bibliography: {note}"
    texts = [all_text(s) + s.notes_slide.notes_text_frame.text for s in deck.slides]
    assert not any("[@" in text for text in texts)
    assert any(site.bibliography.labels["kislov2018art"] in note for note in notes)


def test_slide_sources_are_cited_on_the_pages_they_summarise(site, slides_data):
    """The build refuses a source its page does not cite; this checks the data directly too."""
    for block_id, entry in slides_data.items():
        for slide in entry.get("slides") or []:
            if not slide.get("sources"):
                continue
            page = site.page(slide["page"])
            cited = set(re.findall(r"@([\w:.-]+)", " ".join(re.findall(r"\[@[^\]]+\]", select(page.body)))))
            assert set(slide["sources"]) <= cited, f"{block_id}: {slide['title']}"


def test_teaching_detail_and_timing_are_in_the_speaker_notes(sections, site):
    for block in site.agenda.blocks:
        divider, *rest = sections[block.id]
        notes = divider.notes_slide.notes_text_frame.text
        assert f"{block.start}–{block.end}" in notes and block.facilitator[:40] in " ".join(notes.split())
        for slide in rest:
            text = slide.notes_slide.notes_text_frame.text
            assert text.startswith("Timing: "), f"{block.id}: {title_of(slide)!r} has no timing cue"
        if block.mode == "didactic":
            last = rest[-1].notes_slide.notes_text_frame.text
            for prompt in block.prompts:
                assert prompt in last, f"{block.id}: the prompt {prompt!r} is not in the notes"


def test_activities_show_task_timer_hand_back_and_prompts(sections, site, slides_data):
    for block in site.agenda.blocks:
        if block.mode != "interactive":
            continue
        slides = sections[block.id]
        task = next((s for s in slides if any(shape.name == "Timer" for shape in s.shapes)), None)
        assert task is not None, f"{block.id}: no task slide with a timer"
        timer = next(s.text_frame.text for s in task.shapes if s.name == "Timer")
        assert timer.split() == [str(block.minutes), "minutes"]
        assert f"until {block.end}" in all_text(task)
        entry = slides_data[block.id]
        for step in entry.get("task") or []:
            assert step in all_text(task), f"{block.id}: the step {step!r} is not on screen"
        if entry.get("hand_back"):
            hand_back = next(s.text_frame.text for s in task.shapes if s.name == "Hand back")
            assert hand_back.startswith("Hand back: ") and entry["hand_back"] in hand_back
        shown = " ".join(all_text(task).split())   # the questions stay on screen with the steps and timer
        for prompt in block.prompts:
            assert prompt in shown, f"{block.id}: the prompt {prompt!r} is not on the task slide"
        assert not any(s.name == "Online group" for s in task.shapes), f"{block.id}: an online line, with no online group"


def test_with_an_online_group_every_activity_slide_says_what_it_does(site, tmp_path):
    """remote_groups 1: each task slide carries the online group's line, and the deck still fits."""
    deck, changed = deck_with(site, tmp_path, remote_groups=1)
    session = yaml.safe_load((changed.config.root / "data/session.yaml").read_text(encoding="utf-8"))
    breakout = set(session["online"]["breakout_blocks"])
    seen = 0
    for slide in deck.slides:
        block = next((b for b in changed.agenda.blocks if b.id == slide._element.cSld.get("name")), None)
        if block is None or not any(s.name == "Timer" for s in slide.shapes):
            continue
        line = next((s.text_frame.text for s in slide.shapes if s.name == "Online group"), "")
        assert line.startswith("Online group: "), f"{block.id}: no online line on its task slide"
        if block.id in breakout:
            assert f"Back by {block.end}." in line and "Hand back: " in line, line
        seen += 1
    assert seen >= 6
    arrival = next(s for s in deck.slides if s._element.cSld.get("name") == "arrival")
    text = all_text(arrival)
    assert "Link: " in text and "Board: " in text
    assert overflow_report(deck) == []


def test_ground_rules_come_from_the_session_data_before_any_sharing(sections, site, root):
    session = yaml.safe_load((root / "data/session.yaml").read_text(encoding="utf-8"))
    rules = [rule["title"] for rule in session["ground_rules"]]
    blocks = [block.id for block in site.agenda.blocks]
    where = blocks.index(session["rules_block"])
    first_activity = next(i for i, block in enumerate(site.agenda.blocks) if block.mode == "interactive")
    assert where < first_activity, "the ground rules come after the first activity"
    shown = "\n".join(all_text(s) for s in sections[session["rules_block"]] if is_rules(s))
    for title in rules:
        assert title in shown, f"the ground rule {title!r} is not on a slide of {session['rules_block']}"
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in sections[session["rules_block"]] if is_rules(s))
    for rule in session["ground_rules"]:
        assert " ".join(rule["text"].split()) in notes, "a rule's full text is not in the notes to read aloud"
    assert session["confidentiality"]["rule"].split(".")[0] in shown
    for limit in session["confidentiality"]["limits"]:
        assert limit["title"] in shown
    # No rule appears that the session data does not hold.
    listed = [line.split(". ", 1)[-1] for s in sections[session["rules_block"]] if title_of(s).startswith("Ground rules")
              for line in body_text(s).split("\n") if line.strip()]
    assert set(listed) <= {f"{i}. {t}".split(". ", 1)[-1] for i, t in enumerate(rules, 1)}


def test_the_welcome_reads_aloud_only_the_limits_and_nothing_is_read_again_in_full(sections, deck, root):
    session = yaml.safe_load((root / "data/session.yaml").read_text(encoding="utf-8"))
    assert session["rules_read_aloud"] == "limits"
    rules = [s for s in sections[session["rules_block"]] if is_rules(s)]
    notes = {title_of(s): s.notes_slide.notes_text_frame.text for s in rules}
    assert notes["Ground rules"].split("\n")[-1].startswith("Do not read the rules aloud")
    assert notes["Confidentiality and its limits"].split("\n")[-1].startswith("Read aloud: ")
    for slide in deck.slides:
        assert "Read the rules aloud, in full" not in slide.notes_slide.notes_text_frame.text, title_of(slide)


def test_every_slide_but_the_title_is_numbered(deck):
    assert not slide_number_shapes(deck.slides[0])
    for number, slide in enumerate(deck.slides, 1):
        if number == 1:
            continue
        fields = [f for shape in slide_number_shapes(slide) for f in shape._element.iter(qn("a:fld"))]
        assert [f.get("type") for f in fields] == ["slidenum"], f"slide {number}"
        assert fields[0].findtext(qn("a:t")) == str(number)


def test_the_look_follows_the_site(deck, sections, site):
    """Title bars and divider panels in the site's colour (mkdocs.yml's theme.palette, as Material
    draws it), bold titles in Arial that reach 4.5:1 on it; held in the layouts, so a slide a
    trainer adds in PowerPoint or Impress looks the same."""
    from workshop.outputs.slides.palette import PRIMARY, contrast

    scheme = site.config.raw["theme"]["palette"][0]
    colour = PRIMARY[scheme["primary"]].lstrip("#").upper()
    content = sections["definitions-typologies"][1]
    bar = next(s for s in content.slide_layout.shapes if s.name == "Title bar")
    assert str(bar.fill.fore_color.rgb) == colour and bar.top == 0 and bar.width == deck.slide_width
    title = next(s for s in content.shapes if is_title(s))
    assert title.top >= bar.top and title.top + title.height <= bar.top + bar.height
    runs = [r for p in title.text_frame.paragraphs for r in p.runs]
    assert all(r.font.bold and r.font.name == "Arial" for r in runs)
    assert all(contrast(f"#{r.font.color.rgb}", f"#{colour}") >= 4.5 for r in runs)
    divider = sections["definitions-typologies"][0]
    panel = next(s for s in divider.slide_layout.shapes if s.name == "Time panel")
    assert str(panel.fill.fore_color.rgb) == colour
    body = [r for s in content.shapes if s.name == "Body" for p in s.text_frame.paragraphs for r in p.runs]
    assert body and all(str(r.font.color.rgb) == "212121" for r in body)


def _colours_of(deck) -> dict[str, str]:
    """The colour of the bar, the band, the panel and the text on each, from the deck's layouts and slides."""
    found = {}
    for layout in deck.slide_layouts:
        for shape in layout.shapes:
            if shape.name in ("Title bar", "Title band", "Time panel"):
                found[shape.name] = str(shape.fill.fore_color.rgb)
    content = next(s for s in deck.slides if any(sh.name == "Body" for sh in s.shapes) and title_of(s))
    title = next(sh for sh in content.shapes if is_title(sh))
    found["title text"] = str(title.text_frame.paragraphs[0].runs[0].font.color.rgb)
    divider = next(s for s in deck.slides if any(sh.name == "Block time" for sh in s.shapes))
    clock = next(sh for sh in divider.shapes if sh.name == "Block time")
    found["panel text"] = str(clock.text_frame.paragraphs[1].runs[0].font.color.rgb)
    return found


@pytest.mark.parametrize("palette, text", [("teal", "FFFFFF"), ("yellow", "212121")])
def test_a_fork_in_another_colour_gets_slides_in_that_colour_with_legible_titles(root, tmp_path, palette, text):
    from workshop.outputs.slides.palette import build, contrast, PRIMARY

    project = copy_project(root, tmp_path / "project", lambda t: t.replace(
        "primary: indigo\n      accent: indigo", f"primary: {palette}\n      accent: {palette}"))
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    assert not result.errors and result.palette.source == f"theme.palette.primary {palette}"
    expected = build(PRIMARY[palette], palette).primary.lstrip("#").upper()
    colours = _colours_of(Presentation(str(tmp_path / "out" / "workshop.pptx")))
    assert colours["Title bar"] == colours["Title band"] == colours["Time panel"] == expected
    assert colours["title text"] == colours["panel text"] == text
    assert contrast(f"#{text}", f"#{expected}") >= 4.5


def test_a_declared_colour_wins_over_the_theme(root, tmp_path):
    project = copy_project(root, tmp_path / "project", lambda t: t.replace(
        "    min_body_pt: 24\n", '    min_body_pt: 24\n    colour: "#1b5e20"\n'))
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    assert not result.errors and result.palette.primary == "#1b5e20"
    assert _colours_of(Presentation(str(tmp_path / "out" / "workshop.pptx")))["Title bar"] == "1B5E20"
    bad = copy_project(root, tmp_path / "bad", lambda t: t.replace(
        "    min_body_pt: 24\n", '    min_body_pt: 24\n    colour: teal\n'))
    errors = build_decks(load_site(bad / "mkdocs.yml"), tmp_path / "bad-out").errors
    assert any("extra.slides.colour must be a colour written \"#rrggbb\"" in p.message and "not the text 'teal'" in p.message
               for p in errors.sorted())


# ---------------------------------------------------------------- the text inside figures

def test_text_inside_every_figure_is_legible_as_placed(built, deck, budget, site):
    """Every figure's smallest text, at the size it is drawn on its slide, reaches extra.slides.min_figure_pt;
    a figure with a slide version is shown in that version, described by its own <desc>."""
    from workshop.outputs.slides.figure_text import slide_version, smallest_placed, svg_description

    result = built[1]
    placed = {number: shape for number, slide in enumerate(deck.slides, 1)
              for shape in slide.shapes if shape.name == "Figure"}
    assert placed and sorted(placed) == sorted(number for _, number, _, _ in result.figure_text)
    for figure, number, size, text in result.figure_text:
        path = site.config.root / figure
        assert slide_version(path) == path
        assert size >= budget.min_figure_pt, f"slide {number}: '{text}' in {figure} at {size:.1f} pt"
        assert smallest_placed(path, placed[number].width / EMU_PER_PT)[0] == pytest.approx(size)
        if path.name.endswith(".slide.svg"):
            assert placed[number]._element.nvPicPr.cNvPr.get("descr") == svg_description(path)


def test_a_figure_with_small_text_is_reported_with_its_slide_line(root, tmp_path):
    project = copy_project(root, tmp_path / "project")
    (project / "docs/learn/img/factors-levels.slide.svg").unlink()
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    [problem] = [p for p in result.errors.sorted() if p.code == "slides-figure-text-small"]
    data = (project / "data/slides.yaml").read_text(encoding="utf-8").split("\n")
    assert problem.path == "data/slides.yaml" and "Four levels of factors" in "\n".join(data[problem.line - 1:problem.line + 1])
    assert re.search(r"the figure 'docs/learn/img/factors-levels\.svg' sets text at 1\d\.\d pt as placed", problem.message)
    assert "factors-levels.slide.svg" in problem.hint and not result.decks
    lowered = copy_project(root, tmp_path / "lowered", lambda t: t.replace(
        "    min_figure_pt: 20\n", "    min_figure_pt: 10\n"))
    (lowered / "docs/learn/img/factors-levels.slide.svg").unlink()
    assert not build_decks(load_site(lowered / "mkdocs.yml"), tmp_path / "out2").errors
    # In a trainer's 4:3 template, whose boxes decide how large figures are, it is a warning: the deck is written.
    template = tmp_path / "institution.pptx"
    make_template(template)
    warned = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out3", template=template)
    assert not warned.errors and warned.decks
    assert any(p.code == "slides-figure-text-small" for p in warned.problems.sorted())


def test_page_decks_are_written_only_on_request(built, site, tmp_path):
    out, _ = built
    pages = [p for p in site.in_nav_order() if p.kind in DIDACTIC and p.meta.get("slides") is not False]
    for page in pages:
        stem = page.site_path.rsplit(".", 1)[0].replace("/", "-")
        single = Presentation(str(out / "pages" / f"{stem}.pptx"))
        assert title_of(single.slides[0]) == page.title
        assert len(single.slides) >= 3
        assert overflow_report(single) == []
    result = build_decks(site, tmp_path)
    assert not result.errors and not (tmp_path / "pages").exists()
    assert [d.path.name for d in result.decks] == ["workshop.pptx"]


# ---------------------------------------------------------------- the budget is configuration

def test_the_budget_lives_in_mkdocs_yml(root, budget):
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    slides = config["extra"]["slides"]
    assert float(slides["slides_per_minute"]) == budget.slides_per_minute
    assert int(slides["max_words"]) == budget.max_words and float(slides["min_body_pt"]) == budget.min_body_pt
    assert float(slides["min_figure_pt"]) == budget.min_figure_pt
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    assert lines[budget.line - 1].strip().startswith("slides:")


def copy_project(root: Path, target: Path, config_edit=None) -> Path:
    for folder in ("docs", "exercises", "data"):
        shutil.copytree(root / folder, target / folder)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config_edit(text) if config_edit else text, encoding="utf-8")
    return target


def test_make_slides_reports_a_block_over_budget_with_its_agenda_line(root, site, tmp_path):
    project = copy_project(root, tmp_path / "project", lambda text: re.sub(
        r"(?m)^(\s+slides_per_minute:)\s*[\d.]+", r"\1 0.2", text))
    result = subprocess.run([sys.executable, str(root / "scripts" / "make_slides.py"), "--config",
                             str(project / "mkdocs.yml"), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 1, result.stderr
    block = max((b for b in site.agenda.blocks if b.mode == "didactic"), key=lambda b: b.minutes)
    assert re.search(rf"^data/agenda\.yaml:{block.line}: block '{block.id}' \({block.minutes} minutes, didactic\) "
                     rf"has \d+ content slides; the budget allows {math.floor(block.minutes * 0.2)}", result.stderr, re.M), \
        result.stderr
    assert "Traceback" not in result.stderr and "no deck written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_slide_over_the_word_budget_is_reported_with_its_line(root, tmp_path):
    project = copy_project(root, tmp_path / "project", lambda text: re.sub(
        r"(?m)^(\s+max_words:)\s*\d+", r"\1 12", text))
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    found = [p for p in result.errors.sorted() if p.code == "slides-too-many-words"]
    assert found and not result.decks
    data = (project / "data/slides.yaml").read_text(encoding="utf-8").split("\n")
    problem = next(p for p in found if p.path == "data/slides.yaml")
    assert "budget allows 12" in problem.message and data[problem.line - 1].strip()


def test_a_source_the_page_does_not_cite_is_refused(root, tmp_path):
    project = copy_project(root, tmp_path / "project")
    path = project / "data/slides.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("sources: [williams2020lost, nihr2021guidance]",
                                                             "sources: [williams2020lost, kasaai2023early]"), encoding="utf-8")
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    [problem] = [p for p in result.errors.sorted() if p.code == "slides-source"]
    assert problem.path == "data/slides.yaml" and "'kasaai2023early' is not cited on the page" in problem.message


def test_without_ground_rules_the_deck_shows_none_and_says_so(root, tmp_path):
    project = copy_project(root, tmp_path / "project")
    (project / "data/session.yaml").unlink()
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    assert not result.errors and result.decks
    assert any(p.code == "slides-rules-missing" for p in result.problems.sorted())
    deck = Presentation(str(tmp_path / "out" / "workshop.pptx"))
    assert not any(is_rules(slide) for slide in deck.slides)


# ---------------------------------------------------------------- in a real client: LibreOffice Impress

@pytest.mark.slow
def test_impress_renders_every_slide(rendered, deck):
    pdf, pages = rendered
    assert len(pages) == len(deck.slides), f"{pdf.name} has {len(pages)} pages for {len(deck.slides)} slides"
    for number, (width, height, _) in enumerate(pages, 1):
        assert abs(width / height - 16 / 9) < 0.01, f"page {number} is not 16:9"


@pytest.mark.slow
def test_impress_draws_no_text_outside_its_box_or_its_slide(rendered, deck):
    """Every word LibreOffice drew lies on its page and inside one of its slide's text boxes."""
    _, pages = rendered
    tolerance = 1.5
    problems = []
    for number, ((width, height, found), slide) in enumerate(zip(pages, deck.slides), 1):
        scale = width / deck.slide_width
        boxes = [(s.left * scale, s.top * scale, (s.left + s.width) * scale, (s.top + s.height) * scale, s.name)
                 for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        for word, x0, y0, x1, y1 in found:
            if x0 < -tolerance or y0 < -tolerance or x1 > width + tolerance or y1 > height + tolerance:
                problems.append(f"slide {number}: {word!r} is drawn outside the slide")
            elif not any(x0 >= bx0 - tolerance and y0 >= by0 - tolerance and x1 <= bx1 + tolerance
                         and y1 <= by1 + tolerance for bx0, by0, bx1, by1, _ in boxes):
                problems.append(f"slide {number} ({title_of(slide)!r}): {word!r} at ({x0:.0f}, {y0:.0f})–({x1:.0f}, "
                                f"{y1:.0f}) lies outside every text box")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.slow
def test_impress_shows_the_words_the_deck_holds(rendered, deck):
    """What was drawn is what the deck says: each slide's title words appear on its page."""
    _, pages = rendered
    for number, ((_, _, found), slide) in enumerate(zip(pages, deck.slides), 1):
        drawn = {w for w, *_ in found}
        title = [w for w in WORD.findall(title_of(slide)) if len(w) > 3]
        missing = [w for w in title if not any(w in d for d in drawn)]
        assert not missing, f"slide {number}: {missing} not drawn"


# ---------------------------------------------------------------- fitting, for the page decks

def lines_needed(text: str, width_emu: int, size_pt: float) -> int:
    per_line = max(1, math.floor(width_emu / EMU_PER_PT / (size_pt * CHAR_WIDTH_EM)))
    return sum(len(textwrap.wrap(part, per_line, break_long_words=True, break_on_hyphens=False)) or 1
               for part in text.split("\n"))


def _inset(body_pr, name: str, default: int) -> int:
    value = body_pr.get(name) if body_pr is not None else None
    return int(value) if value is not None else default


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
        sizes = run_sizes(paragraph)
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
    return report


def test_the_measure_catches_text_that_does_not_fit(tmp_path):
    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(4), Inches(1))
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text, run.font.size = "A sentence long enough to need more than two lines at this size. " * 2, Pt(20)
    assert text_overflows(box)
    run.text = "Short."
    assert not text_overflows(box)


def test_no_shape_of_the_session_deck_runs_off_its_slide(deck):
    assert [line for line in overflow_report(deck) if "runs off the slide" in line] == []


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
    result = build_decks(site, tmp_path / "out", template=template)
    assert not result.errors, [p.text() for p in result.errors.sorted()]
    deck = Presentation(str(tmp_path / "out" / "workshop.pptx"))
    assert (deck.slide_width, deck.slide_height) == (Inches(10), Inches(7.5))
    used = {slide.slide_layout.name for slide in deck.slides}
    assert deck.slides[0].slide_layout.name == names["Title Slide"]
    assert names["Title Only"] in used and used <= set(names.values())
    assert "Example slide to be removed" not in [title_of(s) for s in deck.slides]
    assert not any(s.name in ("Title bar", "Time panel") for slide in deck.slides for s in slide.slide_layout.shapes)
    assert [line for line in overflow_report(deck) if "runs off the slide" in line] == []
    for number, slide in enumerate(list(deck.slides)[1:], 2):
        assert slide_number_shapes(slide), f"slide {number}"


def test_a_missing_template_is_reported_not_replaced(site, tmp_path):
    site.config.workshop["slides_template"] = "templates/nowhere.pptx"
    try:
        result = build_decks(site, tmp_path)
    finally:
        site.config.workshop["slides_template"] = ""
    assert not result.decks and not (tmp_path / "workshop.pptx").exists()
    [problem] = result.errors.sorted()
    config = (site.config.path).read_text(encoding="utf-8").split("\n")
    assert problem.path == "mkdocs.yml" and "slides_template:" in config[problem.line - 1]
    assert "templates/nowhere.pptx" in problem.message


def test_a_file_that_is_not_a_deck_is_reported(site, tmp_path):
    template = tmp_path / "notes.pptx"
    template.write_text("not a presentation", encoding="utf-8")
    result = build_decks(site, tmp_path / "out", template=template)
    assert not result.decks
    assert "cannot be used" in result.errors.sorted()[0].message


def test_make_slides_reports_a_missing_template(root, tmp_path):
    result = subprocess.run([sys.executable, str(root / "scripts" / "make_slides.py"), "--out", str(tmp_path),
                             "--template", str(tmp_path / "absent.pptx")], capture_output=True, text=True, cwd=root)
    assert result.returncode == 2
    assert "--template: no such file" in result.stderr and "absent.pptx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


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


# ---------------------------------------------------------------- never replacing a trainer's edits

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
    result = build_decks(site, tmp_path, per_page=True)
    assert not result.decks and (tmp_path / "workshop.pptx").read_bytes() == before
    assert not (tmp_path / "pages").exists()
    assert [p.code for p in result.errors.sorted()] == ["output-protected"]


# ---------------------------------------------------------------- marked blocks (the reader: test_slide_outline.py)

def test_the_site_hides_slides_only_blocks():
    from workshop.model.engine_files import engine_file

    page = engine_file("theme", "workshop", "page.html").read_text(encoding="utf-8")
    assert "hide-slides-only.css" in page   # every page of the site links it
    css = engine_file("theme", "assets", "workshop", "hide-slides-only.css").read_text(encoding="utf-8")
    assert re.search(r"\.slides-only\s*\{[^}]*display:\s*none", css)



def _slides_yaml(edit):
    def change(project: Path) -> None:
        path = project / "data/slides.yaml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return change


def _config(edit):
    def change(project: Path) -> None:
        path = project / "mkdocs.yml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return change


def _not_a_deck(project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/house.pptx").write_text("not a presentation", encoding="utf-8")
    _config(lambda t: t.replace('slides_template: ""', 'slides_template: "templates/house.pptx"'))(project)


def _bare_template(project: Path) -> None:
    from pptx import Presentation as New

    (project / "templates").mkdir(exist_ok=True)
    deck = New()
    for layout in [layout for index, layout in enumerate(deck.slide_layouts) if index != 1]:
        deck.slide_layouts.remove(layout)   # keep only "Title and Content"
    deck.save(str(project / "templates/house.pptx"))
    _config(lambda t: t.replace('slides_template: ""', 'slides_template: "templates/house.pptx"'))(project)


# Every rule the deck raises, and an edit of a copy of this project that makes it fire.
DECK_RULES = {
    "slides-over-budget": _config(lambda t: re.sub(r"(?m)^(\s+slides_per_minute:)\s*[\d.]+", r"\1 0.2", t)),
    "slides-too-many-words": _config(lambda t: re.sub(r"(?m)^(\s+max_words:)\s*\d+", r"\1 12", t)),
    "slides-no-figure": _slides_yaml(lambda t: re.sub(r"(?m)^\s+(figure|vignette|prompts_figure): .*\n", "", t)),
    "slides-cut-text": _slides_yaml(lambda t: t.replace("The session sorts them into three groups.",
                                                        "The session sorts them into…")),
    "slides-source": _slides_yaml(lambda t: t.replace("sources: [kislov2018art]", "sources: [kislov2018art, nobody1999]", 1)),
    "slides-data-invalid": _slides_yaml(lambda t: "blocks: every one of them\n"),
    "slides-block-missing": _slides_yaml(lambda t: t.replace("\n  welcome:\n", "\n  welcome-unused:\n", 1)),
    "slides-overflow": _slides_yaml(lambda t: t.replace('title: "Today\'s map: three groups of compromise"',
                                                        "title: " + "Compromise " * 40, 1)),
    "slides-rules-missing": lambda project: (project / "data/session.yaml").unlink(),
    "slides-template-missing": _config(lambda t: t.replace('slides_template: ""', 'slides_template: "templates/none.pptx"')),
    "slides-template-unusable": _not_a_deck,
    "slides-template-layout": _bare_template,
    "slides-figure": lambda project: [(project / "docs/learn/img/three-compromises.slide.svg").unlink(),
                                      (project / "docs/learn/img/three-compromises.svg").write_text(
                                          "<svg><title>Broken</title><unclosed", encoding="utf-8")],
    "slides-colour": _config(lambda t: t.replace("primary: indigo\n      accent: indigo",
                                                 "primary: custom\n      accent: custom", 1)),
    "slides-figure-text-small": lambda project: (project / "docs/learn/img/three-compromises.slide.svg").unlink(),
}


@pytest.mark.parametrize("code", sorted(DECK_RULES))
def test_each_rule_of_the_deck_fires(code, root, tmp_path):
    project = copy_project(root, tmp_path / "project")
    DECK_RULES[code](project)
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    raised = {p.code for p in result.errors.sorted() + result.problems.sorted()}
    assert code in raised, sorted(raised)


def test_the_real_deck_raises_nothing(site, tmp_path):
    result = build_decks(site, tmp_path / "out")
    assert [p.text() for p in result.errors.sorted() + result.problems.sorted()] == []
