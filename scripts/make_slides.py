#!/usr/bin/env python3
"""Write the session deck (build/slides/workshop.pptx) from the agenda, the slide texts and the rules.

The same as `workshop slides`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.slides import main

if __name__ == "__main__":
    sys.exit(main())
