"""The checked site, kept between builds: a build that follows an unchanged one reads nothing again.

Apart from checks.py so that such a build imports neither the rules nor what they use.
"""

from __future__ import annotations

from pathlib import Path

from workshop.model.site import Site


def checked_site(config_path: Path) -> Site:
    """The site, read and checked; kept in .cache/workshop/sites under a fingerprint of every
    file it could read (tree_digest), so a build that follows an unchanged one reads nothing again.

    Raises ConfigError as load_site does; a failed read is never kept.
    """
    import os

    from workshop.model.cache import DiskCache, key, tree_digest
    from workshop.model.site import load_site

    root = config_path.resolve().parent
    package = Path(__file__).resolve().parents[1]
    settings = sorted((name, value) for name, value in os.environ.items() if name.startswith("WORKSHOP_"))
    inside = root in package.parents
    digest = tree_digest(root, str(config_path.resolve()), settings, "" if inside else tree_digest(package))

    def read() -> Site:
        from workshop.check.checks import run_checks

        site = run_checks(load_site(config_path))
        site.digest = digest
        return site

    return DiskCache(root, "sites").get(key("site", digest), read)
