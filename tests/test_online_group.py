"""A group joining online beside the room: with extra.workshop.remote_groups above 0 every run-sheet
row, every facilitator-view block and the hybrid run sheet say what the online group does, where,
until when and how it hands back; with 0 nothing does. The run sheet lists each handout in the
block that first uses it, after a row for what is on the tables before the start.

Synthetic projects only (project_factory): nothing here depends on this workshop's own blocks."""

from __future__ import annotations

import re

import pytest
import yaml

from project_factory import Project, handout_page
from workshop.model.site import load_site
from workshop.web.markers import expand

AGENDA = {"blocks": [
    {"id": "talk", "title": "A talk", "minutes": 25, "mode": "didactic", "objectives": ["LO1"],
     "pages": ["exercises/handouts/card.md"]},
    {"id": "pause", "title": "Break", "minutes": 10, "mode": "break", "say": "Ten minutes' break."},
    {"id": "work", "title": "Group work", "minutes": 25, "mode": "interactive", "objectives": ["LO2"],
     "pages": ["exercises/handouts/sheet.md", "exercises/handouts/card.md"], "prompts": ["What did you give up?"]},
]}

SESSION = """rules_block: talk
ground_rules: [{title: Pass, text: Nobody has to share.}]
on_tables: [exercises/handouts/card.md]
online:
  move_minutes: 1
  breakout_blocks: [work]
  blocks:
    work: {do: Your breakout room <b>now</b>, hand_back: the board}
run_sheet:
  before_start: {say: Cards on the tables.}
  talk: {say: Welcome.}
  work: {say: Work in groups.}
"""

PAGES = """---
title: {title}
kind: sheet
objectives: [LO1, LO2]
page_budget: 1
print_for: facilitator
---

# {title}

A definition of co-production, a typology, a compromise and a tension.

<!-- workshop:{marker} -->
"""


@pytest.fixture
def project(tmp_path) -> Project:
    project = Project(tmp_path / "workshop")
    project.config["extra"]["kinds"]["sheet"] = {"interactive": False, "evidence": False, "printed": True,
                                                 "requires": ["page_budget", "print_for"]}
    project.write("data/agenda.yaml", yaml.safe_dump(AGENDA, sort_keys=False))
    project.write("data/session.yaml", SESSION)
    project.add_page("exercises/handouts/card.md", handout_page(1, "Card", "Keep it on the table."), "Handout 1: Card")
    project.add_page("exercises/handouts/sheet.md", handout_page(2, "Sheet", "Fill it in."), "Handout 2: Sheet")
    for name, marker in (("run", "run-sheet"), ("live", "facilitator-view"), ("hybrid", "hybrid-run-sheet")):
        project.add_page(f"docs/{name}.md", PAGES.format(title=name.capitalize(), marker=marker), name)
    return project


def rendered(project: Project, page: str, remote: int) -> str:
    project.config["extra"]["workshop"]["remote_groups"] = remote
    project.save()
    site = load_site(project.root / "mkdocs.yml")
    found = site.page(page)
    return expand(site, found, found.body)


def test_the_project_checks_clean(project):
    project.config["extra"]["workshop"]["remote_groups"] = 1
    result = project.check()
    assert result.returncode == 0, result.stdout


def test_with_no_online_group_nothing_says_online_group(project):
    for page in ("run.md", "live.md"):
        assert "Online group" not in rendered(project, page, 0)


def test_each_run_sheet_row_carries_the_online_groups_line(project):
    """In a few words, in the last column: where the group is and until when (in full: the hybrid sheet)."""
    sheet = rendered(project, "run.md", 1)
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| (\d\d:\d\d) \(\d+\) \|.*$", sheet, re.M)}
    assert list(rows) == ["09:00", "09:25", "09:35"]
    assert rows["09:00"].endswith("| *Online group:* in the main call. |")
    assert rows["09:25"].endswith("| *Online group:* cameras off until 09:35. |")
    assert rows["09:35"].endswith("| Handout 2<br>*Online group:* own room until 10:00. |")
    assert "Hand out; online |" in sheet and 'class="run-sheet-online"' in sheet


def test_the_hybrid_sheet_gives_the_line_in_full_and_escapes_it(project):
    sheet = rendered(project, "hybrid.md", 1)
    work = next(line for line in sheet.splitlines() if line.startswith("| 09:35 |"))
    assert "Back by 10:00." in work and "Hand back: the board." in work
    assert "<b>" not in sheet and ("&lt;b&gt;" in work or "\\<b\\>" in work)   # data never becomes markup
    head = sheet.split("|")[0]
    assert "The call's link: in the joining email." in head and "The board: in the call's chat." in head


def test_handouts_are_listed_where_first_used_after_what_is_on_the_tables(project):
    sheet = rendered(project, "run.md", 0)
    before = next(line for line in sheet.splitlines() if line.startswith("| Before 09:00 |"))
    assert "Before the start: on the tables." in before and "Cards on the tables." in before
    assert before.rstrip(" |").endswith("Handout 1")
    work = next(line for line in sheet.splitlines() if line.startswith("| 09:35 (25) |"))
    assert work.rstrip(" |").endswith("Handout 2")                   # the card is on the tables already
    talk = next(line for line in sheet.splitlines() if line.startswith("| 09:00 (25) |"))
    assert talk.rstrip().endswith("|  |")


def test_each_facilitator_view_block_carries_its_line_and_the_break_is_a_block(project):
    view = rendered(project, "live.md", 1)
    blocks = re.findall(r'<section class="fv-block fv-block--(\w+)" id="fv-([\w-]+)"', view)
    assert blocks == [("didactic", "talk"), ("break", "pause"), ("interactive", "work")]
    lines = re.findall(r'<p class="fv-online"><strong>Online group:</strong> (.*?)</p>', view)
    assert len(lines) == 3 and "Back by 10:00." in lines[2] and "&lt;b&gt;now&lt;/b&gt;" in lines[2]
    assert "Ten minutes&#x27; break." in view or "Ten minutes' break." in view
    assert 'role="timer"' in view


def test_the_hybrid_run_sheet_gives_the_host_a_cue_for_every_block(project):
    for remote in (0, 1):
        sheet = rendered(project, "hybrid.md", remote)
        rows = re.findall(r"^\| \d\d:\d\d \|.*$", sheet, re.M)
        assert len(rows) == 3
        assert "Open 09:35; warn 09:58; close 09:59." in rows[2]
        assert ("No group joins online" in sheet) == (remote == 0)


@pytest.mark.slow
@pytest.mark.parametrize("remote", [0, 1])
def test_the_site_builds_strictly_with_and_without_an_online_group(project, remote):
    project.config["extra"]["workshop"]["remote_groups"] = remote
    result = project.build()
    assert result.returncode == 0, result.stderr[-2000:]
    view = (project.root / "site" / "live" / "index.html").read_text(encoding="utf-8")
    assert ("Online group:" in view) == (remote == 1)
