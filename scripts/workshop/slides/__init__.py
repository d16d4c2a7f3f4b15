"""PowerPoint decks made from the site's own pages, so that editing a page updates the slides.

build_decks() writes build/slides/workshop.pptx (the whole session) and one deck per
didactic page under build/slides/pages/. plan.py decides what each slide says, deck.py
fits it into the layouts that layouts.py picked from the built-in design or the
trainer's template (extra.workshop.slides_template in mkdocs.yml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problems
from ..site import Site
from .deck import Writer
from .layouts import TemplateError, open_presentation, pick_layouts
from .output import refusal, save
from .plan import DeckSpec, page_deck, slide_pages, workshop_deck

TEMPLATE_KEY = "slides_template"


@dataclass
class Deck:
    path: Path
    slides: int
    pictures: int


@dataclass
class Result:
    decks: list[Deck] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    template: Path | None = None


def template_path(site: Site) -> Path | None:
    value = site.config.workshop.get(TEMPLATE_KEY)
    if not value or not str(value).strip():
        return None
    return site.config.root / str(value).strip()


def _config_line(site: Site) -> int:
    try:
        text = site.config.path.read_text(encoding="utf-8")
    except OSError:
        return 1
    match = re.search(rf"^\s*{TEMPLATE_KEY}\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def build_decks(site: Site, out_dir: Path, template: Path | None = None, per_page: bool = True) -> Result:
    """Write the decks; a template that cannot be used, or a deck edited by hand, stops all writing."""
    result = Result(template=template if template is not None else template_path(site))
    config, line = site.config.rel, _config_line(site)
    if result.template is not None and not result.template.is_file():
        result.problems.add("slides-template-missing", config, line, template=_shown(result.template, site))
        return result
    specs = [workshop_deck(site)]
    if per_page:
        specs += [page_deck(site, page) for page in slide_pages(site)]
    for spec in specs:   # every deck is checked before the first is written
        reason = refusal(out_dir / spec.filename)
        if reason:
            result.problems.add("output-protected", _shown(out_dir / spec.filename, site), 1, reason=reason)
    if result.problems:
        return result
    for spec in specs:
        try:
            deck = _write(spec, out_dir, result.template, site, result.problems, config, line)
        except TemplateError as error:
            result.problems.add("slides-template-unusable", config, line,
                                template=_shown(result.template, site), reason=str(error))
            return result
        result.decks.append(deck)
    return result


def _shown(path: Path | None, site: Site) -> str:
    if path is None:
        return ""
    try:
        return path.resolve().relative_to(site.config.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _write(spec: DeckSpec, out_dir: Path, template: Path | None, site: Site, problems: Problems,
           config: str, line: int) -> Deck:
    prs = open_presentation(template)
    name = f"the template {_shown(template, site)}" if template else "the built-in design"
    layouts = pick_layouts(prs, name)
    if spec.filename == "workshop.pptx":
        for note in layouts.notes:
            problems.add("slides-template-layout", config, line, note=note)
    writer = Writer(prs, layouts)
    for slide in spec.slides:
        writer.add(slide)
    for source, message in writer.result.warnings:
        path, _, number = source.rpartition(":")
        problems.add("slides-figure", path, int(number) if number.isdigit() else 1, message=message)
    target = out_dir / spec.filename
    save(prs, target)
    return Deck(target, writer.result.slides, writer.result.pictures)
