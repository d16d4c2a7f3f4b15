"""A page's Markdown as the site, the printed handouts and their fingerprints render it.

Kept apart from the hook adapter (build.py) so that the printed handouts, a layer above,
can render a page exactly as the build does without importing the hook.
"""

from __future__ import annotations

from workshop.model.pages import Page
from workshop.model.site import Site


def page_markdown(site: Site, page: Page, markdown: str) -> str:
    """Insert generated parts, resolve citations, list references, explain terms and abbreviations.

    A site read by checked_site carries the fingerprint of every file it was read from: the
    result is kept under it, so an unchanged site's pages are not rendered again.
    """
    if not site.digest:
        return _page_markdown(site, page, markdown)
    from workshop.model.cache import DiskCache, key

    return DiskCache(site.config.root, "pages").get(key("page", site.digest, page.rel, markdown),
                                                   lambda: _page_markdown(site, page, markdown))


def _page_markdown(site: Site, page: Page, markdown: str) -> str:
    from workshop.web.markers import expand
    from workshop.web.render import abbreviations, citations, references, term_tooltips

    wants_references = "workshop:references" in markdown
    # Terms are explained where the author used them (read from the page's one parse); the
    # generated parts are expanded afterwards, for output only.
    markdown = citations(site, expand(site, page, term_tooltips(site, page, markdown)))
    if not wants_references:
        listed = references(site, page)
        if listed:
            markdown += "\n\n## References\n\n" + listed + "\n"
    defined = abbreviations(site, page)
    return markdown + ("\n\n" + defined + "\n" if defined else "")
