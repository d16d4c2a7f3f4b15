"""Insertion markers: a page asks for generated content with <!-- workshop:NAME -->.

A marker keeps the trainer's own prose around the generated part editable, and an
unknown marker is reported by the checker instead of silently left in the page.
"""

from __future__ import annotations

import re

from workshop.web import render
from workshop.web import render_live
from workshop.web import render_room
from workshop.web import render_session
from workshop.web.marker_reference import DESCRIBED

from workshop.web.marker_scope import DATA_ONLY  # noqa: F401  (re-exported beside MARKERS)
from workshop.model.document import MARKER  # noqa: F401  (the one definition of a marker; re-exported for the checker)

MARKERS = {
    "objectives": render.objectives_list,
    "alignment-map": render.alignment_map,
    "reading-list": render.reading_list,
    "glossary": render.glossary,
    "plain-words": render.plain_words,
    "timetable": render.timetable,
    "block-guide": render.block_guide,
    "materials": render.materials,
    "case-index": render.case_index,
    "case-table": render.case_table,
    "references": render.references,
    "objective-statements": render.objective_statements,
    "rating-table": render.rating_table,
    "experience-table": render.experience_table,
    "rating-columns": render.rating_columns,
    "online-form": render.online_form,
    "title": render.identity("title"),
    "short-title": render.identity("short_title"),
    "organisers": render.identity("organisers"),
    "institution": render.identity("institution"),
    "event": render.identity("event"),
    "date": render.identity("date"),
    "venue": render.identity("venue"),
    "start-time": render.identity("start_time"),
    "session-minutes": render.identity("session_minutes"),
    "participants": render.identity("participants"),
    "groups": render.identity("groups"),
    # How the room works, from data/session.yaml: ground rules, confidentiality, sharing formats, run sheet
    **render_session.SESSION_MARKERS,
    # Running it in a real room: timing, support, the online group and the checklist before the day
    "support-contact": render_room.support_contact,
    "support-list": render_room.support_list,
    "block-timings": render_room.block_timings,
    "hybrid-run-sheet": render_room.hybrid_run_sheet,
    "before-you-run": render_room.before_you_run,
    "facilitator-view": render_live.facilitator_view,
}


def marker_reference(site, page) -> str:
    """A table of every marker the engine knows: its name, what it prints, and where that comes from."""
    rows = ["| Marker | What it prints | Where it comes from |", "|---|---|---|"]
    for name in sorted(MARKERS):
        what, source = DESCRIBED.get(name, ("", ""))
        rows.append(f"| `<!-- workshop:{name} -->` | {what} | {source} |")
    return "\n".join(rows) + "\n"


MARKERS["marker-reference"] = marker_reference

# Markers whose output depends on every page's evidence; left out when a page's own
# text is read for evidence, so that evidence never depends on evidence.
NEEDS_EVIDENCE = {"alignment-map"}


def expand(site, page, text: str, skip: set[str] = frozenset()) -> str:
    """The page's text as a reader sees it: every marker replaced by what it generates."""
    if "workshop:" not in text:
        return text

    def insert(match: re.Match) -> str:
        render = MARKERS.get(match.group(1))
        return render(site, page) if render and match.group(1) not in skip else match.group(0)

    return MARKER.sub(insert, text)
