"""`workshop system [--browser]`: install the system packages the engine's checks need, where allowed.

Runs the shell script shipped with the engine (system/ensure_system_packages.sh): as root, or with
sudo where sudo needs no password (a GitHub-hosted runner), it installs what is missing with apt-get;
otherwise it exits 1 and says exactly what to install.
"""

from __future__ import annotations

import subprocess
import sys

from workshop.cli import Parser
from workshop.model.engine_files import engine_file


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="workshop system", description=__doc__.split("\n\n")[0])
    parser.add_argument("--browser", action="store_true", help="only what printing handouts needs (Chromium, fonts)")
    args = parser.parse_args(argv)
    script = engine_file("system", "ensure_system_packages.sh")
    return subprocess.run(["bash", str(script), *(["--browser"] if args.browser else [])]).returncode


if __name__ == "__main__":
    sys.exit(main())
