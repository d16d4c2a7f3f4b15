"""A new workshop, written from the engine's starter (package data in workshop/starter/).

The starter is the smallest complete workshop: one set of objectives, one page of each kind it
declares, a balanced agenda, one handout and no notebooks. It builds strictly and passes the
engine's checks as written, so a trainer starts from green and changes one thing at a time, as the
Carpentries' create_lesson does. Nothing is ever written over: the folder must be new or empty.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

from workshop.model.engine_files import engine_file

DISTRIBUTION = "workshop-site"
# Files kept under another name in the package (a hidden name would not be packaged).
RENAMED = {"gitignore": ".gitignore", "ci/run": ".ci/run", "github/workflows/ci.yml": ".github/workflows/ci.yml"}
MAX_TITLE = 200


class StarterError(Exception):
    """The starter cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class Written:
    folder: Path
    files: list[str]
    engine: str


def engine_requirement() -> str:
    """How the new workshop installs this engine: the address it was installed from (a git URL
    with its tag, or a folder), else this release by version."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return DISTRIBUTION
    direct = dist.read_text("direct_url.json")
    if direct:
        try:
            info = json.loads(direct)
        except ValueError:
            info = {}
        url = info.get("url", "")
        vcs = info.get("vcs_info") or {}
        if vcs.get("vcs") == "git" and url:
            ref = vcs.get("requested_revision") or vcs.get("commit_id")
            return f"{DISTRIBUTION}[test] @ git+{url}" + (f"@{ref}" if ref else "")
        if url and not (info.get("dir_info") or {}).get("editable"):
            return f"{DISTRIBUTION}[test] @ {url}"
        if url:
            return f"{DISTRIBUTION}[test] @ {url}"
    return f"{DISTRIBUTION}[test]=={dist.version}"


def _title_values(title: str) -> dict[str, str]:
    flat = " ".join(title.split())
    if not flat or len(flat) > MAX_TITLE or any(ord(c) < 32 for c in title if c not in "\t\n"):
        raise StarterError(f"the title must be one line of 1 to {MAX_TITLE} characters")
    short = flat.split(":")[0].strip() or flat
    scalar = lambda value: yaml.safe_dump(value, default_style='"', allow_unicode=True, width=10**6).strip().removesuffix("\n...")  # noqa: E731
    return {"@TITLE@": scalar(flat), "@SHORT@": scalar(short), "@TITLE_TEXT@": flat}


def write_starter(folder: Path, title: str, engine: str | None = None) -> Written:
    """Write the starter into `folder` (new, or an empty folder) and return what was written."""
    values = _title_values(title)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StarterError(f"{folder} already exists and is not an empty folder; nothing was written")
    source = engine_file("starter")
    files = sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    engine = engine or engine_requirement()
    planned: list[tuple[str, bytes, int]] = []
    for path in files:
        rel = path.relative_to(source).as_posix()
        text = path.read_text(encoding="utf-8")
        for token, value in values.items():
            text = text.replace(token, value)
        planned.append((RENAMED.get(rel, rel), text.encode("utf-8"), path.stat().st_mode & 0o111))
    planned.append(("requirements.txt", (
        "# The workshop engine this workshop is built with: change the version (the tag after @) to take\n"
        "# a newer release, then run make test.\n" + engine + "\n").encode("utf-8"), 0))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for rel, data, executable in planned:
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as out:   # never over an existing file
                out.write(data)
            if executable:
                os.chmod(target, 0o755)
    except OSError as error:
        raise StarterError(f"cannot write the starter into {folder}: {error.strerror or error}") from None
    return Written(folder, [rel for rel, _, _ in planned], engine)
