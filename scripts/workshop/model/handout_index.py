"""What the handouts are, as the navigation and their own headings say: numbers and cards.

A handout's number is in its navigation title ("Handout 4: Steps-outline worksheet"), so the
navigation is the one place that numbers handouts; text elsewhere that names "Handout 4" must
agree with it. The cards of the group exercise are read from the handouts that hold them: the
handout whose title names scenario cards has a '## Scenario A: ...' heading for each card, and
the handout whose title names role cards has a '##' heading for each role. Nothing here knows a
file name of this workshop: a fork that renames or renumbers its handouts is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.model.config import WorkshopConfig
    from workshop.model.pages import Page
    from workshop.model.site import Site

NUMBERED = re.compile(r"^Handout\s+(\d+)\s*[:.–—-]\s*(.*\S)\s*$")
SCENARIO_HEADING = re.compile(r"^Scenario\s+([A-Z0-9]+)\b")


@dataclass(frozen=True)
class Numbered:
    """A handout as the navigation numbers it."""
    number: int
    title: str          # its title after "Handout N: "
    path: str           # its site path, as the nav writes it
    line: int           # the line of its entry in mkdocs.yml


def numbered_handouts(config: WorkshopConfig) -> list[Numbered]:
    """Every navigation entry titled 'Handout N: Title', in navigation order."""
    found = []
    for entry in config.nav:
        match = NUMBERED.match(entry.title or "")
        if match:
            found.append(Numbered(int(match.group(1)), match.group(2), entry.path, entry.line))
    return found


def card_handout(site: Site, cards: str) -> Page | None:
    """The printed handout whose navigation or page title names these cards ('scenario cards')."""
    pattern = re.compile(rf"\b{cards}\s+cards?\b", re.I)
    titles = {entry.path: entry.title or "" for entry in site.config.nav}
    kinds = site.config.kinds
    return next((page for page in site.in_nav_order()
                 if page.readable and page.doc is not None and page.kind in kinds and kinds[page.kind].printed
                 and (pattern.search(titles.get(page.site_path, "")) or pattern.search(page.title))), None)


def scenario_names(site: Site) -> tuple[str, ...] | None:
    """The scenario cards, from the '## Scenario A: ...' headings of the scenario-cards handout;
    None when the workshop has no such handout (then nothing can be checked against it)."""
    page = card_handout(site, "scenario")
    if page is None:
        return None
    return tuple(match.group(1) for heading in page.doc.headings if heading.level == 2
                 and (match := SCENARIO_HEADING.match(heading.text)))


def role_names(site: Site) -> tuple[str, ...] | None:
    """The role cards, one for each '##' heading of the role-cards handout; None without one."""
    page = card_handout(site, "role")
    if page is None:
        return None
    return tuple(heading.text for heading in page.doc.headings if heading.level == 2)
