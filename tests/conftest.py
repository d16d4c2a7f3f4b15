"""Shared fixtures of the engine's tests: this repository's folder (for its scripts), a strict MkDocs
build of any project, a local web server and headless Chromium.

Browser tests drive Debian's Chromium through Playwright. A missing browser is an error, never a
skip: `make test` installs one first (`workshop system`). The tests of this workshop's own built site
are the site tests (scripts/workshop/sitetests/, with their own fixtures); built_site here is the
same strict build, for an engine test that still needs it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# Finding, launching and serving to Chromium is shared with make handouts (scripts/workshop/browser.py).
from workshop.qa.browser import CHROMIUM_ARGS, chromium_path, launch, serve  # noqa: F401


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def run_mkdocs(config: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
         "--site-dir", str(site_dir), *extra],
        capture_output=True, text=True, cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """The real site, built strictly once for the whole test run: with parallel workers, the first
    that needs it builds it and the others wait for it. The tests only read it."""
    if worker_id == "master":
        return _build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent / "workshop-site"   # the site tests' build of it, shared
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared.with_suffix(".done")
        if not done.is_file():
            shutil.rmtree(shared, ignore_errors=True)   # a build that failed part-way
            _build_site(shared)
            done.touch()
    return shared


def _build_site(site_dir: Path) -> Path:
    result = run_mkdocs(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, one per test process, shared with the site tests' fixture."""
    from workshop.sitetests import chromium

    yield chromium.borrow()
    chromium.give_back()


def pytest_collection_modifyitems(config, items):
    """A test that needs the whole site built is slow: make test-fast leaves it out.

    make test runs with pytest-xdist's --dist loadscope: a module's test functions run together,
    in order, on one worker; test classes (the accessibility shares) go to any worker."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
    items[:] = longest_first(items)


def longest_first(items: list) -> list:
    """The work units in the order two workers finish soonest: those that drive the browser, then
    the other slow ones, then the quick ones, which fill the gaps at the end; the second unit is
    long work that needs no built site. (make test turns
    off xdist's own order, which puts the units with the most tests first: the four one-test
    accessibility shares, the longest units, came last, where one worker could run on alone.)"""
    def scope(item) -> str:
        return item.nodeid.rsplit("::", 1)[0] if item.cls is not None else item.nodeid.split("::")[0]

    tiers: dict[str, int] = {}
    for item in items:
        tier = 0 if item.get_closest_marker("browser") else 1 if item.get_closest_marker("slow") else 2
        tiers[scope(item)] = min(tier, tiers.get(scope(item), 2))
    first_seen = {name: n for n, name in enumerate(dict.fromkeys(scope(item) for item in items))}
    units = sorted(first_seen, key=lambda name: (tiers[name], first_seen[name]))
    # While the first worker builds the site for the browser tests, the second starts on long
    # work that needs no built site, rather than waiting for the build.
    needs_site = {scope(item) for item in items if "built_site" in getattr(item, "fixturenames", ())}
    free = next((name for name in units if name not in needs_site and tiers[name] < 2), None)
    if free is not None and units and units[0] in needs_site:
        units.remove(free)
        units.insert(1, free)
    rank = {name: n for n, name in enumerate(units)}
    return sorted(items, key=lambda item: rank[scope(item)])
