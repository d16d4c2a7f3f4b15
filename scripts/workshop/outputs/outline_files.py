"""The outline draft's files: Markdown, its chart (SVG) and, when printed, a PDF, side by side.

The Markdown, the chart and the PDF go through the output guard (outputs/guard.py), which never
replaces the input or a file a person wrote or changed. A PDF cannot carry that guard's leading comment, so
the Markdown vouches for it instead: it ends with a comment naming the PDF and its SHA-256, and
an existing PDF is replaced only when the Markdown beside it is this command's own, unchanged,
and names that PDF with that hash. Everything is checked before anything is written.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from workshop.model.messages import printable
from workshop.outputs import guard, writing
from workshop.outputs.charts import Chart

PRINTED = re.compile(r"<!-- Printed as (?P<name>.+?); sha256 (?P<sum>[0-9a-f]{64})\. -->\s*\Z")


def paths(csv_path: Path, output: Path | None = None, root: Path | None = None) -> tuple[Path, Path, Path]:
    """The Markdown, the chart and the PDF: build/<name of the CSV>-outline.md unless told."""
    markdown = Path(output).expanduser() if output else writing.default_output(csv_path, "outline", root)
    return markdown, markdown.with_suffix(".svg"), markdown.with_suffix(".pdf")


def pdf_owner(markdown: Path):
    """For the output guard: why an existing PDF is not this command's own unchanged output (the
    Markdown beside it, itself this command's own, names it with its hash), or None when it is."""
    def owner(pdf: Path) -> str | None:
        try:
            text = markdown.read_text(encoding="utf-8") if markdown.is_file() else ""
        except (OSError, UnicodeDecodeError):
            text = ""
        found = PRINTED.search(text)
        if writing.not_ours(markdown) is not None or not found or found.group("name") != printable(pdf.name):
            return "it exists and was not written by this command"
        if hashlib.sha256(pdf.read_bytes()).hexdigest() != found.group("sum"):
            return "it was changed after it was written"
        return None
    return owner


def check(csv_path: Path, output: Path | None = None, inputs: list[Path] | tuple[Path, ...] = (),
          pdf: bool = True, root: Path | None = None, tool: str = "make outline") -> None:
    """Raise OutputRefused, before any work is done (the PDF takes a browser to print), when a
    file the draft would write is an input, a file a person wrote or changed, or a place the
    output guard refuses."""
    markdown, svg, pdf_path = paths(csv_path, output, root)
    every_input = [Path(csv_path), *map(Path, inputs)]
    guard.check(markdown, command=tool, suffixes=(".md",), owner=writing.not_ours, inputs=every_input)
    guard.check(svg, command=tool, suffixes=(".svg",), owner=writing.not_ours, inputs=every_input)
    if pdf:
        guard.check(pdf_path, command=tool, suffixes=(".pdf",), owner=pdf_owner(markdown), inputs=every_input)


def write_draft(body: str, chart: Chart, csv_path: Path, output: Path | None = None,
                pdf: bytes | None = None, inputs: list[Path] | tuple[Path, ...] = (),
                tool: str = "make outline", root: Path | None = None) -> list[Path]:
    """Write the draft (and its PDF, when given) or nothing; return the files written. Every file is
    checked before the first is written; the Markdown then vouches for the PDF with its hash."""
    check(csv_path, output, inputs, pdf=pdf is not None, root=root, tool=tool)
    markdown, svg, pdf_path = paths(csv_path, output, root)
    every_input = [Path(csv_path), *map(Path, inputs)]
    if pdf is not None:
        body += f"\n<!-- Printed as {printable(pdf_path.name)}; sha256 {hashlib.sha256(pdf).hexdigest()}. -->\n"
    written = writing.write_files({markdown: body, svg: chart.svg[chart.svg.find("<svg"):]}, Path(csv_path), tool,
                                  inputs=every_input)
    if pdf is not None:
        with guard.exclusive(pdf_path.parent, tool):
            guard.write_whole(pdf_path, pdf)
        written.append(pdf_path.absolute())
    return written
