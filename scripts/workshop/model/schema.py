"""The one check of a data file's shape: its JSON Schema, applied to the file as read with its lines.

Every data file (data/agenda.yaml, data/bibliography.yaml, data/glossary.yaml, data/session.yaml,
data/slides.yaml) and extra: in mkdocs.yml is read by text.load_yaml, which remembers the line of
every key and item, and checked here against its schema in workshop/schemas/. The schemas ship
inside the package, beside this module; each data file names its schema on its first line
(`# yaml-language-server: $schema=...`), so an editor warns a trainer while typing with the same
definitions, and shows each property's description. Messages reuse those descriptions.

What is wrong is reported at its line and left out, so that the code reading the data meets only
values of the right shape: a wrong setting falls back to its default (the schema's `default`), and
a record that lacks what it requires (a block without its minutes) is left out. What a schema
cannot say (cross-references, arithmetic, evidence in prose) is left to the rules that read the
model. The words of the messages are in schema_messages.py.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from workshop.model.problems import Problems
from workshop.model.schema_messages import dotted, is_key, named, reason, unknown_keys
from workshop.model.text import load_yaml, read_text

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
__all__ = ["SCHEMAS", "check", "dotted", "line_of", "named", "read_data", "schema", "valid", "valid_text",
           "validator"]


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(name: str):
    from jsonschema import Draft202012Validator   # imported when a file is validated, not by every build

    return Draft202012Validator(schema(name))


def line_of(data: Any, path: list, default: int = 1) -> int:
    """The line where the value at `path` was written (LineDict/LineList carry them)."""
    line = getattr(data, "line", default)
    node = data
    for step in path:
        lines = getattr(node, "lines", None)
        try:
            line = lines[step] if lines is not None else line
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line


# ---------------------------------------------------------------- checking

def check(data: Any, name: str, rel: str, problems: Problems, code: str = "config-invalid",
          prefix: tuple = (), line_base: Any = None, only: str | None = None,
          codes: dict[str, str] | None = None, where: Callable[[Any, list], str] | None = None) -> list[tuple]:
    """Report every schema error as a problem at its line; return the paths of the wrong values.

    prefix is the place of `data` in its file (extra: in mkdocs.yml), line_base the file's whole
    data when `data` is a part of it. only keeps the errors under one top-level key; codes gives
    a top-level key a rule of its own (the objectives); where names a value in the messages.
    """
    wrong = []
    line_base = line_base if line_base is not None else data
    for error in sorted(validator(name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        if only is not None and (not path or path[0] != only):
            continue
        at = list(prefix) + path
        if error.validator == "additionalProperties":
            at.append(unknown_keys(error)[0])     # the line of the first unknown key
        elif is_key(error):
            at.append(error.instance)             # the line of the misnamed key
        shown = where(data, path) if where else dotted(list(prefix) + path)
        problems.add((codes or {}).get(str(path[0]) if path else "", code), rel, line_of(line_base, at),
                     reason=reason(error, shown))
        wrong += _wrong(error, path)
    return wrong


def _wrong(error, path: list) -> list[tuple]:
    """The values an error makes unusable: the value itself; only the unknown or misnamed keys of a
    mapping; nothing for a key that another needs (the file is still read without it)."""
    if error.validator == "additionalProperties":
        return [tuple(path) + (key,) for key in error.instance if key not in error.schema.get("properties", {})]
    if is_key(error):
        return [tuple(path) + (error.instance,)]
    if error.validator == "dependentRequired":
        return []
    return [tuple(path)]


_DROP = object()


def without(data: Any, paths: list[tuple]) -> Any:
    """A copy of `data` without the values at `paths`; None when the whole is wrong."""
    result = _without(data, [tuple(p) for p in paths])
    return None if result is _DROP else result


def _without(node: Any, paths: list[tuple]) -> Any:
    if not paths:
        return node
    if any(not path for path in paths):
        return _DROP
    heads: dict[Any, list[tuple]] = {}
    for path in paths:
        heads.setdefault(path[0], []).append(path[1:])
    if isinstance(node, dict):
        result = _like(node, type(node)(node))
        for key, rests in heads.items():
            if key in result:
                kept = _without(result[key], rests)
                if kept is _DROP:
                    del result[key]
                else:
                    result[key] = kept
        if hasattr(result, "lines"):
            result.lines = {k: v for k, v in node.lines.items() if k in result}
        return result
    if isinstance(node, list):
        items, lines = [], []
        for index, item in enumerate(node):
            kept = _without(item, heads[index]) if index in heads else item
            if kept is not _DROP:
                items.append(kept)
                lines.append(node.lines[index] if hasattr(node, "lines") and index < len(node.lines) else 1)
        result = _like(node, type(node)(items))
        if hasattr(result, "lines"):
            result.lines = lines
        return result
    return _DROP


def _like(old: Any, new: Any) -> Any:
    for attr in ("line", "lines"):
        if hasattr(old, attr):
            setattr(new, attr, getattr(old, attr))
    return new


# ---------------------------------------------------------------- defaults

def with_defaults(data: Any, name: str, private: bool = False) -> Any:
    """`data` with the schema's `default` for every setting left out: a copy, unless the caller says
    that nothing else holds the data (private), when it is filled in place."""
    root = schema(name)
    return _fill(data if private else copy.deepcopy(data), root, root)


def _resolve(node: dict, root: dict) -> dict:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return {**root["$defs"][ref.rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _fill(value: Any, node: dict, root: dict) -> Any:
    node = _resolve(node, root)
    if isinstance(value, dict):
        for key, sub in node.get("properties", {}).items():
            sub = _resolve(sub, root)
            if key in value:
                value[key] = _fill(value[key], sub, root)
            elif "default" in sub:     # a section whose default is {} gets its own keys' defaults
                value[key] = _fill(copy.deepcopy(sub["default"]), sub, root)
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for index, item in enumerate(value):
            value[index] = _fill(item, node["items"], root)
    return value


# ---------------------------------------------------------------- the one reader of a data file

def valid(data: Any, name: str, rel: str, problems: Problems, code: str, private: bool = False,
          **options: Any) -> Any:
    """`data` checked against its schema, each error reported at its line; then the wrong values
    are left out, and with them whatever no longer meets the schema without them (a block whose
    minutes were wrong lacks its minutes, so the block is left out); defaults are filled in.
    None when the whole is wrong. private: nothing else holds `data`, so defaults are filled in place."""
    wrong = check(data, name, rel, problems, code, **options)
    kept = without(data, wrong)
    only = options.get("only")
    for _ in range(8 if wrong else 0):   # each round removes a level of records; files are never this deep
        wrong = [path for e in validator(name).iter_errors(kept) for path in _wrong(e, list(e.absolute_path))] \
            if kept is not None else []
        wrong = [path for path in wrong if only is None or path[:1] == (only,)]
        if not wrong:
            break
        kept = without(kept, wrong)
    return None if kept is None else with_defaults(kept, name, private)


def valid_text(root: Path | None, text: str, data: Any, name: str, rel: str, problems: Problems, code: str,
               private: bool = False, **options: Any) -> Any:
    """valid(data, ...) for `data` read from `text`; a text this machine has already seen meet its
    schema (kept in the cache under the text, the schema and the options) only has its defaults
    filled in: a warm build neither imports jsonschema nor checks an unchanged file again."""
    if root is None:
        return valid(data, name, rel, problems, code, private=private, **options)
    from workshop.model.cache import DiskCache, key

    cache = DiskCache(root, "schemas")
    digest = key("meets its schema", schema(name), rel, code, text,
                 sorted((k, repr(v)) for k, v in options.items() if k in ("prefix", "only", "codes")))
    if cache.load(digest, decode=_true) is True:
        return with_defaults(data, name, private)
    before = len(problems)
    result = valid(data, name, rel, problems, code, private=private, **options)
    if len(problems) == before:
        cache.store(digest, True)
    return result


def _true(value: Any) -> bool:
    if value is not True:
        raise TypeError("not a kept check")
    return True


_READ: dict[tuple, tuple[Problems, Any]] = {}


def read_data(root: Path, rel: str, name: str, problems: Problems, code: str,
              **options: Any) -> tuple[bool, Any]:
    """A project's YAML data file read with its lines and checked against its schema:
    (whether it exists, its valid data or None).

    An unchanged file is not read and checked again in the same process (make serve rebuilds in
    one): its problems are reported again and the same data returned, so read it, never change it.
    """
    path = root / rel
    if not path.exists():
        return False, None
    text = read_text(path, rel, problems)
    if text is None:
        return True, None
    key = (rel, name, code, text, tuple(sorted(options.items())))
    if key not in _READ:
        found = Problems()
        ok, data = load_yaml(text, rel, found, code=code)
        data = valid_text(root, text, data, name, rel, found, code, private=True, **options) \
            if ok and data is not None else None
        if len(_READ) > 32:
            _READ.clear()
        _READ[key] = (found, data)
    found, data = _READ[key]
    problems.extend(found)
    return True, data
