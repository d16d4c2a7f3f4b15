"""What the site tests need to know of a workshop's built site, read from its configuration: the
address of each page, the page a reader opens for each kind of thing (the home page, a printed
handout, a page with a marker), a word a reader could search for, and whether a request would
leave the machine. Nothing here names a page, an objective or a sentence of any one workshop.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from workshop.outputs.handouts import page_url, printed_kind

LOCAL_HOSTS = {"127.0.0.1"}
# Words too common to show that search found the page a reader was looking for.
COMMON = {"about", "after", "before", "their", "there", "these", "those", "which", "while", "where", "would",
          "should", "could", "other", "under", "between", "through", "workshop"}


def outside(url: str) -> bool:
    """A request that would leave this machine."""
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about") and parts.hostname not in LOCAL_HOSTS


def built_pages(site_dir: Path) -> list[str]:
    """URL paths of every HTML page of a site built with directory URLs (the 404 page apart)."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.parent.relative_to(site_dir).as_posix()
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages


def url_of(site_path: str, directory_urls: bool = True) -> str:
    """The address of a page source: '/' or '/learn/x/' from the site's root, or, in a site built for
    reading from a folder (use_directory_urls: false), the file 'learn/x.html' or 'index.html'."""
    found = page_url(site_path, directory_urls)
    if directory_urls:
        return "/" + found
    return found + "index.html" if not found or found.endswith("/") else found


def home(site):
    """The page the site opens on: the navigation's index.md."""
    return next((page for page in site.in_nav_order() if page.site_path == "index.md"), site.in_nav_order()[0])


def first_printed(site):
    """The first page of a printed kind (a handout) in the navigation; else the first page after the home page,
    so that a workshop without handouts still has a second page of another kind to check."""
    pages = site.in_nav_order()
    printed = [page for page in pages if printed_kind(site, page.kind)]
    others = [page for page in pages if page is not home(site)]
    return (printed or others or pages)[0]


def with_marker(site, name: str) -> list:
    """The pages of the navigation whose own text asks for <!-- workshop:NAME -->."""
    marker = re.compile(r"<!--\s*workshop:" + re.escape(name) + r"\s*-->")
    return [page for page in site.in_nav_order() if page.readable and not page.notebook and marker.search(page.body)]


def search_word(site_dir: Path, avoid: str = "") -> tuple[str, str]:
    """A word a reader could search for, and the page it is on: the longest uncommon word in the title of
    a page other than the home page, read from the site's own search index."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    candidates = []
    for doc in index["docs"]:
        if "#" in doc["location"] or not doc["location"] or doc["location"] == avoid:
            continue
        for word in re.findall(r"[^\W\d_]{5,}", re.sub(r"<[^>]+>", " ", doc["title"])):
            if word.lower() not in COMMON:
                candidates.append((len(word), word, doc["location"]))
    assert candidates, "the search index has no page titles with a word to search for"
    _, word, location = max(candidates)
    return word, location
