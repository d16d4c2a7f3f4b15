"""The site tests hold for any workshop: every one of them runs, and passes, on a workshop that is not
this repository's (tests/adapted_workshop.py: the starter adapted to another topic, other objective ids
and statements, another agenda and length, three scenario cards and four role cards, no notebooks, US
English, a deep purple palette and one group joining online), through `workshop test` as a fork's CI runs it.
Nothing is skipped: a missing browser or LibreOffice is a failure there, as here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from importlib import resources

import pytest

from adapted_workshop import write_adapted

def site_test_modules() -> set[str]:
    """The modules of the engine's site tests, as the package holds them."""
    return {entry.name.removesuffix(".py") for entry in resources.files("workshop.sitetests").iterdir()
            if entry.name.startswith("test_") and entry.name.endswith(".py")}


@pytest.mark.slow
@pytest.mark.browser
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


# ---------------------------------------------------------------- a trainer goes on adapting it

def run(args: list[str], cwd) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "WORKSHOP_"))}
    return subprocess.run([sys.executable, "-m", "workshop.command", *args], cwd=cwd, capture_output=True, text=True,
                          env={**env, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture
def adapted(tmp_path):
    return write_adapted(tmp_path / "workshop")


def test_the_checker_follows_a_changed_agenda_and_names_what_no_longer_balances(adapted):
    import yaml

    from adapted_workshop import check

    agenda = adapted.parent / "data/agenda.yaml"
    data = yaml.safe_load(agenda.read_text(encoding="utf-8"))
    first = data["blocks"][0]
    agenda.write_text(agenda.read_text(encoding="utf-8").replace(
        f"minutes: {first['minutes']}\n", f"minutes: {first['minutes'] + 10}\n", 1), encoding="utf-8")
    code, output = check(adapted)
    assert code == 1, output
    assert "data/agenda.yaml:1: the blocks add up to 85 min, but the session is 75 min [agenda-length]" in output
    assert "data/agenda.yaml:1: didactic time (45 min) and interactive time (35 min) are not equal" in output
    # Balanced again, with ten interactive minutes and the session's new length.
    data = yaml.safe_load(agenda.read_text(encoding="utf-8"))
    longest = max((b for b in data["blocks"] if b["mode"] == "interactive"), key=lambda b: b["minutes"])
    longest["minutes"] += 10
    agenda.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    adapted.write_text(re.sub(r"session_minutes: \d+", "session_minutes: 95", adapted.read_text(encoding="utf-8")),
                       encoding="utf-8")
    code, output = check(adapted)
    assert code == 0, output


def test_a_new_page_is_added_and_read_by_the_checker_and_never_written_over(adapted):
    from adapted_workshop import check

    folder = adapted.parent
    made = run(["page", "--kind", "concept", "--title", "Working with tribal health boards", "--objectives", "P1"], folder)
    assert made.returncode == 0, made.stderr
    page = folder / "docs/learn/working-with-tribal-health-boards.md"
    assert "learn/working-with-tribal-health-boards.md" in adapted.read_text(encoding="utf-8")
    code, output = check(adapted)
    assert code == 1 and ("docs/learn/working-with-tribal-health-boards.md:5: P1 is declared, but the text gives too "
                          "little evidence") in output, output
    written = page.read_text(encoding="utf-8") + "\nThe trainer's own paragraph on community power.\n"
    page.write_text(written, encoding="utf-8")
    again = run(["page", "--kind", "concept", "--title", "Working with tribal health boards", "--objectives", "P1"], folder)
    assert again.returncode == 1 and "already exists; it was left as it is" in again.stderr
    assert page.read_text(encoding="utf-8") == written


def test_removing_an_objective_names_every_page_that_declared_it(adapted):
    from adapted_workshop import check

    text = adapted.read_text(encoding="utf-8")
    start = text.index("    - id: P3")
    end = text.index("\n\n", start)
    adapted.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    code, output = check(adapted)
    assert code == 1
    named = {line.split(":")[0] for line in output.splitlines() if "unknown learning objective 'P3'" in line}
    folder = adapted.parent
    declaring = {str(p.relative_to(folder)) for base in ("docs", "exercises") for p in (folder / base).rglob("*.md")
                 if re.search(r"^objectives:.*\bP3\b", p.read_text(encoding="utf-8"), re.M)}
    assert declaring and named >= declaring, output
