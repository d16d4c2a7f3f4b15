"""Insertion markers: a page asks for generated content with <!-- workshop:NAME -->.

A marker keeps the trainer's own prose around the generated part editable, and an
unknown marker is reported by the checker instead of silently left in the page.
"""

from __future__ import annotations

import re

from . import render

MARKER = re.compile(r"<!--\s*workshop:([\w-]+)\s*-->")

MARKERS = {
    "objectives": render.objectives_list,
    "alignment-map": render.alignment_map,
    "reading-list": render.reading_list,
    "glossary": render.glossary,
    "timetable": render.timetable,
    "block-guide": render.block_guide,
    "materials": render.materials,
    "case-index": render.case_index,
    "case-table": render.case_table,
    "references": render.references,
}
