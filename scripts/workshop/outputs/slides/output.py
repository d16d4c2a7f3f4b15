"""Saving decks into build/slides/ without ever replacing a deck a trainer has edited.

Each deck records, in its document properties, a checksum of everything else in the file.
A deck is replaced only while that checksum still matches, so a trainer who opened the
generated deck in PowerPoint, changed it and saved it keeps their work.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from workshop.model.files import read_bytes
from workshop.outputs import guard, zips

CORE = "docProps/core.xml"
MAX_DECK_BYTES = 500_000_000
MARK = "workshop-slides:"
_MARK = re.compile(re.escape(MARK) + r"([0-9a-f]{16})")


def _checksum(data: bytes) -> str:
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        for name in sorted(deck.namelist()):
            if name != CORE:
                digest.update(name.encode("utf-8") + b"\0" + deck.read(name))
    return digest.hexdigest()[:16]


def refusal(path: Path) -> str | None:
    """Why the deck at path must not be replaced; None when it is absent or our own, unchanged."""
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file():
        return "it exists and is not a file"
    try:
        zips.check(path)   # a planted deck whose parts would inflate past the limits is not read
        data = read_bytes(path, MAX_DECK_BYTES)
        with zipfile.ZipFile(io.BytesIO(data)) as deck:
            core = deck.read(CORE).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, EOFError):
        return "it exists and was not written by make slides"
    match = _MARK.search(core)
    if not match:
        return "it exists and was not written by make slides"
    if match.group(1) != _checksum(data):
        return "it was changed after make slides wrote it"
    return None


def save(prs, path: Path) -> None:
    """Save with the checksum mark, atomically, so a half-written deck never replaces a whole one."""
    first = io.BytesIO()
    prs.save(first)
    prs.core_properties.identifier = MARK + _checksum(first.getvalue())
    final = io.BytesIO()
    prs.save(final)
    guard.write_whole(path, final.getvalue())
