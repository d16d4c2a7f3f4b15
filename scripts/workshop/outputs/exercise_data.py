"""The data a workshop produces: post-its from the group exercise and the self-assessment.

Facilitators type both into a spreadsheet and save it as CSV. This module reads those files,
reports every fault by file, row and column (rows numbered as a spreadsheet numbers them,
the header being row 1), and turns good data into what a facilitator hands on the same day:
counts, an outline of steps and a summary of change, as tables and Markdown. The notebooks
and scripts/exercise_data.py both call it, so the page and the command line always agree.
"""

from __future__ import annotations

import csv
import difflib
import html
import re
import statistics
from collections import Counter
from urllib.parse import quote
from dataclasses import dataclass, field
from pathlib import Path

from workshop.model.config import Objective, WorkshopConfig, find_config, load_config
from workshop.model.problems import Problem, Problems
from workshop.model.text import markdown_text, read_text
from workshop.outputs.data_text import count as _count, join as _join, natural as _natural, number, table_html  # noqa: F401
from workshop.outputs.taking_part import answers_markdown

POSTIT_COLUMNS = ("group", "stage", "text")
KINDS = ("step", "tension")      # the optional kind column: a practical step, or a tension the group recorded
MAX_CELL = 2_000  # a post-it or a participant code; more is a pasting accident
MAX_BYTES = 5_000_000   # a whole CSV file: a day's post-its are a few tens of kilobytes
MAX_ROWS = 10_000       # post-its or participants in one file
MAX_GROUPS = 50         # groups in one post-its file: a chart of more cannot be read (a room has 1 to 10)
SCALE = (1, 5)
SCALE_WORDS = {1: "not at all confident", 2: "slightly confident", 3: "moderately confident",
               4: "confident", 5: "very confident"}
WHEN = ("before", "after")
ROWLESS = {"file-unreadable", "file-too-large", "data-file-empty", "data-no-rows"}
CSV_RULES = {"file-empty": "data-file-empty", "file-encoding": "data-encoding"}


# ---------------------------------------------------------------- configuration

def workshop_config() -> WorkshopConfig:
    """The workshop's mkdocs.yml: the stages and objectives come from there, never from here.
    It is the first found from the working folder upwards (a notebook runs in its own folder,
    inside the project); a front end passes the configuration it was given instead."""
    return load_config(find_config(Path.cwd().absolute()))


def stages(config: WorkshopConfig) -> list[str]:
    return list(config.vocabulary.get("stages") or [])


# ---------------------------------------------------------------- problems

class DataError(Exception):
    """The file cannot be used; carries every problem found, each naming its row and column.

    In a notebook, IPython shows _render_traceback_ instead of a traceback, so a facilitator
    sees the list of problems and nothing else.
    """

    def __init__(self, problems: Problems | list[Problem]) -> None:
        # Row by row, as the file reads; within a row, by column name.
        items = problems.sorted() if isinstance(problems, Problems) else list(problems)
        self.problems = sorted(items, key=lambda p: (p.path, p.line, p.message))
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [describe_problem(p) for p in self.problems]

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
        body = [f"{describe_problem(p)}\n  hint: {p.hint}" for p in self.problems]
        return "\n".join([head, *body])

    def _render_traceback_(self) -> list[str]:
        return self.report().splitlines()


def describe_problem(problem: Problem) -> str:
    """'post-its.csv, row 7, column 'stage': ...': where to look first, then what is wrong."""
    if problem.code in ROWLESS:
        return f"{problem.path}: {problem.message}"
    separator = ", " if problem.message.startswith("column '") else ": "
    return f"{problem.path}, row {problem.line}{separator}{problem.message}"


def display_name(path: Path) -> str:
    """The path as a facilitator would type it (relative to the working folder when inside it),
    printable: a byte that is not UTF-8 or a line break in the name is written as an escape."""
    from workshop.model.messages import printable

    try:
        return printable(path.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except (ValueError, OSError, RuntimeError):
        return printable(str(path))


# ---------------------------------------------------------------- reading CSV

@dataclass
class Table:
    name: str                                   # the file, as messages name it
    columns: dict[str, str]                     # normalised name -> name as written
    rows: list[tuple[int, dict[str, str]]]      # (spreadsheet row, cells by normalised name)
    header_row: int = 1                         # the row that names the columns


def _normalise(name: str) -> str:
    return " ".join(name.strip().lower().split()).replace(" ", "_")


def read_table(path: Path, required: list[str], row_is: str, problems: Problems) -> Table | None:
    """Read a CSV file whose first row names its columns; None when nothing can be read.

    Lines starting with '#' above the header are comments (the sample files carry one).
    Semicolons are accepted in place of commas, as some spreadsheets save them. Blank rows
    are skipped. Every fault is added to problems, not raised.
    """
    name = display_name(path)
    text = read_text(path, name, problems, bom_ok=True, rules=CSV_RULES, limit=MAX_BYTES)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and (lines[skipped].lstrip().startswith("#") or not lines[skipped].strip()):
        skipped += 1
    if skipped == len(lines):
        problems.add("data-file-empty", name, 1)
        return None
    if "\x00" in text:
        problems.add("data-nul", name, text.count("\n", 0, text.index("\x00")) + 1)
        return None
    header_line = lines[skipped]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(lines[skipped:], delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if len(records) > MAX_ROWS + 1:
                problems.add("data-csv", name, skipped + len(records),
                             reason=f"the file has more than {MAX_ROWS:,} rows; split it, one file a session")
                return None
    except csv.Error as error:
        # strict: an unclosed quote would otherwise swallow every later row without a word
        reason = str(error)
        if "unexpected end of data" in reason or "EOF" in reason:
            reason = "a quote (\") opened in this row is never closed, so the rows after it would be lost"
        elif "field larger" in reason:
            reason = f"a cell is longer than {csv.field_size_limit():,} characters"
        problems.add("data-csv", name, skipped + len(records) + 1, reason=reason)
        return None
    longest = max((len(cell) for record in records for cell in record), default=0)
    if longest > MAX_CELL:
        row = next(skipped + n + 1 for n, record in enumerate(records) if any(len(c) > MAX_CELL for c in record))
        problems.add("data-csv", name, row, reason=f"a cell holds {longest:,} characters; "
                                                   f"a cell may hold at most {MAX_CELL:,}")
        return None
    header = records[0]
    columns: dict[str, str] = {}
    header_row = skipped + 1
    for cell in header:
        key = _normalise(cell)
        if not key:
            continue
        if key in columns:
            problems.add("data-column-repeated", name, header_row, column=cell.strip())
        columns.setdefault(key, cell.strip())
    missing = [column for column in required if _normalise(column) not in columns]
    unknown = [columns[k] for k in columns if k not in {_normalise(c) for c in required}]
    for column in missing:
        close = difflib.get_close_matches(column, unknown, n=1, cutoff=0.6)
        problems.add("data-column-missing", name, header_row, column=column,
                     found=f" (the header has '{close[0]}': is that it?)" if close else "",
                     expected=", ".join(required))
    if missing:
        return None
    keys = [_normalise(cell) for cell in header]
    rows: list[tuple[int, dict[str, str]]] = []
    row_number = header_row
    for record in records[1:]:
        row_number += 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(keys) and any(cell.strip() for cell in record[len(keys):]):
            problems.add("data-cells", name, row_number, found=len(record), expected=len(keys))
            continue
        cells = {key: " ".join(value.split()) for key, value in zip(keys, record) if key}
        rows.append((row_number, cells))
    if not rows and not problems:
        problems.add("data-no-rows", name, header_row, row_is=row_is)
    return Table(name, columns, rows, header_row)


# ---------------------------------------------------------------- post-its

@dataclass(frozen=True)
class PostIt:
    row: int
    group: str
    stage: str
    text: str
    scenario: str = ""     # the optional scenario column: the card the group worked on
    kind: str = "step"     # the optional kind column (or the colour of the note): step or tension


@dataclass
class PostIts:
    """Validated post-its and the stages they are sorted into, in the vocabulary's order."""
    source: str
    stages: list[str]
    notes: list[PostIt]
    # What the command needs to say when colours and tensions may not match: the notes' colours
    # with their counts, the colours named as tensions, and whether any row wrote its kind.
    colours: dict[str, int] = field(default_factory=dict)
    tension_colours: tuple[str, ...] = ()
    kinds_written: bool = False

    def colour_note(self) -> str:
        """A sentence when the tensions were most likely read as steps: notes of several colours
        and none named as tensions, or a named colour that no note has. Empty otherwise."""
        if not self.colours or self.kinds_written:
            return ""
        found = ", ".join(f"{colour} {number}" for colour, number in self.colours.items())
        if not self.tension_colours and len(self.colours) > 1:
            return (f"the post-its are of {len(self.colours)} colours ({found}) and no colour was named as tensions, "
                    "so every note was read as a step. If the groups wrote tensions on one colour, run again with "
                    "--tension-colour COLOUR (make outline TENSION_COLOUR=COLOUR).")
        if self.tension_colours and not set(self.tension_colours) & set(self.colours):
            named = ", ".join(self.tension_colours)
            return (f"no post-it is of the colour named as tensions ({named}); the notes' colours are {found}, "
                    "so every note was read as a step.")
        return ""

    @property
    def groups(self) -> list[str]:
        return sorted({n.group for n in self.notes}, key=_natural)

    def by_stage(self) -> dict[str, list[PostIt]]:
        grouped: dict[str, list[PostIt]] = {stage: [] for stage in self.stages}
        for note in sorted(self.notes, key=lambda n: (_natural(n.group), n.row)):
            grouped[note.stage].append(note)
        return grouped

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of post-its at each stage (outer key) from each group (inner key)."""
        table = {stage: {group: 0 for group in self.groups} for stage in self.stages}
        for note in self.notes:
            table[note.stage][note.group] += 1
        return table

    def counts_html(self) -> str:
        groups, counts = self.groups, self.counts()
        head = "".join(f'<th scope="col">{html.escape(first_upper(group_name(g)))}</th>' for g in groups)
        body = ""
        for stage in self.stages:
            cells = "".join(f"<td>{counts[stage][g]}</td>" for g in groups)
            body += (f'<tr><th scope="row">{html.escape(stage_label(stage))}</th>{cells}'
                     f"<td>{sum(counts[stage].values())}</td></tr>")
        totals = "".join(f"<td>{sum(counts[s][g] for s in self.stages)}</td>" for g in groups)
        body += f'<tr><th scope="row">All stages</th>{totals}<td>{len(self.notes)}</td></tr>'
        caption = (f"Post-it notes at each stage of research, by group ({len(self.notes)} notes "
                   f"from {len(groups)} groups)")
        return table_html(caption, f'<th scope="col">Stage</th>{head}<th scope="col">Total</th>', body)

    def _repr_html_(self) -> str:
        return self.counts_html()


def first_upper(text: str) -> str:
    """Capitalise the first letter only: a group's name keeps its own case."""
    return text[:1].upper() + text[1:]


def group_name(label: str) -> str:
    return label if label.lower().startswith("group") else f"group {label}"


def stage_label(stage: str) -> str:
    return stage.replace("-", " ").capitalize()


def read_postits(path: Path, config: WorkshopConfig | None = None,
                 tension_colours: tuple[str, ...] | list[str] = ()) -> PostIts:
    """Read and check the post-it CSV (group, stage, text); raise DataError listing every fault.

    Optional columns: scenario (the group's scenario card) and kind (step or tension). Groups
    often write tensions on notes of another colour: with tension_colours, a row whose colour
    column holds one of them is a tension unless its kind cell says otherwise.
    """
    config = config or workshop_config()
    known = stages(config)
    colours = {c.strip().casefold() for c in tension_colours if c.strip()}
    problems = Problems()
    table = read_table(Path(path), list(POSTIT_COLUMNS), "post-it note", problems)
    notes: list[PostIt] = []
    if table is not None and colours and "colour" not in table.columns:
        close = difflib.get_close_matches("colour", list(table.columns.values()), n=1, cutoff=0.6)
        problems.add("data-column-missing", table.name, table.header_row, column="colour",
                     found=f" (the header has '{close[0]}': is that it?)" if close else "",
                     expected=", ".join([*POSTIT_COLUMNS, "colour"]))
    if table is not None:
        for row, cells in table.rows:
            values = {column: cells.get(column, "") for column in POSTIT_COLUMNS}
            fault = False
            for column in POSTIT_COLUMNS:
                if not values[column]:
                    problems.add("data-value-missing", table.name, row, column=column, row_is="post-it note")
                    fault = True
            stage = values["stage"].lower()
            if stage and stage not in known:
                close = difflib.get_close_matches(stage, known, n=1, cutoff=0.6)
                problems.add("data-stage-unknown", table.name, row, value=values["stage"],
                             suggestion=f" (did you mean '{close[0]}'?)" if close else "",
                             known=", ".join(known))
                fault = True
            kind = _kind(cells, colours, table.name, row, problems)
            if kind is None:
                fault = True
            if not fault:
                notes.append(PostIt(row, values["group"], stage, values["text"], cells.get("scenario", ""), kind))
    groups = sorted({note.group for note in notes}, key=_natural)
    if len(groups) > MAX_GROUPS:
        first = next(note.row for note in sorted(notes, key=lambda n: n.row) if note.group == groups[MAX_GROUPS])
        problems.add("data-csv", table.name, first,
                     reason=f"the post-its come from {len(groups):,} groups; an outline and its chart can show at most "
                            f"{MAX_GROUPS} (check the group column, or split the file by session)")
    if problems:
        raise DataError(problems)
    counted = Counter(cells.get("colour", "").strip().casefold() for _, cells in table.rows
                      if cells.get("colour", "").strip())
    return PostIts(table.name, known, notes, dict(counted.most_common()), tuple(sorted(colours)),
                   any(cells.get("kind", "").strip() for _, cells in table.rows))


def _kind(cells: dict[str, str], colours: set[str], name: str, row: int, problems: Problems) -> str | None:
    """step or tension: the kind cell when filled, else the note's colour, else step."""
    written = cells.get("kind", "").strip()
    if written:
        kind = written.casefold().rstrip("s") if written.casefold() in ("steps", "tensions") else written.casefold()
        if kind in KINDS:
            return kind
        close = difflib.get_close_matches(kind, KINDS, n=1, cutoff=0.5)
        problems.add("data-kind-unknown", name, row, value=written,
                     suggestion=f" (did you mean '{close[0]}'?)" if close else "")
        return None
    return "tension" if colours and cells.get("colour", "").strip().casefold() in colours else "step"


# ---------------------------------------------------------------- self-assessment

@dataclass(frozen=True)
class Participant:
    row: int
    code: str
    ratings: dict[tuple[str, str], int | None]   # (objective id, "before"/"after") -> rating
    answers: dict[str, int | None] = field(default_factory=dict)   # question id -> 1 to 5, or None


@dataclass(frozen=True)
class Change:
    objective: Objective
    n: int
    median_before: float | None
    median_after: float | None
    median_change: float | None
    improved: int
    same: int
    declined: int
    missing: int


@dataclass
class Ratings:
    """Validated self-assessment ratings: one participant a row, before and after."""
    source: str
    objectives: list[Objective]
    participants: list[Participant] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)    # extra.evaluation.questions found in the file
    min_answers: int = 5

    def summary(self) -> list[Change]:
        """Change per objective over the participants who gave both ratings."""
        result = []
        for objective in self.objectives:
            pairs = [(p.ratings[(objective.id, "before")], p.ratings[(objective.id, "after")])
                     for p in self.participants]
            complete = [(b, a) for b, a in pairs if b is not None and a is not None]
            changes = [a - b for b, a in complete]
            result.append(Change(
                objective=objective,
                n=len(complete),
                median_before=statistics.median(b for b, _ in complete) if complete else None,
                median_after=statistics.median(a for _, a in complete) if complete else None,
                median_change=statistics.median(changes) if changes else None,
                improved=sum(c > 0 for c in changes),
                same=sum(c == 0 for c in changes),
                declined=sum(c < 0 for c in changes),
                missing=len(pairs) - len(complete),
            ))
        return result

    def summary_rows(self) -> list[list[str]]:
        rows = []
        for change in self.summary():
            rows.append([f"{change.objective.id} {change.objective.short}", str(change.n),
                         number(change.median_before), number(change.median_after),
                         number(change.median_change, signed=True),
                         str(change.improved), str(change.same), str(change.declined)])
        return rows

    def summary_html(self) -> str:
        head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in SUMMARY_HEADERS)
        body = "".join("<tr>" + f'<th scope="row">{html.escape(row[0])}</th>'
                       + "".join(f"<td>{html.escape(cell)}</td>" for cell in row[1:]) + "</tr>"
                       for row in self.summary_rows())
        caption = (f"Confidence before and after the session, by learning objective "
                   f"({_count(len(self.participants), 'participant')}; ratings from "
                   f"{SCALE[0]} = {SCALE_WORDS[SCALE[0]]} to {SCALE[1]} = {SCALE_WORDS[SCALE[1]]})")
        return table_html(caption, head, body)

    def _repr_html_(self) -> str:
        return self.summary_html()


SUMMARY_HEADERS = ("Objective", "n", "Median before", "Median after", "Median change",
                   "Improved", "Same", "Declined")


def rating_columns(objectives: list[Objective]) -> list[str]:
    return [f"{o.id}_{when}" for o in objectives for when in WHEN]


def _whole(cell: str) -> int:
    """A rating such as '4', '+4' or '4.0' as a whole number; a huge one stays huge, never infinite."""
    digits = cell.lstrip("+-").split(".")[0]
    value = int(digits[:12]) if len(digits) <= 12 else 10 ** 12
    return -value if cell.startswith("-") else value


def read_ratings(path: Path, config: WorkshopConfig | None = None) -> Ratings:
    """Read and check the self-assessment CSV; raise DataError listing every fault.

    An empty rating cell means the participant did not answer: it is not an error, and that
    participant is left out of that objective's comparison.
    """
    config = config or workshop_config()
    objectives = list(config.objectives)
    problems = Problems()
    columns = ["participant", *rating_columns(objectives)]
    table = read_table(Path(path), columns, "participant", problems)
    ratings = Ratings(table.name if table else display_name(Path(path)), objectives,
                      min_answers=int(config.evaluation.get("min_answers") or 5))
    if table is not None:
        ratings.questions = [q for q in config.evaluation.get("questions") or []
                             if _normalise(str(q["id"])) in table.columns]
        seen: dict[str, int] = {}
        low, high = SCALE
        for row, cells in table.rows:
            code = cells.get("participant", "")
            fault = False
            if not code:
                problems.add("data-value-missing", table.name, row, column="participant", row_is="participant")
                fault = True
            elif code.casefold() in seen:
                problems.add("data-participant-repeated", table.name, row, value=code, first=seen[code.casefold()])
                fault = True
            else:
                seen[code.casefold()] = row
            values: dict[tuple[str, str], int | None] = {}
            for objective in objectives:
                for when in WHEN:
                    column = f"{objective.id}_{when}"
                    cell = cells.get(_normalise(column), "")
                    shown = table.columns.get(_normalise(column), column)
                    values[(objective.id, when)] = None
                    if not cell:
                        continue
                    if not re.fullmatch(r"[+-]?\d+(\.0+)?", cell):
                        problems.add("data-rating-invalid", table.name, row, column=shown, value=cell,
                                     low=low, high=high)
                        fault = True
                    elif not low <= _whole(cell) <= high:
                        shown_value = cell if len(cell) <= 12 else f"{cell[:8]}… ({len(cell)} characters)"
                        problems.add("data-rating-range", table.name, row, column=shown,
                                     value=shown_value, low=low, high=high)
                        fault = True
                    else:
                        values[(objective.id, when)] = _whole(cell)
            answers: dict[str, int | None] = {}
            for question in ratings.questions:
                column = _normalise(str(question["id"]))
                cell, shown = cells.get(column, ""), table.columns[column]
                answers[question["id"]] = None
                if not cell:
                    continue
                if not re.fullmatch(r"[+-]?\d+(\.0+)?", cell) or not low <= _whole(cell) <= high:
                    problems.add("data-answer-invalid", table.name, row, column=shown,
                                 value=cell if len(cell) <= 12 else f"{cell[:8]}… ({len(cell)} characters)",
                                 low=low, high=high)
                    fault = True
                else:
                    answers[question["id"]] = _whole(cell)
            if not fault:
                ratings.participants.append(Participant(row, code, values, answers))
    if problems:
        raise DataError(problems)
    return ratings


def summary_markdown(ratings: Ratings, chart_file: str | None = None, chart_alt: str = "",
                     title: str = "Workshop evaluation: confidence before and after") -> str:
    """The summary a facilitator pastes into the workshop report, with its limits stated."""
    low, high = SCALE
    lines = [f"# {title}", "",
             f"*Self-assessment by {_count(len(ratings.participants), 'participant')} "
             f"({markdown_text(Path(ratings.source).name)}) at the start and end of the session, on a scale from "
             f"{low} ({SCALE_WORDS[low]}) to {high} ({SCALE_WORDS[high]}). n counts the "
             "participants who rated an objective both times.*", "",
             "| " + " | ".join(SUMMARY_HEADERS) + " |",
             "|---|" + "---:|" * (len(SUMMARY_HEADERS) - 1)]
    lines += ["| " + " | ".join(markdown_text(cell) for cell in row) + " |" for row in ratings.summary_rows()]
    lines.append("")
    if chart_file:
        alt = markdown_text(chart_alt.replace("[", "(").replace("]", ")"))
        lines += [f"![{alt}]({quote(chart_file)})", ""]
    if ratings.questions:
        lines += answers_markdown(ratings)
    lines += [
        "**What these figures can and cannot show.** They describe how confident this group "
        "said it felt, before and after one session. They are not a measure of what people can "
        "do, and with so few people no test of significance or margin of error would mean much, "
        "so none is given. A lower rating after the session can be a sign of learning: people "
        "often find out how much there is to know. With no comparison group, nothing here shows "
        "that the workshop caused a change. Read the counts as prompts for the debrief and for "
        "planning the next session.", ""]
    return "\n".join(lines)
