"""Rebuilds as make serve makes them: MkDocs keeps one workshop plugin for the whole session, and what
it keeps between builds never changes what a build writes or hides a warning: a rebuild writes the
site a fresh build writes, the edited page shows the edit, and every warning is given again."""

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


def fresh_build(project: Project, site_dir: Path) -> None:
    shutil.rmtree(project.root / ".cache", ignore_errors=True)
    build_as(project, site_dir, "build")


def test_serve_keeps_one_plugin_and_a_rebuild_writes_the_site_a_fresh_build_writes(project):
    from mkdocs.config import load_config

    project.save()
    first = load_config(str(project.root / "mkdocs.yml")).plugins["workshop"]
    first.on_startup(command="serve", dirty=False)
    again = load_config(str(project.root / "mkdocs.yml")).plugins["workshop"]
    assert again is first and again.command == "serve"   # MkDocs reuses a plugin that has on_startup
    build_as(project, project.root / "served", "serve")
    project.write("docs/definitions.md", CONCEPT_PAGE + "\nA sentence added while serving.\n")
    build_as(project, project.root / "served", None)
    fresh_build(project, project.root / "fresh")
    assert differing(project.root / "served", project.root / "fresh") == []
    page = (project.root / "served" / "definitions" / "index.html").read_text(encoding="utf-8")
    assert "A sentence added while serving." in page


def test_a_new_build_from_the_cache_on_disk_writes_what_a_fresh_build_writes(project):
    build_as(project, project.root / "first", "build")
    build_as(project, project.root / "second", "build")
    fresh_build(project, project.root / "fresh")
    assert differing(project.root / "second", project.root / "fresh") == []


class _Planted:
    def __reduce__(self):
        return (exec, ("open('PLANTED-RAN', 'w').close()",))


def test_a_planted_conversion_is_never_read(project, monkeypatch):
    """A fork that commits .cache/workshop/conversions/*.pickle (the format of an earlier version)
    runs nothing and publishes nothing of it: the cache holds JSON, checked and authenticated."""
    build_as(project, project.root / "first", "build")
    folder = project.root / ".cache" / "workshop" / "conversions"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(3):
        (folder / f"{number:064x}.pickle").write_bytes(pickle.dumps(_Planted()))
        (folder / f"{number:064x}.json").write_bytes(pickle.dumps({"content": "<p>planted</p>"}))
    monkeypatch.chdir(project.root)
    build_as(project, project.root / "second", "build")
    assert not (project.root / "PLANTED-RAN").exists()
    assert "planted" not in "".join(p.read_text(encoding="utf-8") for p in (project.root / "second").rglob("*.html"))
    fresh_build(project, project.root / "fresh")
    assert differing(project.root / "second", project.root / "fresh") == []


def test_a_link_out_or_a_name_that_is_not_text_added_while_serving_is_not_published(project):
    import os

    build_as(project, project.root / "served", "serve")
    (project.root / "exercises" / "leak.txt").symlink_to("/etc/passwd")
    (project.root / "docs" / os.fsdecode(b"caf\xe9.md")).write_text(CONCEPT_PAGE, encoding="utf-8")
    warnings = build_as(project, project.root / "served", None)
    assert not (project.root / "served" / "exercises" / "leak.txt").exists()
    assert not [p for p in (project.root / "served").rglob("*") if "caf" in os.fsencode(p.name).decode("latin-1")]
    assert any("outside the project" in message for message in warnings)


def test_a_strict_build_fails_on_a_broken_link_every_time(project):
    project.write("docs/definitions.md", CONCEPT_PAGE + "\nSee [the missing page](missing.md).\n")
    for _ in range(2):
        result = project.build()
        assert result.returncode != 0 and "missing.md" in result.stderr, result.stderr


def test_a_broken_link_is_reported_in_every_rebuild(project):
    project.write("docs/definitions.md", CONCEPT_PAGE + "\nSee [the missing page](missing.md).\n")
    for command in ("serve", None, None):
        warned = build_as(project, project.root / "served", command)
        assert any("missing.md" in message for message in warned), warned


def test_a_link_to_an_anchor_no_longer_there_is_reported_though_the_linking_page_was_not_edited(project):
    assert build_as(project, project.root / "served", "serve") == []
    project.write("docs/definitions.md", CONCEPT_PAGE.replace("# Definitions", "# What co-production means"))
    warned = build_as(project, project.root / "served", None)
    assert any("typology.md" in m and "#definitions" in m for m in warned), warned


def test_a_link_to_a_removed_page_is_reported_though_the_linking_page_was_not_edited(project):
    assert build_as(project, project.root / "served", "serve") == []
    (project.root / "docs" / "definitions.md").unlink()
    del project.files["docs/definitions.md"]
    project.config["nav"] = [item for item in project.config["nav"] if "definitions.md" not in item.values()]
    warned = build_as(project, project.root / "served", None)
    assert any("typology.md" in m and "definitions.md" in m for m in warned), warned
