#!/usr/bin/env python3
"""Remove outputs and execution counts from the site's notebooks, and nothing else.

The same as `workshop strip`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.strip import main

if __name__ == "__main__":
    sys.exit(main())
