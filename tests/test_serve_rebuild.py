"""Rebuilds, in make serve and from .cache/workshop: a page no one edited keeps its HTML from the last
build, the edited page is converted again, the site is the same as a fresh build's, and every
warning is given again."""

from __future__ import annotations

import filecmp
import logging
import pickle
import shutil
from pathlib import Path

import pytest

from project_factory import CONCEPT_PAGE, Project

SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def project(tmp_path) -> Project:
    made = Project(tmp_path / "workshop")
    made.config["validation"] = {"links": {"anchors": "warn"}}
    made.add_page("docs/typology.md", CONCEPT_PAGE.replace("Definitions", "Typology")
                  + "\n## Forms\n\nSee [the definitions](definitions.md#definitions).\n")
    return made


@pytest.fixture
def conversions():
    from workshop.hook.rendered import CONVERSIONS

    CONVERSIONS.clear()
    yield CONVERSIONS
    CONVERSIONS.clear()


class Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def outline(toc) -> list:
    return [(item.title, item.url, item.level, outline(item.children)) for item in toc]


def build_as(project: Project, site_dir: Path, command: str | None) -> list[str]:
    """One build as mkdocs serve makes it (a fresh configuration each time; on_startup on the
    first only), in this process; the warnings it logged."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project.save()
    config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(site_dir))
    if command:
        config.plugins.on_startup(command=command, dirty=False)
    caught = Warnings()
    logging.getLogger("mkdocs").addHandler(caught)
    try:
        build(config, serve_url=SERVE_URL)
    finally:
        logging.getLogger("mkdocs").removeHandler(caught)
    return caught.messages


def differing(left: Path, right: Path) -> list[str]:
    found = []

    def walk(node, rel=""):
        found.extend(f"{rel}{name}" for name in node.diff_files + node.left_only + node.right_only)
        for name, sub in node.subdirs.items():
            walk(sub, f"{rel}{name}/")
    walk(filecmp.dircmp(left, right))
    return found


def fresh_build(project: Project, site_dir: Path, conversions) -> None:
    shutil.rmtree(project.root / ".cache", ignore_errors=True)
    conversions.clear()
    build_as(project, site_dir, None)
    assert conversions.reused == 0


def test_a_rebuild_reuses_every_unedited_page_and_writes_the_site_a_fresh_build_writes(project, conversions):
    build_as(project, project.root / "served", "serve")
    assert conversions.reused == 0
    build_as(project, project.root / "served", None)
    assert conversions.reused == 3   # definitions, typology and the exercise
    fresh_build(project, project.root / "fresh", conversions)
    assert differing(project.root / "served", project.root / "fresh") == []


def test_a_new_build_process_converts_every_page_again(project, conversions):
    """Conversions are kept in memory between the rebuilds of make serve, never on disk: what
    MkDocs makes of a page is not plain data, and the cache on disk holds nothing else."""
    build_as(project, project.root / "first", "build")
    conversions.clear()   # what a new `mkdocs build` process starts with
    build_as(project, project.root / "second", "build")
    assert conversions.reused == 0
    assert not (project.root / ".cache" / "workshop" / "conversions").exists() or not any(
        (project.root / ".cache" / "workshop" / "conversions").iterdir())
    fresh_build(project, project.root / "fresh", conversions)
    assert differing(project.root / "second", project.root / "fresh") == []


class _Planted:
    def __reduce__(self):
        return (exec, ("open('PLANTED-RAN', 'w').close()",))


def test_a_planted_conversion_is_never_read(project, conversions, monkeypatch):
    """A fork that commits .cache/workshop/conversions/*.pickle (the format of an earlier version)
    runs nothing and publishes nothing of it."""
    build_as(project, project.root / "first", "build")
    folder = project.root / ".cache" / "workshop" / "conversions"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(3):
        (folder / f"{number:064x}.pickle").write_bytes(pickle.dumps(_Planted()))
        (folder / f"{number:064x}.json").write_bytes(pickle.dumps({"content": "<p>planted</p>"}))
    monkeypatch.chdir(project.root)
    conversions.clear()
    build_as(project, project.root / "second", "build")
    assert conversions.reused == 0 and not (project.root / "PLANTED-RAN").exists()
    assert "planted" not in "".join(p.read_text(encoding="utf-8") for p in (project.root / "second").rglob("*.html"))
    fresh_build(project, project.root / "fresh", conversions)
    assert differing(project.root / "second", project.root / "fresh") == []


def test_a_link_out_or_a_name_that_is_not_text_added_while_serving_is_not_published(project, conversions):
    import os

    build_as(project, project.root / "served", "serve")
    (project.root / "exercises" / "leak.txt").symlink_to("/etc/passwd")
    (project.root / "docs" / os.fsdecode(b"caf\xe9.md")).write_text(CONCEPT_PAGE, encoding="utf-8")
    warnings = build_as(project, project.root / "served", None)
    assert not (project.root / "served" / "exercises" / "leak.txt").exists()
    assert not [p for p in (project.root / "served").rglob("*") if "caf" in os.fsencode(p.name).decode("latin-1")]
    assert any("outside the project" in message for message in warnings)


def test_new_versions_of_the_converting_packages_convert_every_page_again(project, conversions, monkeypatch):
    from workshop.hook import rendered

    build_as(project, project.root / "first", "build")
    conversions.clear()
    monkeypatch.setattr(rendered, "_versions", lambda: ("markdown", "a newer release"))
    build_as(project, project.root / "second", "build")
    assert conversions.reused == 0


def test_a_strict_build_fails_on_a_broken_link_every_time(project):
    project.write("docs/definitions.md", CONCEPT_PAGE + "\nSee [the missing page](missing.md).\n")
    for _ in range(2):
        result = project.build()
        assert result.returncode != 0 and "missing.md" in result.stderr, result.stderr


def test_the_edited_page_is_converted_again(project, conversions):
    build_as(project, project.root / "served", "serve")
    project.write("docs/definitions.md", CONCEPT_PAGE + "\nA sentence added while serving.\n")
    build_as(project, project.root / "served", None)
    assert conversions.reused == 2
    page = (project.root / "served" / "definitions" / "index.html").read_text(encoding="utf-8")
    assert "A sentence added while serving." in page


def test_a_broken_link_is_reported_in_every_rebuild(project, conversions):
    project.write("docs/definitions.md", CONCEPT_PAGE + "\nSee [the missing page](missing.md).\n")
    for command in ("serve", None, None):
        warned = build_as(project, project.root / "served", command)
        assert any("missing.md" in message for message in warned), warned


def test_a_link_to_an_anchor_no_longer_there_is_reported_though_the_linking_page_was_not_edited(project, conversions):
    assert build_as(project, project.root / "served", "serve") == []
    project.write("docs/definitions.md", CONCEPT_PAGE.replace("# Definitions", "# What co-production means"))
    warned = build_as(project, project.root / "served", None)
    assert conversions.reused >= 1   # the linking page, typology.md, was not edited
    assert any("typology.md" in m and "#definitions" in m for m in warned), warned


def test_a_link_to_a_removed_page_is_reported_though_the_linking_page_was_not_edited(project, conversions):
    assert build_as(project, project.root / "served", "serve") == []
    (project.root / "docs" / "definitions.md").unlink()
    del project.files["docs/definitions.md"]
    project.config["nav"] = [item for item in project.config["nav"] if "definitions.md" not in item.values()]
    warned = build_as(project, project.root / "served", None)
    assert any("typology.md" in m and "definitions.md" in m for m in warned), warned


def test_a_setting_that_is_code_turns_reuse_off(project, conversions):
    """A slugify function could be edited without the key changing: such a site converts every page."""
    project.config["markdown_extensions"] = [e for e in project.config["markdown_extensions"] if e != "toc"]
    project.config["markdown_extensions"].append({"toc": {"slugify": "!!python/name:markdown.extensions.toc.slugify"}})
    project.save()
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (project.root / "mkdocs.yml").write_text(text.replace("'!!python/name:markdown.extensions.toc.slugify'",
                                                          "!!python/name:markdown.extensions.toc.slugify"), encoding="utf-8")
    project.save = lambda: project   # keep the tag written above
    build_as(project, project.root / "served", "serve")
    build_as(project, project.root / "served", None)
    assert conversions.reused == 0


def test_an_extension_that_reads_other_files_turns_reuse_off(project, conversions):
    project.config["markdown_extensions"].append("pymdownx.snippets")
    build_as(project, project.root / "served", "serve")
    build_as(project, project.root / "served", None)
    assert conversions.reused == 0


def test_a_reused_page_carries_everything_a_conversion_gives_it(project, conversions):
    """If MkDocs' Page.render ever sets something more, this fails before a served page lacks it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    project.save()

    def pages():
        config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(project.root / "served"))
        files = get_files(config)
        found = {}
        for page in get_navigation(files, config).pages:
            page.read_source(config)
            conversions.attach(page, config, files)
            page.render(config, files)
            found[page.file.src_uri] = {name: (outline(value) if name == "toc" else
                                               {f.src_uri: a for f, a in value.items()} if name == "links_to_anchors"
                                               else value)
                                        for name, value in vars(page).items() if name not in ("render", "file", "parent",
                                                                                               "previous_page", "next_page")}
        return found

    converted = pages()
    conversions.start_build()
    reused = pages()
    assert conversions.reused == len(converted) == 2   # docs/ alone: exercises/ is added by the hook
    for uri, fields in converted.items():
        again = reused[uri]
        assert {n for n in fields.keys() | again.keys() if again.get(n, "(not set)") != fields.get(n, "(not set)")} == set(), uri
    assert converted["typology.md"]["links_to_anchors"] == {"definitions.md": {"definitions": "definitions.md#definitions"}}
