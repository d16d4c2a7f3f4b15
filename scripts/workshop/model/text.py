"""Reading trainers' files safely: bytes to text, front matter to data, never a traceback.

Every failure becomes a Problem naming the file and line, because a trainer who saved a
file with a tab or a byte-order mark needs to be told where, not shown a stack.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from workshop.model.files import MAX_FILE_BYTES, TooLarge, read_bytes, special_file  # noqa: F401  (read here too)
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
              rules: dict[str, str] | None = None, limit: int = MAX_FILE_BYTES) -> str | None:
    """Decode a file as UTF-8, reporting encoding faults with their offset.

    bom_ok accepts a byte-order mark silently: spreadsheets add one to every CSV they save.
    rules names other rules to report a fault with, for files whose fix is different
    (a CSV file is fixed in a spreadsheet, not an editor). A special file (a pipe, a device)
    or one over `limit` bytes is reported as unreadable, never read.
    """
    rules = rules or {}
    try:
        data = read_bytes(path, limit)
    except TooLarge as error:
        problems.add("file-too-large", rel, 1, reason=error.strerror)
        return None
    except OSError as error:
        problems.add(rules.get("file-unreadable", "file-unreadable"), rel, 1, reason=error.strerror or str(error))
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
              strict: bool = True, root: Path | None = None) -> tuple[bool, Any]:
    """Parse YAML into LineDict/LineList, turning every fault into a problem at its line.

    strict (front matter and data files) refuses tags and aliases: a page's settings are
    plain values, and an alias bomb must not exhaust memory. mkdocs.yml is read with
    strict=False, as MkDocs reads it: its tags are tolerated, never run. With the project's
    root, a parse without problems is kept in its cache (.cache/workshop/yaml) as JSON.
    """
    if root is not None:
        from workshop.model.cache import DiskCache, key

        cache = DiskCache(root, "yaml")
        digest = key("yaml", text, first_line, strict)
        kept = cache.load(digest, decode=yaml_from_data)
        if kept is not None:
            return True, kept[0]
        before = len(problems)
        ok, value = load_yaml(text, rel, problems, first_line, code, strict)
        if ok and len(problems) == before:
            cache.store(digest, [value], encode=lambda kept: [yaml_data(kept[0])])
        return ok, value
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


def load_data_file(root: Path, rel: str, problems: Problems, code: str = "config-invalid") -> tuple[bool, Any, str]:
    """A project's YAML data file: (whether it exists, its data or None, its text for line numbers)."""
    path = root / rel
    if not path.exists():
        return False, None, ""
    text = read_text(path, rel, problems)
    if text is None:
        return True, None, ""
    ok, data = load_yaml(text, rel, problems, code=code, root=root)
    return True, data if ok else None, text


_SCALARS = (str, int, float, type(None))   # bool is an int


def yaml_data(value: Any) -> Any:
    """A parse of load_yaml as JSON data, lines included; TypeError for any other kind of value
    (a date, say), which is then simply not kept."""
    if isinstance(value, LineDict):
        return {"m": [[yaml_data(k), yaml_data(v)] for k, v in value.items()],
                "l": value.line, "k": [value.lines.get(k, value.line) for k in value]}
    if isinstance(value, LineList):
        return {"s": [yaml_data(item) for item in value], "l": value.line, "k": list(value.lines)}
    if isinstance(value, _SCALARS):
        return value
    raise TypeError(f"not kept: {type(value).__name__}")


def _line_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a line number")
    return value


def yaml_from_data(data: Any) -> list:
    """The parse kept by yaml_data, checked as it is rebuilt; [value], so that None can be kept."""
    def build(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {"m", "l", "k"} and isinstance(node["m"], list) and isinstance(node["k"], list) \
                    and len(node["m"]) == len(node["k"]):
                result = LineDict()
                result.line, result.lines = _line_number(node["l"]), {}
                for pair, line in zip(node["m"], node["k"]):
                    if not isinstance(pair, list) or len(pair) != 2 or isinstance(pair[0], (dict, list)):
                        raise TypeError("not a key and a value")
                    result[pair[0]] = build(pair[1])
                    result.lines[pair[0]] = _line_number(line)
                return result
            if set(node) == {"s", "l", "k"} and isinstance(node["s"], list) and isinstance(node["k"], list) \
                    and len(node["s"]) == len(node["k"]):
                result = LineList(build(item) for item in node["s"])
                result.line, result.lines = _line_number(node["l"]), [_line_number(n) for n in node["k"]]
                return result
            raise TypeError("not a kept parse")
        if isinstance(node, list):
            raise TypeError("not a kept parse")
        return node

    if not isinstance(data, list) or len(data) != 1:
        raise TypeError("not a kept parse")
    return [build(data[0])]


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
        from workshop.model.messages import printable

        return f"the text '{printable(value)}'"
    if isinstance(value, (int, float)):
        shown = str(value) if abs(value) < 10 ** 15 else f"{str(value)[:8]}… ({len(str(abs(value)))} digits)"
        return f"the number {shown}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return type(value).__name__
