"""The workshop as mkdocs.yml describes it: identity, objectives, kinds, vocabulary, nav.

mkdocs.yml is the one place a trainer edits to change the workshop; this module reads it
once into plain data that every output (checker, hook, handouts, slides) shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.model.problems import Problems
from workshop.model import schema
from workshop.model.text import describe, load_yaml, read_text

CONFIG_NAME = "mkdocs.yml"
EXERCISES_DIR = "exercises"

# Keys a page may carry in its front matter; kinds may require some of them.
PAGE_KEYS = {
    "title": "a line of text",
    "description": "a line of text",
    "kind": "one of extra.kinds",
    "objectives": "a list of objective ids",
    "page_budget": "a whole number of printed pages",
    "print_for": "participant, group or facilitator",
    "case": "the case-study classification",
    "hide": "a list of Material page elements to hide",
    "search": "Material's search settings",
    "slides": "false to leave the page out of the slides",
}
PRINT_FOR = ("participant", "group", "facilitator")
DEFAULT_KINDS = {"concept": {"interactive": False}, "exercise": {"interactive": True}}


class ConfigError(Exception):
    """mkdocs.yml cannot be used at all; the front ends exit with status 2."""


@dataclass(frozen=True)
class Objective:
    id: str
    short: str
    statement: str
    concepts: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Kind:
    name: str
    interactive: bool
    evidence: bool
    requires: tuple[str, ...]
    folder: str = "docs"
    section: str = ""
    printed: bool = False         # printed to PDF by make handouts, with a page budget
    case: bool = False            # a case study: the sections of templates/case-study.md, classified
    notebook: bool = False        # a Jupyter notebook (.ipynb), executed by the build
    slides: bool = False          # taught from: make slides --pages writes a reference deck of each page


@dataclass(frozen=True)
class NavEntry:
    title: str | None
    path: str
    line: int
    section: str | None


@dataclass
class WorkshopConfig:
    root: Path
    path: Path
    raw: dict[str, Any]
    docs_dir: Path
    site_name: str
    workshop: dict[str, Any]
    objectives: list[Objective]
    kinds: dict[str, Kind]
    alignment: dict[str, Any]
    vocabulary: dict[str, list[str]]
    materials: dict[str, dict[str, Any]]
    reading_list: dict[str, str]
    nav: list[NavEntry]
    problems: Problems = field(default_factory=Problems)

    @property
    def objective_ids(self) -> list[str]:
        return [objective.id for objective in self.objectives]

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    @property
    def rel(self) -> str:
        return self.path.name

    @property
    def exercises_dir(self) -> Path:
        return self.root / EXERCISES_DIR

    def site_path(self, path: Path) -> str | None:
        """The path of a page as nav writes it (docs-relative, or exercises/...)."""
        path = path if path.is_absolute() else path.resolve()
        for base, prefix in ((self.docs_dir.absolute(), ""), (self.root.absolute() / EXERCISES_DIR, EXERCISES_DIR + "/")):
            try:
                return prefix + path.relative_to(base).as_posix()
            except ValueError:
                continue
        return None

    def file_for(self, site_path: str) -> Path:
        if site_path.startswith(EXERCISES_DIR + "/"):
            return self.root / site_path
        return self.docs_dir / site_path


def find_config(start: Path) -> Path:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(f"no {CONFIG_NAME} found in {start} or its parents")


def load_config(path: Path) -> WorkshopConfig:
    from workshop.model.messages import printable

    problems = Problems()
    rel = printable(path.name)
    text = read_text(path, rel, problems)
    if text is None:
        raise ConfigError(_first(problems, f"{rel}: cannot be read"))
    ok, raw = load_yaml(text, rel, problems, code="config-invalid", strict=False, root=path.absolute().parent)
    if not ok:
        raise ConfigError(_first(problems, f"{rel}: invalid YAML"))
    if not isinstance(raw, dict):
        raise ConfigError(f"{rel}:1: the configuration must be a set of keys, not {describe(raw)}")
    extra = raw.get("extra") or {}
    if not isinstance(extra, dict):
        raise ConfigError(f"{rel}:{_line(text, 'extra:')}: 'extra' must be a set of keys")
    root = path.absolute().parent
    docs_dir = _docs_dir(raw.get("docs_dir"), root, text, rel)
    extra = schema.without(extra, schema.check(extra, "extra", rel, problems, prefix=("extra",), line_base=raw,
                                                root=root))
    objectives = _objectives(extra.get("objectives"), text, rel, problems)
    config = WorkshopConfig(
        root=root,
        path=path,
        raw=raw,
        docs_dir=docs_dir,
        site_name=str(raw.get("site_name") or ""),
        workshop=_mapping(extra.get("workshop"), "extra.workshop", text, rel, problems),
        objectives=objectives,
        kinds=_kinds(extra.get("kinds"), text, rel, problems),
        alignment={"min_terms": 2, "mismatch_ratio": 3, "mismatch_min_terms": 5, "extra_verbs": [],
                   **_mapping(extra.get("alignment"), "extra.alignment", text, rel, problems)},
        vocabulary={k: [str(v) for v in (vs or [])] for k, vs in
                    _mapping(extra.get("vocabulary"), "extra.vocabulary", text, rel, problems).items()},
        materials=_mapping(extra.get("materials"), "extra.materials", text, rel, problems),
        reading_list={str(k): str(v) for k, v in
                      _mapping(extra.get("reading_list"), "extra.reading_list", text, rel, problems).items()},
        nav=_nav(raw.get("nav"), text),
        problems=problems,
    )
    _divide_the_room(config.workshop)
    return config


def _docs_dir(value: Any, root: Path, text: str, rel: str) -> Path:
    """docs_dir, which must be a folder inside the project: the checker walks it and the build
    publishes it, so /etc, /proc or a link out of the project would be read or published whole."""
    from workshop.model.messages import printable

    line = _line(text, "docs_dir:")
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{rel}:{line}: docs_dir must be the name of a folder, not {describe(value)}")
    folder = root / (value or "docs")
    try:
        inside = folder.resolve().is_relative_to(root.resolve()) and folder.resolve() != root.resolve()
    except (OSError, RuntimeError, ValueError):   # a loop of links, a NUL byte
        inside = False
    if not inside:
        raise ConfigError(f"{rel}:{line}: docs_dir '{printable(value)}' is not a folder inside the project "
                          f"({printable(root)}); the site's pages must live in the project, e.g. docs_dir: docs")
    return folder


def _divide_the_room(workshop: dict[str, Any]) -> None:
    """extra.workshop.groups, when not set, is computed from the participants (groups.py)."""
    from workshop.model.groups import plan

    participants, lay = workshop.get("participants"), workshop.get("lay_members") or 0
    if workshop.get("groups") in (None, "") and isinstance(participants, int) and isinstance(lay, int):
        try:
            workshop["groups"] = plan(participants, lay_members=lay).groups
        except ValueError:
            pass  # the schema has already reported the number

def _first(problems: Problems, default: str) -> str:
    items = problems.sorted()
    return items[0].text() if items else default


def _line(text: str, needle: str, start: int = 0) -> int:
    index = text.find(needle, start)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _mapping(value: Any, name: str, text: str, rel: str, problems: Problems) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add("config-invalid", rel, _line(text, name.rsplit(".", 1)[-1] + ":"),
                     reason=f"'{name}' must be a set of keys, not {describe(value)}")
        return {}
    return value


def _objectives(value: Any, text: str, rel: str, problems: Problems) -> list[Objective]:
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{rel}:{_line(text, 'objectives:')}: mkdocs.yml defines no learning objectives "
                          "under extra.objectives (a list of id, statement and concepts)")
    objectives: list[Objective] = []
    seen: set[str] = set()
    search_from = text.find("objectives:")
    for index, entry in enumerate(value, 1):
        line = _line(text, "- id:", search_from)
        search_from = max(text.find("- id:", search_from) + 1, search_from)
        if not isinstance(entry, dict):
            problems.add("config-objective-invalid", rel, line, index=index,
                         reason=f"it must be a set of keys, not {describe(entry)}")
            continue
        unknown = set(entry) - {"id", "statement", "concepts", "short"}
        oid, statement, concepts = entry.get("id"), entry.get("statement"), entry.get("concepts")
        reason = None
        if not isinstance(oid, str) or not re.fullmatch(r"[A-Za-z][\w-]*", oid):
            reason = f"'id' must be a short name such as LO1, not {describe(oid)}"
        elif not isinstance(statement, str) or len(statement.split()) < 3:
            reason = "'statement' must be a sentence"
        elif not isinstance(concepts, list) or not concepts or not all(isinstance(c, str) and c.strip() for c in concepts):
            reason = "'concepts' must be a non-empty list of key terms"
        elif unknown:
            reason = f"unknown key(s) {', '.join(sorted(unknown))}"
        if reason:
            problems.add("config-objective-invalid", rel, line, index=index, reason=reason)
            if not isinstance(oid, str):
                continue
        if oid in seen:
            problems.add("config-objective-duplicate", rel, line, objective=oid)
            continue
        seen.add(oid)
        objectives.append(Objective(
            id=oid,
            short=str(entry.get("short") or oid),
            statement=" ".join(str(statement or "").split()),
            concepts=tuple(str(c).strip() for c in concepts) if isinstance(concepts, list) else (),
            line=line,
        ))
    return objectives


def _kinds(value: Any, text: str, rel: str, problems: Problems) -> dict[str, Kind]:
    kinds = _mapping(value, "extra.kinds", text, rel, problems) or DEFAULT_KINDS
    result = {}
    for name, settings in kinds.items():
        settings = settings if isinstance(settings, dict) else {}
        result[str(name)] = Kind(
            name=str(name),
            interactive=bool(settings.get("interactive", False)),
            evidence=bool(settings.get("evidence", True)),
            requires=tuple(settings.get("requires") or ()),
            folder=str(settings.get("folder") or "docs"),
            section=str(settings.get("section") or ""),
            printed=bool(settings.get("printed", False)),
            case=bool(settings.get("case", False)),
            notebook=bool(settings.get("notebook", False)),
            slides=bool(settings.get("slides", False)),
        )
    return result


def _nav(value: Any, text: str) -> list[NavEntry]:
    entries: list[NavEntry] = []
    nav_start = text.find("\nnav:")

    def walk(items: Any, section: str | None) -> None:
        if isinstance(items, str):
            entries.append(NavEntry(None, items, _line(text, items, nav_start), section))
        elif isinstance(items, list):
            for item in items:
                walk(item, section)
        elif isinstance(items, dict):
            for title, target in items.items():
                if isinstance(target, str):
                    if not re.match(r"[a-z]+://", target):
                        entries.append(NavEntry(str(title), target, _line(text, target, nav_start), section))
                else:
                    walk(target, str(title))

    walk(value or [], None)
    return entries
