"""The workshop's identity and objectives live in mkdocs.yml only, so a fork changes them once: no page,
data file, template or theme file repeats the title or an objective's statement (a marker such as
<!-- workshop:title --> prints it), and the site's name is the workshop's title."""

from __future__ import annotations

from pathlib import Path

TEXT_SUFFIXES = {".md", ".html", ".ipynb", ".yml", ".yaml", ".css", ".svg", ".py", ".txt", ".csv"}
SEARCHED = ("docs", "exercises", "overrides", "templates", "data")   # the project's; and the engine's below


def _texts(project: Path):
    from workshop.model.engine_files import engine_file

    for folder in [project / name for name in SEARCHED] + [engine_file("theme"), engine_file("page_templates")]:
        for path in sorted(folder.rglob("*")):
            # The bibliography records publications' own titles, the workshop's source among them.
            if path.is_file() and path.suffix in TEXT_SUFFIXES and path.name != "bibliography.yaml":
                yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_page_or_template_hard_codes_the_workshop_name_or_objectives(config_path, project):
    from workshop.model.config import load_config

    config = load_config(config_path)
    needles = {"the workshop's title": str(config.workshop["title"]),
               "the workshop's short title": str(config.workshop["short_title"])}
    needles.update({f"the statement of {o.id}": o.statement for o in config.objectives})
    found = []
    for path, text in _texts(project):
        flat = " ".join(text.split())
        found += [f"{path} repeats {what}" for what, needle in needles.items() if needle in flat]
    assert not found, "\n".join(found) + "\nUse a marker such as <!-- workshop:title --> instead."


def test_site_name_and_workshop_title_are_one_value(config_path):
    from workshop.model.config import load_config

    config = load_config(config_path)
    assert config.site_name == config.workshop["title"]
    assert "title: *title" in config_path.read_text(encoding="utf-8")
