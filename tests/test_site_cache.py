"""A build that follows an unchanged one parses and checks nothing again, and any edit is seen at once.

A trainer's edit loop (make serve) and every warm build rely on the problems, parses and
rendered pages kept in .cache/workshop; a stale answer there would hide a problem or show
last week's page, so every kind of change must reach the checker.
"""

from __future__ import annotations

import os
import time

import pytest

from project_factory import Project
from workshop.check.cached import checked_site
from workshop.model import site as site_module


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "p").save()


def codes(project: Project) -> set[str]:
    return {p.code for p in checked_site(project.root / "mkdocs.yml").problems.sorted()}


def test_an_unchanged_project_is_not_parsed_or_checked_again(project, monkeypatch):
    from workshop.check import checks
    from workshop.model import document

    first = checked_site(project.root / "mkdocs.yml")
    assert first.digest and first.problems.sorted() == []

    def refuse(*args, **kwargs):
        raise AssertionError("the project was parsed or checked again although nothing changed")

    monkeypatch.setattr(checks, "run_checks", refuse)
    monkeypatch.setattr(document, "parse", refuse)
    again = checked_site(project.root / "mkdocs.yml")
    assert again.digest == first.digest and [p.rel for p in again.pages] == [p.rel for p in first.pages]


def test_the_problems_found_are_kept_and_given_again(project, monkeypatch):
    from workshop.check import checks

    project.add_page("docs/bad.md", "---\nkind: concept\nobjectives: [LO9]\n---\n\n# Bad\n")
    project.save()
    first = checked_site(project.root / "mkdocs.yml").problems.sorted()
    assert "objective-unknown" in {p.code for p in first}
    monkeypatch.setattr(checks, "run_checks", lambda site: (_ for _ in ()).throw(AssertionError("checked again")))
    assert checked_site(project.root / "mkdocs.yml").problems.sorted() == first


@pytest.mark.parametrize("change, code", [
    (lambda p: p.add_page("docs/bad.md", "---\nkind: concept\nobjectives: [LO9]\n---\n\n# Bad\n"), "objective-unknown"),
    (lambda p: p.write("docs/definitions.md", p.files["docs/definitions.md"] + "\n![](missing.png)\n"), "image-alt-missing"),
    (lambda p: p.config["extra"]["objectives"].pop(0), "objective-unknown"),   # a page still names it
])
def test_every_edit_is_seen(project, change, code):
    assert codes(project) == set()
    change(project)
    project.save()
    assert code in codes(project)


def test_a_removed_file_is_seen(project):
    import yaml

    entry = {"key": "fictional2001forms", "type": "article", "authors": ["Example, Ann"], "year": 2001,
             "title": "The forms of working together", "venue": "Journal of Invented Studies"}
    project.write("data/bibliography.yaml", yaml.safe_dump([entry]))
    project.write("docs/definitions.md", project.files["docs/definitions.md"] + "\nAs argued [@fictional2001forms].\n")
    project.save()
    assert "citation-unknown" not in codes(project)
    (project.root / "data" / "bibliography.yaml").unlink()
    assert "citation-unknown" in codes(project)


def test_the_build_settings_are_part_of_the_fingerprint(project, monkeypatch):
    first = checked_site(project.root / "mkdocs.yml").digest
    monkeypatch.setenv("WORKSHOP_OFFLINE", "true")
    assert checked_site(project.root / "mkdocs.yml").digest != first


def test_a_damaged_cache_is_read_again_not_trusted(project):
    site = checked_site(project.root / "mkdocs.yml")
    entries = list((project.root / ".cache" / "workshop" / "sites").glob("*.json"))
    assert entries
    for path in entries:
        path.write_bytes(b"not an entry")
    assert checked_site(project.root / "mkdocs.yml").digest == site.digest


def test_the_package_code_is_part_of_the_fingerprint(project, monkeypatch):
    """The code that checks is wherever the package is installed: a change to it is a change."""
    from workshop.model import cache

    first = checked_site(project.root / "mkdocs.yml").digest
    monkeypatch.setattr(cache, "code_digest", lambda: "other code")
    assert checked_site(project.root / "mkdocs.yml").digest != first


def test_a_page_edit_renders_that_page_alone_again(project, monkeypatch):
    """make serve: after an edit, only the edited page (and pages with generated parts) is rendered."""
    from workshop.web import page_output

    project.add_page("docs/other.md", project.files["docs/definitions.md"].replace("# ", "# Other ", 1))
    project.save()
    config = project.root / "mkdocs.yml"

    def render_all() -> list[str]:
        site = checked_site(config)
        rendered = []
        real = page_output._page_markdown

        def spy(site, page, markdown):
            rendered.append(page.rel)
            return real(site, page, markdown)

        monkeypatch.setattr(page_output, "_page_markdown", spy)
        for page in site.pages:
            page_output.page_markdown(site, page, page.body)
        monkeypatch.setattr(page_output, "_page_markdown", real)
        return rendered

    assert sorted(render_all()) == ["docs/definitions.md", "docs/other.md", "exercises/exercise.md"]
    assert render_all() == []
    edited = project.root / "docs" / "other.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence on definitions.\n", encoding="utf-8")
    assert render_all() == ["docs/other.md"]
    project.write("data/glossary.yaml", "terms:\n  - term: typology\n    definition: A way of sorting things into types.\n")
    project.save()
    assert sorted(render_all()) == ["docs/definitions.md", "docs/other.md", "exercises/exercise.md"], \
        "the glossary is shown on every page"


def test_markers_said_to_read_only_data_read_no_other_page(tmp_path):
    """A page using only DATA_ONLY markers is not rendered again when another page changes: each
    such marker must give the same text with every other page of the site taken away."""
    import dataclasses

    from project_factory import full_workshop
    from workshop.check.checks import run_checks
    from workshop.model.site import load_site
    from workshop.web.markers import DATA_ONLY, MARKERS

    site = run_checks(load_site(full_workshop(tmp_path / "p").save().root / "mkdocs.yml"))
    page = site.page("definitions.md")   # it cites a source and uses glossary terms; other pages hold the case and cards
    alone = dataclasses.replace(site, pages=[page], evidence={})
    assert DATA_ONLY <= set(MARKERS)
    for name in sorted(DATA_ONLY):
        assert MARKERS[name](site, page).strip(), f"the project gives the marker {name} nothing to show"
        assert MARKERS[name](site, page) == MARKERS[name](alone, page), f"the marker {name} reads other pages"
    reading = {name for name in set(MARKERS) - DATA_ONLY
               if MARKERS[name](site, page) != MARKERS[name](alone, page)}
    assert {"alignment-map", "case-index", "objectives"} <= reading, "the test must see a marker that reads pages"


def test_the_cache_keeps_only_its_most_recent_entries(tmp_path):
    from workshop.model.cache import DiskCache, key

    folder = tmp_path / ".cache" / "workshop" / "things"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("a person's file", encoding="utf-8")
    cache = DiskCache(tmp_path, "things", limit=3)
    digests = [key("thing", number) for number in range(6)]
    for number, digest in enumerate(digests):
        cache.get(digest, lambda: number)
        time.sleep(0.02)   # the file system's clock is coarser than a loop
    kept = sorted(p.stem for p in folder.glob("*.json"))
    assert len(kept) == 3 and digests[5] in kept and digests[0] not in kept
    assert cache.get(digests[5], lambda: "computed again") == 5
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "a person's file", "only its own entries are removed"
