#!/usr/bin/env python3
"""Print every handout of the workshop site to PDF, on A4 and US Letter, and a pack of them all.

Usage: python scripts/make_handouts.py [--paper a4|letter|both] [--site DIR] [--out DIR]
Writes OUT/a4/<handout>.pdf, OUT/letter/<handout>.pdf and OUT/workshop-pack-<paper>.pdf
(OUT is build/handouts). Exit status: 0 done, 1 a handout exceeds its page_budget or the
printing failed, 2 configuration or arguments unusable.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workshop import browser as chromium  # noqa: E402
from workshop import handouts as printing  # noqa: E402
from workshop.config import ConfigError, find_config  # noqa: E402
from workshop.site import load_site  # noqa: E402
from workshop.cli import Parser  # noqa: E402



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


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    config_path = (args.config or find_config(Path.cwd())).resolve()
    if not config_path.is_file():
        raise ConfigError(f"{config_path}: no such configuration file")
    site = load_site(config_path)
    items = printing.handouts(site)
    if not items:
        print(f"Nothing to print: no page of kind '{printing.HANDOUT_KIND}' is in the navigation of "
              f"{config_path.name}")
        return 0
    papers = list(printing.PAPERS.values()) if args.paper == "both" else [printing.PAPERS[args.paper]]
    out_dir = (args.out or config_path.parent / printing.DEFAULT_OUT).resolve()
    if args.site and not (args.site.is_dir() and next(args.site.rglob("index.html"), None)):
        raise ConfigError(f"{args.site}: not a built site (no HTML pages); build it with 'make build'")

    chromium.ensure_chromium()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="handouts-site-") as temporary:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(temporary)
            print("Building the site ...", end=" ", flush=True)
            error = build_site(config_path, site_dir)
            if error:
                print("failed")
                print(error, file=sys.stderr)
                return 1
            print(f"done in {time.monotonic() - started:.1f} s")
        missing = printing.missing_pages(site_dir, items)
        if missing:
            raise FileNotFoundError(f"{site_dir}: the built site has no page for "
                                    f"{', '.join(h.page.rel for h in missing)}; build the site again")
        printing.clear_output(out_dir)
        with chromium.serve(site_dir) as base_url, sync_playwright() as playwright:
            instance = chromium.launch(playwright)
            try:
                printed, problems = printing.print_handouts(site, base_url, instance, out_dir, papers)
            finally:
                instance.close()

    for paper in papers:
        pack = printing.write_pack(site, printed, paper, out_dir)
        pages = sum(item.pages for item in printed if item.paper == paper)
        print(f"Workshop pack ({paper.label}): {pages} pages in {_shown(pack)}")
    printing.write_manifest(site, printed, out_dir)
    print(f"Wrote {len(printed)} handout PDFs and {len(papers)} pack{'s' if len(papers) > 1 else ''} "
          f"to {_shown(out_dir)}/ in {time.monotonic() - started:.1f} s")
    for problem in problems.sorted():
        print(f"{problem.text()}\n  hint: {problem.hint}")
    return 1 if problems else 0


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="make_handouts", description=__doc__.split("\n")[1])
    parser.add_argument("--paper", choices=["both", *printing.PAPERS], default="both",
                        help="paper size to print on (default: both A4 and US Letter)")
    parser.add_argument("--site", type=Path, help="an existing build of the site to print from "
                        "(default: build the site into a temporary folder)")
    parser.add_argument("--out", type=Path, help=f"folder for the PDFs (default: {printing.DEFAULT_OUT})")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ConfigError as error:
        print(f"make_handouts: {error}", file=sys.stderr)
        return 2
    except chromium.BrowserMissing as error:
        print(f"make_handouts: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        reason = str(error) if error.errno is None else f"{error.filename}: {error.strerror}"
        print(f"make_handouts: {reason}", file=sys.stderr)
        return 1
    except Exception as error:  # Playwright's errors: say what failed, without a traceback
        if type(error).__module__.startswith("playwright"):
            print(f"make_handouts: the browser failed: {str(error).splitlines()[0]}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
