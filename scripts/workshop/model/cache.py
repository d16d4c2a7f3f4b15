"""A small cache on disk (.cache/workshop/), so that a rebuild pays only for what changed.

The checker parses every page and measures the reading ease of every summary on every build;
both depend only on the text, so their results are kept under a hash of it. A missing,
unreadable or damaged cache is simply rebuilt: the cache can never make a build fail.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable

VERSION = b"workshop-cache-1"
FOLDER = Path(".cache") / "workshop"


def key(*parts: object) -> str:
    digest = hashlib.sha256(VERSION)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


class DiskCache:
    """One pickle file a value, named by the hash of what it was computed from.

    Every edit leaves a new entry behind, so a folder keeps its `limit` most recent ones: a day
    of make serve does not fill the disk.
    """

    def __init__(self, root: Path, name: str, limit: int = 2000) -> None:
        self.folder = root / FOLDER / name
        self.limit = limit
        self._entries: int | None = None   # at most this many entries since the folder was last read

    def get(self, digest: str, compute: Callable[[], Any]) -> Any:
        value = self.load(digest)
        if value is None:
            value = compute()
            self.store(digest, value)
        return value

    def load(self, digest: str) -> Any:
        """The value kept under digest, or None when there is none (or it cannot be read)."""
        try:
            with open(self.folder / f"{digest}.pickle", "rb") as handle:
                return pickle.load(handle)
        except Exception:  # absent, unreadable or damaged: compute it again
            return None

    def store(self, digest: str, value: Any) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / f"{digest}.pickle")
            self._prune()
        except OSError:
            pass  # a read-only folder: no cache, same result

    def _prune(self) -> None:
        """The folder is read only when it may hold more than the limit, so that storing a value
        for each of a thousand pages does not read it a thousand times."""
        if self._entries is not None and self._entries < self.limit:
            self._entries += 1   # an upper bound: a value stored again under its own name counts twice
            return
        entries = list(os.scandir(self.folder))
        if len(entries) > self.limit:
            entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
            for entry in entries[:len(entries) - self.limit]:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
        self._entries = min(len(entries), self.limit)


_SKIPPED_DIRS = {"site", "build", "node_modules", "__pycache__", "venv", "tests"}


def tree_digest(root: Path, *extra: object, skip: Callable[[str], bool] | None = None) -> str:
    """A fingerprint of every file a build could read under root: path, size and change time.

    What the project writes (site/, build/, hidden folders such as .cache and .git) and its tests
    are left out, and any file whose path skip() accepts. Any edit, addition or removal elsewhere,
    the package's code included, changes it.
    """
    digest = hashlib.sha256(VERSION)
    for part in extra:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    if not entry.name.startswith(".") and entry.name not in _SKIPPED_DIRS and not entry.is_symlink():
                        stack.append(Path(entry.path))
                    elif entry.is_symlink():
                        digest.update(f"{entry.path}\0link\0{os.readlink(entry.path)}\0".encode("utf-8", "surrogatepass"))
                    continue
                if skip is not None and skip(entry.path):
                    continue
                info = entry.stat()
            except OSError:
                continue
            digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
