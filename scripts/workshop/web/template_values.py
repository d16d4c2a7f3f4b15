"""Strings that Material's templates print, made text before they are printed.

MkDocs renders Material's templates without autoescaping, so a value from a page's front matter,
a notebook's metadata or mkdocs.yml that a template prints as {{ page.meta.description }} or
{{ config.site_name }} would reach the page as HTML: description: '"><script>...' would run in
every reader's browser. These functions take plain values (the page's meta, the configuration
as a mapping) and change them in place before the templates run: every text value becomes
markupsafe's Markup, escaped once (a template that escapes again, with | e, leaves it as it
is), and every address loses the characters that would end its attribute. The MkDocs adapter
calls them: escape_config() when the configuration is loaded, escape_page_meta() before a page's
template is rendered (after the notebook's metadata has been merged into its meta).

TEXT_KEYS and URL_KEYS name every value of the configuration Material prints; a test reads
Material's templates and fails when a version prints one that is not listed here.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

from markupsafe import Markup, escape

# Configuration values Material prints as text or in an attribute, by dotted path; a list on the
# way (theme.palette) is followed into each of its items.
TEXT_KEYS = ("site_name", "site_description", "site_author", "repo_name", "copyright",
             "extra.scope", "extra.status", "extra.consent.title", "extra.consent.description",
             "theme.palette.media", "theme.palette.toggle.name", "mdx_configs.toc.title")
# Configuration values Material prints as an address (href, src), through MkDocs' url filter or raw.
URL_KEYS = ("repo_url", "edit_uri", "site_url", "extra.homepage", "theme.logo", "theme.favicon")
# Front-matter keys the page templates (MkDocs' and Material's) read, and that this site allows;
# any other key (template, icon, subtitle, status, ...) is left out of what the templates see.
PAGE_META_KEYS = frozenset({"title", "description", "kind", "objectives", "page_budget", "print_for", "case",
                            "hide", "search", "slides", "handout_pdfs"})
_ENTITY = re.compile(r"&(?=#\d{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_URL_UNSAFE = re.compile(r"""["'<>`\s\\]""")


def text(value: str) -> Markup:
    """A string as HTML text: escaped once (a Markup value is already HTML and stays as it is)."""
    return value if isinstance(value, Markup) else escape(value)


def text_with_entities(value: str) -> Markup:
    """Like text(), but a character reference the author wrote (&copy;, &#8212;) still shows
    as its character: mkdocs.yml's copyright is written that way."""
    if isinstance(value, Markup):
        return value
    return Markup(_ENTITY.sub("\0", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                  .replace('"', "&#34;").replace("'", "&#39;").replace("\0", "&"))


def address(value: str) -> str:
    """An address that cannot end the attribute it is printed in: quotes, angle brackets,
    backticks, backslashes and spaces are percent-encoded (a real address has none of them)."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group(0).encode("utf-8")), value)


def _escaped(value: Any, convert) -> Any:
    """Every string inside value converted (lists and mappings are followed), in place where it can be."""
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list):
        value[:] = [_escaped(item, convert) for item in value]
    elif isinstance(value, MutableMapping):
        for key in list(value):
            value[key] = _escaped(value[key], convert)
    return value


def _apply(container: Any, path: list[str], convert) -> None:
    if isinstance(container, list):
        for item in container:
            _apply(item, path, convert)
        return
    if not isinstance(container, MutableMapping) or not path:
        return
    head, *rest = path
    try:
        present = head in container and container[head] is not None
    except Exception:   # a configuration object that refuses a key
        return
    if not present:
        return
    if rest:
        _apply(container[head], rest, convert)
    else:
        container[head] = _escaped(container[head], convert)


def escape_config(config: MutableMapping) -> None:
    """The configuration's printed values (TEXT_KEYS, URL_KEYS) made safe, in place."""
    for dotted in TEXT_KEYS:
        _apply(config, dotted.split("."), text_with_entities if dotted == "copyright" else text)
    for dotted in URL_KEYS:
        _apply(config, dotted.split("."), address)


def escape_page_meta(meta: MutableMapping) -> None:
    """A page's meta as the templates may see it, in place: only the keys this site allows
    (PAGE_META_KEYS; the checker reports any other, and a draft build must not let a page pick
    its own template), with every string in them HTML text."""
    for key in [key for key in meta if key not in PAGE_META_KEYS]:
        del meta[key]
    for key in list(meta):
        if key != "handout_pdfs":   # made by the build from its own file names
            meta[key] = _escaped(meta[key], text)

