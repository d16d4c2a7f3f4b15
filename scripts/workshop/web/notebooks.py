"""Notebooks as committed and as published.

Committed: without outputs or execution counts, so that a diff shows what a person changed
and the site build makes every output afresh from the data (strip_outputs).

Published: mkdocs-jupyter embeds nbconvert's JupyterLab page kit in every notebook page:
some 580 kB of styles whose colours fail contrast checks, a clipboard script, a MathJax
loader with an empty address and a Mermaid loader from a CDN. publish_html keeps the
notebook itself and links one small stylesheet (overrides/assets/stylesheets/notebook.css)
drawn from Material's own colours, so notebook pages read, weigh and print like the others.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from pathlib import Path
from typing import Callable

NOTEBOOK_CSS = "assets/stylesheets/notebook.css"
CACHE_STAMP = "workshop-inputs.sha256"
# What the notebooks read besides themselves: their folder (data included), the modules of the
# package they import and what those import in turn, and the parts of mkdocs.yml they use.
# mkdocs-jupyter's cache knows only the notebook and its options.
NOTEBOOK_FOLDER = "exercises/notebooks"
PACKAGE = Path(__file__).resolve().parents[1]   # scripts/workshop
CONFIG_KEYS = ("objectives", "vocabulary", "workshop")   # extra.<key>: stages, objectives, identity
_IMPORT = re.compile(r"^\s*from workshop((?:\.\w+)*) import ([\w, ()]+)", re.M)
_START = '<div class="jupyter-wrapper">'
_END = "</div> <!-- jupyter-wrapper -->"
_CLIPBOARD = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.S)
_CLIPBOARD_TEXT = re.compile(r'<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>\s*', re.S)
_CELL_TABINDEX = re.compile(r'(<div class="jp-[^"]*"(?: data-mime-type="[^"]*")?) tabindex="0"')
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"#]*)(#[^"]*)?(")')
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)
_INDENT = re.compile(r'\A\{\r?\n( +)"')


# ---------------------------------------------------------------- committed notebooks

def strip_outputs(text: str) -> tuple[str, int]:
    """The notebook's text without outputs and execution counts, and how many cells had them.

    Nothing else changes: keys keep their order, and the file keeps its indentation, its
    non-ASCII characters and its final newline. An unchanged notebook is returned as it was.
    Raises ValueError (json.JSONDecodeError) when the text is not JSON.
    """
    try:
        notebook = json.loads(text)
    except RecursionError:
        raise ValueError("it is nested too deeply to be a notebook") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ValueError("it has no list of cells")
    changed = 0
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            cell["outputs"] = []
            cell["execution_count"] = None
            changed += 1
    if not changed:
        return text, 0
    match = _INDENT.match(text)
    indent = len(match.group(1)) if match else None
    stripped = json.dumps(notebook, indent=indent, ensure_ascii=False)
    return stripped + ("\n" if text.endswith("\n") else ""), changed


# ---------------------------------------------------------------- published pages

def publish_html(content: str, stylesheet: str) -> str:
    """A notebook page's content without nbconvert's page kit, linked to the site's stylesheet.

    stylesheet is the address of notebook.css relative to the page. Content that does not
    look like mkdocs-jupyter's output is returned unchanged.
    """
    start = content.find(_START)
    end = content.rfind(_END)
    if start < 0 or end < start:
        return content
    body = content[start:end + len(_END)]
    body = _CLIPBOARD.sub("", body)
    body = _CLIPBOARD_TEXT.sub("", body)
    # Cells and outputs are not controls: one Tab stop each would only slow keyboard readers.
    body = _CELL_TABINDEX.sub(r"\1", body)
    # Material's permalink style: shown on hover and focus, named for screen readers.
    body = body.replace('<a class="anchor-link" href=', '<a class="headerlink" title="Link to this section" href=')
    return f'<link rel="stylesheet" href="{stylesheet}">\n{body}\n'


def rewrite_links(content: str, src_uri: str, link: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """Links written as in Markdown pages, to source files (../handouts/brief.md, data/x.csv),
    made into the addresses of the built site, as MkDocs does for Markdown but not for notebooks.

    link(path) gives the address of a source file relative to the page, or None if the site
    has no such file. Returns the content and the links that point nowhere.
    """
    base = posixpath.dirname(src_uri)
    missing: list[str] = []

    def replace(match: re.Match) -> str:
        target = html.unescape(match.group(2))
        if not target or target.startswith("/") or _SCHEME.match(target):
            return match.group(0)
        href = link(posixpath.normpath(posixpath.join(base, target)))
        if href is None:
            missing.append(target + (match.group(3) or ""))
            return match.group(0)
        return match.group(1) + html.escape(href) + (match.group(3) or "") + match.group(4)

    return _HREF.sub(replace, content), missing


# ---------------------------------------------------------------- the build's cache

def _module_file(dotted: str) -> Path | None:
    base = PACKAGE.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def notebook_modules(root: Path) -> list[str]:
    """The package's modules the notebooks import, with everything those import in turn."""
    wanted: set[str] = set()
    folder = root / NOTEBOOK_FOLDER
    for notebook in sorted(folder.rglob("*.ipynb")) if folder.is_dir() else []:
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError, RecursionError, AttributeError):
            continue
        code = "\n".join("".join(c.get("source", "")) for c in cells if isinstance(c, dict) and c.get("cell_type") == "code")
        wanted |= _imported(code)
    seen: set[str] = set()
    while wanted:
        name = wanted.pop()
        path = _module_file(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        wanted |= _imported(path.read_text(encoding="utf-8"))
    return sorted(seen)


def _imported(code: str) -> set[str]:
    """Modules of the package that a piece of code imports (a name may be a module or a function)."""
    found: set[str] = set()
    for module, names in _IMPORT.findall(code):
        module = module.lstrip(".")
        if module:
            found.add(module)
        for name in names.replace("(", "").replace(")", "").split(","):
            name = name.strip().split(" as ")[0].strip()
            if name:
                found.add(f"{module}.{name}" if module else name)
    return found


def inputs_digest(root: Path) -> str:
    """A fingerprint of what the notebooks read: editing anything else never re-runs them."""
    digest = hashlib.sha256()
    folder = root / NOTEBOOK_FOLDER
    for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".ipynb", ".pyc") or "/." in "/" + rel or "__pycache__" in rel:
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in notebook_modules(root):
        digest.update(name.encode() + b"\0" + _module_file(name).read_bytes() + b"\0")
    digest.update(json.dumps(_config_inputs(root), sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _config_inputs(root: Path) -> object:
    import yaml

    from workshop.model.text import ConfigLoader

    try:
        extra = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader).get("extra") or {}
    except (OSError, yaml.YAMLError, AttributeError):
        return None
    return {key: extra.get(key) for key in CONFIG_KEYS} if isinstance(extra, dict) else None


def refresh_cache(root: Path, cache_dir: Path) -> bool:
    """Forget mkdocs-jupyter's cached pages when anything the notebooks read has changed.

    Its cache is keyed on the notebook alone, so a corrected sample file or a new stage in
    mkdocs.yml would otherwise leave last week's tables on the site. Returns True if cleared.
    """
    stamp = cache_dir / CACHE_STAMP
    digest = inputs_digest(root)
    try:
        if stamp.read_text(encoding="utf-8").strip() == digest:
            return False
    except OSError:
        pass
    for cached in cache_dir.glob("*.json"):
        cached.unlink(missing_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n", encoding="utf-8")
    return True
