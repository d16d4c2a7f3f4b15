"""Finding or installing Chromium: Debian's package as root on Debian or Ubuntu, Playwright's own
elsewhere, and a clear message (never a skip) when neither can be had."""

from __future__ import annotations

import sys

import pytest

from workshop.qa import browser


@pytest.fixture
def no_chromium(monkeypatch):
    """A machine with no Chromium; records the installers that would run."""
    calls: list[list[str]] = []
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(browser, "CANDIDATES", ())
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser, "_playwright_chromium", lambda: None)
    monkeypatch.setattr(browser.subprocess, "run", lambda command, **kwargs: calls.append(command))
    return calls


def test_debian_root_installs_debians_chromium_then_falls_back_to_playwright(no_chromium, monkeypatch):
    monkeypatch.setattr(browser, "_debian_root", lambda: True)
    with pytest.raises(browser.BrowserMissing, match="apt-get install chromium"):
        browser.ensure_chromium(say=lambda message: None)
    assert no_chromium == [["bash", str(browser.SYSTEM_PACKAGES), "--browser"],
                           [sys.executable, "-m", "playwright", "install", "chromium"]]


def test_elsewhere_playwright_installs_its_own_chromium(no_chromium, monkeypatch):
    monkeypatch.setattr(browser, "_debian_root", lambda: False)
    with pytest.raises(browser.BrowserMissing):
        browser.ensure_chromium(say=lambda message: None)
    assert no_chromium == [[sys.executable, "-m", "playwright", "install", "chromium"]]


def test_an_installed_chromium_is_used_as_it_is(monkeypatch, tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("")
    monkeypatch.setenv("CHROMIUM", str(chromium))
    monkeypatch.setattr(browser.subprocess, "run", lambda *args, **kwargs: pytest.fail("installer ran"))
    browser.ensure_chromium(say=lambda message: None)
    assert browser.chromium_path() == str(chromium)


def test_no_chromium_is_an_error_that_says_what_to_do(no_chromium):
    with pytest.raises(browser.BrowserMissing, match="make system"):
        browser.chromium_path()
