#!/usr/bin/env python3
"""Check the links of the built workshop site: internal links and anchors, and https.

The same as `workshop links`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.links import main

if __name__ == "__main__":
    sys.exit(main())
