"""Files made for a facilitator from workshop data: into build/, never over what a person wrote.

Each file made here starts with a comment naming its source and a checksum of what follows.
A file is replaced only if it carries that comment and is unchanged since it was written, so
a facilitator who edits the outline in place, or points the output at the input, never loses
work. Outputs are named after their input (post-its.csv gives build/post-its-outline.md), so
that outlines of different sessions, and the sample run by the site build, never collide.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from workshop.outputs.charts import Chart, change_chart, postits_chart
from workshop.model.config import find_config
from workshop.outputs.exercise_data import PostIts, Ratings, summary_markdown
from workshop.outputs.outline import outline_markdown
from workshop.model.problems import Problems

BUILD_DIR = "build"
MARK = re.compile(r"<!-- Written by (?P<tool>.+?) from (?P<source>.+?); checksum (?P<sum>[0-9a-f]{16})\. ")


class OutputRefused(Exception):
    """The output would replace the input, or a file a person wrote or changed."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems.sorted()
        super().__init__("\n".join(f"{p.path}: {p.message}\n  hint: {p.hint}" for p in self.problems))

    def _render_traceback_(self) -> list[str]:
        return str(self).splitlines()


def repository_root() -> Path:
    return find_config(Path(__file__).resolve().parent).parent


def shown(path: Path) -> str:
    """A path as short as it can be: relative to the repository, else as it is."""
    try:
        return path.resolve().relative_to(repository_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def default_output(csv_path: Path, kind: str) -> Path:
    """build/<input name>-<kind>.md in the repository."""
    return repository_root() / BUILD_DIR / f"{Path(csv_path).stem}-{kind}.md"


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _marked(body: str, tool: str, source: Path) -> str:
    name = source.name.replace("--", "- -")  # a comment may not hold "--"
    return (f"<!-- Written by {tool} from {name}; checksum {_checksum(body)}. "
            "Edit a copy: running the command again replaces this file while it is unchanged. -->\n"
            + body)


def refusal(path: Path, inputs: list[Path]) -> str | None:
    """Why path must not be written, or None when it is free or is our own unchanged output."""
    if any(path.resolve() == source.resolve() for source in inputs):
        return "it is the input file"
    if not path.exists():
        return None
    if not path.is_file():
        return "it exists and is not a file"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "it exists and was not written by this command"
    first, _, body = text.partition("\n")
    match = MARK.match(first)
    if not match:
        return "it exists and was not written by this command"
    if match.group("sum") != _checksum(body):
        return "it was changed by hand after it was written"
    return None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary file, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_files(files: dict[Path, str], source: Path, tool: str) -> list[Path]:
    """Write every file or none: all are checked before the first is written."""
    problems = Problems()
    for path in files:
        reason = refusal(path, [source])
        if not reason and path.suffix.lower() not in (".md", ".svg"):
            reason = "it must be a Markdown file, ending in .md"
        if reason:
            problems.add("output-protected", shown(path), 1, reason=reason)
    if problems:
        raise OutputRefused(problems)
    for path, body in files.items():
        _write(path, _marked(body, tool, source))
    return list(files)


def _paths(csv_path: Path, output: Path | None, kind: str) -> tuple[Path, Path]:
    markdown = Path(output).expanduser() if output else default_output(csv_path, kind)
    return markdown, markdown.with_suffix(".svg")


def _svg_file(chart: Chart) -> str:
    """The chart as a file that can carry the leading comment: no XML declaration or doctype."""
    return chart.svg[chart.svg.find("<svg"):]


def write_outline(postits: PostIts, csv_path: Path, output: Path | None = None,
                  chart: Chart | None = None, tool: str = "make outline") -> list[Path]:
    """The draft outline (Markdown) and its chart (SVG, same name) for a facilitator."""
    markdown, svg = _paths(csv_path, output, "outline")
    chart = chart or postits_chart(postits)
    return write_files({markdown: outline_markdown(postits), svg: _svg_file(chart)}, Path(csv_path), tool)


def write_evaluation(ratings: Ratings, csv_path: Path, output: Path | None = None,
                     chart: Chart | None = None, tool: str = "make evaluation") -> list[Path]:
    """The summary of change (Markdown, showing the chart) and the chart (SVG, same name)."""
    markdown, svg = _paths(csv_path, output, "evaluation")
    chart = chart or change_chart(ratings)
    text = summary_markdown(ratings, chart_file=svg.name, chart_alt=chart.description)
    return write_files({markdown: text, svg: _svg_file(chart)}, Path(csv_path), tool)
