"""The session deck's budget, as configuration: slides per minute, words per slide, type size.

mkdocs.yml holds it under extra.slides, so a trainer who teaches more slowly, or to a room
with a smaller screen, changes one number:

    slides:
      slides_per_minute: 0.5   # content slides a didactic block may show per minute
      max_words: 40            # words of body text on any one slide
      min_body_pt: 24          # the smallest body type, in points
      min_figure_pt: 20        # the smallest text inside a figure, as placed on its slide
      colour: "#009485"        # optional: the deck's colour; by default the site's palette (palette.py)

The rules that `make slides` applies to the session deck are registered here, beside the
budget they enforce, in the same form as every other rule (workshop.model.rules.RULES).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from workshop.model.problems import Problems
from workshop.model.rules import RULES  # noqa: F401  (the rules this module raises live in the one table)
from workshop.model.text import describe
from workshop.outputs.slides.palette import valid_colour

DEFAULTS = {"slides_per_minute": 0.5, "max_words": 40, "min_body_pt": 24, "min_figure_pt": 20}
LIMITS = {"slides_per_minute": (0.05, 4.0), "max_words": (5, 200), "min_body_pt": (12, 60), "min_figure_pt": (8, 60)}
OTHER_KEYS = ("colour",)     # extra.slides settings that are not the budget (palette.py reads the colour)


_WORD = re.compile(r"\d{1,2}:\d\d|[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
CUT_MARKS = ("…", "...")


@dataclass(frozen=True)
class Budget:
    slides_per_minute: float
    max_words: int
    min_body_pt: float
    min_figure_pt: float = DEFAULTS["min_figure_pt"]
    line: int = 1                # the line of 'slides:' in mkdocs.yml

    def allowed(self, minutes: int) -> int:
        """Content slides a didactic block of this length may show."""
        return math.floor(minutes * self.slides_per_minute + 1e-9)


def count_words(text: str) -> int:
    """Words as a reader counts them: 'co-production', 'don't' and '13:45' are one word each, '–' none."""
    return len(_WORD.findall(text))


def load_budget(config, problems: Problems) -> Budget:
    """extra.slides from mkdocs.yml, each value checked; a bad value is reported and the default used."""
    text = _config_text(config)
    match = re.search(r"^  slides:\s*(#.*)?$", text, re.M)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    extra = config.raw.get("extra") if isinstance(config.raw, dict) else None
    raw = extra.get("slides") if isinstance(extra, dict) else None
    values = dict(DEFAULTS)
    if raw is None:
        return Budget(**values, line=line)
    if not isinstance(raw, dict):
        problems.add("config-invalid", config.rel, line,
                     reason=f"'extra.slides' must be a set of keys, not {describe(raw)}")
        return Budget(**values, line=line)
    for key, value in raw.items():
        if key == "colour":
            if not valid_colour(value):
                problems.add("config-invalid", config.rel, line,
                             reason=f"'extra.slides.colour' must be a colour written \"#rrggbb\", not {describe(value)}")
            continue
        if key not in DEFAULTS:
            problems.add("config-invalid", config.rel, line,
                         reason=f"unknown key 'extra.slides.{key}'; allowed: {', '.join([*DEFAULTS, *OTHER_KEYS])}")
            continue
        low, high = LIMITS[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            problems.add("config-invalid", config.rel, line,
                         reason=f"'extra.slides.{key}' must be a number from {low} to {high}, not {describe(value)}")
            continue
        values[key] = int(value) if key == "max_words" else float(value)
    return Budget(**values, line=line)


def _config_text(config) -> str:
    try:
        return config.path.read_text(encoding="utf-8")
    except OSError:
        return ""
