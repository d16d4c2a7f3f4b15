"""The one reader of data files: each file is checked by its JSON Schema, on synthetic projects.

A wrong value is named at its own line in a trainer's words, reusing the schema's description;
then it is left out, so that a wrong setting falls back to the schema's default and a record that
lacks what it needs is left out, while the rest of the file is still read and nothing else is
reported because of it.
"""

from __future__ import annotations

import yaml

from project_factory import Project
from workshop.check.checks import run_checks
from workshop.model.problems import Problems
from workshop.model.session import load_session
from workshop.model.site import load_site

AGENDA = """blocks:
  - id: intro
    title: Introduction
    minutes: 30
    mode: didactic
    objectives: [LO1]
  - id: work
    title: Group work
    minutes: 30
    mode: interactive
    objectives: [LO2]
"""
ENTRY = """- key: a2018
  type: article
  authors: [Example, Ann]
  year: 2018
  title: A title
  venue: A journal
"""
SESSION = """rules_block: intro
ground_rules:
  - title: No names
    text: Describe projects by role.
run_sheet:
  intro:
    say: Welcome the room.
"""


def project_with(tmp_path, **files: str) -> Project:
    project = Project(tmp_path / "p")
    project.write("data/agenda.yaml", AGENDA)
    for name, text in files.items():
        project.write(f"data/{name}.yaml", text)
    return project


def problems(project: Project) -> list[str]:
    project.save()
    return [p.text() for p in run_checks(load_site(project.root / "mkdocs.yml")).problems.sorted()]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_an_unknown_key_is_named_at_its_line_with_the_nearest_known_key_and_the_block_still_counts(tmp_path):
    text = AGENDA.replace("    mode: interactive\n", "    mode: interactive\n    minuts: 5\n")
    project = project_with(tmp_path, agenda=text)
    assert problems(project) == [
        f"data/agenda.yaml:{line_of(text, 'minuts')}: blocks.1: unknown key 'minuts' (did you mean 'minutes'?); known "
        "keys: facilitator, id, materials, minutes, mode, objectives, pages, prompts, say, steps, title [agenda-invalid]"]


def test_a_block_without_its_minutes_is_left_out_and_the_plan_says_what_that_does(tmp_path):
    text = AGENDA.replace("    minutes: 30\n    mode: interactive", "    minutes: none\n    mode: interactive")
    project = project_with(tmp_path, agenda=text)
    site = run_checks(load_site(project.save().root / "mkdocs.yml"))
    assert [b.id for b in site.agenda.blocks] == ["intro"]
    assert (f"data/agenda.yaml:{line_of(text, 'minutes: none')}: blocks.1.minutes must be a whole number, not the text "
            "'none' (the block's length in minutes) [agenda-invalid]") in [p.text() for p in site.problems.sorted()]


def test_a_wrong_setting_falls_back_to_the_schema_default(tmp_path):
    from workshop.outputs.slides.budget import load_budget

    project = project_with(tmp_path)
    project.config["extra"]["slides"] = {"max_words": "forty", "min_body_pt": 28}
    project.save()
    site = load_site(project.root / "mkdocs.yml")
    found = Problems()
    budget = load_budget(site.config, found)
    assert (budget.max_words, budget.min_body_pt, budget.slides_per_minute) == (40, 28, 0.5)
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    expected = (f"mkdocs.yml:{line_of(text, 'max_words')}: extra.slides.max_words must be a whole number, not the "
                "text 'forty' (words of body text on any one slide) [config-invalid]")
    assert [p.text() for p in found.sorted()] == [expected]          # make slides reports it, and writes nothing
    assert [p.text() for p in site.problems.sorted()] == [expected]  # and so does the checker


def test_a_malformed_doi_is_named_and_never_linked_but_the_source_is_kept(tmp_path):
    text = ENTRY + "  doi: doi:10.1/x\n"
    project = project_with(tmp_path, bibliography=text)
    project.save()
    site = load_site(project.root / "mkdocs.yml")
    assert site.bibliography["a2018"].doi == "" and site.bibliography["a2018"].link == ""
    assert [p.text() for p in site.problems.sorted()] == [
        f"data/bibliography.yaml:{line_of(text, 'doi:')}: bibliography entry 'a2018': doi must be a DOI such as "
        "10.1186/s12961-019-0432-3: no https://doi.org/ prefix, no spaces, not the text 'doi:10.1/x' "
        "[bibliography-invalid]"]


def test_an_objective_with_a_wrong_statement_is_reported_once(tmp_path):
    project = project_with(tmp_path)
    project.config["extra"]["objectives"][0]["statement"] = "Two words"
    found = problems(project)
    assert len(found) == 1, found
    assert found[0].endswith("objective 'LO1': statement must be a sentence of at least three words that begins "
                             "with an observable verb, not the text 'Two words' [config-objective-invalid]")


def test_a_key_that_needs_another_is_reported_and_the_file_is_still_read(tmp_path):
    text = SESSION.replace("rules_block: intro\n", "")
    project = project_with(tmp_path, session=text).save()
    found = Problems()
    session = load_session(project.root, load_site(project.root / "mkdocs.yml").agenda, found)
    assert [r.title for r in session.ground_rules] == ["No names"]
    assert [p.text() for p in found.sorted()] == [
        "data/session.yaml:1: the file is missing 'rules_block' (the agenda block in which the ground rules are read "
        "aloud; it must come before every interactive block), which 'ground_rules' needs [session-invalid]"]


def test_a_misnamed_key_is_left_out_alone(tmp_path):
    text = SESSION.replace("run_sheet:\n", "run_sheet:\n  Group Work:\n    say: Form the groups.\n")
    project = project_with(tmp_path, session=text).save()
    found = Problems()
    session = load_session(project.root, load_site(project.root / "mkdocs.yml").agenda, found)
    assert list(session.run_sheet) == ["intro"]
    assert [p.text() for p in found.sorted()] == [
        f"data/session.yaml:{line_of(text, 'Group Work')}: run_sheet: the key 'Group Work' must be an agenda block id "
        "(lower case letters, digits and hyphens), or before_start for what is on the tables [session-invalid]"]


def test_the_checker_reads_the_slide_texts_too(tmp_path):
    text = "blocks:\n  intro:\n    slides:\n      - titel: Definitions\n        page: definitions.md\n"
    project = project_with(tmp_path, slides=text)
    assert problems(project) == [
        "data/slides.yaml:4: blocks.intro.slides.0 needs a 'title', unless it is 'objectives: true' or "
        "'ground_rules: true' [slides-data-invalid]",
        "data/slides.yaml:4: blocks.intro.slides.0: unknown key 'titel' (did you mean 'title'?); known keys: figure, "
        "footnote, ground_rules, notes, objectives, page, points, question, sources, title, vignette "
        "[slides-data-invalid]"]


def test_a_file_of_the_wrong_shape_is_named_as_a_whole(tmp_path):
    project = project_with(tmp_path, glossary=yaml.safe_dump(["a", "b"]))
    assert problems(project) == [
        "data/glossary.yaml:1: the file must be a set of keys, not a list [glossary-invalid]"]
