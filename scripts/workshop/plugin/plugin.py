"""The workshop engine as a MkDocs plugin: `plugins: [workshop]` in mkdocs.yml.

Each event hands MkDocs' objects to plain functions (build.py and the layers below it) that
compute with paths, text and the workshop's own model, so that an adapter for another engine
stays small. Everything the plugin keeps between events lives on the instance: MkDocs keeps one
instance for the whole of `mkdocs serve` (a plugin with on_startup persists across rebuilds), so
a rebuild can reuse what the last one read.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from importlib import resources
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from workshop.model.publish import may_publish
from workshop.outputs.guard import site_dir_refusal
from workshop.plugin import build
from workshop.plugin.config import WorkshopPluginConfig
from workshop.plugin.template_cache import TemplateCache
from workshop.web.template_values import escape_config, escape_page_meta

TIMING = "WORKSHOP_HOOK_TIMING"   # set it to have the build report the plugin's own time (make bench)


def theme_dir() -> str:
    """The engine's templates and assets, shipped inside the package."""
    return str(resources.files("workshop") / "theme")


def timed(handler):
    """An event handler whose running time is added to the plugin's total (for make bench)."""
    @functools.wraps(handler)
    def run(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(self, *args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start
    return run


class WorkshopPlugin(BasePlugin[WorkshopPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None   # "serve", "build" or "gh-deploy"; None when built by a library
        self.site = None                  # the workshop model, read and checked once a build
        self.runs = None                  # the notebooks' outputs: from the cache, or being made
        self.pdfs: dict = {}              # handout site_path -> its printed PDFs, when make handouts made them
        self.templates = None             # compiled templates, kept for every build of this process
        self.seconds = 0.0
        self.last_seconds = 0.0           # the plugin's own time in the last build (make bench)

    # -- lifetime

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_shutdown(self) -> None:
        self._stop_notebooks()

    # -- the build

    @event_priority(100)  # before Material's offline plugin, which would otherwise add a shim from a CDN
    @timed
    def on_config(self, config):
        build.add_theme(config, theme_dir())   # a project's overrides may extend workshop/page.html, on or off
        if not self.config.enabled:
            return config
        refused = site_dir_refusal(config.site_dir)
        if refused:
            raise PluginError(refused)
        build.use_cache_options(config, self.config.cache, self.config.cache_dir)
        if self.templates is None or self.templates.root != Path(config.config_file_path).parent:
            self.templates = TemplateCache(Path(config.config_file_path).parent)
        escape_config(config)
        build.offline_polyfill(config)
        self._stop_notebooks()
        self.runs = build.start_notebooks(config)
        try:
            self.site = build.load(config.config_file_path)
            build.report(self.site, strict=bool(config.strict))
        except Exception:
            self._stop_notebooks()
            raise
        return config

    @event_priority(100)
    @timed
    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path).parent
        for refused in build.refused_links(files, root):
            files.remove(refused)
        for path in build.exercise_files(root):
            if files.get_file_from_path(path) is None:
                files.append(File(path, src_dir=str(root), dest_dir=config.site_dir,
                                  use_directory_urls=config.use_directory_urls))
        build.notebook_pages(files, self.site)
        self.pdfs = build.handout_pdfs(self.site)
        for pdfs in self.pdfs.values():
            for pdf in pdfs:
                if files.get_file_from_path(pdf.uri) is None:
                    files.append(File.generated(config, pdf.uri, abs_src_path=str(pdf.source)))
        for file in [f for f in files if f.abs_src_path and not may_publish(f.abs_src_path, f.src_dir, root)]:
            files.remove(file)   # a pipe, a device or a name that is not UTF-8, however MkDocs found it
        return files

    @timed
    def on_nav(self, nav, *, config, files):
        if self.config.enabled:
            build.escape_titles(nav.items)
        return nav

    @timed
    def on_env(self, env, *, config, files):
        if self.config.enabled and self.templates is not None:
            env.bytecode_cache = self.templates   # Jinja's documented bytecode cache
        return env

    @timed
    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return markdown
        build.escape_meta_title(page.meta)
        model = self.site.page(page.file.src_uri)
        if model is None:
            return markdown
        page.meta.setdefault("objectives", model.objectives)
        page.meta.setdefault("kind", model.kind)
        if model.site_path in self.pdfs:
            page.meta["handout_pdfs"] = [{"label": pdf.paper.label, "url": pdf.uri} for pdf in self.pdfs[model.site_path]]
        if model.notebook:
            page.meta.update({k: v for k, v in model.meta.items() if k not in page.meta})
            return markdown
        return build.page_markdown(self.site, model, markdown)

    @timed
    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled:
            return html
        escape_page_meta(page.meta)   # after a notebook's metadata has joined the page's
        model = self.site.page(page.file.src_uri)
        if model is not None and model.notebook:
            return build.notebook_content(html, page, self.runs, self.site)
        return html

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            for folder in build.watched(Path(config.config_file_path).parent, Path(theme_dir()).parent):
                server.watch(str(folder))
        return server

    def on_post_build(self, *, config) -> None:
        self._stop_notebooks()
        if os.environ.get(TIMING):
            print(f"workshop hook: {self.seconds:.4f} s", file=sys.stderr)
        self.last_seconds, self.seconds = self.seconds, 0.0

    def on_build_error(self, *, error) -> None:
        self._stop_notebooks()

    def _stop_notebooks(self) -> None:
        if self.runs is not None:
            self.runs.close()
            self.runs = None
