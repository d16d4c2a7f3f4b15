"""The session deck, slide by slide: the agenda's blocks in order, each opened by a divider.

What each block shows comes from three data files and nothing else:

- data/agenda.yaml: the blocks, their clock times, minutes, mode, facilitator's text and prompts
  (read through the site model, site.agenda);
- data/slides.yaml: the short, authored text of each content slide, the page it summarises and
  the sources it rests on, and the task, hand-back and extra slides of each activity;
- data/session.yaml: the ground rules, confidentiality and what is collected (the same data the
  pages and handouts render), the sharing formats computed from the blocks' minutes, where to get
  support, and what an online group does in each block.

Around the blocks: a title slide that credits the workshop's original authors ("Adapted from ..."),
an "as you arrive" slide that starts the self-assessment (data/slides.yaml 'arrival'), and a
closing slide with the support contact and where else to turn (data/slides.yaml 'closing').

Didactic blocks show at most the budget's slides (extra.slides in mkdocs.yml), each with at most
its words, and a figure or a case vignette. Interactive blocks show what participants need on
screen, on one slide: the task with a timer, the block's prompts, what to hand back and, when a
group joins online (extra.workshop.remote_groups), the online group's line; the ground rules where
they are stated. A break shows its own slide with the time to come back. Teaching detail, what to
read aloud and timing cues go to the speaker notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.model import identity, online as online_group
from workshop.model.agenda import Block
from workshop.model.bibliography import CITATION, KEY, cited_keys
from workshop.model.problems import Problems
from workshop.model.site import Site
from workshop.model.slide_texts import SLIDES, load_slides
from workshop.outputs.slides import outline as md
from workshop.outputs.slides.budget import CUT_MARKS, Budget, count_words
from workshop.outputs.slides.figure_text import slide_version, svg_description
from workshop.outputs.slides.inline import cite, strip_markdown

AGENDA = "data/agenda.yaml"
SESSION = "data/session.yaml"
NO_CONTACT = "ask a facilitator"                       # the closing slide, while no support contact is set
MODE_LABEL = {"didactic": "Presentation", "interactive": "Activity", "break": "Break", "housekeeping": "Housekeeping"}
ACTIVITY_MODES = ("interactive", "break", "housekeeping")   # shown as a task with a timer, not as a talk


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
    questions: list[str] = field(default_factory=list)   # an activity's prompts, shown with its task
    online: str = ""             # the online group's line, in a band of its own (counted on its own)
    name: str = ""               # the slide's name in the deck (default: its block's id, or its kind)
    line: int = 0                # its line in data/slides.yaml; 0 when generated
    source: str = SLIDES

    def body(self) -> list[str]:
        """Every piece of body text the slide shows (not its title, footer or number)."""
        texts = [p.full for p in self.points] + self.subtitle + self.questions
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
    read_aloud: str = "all"                                               # all, limits or none
    support: list[str] = field(default_factory=list)                      # short forms of support_sources
    session: Any = None                                                   # the session model, when read


def load_rules(site: Site) -> Rules:
    """What the room's rules say, from the session model (workshop.model.session)."""
    from workshop.model.session import load_session
    from workshop.web.render_session import format_summary

    rules = Rules()
    session = load_session(site.config.root, site.agenda, Problems())
    rules.rules_block = session.rules_block
    rules.ground_rules = [(r.title, r.text) for r in session.ground_rules]
    rules.confidentiality = session.confidentiality
    rules.limits = [(r.title, r.text) for r in session.limits]
    rules.collection = session.collection
    rules.run_sheet = dict(session.run_sheet)
    rules.read_aloud = session.rules_read_aloud
    rules.support = [item.title or item.text for item in session.support_sources]
    rules.session = session
    for sharing in session.formats:
        if sharing.block and sharing.where == "room" and sharing.fits and sharing.block not in rules.sharing:
            rules.sharing[sharing.block] = format_summary(sharing)
    return rules


# ---------------------------------------------------------------- the deck

class _Planner:
    def __init__(self, site: Site, budget: Budget) -> None:
        self.site = site
        self.budget = budget
        self.errors = Problems()
        self.warnings = Problems()
        self.data, self.frames_data = load_slides(site.config.root, self.errors)
        self.rules = load_rules(site)
        self.blocks = list(site.agenda.blocks)
        self.online = online_group.settings(site.config.workshop)
        self._figures: dict[Path, tuple[str, str]] | None = None

    # ------------------------------------------------------------ the whole deck

    def plan(self) -> SessionDeck:
        frames = [self.title_frame()]
        if "arrival" in self.frames_data:
            frames.append(self.arrival_frame(self.frames_data["arrival"]))
        known = {b.id for b in self.blocks}
        for block_id, entry in self.data.items():
            if block_id not in known:
                self.warnings.add("slides-data-invalid", SLIDES, entry.line,
                                  reason=f"no block '{block_id}' in data/agenda.yaml; its slides are not shown")
        if self.rules.rules_block == "" and self.blocks:
            self.warnings.add("slides-rules-missing", SESSION, 1,
                              reason="data/session.yaml names no 'rules_block' for the ground rules")
        elif self.rules.rules_block and self.rules.rules_block not in known:
            self.warnings.add("slides-rules-missing", SESSION, 1,
                              reason=f"the rules_block '{self.rules.rules_block}' is not a block of the agenda")
        for index, block in enumerate(self.blocks):
            frames += self.block_frames(block, index)
        if "closing" in self.frames_data:
            frames.append(self.closing_frame(self.frames_data["closing"]))
        deck = SessionDeck(frames, self.errors, self.warnings, self.budget, self.blocks)
        self.check(deck)
        return deck

    def title_frame(self) -> Frame:
        """The workshop's title, this session's organisers and event, and the original authors' credit.
        Identity fields that still describe the original event (identity.unchanged) are left off, so
        that the slide never presents someone else's session as today's; make slides warns about them."""
        w = self.site.config.workshop
        title = str(w.get("title") or self.site.config.site_name)
        entry = identity.source(w, self.site.bibliography)
        stale = set(identity.unchanged(w, entry))
        organisers = w.get("organisers") or []
        organisers = ", ".join(str(o) for o in organisers) if isinstance(organisers, list) else str(organisers)
        if "organisers" in stale:
            organisers = ""
        event: list[str] = []
        for key in ("event", "venue", "date"):
            value = str(w.get(key) or "").strip()
            if value and key not in stale and not any(value in earlier for earlier in event):
                event.append(value)
        institution = "" if "organisers" in stale else str(w.get("institution") or "")
        lines = [line for line in (organisers, institution, ", ".join(event)) if line.strip()]
        agenda = self.site.agenda
        if self.blocks:
            lines.append(f"{self.blocks[0].start}–{self.blocks[-1].end} ({agenda.total} minutes)")
        credit = identity.credit(entry)
        if credit:
            lines.append(credit)
        neither = f", and {agenda.neither} of break and forms" if agenda.neither else ""
        notes = (f"Before people arrive, move on to the next slide. The session runs from {agenda.start_time} for "
                 f"{agenda.total} minutes, {agenda.minutes('didactic')} minutes of presentation and "
                 f"{agenda.minutes('interactive')} of activity{neither}. "
                 "Every slide's speaker notes give its timing. To change the deck, edit data/agenda.yaml "
                 "(blocks and times), data/slides.yaml (slide texts) or data/session.yaml (the ground rules), "
                 "then run make slides.")
        if stale:
            notes += (f" This slide leaves out {', '.join(sorted(stale))}: extra.workshop in mkdocs.yml still gives "
                      "those of the original workshop. Set yours.")
        return Frame("title", title, subtitle=lines, notes=notes, source="mkdocs.yml")

    def arrival_frame(self, raw: dict) -> Frame:
        """What people do as they arrive, on screen before the start: the self-assessment's code and
        'before' table, so that latecomers and the online group start it too."""
        line = getattr(raw, "line", 1)
        steps = raw.get("task") or []
        if not isinstance(steps, list) or not steps:
            self.errors.add("slides-data-invalid", SLIDES, line, reason="'arrival' needs a 'task': a list of steps")
            steps = []
        frame = Frame("task", self._text(raw.get("title") or "As you arrive", line, "the arrival slide's title"),
                      [Point(self._text(step, line, "a step of 'arrival'")) for step in steps], style="number",
                      line=line, notes=self._notes_text(raw))
        frame.name = "arrival"
        if self.blocks:
            frame.online = online_group.line(self.blocks[0], self.rules.session, self.online, first=True)
        return frame

    def closing_frame(self, raw: dict) -> Frame:
        """The last slide: thanks, the support contact for the day and where else to turn."""
        line = getattr(raw, "line", 1)
        contact = " ".join(str(self.site.config.workshop.get("support_contact") or "").split()) or NO_CONTACT
        points = [Point(contact, "On the day:")] + [Point(text) for text in self.rules.support[1:]]
        extra = raw.get("points") or []
        for text in extra if isinstance(extra, list) else []:
            points.append(Point(self._text(text, line, "a point of 'closing'")))
        frame = Frame("content", self._text(raw.get("title") or "Thank you", line, "the closing slide's title"),
                      points, style="plain", line=line,
                      notes="\n".join(filter(None, [self._notes_text(raw), "Where to turn, in full: "
                                                     + " ".join(i.text for i in (self.rules.session.support_sources
                                                                                 if self.rules.session else []))])))
        frame.name = "closing"
        return frame

    # ------------------------------------------------------------ one block

    def block_frames(self, block: Block, index: int) -> list[Frame]:
        entry = self.data.get(block.id)
        divider = Frame("divider", block.title, block=block, source=AGENDA, line=block.line)
        body: list[Frame] = []
        rules_here = block.id == self.rules.rules_block or bool(entry and entry.get("ground_rules"))
        rule_frames = self.rule_frames(block) if rules_here else []
        if entry is None and block.mode == "break":
            body = [self.task_frame(block, {})]
        elif entry is None:
            shown = "and its prompts" if block.prompts else "only"
            self.warnings.add("slides-block-missing", AGENDA, block.line, block=block.id, shown=shown)
            body = rule_frames + ([self.prompts_frame(block, {})] if block.prompts else [])
        elif block.mode in ACTIVITY_MODES:
            slides = self.slide_frames(block, entry, rule_frames)
            placed = any(s.get("ground_rules") for s in entry.get("slides", []))
            body = ([] if placed else rule_frames) + [self.task_frame(block, entry)] + slides
        else:
            slides = self.slide_frames(block, entry, rule_frames)
            placed = any(s.get("ground_rules") for s in entry.get("slides", []))
            body = slides + ([] if placed else rule_frames)
        divider.notes = self.divider_notes(block, index)
        self.timing_notes(block, body)
        return [divider, *body]

    def slide_frames(self, block: Block, entry: dict, rule_frames: list[Frame]) -> list[Frame]:
        frames: list[Frame] = []
        for raw in entry.get("slides", []):
            if raw.get("ground_rules"):
                frames += rule_frames
            elif raw.get("objectives"):
                frames.append(self.objectives_frame(block, raw))
            else:
                frames.append(self.content_frame(block, raw))
        return frames

    # ------------------------------------------------------------ content slides

    def content_frame(self, block: Block, raw: dict) -> Frame:
        title = strip_markdown(raw["title"])
        frame = Frame("content", title, block=block, line=raw.line,
                      counted=block.mode == "didactic", vignette=raw.get("vignette", False))
        for point in raw.get("points", []):
            text = strip_markdown(point)
            lead, _, rest = text.partition(": ")
            frame.points.append(Point(rest, lead + ":") if rest and len(lead.split()) <= 3 else Point(text))
        page = self._page(block, raw, frame)
        keys = self._sources(raw, frame, page)
        frame.footer = self.footer(keys, raw.get("footnote", ""))
        if raw.get("figure"):
            frame.figure, frame.alt = self._figure(raw["figure"], frame)
        if raw.get("question") and block.prompts:
            frame.question = block.prompts[0]
        frame.notes = self.content_notes(raw, page, keys)
        return frame

    def _text(self, value: Any, line: int, what: str) -> str:
        """A text of data/slides.yaml as the slide shows it (the schema has checked that it is text)."""
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
        keys = list(raw.get("sources", []))
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
        """The figure a slide shows: its version drawn for slides (NAME.slide.svg) where there is one,
        described by that version's own <desc>, else the page's figure with the page's alt text."""
        path = self.site.config.docs_dir / rel
        if not path.is_file():
            self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                            reason=f"the figure 'docs/{rel}' does not exist")
            return None, ""
        shown = slide_version(path)
        if shown != path:
            alt = svg_description(shown)
            if not alt:
                self.errors.add("slides-source", SLIDES, frame.line, title=frame.title,
                                reason=f"the slide version '{shown.name}' of 'docs/{rel}' has no <desc> to describe it")
            return shown, alt
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
        frame = Frame("content", raw.get("title", "Learning objectives"), block=block,
                      line=raw.line, counted=block.mode == "didactic", style="plain",
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
        notes = " ".join(raw.get("notes", "").split())
        for match in CITATION.finditer(notes):
            for key in (k.group(1) for k in KEY.finditer(match.group(1))):
                if key not in self.site.bibliography:
                    self.errors.add("slides-source", SLIDES, raw.line, title=raw.get("title", ""),
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
        if rules.read_aloud == "all" and block.id == rules.rules_block:
            first, more = (f"Read the rules aloud, in full: {read}",
                           "Continue reading the rules aloud (their full text is in the notes of the first).")
        else:
            first, more = (f"Do not read the rules aloud: participants had them in advance, and they are on the card "
                           f"on every table. Point to the card, and leave this slide up for a moment. Their full text: "
                           f"{read}", "Their full text is in the notes of the first slide of rules.")
        for number, chunk in enumerate(self._chunks(points)):
            frames.append(Frame("rules", "Ground rules" + (" (continued)" if number else ""), chunk, style="plain",
                                block=block, source=SESSION, notes=first if number == 0 else more))
        limits = [Point(title, style="bullet") for title, _ in rules.limits]
        if rules.confidentiality:
            first = first_sentence(rules.confidentiality)
            points = [Point(first)] + ([Point("", "Its limits:")] + limits if limits else [])
            collected = first_sentence(rules.collection) if rules.collection else ""
            aloud = "Read aloud" if rules.read_aloud in ("all", "limits") else "Their full text"
            # The notes ask to read aloud exactly what the timing rule counts (Session.read_aloud_texts):
            # the collection statement is there to answer questions from, not read out.
            full = (f"{aloud}: {rules.confidentiality} "
                    + " ".join(f"{title}: {text}" for title, text in rules.limits)
                    + (f" What is collected, in full, to answer questions from: {rules.collection}"
                       if rules.collection else ""))
            frame = Frame("rules", "Confidentiality and its limits", points, style="plain", block=block,
                          source=SESSION, notes=full, question=collected)
            if frame.words > self.budget.max_words and collected:
                frame.question = ""
                frames.append(frame)
                frames.append(Frame("rules", "What is collected", [Point(first_sentence(rules.collection))],
                                    style="plain", block=block, source=SESSION,
                                    notes=f"In full, to answer questions from: {rules.collection}"))
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
        """An activity on one slide: its steps, its prompts, the timer, what to hand back, and the
        online group's line; a break shows the time to come back the same way."""
        line = getattr(entry, "line", block.line)
        steps = entry.get("task") or []
        extra = self.computed_line(block, entry)
        if block.mode == "break" and not steps:
            steps = [block.say] if block.say else []
        elif not isinstance(steps, list) or (not steps and not (entry.get("sharing_format") or entry.get("debrief_turns"))):
            self.errors.add("slides-data-invalid", SLIDES, line,
                            reason=f"the activity '{block.id}' needs a 'task': a list of steps for participants")
            steps = []
        points = [Point(self._text(step, line, f"a step of the task of '{block.id}'")) for step in steps]
        if extra and entry.get("sharing_format"):
            points.insert(0, Point(extra))
        elif extra:
            points.append(Point(extra))
        hand_back = self._text(entry["hand_back"], line, "'hand_back'") if entry.get("hand_back") else ""
        default = block.title if block.mode == "break" else "Your task"
        title = str(entry.get("task_title") or default)
        frame = Frame("task", title, points, style="plain" if block.mode == "break" else "number", block=block,
                      timer=True, hand_back=hand_back, line=line if entry else block.line,
                      source=SLIDES if entry else AGENDA)
        if entry.get("prompts", True) is not False and block.mode != "break":
            frame.questions = list(block.prompts)
        index = self.blocks.index(block) if block in self.blocks else 0
        frame.online = online_group.line(block, self.rules.session, self.online, first=index == 0, short=True)
        keys = self._sources(entry, frame, None)
        frame.footer = self.footer(keys)
        note = self._notes_text(entry)
        frame.notes = "\n".join(filter(None, [
            f"Start the timer now: {block.minutes} minutes, until {block.end}.",
            f"Say: {block.say}" if block.say else "", note,
            ("Sources: " + " ".join(self.site.bibliography[k].plain() for k in keys)) if keys else ""]))
        return frame

    def computed_line(self, block: Block, entry: dict) -> str:
        """A line computed from the configuration: the sharing groups, or each group's debrief turn."""
        if entry.get("sharing_format") and block.id in self.rules.sharing:
            summary = self.rules.sharing[block.id]
            return f"In {summary}." if summary else ""
        if entry.get("debrief_turns"):
            try:
                from workshop.model.cards import room_plan
                from workshop.model.groups import debrief
                plan = room_plan(self.site)
                turn = debrief(plan, block.minutes)
            except (ImportError, ValueError):
                return ""
            minutes = f"{turn.minutes_each} minute{'s' if turn.minutes_each != 1 else ''}"
            if turn.by_scenario:
                return f"One turn per scenario, groups together: {minutes} each."
            return f"Each group presents for {minutes}."
        return ""

    def prompts_frame(self, block: Block, entry: dict) -> Frame:
        title = entry.get("prompts_title", "Questions to discuss")
        frame = Frame("prompts", title, [Point(p) for p in block.prompts], block=block,
                      line=getattr(entry, "line", 0), source=SLIDES if entry else AGENDA,
                      notes="Leave these questions on screen while people talk.")
        if entry.get("prompts_figure"):
            frame.figure, frame.alt = self._figure(entry["prompts_figure"], frame)
        return frame

    # ------------------------------------------------------------ notes and timing

    def divider_notes(self, block: Block, index: int) -> str:
        mode = MODE_LABEL.get(block.mode, block.mode).lower()
        parts = [f"{block.start}–{block.end}, {block.minutes} minutes ({mode}). {block.facilitator}".rstrip()]
        if block.say and block.mode == "didactic":
            parts.append(f"Read aloud: {block.say}")
        if block.steps:
            parts.append("Steps: " + "; ".join(f"{step.do} ({_minutes(step.minutes)} min)" for step in block.steps) + ".")
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
        if block.mode in ACTIVITY_MODES:
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
            if frames and not any(f.figure is not None or f.vignette for f in frames) \
                    and self.site.config.applies("slides-no-figure"):
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
            online_words = count_words(frame.online)
            if online_words > budget.max_words:   # a band of its own, for the online group: its own budget
                self.errors.add("slides-too-many-words", SESSION, self.rules.session.online_line if self.rules.session
                                else 1, title=f"{frame.title} (its online group's line)", count=online_words,
                                allowed=budget.max_words)
            shown = " ".join([frame.title, frame.footer, *frame.body()])
            mark = next((m for m in CUT_MARKS if m in shown), None)
            if mark:
                self.errors.add("slides-cut-text", where, line, title=frame.title, mark=mark)


def session_deck(site: Site, budget: Budget) -> SessionDeck:
    return _Planner(site, budget).plan()
