"""`make system` (workshop system) installs what the checks need wherever it may: as root, or through
sudo where sudo needs no password (a GitHub-hosted runner is not root), and otherwise stops with the
exact command. The script runs for real here, with stub commands first on PATH that record what they
were asked to do, and an empty folder standing for the machine's files (WORKSHOP_SYSTEM_ROOT)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from workshop.model.engine_files import engine_file

SCRIPT = engine_file("system", "ensure_system_packages.sh")
NEEDED = ("chromium", "default-jre-headless", "hunspell", "hunspell-en-gb", "hunspell-en-us",
          "libreoffice-impress", "poppler-utils", "libcairo2", "fonts-dejavu-core", "fonts-liberation2")


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/bash\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


def machine(tmp_path: Path, uid: int, sudo: str | None) -> tuple[dict, Path]:
    """A machine with nothing installed: stub id, apt-get, apt-cache and (maybe) sudo on PATH, the
    shell's own tools behind them, and no files under WORKSHOP_SYSTEM_ROOT."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "calls.log"
    stub(bin_, "id", f'[ "$1" = "-u" ] && echo {uid} || /usr/bin/id "$@"')
    stub(bin_, "apt-get", f'echo "apt-get $* (uid $(id -u), sudo ${{SUDO_STUB:-no}})" >> {log}')
    stub(bin_, "apt-cache", "exit 0")
    if sudo == "passwordless":
        stub(bin_, "sudo", f'[ "$1" = "-n" ] || exit 1; shift; [ "$1" = "true" ] && exit 0; SUDO_STUB=yes "$@"')
    elif sudo == "password":
        stub(bin_, "sudo", 'echo "sudo: a password is required" >&2; exit 1')
    tools = tmp_path / "tools"   # only what the script needs from the system: no java, hunspell, soffice...
    tools.mkdir()
    for name in ("bash", "env", "cat", "grep", "dirname"):
        found = shutil.which(name)
        if found:
            (tools / name).symlink_to(found)
    files = tmp_path / "root"
    files.mkdir()
    env = {"PATH": f"{bin_}:{tools}", "WORKSHOP_SYSTEM_ROOT": str(files), "HOME": str(tmp_path)}
    return env, log


def run(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([shutil.which("bash"), str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)


def test_a_user_with_passwordless_sudo_installs_through_sudo(tmp_path):
    env, log = machine(tmp_path, uid=1001, sudo="passwordless")
    result = run(env)
    assert result.returncode == 0, result.stderr
    assert "Installing system packages with sudo:" in result.stdout
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith("apt-get update") and calls[0].endswith("(uid 1001, sudo yes)")
    install = next(call for call in calls if call.startswith("apt-get install"))
    assert install.endswith("(uid 1001, sudo yes)")
    assert set(NEEDED) <= set(install.split())


def test_root_installs_without_sudo(tmp_path):
    env, log = machine(tmp_path, uid=0, sudo=None)
    result = run(env)
    assert result.returncode == 0, result.stderr
    install = next(call for call in log.read_text(encoding="utf-8").splitlines() if call.startswith("apt-get install"))
    assert install.endswith("(uid 0, sudo no)") and "chromium" in install.split()


@pytest.mark.parametrize("sudo", ["password", None])
def test_a_user_who_cannot_install_is_told_the_exact_command(tmp_path, sudo):
    env, log = machine(tmp_path, uid=1001, sudo=sudo)
    result = run(env)
    assert result.returncode == 1
    assert not log.exists()   # nothing was installed, and no password was asked for
    command = next(line for line in result.stderr.splitlines() if line.strip().startswith("sudo apt-get install"))
    assert set(NEEDED) <= set(command.split())


def test_nothing_is_installed_when_nothing_is_missing(tmp_path):
    env, log = machine(tmp_path, uid=1001, sudo="passwordless")
    files = Path(env["WORKSHOP_SYSTEM_ROOT"])
    for rel in ("usr/bin/chromium-headless-shell", "usr/share/fonts/truetype/dejavu", "usr/lib/libcairo.so.2",
                "usr/share/hunspell/en_GB.dic", "usr/share/hunspell/en_US.dic", "usr/share/fonts/truetype/liberation2"):
        path = files / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o755)
    bin_ = Path(env["PATH"].split(":")[0])
    for name in ("java", "hunspell", "soffice", "pdftotext"):
        stub(bin_, name, "exit 0")
    result = run(env)
    assert result.returncode == 0, result.stderr
    assert not log.exists() and result.stdout == ""
    assert os.access(SCRIPT, os.R_OK)
