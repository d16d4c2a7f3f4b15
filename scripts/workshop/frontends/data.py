"""Turn the workshop's data into files for the report: the outline of steps, the evaluation.

Usage:
  python scripts/workshop_data.py outline POST-ITS.csv [--worksheets WORKSHEETS.csv]
        [--tension-colour pink] [--date 2026-03-12] [--reply-by 2026-03-26] [--reply-to TEXT]
        [--credits NAMES.txt] [--similarity 60] [--paper a4|letter] [--no-pdf] [--output FILE.md]
                                                                               (make outline CSV=...)
  python scripts/workshop_data.py evaluation RATINGS.csv [--output FILE.md]    (make evaluation CSV=...)

The outline is a draft for participants ("Draft for your comments"): the post-its merged into
steps, the shared steps first, the worksheets (Handout 4) merged in, the tensions apart, with its
date, a reply-by date (two weeks on, unless set) and a credit line for those who agreed to be
named (--credits: a text file, one name a line). It is written as Markdown with its chart (SVG)
and printed to PDF by headless Chromium, to build/<name of the CSV>-outline.md/.svg/.pdf in the
project (the folder of mkdocs.yml: --config, or found from the working folder upwards) unless
--output says otherwise; --no-pdf writes the Markdown and chart alone. The summary of the
self-assessment is written to build/<name of the CSV>-evaluation.md with its chart. The inputs
and any file a person wrote or changed are never replaced.
Exit status: 0 written, 1 problems in the data or the printing failed, 2 unusable arguments or
configuration, or the output refused (nothing written).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from workshop.cli import Parser, make_arguments, safe_streams
from workshop.model.config import ConfigError, load_config
from workshop.model.messages import printable
from workshop.model.project import config_file, project_root
from workshop.outputs import writing as outputs
from workshop.outputs.exercise_data import DataError, read_postits, read_ratings

PROG = "workshop_data"
COMMANDS = {
    "outline": ("the post-its CSV (columns group, stage, text)", "make outline CSV=path/to/post-its.csv"),
    "evaluation": ("the self-assessment CSV (participant, LO1_before, LO1_after, ...)",
                   "make evaluation CSV=path/to/ratings.csv"),
}



def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog=PROG, description=__doc__.split("\n")[1])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name, (what, example) in COMMANDS.items():
        command = commands.add_parser(name, help=f"read {what}", description=f"Read {what}. Example: {example}")
        command.add_argument("csv", nargs="?", default="", help=what)
        command.add_argument("--output", "-o", type=Path,
                             help="the Markdown file to write (default: build/<name of the CSV>-%s.md)" % name)
        command.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
        command.add_argument("--from-make", action="store_true", help="read CSV and OUT from make")
        if name == "outline":
            _outline_options(command)
    safe_streams()
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(make_arguments(argv, {"CSV": None, "OUT": "--output", "WORKSHEETS": "--worksheets",
                                                   "REPLY_BY": "--reply-by", "CREDITS": "--credits",
                                                   "TENSION_COLOUR": "--tension-colour"}))
    if not args.csv.strip():
        print(f"{PROG}: no CSV file given; for example: {COMMANDS[args.command][1]}", file=sys.stderr)
        return 2
    csv_path = Path(args.csv).expanduser()
    try:
        config_path = config_file(args.config)
        root = project_root(config_path)
        config = load_config(config_path)
        if args.command == "outline":
            return _outline(args, csv_path, config, root)
        ratings = read_ratings(csv_path, config)
        written = outputs.write_evaluation(ratings, csv_path, args.output, root=root)
        summary = f"summary of {len(ratings.participants)} participants' ratings"
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except outputs.OutputRefused as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except ConfigError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except OSError as error:   # the disk filled, or the place changed after it was checked
        print(f"{PROG}: {printable(error.filename or '')}: not written: {error.strerror or error}", file=sys.stderr)
        return 2
    print(f"Wrote {outputs.shown(written[0], root)} ({summary}) and its chart {outputs.shown(written[1], root)}.")
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form 2026-03-12: {text!r}") from None


_date.__name__ = "date"


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 100: {text!r}")
    return value


_percent.__name__ = "percentage"


def _outline_options(command: argparse.ArgumentParser) -> None:
    from workshop.outputs.similarity import DEFAULT_THRESHOLD

    command.add_argument("--worksheets", type=Path, help="the steps-outline worksheets (Handout 4) typed up: "
                         "columns group, order, step and optionally who, needs, key, scenario, stage")
    command.add_argument("--tension-colour", action="append", default=[], metavar="COLOUR",
                         help="post-its of this colour (in the 'colour' column) are tensions, not steps; "
                              "may be given more than once (a 'kind' cell, step or tension, wins)")
    command.add_argument("--date", type=_date, help="the date of the draft (default: today), as 2026-03-12")
    command.add_argument("--reply-by", type=_date, help="the date to reply by (default: two weeks after --date)")
    command.add_argument("--reply-to", default="", help="who to reply to, as the draft should say it")
    command.add_argument("--credits", type=Path, help="a text file of the participants who agreed to be "
                         "named, one a line (lines starting with # are left out)")
    command.add_argument("--similarity", type=_percent, default=DEFAULT_THRESHOLD,
                         help=f"how alike two notes must be to be merged, in per cent (default {DEFAULT_THRESHOLD:g})")
    command.add_argument("--paper", choices=["a4", "letter"], default="a4", help="paper for the PDF (default a4)")
    command.add_argument("--no-pdf", action="store_true", help="write the Markdown and the chart, not the PDF")


def _credits(path: Path | None) -> tuple[str, ...]:
    if path is None:
        return ()
    text = Path(path).expanduser().read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def _outline(args: argparse.Namespace, csv_path: Path, config, root: Path) -> int:
    """make outline: read, merge, draft, print and write; every problem reported, nothing half-written."""
    from workshop.outputs import outline, outline_files, outline_print
    from workshop.outputs.charts import postits_chart
    from workshop.outputs.worksheet_data import read_worksheets

    if args.reply_by and args.date and args.reply_by < args.date:
        print(f"{PROG}: --reply-by ({args.reply_by}) is before the date of the draft ({args.date})", file=sys.stderr)
        return 2
    try:
        names = _credits(args.credits)
    except (OSError, UnicodeDecodeError) as error:
        print(f"{PROG}: --credits: cannot read {printable(args.credits)}: {getattr(error, 'strerror', None) or error}",
              file=sys.stderr)
        return 2
    problems: list = []
    postits = worksheets = None
    try:
        postits = read_postits(csv_path, config, tension_colours=args.tension_colour)
    except DataError as error:
        problems += error.problems
    if args.worksheets is not None:
        try:
            worksheets = read_worksheets(Path(args.worksheets).expanduser(), config)
        except DataError as error:
            problems += error.problems
    if problems:
        print(DataError(problems).report(), file=sys.stderr)
        return 1
    merged = outline.synthesise(postits, worksheets, args.similarity)
    settings = outline.DraftSettings.on(args.date, args.reply_by, reply_to=args.reply_to, credits=names,
                                        event=str(config.workshop.get("event") or ""))
    body = outline.draft_markdown(merged, settings)
    inputs = [Path(args.worksheets).expanduser()] if args.worksheets else []
    outline_files.check(csv_path, args.output, inputs, pdf=not args.no_pdf, root=root)
    pdf = None
    if not args.no_pdf:
        try:
            pdf = outline_print.print_draft(outline_print.draft_html(body, "Draft for your comments",
                                                                     _language(config)), args.paper)
        except Exception as error:  # noqa: BLE001: the browser's own errors, said in a line
            from workshop.qa import browser

            reason = str(error) if isinstance(error, (browser.BrowserMissing, browser.BrowserFailed)) \
                else f"the browser failed: {browser.first_line(error)}"
            print(f"{PROG}: the PDF could not be printed: {reason}. Nothing was written; add --no-pdf "
                  "to write the Markdown and the chart alone.", file=sys.stderr)
            return 1
    written = outline_files.write_draft(body, postits_chart(postits), csv_path, args.output, pdf, inputs, root=root)
    shared = len(merged.shared_steps)
    print(f"Wrote {', '.join(outputs.shown(p, root) for p in written)}: {merged.notes} post-its of steps merged into "
          f"{merged.postit_steps} steps{f' ({len(merged.steps)} with the worksheets)' if worksheets else ''}, "
          f"{shared} of them shared by "
          f"{'several scenarios' if merged.by_scenario else 'several groups'}; "
          f"{len(merged.tensions)} tension{'s' if len(merged.tensions) != 1 else ''} kept apart.")
    if postits.colour_note():
        print(f"Note: {printable(postits.colour_note())}")
    return 0


def _language(config) -> str:
    theme = config.raw.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) and language else "en"


if __name__ == "__main__":
    sys.exit(main())
