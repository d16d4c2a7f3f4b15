"""What every command-line front end shares: bad arguments exit with status 2 and a usage line."""

from __future__ import annotations

import argparse
import sys


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors name the command and never show a traceback."""

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        sys.exit(2)
