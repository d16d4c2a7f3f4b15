"""The offline pack: the whole site in one zip that works from file:// with no network.

Workshop rooms often have no Wi-Fi and NHS machines block many sites, so a facilitator can
hand out the site on a USB stick. The pack is an ordinary build of mkdocs.yml with the switches
that mkdocs.yml reads from the environment turned on: page links end in .html
(use_directory_urls), Material's offline plugin inlines the search index, and the build hook
points the iframe-worker shim that lets search run from file:// at the copy in overrides/, not
one from a CDN. A fork that adds its own YAML tags (emoji, say) builds offline unchanged.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
from pathlib import Path

from workshop.model.config import load_config
from workshop.outputs import guard
from workshop.qa import links
from workshop.qa.builder import build_site

PACK_NAME = "workshop-site-offline"
DEFAULT_OUTPUT = Path("build") / f"{PACK_NAME}.zip"
COMMAND = "make offline"
MARK = b"Written by make offline; checksum "   # the zip's comment: what make offline may replace
README = """{title} (offline copy)

Open index.html in this folder with any web browser (double-click it). Everything works
without a network: navigation, search, the notebooks' pages and the handouts. Links to
other websites need a connection.

This copy was made with 'make offline' from the workshop site's repository.
"""
UNTITLED = "The workshop site"


class OfflineError(Exception):
    """The pack cannot be made; the message says why."""


OFFLINE_ENV = {"WORKSHOP_OFFLINE": "true", "WORKSHOP_DIRECTORY_URLS": "false"}


def build_offline(config_path: Path, site_dir: Path, strict: bool = True) -> None:
    """Build the offline variant of the site into site_dir: mkdocs.yml itself, with the two
    switches it reads from the environment (!ENV) turned on; no copy of it is written."""
    build_site(config_path, site_dir, strict=strict, env=OFFLINE_ENV)
    remote = remote_resources(site_dir)
    if remote:
        raise OfflineError("the offline build still loads files from the network:\n" +
                           "\n".join(p.text() for p in remote[:20]))


# Elements whose URL the browser fetches by itself (a link to another site is only followed on a click).
_FETCHED = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
                      r"\b(?:src|href|data)=\"((?:https?:)?//[^\"]+)\"", re.I)


def remote_resources(site_dir: Path) -> list[links.LinkProblem]:
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _FETCHED.finditer(text):
            tag = match.group(0)
            if match.group(1).lower() == "link" and not re.search(r'rel="[^"]*(stylesheet|preload|icon|modulepreload)', tag):
                continue
            line = text.count("\n", 0, match.start()) + 1
            found.append(links.LinkProblem(path.relative_to(site_dir).as_posix(), line, match.group(2),
                                           f"<{match.group(1)}> loaded from another host"))
    return found


def _checksum(pack: zipfile.ZipFile) -> bytes:
    """What the zip holds (each entry's name, size and CRC, from its directory), in 16 hex digits."""
    digest = hashlib.sha256()
    for item in sorted(pack.infolist(), key=lambda info: info.filename):
        digest.update(f"{item.filename}\0{item.file_size}\0{item.CRC}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16].encode("ascii")


def not_ours(path: Path) -> str | None:
    """Why an existing file is not a pack this command wrote and no one changed since, or None."""
    try:
        with zipfile.ZipFile(path) as pack:
            comment = pack.comment
            if comment.startswith(MARK) and comment[len(MARK):] == _checksum(pack):
                return None
            return ("it was changed after make offline wrote it" if comment.startswith(MARK)
                    else "it exists and was not written by make offline")
    except (OSError, zipfile.BadZipFile, ValueError):
        return "it exists and was not written by make offline"


def write_zip(site_dir: Path, zip_path: Path, title: str = "") -> int:
    """Zip the built site under one folder, with a README that names the workshop (its title), marked
    as make offline's own; the zip is written beside its place and renamed over it whole. Returns its
    size in bytes."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=zip_path.parent, prefix=f".{zip_path.name}.", suffix=".tmp")
    os.close(handle)
    partial = Path(name)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as pack:
            pack.writestr(f"{PACK_NAME}/README.txt", README.format(title=" ".join(title.split()) or UNTITLED))
            for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
                rel = path.relative_to(site_dir).as_posix()
                if rel.endswith(".map"):
                    continue  # source maps help developers only, and are the largest files
                pack.write(path, f"{PACK_NAME}/{rel}")
            pack.comment = MARK + _checksum(pack)
        os.chmod(partial, guard.file_mode())
        os.replace(partial, zip_path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return zip_path.stat().st_size


def make_pack(config_path: Path, zip_path: Path, strict: bool = True) -> tuple[int, Path]:
    """Build the offline site and zip it to zip_path, through the output guard: a .zip, in a
    place that can be written, not over a file that make offline did not write. Two runs at once
    take turns. Returns the zip's size and where it is."""
    target = guard.check(zip_path, command=COMMAND, suffixes=(".zip",), owner=not_ours, inputs=[config_path])
    with tempfile.TemporaryDirectory(prefix="workshop-offline-") as temporary:
        site_dir = Path(temporary) / "site"
        build_offline(config_path, site_dir, strict=strict)
        with guard.exclusive(target.parent, COMMAND):
            target = guard.check(target, command=COMMAND, suffixes=(".zip",), owner=not_ours, inputs=[config_path])
            return write_zip(site_dir, target, load_config(config_path).site_name), target
