"""The text-fitting rule: how many lines a paragraph takes in a box, so no text runs off a slide.

python-pptx cannot measure rendered text, so the decks are laid out by a rule that errs
on the generous side: a character is taken to be CHAR_WIDTH_EM of the font size wide (an
average that holds for Calibri, Carlito and Arial text with its spaces), every line is
LINE_HEIGHT times the font size high (the decks set exactly this line spacing), and a
paragraph is wrapped word by word at the characters that fit across the box, less its
insets and indent. The tests measure the finished deck by the same rule, independently.

Measured on the deck's own text (average advance per character): Carlito, metric twin of
Calibri, 0.42 em (widest paragraph 0.47); Liberation Sans, twin of Arial, 0.45 (0.52);
DejaVu Sans 0.51. So 0.5 em keeps Calibri and Arial templates inside their boxes, at the
cost of some empty space at the foot of a Calibri slide.
"""

from __future__ import annotations

import math
import textwrap

EMU_PER_PT = 12700
EMU_PER_INCH = 914400
CHAR_WIDTH_EM = 0.5
LINE_HEIGHT = 1.2


def chars_per_line(width_emu: int, size_pt: float) -> int:
    """Characters of text at size_pt that fit across width_emu."""
    return max(1, math.floor(width_emu / EMU_PER_PT / (size_pt * CHAR_WIDTH_EM)))


def wrap(text: str, width_emu: int, size_pt: float) -> list[str]:
    """The lines a paragraph wraps to; an empty paragraph still takes one line."""
    lines: list[str] = []
    for part in text.split("\n") or [""]:   # soft line breaks inside a paragraph
        lines += textwrap.wrap(part, chars_per_line(width_emu, size_pt), break_long_words=True,
                               break_on_hyphens=False) or [""]
    return lines


def line_pitch_pt(size_pt: float) -> float:
    return size_pt * LINE_HEIGHT


def paragraph_height_pt(text: str, width_emu: int, size_pt: float, space_before_pt: float = 0) -> float:
    return len(wrap(text, width_emu, size_pt)) * line_pitch_pt(size_pt) + space_before_pt


def truncate_to_lines(text: str, width_emu: int, size_pt: float, lines: int) -> str:
    """The longest start of text, ending in an ellipsis, that wraps to at most `lines` lines."""
    if len(wrap(text, width_emu, size_pt)) <= lines:
        return text
    words = text.split()
    low, high = 0, len(words)
    while low < high:   # binary search on the number of words kept
        middle = (low + high + 1) // 2
        candidate = " ".join(words[:middle]).rstrip(",;:") + "…"
        if len(wrap(candidate, width_emu, size_pt)) <= lines:
            low = middle
        else:
            high = middle - 1
    return (" ".join(words[:low]).rstrip(",;:") + "…") if low else text[: chars_per_line(width_emu, size_pt) - 1] + "…"
