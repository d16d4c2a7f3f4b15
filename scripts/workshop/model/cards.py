"""The exercise's cards, read from the handouts that hold them: scenario cards and role cards.

How many scenarios a room can share out, and how many roles a set holds, is whatever the
handouts print, never a number written in the code: a fork with two scenario cards must never
send a group to "Scenario C". A handout says which cards it holds with a front matter key,
`cards: scenario` or `cards: role`; each card is a `<div class="handout-card">` block and its
name is the card's first `##` heading. A scenario card headed "Scenario A: Falls in care homes"
is named by its letter, "A" (the name groups and the typed-up post-its use); any other heading
names the card in full. A role card whose class list also holds `lay-card` (a service user,
carer or public contributor) is a lay card: the group plan names them for the tables that have
no lay member.

scenario_names(site) and role_names(site) are what other code should ask; both read the site's
pages in navigation order, so two handouts of one kind add up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.model import groups
from workshop.model.config import CARD_KINDS  # noqa: F401  (the values of the front matter key)

if TYPE_CHECKING:
    from workshop.model.site import Site

CARDS_KEY = "cards"
LAY_CLASS = "lay-card"

_CARD = re.compile(r"<div\b[^>]*\bclass\s*=\s*[\"']([^\"']*\bhandout-card\b[^\"']*)[\"'][^>]*>", re.I)
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.M)
_SCENARIO = re.compile(r"^Scenario\s+([A-Z0-9]+)\b")


@dataclass(frozen=True)
class Card:
    name: str          # "A" for "Scenario A: ...", else the heading
    heading: str       # the card's heading as printed
    lay: bool = False  # a lay role card (class lay-card)
    line: int = 1      # line of its heading in the page's file


def cards_in(markdown: str, first_line: int = 1) -> list[Card]:
    """The cards of a handout's Markdown, in order: each handout-card block and its first heading."""
    found = []
    starts = list(_CARD.finditer(markdown))
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(markdown)
        heading = _HEADING.search(markdown, start.end(), end)
        if heading is None:
            continue
        text = " ".join(heading.group(1).split())
        letter = _SCENARIO.match(text)
        classes = start.group(1).split()
        found.append(Card(name=letter.group(1) if letter else text, heading=text, lay=LAY_CLASS in classes,
                          line=first_line + markdown.count("\n", 0, heading.start())))
    return found


def cards(site: Site, kind: str) -> list[Card]:
    """Every card of this kind ('scenario' or 'role') in the handouts that declare `cards: <kind>`."""
    found: list[Card] = []
    for page in site.in_nav_order():
        if page.readable and not page.notebook and page.meta.get(CARDS_KEY) == kind:
            found += cards_in(page.body, page.body_line)
    return found


def scenario_names(site: Site) -> tuple[str, ...]:
    """The scenario cards' names in order ('A', 'B', ...); () when no handout declares `cards: scenario`."""
    return tuple(dict.fromkeys(card.name for card in cards(site, "scenario")))


def role_names(site: Site) -> tuple[str, ...]:
    """The role cards' names in order ('Academic researcher', ...); () when no handout declares `cards: role`."""
    return tuple(card.name for card in cards(site, "role"))


def lay_role_names(site: Site) -> tuple[str, ...]:
    """The role cards marked as lay cards (class lay-card), in order."""
    return tuple(card.name for card in cards(site, "role") if card.lay)


def room_plan(site: Site) -> groups.Plan:
    """The group plan for this site: extra.workshop's room, the scenario and role cards its
    handouts hold. Raises ValueError (with a reason) when the room cannot be divided."""
    return groups.from_workshop(site.config.workshop, cards=scenario_names(site),
                                roles=role_names(site), lay_roles=lay_role_names(site))
