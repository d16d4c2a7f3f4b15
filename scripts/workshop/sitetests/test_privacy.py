"""Readers on locked-down NHS machines and in rooms without Wi-Fi: no page asks anything of
another host. Fonts are the system's, scripts and styles are served with the site, and
nothing (fonts, analytics, diagrams, search) is fetched from a CDN. Every page's own load is
checked in test_accessibility.py, in the same page load as its accessibility; here a reader
searches the site and switches the palette."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from workshop.sitetests.pages import outside, search_word

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def watched(browser):
    """A browser context that records every request and lets none leave the machine."""
    context = browser.new_context()
    requests: list[tuple[str, str]] = []
    context.on("request", lambda request: requests.append((request.frame.url if request.frame else "", request.url)))
    context.route(lambda url: outside(url), lambda route: route.abort())
    yield context, requests
    context.close()


def test_searching_and_switching_palette_stay_local(watched, site_url, built_site):
    context, requests = watched
    word, location = search_word(built_site)
    page = context.new_page()
    before = len(requests)
    page.goto(site_url + "/", wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    found = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    page.keyboard.press("Escape")
    page.click("form[data-md-component='palette'] label:not([hidden])")
    page.wait_for_load_state("networkidle")
    page.close()
    made = requests[before:]
    assert any(urlsplit(link).path.endswith("/" + location) for link in found), \
        f"searching for {word!r} did not find the page whose title holds it ({location}): {found[:5]}"
    assert any("search_index.json" in request for _, request in made), "the search index was never loaded"
    leaving = sorted({request for _, request in made if outside(request)})
    assert not leaving, "searching or switching the palette asked another host for:\n" + "\n".join(leaving)
