"""How the room works, stated once: ground rules, confidentiality, collection, group composition
and the sharing formats come from data/session.yaml, render the same on every page, never carry
HTML from the data, and a sharing format that cannot fit its slot is named with its file and line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from project_factory import Project
from workshop.outputs.exercise_data import read_postits
from workshop.web.markers import expand
from workshop.model.problems import Problems
from workshop.web.render_session import SESSION_MARKERS
from workshop.model.session import SESSION, load_session, session_problems
from workshop.model.site import load_site

AGENDA = """\
blocks:
  - id: welcome
    title: Welcome and ground rules
    minutes: 20
    mode: didactic
    objectives: [LO1]
  - id: pairs
    title: Pairs
    minutes: 10
    mode: interactive
    objectives: [LO1]
  - id: input
    title: Compromises
    minutes: 10
    mode: didactic
    objectives: [LO2]
  - id: share
    title: Telling stories
    minutes: 20
    mode: interactive
    objectives: [LO2]
"""

SESSION_YAML = """\
rules_block: welcome
ground_rules:
  - title: No names
    text: Describe projects by role, never by name.
  - title: The right to pass
    text: Nobody has to share.
confidentiality:
  rule: One rule holds for what is said in the room.
  limits:
    - title: A risk of harm
      text: A concern about harm is passed on.
collection: Nothing personal is collected.
group_composition:
  - Lay members are never alone in a group.
sharing_formats:
  - id: in-the-room
    title: In the room
    block: share
    setup: 2
    minutes_each: 3
    questions_each: 1
    harvest: 2
    largest_group: 4
run_sheet:
  welcome:
    say: Read the ground rules.
    collect: Nothing.
"""

PAGE = """\
---
title: Rules
kind: exercise
objectives: [LO1]
---

# Rules

Each definition of co-production names a stakeholder, and a typology sorts them.

<!-- workshop:ground-rules -->

<!-- workshop:confidentiality -->

<!-- workshop:run-sheet -->
"""


@pytest.fixture
def project(tmp_path) -> Project:
    project = Project(tmp_path / "workshop")
    project.write("data/agenda.yaml", AGENDA)
    project.write("data/session.yaml", SESSION_YAML)
    project.add_page("docs/rules.md", PAGE, "Rules")
    # These tests are about the session data, not the 'In brief' summaries that concept pages need.
    project.config["extra"]["readability"] = {"kinds": []}
    return project


def problems_of(project: Project) -> list[str]:
    project.save()
    site = load_site(project.root / "mkdocs.yml")
    found = Problems()
    session_problems(site, site.agenda, found, frozenset(SESSION_MARKERS))
    return [p.text() for p in found.sorted()]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# ------------------------------------------------------------------ a fuller workshop
# What must hold of a real workshop's session data (no problems, rules read first, every format
# fitting its slot, each rule shown word for word) is checked on the workshop itself by the checker
# and by scripts/workshop/sitetests/test_session_data.py; here, the engine on a synthetic one.

@pytest.fixture(scope="module")
def full(tmp_path_factory):
    from project_factory import full_workshop

    project = full_workshop(tmp_path_factory.mktemp("full") / "workshop").save()
    return project, load_site(project.root / "mkdocs.yml")


def test_a_full_session_has_no_problems_and_every_section(full):
    project, site = full
    found = Problems()
    session = session_problems(site, site.agenda, found, frozenset(SESSION_MARKERS))
    assert [p.text() for p in found.sorted()] == []
    assert session.ground_rules and session.limits and session.collection and session.group_composition


def test_every_sharing_format_that_fits_holds_its_speakers_in_its_slot(full):
    project, site = full
    session = load_session(project.root, site.agenda, Problems())
    assert {f.where for f in session.formats} == {"room", "online"}
    for sharing in session.formats:
        assert sharing.fits and sharing.people >= 2, sharing.id
        assert sharing.fixed + sharing.people * sharing.per_person <= sharing.minutes, sharing.id


def test_the_run_sheet_follows_the_agenda(full):
    project, site = full
    page = site.page("definitions.md")
    sheet = expand(site, page, "<!-- workshop:run-sheet -->")
    rows = [line for line in sheet.splitlines() if re.match(r"\| \d\d:\d\d \(\d+\) \|", line)]
    assert len(rows) == len(site.agenda.blocks) == 5
    for row, block in zip(rows, site.agenda.blocks):
        assert row.startswith(f"| {block.start} ({block.minutes}) | **{block.title}")
    opening = rows[0]
    assert "Welcome everyone, then read the limits of confidentiality." in opening and "Collect:" in opening


def test_a_marker_whose_section_the_data_lacks_is_reported_at_its_line(project):
    text = PAGE.replace("<!-- workshop:run-sheet -->", "<!-- workshop:safeguarding -->\n\n<!-- workshop:sharing-format-online -->")
    project.add_page("docs/support.md", text, "Support")
    found = problems_of(project)
    line = line_of(text, "<!-- workshop:safeguarding -->")
    assert found == [
        f"docs/support.md:{line}: the marker 'safeguarding' shows nothing: {SESSION} has no safeguarding "
        "[session-section-missing]",
        f"docs/support.md:{line + 2}: the marker 'sharing-format-online' shows nothing: {SESSION} has no online "
        "sharing format (sharing_formats, where: online) [session-section-missing]"]


# ------------------------------------------------------------------ escaping

def test_html_in_the_data_is_escaped_on_the_built_page(project):
    hostile = SESSION_YAML.replace("Nobody has to share.", "Nobody has to share. <script>alert(1)</script> & more")
    hostile = hostile.replace("Read the ground rules.", "Read <b>the</b> rules | then pause.")
    project.write("data/session.yaml", hostile)
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project.root / "site/rules/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<b>the</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "Read &lt;b&gt;the&lt;/b&gt; rules | then pause." in html   # a pipe does not split the table cell


def test_the_ground_rules_appear_on_each_built_page_that_uses_the_marker(project):
    project.add_page("docs/more.md", PAGE.replace("title: Rules", "title: More").replace("# Rules", "# More"), "More")
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("rules", "more"):
        html = (project.root / f"site/{name}/index.html").read_text(encoding="utf-8")
        assert "<strong>No names.</strong> Describe projects by role, never by name." in html
        assert "<strong>A risk of harm.</strong> A concern about harm is passed on." in html


# ------------------------------------------------------------------ sharing formats

def test_a_sharing_format_that_cannot_fit_its_slot_is_reported_with_its_line(project):
    tight = SESSION_YAML.replace("minutes_each: 3", "minutes_each: 9")
    project.write("data/session.yaml", tight)
    line = line_of(tight, "  - id: in-the-room")
    found = problems_of(project)
    assert found == [f"{SESSION}:{line}: sharing format 'in-the-room' cannot fit its 20-minute slot (block "
                     "'share'): even a group of 2 needs 24 min (10 min a speaker, and 4 min to set up, move and "
                     "pass on a lesson) [sharing-format-overrun]"]


def test_the_slot_sets_the_group_size_up_to_the_largest_group(project):
    project.save()
    site = load_site(project.root / "mkdocs.yml")
    sharing = load_session(project.root, site.agenda, Problems()).format("in-the-room")
    assert (sharing.minutes, sharing.people) == (20, 4)          # 2 + 4 x 4 + 2 = 20
    project.write("data/agenda.yaml", AGENDA.replace("minutes: 20\n    mode: interactive",
                                                     "minutes: 12\n    mode: interactive"))
    project.save()
    site = load_site(project.root / "mkdocs.yml")
    sharing = load_session(project.root, site.agenda, Problems()).format("in-the-room")
    assert (sharing.minutes, sharing.people) == (12, 2)          # 2 + 2 x 4 + 2 = 12
    page = site.page("rules.md")
    assert "Pairs, 3 minutes each and 1 minute of questions." in expand(site, page, "<!-- workshop:run-sheet -->")


def test_a_format_naming_a_block_not_in_the_agenda_is_reported(project):
    text = SESSION_YAML.replace("block: share", "block: sharing")
    project.write("data/session.yaml", text)
    assert problems_of(project) == [
        f"{SESSION}:{line_of(text, 'block: sharing')}: sharing format 'in-the-room' names block 'sharing', which "
        "is not in data/agenda.yaml [session-invalid]"]


# ------------------------------------------------------------------ rules first, data well formed

def test_ground_rules_read_after_an_activity_are_reported(project):
    text = SESSION_YAML.replace("rules_block: welcome", "rules_block: input")
    project.write("data/session.yaml", text)
    assert problems_of(project) == [
        f"{SESSION}:1: the ground rules are read in block 'input' (09:30), after the interactive block 'pairs' "
        "(09:20), where participants already talk about their own work [ground-rules-late]"]


def test_malformed_session_data_is_named_with_its_line(project):
    text = SESSION_YAML.replace("  - title: The right to pass\n    text: Nobody has to share.\n",
                                "  - text: Nobody has to share.\n    colour: red\n")
    text += "extras: true\n"
    project.write("data/session.yaml", text)
    found = problems_of(project)
    rule_line = line_of(text, "  - text: Nobody has to share.")
    # An unknown key is named at its own line, the rule that lacks its title at the rule's.
    assert (f"{SESSION}:{line_of(text, 'colour: red')}: ground rule 2: unknown key 'colour'; known keys: text, title "
            "[session-invalid]") in found
    assert f"{SESSION}:{rule_line}: ground rule 2 is missing 'title' (a short title, shown on the slides) [session-invalid]" in found
    assert any(line.startswith(f"{SESSION}:{line_of(text, 'extras:')}: unknown key 'extras'; known keys: collection, ")
               for line in found)


def test_a_citation_in_the_data_is_refused(project):
    text = SESSION_YAML.replace("Nothing personal is collected.", "Nothing personal is collected [@fictional2001forms].")
    project.write("data/session.yaml", text)
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(f"{SESSION}:{line_of(text, 'collection:')}: collection holds a citation; data "
                                                  "cannot cite")


def test_a_yaml_error_is_reported_at_its_line(project):
    project.write("data/session.yaml", SESSION_YAML + "group_composition: [unclosed\n")
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(f"{SESSION}:") and found[0].endswith("[session-invalid]")


def test_a_page_using_the_markers_without_the_data_file_is_told_so(project):
    del project.files["data/session.yaml"]
    found = problems_of(project)
    line = line_of(PAGE, "<!-- workshop:ground-rules -->")
    assert found == [f"docs/rules.md:{line}: the marker 'ground-rules' renders {SESSION}, which does not exist "
                     "[session-invalid]"]
