"""What the session deck says, block by block: data/slides.yaml, read with its lines.

Its shape is checked by its schema (workshop/schemas/slides.schema.json), so the checker reports a
typo in it with every other data file, and make slides, which reads it to write the deck, meets
only slides of the right shape. What a schema cannot say (a page the block does not name, a source
that page does not cite, a block the agenda does not have) is checked by the deck itself.
"""

from __future__ import annotations

from pathlib import Path

from workshop.model import schema
from workshop.model.problems import Problems

SLIDES = "data/slides.yaml"


FRAMES = ("arrival", "closing")   # the deck's own slides around the blocks


def load_slides(root: Path, problems: Problems) -> tuple[dict[str, dict], dict[str, dict]]:
    """data/slides.yaml read once: each agenda block's entry by block id, and the deck's own
    'arrival' and 'closing' slides; each entry carries its line (.line). Both {} when absent."""
    _, data = schema.read_data(root, SLIDES, "slides", problems, "slides-data-invalid")
    if data is None:
        return {}, {}
    return dict(data["blocks"]), {key: data[key] for key in FRAMES if key in data}


def load_slide_texts(root: Path, problems: Problems) -> dict[str, dict]:
    """Each agenda block's entry of data/slides.yaml (with its line, .line), by block id; {} when absent."""
    return load_slides(root, problems)[0]
