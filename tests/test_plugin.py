"""The engine as a MkDocs plugin: registered by its entry point, its options declared, its state on the
instance, and switched off cleanly (a project's template blocks still find the engine's page)."""

from __future__ import annotations

from importlib.metadata import entry_points

from project_factory import CONCEPT_PAGE, Project


def test_the_plugin_is_registered_under_mkdocs_plugins_by_the_package():
    (found,) = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == "workshop"]
    from workshop.plugin.plugin import WorkshopPlugin

    assert found.load() is WorkshopPlugin
    assert {"enabled", "cache", "cache_dir"} <= {name for name, _ in WorkshopPlugin.config_class._schema}


def test_switched_off_the_site_builds_without_the_checker_or_generated_parts(tmp_path):
    project = Project(tmp_path / "workshop")
    project.config["plugins"] = [{"workshop": {"enabled": False}}]
    project.config["theme"]["custom_dir"] = "overrides"
    project.write("overrides/main.html", '{% extends "workshop/page.html" %}\n')
    project.config["nav"] = [item for item in project.config["nav"] if "exercises/exercise.md" not in item.values()]
    project.files["docs/definitions.md"] = CONCEPT_PAGE.replace("objectives: [LO1]", "objectives: [LO9]") \
        + "\n<!-- workshop:title -->\n"
    result = project.build()
    assert result.returncode == 0, result.stderr   # the checker would refuse LO9; switched off, it does not run
    html = (project.root / "site" / "definitions" / "index.html").read_text(encoding="utf-8")
    assert "<!-- workshop:title -->" in html and "Test workshop</p>" not in html
    assert not (project.root / "site" / "exercises").exists()   # the exercises section is the plugin's
