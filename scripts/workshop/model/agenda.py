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
MODES = ("didactic", "interactive")
BLOCK_KEYS = {"id", "title", "minutes", "mode", "objectives", "pages", "materials", "facilitator", "prompts"}


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


@dataclass
class Agenda:
    blocks: list[Block] = field(default_factory=list)
    start_time: str = "09:30"
    exists: bool = False

    def minutes(self, mode: str) -> int:
        return sum(b.minutes for b in self.blocks if b.mode == mode)

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
    wrong = schema.check(data, "agenda", AGENDA, problems, code="agenda-invalid", root=root)
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
        bad(f"'mode' must be didactic or interactive, not {describe(raw.get('mode'))}")
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
    return Block(id=raw["id"], title=raw["title"], minutes=minutes, mode=raw["mode"],
                 facilitator=" ".join(str(raw.get("facilitator") or "").split()), line=line, **lists)


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
