"""The facilitator view: the session's blocks as one page that steps from block to block.

Without a script the page is the whole plan, block by block; assets/workshop/workshop.js (in the engine's theme) turns
it into one block at a time with a timer, its prompts and the next block, driven by the buttons
or the keyboard, and needing nothing from the network. Every string from data is escaped here.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.model.pages import Page
    from workshop.model.site import Site


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def facilitator_view(site: Site, page: Page) -> str:
    blocks = site.agenda.blocks
    if not blocks:
        return ""
    sections = []
    for number, block in enumerate(blocks):
        following = blocks[number + 1] if number + 1 < len(blocks) else None
        prompts = "".join(f"<li>{_e(p)}</li>" for p in block.prompts)
        nxt = (f"Next, at {_e(following.start)}: {_e(following.title)} "
               f"({_e(following.mode)}, {following.minutes} minutes)." if following else "Next: the end of the session.")
        sections.append(
            f'<section class="fv-block" id="fv-{_e(block.id)}" data-minutes="{block.minutes}" '
            f'aria-labelledby="fv-{_e(block.id)}-title">\n'
            f'<h2 class="fv-title" id="fv-{_e(block.id)}-title">{_e(block.start)}–{_e(block.end)}: {_e(block.title)}</h2>\n'
            f'<p class="fv-meta">Block {number + 1} of {len(blocks)}: {_e(block.mode)}, {block.minutes} minutes.</p>\n'
            + (f'<p class="fv-say">{_e(block.facilitator)}</p>\n' if block.facilitator else "")
            + (f'<p class="fv-prompts-title">Prompts</p>\n<ul class="fv-prompts">{prompts}</ul>\n' if prompts else "")
            + f'<p class="fv-next">{nxt}</p>\n</section>')
    controls = (
        '<div class="fv-controls" hidden>\n'
        '<button type="button" class="md-button" data-fv="previous">Previous block</button>\n'
        '<button type="button" class="md-button md-button--primary" data-fv="timer">Start the timer</button>\n'
        '<button type="button" class="md-button" data-fv="next">Next block</button>\n'
        '<p class="fv-clock" role="timer" aria-label="Time left in this block">00:00</p>\n'
        '<p class="fv-announce" role="status" aria-live="polite"></p>\n'
        '<p class="fv-keys">Keys, with the view focused: left and right arrows change block; '
        'the space bar starts or pauses the timer; R sets it back.</p>\n'
        '</div>')
    return (f'<div class="facilitator-view" tabindex="-1" aria-label="Facilitator view of the session">\n'
            f"{controls}\n" + "\n".join(sections) + "\n</div>\n")
