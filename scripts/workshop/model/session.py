"""How the room works, as data: ground rules, confidentiality and its limits, what is collected,
how groups are composed, where to find support, safeguarding, and the sharing formats.

Every page, handout and slide that states a ground rule renders it from data/session.yaml, so the
rules cannot contradict each other. The sharing formats are computed here from the minutes of
their slot: a format whose speakers cannot all be heard in its slot is a problem, reported with
the line of data/session.yaml that defines it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from workshop.model.problems import Problems
from workshop.model.text import ConfigLoader, describe, load_data_file

if TYPE_CHECKING:
    from workshop.model.agenda import Agenda, Block

SESSION = "data/session.yaml"
TOP_KEYS = {"rules_block", "rules_read_aloud", "ground_rules", "confidentiality", "collection",
            "group_composition", "support_sources", "safeguarding", "sharing_phases", "sharing_formats",
            "online", "run_sheet", "on_tables"}
READ_ALOUD = ("all", "limits", "none")   # what rules_block reads aloud: everything, the limits only, nothing
ONLINE_KEYS = {"move_minutes", "breakout_blocks", "blocks"}
BEFORE_START = "before_start"   # the run sheet's row before the first block: what is on the tables
FORMAT_KEYS = {"id", "title", "block", "minutes", "where", "setup", "moves", "minutes_each",
               "questions_each", "round", "harvest", "largest_group", "phases"}
FORMAT_NUMBERS = ("setup", "moves", "minutes_each", "questions_each", "round", "harvest")
PHASES = ("setup", "move_in", "stories", "round", "move_out", "harvest")
SMALLEST_GROUP = 2          # sharing is never done alone
CITATION = re.compile(r"\[@")


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
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)

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

def _node_lines(text: str) -> dict[tuple, int]:
    """The line of every mapping value and list item, by its path of keys and indices."""
    try:
        root = yaml.compose(text, Loader=ConfigLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
                lines[path + (name,)] = key.start_mark.line + 1
                walk(value, path + (name,))
                lines[path + (name,)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, path + (index,))

    if root is not None:
        walk(root, ())
    return lines


class _Reader:
    """Reads one section of the file, reporting each fault at its line."""

    def __init__(self, lines: dict[tuple, int], problems: Problems) -> None:
        self.lines = lines
        self.problems = problems

    def line(self, *path: Any) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def bad(self, path: tuple, reason: str) -> None:
        self.problems.add("session-invalid", SESSION, self.line(*path), reason=reason)

    def text(self, value: Any, path: tuple, required: bool = True) -> str:
        name = ".".join(str(p) for p in path)
        if value is None and not required:
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
            self.bad(path, f"'{name}' must be text, not {describe(value)}")
            return ""
        value = " ".join(str(value).split())
        if CITATION.search(value):
            self.bad(path, f"'{name}' holds a citation; data cannot cite, so cite the source in the "
                           "page's own text next to the marker")
        return value

    def texts(self, value: Any, path: tuple) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.bad(path, f"'{path[-1]}' must be a list of texts, not {describe(value)}")
            return []
        return [t for i, v in enumerate(value) if (t := self.text(v, path + (i,)))]

    def items(self, value: Any, path: tuple) -> list[Item]:
        """A list of {title, text} (or plain texts, which have no title)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.bad(path, f"'{path[-1]}' must be a list, not {describe(value)}")
            return []
        out = []
        for index, raw in enumerate(value):
            where = path + (index,)
            if isinstance(raw, dict):
                unknown = set(raw) - {"title", "text"}
                if unknown:
                    self.bad(where, f"unknown key(s) {', '.join(sorted(map(str, unknown)))} in "
                                    f"'{path[-1]}'; allowed: title, text")
                title = self.text(raw.get("title"), where + ("title",), required=False)
                text = self.text(raw.get("text"), where + ("text",))
            else:
                title, text = "", self.text(raw, where)
            if text:
                out.append(Item(title, text, self.line(*where)))
        return out

    def number(self, value: Any, path: tuple, default: float = 0, whole: bool = False) -> float:
        if value is None:
            return default
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
        if ok and whole and value != int(value):
            ok = False
        if not ok:
            kind = "a whole number" if whole else "a number of minutes"
            self.bad(path, f"'{path[-1]}' must be {kind}, 0 or more, not {describe(value)}")
            return default
        return int(value) if value == int(value) else float(value)


def load_session(root: Path, agenda: Agenda | None, problems: Problems) -> Session:
    """Read data/session.yaml; every fault becomes a problem at its line, never an exception."""
    session = Session()
    session.exists, data, text = load_data_file(root, SESSION, problems, code="session-invalid")
    if data is None:
        return session
    if not isinstance(data, dict):
        problems.add("session-invalid", SESSION, 1, reason=f"the file must be a set of keys, not {describe(data)}")
        return session
    read = _Reader(_node_lines(text), problems)
    session.lines = read.lines
    for key in sorted(set(map(str, data)) - TOP_KEYS):
        if key == "comfort_break":
            read.bad((key,), "'comfort_break' is no longer read: a break is a block of data/agenda.yaml with "
                             "mode: break (counted as neither teaching nor activity); move it there")
        else:
            read.bad((key,), f"unknown key '{key}'; allowed: {', '.join(sorted(TOP_KEYS))}")

    session.rules_block = read.text(data.get("rules_block"), ("rules_block",), required=False)
    session.rules_block_line = read.line("rules_block")
    session.ground_rules = read.items(data.get("ground_rules"), ("ground_rules",))
    for index, rule in enumerate(session.ground_rules):
        if not rule.title:
            read.bad(("ground_rules", index), "each ground rule needs a 'title' (shown on the slides) and a 'text'")

    confidentiality = data.get("confidentiality")
    if confidentiality is not None and not isinstance(confidentiality, dict):
        read.bad(("confidentiality",), f"'confidentiality' must have 'rule' and 'limits', not {describe(confidentiality)}")
    elif isinstance(confidentiality, dict):
        session.confidentiality = read.text(confidentiality.get("rule"), ("confidentiality", "rule"))
        session.limits = read.items(confidentiality.get("limits"), ("confidentiality", "limits"))
        if not session.limits:
            read.bad(("confidentiality",), "'confidentiality' must state its 'limits' (harm, immediate danger)")

    session.collection = read.text(data.get("collection"), ("collection",), required=False)
    session.group_composition = read.texts(data.get("group_composition"), ("group_composition",))
    session.support_sources = read.items(data.get("support_sources"), ("support_sources",))
    session.safeguarding = read.items(data.get("safeguarding"), ("safeguarding",))

    aloud = data.get("rules_read_aloud")
    if aloud is not None:
        if aloud not in READ_ALOUD:
            read.bad(("rules_read_aloud",), f"'rules_read_aloud' must be {', '.join(READ_ALOUD[:-1])} or "
                                            f"{READ_ALOUD[-1]}, not {describe(aloud)}")
        else:
            session.rules_read_aloud = aloud
    session.on_tables = read.texts(data.get("on_tables"), ("on_tables",))
    session.on_tables_line = read.line("on_tables")

    phases = data.get("sharing_phases") or {}
    if isinstance(phases, dict):
        for key, value in phases.items():
            if key not in PHASES:
                read.bad(("sharing_phases", key), f"unknown phase '{key}'; allowed: {', '.join(PHASES)}")
            else:
                session.phase_texts[key] = read.text(value, ("sharing_phases", key))
    else:
        read.bad(("sharing_phases",), f"'sharing_phases' must be a set of keys, not {describe(phases)}")

    online = data.get("online")
    if isinstance(online, dict):
        for key in sorted(set(map(str, online)) - ONLINE_KEYS):
            read.bad(("online", key), f"unknown key 'online.{key}'; allowed: {', '.join(sorted(ONLINE_KEYS))}")
        session.move_minutes = read.number(online.get("move_minutes"), ("online", "move_minutes"), 1)
        session.breakout_blocks = read.texts(online.get("breakout_blocks"), ("online", "breakout_blocks"))
        session.online_line = read.line("online")
        _online_blocks(online.get("blocks"), read, session)
    elif online is not None:
        read.bad(("online",), f"'online' must be a set of keys, not {describe(online)}")

    session.formats = _formats(data.get("sharing_formats"), agenda, read, session.move_minutes)

    sheet = data.get("run_sheet")
    if isinstance(sheet, dict):
        for block_id, cues in sheet.items():
            where = ("run_sheet", block_id)
            session.run_sheet_lines[str(block_id)] = read.line(*where)
            if not isinstance(cues, dict):
                read.bad(where, f"the run sheet's '{block_id}' must have 'say' (and may have 'hand_out', "
                                f"'collect'), not {describe(cues)}")
                continue
            unknown = set(map(str, cues)) - {"say", "hand_out", "collect"}
            if unknown:
                read.bad(where, f"unknown key(s) {', '.join(sorted(unknown))}; allowed: say, hand_out, collect")
            session.run_sheet[str(block_id)] = {k: read.text(cues.get(k), where + (k,), required=k == "say")
                                                for k in ("say", "hand_out", "collect")}
    elif sheet is not None:
        read.bad(("run_sheet",), f"'run_sheet' must be a set of keys (one per block), not {describe(sheet)}")
    return session


def _online_blocks(value: Any, read: _Reader, session: Session) -> None:
    """online.blocks: for each agenda block, what an online group does and how it hands its work back."""
    if value is None:
        return
    if not isinstance(value, dict):
        read.bad(("online", "blocks"), f"'online.blocks' must be a set of keys (one per block), not {describe(value)}")
        return
    for block_id, cues in value.items():
        where = ("online", "blocks", block_id)
        session.online_block_lines[str(block_id)] = read.line(*where)
        if not isinstance(cues, dict):
            read.bad(where, f"'online.blocks.{block_id}' must have 'do' (and may have 'hand_back'), not {describe(cues)}")
            continue
        unknown = set(map(str, cues)) - {"do", "hand_back"}
        if unknown:
            read.bad(where, f"unknown key(s) {', '.join(sorted(unknown))}; allowed: do, hand_back")
        session.online_blocks[str(block_id)] = {
            "do": read.text(cues.get("do"), where + ("do",)),
            "hand_back": read.text(cues.get("hand_back"), where + ("hand_back",), required=False)}


def _formats(value: Any, agenda: Agenda | None, read: _Reader, move_minutes: float) -> list[SharingFormat]:
    if value is None:
        return []
    if not isinstance(value, list):
        read.bad(("sharing_formats",), f"'sharing_formats' must be a list, not {describe(value)}")
        return []
    blocks = {b.id: b for b in agenda.blocks} if agenda else {}
    out: list[SharingFormat] = []
    seen: set[str] = set()
    for index, raw in enumerate(value):
        where = ("sharing_formats", index)
        if not isinstance(raw, dict):
            read.bad(where, f"each sharing format must be a set of keys, not {describe(raw)}")
            continue
        unknown = set(map(str, raw)) - FORMAT_KEYS
        if unknown:
            read.bad(where, f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(FORMAT_KEYS))}")
        format_id = read.text(raw.get("id"), where + ("id",))
        title = read.text(raw.get("title"), where + ("title",))
        if not format_id or not title:
            continue
        if format_id in seen:
            read.bad(where, f"sharing format id '{format_id}' is used twice")
        seen.add(format_id)
        block_id = read.text(raw.get("block"), where + ("block",), required=False)
        own = raw.get("minutes")
        if block_id and own is not None:
            read.bad(where, f"sharing format '{format_id}' takes its minutes from block '{block_id}': "
                            "give 'block' or 'minutes', not both")
        if block_id:
            block = blocks.get(block_id)
            if block is None:
                if agenda is not None and agenda.exists:
                    read.bad(where + ("block",), f"sharing format '{format_id}' names block '{block_id}', "
                                                 "which is not in data/agenda.yaml")
                continue
            minutes: float = block.minutes
        else:
            minutes = read.number(own, where + ("minutes",), 0)
            if not minutes:
                read.bad(where, f"sharing format '{format_id}' needs 'block' (an agenda block) or 'minutes'")
                continue
        where_held = read.text(raw.get("where"), where + ("where",), required=False) or "room"
        if where_held not in ("room", "online"):
            read.bad(where + ("where",), f"'where' must be room or online, not '{where_held}'")
        numbers = {key: read.number(raw.get(key), where + (key,)) for key in FORMAT_NUMBERS}
        if where_held == "online" and raw.get("moves") is None:
            numbers["moves"] = 2 * move_minutes     # into the breakout rooms and back, as online.move_minutes says
        largest = int(read.number(raw.get("largest_group"), where + ("largest_group",), 3, whole=True))
        own_texts = raw.get("phases") or {}
        if not isinstance(own_texts, dict):
            read.bad(where + ("phases",), f"'phases' must be a set of keys ({', '.join(PHASES)}), not {describe(own_texts)}")
            own_texts = {}
        texts = []
        for key, value in own_texts.items():
            if key not in PHASES:
                read.bad(where + ("phases", key), f"unknown phase '{key}'; allowed: {', '.join(PHASES)}")
            elif (text := read.text(value, where + ("phases", key))):
                texts.append((str(key), text))
        out.append(SharingFormat(id=format_id, title=title, block=block_id, minutes=minutes, where=where_held,
                                 largest_group=largest, line=read.line(*where), texts=tuple(texts), **numbers))
    return out


# ---------------------------------------------------------------- checking

def _root_and_site(site_or_config: Any) -> tuple[Path, Any]:
    config = getattr(site_or_config, "config", site_or_config)
    return Path(config.root), site_or_config if hasattr(site_or_config, "pages") else None


def minutes_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


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
