"""Problems found in the site, collected and sorted before they are printed.

A problem always names a file and a line so that a trainer can go straight to it,
and always carries the fix-it hint of the rule that raised it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
        self._items.add(Problem(path, max(int(line or 1), 1), code,
                                rule.message.format(**values), rule.hint.format(**values)))

    def extend(self, other: "Problems") -> None:
        self._items |= other._items

    def sorted(self) -> list[Problem]:
        return sorted(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)
