"""What the MkDocs hook does, kept here so the hook itself is a thin adapter.

The build runs the same checks as scripts/check_objectives.py and reports each problem
as a warning, so 'mkdocs build --strict' fails on exactly what the checker reports,
while 'make serve' keeps serving a draft and shows the messages.
"""

from __future__ import annotations

import logging
from pathlib import Path

from workshop.check.checks import run_checks
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from workshop.model.config import EXERCISES_DIR, ConfigError
from workshop.outputs.handouts import PublishedPdf, published_pdfs
from workshop.web.notebooks import NOTEBOOK_CSS, publish_html, refresh_cache, rewrite_links
from workshop.web.page_output import page_markdown  # noqa: F401  (the hook's adapter calls it from here)
from workshop.model.site import Site, load_site

log = logging.getLogger("mkdocs.plugins.workshop")


HOOK_TIMING = "WORKSHOP_HOOK_TIMING"   # set it to have the build report the hook's own time (make bench)
_hook_seconds = [0.0]


def timed(handler):
    """A hook event handler that adds its running time to the hook's total (for make bench)."""
    import functools
    import time

    @functools.wraps(handler)
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            _hook_seconds[0] += time.perf_counter() - start
    return run


def report_hook_time() -> None:
    import os
    import sys

    if os.environ.get(HOOK_TIMING):
        print(f"workshop hook: {_hook_seconds[0]:.4f} s", file=sys.stderr)
    _hook_seconds[0] = 0.0


SHIM = "assets/javascripts/iframe-worker-shim.js"   # in overrides/: search from file:// with no CDN


def offline_polyfill(config) -> None:
    """With Material's offline plugin on, its iframe-worker shim comes from overrides/, not a CDN."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    if plugin is not None and plugin.config.get("enabled"):
        polyfills = list(config.extra.get("polyfills") or [])
        if SHIM not in polyfills:
            config.extra["polyfills"] = polyfills + [SHIM]


def check_site(config_file: str, strict: bool) -> Site:
    """Run the checker; a strict build stops with its report, a draft build warns."""
    try:
        site = run_checks(load_site(Path(config_file)))
    except ConfigError as error:
        raise PluginError(f"workshop checker: {error}") from None
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
    for file in files:
        path = Path(file.abs_src_path) if getattr(file, "abs_src_path", None) else None
        if path is None:
            continue
        for candidate in [path, *path.parents]:
            if candidate == root or root not in candidate.parents:
                break
            where = candidate.parent.resolve()
            if candidate.is_symlink() and link_refusal(candidate, root, frozenset({where, *where.parents})):
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


def handout_pdfs(site: Site) -> dict[str, list[PublishedPdf]]:
    """The handout PDFs that 'make handouts' printed and that still match their handouts."""
    published, notes = published_pdfs(site)
    for note in notes:
        log.info(note)
    return published


def notebook_content(html: str, page, files) -> str:
    """A notebook page as the site publishes it: nbconvert's page kit out, notebook.css in,
    links to source files (../handouts/brief.md, data/x.csv) made into the site's addresses.
    A link to no file of the site is a warning, so that a strict build fails on it."""
    from mkdocs.utils import get_relative_url

    def link(path: str) -> str | None:
        target = files.get_file_from_path(path)
        return get_relative_url(target.url, page.url) if target is not None else None

    content, missing = rewrite_links(publish_html(html, get_relative_url(NOTEBOOK_CSS, page.url)),
                                     page.file.src_uri, link)
    for target in missing:
        log.warning("%s: the link '%s' points to no file of the site", page.file.src_uri, target)
    return content


def refresh_notebook_cache(config) -> None:
    """Clear mkdocs-jupyter's cache of executed notebooks when their data or code changed."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config.get("execute") or not plugin.config.get("cache"):
        return
    if refresh_cache(Path(config.config_file_path).parent, Path(plugin.config["cache_dir"])):
        log.info("notebooks: their data or code changed, so they run again")
