"""Reading trainers' files safely: bytes to text, front matter to data, never a traceback.

Every failure becomes a Problem naming the file and line, because a trainer who saved a
file with a tab or a byte-order mark needs to be told where, not shown a stack.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

try:  # the C loader is several times faster; fall back where libyaml is absent
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class ConfigLoader(_Loader):
    """Safe loader that tolerates MkDocs' tags (!ENV, !!python/name:...) without running them."""


def _tagged(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


ConfigLoader.add_multi_constructor("!", _tagged)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def read_text(path: Path, rel: str, problems: Problems, bom_ok: bool = False,
              rules: dict[str, str] | None = None) -> str | None:
    """Decode a file as UTF-8, reporting encoding faults with their offset.

    bom_ok accepts a byte-order mark silently: spreadsheets add one to every CSV they save.
    rules names other rules to report a fault with, for files whose fix is different
    (a CSV file is fixed in a spreadsheet, not an editor).
    """
    rules = rules or {}
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.add("file-unreadable", rel, 1, reason=error.strerror or str(error))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        if not bom_ok:
            problems.add("file-bom", rel, 1)
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(rules.get("file-encoding", "file-encoding"), rel, line, byte=f"0x{data[error.start]:02x}",
                     offset=error.start)
        return None
    if not text.strip():
        problems.add(rules.get("file-empty", "file-empty"), rel, 1)
        return None
    return text


def load_yaml(text: str, rel: str, problems: Problems, first_line: int = 1, code: str = "front-matter-yaml") -> tuple[bool, Any]:
    """Parse YAML, turning a syntax error into a problem at the line where it was found."""
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), first_line):
            if "\t" in line:
                problems.add("front-matter-tab" if code == "front-matter-yaml" else code, rel, number,
                             reason="a tab character is not allowed in YAML")
                return False, None
    try:
        return True, yaml.load(text, Loader=ConfigLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = " ".join(str(getattr(error, "problem", None) or error).split())
        problems.add(code, rel, line, reason=reason)
        return False, None


def load_data_file(root: Path, rel: str, problems: Problems, code: str = "config-invalid") -> tuple[bool, Any, str]:
    """A project's YAML data file: (whether it exists, its data or None, its text for line numbers)."""
    path = root / rel
    if not path.exists():
        return False, None, ""
    text = read_text(path, rel, problems)
    if text is None:
        return True, None, ""
    ok, data = load_yaml(text, rel, problems, code=code)
    return True, data if ok else None, text


_FENCE = re.compile(r"^---[ \t]*$")


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """Return (front matter, its first line, body, body's first line); None when absent."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0].rstrip("\r")):
        return None, 0, text, 1
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r")):
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1:]), index + 2
    return "", -1, text, 1


def key_lines(front: str, first_line: int) -> dict[str, int]:
    """Line number of each top-level key, for messages that point at the key."""
    found: dict[str, int] = {}
    for number, line in enumerate(front.split("\n"), first_line):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if match and match.group(1) not in found:
            found[match.group(1)] = number
    return found


def describe(value: Any) -> str:
    """A trainer-readable name for the type of a YAML value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return type(value).__name__
