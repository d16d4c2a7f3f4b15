"""Problems found in the site, collected and sorted before they are printed.

A problem always names a file and a line so that a trainer can go straight to it,
and always carries the fix-it hint of the rule that raised it. The values a rule's message
quotes (a file name, a front-matter value, a cell) are printable(): a line break or a control
character in them is written as an escape, so each problem stays one line of output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.model.messages import printable
from workshop.model.rules import RULES


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    hint: str = field(compare=False, default="")

    def text(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [{self.code}]"


class Problems:
    """A collector: rules add to it, front ends sort and print it."""

    def __init__(self) -> None:
        self._items: set[Problem] = set()

    def add(self, code: str, path: str, line: int, **values: object) -> None:
        rule = RULES[code]
        shown = {name: printable(value) for name, value in values.items()}
        self._items.add(Problem(printable(path), max(int(line or 1), 1), code,
                                rule.message.format(**shown), rule.hint.format(**shown)))

    def extend(self, other: "Problems") -> None:
        self._items |= other._items

    def sorted(self) -> list[Problem]:
        return sorted(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


def problems_data(problems: Problems) -> list[list]:
    """The problems as plain JSON data, for the cache."""
    return [[p.path, p.line, p.code, p.message, p.hint] for p in problems.sorted()]


def problems_from_data(data: object) -> Problems:
    """Problems kept by problems_data, checked: a value of any other shape, or a rule this
    version does not know, raises, and the site is checked again."""
    if not isinstance(data, list):
        raise TypeError("not a list of problems")
    problems = Problems()
    for row in data:
        if (not isinstance(row, list) or len(row) != 5 or not all(isinstance(row[i], str) for i in (0, 2, 3, 4))
                or isinstance(row[1], bool) or not isinstance(row[1], int) or row[1] < 1 or row[2] not in RULES):
            raise TypeError("not a problem")
        problems._items.add(Problem(row[0], row[1], row[2], row[3], row[4]))
    return problems
