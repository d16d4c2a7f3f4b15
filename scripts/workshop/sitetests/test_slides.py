"""This workshop's session deck (`workshop slides`): it builds with no problem, a section per agenda
block in order, each opened by a divider with its time, every didactic block within its slide budget
and (unless the workshop switches the rule off) with a figure, every slide within its word and type
budget, its sources as short author-year footers cited on the pages they summarise, the teaching
detail and timing in the notes, each activity's task with a timer, the ground rules from the session
data, every slide numbered, in the site's colour; LibreOffice Impress draws every slide, every word
inside its box. The page decks are written on request. How the deck reports what is wrong is the
engine's own test (tests/test_slides.py).
"""

from __future__ import annotations

import math
import re

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from workshop.model import identity, online as online_group
from workshop.outputs.slides import build_decks
from workshop.outputs.slides.outline import select
from workshop.outputs.slides.sessiondeck import NO_CONTACT
from workshop.sitetests.deck import (EMU_PER_PT, WORD, all_text, body_text, footer, is_rules, is_title, name_of,
                                     notes, overflow_report, render, run_sizes, sections_of, slide_number_shapes,
                                     title_of, words)
from workshop.web.render_session import session_for

pytestmark = pytest.mark.slow  # builds the deck and opens it in LibreOffice: left out of a quick run

DIDACTIC = ("concept", "debate")


@pytest.fixture(scope="module")
def model(config_path):
    """The workshop's model, read afresh for the deck."""
    from workshop.model.site import load_site

    return load_site(config_path)


@pytest.fixture(scope="module")
def built(model, tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    result = build_decks(model, out, per_page=True)
    assert not result.errors, "\n".join(p.text() for p in result.errors.sorted())
    assert result.decks
    return out, result


@pytest.fixture(scope="module")
def deck(built):
    return Presentation(str(built[0] / "workshop.pptx"))


@pytest.fixture(scope="module")
def budget(built):
    return built[1].budget


@pytest.fixture(scope="module")
def sections(deck):
    return sections_of(deck)


@pytest.fixture(scope="module")
def slides_data(model):
    path = model.config.root / "data" / "slides.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


@pytest.fixture(scope="module")
def session(model):
    return session_for(model)


@pytest.fixture(scope="module")
def rendered(built, tmp_path_factory):
    return render(built[0] / "workshop.pptx", tmp_path_factory.mktemp("impress"))


# ---------------------------------------------------------------- the deck follows the agenda

def test_the_deck_raises_no_problem(built):
    result = built[1]
    assert [p.text() for p in result.errors.sorted() + result.problems.sorted()] == []


def test_the_deck_is_16_9_or_the_templates_size(deck, built):
    if built[1].template is None:
        assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    else:
        template = Presentation(str(built[1].template))
        assert (deck.slide_width, deck.slide_height) == (template.slide_width, template.slide_height)


def test_the_title_slide_shows_this_sessions_identity_and_credits_the_original(deck, model):
    workshop = model.config.workshop
    first = deck.slides[0]
    assert title_of(first) == workshop["title"]
    text = all_text(first)
    entry = identity.source(workshop, model.bibliography)
    stale = set(identity.unchanged(workshop, entry))   # still the original's: never shown as today's
    shown = {"event": "event", "venue": "venue", "date": "date", "institution": "organisers"}
    for key, kept_by in shown.items():
        value = str(workshop.get(key) or "").strip()
        if value and kept_by not in stale:
            assert value in text, f"the title slide does not show extra.workshop.{key}"
        elif value and key in ("event", "institution"):
            assert value not in text, f"the title slide presents the original's {key} as today's"
    if entry is not None:
        assert identity.credit(entry) in text
    if stale:
        assert "still gives those of the original workshop" in notes(first)
    agenda = model.agenda
    assert f"{agenda.blocks[0].start}–{agenda.blocks[-1].end}" in text


def test_a_section_per_block_in_agenda_order(sections, model, deck, slides_data):
    assert list(sections) == [block.id for block in model.agenda.blocks]
    names = [name_of(slide) for slide in deck.slides]
    for place, around in ((1, "arrival"), (-1, "closing")):
        assert (names[place] == around) == bool(slides_data.get(around)), around


def test_the_objectives_slide_shows_every_objective_with_its_statement_in_the_notes(deck, model, slides_data):
    asked = [slide for entry in (slides_data.get("blocks") or {}).values()
             for slide in (entry or {}).get("slides") or [] if slide.get("objectives")]
    shown = [slide for slide in deck.slides if all(f"{o.id} {o.short}" in all_text(slide) for o in model.config.objectives)]
    assert len(shown) >= len(asked)
    for slide in shown:
        spoken = " ".join(notes(slide).split())
        for objective in model.config.objectives:
            assert " ".join(objective.statement.split()) in spoken, objective.id


def test_the_arrival_slide_shows_its_task(deck, slides_data):
    arrival = slides_data.get("arrival")
    shown = [slide for slide in deck.slides if name_of(slide) == "arrival"]
    assert len(shown) == (1 if arrival else 0)
    for slide in shown:
        assert title_of(slide) == arrival["title"]
        for step in arrival.get("task") or []:
            assert step in all_text(slide)


def test_the_closing_slide_names_the_support_contact_and_where_else_to_turn(deck, model, session, slides_data):
    if not slides_data.get("closing"):
        assert name_of(deck.slides[-1]) != "closing"
        return
    last = deck.slides[-1]
    assert name_of(last) == "closing"
    text = " ".join(all_text(last).split())
    contact = " ".join(str(model.config.workshop.get("support_contact") or "").split()) or NO_CONTACT
    assert f"On the day: {contact}" in text
    for source in session.support_sources[1:]:
        assert source.title in text
    spoken = " ".join(notes(last).split())
    assert all(" ".join(source.text.split()) in spoken for source in session.support_sources)


def test_a_break_has_a_slide_with_the_time_to_come_back(sections, model):
    for block in [block for block in model.agenda.blocks if block.mode == "break"]:
        shown = [slide for slide in sections[block.id][1:] if any(s.name == "Timer" for s in slide.shapes)]
        assert len(shown) == 1, f"{block.id}: no single break slide with a timer"
        assert f"until {block.end}" in all_text(shown[0]) and title_of(shown[0]) == block.title


def test_each_section_opens_with_a_divider_that_matches_the_agenda(sections, model):
    total = len(model.agenda.blocks)
    for number, block in enumerate(model.agenda.blocks, 1):
        divider = sections[block.id][0]
        assert title_of(divider) == block.title, block.id
        text = all_text(divider)
        for expected in (block.start, f"to {block.end}", f"{block.minutes} minutes", f"Block {number} of {total}"):
            assert expected in text, f"{block.id}: the divider does not show {expected!r}"
        strips = [s for s in divider.shapes if s.name.startswith("Session strip")]
        assert len(strips) == total, f"{block.id}: the session strip has {len(strips)} blocks"


def test_didactic_blocks_keep_to_the_slide_budget(sections, model, budget):
    for block in model.agenda.blocks:
        if block.mode != "didactic":
            continue
        content = [s for s in sections[block.id][1:] if not is_rules(s)]
        allowed = math.floor(block.minutes * budget.slides_per_minute + 1e-9)
        assert 1 <= len(content) <= allowed, f"{block.id}: {len(content)} content slides in {block.minutes} minutes"


def test_every_didactic_block_has_a_figure_or_a_case_vignette(sections, model):
    """Unless the workshop switches the rule off (extra.rules: slides-no-figure); every figure has alt text."""
    required = model.config.applies("slides-no-figure")
    for block in model.agenda.blocks:
        shapes = [shape for slide in sections[block.id] for shape in slide.shapes]
        pictures = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        cases = [s for s in shapes if s.name == "Case marker"]
        if required and block.mode == "didactic":
            assert pictures or cases, f"{block.id} shows neither a figure nor a case vignette"
        for picture in pictures:
            assert picture._element.nvPicPr.cNvPr.get("descr", "").strip(), f"{block.id}: a figure has no alt text"


def test_no_slide_has_more_words_than_the_budget(deck, budget):
    """The body of every slide, and apart from it the online group's line (a band of its own)."""
    online = {number: " ".join(s.text_frame.text for s in slide.shapes if s.name == "Online group")
              for number, slide in enumerate(deck.slides, 1)}
    counts = {number: words(body_text(slide)) - words(online[number]) for number, slide in enumerate(deck.slides, 1)}
    over = {number: count for number, count in counts.items() if count > budget.max_words}
    over.update({f"{number} (online line)": words(text) for number, text in online.items() if words(text) > budget.max_words})
    assert not over, f"slides over {budget.max_words} words: {over}"
    assert max(counts.values()) > 0


def test_no_sentence_is_cut_off(deck):
    for number, slide in enumerate(deck.slides, 1):
        text = all_text(slide)
        assert "…" not in text and "..." not in text, f"slide {number} ({title_of(slide)!r})"


def test_body_type_is_legible_from_the_back_of_the_room(deck, budget):
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            least = 28 if is_title(shape) else 14 if shape.name in ("Footer", "Slide number") else budget.min_body_pt
            for paragraph in shape.text_frame.paragraphs:
                if not paragraph.text.strip() and not paragraph._p.findall(qn("a:fld")):
                    continue
                sizes = run_sizes(paragraph)
                assert sizes, f"slide {number}: text without a set size in {shape.name}"
                assert min(sizes) >= least, f"slide {number}: {min(sizes)} pt in {shape.name}"


def test_sources_are_a_short_author_year_footer(deck, model, slides_data):
    labels = set(model.bibliography.labels.values())
    for note in [footer(slide) for slide in deck.slides if footer(slide)]:
        assert note.startswith("Sources: ") and len(note) <= 160, note
        cited = note.removeprefix("Sources: ").split(". ")[0].rstrip(".").split("; ")
        assert set(cited) <= labels, f"not author-year labels of the bibliography: {note}"
    texts = [all_text(s) + notes(s) for s in deck.slides]
    assert not any("[@" in text for text in texts)
    by_title = {title_of(slide): footer(slide) for slide in deck.slides}
    for entry in (slides_data.get("blocks") or {}).values():
        for slide in (entry or {}).get("slides") or []:
            for key in slide.get("sources") or []:
                assert model.bibliography.labels[key] in by_title.get(slide.get("title"), ""), (slide.get("title"), key)


def test_slide_sources_are_cited_on_the_pages_they_summarise(model, slides_data):
    """The build refuses a source its page does not cite; this checks the data directly too."""
    for block_id, entry in (slides_data.get("blocks") or {}).items():
        for slide in (entry or {}).get("slides") or []:
            if not slide.get("sources"):
                continue
            page = model.page(slide["page"])
            cited = set(re.findall(r"@([\w:.-]+)", " ".join(re.findall(r"\[-?@[^\]]+\]", select(page.body)))))
            assert set(slide["sources"]) <= cited, f"{block_id}: {slide['title']}"


def test_teaching_detail_and_timing_are_in_the_speaker_notes(sections, model):
    for block in model.agenda.blocks:
        divider, *rest = sections[block.id]
        spoken = notes(divider)
        assert f"{block.start}–{block.end}" in spoken
        if block.facilitator:
            assert block.facilitator[:40] in " ".join(spoken.split())
        for slide in rest:
            assert notes(slide).startswith("Timing: "), f"{block.id}: {title_of(slide)!r} has no timing cue"
        if block.mode == "didactic" and rest:
            for prompt in block.prompts:
                assert prompt in notes(rest[-1]), f"{block.id}: the prompt {prompt!r} is not in the notes"


def test_activities_show_task_timer_hand_back_prompts_and_the_online_line(sections, model, slides_data, session):
    online = online_group.settings(model.config.workshop)
    for block in model.agenda.blocks:
        if block.mode != "interactive":
            continue
        slides = sections[block.id]
        task = next((s for s in slides if any(shape.name == "Timer" for shape in s.shapes)), None)
        assert task is not None, f"{block.id}: no task slide with a timer"
        timer = next(s.text_frame.text for s in task.shapes if s.name == "Timer")
        assert timer.split() == [str(block.minutes), "minutes"]
        assert f"until {block.end}" in all_text(task)
        entry = (slides_data.get("blocks") or {}).get(block.id) or {}
        for step in entry.get("task") or []:
            assert step in all_text(task), f"{block.id}: the step {step!r} is not on screen"
        if entry.get("hand_back"):
            hand_back = next(s.text_frame.text for s in task.shapes if s.name == "Hand back")
            assert hand_back.startswith("Hand back: ") and entry["hand_back"] in hand_back
        shown = " ".join(all_text(task).split())   # the questions stay on screen with the steps and timer
        if entry.get("prompts") is not False:
            for prompt in block.prompts:
                assert prompt in shown, f"{block.id}: the prompt {prompt!r} is not on the task slide"
        line = next((s.text_frame.text for s in task.shapes if s.name == "Online group"), "")
        if online.active:
            assert line.startswith("Online group: "), f"{block.id}: no online line on its task slide"
            if block.id in session.breakout_blocks:
                assert f"Back by {block.end}." in line, line
        else:
            assert not line, f"{block.id}: an online line, with no online group"


def test_ground_rules_come_from_the_session_data_before_any_activity(sections, deck, model, session):
    rules = [s for s in deck.slides if is_rules(s)]
    if not (session.rules_block and session.ground_rules):
        assert not rules, "ground rules on screen that the session data does not hold"
        return
    blocks = [block.id for block in model.agenda.blocks]
    first_activity = next((i for i, block in enumerate(model.agenda.blocks) if block.mode == "interactive"), len(blocks))
    assert blocks.index(session.rules_block) < first_activity, "the ground rules come after the first activity"
    stated = [s for s in sections[session.rules_block] if is_rules(s)]
    shown = "\n".join(all_text(s) for s in stated)
    for rule in session.ground_rules:
        assert rule.title in shown, f"the ground rule {rule.title!r} is not on a slide of {session.rules_block}"
    spoken = " ".join(" ".join(notes(s).split()) for s in stated)
    for rule in session.ground_rules:
        assert " ".join(rule.text.split()) in spoken, "a rule's full text is not in the notes"
    if session.confidentiality:
        assert session.confidentiality.split(".")[0] in " ".join(shown.split())
    for limit in session.limits:
        assert limit.title in shown
    titles = [rule.title for rule in session.ground_rules]
    listed = [line.split(". ", 1)[-1] for s in stated if title_of(s).startswith("Ground rules")
              for line in body_text(s).split("\n") if line.strip()]
    assert set(listed) <= set(titles), "a rule is shown that the session data does not hold"


def test_every_slide_but_the_title_is_numbered(deck):
    assert not slide_number_shapes(deck.slides[0])
    for number, slide in enumerate(deck.slides, 1):
        if number == 1:
            continue
        fields = [f for shape in slide_number_shapes(slide) for f in shape._element.iter(qn("a:fld"))]
        assert [f.get("type") for f in fields] == ["slidenum"], f"slide {number}"
        assert fields[0].findtext(qn("a:t")) == str(number)


def test_the_look_follows_the_site(deck, sections, built):
    """Title bars and divider panels in the site's colour (theme.palette as Material draws it, or
    extra.slides.colour), bold titles in Arial that reach 4.5:1 on it; held in the layouts, so a slide a
    trainer adds in PowerPoint or Impress looks the same. (In a trainer's own template, its look.)"""
    from workshop.outputs.slides.palette import contrast

    result = built[1]
    if result.template is not None:
        return
    colour = result.palette.primary.lstrip("#").upper()
    content = next(slide for slides in sections.values() for slide in slides[1:]
                   if any(s.name == "Body" for s in slide.shapes) and not is_rules(slide))
    bar = next(s for s in content.slide_layout.shapes if s.name == "Title bar")
    assert str(bar.fill.fore_color.rgb) == colour and bar.top == 0 and bar.width == deck.slide_width
    title = next(s for s in content.shapes if is_title(s))
    assert title.top >= bar.top and title.top + title.height <= bar.top + bar.height
    runs = [r for p in title.text_frame.paragraphs for r in p.runs]
    assert runs and all(r.font.bold and r.font.name == "Arial" for r in runs)
    assert all(contrast(f"#{r.font.color.rgb}", f"#{colour}") >= 4.5 for r in runs)
    divider = next(iter(sections.values()))[0]
    panel = next(s for s in divider.slide_layout.shapes if s.name == "Time panel")
    assert str(panel.fill.fore_color.rgb) == colour
    body = [r for s in content.shapes if s.name == "Body" for p in s.text_frame.paragraphs for r in p.runs]
    assert body and all(str(r.font.color.rgb) == "212121" for r in body)


def test_text_inside_every_figure_is_legible_as_placed(built, deck, budget, model):
    """Every figure's smallest text, at the size it is drawn on its slide, reaches extra.slides.min_figure_pt;
    a figure with a slide version is shown in that version, described by its own <desc>."""
    from workshop.outputs.slides.figure_text import slide_version, smallest_placed, svg_description

    result = built[1]
    placed = {number: shape for number, slide in enumerate(deck.slides, 1)
              for shape in slide.shapes if shape.name == "Figure"}
    assert sorted(placed) == sorted(number for _, number, _, _ in result.figure_text)
    for figure, number, size, text in result.figure_text:
        path = model.config.root / figure
        assert slide_version(path) == path
        assert size >= budget.min_figure_pt, f"slide {number}: '{text}' in {figure} at {size:.1f} pt"
        assert smallest_placed(path, placed[number].width / EMU_PER_PT)[0] == pytest.approx(size)
        if path.name.endswith(".slide.svg"):
            assert placed[number]._element.nvPicPr.cNvPr.get("descr") == svg_description(path)


def test_no_shape_of_the_session_deck_runs_off_its_slide(deck):
    assert [line for line in overflow_report(deck) if "runs off the slide" in line] == []


def test_page_decks_are_written_only_on_request(built, model, tmp_path):
    out, _ = built
    pages = [p for p in model.in_nav_order() if model.config.kinds.get(p.kind) is not None
             and model.config.kinds[p.kind].slides and p.meta.get("slides") is not False]
    for page in pages:
        stem = page.site_path.rsplit(".", 1)[0].replace("/", "-")
        single = Presentation(str(out / "pages" / f"{stem}.pptx"))
        assert title_of(single.slides[0]) == page.title
        assert len(single.slides) >= 3
        assert overflow_report(single) == []
    assert sorted(p.name for p in (out / "pages").glob("*.pptx")) == sorted(
        page.site_path.rsplit(".", 1)[0].replace("/", "-") + ".pptx" for page in pages)
    result = build_decks(model, tmp_path)
    assert not result.errors and not (tmp_path / "pages").exists()
    assert [d.path.name for d in result.decks] == ["workshop.pptx"]


# ---------------------------------------------------------------- in a real client: LibreOffice Impress

def test_impress_renders_every_slide(rendered, deck):
    pdf, pages = rendered
    assert len(pages) == len(deck.slides), f"{pdf.name} has {len(pages)} pages for {len(deck.slides)} slides"
    ratio = deck.slide_width / deck.slide_height
    for number, (width, height, _) in enumerate(pages, 1):
        assert abs(width / height - ratio) < 0.01, f"page {number} is not the deck's shape"


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


def test_impress_shows_the_words_the_deck_holds(rendered, deck):
    """What was drawn is what the deck says: each slide's title words appear on its page."""
    _, pages = rendered
    assert any(found for _, _, found in pages), "LibreOffice drew no words"
    for number, ((_, _, found), slide) in enumerate(zip(pages, deck.slides), 1):
        drawn = {w for w, *_ in found}
        title = [w for w in WORD.findall(title_of(slide)) if len(w) > 3]
        missing = [w for w in title if not any(w in d for d in drawn)]
        assert not missing, f"slide {number}: {missing} not drawn"
