"""How a room of any size is divided for the group exercise: groups, scenarios, role cards, debrief.

Everything here is a plain function of a few whole numbers and names (participants, lay members,
groups joining online, the scenario and role cards, minutes), so that a marker can render it into
a page, the materials list can count from it and a test can check it for every size of room.
Nothing reads files or the site: the cards are read from the handouts by cards.py, which hands
their names in.

The rules, in the order they are applied:

- Groups hold GROUP_SIZE people (4 to 6); of the numbers of groups that keep every table within
  that range, the one whose tables come closest to PREFERRED_SIZE is chosen (fewer groups on a tie).
  A number of groups set in mkdocs.yml (extra.workshop.groups) is kept, with a note when its tables
  fall outside the range.
- Lay members (service users, carers and members of the public taking part as themselves) are
  never alone in a group: they sit at least two to a table, in as many groups as that allows.
- Groups take the scenario cards in turn (A, B, C, D, A, ...), so that when there are more groups
  than cards, groups that share a scenario can compare their outlines.
- Groups joining online (extra.workshop.remote_groups, the last groups of the plan) each take a
  scenario card of their own, which no group in the room shares, and a breakout room; lay members
  are seated in the room's groups first, since who joins online is asked, not assumed.
- A group with no lay member is named, with what to do with the lay role cards.
- Each group has one set of role cards, and one set is spare.
- The debrief gives each group the same time at its flip chart; when that does not fit the block,
  groups that share a scenario present together.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

PARTICIPANTS = (6, 40)          # the sizes of room the exercise is written for
GROUP_SIZE = (4, 6)             # fewest and most people at a table
PREFERRED_SIZE = 5
SPARE_ROLE_SETS = 1
PRESENT_MINUTES = 2             # each presentation in the debrief
COMPARE_MINUTES = 2             # the debrief's closing comparison of outlines


@dataclass(frozen=True)
class Plan:
    """The division of one room: one entry per group in sizes, lay, scenarios and online."""
    participants: int
    lay_members: int
    sizes: tuple[int, ...]          # people at each table
    lay: tuple[int, ...]            # lay members at each table
    scenarios: tuple[str, ...]      # the scenario card each group works on ("" when there are no cards)
    role_card_sets: int
    cards_per_set: int
    notes: tuple[str, ...]          # what a facilitator should know about this division
    online: tuple[bool, ...] = ()   # True for a group that joins online (the last remote_groups groups)
    lay_roles: tuple[str, ...] = () # the lay role cards, by name

    @property
    def groups(self) -> int:
        return len(self.sizes)

    @property
    def remote_groups(self) -> int:
        return sum(self.online)

    def is_online(self, number: int) -> bool:
        """Whether group number (from 1) joins online."""
        return bool(self.online) and self.online[number - 1]

    def breakout_room(self, number: int) -> int | None:
        """The breakout room of group number (from 1): online groups take rooms 1, 2, ... in order."""
        if not self.is_online(number):
            return None
        return sum(self.online[:number])

    @property
    def scenarios_used(self) -> tuple[str, ...]:
        """The scenario cards in use, in the order groups take them."""
        return tuple(card for card in dict.fromkeys(self.scenarios) if card)

    def groups_on(self, scenario: str) -> list[int]:
        """The group numbers (from 1) that work on a scenario."""
        return [number for number, card in enumerate(self.scenarios, 1) if card == scenario]

    @property
    def scenario_copies(self) -> int:
        """Copies of the scenario cards to cut up, so that every group has its card."""
        return max((len(self.groups_on(card)) for card in self.scenarios_used), default=0)

    @property
    def without_lay(self) -> list[int]:
        """The group numbers (from 1) with no lay member."""
        return [number for number, count in enumerate(self.lay, 1) if count == 0]


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


def place_lay_members(lay_members: int, sizes: Sequence[int], online: Sequence[bool] = ()) -> tuple[int, ...]:
    """Lay members at each table, never one alone: two or more to a table, spread as widely as that allows.

    Tables in the room come before tables online (online: True for a group joining online), and
    larger tables before smaller ones. A single lay member cannot have a lay companion; they are
    placed at the first table and plan() adds a note saying what to do.
    """
    if lay_members < 0 or lay_members > sum(sizes):
        raise ValueError(f"{lay_members} lay members cannot be placed among {sum(sizes)} participants")
    if lay_members == 0:
        return tuple(0 for _ in sizes)
    if lay_members == 1:
        return tuple(1 if n == 0 else 0 for n in range(len(sizes)))
    away = list(online) + [False] * (len(sizes) - len(online))
    tables = min(len(sizes), lay_members // 2)
    # The room first, then the largest tables, so that lay members are never the whole of a small
    # table when avoidable.
    order = sorted(range(len(sizes)), key=lambda n: (away[n], -sizes[n], n))[:tables]
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


def assign_scenarios(groups: int, cards: Sequence[str], remote_groups: int = 0) -> tuple[str, ...]:
    """Scenario cards in turn: 6 groups and cards A-D give A, B, C, D, A, B.

    The last remote_groups groups join online; each takes a card of its own from the end of the
    list, and the groups in the room take the others in turn (5 groups, 1 online, cards A-D:
    A, B, C, A and D online). With too few cards for that, the room keeps the first card and the
    online groups share the rest (plan() says so). No cards at all: every group gets "".
    """
    if not cards:
        return ("",) * groups
    remote_groups = max(0, min(remote_groups, groups))
    room = groups - remote_groups
    if remote_groups == 0 or room == 0:
        return tuple(cards[n % len(cards)] for n in range(groups))
    if len(cards) > remote_groups:
        in_room, online = list(cards[:len(cards) - remote_groups]), list(cards[len(cards) - remote_groups:])
    else:
        in_room, online = [cards[0]], list(cards[1:]) or [cards[0]]
    return (tuple(in_room[n % len(in_room)] for n in range(room))
            + tuple(online[n % len(online)] for n in range(remote_groups)))


def debrief(plan: Plan, minutes: int = 10, present: int = PRESENT_MINUTES,
            compare: int = COMPARE_MINUTES) -> Debrief:
    """How the debrief's minutes are shared out: every group in turn, or one turn per scenario."""
    compare = compare if plan.groups > 1 else 0
    talk = max(minutes - compare, 0)
    if plan.groups * present <= talk:
        return Debrief(plan.groups, present, False, compare)
    turns = len(plan.scenarios_used) or plan.groups
    return Debrief(turns, max(1, talk // turns), turns < plan.groups, compare)


# ---------------------------------------------------------------- the whole plan

def plan(participants: int, lay_members: int = 0, groups: int | None = None,
         cards: Sequence[str] = (), roles: Sequence[str] = (), lay_roles: Sequence[str] = (),
         remote_groups: int = 0, size: tuple[int, int] = GROUP_SIZE,
         preferred: int = PREFERRED_SIZE) -> Plan:
    """Divide a room: groups, lay members at each table, scenario cards, role-card sets and the
    groups joining online. cards are the scenario cards' names, roles the role cards' names
    (lay_roles those of them that are lay cards), as the handouts hold them."""
    low, high = PARTICIPANTS
    if not isinstance(participants, int) or isinstance(participants, bool) or not low <= participants <= high:
        raise ValueError(f"the exercise is written for {low} to {high} participants, not {participants!r}")
    notes: list[str] = []
    if groups is None:
        groups = choose_groups(participants, size, preferred)
    if not 0 <= remote_groups <= groups:
        raise ValueError(f"remote_groups is {remote_groups}, but the room has {_count(groups, 'group')}: "
                         f"at most {groups} can join online")
    sizes = group_sizes(participants, groups)
    online = tuple(n >= groups - remote_groups for n in range(groups))
    if not size[0] <= min(sizes) or max(sizes) > size[1]:
        notes.append(f"Tables of {_span(sizes)} are outside the usual {size[0]} to {size[1]}: "
                     "check that every person can reach the flip chart and be heard.")
    lay = place_lay_members(lay_members, sizes, online)
    if lay_members == 1:
        notes.append("One lay member would be the only one at their table: ask them before the day how "
                     "they would like to take part, for example with a peer from the same involvement group.")
    if groups == 1:
        notes.append("With one group, the debrief compares the outline with the compromise cards "
                     "rather than with other groups' outlines.")
    cards = tuple(cards)
    scenarios = assign_scenarios(groups, cards, remote_groups)
    if not cards:
        notes.append("No handout declares 'cards: scenario', so the plan gives groups no scenario card: "
                     "add that key to the front matter of the handout that holds the scenario cards.")
    elif remote_groups and groups > remote_groups and len(cards) <= remote_groups:
        notes.append(f"With {_count(len(cards), 'scenario card')} and {_count(remote_groups, 'group')} online, "
                     "the online groups cannot each have a scenario of their own: add scenario cards, or "
                     "let the online groups compare their outlines with each other.")
    roles = tuple(roles)
    if roles and max(sizes) > len(roles):
        notes.append(f"A table of {max(sizes)} has more people than the {len(roles)} role cards: "
                     "the others observe.")
    elif not roles:
        notes.append("No handout declares 'cards: role', so the plan counts no role cards: add that key to "
                     "the front matter of the handout that holds them.")
    return Plan(participants=participants, lay_members=lay_members, sizes=sizes, lay=lay,
                scenarios=scenarios, role_card_sets=groups + SPARE_ROLE_SETS if roles else 0,
                cards_per_set=len(roles), notes=tuple(notes), online=online,
                lay_roles=tuple(r for r in lay_roles if r in roles) or tuple(lay_roles))


def from_workshop(workshop: Mapping, cards: Sequence[str] = (), roles: Sequence[str] = (),
                  lay_roles: Sequence[str] = ()) -> Plan:
    """The plan for mkdocs.yml's extra.workshop: participants, and optionally lay_members, groups
    and remote_groups."""
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
    return plan(participants, lay_members=whole("lay_members") or 0, groups=whole("groups"), cards=cards,
                roles=roles, lay_roles=lay_roles, remote_groups=whole("remote_groups") or 0)


# ---------------------------------------------------------------- words for pages

def _span(sizes: Sequence[int]) -> str:
    low, high = min(sizes), max(sizes)
    return str(low) if low == high else f"{low} or {high}" if high == low + 1 else f"{low} to {high}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _groups_named(numbers: Sequence[int]) -> str:
    return f"Group {numbers[0]}" if len(numbers) == 1 else "Groups " + _join([str(n) for n in numbers])


def summary(plan: Plan) -> str:
    """One sentence for a page: '24 participants in 4 groups of 6, on scenarios A, B, C and D; ...'"""
    cards = plan.scenarios_used
    if not cards:
        scenario = ""
    elif len(cards) == 1:
        scenario = f", on scenario {cards[0]}"
    else:
        scenario = f", on scenarios {_join(list(cards))}"
    shared = " (some groups share a scenario)" if cards and plan.groups > len(cards) else ""
    groups = "1 group" if plan.groups == 1 else f"{plan.groups} groups"
    sets = (f"{_count(plan.role_card_sets, 'set')} of role cards, one for each group and "
            f"{_count(SPARE_ROLE_SETS, 'spare')}." if plan.role_card_sets else "no role cards.")
    return f"{plan.participants} participants in {groups} of {_span(plan.sizes)}{scenario}{shared}; {sets}"


def online_sentence(plan: Plan) -> str:
    """Who joins online, where, and on which scenario; "" when every group is in the room."""
    numbers = [n for n in range(1, plan.groups + 1) if plan.is_online(n)]
    if not numbers:
        return ""
    parts = []
    for number in numbers:
        card = plan.scenarios[number - 1]
        parts.append(f"group {number} in breakout room {plan.breakout_room(number)}"
                     + (f", on scenario {card}" if card else ""))
    shared = sorted({n for number in numbers if plan.scenarios[number - 1]
                     for n in plan.groups_on(plan.scenarios[number - 1]) if not plan.is_online(n)})
    scenario = ("" if not plan.scenarios_used else
                " No group in the room shares " + ("its scenario." if len(numbers) == 1 else "their scenarios.")
                if not shared else f" {_groups_named(shared)} in the room share a scenario with a group online.")
    verb = "joins" if len(numbers) == 1 else "join"
    return (f"{_groups_named(numbers)} {verb} online: " + "; ".join(parts) + "." + scenario + " An online group "
            "shows its board on the shared screen in the debrief and presents like a table in the room.")


def lay_sentence(plan: Plan) -> str:
    """Which groups have no lay member, and what to do about it; "" when every group has one."""
    missing = plan.without_lay
    if not missing:
        return ""
    if plan.lay_members == 0:
        head = ("No lay members (service users, carers or members of the public taking part as themselves) "
                "are expected, so no group has one.")
    else:
        seated = plan.groups - len(missing)
        head = (f"{_groups_named(missing)} {'has' if len(missing) == 1 else 'have'} no lay member: "
                f"{_count(plan.lay_members, 'lay member')}, seated at least two to a table, can join only "
                f"{seated} of the {plan.groups} groups.")
    head += (" Say so plainly to the room: these groups will plan without anyone who brings lived "
             "experience.")
    if plan.lay_members:
        head += (" Before the day, ask the lay members where they would like to sit"
                 + (" and whether any of them will join the online group (two or more together, never one "
                    "alone)." if plan.remote_groups else "."))
    cards = f"the lay role cards ({_join(list(plan.lay_roles))})" if plan.lay_roles else "the lay role cards"
    return (head + f" A group without a lay member keeps {cards} on the table as prompts, asking what each "
            "would say, rather than having someone play them.")


def table_markdown(plan: Plan, cell: Callable[[str], str] = str) -> str:
    """A table of the groups: people, lay members and scenario card, one row a group (and where
    each group works, when any joins online). cell escapes a card's name for a table cell."""
    where = plan.remote_groups > 0
    head = "| Group | People | Of whom lay members | Scenario card |" + (" Where |" if where else "")
    rows = [head, "|---|---|---|---|" + ("---|" if where else "")]
    for number, (people, lay, card) in enumerate(zip(plan.sizes, plan.lay, plan.scenarios), 1):
        row = f"| {number} | {people} | {lay} | {cell(card) if card else '–'} |"
        if where:
            room = plan.breakout_room(number)
            row += f" Online, breakout room {room} |" if room else " In the room |"
        rows.append(row)
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
