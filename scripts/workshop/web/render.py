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
from workshop.model.bibliography import CITATION, KEY, Entry, author_suppressed, cited_keys, shown_label
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


def cited_on_page(site: Site, page: Page | None) -> list[str]:
    """The sources a page's author cites, in order of first citation: its reference list."""
    keys: list[str] = []
    for key, _ in cited_keys(page.prose if page is not None else ""):
        if key in site.bibliography and key not in keys:
            keys.append(key)
    return keys


def citations(site: Site, markdown: str, page: Page | None = None) -> str:
    """[@a; @b] becomes linked author-year citations pointing at the page's reference list;
    [-@a] shows the year alone, for a sentence that names the author, as Pandoc does.

    With the page, the labels are the page's own (Bibliography.labels_among), so that a
    citation and its entry in the page's list carry the same year, letter or none."""
    scope = cited_on_page(site, page) if page is not None else None
    labels = site.bibliography.labels_among(scope) if scope is not None else site.bibliography.labels

    def label(name: str) -> str:
        if name in labels:
            return labels[name]
        return site.bibliography.labels_among([*scope, name])[name] if scope is not None else name

    def replace(match: re.Match) -> str:
        parts = []
        for key in KEY.finditer(match.group(1)):
            name = key.group(1)
            if name in site.bibliography:
                shown = shown_label(label(name), author_suppressed(key))
                parts.append(f'<a class="citation" href="#ref-{html.escape(name)}">{_md(shown)}</a>')
            else:
                parts.append(html.escape(name))
        return "(" + "; ".join(parts) + ")"
    return CITATION.sub(replace, markdown)


def organisers_note(site: Site, entry: Entry) -> str:
    """A declaration beside a source that the workshop's own organisers wrote or co-wrote, so that
    a reader can weigh it; the workshop's own abstract (extra.workshop.source_key) needs none."""
    workshop = site.config.workshop
    organisers = workshop.get("organisers") or []
    if entry.key == workshop.get("source_key") or not isinstance(organisers, list):
        return ""
    names = entry.written_by(organisers)
    if not names:
        return ""
    who = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    text = (f"Co-written by {who}, one of the workshop's organisers." if len(names) == 1
            else f"Co-written by {who}, organisers of the workshop.")
    return f' <span class="also">{html.escape(text, quote=False)}</span>'


def references(site: Site, page: Page) -> str:
    keys = cited_on_page(site, page)
    if not keys:
        return ""
    labels = site.bibliography.labels_among(keys)
    entries = sorted((site.bibliography[k] for k in keys), key=lambda e: (labels[e.key], e.key))
    items = "\n".join(f'<li id="ref-{html.escape(e.key)}">{entry_html(e, labels[e.key])}{organisers_note(site, e)}</li>'
                      for e in entries)
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
                         f'{organisers_note(site, entry)}{note}</li>')
        out.append('<ul class="references">\n' + "\n".join(items) + "\n</ul>\n")
    rest = [e for e in site.bibliography.entries.values() if e.key not in placed]
    if rest:
        out.append("## Other sources\n")
        out.append('<ul class="references">\n' + "\n".join(
            f'<li id="{html.escape(e.key)}">{entry_html(e, site.bibliography.labels[e.key])}{organisers_note(site, e)}</li>'
            for e in sorted(rest, key=lambda e: e.key)) + "\n</ul>\n")
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
    """Each objective as the configuration states it and, beneath, in everyday words when the
    objective has them (plain: "I can ..."): the version a participant rates themselves against."""
    lines = []
    for n, o in enumerate(site.config.objectives, 1):
        lines.append(f"{n}. **{_md(o.id)} {_md(o.short)}.** {_md(o.statement)}")
        if o.plain:
            lines.append(f"    <br>*In plain words:* {_md(o.plain)}")
    return "\n".join(lines)


def experience_table(site: Site, page: Page) -> str:
    """The questions on taking part (extra.evaluation.questions), each to mark from strongly
    disagree to strongly agree; nothing when the configuration asks none."""
    questions = site.config.evaluation.get("questions") or []
    if not questions:
        return ""
    rows = ["| Statement | Strongly disagree | Disagree | Neither | Agree | Strongly agree |",
            "|---|:-:|:-:|:-:|:-:|:-:|"]
    rows += [f"| {_md(q['statement'])} | ○ | ○ | ○ | ○ | ○ |" for q in questions]
    return "\n".join(rows) + "\n"


def rating_table(site: Site, page: Page) -> str:
    rows = ["| Objective | 1 | 2 | 3 | 4 | 5 |", "|---|:-:|:-:|:-:|:-:|:-:|"]
    rows += [f"| {o.id} {_md(o.short)} | ○ | ○ | ○ | ○ | ○ |" for o in site.config.objectives]
    return "\n".join(rows) + "\n"


def rating_columns(site: Site, page: Page) -> str:
    return ", ".join(f"`{o.id}_before`, `{o.id}_after`" for o in site.config.objectives)


def online_form(site: Site, page: Page) -> str:
    """The self-assessment as an online form for those who join online: each field in order, named
    by the column that make evaluation reads, so that the form's export is the spreadsheet."""
    rows = ["| Column | Question | Answer |", "|---|---|---|",
            "| `participant` | Your code: four letters or digits made up at random, not your initials or a birthday "
            "| Short text |"]
    for when in ("before", "after"):
        for o in site.config.objectives:
            rows.append(f"| `{o.id}_{when}` | {'At the start' if when == 'before' else 'At the end'}: how confident "
                        f"are you that you can do this? {_md(o.plain or o.statement)} | 1 (not at all) to 5 (very) |")
    for question in site.config.evaluation.get("questions") or []:
        rows.append(f"| `{_md(question['id'])}` | At the end: {_md(question['statement'])} "
                    "| 1 (strongly disagree) to 5 (strongly agree) |")
    return "\n".join(rows) + "\n"


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
    """Every term with its definition; where it has a plain one, that comes first, for a general reader."""
    out = []
    for term in sorted(site.glossary.terms, key=lambda t: (t.abbr or t.term).lower()):
        name = f"{term.abbr} ({term.term})" if term.abbr else term.term
        out.append(f"{_md(name)}{{ #{term.anchor} }}")
        more = f" See {page_link(site, page, term.see)}." if term.see and site.page(term.see) else ""
        if term.plain:
            out.append(f":   *In plain words:* {_md(term.plain)}\n\n    *More precisely:* {_md(term.definition)}{more}\n")
        else:
            out.append(f":   {_md(term.definition)}{more}\n")
    return "\n".join(out)


def abbreviations(site: Site, page: Page) -> str:
    """Markdown's abbreviation lines: the expansion, and the plain definition where there is one."""
    defined = site.glossary.abbreviations
    used = {abbr for abbr, _ in abbreviations_used(page.prose)}
    lines = []
    for abbr in sorted(used & set(defined)):
        term = defined[abbr]
        title = f"{term.term}: {term.plain}" if term.plain else term.term
        lines.append(f"*[{abbr}]: {_md(_tooltip(title))}")
    return "\n".join(lines)


_HEADING_LINE = re.compile(r"^#{1,6}\s.*$", re.M)


def _term_pattern(name: str) -> re.Pattern:
    """A term's name in running text: any case (but an all-capitals name, INVOLVE, only as written,
    so that the verb involve is not taken for it), a plural s, and a line break wherever it has a space."""
    words = r"\s+".join(re.escape(part) for part in name.split())
    return re.compile(rf"(?<![\w-]){words}s?(?![\w-])", 0 if name.isupper() else re.I)


def _tooltip(text: str) -> str:
    """Text for a tooltip: one line, with no citation keys (a tooltip cannot resolve them)."""
    return " ".join(CITATION.sub("", text).split())


def terms_used(site: Site, text: str) -> list:
    """The glossary terms a text uses (by name, or by abbreviation), in the glossary's order.
    A term inside the spelt-out name of another (impact in Health System Impact Fellowship) is
    not counted: the reader meets the longer name."""
    names = sorted(((t.term, t) for t in site.glossary.terms), key=lambda nt: -len(nt[0]))
    taken: list[tuple[int, int]] = []
    found = set()
    for name, term in names:
        for match in _term_pattern(name).finditer(text):
            start, end = match.span()
            if not any(start < e and s < end for s, e in taken):
                taken.append((start, end))
                found.add(term.term)
    abbreviations = {abbr for abbr, _ in abbreviations_used(text)}
    found |= {t.term for t in site.glossary.terms if t.abbr and t.abbr in abbreviations}
    return [t for t in site.glossary.terms if t.term in found]


def plain_words(site: Site, page: Page) -> str:
    """A plain-English word list for a handout: each glossary term its own text uses, with the
    term's plain definition (or its definition, where it has none). The definitions live once,
    in data/glossary.yaml."""
    terms = sorted(terms_used(site, page.prose), key=lambda t: t.term.lower())
    if not terms:
        return ""
    out = ['<div class="plain-words" markdown>', ""]
    for term in terms:
        name = f"{term.term} ({term.abbr})" if term.abbr else term.term
        out.append(f"**{_md(name[:1].upper() + name[1:])}.** {_md(term.everyday)}\n")
    out.append("</div>")
    return "\n".join(out) + "\n"


def term_tooltips(site: Site, page: Page, markdown: str) -> str:
    """The first use on a page of each glossary term without an abbreviation gets its plain
    definition (or its definition) as a tooltip; abbreviations get theirs at every use through
    Markdown's abbr extension. A term inside the spelt-out name of another is left alone."""
    if page.site_path == GLOSSARY_PAGE:
        return markdown
    if page.doc is not None and page.body.endswith(markdown):  # MkDocs drops the blank lines after the front matter
        prose = page.prose[len(page.body) - len(markdown):]
    else:
        prose = parse_document(markdown).prose
    blank = _HEADING_LINE.sub(lambda m: " " * len(m.group(0)), prose)
    taken: list[tuple[int, int, str]] = []
    for term in sorted(site.glossary.terms, key=lambda t: -len(t.term)):
        for match in _term_pattern(term.term).finditer(blank):
            start, end = match.span()
            if any(start < e and s < end for s, e, _ in taken):
                continue
            if term.abbr:   # a spelt-out name: every use of it is kept whole, none gets a tooltip
                taken.append((start, end, ""))
                continue
            taken.append((start, end, _tooltip(term.everyday)))
            break
    for start, end, definition in sorted(taken, reverse=True):
        if definition:
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
