#!/usr/bin/env python3
"""Print every handout of the workshop site to PDF, on A4 and US Letter, and a pack of them all.

The same as `workshop handouts`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.handouts import main

if __name__ == "__main__":
    sys.exit(main())
