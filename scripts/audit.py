#!/usr/bin/env python3
"""Measure one page of each kind with Lighthouse (mobile) and record the figures.

The same as `workshop audit`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.audit import main

if __name__ == "__main__":
    sys.exit(main())
