"""Generated Markdown: the parts of pages that are computed from the model.

Each function takes the site and the page being built and returns Markdown (or HTML where
Markdown cannot carry ids). Links are made relative to the page so that MkDocs checks and
rewrites them, and so the offline copy of the site works from a folder.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import TYPE_CHECKING

from workshop.model.agenda import copies_to_print, material_quantities
from workshop.model.bibliography import CITATION, KEY, Entry, cited_keys
from workshop.model.document import parse as parse_document
from workshop.model.glossary import abbreviations_used
from workshop.model.text import markdown_text

if TYPE_CHECKING:
    from workshop.model.pages import Page
    from workshop.model.site import Site

READING_LIST = "reference/reading-list.md"
GLOSSARY_PAGE = "reference/glossary.md"


def link(page: Page, target: str, anchor: str = "") -> str:
    base = posixpath.dirname(page.site_path or "")
    rel = posixpath.relpath(target, base or ".")
    return rel + (f"#{anchor}" if anchor else "")


def page_link(site: Site, page: Page, target: str) -> str:
    other = site.page(target)
    title = other.title if other else target
    return f"[{_md(title)}]({link(page, target)})"


def _md(text: object) -> str:
    """A string from data or configuration as Markdown text: never raw HTML, a link or attributes.

    Emphasis stays available; citations ([@key]) are kept for the citation step to resolve.
    Everything else that Markdown or its extensions would turn into markup is escaped.
    """
    text = str(text)
    out, last = [], 0
    for match in CITATION.finditer(text):
        out.append(_md_plain(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_md_plain(text[last:]))
    return "".join(out)


def _md_plain(text: str) -> str:
    return markdown_text(text, emphasis=True)


def objective_label(site: Site, objective_id: str) -> str:
    objective = site.config.objective(objective_id)
    return f"{_md(objective_id)}: {_md(objective.short)}" if objective else _md(objective_id)


# ---------------------------------------------------------------- references

def entry_html(entry: Entry, label: str = "") -> str:
    """A reference; its year carries the letter of its citation label (2018a), so that a citation
    read on paper finds its entry."""
    parts = entry.parts()
    if label:
        parts["year"] = label.rsplit(", ", 1)[-1]
    p = {k: html.escape(v) for k, v in parts.items()}
    where = f"<em>{p['venue']}</em>" + (f" {p['numbers']}" if p["numbers"] else "")
    text = f"{p['people']} ({p['year']}). {p['title']}. {where}."
    if p["link"]:
        text += f' <a href="{p["link"]}">{p["shown"]}</a>'
    return text


def citations(site: Site, markdown: str) -> str:
    """[@a; @b] becomes linked author-year citations pointing at the page's reference list."""
    def replace(match: re.Match) -> str:
        parts = []
        for key in KEY.finditer(match.group(1)):
            name = key.group(1)
            if name in site.bibliography:
                parts.append(f'<a class="citation" href="#ref-{html.escape(name)}">{_md(site.bibliography.labels[name])}</a>')
            else:
                parts.append(html.escape(name))
        return "(" + "; ".join(parts) + ")"
    return CITATION.sub(replace, markdown)


def references(site: Site, page: Page) -> str:
    keys: list[str] = []
    for key, _ in cited_keys(page.prose):
        if key in site.bibliography and key not in keys:
            keys.append(key)
    if not keys:
        return ""
    entries = sorted((site.bibliography[k] for k in keys), key=lambda e: (site.bibliography.labels[e.key], e.key))
    labels = site.bibliography.labels
    items = "\n".join(f'<li id="ref-{html.escape(e.key)}">{entry_html(e, labels[e.key])}</li>' for e in entries)
    return f'<ul class="references">\n{items}\n</ul>'


def reading_list(site: Site, page: Page) -> str:
    out = []
    placed: set[str] = set()
    groups = site.config.reading_list
    for topic, heading in groups.items():
        entries = [e for e in site.bibliography.entries.values() if e.topics and e.topics[0] == topic]
        if not entries:
            continue
        out.append(f"## {_md(heading)}\n")
        items = []
        for entry in sorted(entries, key=lambda e: (site.bibliography.labels[e.key], e.key)):
            placed.add(entry.key)
            also = [groups.get(t, t) for t in entry.topics[1:]]
            note = f' <span class="also">Also: {html.escape("; ".join(also))}.</span>' if also else ""
            items.append(f'<li id="{html.escape(entry.key)}">{entry_html(entry, site.bibliography.labels[entry.key])}'
                         f'{note}</li>')
        out.append('<ul class="references">\n' + "\n".join(items) + "\n</ul>\n")
    rest = [e for e in site.bibliography.entries.values() if e.key not in placed]
    if rest:
        out.append("## Other sources\n")
        out.append('<ul class="references">\n' + "\n".join(
            f'<li id="{html.escape(e.key)}">{entry_html(e, site.bibliography.labels[e.key])}</li>' for e in sorted(rest, key=lambda e: e.key)) + "\n</ul>\n")
    return "\n".join(out)


# ---------------------------------------------------------------- objectives

def objectives_list(site: Site, page: Page) -> str:
    out = []
    for objective in site.config.objectives:
        serving = [p for p in site.in_nav_order() if objective.id in p.objectives and p is not page]
        out.append(f"## {objective.id}: {_md(objective.short)}\n")
        out.append(f"{_md(objective.statement)}\n")
        out.append("Key concepts: " + ", ".join(f"*{_md(c)}*" for c in objective.concepts) + ".\n")
        if serving:
            out.append("Pages that serve it:\n")
            out += [f"- {page_link(site, page, p.site_path)}" for p in serving]
            out.append("")
    return "\n".join(out)


def alignment_map(site: Site, page: Page) -> str:
    ids = site.config.objective_ids
    head = "| Page | Kind | " + " | ".join(ids) + " |"
    rule = "|---|---|" + "---|" * len(ids)
    rows = []
    for other in site.in_nav_order():
        evidence = site.evidence.get(other.rel)
        cells = []
        for oid in ids:
            score = evidence.score(oid) if evidence else 0
            if oid in other.objectives:
                cells.append(f"**Declared** ({score})")
            else:
                cells.append(f"({score})" if score else "")
        rows.append(f"| {page_link(site, page, other.site_path)} | {_md(other.kind or '')} | " + " | ".join(cells) + " |")
    interactive = {k for k, kind in site.config.kinds.items() if kind.interactive}
    coverage = ["", "## Coverage by objective", "",
                "| Objective | Pages declaring it | Interactive activities | Minutes in the session plan |",
                "|---|---|---|---|"]
    for objective in site.config.objectives:
        declaring = [p for p in site.pages if objective.id in p.objectives]
        active = [p for p in declaring if p.kind in interactive]
        minutes = sum(b.minutes for b in site.agenda.blocks if objective.id in b.objectives)
        coverage.append(f"| {objective.id}: {_md(objective.short)} | {len(declaring)} | {len(active)} | {minutes} |")
    return "\n".join([head, rule, *rows, *coverage])


def objective_statements(site: Site, page: Page) -> str:
    return "\n".join(f"{n}. **{_md(o.id)} {_md(o.short)}.** {_md(o.statement)}" for n, o in enumerate(site.config.objectives, 1))


def rating_table(site: Site, page: Page) -> str:
    rows = ["| Objective | 1 | 2 | 3 | 4 | 5 |", "|---|:-:|:-:|:-:|:-:|:-:|"]
    rows += [f"| {o.id} {_md(o.short)} | ○ | ○ | ○ | ○ | ○ |" for o in site.config.objectives]
    return "\n".join(rows) + "\n"


def rating_columns(site: Site, page: Page) -> str:
    return ", ".join(f"`{o.id}_before`, `{o.id}_after`" for o in site.config.objectives)


def identity(field: str):
    """A marker that prints one field of the workshop's identity (extra.workshop)."""
    def render(site: Site, page: Page) -> str:
        value = site.config.workshop.get(field, "")
        if isinstance(value, list):
            value = ", ".join(map(str, value[:-1])) + (" and " if len(value) > 1 else "") + str(value[-1]) if value else ""
        return _md(value)
    return render


# ---------------------------------------------------------------- glossary

def glossary(site: Site, page: Page) -> str:
    out = []
    for term in sorted(site.glossary.terms, key=lambda t: (t.abbr or t.term).lower()):
        name = f"{term.abbr} ({term.term})" if term.abbr else term.term
        out.append(f"{_md(name)}{{ #{term.anchor} }}")
        more = f" See {page_link(site, page, term.see)}." if term.see and site.page(term.see) else ""
        out.append(f":   {_md(term.definition)}{more}\n")
    return "\n".join(out)


def abbreviations(site: Site, page: Page) -> str:
    defined = site.glossary.abbreviations
    used = {abbr for abbr, _ in abbreviations_used(page.prose)}
    lines = [f"*[{abbr}]: {_md(defined[abbr].term)}" for abbr in sorted(used) if abbr in defined]
    return "\n".join(lines)


_HEADING_LINE = re.compile(r"^#{1,6}\s.*$", re.M)


def term_tooltips(site: Site, page: Page, markdown: str) -> str:
    """The first use on a page of each glossary term without an abbreviation gets its definition
    as a tooltip (abbreviations get theirs at every use through Markdown's abbr extension)."""
    if page.site_path == GLOSSARY_PAGE:
        return markdown
    if page.doc is not None and page.body.endswith(markdown):  # MkDocs drops the blank lines after the front matter
        prose = page.prose[len(page.body) - len(markdown):]
    else:
        prose = parse_document(markdown).prose
    blank = _HEADING_LINE.sub(lambda m: " " * len(m.group(0)), prose)
    taken: list[tuple[int, int, str]] = []
    for term in sorted((t for t in site.glossary.terms if not t.abbr), key=lambda t: -len(t.term)):
        for match in re.finditer(rf"(?<![\w-]){re.escape(term.term)}s?(?![\w-])", blank, re.I):
            start, end = match.span()
            if not any(start < e and s < end for s, e, _ in taken):
                taken.append((start, end, term.definition))
                break
    for start, end, definition in sorted(taken, reverse=True):
        markdown = (f'{markdown[:start]}<abbr title="{html.escape(definition)}">{markdown[start:end]}</abbr>'
                    f"{markdown[end:]}")
    return markdown


# ---------------------------------------------------------------- session plan

def timetable(site: Site, page: Page) -> str:
    agenda = site.agenda
    rows = ["| Time | Block | Mode | Minutes | Objectives | Pages |", "|---|---|---|---|---|---|"]
    for block in agenda.blocks:
        pages = ", ".join(page_link(site, page, p) for p in block.pages)
        rows.append(f"| {block.start}–{block.end} | {_md(block.title)} | {block.mode.capitalize()} | "
                    f"{block.minutes} | {_md(', '.join(block.objectives))} | {pages} |")
    neither = (f", and {agenda.neither} minutes of break and housekeeping, which count as neither"
               if agenda.neither else "")
    summary = (f"\nThe session runs from {agenda.start_time} for {agenda.total} minutes: "
               f"{agenda.minutes('didactic')} minutes didactic and {agenda.minutes('interactive')} "
               f"minutes interactive{neither}.\n")
    return "\n".join(rows) + "\n" + summary


def block_guide(site: Site, page: Page) -> str:
    out = []
    for block in site.agenda.blocks:
        out.append(f"### {block.start}–{block.end}: {_md(block.title)}\n")
        objectives = ", ".join(objective_label(site, o) for o in block.objectives)
        out.append(f"*{block.mode.capitalize()}, {block.minutes} minutes" + (f"; {objectives}" if objectives else "")
                   + ".*\n")
        if block.facilitator:
            out.append(_md(block.facilitator) + "\n")
        if block.say:
            out.append(f"**Read aloud:** {_md(block.say)}\n")
        if block.steps:
            out.append("Timed steps:\n")
            out += [f"- {_md(f'{step.minutes:g}')} min: {_md(step.do)}" for step in block.steps]
            out.append("")
        if block.prompts:
            out.append("Prompts:\n")
            out += [f"- {_md(p)}" for p in block.prompts]
            out.append("")
        if block.pages:
            out.append("Pages: " + ", ".join(page_link(site, page, p) for p in block.pages) + ".\n")
    return "\n".join(out)


def materials(site: Site, page: Page) -> str:
    workshop = site.config.workshop
    rows = ["| Item | Quantity |", "|---|---|"]
    for _, label, quantity in material_quantities(site.config.materials, workshop):
        rows.append(f"| {_md(label)} | {quantity} |")
    for handout in site.in_nav_order():
        if handout.kind in site.config.kinds and site.config.kinds[handout.kind].printed:
            print_for = str(handout.meta.get("print_for", "participant"))
            copies = copies_to_print(print_for, workshop)
            rows.append(f"| Printed copies of {page_link(site, page, handout.site_path)} (one per {_md(print_for)}, "
                        f"with spares) | {copies} |")
    return (f"For {_md(workshop.get('participants'))} participants in {_md(workshop.get('groups'))} groups "
            "(set in mkdocs.yml under extra.workshop):\n\n" + "\n".join(rows) + "\n")


# ---------------------------------------------------------------- case studies

def _cases(site: Site) -> list[Page]:
    return [p for p in site.in_nav_order() if p.kind in site.config.kinds and site.config.kinds[p.kind].case]


def _facet(page: Page, facet: str) -> list[str]:
    case = page.meta.get("case") if isinstance(page.meta.get("case"), dict) else {}
    values = case.get(facet) or []
    return [values] if isinstance(values, str) else [str(v) for v in values]


def _label(value: str) -> str:
    special = {"uk": "UK", "england": "England", "canada": "Canada", "australia": "Australia",
               "europe": "Europe", "brazil": "Brazil", "nigeria": "Nigeria"}
    return special.get(value, value.replace("-", " ").capitalize())


def case_index(site: Site, page: Page) -> str:
    titles = {"stages": "By stage of research", "stakeholders": "By kind of stakeholder",
              "compromises": "By group of compromise", "country": "By country", "setting": "By setting"}
    out = []
    for facet, values in site.config.vocabulary.items():
        out.append(f"### {_md(titles.get(facet, facet.capitalize()))}\n")
        for value in values:
            cases = [c for c in _cases(site) if value in _facet(c, facet)]
            if cases:
                out.append(f"- **{_md(_label(value))}**: " + "; ".join(page_link(site, page, c.site_path) for c in cases))
        out.append("")
    return "\n".join(out)


def case_table(site: Site, page: Page) -> str:
    facets = list(site.config.vocabulary)
    rows = ["| Case | " + " | ".join(_md(f.capitalize()) for f in facets) + " |", "|---|" + "---|" * len(facets)]
    for case in _cases(site):
        rows.append(f"| {page_link(site, page, case.site_path)} | " +
                    " | ".join(", ".join(_md(_label(v)) for v in _facet(case, f)) for f in facets) + " |")
    return "\n".join(rows) + "\n"
