"""The checked site, kept between builds: a build that follows an unchanged one reads nothing again.

Apart from checks.py so that such a build imports neither the rules nor what they use.
"""

from __future__ import annotations

from pathlib import Path

from workshop.model.site import Site


def checked_site(config_path: Path) -> Site:
    """The site, read and checked; kept in .cache/workshop/sites under a fingerprint of every
    file it could read (tree_digest), so a build that follows an unchanged one reads nothing again.
    Its data_digest leaves the pages out, for what renders a page from its own text and the data.

    Raises ConfigError as load_site does; a failed read is never kept.
    """
    import os

    from workshop.model.cache import DiskCache, key, tree_digest
    from workshop.model.site import load_site

    root = config_path.resolve().parent
    package = Path(__file__).resolve().parents[1]
    settings = sorted((name, value) for name, value in os.environ.items() if name.startswith("WORKSHOP_"))
    inside = root in package.parents
    code = "" if inside else tree_digest(package)
    digest = tree_digest(root, str(config_path.resolve()), settings, code)

    def read() -> Site:
        from workshop.check.checks import run_checks

        site = run_checks(load_site(config_path))
        site.digest = digest
        return site

    site = DiskCache(root, "sites", limit=3).get(key("site", digest), read)
    pages = tuple(str(folder.resolve()) + os.sep for folder in (site.config.docs_dir, site.config.exercises_dir))
    site.data_digest = tree_digest(root, "without pages", str(config_path.resolve()), settings, code,
                                   skip=lambda path: path.endswith((".md", ".ipynb")) and path.startswith(pages))
    return site
