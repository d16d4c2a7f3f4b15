"""A fork that adapts the workshop takes an engine-only change from upstream by merging, with no
conflict, and the merge leaves every file the trainer wrote as the trainer wrote it.

This holds because the engine and the content live in different files: the engine is the package
(scripts/workshop: code, theme, schemas, templates) and the files that build and test it; the content
is mkdocs.yml, docs/, exercises/, data/ and overrides/. The test makes both sides of a real fork in a
scratch repository: the trainer's adaptation on one branch, a change to every kind of engine file on
the other, then merges.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from workshop.model.engine_files import CONTENT_PATHS, is_content

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "user.name=Trainer", "-c", "user.email=trainer@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, capture_output=True, text=True)


def tracked(repo: Path) -> list[str]:
    return [f for f in git(repo, "ls-files").stdout.splitlines() if f]


@pytest.fixture
def repository(tmp_path) -> Path:
    """This repository's files as one commit of a new repository, as a fork starts."""
    repo = tmp_path / "fork"
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file() and not source.is_symlink():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / rel)
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "The workshop as forked").returncode == 0
    return repo


def adapt(repo: Path) -> None:
    """What a trainer changes: the title and an objective, the session's length, a page and an agenda block."""
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r'^site_name: &title ".*"$', 'site_name: &title "Involving carers in research: a workshop"',
                  text, count=1, flags=re.M)
    text = re.sub(r"(\n\s+statement: >-\n)(\s+)\S[^\n]*", r"\1\2Name three ways carers can shape a study.", text, count=1)
    config.write_text(text, encoding="utf-8")
    page = next(p for p in sorted((repo / "docs").rglob("*.md")) if p.name != "index.md")
    page.write_text(page.read_text(encoding="utf-8") + "\nA paragraph the trainer wrote for carers.\n", encoding="utf-8")
    agenda = repo / "data" / "agenda.yaml"
    agenda.write_text(agenda.read_text(encoding="utf-8").replace("minutes: 5\n", "minutes: 6\n", 1), encoding="utf-8")


def engine_change(repo: Path) -> list[str]:
    """An upstream release that touches every kind of engine file: code, templates, stylesheets, scripts,
    schemas, page templates, tests, the Makefile, the package's metadata and the changelog."""
    changed = []
    for rel in tracked(repo):
        if is_content(rel):
            continue
        path = repo / rel
        suffix = path.suffix
        comment = {".py": "# engine fix\n", ".css": "/* engine fix */\n", ".js": "/* engine fix */\n",
                   ".html": "{# engine fix #}\n", ".toml": "# engine fix\n", ".md": "\n<!-- engine fix -->\n",
                   ".yaml": "# engine fix\n", ".yml": "# engine fix\n", ".sh": "# engine fix\n"}.get(suffix)
        if path.name == "Makefile":
            comment = "# engine fix\n"
        if comment is None or suffix == ".json":
            continue
        path.write_text(path.read_text(encoding="utf-8") + comment, encoding="utf-8")
        changed.append(rel)
    return changed


def test_the_content_and_the_engine_are_different_files(repository):
    files = tracked(repository)
    content = [f for f in files if is_content(f)]
    assert content and len(content) < len(files)
    for prefix in CONTENT_PATHS:
        assert any(f == prefix or f.startswith(prefix) for f in content), prefix
    assert not any(f.startswith("scripts/workshop/") for f in content)


def test_an_engine_only_change_merges_into_an_adapted_fork_without_conflict(repository):
    repo = repository
    git(repo, "checkout", "-q", "-b", "upstream")
    changed = engine_change(repo)
    assert len(changed) > 50, changed   # a real cross-section of the engine
    git(repo, "commit", "-q", "-am", "Engine release")
    upstream = {rel: (repo / rel).read_bytes() for rel in changed}
    git(repo, "checkout", "-q", "main")
    adapt(repo)
    git(repo, "commit", "-q", "-am", "Our workshop")
    adapted = {rel: (repo / rel).read_bytes() for rel in tracked(repo) if is_content(rel)}

    merged = git(repo, "merge", "--no-edit", "upstream")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert {rel: (repo / rel).read_bytes() for rel in adapted} == adapted   # the trainer's files, untouched
    assert {rel: (repo / rel).read_bytes() for rel in changed} == upstream   # the engine, as released
