"""Whatever a trainer writes, the checker answers with problems, never a traceback."""

from __future__ import annotations

import json

import yaml
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from project_factory import Project
from workshop.check.checks import run_checks
from workshop.model.rules import RULES
from workshop.model.site import load_site

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["LO1", "LO2", "LO9", "concept", "handout", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=10)
keys = st.one_of(st.sampled_from(["title", "kind", "objectives", "page_budget", "print_for", "case", "hide", "x"]),
                 st.text(min_size=1, max_size=10))
front_matter = st.dictionaries(keys, values, max_size=6)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_clean_report(project: Project) -> None:
    project.save()
    site = run_checks(load_site(project.root / "mkdocs.yml"))
    for problem in site.problems.sorted():
        assert problem.code in RULES and problem.line >= 1 and problem.path and problem.message and problem.hint


@SETTINGS
@given(meta=front_matter, body=st.text(max_size=300))
def test_random_front_matter_never_raises(tmp_path_factory, meta, body):
    project = Project(tmp_path_factory.mktemp("p") / "w")
    try:
        front = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        return
    project.add_page("docs/random.md", f"---\n{front}---\n\n{body}\n")
    assert_clean_report(project)


@SETTINGS
@given(raw=st.binary(max_size=400))
def test_random_bytes_never_raise(tmp_path_factory, raw):
    project = Project(tmp_path_factory.mktemp("p") / "w")
    project.add_page("docs/random.md", b"---\n" + raw)
    assert_clean_report(project)


@SETTINGS
@given(meta=values, cells=st.lists(st.one_of(values, st.fixed_dictionaries({"cell_type": st.just("markdown"), "source": values})), max_size=3))
def test_random_notebooks_never_raise(tmp_path_factory, meta, cells):
    project = Project(tmp_path_factory.mktemp("p") / "w")
    project.add_page("exercises/random.ipynb", json.dumps({"cells": cells, "metadata": {"workshop": meta}}))
    assert_clean_report(project)


@SETTINGS
@given(objectives=values)
def test_random_objective_configuration_never_raises(tmp_path_factory, objectives):
    """The checker's own front end, run in this process: any exception would fail the test."""
    import contextlib
    import io

    from workshop.frontends.check import main

    project = Project(tmp_path_factory.mktemp("p") / "w")
    project.config["extra"]["objectives"] = objectives
    project.save()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--config", str(project.root / "mkdocs.yml")])
    assert status in (0, 1, 2)
    assert status != 2 or err.getvalue().startswith("check_objectives: ")
