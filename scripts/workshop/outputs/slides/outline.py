"""A page's Markdown as an outline a slide can show: sections of lists, paragraphs, tables, figures.

Slides need the shape of a page, not its HTML: which H2 sections it has, which bullet
lists, tables and figures each holds. This reader knows the Markdown the site uses
(admonitions, md_in_html figures and divs, tables, numbered and nested lists) and never
fails on anything else: what it does not recognise becomes a paragraph of plain text.
Blocks marked `slides-only` are kept, blocks marked `site-only` are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SLIDES_ONLY = "slides-only"
SITE_ONLY = "site-only"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+[^\"]*)?(?:\s*\"(.*)\")?\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$")
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'\b(alt|src)\s*=\s*"([^"]*)"', re.I)
_CAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.S | re.I)
_DIV_TAG = re.compile(r"<div\b[^>]*>|</div\s*>", re.I)
_CLASS = re.compile(r'class\s*=\s*"([^"]*)"', re.I)
_SKIP_LINE = re.compile(r"^(\*\[[^\]]+\]:|\[\^[^\]]+\]:|\[[^\]]+\]:\s+\S+)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class Paragraph:
    text: str
    line: int = 0


@dataclass
class ListItem:
    text: str
    level: int = 0
    ordered: bool = False


@dataclass
class ListBlock:
    items: list[ListItem]
    line: int = 0


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    line: int = 0


@dataclass
class Figure:
    src: str
    alt: str
    caption: str = ""
    line: int = 0


@dataclass
class Admonition:
    kind: str
    title: str
    blocks: list = field(default_factory=list)
    line: int = 0


@dataclass
class Subheading:
    text: str
    level: int
    line: int = 0


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)
    line: int = 0


@dataclass
class Outline:
    title: str
    intro: list = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def section(self, title: str) -> Section | None:
        wanted = title.strip().lower()
        return next((s for s in self.sections if s.title.strip().lower() == wanted), None)


def classes(tag: str) -> set[str]:
    match = _CLASS.search(tag)
    return set(match.group(1).split()) if match else set()


def select(markdown: str, keep: str = SLIDES_ONLY, drop: str = SITE_ONLY) -> str:
    """Markdown with `drop` divs blanked and `keep` divs unwrapped; the line count is kept."""
    out: list[str] = []
    stack: list[str] = []        # for each open div: "drop", "unwrap" or "plain"
    for line in markdown.split("\n"):
        inside_drop = "drop" in stack
        actions = []
        for tag in _DIV_TAG.finditer(line):
            if tag.group(0).startswith("</"):
                actions.append(stack.pop() if stack else "plain")
            else:
                names = classes(tag.group(0))
                stack.append("drop" if drop in names else "unwrap" if keep in names else "plain")
                actions.append(stack[-1])
        if inside_drop or "drop" in actions or "drop" in stack:
            out.append("")
        elif "unwrap" in actions and not _DIV_TAG.sub("", line).strip():
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def parse(markdown: str, title: str = "", first_line: int = 1) -> Outline:
    """The outline of a page body (front matter already removed)."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), select(markdown))
    blocks = _blocks(text.split("\n"), first_line)
    outline = Outline(title=title)
    current: Section | None = None
    for block in blocks:
        if isinstance(block, Subheading) and block.level == 1:
            outline.title = outline.title or block.text
            continue
        if isinstance(block, Subheading) and block.level == 2:
            current = Section(block.text, line=block.line)
            outline.sections.append(current)
            continue
        (current.blocks if current else outline.intro).append(block)
    return outline


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_start(line: str) -> bool:
    stripped = line.strip()
    return bool(_HEADING.match(line) or _ADMONITION.match(line) or _FENCE.match(line)
                or stripped.startswith("|") or stripped.startswith("<") or _ITEM.match(line))


def _blocks(lines: list[str], first_line: int) -> list:
    blocks: list = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i].rstrip()
        stripped = line.strip()
        number = first_line + i
        if not stripped or _SKIP_LINE.match(stripped):
            i += 1
            continue
        if _FENCE.match(line):
            fence = _FENCE.match(line).group(1)[:3]
            i += 1
            while i < n and not lines[i].strip().startswith(fence):
                i += 1
            i += 1
            continue
        heading = _HEADING.match(line) if not line.startswith(" ") else None
        if heading:
            text = re.sub(r"\s*\{[^}]*\}\s*$", "", heading.group(2)).strip()
            blocks.append(Subheading(text, len(heading.group(1)), number))
            i += 1
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            kind = admonition.group(2)
            title = admonition.group(3) if admonition.group(3) is not None else kind.capitalize()
            body, i = [], i + 1
            while i < n and (not lines[i].strip() or _indent(lines[i]) >= 4):
                body.append(lines[i][4:] if lines[i].strip() else "")
                i += 1
            blocks.append(Admonition(kind, title, _blocks(body, number + 1), number))
            continue
        if stripped.startswith("|"):
            rows, i = [], i
            while i < n and lines[i].strip().startswith("|"):
                rows.append(lines[i].strip())
                i += 1
            table = _table(rows, number)
            if table:
                blocks.append(table)
            continue
        if _ITEM.match(line):
            items, i = _list(lines, i)
            blocks.append(ListBlock(items, number))
            continue
        if stripped.lower().startswith("<figure"):
            chunk, i = [], i
            while i < n:
                chunk.append(lines[i])
                i += 1
                if "</figure>" in lines[i - 1].lower():
                    break
            figure = _figure("\n".join(chunk), number)
            if figure:
                blocks.append(figure)
            continue
        # A paragraph (or an HTML block): runs to the next blank line or block start.
        chunk, i = [line], i + 1
        while i < n and lines[i].strip() and not (_is_start(lines[i]) and not lines[i].strip().startswith("<")
                                                  or _HEADING.match(lines[i])):
            chunk.append(lines[i].rstrip())
            i += 1
        paragraph = "\n".join(chunk)
        image = _IMAGE.search(paragraph)
        if image and not _IMAGE.sub("", re.sub(r"\{[^}]*\}", "", paragraph)).strip():
            blocks.append(Figure(image.group(2), image.group(1).strip(), "", number))
            continue
        if stripped.startswith("<"):
            if _HTML_IMAGE.search(paragraph):
                figure = _figure(paragraph, number)
                if figure:
                    blocks.append(figure)
                    continue
            paragraph = re.sub(r"<[^>]+>", " ", paragraph)
        paragraph = _definition(paragraph)
        if paragraph.strip():
            blocks.append(Paragraph(" ".join(paragraph.split()), number))
    return blocks


def _definition(paragraph: str) -> str:
    """'Term' followed by ':   definition' lines (def_list) reads as 'Term: definition'."""
    lines = paragraph.split("\n")
    if len(lines) > 1 and lines[1].startswith(":"):
        return lines[0].rstrip() + ": " + " ".join(l.lstrip(": ").strip() for l in lines[1:])
    return paragraph


def _list(lines: list[str], i: int) -> tuple[list[ListItem], int]:
    items: list[ListItem] = []
    indents: list[int] = []
    n = len(lines)
    while i < n:
        line = lines[i].rstrip()
        match = _ITEM.match(line)
        if match:
            indent = len(match.group(1).replace("\t", "    "))
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1] + 1:
                indents.append(indent)
            items.append(ListItem(match.group(3).strip(), len(indents) - 1, match.group(2)[0].isdigit()))
            i += 1
            continue
        if not line.strip():
            # A blank line ends the list unless an indented continuation or another item follows.
            following = next((l for l in lines[i + 1:] if l.strip()), "")
            if following and (_ITEM.match(following) and _indent(following) >= (indents[0] if indents else 0)
                              or _indent(following) >= 2):
                i += 1
                continue
            break
        if _indent(line) >= 2 or not _is_start(line):
            if _FENCE.match(line):
                fence = _FENCE.match(line).group(1)[:3]
                i += 1
                while i < n and not lines[i].strip().startswith(fence):
                    i += 1
                i += 1
                continue
            if items and not _HEADING.match(line):
                items[-1].text += " " + line.strip()
                i += 1
                continue
        break
    return items, i


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells = re.split(r"(?<!\\)\|", row)
    return [c.strip().replace("\\|", "|") for c in cells]


def _table(rows: list[str], line: int) -> Table | None:
    if len(rows) < 2 or not re.fullmatch(r"[\s|:\-]+", rows[1]):
        return None
    header = _cells(rows[0])
    body = []
    for row in rows[2:]:
        cells = _cells(row)
        cells += [""] * (len(header) - len(cells))
        body.append(cells[: len(header)])
    return Table(header, body, line)


def _figure(chunk: str, line: int) -> Figure | None:
    caption_match = _CAPTION.search(chunk)
    caption = " ".join(re.sub(r"<[^>]+>", " ", caption_match.group(1)).split()) if caption_match else ""
    image = _IMAGE.search(chunk)
    if image:
        return Figure(image.group(2), image.group(1).strip(), caption, line)
    tag = _HTML_IMAGE.search(chunk)
    if tag:
        attrs = {k.lower(): v for k, v in _ATTR.findall(tag.group(0))}
        if attrs.get("src"):
            return Figure(attrs["src"], attrs.get("alt", "").strip(), caption, line)
    return None
