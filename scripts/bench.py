#!/usr/bin/env python3
"""Benchmark: time the checker and the build hook on synthetic sites of growing size.

The same as `workshop bench`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.bench import main

if __name__ == "__main__":
    sys.exit(main())
