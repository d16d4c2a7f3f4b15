"""The outline draft's files: Markdown, its chart (SVG) and, when printed, a PDF, side by side.

The Markdown and the chart go through the output guard of writing.py, which never replaces the
input or a file a person wrote or changed. A PDF cannot carry that guard's leading comment, so
the Markdown vouches for it instead: it ends with a comment naming the PDF and its SHA-256, and
an existing PDF is replaced only when the Markdown beside it is this command's own, unchanged,
and names that PDF with that hash. Everything is checked before anything is written.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from workshop.model.problems import Problems
from workshop.outputs import writing
from workshop.outputs.charts import Chart

PRINTED = re.compile(r"<!-- Printed as (?P<name>.+?); sha256 (?P<sum>[0-9a-f]{64})\. -->\s*\Z")


def paths(csv_path: Path, output: Path | None = None) -> tuple[Path, Path, Path]:
    """The Markdown, the chart and the PDF: build/<name of the CSV>-outline.md unless told."""
    markdown = Path(output).expanduser() if output else writing.default_output(csv_path, "outline")
    return markdown, markdown.with_suffix(".svg"), markdown.with_suffix(".pdf")


def pdf_refusal(pdf: Path, markdown: Path, inputs: list[Path]) -> str | None:
    """Why the PDF must not be written, or None when it is free or is this command's own."""
    if any(pdf.resolve() == source.resolve() for source in inputs):
        return "it is an input file"
    if not pdf.exists() and not pdf.is_symlink():
        return None
    if pdf.is_symlink() or not pdf.is_file():
        return "it exists and is not a file"
    try:
        text = markdown.read_text(encoding="utf-8") if markdown.is_file() else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    found = PRINTED.search(text)
    if writing.refusal(markdown, inputs) is not None or not found or found.group("name") != pdf.name:
        return "it exists and was not written by this command"
    if hashlib.sha256(pdf.read_bytes()).hexdigest() != found.group("sum"):
        return "it was changed after it was written"
    return None


def check(csv_path: Path, output: Path | None = None, inputs: list[Path] | tuple[Path, ...] = (),
          pdf: bool = True) -> None:
    """Raise OutputRefused, before any work is done (the PDF takes a browser to print), when a
    file the draft would write is an input or a file a person wrote or changed."""
    markdown, svg, pdf_path = paths(csv_path, output)
    every_input = [Path(csv_path), *map(Path, inputs)]
    problems = Problems()
    for path in (markdown, svg):
        reason = writing.refusal(path, every_input)
        if reason == "it is the input file" and path.resolve() != Path(csv_path).resolve():
            reason = "it is an input file"
        if reason:
            problems.add("output-protected", writing.shown(path), 1, reason=reason)
    reason = pdf_refusal(pdf_path, markdown, every_input) if pdf else None
    if reason:
        problems.add("output-protected", writing.shown(pdf_path), 1, reason=reason)
    if problems:
        raise writing.OutputRefused(problems)


def write_draft(body: str, chart: Chart, csv_path: Path, output: Path | None = None,
                pdf: bytes | None = None, inputs: list[Path] | tuple[Path, ...] = (),
                tool: str = "make outline") -> list[Path]:
    """Write the draft (and its PDF, when given) or nothing; return the files written."""
    markdown, svg, pdf_path = paths(csv_path, output)
    every_input = [Path(csv_path), *map(Path, inputs)]
    files = {markdown: body, svg: chart.svg[chart.svg.find("<svg"):]}
    if pdf is not None:
        reason = pdf_refusal(pdf_path, markdown, every_input)
        if reason:
            problems = Problems()
            problems.add("output-protected", writing.shown(pdf_path), 1, reason=reason)
            raise writing.OutputRefused(problems)
        files[markdown] = body + f"\n<!-- Printed as {pdf_path.name}; sha256 {hashlib.sha256(pdf).hexdigest()}. -->\n"
    for path in files:
        if any(path.resolve() == source.resolve() for source in every_input[1:]):
            problems = Problems()
            problems.add("output-protected", writing.shown(path), 1, reason="it is an input file")
            raise writing.OutputRefused(problems)
    written = writing.write_files(files, Path(csv_path), tool)
    if pdf is not None:
        _write_bytes(pdf_path, pdf)
        written.append(pdf_path)
    return written


def _write_bytes(path: Path, data: bytes) -> None:
    """Through a temporary file beside it and a rename: never half a PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
