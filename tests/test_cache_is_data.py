"""The cache is data that only this machine vouches for, and messages are one line each.

An entry is JSON (a header with the format, its version and an HMAC-SHA256, then the value);
the HMAC's key is made on this machine and kept outside the project. These tests look at the
entries and the key themselves; the hostile cases (planted, forged, damaged entries) are in
test_hostile_inputs_2.py.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from workshop.model import cache
from workshop.model.messages import printable, workflow_command


@pytest.fixture
def key_home(tmp_path, monkeypatch):
    home = tmp_path / "user-cache"
    monkeypatch.setattr(cache, "key_folder", lambda: home)
    cache.forget()
    yield home
    cache.forget()


def test_an_entry_is_json_with_a_header_and_no_pickle_is_written(tmp_path, key_home):
    store = cache.DiskCache(tmp_path / "project", "things")
    digest = cache.key("thing", 1)
    store.store(digest, {"answer": [1, "two"]})
    files = list((tmp_path / "project").rglob("*"))
    assert not [f for f in files if f.suffix == ".pickle"]
    head, payload = (tmp_path / "project/.cache/workshop/things" / f"{digest}.json").read_bytes().split(b"\n", 1)
    header = json.loads(head)
    assert header["format"] == "workshop-cache" and header["version"] == cache.FORMAT_VERSION and len(header["mac"]) == 64
    assert json.loads(payload) == {"answer": [1, "two"]}
    assert store.load(digest) == {"answer": [1, "two"]}


def test_the_key_is_made_on_this_machine_outside_the_project_and_private(tmp_path, key_home):
    project = tmp_path / "project"
    cache.DiskCache(project, "things").store(cache.key("x"), 1)
    key_file = key_home / cache.KEY_FILE
    assert key_file.is_file() and len(key_file.read_bytes()) == cache.KEY_BYTES
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert not list(project.rglob(cache.KEY_FILE))


def test_values_that_are_not_data_are_not_kept(tmp_path, key_home):
    store = cache.DiskCache(tmp_path, "things")
    store.store(cache.key("a"), object())
    store.store(cache.key("b"), float("nan"))
    assert not list((tmp_path / ".cache").rglob("*.json"))


def test_a_key_someone_else_could_change_is_not_trusted(tmp_path, key_home):
    key_home.mkdir(parents=True)
    (key_home / cache.KEY_FILE).write_bytes(b"k" * cache.KEY_BYTES)
    (key_home / cache.KEY_FILE).chmod(0o666)
    store = cache.DiskCache(tmp_path, "things")
    store.store(cache.key("a"), 1)
    assert store.load(cache.key("a")) is None and not (tmp_path / ".cache").exists()


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_without_a_user_cache_folder_a_git_checkout_keeps_an_ignored_key(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setattr(cache, "key_folder", lambda: blocked / "cache")
    cache.forget()
    project = tmp_path / "project"
    project.mkdir()
    (project / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git("init", "--quiet", cwd=project)
    store = cache.DiskCache(project, "things")
    store.store(cache.key("a"), 1)
    assert store.load(cache.key("a")) == 1
    assert (project / ".cache/workshop" / cache.KEY_FILE).is_file()
    # The same key, committed (git add -f), is no longer trusted: it came with the files.
    git("add", "-f", ".cache/workshop/cache-key", cwd=project)
    cache.forget()
    assert cache.DiskCache(project, "things").load(cache.key("a")) is None
    cache.forget()


def test_a_message_value_stays_on_its_line():
    assert printable("a\nb\r\tc\x1b[2J\u202e\u2028") == "a\\nb\\r\\tc\\x1b[2J\\u202e\\u2028"
    assert printable(os.fsdecode(b"caf\xe9")) == "caf\\xe9"
    assert printable("Caf\u00e9 \u2014 \u540d\u524d") == "Caf\u00e9 \u2014 \u540d\u524d", "letters of any script stay"


@pytest.mark.parametrize("path, message, expected", [
    ("docs/a.md", "plain", "::error file=docs/a.md,line=3,title=rule::plain"),
    ("docs/a,b:c.md", "100% done", "::error file=docs/a%2Cb%3Ac.md,line=3,title=rule::100%25 done"),
    ("docs/x\n::warning file=y::z", "m\nn", "::error file=docs/x%0A%3A%3Awarning file=y%3A%3Az,line=3,title=rule::m%0An"),
    ("docs/\x1b[2Ja.md", "\u202eevil", "::error file=docs/\\x1b[2Ja.md,line=3,title=rule::\\u202eevil"),
])
def test_an_annotation_escapes_what_github_reads_specially(path, message, expected):
    line = workflow_command("error", path, 3, "rule", message)
    assert line == expected and "\n" not in line and "\r" not in line


def test_a_raw_line_break_in_a_message_is_encoded_as_github_requires():
    from workshop.model import messages

    assert messages.escape_data("a\r\nb%") == "a%0D%0Ab%25"
    with pytest.raises(ValueError):
        workflow_command("debug", "a", 1, "", "m")
