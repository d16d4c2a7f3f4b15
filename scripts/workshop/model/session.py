"""How the room works, as data: ground rules, confidentiality and its limits, what is collected,
how groups are composed, where to find support, safeguarding, and the sharing formats.

Every page, handout and slide that states a ground rule renders it from data/session.yaml, so the
rules cannot contradict each other. The sharing formats are computed here from the minutes of
their slot: a format whose speakers cannot all be heard in its slot is a problem, reported with
the line of data/session.yaml that defines it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from workshop.model import schema
from workshop.model.problems import Problems

if TYPE_CHECKING:
    from workshop.model.agenda import Agenda, Block

SESSION = "data/session.yaml"
AGENDA_FILE = "data/agenda.yaml"
READ_ALOUD = ("all", "limits", "none")   # what rules_block reads aloud: everything, the limits only, nothing
BEFORE_START = "before_start"   # the run sheet's row before the first block: what is on the tables
FORMAT_NUMBERS = ("setup", "moves", "minutes_each", "questions_each", "round", "harvest")
PHASES = ("setup", "move_in", "stories", "round", "move_out", "harvest")
SMALLEST_GROUP = 2          # sharing is never done alone


@dataclass(frozen=True)
class Item:
    """A rule, a limit or a step: a short title (may be empty) and its text."""
    title: str
    text: str
    line: int


@dataclass(frozen=True)
class Phase:
    start: float
    end: float
    key: str        # one of PHASES
    text: str


@dataclass(frozen=True)
class SharingFormat:
    id: str
    title: str
    block: str              # the agenda block whose minutes it fills ("" for a slot outside the plan)
    minutes: float          # the slot: the block's minutes, or the format's own
    where: str              # room or online
    setup: float
    moves: float            # moving into and out of breakout rooms, online
    minutes_each: float     # each speaker's story
    questions_each: float   # the listeners' clarifying questions after each story
    round: float            # the group compares its stories
    harvest: float          # each group passes on one lesson
    largest_group: int
    line: int
    texts: tuple[tuple[str, str], ...] = ()   # this format's own text for a phase, over sharing_phases

    @property
    def per_person(self) -> float:
        return self.minutes_each + self.questions_each

    @property
    def fixed(self) -> float:
        return self.setup + self.moves + self.round + self.harvest

    @property
    def for_stories(self) -> float:
        """Minutes of the slot left for the stories themselves."""
        return self.minutes - self.fixed

    @property
    def people(self) -> int:
        """People per sharing group: as many as can each be heard in the slot, up to largest_group."""
        if self.per_person <= 0:
            return self.largest_group
        return max(0, min(self.largest_group, math.floor(self.for_stories / self.per_person + 1e-9)))

    @property
    def fits(self) -> bool:
        return self.people >= SMALLEST_GROUP

    @property
    def used(self) -> float:
        return self.fixed + self.people * self.per_person

    def phases(self, texts: dict[str, str]) -> list[Phase]:
        """The slot minute by minute: set-up, moving in, stories, round, moving out, harvest (empty ones left out)."""
        texts = {**texts, **dict(self.texts)}
        out: list[Phase] = []
        clock = 0.0
        half_moves = self.moves / 2
        plan = [("setup", self.setup), ("move_in", half_moves), ("stories", self.people * self.per_person),
                ("round", self.round), ("move_out", half_moves), ("harvest", self.harvest)]
        for key, length in plan:
            if length > 0:
                out.append(Phase(clock, clock + length, key, texts.get(key, "")))
                clock += length
        return out


@dataclass
class Session:
    exists: bool = False
    read: bool = False            # the file exists and its YAML could be read
    rules_block: str = ""
    rules_block_line: int = 1
    ground_rules: list[Item] = field(default_factory=list)
    confidentiality: str = ""
    limits: list[Item] = field(default_factory=list)
    collection: str = ""
    group_composition: list[str] = field(default_factory=list)
    support_sources: list[Item] = field(default_factory=list)
    safeguarding: list[Item] = field(default_factory=list)
    rules_read_aloud: str = "all"
    on_tables: list[str] = field(default_factory=list)
    on_tables_line: int = 1
    online_blocks: dict[str, dict[str, str]] = field(default_factory=dict)   # block id: {do, hand_back}
    online_block_lines: dict[str, int] = field(default_factory=dict)
    phase_texts: dict[str, str] = field(default_factory=dict)
    formats: list[SharingFormat] = field(default_factory=list)
    move_minutes: float = 0
    breakout_blocks: list[str] = field(default_factory=list)
    online_line: int = 1
    run_sheet: dict[str, dict[str, str]] = field(default_factory=dict)
    run_sheet_lines: dict[str, int] = field(default_factory=dict)

    def read_aloud_texts(self) -> list[str]:
        """What the rules block reads aloud (rules_read_aloud): all the rules and their limits, the
        limits only (the rules themselves being sent in advance and left on the tables), or nothing."""
        limits = ([self.confidentiality] if self.confidentiality else []) + [
            f"{item.title}. {item.text}" if item.title else item.text for item in self.limits]
        if self.rules_read_aloud == "limits":
            return limits
        if self.rules_read_aloud == "all":
            return [f"{item.title}. {item.text}" for item in self.ground_rules] + limits
        return []

    def format(self, format_id: str) -> SharingFormat | None:
        return next((f for f in self.formats if f.id == format_id), None)

    def formats_for(self, block_id: str) -> list[SharingFormat]:
        return [f for f in self.formats if f.block == block_id]


# ---------------------------------------------------------------- reading

NAMES = schema.named({"ground_rules": ("title", "ground rule"), "safeguarding": ("title", "safeguarding step"),
                      "sharing_formats": ("id", "sharing format")})


def _text(value: str) -> str:
    return " ".join(value.split())


def _items(value: list, lines: list[int]) -> list[Item]:
    return [Item(_text(raw.get("title", "")), _text(raw["text"]), line) for raw, line in zip(value, lines)]


def load_session(root: Path, agenda: Agenda | None, problems: Problems) -> Session:
    """Read data/session.yaml; its shape is checked by its schema, every fault a problem at its line."""
    session = Session()
    session.exists, data = schema.read_data(root, SESSION, "session", problems, "session-invalid", where=NAMES)
    if data is None:
        return session
    session.read = True

    def lines(*path: str) -> list[int]:
        value = data
        for step in path:
            value = value.get(step, {})
        return list(getattr(value, "lines", []))

    session.rules_block = data.get("rules_block", "")
    session.rules_block_line = schema.line_of(data, ["rules_block"])
    session.ground_rules = _items(data.get("ground_rules", []), lines("ground_rules"))
    confidentiality = data.get("confidentiality", {})
    session.confidentiality = _text(confidentiality.get("rule", ""))
    session.limits = _items(confidentiality.get("limits", []), lines("confidentiality", "limits"))
    session.collection = _text(data.get("collection", ""))
    session.group_composition = [_text(t) for t in data.get("group_composition", [])]
    session.support_sources = _items(data.get("support_sources", []), lines("support_sources"))
    session.safeguarding = _items(data.get("safeguarding", []), lines("safeguarding"))
    session.rules_read_aloud = data.get("rules_read_aloud", "all")
    session.on_tables = [_text(t) for t in data.get("on_tables", [])]
    session.on_tables_line = schema.line_of(data, ["on_tables"])
    session.phase_texts = {key: _text(value) for key, value in data.get("sharing_phases", {}).items()}
    if "online" in data:
        online = data["online"]
        session.move_minutes = online.get("move_minutes", 1)
        session.breakout_blocks = list(online.get("breakout_blocks", []))
        session.online_line = schema.line_of(data, ["online"])
        for block_id, cues in online.get("blocks", {}).items():
            session.online_block_lines[block_id] = schema.line_of(data, ["online", "blocks", block_id])
            session.online_blocks[block_id] = {"do": _text(cues["do"]), "hand_back": _text(cues.get("hand_back", ""))}
    session.formats = _formats(data.get("sharing_formats", []), agenda, problems, session.move_minutes)
    for block_id, cues in data.get("run_sheet", {}).items():
        session.run_sheet_lines[block_id] = schema.line_of(data, ["run_sheet", block_id])
        session.run_sheet[block_id] = {key: _text(cues.get(key, "")) for key in ("say", "hand_out", "collect")}
    return session


def _formats(value: list, agenda: Agenda | None, problems: Problems, move_minutes: float) -> list[SharingFormat]:
    """The sharing formats with the minutes of their slot: a block's, or their own."""
    blocks = {b.id: b for b in agenda.blocks} if agenda else {}
    out: list[SharingFormat] = []
    for index, (raw, line) in enumerate(zip(value, getattr(value, "lines", []))):
        format_id, block_id = raw["id"], raw.get("block", "")
        if any(f.id == format_id for f in out):
            problems.add("session-invalid", SESSION, line, reason=f"sharing format id '{format_id}' is used twice")
        if block_id and block_id not in blocks:
            if agenda is not None and agenda.exists:
                problems.add("session-invalid", SESSION, schema.line_of(value, [index, "block"]),
                             reason=f"sharing format '{format_id}' names block '{block_id}', which is not in "
                                    f"{AGENDA_FILE}")
            continue
        numbers = {key: raw.get(key, 0) for key in FORMAT_NUMBERS}
        if raw["where"] == "online" and "moves" not in raw:
            numbers["moves"] = 2 * move_minutes     # into the breakout rooms and back, as online.move_minutes says
        out.append(SharingFormat(id=format_id, title=_text(raw["title"]), block=block_id,
                                 minutes=blocks[block_id].minutes if block_id else raw["minutes"], where=raw["where"],
                                 largest_group=raw["largest_group"], line=line,
                                 texts=tuple((key, _text(text)) for key, text in raw.get("phases", {}).items()),
                                 **numbers))
    return out


# ---------------------------------------------------------------- checking

def _root_and_site(site_or_config: Any) -> tuple[Path, Any]:
    config = getattr(site_or_config, "config", site_or_config)
    return Path(config.root), site_or_config if hasattr(site_or_config, "pages") else None


def minutes_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# The section of data/session.yaml each marker shows: a page asking for one the file lacks would show
# nothing where a reader expects the rules of the room.
MARKER_SECTIONS: dict[str, tuple[str, Callable[[Session], bool]]] = {
    "ground-rules": ("ground_rules", lambda s: bool(s.ground_rules)),
    "confidentiality": ("confidentiality", lambda s: bool(s.confidentiality or s.limits)),
    "collection-policy": ("collection", lambda s: bool(s.collection)),
    "group-composition": ("group_composition", lambda s: bool(s.group_composition)),
    "support-sources": ("support_sources", lambda s: bool(s.support_sources)),
    "support-list": ("support_sources", lambda s: bool(s.support_sources)),
    "safeguarding": ("safeguarding", lambda s: bool(s.safeguarding)),
    "sharing-format": ("sharing format in the room (sharing_formats)", lambda s: any(f.where == "room" for f in s.formats)),
    "sharing-format-online": ("online sharing format (sharing_formats, where: online)",
                              lambda s: any(f.where == "online" for f in s.formats)),
}


def _empty_sections(site: Any, session: Session, problems: Problems) -> None:
    """A page's marker whose section of the session data is missing or empty, at the marker's line."""
    from workshop.model.document import MARKER

    for page in site.pages:
        for match in MARKER.finditer(page.body):
            section, filled = MARKER_SECTIONS.get(match.group(1), ("", None))
            if filled is not None and not filled(session):
                problems.add("session-section-missing", page.rel, page.body_line_of(match.start()),
                             marker=match.group(1), source=SESSION, section=section)


def session_problems(site_or_config: Any, agenda: Agenda, problems: Problems,
                     session_markers: frozenset[str] = frozenset()) -> Session:
    """Check data/session.yaml against the agenda; add each problem, as path:line, to problems.

    site_or_config is the site model (load_site) or the configuration (load_config);
    session_markers names the markers that render from the session data (the renderers, a layer
    above, pass them in). Returns the session it read, so a caller may keep it.
    """
    root, site = _root_and_site(site_or_config)
    session = load_session(root, agenda, problems)
    if not session.exists:
        if site is not None:
            from workshop.model.document import MARKER
            for page in site.pages:
                match = next((m for m in MARKER.finditer(page.body) if m.group(1) in session_markers), None)
                if match:
                    problems.add("session-invalid", page.rel, page.body_line_of(match.start()),
                                 reason=f"the marker '{match.group(1)}' renders {SESSION}, which does not exist")
        return session
    if site is not None and session.read:
        _empty_sections(site, session, problems)
    blocks = {b.id: b for b in agenda.blocks} if agenda else {}
    if not blocks:
        return session
    for sharing in session.formats:
        if not sharing.fits:
            slot = f" (block '{sharing.block}')" if sharing.block else ""
            needed = SMALLEST_GROUP * sharing.per_person + sharing.fixed
            problems.add("sharing-format-overrun", SESSION, sharing.line, format=sharing.id,
                         minutes=minutes_text(sharing.minutes), slot=slot, people=SMALLEST_GROUP,
                         needed=minutes_text(needed), each=minutes_text(sharing.per_person),
                         fixed=minutes_text(sharing.fixed))
    order = [b.id for b in agenda.blocks]
    if session.rules_block:
        if session.rules_block not in blocks:
            problems.add("session-invalid", SESSION, session.rules_block_line,
                         reason=f"rules_block names block '{session.rules_block}', which is not in data/agenda.yaml")
        else:
            position = order.index(session.rules_block)
            earlier = [b for b in agenda.blocks[:position] if b.mode == "interactive"]
            if earlier:
                rules = blocks[session.rules_block]
                problems.add("ground-rules-late", SESSION, session.rules_block_line, block=rules.id,
                             start=rules.start, first=earlier[0].id, first_start=earlier[0].start)
    elif session.ground_rules:
        problems.add("session-invalid", SESSION, 1,
                     reason="'rules_block' must name the agenda block in which the ground rules are read aloud")
    for block_id, line in session.online_block_lines.items():
        if block_id not in blocks:
            problems.add("session-invalid", SESSION, line,
                         reason=f"online.blocks names block '{block_id}', which is not in data/agenda.yaml")
    if site is not None:
        for path in session.on_tables:
            other = site.page(path)
            kind = site.config.kinds.get(other.kind or "") if other is not None else None
            if other is None or kind is None or not kind.printed:
                problems.add("session-invalid", SESSION, session.on_tables_line,
                             reason=f"on_tables names '{path}', which is not a printed page in the navigation "
                                    "(write its path as the nav of mkdocs.yml does, e.g. exercises/handouts/brief.md)")
    for block_id in session.breakout_blocks:
        if block_id not in blocks:
            problems.add("session-invalid", SESSION, session.online_line,
                         reason=f"online.breakout_blocks names block '{block_id}', which is not in data/agenda.yaml")
        elif blocks[block_id].mode != "interactive":
            problems.add("session-invalid", SESSION, session.online_line,
                         reason=f"online.breakout_blocks names '{block_id}', a didactic block; "
                                "breakout rooms are for interactive blocks")
    for block_id, line in session.run_sheet_lines.items():
        if block_id not in blocks and block_id != BEFORE_START:
            problems.add("session-invalid", SESSION, line,
                         reason=f"the run sheet names block '{block_id}', which is not in data/agenda.yaml")
    return session


def clock_after(agenda: Agenda, block_id: str) -> str:
    block = next((b for b in agenda.blocks if b.id == block_id), None)
    return block.end if block else ""


def block_of(agenda: Agenda, block_id: str) -> Block | None:
    return next((b for b in agenda.blocks if b.id == block_id), None)
