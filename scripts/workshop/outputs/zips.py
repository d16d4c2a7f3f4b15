"""Opening a zip someone else made (a slide template, a deck in the output folder) within limits.

A .pptx or .potx is a zip. One of 1.6 MB can declare a picture of 1.5 GB, which python-pptx
would inflate into memory whole. Before such a file is opened, every part's declared size and
the total are checked against limits far above any real template (a picture of 100 MB, a whole
deck of 300 MB), and each part is then read through once, counting what it really inflates to,
so a part whose header understates its size is caught too. Python's zipfile never returns more
of a part than its header declares, so what passes here is what python-pptx will read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_PART = 100_000_000      # bytes one part may inflate to
MAX_TOTAL = 300_000_000     # bytes all parts together
MAX_PARTS = 10_000
CHUNK = 1 << 20


class ZipTooLarge(ValueError):
    """The zip is over a limit; the message says which part and by how much."""


def check(path: Path | str, max_part: int = MAX_PART, max_total: int = MAX_TOTAL) -> None:
    """Raise ZipTooLarge (or zipfile.BadZipFile) when the zip is over a limit or damaged."""
    with zipfile.ZipFile(path) as pack:
        items = pack.infolist()
        if len(items) > MAX_PARTS:
            raise ZipTooLarge(f"it holds {len(items):,} parts; at most {MAX_PARTS:,} are read")
        total = 0
        for item in items:
            if item.file_size > max_part:
                raise ZipTooLarge(f"its part {item.filename} would inflate to {item.file_size:,} bytes; "
                                  f"a part may hold at most {max_part:,}")
            total += item.file_size
            if total > max_total:
                raise ZipTooLarge(f"its parts would inflate to more than {max_total:,} bytes in all")
        for item in items:
            read = 0
            with pack.open(item) as stream:
                while chunk := stream.read(CHUNK):
                    read += len(chunk)
                    if read > max_part:
                        raise ZipTooLarge(f"its part {item.filename} inflates to more than {max_part:,} bytes")
