"""The session deck, slide by slide: the agenda's blocks in order, each opened by a divider.

What each block shows comes from three data files and nothing else:

- data/agenda.yaml: the blocks, their clock times, minutes, mode, facilitator's text and prompts
  (read through the site model, site.agenda);
- data/slides.yaml: the short, authored text of each content slide, the page it summarises and
  the sources it rests on, and the task, hand-back and extra slides of each activity;
- data/session.yaml: the ground rules, confidentiality and what is collected (the same data the
  pages and handouts render), and the sharing formats computed from the blocks' minutes.

Didactic blocks show at most the budget's slides (extra.slides in mkdocs.yml), each with at most
its words, and a figure or a case vignette. Interactive blocks show what participants need on
screen: the task with a timer, what to hand back, the ground rules where they are read or
restated, and the block's prompts. Teaching detail and timing cues go to the speaker notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from workshop.model.agenda import Block
from workshop.model.bibliography import CITATION, KEY, cited_keys
from workshop.model.problems import Problems
from workshop.model.site import Site
from workshop.model.text import LineDict, load_yaml, read_text
from workshop.outputs.slides import outline as md
from workshop.outputs.slides.budget import CUT_MARKS, Budget, count_words
from workshop.outputs.slides.inline import cite, strip_markdown

SLIDES = "data/slides.yaml"
AGENDA = "data/agenda.yaml"
SESSION = "data/session.yaml"
BLOCK_KEYS = {"slides", "task", "task_title", "hand_back", "sources", "notes", "ground_rules", "prompts",
              "prompts_title", "prompts_figure", "sharing_format", "debrief_turns"}
SLIDE_KEYS = {"title", "points", "page", "sources", "footnote", "figure", "vignette", "notes", "question",
              "objectives", "ground_rules"}
MODE_LABEL = {"didactic": "Presentation", "interactive": "Activity"}


@dataclass
class Point:
    text: str
    lead: str = ""               # bold words before the text, such as 'Gain:'
    style: str = ""              # bullet, number or plain; empty: the frame's style

    @property
    def full(self) -> str:
        return f"{self.lead} {self.text}".strip()


@dataclass
class Frame:
    """One slide of the session deck, before layout."""
    kind: str                    # title, divider, content, rules, task, prompts
    title: str
    points: list[Point] = field(default_factory=list)
    style: str = "bullet"        # bullet, number or plain
    figure: Path | None = None
    alt: str = ""
    footer: str = ""
    notes: str = ""
    subtitle: list[str] = field(default_factory=list)
    block: Block | None = None
    counted: bool = False        # a content slide of a didactic block, counted against the budget
    vignette: bool = False
    timer: bool = False
    hand_back: str = ""
    question: str = ""           # a question for the room, shown in a box
    line: int = 0                # its line in data/slides.yaml; 0 when generated
    source: str = SLIDES

    def body(self) -> list[str]:
        """Every piece of body text the slide shows (not its title, footer or number)."""
        texts = [p.full for p in self.points] + self.subtitle
        if self.question:
            texts.append(self.question)
        if self.hand_back:
            texts.append(f"Hand back: {self.hand_back}")
        if self.timer and self.block is not None:
            texts += timer_texts(self.block)
        if self.kind == "divider" and self.block is not None:
            texts += divider_texts(self.block, 0, 0)
        return texts

    @property
    def words(self) -> int:
        return sum(count_words(text) for text in self.body())


@dataclass
class SessionDeck:
    frames: list[Frame]
    errors: Problems
    warnings: Problems
    budget: Budget
    blocks: list[Block]

    def content_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for frame in self.frames:
            if frame.counted and frame.block is not None:
                counts[frame.block.id] = counts.get(frame.block.id, 0) + 1
        return counts


# ---------------------------------------------------------------- small texts shared with the writer

def timer_texts(block: Block) -> list[str]:
    return [str(block.minutes), "minute" if block.minutes == 1 else "minutes", f"until {block.end}"]


def divider_texts(block: Block, index: int, total: int) -> list[str]:
    where = [f"Block {index} of {total}"] if total else []
    return where + [block.start, f"to {block.end}", f"{block.minutes} minutes", MODE_LABEL.get(block.mode, "")]


def _clock(time: str, plus: float) -> str:
    hours, minutes = (int(part) for part in time.split(":"))
    total = round(hours * 60 + minutes + plus)
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def first_sentence(text: str) -> str:
    text = " ".join(str(text).split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z0-9‘“'\"])", text)
    return text[: match.start()] if match else text


def _minutes(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


# ---------------------------------------------------------------- reading data/slides.yaml with its lines

def _with_lines(value):
    """A parse of load_yaml as this module reads it: each mapping with its line under '__line__'."""
    if isinstance(value, LineDict):
        found = {key: _with_lines(item) for key, item in value.items()}
        found["__line__"] = value.line
        return found
    if isinstance(value, list):
        return [_with_lines(item) for item in value]
    return value


def load_slides_data(root: Path, errors: Problems) -> dict[str, dict]:
    """data/slides.yaml, read as every data file is (model/text.py: a special file or a huge one is
    refused unread; tags, aliases and more than MAX_NODES values are refused), with its lines."""
    path = root / SLIDES
    if not path.exists():
        return {}
    found_problems = Problems()
    text = read_text(path, SLIDES, found_problems)
    ok = text is not None
    if ok:
        ok, data = load_yaml(text, SLIDES, found_problems, code="slides-data-invalid")
    if not ok:
        for problem in found_problems.sorted():
            errors.add("slides-data-invalid", SLIDES, problem.line, reason=problem.message.removeprefix(f"{SLIDES}: "))
        return {}
    data = _with_lines(data)
    blocks = data.get("blocks") if isinstance(data, dict) else None
    if not isinstance(blocks, dict):
        errors.add("slides-data-invalid", SLIDES, 1, reason="it must hold a set of blocks under 'blocks:'")
        return {}
    found = {}
    for block_id, entry in blocks.items():
        if block_id == "__line__":
            continue
        if not isinstance(entry, dict):
            errors.add("slides-data-invalid", SLIDES, blocks.get("__line__", 1),
                       reason=f"block '{block_id}' must be a set of keys")
            continue
        found[str(block_id)] = entry
    return found


# ---------------------------------------------------------------- the session's rules (data/session.yaml)

@dataclass
class Rules:
    rules_block: str = ""
    ground_rules: list[tuple[str, str]] = field(default_factory=list)     # (title, text)
    confidentiality: str = ""
    limits: list[tuple[str, str]] = field(default_factory=list)
    collection: str = ""
    run_sheet: dict[str, dict[str, str]] = field(default_factory=dict)
    sharing: dict[str, str] = field(default_factory=dict)                 # block id: format summary


def load_rules(site: Site) -> Rules:
    """What the room's rules say, from the session model (workshop.model.session) where it exists."""
    rules = Rules()
    try:
        from workshop.model.session import load_session
    except ImportError:
        load_session = None
    if load_session is not None:
        session = load_session(site.config.root, site.agenda, Problems())
        rules.rules_block = session.rules_block
        rules.ground_rules = [(r.title, r.text) for r in session.ground_rules]
        rules.confidentiality = session.confidentiality
        rules.limits = [(r.title, r.text) for r in session.limits]
        rules.collection = session.collection
        rules.run_sheet = dict(session.run_sheet)
        try:
            from workshop.web.render_session import format_summary
            for sharing in session.formats:
                if sharing.block and sharing.where == "room" and sharing.fits and sharing.block not in rules.sharing:
                    rules.sharing[sharing.block] = format_summary(sharing)
        except ImportError:
            pass
        return rules
    path = site.config.root / SESSION
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict):
        return rules
    rules.rules_block = str(data.get("rules_block") or "")
    rules.ground_rules = [(str(r.get("title") or ""), " ".join(str(r.get("text") or "").split()))
                          for r in data.get("ground_rules") or [] if isinstance(r, dict)]
    return rules


# ---------------------------------------------------------------- the deck

class _Planner:
    def __init__(self, site: Site, budget: Budget) -> None:
        self.site = site
        self.budget = budget
        self.errors = Problems()
        self.warnings = Problems()
        self.data = load_slides_data(site.config.root, self.errors)
        self.rules = load_rules(site)
        self.blocks = list(site.agenda.blocks)
        self._figures: dict[Path, tuple[str, str]] | None = None

    # ------------------------------------------------------------ the whole deck

    def plan(self) -> SessionDeck:
        frames = [self.title_frame()]
        known = {b.id for b in self.blocks}
        for block_id, entry in self.data.items():
            if block_id not in known:
                self.warnings.add("slides-data-invalid", SLIDES, entry.get("__line__", 1),
                                  reason=f"no block '{block_id}' in data/agenda.yaml; its slides are not shown")
        if self.rules.rules_block == "" and self.blocks:
            self.warnings.add("slides-rules-missing", SESSION, 1,
                              reason="data/session.yaml names no 'rules_block' for the ground rules")
        elif self.rules.rules_block and self.rules.rules_block not in known:
            self.warnings.add("slides-rules-missing", SESSION, 1,
                              reason=f"the rules_block '{self.rules.rules_block}' is not a block of the agenda")
        for index, block in enumerate(self.blocks):
            frames += self.block_frames(block, index)
        deck = SessionDeck(frames, self.errors, self.warnings, self.budget, self.blocks)
        self.check(deck)
        return deck

    def title_frame(self) -> Frame:
        w = self.site.config.workshop
        title = str(w.get("title") or self.site.config.site_name)
        organisers = w.get("organisers") or []
        organisers = ", ".join(str(o) for o in organisers) if isinstance(organisers, list) else str(organisers)
        event: list[str] = []
        for key in ("event", "venue", "date"):
            value = str(w.get(key) or "").strip()
            if value and not any(value in earlier for earlier in event):
                event.append(value)
        lines = [line for line in (organisers, str(w.get("institution") or ""), ", ".join(event)) if line.strip()]
        agenda = self.site.agenda
        if self.blocks:
            lines.append(f"{self.blocks[0].start}–{self.blocks[-1].end} ({agenda.total} minutes)")
        notes = (f"On screen as people arrive. The session runs from {agenda.start_time} for {agenda.total} minutes, "
                 f"{agenda.minutes('didactic')} minutes of presentation and {agenda.minutes('interactive')} of activity. "
                 "Every slide's speaker notes give its timing. To change the deck, edit data/agenda.yaml "
                 "(blocks and times), data/slides.yaml (slide texts) or data/session.yaml (the ground rules), "
                 "then run make slides.")
        return Frame("title", title, subtitle=lines, notes=notes, source="mkdocs.yml")

    # ------------------------------------------------------------ one block

    def block_frames(self, block: Block, index: int) -> list[Frame]:
        entry = self.data.get(block.id)
        self._check_keys(entry, BLOCK_KEYS, f"block '{block.id}'")
        divider = Frame("divider", block.title, block=block, source=AGENDA, line=block.line)
        body: list[Frame] = []
        rules_here = block.id == self.rules.rules_block or bool(entry and entry.get("ground_rules"))
        rule_frames = self.rule_frames(block) if rules_here else []
        if entry is None:
            shown = "and its prompts" if block.prompts else "only"
            self.warnings.add("slides-block-missing", AGENDA, block.line, block=block.id, shown=shown)
            body = rule_frames + ([self.prompts_frame(block, {})] if block.prompts else [])
        elif block.mode == "interactive":
            slides = self.slide_frames(block, entry, rule_frames)
            placed = any(isinstance(s, dict) and s.get("ground_rules") for s in entry.get("slides") or [])
            body = ([] if placed else rule_frames) + [self.task_frame(block, entry)] + slides
            if entry.get("prompts", True) and block.prompts:
                body.append(self.prompts_frame(block, entry))
        else:
            slides = self.slide_frames(block, entry, rule_frames)
            placed = any(isinstance(s, dict) and s.get("ground_rules") for s in entry.get("slides") or [])
            body = slides + ([] if placed else rule_frames)
        divider.notes = self.divider_notes(block, index)
        self.timing_notes(block, body)
        return [divider, *body]

    def slide_frames(self, block: Block, entry: dict, rule_frames: list[Frame]) -> list[Frame]:
        frames: list[Frame] = []
        slides = entry.get("slides") or []
        if not isinstance(slides, list):
            self.errors.add("slides-data-invalid", SLIDES, entry.get("__line__", 1),
                            reason=f"'slides' of block '{block.id}' must be a list")
            return frames
        for raw in slides:
            if not isinstance(raw, dict):
                self.errors.add("slides-data-invalid", SLIDES, entry.get("__line__", 1),
                                reason=f"each slide of block '{block.id}' must be a set of keys")
                continue
            self._check_keys(raw, SLIDE_KEYS, f"a slide of block '{block.id}'")
            if raw.get("ground_rules"):
                frames += rule_frames
            elif raw.get("objectives"):
                frames.append(self.objectives_frame(block, raw))
            else:
                frames.append(self.content_frame(block, raw))
        return frames

    def _check_keys(self, raw: dict | None, allowed: set[str], what: str) -> None:
        if not raw:
            return
        unknown = sorted(set(map(str, raw)) - allowed - {"__line__"})
        if unknown:
            self.errors.add("slides-data-invalid", SLIDES, raw.get("__line__", 1),
                            reason=f"unknown key(s) {', '.join(unknown)} in {what}; allowed: {', '.join(sorted(allowed))}")

    # ------------------------------------------------------------ content slides

    def content_frame(self, block: Block, raw: dict) -> Frame:
        line = raw.get("__line__", 1)
        title = self._text(raw.get("title"), line, "'title'")
        frame = Frame("content", title or "(untitled)", block=block, line=line,
                      counted=block.mode == "didactic", vignette=bool(raw.get("vignette")))
        points = raw.get("points") or []
        if not isinstance(points, list):
            self.errors.add("slides-data-invalid", SLIDES, line, reason=f"'points' of '{title}' must be a list")
            points = []
        for point in points:
            text = self._text(point, line, f"a point of '{title}'")
            lead, _, rest = text.partition(": ")
            frame.points.append(Point(rest, lead + ":") if rest and len(lead.split()) <= 3 else Point(text))
        page = self._page(block, raw, frame)
        keys = self._sources(raw, frame, page)
        frame.footer = self.footer(keys, str(raw.get("footnote") or ""))
        if raw.get("figure"):
            frame.figure, frame.alt = self._figure(str(raw["figure"]), frame)
        if raw.get("question") and block.prompts:
            frame.question = block.prompts[0]
        frame.notes = self.content_notes(raw, page, keys)
        return frame

    def _text(self, value: Any, line: int, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.errors.add("slides-data-invalid", SLIDES, line, reason=f"{what} must be text")
            return ""
        return strip_markdown(value)

    def _page(self, block: Block, raw: dict, frame: Frame):
        rel = raw.get("page")
        if not rel:
            if frame.counted:
                self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                                reason="it names no 'page' that it summarises")
            return None
        page = self.site.page(str(rel))
        if page is None or not page.readable:
            self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                            reason=f"the page '{rel}' does not exist")
            return None
        if block.pages and str(rel) not in block.pages:
            self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                            reason=f"the page '{rel}' is not one of the pages of block '{block.id}' "
                                   f"({', '.join(block.pages)})")
        return page

    def _sources(self, raw: dict, frame: Frame, page) -> list[str]:
        keys = raw.get("sources") or []
        if not isinstance(keys, list):
            self.errors.add("slides-data-invalid", SLIDES, frame.line, reason=f"'sources' of '{frame.title}' must be a list")
            return []
        keys = [str(k) for k in keys]
        cited = {key for key, _ in cited_keys(md.select(page.body))} if page is not None else set()
        for key in keys:
            if key not in self.site.bibliography:
                self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                                reason=f"'{key}' is not in data/bibliography.yaml")
            elif page is not None and key not in cited:
                self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                                reason=f"'{key}' is not cited on the page it summarises, {page.rel}")
        return [k for k in keys if k in self.site.bibliography]

    def footer(self, keys: list[str], footnote: str = "") -> str:
        parts = []
        if keys:
            parts.append("Sources: " + "; ".join(self.site.bibliography.labels[k] for k in keys) + ".")
        if footnote:
            parts.append(footnote.strip())
        return " ".join(parts)

    def _figure(self, rel: str, frame: Frame) -> tuple[Path | None, str]:
        path = self.site.config.docs_dir / rel
        if not path.is_file():
            self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                            reason=f"the figure 'docs/{rel}' does not exist")
            return None, ""
        alt, _ = self.figures().get(path.resolve(), ("", ""))
        if not alt:
            self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                            reason=f"the figure 'docs/{rel}' has no alt text on any page of the site")
        return path, alt

    def figures(self) -> dict[Path, tuple[str, str]]:
        """Every figure of the site's pages: its alt text and caption, by the image file."""
        if self._figures is None:
            self._figures = {}
            for page in self.site.in_nav_order():
                if not page.readable or not page.path.suffix == ".md":
                    continue
                outline = md.parse(page.body, page.title, page.body_line)
                blocks = list(outline.intro) + [b for s in outline.sections for b in s.blocks]
                while blocks:
                    item = blocks.pop(0)
                    if isinstance(item, md.Admonition):
                        blocks += item.blocks
                    elif isinstance(item, md.Figure) and "://" not in item.src:
                        where = (page.path.parent / item.src).resolve()
                        self._figures.setdefault(where, (strip_markdown(item.alt),
                                                         cite(strip_markdown(item.caption), self.site.bibliography)))
        return self._figures

    def objectives_frame(self, block: Block, raw: dict) -> Frame:
        objectives = self.site.config.objectives
        frame = Frame("content", str(raw.get("title") or "Learning objectives"), block=block,
                      line=raw.get("__line__", 1), counted=block.mode == "didactic", style="plain",
                      points=[Point(o.short or o.id, f"{o.id}") for o in objectives])
        self._page(block, raw, frame)
        statements = " ".join(f"{o.id}, {o.short}: {o.statement}" for o in objectives)
        frame.notes = ("By the end of the session, participants will be able to do the following. "
                       f"{statements} {self._notes_text(raw)}").strip()
        return frame

    def content_notes(self, raw: dict, page, keys: list[str]) -> str:
        parts = [self._notes_text(raw)]
        if page is not None:
            parts.append(f"From the page '{page.title}' ({page.rel}).")
        if keys:
            bib = self.site.bibliography
            parts.append("Sources: " + " ".join(bib[k].plain() for k in keys))
        return "\n".join(p for p in parts if p)

    def _notes_text(self, raw: dict) -> str:
        notes = " ".join(str(raw.get("notes") or "").split())
        for match in CITATION.finditer(notes):
            for key in (k.group(1) for k in KEY.finditer(match.group(1))):
                if key not in self.site.bibliography:
                    self.errors.add("slides-source", SLIDES, raw.get("__line__", 1), title=str(raw.get("title") or ""),
                                    reason=f"its notes cite '{key}', which is not in data/bibliography.yaml")
        return cite(notes, self.site.bibliography) if notes else ""

    # ------------------------------------------------------------ the room's rules

    def rule_frames(self, block: Block) -> list[Frame]:
        rules = self.rules
        frames: list[Frame] = []
        if not rules.ground_rules:
            self.warnings.add("slides-rules-missing", SESSION, 1,
                              reason=f"block '{block.id}' states the ground rules, but data/session.yaml has none")
            return frames
        read = " ".join(f"{i}. {title}. {text}" for i, (title, text) in enumerate(rules.ground_rules, 1))
        points = [Point(title, f"{i}.") for i, (title, _) in enumerate(rules.ground_rules, 1)]
        for number, chunk in enumerate(self._chunks(points)):
            frames.append(Frame("rules", "Ground rules" + (" (continued)" if number else ""), chunk, style="plain",
                                block=block, source=SESSION,
                                notes=f"Read the rules aloud, in full: {read}" if number == 0 else
                                      "Continue reading the rules aloud (their full text is in the notes of the first)."))
        limits = [Point(title, style="bullet") for title, _ in rules.limits]
        if rules.confidentiality:
            first = first_sentence(rules.confidentiality)
            points = [Point(first)] + ([Point("", "Its limits:")] + limits if limits else [])
            collected = first_sentence(rules.collection) if rules.collection else ""
            full = (f"Read aloud: {rules.confidentiality} "
                    + " ".join(f"{title}: {text}" for title, text in rules.limits)
                    + (f" What is collected: {rules.collection}" if rules.collection else ""))
            frame = Frame("rules", "Confidentiality and its limits", points, style="plain", block=block,
                          source=SESSION, notes=full, question=collected)
            if frame.words > self.budget.max_words and collected:
                frame.question = ""
                frames.append(frame)
                frames.append(Frame("rules", "What is collected", [Point(first_sentence(rules.collection))],
                                    style="plain", block=block, source=SESSION,
                                    notes=f"Read aloud: {rules.collection}"))
            else:
                frames.append(frame)
        return frames

    def _chunks(self, points: list[Point]) -> list[list[Point]]:
        chunks: list[list[Point]] = [[]]
        words = 0
        for point in points:
            size = count_words(point.full) + 1
            if chunks[-1] and (words + size > self.budget.max_words or len(chunks[-1]) >= 7):
                chunks.append([])
                words = 0
            chunks[-1].append(point)
            words += size
        return chunks

    # ------------------------------------------------------------ activities

    def task_frame(self, block: Block, entry: dict) -> Frame:
        line = entry.get("__line__", 1)
        steps = entry.get("task") or []
        if not isinstance(steps, list) or not steps:
            self.errors.add("slides-data-invalid", SLIDES, line,
                            reason=f"the activity '{block.id}' needs a 'task': a list of steps for participants")
            steps = []
        points = [Point(self._text(step, line, f"a step of the task of '{block.id}'")) for step in steps]
        extra = self.computed_line(block, entry)
        if extra and entry.get("sharing_format"):
            points.insert(0, Point(extra))
        elif extra:
            points.append(Point(extra))
        hand_back = self._text(entry["hand_back"], line, "'hand_back'") if entry.get("hand_back") else ""
        title = str(entry.get("task_title") or "Your task")
        frame = Frame("task", title, points, style="number", block=block, timer=True, hand_back=hand_back, line=line)
        keys = self._sources(entry, frame, None)
        frame.footer = self.footer(keys)
        note = self._notes_text(entry)
        frame.notes = "\n".join(filter(None, [
            f"Start the timer now: {block.minutes} minutes, until {block.end}.", note,
            ("Sources: " + " ".join(self.site.bibliography[k].plain() for k in keys)) if keys else ""]))
        return frame

    def computed_line(self, block: Block, entry: dict) -> str:
        """A line computed from the configuration: the sharing groups, or each group's debrief turn."""
        if entry.get("sharing_format") and block.id in self.rules.sharing:
            summary = self.rules.sharing[block.id]
            return f"In {summary}." if summary else ""
        if entry.get("debrief_turns"):
            try:
                from workshop.model.groups import debrief, from_workshop
                plan = from_workshop(self.site.config.workshop)
                turn = debrief(plan, block.minutes)
            except (ImportError, ValueError):
                return ""
            minutes = f"{turn.minutes_each} minute{'s' if turn.minutes_each != 1 else ''}"
            if turn.by_scenario:
                return f"One turn per scenario, groups together: {minutes} each."
            return f"Each group presents for {minutes}."
        return ""

    def prompts_frame(self, block: Block, entry: dict) -> Frame:
        title = str(entry.get("prompts_title") or "Questions to discuss")
        frame = Frame("prompts", title, [Point(p) for p in block.prompts], block=block,
                      line=entry.get("__line__", 0), source=SLIDES if entry else AGENDA,
                      notes="Leave these questions on screen while people talk.")
        if entry.get("prompts_figure"):
            frame.figure, frame.alt = self._figure(str(entry["prompts_figure"]), frame)
        return frame

    # ------------------------------------------------------------ notes and timing

    def divider_notes(self, block: Block, index: int) -> str:
        mode = MODE_LABEL.get(block.mode, block.mode).lower()
        parts = [f"{block.start}–{block.end}, {block.minutes} minutes ({mode}). {block.facilitator}"]
        cue = self.rules.run_sheet.get(block.id, {})
        if cue.get("say"):
            parts.append(f"Run sheet: {cue['say']}")
        if block.materials:
            labels = [str((self.site.config.materials.get(m) or {}).get("label") or m) for m in block.materials]
            parts.append("Materials: " + "; ".join(labels) + ".")
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        parts.append(f"Next, at {block.end}: {following.title}." if following else f"The session ends at {block.end}.")
        return "\n".join(parts)

    def timing_notes(self, block: Block, frames: list[Frame]) -> None:
        """A timing cue at the top of each slide's notes: its share of a talk, or the activity's clock."""
        if not frames:
            return
        if block.mode == "interactive":
            for number, frame in enumerate(frames, 1):
                cue = (f"Timing: the activity runs {block.start}–{block.end} ({block.minutes} minutes); "
                       f"slide {number} of {len(frames)} in this block.")
                frame.notes = cue + ("\n" + frame.notes if frame.notes else "")
            return
        share = block.minutes / len(frames)
        for number, frame in enumerate(frames, 1):
            start, end = _clock(block.start, share * (number - 1)), _clock(block.start, share * number)
            cue = (f"Timing: {start}–{end}, slide {number} of {len(frames)} in this block "
                   f"(about {_minutes(share)} minutes each); the block ends at {block.end}.")
            frame.notes = cue + ("\n" + frame.notes if frame.notes else "")
        last = frames[-1]
        if block.mode == "didactic" and block.prompts:
            last.notes += "\nAsk the room: " + " ".join(block.prompts)

    # ------------------------------------------------------------ the budget

    def check(self, deck: SessionDeck) -> None:
        budget = self.budget
        counts = deck.content_counts()
        for block in self.blocks:
            if block.mode != "didactic" or block.id not in self.data:
                continue
            count, allowed = counts.get(block.id, 0), budget.allowed(block.minutes)
            if count > allowed:
                self.errors.add("slides-over-budget", AGENDA, block.line, block=block.id, minutes=block.minutes,
                                count=count, allowed=allowed, rate=f"{budget.slides_per_minute:g}")
            frames = [f for f in deck.frames if f.block is block and f.counted]
            if frames and not any(f.figure is not None or f.vignette for f in frames):
                self.errors.add("slides-no-figure", AGENDA, block.line, block=block.id)
        for frame in deck.frames:
            if frame.kind == "title":
                continue
            where, line = (frame.source, frame.line) if frame.line else (frame.source, 1)
            if frame.kind == "divider":
                where, line = AGENDA, frame.block.line
            if frame.words > budget.max_words:
                self.errors.add("slides-too-many-words", where, line, title=frame.title, count=frame.words,
                                allowed=budget.max_words)
            shown = " ".join([frame.title, frame.footer, *frame.body()])
            mark = next((m for m in CUT_MARKS if m in shown), None)
            if mark:
                self.errors.add("slides-cut-text", where, line, title=frame.title, mark=mark)


def session_deck(site: Site, budget: Budget) -> SessionDeck:
    return _Planner(site, budget).plan()
