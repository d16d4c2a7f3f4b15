"""The content report: words, citations and sources per page, repeated sources and figures, reading ease.

Usage: workshop content-report [--write]
--write puts the report into docs/maintainers/figures.md between its content-report markers.
Exit status: 0 written, 2 configuration unusable.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from workshop.check import content_report
from workshop.cli import Parser, safe_streams
from workshop.model.config import ConfigError
from workshop.model.project import config_file
from workshop.model.site import load_site

FIGURES = Path("docs/maintainers/figures.md")
START, END = "<!-- content-report:start -->", "<!-- content-report:end -->"


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="content-report", description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write the report into {FIGURES}")
    parser.add_argument("--config", type=Path, help="mkdocs.yml to use (default: found upwards)")
    safe_streams()
    args = parser.parse_args(argv)
    try:
        site = load_site(config_file(args.config))
    except ConfigError as error:
        print(f"content-report: {error}", file=sys.stderr)
        return 2
    text = content_report.markdown(content_report.build(site))
    print(text, end="")
    if args.write:
        path = site.config.root / FIGURES
        page = path.read_text(encoding="utf-8")
        if START not in page or END not in page:
            print(f"content-report: {FIGURES} has no {START} ... {END} markers; nothing written", file=sys.stderr)
            return 2
        new = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: f"{START}\n{text}{END}", page, flags=re.S)
        path.write_text(new, encoding="utf-8")
        print(f"Wrote the report into {FIGURES}.")
    return 0
