"""Readers include people using screen readers, keyboards and high-contrast settings: every
page of the workshop passes axe-core (WCAG 2.2 AA and best practice) in the light and the dark
palette, and the keyboard reaches every link and control of the home page and of a printed
handout, each with a visible focus indicator.

Each page is loaded once for both palettes, and the same load proves the page private: it asks
nothing of any other host (test_privacy.py checks searching and switching the palette)."""

from __future__ import annotations

import json
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from workshop.sitetests.pages import built_pages, first_printed, home, outside, url_of

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PALETTES = {"light": "default", "dark": "slate"}

# Material animates colours; axe must measure the final colours, not a frame of a transition.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# The palettes differ only in colours (Material swaps CSS variables on <body>): the light palette
# is checked against every rule of the tags, the dark one against the rules that read colours.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
RUN_AXE = """only => axe.run(document, {runOnly: only, resultTypes: ['violations']})
  .then(result => result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
    summary: v.nodes[0].failureSummary,
  })))"""


# Every page is checked once its search is ready, as a reader finds it a moment after it loads.
# Whatever the index holds, the page then shows the same thing (a hidden "Type to start searching"),
# so the pages of the check are given the site's index with no documents in it: each would
# otherwise spend 0.3 to 0.4 s of the processor indexing a large site. test_privacy.py searches
# the real index, and the keyboard test below loads it.
SEARCH_READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const config = JSON.parse(document.getElementById('__config').textContent);
  return meta !== null && meta.textContent.trim() === config.translations['search.result.placeholder'];
}"""


@pytest.fixture(scope="module")
def context(browser, built_site):
    """A browser context with axe-core in every page; it records every request and lets none leave."""
    assert AXE.is_file(), f"axe-core is missing from the axe-playwright-python package: {AXE}"
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    no_documents = json.dumps({**index, "docs": []})
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    context.route(lambda url: outside(url), lambda route: route.abort())
    context.route("**/search/search_index.json",
                  lambda route: route.fulfill(status=200, content_type="application/json", body=no_documents))
    yield context
    context.close()


def set_palette(page, scheme: str) -> None:
    """What Material's palette toggle does: the scheme lives on <body>."""
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def describe(url: str, violation: dict) -> str:
    targets = ", ".join(violation["targets"][:5])
    more = f" (+{len(violation['targets']) - 5} more)" if len(violation["targets"]) > 5 else ""
    first = " ".join(violation["summary"].split())[:300]
    return (f"{url} [{violation['impact']}] {violation['id']}: {violation['help']}\n"
            f"    at {targets}{more}\n    {first}")


SHARES = 4   # the pages are checked in four shares, one class each, so that parallel workers share them


def check_share(context, site, built_site, site_url, share: int) -> None:
    """Each page of the share is loaded once and checked in the light and then the dark palette."""
    page = context.new_page()
    failures, checked, leaks = [], 0, []
    urls = built_pages(built_site)
    unbuilt = [entry.path for entry in site.config.nav if url_of(entry.path) not in urls]
    assert not unbuilt, f"pages of the navigation missing from the built site: {unbuilt}"
    try:
        for url in urls[share::SHARES]:
            before = len(context.requests)
            page.goto(site_url + url, wait_until="load")
            try:
                page.wait_for_function(SEARCH_READY, timeout=10_000)
            except PlaywrightTimeout:
                pytest.fail(f"{url}: the search was not ready 10 s after the page loaded")
            page.wait_for_timeout(100)  # scripts that fetch something once the page is shown
            leaks += [f"{url} asked for {request}" for request in context.requests[before:] if outside(request)]
            page.add_style_tag(content=NO_TRANSITIONS)
            assert page.evaluate("() => typeof axe") == "object", f"{url}: axe-core was not loaded"
            for palette, scheme in PALETTES.items():
                set_palette(page, scheme)
                only = ({"type": "tag", "values": AXE_TAGS} if palette == "light"
                        else {"type": "rule", "values": COLOUR_RULES})
                failures += [f"({palette}) " + describe(url, v) for v in page.evaluate(RUN_AXE, only)]
            checked += 1
    finally:
        page.close()
    assert checked == len(urls[share::SHARES]), f"only {checked} pages were checked"
    assert not leaks, "requests that left the machine:\n" + "\n".join(leaks)
    assert len(context.requests) > checked, "no requests were recorded"
    assert not failures, (f"axe-core found {len(failures)} violations ({checked} pages, both palettes):\n"
                          + "\n".join(failures))


class TestAxeFirstShare:
    def test_every_page_passes_axe_in_both_palettes(self, context, site, built_site, site_url):
        check_share(context, site, built_site, site_url, 0)


class TestAxeSecondShare:
    def test_every_page_passes_axe_in_both_palettes(self, context, site, built_site, site_url):
        check_share(context, site, built_site, site_url, 1)


class TestAxeThirdShare:
    def test_every_page_passes_axe_in_both_palettes(self, context, site, built_site, site_url):
        check_share(context, site, built_site, site_url, 2)


class TestAxeFourthShare:
    def test_every_page_passes_axe_in_both_palettes(self, context, site, built_site, site_url):
        check_share(context, site, built_site, site_url, 3)


def test_the_page_axe_checks_is_the_page_a_reader_sees(browser, context, site, site_url):
    """The check's index has no documents; once search is ready, the page is the same as with the real one."""
    documents, placeholder = [], None
    for checked in (context, browser.new_context(viewport={"width": 1280, "height": 900})):
        page = checked.new_page()
        try:
            page.goto(site_url + url_of(first_printed(site).site_path), wait_until="load")
            page.wait_for_function(SEARCH_READY, timeout=10_000)
            documents.append(page.evaluate("() => document.documentElement.outerHTML"))
            placeholder = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent)"
                                        ".translations['search.result.placeholder']")
        finally:
            page.close()
            if checked is not context:
                checked.close()
    checked_page, read_page = documents
    assert placeholder and placeholder in read_page
    assert checked_page == read_page, "the page axe checks differs from the page a reader sees"


def test_the_dark_palette_check_finds_text_too_faint_to_read(context):
    """The dark palette is checked with the colour rules alone: they must still catch faint text."""
    page = context.new_page()
    try:
        page.set_content('<!doctype html><html lang="en"><head><title>Faint</title><style>'
                         'body { background: #ffffff; color: #000000; }'
                         '[data-md-color-scheme="slate"] { background: #1e2129; }'
                         '[data-md-color-scheme="slate"] p { color: #3a3d45; }</style></head>'
                         '<body><main><h1>Faint</h1><p>Text that fades in the dark.</p></main></body></html>')
        page.add_script_tag(path=str(AXE))
        colours = {"type": "rule", "values": COLOUR_RULES}
        set_palette(page, PALETTES["light"])
        assert page.evaluate(RUN_AXE, colours) == []
        set_palette(page, PALETTES["dark"])
        assert [v["id"] for v in page.evaluate(RUN_AXE, colours)] == ["color-contrast"]
    finally:
        page.close()


# Tab stops are identified by a data-kbd index given to every candidate element. Radio buttons
# of one group count once: Tab enters the group, the arrow keys move within it.
GROUP = "el => el.type === 'radio' && el.name ? 'radio:' + el.name : el.dataset.kbd"

# Focusable elements that a reader can see: not disabled, not inert, rendered, and shown on
# screen (or, for a visually hidden input, with a shown label that stands for it).
FOCUSABLES = """() => {
  const group = %s;
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, ' +
                   'iframe, summary, [contenteditable=""], [contenteditable=true], [tabindex]';
  const rendered = el => el.checkVisibility({visibilityProperty: true});
  const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true}) &&
                      el.getBoundingClientRect().width * el.getBoundingClientRect().height > 0;
  const all = [...document.querySelectorAll(selector)];
  all.forEach((el, i) => el.dataset.kbd = String(i));
  return all.filter(el => !el.disabled && !el.closest('[inert]') && el.tabIndex >= 0 && rendered(el) &&
                          (shown(el) || [...(el.labels || [])].some(shown)))
            .map(el => [el.dataset.kbd, group(el)]);
}""" % GROUP

# The focused element: its index and group; [null, null] once focus has left the page; and
# ['new', tag] for an element the page's scripts added after the candidates were listed.
FOCUSED = """() => { const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return [null, null];
  return el.dataset.kbd ? [el.dataset.kbd, (%s)(el)] : ['new', el.tagName.toLowerCase()]; }""" % GROUP

DESCRIBE = """i => { const el = document.querySelector(`[data-kbd="${i}"]`);
  const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim();
  return `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}${el.getAttribute('href') ? ' href=' + el.getAttribute('href') : ''}> "${text.slice(0, 40)}"`; }"""

# The focus ring of an element and of what stands for it on screen (its labels, the label that
# follows a hidden input, its parent): a change of colour alone is not enough to see the focus.
RING = """el => [el, ...(el.labels || []), el.parentElement,
                 el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL' ? el.nextElementSibling : null]
  .filter(Boolean).map(node => {
    const s = getComputedStyle(node);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
  }).join(' / ')"""


# The links of the navigation a reader sees beside the page: the keyboard must reach at least these.
NAV_LINKS = """() => [...document.querySelectorAll('nav.md-nav--primary a[href]')]
  .filter(a => a.checkVisibility({visibilityProperty: true}) && a.getBoundingClientRect().width > 0).length"""


@pytest.mark.parametrize("which", [home, first_printed], ids=["the home page", "a printed handout"])
def test_keyboard_reaches_every_control_with_a_visible_focus(browser, site, site_url, which):
    url = url_of(which(site).site_path)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + url, wait_until="load")
        page.wait_for_function(SEARCH_READY, timeout=10_000)   # Material's scripts have set the page up
        page.add_style_tag(content=NO_TRANSITIONS)
        expected = page.evaluate(FOCUSABLES)
        shown_nav = page.evaluate(NAV_LINKS)
        assert shown_nav >= 2 and len(expected) > shown_nav, \
            f"{url}: only {len(expected)} focusable elements found, with {shown_nav} links of the navigation in view"
        first, reached_groups, focused_ring = None, set(), {}
        for _ in range(len(expected) * 2 + 10):
            page.keyboard.press("Tab")
            index, group = page.evaluate(FOCUSED)
            if index == "new":
                continue   # not one of the listed candidates; Tab goes on from it
            if index is None or index == first:
                if first is not None:
                    break  # focus left the page or came round to the start again
                continue
            first = first or index
            focused_ring.setdefault(index, page.evaluate(f"() => ({RING})(document.activeElement)"))
            reached_groups.add(group)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        missing = list({group: index for index, group in expected if group not in reached_groups}.values())
        assert not missing, (f"{url}: {len(missing)} of {len(expected)} visible links and controls cannot "
                             "be reached with Tab:\n" + "\n".join(page.evaluate(DESCRIBE, i) for i in missing))
        unfocused = {i: page.evaluate(f"i => ({RING})(document.querySelector(`[data-kbd=\"${{i}}\"]`))", i)
                     for i in focused_ring}
        invisible = [i for i in focused_ring if unfocused[i] == focused_ring[i]]
        assert not invisible, (f"{url}: {len(invisible)} elements show no visible focus indicator "
                               "(no outline or shadow appears when focused):\n"
                               + "\n".join(page.evaluate(DESCRIBE, i) for i in invisible))
    finally:
        context.close()
