"""Values a trainer wrote, made safe to print in a message, and GitHub's workflow commands.

A message is one line a person (or CI) reads as `path:line: message`. A value inside it, a file
name or a front-matter string, may hold a line break, an escape sequence that recolours or
clears the terminal, a right-to-left override that makes the line read differently, or a byte
that is not UTF-8 (a file name from another system). printable() writes each such character as
an escape (\\n, \\x1b, \\u202e, \\xff), so a value can never start a new line of output, forge a
CI annotation or hide what follows it. Everything else, accents and other scripts included, is
left as it is.
"""

from __future__ import annotations

import re

# Characters that move, hide or reorder text: the C0 and C1 controls, DEL, line and paragraph
# separators, bidirectional embeddings, overrides and isolates, and the marks that steer them.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:   # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object) -> str:
    """str(value) with every character that could break or disguise a line of output escaped."""
    text = value if isinstance(value, str) else str(value)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


# ---------------------------------------------------------------- GitHub Actions

WORKFLOW_KINDS = ("error", "warning", "notice")


def escape_data(value: object) -> str:
    """A workflow command's message: %, CR and LF are encoded as GitHub reads them there (%25,
    %0D, %0A: a line break shows as one in the annotation, never starts a command); any other
    control character is escaped by printable()."""
    return printable(str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: object) -> str:
    """A workflow command's property value: also ',' (ends a property) and ':' (ends the list)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(kind: str, path: str | None, line: int | None, title: str | None, message: str) -> str:
    """One GitHub Actions annotation line: ::error file=PATH,line=N,title=TITLE::MESSAGE.

    Values are escaped as GitHub's workflow-command syntax requires (%25, %0D, %0A, and %3A,
    %2C in properties), and other control characters by printable(): a line break, an escape
    sequence or a comma in a file name or a front-matter value can never end the annotation
    or start another command. A missing path, line or title is left out (GitHub then shows the
    annotation on the run, not on a line); kind is error, warning or notice.
    """
    if kind not in WORKFLOW_KINDS:
        raise ValueError(f"unknown annotation kind {kind!r}; use one of {', '.join(WORKFLOW_KINDS)}")
    properties = []
    if path:
        properties.append(f"file={escape_property(path)}")
        if line is not None and int(line) >= 1:
            properties.append(f"line={int(line)}")
    if title:
        properties.append(f"title={escape_property(title)}")
    head = f"::{kind}" + (" " + ",".join(properties) if properties else "")
    return f"{head}::{escape_data(message)}"
