"""Every page builds strictly and passes the checker; every page in the navigation is published."""

from __future__ import annotations

from pathlib import Path


def test_the_checker_finds_no_problem(site):
    problems = [f"{p.text()}\n    hint: {p.hint}" for p in site.problems.sorted()]
    assert problems == [], "\n".join(problems)
    assert site.pages, "the workshop has no pages"


def test_every_page_in_the_navigation_is_published(site, built_site):
    missing = []
    for entry in site.config.nav:
        stem = entry.path.rsplit(".", 1)[0]
        candidates = [f"{stem}.html", f"{stem}/index.html"]
        if Path(stem).name == "index":
            candidates.append(f"{Path(stem).parent.as_posix()}/index.html".lstrip("./") or "index.html")
        if not any((built_site / candidate).is_file() for candidate in candidates):
            missing.append(entry.path)
    assert missing == []
    assert (built_site / "index.html").is_file()
