"""Readers on locked-down NHS machines and in rooms without Wi-Fi: no page asks anything of
another host. Fonts are the system's, scripts and styles are served with the site, and
nothing (fonts, analytics, diagrams, search) is fetched from a CDN."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import built_pages

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1"}


def _outside(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about") and parts.hostname not in LOCAL_HOSTS


@pytest.fixture(scope="module")
def watched(browser):
    """A browser context that records every request and lets none leave the machine."""
    context = browser.new_context()
    requests: list[tuple[str, str]] = []
    context.on("request", lambda request: requests.append((request.frame.url if request.frame else "", request.url)))
    context.route(lambda url: _outside(url), lambda route: route.abort())
    yield context, requests
    context.close()


def test_no_page_requests_another_host(watched, built_site, site_url):
    context, requests = watched
    page = context.new_page()
    pages = built_pages(built_site)
    for url in pages:
        page.goto(site_url + url, wait_until="load")
        page.wait_for_timeout(100)  # scripts that fetch something once the page is shown
    page.close()
    outside = sorted({(frame, request) for frame, request in requests if _outside(request)})
    assert not outside, "requests that left the machine:\n" + "\n".join(
        f"{frame or '?'} asked for {request}" for frame, request in outside)
    assert len(requests) > len(pages), "no requests were recorded"


def test_searching_and_switching_palette_stay_local(watched, site_url):
    context, requests = watched
    page = context.new_page()
    before = len(requests)
    page.goto(site_url + "/", wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("compromise")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("Escape")
    page.click("form[data-md-component='palette'] label:not([hidden])")
    page.wait_for_load_state("networkidle")
    page.close()
    made = requests[before:]
    assert any("search_index.json" in request for _, request in made), "the search index was never loaded"
    outside = sorted({request for _, request in made if _outside(request)})
    assert not outside, "searching or switching the palette asked another host for:\n" + "\n".join(outside)
