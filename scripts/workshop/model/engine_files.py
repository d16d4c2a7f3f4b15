"""Files the engine carries inside its package, and the project files that may replace them.

The engine is installed, not copied: its theme, schemas, page templates and allow-lists are package
data, found next to this module wherever the package is installed, never from the repository it was
built in. A project may replace a page template with its own `templates/<name>`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PROJECT_TEMPLATES = "templates"


def package_dir() -> Path:
    return Path(str(resources.files("workshop")))


def engine_file(*parts: str) -> Path:
    """A file the engine ships, e.g. engine_file("qa", "html_allowlist.yaml")."""
    return package_dir().joinpath(*parts)


def page_template(root: Path, name: str) -> Path | None:
    """The project's own templates/<name> if it has one (whatever it is: reading it then refuses a
    pipe or a link out, with a message), else the engine's; None if neither exists."""
    own = root / PROJECT_TEMPLATES / name
    if own.exists() or own.is_symlink():
        return own
    engine = engine_file("page_templates", name)
    return engine if engine.is_file() else None


# What is the trainer's in a workshop repository: the content, which a fork adapts. Everything else
# (the package in scripts/, its tests, the Makefile, the package's metadata and the CI files) is the
# engine, which a fork takes unchanged, by pinning a release or by merging one (see the adapt guide).
CONTENT_PATHS = ("mkdocs.yml", "docs/", "exercises/", "data/", "overrides/", "README.md", "CITATION.cff", "LICENSE")


def is_content(rel: str) -> bool:
    """Whether a path of the repository (as git writes it) is the trainer's content."""
    return any(rel == path or (path.endswith("/") and rel.startswith(path)) for path in CONTENT_PATHS)
