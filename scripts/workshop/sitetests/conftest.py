"""Fixtures for the engine's tests of a workshop: the project under test, its model, its site built
once per run (strictly, as CI builds it), a local server for it and headless Chromium.

The project is the mkdocs.yml named by WORKSHOP_CONFIG, else the one found from the working folder
upwards. A missing browser is an error, never a skip: `workshop system` installs one.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CONFIG_VARIABLE = "WORKSHOP_CONFIG"


def pytest_configure(config) -> None:
    for marker in ("browser: needs headless Chromium (installed by workshop system when missing)",
                   "slow: builds the whole site, opens LibreOffice or prints (left out of a quick run)"):
        config.addinivalue_line("markers", marker)


def project_config() -> Path:
    from workshop.model.config import find_config

    named = os.environ.get(CONFIG_VARIABLE)
    return Path(named).resolve() if named else find_config(Path.cwd()).resolve()


@pytest.fixture(scope="session")
def config_path() -> Path:
    """The workshop's mkdocs.yml."""
    return project_config()


@pytest.fixture(scope="session")
def project(config_path) -> Path:
    """The workshop's folder."""
    return config_path.parent


@pytest.fixture(scope="session")
def site(config_path):
    """The workshop's model, read and checked once: configuration, pages, data, problems."""
    from workshop.check.checks import run_checks
    from workshop.model.site import load_site

    return run_checks(load_site(config_path))


def _build(config_path: Path, site_dir: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_path),
                             "--site-dir", str(site_dir)], capture_output=True, text=True, cwd=config_path.parent,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, f"the strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def built_site(config_path, tmp_path_factory, request) -> Path:
    """The site, built strictly once for the whole run: with parallel workers (pytest-xdist), the first
    that needs it builds it and the others wait for it. Tests only read it."""
    if not hasattr(request.config, "workerinput"):
        return _build(config_path, tmp_path_factory.mktemp("workshop-site"))
    shared = tmp_path_factory.getbasetemp().parent / "workshop-site"
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared.with_suffix(".done")
        if not done.is_file():
            shutil.rmtree(shared, ignore_errors=True)
            _build(config_path, shared)
            done.touch()
    return shared


@pytest.fixture(scope="session")
def site_url(built_site):
    from workshop.qa.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, one per test process (shared with the engine's tests: chromium.py)."""
    from workshop.sitetests import chromium

    yield chromium.borrow()
    chromium.give_back()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
