#!/usr/bin/env python3
"""Check that every page of the workshop site matches one of its learning objectives.

The same as `workshop check`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.check import main

if __name__ == "__main__":
    sys.exit(main())
