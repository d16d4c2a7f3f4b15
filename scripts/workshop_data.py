#!/usr/bin/env python3
"""Turn the workshop's data into files for the report: the outline of steps, the evaluation.

The same as `workshop outline|evaluation`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.data import main

if __name__ == "__main__":
    sys.exit(main())
