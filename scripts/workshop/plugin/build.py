"""What the workshop plugin does at each build event, kept apart from the plugin class so that the
class stays a thin adapter of MkDocs' events.

The build runs the same checks as scripts/check_objectives.py and reports each problem
as a warning, so 'mkdocs build --strict' fails on exactly what the checker reports,
while 'make serve' keeps serving a draft and shows the messages.
"""

from __future__ import annotations

import logging
from pathlib import Path

from workshop.check.cached import checked_site
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from workshop.model.config import EXERCISES_DIR, ConfigError
from workshop.model.problems import Problems
from workshop.web.notebooks import NOTEBOOK_CSS, NotebookRuns, fill_outputs, notebook_markdown
from workshop.web.page_output import page_markdown  # noqa: F401  (the hook's adapter calls it from here)
from workshop.model.site import Site

log = logging.getLogger("mkdocs.plugins.workshop")


SHIM = "assets/workshop/iframe-worker-shim.js"   # in the engine's theme: search from file:// with no CDN


def use_cache_options(config, enabled: bool, folder: str) -> None:
    """The plugin's `cache` and `cache_dir` options, for everything this build reads or keeps. A
    folder that cannot be used leaves the build without a cache; the checker reports it at its line."""
    from workshop.model import cache

    root = Path(config.config_file_path).parent
    refused = cache.cache_dir_refusal(root, folder, Path(config.docs_dir), Path(config.site_dir))
    cache.configure(root, enabled and not refused, cache.FOLDER if refused else folder, by_plugin=True)


def offline_polyfill(config) -> None:
    """With Material's offline plugin on, its iframe-worker shim comes from the engine, not a CDN."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    if plugin is not None and plugin.config.get("enabled"):
        polyfills = list(config.extra.get("polyfills") or [])
        if SHIM not in polyfills:
            config.extra["polyfills"] = polyfills + [SHIM]


def add_theme(config, folder: str) -> None:
    """The engine's templates and assets join the theme, after the project's own custom_dir (so a
    project's overrides/main.html can extend the engine's workshop/page.html) and before Material."""
    dirs = config.theme.dirs
    if folder not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, folder)


def watched(root: Path, package: Path) -> list[Path]:
    """What make serve watches besides docs/ and mkdocs.yml: the project's other sources, and the
    engine's own code when it is being developed inside the project (an editable install)."""
    folders = [root / name for name in (EXERCISES_DIR, "data", "templates")]
    package = package.resolve()
    if root.resolve() in package.parents:
        folders.append(package)
    return [folder for folder in folders if folder.exists()]


def load(config_file: str) -> Site:
    """The site, read and checked (or, when no file changed since the last build, as it was)."""
    try:
        return checked_site(Path(config_file))
    except ConfigError as error:
        raise PluginError(f"workshop checker: {error}") from None


def report(site: Site, strict: bool) -> Site:
    """The checker's report: a strict build stops with it, a draft build warns."""
    found = site.problems.sorted()
    if found and strict:
        report = "\n".join(f"{p.text()}\n  hint: {p.hint}" for p in found)
        raise PluginError(f"the workshop checker found {len(found)} problem(s):\n{report}")
    for problem in found:
        log.warning("%s\n  hint: %s", problem.text(), problem.hint)
    return site


def escape_titles(items) -> None:
    """Nav titles are text: Material prints them as HTML, so each is escaped once, here.

    A Markup value is not escaped again by templates that do escape (aria-labels).
    """
    for item in items:
        if isinstance(item.title, str) and not isinstance(item.title, Markup):
            item.title = Markup.escape(item.title)
        if getattr(item, "children", None):
            escape_titles(item.children)


def escape_meta_title(meta: dict) -> None:
    """A front-matter title is text: Material prints page.meta.title into <title> unescaped."""
    title = meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        meta["title"] = Markup.escape(title)


def refused_links(files, root: Path) -> list:
    """Files MkDocs found through a link that leaves the project or loops: never published.

    The checker reports each link (symlink-outside, symlink-loop); a strict build stops on it,
    and a draft build (make serve) leaves the files out rather than copy what they point at.
    """
    from workshop.model.site import link_refusal

    root = root.resolve()
    refused = []
    verdicts: dict[Path, bool] = {}   # a folder shared by many files is looked at once
    ours: dict[str, bool] = {}        # by source folder: the project's own (docs/, the exercises)

    def in_project(source: str) -> bool:
        """Files of the project, not of the theme: a Python environment inside the project may
        be a link to one elsewhere, and Material's own files are then rightly found outside."""
        if source not in ours:
            where = Path(source).resolve()
            ours[source] = where == root or root in where.parents
        return ours[source]

    def refuses(candidate: Path) -> bool:
        if candidate not in verdicts:
            verdicts[candidate] = candidate.is_symlink() and bool(
                link_refusal(candidate, root, frozenset({candidate.parent.resolve(), *candidate.parent.resolve().parents})))
        return verdicts[candidate]

    for file in files:
        path = Path(file.abs_src_path) if getattr(file, "abs_src_path", None) else None
        if path is None or not getattr(file, "src_dir", None) or not in_project(file.src_dir):
            continue
        for candidate in [path, *path.parents]:
            if candidate == root or root not in candidate.parents:
                break
            if refuses(candidate):
                refused.append(file)
                break
    return refused


def exercise_files(root: Path) -> list[str]:
    """Files of exercises/, published as the site's exercises section by the build."""
    base = root / EXERCISES_DIR
    if not base.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in base.rglob("*")
                  if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                             for part in p.relative_to(base).parts))


def handout_pdfs(site: Site) -> dict:
    """The handout PDFs that 'make handouts' printed and that still match their handouts
    (each a PublishedPdf of outputs/handouts.py, imported only when there are PDFs to find)."""
    from workshop.outputs.handouts import published_pdfs

    published, notes = published_pdfs(site)
    for note in notes:
        log.info(note)
    return published


class NotebookPage(File):
    """A notebook published as a page: its Markdown is made from its cells (notebook_markdown)."""

    def is_documentation_page(self) -> bool:
        return True

    @property
    def content_string(self) -> str:
        with open(self.abs_src_path, encoding="utf-8-sig") as handle:
            return notebook_markdown(handle.read())


def notebook_pages(files, site: Site) -> None:
    """The site's notebooks, made pages of the site in place of files to copy."""
    for file in list(files):
        model = site.page(file.src_uri)
        if model is not None and model.notebook and not isinstance(file, NotebookPage):
            files.remove(file)
            files.append(NotebookPage(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls))


def start_notebooks(config) -> NotebookRuns:
    """Begin running the notebooks whose code or inputs changed, beside the rest of the build and
    before the checker: the notebooks of docs/ and exercises/, found by the checker's own walk."""
    from workshop.model.site import walk

    root = Path(config.config_file_path).resolve().parent
    notebooks = [path for base in (Path(config.docs_dir), root / EXERCISES_DIR) if base.is_dir()
                 for path in walk(base, root) if path.suffix == ".ipynb"]
    runs = NotebookRuns(root, notebooks)
    runs.start()
    return runs


def notebook_content(html: str, page, runs: NotebookRuns, site: Site) -> str:
    """A notebook page with its outputs in place; a failed cell or an image no one can read
    is a warning, so that a strict build fails on it."""
    from mkdocs.utils import get_relative_url

    result = runs.result(Path(page.file.abs_src_path))
    filled = fill_outputs(html, result, get_relative_url(NOTEBOOK_CSS, page.url))
    model = site.page(page.file.src_uri)
    lines = model.cell_lines if model is not None else []
    problems = Problems()
    error = result.get("error")
    if error:
        cell = error.get("cell")
        at = f" at its line {error['line']}" if error.get("line") else ""
        said = f"{error.get('ename')}: {error.get('evalue')}" if error.get("ename") else str(error.get("evalue"))
        problems.add("notebook-error", page.file.src_uri, lines[cell] if cell is not None and cell < len(lines) else 1,
                     cell=cell + 1 if cell is not None else "?", at=at, error=said)
    for image in filled.unlabelled_images:
        problems.add("notebook-image-unlabelled", page.file.src_uri,
                     lines[image.cell] if image.cell < len(lines) else 1, cell=image.cell + 1, mime=image.mime)
    for problem in problems.sorted():
        log.warning("%s\n  hint: %s", problem.text(), problem.hint)
    return filled.content
