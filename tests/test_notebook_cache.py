"""The notebooks run again only when what they read changed: their folder, the modules they
import, and the parts of mkdocs.yml they use. Editing a page, the checker or the nav never
re-runs them, which keeps the edit loop of `make serve` quick."""

from __future__ import annotations

import shutil
from pathlib import Path

from project_factory import ROOT
from workshop.web.notebooks import inputs_digest, notebook_modules


def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "exercises/notebooks", tmp_path / "exercises/notebooks")
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_the_notebooks_read_only_the_modules_they_import():
    modules = notebook_modules(ROOT)
    assert {"outputs.charts", "outputs.exercise_data", "outputs.writing", "model.config"} <= set(modules)
    assert not {"web.render", "check.checks", "model.document", "web.markers", "outputs.handouts",
                "outputs.slides"} & set(modules)


def test_editing_the_nav_or_a_page_keeps_the_cache(tmp_path):
    root = copy(tmp_path)
    before = inputs_digest(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md", "  - Start: index.md"),
                      encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs/new.md").write_text("# A new page\n", encoding="utf-8")
    assert inputs_digest(root) == before


def test_changing_the_data_or_the_stages_runs_them_again(tmp_path):
    root = copy(tmp_path)
    before = inputs_digest(root)
    sample = root / "exercises/notebooks/data/post-its-sample.csv"
    sample.write_text(sample.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_data = inputs_digest(root)
    assert after_data != before
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("dissemination, implementation]",
                                                                 "dissemination, implementation, legacy]"),
                      encoding="utf-8")
    assert inputs_digest(root) != after_data
