"""The facilitator view steps through the session as the agenda sets it out: one block at a time,
a timer of its minutes, its prompts and the next block, by buttons or keyboard, with no network."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

URL = "/facilitators/live/"


@pytest.fixture
def view(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + URL, wait_until="load")
    yield page
    context.close()


def visible_titles(page) -> list[str]:
    return page.eval_on_selector_all(".fv-block:not([hidden]) .fv-title", "els => els.map(e => e.textContent)")


def test_it_shows_one_block_with_its_timer_and_the_next_block(view, built_site):
    from workshop.model.site import load_site
    from project_factory import ROOT

    agenda = load_site(ROOT / "mkdocs.yml").agenda.blocks
    titles = visible_titles(view)
    assert titles == [f"{agenda[0].start}–{agenda[0].end}: {agenda[0].title}"]
    assert view.inner_text(".fv-clock") == f"{agenda[0].minutes:02d}:00"
    assert agenda[1].title in view.inner_text(".fv-block:not([hidden]) .fv-next")


def test_the_keyboard_changes_block_and_runs_the_timer(view):
    first = visible_titles(view)
    view.focus(".facilitator-view")
    view.keyboard.press("ArrowRight")
    second = visible_titles(view)
    assert second != first and len(second) == 1
    assert view.url.endswith("#" + view.eval_on_selector(".fv-block:not([hidden])", "e => e.id"))
    start = view.inner_text(".fv-clock")
    view.focus(".facilitator-view")
    view.keyboard.press(" ")
    view.wait_for_function(f"() => document.querySelector('.fv-clock').textContent !== '{start}'", timeout=5000)
    assert view.inner_text("[data-fv='timer']") == "Pause the timer"
    view.keyboard.press("r")
    assert view.inner_text(".fv-clock") == start
    view.keyboard.press("ArrowLeft")
    assert visible_titles(view) == first
    assert view.inner_text(".fv-announce") == first[0]   # the new block is announced to screen readers


def test_without_a_script_the_whole_plan_is_readable(browser, site_url, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + URL, wait_until="load")
    count = page.eval_on_selector_all(".fv-block", "els => els.filter(e => !e.hidden).length")
    controls_hidden = page.eval_on_selector(".fv-controls", "e => e.hidden")
    context.close()
    assert count >= 10 and controls_hidden
