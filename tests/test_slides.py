"""How the engine writes a session deck (`workshop slides`), tried on a workshop that is not this
repository's (tests/adapted_workshop.py): the title slide shows the session's identity and credits
the original, never as today's; the deck follows a changed room and an online group; an institution's
template lends its layouts; a deck a trainer changed is never replaced; a fork's colour reaches its
slides; and every rule of the deck fires, with its file and line, on an edit that breaks it.
Every workshop's own deck (its agenda, budgets, sources, notes, LibreOffice) is a site test:
workshop/sitetests/test_slides.py.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.util import Inches, Pt

from adapted_workshop import write_adapted
from workshop.model.problems import Problems
from workshop.model.session import load_session
from workshop.model.site import load_site
from workshop.model.timing import count_words
from workshop.outputs.slides import build_decks
from workshop.outputs.slides.layouts import POTX_TYPE, PPTX_TYPE, open_presentation, pick_layouts
from workshop.outputs.slides.output import refusal, save
from workshop.sitetests.deck import (all_text, is_rules, is_title, name_of, notes, overflow_report, sections_of,
                                     slide_number_shapes, text_overflows, title_of)

pytestmark = pytest.mark.slow  # builds decks of a whole workshop: left out of make test-fast

FIGURE = "docs/learn/img/power-groups"     # the adapted workshop's figure, with its slide version
THEME = "primary: deep-purple\n      accent: deep-purple"


def adapted(target: Path, config_edit=None) -> Path:
    """A copy of the adapted workshop in target, its mkdocs.yml edited; returns the folder."""
    config = write_adapted(target)
    if config_edit is not None:
        config.write_text(config_edit(config.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def with_workshop(text: str, line: str) -> str:
    """mkdocs.yml with one more line in extra.workshop."""
    return text.replace("    language: en-US\n", f"    language: en-US\n{line}\n", 1)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return adapted(tmp_path_factory.mktemp("adapted") / "workshop")


@pytest.fixture(scope="module")
def site(project):
    return load_site(project / "mkdocs.yml")


@pytest.fixture(scope="module")
def built(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    result = build_decks(site, out)
    assert not result.errors and not result.problems, [p.text() for p in result.errors.sorted() + result.problems.sorted()]
    return out, result


@pytest.fixture(scope="module")
def deck(built):
    return Presentation(str(built[0] / "workshop.pptx"))


def deck_with(site, tmp_path, **workshop):
    """The session deck with extra.workshop changed in memory (nothing is written to the project),
    read back as PowerPoint would; with the changed model. Its errors must be none."""
    changed = load_site(site.config.path)
    changed.config.workshop.update(workshop)
    result = build_decks(changed, tmp_path)
    assert not result.errors, "\n".join(p.text() for p in result.errors.sorted())
    return Presentation(str(tmp_path / "workshop.pptx")), changed


def make_slides(project: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workshop.command", "slides", "--config", str(project / "mkdocs.yml"),
                           "--out", str(out), *options], capture_output=True, text=True, cwd=project)


# ---------------------------------------------------------------- the title slide

ORIGINAL = {"source_key": "cargo2008value", "event": "Annual Review of Public Health", "date": "2008",
            "organisers": ["Margaret Cargo", "Shawna Mercer"]}


def test_title_slide_shows_this_sessions_identity_and_credits_the_original(site, tmp_path):
    ours = {"organisers": ["A. Facilitator", "B. Cofacilitator"], "institution": "A health research unit",
            "event": "Spring school", "date": "12 May", "venue": "Room 2", "source_key": "cargo2008value"}
    changed, model = deck_with(site, tmp_path, **ours)
    first = changed.slides[0]
    assert title_of(first) == site.config.workshop["title"]
    text = all_text(first)
    for value in ("A. Facilitator", "B. Cofacilitator", "A health research unit", "Spring school", "Room 2", "12 May"):
        assert value in text
    assert "Adapted from the workshop by Cargo and Mercer (2008)" in text
    assert f"{model.agenda.blocks[0].start}–{model.agenda.blocks[-1].end}" in text


def test_the_title_slide_never_presents_the_original_event_as_todays(site, tmp_path):
    """While extra.workshop still gives the original's event, date and team (those of the source named by
    source_key), the slide credits them and leaves them off as today's."""
    changed, _ = deck_with(site, tmp_path, institution="The original's university", **ORIGINAL)
    text = all_text(changed.slides[0])
    assert "Annual Review of Public Health" not in text and "The original's university" not in text
    assert "Margaret Cargo" not in text and "Adapted from the workshop by Cargo and Mercer (2008)" in text
    assert "still gives those of the original workshop" in notes(changed.slides[0])


def test_make_slides_warns_while_the_event_is_still_the_original(tmp_path):
    def original(text: str) -> str:
        text = with_workshop(text, "    source_key: cargo2008value")
        text = re.sub(r"(?m)^    event: .*$", "    event: Annual Review of Public Health", text)
        text = re.sub(r'(?m)^    date: .*$', '    date: "2008"', text)
        text = re.sub(r"(?m)^    organisers: .*$", "    organisers: [Margaret Cargo, Shawna Mercer]", text)
        text = re.sub(r"(?m)^    venue: .*$", '    venue: ""', text)
        return re.sub(r"(?m)^    support_contact: .*$", '    support_contact: ""', text)

    project = adapted(tmp_path / "project", original)
    result = make_slides(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^mkdocs\.yml:\d+: warning: extra\.workshop still describes the original 2008 event "
                     r"\(event, date, organisers\)", result.stderr, re.M), result.stderr
    assert "no venue and no support_contact" in result.stderr
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^    event: .*$", "    event: Spring school", text)
    text = re.sub(r'(?m)^    date: .*$', '    date: "2031"', text)
    text = re.sub(r"(?m)^    organisers: .*$", "    organisers: [A. Facilitator]", text)
    text = re.sub(r'(?m)^    venue: .*$', '    venue: Room 2', text)
    config.write_text(re.sub(r'(?m)^    support_contact: .*$', '    support_contact: "A. Contact, at the back"', text),
                      encoding="utf-8")
    result = make_slides(project, tmp_path / "out2")
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr


# ---------------------------------------------------------------- the room, the online group and the rules

def test_the_closing_slide_names_the_support_contact_and_where_else_to_turn(site, tmp_path):
    session = yaml.safe_load((site.config.root / "data/session.yaml").read_text(encoding="utf-8"))
    changed, _ = deck_with(site, tmp_path, support_contact="A. Contact, by the door, 0161 000 0000")
    last = changed.slides[-1]
    assert name_of(last) == "closing"
    text = " ".join(all_text(last).split())
    assert "On the day: A. Contact, by the door, 0161 000 0000" in text
    for source in session["support_sources"][1:]:
        assert source["title"] in text
    assert all(" ".join(source["text"].split()) in " ".join(notes(last).split()) for source in session["support_sources"])


def test_with_an_online_group_every_activity_slide_says_what_it_does(site, tmp_path):
    """remote_groups 1: each task slide, and the break's, carries the online group's line; the deck still fits."""
    deck, changed = deck_with(site, tmp_path, remote_groups=1)
    session = yaml.safe_load((changed.config.root / "data/session.yaml").read_text(encoding="utf-8"))
    breakout = set(session["online"]["breakout_blocks"])
    seen = 0
    for slide in deck.slides:
        block = next((b for b in changed.agenda.blocks if b.id == name_of(slide)), None)
        if block is None or not any(s.name == "Timer" for s in slide.shapes):
            continue
        line = next((s.text_frame.text for s in slide.shapes if s.name == "Online group"), "")
        assert line.startswith("Online group: "), f"{block.id}: no online line on its task slide"
        if block.id in breakout:
            assert f"Back by {block.end}." in line and "Hand back: " in line, line
        seen += 1
    assert seen == len([b for b in changed.agenda.blocks if b.mode in ("interactive", "break")])
    arrival = next(s for s in deck.slides if name_of(s) == "arrival")
    assert "Link: " in all_text(arrival) and "Board: " in all_text(arrival)
    assert overflow_report(deck) == []


def test_without_an_online_group_no_slide_has_its_line(site, tmp_path):
    deck, _ = deck_with(site, tmp_path, remote_groups=0)
    assert not [s for slide in deck.slides for s in slide.shapes if s.name == "Online group"]
    assert "Link: " not in all_text(next(s for s in deck.slides if name_of(s) == "arrival"))


def test_the_rules_block_reads_aloud_only_the_limits_when_the_session_says_so(deck, site):
    session = yaml.safe_load((site.config.root / "data/session.yaml").read_text(encoding="utf-8"))
    assert session["rules_read_aloud"] == "limits"
    rules = [s for s in sections_of(deck)[session["rules_block"]] if is_rules(s)]
    spoken = {title_of(s): notes(s) for s in rules}
    assert spoken["Ground rules"].split("\n")[-1].startswith("Do not read the rules aloud")
    aloud = spoken["Confidentiality and its limits"].split("\n")[-1]
    assert aloud.startswith("Read aloud: ")
    # What the notes ask to read aloud is what the timing rule counts: the collection statement is
    # given in full to answer questions from, not to read out.
    read = aloud.removeprefix("Read aloud: ").split(" What is collected, in full")[0]
    counted = load_session(site.config.root, site.agenda, Problems()).read_aloud_texts()
    assert count_words(read) == sum(count_words(text) for text in counted)
    assert " ".join(session["collection"].split()) in " ".join(aloud.split())
    for slide in deck.slides:
        assert "Read the rules aloud, in full" not in notes(slide), title_of(slide)


def test_without_ground_rules_the_deck_shows_none_and_says_so(tmp_path):
    project = adapted(tmp_path / "project")
    (project / "data/session.yaml").unlink()
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    assert not result.errors and result.decks
    assert any(p.code == "slides-rules-missing" for p in result.problems.sorted())
    deck = Presentation(str(tmp_path / "out" / "workshop.pptx"))
    assert not any(is_rules(slide) for slide in deck.slides)


# ---------------------------------------------------------------- the look: the site's colour

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


@pytest.mark.parametrize("palette, text", [("teal", "FFFFFF"), ("indigo", "FFFFFF"), ("yellow", "212121")])
def test_a_workshop_in_any_colour_gets_slides_in_that_colour_with_legible_titles(tmp_path, palette, text):
    from workshop.outputs.slides.palette import PRIMARY, build, contrast

    project = adapted(tmp_path / "project", lambda t: t.replace(THEME, f"primary: {palette}\n      accent: {palette}"))
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    assert not result.errors and result.palette.source == f"theme.palette.primary {palette}"
    expected = build(PRIMARY[palette], palette).primary.lstrip("#").upper()
    colours = _colours_of(Presentation(str(tmp_path / "out" / "workshop.pptx")))
    assert colours["Title bar"] == colours["Title band"] == colours["Time panel"] == expected
    assert colours["title text"] == colours["panel text"] == text
    assert contrast(f"#{text}", f"#{expected}") >= 4.5


def test_a_declared_colour_wins_over_the_theme(tmp_path):
    project = adapted(tmp_path / "project", lambda t: t.replace(
        "    min_figure_pt: 20\n", '    min_figure_pt: 20\n    colour: "#1b5e20"\n'))
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    assert not result.errors and result.palette.primary == "#1b5e20"
    assert _colours_of(Presentation(str(tmp_path / "out" / "workshop.pptx")))["Title bar"] == "1B5E20"
    bad = adapted(tmp_path / "bad", lambda t: t.replace("    min_figure_pt: 20\n", "    min_figure_pt: 20\n    colour: teal\n"))
    errors = build_decks(load_site(bad / "mkdocs.yml"), tmp_path / "bad-out").errors
    assert any("extra.slides.colour must be a colour written \"#rrggbb\"" in p.message and "not the text 'teal'" in p.message
               for p in errors.sorted())


def test_the_site_hides_slides_only_blocks():
    from workshop.model.engine_files import engine_file

    page = engine_file("theme", "workshop", "page.html").read_text(encoding="utf-8")
    assert "hide-slides-only.css" in page   # every page of the site links it
    css = engine_file("theme", "assets", "workshop", "hide-slides-only.css").read_text(encoding="utf-8")
    assert re.search(r"\.slides-only\s*\{[^}]*display:\s*none", css)


# ---------------------------------------------------------------- figures: the text inside them

def test_a_figure_with_small_text_is_reported_with_its_slide_line(tmp_path):
    """Without its slide version, the page's figure (labels of 18 units in 720) is too small on a slide."""
    project = adapted(tmp_path / "project")
    (project / f"{FIGURE}.slide.svg").unlink()
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    found = [p for p in result.errors.sorted() if p.code == "slides-figure-text-small"]
    data = (project / "data/slides.yaml").read_text(encoding="utf-8").split("\n")
    showing = {n for n, line in enumerate(data, 1) if "figure: learn/img/power-groups.svg" in line}
    assert found and not result.decks
    for problem in found:
        assert problem.path == "data/slides.yaml" and any(0 < line - problem.line < 4 for line in showing), problem.text()
        assert re.search(r"the figure 'docs/learn/img/power-groups\.svg' sets text at 1\d\.\d pt as placed", problem.message)
        assert "power-groups.slide.svg" in problem.hint
    lowered = adapted(tmp_path / "lowered", lambda t: t.replace("    min_figure_pt: 20\n", "    min_figure_pt: 10\n"))
    (lowered / f"{FIGURE}.slide.svg").unlink()
    assert not build_decks(load_site(lowered / "mkdocs.yml"), tmp_path / "out2").errors
    # In a trainer's 4:3 template, whose boxes decide how large figures are, it is a warning: the deck is written.
    template = tmp_path / "institution.pptx"
    make_template(template)
    warned = build_decks(in_the_room(load_site(project / "mkdocs.yml")), tmp_path / "out3", template=template)
    assert not warned.errors and warned.decks
    assert any(p.code == "slides-figure-text-small" for p in warned.problems.sorted())


# ---------------------------------------------------------------- fitting

def test_the_measure_catches_text_that_does_not_fit():
    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(4), Inches(1))
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text, run.font.size = "A sentence long enough to need more than two lines at this size. " * 2, Pt(20)
    assert text_overflows(box)
    run.text = "Short."
    assert not text_overflows(box)


# ---------------------------------------------------------------- an institution's template

def make_template(path: Path) -> dict[str, str]:
    """A 4:3 template whose layouts are renamed and reordered, with an example slide."""
    from pptx.oxml.ns import qn

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


def in_the_room(site):
    """The workshop with every group in the room: in a 4:3 template, a task slide with two prompts has no
    room left for the online group's line too (the deck reports it: test_each_rule_of_the_deck_fires)."""
    changed = load_site(site.config.path)
    changed.config.workshop["remote_groups"] = 0
    return changed


def test_an_institution_template_lends_its_layouts_and_size(site, tmp_path):
    template = tmp_path / "institution.pptx"
    names = make_template(template)
    result = build_decks(in_the_room(site), tmp_path / "out", template=template)
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


def test_a_missing_template_is_reported_not_replaced(tmp_path):
    project = adapted(tmp_path / "project", lambda t: with_workshop(t, '    slides_template: "templates/nowhere.pptx"'))
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    assert not result.decks and not (tmp_path / "out" / "workshop.pptx").exists()
    [problem] = result.errors.sorted()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    assert problem.path == "mkdocs.yml" and "slides_template:" in config[problem.line - 1]
    assert "templates/nowhere.pptx" in problem.message


def test_a_file_that_is_not_a_deck_is_reported(site, tmp_path):
    template = tmp_path / "notes.pptx"
    template.write_text("not a presentation", encoding="utf-8")
    result = build_decks(site, tmp_path / "out", template=template)
    assert not result.decks
    assert "cannot be used" in result.errors.sorted()[0].message


def test_make_slides_reports_a_missing_template(project, tmp_path):
    result = make_slides(project, tmp_path / "out", "--template", str(tmp_path / "absent.pptx"))
    assert result.returncode == 2
    assert "--template: no such file" in result.stderr and "absent.pptx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


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


# ---------------------------------------------------------------- the budget is configuration

def test_the_budget_lives_in_mkdocs_yml(site, built):
    budget = built[1].budget
    config = yaml.load(site.config.path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    slides = config["extra"]["slides"]
    assert float(slides["slides_per_minute"]) == budget.slides_per_minute
    assert int(slides["max_words"]) == budget.max_words and float(slides["min_body_pt"]) == budget.min_body_pt
    assert float(slides["min_figure_pt"]) == budget.min_figure_pt
    lines = site.config.path.read_text(encoding="utf-8").split("\n")
    assert lines[budget.line - 1].strip().startswith("slides:")


def test_make_slides_reports_a_block_over_budget_with_its_agenda_line(site, tmp_path):
    project = adapted(tmp_path / "project", lambda text: re.sub(r"(?m)^(\s+slides_per_minute:)\s*[\d.]+", r"\1 0.2", text))
    result = make_slides(project, tmp_path / "out")
    assert result.returncode == 1, result.stderr
    data = yaml.safe_load((project / "data/slides.yaml").read_text(encoding="utf-8"))["blocks"]
    over = [block for block in site.agenda.blocks if block.mode == "didactic"
            and len((data.get(block.id) or {}).get("slides") or []) > math.floor(block.minutes * 0.2)]
    assert over
    for block in over:
        assert re.search(rf"^data/agenda\.yaml:{block.line}: block '{block.id}' \({block.minutes} minutes, didactic\) "
                         rf"has \d+ content slides; the budget allows {math.floor(block.minutes * 0.2)}",
                         result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr and "no deck written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_slide_over_the_word_budget_is_reported_with_its_line(tmp_path):
    project = adapted(tmp_path / "project", lambda text: re.sub(r"(?m)^(\s+max_words:)\s*\d+", r"\1 12", text))
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    found = [p for p in result.errors.sorted() if p.code == "slides-too-many-words"]
    assert found and not result.decks
    data = (project / "data/slides.yaml").read_text(encoding="utf-8").split("\n")
    problem = next(p for p in found if p.path == "data/slides.yaml")
    assert "budget allows 12" in problem.message and data[problem.line - 1].strip()


def test_a_source_the_page_does_not_cite_is_refused(tmp_path):
    project = adapted(tmp_path / "project")
    path = project / "data/slides.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("sources: [jagosh2012uncovering]",
                                                             "sources: [jagosh2012uncovering, arnstein1969ladder]"),
                    encoding="utf-8")
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    [problem] = [p for p in result.errors.sorted() if p.code == "slides-source"]
    assert problem.path == "data/slides.yaml" and "'arnstein1969ladder' is not cited on the page" in problem.message


# ---------------------------------------------------------------- every rule of the deck fires

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


def _template(make):
    def change(project: Path) -> None:
        (project / "templates").mkdir(exist_ok=True)
        make(project / "templates/house.pptx")
        _config(lambda t: with_workshop(t, '    slides_template: "templates/house.pptx"'))(project)
    return change


def _bare_deck(path: Path) -> None:
    deck = Presentation()
    for layout in [layout for index, layout in enumerate(deck.slide_layouts) if index != 1]:
        deck.slide_layouts.remove(layout)   # keep only "Title and Content"
    deck.save(str(path))


# Every rule the deck raises, and an edit of a copy of the adapted workshop that makes it fire.
DECK_RULES = {
    "slides-over-budget": _config(lambda t: re.sub(r"(?m)^(\s+slides_per_minute:)\s*[\d.]+", r"\1 0.2", t)),
    "slides-too-many-words": _config(lambda t: re.sub(r"(?m)^(\s+max_words:)\s*\d+", r"\1 12", t)),
    "slides-no-figure": _config(lambda t: t.replace("slides-no-figure: false", "slides-no-figure: true")),
    "slides-cut-text": _slides_yaml(lambda t: t.replace("Ways of taking part differ in the power they give.",
                                                        "Ways of taking part differ in…")),
    "slides-source": _slides_yaml(lambda t: t.replace("sources: [arnstein1969ladder]",
                                                      "sources: [arnstein1969ladder, nobody1999]", 1)),
    "slides-data-invalid": _slides_yaml(lambda t: "blocks: every one of them\n"),
    "slides-block-missing": _slides_yaml(lambda t: t.replace("\n  opening:\n", "\n  opening-unused:\n", 1)),
    "slides-overflow": _slides_yaml(lambda t: t.replace('title: "Today: the ladder of power"',
                                                        "title: " + "Partnership " * 40, 1)),
    "slides-rules-missing": lambda project: (project / "data/session.yaml").unlink(),
    "slides-template-missing": _config(lambda t: with_workshop(t, '    slides_template: "templates/none.pptx"')),
    "slides-template-unusable": _template(lambda path: path.write_text("not a presentation", encoding="utf-8")),
    "slides-template-layout": _template(_bare_deck),
    "slides-figure": lambda project: [(project / f"{FIGURE}.slide.svg").unlink(),
                                      (project / f"{FIGURE}.svg").write_text("<svg><title>Broken</title><unclosed",
                                                                             encoding="utf-8")],
    "slides-colour": _config(lambda t: t.replace(THEME, "primary: custom\n      accent: custom", 1)),
    "slides-figure-text-small": lambda project: (project / f"{FIGURE}.slide.svg").unlink(),
}


@pytest.mark.parametrize("code", sorted(DECK_RULES))
def test_each_rule_of_the_deck_fires(code, tmp_path):
    project = adapted(tmp_path / "project")
    DECK_RULES[code](project)
    result = build_decks(load_site(project / "mkdocs.yml"), tmp_path / "out")
    raised = {p.code for p in result.errors.sorted() + result.problems.sorted()}
    assert code in raised, sorted(raised)


def test_the_adapted_deck_raises_nothing_and_each_edit_changes_its_file(built, tmp_path):
    """The rules above fire because of their edit: the workshop as written raises none, and every edit
    changes what it edits."""
    assert not built[1].errors and not built[1].problems
    for code, edit in DECK_RULES.items():
        project = adapted(tmp_path / code)
        before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
        edit(project)
        after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
        assert before != after, f"the edit for {code} changed nothing"
