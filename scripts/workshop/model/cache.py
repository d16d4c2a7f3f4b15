"""A small cache on disk (.cache/workshop/), so that a rebuild pays only for what changed.

The checker parses every page and measures the reading ease of every summary on every build;
both depend only on the text, so their results are kept under a hash of it.

The cache is data, never code. Each entry is a JSON file: a header line (the format, its
version, the cache's name and an HMAC-SHA256 of the rest) and the value as JSON. The HMAC's key
is made on this machine (secrets.token_bytes) and kept outside the project, in the user's cache
folder (platformdirs), so an entry planted in the project, committed by a fork or copied from
another machine is never trusted: it fails the check and is computed again. So is an entry that
is damaged, of another version, or whose value is not of the shape its reader expects (decode()
raises). A missing, unreadable or damaged cache is simply rebuilt: the cache can never make a
build fail, and when no key can be kept anywhere there is simply no cache.

The workshop plugin's options `cache` and `cache_dir` (mkdocs.yml) switch the cache off or move
it; configure() records them for a project, and every reader and writer here follows them.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable

VERSION = b"workshop-cache-2"
FORMAT = "workshop-cache"
FORMAT_VERSION = 2
FOLDER = Path(".cache") / "workshop"
KEY_FILE = "cache-key"
KEY_BYTES = 32
MAX_ENTRY_BYTES = 64_000_000
_ENTRY = re.compile(r"[0-9a-f]{64}\.(json|pickle|tmp)|tmp\w+\.tmp")   # names this cache writes (pickle: version 1)


def key(*parts: object) -> str:
    digest = hashlib.sha256(VERSION)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _same(value: Any) -> Any:
    return value


# ---------------------------------------------------------------- the plugin's options

@dataclass(frozen=True)
class Setting:
    enabled: bool = True
    folder: Path = FOLDER      # relative to the project's root
    by_plugin: bool = False    # set by the build's own plugin options, which front ends do not override


_SETTINGS: dict[Path, Setting] = {}


def folder_refusal(value: object) -> str | None:
    """Why `cache_dir` cannot be used, or None. It must name a folder inside the project, so that
    nothing outside it is written or pruned, and a hidden one or one the build never reads."""
    if not isinstance(value, str) or not value.strip():
        return "cache_dir must name a folder inside the project, such as .cache/workshop"
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ":" in value or ".." in path.parts or path == PurePosixPath("."):
        return (f"cache_dir {value!r} must be a folder inside the project, written relative to mkdocs.yml "
                "(such as .cache/workshop), never an absolute path or one that leaves the project")
    return None


def cache_dir_refusal(root: Path, value: object, *published: Path) -> str | None:
    """folder_refusal, and a folder inside one the build publishes (docs_dir, site_dir), whose
    entries would be served to every reader."""
    refused = folder_refusal(value)
    if refused is not None:
        return refused
    where = (Path(root) / str(value)).resolve()
    for folder in published:
        if where.is_relative_to(Path(folder).resolve()):
            return f"cache_dir {value!r} is inside {Path(folder).name}/, which the build publishes: keep it apart, such as .cache/workshop"
    return None


def configure(root: Path,
 enabled: bool = True, folder: str | Path = FOLDER, by_plugin: bool = False) -> None:
    """Record the cache's options for the project at root. Options a build's plugin set win over
    those a front end read from the same mkdocs.yml; a folder refused by folder_refusal switches the
    cache off (the plugin and the checker report it)."""
    resolved = _resolved(str(root))
    current = _SETTINGS.get(resolved)
    if current is not None and current.by_plugin and not by_plugin:
        return
    usable = folder_refusal(str(folder)) is None
    _SETTINGS[resolved] = Setting(bool(enabled) and usable, Path(folder) if usable else FOLDER, by_plugin)
    _usable_folder.cache_clear()


def setting(root: Path) -> Setting:
    return _SETTINGS.get(_resolved(str(root)), Setting()) if _SETTINGS else Setting()


@functools.lru_cache(maxsize=64)
def _resolved(root: str) -> Path:
    """A project's root as configure() records it (a build asks for each page and each value)."""
    return Path(root).resolve()


def cache_folders(root: Path) -> set[Path]:
    """The project's cache folders, as absolute paths (a fingerprint of the project leaves them out)."""
    resolved = Path(root).resolve()
    return {resolved / FOLDER.parts[0], resolved / setting(resolved).folder}



# ---------------------------------------------------------------- the machine's key

def key_folder() -> Path | None:
    """Where this machine keeps the cache's key: the user's cache folder, outside every project."""
    try:
        from platformdirs import user_cache_dir
    except ImportError:   # pragma: no cover: platformdirs comes with MkDocs
        return None
    return Path(user_cache_dir("workshop-site", appauthor=False))


def _own_file(path: Path) -> bool:
    """A regular file (not a link) of this user that no one else may write."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return stat.S_ISREG(info.st_mode) and info.st_uid == owner and not info.st_mode & 0o022


def _read_or_make_key(path: Path) -> bytes | None:
    """The key in path, made there (readable by this user alone) when there is none yet."""
    for _ in range(2):
        if _own_file(path):
            try:
                data = path.read_bytes()
            except OSError:
                return None
            if len(data) == KEY_BYTES:
                return data
            return None   # someone else's file, or damaged: not ours to replace
        if path.exists() or path.is_symlink():
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue   # made by another build at the same moment: read theirs
        except OSError:
            return None
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_bytes(KEY_BYTES))
    return None


def _untracked(path: Path, root: Path) -> bool:
    """Whether Git knows path as a file it does not track (so it did not arrive with a clone)."""
    try:
        result = subprocess.run(["git", "-C", str(root), "ls-files", "--error-unmatch", "--", str(path)],
                                capture_output=True, timeout=10, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 1 and b"did not match" in result.stderr


@functools.lru_cache(maxsize=8)
def machine_key(root: Path) -> bytes | None:
    """The key that authenticates this machine's entries, or None (then nothing is cached).

    It lives in the user's cache folder; where that cannot be written, in the project's cache
    folder, but only in a Git checkout that does not track it (a key that came with the files
    would vouch for the entries that came with it)."""
    folder = key_folder()
    found = _read_or_make_key(folder / KEY_FILE) if folder is not None else None
    if found is not None:
        return found
    fallback = root / setting(root).folder / KEY_FILE
    if not _untracked(fallback, root):   # not a Git checkout, or a key Git tracks: never made or trusted
        return None
    return _read_or_make_key(fallback)


@functools.lru_cache(maxsize=64)
def _usable_folder(root: Path, name: str) -> bool:
    """See DiskCache.usable: asked once a process for each folder (a build asks for each page)."""
    resolved = root.resolve()
    chosen = setting(resolved)
    if not chosen.enabled:
        return False
    steps = [root / Path(*chosen.folder.parts[:n]) for n in range(1, len(chosen.folder.parts) + 1)]
    try:
        here = (root / chosen.folder / name).resolve() == resolved / chosen.folder / name and not any(
            p.is_symlink() for p in steps + [root / chosen.folder / name])
    except (OSError, RuntimeError):
        here = False
    return here and machine_key(resolved) is not None


def forget() -> None:
    """Forget the key and the folders this process has looked at (for a test that moves the key)."""
    machine_key.cache_clear()
    _usable_folder.cache_clear()
    _resolved.cache_clear()


def _mac(secret: bytes, name: str, digest: str, payload: bytes) -> str:
    message = b"\0".join([FORMAT.encode(), str(FORMAT_VERSION).encode(), name.encode(), digest.encode(), payload])
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- the cache

class DiskCache:
    """One JSON file a value, named by the hash of what it was computed from.

    Every edit leaves a new entry behind, so a folder keeps its `limit` most recent ones: a day
    of make serve does not fill the disk. Only the cache's own files are ever removed.
    """

    def __init__(self, root: Path, name: str, limit: int = 2000) -> None:
        self.root = Path(root)
        self.name = name
        self.folder = self.root / setting(self.root).folder / name
        self.limit = limit
        self._entries: int | None = None   # at most this many entries since the folder was last read
        self._usable: bool | None = None

    def usable(self) -> bool:
        """The cache is on (the plugin's `cache` option), its folder is the project's own
        <cache_dir>/<name>, not a link to somewhere else (pruning would then remove files there),
        and this machine has a key."""

        if self._usable is None:
            self._usable = _usable_folder(self.root, self.name)
        return self._usable

    def get(self, digest: str, compute: Callable[[], Any], encode: Callable[[Any], Any] = _same,
            decode: Callable[[Any], Any] = _same) -> Any:
        value = self.load(digest, decode)
        if value is None:
            value = compute()
            self.store(digest, value, encode)
        return value

    def load(self, digest: str, decode: Callable[[Any], Any] = _same) -> Any:
        """The value kept under digest, or None when there is none, or it cannot be read, is
        damaged, is not authenticated by this machine's key, or is not of the expected shape."""
        if not self.usable():
            return None
        try:
            from workshop.model.files import read_bytes

            data = read_bytes(self.folder / f"{digest}.json", MAX_ENTRY_BYTES)
            head, separator, payload = data.partition(b"\n")
            header = json.loads(head)
            if (not separator or not isinstance(header, dict) or header.get("format") != FORMAT
                    or header.get("version") != FORMAT_VERSION or header.get("name") != self.name
                    or not isinstance(header.get("mac"), str)):
                return None
            if not hmac.compare_digest(header["mac"], _mac(machine_key(self.root.resolve()), self.name, digest, payload)):
                return None
            return decode(json.loads(payload))
        except Exception:  # absent, unreadable, damaged or of the wrong shape: compute it again
            return None

    def store(self, digest: str, value: Any, encode: Callable[[Any], Any] = _same) -> None:
        if not self.usable():
            return
        try:
            payload = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"),
                                 allow_nan=False).encode("utf-8", "surrogatepass")
        except (TypeError, ValueError, RecursionError):
            return   # not plain data: not kept
        header = json.dumps({"format": FORMAT, "version": FORMAT_VERSION, "name": self.name,
                             "mac": _mac(machine_key(self.root.resolve()), self.name, digest, payload)})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(header.encode("ascii") + b"\n" + payload)
                os.replace(temporary, self.folder / f"{digest}.json")
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._prune()
        except OSError:
            pass  # a read-only folder: no cache, same result

    def _prune(self) -> None:
        """The folder is read only when it may hold more than the limit, so that storing a value
        for each of a thousand pages does not read it a thousand times. Only files named as this
        cache names them are counted or removed."""
        if self._entries is not None and self._entries < self.limit:
            self._entries += 1   # an upper bound: a value stored again under its own name counts twice
            return
        entries = [entry for entry in os.scandir(self.folder)
                   if _ENTRY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)]
        if len(entries) > self.limit:
            entries.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns)
            for entry in entries[:len(entries) - self.limit]:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
        self._entries = min(len(entries), self.limit)


# ---------------------------------------------------------------- fingerprints

_SKIPPED_DIRS = {"site", "build", "node_modules", "__pycache__", "venv", "tests"}


def tree_digest(root: Path, *extra: object, skip: Callable[[str], bool] | None = None) -> str:
    """A fingerprint of every file a build could read under root: path, size and change time.

    What the project writes (site/, build/, the cache wherever cache_dir puts it, hidden folders
    such as .git) and its tests are left out, and any file whose path skip() accepts. Any edit,
    addition or removal elsewhere changes it.
    """
    digest = hashlib.sha256(VERSION)
    for part in extra:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    caches = cache_folders(root)
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
                    if (not entry.name.startswith(".") and entry.name not in _SKIPPED_DIRS and not entry.is_symlink()
                            and Path(entry.path).resolve() not in caches):

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


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A fingerprint of the package's own code (the code that runs, wherever it is installed):
    a cached result is made again when the code that made it changes. Never used to find the
    project, which is the folder of the configuration a command was given."""
    return tree_digest(Path(__file__).resolve().parents[1], "package")
