"""Creating a page from its kind's template and adding it to the navigation.

mkdocs.yml is edited as text, line by line, so that its comments and layout survive;
an existing page is never overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .config import WorkshopConfig
from .text import ConfigLoader

TEMPLATES = "templates"


class PageError(Exception):
    """A request that cannot be carried out; the message says why and what to do."""


@dataclass(frozen=True)
class NewPage:
    path: Path
    nav_path: str
    section: str


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-") or "page"


def plan(config: WorkshopConfig, kind: str, title: str, objectives: list[str], section: str | None) -> NewPage:
    if kind not in config.kinds:
        raise PageError(f"unknown kind '{kind}'; choose one of: {', '.join(config.kinds)}")
    if not title.strip():
        raise PageError("give the page a title, e.g. TITLE=\"Co-production in mental health\"")
    unknown = [o for o in objectives if o not in config.objective_ids]
    if not objectives or unknown:
        raise PageError(f"objectives must be one or more of {', '.join(config.objective_ids)}"
                        + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    spec = config.kinds[kind]
    suffix = ".ipynb" if kind == "notebook" else ".md"
    path = config.root / spec.folder / (slugify(title) + suffix)
    nav_path = config.site_path(path)
    if nav_path is None:
        raise PageError(f"extra.kinds.{kind}.folder ({spec.folder}) must be inside docs/ or exercises/")
    return NewPage(path, nav_path, section or spec.section or "Pages")


def template_text(config: WorkshopConfig, kind: str) -> str:
    for name in (f"{kind}.ipynb" if kind == "notebook" else f"{kind}.md", "concept.md"):
        path = config.root / TEMPLATES / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise PageError(f"no template for '{kind}' in {TEMPLATES}/ (expected {TEMPLATES}/{kind}.md)")


def page_text(config: WorkshopConfig, kind: str, title: str, objectives: list[str]) -> str:
    text = template_text(config, kind)
    if kind == "notebook":
        notebook = json.loads(text)
        meta = notebook.setdefault("metadata", {}).setdefault("workshop", {})
        meta.update({"title": title, "kind": kind, "objectives": objectives})
        first = notebook["cells"][0] if notebook.get("cells") else None
        if first and first.get("cell_type") == "markdown":
            source = "".join(first["source"]).split("\n", 1)
            first["source"] = f"# {title}\n" + (source[1] if len(source) > 1 else "")
        return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    quoted = json.dumps(title, ensure_ascii=False)
    text = re.sub(r"^title: .*$", f"title: {quoted}", text, count=1, flags=re.M)
    text = re.sub(r"^kind: .*$", f"kind: {kind}", text, count=1, flags=re.M)
    text = re.sub(r"^objectives: .*$", f"objectives: [{', '.join(objectives)}]", text, count=1, flags=re.M)
    return re.sub(r"^# .*$", f"# {title}", text, count=1, flags=re.M)


def add_to_nav(config_text: str, title: str, nav_path: str, section: str) -> str:
    """Insert '- Title: path' at the end of the nav section named `section` (made if absent)."""
    lines = config_text.split("\n")
    try:
        nav = next(i for i, line in enumerate(lines) if re.match(r"nav:\s*$", line))
    except StopIteration:
        raise PageError("mkdocs.yml has no 'nav:' section to add the page to") from None
    entry_title = json.dumps(title, ensure_ascii=False) if re.search(r"[:#'\"]", title) else title
    end = next((i for i in range(nav + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))), len(lines))
    while end > nav + 1 and not lines[end - 1].strip():
        end -= 1
    header = re.compile(rf"^(\s*)- {re.escape(section)}:\s*$")
    for index in range(nav + 1, end):
        match = header.match(lines[index])
        if match:
            indent = match.group(1) + "    "
            stop = index + 1
            while stop < end and (lines[stop].startswith(indent) or not lines[stop].strip()):
                stop += 1
            lines.insert(stop, f"{indent}- {entry_title}: {nav_path}")
            return "\n".join(lines)
    block = [f"  - {section}:", f"      - {entry_title}: {nav_path}"]
    lines[end:end] = block
    return "\n".join(lines)


def create(config: WorkshopConfig, kind: str, title: str, objectives: list[str], section: str | None = None) -> NewPage:
    new = plan(config, kind, title, objectives, section)
    if new.path.exists():
        raise PageError(f"{new.path.relative_to(config.root)} already exists; it was left as it is. "
                        "Choose another title, or edit the existing page.")
    text = page_text(config, kind, title, objectives)
    config_text = config.path.read_text(encoding="utf-8")
    updated = add_to_nav(config_text, title, new.nav_path, new.section)
    yaml.load(updated, Loader=ConfigLoader)  # the edited file must still be YAML
    new.path.parent.mkdir(parents=True, exist_ok=True)
    with open(new.path, "x", encoding="utf-8") as handle:  # "x": never replace a file
        handle.write(text)
    config.path.write_text(updated, encoding="utf-8")
    return new
