"""The notebooks run again only when what they read changed: their folder, the modules they
import, and the parts of mkdocs.yml they use. Editing a page, the checker or the nav never
re-runs them, which keeps the edit loop of `make serve` quick."""

from __future__ import annotations

from pathlib import Path

import yaml

from project_factory import Project, notebook
from workshop.web.notebooks import inputs_digest, notebook_modules

# A notebook as a workshop writes one: it imports the engine's data tools and reads a sample file.
CODE = ("from pathlib import Path\n\nfrom workshop.outputs import charts\nfrom workshop.outputs import exercise_data\n"
        "from workshop.outputs import writing as outputs\n\n"
        "postits = exercise_data.read_postits(Path('data/sample.csv'))\ncharts.postits_chart(postits)")


def workshop(tmp_path: Path) -> Path:
    project = Project(tmp_path / "workshop")
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Counts\n\nA definition and a typology."},
             {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": CODE}]
    project.add_page("exercises/notebooks/counts.ipynb", notebook({"kind": "exercise", "objectives": ["LO1"]}, cells),
                     "Counts")
    project.write("exercises/notebooks/data/sample.csv", "group,stage,text\n1,design,Agree the question\n")
    return project.save().root


def test_the_notebooks_read_only_the_modules_they_import(tmp_path):
    modules = notebook_modules(workshop(tmp_path))
    assert {"outputs.charts", "outputs.exercise_data", "outputs.writing", "model.config"} <= set(modules)
    assert not {"web.render", "check.checks", "model.document", "web.markers", "outputs.handouts",
                "outputs.slides"} & set(modules)


def test_editing_the_nav_or_a_page_keeps_the_cache(tmp_path):
    root = workshop(tmp_path)
    before = inputs_digest(root)
    config = root / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["nav"][0] = {"Start": settings["nav"][0]["Definitions"]}
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    (root / "docs/new.md").write_text("# A new page\n", encoding="utf-8")
    assert inputs_digest(root) == before


def test_changing_the_data_or_the_stages_runs_them_again(tmp_path):
    root = workshop(tmp_path)
    before = inputs_digest(root)
    sample = root / "exercises/notebooks/data/sample.csv"
    sample.write_text(sample.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_data = inputs_digest(root)
    assert after_data != before
    config = root / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["extra"]["vocabulary"]["stages"].append("legacy")
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    assert inputs_digest(root) != after_data
