"""The words of a schema error: a trainer's sentence naming the value, what it must be and why.

jsonschema's own messages are written for programmers ("'two' is not of type 'integer'"). These
say the same in the words of a trainer, reusing the description that the schema gives each value
(and that an editor shows while typing): "extra.alignment.min_terms must be a whole number, not
the text 'two' (distinct key concepts a page must use for each objective it declares)".
"""

from __future__ import annotations

import difflib
from typing import Any, Callable

from workshop.model.text import describe

_TYPES = {"integer": "a whole number", "number": "a number", "string": "text", "boolean": "true or false",
          "array": "a list", "object": "a set of keys", "null": "nothing"}
_BLANK = "\\S"     # the pattern of a text that must not be blank


def _shown(value: Any) -> str:
    return str(value) if len(str(value)) <= 20 else f"{str(value)[:12]}… ({len(str(value))} digits)"


def _about(node: dict) -> str:
    description = node.get("description", "")
    return f" ({description})" if description else ""


def unknown_keys(error) -> list[str]:
    known = error.schema.get("properties", {})
    return [str(key) for key in error.instance if key not in known]


def is_key(error) -> bool:
    """Whether the error is about a key of a mapping (propertyNames), not a value."""
    return "propertyNames" in error.schema_path


def reason(error, where: str) -> str:
    """A trainer's sentence for one schema error; `where` names the value (empty: the file itself)."""
    kind, value, node = error.validator, error.instance, error.schema
    subject = where or "the file"
    about = _about(node) if where else ""
    if is_key(error):
        return f"{subject}: the key '{value}' must be {node.get('description', 'a short name')}"
    if kind == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{subject} must be {' or '.join(_TYPES.get(t, t) for t in types)}, not {describe(value)}{about}"
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        low = node.get("minimum", node.get("exclusiveMinimum"))
        high = node.get("maximum")
        if "exclusiveMinimum" in node:
            span = f"more than {low}" + (f" and at most {high}" if high is not None else "")
        elif low is not None and high is not None:
            span = f"from {low} to {high}"
        else:
            span = f"at least {low}" if low is not None else f"at most {high}"
        return f"{subject} must be {span}, not {_shown(value)}{about}"
    if kind == "enum":
        return f"{subject} must be one of {', '.join(map(str, error.validator_value))}, not {describe(value)}"
    if kind == "pattern":
        if error.validator_value == _BLANK:
            return f"{subject} must not be blank{about}"
        description = node.get("description")
        return (f"{subject} must be {description}, not {describe(value)}" if description
                else f"{subject} has the wrong form: {describe(value)}")
    if kind == "required":
        missing = error.message.split(" is a required")[0]
        wanted = node.get("properties", {}).get(missing.strip("'"), {})
        return f"{subject} is missing {missing}{_about(wanted)}"
    if kind == "dependentRequired":
        needs = [(key, [d for d in deps if d not in value]) for key, deps in error.validator_value.items() if key in value]
        key, missing = next((k, m) for k, m in needs if m)
        wanted = node.get("properties", {}).get(missing[0], {})
        return f"{subject} is missing '{missing[0]}'{_about(wanted)}, which '{key}' needs"
    if kind == "additionalProperties":
        unknown = unknown_keys(error)
        known = sorted(node.get("properties", {}))
        close = difflib.get_close_matches(unknown[0], known, n=1) if len(unknown) == 1 else []
        names = ", ".join(f"'{key}'" for key in unknown)
        return (f"{where + ': ' if where else ''}unknown key{'s' if len(unknown) > 1 else ''} {names}"
                + (f" (did you mean '{close[0]}'?)" if close else "") + f"; known keys: {', '.join(known)}")
    if kind in ("minItems", "minLength"):
        return f"{subject} must not be empty{about}"
    if kind in ("maxItems", "maxLength"):
        limit = error.validator_value
        return f"{subject} is too long: at most {limit} {'items' if kind == 'maxItems' else 'characters'}"
    if kind in ("anyOf", "oneOf", "not", "const") and node.get("description"):
        return f"{subject} {node['description']}"
    return f"{subject}: {error.message}"


def dotted(path: list) -> str:
    """A value's place in its file, as the messages name it: extra.alignment.min_terms."""
    return ".".join(str(step) for step in path)


def named(lists: dict[str | None, tuple[str, str]], prefix: tuple = ()) -> Callable[[Any, list], str]:
    """Names for the values of a file in its messages: an item of a listed list is named by one of
    its fields (block 'welcome': minutes), or by its number when that field is unusable (block 3);
    anything else by its dotted path. `lists` maps the key of a list (None: the file is the list)
    to (the field that names an item, what an item is called)."""
    def where(data: Any, path: list) -> str:
        for key, (field, label) in lists.items():
            head = [] if key is None else [key]
            if path[: len(head)] != head or len(path) <= len(head) or not isinstance(path[len(head)], int):
                continue
            index = path[len(head)]
            try:
                item = (data if key is None else data[key])[index]
            except (KeyError, IndexError, TypeError):
                item = None
            rest = dotted(path[len(head) + 1:])
            name = item.get(field) if isinstance(item, dict) and rest != field else None   # never the wrong name itself
            shown = f"{label} '{name}'" if isinstance(name, str) and 0 < len(name) <= 80 and "\n" not in name \
                else f"{label} {index + 1}"
            return f"{shown}: {rest}" if rest else shown
        return dotted(list(prefix) + path)
    return where
