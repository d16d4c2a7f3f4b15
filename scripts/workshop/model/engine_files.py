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
    """The project's own templates/<name> if it has one, else the engine's; None if neither exists."""
    for candidate in (root / PROJECT_TEMPLATES / name, engine_file("page_templates", name)):
        if candidate.is_file():
            return candidate
    return None
