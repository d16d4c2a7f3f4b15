"""How much Markdown markup a page may hold before the site's converter is not trusted with it.

Python-Markdown, which MkDocs uses to turn pages into HTML, takes time that grows with the square
of some markup (ten thousand '[' take minutes) and recurses once per level of nesting (six hundred
nested list items, or five hundred definitions in a row, exceed Python's stack); the checker's
own patterns, too, take time that grows with a page's length times its brackets. A draft build
(make serve, the handouts' build) would hang or stop with a traceback. The page's text is
therefore measured first, in one linear pass, against limits far above any real page (the
largest page of this site has 309 lines, 53 '[' and 49 '<'), and a page over a limit is reported
at its line and never converted: the site shows a notice in its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 200_000         # characters of Markdown in one page (the largest page here has 17,000)
MAX_LINES = 5_000           # lines of Markdown in one page
MAX_BRACKETS = 1_000        # '[' (links, images, citations, footnotes, abbreviations)
MAX_ANGLES = 2_000          # '<' (HTML tags, autolinks)
MAX_SCAN = 2_000_000        # characters read from each '[' or '<' to the ']' or '>' that closes it (a real page: thousands)
MAX_DEPTH = 50              # levels of nesting: lists, quotes, admonitions (4 columns of indent a level)
MAX_HEADINGS = 500
MAX_DEFINITIONS = 200       # lines of definition lists (': definition')
MAX_MARKDOWN_BLOCKS = 100   # HTML blocks whose content is Markdown (<div markdown>)

SIGNATURE = (MAX_CHARS, MAX_LINES, MAX_BRACKETS, MAX_ANGLES, MAX_SCAN, MAX_DEPTH, MAX_HEADINGS, MAX_DEFINITIONS,
             MAX_MARKDOWN_BLOCKS)   # part of the key of a kept parse: a text parsed once was within these
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_DEFINITION = re.compile(r"^[ \t]*:[ \t]")
_MARKDOWN_BLOCK = re.compile(r"<[A-Za-z][\w-]*\b[^<>\n]*\bmarkdown\b", re.I)
_QUOTES = re.compile(r"^(?:[ \t]*>)+")
_HEADING_ANYWHERE = re.compile(_HEADING.pattern, re.M)
_DEFINITION_ANYWHERE = re.compile(_DEFINITION.pattern, re.M)


@dataclass(frozen=True)
class Excess:
    """A limit the text is over: where (a line of the text, from 1) and what, in words."""
    line: int
    reason: str


def _depth(line: str) -> int:
    quotes = _QUOTES.match(line)
    depth = quotes.group(0).count(">") if quotes else 0
    rest = line[quotes.end():] if quotes else line
    columns = 0
    for char in rest:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            break
    return depth + columns // 4


_DEEP = re.compile(r"^[ \t>]{%d,}" % MAX_DEPTH, re.M)   # a line that may be nested too deeply


def _within_at_a_glance(text: str) -> bool:
    """Whether the whole text, counted at once (fenced code included), is within every limit:
    then no line needs to be looked at. Real pages always are."""
    return (len(text) <= MAX_CHARS and text.count("\n") < MAX_LINES and text.count("[") <= MAX_BRACKETS and text.count("<") <= MAX_ANGLES
            and len(_HEADING_ANYWHERE.findall(text)) <= MAX_HEADINGS
            and len(_DEFINITION_ANYWHERE.findall(text)) <= MAX_DEFINITIONS
            and len(_MARKDOWN_BLOCK.findall(text)) <= MAX_MARKDOWN_BLOCKS and not _DEEP.search(text))


_BRACKET = re.compile(r"[\[\]<>]")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


def scanned(text: str) -> tuple[int, int]:
    """How many characters a converter reads to close each '[' (at its ']') and each '<' (at the
    next '>'), a paragraph at a time; an unclosed one is read to the paragraph's end. Returns the
    total and the offset where it passed MAX_SCAN (or -1). Linear: only the brackets are visited."""
    total, start = 0, 0
    for end in [m.start() for m in _PARAGRAPH_END.finditer(text)] + [len(text)]:
        squares: list[int] = []
        angles, angle_sum = 0, 0
        for match in _BRACKET.finditer(text, start, end):
            char, at = match.group(), match.start()
            if char == "[":
                squares.append(at)
            elif char == "]" and squares:
                total += at - squares.pop()
            elif char == "<":
                angles, angle_sum = angles + 1, angle_sum + at
            elif char == ">" and angles:
                total += angles * at - angle_sum
                angles, angle_sum = 0, 0
            if total > MAX_SCAN:
                return total, at
        total += len(squares) * end - sum(squares) + angles * end - angle_sum
        if total > MAX_SCAN:
            return total, (squares or [start])[0]
        start = end
    return total, -1


def excess(text: str) -> Excess | None:
    """The first limit the Markdown text is over, or None when it is within all of them."""
    if _within_at_a_glance(text) and scanned(text)[1] < 0:
        return None
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        return Excess(MAX_LINES + 1, f"the page has {len(lines):,} lines; a page may have at most {MAX_LINES:,}")
    counts = {"[": 0, "<": 0, "heading": 0, "definition": 0, "markdown": 0}
    limits = {"[": (MAX_BRACKETS, "'[' characters (links, images, citations)"),
              "<": (MAX_ANGLES, "'<' characters (HTML tags)"),
              "heading": (MAX_HEADINGS, "headings"),
              "definition": (MAX_DEFINITIONS, "definition-list lines"),
              "markdown": (MAX_MARKDOWN_BLOCKS, "HTML blocks holding Markdown")}
    fence = ""
    for number, line in enumerate(lines, 1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        depth = _depth(line)
        if depth > MAX_DEPTH and line.strip():
            return Excess(number, f"this line is nested {depth} levels deep (lists, quotes or indented "
                                  f"blocks); Markdown may be nested at most {MAX_DEPTH} levels")
        counts["["] += line.count("[")
        counts["<"] += line.count("<")
        counts["heading"] += bool(_HEADING.match(line))
        counts["definition"] += bool(_DEFINITION.match(line))
        counts["markdown"] += len(_MARKDOWN_BLOCK.findall(line))
        for name, (limit, what) in limits.items():
            if counts[name] > limit:
                return Excess(number, f"the page has more than {limit:,} {what} by this line")
    if len(text) > MAX_CHARS:
        return Excess(1, f"the page has {len(text):,} characters of Markdown; a page may have at most {MAX_CHARS:,}")
    total, at = scanned(text)
    if at >= 0:
        return Excess(text.count("\n", 0, at) + 1,
                      f"an unclosed '[' or '<' by this line makes the Markdown converter read more than "
                      f"{MAX_SCAN:,} characters again (each one is read to the end of its paragraph)")
    return None


def notice(reason: str) -> str:
    """What the site shows in place of a page that is over a limit (Markdown, reason escaped)."""
    from workshop.model.messages import printable
    from workshop.model.text import markdown_text

    return ('!!! failure "This page cannot be shown"\n\n'
            f"    {markdown_text(printable(reason))}. Run `make check` to see where, and split the page.\n")
