"""The build hook: the checker's rules inside `mkdocs build --strict`, and what it generates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from project_factory import CONCEPT_PAGE, Project


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "workshop")


def test_clean_project_builds_strictly_with_objectives_box_and_exercises_section(project):
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = (project.root / "site" / "definitions" / "index.html").read_text(encoding="utf-8")
    assert 'class="objectives-box"' in page
    assert "Distinguish the main definitions of co-production." in page
    # exercises/ is published by the build itself, not copied into docs/
    assert (project.root / "site" / "exercises" / "exercise" / "index.html").is_file()
    assert not (project.root / "docs" / "exercises").exists()


def test_strict_build_fails_with_the_checkers_message(project):
    project.add_page("docs/bad.md", "---\nkind: concept\nobjectives: [LO9]\n---\n\n# Bad\n")
    build = project.build()
    check = project.check()
    assert build.returncode != 0
    message = next(line for line in check.stdout.splitlines() if "[objective-unknown]" in line)
    assert message in build.stderr
    assert "Traceback" not in build.stderr


def test_unknown_citation_key_fails_the_build(project):
    project.add_page("docs/cited.md", CONCEPT_PAGE.replace("stakeholder.\n", "stakeholder [@nobody1999].\n"))
    build = project.build()
    assert build.returncode != 0
    assert "docs/cited.md:10: unknown citation key 'nobody1999' [citation-unknown]" in build.stderr


def test_citations_become_author_year_links_with_a_reference_list(project):
    project.write("data/bibliography.yaml", """
- key: example1996crossing
  type: article
  authors: ['Example, Ann']
  year: 1996
  title: 'Crossing the great divide: working together, and what it yields'
  venue: Journal of Invented Studies
  volume: '24'
  issue: '6'
  pages: 1073-1087
  doi: 10.1000/0000-000X(96)00023-X
""")
    project.files["docs/definitions.md"] = CONCEPT_PAGE.replace("stakeholder.\n", "stakeholder [@example1996crossing].\n")
    assert project.build().returncode == 0
    html = (project.root / "site" / "definitions" / "index.html").read_text(encoding="utf-8")
    assert '(<a class="citation" href="#ref-example1996crossing">Example, 1996</a>)' in html
    assert '<li id="ref-example1996crossing">Example A (1996). Crossing the great divide' in html
    assert 'href="https://doi.org/10.1000/0000-000X(96)00023-X"' in html


def test_a_citation_with_the_author_suppressed_shows_the_year_alone_as_pandoc_does(project):
    project.write("data/bibliography.yaml", """
- key: example1996crossing
  type: article
  authors: ['Example, Ann']
  year: 1996
  title: 'Crossing the great divide'
  venue: Journal of Invented Studies
- key: sample1969ladder
  type: article
  authors: ['Sample, Ben R.']
  year: 1969
  title: A ladder of taking part
  venue: Imaginary Planning Review
""")
    project.files["docs/definitions.md"] = CONCEPT_PAGE.replace(
        "stakeholder.\n", "stakeholder, as Example [-@example1996crossing] showed [-@example1996crossing; @sample1969ladder].\n")
    assert project.check().returncode == 0
    assert project.build().returncode == 0
    html = (project.root / "site" / "definitions" / "index.html").read_text(encoding="utf-8")
    assert 'as Example (<a class="citation" href="#ref-example1996crossing">1996</a>) showed' in html
    assert ('(<a class="citation" href="#ref-example1996crossing">1996</a>; '
            '<a class="citation" href="#ref-sample1969ladder">Sample, 1969</a>)') in html
    assert '<li id="ref-example1996crossing">Example A (1996).' in html      # listed as any citation is


def test_generated_parts_replace_their_markers(project):
    project.add_page("docs/map.md", "---\nkind: reference\nobjectives: [LO1]\n---\n\n# Map\n\n<!-- workshop:alignment-map -->\n")
    assert project.build().returncode == 0
    html = (project.root / "site" / "map" / "index.html").read_text(encoding="utf-8")
    assert "<th>LO1</th>" in html and "Declared" in html
    assert "workshop:alignment-map" not in html


def test_unknown_marker_is_reported(project):
    project.add_page("docs/m.md", CONCEPT_PAGE + "\n<!-- workshop:timetabel -->\n")
    check = project.check()
    assert check.returncode == 1 and "unknown insertion marker 'timetabel'" in check.stdout


def test_abbreviations_from_the_glossary_become_tooltips(project):
    project.write("data/glossary.yaml", "terms:\n  - term: integrated knowledge translation\n    abbr: IKT\n"
                                        "    definition: Research with knowledge users in the team.\n")
    project.files["docs/definitions.md"] = CONCEPT_PAGE + "\nIKT is one definition of integrated knowledge translation.\n"
    assert project.build().returncode == 0
    html = (project.root / "site" / "definitions" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="integrated knowledge translation">IKT</abbr>' in html


@pytest.mark.slow
def test_the_configuration_builds_unchanged_with_properdocs(tmp_path):
    """ProperDocs is the maintained drop-in fork of MkDocs 1.6: the same mkdocs.yml must build."""
    from project_factory import full_workshop

    workshop = full_workshop(tmp_path / "workshop")
    workshop.add_page("docs/alignment.md", "---\nkind: reference\nobjectives: [LO1]\n---\n\n# Alignment\n\n"
                      "<!-- workshop:alignment-map -->\n", "Alignment")
    workshop.save()
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict",
                             "--config-file", "mkdocs.yml", "--site-dir", str(tmp_path / "site")],
                            capture_output=True, text=True, cwd=workshop.root)
    assert result.returncode == 0, result.stderr
    alignment = (tmp_path / "site" / "alignment" / "index.html").read_text(encoding="utf-8")
    assert "<th>LO1</th>" in alignment and "workshop:alignment-map" not in alignment
    assert 'class="objectives-box"' in (tmp_path / "site" / "definitions" / "index.html").read_text(encoding="utf-8")


def test_first_use_of_a_glossary_term_carries_its_definition(project):
    project.write("data/glossary.yaml", "terms:\n  - term: typology\n    definition: A way of sorting forms into types.\n")
    assert project.build().returncode == 0
    html = (project.root / "site" / "definitions" / "index.html").read_text(encoding="utf-8")
    assert html.count('<abbr title="A way of sorting forms into types.">typology</abbr>') == 1
    assert "<h1" in html and "<abbr" not in html.split("<h1")[1].split("</h1>")[0]


@pytest.mark.slow
def test_a_link_out_of_the_project_is_never_published(project, tmp_path):
    """A draft build (make serve) leaves out what a link outside the project points at; the
    strict build stops with the checker's message."""
    secret = tmp_path / "secret.md"
    secret.write_text("---\nkind: concept\nobjectives: [LO1]\n---\n\n# Secret\n\nNOT FOR THE SITE\n", encoding="utf-8")
    project.save()
    (project.root / "docs" / "secret.md").symlink_to(secret)
    strict = project.build()
    assert strict.returncode != 0 and "outside the project" in strict.stdout + strict.stderr
    draft = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project.root / "draft")],
                           capture_output=True, text=True, cwd=project.root)
    assert draft.returncode == 0, draft.stderr
    published = [p for p in (project.root / "draft").rglob("*") if p.is_file()]
    assert published and not any("NOT FOR THE SITE" in p.read_text(encoding="utf-8", errors="ignore") for p in published)


def test_an_environment_that_is_a_link_to_one_elsewhere_still_publishes_the_themes_files(project):
    """A trainer's .venv may be a link to a shared environment: Material's files come through it."""
    project.save()
    (project.root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    python = project.root / ".venv" / Path(sys.executable).relative_to(sys.prefix)
    result = subprocess.run([str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(project.root / "site")],
                            capture_output=True, text=True, cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert list((project.root / "site/assets/javascripts").glob("bundle.*.min.js"))
    assert list((project.root / "site/assets/stylesheets").glob("main.*.min.css"))


def test_a_strict_build_fails_on_a_link_to_no_page_as_make_build_runs_it(project):
    """MkDocs drops warnings below ERROR under --quiet, so '--strict --quiet' would pass a broken
    link: every strict build in the project runs without --quiet."""
    from project_factory import ROOT

    project.add_page("docs/linked.md", CONCEPT_PAGE + "\nSee [the missing page](missing.md).\n")
    result = project.build()
    assert result.returncode != 0 and "missing.md" in result.stderr, result.stderr
    recipes = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    strict = [line for line in recipes if "--strict" in line]
    assert strict and not [line for line in strict if "--quiet" in line]


TWO_BY_ONE_AUTHOR_IN_ONE_YEAR = """
- key: first2018one
  type: article
  authors: ['First, Ann', 'Second, Bo', 'Third, Cy']
  year: 2018
  title: The one paper
  venue: A Journal
- key: first2018two
  type: article
  authors: ['First, Ann', 'Other, Di', 'Fourth, Ed']
  year: 2018
  title: The other paper
  venue: A Journal
"""


def test_a_page_shows_a_disambiguation_letter_only_beside_the_source_it_tells_apart(project):
    """Two sources of one author and year are 2018a and 2018b where both are cited, or listed
    together as in the reading list; a page, or a printed handout, that cites one of them shows
    plain 2018 in its citations and its reference list."""
    project.write("data/bibliography.yaml", TWO_BY_ONE_AUTHOR_IN_ONE_YEAR)
    project.files["docs/definitions.md"] = CONCEPT_PAGE.replace("stakeholder.\n", "stakeholder [@first2018two].\n")
    project.add_page("docs/both.md", CONCEPT_PAGE.replace("stakeholder.\n", "stakeholder [@first2018one; @first2018two].\n"))
    project.add_page("docs/reading.md", "---\nkind: reference\nobjectives: [LO1]\n---\n\n# Reading\n\n"
                                        "<!-- workshop:reading-list -->\n")
    assert project.build().returncode == 0
    site = project.root / "site"
    one = (site / "definitions" / "index.html").read_text(encoding="utf-8")
    assert '<a class="citation" href="#ref-first2018two">First et al., 2018</a>' in one
    assert '<li id="ref-first2018two">First A, Other D, Fourth E (2018). The other paper' in one
    assert "2018a" not in one and "2018b" not in one
    both = (site / "both" / "index.html").read_text(encoding="utf-8")
    assert ('<a class="citation" href="#ref-first2018one">First et al., 2018a</a>; '
            '<a class="citation" href="#ref-first2018two">First et al., 2018b</a>') in both
    assert "(2018a). The one paper" in both and "(2018b). The other paper" in both
    reading = (site / "reading" / "index.html").read_text(encoding="utf-8")
    assert "(2018a). The one paper" in reading and "(2018b). The other paper" in reading


def test_a_source_the_organisers_wrote_is_declared_in_the_reference_list(project):
    """A reader weighing the evidence is told, beside the reference, which of the workshop's
    organisers wrote it; a namesake with another first name is not taken for one of them."""
    project.config["extra"]["workshop"]["organisers"] = ["Ann First", "Bo Second"]
    project.write("data/bibliography.yaml", TWO_BY_ONE_AUTHOR_IN_ONE_YEAR + """
- key: second2020namesake
  type: article
  authors: ['Second, Carl']
  year: 2020
  title: A namesake's paper
  venue: A Journal
""")
    project.files["docs/definitions.md"] = CONCEPT_PAGE.replace(
        "stakeholder.\n", "stakeholder [@first2018one; @first2018two; @second2020namesake].\n")
    project.add_page("docs/reading.md", "---\nkind: reference\nobjectives: [LO1]\n---\n\n# Reading\n\n"
                                        "<!-- workshop:reading-list -->\n")
    assert project.build().returncode == 0
    reading = (project.root / "site" / "reading" / "index.html").read_text(encoding="utf-8")
    assert reading.count("organisers of the workshop.") == 1 and reading.count("one of the workshop's organisers.") == 1
    html = (project.root / "site" / "definitions" / "index.html").read_text(encoding="utf-8")
    one = html[html.index('<li id="ref-first2018one">'):].split("</li>")[0]
    two = html[html.index('<li id="ref-first2018two">'):].split("</li>")[0]
    namesake = html[html.index('<li id="ref-second2020namesake">'):].split("</li>")[0]
    assert "Co-written by Ann First and Bo Second, organisers of the workshop." in one
    assert "Co-written by Ann First, one of the workshop's organisers." in two
    assert "organiser" not in namesake


def test_slides_and_notes_suppress_the_author_too():
    from workshop.model.bibliography import Bibliography, Entry
    from workshop.outputs.slides.inline import cite

    entry = Entry(key="example1996crossing", type="article", authors=("Example, Ann",), year=1996,
                  title="Crossing the great divide", venue="Journal of Invented Studies", volume="", issue="",
                  pages="", doi="", url="", topics=(), line=1)
    bibliography = Bibliography([entry])
    assert cite("As Example [-@example1996crossing] argued [@example1996crossing].", bibliography) == \
        "As Example (1996) argued (Example, 1996)."
