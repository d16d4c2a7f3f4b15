"""Readers follow links: every internal link and anchor of the built site resolves, and every
external link uses https. External links are checked online by `workshop links --external`."""

from __future__ import annotations

import pytest

from workshop.qa import links
from workshop.sitetests.pages import built_pages


@pytest.fixture(scope="module")
def scanned(built_site):
    return links.scan(built_site)


def test_internal_links_and_anchors_resolve(built_site, scanned):
    problems = links.check_internal(built_site, scanned)
    assert not problems, "broken internal links in the built site:\n" + "\n".join(links.summary(problems))


def test_external_links_use_https(built_site, scanned):
    problems = links.check_https(built_site, scanned)
    assert not problems, "external links without https:\n" + "\n".join(links.summary(problems))


def test_every_page_was_scanned_for_links(site, built_site, scanned):
    """The check read every page, and found on each at least the links of the navigation."""
    pages = built_pages(built_site)
    scanned_pages = {("/" + page.removesuffix("index.html")) for page in scanned if page.endswith("index.html")}
    assert set(pages) <= scanned_pages, f"pages the link check never read: {sorted(set(pages) - scanned_pages)}"
    least = len(site.config.nav)
    for page, found in scanned.items():
        if page.endswith("index.html"):
            internal = [link for link in found.links if not links.is_external(link.url)]
            assert len(internal) >= least, f"{page}: only {len(internal)} internal links found for {least} pages in the navigation"
