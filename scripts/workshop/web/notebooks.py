"""Notebooks as committed and as published.

Committed: without outputs or execution counts, so that a diff shows what a person changed
and the site build makes every output afresh from the data. nbstripout strips them; the
notebook's own metadata (the workshop's kind, title and objectives) is kept.

Published: each notebook becomes an ordinary page of the site. Its Markdown cells are the
page's Markdown, so MkDocs renders, links, indexes and prints them like any other page; each
code cell is shown as code, followed by what it printed and displayed. The outputs come from
running the notebooks (notebook_run.py) only when their code or what they read changed;
otherwise they come from .cache/workshop/notebooks, so a build imports nothing of Jupyter.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from workshop.model.limits import excess, notice

NOTEBOOK_CSS = "assets/workshop/notebook.css"   # in the engine's theme (scripts/workshop/theme)
# What the notebooks read besides themselves: their folder (data included), the modules of the
# package they import and what those import in turn, and the parts of mkdocs.yml they use.
NOTEBOOK_FOLDER = "exercises/notebooks"
PACKAGE = Path(__file__).resolve().parents[1]   # scripts/workshop
CONFIG_KEYS = ("objectives", "vocabulary", "workshop")   # extra.<key>: stages, objectives, identity
RUNNER = "workshop.web.notebook_run"
CACHE_NAME = "notebooks"   # .cache/workshop/notebooks
RESULT_VERSION = "notebook-run-1"
TIMEOUT = 300   # seconds for all the notebooks of a build: a cell that never ends must not hang it
_IMPORT = re.compile(r"^\s*from workshop((?:\.\w+)*) import ([\w, ()]+)", re.M)
_PLACEHOLDER = "<!-- notebook-output:{} -->"
_PLACEHOLDERS = re.compile(r"<!-- notebook-output:(\d+) -->")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_LANGUAGE = re.compile(r"[^\w+-]")


# ---------------------------------------------------------------- committed notebooks

def strip_outputs(text: str) -> tuple[str, int]:
    """The notebook's text without outputs and execution counts, and how many cells had them.

    An unchanged notebook is returned exactly as it was; a changed one is written in
    nbformat's own layout, as Jupyter saves it. Raises ValueError when the text is not a notebook.
    """
    import nbformat
    from nbstripout import strip_output

    try:
        notebook = json.loads(text)
    except RecursionError:
        raise ValueError("it is nested too deeply to be a notebook") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ValueError("it has no list of cells")
    changed = sum(1 for cell in cells if isinstance(cell, dict) and cell.get("cell_type") == "code"
                  and (cell.get("outputs") or cell.get("execution_count") is not None))
    if not changed:
        return text, 0
    if not all(isinstance(cell, dict) for cell in cells):
        raise ValueError("a cell is not a set of keys (cell_type, source, ...)")
    try:
        node = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        stripped = strip_output(node, keep_output=False, keep_count=False, keep_id=True)
        return nbformat.writes(stripped) + "\n", changed
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        # nbformat's own reading or validation failed: the notebook is not one it can write back
        raise ValueError(f"nbformat cannot read it as a notebook ({type(error).__name__}: "
                         f"{' '.join(str(error).split())[:200]})") from None


# ---------------------------------------------------------------- published pages

def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def notebook_markdown(text: str) -> str:
    """The page a notebook becomes: its Markdown cells, and each code cell as code with a
    placeholder where its outputs go (outputs_html fills it once the notebook has run). A
    notebook whose Markdown is over a limit of limits.py becomes a notice, never converted."""
    try:
        notebook = json.loads(text)
    except (ValueError, RecursionError):
        return ""   # the checker reports the notebook; the page stays empty rather than fail
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    language = ""
    if isinstance(notebook, dict) and isinstance(notebook.get("metadata"), dict):
        info = notebook["metadata"].get("language_info") or {}
        language = _LANGUAGE.sub("", str(info.get("name", "python"))) if isinstance(info, dict) else "python"
    parts: list[str] = []
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        if not isinstance(cell, dict):
            continue
        source = _source(cell).strip("\n")
        if cell.get("cell_type") == "markdown" and source.strip():
            parts.append(source)
        elif cell.get("cell_type") == "code":
            if source.strip():
                fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", source)), default=0))
                parts.append(f"{fence}{language}\n{source}\n{fence}")
            parts.append(_PLACEHOLDER.format(index))
    markdown = "\n\n".join(parts) + "\n"
    found = excess(markdown)
    return notice(found.reason) if found else markdown


@dataclass
class ShownImage:
    cell: int
    mime: str


@dataclass
class Filled:
    content: str
    unlabelled_images: list[ShownImage] = field(default_factory=list)


def fill_outputs(content: str, result: dict, stylesheet: str) -> Filled:
    """The page's HTML with each placeholder replaced by its cell's outputs, and the
    notebook's stylesheet linked (stylesheet: its address relative to the page)."""
    outputs = result.get("outputs") or {}
    filled = Filled("")

    def replace(match: re.Match) -> str:
        cell = match.group(1)
        shown = "".join(_output_html(int(cell), output, filled) for output in outputs.get(cell, []))
        return f'<div class="notebook-output">{shown}</div>' if shown else ""

    body = _PLACEHOLDERS.sub(replace, content)
    filled.content = f'<link rel="stylesheet" href="{html.escape(stylesheet)}">\n{body}'
    return filled


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _pre(text: str, css: str) -> str:
    return f'<pre class="{css}"><code>{html.escape(_ANSI.sub("", text))}</code></pre>'


def _output_html(cell: int, output: dict, filled: Filled) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        css = "notebook-stderr" if output.get("name") == "stderr" else "notebook-stream"
        return _pre(_text(output.get("text", "")), css)
    if kind == "error":
        lines = "\n".join(_text(line) for line in output.get("traceback") or [])
        return ('<div class="admonition failure"><p class="admonition-title">This cell stopped with an error</p>'
                + _pre(lines or f"{output.get('ename')}: {output.get('evalue')}", "notebook-error") + "</div>")
    data = output.get("data") or {}
    if "text/html" in data:
        return _text(data["text/html"])
    if "image/svg+xml" in data:
        svg = _text(data["image/svg+xml"])
        if "aria-label=" not in svg and "<title" not in svg:
            filled.unlabelled_images.append(ShownImage(cell, "image/svg+xml"))
        return f'<figure class="notebook-figure">{svg}</figure>'
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            alt = (output.get("metadata") or {}).get("alt") if isinstance(output.get("metadata"), dict) else None
            if not alt:
                filled.unlabelled_images.append(ShownImage(cell, mime))
            encoded = _text(data[mime]).replace("\n", "")
            return (f'<figure class="notebook-figure"><img src="data:{mime};base64,{html.escape(encoded)}" '
                    f'alt="{html.escape(str(alt or ""))}"></figure>')
    if "text/markdown" in data:
        import markdown

        return markdown.markdown(_text(data["text/markdown"]), extensions=["tables"])
    if "text/plain" in data:
        return _pre(_text(data["text/plain"]), "notebook-result")
    return ""


# ---------------------------------------------------------------- what the notebooks read

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
    """A fingerprint of what the notebooks read: editing anything else never re-runs them. The
    folder is walked as the checker walks it: a link out of the project or a pipe is not read."""
    from workshop.model.site import walk
    from workshop.model.files import read_bytes

    digest = hashlib.sha256()
    folder = root / NOTEBOOK_FOLDER
    for path in sorted(walk(folder, root)) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".ipynb", ".pyc") or "/." in "/" + rel or "__pycache__" in rel:
            continue
        try:
            data = read_bytes(path)
        except OSError as error:
            data = f"unreadable: {error.strerror}".encode("utf-8", "replace")
        digest.update(rel.encode("utf-8", "surrogatepass") + b"\0" + data + b"\0")
    for name in notebook_modules(root):
        digest.update(name.encode() + b"\0" + _module_file(name).read_bytes() + b"\0")
    try:
        settings = json.dumps(_config_inputs(root), sort_keys=True, default=str)
    except (TypeError, ValueError):   # keys of mixed kinds cannot be sorted: their written order counts
        settings = repr(_config_inputs(root))
    digest.update(settings.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _config_inputs(root: Path) -> object:
    """The parts of mkdocs.yml the notebooks read, read as the checker reads it (no alias can
    multiply it, no tag runs); None when it cannot be read, which the checker reports."""
    from workshop.model.problems import Problems
    from workshop.model.text import load_yaml, read_text

    problems = Problems()
    text = read_text(root / "mkdocs.yml", "mkdocs.yml", problems)
    ok, data = load_yaml(text, "mkdocs.yml", problems, code="config-invalid", strict=False) if text else (False, None)
    extra = data.get("extra") if ok and isinstance(data, dict) else None
    return {key: extra.get(key) for key in CONFIG_KEYS} if isinstance(extra, dict) else None


def code_digest(text: str) -> str:
    """What a notebook's outputs depend on in the notebook itself: its code cells, in order."""
    try:
        cells = json.loads(text).get("cells", [])
        code = [_source(cell) for cell in cells if isinstance(cell, dict) and cell.get("cell_type") == "code"]
    except (ValueError, RecursionError, AttributeError):
        code = [text]
    return hashlib.sha256(json.dumps(code).encode("utf-8", "surrogatepass")).hexdigest()


_OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}


def _text_value(value) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _checked_output(output) -> dict:
    if not isinstance(output, dict) or output.get("output_type") not in _OUTPUT_TYPES:
        raise TypeError("not an output")
    kind = output["output_type"]
    if kind == "stream" and not (isinstance(output.get("name"), str) and _text_value(output.get("text"))):
        raise TypeError("not a stream output")
    if kind in ("display_data", "execute_result"):
        data, metadata = output.get("data"), output.get("metadata", {})
        if not isinstance(data, dict) or not isinstance(metadata, dict):
            raise TypeError("not a display output")
        if not all(isinstance(mime, str) and (_text_value(value) or isinstance(value, (dict, list)))
                   for mime, value in data.items()):
            raise TypeError("not a display output")
    if kind == "error" and not (_text_value(output.get("traceback", [])) and isinstance(output.get("ename", ""), str)):
        raise TypeError("not an error output")
    return output


def checked_result(value) -> dict:
    """A notebook run's result as the cache keeps it: {"outputs": {cell index: [outputs]},
    "error": None}, each output of nbformat's shapes. Anything else raises: it is run again."""
    if not isinstance(value, dict) or set(value) != {"outputs", "error"} or value["error"] is not None:
        raise TypeError("not a notebook run")
    outputs = value["outputs"]
    if not isinstance(outputs, dict):
        raise TypeError("not a notebook run")
    for cell, shown in outputs.items():
        if not isinstance(cell, str) or not cell.isdigit() or not isinstance(shown, list):
            raise TypeError("not a notebook run")
        for output in shown:
            _checked_output(output)
    return value


class NotebookRuns:
    """The notebooks' outputs for one build: from the cache, or from a run started in the
    background as soon as the build starts and awaited only when a notebook's page is written."""

    def __init__(self, root: Path, notebooks: list[Path], timeout: float = TIMEOUT) -> None:
        self.root = root
        self.timeout = timeout
        inputs = inputs_digest(root) if notebooks else ""
        self.keys = {}
        for path in (path.resolve() for path in notebooks):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            self.keys[path] = hashlib.sha256(f"{RESULT_VERSION}\0{inputs}\0{code_digest(text)}".encode()).hexdigest()
        self.results: dict[Path, dict] = {}
        self.ran: list[Path] = []
        self._process: subprocess.Popen | None = None
        self._result_file: Path | None = None

    def start(self) -> None:
        """Read what the cache holds and start running the rest in a process of its own."""
        from workshop.model.cache import DiskCache

        missing = []
        for path, digest in self.keys.items():
            kept = DiskCache(self.root, CACHE_NAME).load(digest, decode=checked_result)
            if kept is None:
                missing.append(path)
            else:
                self.results[path] = kept
        if not missing:
            return
        handle, name = tempfile.mkstemp(prefix="notebook-run-", suffix=".json")
        os.close(handle)
        self._result_file = Path(name)
        self.ran = missing
        self._process = subprocess.Popen(
            [sys.executable, "-m", RUNNER, name, *(str(path) for path in missing)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"})   # figures shown as in Jupyter

    def result(self, path: Path) -> dict:
        """The outputs of one notebook, waiting for the run if it is still going."""
        path = path.resolve()
        if path not in self.results and self._process is not None:
            self._collect()
        return self.results.get(path) or {"outputs": {}, "error": {
            "cell": None, "line": None, "ename": "", "evalue": "the notebook could not be read", "lines": []}}

    def _collect(self) -> None:
        process, self._process = self._process, None
        try:
            _, stderr = process.communicate(timeout=self.timeout)
            reason = (stderr or b"").decode("utf-8", "replace").strip().splitlines()
            reason = f"the notebooks could not be run ({reason[-1] if reason else 'no result'})"
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            reason = f"the notebooks did not finish within {self.timeout:g} s, so they were stopped"
        try:
            found = json.loads(self._result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = {str(path): {"outputs": {}, "error": {
                "cell": None, "line": None, "ename": "", "lines": [], "evalue": reason}} for path in self.ran}
        finally:
            self._result_file.unlink(missing_ok=True)
        for path in self.ran:
            result = found.get(str(path))
            if result is None:
                continue
            self.results[path] = result
            if result.get("error") is None:   # a failed run is not kept: the next build tries again
                self._store(self.keys[path], result)

    def _store(self, digest: str, result: dict) -> None:
        """Keep a run's outputs, authenticated by this machine's key (model/cache.py): an entry
        edited, planted or copied from elsewhere is run again, never published."""
        from workshop.model.cache import DiskCache

        DiskCache(self.root, CACHE_NAME).store(digest, result)

    def close(self) -> None:
        """Stop a run nobody will read (the build stopped early)."""
        if self._process is not None:
            self._process.kill()
            self._process.communicate()
            self._process = None
            if self._result_file:
                self._result_file.unlink(missing_ok=True)
