"""Creating a page from its kind's template and adding it to the navigation.

The nav is edited with ruamel.yaml's round-trip mode, so that mkdocs.yml keeps its comments,
anchors and layout whatever its indentation; the title a trainer types is data: it reaches the
front matter, the heading and the nav exactly as given, quoted or escaped as each place needs.
An existing page is never overwritten, and mkdocs.yml is replaced only by a complete new copy.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError

from workshop.model.config import WorkshopConfig
from workshop.model.engine_files import PROJECT_TEMPLATES as TEMPLATES, page_template
from workshop.model.messages import printable
from workshop.model.files import read_bytes
from workshop.model.text import ConfigLoader
from workshop.outputs import guard

MAX_TITLE = 200


class PageError(Exception):
    """A request that cannot be carried out; the message says why and what to do."""


@dataclass(frozen=True)
class NewPage:
    path: Path
    nav_path: str
    section: str


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "page"


def check_title(title: str) -> None:
    if not title.strip():
        raise PageError('give the page a title, e.g. TITLE="Working with community groups"')
    if len(title) > MAX_TITLE:
        raise PageError(f"the title has {len(title)} characters; keep it to {MAX_TITLE} or fewer "
                        "(the nav and the browser tab show it whole)")
    bad = next((c for c in title if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")
                or c in "\u2028\u2029\u0085\ufeff"), None)
    if bad is not None:
        raise PageError(f"the title holds the control or unassigned character U+{ord(bad):04X}; "
                        "a title is one line of text")


def plan(config: WorkshopConfig, kind: str, title: str, objectives: list[str], section: str | None) -> NewPage:
    if kind not in config.kinds:
        raise PageError(f"unknown kind '{kind}'; choose one of: {', '.join(config.kinds)}")
    check_title(title)
    if section is not None:
        check_title(section)
    unknown = [o for o in objectives if o not in config.objective_ids]
    if not objectives or unknown:
        raise PageError(f"objectives must be one or more of {', '.join(config.objective_ids)}"
                        + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    spec = config.kinds[kind]
    suffix = ".ipynb" if spec.notebook else ".md"
    path = config.root / spec.folder / (slugify(title) + suffix)
    nav_path = config.site_path(path)
    if nav_path is None:
        raise PageError(f"extra.kinds.{kind}.folder ({spec.folder}) must be inside docs/ or exercises/")
    return NewPage(path, nav_path, section or spec.section or "Pages")


def template_text(config: WorkshopConfig, kind: str) -> str:
    notebook = config.kinds[kind].notebook
    for name in (f"{kind}.ipynb" if notebook else f"{kind}.md", "concept.md"):
        path = page_template(config.root, name)
        if path is not None:
            try:
                return read_bytes(path).decode("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                shown = path.relative_to(config.root) if path.is_relative_to(config.root) else path
                raise PageError(f"the template {printable(shown)} cannot be read: "
                                f"{getattr(error, 'strerror', None) or error}") from None
    raise PageError(f"no template for '{kind}' (write one as {TEMPLATES}/{kind}.md in the project)")


def yaml_scalar(value: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly `value`."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=10**6).rstrip("\n").removesuffix("\n...")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")  # Python-Markdown's escapable characters, with tables' |


def markdown_text(value: str) -> str:
    """`value` as Markdown text that renders as itself: no emphasis, link or raw HTML."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _replace_line(text: str, prefix: str, line: str) -> str:
    """Replace the first line starting with `prefix`; the new line is never read as a pattern."""
    pattern = re.compile(rf"^{re.escape(prefix)}.*$", re.M)
    return pattern.sub(lambda _: line, text, count=1)


def page_text(config: WorkshopConfig, kind: str, title: str, objectives: list[str]) -> str:
    text = template_text(config, kind)
    if config.kinds[kind].notebook:
        notebook = json.loads(text)
        meta = notebook.setdefault("metadata", {}).setdefault("workshop", {})
        meta.update({"title": title, "kind": kind, "objectives": objectives})
        first = notebook["cells"][0] if notebook.get("cells") else None
        if first and first.get("cell_type") == "markdown":
            source = "".join(first["source"]).split("\n", 1)
            first["source"] = f"# {markdown_text(title)}\n" + (source[1] if len(source) > 1 else "")
        return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    text = _replace_line(text, "title: ", f"title: {yaml_scalar(title)}")
    text = _replace_line(text, "kind: ", f"kind: {kind}")
    text = _replace_line(text, "objectives: ", f"objectives: [{', '.join(objectives)}]")
    return _replace_line(text, "# ", f"# {markdown_text(title)}")


def _round_trip(config_text: str) -> YAML:
    """A round-trip YAML that writes lists indented as the file's nav is."""
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 10**6
    match = re.search(r"^nav:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*( *)- ", config_text, re.M)
    offset = len(match.group(1)) if match else 2
    rt.indent(mapping=2, sequence=offset + 2, offset=offset)
    return rt


def add_to_nav(config_text: str, title: str, nav_path: str, section: str) -> str:
    """mkdocs.yml with '- Title: path' at the end of the nav section `section` (made if absent)."""
    rt = _round_trip(config_text)
    try:
        data = rt.load(config_text)
    except RuamelError as error:
        raise PageError(f"mkdocs.yml is not valid YAML ({str(error).splitlines()[0]}); fix it first") from None
    nav = data.get("nav") if isinstance(data, CommentedMap) else None
    if not isinstance(nav, CommentedSeq):
        raise PageError("mkdocs.yml has no 'nav:' list to add the page to; add one (see the README)")
    entry = CommentedMap([(title, nav_path)])
    for item in nav:
        if isinstance(item, CommentedMap) and len(item) == 1 and section in item:
            children = item[section]
            if not isinstance(children, CommentedSeq):
                raise PageError(f"the nav entry '{section}' is a page, not a section; "
                                "choose another SECTION")
            children.append(entry)
            break
    else:
        nav.append(CommentedMap([(section, CommentedSeq([entry]))]))
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def nav_titles(config_text: str) -> list[tuple[str, str]]:
    """Every (title, path) page entry of the nav, for checking that an edit kept the title."""
    data = yaml.load(config_text, Loader=ConfigLoader)
    found: list[tuple[str, str]] = []

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for key, value in item.items():
                    if isinstance(value, list):
                        walk(value)
                    else:
                        found.append((key, value))
    walk(data.get("nav"))
    return found


def create(config: WorkshopConfig, kind: str, title: str, objectives: list[str], section: str | None = None) -> NewPage:
    """Write the page and add it to the nav. The page's place goes through the output guard
    (inside the project, links resolved; a folder, not a file, on the way); the page and the
    nav are written while this run holds the project's lock, so a second make page at the same
    time waits and then adds its own entry to the nav as this one left it."""
    new = plan(config, kind, title, objectives, section)
    text = page_text(config, kind, title, objectives)
    guard.check(new.path, command="make page", inside=config.root, owner=lambda path: None)
    with guard.exclusive(config.root, "make page"):
        if new.path.exists() or new.path.is_symlink():
            raise PageError(f"{printable(new.path.relative_to(config.root).as_posix())} already exists; it was left "
                            "as it is. Choose another title, or edit the existing page.")
        guard.check(new.path, command="make page", inside=config.root, owner=lambda path: None)
        config_text = read_bytes(config.path).decode("utf-8")
        updated = add_to_nav(config_text, title, new.nav_path, new.section)
        if (title, new.nav_path) not in nav_titles(updated):  # the edited file must read back as meant
            raise PageError("the title could not be written to the nav of mkdocs.yml exactly; "
                            "choose a simpler title")
        try:
            new.path.parent.mkdir(parents=True, exist_ok=True)
            with open(new.path, "x", encoding="utf-8") as handle:  # "x": never replace a file
                handle.write(text)
            try:
                guard.write_whole(config.path, updated)
            except BaseException:
                new.path.unlink(missing_ok=True)  # the page this call made, so that nothing is half done
                raise
        except OSError as error:
            raise guard.OutputRefused(error.filename or new.path, error.strerror or str(error)) from None
    return new
