"""Printed handouts: each handout page of the built site printed to PDF by Chromium, as a reader would.

Printing the real page with the site's print stylesheet keeps one source for screen and paper, and
checks what matters on the day: the page count against the handout's page_budget on both A4 and
US Letter. A manifest records which source each PDF was printed from, so that the build publishes
a PDF (and links to it) only while it still matches its handout.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .pages import Page
from .problems import Problems
from .site import Site

HANDOUT_KIND = "handout"
DEFAULT_OUT = Path("build") / "handouts"
MANIFEST = "handouts.json"
PUBLISHED_DIR = "exercises/handouts/pdf"   # where the build puts published PDFs in the site


@dataclass(frozen=True)
class Paper:
    key: str        # a4, letter: folder and file names
    format: str     # the name Chromium knows
    label: str      # the name readers know


PAPERS = {"a4": Paper("a4", "A4", "A4"), "letter": Paper("letter", "Letter", "US Letter")}


@dataclass(frozen=True)
class Handout:
    page: Page
    title: str
    budget: int | None
    slug: str
    url: str        # path of the built page, from the site's root, without a leading slash

    def pdf_name(self) -> str:
        return f"{self.slug}.pdf"


@dataclass(frozen=True)
class Printed:
    handout: Handout
    paper: Paper
    path: Path
    pages: int


def page_url(site_path: str, directory_urls: bool = True) -> str:
    """The URL path MkDocs gives a page source, e.g. exercises/handouts/brief.md -> exercises/handouts/brief/."""
    stem = site_path.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def handouts(site: Site) -> list[Handout]:
    """The handouts in navigation order, as the site's pages of kind handout declare them."""
    directory_urls = site.config.raw.get("use_directory_urls", True) is not False
    found = []
    for page in site.in_nav_order():
        if page.kind != HANDOUT_KIND or page.site_path is None:
            continue
        budget = page.meta.get("page_budget")
        valid = isinstance(budget, int) and not isinstance(budget, bool) and budget >= 1
        found.append(Handout(page=page, title=page.title, budget=budget if valid else None,
                             slug=Path(page.site_path).stem, url=page_url(page.site_path, directory_urls)))
    return found


def missing_pages(site_dir: Path, items: list[Handout]) -> list[Handout]:
    """Handouts whose page is not in a built site (built before they were added)."""
    def built(handout: Handout) -> Path:
        return site_dir / (handout.url if handout.url.endswith(".html") else f"{handout.url}index.html")
    return [handout for handout in items if not built(handout).is_file()]


def fingerprint(site: Site, handout: Handout) -> str:
    """What a printed handout depends on: its source and the site's stylesheets."""
    digest = hashlib.sha256(handout.page.path.read_bytes())
    for css in site.config.raw.get("extra_css") or []:
        path = site.config.docs_dir / str(css)
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def open_handout(tab, base_url: str, handout: Handout) -> None:
    """Load a built handout page in the browser tab, with its fonts, ready to print."""
    response = tab.goto(f"{base_url.rstrip('/')}/{handout.url}", wait_until="load")
    if response is None or not response.ok:
        status = response.status if response is not None else "no response"
        raise FileNotFoundError(f"the built site has no page /{handout.url} for {handout.page.rel} "
                                f"({status}); build the site again")
    tab.evaluate("document.fonts.ready.then(() => true)")


def print_pdf(tab, paper: Paper) -> bytes:
    """Print the open page as a browser's print dialog would. The stylesheet may not fix a paper
    size: preferring the CSS size here makes such a rule show up as the wrong paper."""
    return tab.pdf(format=paper.format, print_background=False, prefer_css_page_size=True)


def check_budget(printed: Printed, problems: Problems) -> bool:
    """Add a problem when the handout prints on more pages than its budget; True when within it."""
    budget = printed.handout.budget
    if budget is None or printed.pages <= budget:
        return True
    page = printed.handout.page
    problems.add("handout-over-budget", page.rel, page.line_of("page_budget"), pages=printed.pages,
                 paper=printed.paper.label, budget=budget, over=printed.pages - budget,
                 more="page" if printed.pages - budget == 1 else "pages")
    return False


def clear_output(out_dir: Path) -> None:
    """Remove the PDFs and manifest of an earlier run (only files of the names written here)."""
    for paper in PAPERS.values():
        for old in (out_dir / paper.key).glob("*.pdf"):
            old.unlink()
        pack = out_dir / pack_name(paper)
        if pack.exists():
            pack.unlink()
    if (out_dir / MANIFEST).exists():
        (out_dir / MANIFEST).unlink()


def pack_name(paper: Paper) -> str:
    return f"workshop-pack-{paper.key}.pdf"


def print_handouts(site: Site, base_url: str, browser, out_dir: Path, papers: list[Paper],
                   say: Callable[[str], None] = print) -> tuple[list[Printed], Problems]:
    """Print every handout on every paper into out_dir/<paper>/, saying how many pages each took."""
    problems = Problems()
    printed: list[Printed] = []
    items = handouts(site)
    for paper in papers:
        (out_dir / paper.key).mkdir(parents=True, exist_ok=True)
    tab = browser.new_page()
    try:
        for number, handout in enumerate(items, 1):
            parts = []
            open_handout(tab, base_url, handout)
            for paper in papers:
                pdf = print_pdf(tab, paper)
                path = out_dir / paper.key / handout.pdf_name()
                path.write_bytes(pdf)
                result = Printed(handout, paper, path, page_count(pdf))
                printed.append(result)
                within = check_budget(result, problems)
                parts.append(f"{paper.label} {result.pages} page{'s' if result.pages != 1 else ''}"
                             + ("" if within else f" (over its budget of {handout.budget})"))
            say(f"Printing {number}/{len(items)}: {handout.title} ... {', '.join(parts)}")
    finally:
        tab.close()
    return printed, problems


def write_pack(site: Site, printed: list[Printed], paper: Paper, out_dir: Path) -> Path:
    """All handouts printed on one paper, in navigation order, in one PDF with a bookmark for each."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for item in printed:
        if item.paper == paper:
            writer.append(str(item.path), outline_item=item.handout.title, import_outline=False)
    short = site.config.workshop.get("short_title") or site.config.site_name
    writer.add_metadata({"/Title": f"{short}: handouts ({paper.label})"})
    path = out_dir / pack_name(paper)
    with path.open("wb") as stream:
        writer.write(stream)
    writer.close()
    return path


def write_manifest(site: Site, printed: list[Printed], out_dir: Path) -> Path:
    """Record which source each PDF was printed from, for the build to publish the PDFs still current."""
    entries: dict[str, dict] = {}
    for item in printed:
        handout = item.handout
        entry = entries.setdefault(handout.page.site_path, {
            "source": handout.page.rel, "title": handout.title,
            "fingerprint": fingerprint(site, handout), "pdfs": {}, "pages": {}})
        entry["pdfs"][item.paper.key] = item.path.relative_to(out_dir).as_posix()
        entry["pages"][item.paper.key] = item.pages
    path = out_dir / MANIFEST
    data = {"printed": time.strftime("%Y-%m-%dT%H:%M:%S"), "handouts": entries}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class PublishedPdf:
    paper: Paper
    source: Path    # the PDF on disk
    uri: str        # where it goes in the site


def published_pdfs(site: Site, out_dir: Path | None = None) -> tuple[dict[str, list[PublishedPdf]], list[str]]:
    """The printed PDFs that still match their handouts, by page site_path, and notes on any left out."""
    out_dir = out_dir or site.config.root / DEFAULT_OUT
    manifest = out_dir / MANIFEST
    if not manifest.is_file():
        return {}, []
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8")).get("handouts", {})
    except (OSError, ValueError, AttributeError):
        return {}, [f"{manifest}: unreadable, so no handout PDFs are published; run 'make handouts'"]
    result: dict[str, list[PublishedPdf]] = {}
    notes = []
    for handout in handouts(site):
        entry = entries.get(handout.page.site_path)
        if not isinstance(entry, dict):
            continue
        if entry.get("fingerprint") != fingerprint(site, handout):
            notes.append(f"{handout.page.rel}: changed since its PDF was printed, so the PDF is not "
                         "published; run 'make handouts'")
            continue
        pdfs = []
        for key, paper in PAPERS.items():
            source = out_dir / str((entry.get("pdfs") or {}).get(key, ""))
            if source.is_file() and source.suffix == ".pdf":
                pdfs.append(PublishedPdf(paper, source, f"{PUBLISHED_DIR}/{handout.slug}-{key}.pdf"))
        if pdfs:
            result[handout.page.site_path] = pdfs
    return result, notes
