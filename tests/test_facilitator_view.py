"""The facilitator view steps through the session as the agenda sets it out: one block at a time,
a timer of its minutes, its prompts and the next block, by buttons or keyboard, with no network.
It is tried on a workshop that is not this repository's (tests/adapted_workshop.py: six blocks with
a break, words read aloud and timed steps); every workshop's own view is a site test
(workshop/sitetests/test_facilitator_view.py).

On load the clock and buttons are in view under the header and stay there (sticky) as the block
scrolls; the keys work without a click, because the view takes the focus; the countdown is read
from the real clock, so a tab that the browser slows down behind the slides still shows the true
time left; and past the block's time it counts on, as "+01:30". Long waits use Playwright's clock."""

from __future__ import annotations

import pytest

from adapted_workshop import write_adapted
from workshop.model.site import load_site
from workshop.qa.browser import serve
from workshop.sitetests.pages import url_of, with_marker

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    """The adapted workshop, built strictly once for the module: its model and the view's address."""
    from conftest import run_mkdocs

    config = write_adapted(tmp_path_factory.mktemp("adapted") / "workshop")
    built = run_mkdocs(config, config.parent / "site")
    assert built.returncode == 0, built.stderr
    site = load_site(config)
    (page,) = with_marker(site, "facilitator-view")
    return site, config.parent / "site", url_of(page.site_path)


@pytest.fixture(scope="module")
def site_url(workshop):
    with serve(workshop[1]) as url:
        yield url


@pytest.fixture(scope="module")
def agenda(workshop):
    blocks = workshop[0].agenda.blocks
    assert len(blocks) >= 5 and any(block.mode == "break" for block in blocks)
    return blocks


@pytest.fixture(scope="module")
def view_url(workshop):
    return workshop[2]


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def view(context, site_url, view_url):
    page = context.new_page()
    page.goto(site_url + view_url, wait_until="load")
    return page


@pytest.fixture
def timed(context, site_url, view_url):
    """The view with Playwright's clock in place of the browser's: time moves only when told to."""
    context.clock.install(time=1_700_000_000_000)
    page = context.new_page()
    page.goto(site_url + view_url, wait_until="load")
    return page


def visible_titles(page) -> list[str]:
    return page.eval_on_selector_all(".fv-block:not([hidden]) .fv-title", "els => els.map(e => e.textContent)")


def clock(page) -> str:
    return page.inner_text(".fv-clock")


def in_view(page, selector: str) -> bool:
    """Whether the element is inside the window and below Material's sticky header."""
    return page.evaluate("""selector => {
        const box = document.querySelector(selector).getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return box.top >= header.bottom - 1 && box.bottom <= window.innerHeight && box.height > 0;
    }""", selector)


def test_it_shows_one_block_with_its_timer_and_the_next_block(view, agenda):
    titles = visible_titles(view)
    assert titles == [f"{agenda[0].start}–{agenda[0].end}: {agenda[0].title}"]
    assert clock(view) == f"{agenda[0].minutes:02d}:00"
    assert agenda[1].title in view.inner_text(".fv-block:not([hidden]) .fv-next")


def test_on_load_the_clock_and_buttons_are_in_view_and_the_view_has_the_keyboard(view):
    for selector in (".fv-clock", "[data-fv='timer']", "[data-fv='next']"):
        assert in_view(view, selector), f"{selector} is not in view on load"
    assert view.evaluate("() => document.activeElement.classList.contains('facilitator-view')")


def test_an_old_link_to_a_block_opens_it_without_hiding_the_clock(context, site_url, agenda, view_url):
    page = context.new_page()
    page.goto(f"{site_url}{view_url}#fv-{agenda[3].id}", wait_until="load")
    assert visible_titles(page) == [f"{agenda[3].start}–{agenda[3].end}: {agenda[3].title}"]
    assert in_view(page, ".fv-clock")
    page.keyboard.press("ArrowRight")
    assert page.url.endswith(f"#block-{agenda[4].id}")


def test_the_clock_and_buttons_stay_in_view_when_the_block_scrolls(view):
    view.evaluate("() => window.scrollBy(0, 1500)")
    assert in_view(view, ".fv-clock") and in_view(view, "[data-fv='timer']")


def test_the_keyboard_works_without_a_click(view):
    first = visible_titles(view)
    view.keyboard.press("ArrowRight")
    second = visible_titles(view)
    assert second != first and len(second) == 1
    assert view.url.endswith("#block-" + view.eval_on_selector(".fv-block:not([hidden])", "e => e.id")[3:])
    start = clock(view)
    view.keyboard.press(" ")
    view.wait_for_function(f"() => document.querySelector('.fv-clock').textContent !== '{start}'", timeout=5000)
    assert view.inner_text("[data-fv='timer']") == "Pause the timer"
    view.keyboard.press("r")
    assert clock(view) == start
    view.keyboard.press("ArrowLeft")
    assert visible_titles(view) == first
    assert view.inner_text(".fv-announce") == first[0]   # the new block is announced to screen readers


def test_the_clock_is_an_aria_timer(view):
    assert view.get_attribute(".fv-clock", "role") == "timer"
    assert view.get_attribute(".fv-clock", "aria-label")


def test_the_countdown_follows_the_real_clock_when_the_tab_is_slowed(timed, agenda):
    """A background tab may run the interval late or once in a long while: the time left is still true."""
    minutes = agenda[0].minutes
    timed.keyboard.press(" ")
    timed.clock.fast_forward(3 * 60_000)          # three minutes pass; the interval gets one late turn at most
    timed.clock.run_for(300)
    left = minutes * 60 - 3 * 60
    assert clock(timed) == f"{left // 60:02d}:{left % 60:02d}"


def test_past_its_time_the_clock_counts_on_as_overtime(timed, agenda):
    minutes = agenda[0].minutes
    timed.keyboard.press(" ")
    timed.clock.run_for(minutes * 60_000 + 250)   # the first tick past the end
    assert clock(timed) == "+00:00"
    assert timed.inner_text(".fv-announce").startswith("Time is up: Next, at")
    timed.clock.run_for(90_000)
    assert clock(timed) == "+01:30"
    assert "fv-clock--over" in timed.get_attribute(".fv-clock", "class")
    timed.keyboard.press(" ")                       # paused: the overtime stands still
    timed.clock.run_for(60_000)
    assert clock(timed) == "+01:30" and timed.inner_text("[data-fv='timer']") == "Start the timer"


def test_the_break_has_its_own_block(view, agenda):
    breaks = [block for block in agenda if block.mode == "break"]
    assert breaks
    index = agenda.index(breaks[0])
    for _ in range(index):
        view.keyboard.press("ArrowRight")
    assert visible_titles(view) == [f"{breaks[0].start}–{breaks[0].end}: {breaks[0].title}"]
    assert view.inner_text(".fv-block:not([hidden]) .fv-meta").endswith(f"break, {breaks[0].minutes} minutes.")
    assert clock(view) == f"{breaks[0].minutes:02d}:00"


def test_each_block_shows_what_to_read_aloud_and_its_timed_steps(view, agenda):
    sections = view.eval_on_selector_all(".fv-block", """els => els.map(e => ({
        id: e.id, read: !!e.querySelector('.fv-say'), steps: e.querySelectorAll('.fv-steps li').length}))""")
    for section, block in zip(sections, agenda):
        assert section["id"] == f"fv-{block.id}"
        assert section["read"] == bool(block.say) and section["steps"] == len(block.steps), block.id


def test_without_a_script_the_whole_plan_is_readable(browser, site_url, agenda, view_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + view_url, wait_until="load")
    count = page.eval_on_selector_all(".fv-block", "els => els.filter(e => !e.hidden).length")
    controls_hidden = page.eval_on_selector(".fv-controls", "e => e.hidden")
    context.close()
    assert count == len(agenda) and controls_hidden


def test_with_a_group_online_every_block_carries_its_line(view, agenda, workshop):
    assert workshop[0].config.workshop["remote_groups"] == 1
    lines = view.eval_on_selector_all(".fv-online", "els => els.map(e => e.textContent)")
    assert len(lines) == len(agenda) and all(line.startswith("Online group:") for line in lines)
