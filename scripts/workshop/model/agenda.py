"""The session plan as data: blocks with minutes, mode, objectives, pages and materials.

The workshop is designed to split its time equally between teaching and activity; the
plan is checked against that design whenever the site is checked or built, so a trainer
who moves a block hears at once when the session no longer balances.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from workshop.model import schema
from workshop.model.problems import Problems
from workshop.model.text import describe, load_data_file

AGENDA = "data/agenda.yaml"
# A block is teaching (didactic), activity (interactive), or neither: a break, or housekeeping such as
# filling in a form. extra.balance names the two modes whose minutes must be equal; the modes in
# NEITHER are never counted in either of them, so a break never tips the balance.
MODES = ("didactic", "interactive", "break", "housekeeping")
NEITHER = ("break", "housekeeping")
BLOCK_KEYS = {"id", "title", "minutes", "mode", "objectives", "pages", "materials", "facilitator", "prompts",
              "say", "steps"}


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
    start = str(workshop.get("start_time") or "09:30")
    agenda = Agenda(start_time=start)
    agenda.exists, data, text = load_data_file(root, AGENDA, problems, code="agenda-invalid")
    if data is None:
        return agenda
    if not isinstance(data, dict) or not isinstance(data.get("blocks"), list):
        problems.add("agenda-invalid", AGENDA, 1, reason="the agenda must have a list of blocks under 'blocks'")
        return agenda
    try:
        clock = datetime.strptime(start, "%H:%M")
    except ValueError:
        problems.add("agenda-invalid", "mkdocs.yml", 1,
                     reason=f"extra.workshop.start_time must be a time such as 13:30, not '{start}'")
        clock = datetime.strptime("09:30", "%H:%M")
    wrong = schema.check(data, "agenda", AGENDA, problems, code="agenda-invalid")
    if any(len(path) < 2 for path in wrong):
        return agenda
    refused = {path[1] for path in wrong}
    lines = getattr(data["blocks"], "lines", [])
    seen: set[str] = set()
    for index, raw in enumerate(data["blocks"]):
        line = lines[index] if index < len(lines) else 1
        if index in refused:
            continue
        block = _block(raw, index + 1, line, problems)
        if block is None:
            continue
        if block.id in seen:
            problems.add("agenda-invalid", AGENDA, line, reason=f"block id '{block.id}' is used twice")
        seen.add(block.id)
        end = clock + timedelta(minutes=block.minutes)
        agenda.blocks.append(Block(**{**block.__dict__, "start": clock.strftime("%H:%M"), "end": end.strftime("%H:%M")}))
        clock = end
    return agenda


def _block(raw: Any, number: int, line: int, problems: Problems) -> Block | None:
    def bad(reason: str) -> None:
        problems.add("agenda-invalid", AGENDA, line, reason=f"block {number}: {reason}")

    if not isinstance(raw, dict):
        bad(f"must be a set of keys, not {describe(raw)}")
        return None
    unknown = set(raw) - BLOCK_KEYS
    if unknown:
        bad(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(BLOCK_KEYS))}")
    minutes = raw.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        bad(f"'minutes' must be a positive whole number, not {describe(minutes)}")
        return None
    if raw.get("mode") not in MODES:
        bad(f"'mode' must be {', '.join(MODES[:-1])} or {MODES[-1]}, not {describe(raw.get('mode'))}")
        return None
    lists = {}
    for key in ("objectives", "pages", "materials", "prompts"):
        value = raw.get(key) or []
        if not isinstance(value, list):
            bad(f"'{key}' must be a list, not {describe(value)}")
            value = []
        lists[key] = tuple(str(v) for v in value)
    if not isinstance(raw.get("id"), str) or not isinstance(raw.get("title"), str):
        bad("'id' and 'title' must be text")
        return None
    say = raw.get("say")
    if say is not None and not isinstance(say, str):
        bad(f"'say' must be text (what the facilitator reads aloud), not {describe(say)}")
        say = ""
    lines = getattr(raw, "lines", {})
    return Block(id=raw["id"], title=raw["title"], minutes=minutes, mode=raw["mode"],
                 facilitator=" ".join(str(raw.get("facilitator") or "").split()), line=line,
                 say=" ".join(str(say or "").split()), say_line=lines.get("say", line) if say else 0,
                 steps=_steps(raw.get("steps"), bad), **lists)


def _steps(value: Any, bad) -> tuple[Step, ...]:
    """The block's timed steps: a list of {minutes, do} (the schema has reported a wrong shape)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        bad(f"'steps' must be a list of {{minutes, do}}, not {describe(value)}")
        return ()
    steps = []
    for number, raw in enumerate(value, 1):
        minutes = raw.get("minutes") if isinstance(raw, dict) else None
        text = raw.get("do") if isinstance(raw, dict) else None
        if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or minutes <= 0 \
                or not isinstance(text, str) or not text.strip():
            bad(f"step {number} must have 'minutes' (a number more than 0) and 'do' (text), not {describe(raw)}")
            continue
        steps.append(Step(minutes=float(minutes), do=" ".join(text.split())))
    return tuple(steps)


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
