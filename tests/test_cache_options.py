"""The plugin's cache options do what they say, for the build and the checker alike, and what the
cache keeps to save time (compiled templates, a data file known to meet its schema) is kept as
the rest of it is: only this machine's entries are ever used.
"""

from __future__ import annotations

import json
import subprocess
import sys

import jinja2
import pytest

from project_factory import Project
from workshop.model import cache, schema
from workshop.model.problems import Problems
from workshop.plugin.template_cache import TemplateCache


def entries(folder):
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.json")) if folder.exists() else []


def with_options(tmp_path, **options) -> Project:
    project = Project(tmp_path / "workshop")
    project.config["plugins"] = [{"workshop": options}]
    return project


def test_cache_false_keeps_nothing_for_the_build_or_the_checker(tmp_path):
    project = with_options(tmp_path, cache=False)
    built = project.build()
    assert built.returncode == 0, built.stderr
    checked = project.check()
    assert checked.returncode == 0, checked.stdout
    assert entries(project.root / ".cache") == []


def test_cache_dir_moves_every_entry_and_the_build_leaves_it_out_of_its_fingerprint(tmp_path):
    project = with_options(tmp_path, cache_dir="state/engine")
    first = project.build()
    assert first.returncode == 0, first.stderr
    kept = entries(project.root / "state" / "engine")
    assert {entry.split("/")[0] for entry in kept} >= {"sites", "pages", "templates"}
    assert entries(project.root / ".cache") == []
    again = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project.root,
                           capture_output=True, text=True)   # the files as they are, not saved again
    assert again.returncode == 0, again.stderr
    # A second build reads the checked site it kept: the cache's own files are not an edit.
    assert len(entries(project.root / "state" / "engine" / "sites")) == 1
    assert not (project.root / "site" / "state").exists()


@pytest.mark.parametrize("folder, why", [
    ("../elsewhere", "inside the project"),
    ("/tmp/workshop-cache", "inside the project"),
    ("docs/.cache", "which the build publishes"),
])
def test_a_cache_dir_outside_the_project_or_published_is_reported_at_its_line(tmp_path, folder, why):
    project = with_options(tmp_path, cache_dir=folder)
    checked = project.check()
    assert checked.returncode != 0
    line = next(number for number, text in enumerate((project.root / "mkdocs.yml").read_text().splitlines(), 1)
                if "cache_dir" in text)
    assert f"mkdocs.yml:{line}: " in checked.stdout and why in checked.stdout, checked.stdout
    built = project.build()
    assert built.returncode != 0 and why in built.stderr, built.stderr
    assert not (tmp_path / "elsewhere").exists() and not (project.root / "docs" / ".cache").exists()
    assert entries(project.root / ".cache") == []   # refused: no cache at all, not the default one


# ---------------------------------------------------------------- compiled templates

@pytest.fixture
def key_home(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "key_folder", lambda: tmp_path / "user-cache")
    cache.forget()
    yield
    cache.forget()


def render(root, source: str, **values) -> tuple[str, TemplateCache]:
    templates = TemplateCache(root)
    environment = jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}),
                                     bytecode_cache=templates, auto_reload=False)
    return environment.get_template("page.html").render(**values), templates


def test_a_compiled_template_is_used_again_only_while_its_source_is_unchanged(tmp_path, key_home):
    root = tmp_path / "project"
    root.mkdir()
    assert render(root, "<p>{{ name }}</p>", name="one")[0] == "<p>one</p>"
    shown, templates = render(root, "<p>{{ name }}</p>", name="two")   # a new process: from disk
    assert shown == "<p>two</p>" and templates.loaded == 1
    shown, templates = render(root, "<h1>{{ name }}</h1>", name="three")   # edited: compiled again
    assert shown == "<h1>three</h1>" and templates.loaded == 0


def test_a_compiled_template_not_written_on_this_machine_is_never_loaded(tmp_path, key_home):
    root = tmp_path / "project"
    root.mkdir()
    render(root, "<p>{{ name }}</p>", name="one")
    (entry,) = (root / ".cache" / "workshop" / "templates").glob("*.json")
    header, payload = entry.read_bytes().split(b"\n", 1)
    kept = json.loads(payload)
    forged = kept[:40] + ("x" if kept[40] != "x" else "y") + kept[41:]   # other code under the same header
    entry.write_bytes(header + b"\n" + json.dumps(forged).encode())
    shown, templates = render(root, "<p>{{ name }}</p>", name="two")
    assert shown == "<p>two</p>" and templates.loaded == 0


# ---------------------------------------------------------------- data files

def test_a_data_file_that_met_its_schema_is_not_checked_again_and_a_wrong_one_always_is(tmp_path, key_home,
                                                                                         monkeypatch):
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    good = "terms:\n  - term: Co-production\n    definition: Research done with those who use it.\n"
    (root / "data" / "glossary.yaml").write_text(good, encoding="utf-8")
    first = schema.read_data(root, "data/glossary.yaml", "glossary", Problems(), "glossary-invalid")
    schema._READ.clear()   # as a new process would

    def no_check(*args, **kwargs):
        raise AssertionError("checked again")

    monkeypatch.setattr(schema, "check", no_check)
    again = schema.read_data(root, "data/glossary.yaml", "glossary", Problems(), "glossary-invalid")
    assert again == first and first[1]["terms"][0]["term"] == "Co-production"
    monkeypatch.undo()

    (root / "data" / "glossary.yaml").write_text("terms:\n  - term: 7\n", encoding="utf-8")
    for _ in range(2):
        schema._READ.clear()
        problems = Problems()
        schema.read_data(root, "data/glossary.yaml", "glossary", problems, "glossary-invalid")
        assert len(problems) and {p.line for p in problems.sorted()} == {2}
