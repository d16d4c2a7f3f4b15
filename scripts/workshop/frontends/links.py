"""Check the links of the built workshop site: internal links and anchors, and https.

Usage: python scripts/check_links.py [--config mkdocs.yml] [--site-dir DIR] [--external] [--timeout S] [--format text|github]
Without --site-dir the project's site (the folder of mkdocs.yml: --config, or found from the
working folder upwards) is built into a temporary folder first. --external also
fetches every external link online (HEAD, then GET) and lists the ones that fail.
--format github prints each broken link as a GitHub annotation on the line of the page's source
where the link was written, when the source holds it (a link of the navigation or the theme is
annotated on the run instead).
Exit status: 0 all good, 1 problems found, 2 the site could not be built or read.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from workshop.cli import Parser, safe_streams
from workshop.model.config import ConfigError
from workshop.model.messages import printable, workflow_command
from workshop.model.project import config_file
from workshop.model.site import load_site
from workshop.qa import links
from workshop.qa.builder import BuildError, build_site


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="check_links", description=__doc__.split("\n")[1])
    parser.add_argument("--site-dir", type=Path, help="a built site to check (default: build one)")
    parser.add_argument("--external", action="store_true", help="also check external links online")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each server (default 10)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="text for people; github prints GitHub annotations on the pages' sources")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    safe_streams()
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="workshop-site-") as temporary:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(temporary) / "site"
            try:
                build_site(config_file(args.config), site_dir, strict=False)
            except (BuildError, ConfigError) as error:
                print(f"check_links: {error}", file=sys.stderr)
                return 2
        elif not (site_dir / "index.html").is_file():
            print(f"check_links: {printable(site_dir)} is not a built site (no index.html)", file=sys.stderr)
            return 2
        github = None
        if args.format == "github":
            try:
                github = sources(config_file(args.config))
            except ConfigError as error:
                print(f"check_links: {error}", file=sys.stderr)
                return 2
        return report(site_dir, args.external, args.timeout, github)


def sources(config: Path) -> dict[str, tuple[str, str]]:
    """Each built HTML file of the site and the source it was made from, with the source's text."""
    if not config.is_file():
        raise ConfigError(f"{config}: no such configuration file")
    found: dict[str, tuple[str, str]] = {}
    for page in load_site(config.resolve()).pages:
        if page.site_path is None:
            continue
        try:
            text = page.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for html in links.html_files(page.site_path):
            found[html] = (page.rel, text)
    return found


def annotations(problems: list[links.LinkProblem], sources: dict[str, tuple[str, str]]) -> list[str]:
    """One annotation per broken link and place: on the source line where it was written, or, for a
    link the sources do not hold (the navigation repeats it on every page), once on the run."""
    seen: set[tuple] = set()
    lines = []
    for problem in problems:
        path, line = links.source_place(problem, sources)
        key = (path, line, problem.url, problem.reason) if path else (problem.url, problem.reason)
        if key in seen:
            continue
        seen.add(key)
        where = "" if path else f" (in the built page {problem.page}, line {problem.line}, and wherever the navigation repeats it)"
        lines.append(workflow_command("error", path, line, "broken link", f"{problem.url}: {problem.reason}{where}"))
    return lines


def report(site_dir: Path, external: bool, timeout: float,
           github: dict[str, tuple[str, str]] | None = None) -> int:
    files = links.scan(site_dir)
    problems = links.check_internal(site_dir, files) + links.check_https(site_dir, files)
    for line in (annotations(problems, github) if github is not None else links.summary(problems)):
        print(line)
    failed = 0
    if external:
        urls = links.external_urls(site_dir, files)
        started = time.monotonic()
        print(f"Checking {len(urls)} external links online (timeout {timeout:g} s each)...", flush=True)
        for outcome in links.check_external(list(urls), timeout=timeout):
            if not outcome.ok:
                failed += 1
                where = sorted({link.page for link in urls[outcome.url]})
                more = f" and {len(where) - 2} more" if len(where) > 2 else ""
                print(f"{outcome.url} — {outcome.reason} (on {', '.join(where[:2])}{more})")
                if github is not None:
                    for link in urls[outcome.url][:1]:
                        print("\n".join(annotations([links.LinkProblem(link.page, link.line, link.url, outcome.reason)], github)))
        print(f"External links: {len(urls) - failed} of {len(urls)} answered "
              f"in {time.monotonic() - started:.1f} s.")
    print(f"Internal links: {'no problems' if not problems else f'{len(problems)} problems'} "
          f"in {len(files)} HTML files.")
    return 1 if problems or failed else 0


if __name__ == "__main__":
    sys.exit(main())
