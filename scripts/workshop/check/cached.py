"""The checked site, kept between builds: a build that follows an unchanged one checks nothing again.

What is kept is data: the list of problems the checks found and the evidence found on each page,
under a fingerprint of every file the site could be read from. The site itself is read again (each
page's parse and front matter and each summary's reading ease come from their own caches), so
nothing but plain JSON is ever read back. Apart
from checks.py so that such a build imports neither the rules nor what they use.
"""

from __future__ import annotations

import os
from pathlib import Path

from workshop.model.site import Site


def checked_site(config_path: Path) -> Site:
    """The site, read and checked. The problems are kept in .cache/workshop/sites under a
    fingerprint of every file it could read (tree_digest), of the build's settings and of the
    package's code, so a build that follows an unchanged one runs no check again. Its
    data_digest leaves the pages out, for what renders a page from its own text and the data.

    Raises ConfigError as load_site does; a failed read is never kept.
    """
    from workshop.model.cache import DiskCache, code_digest, key, tree_digest
    from workshop.model.problems import problems_data
    from workshop.model.project import project_root
    from workshop.model.site import load_site

    config_path = Path(config_path).absolute()
    root = project_root(config_path)
    settings = sorted((name, value) for name, value in os.environ.items() if name.startswith("WORKSHOP_"))
    code = code_digest()
    digest = tree_digest(root, str(config_path), settings, code)

    cache = DiskCache(root, "sites", limit=3)
    kept = cache.load(key("site", digest), decode=_checked_from_data)
    if kept is None:
        from workshop.check.checks import run_checks

        site = run_checks(load_site(config_path))
        cache.store(key("site", digest), site, encode=lambda site: {
            "problems": problems_data(site.problems),
            "evidence": {rel: found.found for rel, found in site.evidence.items()}})
    else:
        site = load_site(config_path, evidence=False)
        site.problems, site.evidence = kept
    site.digest = digest
    pages = tuple(str(folder.resolve()) + os.sep for folder in (site.config.docs_dir, site.config.exercises_dir))
    site.data_digest = tree_digest(root, "without pages", str(config_path), settings, code,
                                   skip=lambda path: path.endswith((".md", ".ipynb")) and path.startswith(pages))
    return site


def _checked_from_data(data):
    """The problems and each page's evidence, as checked_site keeps them; any other shape raises."""
    from workshop.model.evidence import Evidence
    from workshop.model.problems import problems_from_data

    if not isinstance(data, dict) or set(data) != {"problems", "evidence"} or not isinstance(data["evidence"], dict):
        raise TypeError("not a checked site")
    evidence = {}
    for rel, found in data["evidence"].items():
        if not isinstance(found, dict) or not all(
                isinstance(objective, str) and isinstance(terms, dict)
                and all(isinstance(term, str) and type(count) is int for term, count in terms.items())
                for objective, terms in found.items()):
            raise TypeError("not the evidence of a page")
        evidence[rel] = Evidence(found)
    return problems_from_data(data["problems"]), evidence
