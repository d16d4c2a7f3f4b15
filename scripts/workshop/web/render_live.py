"""The facilitator view: the session's blocks as one page that steps from block to block.

Without a script the page is the whole plan, block by block; assets/workshop/workshop.js (in the engine's theme) turns
it into one block at a time with a timer, its prompts and the next block, driven by the buttons
or the keyboard, and needing nothing from the network. Each block shows what to read aloud, its
timed steps, what to do, its prompts and, when a group joins online, the online group's line.
Every string from data is escaped here.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from workshop.model import online as online_group
from workshop.model.timing import minutes_text

if TYPE_CHECKING:
    from workshop.model.pages import Page
    from workshop.model.site import Site

MODE_WORDS = {"didactic": "presentation", "interactive": "activity", "break": "break",
              "housekeeping": "housekeeping (forms)"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _session(site: Site):
    from workshop.web.render_session import session_for   # the same layer; imported late to keep markers light

    return session_for(site)


def _read_aloud(block, session) -> str:
    """What to read aloud: the block's own words, then the rules it reads (session.rules_read_aloud)."""
    parts = []
    if block.say:
        parts.append(f'<p class="fv-say">{_e(block.say)}</p>')
    if session.rules_block == block.id:
        texts = session.read_aloud_texts()
        if texts:
            parts.append('<ul class="fv-rules">' + "".join(f"<li>{_e(t)}</li>" for t in texts) + "</ul>")
    if not parts:
        return ""
    return '<div class="fv-read"><p class="fv-label">Read aloud</p>' + "".join(parts) + "</div>\n"


def _steps(block) -> str:
    if not block.steps:
        return ""
    items = "".join(f'<li><span class="fv-step-minutes">{_e(minutes_text(step.minutes))} min</span> {_e(step.do)}</li>'
                    for step in block.steps)
    return f'<p class="fv-label">Steps</p>\n<ol class="fv-steps">{items}</ol>\n'


def facilitator_view(site: Site, page: Page) -> str:
    blocks = site.agenda.blocks
    if not blocks:
        return ""
    session = _session(site)
    online = online_group.settings(site.config.workshop)
    sections = []
    for number, block in enumerate(blocks):
        following = blocks[number + 1] if number + 1 < len(blocks) else None
        prompts = "".join(f"<li>{_e(p)}</li>" for p in block.prompts)
        nxt = (f"Next, at {_e(following.start)}: {_e(following.title)} "
               f"({_e(MODE_WORDS.get(following.mode, following.mode))}, {following.minutes} minutes)."
               if following else "Next: the end of the session.")
        line = online_group.line(block, session, online, first=number == 0)
        online_html = ""
        if line:
            label, _, rest = line.partition(": ")
            online_html = f'<p class="fv-online"><strong>{_e(label)}:</strong> {_e(rest)}</p>\n'
        sections.append(
            f'<section class="fv-block fv-block--{_e(block.mode)}" id="fv-{_e(block.id)}" data-minutes="{block.minutes}" '
            f'aria-labelledby="fv-{_e(block.id)}-title">\n'
            f'<h2 class="fv-title" id="fv-{_e(block.id)}-title">{_e(block.start)}–{_e(block.end)}: {_e(block.title)}</h2>\n'
            f'<p class="fv-meta">Block {number + 1} of {len(blocks)}: '
            f'{_e(MODE_WORDS.get(block.mode, block.mode))}, {block.minutes} minutes.</p>\n'
            + online_html
            + _read_aloud(block, session)
            + _steps(block)
            + (f'<p class="fv-do">{_e(block.facilitator)}</p>\n' if block.facilitator else "")
            + (f'<p class="fv-label">Prompts</p>\n<ul class="fv-prompts">{prompts}</ul>\n' if prompts else "")
            + f'<p class="fv-next">{nxt}</p>\n</section>')
    controls = (
        '<div class="fv-controls" hidden>\n'
        '<button type="button" class="md-button" data-fv="previous">Previous block</button>\n'
        '<button type="button" class="md-button md-button--primary" data-fv="timer">Start the timer</button>\n'
        '<button type="button" class="md-button" data-fv="next">Next block</button>\n'
        '<p class="fv-clock" role="timer" aria-label="Time left in this block">00:00</p>\n'
        '<p class="fv-announce" role="status" aria-live="polite"></p>\n'
        '<p class="fv-keys">Keys: left and right arrows change block; the space bar starts or pauses the '
        'timer; R sets it back. Past the block\'s time the clock counts on, as +01:30.</p>\n'
        '</div>')
    return (f'<div class="facilitator-view" tabindex="-1" aria-label="Facilitator view of the session">\n'
            f"{controls}\n" + "\n".join(sections) + "\n</div>\n")
