"""The session plan as data: blocks with minutes, mode, objectives, pages and materials.

The workshop is designed to split its time equally between teaching and activity; the
plan is checked against that design whenever the site is checked or built, so a trainer
who moves a block hears at once when the session no longer balances.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from workshop.model import schema
from workshop.model.problems import Problems

AGENDA = "data/agenda.yaml"
# A block is teaching (didactic), activity (interactive), or neither: a break, or housekeeping such as
# filling in a form. extra.balance names the two modes whose minutes must be equal; the modes in
# NEITHER are never counted in either of them, so a break never tips the balance (the schema lists
# the modes a block may have).
NEITHER = ("break", "housekeeping")


@dataclass(frozen=True)
class Step:
    """A timed step of a block other than reading aloud: what is done, and its minutes."""
    minutes: float
    do: str


@dataclass(frozen=True)
class Block:
    id: str
    title: str
    minutes: int
    mode: str
    objectives: tuple[str, ...]
    pages: tuple[str, ...]
    materials: tuple[str, ...]
    facilitator: str
    prompts: tuple[str, ...]
    line: int
    start: str = ""
    end: str = ""
    say: str = ""                    # what the facilitator reads aloud, word for word
    steps: tuple[Step, ...] = ()     # the block's other timed steps
    say_line: int = 0                # the line of 'say:' (0: none)

    @property
    def counted(self) -> bool:
        """Whether the block's minutes count towards teaching or activity (a break does not)."""
        return self.mode not in NEITHER


@dataclass
class Agenda:
    blocks: list[Block] = field(default_factory=list)
    start_time: str = "09:30"
    exists: bool = False

    def minutes(self, mode: str) -> int:
        return sum(b.minutes for b in self.blocks if b.mode == mode)

    @property
    def neither(self) -> int:
        """Minutes of blocks that are neither teaching nor activity: breaks and housekeeping."""
        return sum(b.minutes for b in self.blocks if not b.counted)

    @property
    def total(self) -> int:
        return sum(b.minutes for b in self.blocks)


def load_agenda(root: Path, workshop: dict[str, Any], problems: Problems) -> Agenda:
    """data/agenda.yaml as blocks with their clock times; its shape is checked by its schema."""
    start = str(workshop.get("start_time") or "09:30")     # extra's schema has checked its form
    agenda = Agenda(start_time=start)
    agenda.exists, data = schema.read_data(root, AGENDA, "agenda", problems, "agenda-invalid")
    blocks = data.get("blocks", []) if data is not None else []
    clock = datetime.strptime(start, "%H:%M")
    seen: set[str] = set()
    for raw, line in zip(blocks, getattr(blocks, "lines", [])):
        if raw["id"] in seen:
            problems.add("agenda-invalid", AGENDA, line, reason=f"block id '{raw['id']}' is used twice")
        seen.add(raw["id"])
        end = clock + timedelta(minutes=raw["minutes"])
        agenda.blocks.append(Block(
            id=raw["id"], title=raw["title"], minutes=raw["minutes"], mode=raw["mode"],
            objectives=tuple(raw.get("objectives", ())), pages=tuple(raw.get("pages", ())),
            materials=tuple(raw.get("materials", ())), prompts=tuple(raw.get("prompts", ())),
            facilitator=" ".join(raw.get("facilitator", "").split()), line=line,
            start=clock.strftime("%H:%M"), end=end.strftime("%H:%M"),
            say=" ".join(raw.get("say", "").split()), say_line=schema.line_of(raw, ["say"], line) if raw.get("say") else 0,
            steps=tuple(Step(minutes=float(step["minutes"]), do=" ".join(step["do"].split()))
                        for step in raw.get("steps", ()))))
        clock = end
    return agenda


def material_quantities(materials: dict[str, Any], workshop: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(key, label, quantity) for each configured material, from participants and groups."""
    participants, groups = _count(workshop, "participants"), _count(workshop, "groups")
    rows = []
    for key, spec in materials.items():
        spec = spec if isinstance(spec, dict) else {}
        quantity = (int(spec.get("per_session", 0)) + int(spec.get("per_group", 0)) * groups
                    + int(spec.get("per_participant", 0)) * participants + int(spec.get("spare", 0)))
        rows.append((str(key), str(spec.get("label") or key), quantity))
    return rows


def _count(workshop: dict[str, Any], key: str) -> int:
    """A count from extra.workshop; the schema has already reported a wrong one, which counts as 0."""
    value = workshop.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def copies_to_print(print_for: str, workshop: dict[str, Any]) -> int:
    """Copies of a handout: one a participant plus one spare in ten, one a group plus one."""
    participants, groups = _count(workshop, "participants"), _count(workshop, "groups")
    return {"participant": participants + math.ceil(participants / 10),
            "group": groups + 1, "facilitator": 2}.get(print_for, 0)
