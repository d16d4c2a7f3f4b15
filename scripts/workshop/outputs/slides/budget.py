"""The session deck's budget, as configuration: slides per minute, words per slide, type size.

mkdocs.yml holds it under extra.slides, so a trainer who teaches more slowly, or to a room
with a smaller screen, changes one number:

    slides:
      slides_per_minute: 0.5   # content slides a didactic block may show per minute
      max_words: 40            # words of body text on any one slide
      min_body_pt: 24          # the smallest body type, in points
      min_figure_pt: 20        # the smallest text inside a figure, as placed on its slide
      colour: "#009485"        # optional: the deck's colour; by default the site's palette (palette.py)

Its limits and defaults are in extra's schema (workshop/schemas/extra.schema.json). The rules that
`make slides` applies to the session deck are registered here, beside the budget they enforce, in
the same form as every other rule (workshop.model.rules.RULES).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from workshop.model import schema
from workshop.model.problems import Problems
from workshop.model.rules import RULES  # noqa: F401  (the rules this module raises live in the one table)

_WORD = re.compile(r"\d{1,2}:\d\d|[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
CUT_MARKS = ("…", "...")


@dataclass(frozen=True)
class Budget:
    slides_per_minute: float
    max_words: int
    min_body_pt: float
    min_figure_pt: float = 20.0
    line: int = 1                # the line of 'slides:' in mkdocs.yml

    def allowed(self, minutes: int) -> int:
        """Content slides a didactic block of this length may show."""
        return math.floor(minutes * self.slides_per_minute + 1e-9)


def count_words(text: str) -> int:
    """Words as a reader counts them: 'co-production', 'don't' and '13:45' are one word each, '–' none."""
    return len(_WORD.findall(text))


def load_budget(config, problems: Problems) -> Budget:
    """extra.slides from mkdocs.yml as its schema lets it through, with the schema's defaults. A
    wrong value is reported here as well as by the checker, because make slides writes nothing then."""
    extra = config.raw.get("extra")
    if isinstance(extra, dict):
        schema.check(extra, "extra", config.rel, problems, prefix=("extra",), line_base=config.raw, only="slides")
    values = config.extra["slides"]
    return Budget(slides_per_minute=values["slides_per_minute"], max_words=values["max_words"],
                  min_body_pt=values["min_body_pt"], min_figure_pt=values["min_figure_pt"],
                  line=schema.line_of(config.raw, ["extra", "slides"]))
