"""Every command writes only what is its own, in the project it runs in, and two runs take turns.

Two make outline or make page at once: the second waits for the first (and says so), then goes
on with what the first left, so no output is torn and no nav entry is lost. A command run with
the environment of one clone in another acts on the other: its project is the folder of the
mkdocs.yml it finds from where it runs. The local server the handouts are printed from says
nothing when a client goes away mid-reply.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from project_factory import ROOT, Project
from workshop.outputs import guard

CSV = "group,stage,text\n" + "".join(f"{n % 5},design,Step {n}\n" for n in range(400))


def workshop(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "workshop.command", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def wait_until(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("waited in vain")
        time.sleep(0.05)


@pytest.fixture
def project(tmp_path) -> Project:
    project = Project(tmp_path / "project")
    project.write("in.csv", CSV)
    project.config["extra"]["kinds"]["concept"].update({"folder": "docs/learn", "section": "Learn"})
    return project.save()


def both_while_locked(folder: Path, first: list[str], second: list[str], cwd: Path) -> list[tuple[int, str, str]]:
    """Start two runs while the folder's lock is held, so that both must wait; then let them go."""
    stderr = [cwd.parent / "first.err", cwd.parent / "second.err"]
    with guard.exclusive(folder, "the test"):
        runs = [subprocess.Popen([sys.executable, "-m", "workshop.command", *args], cwd=cwd,
                                 stdout=subprocess.PIPE, stderr=open(err, "w"), text=True)
                for args, err in zip((first, second), stderr)]
        wait_until(lambda: all("waiting for it to finish" in err.read_text() for err in stderr if err.exists())
                   and all(err.exists() for err in stderr))
    results = []
    for run, err in zip(runs, stderr):
        out, _ = run.communicate(timeout=120)
        results.append((run.returncode, out, err.read_text()))
    return results


def test_two_outlines_at_once_take_turns_and_leave_one_whole_outline(project):
    from workshop.outputs.writing import not_ours

    results = both_while_locked(project.root / "build", ["outline", "in.csv", "--no-pdf"], ["outline", "in.csv", "--no-pdf"],
                                project.root)
    for status, out, err in results:
        assert status == 0 and "Wrote build/in-outline.md" in out, err
        assert "another run is writing into build; waiting for it to finish" in err and "Traceback" not in err
    assert not_ours(project.root / "build" / "in-outline.md") is None, "the outline is whole and its own"
    assert not_ours(project.root / "build" / "in-outline.svg") is None
    assert sorted(p.name for p in (project.root / "build").iterdir()) == ["in-outline.md", "in-outline.svg"]


def test_two_pages_at_once_both_reach_the_nav(project):
    results = both_while_locked(project.root, ["page", "--kind", "concept", "--objectives", "LO1", "--title", "First"],
                                ["page", "--kind", "concept", "--objectives", "LO1", "--title", "Second"], project.root)
    for status, out, err in results:
        assert status == 0 and "Created docs/learn/" in out, err
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "First: learn/first.md" in config and "Second: learn/second.md" in config


def test_a_run_that_waits_too_long_gives_up_and_writes_nothing(tmp_path):
    with guard.exclusive(tmp_path / "out", "first"):
        with pytest.raises(guard.OutputRefused, match="another run has been writing into it for 0.2 s"):
            with guard.exclusive(tmp_path / "out", "second", wait=0.2, say=lambda text: None):
                pass
    assert not (tmp_path / "out").exists(), "waiting makes no folder"


def test_a_file_written_whole_keeps_its_permissions(tmp_path):
    target = tmp_path / "notebook.ipynb"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    guard.write_whole(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and (target.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["notebook.ipynb"], "no temporary file is left"


def test_the_environment_of_one_clone_acts_on_the_clone_it_runs_in(tmp_path):
    """Two copies of a project; the commands of this checkout's environment run in each in turn.
    Each writes into its own build/ and checks its own pages, never this checkout's."""
    first = Project(tmp_path / "clone-a")
    first.write("in.csv", CSV)
    first.save()
    second = Project(tmp_path / "clone-b")
    second.write("in.csv", CSV.replace("design", "conduct"))
    second.add_page("docs/odd.md", "---\nkind: concept\nobjectives: [LO9]\n---\n\n# Odd\n")
    second.save()
    before = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "build").rglob("*")) if (ROOT / "build").exists() else []

    for clone, stage in ((first, "Design"), (second, "Conduct")):
        outline = workshop("outline", "in.csv", "--no-pdf", cwd=clone.root)
        out, err = outline.communicate(timeout=120)
        assert outline.returncode == 0, err
        assert stage in (clone.root / "build" / "in-outline.md").read_text(encoding="utf-8")
    checks = {name: workshop("check", cwd=clone.root) for name, clone in (("a", first), ("b", second))}
    results = {name: (run.wait(timeout=120), run.communicate()[0]) for name, run in checks.items()}
    assert results["a"][0] == 0 and results["b"][0] == 1 and "docs/odd.md" in results["b"][1]
    after = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "build").rglob("*")) if (ROOT / "build").exists() else []
    assert after == before, "a command wrote into the checkout its code comes from"

    # The offline copy's place is clone B's: a zip the trainer left there is refused by name.
    (second.root / "build" / "workshop-site-offline.zip").write_text("the trainer's", encoding="utf-8")
    offline = workshop("offline", cwd=second.root)
    _, err = offline.communicate(timeout=120)
    assert offline.returncode == 2 and "make_offline: build/workshop-site-offline.zip: not written" in err, err
    assert (second.root / "build" / "workshop-site-offline.zip").read_text(encoding="utf-8") == "the trainer's"


def test_the_local_server_says_nothing_when_a_client_hangs_up(tmp_path, capfd):
    from workshop.qa.browser import serve

    (tmp_path / "big.bin").write_bytes(os.urandom(8 << 20))
    with serve(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1])
        for _ in range(5):
            client = socket.create_connection(("127.0.0.1", port))
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(1024)
            client.close()   # a reset in the middle of the reply
        time.sleep(0.5)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipeError" not in err and "ConnectionResetError" not in err, err
