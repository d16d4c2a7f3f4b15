"""Another trainer forks the site: changes the title, objectives and agenda, adds a page.

The fork is a copy of the repository in a temporary folder. Everything must follow its
new configuration: the checker, the strict build, the handouts and the slides.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NEW_TITLE = "Co-producing research with communities: a practical workshop"
NEW_STATEMENT = "Compare three definitions of co-production used by funders, and classify a local project with them."

pytestmark = pytest.mark.slow


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def fork(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fork") / "workshop"
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r'^site_name: &title ".*"$', f'site_name: &title "{NEW_TITLE}"', config, count=1, flags=re.M)
    config = config.replace("short: Definitions and types", "short: Definitions used by funders")
    statement = re.search(r"(- id: LO1\n\s+short: .*\n\s+statement: >-\n)((?:\s{8}.*\n)+)", config)
    config = config[:statement.start(2)] + f"        {NEW_STATEMENT}\n" + config[statement.end(2):]
    config = config.replace("session_minutes: 120", "session_minutes: 130")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    agenda = yaml.safe_load((target / "data/agenda.yaml").read_text(encoding="utf-8"))
    text = (target / "data/agenda.yaml").read_text(encoding="utf-8")
    first = agenda["blocks"][0]
    (target / "data/agenda.yaml").write_text(
        text.replace(f"minutes: {first['minutes']}\n", f"minutes: {first['minutes'] + 10}\n", 1), encoding="utf-8")
    return target


def test_checker_follows_the_new_agenda_and_names_what_no_longer_balances(fork):
    result = run([sys.executable, "scripts/check_objectives.py"], fork)
    assert result.returncode == 1
    assert "data/agenda.yaml:1: didactic time" in result.stdout and "are not equal" in result.stdout
    # Balance it again by adding ten interactive minutes to the longest interactive block.
    agenda = yaml.safe_load((fork / "data/agenda.yaml").read_text(encoding="utf-8"))
    block = max((b for b in agenda["blocks"] if b["mode"] == "interactive"), key=lambda b: b["minutes"])
    block["minutes"] += 10
    session = sum(b["minutes"] for b in agenda["blocks"])
    (fork / "data/agenda.yaml").write_text(yaml.safe_dump(agenda, sort_keys=False, allow_unicode=True), encoding="utf-8")
    config = (fork / "mkdocs.yml").read_text(encoding="utf-8")
    (fork / "mkdocs.yml").write_text(re.sub(r"session_minutes: \d+", f"session_minutes: {session}", config), encoding="utf-8")
    result = run([sys.executable, "scripts/check_objectives.py"], fork)
    assert result.returncode == 0, result.stdout


def test_make_page_adds_a_page_that_the_checker_reads(fork):
    result = run([sys.executable, "scripts/new_page.py", "--kind", "concept", "--title", "Working with community groups",
                  "--objectives", "LO1"], fork)
    assert result.returncode == 0, result.stderr
    page = fork / "docs/learn/working-with-community-groups.md"
    assert "learn/working-with-community-groups.md" in (fork / "mkdocs.yml").read_text(encoding="utf-8")
    check = run([sys.executable, "scripts/check_objectives.py"], fork)
    assert "docs/learn/working-with-community-groups.md:5: LO1 is declared, but the text gives too little evidence" in check.stdout
    # The trainer writes the page; a second `make page` with the same title refuses to overwrite it.
    page.write_text(page.read_text(encoding="utf-8").replace(
        "## A first section", "## A first section\n\nEach definition of co-production names a different "
        "stakeholder, and a typology of partnerships helps a group to compare them.").replace(
        "!!! summary \"In brief\"\n", "!!! summary \"In brief\"\n\n    Groups in a town can shape a study. "
        "This page says how.\n"), encoding="utf-8")
    again = run([sys.executable, "scripts/new_page.py", "--kind", "concept", "--title", "Working with community groups",
                 "--objectives", "LO1"], fork)
    assert again.returncode == 1 and "already exists; it was left as it is" in again.stderr
    assert "Each definition of co-production" in page.read_text(encoding="utf-8")
    assert run([sys.executable, "scripts/check_objectives.py"], fork).returncode == 0


def test_strict_build_shows_the_new_title_and_objectives(fork):
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], fork)
    assert result.returncode == 0, result.stderr[-3000:]
    home = (fork / "site/index.html").read_text(encoding="utf-8")
    assert f"<title>Home - {NEW_TITLE}</title>" in home and NEW_TITLE in home.split("<h1")[1]
    page = (fork / "site/learn/typologies/index.html").read_text(encoding="utf-8")
    assert NEW_STATEMENT in page and "Definitions used by funders" in page
    handout = (fork / "site/exercises/handouts/self-assessment/index.html").read_text(encoding="utf-8")
    assert NEW_STATEMENT in handout and "LO1 Definitions used by funders" in handout
    assert (fork / "site/learn/working-with-community-groups/index.html").is_file()


def test_removing_an_objective_names_every_page_that_declared_it(fork):
    config = (fork / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("    - id: LO5")
    end = config.index("\n\n", start)
    (fork / "mkdocs.yml").write_text(config[:start] + config[end + 1:], encoding="utf-8")
    result = run([sys.executable, "scripts/check_objectives.py"], fork)
    assert result.returncode == 1
    named = {line.split(":")[0] for line in result.stdout.splitlines() if "unknown learning objective 'LO5'" in line}
    declaring = {str(p.relative_to(fork)) for folder in ("docs", "exercises") for p in (fork / folder).rglob("*.md")
                 if re.search(r"^objectives:.*\bLO5\b", p.read_text(encoding="utf-8"), re.M)}
    assert declaring and named >= declaring


def test_slides_follow_the_new_title_and_objectives(fork):
    from pptx import Presentation

    result = run([sys.executable, "scripts/make_slides.py", "--pages"], fork)
    assert result.returncode == 0, result.stderr
    deck = Presentation(str(fork / "build/slides/workshop.pptx"))
    texts = ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in deck.slides]
    assert texts[0].startswith(NEW_TITLE)
    index = next(n for n, text in enumerate(texts) if text.startswith("Learning objectives"))
    assert "Definitions used by funders" in texts[index]
    notes = deck.slides[index].notes_slide.notes_text_frame.text
    assert NEW_STATEMENT in " ".join(notes.split())
    assert (fork / "build/slides/pages/learn-working-with-community-groups.pptx").is_file()


@pytest.mark.browser
def test_printed_handouts_follow_the_new_objectives(fork):
    from pypdf import PdfReader

    result = run([sys.executable, "scripts/make_handouts.py", "--paper", "a4"], fork)
    assert result.returncode == 0, result.stdout + result.stderr
    text = " ".join("".join(page.extract_text() for page in PdfReader(
        str(fork / "build/handouts/a4/self-assessment.pdf")).pages).split())
    assert NEW_STATEMENT in text and "LO1 Definitions used by funders" in text
    from workshop.model.config import load_config
    ids = {o.id for o in load_config(fork / "mkdocs.yml").objectives}
    assert set(re.findall(r"\bLO\d\b", text)) == ids
