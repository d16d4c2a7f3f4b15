"""The engine is a package: installed (not editable) into a fresh environment outside this repository,
it writes, builds, checks and prints a workshop in another folder, reading nothing from here.

The fresh environment gets the engine from a wheel built from this repository; the engine's
dependencies, which take minutes to install, are lent from the test's own environment through a
.pth line placed after the fresh site-packages, so that `import workshop` can only find the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def run(args: list, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment, outside the repository, with the engine installed from a wheel."""
    base = tmp_path_factory.mktemp("elsewhere")
    env = base / "env"
    made = run([sys.executable, "-m", "venv", "--without-pip", env], base)
    assert made.returncode == 0, made.stderr
    python = env / "bin" / "python"
    wheels = base / "wheels"
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", wheels, ROOT], base)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheels.glob("workshop_site-*.whl")
    added = run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel], base)
    assert added.returncode == 0, added.stdout + added.stderr
    fresh = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base).stdout.strip())
    (fresh / "zz_lent_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env


def test_the_installed_engine_is_the_wheel_and_carries_its_data(installed):
    python = installed / "bin" / "python"
    found = run([python, "-c", "import workshop, importlib.metadata as m; print(workshop.__file__); "
                               "print(m.distribution('workshop-site').locate_file(''))"], installed)
    assert found.returncode == 0, found.stderr
    module, _ = found.stdout.splitlines()
    assert Path(module).resolve().is_relative_to(installed.resolve()), module
    package = Path(module).parent
    for data in ("theme/main.html", "theme/workshop/page.html", "theme/assets/workshop/print.css",
                 "page_templates/concept.md", "qa/html_allowlist.yaml", "starter/mkdocs.yml"):
        assert (package / data).is_file(), data
    assert list((package / "schemas").glob("*.schema.json"))


def test_a_workshop_elsewhere_is_written_built_checked_and_printed_by_the_installed_engine(installed, tmp_path):
    bin_ = installed / "bin"
    folder = tmp_path / "another-workshop"
    written = run([bin_ / "workshop", "new", folder, "--title", "Working with carers: a short course"], tmp_path)
    assert written.returncode == 0, written.stderr
    for hidden in (".gitignore", ".ci/run", ".github/workflows/ci.yml"):
        assert (folder / hidden).is_file(), hidden

    built = run([bin_ / "python", "-m", "mkdocs", "build", "--strict"], folder)   # MkDocs itself is lent

    assert built.returncode == 0, built.stdout + built.stderr
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "Working with carers: a short course" in home and 'class="objectives-box"' in home
    assert (folder / "site" / "assets" / "workshop" / "workshop.css").is_file()
    checked = run([bin_ / "workshop", "check"], folder)
    assert checked.returncode == 0 and "No problems" in checked.stdout, checked.stdout + checked.stderr
    printed = run([bin_ / "workshop", "handouts", "--paper", "a4"], folder)
    assert printed.returncode == 0, printed.stdout + printed.stderr
    assert (folder / "build" / "handouts" / "a4" / "worksheet.pdf").is_file()
    assert not (ROOT / "site" / "another-workshop").exists()
