"""Running 'mkdocs build' from the scripts, with the project's environment.

The command-line front ends (link check, offline pack, audit) build the site the same
way CI does, so what they report is what readers get.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class BuildError(Exception):
    """The build failed; the message holds MkDocs' own report."""


def build_site(config: Path, site_dir: Path, strict: bool = True, env: dict[str, str] | None = None) -> None:
    # --quiet would hide the warnings --strict counts (MkDocs drops them below ERROR), so a
    # strict build speaks; a draft build stays quiet.
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config),
               "--site-dir", str(site_dir)] + (["--strict"] if strict else ["--quiet"])
    result = subprocess.run(command, capture_output=True, text=True, cwd=config.parent,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    if result.returncode != 0:
        raise BuildError(f"mkdocs build failed for {config}:\n{(result.stdout + result.stderr).strip()}")
