"""Whether each block of the session plan can be done in its minutes.

A plan that adds up on paper can still overrun in the room: a five-minute welcome that asks the
facilitator to read 440 words aloud, introduce the team and run a round of the room takes ten. So
each block says what the facilitator reads aloud (`say:` in data/agenda.yaml) and its other timed
steps (`steps:`, each with its minutes), and this module adds them up: the words read aloud at
extra.timing.words_per_minute (130 by default, an unhurried pace for a mixed room), plus the
steps, must fit the block's minutes. Where a block reads the session's ground rules or their
limits aloud (data/session.yaml: rules_block and rules_read_aloud), those words count too.

Everything here is arithmetic on the model; the checker turns an overrun into a problem at the
block's line, and the session plan page shows the same figures as a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop.model.agenda import Agenda, Block
    from workshop.model.session import Session

WORDS_PER_MINUTE = 130
_WORD = re.compile(r"\d{1,2}:\d\d|[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")


def count_words(text: str) -> int:
    """Words as a speaker says them: 'co-production', 'don't' and '13:45' are one word each."""
    return len(_WORD.findall(text or ""))


def words_per_minute(timing: dict[str, Any]) -> float:
    """extra.timing.words_per_minute; the schema has refused (and reported) a value out of range."""
    value = timing.get("words_per_minute") if isinstance(timing, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return WORDS_PER_MINUTE
    return float(value)


@dataclass(frozen=True)
class BlockTiming:
    block: Block
    words: int              # words read aloud in the block
    rate: float             # words a minute
    step_minutes: float     # the block's other timed steps

    @property
    def read_minutes(self) -> float:
        return self.words / self.rate

    @property
    def needed(self) -> float:
        return self.read_minutes + self.step_minutes

    @property
    def fits(self) -> bool:
        return self.needed <= self.block.minutes + 1e-9

    @property
    def spare(self) -> float:
        return self.block.minutes - self.needed


def read_aloud(block: Block, session: Session | None) -> list[str]:
    """Every text the facilitator reads aloud in the block: its own words, then any rules it reads."""
    texts = [block.say] if block.say else []
    if session is not None and session.rules_block == block.id:
        texts += session.read_aloud_texts()
    return texts


def block_timing(block: Block, session: Session | None, rate: float) -> BlockTiming:
    words = sum(count_words(text) for text in read_aloud(block, session))
    return BlockTiming(block, words, rate, sum(step.minutes for step in block.steps))


def timings(agenda: Agenda, session: Session | None, rate: float) -> list[BlockTiming]:
    return [block_timing(block, session, rate) for block in agenda.blocks]


def minutes_text(value: float) -> str:
    """1, 1.5, 2.3: minutes as a facilitator reads them, to a tenth at most."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:g}"
