"""GitHub workflow commands: a problem printed so that GitHub shows it on the line it names.

A line `::error file=docs/x.md,line=4,title=...::message` in a job's log becomes an annotation on
that line of the pull request's changed files. GitHub reads the line as a command, so every value
that came from a page, a file name or a message is escaped as GitHub's own toolkit does: in the
message `%`, CR and LF; in a property also `:` and `,`, which would otherwise end the property or
start the message. A newline in the message stays a newline on GitHub (%0A), so a hint can
follow on a line of its own. Nothing a trainer wrote can start a second command.
"""

from __future__ import annotations

KINDS = ("error", "warning", "notice")


def escape_data(value: object) -> str:
    """The message of a workflow command: `%`, CR and LF escaped."""
    return str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: object) -> str:
    """A property value (file, title): the message's escapes, and `:` and `,` as well."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(kind: str, path: str | None, line: int | None, title: str | None, message: str) -> str:
    """One annotation: `::error file=PATH,line=N,title=TITLE::MESSAGE`, every value escaped.

    A missing path, line or title is left out (GitHub then shows the annotation on the run, not on
    a line). kind is error, warning or notice.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    properties = []
    if path:
        properties.append(f"file={escape_property(path)}")
        if line is not None and int(line) >= 1:
            properties.append(f"line={int(line)}")
    if title:
        properties.append(f"title={escape_property(title)}")
    head = f"::{kind}" + (" " + ",".join(properties) if properties else "")
    return f"{head}::{escape_data(message)}"
