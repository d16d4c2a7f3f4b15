#!/usr/bin/env python3
"""Write the offline pack: the whole workshop site in a zip that works from file://.

The same as `workshop offline`; kept here as the documented entry point.
"""

import sys

from workshop.frontends.offline import main

if __name__ == "__main__":
    sys.exit(main())
