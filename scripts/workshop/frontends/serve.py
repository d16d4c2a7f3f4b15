"""`workshop serve`: MkDocs' live-reloading server, with its messages made readable for a trainer.

MkDocs itself reads mkdocs.yml before any plugin runs, so a file saved half-edited (a bracket not yet
closed) makes the server print a Python traceback, though it recovers once the file is whole again.
This front end runs `mkdocs serve` unchanged as a child process and passes its output through, except
that a traceback is replaced by one line naming the file and line, with a hint, as the checker reports
problems. Nothing else changes: the server, its port and its reloading are MkDocs' own.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from workshop.cli import Parser
from workshop.model.config import ConfigError, find_config

YAML_PLACE = re.compile(r'in "(?P<file>[^"]+)", line (?P<line>\d+), column (?P<column>\d+)')
LOG_LEVELS = ("INFO", "WARNING", "ERROR", "DEBUG", "CRITICAL")
HINT = ("    hint: Correct the file and save it again; the server rebuilds the site as soon as it can read "
        "the file (quote values that contain a colon, close every bracket).")


class Tracebacks:
    """Turns the lines of a child's output into what a trainer should read: every Python traceback
    becomes one message; every other line passes unchanged."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.held: list[str] | None = None

    def feed(self, line: str) -> list[str]:
        """A traceback is held from its first line until MkDocs' next log line (INFO, WARNING, ERROR),
        which MkDocs prints after every failed rebuild; then it is summarised."""
        if self.held is None:
            if line.startswith("Traceback (most recent call last):"):
                self.held = [line]
                return []
            return [line]
        if line.startswith(LOG_LEVELS):
            return self.flush() + [line]
        self.held.append(line)
        return []

    def flush(self) -> list[str]:
        held, self.held = self.held or [], None
        text = "".join(held)
        places = list(YAML_PLACE.finditer(text))
        if places:
            place = places[-1]
            path = Path(place["file"])
            try:
                shown = path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                shown = str(path)
            problem = _last_problem(text)
            return [f"ERROR   -  {shown}:{place['line']}: the file cannot be read as YAML: {problem}\n", HINT + "\n"]
        final = [line for line in held if line.strip() and not line.startswith((" ", "\t", "Traceback", "During",
                                                                                 "The above"))]
        said = final[-1].strip() if final else "the build stopped"
        return [f"ERROR   -  the build stopped: {said}\n",
                "    hint: Run `mkdocs serve` directly to see the full traceback, and report it if it is not your file.\n"]


def _last_problem(text: str) -> str:
    """The YAML parser's own words for the fault ("expected ',' or ']', but got ..."), on one line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found = [line for line in lines if line.startswith(("expected", "found", "mapping values", "could not find"))]
    return (found[-1] if found else "it is not valid YAML").replace("<stream end>", "the end of the file")


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="workshop serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", help="the workshop's mkdocs.yml (default: found from here)")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="the address to serve on")
    args, rest = parser.parse_known_args(argv)
    try:
        config = Path(args.config_file) if args.config_file else find_config(Path.cwd())
    except ConfigError as error:
        print(f"workshop serve: {error}", file=sys.stderr)
        return 2
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", args.dev_addr, *rest]
    child = subprocess.Popen(command, stdout=sys.stdout, stderr=subprocess.PIPE, text=True, errors="replace",
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"})
    filtering = Tracebacks(config.parent)
    try:
        for line in child.stderr:
            for shown in filtering.feed(line):
                sys.stderr.write(shown)
                sys.stderr.flush()
        for shown in filtering.flush() if filtering.held else []:
            sys.stderr.write(shown)
        return child.wait()
    except KeyboardInterrupt:
        child.send_signal(signal.SIGINT)
        try:
            return child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            return 130


if __name__ == "__main__":
    sys.exit(main())
