"""The objectives checker, as a trainer meets it: exit codes, messages, lines and hints."""

from __future__ import annotations

import csv
import io
import json

import pytest

from project_factory import CONCEPT_PAGE, Project, notebook


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "workshop")


def problems(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if "[" in line and line.rstrip().endswith("]")]


def only_problem(result, code: str) -> str:
    found = problems(result)
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(f"[{code}]" in line for line in found), f"expected {code} in:\n{result.stdout}"
    return next(line for line in found if f"[{code}]" in line)


# ------------------------------------------------------------------ the good case

def test_clean_project_passes_with_exit_zero(project):
    result = project.check()
    assert result.returncode == 0, result.stdout
    assert "No problems: 2 pages match the learning objectives." in result.stdout


def test_the_script_exits_0_when_clean_and_1_with_each_problem_on_its_line(project):
    """The in-process runner the other tests use gives what the script gives."""
    clean, clean_in_process = project.check_script(), project.check()
    assert clean.returncode == clean_in_process.returncode == 0
    assert clean.stdout == clean_in_process.stdout
    project.add_page("docs/bad.md", "# No front matter\n\nText about co-production.\n")
    script, in_process = project.check_script(), project.check()
    assert script.returncode == in_process.returncode == 1
    assert script.stdout == in_process.stdout and script.stderr == in_process.stderr
    assert "docs/bad.md:1: " in script.stdout and "Traceback" not in script.stderr


# ------------------------------------------------------------------ reading files

@pytest.mark.parametrize("content, code, line", [
    ("# No front matter\n\nText about co-production.\n", "front-matter-missing", 1),
    ("---\nkind: concept\nobjectives: [LO1]\n\n# Never closed\n", "front-matter-unclosed", 1),
    ("---\nkind: concept\nobjectives:\n\t- LO1\n---\n# T\n", "front-matter-tab", 4),
    ("---\nkind: concept\nobjectives: [LO1\ntitle: x\n---\n# T\n", "front-matter-yaml", 4),
    ("---\n- just\n- a list\n---\n# T\n", "front-matter-not-mapping", 2),
    ("   \n\n", "file-empty", 1),
])
def test_unreadable_front_matter_is_named_with_its_line(project, content, code, line):
    project.add_page("docs/bad.md", content)
    message = only_problem(project.check(), code)
    assert message.startswith(f"docs/bad.md:{line}: ")


def test_byte_order_mark_is_reported_but_page_still_read(project):
    project.add_page("docs/bom.md", "\ufeff" + CONCEPT_PAGE)
    result = project.check()
    assert only_problem(result, "file-bom").startswith("docs/bom.md:1: ")
    assert "front-matter-missing" not in result.stdout


def test_non_utf8_bytes_give_the_offset_not_a_traceback(project):
    project.add_page("docs/latin1.md", "---\nkind: concept\nobjectives: [LO1]\n---\n\n# Caf\xe9\n".encode("latin-1"))
    result = project.check()
    message = only_problem(result, "file-encoding")
    assert message.startswith("docs/latin1.md:6: ") and "0xe9" in message
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("front, code, fragment", [
    ("kind: concept\nobjectives: LO1", "objectives-not-list", "not the text 'LO1'"),
    ("kind: concept\nobjectives: []", "objectives-empty", ""),
    ("kind: concept", "objectives-missing", ""),
    ("kind: concept\nobjectives: [LO9]", "objective-unknown", "'LO9'"),
    ("kind: concept\nobjectives: [LO1, LO1]", "objective-repeated", "'LO1'"),
    ("objectives: [LO1]", "kind-missing", ""),
    ("kind: lecture\nobjectives: [LO1]", "kind-unknown", "'lecture'"),
    ("kind: concept\nobjectives: [LO1]\nobjective: [LO2]", "front-matter-unknown-key", "did you mean 'objectives'"),
    ("kind: handout\nobjectives: [LO1]\nprint_for: group", "kind-requires", "'page_budget'"),
    ("kind: handout\nobjectives: [LO1]\npage_budget: 0\nprint_for: group", "value-invalid", "page_budget"),
])
def test_front_matter_rules(project, front, code, fragment):
    project.add_page("docs/page.md", f"---\n{front}\n---\n\n# Page\n\n{CONCEPT_PAGE.split('# Definitions')[1]}")
    message = only_problem(project.check("docs/page.md"), code)
    assert message.startswith("docs/page.md:")
    assert fragment in message


def test_objectives_as_string_points_at_its_line(project):
    project.add_page("docs/page.md", "---\ntitle: T\nkind: concept\nobjectives: LO1\n---\n\n# T\n")
    assert only_problem(project.check("docs/page.md"), "objectives-not-list").startswith("docs/page.md:4: ")


def test_every_problem_has_a_hint(project):
    project.add_page("docs/page.md", "---\nkind: lecture\nobjectives: LO1\n---\n# T\n")
    lines = project.check().stdout.splitlines()
    for index, line in enumerate(lines):
        if line.endswith("]") and ": " in line:
            assert lines[index + 1].startswith("    hint: "), line


def test_problems_are_sorted_by_file_and_line(project):
    project.add_page("docs/b.md", "---\nkind: concept\nobjectives: [LO7]\n---\n# B\n")
    project.add_page("docs/a.md", "---\nkind: nope\nobjectives: [LO1]\n---\n# A\n")
    found = [line.split(": ")[0] for line in problems(project.check())]
    assert found == sorted(found, key=lambda s: (s.rsplit(":", 1)[0], int(s.rsplit(":", 1)[1])))


# ------------------------------------------------------------------ site structure

def test_page_not_in_nav(project):
    project.write("docs/orphan.md", CONCEPT_PAGE)
    assert only_problem(project.check(), "not-in-nav").startswith("docs/orphan.md:1: ")


def test_nav_entry_without_file_names_the_config_line(project):
    project.config["nav"].append({"Gone": "gone.md"})
    message = only_problem(project.check(), "nav-missing-file")
    assert message.startswith("mkdocs.yml:") and "'gone.md'" in message


def test_objective_served_by_no_page(project):
    project.config["extra"]["objectives"].append(
        {"id": "LO3", "short": "Teams", "statement": "Explain how teams change.", "concepts": ["team", "role"]})
    assert "LO3 is not served by any page" in only_problem(project.check(), "objective-unserved")


def test_objective_without_interactive_activity(project):
    project.files["exercises/exercise.md"] = project.files["exercises/exercise.md"].replace("[LO1, LO2]", "[LO2]")
    assert "LO1 is not served by any interactive activity" in only_problem(project.check(), "objective-no-activity")


def test_duplicate_objective_ids(project):
    project.config["extra"]["objectives"].append(dict(project.config["extra"]["objectives"][0]))
    assert "'LO1' is defined more than once" in only_problem(project.check(), "config-objective-duplicate")


# ------------------------------------------------------------------ wording of objectives

@pytest.mark.parametrize("statement, code, verb", [
    ("Understand the definitions of co-production.", "objective-verb-refused", "understand"),
    ("To know the definitions of co-production.", "objective-verb-refused", "know"),
    ("Learn about the definitions of co-production.", "objective-verb-refused", "learn about"),
    ("Appreciate the definitions of co-production.", "objective-verb-refused", "appreciate"),
    ("Ponder the definitions of co-production.", "objective-verb-unknown", "ponder"),
])
def test_objective_statements_need_observable_verbs(project, statement, code, verb):
    project.config["extra"]["objectives"][0]["statement"] = statement
    message = only_problem(project.check(), code)
    assert message.startswith("mkdocs.yml:") and f"'{verb}'" in message


# ------------------------------------------------------------------ content evidence

def test_declared_objective_without_evidence_lists_terms_found_and_missing(project):
    project.add_page("docs/thin.md", "---\nkind: concept\nobjectives: [LO2]\n---\n\n# Thin\n\n"
                     "Co-production has a definition and a typology; one tension is named.\n")
    message = only_problem(project.check("docs/thin.md"), "evidence-missing")
    assert message.startswith("docs/thin.md:3: LO2 is declared")
    assert "'tension' (1)" in message
    assert "not found: compromise, trade-off, cost, impact" in message


def test_page_matching_another_objective_far_better_is_flagged(project):
    project.add_page("docs/misfiled.md", "---\nkind: concept\nobjectives: [LO1]\n---\n\n# Misfiled\n\n"
                     "One definition. A compromise, a tension, a trade-off, its cost and its impact, "
                     "and another compromise.\n")
    message = only_problem(project.check("docs/misfiled.md"), "evidence-mismatch")
    assert "matches LO2 (5 key concepts" in message and "'compromise' (2)" in message


def test_evidence_matching_ignores_case_hyphens_and_plurals(project):
    project.add_page("docs/forms.md", "---\nkind: concept\nobjectives: [LO1]\n---\n\n# Forms\n\n"
                     "COPRODUCTION takes many forms; typologies and definitions differ.\n")
    assert project.check("docs/forms.md").returncode == 0


def test_reference_pages_are_not_asked_for_evidence(project):
    project.add_page("docs/list.md", "---\nkind: reference\nobjectives: [LO2]\n---\n\n# Reading list\n")
    assert project.check("docs/list.md").returncode == 0


# ------------------------------------------------------------------ notebooks

def test_notebook_declares_objectives_in_metadata(project):
    project.add_page("exercises/nb.ipynb", notebook({"kind": "exercise", "objectives": ["LO1"]}))
    assert project.check("exercises/nb.ipynb").returncode == 0


@pytest.mark.parametrize("text, code", [
    ("{ not json", "notebook-invalid"),
    (json.dumps({"cells": "no", "metadata": {}}), "notebook-invalid"),
    (notebook(None), "notebook-metadata-missing"),
    (notebook({"kind": "exercise", "objectives": "LO1"}), "objectives-not-list"),
])
def test_bad_notebooks_get_clear_messages(project, text, code):
    project.add_page("exercises/nb.ipynb", text)
    result = project.check("exercises/nb.ipynb")
    assert only_problem(result, code).startswith("exercises/nb.ipynb:")
    assert "Traceback" not in result.stderr


def test_notebook_committed_with_outputs(project):
    cells = [{"cell_type": "code", "metadata": {}, "source": "print(1)", "execution_count": 1,
              "outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}]},
             {"cell_type": "markdown", "metadata": {}, "source": "A definition and a typology."}]
    project.add_page("exercises/nb.ipynb", notebook({"kind": "exercise", "objectives": ["LO1"]}, cells))
    assert "cell 1 of the notebook carries outputs" in only_problem(project.check("exercises/nb.ipynb"), "notebook-outputs")


# ------------------------------------------------------------------ exit codes and formats

def test_missing_configuration_exits_2(tmp_path):
    import subprocess
    import sys
    from project_factory import ROOT
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check_objectives.py"), "--config", str(tmp_path / "none.yml")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "no such configuration file" in result.stderr


def test_broken_configuration_exits_2_with_its_line(project):
    project.save()
    (project.root / "mkdocs.yml").write_text("site_name: x\nextra:\n  objectives: [\n", encoding="utf-8")
    import subprocess
    import sys
    from project_factory import ROOT
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check_objectives.py")], capture_output=True,
                            text=True, cwd=project.root)
    assert result.returncode == 2
    assert result.stderr.startswith("check_objectives: mkdocs.yml:4:")
    assert "Traceback" not in result.stderr


def test_configuration_without_objectives_exits_2(project):
    del project.config["extra"]["objectives"]
    result = project.check()
    assert result.returncode == 2 and "defines no learning objectives" in result.stderr


def test_unknown_format_and_missing_path_exit_2(project):
    assert project.check("--format", "xml").returncode == 2
    result = project.check("docs/nowhere.md")
    assert result.returncode == 2 and "no such file or folder: docs/nowhere.md" in result.stderr


def test_json_gives_the_alignment_matrix_with_evidence(project):
    data = json.loads(project.check("--format", "json").stdout)
    row = next(r for r in data["matrix"] if r["page"] == "docs/definitions.md" and r["objective"] == "LO1")
    assert row["declared"] is True and row["score"] == 4
    assert row["terms"]["typology"] == 1 and row["terms"]["stakeholder"] == 2
    assert data["problems"] == []


def test_csv_and_markdown_formats(project):
    rows = list(csv.DictReader(io.StringIO(project.check("--format", "csv").stdout)))
    assert {r["page"] for r in rows} == {"docs/definitions.md", "exercises/exercise.md"}
    assert len(rows) == 4 and all(r["declared"] in ("yes", "no") for r in rows)
    markdown = project.check("--format", "markdown").stdout
    assert markdown.startswith("| Page | Kind | LO1 | LO2 |") and "| docs/definitions.md | concept | **4** ✓ |" in markdown


def test_format_output_still_exits_1_on_problems(project):
    project.add_page("docs/bad.md", "---\nkind: concept\nobjectives: [LO9]\n---\n# Bad\n")
    result = project.check("--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["problems"][0]["code"] == "objective-unknown"


def test_headings_that_skip_a_level_are_reported(project):
    project.add_page("docs/skip.md", CONCEPT_PAGE + "\n### Too deep\n\n```\n#### not a heading in code\n```\n")
    message = only_problem(project.check("docs/skip.md"), "heading-skip")
    assert message.startswith("docs/skip.md:12: the heading 'Too deep' jumps from level 1 to level 3")


SUMMARY_PAGE = """---
kind: concept
objectives: [LO1]
---

# Plain words

!!! summary "In brief"

    {summary}

Co-production has more than one definition. A typology sorts its forms by stakeholder and by
stage, and each definition stresses a different stakeholder.
"""


def summary_project(tmp_path, summary: str):
    project = Project(tmp_path / "p")
    project.config["extra"]["readability"] = {"kinds": ["concept"], "words": 40, "reading_ease": 60}
    project.write("docs/definitions.md", SUMMARY_PAGE.format(summary=summary))
    return project


def test_a_plain_summary_passes(tmp_path):
    result = summary_project(tmp_path, "This page says what the word means. People use it in more than one way.").check()
    assert result.returncode == 0, result.stdout


def test_a_page_without_a_summary_is_reported_at_its_first_line(tmp_path):
    project = summary_project(tmp_path, "x")
    project.write("docs/definitions.md", CONCEPT_PAGE)
    result = project.check()
    assert "docs/definitions.md:6: the page has no plain-language summary ('In brief') [summary-missing]" in result.stdout


def test_a_long_summary_is_reported_with_its_count(tmp_path):
    result = summary_project(tmp_path, "We say what it means. " * 10).check()
    assert "docs/definitions.md:8: the 'In brief' summary has 50 words; the limit is 40 [summary-too-long]" in result.stdout


def test_a_hard_summary_is_reported_with_its_reading_ease(tmp_path):
    hard = ("Epistemological heterogeneity notwithstanding, institutionalised collaborative knowledge "
            "production necessitates organisational reconfiguration.")
    result = summary_project(tmp_path, hard).check()
    assert "docs/definitions.md:8: the 'In brief' summary has a reading ease of" in result.stdout
    assert "[summary-hard-to-read]" in result.stdout and result.returncode == 1


def test_evidence_counts_only_what_the_author_wrote(tmp_path):
    """A page that holds only a generated list of the objectives gives no evidence for them."""
    project = Project(tmp_path / "p")
    project.add_page("docs/only-markers.md", "---\nkind: concept\nobjectives: [LO1, LO2]\n---\n\n# Only markers\n\n"
                     "<!-- workshop:objective-statements -->\n\n<!-- workshop:objectives -->\n")
    result = project.check()
    assert "docs/only-markers.md:3: LO1 is declared, but the text gives too little evidence" in result.stdout
    assert "docs/only-markers.md:3: LO2 is declared, but the text gives too little evidence" in result.stdout


def test_text_in_any_fence_or_comment_is_not_evidence(tmp_path):
    project = Project(tmp_path / "p")
    project.add_page("docs/fenced.md", "---\nkind: concept\nobjectives: [LO1]\n---\n\n# Fenced\n\n"
                     "~~~\nco-production definition typology stakeholder\n~~~\n\n"
                     "    co-production definition typology stakeholder\n\n"
                     "<!-- co-production definition typology stakeholder -->\n\n"
                     "`co-production definition typology stakeholder`\n")
    result = project.check()
    assert "docs/fenced.md:3: LO1 is declared, but the text gives too little evidence for it: none of its key concepts" \
        in result.stdout


def test_a_page_for_the_public_must_be_plain_as_a_whole(tmp_path):
    project = summary_project(tmp_path, "This page says what the word means.")
    project.config["extra"]["readability"]["plain_pages"] = ["exercises/exercise.md", "definitions.md"]
    result = project.check()
    assert "exercises/exercise.md:6: this page is written for a general reader but has a reading ease of" in result.stdout
    assert "definitions.md:" not in result.stdout.replace("docs/definitions.md:8", "")
