"""Headless Chromium for printing handouts and for the browser tests, found or installed in one place.

Debian's Chromium (installed by `workshop system` when we are root on Debian or
Ubuntu) is preferred, because Playwright cannot download its own browser on every machine;
elsewhere Playwright's own Chromium is installed. The flags keep Chromium from stalling on
blocked network connections and let it run as root in containers.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

SYSTEM_PACKAGES = Path(__file__).resolve().parents[1] / "system" / "ensure_system_packages.sh"   # shipped with the engine


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
# Chromium's headless build first (Debian: chromium-headless-shell): the same engine without the
# browser around it, it prints and checks a page with about a tenth less processor time.
CANDIDATES = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser",
              "/usr/bin/google-chrome")


class BrowserMissing(Exception):
    """No Chromium can be found or installed; the message says what to do."""


def find_chromium() -> str | None:
    """The system's Chromium ($CHROMIUM first), or None."""
    for candidate in (os.environ.get("CHROMIUM"), *CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def chromium_path() -> str:
    found = find_chromium()
    if found is None:
        raise BrowserMissing("No Chromium found: run 'make system' (Debian: apt-get install chromium) "
                             "or set CHROMIUM=/path/to/chromium")
    return found


def _debian_root() -> bool:
    release = Path("/etc/os-release")
    text = release.read_text(encoding="utf-8", errors="replace").lower() if release.is_file() else ""
    return (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None
            and any(name in text for name in ("id=debian", "id=ubuntu", "id_like=debian", "id_like=ubuntu")))


def _playwright_chromium() -> str | None:
    """Path of Playwright's own Chromium when it has been installed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if path and Path(path).exists() else None


def ensure_chromium(say=print, root: Path | None = None) -> None:
    """Install a Chromium when none is present: Debian's as root on Debian or Ubuntu (with the
    project's own scripts/ensure_system_packages.sh; root is the project's folder), else Playwright's."""
    if find_chromium() or _playwright_chromium():
        return
    if _debian_root():
        say("No Chromium found: installing Debian's chromium package (about 20 s)")
        script = root / SYSTEM_PACKAGES if root is not None else SYSTEM_PACKAGES
        subprocess.run(["bash", str(script), "--browser"], check=False, cwd=root)
        if find_chromium():
            return
    say("No Chromium found: installing Playwright's Chromium (python -m playwright install chromium)")
    subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
    if not _playwright_chromium():
        raise BrowserMissing("Could not install Chromium. On Debian or Ubuntu run "
                             "'sudo apt-get install chromium'; elsewhere install Chromium or Chrome "
                             "and set CHROMIUM=/path/to/chromium")


class BrowserFailed(Exception):
    """A Chromium was found but would not start; the message names it and says why."""


def launch(playwright):
    """A headless Chromium: the system's if any, else Playwright's own; BrowserMissing if neither,
    BrowserFailed if the one found does not start."""
    path = find_chromium()
    if path is None:
        path = playwright.chromium.executable_path
        if not path or not Path(path).exists():
            chromium_path()  # raises with the instructions
    try:
        return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    except Exception as error:
        if not type(error).__module__.startswith("playwright"):
            raise
        chosen = " (set by CHROMIUM)" if os.environ.get("CHROMIUM") == path else ""
        raise BrowserFailed(f"Chromium {path}{chosen} did not start: {first_line(error)}. Check that it "
                            "runs ('chromium --version'), or set CHROMIUM=/path/to/chromium") from None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the output readable
        pass


# A client that goes away while a page is sent (the browser closed, a run interrupted): nothing to report.
GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class _QuietServer(http.server.ThreadingHTTPServer):
    """The local server for the browser: a client that hung up is not an error, so it prints no
    traceback (socketserver's handle_error would print one for each, in the middle of a run)."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, GONE):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) for as long as the block runs; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def first_line(error: BaseException) -> str:
    """The first meaningful line of a Playwright error (they run to many lines of call log)."""
    for line in str(error).splitlines():
        line = line.strip()
        if line and not set(line) <= set("=-"):
            return line
    return type(error).__name__


def close_quietly(browser) -> None:
    """Close a browser that may already be gone (killed, or closed by Ctrl-C): never raises."""
    try:
        browser.close()
    except Exception:  # noqa: BLE001: closing is best effort, the run's own error matters
        pass


def quiet_after_interrupt() -> None:
    """Once interrupted, say only that: Playwright's driver, stopped by the same Ctrl-C, leaves
    replies without a command and futures without a reader, which Playwright and asyncio would
    log at exit with their tracebacks."""
    for name in ("asyncio", "playwright"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


# Seconds an interrupted run may spend closing the browser before it ends without it.
GIVE_UP_AFTER = 5.0


class InterruptWatch:
    """Ctrl-C as usual (KeyboardInterrupt), but remembered: Ctrl-C in a terminal also reaches the
    browser and Playwright's driver, and the error their ending raises must still read as an
    interruption. Only in the main thread (elsewhere signals cannot be handled).

    An interruption that lands inside a Playwright call can leave the next one (closing the
    browser, stopping the driver) waiting for ever for a reply (playwright-python issue 1150).
    With give_up, the watch then ends the run itself: if the block has not been left `grace`
    seconds after the interruption, a timer calls give_up (which tidies up, says so and returns
    the exit status) and ends the process with that status."""

    def __init__(self, give_up: Callable[[], int] | None = None, grace: float = GIVE_UP_AFTER) -> None:
        self.fired = False
        self._previous = None
        self._give_up = give_up
        self._grace = grace
        self._timer: threading.Timer | None = None

    def _handler(self, number, frame) -> None:
        self.fired = True
        quiet_after_interrupt()
        self.arm()
        raise KeyboardInterrupt

    def arm(self) -> None:
        """Start the countdown to giving up (once), for any interruption: Ctrl-C or a termination."""
        if self._give_up is None or self._timer is not None:
            return
        self._timer = threading.Timer(self._grace, self._end)
        self._timer.daemon = True
        self._timer.start()

    def _end(self) -> None:
        status = 1
        try:
            status = self._give_up()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)

    def __enter__(self) -> "InterruptWatch":
        # A run that ignores Ctrl-C (started with & from a script) goes on ignoring it.
        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN):
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc) -> None:
        # The block was left, the browser closed or abandoned: what follows is quick, so no timer.
        if self._timer is not None:
            self._timer.cancel()
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None
