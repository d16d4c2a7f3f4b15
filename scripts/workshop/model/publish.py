"""What the site may read and publish: one decision, for the checker and for every kind of build.

The site publishes what the project holds, nothing else. A file is refused when the way to it
from the project's folder passes through a link that leaves the project (exercises/leak.txt ->
/etc/passwd) or loops back into its own folder, when it is not a regular file (a named pipe
would hang the build that copies it; a device never ends), or when its name is not UTF-8 text
(no address can be made of it). The checker reports such files
(model/site.walk), and every build (strict, draft, make serve with files added while it runs,
make offline) leaves them out, through may_publish().
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from workshop.model.files import special_file


def link_refusal(path: Path, root: Path, ancestors: frozenset = frozenset()) -> str | None:
    """The rule a symbolic link breaks, if any: it leaves the project, or it loops."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "symlink-loop"
    if target != root and root not in target.parents:
        return "symlink-outside"
    if target.is_dir() and target in ancestors:
        return "symlink-loop"
    return None


def refusal(path: Path, root: Path, within: Path | None = None) -> str | None:
    """Why a file under the project's folder must not be read or published (the checker's rule:
    file-name-encoding, symlink-outside, symlink-loop or special-file), or None. `root` must be
    resolved; `within`, a folder on the way already found to be the project's own, is not
    looked at again (the checker's walk passes the folder it is reading)."""
    path = Path(path)
    try:
        relative = path.absolute().relative_to(root)
    except ValueError:
        try:
            relative = path.resolve().relative_to(root)   # a project reached through a link, such as /tmp
        except (ValueError, OSError, RuntimeError):
            return "symlink-outside"
    if not utf8_name(str(relative)):
        return "file-name-encoding"
    current, skip = root, 0
    if within is not None:
        try:
            skip = len(Path(within).absolute().relative_to(root).parts)
        except ValueError:
            skip = 0
    for depth, part in enumerate(relative.parts, 1):
        current = current / part
        if depth <= skip:
            continue
        try:
            if current.is_symlink():   # only a link can leave the project or loop: resolve only then
                ancestors = frozenset(root.joinpath(*relative.parts[:n]).resolve() for n in range(depth))
                refused = link_refusal(current, root, ancestors)
                if refused:
                    return refused
        except (OSError, RuntimeError):
            return "symlink-loop"
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None   # gone: nothing to publish, and not this rule's to report
    return "special-file" if special_file(mode) and not stat.S_ISDIR(mode) else None


def utf8_name(name: str) -> bool:
    """Whether a name is text: a byte that is not UTF-8 reaches Python as a lone surrogate, which
    no web address or page can hold (MkDocs stops with a traceback on it)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def may_publish(path: str | Path, source_dir: str | Path | None, root: Path) -> bool:
    """Whether a build may copy or render this file. Files from outside the project (the theme's,
    a plugin's) are not the project's to judge; the project's own pass refusal()."""
    root = _resolved(str(root))
    if source_dir is not None and not _inside(str(source_dir), root):
        return True
    return refusal(Path(path), root) is None


@functools.lru_cache(maxsize=64)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


@functools.lru_cache(maxsize=256)
def _inside(folder: str, root: Path) -> bool:
    """Whether a source folder (asked once for each of a build's few) is the project's own."""
    resolved = Path(folder).resolve()
    return resolved == root or root in resolved.parents
