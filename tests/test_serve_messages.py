"""make serve: a mkdocs.yml saved half-edited is reported by its file and line, never as a traceback,
and the server recovers as soon as the file is whole again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from project_factory import Project
from workshop.frontends.serve import Tracebacks

MKDOCS_YAML_FAILURE = """\
INFO    -  Building documentation...
Traceback (most recent call last):
  File "/env/mkdocs/utils/yaml.py", line 132, in yaml_load
    result = yaml.load(source, Loader=loader)
yaml.parser.ParserError: while parsing a flow sequence
  in "{root}/mkdocs.yml", line 26, column 12
expected ',' or ']', but got '<stream end>'
  in "{root}/mkdocs.yml", line 27, column 1

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/env/mkdocs/livereload/__init__.py", line 211, in _build_loop
    self.builder()
mkdocs.exceptions.ConfigurationError: MkDocs encountered an error parsing the configuration file: while parsing a flow sequence
  in "{root}/mkdocs.yml", line 26, column 12
expected ',' or ']', but got '<stream end>'
  in "{root}/mkdocs.yml", line 27, column 1
ERROR   -  [16:59:51] An error happened during the rebuild. The server will appear stuck until build errors are resolved.
INFO    -  [16:59:56] Detected file changes
"""


def shown(text: str, root: Path) -> str:
    filtering = Tracebacks(root)
    out = [line for raw in text.splitlines(keepends=True) for line in filtering.feed(raw)]
    return "".join(out + (filtering.flush() if filtering.held else []))


def test_a_yaml_traceback_becomes_one_message_with_the_file_and_line(tmp_path):
    out = shown(MKDOCS_YAML_FAILURE.format(root=tmp_path), tmp_path)
    assert "Traceback" not in out and "File \"" not in out
    assert "ERROR   -  mkdocs.yml:27: the file cannot be read as YAML: expected ',' or ']'" in out
    assert "hint: Correct the file and save it again" in out
    assert out.rstrip().endswith("Detected file changes")   # the lines around it pass unchanged


def test_any_other_traceback_is_reduced_to_its_last_line_with_a_hint(tmp_path):
    text = ("Traceback (most recent call last):\n  File \"x.py\", line 1, in f\nKeyError: 'nav'\n"
            "ERROR   -  An error happened during the rebuild.\n")
    out = shown(text, tmp_path)
    assert "Traceback" not in out
    assert "ERROR   -  the build stopped: KeyError: 'nav'" in out and "hint: Run `mkdocs serve` directly" in out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_the_server_reports_a_half_saved_configuration_and_recovers(tmp_path):
    project = Project(tmp_path / "workshop").save()
    config = project.root / "mkdocs.yml"
    whole = config.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "workshop.command", "serve", "--dev-addr",
                                   f"127.0.0.1:{free_port()}"], cwd=project.root, stdout=out, stderr=out,
                                  start_new_session=True)
    try:
        def save(text: str) -> None:
            """Save as most editors do, whole at once: the server never reads a file half written."""
            draft = config.with_name(".mkdocs.yml.saving")
            draft.write_text(text, encoding="utf-8")
            os.replace(draft, config)

        def wait_for(text: str, count: int = 1) -> str:
            deadline = time.monotonic() + 180   # generous: a loaded machine builds slowly
            while time.monotonic() < deadline:
                seen = log.read_text(encoding="utf-8")
                if seen.count(text) >= count:
                    return seen
                time.sleep(0.2)
            raise AssertionError(f"no {text!r} in:\n{log.read_text(encoding='utf-8')}")

        wait_for("Serving on")
        save(whole + "site_description: [never closed\n")
        seen = wait_for("the file cannot be read as YAML")
        line = len(whole.splitlines()) + 2
        assert f"mkdocs.yml:{line}: the file cannot be read as YAML" in seen
        save(whole)

        seen = wait_for("Documentation built", count=2)
        assert "Traceback" not in seen
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
