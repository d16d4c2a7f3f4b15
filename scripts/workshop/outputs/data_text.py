"""Small pieces of wording and layout that the workshop's data outputs share: counts in words,
lists joined as people write them, group labels in natural order, medians as people read them,
and tables that stay usable on a narrow screen and by keyboard."""

from __future__ import annotations

import html
import re


def table_html(caption: str, head: str, body: str) -> str:
    """A captioned table in a region that scrolls sideways on a narrow screen and can be
    reached with the keyboard to do so, named by its caption for screen readers."""
    caption = html.escape(caption)
    return (f'<div class="workshop-table" role="region" aria-label="{caption}" tabindex="0">'
            f"<table class=\"workshop-table__grid\"><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def natural(label: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", label))


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def number(value: float | None, signed: bool = False) -> str:
    """A median as people read it: 3, 3.5, +1, -0.5; a dash when there are no ratings."""
    if value is None:
        return "–"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return ("+" + text) if signed and value > 0 else text
