"""make handouts never loses a PDF.

A run prints into temporary files and replaces the previous set only once it is complete: Ctrl-C
after the first PDF, a termination signal, a browser that does not start or a failure part-way
leave the previous PDFs byte for byte as they were, with no temporary file left behind and no
traceback. Only files the manifest lists as written by the command (and unchanged since) are
replaced or removed: --paper a4 keeps the US Letter set, --out at someone's folder keeps their
files, and a file of the same name the command did not write stops the run before it prints.
A PDF is published with the site only while it matches everything rendered into its handout.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from pypdf import PdfWriter

from project_factory import Project, handout_page
from workshop.outputs import handouts as printing
from workshop.check.checks import run_checks
from workshop.outputs.handouts import (MANIFEST, PAPERS, TEMP_SUFFIX, OutputConflict, OutputFolder, Printed,
                               handout_entries, handouts, published_pdfs, signals_deferred, targets)
from workshop.model.site import load_site

pytestmark = pytest.mark.slow  # builds a site and prints it: left out of make test-fast

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_handouts.py"


def _handout(number: int, name: str, extra: str = "") -> str:
    return handout_page(number, name, '<div class="write-box" markdown>\n\n**Your answer.** Write here.\n\n</div>\n' + extra)


SELF_ASSESSMENT = _handout(4, "Self-assessment", "\n## The objectives\n\nRate your confidence in each learning "
                                                  "objective.\n\n<!-- workshop:objective-statements -->\n")


def _project(folder: Path) -> Project:
    project = Project(folder / "workshop")
    _handouts_only(project)
    for number, name in ((1, "brief"), (2, "cards"), (3, "worksheet")):
        project.add_page(f"exercises/handouts/{name}.md", _handout(number, name.capitalize()),
                         f"Handout {number}: {name.capitalize()}")
    project.add_page("exercises/handouts/self-assessment.md", SELF_ASSESSMENT, "Handout 4: Self-assessment")
    project.config["extra_css"] = ["assets/house.css"]   # the project's own stylesheet, beside the engine's
    project.write("docs/assets/house.css", "h1 { letter-spacing: 0; }\n")
    return project


def _handouts_only(project: Project) -> None:
    """Only the exercise and the handouts: the teaching pages' own rules are not at stake here."""
    project.files.pop("docs/definitions.md", None)
    project.config["nav"] = [entry for entry in project.config["nav"] if "definitions.md" not in entry.values()]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under a folder (hidden ones too) with its SHA-256."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _temporary_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"*{TEMP_SUFFIX}"))


def _no_traceback(output: str) -> None:
    assert "Traceback" not in output and "Exception:" not in output, output


def _run(project: Project, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(SCRIPT), "--site", str(project.root / "site"), *args],
                            capture_output=True, text=True, cwd=project.root,
                            env={**os.environ, **(env or {})}, timeout=300)
    _no_traceback(result.stdout + result.stderr)
    return result


def _pdf(pages: int = 1, mark: str = "") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": mark or "a blank page"})
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


# ---------- a small project, built once, with a set of PDFs printed once

@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    project = _project(tmp_path_factory.mktemp("safety"))
    built = project.build()
    assert built.returncode == 0, built.stderr
    return project


@pytest.fixture(scope="module")
def previous(project) -> Path:
    """The set of PDFs an earlier run printed (make it once; each test works on a copy)."""
    result = _run(project)
    assert result.returncode == 0, result.stdout + result.stderr
    out = project.root / "build" / "handouts"
    assert len(list(out.glob("*/*.pdf"))) == 8 and (out / MANIFEST).is_file()
    return out


@pytest.fixture
def out(previous, tmp_path) -> Path:
    copy = tmp_path / "handouts"
    shutil.copytree(previous, copy)
    return copy


# ---------- the command, interrupted or failing, leaves the previous set whole

@pytest.mark.browser
@pytest.mark.parametrize("how, after", [("ctrl-c", 1), ("ctrl-c", 3), ("sigterm", 1)])
def test_an_interrupted_run_leaves_the_previous_set_whole(project, out, how, after):
    """Interrupted once its first (or third) new PDF is written."""
    before = _snapshot(out)
    # Started as from a terminal, where Ctrl-C is not ignored: a shell that starts pytest in the
    # background (`make test &`) ignores SIGINT, and the command rightly goes on ignoring it then.
    as_from_a_terminal = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                          "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")
    run = subprocess.Popen([sys.executable, "-c", as_from_a_terminal, str(SCRIPT), "--site", str(project.root / "site"),
                            "--out", str(out)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project.root,
                           start_new_session=True)
    deadline = time.monotonic() + 120
    seen: set[str] = set()
    while len(seen) < after and run.poll() is None and time.monotonic() < deadline:
        seen |= {path.name for path in _temporary_files(out)}
        time.sleep(0.005)
    assert run.poll() is None, f"the run ended before {after} new PDF(s) were written"
    if how == "ctrl-c":
        os.killpg(run.pid, signal.SIGINT)   # as a terminal does: the browser and its driver get it too
    else:
        os.kill(run.pid, signal.SIGTERM)
    stdout, stderr = run.communicate(timeout=120)
    _no_traceback(stdout + stderr)
    assert run.returncode == 130, stdout + stderr
    assert "make_handouts: interrupted; no PDF was changed" in stderr
    assert _snapshot(out) == before
    assert _temporary_files(out) == []


@pytest.mark.browser
def test_a_browser_that_does_not_start_changes_nothing(project, out):
    before = _snapshot(out)
    result = _run(project, "--out", str(out), env={"CHROMIUM": "/bin/false"})
    assert result.returncode == 1
    assert "make_handouts: Chromium /bin/false (set by CHROMIUM) did not start" in result.stderr
    assert "no PDF was changed" in result.stderr
    assert _snapshot(out) == before


def test_a_failure_after_the_first_pdf_leaves_the_previous_set_whole(project, out):
    """A test seam: a browser whose second print fails, after the first PDF was written."""
    before = _snapshot(out)
    site = load_site(project.root / "mkdocs.yml")

    class Tab:
        printed = 0

        def goto(self, url, wait_until):
            return type("Response", (), {"ok": True, "status": 200})()

        def evaluate(self, script, *args):
            return True

        def pdf(self, **options):
            Tab.printed += 1
            if Tab.printed > 1:
                raise RuntimeError("the printer caught fire")
            return _pdf()

        def close(self):
            pass

    browser = type("Browser", (), {"new_page": lambda self: Tab()})()
    with pytest.raises(RuntimeError):
        with OutputFolder(out) as output:
            printing.print_handouts(site, "http://127.0.0.1:9", browser, output, list(PAPERS.values()),
                                    say=lambda line: None)
    assert Tab.printed == 2
    assert _snapshot(out) == before
    assert _temporary_files(out) == []


# ---------- it never deletes or replaces a file it did not write

@pytest.mark.browser
def test_paper_a4_keeps_the_letter_set(project, out):
    letter = {rel: digest for rel, digest in _snapshot(out).items()
              if rel.startswith("letter/") or rel == "workshop-pack-letter.pdf"}
    a4_before = {rel: digest for rel, digest in _snapshot(out).items() if rel.startswith("a4/")}
    result = _run(project, "--out", str(out), "--paper", "a4")
    assert result.returncode == 0, result.stdout + result.stderr
    after = _snapshot(out)
    assert {rel: after.get(rel) for rel in letter} == letter
    assert all(after[rel] != digest for rel, digest in a4_before.items())   # printed again
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for rel, digest in letter.items():
        assert manifest["files"][rel]["sha256"] == [digest]
    for entry in manifest["handouts"].values():
        assert set(entry["pdfs"]) == {"a4", "letter"}
    assert _temporary_files(out) == []


@pytest.mark.browser
def test_out_at_a_folder_with_foreign_files_keeps_them(project, tmp_path):
    folder = tmp_path / "my documents"
    foreign = {"notes.txt": b"my notes", "old handout.pdf": _pdf(mark="mine"), "a4/scan.pdf": _pdf(mark="scan"),
               "letter/.hidden": b"x", "workshop-pack.pdf": _pdf(mark="another pack")}
    for rel, data in foreign.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    mine = _snapshot(folder)
    for _ in range(2):   # the second run replaces its own files, and still only those
        result = _run(project, "--out", str(folder))
        assert result.returncode == 0, result.stdout + result.stderr
        after = _snapshot(folder)
        assert {rel: after.get(rel) for rel in mine} == mine
        assert {rel for rel in after if rel not in mine} == {*targets(handouts(load_site(project.root / "mkdocs.yml")),
                                                                      list(PAPERS.values())), MANIFEST}


def test_a_file_it_did_not_write_where_a_pdf_would_go_stops_the_run(project, out):
    (out / "a4" / "brief.pdf").write_bytes(b"%PDF-1.4 someone else's brief")
    (out / "letter" / "cards.pdf").unlink()
    (out / "letter" / "cards.pdf").symlink_to(out / "a4" / "cards.pdf")
    before = _snapshot(out)
    result = _run(project, "--out", str(out))
    assert result.returncode == 2
    assert "make handouts did not write these files (or they changed since), so it will not replace them" in result.stderr
    assert f"  {out / 'a4' / 'brief.pdf'}\n" in result.stderr and f"  {out / 'letter' / 'cards.pdf'}\n" in result.stderr
    assert "nothing was changed" in result.stderr
    assert _snapshot(out) == before


@pytest.mark.parametrize("text", ["not json", '{"some": "other tool"}', "[]"])
def test_a_manifest_it_did_not_write_stops_the_run(project, tmp_path, text):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / MANIFEST).write_text(text, encoding="utf-8")
    result = _run(project, "--out", str(folder))
    assert result.returncode == 2
    assert f"make_handouts: {folder / MANIFEST}: not a manifest written by make handouts" in result.stderr
    assert (folder / MANIFEST).read_text(encoding="utf-8") == text
    assert sorted(p.name for p in folder.rglob("*")) == [MANIFEST]


def test_out_that_is_a_file_is_refused(project, tmp_path):
    target = tmp_path / "a file"
    target.write_bytes(b"keep me")
    result = _run(project, "--out", str(target))
    assert result.returncode == 2 and "not a folder" in result.stderr
    assert target.read_bytes() == b"keep me"


# ---------- the transaction itself

def _printed(site, output: OutputFolder, papers, mark: str = "") -> list[Printed]:
    found = []
    for handout in handouts(site):
        for paper in papers:
            data = _pdf(mark=f"{handout.slug} {paper.key} {mark}")
            path = output.stage(handout.pdf_rel(paper), data)
            found.append(Printed(handout, paper, path, 1, handout.pdf_rel(paper), hashlib.sha256(data).hexdigest()))
    return found


def _commit(site, folder: Path, papers=None, mark: str = "") -> OutputFolder:
    papers = papers or list(PAPERS.values())
    with OutputFolder(folder) as output:
        output.check(targets(handouts(site), papers))
        printed = _printed(site, output, papers, mark)
        for paper in papers:
            output.stage(printing.pack_name(paper), _pdf(mark=f"pack {mark}"))
        output.commit(papers, handout_entries(site, printed))
    return output


def test_stale_pdfs_are_removed_only_when_written_by_the_command_and_unchanged(project, tmp_path):
    site = load_site(project.root / "mkdocs.yml")
    folder = tmp_path / "out"
    _commit(site, folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    # Two handouts printed by an earlier version of the site, one edited by hand since; a foreign file.
    for name in ("gone", "edited"):
        data = _pdf(mark=name)
        (folder / "a4" / f"{name}.pdf").write_bytes(data)
        manifest["files"][f"a4/{name}.pdf"] = {"sha256": [hashlib.sha256(data).hexdigest()]}
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "a4" / "edited.pdf").write_bytes(_pdf(mark="annotated by hand"))
    (folder / "a4" / "foreign.pdf").write_bytes(_pdf(mark="foreign"))
    kept = {rel: digest for rel, digest in _snapshot(folder).items() if rel in ("a4/edited.pdf", "a4/foreign.pdf")}
    with OutputFolder(folder) as output:
        printed = _printed(site, output, list(PAPERS.values()), "again")
        for paper in PAPERS.values():
            output.stage(printing.pack_name(paper), _pdf(mark="pack again"))
        done = output.commit(list(PAPERS.values()), handout_entries(site, printed))
    assert done.removed == ["a4/gone.pdf"] and done.kept == ["a4/edited.pdf"]
    after = _snapshot(folder)
    assert "a4/gone.pdf" not in after
    assert {rel: after.get(rel) for rel in kept} == kept
    files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert "a4/gone.pdf" not in files and "a4/edited.pdf" not in files and "a4/foreign.pdf" not in files


def test_a_run_killed_while_renaming_leaves_every_file_its_own(project, tmp_path, monkeypatch):
    """Killed outright between two renames (no handler runs): the next run still owns every file."""
    site = load_site(project.root / "mkdocs.yml")
    folder = tmp_path / "out"
    _commit(site, folder, mark="first")

    class Killed(BaseException):
        pass

    renames = []
    real = os.replace

    def replace(source, target):
        if len(renames) == 3:   # the manifest, then two PDFs
            raise Killed
        renames.append(target)
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Killed):
        _commit(site, folder, mark="second")
    monkeypatch.setattr(os, "replace", real)
    assert _temporary_files(folder) == []
    fresh = OutputFolder(folder)
    assert fresh.conflicts(targets(handouts(site), list(PAPERS.values()))) == []
    _commit(site, folder, mark="third")


def test_temporary_files_of_a_killed_run_are_removed_and_only_those(tmp_path):
    folder = tmp_path / "out"
    (folder / "a4").mkdir(parents=True)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    left = folder / "a4" / f".brief.pdf.abc123.{dead}{TEMP_SUFFIX}"
    running = folder / "a4" / f".cards.pdf.def456.{os.getpid()}{TEMP_SUFFIX}"
    lookalike = folder / "a4" / ".brief.pdf.mine.tmp"
    for path in (left, running, lookalike):
        path.write_bytes(b"part of a PDF")
    assert OutputFolder(folder).remove_leftovers() == [left]
    assert not left.exists() and running.exists() and lookalike.exists()


@pytest.fixture
def sigint_as(request):
    """SIGINT handled as the test says, whatever the shell that started pytest had set."""
    before = signal.signal(signal.SIGINT, request.param)
    yield request.param
    signal.signal(signal.SIGINT, before)


@pytest.mark.parametrize("sigint_as", [signal.default_int_handler], indirect=True)
def test_signals_wait_until_the_files_are_in_place(sigint_as):
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            steps.append("renamed")
    assert steps == ["renamed"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize("sigint_as", [signal.SIG_IGN], indirect=True)
def test_a_run_that_ignores_ctrl_c_still_ignores_it(sigint_as):
    """make handouts started in the background (nohup, & in a script) is not stopped by Ctrl-C."""
    steps = []
    with signals_deferred():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        steps.append("renamed")
    steps.append("went on")
    assert steps == ["renamed", "went on"]
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_a_termination_signal_in_the_browsers_event_loop_stops_the_run():
    """SIGTERM may arrive while Playwright's event loop runs a callback: it must not be dropped there.
    (The loop runs in a thread of its own: this process may already be running the browser's.)"""
    import asyncio
    import threading

    def terminated() -> None:
        raise printing.Interrupted

    outcome: list[str] = []

    def drive() -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.call_soon(terminated)
            loop.run_until_complete(loop.create_future())   # a reply from the browser, still awaited
        except printing.Interrupted:
            outcome.append("stopped")
        finally:
            loop.close()

    worker = threading.Thread(target=drive, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert outcome == ["stopped"], "the signal was dropped in the event loop, and the run went on"


def test_read_manifest_names_a_foreign_file(tmp_path):
    (tmp_path / MANIFEST).write_text("{}", encoding="utf-8")
    with pytest.raises(OutputConflict, match="not a manifest written by make handouts"):
        OutputFolder(tmp_path)


def test_a_manifest_of_the_first_format_still_owns_its_files(project, tmp_path):
    """Folders printed before manifests listed hashes: their PDFs and packs are still the command's."""
    site = load_site(project.root / "mkdocs.yml")
    folder = tmp_path / "out"
    entries = {}
    for handout in handouts(site):
        for paper in PAPERS.values():
            (folder / paper.key).mkdir(parents=True, exist_ok=True)
            (folder / handout.pdf_rel(paper)).write_bytes(_pdf())
        entries[handout.page.site_path] = {"fingerprint": "old", "pdfs": {k: h for k, h in
                                           ((p.key, handout.pdf_rel(p)) for p in PAPERS.values())}}
    for paper in PAPERS.values():
        (folder / printing.pack_name(paper)).write_bytes(_pdf())
    (folder / MANIFEST).write_text(json.dumps({"printed": "2025-01-01T00:00:00", "handouts": entries}), encoding="utf-8")
    assert OutputFolder(folder).conflicts(targets(handouts(site), list(PAPERS.values()))) == []
    # Printed again on A4 only: the US Letter files of the first format stay the command's.
    letter = {rel: digest for rel, digest in _snapshot(folder).items()
              if rel.startswith("letter/") or rel == "workshop-pack-letter.pdf"}
    _commit(site, folder, papers=[PAPERS["a4"]])
    assert {rel: digest for rel, digest in _snapshot(folder).items() if rel in letter} == letter
    assert OutputFolder(folder).conflicts(targets(handouts(site), list(PAPERS.values()))) == []


# ---------- what a printed handout depends on

def test_a_pdf_is_published_only_while_everything_rendered_into_it_is_unchanged(tmp_path):
    project = _project(tmp_path)
    project.save()
    config = project.root / "mkdocs.yml"

    def published() -> tuple[set[str], list[str]]:
        found, notes = published_pdfs(run_checks(load_site(config)))
        return {f"{Path(site_path).stem}/{pdf.paper.key}" for site_path, pdfs in found.items() for pdf in pdfs}, notes

    every = {f"{name}/{key}" for name in ("brief", "cards", "worksheet", "self-assessment") for key in PAPERS}
    _commit(run_checks(load_site(config)), project.root / "build" / "handouts")
    assert published() == (every, [])

    # Only the navigation changes (no handout prints it): every PDF is still current.
    assert project.config["nav"][0] == {"Exercise": "exercises/exercise.md"}
    project.config["nav"][0] = {"The group exercise": "exercises/exercise.md"}
    project.save()
    assert published() == (every, [])

    # An objective's statement changes: the self-assessment shows it, so its PDFs are stale (every
    # configuration value may reach a page through the theme's templates, so the others are too).
    project.config["extra"]["objectives"][0]["statement"] = "Compare the main definitions of co-production."
    project.save()
    current, notes = published()
    assert not any(item.startswith("self-assessment/") for item in current)
    assert ("exercises/handouts/self-assessment.md: changed since its PDF (A4, US Letter) was printed, "
            "so that PDF is not published; run 'make handouts'") in notes
    _commit(run_checks(load_site(config)), project.root / "build" / "handouts")
    assert published() == (every, [])

    # A glossary definition changes: only the self-assessment uses the term, so only its PDFs are stale.
    glossary = {"terms": [{"term": "learning objective", "definition": "What a participant should be able to do."}]}
    project.write("data/glossary.yaml", yaml.safe_dump(glossary))
    project.save()
    assert published()[0] == {item for item in every if not item.startswith("self-assessment/")}
    _commit(run_checks(load_site(config)), project.root / "build" / "handouts")
    glossary["terms"][0]["definition"] = "What a participant should be able to do by the end."
    project.write("data/glossary.yaml", yaml.safe_dump(glossary))
    project.save()
    current, notes = published()
    assert current == {item for item in every if not item.startswith("self-assessment/")}
    assert notes == ["exercises/handouts/self-assessment.md: changed since its PDF (A4, US Letter) was printed, "
                     "so that PDF is not published; run 'make handouts'"]
    _commit(run_checks(load_site(config)), project.root / "build" / "handouts")
    assert published() == (every, [])

    # The project's stylesheet changes: every PDF is stale.
    css = project.root / "docs" / "assets" / "house.css"
    project.write("docs/assets/house.css", css.read_text(encoding="utf-8") + "\n/* a rule */\n")

    project.save()
    assert published()[0] == set()
    _commit(run_checks(load_site(config)), project.root / "build" / "handouts")

    # A PDF changed by hand since it was printed is not published (nor is its manifest's word taken).
    (project.root / "build" / "handouts" / "a4" / "brief.pdf").write_bytes(_pdf(mark="edited"))
    assert published()[0] == every - {"brief/a4"}


def test_the_fingerprint_follows_the_configuration_and_the_stylesheets(tmp_path):
    project = _project(tmp_path)
    project.save()
    config = project.root / "mkdocs.yml"

    def prints() -> dict[str, str]:
        site = run_checks(load_site(config))
        return {h.slug: printing.fingerprint(site, h) for h in handouts(site)}

    first = prints()
    assert prints() == first   # the same inputs, the same fingerprint
    project.config["extra"]["workshop"]["title"] = "Another workshop"   # a value pages may show
    project.save()
    second = prints()
    assert all(second[slug] != first[slug] for slug in first)
    (project.root / "docs" / "assets" / "house.css").write_text("body { color: red }\n", encoding="utf-8")

    third = prints()
    assert all(third[slug] != second[slug] for slug in first)


# ---------- an interruption that leaves Playwright waiting for ever still ends the run

HANGING_CLEANUP = """
import signal, sys, threading, time
from pathlib import Path
from types import SimpleNamespace
from workshop.frontends import handouts as command
from workshop.outputs.handouts import OutputFolder

signal.signal(signal.SIGINT, signal.default_int_handler)   # as from a terminal
out = Path(sys.argv[1])
progress = SimpleNamespace(output=OutputFolder(out))
staged = progress.output.stage("a4/new.pdf", b"half a PDF")
watch = command.chromium.InterruptWatch(give_up=lambda: command._give_up(progress), grace=float(sys.argv[2]))
command._WATCH[:] = [watch]
signal.signal(signal.SIGTERM, command._terminate)
with watch:
    try:
        print("printing", flush=True)
        time.sleep(60)
    finally:
        if sys.argv[3] == "hangs":
            threading.Event().wait()   # closing the browser waits for a reply that never comes
print("closed", flush=True)
"""


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_run_whose_browser_never_closes_after_an_interruption_still_ends(tmp_path, how):
    """playwright-python issue 1150: once a Playwright call is interrupted, the next may wait for
    ever. The run then ends by itself after the grace period, its temporary files removed."""
    run = subprocess.Popen([sys.executable, "-c", HANGING_CLEANUP, str(tmp_path), "0.5", "hangs"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert run.stdout.readline() == "printing\n"
    started = time.monotonic()
    run.send_signal(how)
    stdout, stderr = run.communicate(timeout=30)
    assert run.returncode == 130, stderr
    assert "make_handouts: interrupted; no PDF was changed" in stderr and "Traceback" not in stderr
    assert "closed" not in stdout and time.monotonic() - started < 20
    assert not [p for p in tmp_path.rglob("*") if p.is_file()], "a temporary file was left behind"


def test_a_browser_that_closes_in_time_leaves_the_run_to_end_as_usual(tmp_path):
    run = subprocess.Popen([sys.executable, "-c", HANGING_CLEANUP, str(tmp_path), "0.5", "closes"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert run.stdout.readline() == "printing\n"
    run.send_signal(signal.SIGINT)
    stdout, stderr = run.communicate(timeout=30)
    time.sleep(1)   # past the grace period: the cancelled timer must not speak afterwards
    assert "KeyboardInterrupt" in stderr and "make_handouts: interrupted" not in stderr
