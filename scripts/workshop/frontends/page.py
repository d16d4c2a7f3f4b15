"""Create a page of a chosen kind from its template, with front matter, and add it to the nav.

Usage: python scripts/new_page.py --kind concept --title "A title" --objectives LO1,LO2 [--section "Learn"]
It never overwrites an existing file, and never writes outside the project (the folder of
mkdocs.yml: --config, or found from the working folder upwards); two runs at once take turns, so
neither's entry in the nav is lost. Exit status: 0 created, 1 refused (kind, title, objectives, a
page of that name exists), 2 unusable configuration or a place that cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop.cli import Parser, make_arguments, safe_streams
from workshop.model.config import ConfigError, load_config
from workshop.model.messages import printable
from workshop.model.project import config_file
from workshop.outputs.guard import OutputRefused
from workshop.outputs.newpage import PageError, create

MAKE_VARIABLES = {"KIND": "--kind", "TITLE": "--title", "OBJECTIVES": "--objectives", "SECTION": "--section"}


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="new_page", description=__doc__.split("\n")[1])
    parser.add_argument("--kind", required=True, help="a kind from extra.kinds in mkdocs.yml")
    parser.add_argument("--title", required=True, help="the page's title")
    parser.add_argument("--objectives", required=True, help="comma-separated objective ids, e.g. LO1,LO3")
    parser.add_argument("--section", help="the nav section to add it to (default: the kind's section)")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    parser.add_argument("--from-make", action="store_true", help="read KIND, TITLE, OBJECTIVES and SECTION from make")
    safe_streams()
    args = parser.parse_args(make_arguments(sys.argv[1:] if argv is None else argv, MAKE_VARIABLES))
    try:
        config = load_config(config_file(args.config))
    except ConfigError as error:
        print(f"new_page: {error}", file=sys.stderr)
        return 2
    objectives = [o.strip() for o in args.objectives.replace(" ", ",").split(",") if o.strip()]
    try:
        new = create(config, args.kind.strip(), args.title, objectives, args.section)
    except PageError as error:
        print(f"new_page: {printable(str(error))}", file=sys.stderr)   # a kind or section as typed stays on its line
        return 1
    except OutputRefused as error:
        print(f"new_page: {error}", file=sys.stderr)
        return 2
    rel = new.path.relative_to(config.root)
    print(f"Created {printable(rel.as_posix())} and added it to the nav under '{printable(new.section)}'.")
    print(f"Next: write the page, then run 'make check' to see whether its text serves {', '.join(objectives)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
