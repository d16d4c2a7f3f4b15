"""What a page's reference deck says, slide by slide, before any layout: page to slide specs.

Kept apart from python-pptx so the choice of content (which pages, which sections, what
becomes a bullet and what goes to the speaker notes) can be read and tested on its own.
The writer (deck.py) then fits each spec into the template's boxes, splitting it across
slides marked "(continued)" where it does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workshop.model.bibliography import cited_keys
from workshop.model.pages import Page
from workshop.model.site import Site
from workshop.outputs.slides import outline as md
from workshop.outputs.slides.inline import bullet, lead_in, plain, strip_markdown

# Pages with a reference deck of their own (make slides --pages): pages of the kinds marked
# slides: true in extra.kinds (the teaching pages and the debates), in nav order.
SKIPPED_SECTIONS = {"references"}


@dataclass
class Para:
    text: str
    level: int = 0
    style: str = "bullet"        # bullet, number, plain
    lead: str = ""               # bold words before the text
    notes: str = ""              # the fuller text this paragraph stands for
    keep: bool = False           # a lead-in or heading, kept on the slide of what follows it


@dataclass
class TableSpec:
    header: list[str]
    rows: list[list[str]]

    def row_notes(self, index: int) -> str:
        return "; ".join(f"{h}: {c}" for h, c in zip(self.header, self.rows[index]) if c) + "."


@dataclass
class FigureSpec:
    path: Path
    alt: str
    caption: str
    source: str                  # project-relative file and line, for messages


@dataclass
class SlideSpec:
    kind: str                    # title, content, table, figure
    title: str
    paras: list[Para] = field(default_factory=list)
    notes: str = ""
    table: TableSpec | None = None
    figure: FigureSpec | None = None
    subtitle: list[str] = field(default_factory=list)
    name: str = ""               # the page (site path) or part of the deck the slide comes from
    body_pt: float | None = None # a smaller body size for dense slides such as references


@dataclass
class DeckSpec:
    filename: str
    slides: list[SlideSpec]
    pages: list[Page]


def slide_pages(site: Site) -> list[Page]:
    """The didactic pages of the deck, in nav order, less those marked 'slides: false'."""
    kinds = site.config.kinds
    return [p for p in site.in_nav_order()
            if p.kind in kinds and kinds[p.kind].slides and p.readable and p.meta.get("slides") is not False]


def page_deck(site: Site, page: Page) -> DeckSpec:
    workshop = site.config.workshop
    intro = SlideSpec("title", page.title, name=page.site_path or page.rel,
                      subtitle=[str(workshop.get("title") or site.config.site_name)],
                      notes=str(page.meta.get("description") or ""))
    slides = [intro, *page_slides(site, page, divider=False), *references_slides(site, [page])]
    stem = (page.site_path or page.rel).rsplit(".", 1)[0].replace("/", "-")
    return DeckSpec(f"pages/{stem}.pptx", slides, [page])


# ---------------------------------------------------------------- references

def references_slides(site: Site, pages: list[Page]) -> list[SlideSpec]:
    keys: list[str] = []
    for page in pages:
        for key, _ in cited_keys(md.select(page.body)):
            if key in site.bibliography and key not in keys:
                keys.append(key)
    if not keys:
        return []
    bib = site.bibliography
    entries = sorted((bib[k] for k in keys), key=lambda e: (bib.labels[e.key].casefold(), e.key))
    paras = [Para(e.plain(), style="plain", notes=f"{bib.labels[e.key]}: {e.plain()}") for e in entries]
    return [SlideSpec("content", "References", paras, name="references", body_pt=18,
                      notes="The sources cited in these slides. The site's reading list groups every source by topic.")]


# ---------------------------------------------------------------- a page's slides

def page_slides(site: Site, page: Page, divider: bool = True, title: str | None = None) -> list[SlideSpec]:
    """A divider with what the page teaches, then each H2 section as one or more slides."""
    outline = md.parse(page.body, page.title, page.body_line)
    name = page.site_path or page.rel
    slides: list[SlideSpec] = []
    description = str(page.meta.get("description") or "")
    where = f"On the site: {name.rsplit('.', 1)[0]}/ ({page.rel})."
    if divider:
        paras = _paras(site, page, outline.intro) or ([Para(description, style="plain", notes=description)]
                                                     if description else [])
        notes = " ".join(filter(None, [description, where]))
        slides.append(SlideSpec("content", title or page.title, paras, notes=notes, name=name))
    for section in outline.sections:
        if section.title.strip().lower() in SKIPPED_SECTIONS:
            continue
        slides += _section_slides(site, page, section, name)
    return slides


def _section_slides(site: Site, page: Page, section: md.Section, name: str) -> list[SlideSpec]:
    title = strip_markdown(section.title)
    slides: list[SlideSpec] = []
    run: list = []

    def heading() -> str:
        return title + (" (continued)" if slides else "")

    def flush() -> None:
        paras = _paras(site, page, run)
        if paras:
            slides.append(SlideSpec("content", heading(), paras, name=name))
        run.clear()

    for block in section.blocks:
        if isinstance(block, md.Figure):
            flush()
            slides.append(_figure_slide(site, page, block, heading(), name))
        elif isinstance(block, md.Table):
            flush()
            slides.append(_table_slide(site, block, heading(), name))
        else:
            run.append(block)
    flush()
    return slides


def _figure_slide(site: Site, page: Page, figure: md.Figure, title: str, name: str) -> SlideSpec:
    caption = plain(figure.caption, site.bibliography)
    alt = strip_markdown(figure.alt)
    notes = " ".join(filter(None, [f"Figure: {alt}" if alt else "", caption]))
    spec = FigureSpec(page.path.parent / figure.src, alt, caption, f"{page.rel}:{figure.line}")
    return SlideSpec("figure", title, figure=spec, notes=notes, name=name)


def _table_slide(site: Site, table: md.Table, title: str, name: str) -> SlideSpec:
    header = [plain(c, site.bibliography) for c in table.header]
    rows = [[plain(c, site.bibliography) for c in row] for row in table.rows]
    return SlideSpec("table", title, table=TableSpec(header, rows), name=name)


def table_summary(table: TableSpec) -> list[Para]:
    """A table too large for a slide, as one bullet per row: its first cell, then its second."""
    paras = []
    for row in table.rows:
        rest = next((c for c in row[1:] if c), "")
        paras.append(Para(rest if rest else row[0], lead=f"{row[0]}:" if rest else "",
                          notes=table.row_notes(len(paras))))
    return paras


def _paras(site: Site, page: Page, blocks: list, level: int = 0) -> list[Para]:
    bib = site.bibliography
    paras: list[Para] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, md.Paragraph):
            full = plain(block.text, bib)
            words, rest = lead_in(block.text)
            if strip_markdown(block.text).endswith(":") and isinstance(following, md.ListBlock):
                paras.append(Para(full, level, "plain", notes=full, keep=True))
            elif _all_bold(block.text):
                paras.append(Para("", level, "plain", lead=full, notes=full, keep=True))
            else:
                paras.append(Para(bullet(rest, bib), level, lead=f"{plain(words, bib)}:" if words else "", notes=full))
        elif isinstance(block, md.ListBlock):
            for number, item in enumerate(block.items, 1):
                words, rest = lead_in(item.text)
                text = plain(rest, bib)
                paras.append(Para(text, level + item.level, "number" if item.ordered else "bullet",
                                  lead=f"{plain(words, bib)}:" if words else "",
                                  notes=(f"{number}. " if item.ordered else "") + plain(item.text, bib)))
        elif isinstance(block, md.Admonition):
            inner = _paras(site, page, block.blocks, level + 1)
            paras.append(Para("", level, "plain", lead=plain(block.title, bib), notes=f"{plain(block.title, bib)}.", keep=True))
            paras += inner
        elif isinstance(block, md.Subheading):
            heading = plain(block.text, bib)
            paras.append(Para("", level, "plain", lead=heading, notes=heading + ".", keep=True))
    return paras


def _all_bold(markdown: str) -> bool:
    text = markdown.strip()
    return text.startswith("**") and text.endswith("**") and text.count("**") == 2
