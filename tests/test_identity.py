"""The workshop's identity and objectives live in mkdocs.yml only, so a fork changes them once."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from workshop.model.config import load_config

TEXT_SUFFIXES = {".md", ".html", ".ipynb", ".yml", ".yaml", ".css", ".svg", ".py", ".txt", ".csv"}
SEARCHED = ("docs", "exercises", "overrides", "templates", "data")   # the project's; and the engine's below


def _texts(root: Path):
    from workshop.model.engine_files import engine_file

    for folder in [root / name for name in SEARCHED] + [engine_file("theme"), engine_file("page_templates")]:
        for path in sorted(folder.rglob("*")):

            # The bibliography records publications' own titles, the workshop abstract's among them.
            if path.is_file() and path.suffix in TEXT_SUFFIXES and path.name != "bibliography.yaml":
                yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_page_or_template_hard_codes_the_workshop_name_or_objectives(root):
    config = load_config(root / "mkdocs.yml")
    needles = {"the workshop's title": str(config.workshop["title"]),
               "the workshop's short title": str(config.workshop["short_title"])}
    needles.update({f"the statement of {o.id}": o.statement for o in config.objectives})
    found = []
    for path, text in _texts(root):
        flat = " ".join(text.split())
        found += [f"{path} repeats {what}" for what, needle in needles.items() if needle in flat]
    assert not found, "\n".join(found) + "\nUse a marker such as <!-- workshop:title --> instead."


def test_site_name_and_workshop_title_are_one_value(root):
    config = load_config(root / "mkdocs.yml")
    assert config.site_name == config.workshop["title"]
    assert "title: *title" in (root / "mkdocs.yml").read_text(encoding="utf-8")


def test_citation_file_is_valid_citation_file_format(root):
    schema = json.loads((root / "tests/data/citation-file-format-1.2.0.schema.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(citation)
    assert citation["license"] == "CC-BY-4.0"


def test_licences_and_community_files(root):
    assert "Attribution 4.0 International Public License" in (root / "LICENSE").read_text(encoding="utf-8")
    assert (root / "LICENSE-CODE").read_text(encoding="utf-8").startswith("MIT License")
    for name in ("CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CHANGELOG.md", ".editorconfig"):
        assert (root / name).is_file(), name
    hooks = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [h["entry"] for repo in hooks["repos"] for h in repo["hooks"]]
    assert any("scripts/check_objectives.py" in e for e in entries)


def test_workflows_pin_actions_and_grant_least_privilege(root):
    workflows = sorted((root / ".github" / "workflows").glob("*.yml"))
    assert {w.name for w in workflows} >= {"ci.yml", "publish.yml", "linkcheck.yml"}
    for workflow in workflows:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert data["permissions"] == {"contents": "read"}, workflow.name
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    action, _, version = step["uses"].partition("@")
                    parts = version.lstrip("v").split(".")
                    assert len(parts) == 3 and all(p.isdigit() for p in parts), f"{workflow.name}: {step['uses']} is not an exact version"
            extra = job.get("permissions", {})
            assert set(extra) <= {"pages", "id-token", "contents"}, workflow.name
    ci = yaml.safe_load((root / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    assert "make test" in json.dumps(ci) and {"push", "pull_request"} <= set(ci[True])
    weekly = yaml.safe_load((root / ".github/workflows/linkcheck.yml").read_text(encoding="utf-8"))
    assert weekly[True]["schedule"] and any(s.get("continue-on-error") for s in weekly["jobs"]["links"]["steps"])
