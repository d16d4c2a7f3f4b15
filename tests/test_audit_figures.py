"""make audit writes its figures between two markers of docs/maintainers/figures.md and
leaves everything else a maintainer wrote on that page as it was (Lighthouse itself runs
only in make audit, not here)."""

from __future__ import annotations

from datetime import date

from workshop.qa import audit


def _result(kind: str, performance: int) -> audit.Result:
    return audit.Result(kind, "http://127.0.0.1:8000/learn/forms/",
                        {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 92},
                        transferred=204_800, requests=18, failing=["SEO: Links are not crawlable"])


def test_figures_replace_only_the_marked_block(tmp_path):
    page = tmp_path / "figures.md"
    page.write_text("---\nkind: reference\nobjectives: [LO1]\n---\n\n# Figures\n\nOur notes.\n\n"
                    f"{audit.START}\nold figures\n{audit.END}\n\nMore notes below.\n", encoding="utf-8")
    table = audit.figures_table([_result("concept", 97)], ["notebook (/x/): not written yet"], runs=3,
                                when=date(2026, 1, 2))
    audit.write_figures(page, table)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\nkind: reference\nobjectives: [LO1]\n---\n\n# Figures\n\nOur notes.\n\n")
    assert text.endswith(f"{audit.END}\n\nMore notes below.\n")
    assert "old figures" not in text
    assert "| `/learn/forms/` | concept | 97 | 100 | 100 | **92** | 200 KiB | 18 |" in text
    assert "Measured on 2026-01-02" in text and "median of 3 runs" in text and "Not measured: notebook" in text


def test_a_missing_page_is_created_and_a_page_without_markers_is_appended_to(tmp_path):
    page = tmp_path / "maintainers" / "figures.md"
    audit.write_figures(page, "first table", ["LO1"])
    text = page.read_text(encoding="utf-8")
    assert "kind: reference" in text and "objectives: [LO1]" in text
    assert f"{audit.START}\nfirst table\n{audit.END}" in text
    other = tmp_path / "other.md"
    other.write_text("# Notes\n\nKeep me.\n", encoding="utf-8")
    audit.write_figures(other, "table")
    assert other.read_text(encoding="utf-8") == f"# Notes\n\nKeep me.\n\n{audit.START}\ntable\n{audit.END}\n"


def test_median_run_and_misses():
    runs = [_result("home", score) for score in (99, 80, 96)]
    assert audit.median_run(runs).scores["performance"] == 96
    assert audit.median_run(runs).misses() == ["SEO 92 (target 95)"]


def test_one_page_of_each_kind_is_audited_from_the_workshops_own_navigation(tmp_path):
    from project_factory import Project, handout_page
    from workshop.model.site import load_site

    project = Project(tmp_path / "workshop")
    project.add_page("exercises/handouts/sheet.md", handout_page(1, "Sheet", "Write here."), "Handout 1: Sheet")
    project.add_page("docs/more.md", "---\nkind: concept\nobjectives: [LO1]\n---\n\n# More\n\nA typology.\n")
    project.save()
    chosen = audit.pages_to_audit(load_site(project.root / "mkdocs.yml"))
    assert chosen == [("concept", "/definitions/", "docs/definitions.md"),
                      ("exercise", "/exercises/exercise/", "exercises/exercise.md"),
                      ("handout", "/exercises/handouts/sheet/", "exercises/handouts/sheet.md")]


def test_a_new_figures_page_declares_the_workshops_own_objectives(tmp_path):
    page = tmp_path / "docs" / "figures.md"
    audit.write_figures(page, "| a table |", ["A1", "B2"])
    assert "objectives: [A1, B2]" in page.read_text(encoding="utf-8")
