#!/usr/bin/env python3
"""Write the workshop's PowerPoint decks from the site's pages into build/slides/.

Usage: python scripts/make_slides.py [--out DIR] [--template FILE.pptx] [--no-pages]
Exit status: 0 decks written (warnings may be printed), 1 not written, 2 configuration unusable.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workshop.config import ConfigError, find_config  # noqa: E402
from workshop.site import load_site  # noqa: E402
from workshop.slides import build_decks  # noqa: E402
from workshop.cli import Parser  # noqa: E402



def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="make_slides", description=__doc__.split("\n")[1])
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    parser.add_argument("--out", "--output", dest="out", type=Path,
                        help="folder for the decks (default: build/slides beside mkdocs.yml)")
    parser.add_argument("--template", type=Path,
                        help="a .pptx template, instead of extra.workshop.slides_template in mkdocs.yml")
    parser.add_argument("--no-pages", action="store_true", help="write only workshop.pptx, not one deck per page")
    args = parser.parse_args(argv)
    if args.template is not None and not args.template.is_file():
        parser.error(f"--template: no such file: {args.template}")
    started = time.perf_counter()
    try:
        config_path = args.config or find_config(Path.cwd())
        if not config_path.is_file():
            raise ConfigError(f"{config_path}: no such configuration file")
        site = load_site(config_path.resolve())
    except ConfigError as error:
        print(f"make_slides: {error}", file=sys.stderr)
        return 2
    out = args.out or site.config.root / "build" / "slides"
    result = build_decks(site, out, template=args.template, per_page=not args.no_pages)
    for problem in result.problems.sorted():
        print(f"{problem.text()}\n  hint: {problem.hint}", file=sys.stderr)
    if not result.decks:
        print("make_slides: no deck written", file=sys.stderr)
        return 1
    design = result.template.name if result.template else "built-in 16:9 design"
    for deck in result.decks:
        size = deck.path.stat().st_size / 1024
        print(f"{deck.path}: {deck.slides} slides, {deck.pictures} figures, {size:.0f} KiB")
    print(f"{len(result.decks)} deck(s) from the {design} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
