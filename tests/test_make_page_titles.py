"""make page takes any title as data: through make itself, arbitrary Unicode titles reach the page
and the nav exactly as typed, nothing runs, and the site still builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from project_factory import ROOT, Project

pytestmark = pytest.mark.slow

REFUSED = ("Cc", "Cs", "Co", "Cn")
LINE_BREAKS = "\u2028\u2029\u0085\ufeff"


def make_project(tmp_path: Path) -> Project:
    project = Project(tmp_path / "project")
    project.config["extra"]["kinds"]["concept"].update({"folder": "docs/learn", "section": "Learn"})
    project.save()
    shutil.copy2(ROOT / "Makefile", project.root / "Makefile")
    shutil.copytree(ROOT / "scripts", project.root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (project.root / ".venv").symlink_to(Path(sys.executable).parents[1], target_is_directory=True)
    return project


def make_page(project: Project, title: str) -> subprocess.CompletedProcess:
    # -o: the virtual environment is the test's own; never rebuilt here
    return subprocess.run(["make", "-s", "-o", ".venv/.installed", "page", "KIND=concept", "OBJECTIVES=LO1",
                           f"TITLE={title}"], cwd=project.root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def nav_titles(project: Project) -> dict[str, str]:
    config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    found = {}
    for item in config["nav"]:
        for key, value in item.items():
            for child in value if isinstance(value, list) else [{key: value}]:
                found.update({path: name for name, path in child.items()})
    return found


titles = st.text(
    alphabet=st.characters(blacklist_categories=REFUSED, blacklist_characters=LINE_BREAKS),
    min_size=1, max_size=60,
).filter(lambda t: t.strip() and not t[0].isspace() and not unicodedata.category(t[0]).startswith("Z"))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    return make_project(tmp_path_factory.mktemp("titles"))


HOSTILE = ['`touch PWNED`', '$(touch PWNED)', '$$(touch PWNED)', '"; touch PWNED; "', "$HOME and $$HOME",
           "\\1 C:\\new", "- dash", "* star", "[link](x)", "{curly}", "@at", "%percent", "|pipe", "> quote",
           "? query", "! bang", "<script>alert(1)</script>", "a: b # c", "&amp; 'single'"]


@pytest.mark.parametrize("title", [f"{t} {n}" for n, t in enumerate(HOSTILE)])
def test_hostile_titles_through_make(project, title):
    result = make_page(project, title)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not list(project.root.rglob("PWNED"))
    assert title in nav_titles(project).values()
    page = next(p for p in (project.root / "docs/learn").glob("*.md")
                if yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])["title"] == title)
    assert page.is_file()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=titles)
def test_any_title_is_written_exactly(project, title):
    before = set(nav_titles(project).items())
    result = make_page(project, title)
    assert "Traceback" not in result.stderr
    if result.returncode != 0:  # the slug of an earlier title: refused (make reports any failure as 2)
        assert "already exists" in result.stderr
        assert set(nav_titles(project).items()) == before
        return
    assert result.returncode == 0, result.stderr
    added = set(nav_titles(project).items()) - before
    assert len(added) == 1
    path, name = added.pop()
    assert name == title
    front = (project.root / "docs" / path).read_text(encoding="utf-8").split("---\n")[1]
    assert yaml.safe_load(front)["title"] == title


def test_the_site_with_every_title_still_builds(project):
    make_page(project, "<b>Bold</b> & \"quoted\"")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project.root / "site")],
                            cwd=project.root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    html = (project.root / "site/definitions/index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp;" in html
    assert "<b>Bold</b>" not in html
