"""What the handouts are, as the navigation and their own headings say: numbers and cards.

A handout's number is in its navigation title ("Handout 4: Steps-outline worksheet"), so the
navigation is the one place that numbers handouts; text elsewhere that names "Handout 4" must
agree with it. The cards of the group exercise are read from the handouts that declare them
(`cards: scenario` or `cards: role` in their front matter; model/cards.py). Nothing here knows a
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


def card_handout(site: Site, kind: str) -> Page | None:
    """The first handout, in navigation order, that declares it holds cards of this kind."""
    from workshop.model.cards import CARDS_KEY

    return next((page for page in site.in_nav_order()
                 if page.readable and not page.notebook and page.meta.get(CARDS_KEY) == kind), None)


def scenario_names(site: Site) -> tuple[str, ...] | None:
    """The scenario cards' names ('A', 'B', ...); None when no handout holds scenario cards (then
    nothing can be checked against them)."""
    from workshop.model import cards

    return cards.scenario_names(site) if card_handout(site, "scenario") else None


def role_names(site: Site) -> tuple[str, ...] | None:
    """The role cards' names; None when no handout holds role cards."""
    from workshop.model import cards

    return cards.role_names(site) if card_handout(site, "role") else None
