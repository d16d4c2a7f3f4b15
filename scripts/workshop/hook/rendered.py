"""Pages converted to HTML by an earlier build, reused while nothing they read has changed.

After any edit MkDocs converts every page's Markdown again, though a trainer changed one. A
conversion reads only the page's Markdown and address, the list of the site's files (to resolve
and check links), the Markdown settings and the link-check settings: when all of these, and the
versions of the packages that convert, are as they were, the HTML, table of contents, title and
anchors are the same, and the build takes them from the last one instead. `make serve` keeps
them in memory between its rebuilds; every build keeps them in .cache/workshop/conversions.

Two rules keep this safe. A conversion that logged anything (a broken link, say) is never kept,
so every warning is given again in every build and a strict build fails on it every time. And
when a Markdown extension is not one known to read nothing but the page (pymdownx.snippets reads
other files), or a setting is code rather than a value, nothing is kept at all.
"""

from __future__ import annotations

import copy
import functools
import logging
import time
from dataclasses import dataclass

from workshop.hook.build import add_hook_time
from workshop.model.cache import key

# Markdown extensions whose output depends only on the page's own text and their settings.
PAGE_ONLY_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "meta", "sane_lists", "smarty", "nl2br", "wikilinks", "fenced_code", "codehilite", "legacy_attrs",
    "legacy_em", "extra",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde",
    "pymdownx.keys", "pymdownx.smartsymbols", "pymdownx.betterem", "pymdownx.critic",
    "pymdownx.escapeall", "pymdownx.saneheaders", "pymdownx.blocks.admonition",
    "pymdownx.blocks.details", "pymdownx.blocks.tab", "pymdownx.blocks.html",
})


@dataclass
class Conversion:
    content: str
    toc: object
    title: str | None
    anchors: set
    links_to_anchors: dict | None   # target src_uri -> {anchor: link as written}


class Conversions:
    """The conversions of the last build and of the one under way (older ones are let go from
    memory), and those on disk."""

    def __init__(self) -> None:
        self.previous: dict[str, Conversion] = {}
        self.current: dict[str, Conversion] = {}
        self.reused = 0
        self._disks: dict = {}
        self._listing: tuple = (None, 0, "")   # (the build's Files, its length, their digest)

    def start_build(self) -> None:
        if self.current:
            self.previous, self.current = self.current, {}
        self.reused = 0
        self._listing = (None, 0, "")

    def clear(self) -> None:
        self.previous, self.current, self.reused = {}, {}, 0
        self._disks, self._listing = {}, (None, 0, "")

    def disk(self, config):
        from pathlib import Path

        from workshop.model.cache import DiskCache

        if not config.config_file_path:
            return None
        root = Path(config.config_file_path).parent
        if root not in self._disks:
            self._disks[root] = DiskCache(root, "conversions")
        return self._disks[root]

    def listing(self, files) -> str:
        """The site's files, as links are resolved against them: read once a build, not once a page."""
        seen, length, digest = self._listing
        if seen is not files or length != len(files):
            digest = key("files", [(f.src_uri, f.url, f.inclusion.name) for f in files])
            self._listing = (files, len(files), digest)
        return digest

    def attach(self, page, config, files) -> None:
        """Have this page's conversion come from an earlier build when nothing it reads changed."""
        if not reusable(config):
            return
        disk = self.disk(config)
        convert = page.render

        def render(config, files) -> None:
            start = time.perf_counter()
            digest = conversion_key(page, config, self.listing(files))
            kept = self.current.get(digest) or self.previous.get(digest) or (disk and disk.load(digest))
            if isinstance(kept, Conversion):
                restore(page, kept, files)
                self.current[digest] = kept
                self.reused += 1
                add_hook_time(time.perf_counter() - start)
                return
            with Logged() as logged:
                looked = time.perf_counter()
                convert(config, files)
                converted = time.perf_counter()
            if not logged.records:
                self.current[digest] = taken(page)
                if disk:
                    disk.store(digest, self.current[digest])
            add_hook_time((looked - start) + (time.perf_counter() - converted))   # MkDocs' own work is not the hook's

        page.render = render


def reusable(config) -> bool:
    """Every extension reads only the page, and its settings are data: a setting that is code
    (a slugify function, a custom fence) could change without changing the key."""
    return (all(isinstance(name, str) and name in PAGE_ONLY_EXTENSIONS for name in config["markdown_extensions"])
            and _data(config["mdx_configs"]))


def _data(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _data(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_data(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def _settings(config) -> str:
    """What besides the page a conversion reads from the configuration, as text."""
    return repr((config["markdown_extensions"], config["mdx_configs"], config["validation"],
                 config["use_directory_urls"]))


# The packages whose code converts a page with the extensions above.
CONVERTERS = ("mkdocs", "markdown", "pymdown-extensions", "pygments")


def conversion_key(page, config, listing: str) -> str:
    anchors_checked = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG
    return key("conversion", _versions(), _settings(config), listing, anchors_checked,
               page.file.src_uri, page.file.url, page.file.inclusion.name, page.markdown)


@functools.cache
def _versions() -> tuple:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in CONVERTERS:
        try:
            found.append(version(name))
        except PackageNotFoundError:
            found.append(None)
    return tuple(found)


def taken(page) -> Conversion:
    links = page.links_to_anchors
    return Conversion(page.content, copy.deepcopy(page.toc), page._title_from_render, set(page.present_anchor_ids),
                      None if links is None else {f.src_uri: dict(a) for f, a in links.items()})


def restore(page, kept: Conversion, files) -> None:
    page.content = kept.content
    page.toc = copy.deepcopy(kept.toc)
    page._title_from_render = kept.title
    page.present_anchor_ids = set(kept.anchors)
    if kept.links_to_anchors is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): dict(a) for uri, a in kept.links_to_anchors.items()}


class Logged(logging.Handler):
    """Every record logged while a page converts (MkDocs' own logger does not pass its records on)."""

    LOGGERS = ("", "mkdocs")

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> "Logged":
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)


CONVERSIONS = Conversions()
