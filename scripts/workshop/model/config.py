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

NAMES = schema.named({"objectives": ("id", "objective")}, prefix=("extra",))

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
    "cards": "scenario or role: the exercise's cards this handout holds",
    "page_budget_large": "a whole number of printed pages in large print",
}
CARD_KINDS = ("scenario", "role")
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
    plain: str = ""     # the objective in everyday words, as a participant would say it ("I can ...")


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
    raw: dict[str, Any]           # mkdocs.yml as read, with its lines
    extra: dict[str, Any]         # extra: as its schema lets it through, with the schema's defaults
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
    evaluation: dict[str, Any] = field(default_factory=dict)   # Handout 6's questions on taking part
    problems: Problems = field(default_factory=Problems)
    broken_objectives: frozenset[str] = frozenset()   # defined, but left out for a wrong value (reported)
    timing: dict[str, Any] = field(default_factory=dict)   # extra.timing: the pace of reading aloud

    @property
    def rules_off(self) -> list[str]:
        """The rules this workshop switches off (extra.rules in mkdocs.yml)."""
        return sorted(code for code, on in self.extra.get("rules", {}).items() if on is False)

    def applies(self, code: str) -> bool:
        """Whether the rule `code` is applied: every rule is, unless extra.rules switches it off."""
        return self.extra.get("rules", {}).get(code, True) is not False

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
    # Not from the cache: mkdocs.yml says whether there is one (the plugin's cache and cache_dir).
    ok, raw = load_yaml(text, rel, problems, code="config-invalid", strict=False)
    if not ok:
        raise ConfigError(_first(problems, f"{rel}: invalid YAML"))
    if not isinstance(raw, dict):
        raise ConfigError(f"{rel}:1: the configuration must be a set of keys, not {describe(raw)}")
    extra = raw.get("extra") or {}
    if not isinstance(extra, dict):
        raise ConfigError(f"{rel}:{schema.line_of(raw, ['extra'])}: 'extra' must be a set of keys")
    if not isinstance(extra.get("objectives"), list) or not extra["objectives"]:
        raise ConfigError(f"{rel}:{schema.line_of(raw, ['extra', 'objectives'])}: mkdocs.yml defines no learning "
                          "objectives under extra.objectives (a list of id, statement and concepts)")
    root = path.absolute().parent
    docs_dir = _docs_dir(raw.get("docs_dir"), root, raw, rel)
    _cache_options(raw, root, docs_dir, rel, problems)
    named = {o["id"] for o in extra["objectives"] if isinstance(o, dict) and isinstance(o.get("id"), str)}
    extra = schema.valid_text(root, text, extra, "extra", rel, problems, "config-invalid", prefix=("extra",),
                              line_base=raw, codes={"objectives": "config-objective-invalid"}, where=NAMES) or {}
    config = WorkshopConfig(
        root=root,
        path=path,
        raw=raw,
        extra=extra,
        docs_dir=docs_dir,
        site_name=str(raw.get("site_name") or ""),
        workshop=extra.get("workshop", {}),
        objectives=(objectives := _objectives(extra.get("objectives", []), rel, problems)),
        kinds=_kinds(extra.get("kinds") or DEFAULT_KINDS),
        alignment=extra["alignment"],
        vocabulary=extra.get("vocabulary", {}),
        materials=extra.get("materials", {}),
        reading_list=extra.get("reading_list", {}),
        nav=_nav(raw.get("nav")),
        problems=problems,
        evaluation=_evaluation(extra.get("evaluation", {}), objectives, raw, rel, problems),
        timing=extra.get("timing", {}),
    )
    # An objective left out for a wrong statement or concepts is reported once, in mkdocs.yml; the pages
    # and blocks that declare it are not told that it is unknown as well.
    config.broken_objectives = frozenset(named - set(config.objective_ids))
    _divide_the_room(config.workshop)
    _online_groups(config.workshop, raw, rel, problems)
    return config


def _docs_dir(value: Any, root: Path, raw: Any, rel: str) -> Path:
    """docs_dir, which must be a folder inside the project: the checker walks it and the build
    publishes it, so /etc, /proc or a link out of the project would be read or published whole."""
    from workshop.model.messages import printable

    line = schema.line_of(raw, ["docs_dir"])
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


def _cache_options(raw: Any, root: Path, docs_dir: Path, rel: str, problems: Problems) -> None:
    """The workshop plugin's `cache` and `cache_dir` (plugins: in mkdocs.yml), so that the checker
    and the other commands keep their cache where the build keeps it, or keep none. A wrong type is
    left to MkDocs, which reports it when it builds; a folder that cannot be used is reported here."""
    from workshop.model import cache

    plugins = raw.get("plugins")
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        options = entry.get("workshop") if isinstance(entry, dict) and "workshop" in entry else None
        if entry != "workshop" and not isinstance(options, dict):
            continue
        options = options or {}
        enabled = options.get("cache", True)
        folder = options.get("cache_dir", str(cache.FOLDER))
        site_dir = root / (raw.get("site_dir") if isinstance(raw.get("site_dir"), str) else "site")
        refused = cache.cache_dir_refusal(root, folder, docs_dir, site_dir)
        if refused:
            problems.add("config-invalid", rel, schema.line_of(raw, ["plugins", index, "workshop", "cache_dir"]),
                         reason=refused)
        cache.configure(root, enabled is not False and not refused, cache.FOLDER if refused else folder)
        return


def _divide_the_room(workshop: dict[str, Any]) -> None:
    """extra.workshop.groups, when not set, is computed from the participants (groups.py)."""
    from workshop.model.groups import plan

    participants, lay = workshop.get("participants"), workshop.get("lay_members") or 0
    if workshop.get("groups") in (None, "") and isinstance(participants, int) and isinstance(lay, int):
        try:
            workshop["groups"] = plan(participants, lay_members=lay).groups
        except ValueError:
            pass  # the schema has already reported the number


def _online_groups(workshop: dict[str, Any], raw: Any, rel: str, problems: Problems) -> None:
    """extra.workshop.remote_groups is at most the number of groups (which a schema cannot say);
    a larger number is reported and taken as 0, so that every output still has a plan."""
    remote, groups = workshop.get("remote_groups"), workshop.get("groups")
    if isinstance(remote, int) and isinstance(groups, int) and remote > groups:
        problems.add("config-invalid", rel, schema.line_of(raw, ["extra", "workshop", "remote_groups"]),
                     reason=f"'extra.workshop.remote_groups' is {remote}, but the room has only {groups} "
                            f"group{'s' if groups != 1 else ''}: at most {groups} can join online")
        workshop["remote_groups"] = 0


def _first(problems: Problems, default: str) -> str:
    items = problems.sorted()
    return items[0].text() if items else default


def _objectives(value: list, rel: str, problems: Problems) -> list[Objective]:
    """The objectives the schema let through; an id may be defined once (a schema cannot say so)."""
    objectives: list[Objective] = []
    for entry, line in zip(value, getattr(value, "lines", [])):
        if any(o.id == entry["id"] for o in objectives):
            problems.add("config-objective-duplicate", rel, line, objective=entry["id"])
            continue
        objectives.append(Objective(id=entry["id"], short=entry.get("short") or entry["id"],
                                    statement=" ".join(entry["statement"].split()),
                                    concepts=tuple(c.strip() for c in entry["concepts"]), line=line,
                                    plain=" ".join(entry.get("plain", "").split())))
    return objectives


def _evaluation(settings: dict[str, Any], objectives: list[Objective], raw: Any, rel: str,
                problems: Problems) -> dict[str, Any]:
    """extra.evaluation, its shape checked by the schema; here, what a schema cannot say: that each
    question's id names a column of its own in the ratings CSV (not another question's, nor
    participant, nor a rating's)."""
    taken = {"participant"} | {f"{o.id}_{when}".casefold() for o in objectives for when in ("before", "after")}
    questions = []
    for index, entry in enumerate(settings.get("questions") or []):
        ident = str(entry.get("id", ""))
        if ident.casefold() in taken:
            problems.add("config-invalid", rel, schema.line_of(raw, ["extra", "evaluation", "questions", index, "id"]),
                         reason=f"extra.evaluation: question id '{ident}' is already the name of a column "
                                "of the ratings CSV; give each question an id of its own")
            continue
        taken.add(ident.casefold())
        questions.append(entry)
    return {"min_answers": settings.get("min_answers", 5), "questions": questions}


def _kinds(kinds: dict[str, Any]) -> dict[str, Kind]:
    return {str(name): Kind(name=str(name), interactive=settings.get("interactive", False),
                            evidence=settings.get("evidence", True), requires=tuple(settings.get("requires", ())),
                            folder=settings.get("folder") or "docs", section=settings.get("section", ""),
                            printed=settings.get("printed", False), case=settings.get("case", False),
                            notebook=settings.get("notebook", False), slides=settings.get("slides", False))
            for name, settings in kinds.items()}


def _nav(value: Any) -> list[NavEntry]:
    """The pages of the navigation in order, each with its title, section and line."""
    entries: list[NavEntry] = []

    def walk(items: Any, section: str | None, line: int) -> None:
        if isinstance(items, str):
            entries.append(NavEntry(None, items, line, section))
        elif isinstance(items, list):
            for index, item in enumerate(items):
                walk(item, section, schema.line_of(items, [index], line))
        elif isinstance(items, dict):
            for title, target in items.items():
                at = schema.line_of(items, [title], line)
                if isinstance(target, str):
                    if not re.match(r"[a-z]+://", target):
                        entries.append(NavEntry(str(title), target, at, section))
                else:
                    walk(target, str(title), at)

    walk(value or [], None, 1)
    return entries
