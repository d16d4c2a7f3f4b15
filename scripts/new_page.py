#!/usr/bin/env python3
"""Create a page of a chosen kind from its template, with front matter, and add it to the nav.

The same as `workshop page`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.page import main

if __name__ == "__main__":
    sys.exit(main())
