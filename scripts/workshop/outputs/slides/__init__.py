"""PowerPoint decks for the workshop: the session deck that follows the agenda, and page decks.

build_decks() writes build/slides/workshop.pptx, the deck a facilitator presents: a section per
block of data/agenda.yaml, in order, each opened by a divider with the block's clock time and
minutes. sessiondeck.py decides what each slide says (from data/agenda.yaml, data/slides.yaml and
data/session.yaml) and checks it against the budget in mkdocs.yml (extra.slides, budget.py);
design.py lays it out in the site's look, or in a trainer's template
(extra.workshop.slides_template). A deck over budget, or text that does not fit, is reported with
its file and line, and nothing is written.

With per_page=True (make_slides.py --pages), it also writes one reference deck per teaching page
under build/slides/pages/: every section of the page, fitted by deck.py from plan.py's specs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workshop.model import schema
from workshop.model.problems import Problems
from workshop.model.site import Site
from workshop.outputs import guard
from workshop.outputs.slides.budget import Budget, load_budget
from workshop.outputs.slides.deck import Writer
from workshop.outputs.slides.design import EMU_PT, Designer
from workshop.outputs.slides.figure_text import slide_name, smallest_placed
from workshop.outputs.slides.layouts import TemplateError, open_presentation, pick_layouts
from workshop.outputs.slides.output import refusal, save
from workshop.outputs.slides.palette import Palette, from_config as palette_from
from workshop.outputs.slides.plan import DeckSpec, page_deck, slide_pages
from workshop.outputs.slides.sessiondeck import AGENDA, SessionDeck, session_deck

TEMPLATE_KEY = "slides_template"
SESSION_DECK = "workshop.pptx"


@dataclass
class Deck:
    path: Path
    slides: int
    pictures: int
    words: list[int] = field(default_factory=list)     # body words on each slide (session deck)


@dataclass
class Result:
    decks: list[Deck] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)    # warnings: the decks are still written
    errors: Problems = field(default_factory=Problems)      # nothing is written while there are any
    template: Path | None = None
    budget: Budget | None = None
    session: SessionDeck | None = None
    palette: Palette | None = None
    figure_text: list[tuple[str, int, float, str]] = field(default_factory=list)  # figure, slide, smallest pt, its text


def template_path(site: Site) -> Path | None:
    value = site.config.workshop.get(TEMPLATE_KEY)
    if not value or not str(value).strip():
        return None
    return site.config.root / str(value).strip()


def _config_line(site: Site) -> int:
    """The line of extra.workshop.slides_template in mkdocs.yml (of extra.workshop when it is not set)."""
    return schema.line_of(site.config.raw, ["extra", "workshop", TEMPLATE_KEY])


def build_decks(site: Site, out_dir: Path, template: Path | None = None, per_page: bool = False) -> Result:
    """Write the session deck (and the page decks); any error stops all writing."""
    result = Result(template=template if template is not None else template_path(site))
    config, line = site.config.rel, _config_line(site)
    if result.template is not None and not result.template.is_file():
        result.errors.add("slides-template-missing", config, line, template=_shown(result.template, site))
        return result
    result.budget = load_budget(site.config, result.errors)
    result.session = session_deck(site, result.budget)
    result.errors.extend(result.session.errors)
    result.problems.extend(result.session.warnings)
    specs = [page_deck(site, page) for page in slide_pages(site)] if per_page else []
    try:   # every deck's place is checked (outputs/guard.py) before any is written
        guard.check(out_dir, command="make slides", folder=True)
        for name in [SESSION_DECK] + [spec.filename for spec in specs]:
            try:
                guard.check(out_dir / name, command="make slides", suffixes=(".pptx",), owner=refusal)
            except guard.OutputRefused as refused:
                result.errors.add("output-protected", _shown(out_dir / name, site), 1, reason=refused.reason)
    except guard.OutputRefused as refused:
        result.errors.add("output-protected", _shown(out_dir, site), 1, reason=refused.reason)
    if result.errors:
        return result
    try:
        prs, written = _session(site, result, config, line)
    except TemplateError as error:
        result.errors.add("slides-template-unusable", config, line, template=_shown(result.template, site),
                          reason=str(error))
        return result
    for frame, message in written.overflows:
        where, number = (AGENDA, frame.block.line) if frame.kind == "divider" else (frame.source, frame.line or 1)
        result.errors.add("slides-overflow", where, number, title=frame.title, reason=message)
    check_figure_text(site, result, written)
    if result.errors:
        return result
    target = out_dir / SESSION_DECK
    save(prs, target)
    words = [f.words for f in result.session.frames]
    result.decks.append(Deck(target, written.slides, written.pictures, words))
    for spec in specs:
        result.decks.append(_write_page_deck(spec, out_dir, result.template, site, result.problems))
    return result


def check_figure_text(site: Site, result: Result, written) -> None:
    """The deck's type check inside its figures: every figure's smallest text, as placed on its slide,
    at extra.slides.min_figure_pt or more (figure_text.py); each figure is reported once a slide.
    In the built-in design a figure under the floor stops the deck like any text that does not fit;
    in a trainer's template, whose boxes decide how large a figure can be, it is a warning."""
    report = result.errors if result.template is None else result.problems
    floor = result.budget.min_figure_pt
    for frame, width, number in written.figures:
        found = smallest_placed(frame.figure, width / EMU_PT)
        if found is None:
            continue
        size, text = found
        result.figure_text.append((_shown(frame.figure, site), number, size, text))
        if size >= floor - 0.05:
            continue
        report.add("slides-figure-text-small", frame.source, frame.line or 1, title=frame.title,
                          figure=_shown(frame.figure, site), size=f"{size:.1f}", text=text, floor=f"{floor:g}",
                          advice=_figure_advice(frame.figure))


def _figure_advice(figure: Path) -> str:
    """How to make a figure's text larger: draw its slide version, or, if it is one, enlarge that."""
    if figure.name.endswith(".slide.svg"):
        return f"Enlarge the text of {figure.name}, the version drawn for slides, with fewer words per box"
    return (f"Draw a slide version of the figure beside it, named {slide_name(figure)}, with fewer words per box and "
            "larger text (the deck uses it instead)")


def _session(site: Site, result: Result, config: str, line: int):
    prs = open_presentation(result.template)
    name = f"the template {_shown(result.template, site)}" if result.template else "the built-in design"
    layouts = pick_layouts(prs, name)
    for note in layouts.notes:
        result.problems.add("slides-template-layout", config, line, note=note)
    designed = result.template is None
    result.palette = palette_from(site.config.raw) if designed else None
    for note in result.palette.notes if designed else ():
        result.problems.add("slides-colour", config, result.budget.line, note=note)
    designer = Designer(prs, layouts, result.budget, result.session.blocks, designed=designed,
                        palette=result.palette)
    for index, frame in enumerate(result.session.frames):
        designer.add(frame, index)
    for source, message in designer.result.warnings:
        path, _, number = source.rpartition(":")
        result.problems.add("slides-figure", path, int(number) if number.isdigit() else 1, message=message)
    return prs, designer.result


def _shown(path: Path | None, site: Site) -> str:
    if path is None:
        return ""
    try:
        return path.resolve().relative_to(site.config.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _write_page_deck(spec: DeckSpec, out_dir: Path, template: Path | None, site: Site, problems: Problems) -> Deck:
    """A reference deck for one page: every section of it, fitted into the design or template."""
    prs = open_presentation(template)
    layouts = pick_layouts(prs, f"the template {_shown(template, site)}" if template else "the built-in design")
    writer = Writer(prs, layouts)
    for slide in spec.slides:
        writer.add(slide)
    for source, message in writer.result.warnings:
        path, _, number = source.rpartition(":")
        problems.add("slides-figure", path, int(number) if number.isdigit() else 1, message=message)
    target = out_dir / spec.filename
    save(prs, target)
    return Deck(target, writer.result.slides, writer.result.pictures)
