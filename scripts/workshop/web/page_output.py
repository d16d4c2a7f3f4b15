"""A page's Markdown as the site, the printed handouts and their fingerprints render it.

Kept apart from the hook adapter (build.py) so that the printed handouts, a layer above,
can render a page exactly as the build does without importing the hook.
"""

from __future__ import annotations

from workshop.model.pages import Page
from workshop.model.site import Site


def page_markdown(site: Site, page: Page, markdown: str) -> str:
    """Insert generated parts, resolve citations, list references, explain terms and abbreviations.

    A site read by checked_site carries fingerprints of the files it was read from, and the
    result is kept under them: a page whose generated parts all come from the configuration and
    data files (DATA_ONLY) under its own text and the fingerprint without the pages, any other
    under the fingerprint of everything. Editing one page in make serve renders it alone again,
    with the pages that list or link every page. A page over a limit of limits.py is never
    converted: a notice takes its place (the checker reports it; a draft build must not hang).
    """
    if page.over_limit:
        from workshop.model.limits import notice

        return notice(page.over_limit)
    if not site.digest:
        return _page_markdown(site, page, markdown)
    from workshop.model.cache import DiskCache, key
    from workshop.model.document import MARKER
    from workshop.web.marker_scope import DATA_ONLY

    used = {name for text in (markdown, page.body) for name in MARKER.findall(text)}
    scope = site.data_digest if site.data_digest and used <= DATA_ONLY else site.digest
    return DiskCache(site.config.root, "pages").get(key("page", scope, page.rel, page.site_path, page.body, markdown),
                                                   lambda: _page_markdown(site, page, markdown), decode=_text)


def _text(value) -> str:
    """A kept page: text, else it is rendered again (never an empty page from a damaged entry)."""
    if not isinstance(value, str):
        raise TypeError("not a page's Markdown")
    return value


def _explained(site: Site, page: Page, markdown: str) -> str:
    """term_tooltips, which reads the page's own text and the glossary alone: kept under the
    fingerprint without the pages, so a page that lists every page, rendered again after another
    page was edited, does not look for every term again."""
    from workshop.web.render import term_tooltips

    if not site.data_digest:
        return term_tooltips(site, page, markdown)
    from workshop.model.cache import DiskCache, key

    return DiskCache(site.config.root, "tooltips").get(key("tooltips", site.data_digest, page.rel, page.body, markdown),
                                                      lambda: term_tooltips(site, page, markdown), decode=_text)


def _page_markdown(site: Site, page: Page, markdown: str) -> str:
    from workshop.web.markers import expand
    from workshop.web.render import abbreviations, citations, references

    wants_references = "workshop:references" in markdown
    # Terms are explained where the author used them (read from the page's one parse); the
    # generated parts are expanded afterwards, for output only.
    markdown = citations(site, expand(site, page, _explained(site, page, markdown)), page)
    if not wants_references:
        listed = references(site, page)
        if listed:
            markdown += "\n\n## References\n\n" + listed + "\n"
    defined = abbreviations(site, page)
    return markdown + ("\n\n" + defined + "\n" if defined else "")
