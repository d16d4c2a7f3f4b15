"""Files made for a facilitator from workshop data: into build/, never over what a person wrote.

Each file made here starts with a comment naming its source and a checksum of what follows.
A file is replaced only if it carries that comment and is unchanged since it was written, so
a facilitator who edits the outline in place, or points the output at the input, never loses
work. Outputs are named after their input (post-its.csv gives build/post-its-outline.md), so
that outlines of different sessions, and the sample run by the site build, never collide.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

from workshop.model.config import find_config
from workshop.model.messages import printable
from workshop.outputs import guard
from workshop.outputs.charts import Chart, change_chart, postits_chart
from workshop.outputs.exercise_data import PostIts, Ratings, summary_markdown
from workshop.outputs.outline import outline_markdown

BUILD_DIR = "build"
MARK = re.compile(r"<!-- Written by (?P<tool>.+?) from (?P<source>.+?); checksum (?P<sum>[0-9a-f]{16})\. ")

OutputRefused = guard.OutputRefused   # the output would replace the input, or a file a person wrote or changed


def repository_root(start: Path | None = None) -> Path:
    """The workshop's folder: that of the first mkdocs.yml found from `start` (by default the
    working folder, which is the notebook's own folder when a notebook runs) upwards. Never
    the folder this code is installed in: another clone's environment acts on this clone."""
    return find_config((start or Path.cwd()).absolute()).parent


def shown(path: Path, root: Path | None = None) -> str:
    """A path as short as it can be: relative to the project (or the working folder), else as it is."""
    return guard.shown(path, root)


def default_output(csv_path: Path, kind: str, root: Path | None = None) -> Path:
    """build/<input name>-<kind>.md in the project."""
    return (root or repository_root()) / BUILD_DIR / f"{Path(csv_path).stem}-{kind}.md"


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _marked(body: str, tool: str, source: Path) -> str:
    name = printable(source.name).replace("--", "- -")  # a comment may not hold "--"
    return (f"<!-- Written by {tool} from {name}; checksum {_checksum(body)}. "
            "Edit a copy: running the command again replaces this file while it is unchanged. -->\n"
            + body)


def not_ours(path: Path) -> str | None:
    """Why an existing file is not an unchanged output of these commands (its first line marks
    it, with a checksum of the rest), or None when it is."""
    try:
        from workshop.model.files import read_bytes

        text = read_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return "it exists and was not written by this command"
    first, _, body = text.partition("\n")
    match = MARK.match(first)
    if not match:
        return "it exists and was not written by this command"
    if match.group("sum") != _checksum(body):
        return "it was changed by hand after it was written"
    return None


def refusal(path: Path, inputs: list[Path]) -> str | None:
    """Why path must not be written, or None when it is free or is our own unchanged output."""
    try:
        guard.check(path, command="this command", owner=not_ours, inputs=inputs)
    except guard.OutputRefused as refused:
        return refused.reason
    return None


def write_files(files: dict[Path, str], source: Path, tool: str, inputs: list[Path] | None = None) -> list[Path]:
    """Write every file or none: all are checked (guard.check) before the first is written, and
    again once this run holds the folder's lock (another run may have written them meanwhile).
    inputs: every file the command read (by default the source alone), never written over."""
    def checked() -> list[Path]:   # the first file is the Markdown, the others its charts
        return [guard.check(path, command=tool, suffixes=(".md",) if index == 0 else (".svg",),
                            owner=not_ours, inputs=inputs or [source]) for index, path in enumerate(files)]

    targets = checked()
    folders = sorted({path.parent for path in targets})
    with contextlib.ExitStack() as locks:
        for folder in folders:
            locks.enter_context(guard.exclusive(folder, tool))
        targets = checked()
        for path, body in zip(targets, files.values()):
            guard.write_whole(path, _marked(body, tool, source))
    return targets


def _paths(csv_path: Path, output: Path | None, kind: str, root: Path | None) -> tuple[Path, Path]:
    markdown = Path(output).expanduser() if output else default_output(csv_path, kind, root)
    return markdown, markdown.with_suffix(".svg")


def _svg_file(chart: Chart) -> str:
    """The chart as a file that can carry the leading comment: no XML declaration or doctype."""
    return chart.svg[chart.svg.find("<svg"):]


def write_outline(postits: PostIts, csv_path: Path, output: Path | None = None,
                  chart: Chart | None = None, tool: str = "make outline", root: Path | None = None) -> list[Path]:
    """The draft outline (Markdown) and its chart (SVG, same name) for a facilitator."""
    markdown, svg = _paths(csv_path, output, "outline", root)
    chart = chart or postits_chart(postits)
    return write_files({markdown: outline_markdown(postits), svg: _svg_file(chart)}, Path(csv_path), tool)


def write_evaluation(ratings: Ratings, csv_path: Path, output: Path | None = None,
                     chart: Chart | None = None, tool: str = "make evaluation", root: Path | None = None) -> list[Path]:
    """The summary of change (Markdown, showing the chart) and the chart (SVG, same name)."""
    markdown, svg = _paths(csv_path, output, "evaluation", root)
    chart = chart or change_chart(ratings)
    text = summary_markdown(ratings, chart_file=svg.name, chart_alt=chart.description)
    return write_files({markdown: text, svg: _svg_file(chart)}, Path(csv_path), tool)
