"""What every command-line front end shares: bad arguments exit with status 2 and a usage line.

Values typed on a make command line (TITLE, CSV, ...) never pass through a shell: the
Makefile hands them over unexpanded in WORKSHOP_* environment variables, and a front end
started with --from-make reads them from there as single arguments, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import sys

FROM_MAKE = "--from-make"
MAKE_PREFIX = "WORKSHOP_"


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors name the command and never show a traceback."""

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        sys.exit(2)


def whole_number(least: int):
    """An argument type: a whole number of at least `least`, else the parser's usual error."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"must be {least} or more: {text!r}")
        return value
    parse.__name__ = "whole number"
    return parse


def make_arguments(argv: list[str], variables: dict[str, str | None],
                   environ: dict[str, str] | None = None) -> list[str]:
    """argv with --from-make replaced by the make variables that were given.

    `variables` maps a make variable (TITLE) to its option (--title), or to None for a
    positional argument. An empty or absent variable is left out, so the parser reports it
    as missing in its usual words.
    """
    if FROM_MAKE not in argv:
        return argv
    environ = os.environ if environ is None else environ
    rest = [a for a in argv if a != FROM_MAKE]
    options: list[str] = []
    positionals: list[str] = []
    for name, option in variables.items():
        value = environ.get(MAKE_PREFIX + name, "")
        if value == "":
            continue
        if option is None:
            positionals.append(value)
        else:
            options.append(f"{option}={value}")  # one token: a value starting with '-' stays a value
    return rest + options + (["--", *positionals] if positionals else [])


def safe_streams() -> None:
    """Whatever the terminal's encoding (PYTHONIOENCODING=ascii, a C locale), a message is
    printed: a character the stream cannot encode is written as an escape (\\u2019), never
    a UnicodeEncodeError. A front end calls this first."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):   # a closed or detached stream: nothing to print to
                pass
