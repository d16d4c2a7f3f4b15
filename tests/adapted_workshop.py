"""A workshop that is not this repository's, for the engine's tests: the starter (`workshop new`)
adapted by a trainer, with the files of tests/adapted-workshop/ in place of its content.

It differs from this repository's workshop in every way a fork may: other objective ids (P1 to P3)
and statements, another topic, agenda and length (75 minutes, with a break), three scenario cards and
four role cards in its handouts, no notebooks, US English, a deep purple palette (Material's teal, at
3.8:1 under white, fails axe's contrast rule in the header), one group joining online and a rule
switched off (a figure in every presentation block). tests/test_adapted_workshop.py runs every site
test on it; the deck's, the facilitator view's and the room's engine tests edit copies of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from workshop.outputs.starter import write_starter

FILES = Path(__file__).resolve().parent / "adapted-workshop"
TITLE = "Partnering with communities in health research: a 75-minute workshop"
CONTENT = ("docs", "exercises", "data", "mkdocs.yml")


def write_adapted(folder: Path) -> Path:
    """Write the adapted workshop into folder (new or empty); return its mkdocs.yml."""
    write_starter(folder, TITLE, engine="workshop-site")
    for name in CONTENT:
        path = folder / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(FILES, folder, dirs_exist_ok=True)
    return folder / "mkdocs.yml"


def check(config: Path) -> tuple[int, str]:
    """What `workshop check --config CONFIG` returns and prints, run in this process (no Python to start)."""
    import contextlib
    import io

    from workshop.frontends.check import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["--config", str(config)])
    return code, out.getvalue()
