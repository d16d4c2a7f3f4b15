"""The facilitator view of this workshop: every page that asks for it (<!-- workshop:facilitator-view -->)
steps through the whole agenda, block by block in order, in a browser with no network: each block's
clock time and title, a timer of its minutes, what it reads aloud and its timed steps, the break as a
block of its own, the online group's line in every block when a group joins online, and the whole
plan readable without a script. How the view behaves (the keyboard, the timer, overtime) is the
engine's own test (tests/test_facilitator_view.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from workshop.sitetests.pages import built_pages, url_of, with_marker

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def views(site, built_site) -> list[str]:
    """The addresses of the pages that show the view; every page that asks for it, and no other, shows it."""
    asked = [url_of(page.site_path) for page in with_marker(site, "facilitator-view")]
    shown = [url for url in built_pages(built_site)
             if 'class="facilitator-view' in (built_site / url.strip("/") / "index.html").read_text(encoding="utf-8")]
    assert sorted(shown) == sorted(asked), "the pages that show the facilitator view are not those that ask for it"
    return asked


def heading(block) -> str:
    return f"{block.start}–{block.end}: {block.title}"


def test_each_view_holds_every_block_in_order_with_what_it_reads_aloud_and_its_steps(views, site, built_site):
    blocks = site.agenda.blocks
    for url in views:
        soup = BeautifulSoup((built_site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
        sections = soup.select(".fv-block")
        assert [section.get("id") for section in sections] == [f"fv-{block.id}" for block in blocks], url
        for section, block in zip(sections, blocks):
            assert " ".join(section.select_one(".fv-title").get_text().split()) == heading(block), url
            assert section.get("data-minutes") == str(block.minutes), (url, block.id)
            assert bool(section.select_one(".fv-say")) == bool(block.say), (url, block.id)
            assert len(section.select(".fv-steps li")) == len(block.steps), (url, block.id)
            online = section.select(".fv-online")
            assert len(online) == (1 if site.config.workshop.get("remote_groups") else 0), (url, block.id)


def test_each_view_steps_through_the_agenda_with_a_timer_of_each_blocks_minutes(views, site, browser, site_url):
    blocks = site.agenda.blocks
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        for url in views:
            page = context.new_page()
            page.goto(site_url + url, wait_until="load")
            for number, block in enumerate(blocks):
                if number:
                    page.keyboard.press("ArrowRight")
                shown = page.eval_on_selector_all(".fv-block:not([hidden]) .fv-title", "els => els.map(e => e.textContent)")
                assert shown == [heading(block)], (url, block.id)
                assert page.inner_text(".fv-clock") == f"{block.minutes:02d}:00", (url, block.id)
                following = blocks[number + 1] if number + 1 < len(blocks) else None
                nxt = page.inner_text(".fv-block:not([hidden]) .fv-next")
                assert (following.title in nxt) if following else ("end of the session" in nxt), (url, block.id)
                if block.mode == "break":
                    assert page.inner_text(".fv-block:not([hidden]) .fv-meta").endswith(f"break, {block.minutes} minutes.")
            page.close()
    finally:
        context.close()


def test_without_a_script_each_view_is_the_whole_plan(views, site, browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        for url in views:
            page = context.new_page()
            page.goto(site_url + url, wait_until="load")
            shown = page.eval_on_selector_all(".fv-block", "els => els.filter(e => !e.hidden).length")
            assert shown == len(site.agenda.blocks), url
            assert page.eval_on_selector(".fv-controls", "e => e.hidden"), url
            page.close()
    finally:
        context.close()
