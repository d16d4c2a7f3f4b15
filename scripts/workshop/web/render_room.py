"""Generated Markdown for running the session in a real room: timing, support, the online group and
the checklist before the day.

Each function takes the site and the page being built and returns Markdown; every string from
data or configuration is escaped (render._md), so that it can never inject HTML into a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.model import identity, online as online_group, timing
from workshop.web.render import _md
from workshop.web.render_session import session_for

if TYPE_CHECKING:
    from workshop.model.pages import Page
    from workshop.model.site import Site

NO_CONTACT = "the support contact named at the start of the session"


def support_contact_text(workshop: dict) -> str:
    """The configured support contact, or what to do while none is named."""
    return " ".join(str(workshop.get("support_contact") or "").split()) or NO_CONTACT


def support_contact(site: Site, page: Page) -> str:
    return _md(support_contact_text(site.config.workshop))


def support_list(site: Site, page: Page) -> str:
    """Where to turn after the session, as a list a participant keeps (Handout 13)."""
    return "".join(f"- {_md(item.text)}\n" for item in session_for(site).support_sources)


# ---------------------------------------------------------------- timing

def block_timings(site: Site, page: Page) -> str:
    """Each block's minutes against what it asks: words read aloud at the configured pace, and steps."""
    session = session_for(site)
    rate = timing.words_per_minute(site.config.timing)
    rows = ["| Time | Block | Minutes | Words read aloud | Reading (min) | Timed steps (min) | Spare (min) |",
            "|---|---|--:|--:|--:|--:|--:|"]
    for found in timing.timings(site.agenda, session, rate):
        block = found.block
        rows.append(f"| {block.start} | {_md(block.title)} | {block.minutes} | {found.words} | "
                    f"{timing.minutes_text(found.read_minutes)} | {timing.minutes_text(found.step_minutes)} | "
                    f"{timing.minutes_text(found.spare)} |")
    return (f"Read aloud at {timing.minutes_text(rate)} words a minute (extra.timing in mkdocs.yml); the "
            "checker reports any block whose reading and steps need more than its minutes.\n\n"
            + "\n".join(rows) + "\n")


# ---------------------------------------------------------------- the online group

def hybrid_run_sheet(site: Site, page: Page) -> str:
    """One printed page for whoever hosts the online group: its line in every block, and the host's cue."""
    session = session_for(site)
    agenda = site.agenda
    online = online_group.settings(site.config.workshop)
    shown = online if online.active else online_group.Online(1, online.link, online.board, online.host)
    rows = ["| Time | Block | The online group (board and link: above) | The host |", "|---|---|---|---|"]
    for index, block in enumerate(agenda.blocks):
        cue = online_group.cue(block, session, shown, first=index == 0)
        if cue.breakout:
            host = f"Open {block.start}; warn {online_group.clock(block.end, -2)}; close {cue.close_rooms}."
        elif block.mode == "break":
            host = f"Call stays open; all back {block.end}."
        else:
            host = "Chat and hands."
        title = block.title.split(":")[0]     # the run sheet has the whole title; here it names the block
        rows.append(f"| {block.start} | {_md(title)} | {_md(cue.line(label=False, short=True))} | {host} |")
    if online.active:
        head = (f"**{online.groups} online group{'s' if online.groups != 1 else ''}** (extra.workshop.remote_groups), "
                f"hosted by {_md(online.host)}. The call's link: {_md(online.link)}. The board: {_md(online.board)}.\n\n")
    else:
        head = ("**No group joins online in the configured plan** (extra.workshop.remote_groups is 0): below is "
                "what one would do. The call's link: {link}. The board: {board}.\n\n").format(
                    link=_md(online.link), board=_md(online.board))
    return head + "\n".join(rows) + "\n"


# ---------------------------------------------------------------- before you run it

def before_you_run(site: Site, page: Page) -> str:
    """The checklist of what to set before the day, with this configuration's values and what still
    describes the original event."""
    workshop = site.config.workshop
    entry = identity.source(workshop, site.bibliography)
    same = set(identity.unchanged(workshop, entry))
    empty = set(identity.missing(workshop))
    online = online_group.settings(workshop)
    organisers = workshop.get("organisers")
    organisers = ", ".join(map(str, organisers)) if isinstance(organisers, list) else str(organisers or "")
    values = {
        "event": ("Event", str(workshop.get("event") or "")),
        "date": ("Date", str(workshop.get("date") or "")),
        "organisers": ("Organisers", organisers),
        "venue": ("Venue", str(workshop.get("venue") or "")),
        "support_contact": ("Support contact on the day", str(workshop.get("support_contact") or "")),
        "participants": ("Room size", f"{workshop.get('participants', '')} participants in "
                                      f"{workshop.get('groups', '')} groups, "
                                      f"{workshop.get('lay_members', 0)} of them public contributors"),
        "remote_groups": ("Groups joining online", str(online.groups)),
    }
    rows = ["| Setting (extra.workshop in mkdocs.yml) | Now | Check |", "|---|---|---|"]
    for key in identity.CHECKLIST:
        label, value = values[key]
        if key in same:
            state = f"**Still the original {entry.year} workshop's**: set yours"
        elif key in empty:
            state = "**Not set**: fill in before you print"
        else:
            state = "Set"
        rows.append(f"| {label} | {_md(value) or '(empty)'} | {state} |")
    address = str(site.config.raw.get("site_url") or "").strip()
    rows.append(f"| Web address (site_url, at the top of mkdocs.yml) | {_md(address) or '(empty)'} | "
                f"{'Set' if address else '**Not set**: the printed handouts carry no address'} |")
    return "\n".join(rows) + "\n"
