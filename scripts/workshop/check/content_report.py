"""The content report: how much each page asks of a reader, and what the Learn pages repeat.

Each finding should be taught once, on its home page, and referred to elsewhere in a sentence
and a link. This report measures that from the one model: words, citations and distinct
sources per page, the sources cited on more than three Learn pages, the figures stated on
more than one Learn page, and the reading ease of each page and its 'In brief' summary.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from workshop.model import readability
from workshop.model.bibliography import cited_keys
from workshop.model.site import Site

LEARN = "learn/"
SPREAD_LIMIT = 3                     # a source cited on more Learn pages than this is listed
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s?%)?(?![\w])(?!\s*(?:minutes|min)\b)")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class PageFigures:
    path: str
    words: int
    citations: int
    sources: int
    reading_ease: float
    summary_ease: float | None


@dataclass
class Report:
    pages: list[PageFigures]
    spread: dict[str, list[str]]       # source key -> Learn pages citing it (more than SPREAD_LIMIT)
    repeated: dict[str, list[str]]     # a figure -> Learn pages stating it (more than one)

    def totals(self) -> tuple[int, int]:
        learn = [p for p in self.pages if p.path.startswith(LEARN)]
        return sum(p.words for p in learn), sum(p.citations for p in learn)


def _figures(prose: str) -> set[str]:
    """Figures a reader would recognise again: not years, not single digits, not list numbers."""
    found = set()
    for match in _NUMBER.finditer(prose):
        number, percent = match.group(1), match.group(2) or ""
        if _YEAR.match(number) or (not percent and len(number.replace(",", "")) < 2):
            continue
        found.add(number + ("%" if percent else ""))
    return found


def build(site: Site) -> Report:
    pages: list[PageFigures] = []
    cited_on: dict[str, set[str]] = defaultdict(set)
    stated_on: dict[str, set[str]] = defaultdict(set)
    for page in site.in_nav_order():
        if not page.readable or page.notebook or page.site_path is None:
            continue
        prose = readability.plain(page.prose)
        keys = [key for key, _ in cited_keys(page.prose)]
        summary = readability.find_summary(page.body, page.body_line)
        pages.append(PageFigures(
            path=page.site_path, words=len(prose.split()), citations=len(keys), sources=len(set(keys)),
            reading_ease=readability.reading_ease(page.prose) if prose.strip() else 0.0,
            summary_ease=summary.reading_ease if summary else None))
        if page.site_path.startswith(LEARN):
            for key in set(keys):
                cited_on[key].add(page.site_path)
            for figure in _figures(prose):
                stated_on[figure].add(page.site_path)
    spread = {k: sorted(v) for k, v in sorted(cited_on.items()) if len(v) > SPREAD_LIMIT}
    repeated = {k: sorted(v) for k, v in sorted(stated_on.items(), key=lambda kv: (-len(kv[1]), kv[0])) if len(v) > 1}
    return Report(pages, spread, repeated)


def markdown(report: Report) -> str:
    words, citations = report.totals()
    lines = [f"The nine Learn pages hold {words:,} words and {citations} citations. Reading ease is Flesch's "
             "(60 or more reads easily for a general adult; academic prose scores 20 to 40).", "",
             "| Page | Words | Citations | Distinct sources | Reading ease | 'In brief' reading ease |",
             "|---|---:|---:|---:|---:|---:|"]
    for p in report.pages:
        summary = f"{p.summary_ease:.0f}" if p.summary_ease is not None else ""
        lines.append(f"| `{p.path}` | {p.words:,} | {p.citations} | {p.sources} | {p.reading_ease:.0f} | {summary} |")
    lines += ["", f"Sources cited on more than {SPREAD_LIMIT} Learn pages:", ""]
    lines += [f"- `{key}`: {len(where)} pages ({', '.join(where)})" for key, where in report.spread.items()] or ["- none"]
    lines += ["", "Figures stated on more than one Learn page (years and single digits left out):", ""]
    lines += [f"- {figure}: {', '.join(where)}" for figure, where in report.repeated.items()] or ["- none"]
    return "\n".join(lines) + "\n"
