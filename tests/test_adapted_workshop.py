"""The site tests hold for any workshop: every one of them runs, and passes, on a workshop that is not
this repository's (tests/adapted_workshop.py: the starter adapted to another topic, other objective ids
and statements, another agenda and length, three scenario cards and four role cards, no notebooks, US
English, a deep purple palette and one group joining online), through `workshop test` as a fork's CI runs it.
Nothing is skipped: a missing browser or LibreOffice is a failure there, as here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from importlib import resources

import pytest

from adapted_workshop import write_adapted

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def site_test_modules() -> set[str]:
    """The modules of the engine's site tests, as the package holds them."""
    return {entry.name.removesuffix(".py") for entry in resources.files("workshop.sitetests").iterdir()
            if entry.name.startswith("test_") and entry.name.endswith(".py")}


def test_every_site_test_passes_on_another_workshop(tmp_path):
    config = write_adapted(tmp_path / "workshop")
    report = tmp_path / "report.xml"
    # The run is one of this suite's workers: it runs the site tests in one process, in its own temporary
    # folder, with none of this run's pytest settings in its environment.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "WORKSHOP_"))}
    result = subprocess.run([sys.executable, "-m", "workshop.command", "test", "--config", str(config), "--workers", "0",
                             f"--basetemp={tmp_path / 'run'}", f"--junitxml={report}", "-q", "-p", "no:randomly"],
                            cwd=tmp_path, capture_output=True, text=True, env=env, timeout=1200)
    tail = (result.stdout + result.stderr)[-6000:]
    assert result.returncode == 0, f"the site tests failed on the adapted workshop:\n{tail}"
    suite = ElementTree.parse(report).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    counts = {key: int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")}
    assert counts["failures"] == counts["errors"] == counts["skipped"] == 0, (counts, tail)
    ran = {next(part for part in case.get("classname").split(".") if part.startswith("test_"))
           for case in suite.iter("testcase")}
    assert ran == site_test_modules(), f"site test modules that did not run: {sorted(site_test_modules() - ran)}"
    assert counts["tests"] >= 3 * len(ran), counts
