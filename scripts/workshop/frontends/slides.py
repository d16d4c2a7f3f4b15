"""Write the session deck (build/slides/workshop.pptx) from the agenda, the slide texts and the rules.

Usage: python scripts/make_slides.py [--out DIR] [--template FILE.pptx] [--pages]
The deck follows data/agenda.yaml block by block; slide texts come from data/slides.yaml and the
ground rules from data/session.yaml. --pages also writes one reference deck per teaching page.
Exit status: 0 decks written (warnings may be printed); 1 nothing written (a block over budget, a
slide too long, a source that does not check, a deck edited by hand); 2 configuration unusable.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from workshop.check.report import switched_off
from workshop.cli import Parser
from workshop.model import identity
from workshop.model.config import ConfigError, find_config
from workshop.model.site import load_site
from workshop.outputs.slides import build_decks


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="make_slides", description=__doc__.split("\n")[1])
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    parser.add_argument("--out", "--output", dest="out", type=Path,
                        help="folder for the decks (default: build/slides beside mkdocs.yml)")
    parser.add_argument("--template", type=Path,
                        help="a .pptx template, instead of extra.workshop.slides_template in mkdocs.yml")
    parser.add_argument("--pages", action="store_true",
                        help="also write a reference deck for each teaching page, in DIR/pages/")
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
    for warning in identity.warning(site.config.workshop, site.bibliography, site.config.path):
        print(warning, file=sys.stderr)
    result = build_decks(site, out, template=args.template, per_page=args.pages)
    for problem in result.errors.sorted() + result.problems.sorted():
        print(f"{problem.text()}\n  hint: {problem.hint}", file=sys.stderr)
    if result.errors or not result.decks:
        print("make_slides: no deck written", file=sys.stderr)
        return 1
    design = result.template.name if result.template else "built-in 16:9 design"
    session, budget = result.session, result.budget
    counts = session.content_counts()
    for block in session.blocks:
        if block.mode == "didactic":
            print(f"  {block.start} {block.id}: {counts.get(block.id, 0)} content slides "
                  f"of {budget.allowed(block.minutes)} allowed in {block.minutes} minutes")
    if result.palette is not None:
        palette = result.palette
        print(f"  colour {palette.primary} ({palette.source}), titles on it in {palette.on_primary} "
              f"({palette.text_contrast:.1f}:1)")
    if result.figure_text:
        figure, number, size, _ = min(result.figure_text, key=lambda item: item[2])
        print(f"  text inside figures: {size:.1f} pt or more as placed (smallest: {figure}, slide {number}; "
              f"floor {budget.min_figure_pt:g} pt)")
    for deck in result.decks:
        size = deck.path.stat().st_size / 1024
        words = (f", words per slide: median {statistics.median(deck.words):g}, most {max(deck.words)}"
                 if deck.words else "")
        print(f"{deck.path}: {deck.slides} slides, {deck.pictures} figures{words}, {size:.0f} KiB")
    if switched_off(site):
        print(switched_off(site))
    print(f"{len(result.decks)} deck(s) from the {design} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
