"""Write the offline pack: the whole workshop site in a zip that works from file://.

Usage: python scripts/make_offline.py [--config mkdocs.yml] [--output build/workshop-site-offline.zip] [--no-strict]
Unzip it anywhere and open workshop-site-offline/index.html: navigation, search, notebooks
and handouts work with no network. The project is the folder of mkdocs.yml (--config, or found
from the working folder upwards). A zip this command did not write, or one changed since, is
never replaced. Exit status: 0 written, 1 the site could not be built, 2 unusable configuration
or output (nothing written).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from workshop.cli import Parser, safe_streams
from workshop.model.config import ConfigError
from workshop.model.messages import printable
from workshop.model.project import config_file, project_root
from workshop.outputs.guard import OutputRefused, shown
from workshop.outputs.offline import DEFAULT_OUTPUT, OfflineError, make_pack
from workshop.qa.builder import BuildError


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="make_offline", description=__doc__.split("\n")[1])
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    parser.add_argument("--output", type=Path, help=f"where to write the zip (default: {DEFAULT_OUTPUT})")
    parser.add_argument("--no-strict", action="store_true",
                        help="write the pack even if the build reports problems (for drafts)")
    safe_streams()
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        config_path = config_file(args.config)
        root = project_root(config_path)
        output = args.output if args.output is not None else root / DEFAULT_OUTPUT
        size, written = make_pack(config_path, output, strict=not args.no_strict)
    except (ConfigError, OutputRefused) as error:
        print(f"make_offline: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"make_offline: {printable(error.filename or '')}: not written: {error.strerror or error}", file=sys.stderr)
        return 2
    except (BuildError, OfflineError) as error:
        print(f"make_offline: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {shown(written, root)} ({size / 1_048_576:.1f} MB) in {time.monotonic() - started:.0f} s. "
          "Unzip it and open workshop-site-offline/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
