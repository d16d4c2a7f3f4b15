"""The content report: how much each page asks of a reader, and what the Learn pages repeat.

Each finding should be taught once, on its home page, and referred to elsewhere in a sentence
and a link. This report measures that from the one model: words, citations and distinct
sources per page, the sources cited on more than three Learn pages, the figures stated on
more than one Learn page, and the reading ease of each page, its 'In brief' summary and the
glossary's definitions. Reading ease is given twice: by the measure the checker uses (dictionary
syllables, unrounded: model/readability.py) and by textstat 0.7.3, the earlier measure, whose
rounding and hyphenation flatter a text, so that a reader of the figures sees the difference.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from workshop.model import readability
from workshop.model.bibliography import cited_keys
from workshop.model.language import Language, of_config
from workshop.model.site import Site

LEARN = "learn/"
SPREAD_LIMIT = 3                     # a source cited on more Learn pages than this is listed
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s?%)?(?![\w])(?!\s*(?:minutes|min)\b)")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class Ease:
    """One text's reading ease by both measures."""
    dictionary: float
    textstat: float

    @classmethod
    def of(cls, text: str, language: Language) -> "Ease":
        return cls(readability.reading_ease(text, language), readability.textstat_reading_ease(text, language))


@dataclass(frozen=True)
class PageFigures:
    path: str
    words: int
    citations: int
    sources: int
    reading_ease: Ease | None
    summary_ease: Ease | None
    plain_page: bool = False


@dataclass(frozen=True)
class GlossaryFigures:
    terms: int
    definitions: Ease | None            # every full definition, read as one text
    plain: Ease | None                  # every plain definition, read as one text
    plain_terms: int
    hardest: list[tuple[str, Ease]]     # the plain definitions that read least easily, hardest first


@dataclass
class Report:
    pages: list[PageFigures]
    spread: dict[str, list[str]]       # source key -> Learn pages citing it (more than SPREAD_LIMIT)
    repeated: dict[str, list[str]]     # a figure -> Learn pages stating it (more than one)
    glossary: GlossaryFigures | None = None
    language: str = ""
    limit: float = 60

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


def _glossary(site: Site, language: Language) -> GlossaryFigures | None:
    terms = site.glossary.terms
    if not terms:
        return None
    plain = [t for t in terms if t.plain]
    measured = sorted(((t.term, Ease.of(t.plain, language)) for t in plain), key=lambda te: te[1].dictionary)
    return GlossaryFigures(
        terms=len(terms),
        definitions=Ease.of(" ".join(t.definition for t in terms), language),
        plain=Ease.of(" ".join(t.plain for t in plain), language) if plain else None,
        plain_terms=len(plain),
        hardest=measured[:5])


def build(site: Site) -> Report:
    language = of_config(site.config)
    limits = readability.settings(site.config)
    plain_pages = set(limits["plain_pages"])
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
            reading_ease=Ease.of(page.prose, language) if prose.strip() else None,
            summary_ease=Ease.of(summary.text, language) if summary else None,
            plain_page=page.site_path in plain_pages))
        if page.site_path.startswith(LEARN):
            for key in set(keys):
                cited_on[key].add(page.site_path)
            for figure in _figures(prose):
                stated_on[figure].add(page.site_path)
    spread = {k: sorted(v) for k, v in sorted(cited_on.items()) if len(v) > SPREAD_LIMIT}
    repeated = {k: sorted(v) for k, v in sorted(stated_on.items(), key=lambda kv: (-len(kv[1]), kv[0])) if len(v) > 1}
    return Report(pages, spread, repeated, _glossary(site, language), language.code, limits["reading_ease"])


def _pair(ease: Ease | None) -> tuple[str, str]:
    return (f"{ease.dictionary:.1f}", f"{ease.textstat:.1f}") if ease else ("", "")


def markdown(report: Report) -> str:
    words, citations = report.totals()
    lines = [f"The nine Learn pages hold {words:,} words and {citations} citations. Reading ease is Flesch's "
             "(60 or more reads easily for a general adult; academic prose scores 20 to 40), given twice: "
             "**dictionary**, the measure the checker holds 'In brief' summaries and plain pages to "
             f"(at least {report.limit:g}), counts syllables with the CMU Pronouncing Dictionary and "
             "rounds nothing; **textstat**, the earlier measure (textstat 0.7.3), counts them from "
             "hyphenation points and rounds syllables a word to a tenth, which flatters a text. "
             f"Language: `{report.language}`. Pages written for a general reader (plain pages) are marked ◆.", "",
             "| Page | Words | Citations | Distinct sources | Reading ease: dictionary | textstat "
             "| 'In brief': dictionary | textstat |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for p in report.pages:
        body, summary = _pair(p.reading_ease), _pair(p.summary_ease)
        mark = " ◆" if p.plain_page else ""
        lines.append(f"| `{p.path}`{mark} | {p.words:,} | {p.citations} | {p.sources} | {body[0]} | {body[1]} "
                     f"| {summary[0]} | {summary[1]} |")
    if report.glossary:
        g = report.glossary
        lines += ["", f"The glossary: {g.terms} terms, {g.plain_terms} of them with a plain definition.", "",
                  "| Glossary text | Reading ease: dictionary | textstat |", "|---|---:|---:|"]
        definitions, plain = _pair(g.definitions), _pair(g.plain)
        lines.append(f"| Full definitions, read together | {definitions[0]} | {definitions[1]} |")
        if g.plain:
            lines.append(f"| Plain definitions, read together | {plain[0]} | {plain[1]} |")
        for term, ease in g.hardest:
            lines.append(f"| Plain definition of '{term}' (one of the {len(g.hardest)} hardest) "
                         f"| {ease.dictionary:.1f} | {ease.textstat:.1f} |")
    lines += ["", f"Sources cited on more than {SPREAD_LIMIT} Learn pages:", ""]
    lines += [f"- `{key}`: {len(where)} pages ({', '.join(where)})" for key, where in report.spread.items()] or ["- none"]
    lines += ["", "Figures stated on more than one Learn page (years and single digits left out):", ""]
    lines += [f"- {figure}: {', '.join(where)}" for figure, where in report.repeated.items()] or ["- none"]
    return "\n".join(lines) + "\n"
