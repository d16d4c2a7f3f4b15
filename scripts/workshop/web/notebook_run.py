"""Runs the site's notebooks for the build, in a process of their own, with IPython's shell.

The build needs what a notebook shows (printed text, tables, charts), not a Jupyter kernel:
starting one costs over a second a notebook, more than the notebooks' own work. IPython's
InteractiveShell runs each cell as Jupyter would (last expression displayed, display(),
magics, _render_traceback_), in one process for all notebooks, each in its own folder and
namespace. Outputs are recorded in nbformat's output shapes, in the order they appear.

Run as `python -m workshop.web.notebook_run RESULT.json NOTEBOOK...`; the build starts it in
the background and reads RESULT.json when it reaches a notebook's page.
"""

from __future__ import annotations

import io
import json
import os
import sys
import traceback
from pathlib import Path

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell

_OUTPUTS: list[dict] = []   # the outputs of the cell being run


def _stream(name: str, text: str) -> None:
    if not text:
        return
    if _OUTPUTS and _OUTPUTS[-1].get("output_type") == "stream" and _OUTPUTS[-1]["name"] == name:
        _OUTPUTS[-1]["text"] += text
    else:
        _OUTPUTS.append({"output_type": "stream", "name": name, "text": text})


class _Stream(io.TextIOBase):
    def __init__(self, name: str):
        self.name = name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        _stream(self.name, str(text))
        return len(text)


class _Publisher(DisplayPublisher):
    """display(...) calls, kept as display_data outputs."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **_):
        _OUTPUTS.append({"output_type": "display_data", "data": dict(data), "metadata": dict(metadata or {})})

    def clear_output(self, wait=False):
        _OUTPUTS.clear()


class _Result(DisplayHook):
    """The value of a cell's last expression, kept as an execute_result output."""

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        _OUTPUTS.append({"output_type": "execute_result", "data": dict(format_dict),
                         "metadata": dict(md_dict or {})})


def _error_line(error: BaseException) -> int | None:
    """The line of the cell where the error arose: the frame IPython's run_code called."""
    if isinstance(error, SyntaxError):
        return error.lineno
    frames = traceback.extract_tb(error.__traceback__)
    for index, frame in enumerate(frames[:-1]):
        if frame.filename.endswith("interactiveshell.py") and frame.name == "run_code":
            return frames[index + 1].lineno
    return None


def run(path: Path) -> dict:
    """Run one notebook's code cells in order, stopping at the first that fails.

    Returns {"outputs": {cell index: [outputs]}, "error": None or {cell, line, ename, evalue, lines}}.
    """
    notebook = json.loads(path.read_text(encoding="utf-8"))
    shell = InteractiveShell.instance(displayhook_class=_Result, display_pub_class=_Publisher)
    shell.reset(new_session=True)
    shell.showtraceback = lambda *a, **k: None   # errors are reported from the result, once
    results: dict[str, list] = {}
    error = None
    here = os.getcwd()
    os.chdir(path.parent)
    stdout, stderr = sys.stdout, sys.stderr
    try:
        for index, cell in enumerate(notebook.get("cells", [])):
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            _OUTPUTS.clear()
            sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
            try:
                outcome = shell.run_cell(source, store_history=True, silent=False)
            finally:
                sys.stdout, sys.stderr = stdout, stderr
            failure = outcome.error_before_exec or outcome.error_in_exec
            if failure is not None:
                render = getattr(failure, "_render_traceback_", None)
                lines = render() if callable(render) else [f"{type(failure).__name__}: {failure}"]
                error = {"cell": index, "line": _error_line(failure), "ename": type(failure).__name__,
                         "evalue": str(failure), "lines": [str(line) for line in lines]}
                _OUTPUTS.append({"output_type": "error", "ename": error["ename"], "evalue": error["evalue"],
                                 "traceback": error["lines"]})
            results[str(index)] = list(_OUTPUTS)
            if failure is not None:
                break
    finally:
        os.chdir(here)
    return {"outputs": results, "error": error}


def main(argv: list[str]) -> int:
    result_file, *notebooks = argv
    results = {}
    for name in notebooks:
        try:
            results[name] = run(Path(name))
        except Exception as error:   # an unreadable notebook is the checker's to report; the page says it did not run
            results[name] = {"outputs": {}, "error": {"cell": None, "line": None, "ename": type(error).__name__,
                                                      "evalue": str(error), "lines": [f"{type(error).__name__}: {error}"]}}
    Path(result_file).write_text(json.dumps(results, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
