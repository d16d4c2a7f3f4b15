"""Print every handout of the workshop site to PDF, on A4 and US Letter, and packs that copy double-sided.

Usage: python scripts/make_handouts.py [--paper a4|letter|both] [--large-print] [--site DIR] [--out DIR]
Writes OUT/a4/<handout>.pdf, OUT/letter/<handout>.pdf, the packs OUT/workshop-pack-<paper>.pdf (every
handout) and OUT/workshop-pack-<audience>-<paper>.pdf (facilitator, group, participant: by each
handout's print_for), each handout in a pack starting on a right-hand page, and the manifest
OUT/handouts.json (OUT is build/handouts). The PDFs are tagged for screen readers, with bookmarks,
language and title, and carry a running footer with the workshop's title, event, institution and
the site's address (site_url). --large-print prints instead the handouts participants read with
every text at 16 pt or more into OUT/a4-large/ and OUT/letter-large/, within page_budget_large
(twice page_budget when not declared), and reports any text under 16 pt.

Nothing is lost: the new files replace the old ones only once all of them are printed, so a failed
or interrupted run leaves the previous set whole; only files listed in the manifest (written by this
command and unchanged since) are ever replaced or removed, and only those of the paper printed
(--paper a4 leaves the US Letter set as it is). A file of the same name that this command did not
write stops the run before anything is printed.

Exit status: 0 done; 1 a handout exceeds its page_budget or spills onto a nearly empty last page, a
large-print handout prints text under 16 pt, or the printing failed; 2 configuration, arguments or output folder unusable (nothing changed);
130 interrupted by Ctrl-C or a termination signal (nothing changed).
"""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from workshop.model import identity
from workshop.check.checks import run_checks
from workshop.cli import Parser, safe_streams
from workshop.model.config import ConfigError
from workshop.model.messages import printable
from workshop.model.project import config_file, project_root
from workshop.model.site import load_site
from workshop.outputs import guard
from workshop.outputs import handouts as printing
from workshop.qa import browser as chromium

INTERRUPTED = 130


def build_site(config_path: Path, site_dir: Path) -> str | None:
    """Build the site (not strictly: a draft page elsewhere must not stop the printing); error text or None."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_path),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, cwd=config_path.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        return (result.stderr or result.stdout).strip() or f"mkdocs exited with status {result.returncode}"
    return None


def run(args: argparse.Namespace, progress: SimpleNamespace | None = None) -> int:
    progress = progress or SimpleNamespace(output=None)
    started = time.monotonic()
    config_path = config_file(args.config)
    site = run_checks(load_site(config_path))   # as the build does: its fingerprints then agree
    for warning in [*identity.warning(site.config.workshop, site.bibliography, site.config.path),
                    *identity.address_warning(site.config.raw, site.config.path)]:
        print(warning, file=sys.stderr)
    items = printing.handouts(site)
    if not items:
        print(f"Nothing to print: no page of a kind marked printed: true (extra.kinds) is in the "
              f"navigation of {config_path.name}")
        return 0
    papers = printing.papers_for(args.paper, large=args.large_print)
    out_dir = guard.check(args.out or project_root(config_path) / printing.DEFAULT_OUT,
                          command="make handouts", folder=True).resolve()
    if args.site and not (args.site.is_dir() and next(args.site.rglob("index.html"), None)):
        raise ConfigError(f"{printable(args.site)}: not a built site (no HTML pages); build it with 'make build'")
    with guard.exclusive(out_dir, "make handouts"):
        return _print(args, config_path, site, items, papers, out_dir, progress, started)


def _print(args, config_path: Path, site, items, papers, out_dir: Path, progress: SimpleNamespace,
           started: float) -> int:
    """Print into out_dir, which this run holds (guard.exclusive): a second run waits its turn."""
    # Before anything is printed: the output folder must hold no file of ours that someone else wrote.
    output = progress.output = printing.OutputFolder(out_dir)
    output.check(printing.targets(items, papers))

    chromium.ensure_chromium(root=project_root(config_path))
    from playwright.sync_api import sync_playwright

    with output, tempfile.TemporaryDirectory(prefix="handouts-site-") as temporary:
        output.remove_leftovers()
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(temporary)
            print("Building the site ...", end=" ", flush=True)
            error = build_site(config_path, site_dir)
            if error:
                print("failed")
                print(error, file=sys.stderr)
                print(f"make_handouts: {output.unchanged_note()}", file=sys.stderr)
                return 1
            print(f"done in {time.monotonic() - started:.1f} s")
        missing = printing.missing_pages(site_dir, items)
        if missing:
            raise FileNotFoundError(f"{site_dir}: the built site has no page for "
                                    f"{', '.join(h.page.rel for h in missing)}; build the site again")
        with chromium.serve(site_dir) as base_url, sync_playwright() as playwright:
            instance = chromium.launch(playwright)
            try:
                printed, problems = printing.print_handouts(site, base_url, instance, output, papers)
            finally:
                chromium.close_quietly(instance)
        packs = {}
        for paper in papers:
            if not paper.large:
                packs.update(printing.write_packs(site, printed, paper, output))
        done = output.commit(papers, printing.handout_entries(site, printed))

    for name, pages in packs.items():
        print(f"Pack: {pages} pages in {_shown(out_dir / name)}")
    if packs:
        print("Each handout in a pack starts on a right-hand page (a page left blank where needed): copy "
              "the packs double-sided.")
    print(f"Wrote {len(printed)} handout PDFs{'' if not packs else f' and {len(packs)} packs'}"
          f"{' in large print' if args.large_print else ''} to {_shown(out_dir)}/ in "
          f"{time.monotonic() - started:.1f} s")
    for rel in done.removed:
        print(f"Removed {_shown(out_dir / rel)}: written by an earlier run for a handout no longer in the site")
    for rel in done.kept:
        print(f"Kept {_shown(out_dir / rel)}: no handout prints to it any more, but it changed since "
              "it was written, so it is left for you to move or delete")
    for problem in problems.sorted():
        print(f"{problem.text()}\n  hint: {problem.hint}")
    return 1 if problems else 0


def _shown(path: Path) -> str:
    try:
        return printable(path.relative_to(Path.cwd()).as_posix())
    except ValueError:
        return printable(str(path))


_TERMINATED = [False]
_WATCH: list[chromium.InterruptWatch] = []


def _terminate(number, frame) -> None:
    _TERMINATED[0] = True
    chromium.quiet_after_interrupt()
    for watch in _WATCH:
        watch.arm()
    raise printing.Interrupted


def _give_up(progress: SimpleNamespace) -> int:
    """The run was interrupted and closing the browser has not returned: remove this run's
    temporary files, as leaving the output folder would, and say what the folder holds."""
    output = progress.output
    if output is not None:
        try:
            output.discard()
        except Exception:  # noqa: BLE001: the main thread was stopped mid-way; tidy what can be tidied
            pass
    print(f"make_handouts: interrupted; {_left(progress)}", file=sys.stderr)
    return INTERRUPTED


def _was_interrupted(watch) -> bool:
    """Whether a failure of the browser is really an interruption. A signal sent to the whole
    process group reaches the browser too, and its ending may raise here before the signal does:
    wait a moment for the signal, so that the run still reads as interrupted."""
    try:
        time.sleep(0.3)
    except (KeyboardInterrupt, printing.Interrupted):
        return True
    return watch.fired or _TERMINATED[0]


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="make_handouts", description=__doc__.split("\n")[1])
    parser.add_argument("--paper", choices=["both", *printing.PAPERS], default="both",
                        help="paper size to print on (default: both A4 and US Letter)")
    parser.add_argument("--large-print", action="store_true",
                        help="print the handouts participants read in large print (every text at 16 pt or more) "
                             "into a4-large/ and letter-large/ instead")
    parser.add_argument("--site", type=Path, help="an existing build of the site to print from "
                        "(default: build the site into a temporary folder)")
    parser.add_argument("--out", type=Path, help=f"folder for the PDFs (default: {printing.DEFAULT_OUT})")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    safe_streams()
    args = parser.parse_args(argv)
    progress = SimpleNamespace(output=None)
    interrupted = chromium.InterruptWatch(give_up=lambda: _give_up(progress))
    _WATCH[:] = [interrupted]
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with interrupted:
            return run(args, progress)
    except (KeyboardInterrupt, printing.Interrupted):
        return _interrupted(progress)
    except ConfigError as error:
        print(f"make_handouts: {error}", file=sys.stderr)
        return 2
    except (printing.OutputConflict, guard.OutputRefused) as error:
        print(f"make_handouts: {error}", file=sys.stderr)
        return 2
    except chromium.BrowserMissing as error:
        print(f"make_handouts: {error}", file=sys.stderr)
        return 1
    except chromium.BrowserFailed as error:
        if _was_interrupted(interrupted):
            return _interrupted(progress)
        print(f"make_handouts: {error}; {_left(progress)}", file=sys.stderr)
        return 1
    except OSError as error:
        if _was_interrupted(interrupted):
            return _interrupted(progress)
        reason = str(error) if error.errno is None else f"{error.filename}: {error.strerror}"
        print(f"make_handouts: {printable(reason)}; {_left(progress)}", file=sys.stderr)
        return 1
    except Exception as error:  # Playwright's errors: say what failed, without a traceback
        if _was_interrupted(interrupted):
            return _interrupted(progress)
        if type(error).__module__.startswith("playwright"):
            print(f"make_handouts: the browser failed: {chromium.first_line(error)}; {_left(progress)}",
                  file=sys.stderr)
            return 1
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


def _left(progress: SimpleNamespace) -> str:
    return progress.output.unchanged_note() if progress.output is not None else "no PDF was changed"


def _interrupted(progress: SimpleNamespace) -> int:
    print(f"make_handouts: interrupted; {_left(progress)}", file=sys.stderr)
    atexit.register(_end_now)
    return INTERRUPTED


def _end_now() -> None:
    """The browser's asyncio transports, stopped in the middle of a print, complain as Python
    finalises them ("Exception ignored ... Event loop is closed"). An interrupted run has said
    all it has to say, so the process ends here, with its status, before that finalisation."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(INTERRUPTED)


if __name__ == "__main__":
    sys.exit(main())
