"""Stale references and rule switches, on synthetic projects.

A fork renumbers its handouts or swaps its scenario cards: the words that still point at the old
ones ("see Handout 7", "Scenario D", a group plan handing out a card that is gone) are reported
with their file and line. A workshop that does not share a design choice switches its rule off
under extra.rules, and the checker says so on every run, never silently.
"""

from __future__ import annotations

import json

import pytest
import yaml

from project_factory import Project, card_blocks, handout_page
from workshop.check.checks import run_checks
from workshop.model.site import load_site

AGENDA = {"blocks": [
    {"id": "intro", "title": "Introduction", "minutes": 30, "mode": "didactic", "objectives": ["LO1"],
     "pages": ["definitions.md"]},
    {"id": "work", "title": "Group work", "minutes": 30, "mode": "interactive", "objectives": ["LO2"],
     "facilitator": "Hand out Handout 1 and Handout 2."},
]}
TEXT = "A definition and a typology of co-production, by stakeholder. "


def cards(*letters: str) -> str:
    return card_blocks(*(f"Scenario {letter}: Card {letter}" for letter in letters), text="A fictional service.")


def roles(count: int) -> str:
    return card_blocks(*(f"Role {number}" for number in range(1, count + 1)), text="A fictional role.")


@pytest.fixture
def project(tmp_path) -> Project:
    project = Project(tmp_path / "p")
    project.write("data/agenda.yaml", yaml.safe_dump(AGENDA, sort_keys=False))
    project.add_page("exercises/handouts/brief.md", handout_page(1, "The brief", "Read the brief first.\n"),
                     "Handout 1: The brief")
    project.add_page("exercises/handouts/cards.md", handout_page(2, "Scenario cards", cards("A", "B"), cards="scenario"),
                     "Handout 2: Scenario cards")
    project.add_page("exercises/handouts/roles.md", handout_page(3, "Role cards", roles(10), cards="role"),
                     "Handout 3: Role cards")
    return project


def found(project: Project, *codes: str) -> list[str]:
    project.save()
    problems = run_checks(load_site(project.root / "mkdocs.yml")).problems.sorted()
    return [p.text() for p in problems if p.code in codes]


def page(project: Project, text: str) -> int:
    """A page whose body is `text`; returns the file line of its first line of text."""
    project.add_page("docs/notes.md", f"---\nkind: concept\nobjectives: [LO1]\n---\n\n# Notes\n\n{TEXT}{text}\n", "Notes")
    return 8


REFERENCES = ("handout-unknown", "handout-mismatch", "scenario-unknown")


def test_text_that_matches_the_navigation_is_clean(project):
    page(project, "Use Handout 1, then [Handout 2: Scenario cards](exercises/handouts/cards.md) and "
                  "Handouts 1 and 3. Groups on Scenario A or scenario card B compare outlines.")
    assert found(project, *REFERENCES) == []


def test_a_handout_number_the_navigation_does_not_give_is_named_with_its_line(project):
    line = page(project, "Keep Handout 9 for later.")
    assert found(project, *REFERENCES) == [
        f"docs/notes.md:{line}: 'Handout 9' names a handout that the navigation does not number (it numbers 1, 2, 3) "
        "[handout-unknown]"]


def test_after_renumbering_the_navigation_the_old_numbers_are_reported(project):
    """The fork's case: the brief becomes Handout 4; every text still calling it Handout 1 is stale."""
    line = page(project, "See [Handout 1: The brief](exercises/handouts/brief.md).")
    project.config["nav"] = [e if "Handout 1:" not in str(e) else {"Handout 4: The brief": "exercises/handouts/brief.md"}
                             for e in project.config["nav"]]
    reported = found(project, *REFERENCES)
    assert f"docs/notes.md:{line}: 'Handout 1' names a handout that the navigation does not number (it numbers 2, 3, 4) " \
           "[handout-unknown]" in reported
    assert any(r.startswith(f"docs/notes.md:{line}: 'Handout 1: The brief' does not match the navigation: the link "
                            "leads to Handout 4: The brief") for r in reported)
    # The agenda's facilitator text and the handout's own title and heading still say Handout 1.
    assert any(r.startswith("data/agenda.yaml:") and "'Handout 1'" in r for r in reported)
    assert any(r.startswith("exercises/handouts/brief.md:2: 'Handout 1'") for r in reported)


def test_a_title_given_with_the_wrong_number_is_a_mismatch(project):
    line = page(project, "Read Handout 2: The brief, before anything else.")
    assert found(project, *REFERENCES) == [
        f"docs/notes.md:{line}: 'Handout 2: The brief, before anything else.' does not match the navigation: it numbers "
        "'The brief' Handout 1 [handout-mismatch]"]


def test_the_data_files_are_read_but_not_their_comments(project):
    project.write("data/session.yaml", "# Handout 8 is mentioned only in this comment.\n"
                                       "collection: Nothing is collected but Handout 6.\n")
    project.write("data/slides.yaml", "blocks:\n  intro:\n    slides:\n      - title: See Handout 5\n"
                                      "        page: definitions.md\n")
    assert found(project, "handout-unknown") == [
        "data/session.yaml:2: 'Handout 6' names a handout that the navigation does not number (it numbers 1, 2, 3) "
        "[handout-unknown]",
        "data/slides.yaml:4: 'Handout 5' names a handout that the navigation does not number (it numbers 1, 2, 3) "
        "[handout-unknown]"]


def test_a_scenario_card_that_the_handout_does_not_have_is_reported(project):
    line = page(project, "Groups on Scenario C compare notes.")
    assert found(project, *REFERENCES) == [
        f"docs/notes.md:{line}: the text names scenario card 'C', which 'Handout 2: Scenario cards' does not have "
        "(it has A, B) [scenario-unknown]"]


def test_typed_up_post_its_naming_a_missing_scenario_card_are_reported(project):
    project.write("exercises/notebooks/data/post-its.csv", "# Fictional sample\ngroup,scenario,stage,text\n"
                                                            "1,A,design,Agree the question\n2,E,design,Ask the carers\n")
    assert found(project, "scenario-unknown") == [
        "exercises/notebooks/data/post-its.csv:4: the row names scenario card 'E', which 'Handout 2: Scenario cards' "
        "does not have (it has A, B) [scenario-unknown]"]


def test_a_workshop_without_card_handouts_is_not_checked_for_cards(tmp_path):
    project = Project(tmp_path / "p")
    page(project, "A fork may call its tasks Scenario Q.")
    assert found(project, *REFERENCES) == []


# ---------------------------------------------------------------- rule switches

UNBALANCED = {"blocks": [{"id": "intro", "title": "Introduction", "minutes": 40, "mode": "didactic", "objectives": ["LO1"]},
                        {"id": "work", "title": "Group work", "minutes": 20, "mode": "interactive", "objectives": ["LO2"]}]}


def test_a_switched_off_rule_is_not_applied_and_the_checker_says_so(tmp_path):
    project = Project(tmp_path / "p")
    project.write("data/agenda.yaml", yaml.safe_dump(UNBALANCED))
    on = project.check()
    assert on.returncode == 1 and "[agenda-unbalanced]" in on.stdout and "Switched off" not in on.stdout
    project.config["extra"]["rules"] = {"agenda-unbalanced": False}
    off = project.check()
    assert off.returncode == 0, off.stdout
    assert "[agenda-unbalanced]" not in off.stdout
    assert off.stdout.splitlines()[0] == "Switched off in mkdocs.yml (extra.rules), so not checked: agenda-unbalanced."
    assert json.loads(project.check("--format", "json").stdout)["rules_off"] == ["agenda-unbalanced"]
    project.config["extra"]["rules"] = {"agenda-unbalanced": True}
    assert "[agenda-unbalanced]" in project.check().stdout


def test_only_a_switchable_rule_can_be_switched_off(tmp_path):
    project = Project(tmp_path / "p")
    project.config["extra"]["rules"] = {"citation-unknwn": False}
    result = project.check()
    assert result.returncode == 1
    assert ("extra.rules: unknown key 'citation-unknwn'; known keys: agenda-unbalanced, slides-no-figure "
            "[config-invalid]") in result.stdout
    assert "Switched off" not in result.stdout


SLIDES = """blocks:
  intro:
    slides:
      - title: Definitions
        page: definitions.md
        points: [Co-production has more than one definition.]
"""


@pytest.mark.parametrize("switch", [None, True, False])
def test_the_deck_applies_the_figure_rule_unless_it_is_switched_off(tmp_path, switch):
    from workshop.model.problems import Problems
    from workshop.outputs.slides.budget import load_budget
    from workshop.outputs.slides.sessiondeck import session_deck

    project = Project(tmp_path / "p")
    project.write("data/agenda.yaml", yaml.safe_dump(AGENDA))
    project.write("data/slides.yaml", SLIDES)
    if switch is not None:
        project.config["extra"]["rules"] = {"slides-no-figure": switch}
    project.save()
    site = load_site(project.root / "mkdocs.yml")
    deck = session_deck(site, load_budget(site.config, Problems()))
    raised = [p.text() for p in deck.errors.sorted() if p.code == "slides-no-figure"]
    assert raised == ([] if switch is False else
                      ["data/agenda.yaml:2: didactic block 'intro' shows neither a figure nor a case vignette "
                       "[slides-no-figure]"])
