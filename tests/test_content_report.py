"""The content report shows every page's reading ease, its summary's and the glossary's by both
measures (the checker's and textstat 0.7.3's), and writes itself into the figures page without
touching anything else on it."""

from __future__ import annotations

from pathlib import Path

import yaml

from project_factory import Project
from workshop.check import content_report
from workshop.frontends import content
from workshop.model import readability
from workshop.model.site import load_site

SUMMARY = "Co-production means people work on a study together. They share the say over what it asks."
GLOSSARY = {"terms": [
    {"term": "typology", "definition": "A classification of forms by stage and stakeholder.",
     "plain": "A way of sorting things into types."},
    {"term": "stakeholder", "definition": "A person or group with an interest in a study."},
]}


def project(tmp_path: Path) -> Project:
    p = Project(tmp_path / "p")
    p.config["extra"]["readability"] = {"kinds": ["concept"], "plain_pages": ["definitions.md"]}
    p.write("docs/definitions.md", p.files["docs/definitions.md"].replace(
        "# Definitions\n", f"# Definitions\n\n!!! summary \"In brief\"\n\n    {SUMMARY}\n"))
    p.write("data/glossary.yaml", yaml.safe_dump(GLOSSARY))
    return p.save()


def test_every_page_and_summary_has_both_measures(tmp_path):
    p = project(tmp_path)
    report = content_report.build(load_site(p.root / "mkdocs.yml"))
    page = next(f for f in report.pages if f.path == "definitions.md")
    assert page.plain_page and page.summary_ease is not None and page.reading_ease is not None
    assert page.summary_ease.dictionary == readability.reading_ease(SUMMARY)
    assert page.summary_ease.textstat == readability.textstat_reading_ease(SUMMARY)
    text = content_report.markdown(report)
    assert f"| `definitions.md` ◆ |" in text
    assert f"| {page.summary_ease.dictionary:.1f} | {page.summary_ease.textstat:.1f} |" in text


def test_the_glossary_is_measured_as_a_whole_and_term_by_term(tmp_path):
    report = content_report.build(load_site(project(tmp_path).root / "mkdocs.yml"))
    g = report.glossary
    assert (g.terms, g.plain_terms) == (2, 1)
    assert g.plain.dictionary == readability.reading_ease("A way of sorting things into types.")
    assert [term for term, _ in g.hardest] == ["typology"]
    text = content_report.markdown(report)
    assert "2 terms, 1 of them with a plain definition" in text and "Plain definition of 'typology'" in text


def test_write_replaces_only_the_text_between_the_markers(tmp_path, capsys):
    p = project(tmp_path)
    figures = p.root / "docs" / "maintainers" / "figures.md"
    figures.parent.mkdir(parents=True)
    figures.write_text("# Figures\n\nThe trainer's own words.\n\n<!-- content-report:start -->\nold\n"
                       "<!-- content-report:end -->\n\nMore of the trainer's words.\n", encoding="utf-8")
    assert content.main(["--config", str(p.root / "mkdocs.yml"), "--write"]) == 0
    written = figures.read_text(encoding="utf-8")
    assert written.startswith("# Figures\n\nThe trainer's own words.\n\n<!-- content-report:start -->\n")
    assert written.endswith("<!-- content-report:end -->\n\nMore of the trainer's words.\n")
    assert "\nold\n" not in written and "| Page | Words |" in written


def test_write_without_markers_changes_nothing_and_says_why(tmp_path, capsys):
    p = project(tmp_path)
    figures = p.root / "docs" / "maintainers" / "figures.md"
    figures.parent.mkdir(parents=True)
    figures.write_text("# Figures\n\nNo markers here.\n", encoding="utf-8")
    assert content.main(["--config", str(p.root / "mkdocs.yml"), "--write"]) == 2
    assert figures.read_text(encoding="utf-8") == "# Figures\n\nNo markers here.\n"
    assert "has no <!-- content-report:start -->" in capsys.readouterr().err
