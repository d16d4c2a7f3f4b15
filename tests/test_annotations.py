"""Problems on the pull request: the checker, the spelling check and the link check print each
problem as a GitHub workflow command on the file and line it names, escaped so that nothing a
trainer typed can end the command early or start another; and a CI run's summary lists the
preview, the checker's problems and each handout's page count."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path

import pytest

from project_factory import Project
from workshop.model.messages import escape_data, escape_property, workflow_command

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read back as GitHub reads it, and its values unescaped."""
    match = COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"

    def unescape(text: str) -> str:
        return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                .replace("%2C", ",").replace("%25", "%"))

    properties = {}
    for part in (match.group(2) or "").split(","):
        if part:
            name, _, value = part.partition("=")
            properties[name] = unescape(value)
    return match.group(1), properties, unescape(match.group(3))


def run(main, *args: str, cwd: Path) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(list(args))
            except SystemExit as exit:
                code = exit.code
    finally:
        os.chdir(before)
    return code, stdout.getvalue(), stderr.getvalue()


# ---------------------------------------------------------------- the command itself

def test_a_workflow_command_names_file_line_and_title():
    assert workflow_command("error", "docs/a.md", 4, "workshop check: x", "It is wrong.") == \
        "::error file=docs/a.md,line=4,title=workshop check%3A x::It is wrong."
    assert workflow_command("warning", None, None, None, "On the run.") == "::warning::On the run."
    assert workflow_command("notice", "docs/a.md", None, None, "m") == "::notice file=docs/a.md::m"


@pytest.mark.parametrize("hostile", [
    "100% sure", "line\nbreak", "carriage\rreturn", "a,b", "a:b", "::error::injected",
    "%0A already escaped", "\n::warning file=x::second command", "title=evil,line=99",
])
def test_values_are_escaped_so_that_one_command_stays_one(hostile):
    line = workflow_command("error", f"docs/{hostile}.md", 3, hostile, hostile)
    assert "\n" not in line and "\r" not in line
    kind, properties, message = parse(line)
    assert kind == "error"
    assert properties == {"file": f"docs/{hostile}.md", "line": "3", "title": hostile}
    assert message == hostile


def test_escapes_follow_githubs_toolkit():
    assert escape_data("50%\r\n") == "50%25%0D%0A"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        workflow_command("fatal", "a.md", 1, "t", "m")


# ---------------------------------------------------------------- the checker

TWO_PROBLEMS = """---
title: Tensions, 100% of them
kind: concept
objectives: [LO9]
---

# Tensions

TODO: write this page about compromise.
"""


def test_checker_prints_each_problem_as_an_annotation_on_its_line(tmp_path):
    project = Project(tmp_path / "p")
    project.add_page("docs/tensions.md", TWO_PROBLEMS, "Tensions")
    result = project.check("--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    commands = [parse(line) for line in lines if line.startswith("::")]
    assert len(commands) >= 2
    places = {(p["file"], p["line"]) for _, p, _ in commands}
    assert ("docs/tensions.md", "4") in places      # objectives: [LO9] is not an objective
    assert ("docs/tensions.md", "9") in places      # the placeholder
    for kind, properties, message in commands:
        assert kind == "error" and properties["title"].startswith("workshop check: ")
        assert "\nhint: " in message               # the fix-it hint on the message's second line
    assert lines[-1].endswith("readable).")         # the tally, as plain text for the log
    assert not [line for line in lines if not line.startswith("::") and line != lines[-1]]


def test_checker_text_format_prints_no_workflow_commands_even_under_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project = Project(tmp_path / "p")
    project.add_page("docs/tensions.md", TWO_PROBLEMS, "Tensions")
    result = project.check()
    assert result.returncode == 1 and "::error" not in result.stdout
    assert "docs/tensions.md:9:" in result.stdout


def test_a_clean_site_prints_no_annotation(tmp_path):
    result = Project(tmp_path / "p").check("--format", "github")
    assert result.returncode == 0
    assert result.stdout.startswith("No problems") and "::" not in result.stdout


# ---------------------------------------------------------------- spelling

def test_spelling_prints_annotations_with_the_suggestion(tmp_path):
    from workshop.frontends.spelling import main

    project = Project(tmp_path / "p")
    project.add_page("docs/colour.md", TWO_PROBLEMS.replace("TODO: write", "We organize"), "Colour")
    project.save()
    code, out, _ = run(main, "--format", "github", cwd=project.root)
    assert code == 1
    found = [parse(line) for line in out.splitlines() if line.startswith("::")]
    assert ("docs/colour.md", "9") in {(p["file"], p["line"]) for _, p, _ in found}
    message = next(m for _, p, m in found if p["line"] == "9")
    assert "'organize'" in message and "organise" in message
    code, out, _ = run(main, cwd=project.root)
    assert code == 1 and "docs/colour.md:9: organize" in out and "::" not in out


def test_spelling_of_a_clean_site_passes_and_a_bad_argument_is_status_2(tmp_path):
    from workshop.frontends.spelling import main

    project = Project(tmp_path / "p").save()
    assert run(main, "--format", "github", cwd=project.root)[0] == 0
    code, _, err = run(main, "docs/missing.md", cwd=project.root)
    assert code == 2 and "no such file: docs/missing.md" in err


# ---------------------------------------------------------------- links

BROKEN_LINK_PAGE = """---
title: Definitions
kind: concept
objectives: [LO1]
---

# Definitions

Co-production has more than one definition. A typology sorts its forms by stakeholder and by
stage, and each definition stresses a different stakeholder.

See [the exercise](exercises/exercise.md#no-such-part) for the next step.
"""


@pytest.mark.slow
def test_a_broken_link_is_annotated_on_the_source_line_that_wrote_it(tmp_path):
    from workshop.frontends.links import main

    project = Project(tmp_path / "p")
    project.write("docs/definitions.md", BROKEN_LINK_PAGE)
    project.add_page("docs/index.md", "---\ntitle: Home\nkind: reference\nobjectives: [LO1]\n---\n\n# Home\n", "Home")
    built = project.build()
    assert built.returncode == 0, built.stderr
    site = project.root / "site"
    code, out, _ = run(main, "--site-dir", str(site), "--config", str(project.root / "mkdocs.yml"),
                       "--format", "github", cwd=project.root)
    assert code == 1
    found = [parse(line) for line in out.splitlines() if line.startswith("::")]
    assert [(p.get("file"), p.get("line")) for _, p, _ in found] == [("docs/definitions.md", "12")]
    assert "no element with id 'no-such-part'" in found[0][2]


def test_a_link_the_sources_do_not_hold_is_annotated_once_on_the_run():
    from workshop.frontends.links import annotations
    from workshop.qa.links import LinkProblem

    problems = [LinkProblem(f"page{n}/index.html", 40, "../gone/", "no such file: gone/index.html") for n in range(3)]
    sources = {f"page{n}/index.html": (f"docs/page{n}.md", "# Page\n\nNo links here.\n") for n in range(3)}
    lines = annotations(problems, sources)
    assert len(lines) == 1
    kind, properties, message = parse(lines[0])
    assert "file" not in properties and "page0/index.html, line 40" in message


# ---------------------------------------------------------------- the run's summary

HANDOUT = """---
title: "Handout 1: roles | who does what"
kind: handout
objectives: [LO1, LO2]
page_budget: 1
print_for: group
---

# Handout 1

Classify your project with the typology of co-production: each definition and each stakeholder.
Then name the compromise, the tension and the cost it brings.
"""


def summary_project(tmp_path: Path) -> Project:
    project = Project(tmp_path / "p")
    project.config["extra"]["kinds"]["handout"]["printed"] = True
    project.add_page("exercises/handouts/roles.md", HANDOUT, "Roles")
    project.add_page("exercises/handouts/plan.md", HANDOUT.replace("roles | who does what", "plan"), "Plan")
    project.add_page("docs/tensions.md", TWO_PROBLEMS, "Tensions")
    return project.save()


def write_manifest(folder: Path, pages: dict[str, dict[str, int]]) -> None:
    folder.mkdir(parents=True)
    handouts = {site_path: {"source": site_path, "title": site_path, "pages": counts,
                            "pdfs": {paper: f"{paper}/{Path(site_path).stem}.pdf" for paper in counts},
                            "fingerprints": {}} for site_path, counts in pages.items()}
    (folder / "handouts.json").write_text(json.dumps({
        "written_by": "make_handouts", "format": 2, "printed": "", "files": {}, "handouts": handouts}),
        encoding="utf-8")


def test_summary_lists_the_preview_the_problems_and_each_handouts_pages(tmp_path):
    from workshop.frontends.summary import main

    from workshop.model.site import load_site

    project = summary_project(tmp_path)
    site = load_site(project.root / "mkdocs.yml")
    roles_key = next(p.site_path for p in site.pages if p.rel == "exercises/handouts/roles.md")
    write_manifest(project.root / "build" / "handouts", {roles_key: {"a4": 1, "letter": 2}})
    url = "https://github.com/owner/repo/actions/runs/1/artifacts/2"
    code, out, _ = run(main, "--artifact-url", url, cwd=project.root)
    assert code == 0
    assert f"]({url})" in out
    assert "| docs/tensions.md | 9 |" in out and "| docs/tensions.md | 4 |" in out
    rows = [line for line in out.splitlines() if line.startswith("| Handout 1")]
    assert len(rows) == 2, out
    roles = next(r for r in rows if "roles" in r)
    assert "roles \\| who does what" in roles                 # a title's | stays in its cell
    assert "| 1 | **2 (over budget)** | 1 |" in roles
    assert "not printed | not printed" in next(r for r in rows if "plan" in r)


def test_summary_without_an_artifact_or_a_manifest_says_so(tmp_path):
    from workshop.frontends.summary import main

    project = summary_project(tmp_path)
    code, out, _ = run(main, cwd=project.root)
    assert code == 0 and "none was uploaded" in out and out.count("not printed") == 4


def test_summary_refuses_an_artifact_address_that_is_not_https(tmp_path):
    from workshop.frontends.summary import main

    project = summary_project(tmp_path)
    code, _, err = run(main, "--artifact-url", "javascript:alert(1)", cwd=project.root)
    assert code == 2 and "https://" in err
