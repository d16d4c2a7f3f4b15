"""JSON Schemas for the configuration and data files, applied with their lines.

The schemas live in schemas/ at the top of the repository, where editors find them through
the `yaml-language-server: $schema=` line of each data file, so a trainer is warned while
typing; the checker applies the same files, so there is one definition of a valid value.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


from workshop.model.problems import Problem, Problems
from workshop.model.rules import RULES
from workshop.model.text import describe

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"


@lru_cache(maxsize=None)
def validator(name: str):
    from jsonschema import Draft202012Validator   # imported when a file is validated, not by every build

    return Draft202012Validator(json.loads(_schema_text(name)))


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


def _reason(error) -> str:
    where = ".".join(str(p) for p in error.absolute_path)
    kind = error.validator
    value = error.instance
    if kind == "type":
        wanted = {"integer": "a whole number", "number": "a number", "string": "text", "boolean": "true or false",
                  "array": "a list", "object": "a set of keys"}
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{where} must be {' or '.join(wanted.get(t, t) for t in types)}, not {describe(value)}"
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        bounds = error.schema
        low = bounds.get("minimum", bounds.get("exclusiveMinimum"))
        high = bounds.get("maximum")
        if "exclusiveMinimum" in bounds:
            span = f"more than {low}" + (f" and at most {high}" if high is not None else "")
        elif low is not None and high is not None:
            span = f"from {low} to {high}"
        else:
            span = f"at least {low}" if low is not None else f"at most {high}"
        shown = str(value) if len(str(value)) <= 20 else f"{str(value)[:12]}… ({len(str(value))} digits)"
        return f"{where} must be {span}, not {shown}"
    if kind == "enum":
        return f"{where} must be one of {', '.join(map(str, error.validator_value))}, not {describe(value)}"
    if kind == "pattern":
        hint = error.schema.get("description", "")
        return f"{where} has the wrong form: {describe(value)}" + (f" ({hint})" if hint else "")
    if kind == "required":
        return f"{where or 'the file'} is missing {error.message.split(' is a required')[0]}"
    if kind == "additionalProperties":
        known = ", ".join(sorted(error.schema.get("properties", {})))
        return f"{where or 'the file'}: {error.message.split('(')[-1].rstrip(')')}; known keys: {known}"
    if kind in ("minItems", "minLength"):
        return f"{where} must not be empty"
    if kind in ("maxItems", "maxLength"):
        return f"{where} is too long"
    return f"{where}: {error.message}"


def check(data: Any, name: str, rel: str, problems: Problems, code: str = "config-invalid",
          prefix: tuple = (), line_base: Any = None, root: Path | None = None) -> list[tuple]:
    """Report every schema error as a problem at its line; return the paths that were wrong.

    With the project's root, the outcome for these very values and lines is kept in its cache
    (.cache/workshop/schema), so a build whose configuration did not change loads no validator."""
    if root is None:
        return _check(data, name, rel, problems, code, prefix, line_base)
    from workshop.model.cache import DiskCache, code_digest, key
    from workshop.model.text import yaml_data

    try:
        digest = key("schema", code_digest(), name, rel, code, prefix, _schema_text(name),
                     json.dumps([yaml_data(data), yaml_data(line_base)], sort_keys=False))
    except (TypeError, ValueError):
        return _check(data, name, rel, problems, code, prefix, line_base)
    cache = DiskCache(root, "schema")
    kept = cache.load(digest, decode=_outcome)
    if kept is None:
        found = Problems()
        wrong = _check(data, name, rel, found, code, prefix, line_base)
        kept = ([[p.code, p.path, p.line, p.message] for p in found.sorted()], wrong)
        cache.store(digest, kept, encode=lambda outcome: {"problems": outcome[0], "wrong": [list(w) for w in outcome[1]]})
    for rule, path, line, message in kept[0]:
        problems._items.add(Problem(path, line, rule, message, RULES[rule].hint))
    return kept[1]


@lru_cache(maxsize=None)
def _schema_text(name: str) -> str:
    return (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")


def _outcome(data: Any) -> tuple[list, list[tuple]]:
    """A kept outcome of check(): the problems (rule, path, line, message) and the wrong paths."""
    if not isinstance(data, dict) or set(data) != {"problems", "wrong"}:
        raise TypeError("not a schema check")
    for row in data["problems"]:
        if (not isinstance(row, list) or len(row) != 4 or row[0] not in RULES or not isinstance(row[1], str)
                or type(row[2]) is not int or not isinstance(row[3], str)):
            raise TypeError("not a problem")
    if not all(isinstance(path, list) and all(isinstance(step, (str, int)) for step in path) for path in data["wrong"]):
        raise TypeError("not a list of paths")
    return data["problems"], [tuple(path) for path in data["wrong"]]


def _check(data: Any, name: str, rel: str, problems: Problems, code: str, prefix: tuple, line_base: Any) -> list[tuple]:
    wrong = []
    for error in sorted(validator(name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        error.absolute_path.extendleft(reversed(prefix))
        problems.add(code, rel, line_of(line_base if line_base is not None else data, list(prefix) + path),
                     reason=_reason(error))
        wrong.append(tuple(path))
    return wrong


def without(data: Any, paths: list[tuple]) -> Any:
    """A copy of `data` without the keys whose values were wrong, so defaults apply instead."""
    if not paths or not isinstance(data, dict):
        return data
    result = type(data)(data)
    for attr in ("line", "lines"):
        if hasattr(data, attr):
            setattr(result, attr, getattr(data, attr))
    heads = {}
    for path in paths:
        if path:
            heads.setdefault(path[0], []).append(path[1:])
    for key, rests in heads.items():
        if key not in result:
            continue
        if any(not rest for rest in rests) or not isinstance(result[key], dict):
            del result[key]
        else:
            result[key] = without(result[key], rests)
    return result
