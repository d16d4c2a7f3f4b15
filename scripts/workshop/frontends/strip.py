"""Remove outputs and execution counts from the site's notebooks, and nothing else.

Usage: python scripts/strip_notebooks.py [--check] [NOTEBOOK.ipynb ...]   (make strip-notebooks)
With no paths, every notebook of the site (docs/ and exercises/). The build runs each notebook
afresh, so outputs in the repository only make diffs noisy and can leak a facilitator's data.
--check changes nothing and lists the notebooks that carry outputs.
The project is the folder of mkdocs.yml (--config, or found from the working folder upwards);
its notebooks are found as the checker finds them (a link out of the project is not followed),
and a notebook named that is a link is not written through. Each notebook is replaced whole
(written beside it, then renamed), so an interrupted run never leaves half a notebook.
Exit status: 0 done (or, with --check, none carry outputs), 1 outputs found with --check or a
notebook unreadable, 2 unusable arguments or configuration, or a notebook that cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop.cli import Parser, safe_streams
from workshop.model.config import ConfigError, load_config
from workshop.model.messages import printable
from workshop.model.problems import Problems
from workshop.model.project import config_file
from workshop.model.site import discover
from workshop.model.text import read_text
from workshop.outputs import guard
from workshop.web.notebooks import strip_outputs

PROG = "strip_notebooks"



def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog=PROG, description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; list notebooks that carry outputs")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: every notebook of the site)")
    safe_streams()
    args = parser.parse_args(argv)
    try:
        config = load_config(config_file(args.config))
    except ConfigError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    paths = args.paths or [p for p in discover(config) if p.suffix == ".ipynb"]
    problems, carrying, refused = Problems(), 0, 0
    for path in paths:
        rel = _relative(path, config.root)
        text = read_text(path, rel, problems)
        if text is None:
            continue
        try:
            stripped, cells = strip_outputs(text)
        except ValueError as error:
            problems.add("notebook-invalid", rel, getattr(error, "lineno", 1), reason=getattr(error, "msg", str(error)))
            continue
        if not cells:
            continue
        carrying += 1
        if args.check:
            print(f"{printable(rel)}: {cells} cell(s) carry outputs")
            continue
        try:
            target = guard.check(path, command="make strip-notebooks", suffixes=(".ipynb",), owner=lambda _: None)
            guard.write_whole(target, stripped)
        except guard.OutputRefused as error:
            print(f"{PROG}: {error}", file=sys.stderr)
            refused += 1
            continue
        except OSError as error:
            print(f"{PROG}: {printable(rel)}: not written: {error.strerror or error}", file=sys.stderr)
            refused += 1
            continue
        print(f"{printable(rel)}: removed the outputs of {cells} cell(s)")
    for problem in problems.sorted():
        print(f"{problem.text()}\n  hint: {problem.hint}", file=sys.stderr)
    if not carrying and not problems:
        print(f"{len(paths)} notebook(s), none with outputs.")
    if refused:
        return guard.EXIT_STATUS
    return 1 if problems or (args.check and carrying) else 0


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
