"""Check that every page of the workshop site matches one of its learning objectives.

Usage: python scripts/check_objectives.py [--format text|github|json|csv|markdown] [PATH ...]
Exit status: 0 clean, 1 problems found, 2 configuration or arguments unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop.check.checks import run_checks
from workshop.check.report import FORMATS
from workshop.cli import Parser, safe_streams
from workshop.model.config import ConfigError
from workshop.model.messages import printable
from workshop.model.project import config_file
from workshop.model.site import load_site


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="check_objectives", description=__doc__.split("\n")[1])
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="text lists problems; github prints them as GitHub annotations; json, csv and markdown give the alignment matrix")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    parser.add_argument("paths", nargs="*", type=Path, help="pages or folders to check (default: the whole site)")
    safe_streams()
    args = parser.parse_args(argv)
    try:
        config_path = config_file(args.config, Path.cwd() if not args.paths else args.paths[0].absolute().parent)
        missing = [printable(p) for p in args.paths if not p.exists()]
        if missing:
            raise ConfigError(f"no such file or folder: {', '.join(missing)}")
        site = run_checks(load_site(config_path, [p.resolve() for p in args.paths] or None))
    except ConfigError as error:
        print(f"check_objectives: {error}", file=sys.stderr)
        return 2
    output = FORMATS[args.format](site)
    (sys.stdout if args.format != "text" or not site.problems else sys.stdout).write(output)
    return 1 if site.problems else 0


if __name__ == "__main__":
    sys.exit(main())
