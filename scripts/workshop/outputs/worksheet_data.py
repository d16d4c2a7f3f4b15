"""The steps-outline worksheets (Handout 4), typed up: each group's key steps in order.

A scribe fills in the worksheet during stage 2: the key steps in order, who takes part and,
where there is room, what each needs, with a star by the steps the group could not do without
and, at the foot, the one compromise the group chose. A facilitator types each worksheet into
a spreadsheet, one row a step, and the outline draft merges them with the post-its: the order,
the people and the needs that the post-its alone do not carry.

Columns: group, order, step (required); who, needs, key, scenario, stage (optional). The
group's compromise is typed as one more row whose order is the word 'compromise'. Problems are
reported by file, row and column, as for the post-its.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from workshop.model.config import WorkshopConfig
from workshop.model.problems import Problems
from workshop.outputs.exercise_data import DataError, read_table, stages, workshop_config

WORKSHEET_COLUMNS = ("group", "order", "step")
COMPROMISE = "compromise"
YES = {"yes", "y", "true", "1", "*", "★", "x", "key"}
NO = {"no", "n", "false", "0", "-"}


@dataclass(frozen=True)
class WorksheetRow:
    row: int
    group: str
    order: int | None       # None: the group's compromise
    step: str
    who: str = ""
    needs: str = ""
    key: bool = False
    scenario: str = ""
    stage: str = ""         # optional: the flip-chart column the step belongs to


@dataclass
class Worksheets:
    source: str
    rows: list[WorksheetRow]

    @property
    def steps(self) -> list[WorksheetRow]:
        return [r for r in self.rows if r.order is not None]

    @property
    def compromises(self) -> list[WorksheetRow]:
        return [r for r in self.rows if r.order is None]

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(r.group for r in self.rows))


def read_worksheets(path: Path, config: WorkshopConfig | None = None) -> Worksheets:
    """Read and check the worksheet CSV; raise DataError listing every fault."""
    config = config or workshop_config()
    known = stages(config)
    problems = Problems()
    table = read_table(Path(path), list(WORKSHEET_COLUMNS), "worksheet step", problems)
    rows: list[WorksheetRow] = []
    if table is not None:
        seen: dict[tuple[str, str], int] = {}
        for row, cells in table.rows:
            fault = False
            for column in WORKSHEET_COLUMNS:
                if not cells.get(column, ""):
                    problems.add("data-value-missing", table.name, row, column=column, row_is="worksheet step")
                    fault = True
            group, written = cells.get("group", ""), cells.get("order", "")
            order = _order(written)
            if written and order is False:
                problems.add("data-order-invalid", table.name, row, value=written)
                fault = True
            elif written and group:
                slot = (group.casefold(), COMPROMISE if order is None else str(order))
                if slot in seen:
                    problems.add("data-order-repeated", table.name, row, group=group,
                                 value=slot[1], first=seen[slot])
                    fault = True
                else:
                    seen[slot] = row
            key = _flag(cells.get("key", ""))
            if key is None:
                problems.add("data-flag-invalid", table.name, row, column=table.columns.get("key", "key"),
                             value=cells.get("key", ""))
                fault = True
            stage = cells.get("stage", "").lower()
            if stage and stage not in known:
                close = difflib.get_close_matches(stage, known, n=1, cutoff=0.6)
                problems.add("data-stage-unknown", table.name, row, value=cells.get("stage", ""),
                             suggestion=f" (did you mean '{close[0]}'?)" if close else "", known=", ".join(known))
                fault = True
            if not fault:
                rows.append(WorksheetRow(row, group, order, cells.get("step", ""), cells.get("who", ""),
                                         cells.get("needs", ""), bool(key), cells.get("scenario", ""), stage))
    if problems:
        raise DataError(problems)
    return Worksheets(table.name, rows)


def _order(cell: str) -> int | None | bool:
    """A step's place (1, 2, ...), None for the compromise row, False when it is neither."""
    text = cell.strip().casefold().rstrip(".")
    if text == COMPROMISE:
        return None
    if re.fullmatch(r"\d{1,4}", text) and int(text) >= 1:
        return int(text)
    return False


def _flag(cell: str) -> bool | None:
    text = cell.strip().casefold()
    if not text or text in NO:
        return False
    return True if text in YES else None
