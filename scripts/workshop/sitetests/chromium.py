"""One headless Chromium per test process, for every fixture that asks for a browser.

Playwright's synchronous API allows one running instance per thread: a second `sync_playwright()`
started while the first runs fails. The site tests and the engine's tests each have a `browser`
fixture, and one worker of a parallel run may hold tests of both; so each fixture borrows the one
browser here, and the last to give it back closes it.
"""

from __future__ import annotations

_open: dict = {}


def borrow():
    """The process's browser, launched on first use (a missing Chromium is an error, never a skip)."""
    if not _open:
        from playwright.sync_api import sync_playwright

        from workshop.qa.browser import launch

        manager = sync_playwright()
        playwright = manager.start()
        try:
            _open.update(playwright=playwright, browser=launch(playwright), users=0)
        except BaseException:
            playwright.stop()
            raise
    _open["users"] += 1
    return _open["browser"]


def give_back() -> None:
    """Return the browser; the last user closes it and stops Playwright."""
    if not _open:
        return
    _open["users"] -= 1
    if _open["users"] <= 0:
        try:
            _open["browser"].close()
        finally:
            _open["playwright"].stop()
            _open.clear()
