"""From post-its and worksheets to one outline of steps, sent back to participants as a draft.

The group exercise promises an outline of the key practical steps in co-designing a proposal.
Each group leaves a flip chart of post-its and a worksheet (Handout 4); this module pulls them
together: tensions are kept apart from steps, steps that say the same thing in different words
are merged (similarity.py), the worksheets add each group's order, the people who take part and
what each step needs, and the steps that groups on different scenarios both wrote come first, as
the generic outline. Every original wording is kept, in a numbered note, so nothing a group
wrote is lost in the merging.

The result is written as a draft for participants to comment on, with its date, a date to reply
by and a credit line for those who agree to be named: the outline itself is co-produced.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field

from workshop.model.text import markdown_text
from workshop.outputs import similarity
from workshop.outputs.data_text import count as _count, join as _join, natural as _natural
from workshop.outputs.exercise_data import PostIts, stage_label
from workshop.outputs.worksheet_data import Worksheets, WorksheetRow

REPLY_DAYS = 14     # two weeks to comment, unless the facilitator sets a date


@dataclass(frozen=True)
class Wording:
    """One note as a group wrote it: on a post-it, or as a step on its worksheet."""
    text: str
    group: str
    scenario: str
    source: str     # "post-it" or "worksheet"
    row: int
    stage: str = ""
    order: int | None = None


@dataclass
class Step:
    """One step of the outline: every wording merged into it, and what the worksheets add."""
    wordings: list[Wording]
    stage: str = ""
    text: str = ""                  # the wording shown: the one most like the others
    stage_inferred: bool = False    # a worksheet step on no post-it, placed by its group's order
    who: list[tuple[str, str]] = field(default_factory=list)     # (group, who takes part)
    needs: list[tuple[str, str]] = field(default_factory=list)   # (group, what it needs)
    key_for: list[str] = field(default_factory=list)             # groups that starred it
    orders: list[tuple[str, int]] = field(default_factory=list)  # (group, its place on the worksheet)
    number: int = 0

    @property
    def groups(self) -> list[str]:
        return sorted(dict.fromkeys(w.group for w in self.wordings), key=_natural)

    @property
    def scenarios(self) -> list[str]:
        return sorted(dict.fromkeys(w.scenario for w in self.wordings if w.scenario), key=_natural)

    @property
    def first_row(self) -> int:
        return min(w.row for w in self.wordings)

    def place(self, longest: dict[str, int]) -> float:
        """Where the groups put it in their order, from 0 (first) to 1 (last); 1 when unordered."""
        places = [(order - 1) / max(longest.get(group, 1) - 1, 1) for group, order in self.orders]
        return statistics.mean(places) if places else 1.0


@dataclass
class Outline:
    source: str
    stages: list[str]
    steps: list[Step]
    tensions: list[Step]
    compromises: list[WorksheetRow]
    by_scenario: bool               # the post-its name their scenario: sharing is across scenarios
    notes: int                      # post-its that are steps
    postit_steps: int               # the steps those post-its make once near-duplicates are merged
    tension_notes: int
    worksheet_rows: int
    groups: list[str]
    scenarios: list[str]
    threshold: float

    def shared(self, step: Step) -> bool:
        return len(step.scenarios if self.by_scenario else step.groups) >= 2

    @property
    def shared_steps(self) -> list[Step]:
        return [s for s in self.steps if self.shared(s)]

    @property
    def single_steps(self) -> list[Step]:
        return [s for s in self.steps if not self.shared(s)]


def synthesise(postits: PostIts, worksheets: Worksheets | None = None,
               threshold: float = similarity.DEFAULT_THRESHOLD) -> Outline:
    """Merge the post-its (and the worksheets' steps) into the steps of one outline."""
    notes = [n for n in sorted(postits.notes, key=lambda n: n.row) if n.kind == "step"]
    tension_notes = [n for n in sorted(postits.notes, key=lambda n: n.row) if n.kind == "tension"]
    wordings = [Wording(n.text, n.group, n.scenario, "post-it", n.row, n.stage) for n in notes]
    sheet_rows = sorted(worksheets.steps, key=lambda r: r.row) if worksheets else []
    sheets = [Wording(r.step, r.group, r.scenario, "worksheet", r.row, r.stage, r.order) for r in sheet_rows]
    texts = [w.text for w in wordings] + [w.text for w in sheets]
    comparer = similarity.Comparer(texts)
    groups = similarity.clusters(texts, threshold, comparer, indexes=range(len(wordings)))
    steps = [Step([wordings[i] for i in members]) for members in groups]
    members_of = [list(members) for members in groups]
    postit_steps = len(steps)

    for offset, (sheet, row) in enumerate(zip(sheets, sheet_rows)):
        index = len(wordings) + offset
        own = [n for n, step in enumerate(steps) if sheet.group in step.groups]
        number, score = similarity.best_cluster(index, [members_of[n] for n in own], comparer)
        number = own[number] if number is not None else None
        if number is None or score < threshold:
            number, score = similarity.best_cluster(index, members_of, comparer)
        if number is None or score < threshold:
            steps.append(Step([]))
            members_of.append([])
            number = len(steps) - 1
        step = steps[number]
        if (sheet.group, _same(sheet.text)) not in {(w.group, _same(w.text)) for w in step.wordings}:
            step.wordings.append(sheet)      # a wording of its own; a copy of the group's post-it is not
            members_of[number].append(index)
        step.orders.append((sheet.group, sheet.order))
        if row.who:
            step.who.append((row.group, row.who))
        if row.needs:
            step.needs.append((row.group, row.needs))
        if row.key and row.group not in step.key_for:
            step.key_for.append(row.group)

    order = {stage: n for n, stage in enumerate(postits.stages)}
    for number, step in enumerate(steps):
        step.text = texts[similarity.representative(members_of[number], comparer)]
        step.stage = _stage(step, steps, postits.stages)
        step.stage_inferred = not any(w.source == "post-it" or w.stage for w in step.wordings)
    longest = Counter()
    for sheet in sheets:
        longest[sheet.group] = max(longest[sheet.group], sheet.order or 1)
    scenarios = sorted({n.scenario for n in postits.notes if n.scenario}, key=_natural)
    outline = Outline(postits.source, postits.stages, [], [], list(worksheets.compromises) if worksheets else [],
                      bool(scenarios), len(notes), postit_steps, len(tension_notes), len(sheet_rows),
                      sorted({n.group for n in postits.notes} | {r.group for r in sheet_rows}, key=_natural),
                      scenarios, threshold)
    steps.sort(key=lambda s: (order.get(s.stage, len(order)), not outline.shared(s),
                              -len(s.scenarios if outline.by_scenario else s.groups), s.place(longest), s.first_row))
    outline.steps = steps
    outline.tensions = _tensions(tension_notes, threshold)
    numbered = outline.shared_steps + sorted(outline.single_steps, key=lambda s: (_natural(_home(s, outline)), order.get(s.stage, 0), s.place(longest), s.first_row))
    for number, step in enumerate(numbered, 1):
        step.number = number
    return outline


def _same(text: str) -> str:
    return " ".join(similarity.words(text))


def _stage(step: Step, steps: list[Step], stages: list[str]) -> str:
    """The stage most of its post-its were placed in (the earlier on a tie); for a worksheet step
    on no post-it, its own stage column, else the stage of the step before it in its group's order."""
    placed = [w.stage for w in step.wordings if w.stage]
    if placed:
        counts = Counter(placed)
        return min(counts, key=lambda s: (-counts[s], stages.index(s) if s in stages else len(stages)))
    group, place = step.orders[0] if step.orders else ("", 0)
    before = [(order, other.stage) for other in steps if other is not step and other.stage
              for g, order in other.orders if g == group and order < place]
    return max(before)[1] if before else stages[0]


def _tensions(notes, threshold: float) -> list[Step]:
    wordings = [Wording(n.text, n.group, n.scenario, "post-it", n.row, n.stage) for n in notes]
    if not wordings:
        return []
    comparer = similarity.Comparer([w.text for w in wordings])
    tensions = []
    for members in similarity.clusters([w.text for w in wordings], threshold, comparer):
        step = Step([wordings[i] for i in members])
        step.text = wordings[similarity.representative(members, comparer)].text
        step.stage = step.wordings[0].stage
        tensions.append(step)
    return tensions


def _home(step: Step, outline: Outline) -> str:
    """Where a step written for one scenario (or by one group) is listed."""
    return (step.scenarios[0] if step.scenarios else "") if outline.by_scenario else step.groups[0]


# ---------------------------------------------------------------- the draft

@dataclass(frozen=True)
class DraftSettings:
    """What the facilitator adds to the draft: dates, where to reply, who agreed to be named."""
    date: datetime.date
    reply_by: datetime.date
    reply_to: str = ""
    credits: tuple[str, ...] = ()
    event: str = ""         # the workshop, as participants know it

    @classmethod
    def on(cls, date: datetime.date | None = None, reply_by: datetime.date | None = None, **rest) -> "DraftSettings":
        date = date or datetime.date.today()
        return cls(date, reply_by or date + datetime.timedelta(days=REPLY_DAYS), **rest)


def long_date(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def draft_markdown(outline: Outline, settings: DraftSettings) -> str:
    """The draft a facilitator sends to participants: shared steps first, then each scenario's,
    then the tensions and compromises, how to comment, the credits and the notes."""
    md = markdown_text
    event = f" at {md(settings.event)}" if settings.event else ""
    reply_to = md(settings.reply_to) if settings.reply_to else "the person who sent you this draft"
    added = len(outline.steps) - outline.postit_steps
    cards = (f" on {_count(len(outline.scenarios), 'scenario card')}" if outline.scenarios else "")
    lines = [
        "# Draft for your comments", "",
        f"**Key practical steps in co-designing an applied health research proposal**, "
        f"drawn together from the group exercise{event}.", "",
        f"- **Date of this draft:** {long_date(settings.date)}",
        f"- **Please reply by:** {long_date(settings.reply_by)}",
        f"- **Reply to:** {reply_to}", "",
        "## What this draft is", "",
        f"In the workshop, {_count(len(outline.groups), 'group')} each planned, for a fictional "
        f"proposal{cards}, how a research team and its partners could co-design it. This draft "
        f"brings their work together. Steps that say the same thing in different words are merged: "
        f"the {_count(outline.notes, 'post-it')} of steps make {outline.postit_steps} steps. Where a "
        "step was merged from several notes, every wording is kept in the notes at the end."
        + (f" The groups' worksheets add who takes part, what each step needs and the order the "
           f"groups chose ({_count(outline.worksheet_rows, 'worksheet step')}"
           + (f", {_count(added, 'step')} of them on no post-it" if added else "") + ")." if outline.worksheet_rows else ""), "",
        ("The steps that groups working on different scenarios both wrote come first: they are the "
         "outline that any proposal is likely to need." if outline.by_scenario else
         "The steps that more than one group wrote come first: they are the outline that any "
         "proposal is likely to need."), "",
    ]
    lines += [f"## 1. The shared outline: steps {'several scenarios' if outline.by_scenario else 'several groups'} wrote", ""]
    shared = outline.shared_steps
    if shared:
        lines += _by_stage(outline, shared, "###")
    else:
        lines += [f"*No step was written for more than one {'scenario' if outline.by_scenario else 'group'}.*", ""]
    single = outline.single_steps
    lines += [f"## 2. Steps {'one scenario' if outline.by_scenario else 'one group'} wrote", ""]
    if not single:
        lines += ["*Every step was written by more than one group.*", ""]
    elif outline.by_scenario:
        for scenario in sorted(dict.fromkeys(_home(s, outline) for s in single), key=_natural):
            mine = [s for s in single if _home(s, outline) == scenario]
            lines += [f"### Scenario {md(scenario)}" if scenario else "### Post-its with no scenario", ""]
            lines += _by_stage(outline, mine, "####")
    else:
        lines += _by_stage(outline, single, "###")
    lines += _tension_lines(outline)
    lines += [
        "## How to comment", "",
        f"Tell us by {long_date(settings.reply_by)}, in any way that suits you: a few words by "
        "email, a call, or notes on a printed copy. Three questions may help:", "",
        "- Which step is missing, wrong, or in the wrong place?",
        "- Who else should take part in a step, and what would they need?",
        "- Would you like to be named as one of the people who made this outline?", "",
        "## Credits", "",
    ]
    if settings.credits:
        lines += [f"This outline was made by the participants of the workshop{event}. With thanks to "
                  f"those who agreed to be named: {md(_join(list(settings.credits)))}.", ""]
    else:
        lines += [f"This outline was made by the participants of the workshop{event}. Nobody is named "
                  f"without their agreement: if you would like your name here in the final version, "
                  f"say so by {long_date(settings.reply_by)}.", ""]
    lines += _notes(outline)
    return "\n".join(lines).rstrip() + "\n"


def _who_wrote(step: Step, outline: Outline) -> str:
    groups = step.groups
    text = f"group {groups[0]}" if len(groups) == 1 else f"groups {_join(groups)}"
    if outline.by_scenario and len(step.scenarios) > 1:
        text += f"; scenarios {_join(step.scenarios)}"
    return markdown_text(text)


def _step_line(step: Step, outline: Outline) -> list[str]:
    md = markdown_text
    line = f"- **Step {step.number}.** {md(step.text)} *({_who_wrote(step, outline)})*"
    extra = []
    if step.who:
        extra.append("**Who takes part:** " + "; ".join(f"{md(text)} (group {md(g)})" for g, text in step.who) + ".")
    if step.needs:
        extra.append("**What it needs:** " + "; ".join(f"{md(text)} (group {md(g)})" for g, text in step.needs) + ".")
    if step.key_for:
        extra.append(f"A key step for group{'s' if len(step.key_for) > 1 else ''} {md(_join(sorted(step.key_for, key=_natural)))}.")
    if step.stage_inferred:
        extra.append("Placed here by its place in the group's order.")
    if len(step.wordings) > 1:
        extra.append(f"Merged from {len(step.wordings)} notes: see note {step.number}.")
    # Two spaces end the line with a break: what the worksheets add starts a line of its own.
    return [line + "  " if extra else line] + ([f"  {' '.join(extra)}"] if extra else [])


def _by_stage(outline: Outline, steps: list[Step], level: str) -> list[str]:
    lines: list[str] = []
    for stage in outline.stages:
        mine = sorted((s for s in steps if s.stage == stage), key=lambda s: s.number)
        if not mine:
            continue
        lines += [f"{level} {markdown_text(stage_label(stage))}", ""]
        for step in mine:
            lines += _step_line(step, outline)
        lines.append("")
    return lines


def _tension_lines(outline: Outline) -> list[str]:
    md = markdown_text
    lines = ["## 3. The tensions and compromises the room named", ""]
    if outline.tensions:
        lines += ["Tensions the groups wrote on their flip charts:", ""]
        for tension in outline.tensions:
            also = [w.text for w in tension.wordings if w.text != tension.text]
            lines.append(f"- {md(tension.text)} *({_who_wrote(tension, outline)})*"
                         + (" Also written as: " + "; ".join(f"“{md(t)}”" for t in also) + "." if also else ""))
        lines.append("")
    if outline.compromises:
        lines += ["The compromise each group chose to make:", ""]
        for row in sorted(outline.compromises, key=lambda r: _natural(r.group)):
            scenario = f", scenario {md(row.scenario)}" if row.scenario else ""
            cost = f" Who bears the cost: {md(row.who)}." if row.who else ""
            stop = "" if row.step.rstrip()[-1:] in ".!?" else "."
            lines.append(f"- **Group {md(row.group)}{scenario}:** {md(row.step)}{stop}{cost}")
        lines.append("")
    if not outline.tensions and not outline.compromises:
        lines += ["*No tension or compromise was recorded in the data.*", ""]
    return lines


def _notes(outline: Outline) -> list[str]:
    merged = sorted((s for s in outline.steps if len(s.wordings) > 1), key=lambda s: s.number)
    if not merged:
        return []
    md = markdown_text
    lines = ["## Notes: every wording, as written", ""]
    for step in merged:
        parts = []
        for w in step.wordings:
            where = f"group {w.group}" + (f", scenario {w.scenario}" if w.scenario else "")
            where += f", worksheet step {w.order}" if w.source == "worksheet" else ", post-it"
            parts.append(f"“{md(w.text)}” ({md(where)})")
        lines.append(f"- **Note {step.number}.** " + "; ".join(parts))
    lines.append("")
    return lines


def outline_markdown(postits: PostIts, settings: DraftSettings | None = None) -> str:
    """The draft from the post-its alone, dated today unless settings say otherwise (with the
    worksheets as well, call synthesise and draft_markdown)."""
    return draft_markdown(synthesise(postits), settings or DraftSettings.on())
