"""The one guard every command that writes goes through: handouts, slides, outline, evaluation,
offline, page and strip.

Before anything is written, the place is checked: a name the format cannot take (an offline
copy is a .zip), a folder on the way that is a file, a system folder (/proc, /etc) or one that
cannot be written, a path outside the project where the command must stay inside it (a page
folder that is a link out), and, above all, a file there already that the command did not
write: each command says how it recognises its own files (a mark written into them, or a
manifest), and anything else, a trainer's notes or a deck edited by hand, is never replaced.
A refusal names the path and the reason, and the command exits with status 2, nothing written.

While a command writes, it holds the lock of the folder it writes into (a lock file of the
user's own, outside the project), so two runs at once (two make outline, make offline or make
page) take turns instead of tearing a file or losing an edit of mkdocs.yml; the one that waits
is told so. Files are written whole: into a temporary file
beside the target, then renamed over it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from workshop.model.messages import printable
from workshop.model.files import special_file

EXIT_STATUS = 2
LOCK_WAIT = 600.0        # seconds a run waits for another that writes into the same folder
SYSTEM_FOLDERS = tuple(Path(p) for p in ("/proc", "/sys", "/dev", "/etc", "/boot", "/bin", "/sbin", "/lib",
                                          "/lib32", "/lib64", "/usr", "/run"))


class OutputRefused(Exception):
    """The output cannot be written where it was asked for; the message names the path and why.
    Front ends print it and exit with EXIT_STATUS (2): nothing was written."""

    def __init__(self, path: Path | str, reason: str, hint: str = "") -> None:
        self.path = shown(Path(path))
        self.reason = reason
        self.hint = hint or "Choose another output (--output, --out or OUT=...), or move the existing file away first."
        super().__init__(f"{self.path}: not written: {reason}\n  hint: {self.hint}")

    def _render_traceback_(self) -> list[str]:   # shown this way in a notebook, with no traceback
        return str(self).splitlines()


def shown(path: Path, root: Path | None = None) -> str:
    """A path as short as it can be (relative to root, else to the working folder), printable."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        with contextlib.suppress(ValueError, OSError):
            return printable(path.absolute().relative_to(Path(base).absolute()).as_posix())
    return printable(path)


def _in_system_folder(path: Path) -> Path | None:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        resolved = path.absolute()
    for folder in SYSTEM_FOLDERS:
        if resolved == folder or folder in resolved.parents:
            return folder
    return None


def _existing_ancestor(path: Path) -> tuple[Path, Path | None]:
    """The nearest existing folder on the way to path, and the first thing on the way that exists
    but is not a folder (a file where a folder is needed), if any."""
    for parent in [path.parent, *path.parent.parents]:
        try:
            info = parent.stat()
        except FileNotFoundError:
            continue
        except NotADirectoryError:
            continue   # a file further up: found when the walk reaches it
        except OSError:
            return parent, None
        if not stat.S_ISDIR(info.st_mode):
            return parent, parent
        return parent, None
    return Path(path.anchor or "/"), None


def _writable(folder: Path) -> str | None:
    """Why nothing can be written in an existing folder, or None."""
    try:
        if os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return f"{printable(folder)} is on a read-only file system"
    except OSError:
        pass
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{printable(folder)} cannot be written (permission denied)"
    return None


def check(path: Path, *, command: str, suffixes: Sequence[str] = (), folder: bool = False,
          owner: Callable[[Path], str | None] | None = None, inputs: Sequence[Path] = (),
          inside: Path | None = None) -> Path:
    """Refuse (OutputRefused) a place this command must not write; return it, absolute.

    suffixes: the names the format can take (.zip); folder: the output is a folder of files;
    owner(path): why an existing file there is not this command's own unchanged output, or None
    when it is; inputs: files the command reads, never written over; inside: a folder the
    output must stay in, links resolved (the project, for make page)."""
    path = Path(path).expanduser().absolute()
    if any(path == Path(source).expanduser().absolute() or _same_file(path, Path(source)) for source in inputs):
        raise OutputRefused(path, "it is the input file", "Choose an output file other than the input.")
    if suffixes and not folder and path.suffix.lower() not in suffixes:
        ending = f"ends in '{printable(path.suffix)}'" if path.suffix else "has no extension"
        raise OutputRefused(path, f"{command} writes {' or '.join(suffixes)} files, and this name {ending}",
                            f"Give a name that ends in {' or '.join(suffixes)}.")
    system = _in_system_folder(path)
    if system is not None:
        raise OutputRefused(path, f"it is in the system folder {system}", "Write into your project or home folder.")
    if inside is not None:
        root = Path(inside).resolve()
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            resolved = path
        if resolved != root and root not in resolved.parents:
            raise OutputRefused(path, f"it would be written outside the project ({printable(resolved)}): a folder on "
                                      "the way is a link out of it", "Replace the link with a folder of the project.")
    existing, blocked = _existing_ancestor(path)
    if blocked is not None:
        raise OutputRefused(path, f"{printable(blocked)} is a file, not a folder",
                            "Move that file away, or choose another output folder.")
    reason = _writable(existing)
    if reason:
        raise OutputRefused(path, reason, "Choose a folder you can write in.")
    if folder:
        if path.exists() and not path.is_dir():
            raise OutputRefused(path, "it is a file, not a folder", "Choose a folder for the output, or move the file away.")
        return path
    if path.is_symlink():
        raise OutputRefused(path, "it is a link; the file it points to is not replaced",
                            "Remove the link, or choose another output file.")
    if path.exists():
        kind = special_file(path.stat().st_mode)
        if kind:
            raise OutputRefused(path, f"it exists and is {kind}", "Choose another output file.")
        reason = owner(path) if owner is not None else "it exists and was not written by this command"
        if reason:
            raise OutputRefused(path, reason)
    return path


def site_dir_refusal(site_dir: str | Path) -> str | None:
    """Why a build cannot write the site into site_dir (a file, or a file on the way to it, a
    system folder, a place that cannot be written), or None: the build's adapter stops with it."""
    try:
        check(Path(site_dir), command="mkdocs build", folder=True)
    except OutputRefused as refused:
        return f"the site cannot be written to {refused.path}: {refused.reason}"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _lock_file(folder: Path) -> int | None:
    """An open lock file for this folder (its resolved path, hashed), kept in a folder of this
    user's own in the temporary folder, so that no file appears in the project and a folder that
    does not exist yet has its lock too; None when no such file can be had (then the writes are
    still whole, by rename, but not taken in turns)."""
    import hashlib

    uid = getattr(os, "getuid", lambda: 0)()
    base = Path(tempfile.gettempdir()) / f"workshop-site-locks-{uid}"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(base)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or info.st_mode & 0o077:
            return None   # not ours alone: someone else could hold or swap the locks
        try:
            where = Path(folder).resolve()
        except (OSError, RuntimeError):
            where = Path(folder).absolute()
        name = hashlib.sha256(os.fsencode(where)).hexdigest()[:32] + ".lock"
        return os.open(base / name, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return None


@contextlib.contextmanager
def exclusive(folder: Path, command: str, wait: float | None = None,
              say: Callable[[str], None] | None = None) -> Iterator[bool]:
    """Hold the lock of the folder a command writes into, whether or not it exists yet. A second
    run waits for the first, after saying so, and then goes on with what the first left; yields
    whether it waited. After `wait` seconds it gives up (OutputRefused, nothing written)."""
    wait = LOCK_WAIT if wait is None else wait
    say = say or (lambda text: print(text, file=sys.stderr, flush=True))
    descriptor = _lock_file(folder)
    if descriptor is None:
        yield False
        return
    waited = False
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waited = True
            say(f"{command}: another run is writing into {shown(Path(folder))}; waiting for it to finish")
            deadline = time.monotonic() + wait
            while True:
                time.sleep(0.05)
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise OutputRefused(folder, f"another run has been writing into it for {wait:g} s",
                                            "Wait for the other run to finish, then run this again.") from None
        except OSError as error:
            if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                raise
            # a file system without locks: the files are still written whole, by rename
        yield waited
    finally:
        os.close(descriptor)   # closing releases the lock


def file_mode() -> int:
    """The mode a new file gets from open() (a temporary file starts private)."""
    mask = os.umask(0o22)
    os.umask(mask)
    return 0o666 & ~mask


def write_whole(path: Path, data: bytes | str) -> None:
    """Write path whole: into a temporary file beside it, then renamed over it, so a crash, a
    full disk or a second run never leaves half a file where the old one was. A file replaced
    keeps its permissions; a new one gets those open() would give it."""
    path = Path(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = file_mode()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
