"""MkDocs hook: a thin adapter from MkDocs events to the installed workshop package (scripts/workshop)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from workshop.hook import build
from workshop.hook.rendered import CONVERSIONS
from workshop.model.publish import may_publish
from workshop.outputs.guard import site_dir_refusal
from workshop.web.template_values import escape_config, escape_page_meta

_site = None
_runs = None   # the notebooks' outputs: from the cache, or being made beside the build
_pdfs: dict = {}   # handout site_path -> its printed PDFs, published when make handouts made them


@event_priority(100)  # before Material's offline plugin, which would otherwise add a shim from a CDN
def on_config(config):
    global _site, _runs
    if refused := site_dir_refusal(config.site_dir): raise PluginError(refused)  # noqa: E701
    escape_config(config)
    build.offline_polyfill(config)
    CONVERSIONS.start_build()
    if _runs is not None:
        _runs.close()
    _runs = build.start_notebooks(config)
    try:
        _site = build.load(config.config_file_path)
        build.report(_site, strict=bool(config.strict))
    except Exception:
        _runs.close()
        raise
    return config


@event_priority(100)
def on_files(files, config):
    root = Path(config.config_file_path).parent
    for refused in build.refused_links(files, root):
        files.remove(refused)
    for path in build.exercise_files(root):
        if files.get_file_from_path(path) is None:
            files.append(File(path, src_dir=str(root), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
    if _site:
        build.notebook_pages(files, _site)
    global _pdfs
    _pdfs = build.handout_pdfs(_site) if _site else {}
    for pdfs in _pdfs.values():
        for pdf in pdfs:
            if files.get_file_from_path(pdf.uri) is None:
                files.append(File.generated(config, pdf.uri, abs_src_path=str(pdf.source)))
    for file in [f for f in files if f.abs_src_path and not may_publish(f.abs_src_path, f.src_dir, root)]: files.remove(file)  # noqa: E701,E501
    return files


def on_nav(nav, config, files):
    build.escape_titles(nav.items)
    return nav


def on_pre_page(page, config, files):
    CONVERSIONS.attach(page, config, files)
    return page


def on_page_markdown(markdown, page, config, files):
    build.escape_meta_title(page.meta)
    model = _site.page(page.file.src_uri) if _site else None
    if model is None:
        return markdown
    page.meta.setdefault("objectives", model.objectives)
    page.meta.setdefault("kind", model.kind)
    if model.site_path in _pdfs:
        page.meta["handout_pdfs"] = [{"label": pdf.paper.label, "url": pdf.uri} for pdf in _pdfs[model.site_path]]
    if model.notebook:
        page.meta.update({k: v for k, v in model.meta.items() if k not in page.meta})
        return markdown
    return build.page_markdown(_site, model, markdown)


def on_page_content(html, page, config, files):
    escape_page_meta(page.meta)
    model = _site.page(page.file.src_uri) if _site else None
    if model is not None and model.notebook:
        return build.notebook_content(html, page, _runs, _site)
    return html


def on_serve(server, config, builder):
    root = Path(config.config_file_path).parent
    for folder in ("exercises", "data", "templates", "scripts/workshop"):
        if (root / folder).exists():
            server.watch(str(root / folder))
    return server


def on_post_build(config):
    if _runs is not None:
        _runs.close()
    build.report_hook_time()


def on_build_error(error):
    if _runs is not None:
        _runs.close()


# Every event's time is added up, so that make bench can measure the hook directly.
for _name in ("on_config", "on_files", "on_nav", "on_pre_page", "on_page_markdown", "on_page_content"):
    globals()[_name] = build.timed(globals()[_name])
