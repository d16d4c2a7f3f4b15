"""`workshop new FOLDER`: write a minimal workshop that builds and passes its checks as it stands."""

from __future__ import annotations

import sys
from pathlib import Path

from workshop.cli import Parser
from workshop.outputs.starter import StarterError, write_starter


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="workshop new", description=__doc__)
    parser.add_argument("folder", help="a new (or empty) folder for the workshop")
    parser.add_argument("--title", default="A one-hour workshop on participation in research",
                        help="the workshop's title (site_name in mkdocs.yml)")
    parser.add_argument("--engine", help="the requirement that installs the engine (default: where this one came from)")
    args = parser.parse_args(argv)
    try:
        written = write_starter(Path(args.folder), args.title, args.engine)
    except StarterError as error:
        print(f"workshop new: {error}", file=sys.stderr)
        return 2
    print(f"Wrote a new workshop in {written.folder} ({len(written.files)} files), with the engine {written.engine}.")
    print(f"Next: cd {written.folder} && make serve   (and make test)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
