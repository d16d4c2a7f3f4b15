"""A build that follows an unchanged one reads nothing again, and any edit is seen at once.

A trainer's edit loop (make serve) and every warm build rely on the checked site and the
rendered pages kept in .cache/workshop; a stale answer there would hide a problem or show
last week's page, so every kind of change must reach the checker.
"""

from __future__ import annotations

import os
import time

import pytest

from project_factory import Project
from workshop.check import cached
from workshop.check.cached import checked_site
from workshop.model import site as site_module


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "p").save()


def codes(project: Project) -> set[str]:
    return {p.code for p in checked_site(project.root / "mkdocs.yml").problems.sorted()}


def test_an_unchanged_project_is_not_read_again(project, monkeypatch):
    first = checked_site(project.root / "mkdocs.yml")
    assert first.digest and first.problems.sorted() == []

    def refuse(*args, **kwargs):
        raise AssertionError("the project was read again although nothing changed")

    monkeypatch.setattr(site_module, "load_site", refuse)
    again = checked_site(project.root / "mkdocs.yml")
    assert again.digest == first.digest and [p.rel for p in again.pages] == [p.rel for p in first.pages]


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

    entry = {"key": "kislov2018art", "type": "article", "authors": ["Kislov, Roman"], "year": 2018,
             "title": "The art of compromise", "venue": "BMJ Evidence-Based Medicine"}
    project.write("data/bibliography.yaml", yaml.safe_dump([entry]))
    project.write("docs/definitions.md", project.files["docs/definitions.md"] + "\nAs argued [@kislov2018art].\n")
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
    for path in (project.root / ".cache" / "workshop" / "sites").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert checked_site(project.root / "mkdocs.yml").digest == site.digest


def test_the_package_outside_the_project_is_fingerprinted_too(project, monkeypatch):
    """Here the package is installed from another folder than the project: its code counts."""
    from workshop.model import cache

    seen = []
    original = cache.tree_digest

    def spy(root, *extra, **options):
        seen.append(os.path.realpath(root))
        return original(root, *extra, **options)

    monkeypatch.setattr(cache, "tree_digest", spy)
    checked_site(project.root / "mkdocs.yml")
    package = os.path.realpath(os.path.dirname(cached.__file__) + "/..")
    assert package in seen


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


def test_markers_said_to_read_only_data_read_no_other_page():
    """A page using only DATA_ONLY markers is not rendered again when another page changes: each
    such marker must give the same text with every other page of the site taken away."""
    import dataclasses

    from project_factory import ROOT
    from workshop.check.checks import run_checks
    from workshop.model.site import load_site
    from workshop.web.markers import DATA_ONLY, MARKERS

    site = run_checks(load_site(ROOT / "mkdocs.yml"))
    page = site.page("learn/typologies.md")
    alone = dataclasses.replace(site, pages=[page], evidence={})
    assert DATA_ONLY <= set(MARKERS)
    for name in sorted(DATA_ONLY):
        assert MARKERS[name](site, page) == MARKERS[name](alone, page), f"the marker {name} reads other pages"
    reading = {name for name in set(MARKERS) - DATA_ONLY
               if MARKERS[name](site, page) != MARKERS[name](alone, page)}
    assert {"alignment-map", "case-index", "objectives"} <= reading, "the test must see a marker that reads pages"


def test_the_cache_keeps_only_its_most_recent_entries(tmp_path):
    from workshop.model.cache import DiskCache

    cache = DiskCache(tmp_path, "things", limit=3)
    for number in range(6):
        cache.get(f"key{number}", lambda: number)
        time.sleep(0.02)   # the file system's clock is coarser than a loop
    kept = sorted(p.stem for p in (tmp_path / ".cache" / "workshop" / "things").glob("*.pickle"))
    assert len(kept) == 3 and "key5" in kept and "key0" not in kept
    assert cache.get("key5", lambda: "computed again") == 5
