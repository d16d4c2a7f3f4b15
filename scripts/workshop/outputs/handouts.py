"""Printed handouts: each handout page of the built site printed to PDF by Chromium, as a reader would.

Printing the real page with the site's print stylesheet keeps one source for screen and paper, and
checks what matters on the day: the page count against the handout's page_budget on both A4 and
US Letter, and a last page that is not nearly empty. The PDFs are tagged for screen readers
(headings, lists, tables, reading order), with bookmarks, the page's language and the handout's title.

Nothing is ever lost in the output folder. A run prints every PDF into a temporary file beside its
final name and replaces the old files only once every PDF and pack is complete, so an interrupted
or failed run leaves the previous set whole. A manifest (handouts.json) lists each file the tool
wrote with its SHA-256: only those files are ever replaced or removed, a file of the same name that
the tool did not write (or that was changed since) stops the run before anything is printed, and
files of the other paper size are left as they are. The build publishes a PDF (and links to it)
only while the manifest vouches for it and it still matches its handout.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workshop.model.messages import printable
from workshop.model.pages import Page
from workshop.model.problems import Problems
from workshop.model.site import Site

DEFAULT_OUT = Path("build") / "handouts"
MANIFEST = "handouts.json"
MANIFEST_FORMAT = 2
WRITTEN_BY = "make_handouts"
PUBLISHED_DIR = "exercises/handouts/pdf"   # where the build puts published PDFs in the site
TEMP_SUFFIX = ".handouts-tmp"              # .<name>.<random>.<pid>.handouts-tmp, beside <name>
LAST_PAGE_MIN = 25                         # per cent of the printable height a last page should use


LARGE_PRINT_CLASS = "large-print"          # set on <html> to print with print.css's large-print rules
LARGE_PRINT_PT = 16                        # the smallest type of a large-print handout, in points
LARGE_BUDGET_FACTOR = 2                    # a large-print budget not declared: this many times page_budget


@dataclass(frozen=True)
class Paper:
    key: str        # a4, letter, a4-large, letter-large: folder and file names
    format: str     # the name Chromium knows
    label: str      # the name readers know
    large: bool = False   # large print: every text at LARGE_PRINT_PT or more, participants' handouts only


PAPERS = {"a4": Paper("a4", "A4", "A4"), "letter": Paper("letter", "Letter", "US Letter")}
LARGE_PAPERS = {"a4-large": Paper("a4-large", "A4", "A4 large print", large=True),
                "letter-large": Paper("letter-large", "Letter", "US Letter large print", large=True)}
ALL_PAPERS = {**PAPERS, **LARGE_PAPERS}


def papers_for(choice: str, large: bool = False) -> list[Paper]:
    """The papers a run prints on: 'both', 'a4' or 'letter', in large print or not."""
    keys = list(PAPERS) if choice == "both" else [choice]
    return [ALL_PAPERS[f"{key}-large" if large else key] for key in keys]


@dataclass(frozen=True)
class Handout:
    page: Page
    title: str
    budget: int | None
    slug: str
    url: str        # path of the built page, from the site's root, without a leading slash
    print_for: str = "participant"
    budget_large: int | None = None     # page_budget_large, when the page declares one

    def budget_for(self, paper: Paper) -> int | None:
        """The most pages it may print on, on this paper: page_budget, or in large print
        page_budget_large (by default LARGE_BUDGET_FACTOR times page_budget)."""
        if not paper.large:
            return self.budget
        if self.budget_large is not None:
            return self.budget_large
        return self.budget * LARGE_BUDGET_FACTOR if self.budget is not None else None

    def budget_key(self, paper: Paper) -> str:
        """The front matter key that sets its budget on this paper."""
        return "page_budget_large" if paper.large and "page_budget_large" in self.page.meta else "page_budget"

    @property
    def in_large_print(self) -> bool:
        """Printed in large print: every handout a participant reads (print_for participant or group)."""
        return self.print_for != "facilitator"

    def pdf_name(self) -> str:
        return f"{self.slug}.pdf"

    def pdf_rel(self, paper: Paper) -> str:
        """Where its PDF on this paper goes, from the output folder."""
        return f"{paper.key}/{self.pdf_name()}"


@dataclass(frozen=True)
class Printed:
    handout: Handout
    paper: Paper
    path: Path      # where the PDF is now: its temporary file until the run is committed
    pages: int
    rel: str = ""   # its final place, from the output folder (a4/brief.pdf)
    sha256: str = ""
    last_page_used: int | None = None   # per cent of the last page's printable height; None: one page


def page_url(site_path: str, directory_urls: bool = True) -> str:
    """The URL path MkDocs gives a page source, e.g. exercises/handouts/brief.md -> exercises/handouts/brief/."""
    stem = site_path.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def printed_kind(site: Site, kind: str | None) -> bool:
    """Pages of a kind the configuration marks printed (extra.kinds.<kind>.printed)."""
    settings = site.config.kinds.get(kind) if kind else None
    return bool(settings and settings.printed)


def handouts(site: Site) -> list[Handout]:
    """The pages to print, in navigation order: every page of a printed kind. Each PDF is named
    after its page (brief.pdf), or after its path when two printed pages share a name."""
    directory_urls = site.config.raw.get("use_directory_urls", True) is not False
    pages = [page for page in site.in_nav_order() if printed_kind(site, page.kind) and page.site_path is not None]
    stems = [Path(page.site_path).stem for page in pages]
    found = []
    for page, stem in zip(pages, stems):
        slug = stem if stems.count(stem) == 1 else page.site_path.rsplit(".", 1)[0].replace("/", "-")
        budget, large = (_budget(page.meta.get(key)) for key in ("page_budget", "page_budget_large"))
        audience = page.meta.get("print_for")
        found.append(Handout(page=page, title=page.title, budget=budget, slug=slug,
                             url=page_url(page.site_path, directory_urls),
                             print_for=audience if isinstance(audience, str) else "participant",
                             budget_large=large))
    return found


def _budget(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def to_print(items: list[Handout], paper: Paper) -> list[Handout]:
    """The handouts printed on a paper: all of them, or in large print those participants read."""
    return [handout for handout in items if not paper.large or handout.in_large_print]


def missing_pages(site_dir: Path, items: list[Handout]) -> list[Handout]:
    """Handouts whose page is not in a built site (built before they were added)."""
    def built(handout: Handout) -> Path:
        return site_dir / (handout.url if handout.url.endswith(".html") else f"{handout.url}index.html")
    return [handout for handout in items if not built(handout).is_file()]


# ---------- what a printed handout depends on

# Packages whose version changes what the built page looks like.
RENDERING_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")
# Configuration that only the site's navigation shows, which a printed handout never does.
NAVIGATION_ONLY = ("nav",)
_IMAGE = re.compile(r"""!\[[^\]]*\]\(\s*<?([^)\s>]+)|\bsrc\s*=\s*["']([^"']+)["']""")


def _files_under(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc")


def rendering_inputs(site: Site) -> bytes:
    """A digest of what every page is rendered with: the configuration (all but the navigation,
    which no handout prints), the engine's and the project's templates and assets, the hooks, the
    site's stylesheets and scripts, and the versions of the packages that turn Markdown into the
    page (the engine's own code among them)."""
    from importlib import metadata

    config = site.config
    root = config.root
    digest = hashlib.sha256()
    settings = {key: value for key, value in config.raw.items() if key not in NAVIGATION_ONLY}
    digest.update(json.dumps(settings, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    from workshop.model.engine_files import engine_file

    files: list[Path] = _files_under(engine_file("theme"))
    theme = config.raw.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        files += _files_under(root / theme["custom_dir"])
    files += [root / item for item in config.raw.get("hooks") or [] if isinstance(item, str)]
    for key in ("extra_css", "extra_javascript"):
        for item in config.raw.get(key) or []:
            name = item.get("path") if isinstance(item, dict) else item
            if isinstance(name, str):
                files.append(config.docs_dir / name)
    for path in files:
        digest.update(f"\0{path.name}\0".encode())
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    for package in RENDERING_PACKAGES + ("workshop-site",):

        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"\0{package}=={metadata.version(package)}".encode())
    return digest.digest()


def rendered_markdown(site: Site, page: Page) -> str:
    """The handout's Markdown as the build hands it to MkDocs: generated parts (objective
    statements, rating tables, the workshop's identity) filled in from the configuration and the
    data, citations resolved, references listed, terms and abbreviations explained."""
    from workshop.web.page_output import page_markdown

    try:
        return page_markdown(site, page, page.body)
    except Exception as error:  # noqa: BLE001: a page the build cannot render has no current PDF
        return f"{page.body}\0unrenderable: {type(error).__name__}"


def fingerprint(site: Site, handout: Handout, shared: bytes | None = None) -> str:
    """What a printed handout depends on: its front matter and its Markdown as rendered (so a
    changed objective statement, agenda, glossary term or reference changes it), the images it
    shows, and what every page is rendered with (rendering_inputs: pass it in when
    fingerprinting several handouts)."""
    page = handout.page
    digest = hashlib.sha256(shared if shared is not None else rendering_inputs(site))
    digest.update(json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    digest.update(b"\0" + rendered_markdown(site, page).encode("utf-8"))
    for match in _IMAGE.finditer(page.body):
        target = (match.group(1) or match.group(2)).split("#")[0].split("?")[0]
        if target and "://" not in target and not target.startswith(("data:", "/")):
            image = page.path.parent / target
            with contextlib.suppress(OSError, ValueError):
                if image.is_file():
                    digest.update(f"\0{target}\0".encode() + image.read_bytes())
    return digest.hexdigest()


# ---------- printing and measuring

def open_handout(tab, base_url: str, handout: Handout) -> None:
    """Load a built handout page in the browser tab, with its fonts, ready to print. The document's
    title becomes the handout's own title, which the PDF carries as its title."""
    response = tab.goto(f"{base_url.rstrip('/')}/{handout.url}", wait_until="load")
    if response is None or not response.ok:
        status = response.status if response is not None else "no response"
        raise FileNotFoundError(f"the built site has no page /{handout.url} for {handout.page.rel} "
                                f"({status}); build the site again")
    tab.evaluate("document.fonts.ready.then(() => true)")
    tab.evaluate("title => { document.title = title; }", handout.title)


def print_pdf(tab, paper: Paper, footer: str = "") -> bytes:
    """Print the open page as a browser's print dialog would, tagged for screen readers and with
    bookmarks from its headings (the language comes from the page's lang attribute). The
    stylesheet may not fix a paper size: preferring the CSS size here makes such a rule show up
    as the wrong paper. footer: the running footer's HTML (running_footer), printed in the
    bottom margin of every page."""
    options = {}
    if footer:
        options = {"display_header_footer": True, "header_template": "<span></span>", "footer_template": footer}
    return tab.pdf(format=paper.format, print_background=False, prefer_css_page_size=True,
                   tagged=True, outline=True, **options)


FOOTER_PT = 10


def identity_line(site: Site) -> list[str]:
    """What a printed sheet says of where it comes from: the workshop's short title, its event and
    date, its institution (or organisers) and venue, and the site's address when site_url is set."""
    workshop = site.config.workshop
    title = str(workshop.get("short_title") or workshop.get("title") or site.config.site_name or "").strip()
    event, date = str(workshop.get("event") or "").strip(), str(workshop.get("date") or "").strip()
    when = event if not date or date in event else f"{event}, {date}" if event else date
    who = str(workshop.get("institution") or "").strip()
    if not who and isinstance(workshop.get("organisers"), list):
        who = ", ".join(str(name) for name in workshop["organisers"])
    where = str(workshop.get("venue") or "").strip()
    address = str(site.config.raw.get("site_url") or "").strip()
    return [part for part in (title, when, who, where, address) if part]


def running_footer(site: Site, paper: Paper) -> str:
    """The running footer's HTML for Chromium: the identity line and the page number, every value
    escaped (they come from mkdocs.yml). In large print it is set at the large-print size."""
    from html import escape

    size = LARGE_PRINT_PT if paper.large else FOOTER_PT
    text = " · ".join(escape(part) for part in identity_line(site))
    return (f'<div style="font-family: Helvetica, Arial, sans-serif; font-size: {size}pt; color: #000; '
            f'width: 100%; margin: 0 15mm; display: flex; justify-content: space-between; gap: 4mm;">'
            f'<span>{text}</span><span style="white-space: nowrap;">Page <span class="pageNumber"></span> of '
            f'<span class="totalPages"></span></span></div>')


def _painted_heights(page) -> list[float]:
    """The bottoms and tops (PDF units, from the bottom) of what a page paints: text, stroked or
    filled paths (lines, boxes), images and forms, whose bounds are those of what they paint,
    where the page places them. A clipping path paints nothing and is no object of the page."""
    heights: list[float] = []
    for item in page.get_objects(max_depth=0):
        _, bottom, _, top = item.get_bounds()
        heights += (bottom, top)
    return heights


def measure(pdf: bytes) -> tuple[int, int | None]:
    """The page count, and how much of the last page's printable height its content uses (per
    cent; None for a one-page PDF). The printable area is taken from the first page, whose content
    starts at the top margin; the bottom margin is taken to be the same, and what is printed in it
    (a running footer) does not count. (PDFium reads the pages:
    it measures a handout in milliseconds where a Python reader took a tenth of a second.)"""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        pages = len(document)
        if pages < 2:
            return pages, None
        first, last = document[0], document[pages - 1]
        top = first.get_mediabox()[3]
        bottom_edge, top_edge = last.get_mediabox()[1], last.get_mediabox()[3]
        first_heights = _painted_heights(first)
        margin = max(0.0, top - max(first_heights)) if first_heights else 0.0
        area = (top_edge - bottom_edge) - 2 * margin
        # What stands in the bottom margin (the running footer) is no content of the page.
        last_heights = [h for h in _painted_heights(last) if h >= bottom_edge + margin * 0.9]
        if not last_heights or area <= 0:
            return pages, 0
        used = (top_edge - margin - min(last_heights)) / area
        return pages, round(100 * min(max(used, 0.0), 1.0))
    finally:
        document.close()


def check_budget(printed: Printed, problems: Problems) -> bool:
    """Add a problem when the handout prints on more pages than its budget; True when within it."""
    budget = printed.handout.budget_for(printed.paper)
    if budget is None or printed.pages <= budget:
        return True
    page = printed.handout.page
    key = printed.handout.budget_key(printed.paper)
    declared = key in page.meta and (key != "page_budget" or not printed.paper.large)
    problems.add("handout-over-budget", page.rel, page.line_of(key), pages=printed.pages,
                 paper=printed.paper.label, budget=budget, over=printed.pages - budget,
                 more="page" if printed.pages - budget == 1 else "pages",
                 key=key if declared else f"large-print budget (by default {LARGE_BUDGET_FACTOR} times page_budget)",
                 raise_key="page_budget_large" if printed.paper.large else "page_budget")
    return False


def check_type(printed: Printed, sizes, problems: Problems, floor: float = LARGE_PRINT_PT) -> bool:
    """Add a problem when a large-print handout prints any text under floor; True when it does not."""
    if not printed.paper.large:
        return True
    small = sizes.below(floor)
    if not small:
        return True
    page = printed.handout.page
    size = small[0]
    problems.add("handout-type-too-small", page.rel, page.line_of("print_for"), paper=printed.paper.label,
                 size=f"{size:g}", floor=f"{floor:g}", sample=" ".join(sizes.samples.get(size, "").split()),
                 page=sizes.pages.get(size, 1), count=len(small))
    return False


def check_last_page(printed: Printed, problems: Problems, least: int = LAST_PAGE_MIN) -> bool:
    """Add a problem when the handout spills onto a nearly empty last page; True when it does not."""
    used = printed.last_page_used
    if used is None or used >= least:
        return True
    page = printed.handout.page
    problems.add("handout-last-page-nearly-empty", page.rel, page.line_of("page_budget"),
                 paper=printed.paper.label, pages=printed.pages, used=used, least=least)
    return False


# ---------- the output folder, written as one transaction

class OutputConflict(Exception):
    """The output folder holds files this tool did not write where it would write; nothing was changed."""


class Interrupted(KeyboardInterrupt):
    """A termination signal arrived (SIGTERM); handled like Ctrl-C. Like Ctrl-C it passes through
    the event loop that drives the browser: asyncio lets only KeyboardInterrupt and SystemExit out
    of a callback, and would log and drop any other exception raised there, and the run go on."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def pack_name(paper: Paper, audience: str | None = None) -> str:
    """The file name of the whole set's pack on a paper (workshop-pack-a4.pdf), or of one audience's."""
    from workshop.outputs.handout_packs import pack_name as name

    return name(paper, audience)


def _paper_of(rel: str) -> str | None:
    """The paper a file of the output folder belongs to (a4/x.pdf, a4-large/x.pdf,
    workshop-pack-a4.pdf, workshop-pack-group-a4.pdf)."""
    from workshop.outputs.handout_packs import pack_names

    for key, paper in ALL_PAPERS.items():
        if rel.startswith(f"{key}/") or rel in pack_names(paper):
            return key
    return None


def _safe_rel(rel: object) -> bool:
    """A path the manifest may name: relative, inside the output folder, a PDF."""
    if not isinstance(rel, str) or not rel.endswith(".pdf") or "\\" in rel or "\0" in rel:
        return False
    parts = rel.split("/")
    return not rel.startswith("/") and all(part not in ("", ".", "..") for part in parts)


@dataclass
class Manifest:
    """What handouts.json says: the files this tool wrote (with the hashes they may have) and,
    for each handout, its PDFs with the fingerprint of what each was printed from."""
    files: dict[str, list[str]] = field(default_factory=dict)   # rel -> the hashes its content may have
    handouts: dict[str, dict] = field(default_factory=dict)
    printed: str = ""

    def to_json(self) -> str:
        data = {"written_by": WRITTEN_BY, "format": MANIFEST_FORMAT, "printed": self.printed,
                "files": {rel: {"sha256": hashes} for rel, hashes in sorted(self.files.items())},
                "handouts": self.handouts}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_manifest(out_dir: Path) -> Manifest:
    """The manifest of the output folder (empty when there is none). A file of that name that is not
    a manifest of this tool raises OutputConflict: it is someone else's and is never replaced."""
    path = out_dir / MANIFEST
    if not path.exists() and not path.is_symlink():
        return Manifest()
    try:
        if not path.is_file() or path.is_symlink():
            raise ValueError("not a regular file")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("handouts"), dict):
            raise ValueError("not a manifest")
        if data.get("written_by") != WRITTEN_BY and set(data) != {"printed", "handouts"}:
            raise ValueError("not a manifest")
    except (OSError, ValueError) as error:
        raise OutputConflict(f"{printable(path)}: not a manifest written by make handouts ({printable(error)}); it is left "
                             "as it is: move it, or choose another folder with --out") from None
    manifest = Manifest(printed=str(data.get("printed") or ""))
    entries = data["handouts"]
    if data.get("written_by") == WRITTEN_BY and isinstance(data.get("files"), dict):
        for rel, entry in data["files"].items():
            hashes = entry.get("sha256") if isinstance(entry, dict) else None
            if _safe_rel(rel) and isinstance(hashes, list) and all(isinstance(h, str) for h in hashes):
                manifest.files[rel] = list(hashes)
        manifest.handouts = {key: entry for key, entry in entries.items()
                             if isinstance(key, str) and isinstance(entry, dict)}
    else:
        # The first format listed each handout's PDFs but no hashes, and not the packs by name:
        # the files it names are taken as they are now.
        named = [pack_name(paper) for paper in PAPERS.values()]   # that format knew no other pack
        for entry in entries.values():
            pdfs = entry.get("pdfs") if isinstance(entry, dict) else None
            named += [rel for rel in (pdfs.values() if isinstance(pdfs, dict) else []) if _safe_rel(rel)]
        for rel in named:
            path = out_dir / rel
            if path.is_file() and not path.is_symlink():
                manifest.files[rel] = [sha256_of(path)]
    return manifest


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while the block runs (a few renames), then act on them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    # A signal the process ignores (nohup, a job started with & in a script) stays ignored.
    previous = {number: signal.signal(number, lambda n, _frame: caught.append(n))
                for number in (signal.SIGINT, signal.SIGTERM)
                if signal.getsignal(number) is not signal.SIG_IGN}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            if caught[0] == signal.SIGINT:
                raise KeyboardInterrupt
            raise Interrupted


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a small file (the manifest) through a temporary file and a rename."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=f".{os.getpid()}{TEMP_SUFFIX}")
    try:
        os.chmod(name, _file_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


@dataclass
class Committed:
    written: list[str]      # files replaced or added, from the output folder
    removed: list[str]      # stale files this tool wrote earlier, removed
    kept: list[str]         # stale files changed since they were written, left in place


class OutputFolder:
    """The output folder as one transaction: stage every new file under a temporary name beside its
    final one, then commit (replace them all, remove the stale files of the papers printed, write
    the manifest) or, on any failure or interruption, discard the temporary files and leave the
    folder as it was. Use it as a context manager so that the temporary files go on every path."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.manifest = read_manifest(out_dir)
        self.staged: dict[str, Path] = {}          # final rel -> temporary file
        self.state = "open"                         # open, committing, committed

    def unchanged_note(self) -> str:
        """What a run that stops now leaves in the output folder, in words."""
        if self.state == "committed":
            return "the new PDFs are in place"
        if self.state == "committing":
            return (f"some PDFs in {self.out_dir} may be new and others old; run 'make handouts' again "
                    "(the manifest lists both)")
        return "no PDF was changed"

    # -- before printing
    def owns(self, rel: str) -> bool:
        """The file was written by this tool and has not been changed since."""
        if rel not in self.manifest.files:
            return False
        hashes = self.manifest.files[rel]
        path = self.out_dir / rel
        if path.is_symlink() or not path.is_file():
            return False
        return sha256_of(path) in hashes

    def conflicts(self, targets: Iterable[str]) -> list[str]:
        """Targets taken by a file this tool did not write, or changed since it wrote it."""
        found = []
        for rel in targets:
            path = self.out_dir / rel
            if (path.exists() or path.is_symlink()) and not self.owns(rel):
                found.append(rel)
        return found

    def check(self, targets: Iterable[str]) -> None:
        """Raise OutputConflict, naming each file, when a target would replace a file not ours."""
        found = self.conflicts(targets)
        if found:
            listed = "\n".join(f"  {printable(self.out_dir / rel)}" for rel in found)
            raise OutputConflict(f"{self.out_dir}: make handouts did not write these files (or they "
                                 f"changed since), so it will not replace them:\n{listed}\nMove them, "
                                 "or choose another folder with --out; nothing was changed")

    def remove_leftovers(self) -> list[Path]:
        """Remove temporary files of earlier runs that were killed outright (their process is gone)."""
        removed = []
        folders = [self.out_dir, *(self.out_dir / key for key in ALL_PAPERS)]
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in folder.glob(f".*{TEMP_SUFFIX}"):
                pid = path.name[: -len(TEMP_SUFFIX)].rsplit(".", 1)[-1]
                if pid.isdigit() and not _alive(int(pid)) and path.is_file() and not path.is_symlink():
                    with contextlib.suppress(OSError):
                        path.unlink()
                        removed.append(path)
        return removed

    # -- printing
    def temporary(self, rel: str) -> Path:
        """A new empty temporary file beside the final place of rel, to be filled by the caller."""
        final = self.out_dir / rel
        final.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.",
                                        suffix=f".{os.getpid()}{TEMP_SUFFIX}")
        os.close(handle)
        os.chmod(name, _file_mode())
        old = self.staged.pop(rel, None)
        if old is not None:
            with contextlib.suppress(OSError):
                old.unlink()
        self.staged[rel] = Path(name)
        return Path(name)

    def stage(self, rel: str, data: bytes) -> Path:
        path = self.temporary(rel)
        with path.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        return path

    # -- the end
    def discard(self) -> None:
        """Remove this run's temporary files: those staged, and any whose name was not yet
        recorded when an interruption came (they carry this process's id)."""
        leftovers = list(self.staged.values())
        for folder in (self.out_dir, *(self.out_dir / key for key in ALL_PAPERS)):
            with contextlib.suppress(OSError):
                leftovers += folder.glob(f".*.{os.getpid()}{TEMP_SUFFIX}")
        for path in leftovers:
            with contextlib.suppress(OSError):
                path.unlink()
        self.staged.clear()

    def __enter__(self) -> "OutputFolder":
        return self

    def __exit__(self, *exc) -> None:
        self.discard()

    def commit(self, papers: list[Paper], handout_entries: dict[str, dict]) -> Committed:
        """Replace the old files by the staged ones, remove stale files of the papers printed (only
        those the manifest lists and that are unchanged), and write the manifest.

        handout_entries: for each handout printed, by site path, its source, title and, by paper,
        its PDF (rel), page count and fingerprint. Entries of papers not printed stay as they were.
        """
        self.check(self.staged)   # a file put in place of one of ours while printing is kept too
        keys = {paper.key for paper in papers}
        hashes = {rel: sha256_of(path) for rel, path in self.staged.items()}
        stale = [rel for rel in self.manifest.files if rel not in self.staged and _paper_of(rel) in keys]
        removable, kept = [], []
        for rel in stale:
            path = self.out_dir / rel
            if not path.exists() and not path.is_symlink():
                continue
            (removable if self.owns(rel) else kept).append(rel)

        final = Manifest(printed=time.strftime("%Y-%m-%dT%H:%M:%S"))
        final.files = {rel: value for rel, value in self.manifest.files.items()
                       if rel not in stale and rel not in hashes}
        final.files.update({rel: [digest] for rel, digest in hashes.items()})
        final.handouts = _merge_entries(self.manifest.handouts, handout_entries, keys)

        # While the files are renamed, the manifest accepts the old and the new content of each,
        # so that a run killed outright (SIGKILL, power cut) still leaves every file owned.
        between = Manifest(printed=self.manifest.printed, handouts=self.manifest.handouts)
        between.files = dict(self.manifest.files)
        for rel, digest in hashes.items():
            between.files[rel] = [*(between.files.get(rel) or []), digest]

        self.state = "committing"
        with signals_deferred():
            _write_atomically(self.out_dir / MANIFEST, between.to_json().encode("utf-8"))
            for rel, path in self.staged.items():
                os.replace(path, self.out_dir / rel)
            self.staged.clear()
            removed = []
            for rel in removable:
                with contextlib.suppress(FileNotFoundError):
                    (self.out_dir / rel).unlink()
                    removed.append(rel)
            _write_atomically(self.out_dir / MANIFEST, final.to_json().encode("utf-8"))
            self.manifest = final
            self.state = "committed"
        return Committed(written=sorted(hashes), removed=removed, kept=kept)


def _file_mode() -> int:
    """The mode a new file gets from open() (temporary files start private)."""
    mask = os.umask(0o22)
    os.umask(mask)
    return 0o666 & ~mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _merge_entries(old: dict[str, dict], new: dict[str, dict], keys: set[str]) -> dict[str, dict]:
    """Handout entries after a run: the papers printed come from this run, the others stay."""
    merged: dict[str, dict] = {}
    for site_path in [*old, *(key for key in new if key not in old)]:
        before = old.get(site_path) if isinstance(old.get(site_path), dict) else {}
        now = new.get(site_path, {})
        entry = {"source": now.get("source", before.get("source")), "title": now.get("title", before.get("title")),
                 "pdfs": {}, "pages": {}, "fingerprints": {}}
        for part in ("pdfs", "pages", "fingerprints"):
            kept = before.get(part) if isinstance(before.get(part), dict) else {}
            entry[part].update({k: v for k, v in kept.items() if k not in keys})
            entry[part].update(now.get(part, {}))
        if entry["pdfs"]:
            merged[site_path] = entry
    return merged


def handout_entries(site: Site, printed: list[Printed]) -> dict[str, dict]:
    """The manifest's entries for the handouts printed in this run."""
    shared = rendering_inputs(site)
    entries: dict[str, dict] = {}
    for item in printed:
        handout = item.handout
        entry = entries.setdefault(handout.page.site_path, {
            "source": handout.page.rel, "title": handout.title, "pdfs": {}, "pages": {},
            "fingerprints": {}})
        entry["pdfs"][item.paper.key] = item.rel
        entry["pages"][item.paper.key] = item.pages
        entry["fingerprints"][item.paper.key] = fingerprint(site, handout, shared)
    return entries


# ---------- a run

def print_handouts(site: Site, base_url: str, browser, output: OutputFolder, papers: list[Paper],
                   say: Callable[[str], None] = print) -> tuple[list[Printed], Problems]:
    """Print every handout on every paper into temporary files of the output folder, saying how
    many pages each took and the range of its type sizes; commit the output folder to put them in
    place. A large-print paper prints only the handouts participants read, with the class
    LARGE_PRINT_CLASS on the page, and reports any text under LARGE_PRINT_PT."""
    from workshop.outputs.handout_type import type_sizes

    problems = Problems()
    printed: list[Printed] = []
    items = [handout for handout in handouts(site) if any(handout in to_print([handout], p) for p in papers)]
    footers = {paper.key: running_footer(site, paper) for paper in papers}
    tab = browser.new_page()
    try:
        for number, handout in enumerate(items, 1):
            parts, types = [], ""
            open_handout(tab, base_url, handout)
            for paper in papers:
                if not to_print([handout], paper):
                    continue
                tab.evaluate("([name, on]) => document.documentElement.classList.toggle(name, on)",
                             [LARGE_PRINT_CLASS, paper.large])
                pdf = print_pdf(tab, paper, footers[paper.key])
                rel = handout.pdf_rel(paper)
                pages, used = measure(pdf)
                sizes = type_sizes(pdf)
                types = types or sizes.range_text()
                path = output.stage(rel, pdf)
                result = Printed(handout, paper, path, pages, rel, hashlib.sha256(pdf).hexdigest(), used)
                printed.append(result)
                notes = []
                if not check_budget(result, problems):
                    notes.append(f"over its budget of {handout.budget_for(paper)}")
                if not check_last_page(result, problems):
                    notes.append(f"last page {used} % used")
                if not check_type(result, sizes, problems):
                    notes.append(f"text at {sizes.smallest:g} pt")
                parts.append(f"{paper.label} {result.pages} page{'s' if result.pages != 1 else ''}"
                             + (f" ({'; '.join(notes)})" if notes else ""))
            say(f"Printing {number}/{len(items)}: {handout.title} ... {', '.join(parts)}"
                + (f"; {types}" if types else ""))
    finally:
        with contextlib.suppress(Exception):
            tab.close()
    return printed, problems


def write_pack(site: Site, printed: list[Printed], paper: Paper, output: OutputFolder) -> Path:
    """All handouts printed on one paper, in navigation order, each starting on a right-hand page,
    in one PDF with a bookmark for each, staged in the output folder (handout_packs.py)."""
    from workshop.outputs.handout_packs import write_pack as write

    return write(site, printed, paper, output)


def write_packs(site: Site, printed: list[Printed], paper: Paper, output: OutputFolder) -> dict[str, int]:
    """The whole set and a pack for each audience (print_for) on one paper, staged; pages by file name."""
    from workshop.outputs.handout_packs import write_packs as write

    return write(site, printed, paper, output)


def targets(items: list[Handout], papers: list[Paper]) -> list[str]:
    """Every file a run on these papers writes, from the output folder (the manifest aside)."""
    from workshop.outputs.handout_packs import pack_names

    audiences = {handout.print_for for handout in items}
    return [*(h.pdf_rel(p) for p in papers for h in to_print(items, p)),
            *(name for p in papers for name in pack_names(p, audiences))]


# ---------- publishing with the site

@dataclass(frozen=True)
class PublishedPdf:
    paper: Paper
    source: Path    # the PDF on disk
    uri: str        # where it goes in the site


def published_pdfs(site: Site, out_dir: Path | None = None) -> tuple[dict[str, list[PublishedPdf]], list[str]]:
    """The printed PDFs that still match their handouts, by page site_path, and notes on any left
    out. A PDF is published only when the manifest vouches for its content (its hash) and for what
    it was printed from (its fingerprint)."""
    out_dir = out_dir or site.config.root / DEFAULT_OUT
    if not (out_dir / MANIFEST).is_file():
        return {}, []
    try:
        manifest = read_manifest(out_dir)
    except OutputConflict:
        return {}, [f"{out_dir / MANIFEST}: unreadable, so no handout PDFs are published; run 'make handouts'"]
    result: dict[str, list[PublishedPdf]] = {}
    notes = []
    shared = None
    for handout in handouts(site):
        entry = manifest.handouts.get(handout.page.site_path)
        if not isinstance(entry, dict):
            continue
        pdfs_of = entry.get("pdfs") if isinstance(entry.get("pdfs"), dict) else {}
        prints_of = entry.get("fingerprints") if isinstance(entry.get("fingerprints"), dict) else {}
        if shared is None:
            shared = rendering_inputs(site)
        current = fingerprint(site, handout, shared)
        pdfs, changed = [], []
        for key, paper in ALL_PAPERS.items():
            rel = pdfs_of.get(key)
            if not _safe_rel(rel) or not manifest.files.get(rel):
                continue
            source = out_dir / rel
            if prints_of.get(key) != current:
                changed.append(paper.label)
            elif source.is_file() and not source.is_symlink() and sha256_of(source) in manifest.files[rel]:
                pdfs.append(PublishedPdf(paper, source, f"{PUBLISHED_DIR}/{handout.slug}-{key}.pdf"))
        if changed:
            notes.append(f"{handout.page.rel}: changed since its PDF ({', '.join(changed)}) was printed, "
                         "so that PDF is not published; run 'make handouts'")
        if pdfs:
            result[handout.page.site_path] = pdfs
    return result, notes
