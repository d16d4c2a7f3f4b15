"""The package shows its layers: each imports only the layers before it, and no import goes round
in a circle (scripts/workshop/__init__.py gives the order; each layer's docstring says what it may
import)."""

from __future__ import annotations

import re
from pathlib import Path

from project_factory import ROOT

PACKAGE = ROOT / "scripts" / "workshop"
ORDER = ["model", "web", "check", "qa", "outputs", "plugin", "frontends", "sitetests"]
IMPORT = re.compile(r"^\s*from workshop((?:\.\w+)*) import ([\w, ()]+)|^\s*import workshop((?:\.\w+)+)", re.M)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    head = module.split(".")[0]
    return ORDER.index(head) if head in ORDER else ORDER.index("frontends")   # cli, command: the front ends' level



def imports() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for match in IMPORT.finditer(path.read_text(encoding="utf-8")):
            base = (match.group(1) or match.group(3) or "").lstrip(".")
            names = [n.strip().split(" as ")[0] for n in (match.group(2) or "").replace("(", "").replace(")", "").split(",")]
            for candidate in [f"{base}.{n}" if base else n for n in names if n] + [base]:
                if candidate in modules:
                    found.add(candidate)
                    break
            else:
                if base in modules:
                    found.add(base)
        graph[name] = found - {name}
    return graph


def test_every_module_belongs_to_a_layer():
    assert {m.split(".")[0] for m in imports()} <= set(ORDER) | {"", "cli", "command"}


def test_nothing_imports_a_later_layer():
    upward = [f"{module} imports {target}" for module, targets in imports().items() for target in targets
              if layer(target) > layer(module)]
    assert upward == []


def test_there_is_no_import_circle():
    graph = imports()
    circles = []

    def visit(node: str, path: list[str]) -> None:
        for target in graph.get(node, ()):
            if target in path:
                circles.append(" -> ".join(path[path.index(target):] + [target]))
            elif len(path) < 12:
                visit(target, path + [target])

    for module in graph:
        visit(module, [module])
    assert circles == []
