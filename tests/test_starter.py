"""The starter (`workshop new`): a trainer starts from green. The workshop it writes builds strictly,
passes the checker and writes its session deck with no problem, as it stands; its Makefile's `make
test` runs every site test on it (`workshop test`, run on the starter by hand: it is the same suite as
tests/test_adapted_workshop.py runs on another workshop). Nothing it writes is a placeholder.
"""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from conftest import run_mkdocs
from workshop.frontends.new import main as new
from workshop.model.site import load_site
from workshop.outputs.slides import build_decks
from workshop.sitetests.pages import with_marker

TITLE = "Working with carers: a short course"
PLACEHOLDERS = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum|@[A-Z_]+@", re.I)


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("starter") / "workshop"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert new([str(folder), "--title", TITLE, "--engine", "workshop-site"]) == 0
    return folder


def test_it_writes_a_whole_workshop_with_no_placeholder(starter):
    written = sorted(p.relative_to(starter).as_posix() for p in starter.rglob("*") if p.is_file())
    for expected in ("mkdocs.yml", "Makefile", "requirements.txt", ".gitignore", ".ci/run", "data/agenda.yaml",
                     "data/slides.yaml", "data/session.yaml", "data/bibliography.yaml", "data/wordlist.txt"):
        assert expected in written
    for rel in written:
        assert not PLACEHOLDERS.search((starter / rel).read_text(encoding="utf-8")), rel
    assert re.search(r"(?m)^test: .*\n\t\$\(BIN\)/workshop test$", (starter / "Makefile").read_text(encoding="utf-8"))
    assert f'site_name: &title "{TITLE}"' in (starter / "mkdocs.yml").read_text(encoding="utf-8")


def test_its_ci_runs_make_test_with_actions_pinned_by_commit(starter):
    import yaml

    workflow = yaml.safe_load((starter / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)
    assert workflow["permissions"] == {"contents": "read"} and {"push", "pull_request"} <= set(workflow[True])
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    text = (starter / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert re.findall(r"@[0-9a-f]{40} # v\d", text)


def test_it_passes_the_checker_as_it_stands(starter):
    from adapted_workshop import check

    code, output = check(starter / "mkdocs.yml")
    assert code == 0 and "No problems" in output, output
    site = load_site(starter / "mkdocs.yml")
    assert not [page for page in site.pages if page.notebook]
    kinds = {page.kind for page in site.in_nav_order()}
    assert kinds == set(site.config.kinds), f"kinds with no page: {sorted(set(site.config.kinds) - kinds)}"
    modes = {block.mode: 0 for block in site.agenda.blocks}
    for block in site.agenda.blocks:
        modes[block.mode] += block.minutes
    assert modes["didactic"] == modes["interactive"] > 0


@pytest.mark.slow
def test_it_builds_strictly_with_its_facilitator_view_and_group_plan(starter):
    built = run_mkdocs(starter / "mkdocs.yml", starter / "site")
    assert built.returncode == 0, built.stderr
    site = load_site(starter / "mkdocs.yml")
    for marker, shown in (("facilitator-view", 'class="facilitator-view'), ("group-plan", "Of whom lay members")):
        (page,) = with_marker(site, marker)
        html = (starter / "site" / page.site_path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert shown in html, marker
    assert TITLE in (starter / "site" / "index.html").read_text(encoding="utf-8")


def test_its_deck_has_slides_for_every_block_and_raises_nothing(starter, tmp_path):
    site = load_site(starter / "mkdocs.yml")
    result = build_decks(site, tmp_path)
    assert [p.text() for p in result.errors.sorted() + result.problems.sorted()] == []
    assert [deck.path.name for deck in result.decks] == ["workshop.pptx"] and result.decks[0].pictures >= 1
