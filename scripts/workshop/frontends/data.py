"""Turn the workshop's data into files for the report: the outline of steps, the evaluation.

Usage:
  python scripts/workshop_data.py outline POST-ITS.csv [--output FILE.md]      (make outline CSV=...)
  python scripts/workshop_data.py evaluation RATINGS.csv [--output FILE.md]    (make evaluation CSV=...)

The outline and the summary are written as Markdown, with their chart as SVG beside them, to
build/<name of the CSV>-outline.md or build/<name of the CSV>-evaluation.md in the project
(the folder of mkdocs.yml: --config, or found from the working folder upwards) unless --output
says otherwise. The input and any file a person wrote or changed are never replaced.
Exit status: 0 written, 1 problems in the data, 2 unusable arguments or configuration, or the
output refused (nothing written).
"""

from __future__ import annotations

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
    safe_streams()
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(make_arguments(argv, {"CSV": None, "OUT": "--output"}))
    if not args.csv.strip():
        print(f"{PROG}: no CSV file given; for example: {COMMANDS[args.command][1]}", file=sys.stderr)
        return 2
    csv_path = Path(args.csv).expanduser()
    try:
        config_path = config_file(args.config)
        root = project_root(config_path)
        config = load_config(config_path)
        if args.command == "outline":
            postits = read_postits(csv_path, config)
            written = outputs.write_outline(postits, csv_path, args.output, root=root)
            summary = f"outline of {len(postits.notes)} post-its from {len(postits.groups)} groups"
        else:
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


if __name__ == "__main__":
    sys.exit(main())
