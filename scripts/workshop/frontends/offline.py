"""Write the offline pack: the whole workshop site in a zip that works from file://.

Usage: python scripts/make_offline.py [--output build/workshop-site-offline.zip] [--no-strict]
Unzip it anywhere and open workshop-site-offline/index.html: navigation, search, notebooks
and handouts work with no network. Exit status: 0 written, 1 the site could not be built.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from workshop.qa.builder import BuildError
from workshop.outputs.offline import OfflineError, make_pack
from workshop.cli import Parser

ROOT = Path(__file__).resolve().parents[3]


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="make_offline", description=__doc__.split("\n")[1])
    parser.add_argument("--output", type=Path, default=ROOT / "build" / "workshop-site-offline.zip",
                        help="where to write the zip (default: build/workshop-site-offline.zip)")
    parser.add_argument("--no-strict", action="store_true",
                        help="write the pack even if the build reports problems (for drafts)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        size = make_pack(ROOT / "mkdocs.yml", args.output, strict=not args.no_strict)
    except (BuildError, OfflineError) as error:
        print(f"make_offline: {error}", file=sys.stderr)
        return 1
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"Wrote {shown} ({size / 1_048_576:.1f} MB) in {time.monotonic() - started:.0f} s. "
          "Unzip it and open workshop-site-offline/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
