"""Links in the built site: every internal link and anchor must resolve, every external one use https.

Checking the built HTML rather than the Markdown also covers what the build generates
(navigation, citations, the reading list, the alignment map), and the same collection
serves the offline test in CI and the online check of external links run by hand.
"""

from __future__ import annotations

import concurrent.futures
import html.parser
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

# Attributes that make the browser fetch or navigate to a URL.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",), "script": ("src",),
    "iframe": ("src",), "source": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "form": ("action",),
}
# Schemes that are neither a file of the site nor a web address to check.
IGNORED_SCHEMES = {"mailto", "tel", "javascript", "data"}
USER_AGENT = "workshop-site-linkcheck/1.0"


@dataclass(frozen=True)
class Link:
    page: str      # the HTML file, relative to the site folder
    line: int
    url: str


@dataclass
class HtmlFile:
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


@dataclass(frozen=True, order=True)
class LinkProblem:
    page: str
    line: int
    url: str
    reason: str

    def text(self) -> str:
        return f"{self.page}:{self.line}: {self.url} — {self.reason}"


class _Collector(html.parser.HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found = HtmlFile()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.found.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.found.ids.add(values["name"])
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            url = (values.get(attribute) or "").strip()
            if url:
                self.found.links.append(Link(self.page, self.getpos()[0], url))
        if tag in ("img", "source") and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.found.links.append(Link(self.page, self.getpos()[0], candidate.split()[0]))

    handle_startendtag = handle_starttag


def read_html(path: Path, page: str) -> HtmlFile:
    collector = _Collector(page)
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.found


def scan(site_dir: Path) -> dict[str, HtmlFile]:
    """Every HTML file of a built site, by its path relative to the site folder."""
    return {path.relative_to(site_dir).as_posix(): read_html(path, path.relative_to(site_dir).as_posix())
            for path in sorted(site_dir.rglob("*.html"))}


def is_external(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https") or url.startswith("//")


def target_file(site_dir: Path, page: str, path: str) -> str | None:
    """The site-relative file a URL path points to, or None when it points outside the site."""
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined.startswith(".."):
        return None
    joined = "" if joined == "." else joined
    candidate = site_dir / joined
    if path.endswith("/") or candidate.is_dir():
        joined = posixpath.join(joined, "index.html") if joined else "index.html"
    return joined


def check_internal(site_dir: Path, files: dict[str, HtmlFile] | None = None) -> list[LinkProblem]:
    """Internal links to files that do not exist, or to anchors the target page does not have."""
    files = scan(site_dir) if files is None else files
    problems: set[LinkProblem] = set()
    for page, found in files.items():
        for link in found.links:
            scheme = urlsplit(link.url).scheme.lower()
            if scheme in IGNORED_SCHEMES or is_external(link.url):
                continue
            if scheme:
                problems.add(LinkProblem(page, link.line, link.url, f"unexpected scheme '{scheme}:'"))
                continue
            address, fragment = urldefrag(link.url)
            path = unquote(urlsplit(address).path)
            target = page if not path else target_file(site_dir, page, path)
            if target is None:
                problems.add(LinkProblem(page, link.line, link.url, "points outside the site"))
                continue
            if not (site_dir / target).is_file():
                problems.add(LinkProblem(page, link.line, link.url, f"no such file: {target}"))
                continue
            fragment = unquote(fragment)
            if fragment and target.endswith(".html"):
                ids = files[target].ids if target in files else read_html(site_dir / target, target).ids
                if fragment not in ids:
                    problems.add(LinkProblem(page, link.line, link.url,
                                             f"no element with id '{fragment}' in {target}"))
    return sorted(problems)


def check_https(site_dir: Path, files: dict[str, HtmlFile] | None = None) -> list[LinkProblem]:
    """External links that do not use https (readers' traffic must not travel in clear)."""
    files = scan(site_dir) if files is None else files
    return sorted({LinkProblem(page, link.line, link.url, "external link without https: use the https:// address")
                   for page, found in files.items() for link in found.links
                   if is_external(link.url) and urlsplit(link.url).scheme.lower() != "https"})


def external_urls(site_dir: Path, files: dict[str, HtmlFile] | None = None) -> dict[str, list[Link]]:
    """Each external URL of the site (without its fragment) and the places that use it."""
    files = scan(site_dir) if files is None else files
    urls: dict[str, list[Link]] = {}
    for found in files.values():
        for link in found.links:
            if is_external(link.url):
                urls.setdefault(urldefrag(link.url)[0], []).append(link)
    return dict(sorted(urls.items()))


@dataclass(frozen=True)
class Outcome:
    url: str
    ok: bool
    status: int | None
    reason: str


def fetch(url: str, timeout: float = 10.0) -> Outcome:
    """HEAD first; GET when a server refuses HEAD. Redirects are followed."""
    import requests

    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    try:
        with requests.Session() as session:
            response = session.head(url, allow_redirects=True, timeout=(timeout / 2, timeout), headers=headers)
            if response.status_code >= 400:
                response = session.get(url, allow_redirects=True, timeout=(timeout / 2, timeout),
                                       headers=headers, stream=True)
                response.close()
    except requests.exceptions.Timeout:
        return Outcome(url, False, None, f"no answer within {timeout:g} s")
    except requests.exceptions.RequestException as error:
        return Outcome(url, False, None, _short_reason(error))
    ok = response.status_code < 400
    return Outcome(url, ok, response.status_code, "" if ok else f"HTTP {response.status_code} {response.reason}")


_REASONS = (("Failed to resolve", "host not found"), ("Name or service not known", "host not found"),
            ("Connection refused", "connection refused"), ("certificate verify failed", "TLS certificate not valid"),
            ("Max retries exceeded", "cannot connect"))


def _short_reason(error: Exception) -> str:
    text = str(error)
    return next((reason for marker, reason in _REASONS if marker in text), type(error).__name__)


def check_external(urls: list[str], timeout: float = 10.0, workers: int = 8) -> list[Outcome]:
    """Check URLs online, a few at a time; the result keeps the order of the URLs."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda url: fetch(url, timeout), urls))


def summary(problems: list[LinkProblem], places: int = 3) -> list[str]:
    """One line per distinct problem, with the first few places it occurs (the nav repeats a link on every page)."""
    grouped: dict[str, list[LinkProblem]] = {}
    for problem in problems:
        grouped.setdefault(problem.reason, []).append(problem)
    lines = []
    for reason, items in grouped.items():
        where = ", ".join(f"{p.page}:{p.line} ({p.url})" for p in items[:places])
        more = f" and {len(items) - places} more" if len(items) > places else ""
        lines.append(f"{reason}: {where}{more}")
    return lines


# ---------------------------------------------------------------- back to the sources

def html_files(site_path: str) -> list[str]:
    """The HTML files MkDocs may write for a page source (with directory URLs, and without)."""
    stem = site_path.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return [f"{stem}.html"]
    return [f"{stem}/index.html", f"{stem}.html"]


def _needles(url: str) -> list[str]:
    """What an author may have typed for a link the build wrote as `url`: the URL itself, its
    fragment, and its last path segment (a page's name, without .html or .md)."""
    address, fragment = urldefrag(url)
    needles = [url]
    if fragment:
        needles.append(f"#{fragment}")
    segments = [s for s in urlsplit(address).path.split("/") if s not in ("", ".", "..")]
    if segments:
        name = posixpath.splitext(segments[-1])[0] if segments[-1].endswith((".html", ".md")) else segments[-1]
        if name != "index" and len(name) >= 3:
            needles.append(name)
    return needles


def line_in_source(text: str, url: str) -> int | None:
    """The line of a page's source where the link `url` of its built page was most likely written:
    the first line with a link that holds the URL, its fragment or its page name; None if none does."""
    lines = text.split("\n")
    for needle in _needles(url):
        for wanted in (lambda line: "](" in line or "href" in line or "]:" in line, lambda line: True):
            for number, line in enumerate(lines, 1):
                if needle in line and wanted(line):
                    return number
    return None


def source_place(problem: LinkProblem, sources: dict[str, tuple[str, str]]) -> tuple[str | None, int | None]:
    """(source file, line) of a problem found in the built site, for an annotation on the page the
    author edits. `sources` maps a built HTML file to (its source, the source's text). A link the
    source does not hold (the navigation, a theme's link) gives (None, None)."""
    found = sources.get(problem.page)
    if found is None:
        return None, None
    path, text = found
    line = line_in_source(text, problem.url)
    return (path, line) if line is not None else (None, None)
