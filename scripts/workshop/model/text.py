"""Reading trainers' files safely: bytes to text, front matter to data, never a traceback.

Every failure becomes a Problem naming the file and line, because a trainer who saved a
file with a tab or a byte-order mark needs to be told where, not shown a stack.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from workshop.model.problems import Problems

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


class LineDict(dict):
    """A YAML mapping that remembers where it and each of its keys were written."""
    line: int = 1
    lines: dict


class LineList(list):
    """A YAML sequence that remembers where it and each of its items were written."""
    line: int = 1
    lines: list


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
MAX_NODES = 200_000
MAX_DEPTH = 200


class _Refused(Exception):
    def __init__(self, line: int, reason: str) -> None:
        self.line, self.reason = line, reason


def _build(node: yaml.Node, constructor: yaml.constructor.SafeConstructor, strict: bool,
           first_line: int, budget: list[int], seen: set[int], depth: int = 0) -> Any:
    """Data from a composed YAML node: no tag runs, no alias multiplies, every item has its line."""
    line = first_line + node.start_mark.line
    budget[0] -= 1
    if budget[0] < 0:
        raise _Refused(line, f"the YAML is too large (over {MAX_NODES:,} values, counting aliases)")
    if depth > MAX_DEPTH:
        raise _Refused(line, f"the YAML is nested more than {MAX_DEPTH} levels deep")
    if strict:
        if id(node) in seen:
            raise _Refused(line, "anchors and aliases (&name, *name) are not allowed in this file; "
                                 "write the value out")
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(line, f"the YAML tag '{node.tag}' is not allowed here; "
                                 "write a plain value (quote it if it starts with ! or &)")
    if isinstance(node, yaml.MappingNode):
        result = LineDict()
        result.line, result.lines = line, {}
        for key_node, value_node in node.value:
            if strict and key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(first_line + key_node.start_mark.line, "merge keys (<<) are not allowed here")
            key = _build(key_node, constructor, strict, first_line, budget, seen, depth + 1)
            try:
                hash(key)
            except TypeError:
                raise _Refused(first_line + key_node.start_mark.line,
                               "a key must be a single value, not a list or a set of keys") from None
            result[key] = _build(value_node, constructor, strict, first_line, budget, seen, depth + 1)
            result.lines.setdefault(key, first_line + key_node.start_mark.line)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LineList()
        result.line, result.lines = line, []
        for item in node.value:
            result.append(_build(item, constructor, strict, first_line, budget, seen, depth + 1))
            result.lines.append(first_line + item.start_mark.line)
        return result
    if node.tag in _PLAIN_TAGS:
        return constructor.construct_object(node, deep=True)
    return constructor.construct_scalar(node)  # a tolerated tag (mkdocs.yml's !ENV): its text, never run


def load_yaml(text: str, rel: str, problems: Problems, first_line: int = 1, code: str = "front-matter-yaml",
              strict: bool = True) -> tuple[bool, Any]:
    """Parse YAML into LineDict/LineList, turning every fault into a problem at its line.

    strict (front matter and data files) refuses tags and aliases: a page's settings are
    plain values, and an alias bomb must not exhaust memory. mkdocs.yml is read with
    strict=False, as MkDocs reads it: its tags are tolerated, never run.
    """
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), first_line):
            if "\t" in line:
                problems.add("front-matter-tab" if code == "front-matter-yaml" else code, rel, number,
                             reason="a tab character is not allowed in YAML")
                return False, None
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is None:
            return True, None
        constructor = yaml.constructor.SafeConstructor()
        return True, _build(node, constructor, strict, first_line, [MAX_NODES], set())
    except _Refused as refused:
        problems.add(code, rel, refused.line, reason=refused.reason)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = " ".join(str(getattr(error, "problem", None) or error).split())
        problems.add(code, rel, line, reason=reason)
    except (RecursionError, MemoryError):
        problems.add(code, rel, first_line, reason=f"the YAML is nested too deeply to read")
    except (ValueError, TypeError, OverflowError) as error:  # a value PyYAML cannot build, e.g. a bad date
        problems.add(code, rel, first_line, reason=" ".join(str(error).split()) or type(error).__name__)
    return False, None


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


_MARKDOWN_SPECIAL = re.compile(r"([\\\[\]{}|`*_])")


def markdown_text(value: object, emphasis: bool = False) -> str:
    """A string from data as Markdown text that renders as itself: never raw HTML, a link,
    attributes or a table break. emphasis=True leaves * and _ for the author's emphasis."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    pattern = _MARKDOWN_SPECIAL if not emphasis else re.compile(r"([\\\[\]{}|`])")
    return pattern.sub(r"\\\1", text)


def describe(value: Any) -> str:
    """A trainer-readable name for the type of a YAML value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, (int, float)):
        shown = str(value) if abs(value) < 10 ** 15 else f"{str(value)[:8]}… ({len(str(abs(value)))} digits)"
        return f"the number {shown}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return type(value).__name__
