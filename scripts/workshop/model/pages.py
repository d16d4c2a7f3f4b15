"""Pages as the checker and the build see them: kind, objectives, text and line numbers.

Markdown pages carry their declarations in YAML front matter; notebooks carry the same
keys in their metadata under "workshop". Both become the same Page, so that no rule has
to know which kind of file it is looking at.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.model.config import CARD_KINDS, PAGE_KEYS, PRINT_FOR, WorkshopConfig
from workshop.model.problems import Problems
from workshop.model.document import Document, cached_parse
from workshop.model.limits import excess
from workshop.model.text import describe, load_yaml, read_text, split_front_matter

NOTEBOOK_META = "workshop"


@dataclass
class Page:
    path: Path
    rel: str                      # project-relative path, for messages
    site_path: str | None         # the path as nav writes it
    meta: dict[str, Any] = field(default_factory=dict)
    kind: str | None = None
    objectives: list[str] = field(default_factory=list)
    body: str = ""                # Markdown text (notebooks: Markdown and code cells joined)
    body_line: int = 1            # line of the file where body starts
    lines: dict[str, int] = field(default_factory=dict)   # line of each front matter key
    notebook: bool = False
    cell_lines: list[int] = field(default_factory=list)   # notebook: line where each cell starts
    outputs: list[int] = field(default_factory=list)      # notebook: cells carrying outputs
    readable: bool = True
    doc: Document | None = None   # the author's Markdown, parsed once (document.parse)
    over_limit: str = ""          # why its Markdown is not parsed or converted (limits.py), if it is not

    @property
    def prose(self) -> str:
        """What the author wrote as prose: the source with code, markup and comments blanked."""
        return self.doc.prose if self.doc is not None else ""

    @property
    def title(self) -> str:
        if self.meta.get("title"):
            return str(self.meta["title"])
        match = re.search(r"^#\s+(.+)$", self.body, re.M)
        return match.group(1).strip() if match else Path(self.rel).stem.replace("-", " ").capitalize()

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def body_line_of(self, offset: int) -> int:
        """File line of a character offset in the body."""
        if self.notebook:
            return self.body_line
        return self.body_line + self.body.count("\n", 0, offset)


def read_page(path: Path, config: WorkshopConfig, problems: Problems) -> Page:
    rel = _relative(path, config.root)
    page = Page(path=path, rel=rel, site_path=config.site_path(path))
    text = read_text(path, rel, problems)
    if text is None:
        page.readable = False
        return page
    if path.suffix == ".ipynb":
        _read_notebook(page, text, problems, config.root)
    else:
        _read_markdown(page, text, problems, config.root)
    if page.readable:
        _declarations(page, config, problems)
    return page


def _relative(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_markdown(page: Page, text: str, problems: Problems, root: Path) -> None:
    front, first, body, body_line = split_front_matter(text)
    page.body, page.body_line = body, body_line
    page.doc = cached_parse(body, body_line, root, within=lambda: _within_limits(page, body, body_line, problems))
    if page.doc is None:
        return
    if front is None:
        problems.add("front-matter-missing", page.rel, 1)
        return
    if first < 0:
        problems.add("front-matter-unclosed", page.rel, 1)
        page.readable = False
        return
    ok, meta = load_yaml(front, page.rel, problems, first_line=first, root=root)
    if not ok:
        page.readable = False
        return
    page.lines = dict(meta.lines) if isinstance(meta, dict) and hasattr(meta, "lines") else {}  # the parser's marks
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.add("front-matter-not-mapping", page.rel, first, found=describe(meta))
        page.readable = False
        return
    page.meta = meta


def _read_notebook(page: Page, text: str, problems: Problems, root: Path) -> None:
    page.notebook = True
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        problems.add("notebook-invalid", page.rel, error.lineno, reason=error.msg)
        page.readable = False
        return
    except RecursionError:
        problems.add("notebook-invalid", page.rel, 1, reason="it is nested too deeply to be a notebook")
        page.readable = False
        return
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or not isinstance(notebook.get("metadata", {}), dict):
        problems.add("notebook-invalid", page.rel, 1, reason="it has no list of cells")
        page.readable = False
        return
    meta = notebook.get("metadata", {}).get(NOTEBOOK_META)
    meta_line = _json_line(text, f'"{NOTEBOOK_META}"')
    if meta is None:
        problems.add("notebook-metadata-missing", page.rel, _json_line(text, '"metadata"'))
        meta = {}
    elif not isinstance(meta, dict):
        problems.add("front-matter-not-mapping", page.rel, meta_line, found=describe(meta))
        meta = {}
    page.meta = meta
    page.lines = {key: _json_line(text, f'"{key}"', text.find(f'"{NOTEBOOK_META}"')) for key in meta}
    page.body_line = meta_line
    parts, markdown_parts, search = [], [], 0
    for number, cell in enumerate(cells, 1):
        cell_at = text.find('"cell_type"', search)
        search = cell_at + 1 if cell_at >= 0 else search
        page.cell_lines.append(text.count("\n", 0, max(cell_at, 0)) + 1)
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", "")
        text_of_cell = "".join(map(str, source)) if isinstance(source, list) else str(source)
        parts.append(text_of_cell)
        if cell.get("cell_type") == "markdown":
            markdown_parts.append(text_of_cell)
        if cell.get("outputs") or cell.get("execution_count"):
            page.outputs.append(number)
    page.body = "\n\n".join(parts)
    markdown = "\n\n".join(markdown_parts)
    page.doc = cached_parse(markdown, page.body_line, root,
                            within=lambda: _within_limits(page, markdown, page.body_line, problems, notebook=True))


def _within_limits(page: Page, markdown: str, first_line: int, problems: Problems, notebook: bool = False) -> bool:
    """Whether the page's Markdown is within the limits a conversion can take (limits.py); if not,
    it is reported at its line, left unparsed and unread by the rules, and never converted."""
    found = excess(markdown)
    if found is None:
        return True
    page.over_limit = found.reason
    page.readable = False
    problems.add("page-limit", page.rel, first_line if notebook else first_line + found.line - 1, reason=found.reason)
    return False


def _json_line(text: str, needle: str, start: int = 0) -> int:
    index = text.find(needle, max(start, 0))
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _declarations(page: Page, config: WorkshopConfig, problems: Problems) -> None:
    meta = page.meta
    for key in meta:
        if key not in PAGE_KEYS:
            close = difflib.get_close_matches(str(key), PAGE_KEYS, n=1)
            problems.add("front-matter-unknown-key", page.rel, page.line_of(str(key)), key=key,
                         suggestion=f" (did you mean '{close[0]}'?)" if close else "",
                         allowed=", ".join(PAGE_KEYS))
    kind = meta.get("kind")
    if kind is None:
        problems.add("kind-missing", page.rel, 1)
    elif not isinstance(kind, str) or kind not in config.kinds:
        problems.add("kind-unknown", page.rel, page.line_of("kind"),
                     kind=kind if isinstance(kind, str) else describe(kind), known=", ".join(config.kinds))
    else:
        page.kind = kind
        for key in config.kinds[kind].requires:
            if key not in meta:
                problems.add("kind-requires", page.rel, page.line_of("kind"), kind=kind, key=key)
    _objectives(page, config, problems)
    _typed_values(page, problems)


def _objectives(page: Page, config: WorkshopConfig, problems: Problems) -> None:
    if "objectives" not in page.meta:
        problems.add("objectives-missing", page.rel, 1)
        return
    value, line = page.meta["objectives"], page.line_of("objectives")
    if not isinstance(value, list):
        problems.add("objectives-not-list", page.rel, line, found=describe(value))
        return
    if not value:
        problems.add("objectives-empty", page.rel, line)
        return
    known = config.objective_ids
    for item in value:
        if isinstance(item, str) and item in config.broken_objectives:
            continue        # reported where it is defined, in mkdocs.yml
        if not isinstance(item, str) or item not in known:
            problems.add("objective-unknown", page.rel, line, objective=item, known=", ".join(known))
        elif item in page.objectives:
            problems.add("objective-repeated", page.rel, line, objective=item)
        else:
            page.objectives.append(item)


MAX_PAGE_BUDGET = 50


def _typed_values(page: Page, problems: Problems) -> None:
    meta = page.meta
    for key in ("title", "description"):
        if key in meta and not isinstance(meta[key], str):
            problems.add("value-invalid", page.rel, page.line_of(key), key=key, expected="a line of text",
                         found=describe(meta[key]))
    for key in ("page_budget", "page_budget_large"):
        if key not in meta:
            continue
        budget = meta[key]
        if isinstance(budget, bool) or not isinstance(budget, int) or not 1 <= budget <= MAX_PAGE_BUDGET:
            problems.add("value-invalid", page.rel, page.line_of(key), key=key,
                         expected=f"a whole number of pages from 1 to {MAX_PAGE_BUDGET}", found=describe(budget))
    if "cards" in meta and meta["cards"] not in CARD_KINDS:
        problems.add("value-invalid", page.rel, page.line_of("cards"), key="cards",
                     expected=" or ".join(CARD_KINDS), found=describe(meta["cards"]))
    if "print_for" in meta and meta["print_for"] not in PRINT_FOR:
        problems.add("value-invalid", page.rel, page.line_of("print_for"), key="print_for",
                     expected=" or ".join(PRINT_FOR), found=describe(meta["print_for"]))
