"""Reading a file a trainer names, safely: a regular file, within a size, never a pipe or a device.

Kept apart from text.py (which decodes and parses) so that the cache, the publishing rule and the
outputs can read files the same way without importing the parsers.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 5_000_000   # a page, a data file or mkdocs.yml; real ones are a few tens of kilobytes

_SPECIAL = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
            (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def special_file(mode: int) -> str | None:
    """What a file of this mode is when it is not a regular file ('a named pipe'); None for a file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL if test(mode)), "something other than a file")


class TooLarge(OSError):
    """The file holds more bytes than may be read from it."""


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. A pipe, a device or a folder is
    refused before it is opened (opening a pipe waits for a writer; /dev/zero never ends), and
    so is a file that grows past the limit while it is read. Raises OSError with the reason."""
    info = os.stat(path)
    kind = special_file(info.st_mode)
    if kind:
        raise OSError(0, f"it is {kind}, not a file")
    if info.st_size > limit:
        raise TooLarge(0, f"it holds {info.st_size:,} bytes; a file here may hold at most {limit:,}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    try:
        if special_file(os.fstat(descriptor).st_mode):   # replaced by a pipe since it was looked at
            raise OSError(0, "it is no longer a regular file")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            # Ask for the size it had (reading `limit` bytes would allocate all of them for every
            # small file); a file that has grown since is read on, up to the limit.
            data = stream.read(min(info.st_size, limit) + 1)
            if len(data) > info.st_size:
                data += stream.read(limit + 1 - len(data))

    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise TooLarge(0, f"it holds more than {limit:,} bytes; a file here may hold at most {limit:,}")
    return data
