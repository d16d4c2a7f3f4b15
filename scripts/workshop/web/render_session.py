"""Generated Markdown for how the room works: the parts of pages rendered from data/session.yaml.

Each function takes the site and the page being built, like those in render.py, and returns
Markdown. Every string that comes from data is escaped (`<`, `>` and `&`; `|` too inside a
table), so that data can never inject HTML into a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.model import online as online_group
from workshop.model.agenda import Agenda
from workshop.web.render import _md
from workshop.model.problems import Problems
from workshop.model.session import Item, Session, SharingFormat, block_of, load_session, minutes_text

if TYPE_CHECKING:
    from workshop.model.pages import Page
    from workshop.model.site import Site

_CACHE = "_workshop_session"


def session_for(site: Site) -> Session:
    """The session data, read once per site model (problems are reported by session_problems)."""
    cached = site.__dict__.get(_CACHE)
    if cached is None:
        cached = load_session(site.config.root, site.agenda, Problems())
        site.__dict__[_CACHE] = cached
    return cached


def esc(text: str) -> str:
    """Data as Markdown text: never HTML, a link or attributes (the one escaping, render._md)."""
    return _md(text)


def cell(text: str) -> str:
    """Data as the text of a Markdown table cell (render._md escapes | as well)."""
    return _md(text)


def _stop(title: str) -> str:
    """A title as the start of a sentence: with a full stop unless it already ends in one."""
    title = str(title).rstrip()
    return title if title.endswith((".", "?", "!", ":")) else title + "."


def _items(items: list[Item], numbered: bool) -> str:
    lines = []
    for number, item in enumerate(items, 1):
        lead = f"{number}." if numbered else "-"
        head = f"**{esc(_stop(item.title))}** " if item.title else ""
        lines.append(f"{lead} {head}{esc(item.text)}")
    return "\n".join(lines) + "\n" if lines else ""


def _clock(time: str, minutes: float) -> str:
    hours, mins = (int(part) for part in time.split(":"))
    total = hours * 60 + mins + int(minutes)
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


# ---------------------------------------------------------------- the rules

def ground_rules(site: Site, page: Page) -> str:
    return _items(session_for(site).ground_rules, numbered=True)


def confidentiality(site: Site, page: Page) -> str:
    session = session_for(site)
    if not session.confidentiality:
        return ""
    return f"**Confidentiality.** {esc(session.confidentiality)}\n\n" + _items(session.limits, numbered=False)


def collection_policy(site: Site, page: Page) -> str:
    text = session_for(site).collection
    return f"**What is collected.** {esc(text)}\n" if text else ""


def group_composition(site: Site, page: Page) -> str:
    return "".join(f"- {esc(text)}\n" for text in session_for(site).group_composition)


def support_sources(site: Site, page: Page) -> str:
    sources = session_for(site).support_sources
    if not sources:
        return ""
    rows = ["| Where to turn | Name and contact details for this session |", "|---|---|"]
    rows += [f"| {cell(item.text)} | |" for item in sources]
    return "\n".join(rows) + "\n"


def safeguarding(site: Site, page: Page) -> str:
    return _items(session_for(site).safeguarding, numbered=True)


# ---------------------------------------------------------------- sharing formats

def people_word(people: int) -> str:
    return {2: "pairs", 3: "threes", 4: "fours"}.get(people, f"groups of {people}")


def _plural(value: float, noun: str) -> str:
    if noun == "minute" and 0 < value < 1:
        return f"{round(value * 60)} seconds"
    return f"{minutes_text(value)} {noun}" + ("" if value == 1 else "s")


def format_summary(sharing: SharingFormat) -> str:
    """'pairs, 3 minutes each and 1 minute of questions' (computed from the data, never written out)."""
    questions = f" and {_plural(sharing.questions_each, 'minute')} of questions" if sharing.questions_each else ""
    return f"{people_word(sharing.people)}, {_plural(sharing.minutes_each, 'minute')} each{questions}"


def _format(site: Site, session: Session, sharing: SharingFormat) -> str:
    block = block_of(site.agenda, sharing.block) if sharing.block else None
    slot = (f"It fills the block *{esc(block.title)}*, {block.start}–{block.end}. " if block
            else "Its slot is outside the two-hour plan. ")
    head = f"**{esc(sharing.title.rstrip('.:'))}: {_plural(sharing.minutes, 'minute')}.** {slot}"
    if not sharing.fits:
        return (head + f"With {_plural(sharing.per_person, 'minute')} for each speaker, not even a pair can be "
                f"heard in {_plural(sharing.minutes, 'minute')}: shorten the stories or lengthen the slot.\n")
    stories = sharing.people * sharing.per_person
    head += (f"Sharing groups are {format_summary(sharing)} after each story: {sharing.people} × "
             f"{minutes_text(sharing.per_person)} = {_plural(stories, 'minute')} of stories in a slot of "
             f"{_plural(sharing.minutes, 'minute')}.\n")
    rows = ["| Minutes | What happens |", "|---|---|"]
    for phase in sharing.phases(session.phase_texts):
        rows.append(f"| {minutes_text(phase.start)}–{minutes_text(phase.end)} | {cell(phase.text)} |")
    return head + "\n" + "\n".join(rows) + "\n"


def _formats(site: Site, where: str) -> str:
    session = session_for(site)
    return "\n".join(_format(site, session, f) for f in session.formats if f.where == where)


def sharing_format(site: Site, page: Page) -> str:
    return _formats(site, "room")


def sharing_format_online(site: Site, page: Page) -> str:
    return _formats(site, "online")


# ---------------------------------------------------------------- the plan on the day

def comfort_break(site: Site, page: Page) -> str:
    """The plan's breaks (blocks of mode break): when, how long, and that they count in neither half."""
    agenda = site.agenda
    breaks = [b for b in agenda.blocks if b.mode == "break"]
    if not breaks:
        return ("**No break is planned.** Add a block of mode break to data/agenda.yaml; it counts as "
                "neither teaching nor activity, so the balance holds.\n")
    out = []
    for block in breaks:
        index = agenda.blocks.index(block)
        after = f", after *{esc(agenda.blocks[index - 1].title)}*" if index else ""
        out.append(f"**A {block.minutes}-minute break at {block.start}**{after}, back at {block.end}. "
                   "It counts as neither teaching nor activity, so the balance of the two halves holds.")
    return "\n\n".join(out) + "\n"


def _handout_label(site: Site, path: str) -> str:
    other = site.page(path)
    title = other.title if other is not None else path
    return title.split(":")[0] if title.startswith("Handout") else title


def _handouts_by_block(site: Site, agenda: Agenda, on_tables: list[str] = ()) -> dict[str, list[str]]:
    """Handouts named in each block's pages, listed at the first block that names them, except those
    already on the tables before the start (data/session.yaml on_tables)."""
    seen: set[str] = set(on_tables)
    out: dict[str, list[str]] = {}
    for block in agenda.blocks:
        for path in block.pages:
            other = site.page(path)
            if other is None or not (other.kind in site.config.kinds and site.config.kinds[other.kind].printed) or path in seen:
                continue
            if str(other.meta.get("print_for", "participant")) == "facilitator":
                continue
            seen.add(path)
            out.setdefault(block.id, []).append(_handout_label(site, path))
    return out


def _online_cue(site: Site, session: Session, block, first: bool) -> str:
    """The online group's line, in a few words, for the run sheet's third column ('' when nobody
    joins online); the hybrid run sheet has it in full."""
    found = online_group.cue(block, session, online_group.settings(site.config.workshop), first)
    if found is None:
        return ""
    label, _, rest = found.brief().partition(": ")
    return f"*{cell(label)}:* {cell(rest)}"


def run_sheet(site: Site, page: Page) -> str:
    """The plan on one printed page: time, block, what to say and do, what to hand out and collect,
    and, when a group joins online, its line in every block."""
    session = session_for(site)
    agenda = site.agenda
    if not agenda.blocks:
        return ""
    workshop = site.config.workshop
    online = online_group.settings(workshop)
    handed = _handouts_by_block(site, agenda, session.on_tables)
    third = "Hand out; online" if online.active else "Hand out"
    rows = [f"| Time (min) | Block: what to say, do and collect | {third} |", "|---|---|---|"]
    if session.on_tables:
        before = session.run_sheet.get("before_start", {})
        say = cell(before.get("say") or "Put these on every table before people arrive.")
        rows.append(f"| Before {agenda.start_time} | **Before the start: on the tables.** {say} | "
                    f"{cell('; '.join(_handout_label(site, p) for p in session.on_tables))} |")
    for index, block in enumerate(agenda.blocks):
        cues = session.run_sheet.get(block.id, {})
        say = cell(cues.get("say") or (block.prompts[0] if block.prompts else ""))
        for sharing in session.formats_for(block.id):
            if sharing.where == "room" and sharing.fits:
                summary = format_summary(sharing)
                say += f" **{cell(summary[:1].upper() + summary[1:])}.**"
        if cues.get("collect"):
            say += " **Collect:** " + cell(cues["collect"])
        if block.id == session.rules_block and session.rules_read_aloud == "limits" and session.limits:
            say += " **Read aloud only the limits** (" + "; ".join(cell(l.title or l.text) for l in session.limits) + ")."
        give = handed.get(block.id, []) + ([cues["hand_out"]] if cues.get("hand_out") else [])
        third = cell("; ".join(give))
        online_cue = _online_cue(site, session, block, index == 0)
        if online_cue:
            third = f"{third}<br>{online_cue}" if third else online_cue
        rows.append(f"| {block.start} ({block.minutes}) | **{cell(_stop(block.title))}** {say} | {third} |")
    neither = f", {agenda.neither} break and forms" if agenda.neither else ""
    joined = f", {online.groups} online" if online.active else ""
    head = (f"{agenda.start_time}–{agenda.blocks[-1].end}: {agenda.minutes('didactic')} min didactic, "
            f"{agenda.minutes('interactive')} interactive{neither}; {workshop.get('participants', '')} "
            f"participants in {workshop.get('groups', '')} groups{joined}.\n\n")
    table = "\n".join(rows) + "\n"
    if online.active:   # print.css fixes its columns, so that the online group's lines fit the page
        table = f'<div class="run-sheet-online" markdown>\n\n{table}\n</div>\n'
    out = head + table
    rules_block = block_of(agenda, session.rules_block) if session.rules_block else None
    if session.ground_rules and rules_block is not None:
        titles = "; ".join(esc(r.title) for r in session.ground_rules)
        limits = "; ".join(esc(l.title or l.text) for l in session.limits)
        if session.rules_read_aloud == "limits":
            pass    # the rules block's row names the limits it reads aloud
        elif session.rules_read_aloud == "none":
            out += f"\n**Ground rules**, stated at {rules_block.start}, not read aloud: {titles}.\n"
        else:
            out += (f"\n**Ground rules, read aloud at {rules_block.start}:** {titles}. "
                    + (f"**Their limits:** {limits}.\n" if limits else "\n"))
    return out


def online_timings(site: Site, page: Page) -> str:
    """The online group's plan block by block: where it is, the minutes of work it keeps after
    moving, and when the host closes its breakout room."""
    session = session_for(site)
    agenda = site.agenda
    if not agenda.blocks:
        return ""
    move = session.move_minutes
    rows = ["| Time | Block | Where the online group is | Minutes of work after moving | Host closes the room |",
            "|---|---|---|---|---|"]
    lost = 0.0
    for block in agenda.blocks:
        if block.id in session.breakout_blocks:
            where, work = "Its own breakout room", max(block.minutes - 2 * move, 0)
            lost += block.minutes - work
            closes = online_group.clock(block.end, -move)
        else:
            where, work, closes = "Main call", block.minutes, ""
        rows.append(f"| {block.start}–{block.end} | {cell(block.title)} | {where} | {minutes_text(work)} of "
                    f"{block.minutes} | {closes} |")
    rooms = len([b for b in agenda.blocks if b.id in session.breakout_blocks])
    return ("\n".join(rows) + f"\n\nWith {_plural(move, 'minute')} for each move into or out of a room, "
            f"the online group's {rooms} breakout blocks lose {_plural(lost, 'minute')} of work in all; the "
            "room's tables lose none.\n")


def _room(site: Site):
    from workshop.model.cards import room_plan

    try:
        return room_plan(site)
    except ValueError:
        return None  # the schema, or the configuration's own check, has reported the number


def group_plan(site: Site, page: Page) -> str:
    """How this room divides: a sentence, the table of groups, who joins online, which groups have
    no lay member, and any notes (model/groups.py words them; names from the handouts are escaped)."""
    from workshop.model import groups

    room = _room(site)
    if room is None:
        return ""
    parts = [esc(groups.summary(room)), groups.table_markdown(room, cell)]
    parts += [esc(text) for text in (groups.online_sentence(room), groups.lay_sentence(room)) if text]
    parts += [esc(note) for note in room.notes]
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def debrief(site: Site, page: Page) -> str:
    """How the debrief runs for this room, in its block's minutes."""
    from workshop.model import groups

    room = _room(site)
    block = next((b for b in site.agenda.blocks if "debrief" in b.id), None)
    if room is None or block is None:
        return ""
    return groups.debrief_sentence(room, block.minutes)


SESSION_MARKERS = {
    "group-plan": group_plan,
    "debrief": debrief,
    "ground-rules": ground_rules,
    "confidentiality": confidentiality,
    "collection-policy": collection_policy,
    "group-composition": group_composition,
    "support-sources": support_sources,
    "safeguarding": safeguarding,
    "sharing-format": sharing_format,
    "sharing-format-online": sharing_format_online,
    "comfort-break": comfort_break,
    "run-sheet": run_sheet,
    "online-timings": online_timings,
}
