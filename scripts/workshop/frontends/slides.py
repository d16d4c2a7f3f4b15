"""Write the session deck (build/slides/workshop.pptx) from the agenda, the slide texts and the rules.

Usage: python scripts/make_slides.py [--out DIR] [--template FILE.pptx] [--pages]
The deck follows data/agenda.yaml block by block; slide texts come from data/slides.yaml and the
ground rules from data/session.yaml. --pages also writes one reference deck per teaching page.
The project is the folder of mkdocs.yml (--config, or found from the working folder upwards).
Exit status: 0 decks written (warnings may be printed); 1 nothing written (a block over budget, a
slide too long, a source that does not check, a template that cannot be used); 2 configuration
unusable, or an output refused (a deck edited by hand or not written by make slides, --out a file).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from workshop.check.report import switched_off
from workshop.cli import Parser, safe_streams
from workshop.model import identity
from workshop.model.config import ConfigError
from workshop.model.messages import printable
from workshop.model.project import config_file, project_root
from workshop.model.site import load_site
from workshop.outputs import guard
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
    safe_streams()
    args = parser.parse_args(argv)
    if args.template is not None and not args.template.is_file():
        parser.error(f"--template: no such file: {printable(args.template)}")
    started = time.perf_counter()
    try:
        config_path = config_file(args.config)
        site = load_site(config_path)
        out = guard.check(args.out or project_root(config_path) / "build" / "slides", command="make slides", folder=True)
        for warning in identity.warning(site.config.workshop, site.bibliography, site.config.path):
            print(warning, file=sys.stderr)
        with guard.exclusive(out, "make slides"):
            result = build_decks(site, out, template=args.template, per_page=args.pages)
    except (ConfigError, guard.OutputRefused) as error:
        print(f"make_slides: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"make_slides: {printable(error.filename or '')}: not written: {error.strerror or error}", file=sys.stderr)
        return 2
    for problem in result.errors.sorted() + result.problems.sorted():
        print(f"{problem.text()}\n  hint: {problem.hint}", file=sys.stderr)
    if result.errors or not result.decks:
        print("make_slides: no deck written", file=sys.stderr)
        return guard.EXIT_STATUS if any(p.code == "output-protected" for p in result.errors.sorted()) else 1
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
        print(f"{guard.shown(deck.path)}: {deck.slides} slides, {deck.pictures} figures{words}, {size:.0f} KiB")
    if switched_off(site):
        print(switched_off(site))
    print(f"{len(result.decks)} deck(s) from the {design} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
