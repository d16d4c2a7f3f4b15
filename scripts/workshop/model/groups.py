"""How a room of any size is divided for the group exercise: groups, scenarios, role cards, debrief.

Everything here is a plain function of a few whole numbers (participants, lay members, scenario
cards, minutes), so that a marker can render it into a page, the materials list can count from it
and a test can check it for every size of room. Nothing reads files or the site.

The rules, in the order they are applied:

- Groups hold GROUP_SIZE people (4 to 6); of the numbers of groups that keep every table within
  that range, the one whose tables come closest to PREFERRED_SIZE is chosen (fewer groups on a tie).
  A number of groups set in mkdocs.yml (extra.workshop.groups) is kept, with a note when its tables
  fall outside the range.
- Lay members (service users, carers and members of the public taking part as themselves) are
  never alone in a group: they sit at least two to a table, in as many groups as that allows.
- Groups take the scenario cards in turn (A, B, C, D, A, ...), so that when there are more groups
  than cards, groups that share a scenario can compare their outlines.
- Each group has one set of role cards, and one set is spare.
- The debrief gives each group the same time at its flip chart; when that does not fit the block,
  groups that share a scenario present together.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PARTICIPANTS = (6, 40)          # the sizes of room the exercise is written for
GROUP_SIZE = (4, 6)             # fewest and most people at a table
PREFERRED_SIZE = 5
SCENARIOS = ("A", "B", "C", "D")    # the scenario cards of Handout 2
ROLE_CARDS = 10                 # cards in one set of Handout 3
SPARE_ROLE_SETS = 1
PRESENT_MINUTES = 2             # each presentation in the debrief
COMPARE_MINUTES = 2             # the debrief's closing comparison of outlines


@dataclass(frozen=True)
class Plan:
    """The division of one room: one entry per group in sizes, lay and scenarios."""
    participants: int
    lay_members: int
    sizes: tuple[int, ...]          # people at each table
    lay: tuple[int, ...]            # lay members at each table
    scenarios: tuple[str, ...]      # the scenario card each group works on
    role_card_sets: int
    cards_per_set: int
    notes: tuple[str, ...]          # what a facilitator should know about this division

    @property
    def groups(self) -> int:
        return len(self.sizes)

    @property
    def scenarios_used(self) -> tuple[str, ...]:
        """The scenario cards in use, in card order."""
        return tuple(dict.fromkeys(self.scenarios))

    def groups_on(self, scenario: str) -> list[int]:
        """The group numbers (from 1) that work on a scenario."""
        return [number for number, card in enumerate(self.scenarios, 1) if card == scenario]

    @property
    def scenario_copies(self) -> int:
        """Copies of the scenario cards to cut up, so that every group has its card."""
        return max((len(self.groups_on(card)) for card in self.scenarios_used), default=0)


@dataclass(frozen=True)
class Debrief:
    presentations: int      # how many times someone presents at a flip chart
    minutes_each: int
    by_scenario: bool       # True when groups that share a scenario present together
    compare_minutes: int


# ---------------------------------------------------------------- the pieces

def group_sizes(participants: int, groups: int) -> tuple[int, ...]:
    """Tables as even as they can be: 24 in 5 groups is (5, 5, 5, 5, 4)."""
    if groups < 1 or participants < groups:
        raise ValueError(f"{participants} participants cannot make {groups} groups")
    base, extra = divmod(participants, groups)
    return tuple(base + 1 if n < extra else base for n in range(groups))


def choose_groups(participants: int, size: tuple[int, int] = GROUP_SIZE,
                  preferred: int = PREFERRED_SIZE) -> int:
    """The number of groups whose tables stay within size and come closest to preferred.

    When no number of groups keeps every table within size (7 people and tables of 4 to 6),
    the fewest groups that keep every table at or below the largest size.
    """
    low, high = size
    fitting = [g for g in range(1, participants + 1)
               if low <= participants // g and math.ceil(participants / g) <= high]
    if not fitting:
        return max(1, math.ceil(participants / high))
    return min(fitting, key=lambda g: (abs(participants / g - preferred), g))


def place_lay_members(lay_members: int, sizes: Sequence[int]) -> tuple[int, ...]:
    """Lay members at each table, never one alone: two or more to a table, spread as widely as that allows.

    A single lay member cannot have a lay companion; they are placed at the first table and
    plan() adds a note saying what to do.
    """
    if lay_members < 0 or lay_members > sum(sizes):
        raise ValueError(f"{lay_members} lay members cannot be placed among {sum(sizes)} participants")
    if lay_members == 0:
        return tuple(0 for _ in sizes)
    if lay_members == 1:
        return tuple(1 if n == 0 else 0 for n in range(len(sizes)))
    tables = min(len(sizes), lay_members // 2)
    # Largest tables first, so that lay members are never the whole of a small table when avoidable.
    order = sorted(range(len(sizes)), key=lambda n: (-sizes[n], n))[:tables]
    placed = [0] * len(sizes)
    left = lay_members
    while left:
        moved = False
        for n in sorted(order):
            if left and placed[n] < sizes[n]:
                placed[n] += 1
                left -= 1
                moved = True
        if not moved:   # only with tables of two or fewer: larger tables always have room
            raise ValueError(f"{lay_members} lay members do not fit at {len(sizes)} tables")
    return tuple(placed)


def assign_scenarios(groups: int, cards: Sequence[str] = SCENARIOS) -> tuple[str, ...]:
    """Scenario cards in turn: 6 groups and cards A-D give A, B, C, D, A, B."""
    if not cards:
        raise ValueError("there are no scenario cards to give out")
    return tuple(cards[n % len(cards)] for n in range(groups))


def debrief(plan: Plan, minutes: int = 10, present: int = PRESENT_MINUTES,
            compare: int = COMPARE_MINUTES) -> Debrief:
    """How the debrief's minutes are shared out: every group in turn, or one turn per scenario."""
    compare = compare if plan.groups > 1 else 0
    talk = max(minutes - compare, 0)
    if plan.groups * present <= talk:
        return Debrief(plan.groups, present, False, compare)
    turns = len(plan.scenarios_used)
    return Debrief(turns, max(1, talk // turns), turns < plan.groups, compare)


# ---------------------------------------------------------------- the cards, read from the handouts

_SCENARIO_HEADING = re.compile(r"^##\s+Scenario\s+([A-Z0-9]+)\b", re.M)
_CARD = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\bhandout-card\b")


def scenario_letters(markdown: str) -> tuple[str, ...]:
    """The scenario cards a handout holds, from its '## Scenario A: ...' headings, in order."""
    return tuple(_SCENARIO_HEADING.findall(markdown))


def card_count(markdown: str) -> int:
    """The cards a handout holds: its <div class="handout-card"> blocks (a set of role cards)."""
    return len(_CARD.findall(markdown))


# ---------------------------------------------------------------- the whole plan

def plan(participants: int, lay_members: int = 0, groups: int | None = None,
         cards: Sequence[str] = SCENARIOS, cards_per_set: int = ROLE_CARDS,
         size: tuple[int, int] = GROUP_SIZE, preferred: int = PREFERRED_SIZE) -> Plan:
    """Divide a room: groups, lay members at each table, scenario cards and role-card sets."""
    low, high = PARTICIPANTS
    if not isinstance(participants, int) or isinstance(participants, bool) or not low <= participants <= high:
        raise ValueError(f"the exercise is written for {low} to {high} participants, not {participants!r}")
    notes: list[str] = []
    if groups is None:
        groups = choose_groups(participants, size, preferred)
    sizes = group_sizes(participants, groups)
    if not size[0] <= min(sizes) or max(sizes) > size[1]:
        notes.append(f"Tables of {_span(sizes)} are outside the usual {size[0]} to {size[1]}: "
                     "check that every person can reach the flip chart and be heard.")
    lay = place_lay_members(lay_members, sizes)
    if lay_members == 1:
        notes.append("One lay member would be the only one at their table: ask them before the day how "
                     "they would like to take part, for example with a peer from the same involvement group.")
    if groups == 1:
        notes.append("With one group, the debrief compares the outline with the compromise cards "
                     "rather than with other groups' outlines.")
    if max(sizes) > cards_per_set:
        notes.append(f"A table of {max(sizes)} has more people than the {cards_per_set} role cards: "
                     "the others observe.")
    return Plan(participants=participants, lay_members=lay_members, sizes=sizes, lay=lay,
                scenarios=assign_scenarios(groups, cards),
                role_card_sets=groups + SPARE_ROLE_SETS, cards_per_set=cards_per_set,
                notes=tuple(notes))


def from_workshop(workshop: Mapping, cards: Sequence[str] = SCENARIOS) -> Plan:
    """The plan for mkdocs.yml's extra.workshop: participants, and optionally lay_members and groups."""
    def whole(key: str) -> int | None:
        value = workshop.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"extra.workshop.{key} must be a whole number, not {value!r}")
        return value
    participants = whole("participants")
    if participants is None:
        raise ValueError("extra.workshop.participants is not set")
    return plan(participants, lay_members=whole("lay_members") or 0, groups=whole("groups"), cards=cards)


# ---------------------------------------------------------------- words for pages

def _span(sizes: Sequence[int]) -> str:
    low, high = min(sizes), max(sizes)
    return str(low) if low == high else f"{low} or {high}" if high == low + 1 else f"{low} to {high}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def summary(plan: Plan) -> str:
    """One sentence for a page: '24 participants in 4 groups of 6, on scenarios A, B, C and D.'"""
    cards = plan.scenarios_used
    scenario = f"scenario {cards[0]}" if len(cards) == 1 else f"scenarios {_join(list(cards))}"
    shared = " (some groups share a scenario)" if plan.groups > len(cards) else ""
    groups = "1 group" if plan.groups == 1 else f"{plan.groups} groups"
    return (f"{plan.participants} participants in {groups} of {_span(plan.sizes)}, on {scenario}{shared}; "
            f"{_count(plan.role_card_sets, 'set')} of role cards, one for each group and "
            f"{_count(SPARE_ROLE_SETS, 'spare')}.")


def table_markdown(plan: Plan) -> str:
    """A table of the groups: people, lay members and scenario card, one row a group."""
    rows = ["| Group | People | Of whom lay members | Scenario card |", "|---|---|---|---|"]
    rows += [f"| {number} | {people} | {lay} | {card} |"
             for number, (people, lay, card) in enumerate(zip(plan.sizes, plan.lay, plan.scenarios), 1)]
    return "\n".join(rows) + "\n"


def debrief_sentence(plan: Plan, minutes: int = 10) -> str:
    """How the debrief runs, in a sentence: who presents and for how long."""
    turn = debrief(plan, minutes)
    if turn.by_scenario:
        who = (f"the groups that share a scenario present together, {turn.minutes_each} minutes "
               f"for each of the {turn.presentations} scenarios")
    elif plan.groups == 1:
        who = f"the group presents for {turn.minutes_each} minutes"
    else:
        who = f"each of the {plan.groups} groups presents for {turn.minutes_each} minutes"
    end = f", and the last {turn.compare_minutes} minutes compare the outlines" if turn.compare_minutes else ""
    return f"In a {minutes}-minute debrief, {who}{end}."
