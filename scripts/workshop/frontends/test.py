"""`workshop test`: run the engine's tests of a workshop (workshop.sitetests) on the workshop here.

They check what must hold for any workshop: it builds strictly and passes the checker, every handout
prints within its budget, every page passes the accessibility and HTML checks in a real browser, the
slides and the offline copy are whole. Extra arguments go to pytest (e.g. -k handouts, -x).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from workshop.cli import Parser
from workshop.model.config import ConfigError, find_config


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="workshop test", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", "--config", dest="config_file",
                        help="the workshop's mkdocs.yml (default: found from here)")
    parser.add_argument("-n", "--workers", default="auto", help="parallel workers (default: auto; 0 for none)")
    args, rest = parser.parse_known_args(argv)
    try:
        config = Path(args.config_file).resolve() if args.config_file else find_config(Path.cwd()).resolve()
    except ConfigError as error:
        print(f"workshop test: {error}", file=sys.stderr)
        return 2
    if not config.is_file():
        print(f"workshop test: {config} is not a file", file=sys.stderr)
        return 2
    import pytest

    os.environ["WORKSHOP_CONFIG"] = str(config)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    options = ["--pyargs", "workshop.sitetests", "-p", "no:cacheprovider", "--rootdir", str(config.parent), "-ra"]
    if importlib.util.find_spec("xdist") and args.workers not in ("0", "1"):
        options += ["-n", args.workers, "--dist", "loadscope"]
    os.chdir(config.parent)
    return int(pytest.main(options + rest))


if __name__ == "__main__":
    sys.exit(main())
