"""A page's Markdown as an outline a slide can show: sections of lists, paragraphs, tables, figures.

Slides need the shape of a page, not its HTML: which H2 sections it has, which bullet
lists, tables and figures each holds. The outline is read from the tokens of the project's
one Markdown parser (workshop.model.document.parser), so a fenced block of either style, an
indented code block, a comment or a link definition is treated here as in every other check.
Line numbers come from the parser's source map.

- Headings: H1 gives the title when none is set, H2 starts a section, deeper ones are subheadings.
- Lists (bullet, numbered, nested) keep each item's level; a table or figure inside an item
  follows the list items before it, so that nothing is lost or read out of order.
- Tables keep their header and rows; deflists read as 'Term: definition'.
- Admonitions (`!!! note "Title"`) and collapsible details (`???`, `???+`, which the parser's
  admonition plugin reads too) keep their kind, title and blocks; without a quoted title the
  title is the kind, capitalised, as on the site.
- Figures: an image alone in its paragraph, or an md_in_html `<figure>` with a Markdown image
  or an `<img>`, its alt text and its `<figcaption>`.
- HTML blocks are read with html.parser: text inside an element marked `markdown` (md_in_html)
  is read by the same parser as Markdown; other text becomes a paragraph of plain text; text in
  `<pre>`, `<script>`, `<style>` and `<textarea>` is code and never becomes slide text.
- `<div class="site-only" markdown>` blocks are dropped, with or without blank lines inside
  them; `<div class="slides-only" markdown>` blocks (hidden on the site by its CSS) are read
  like any other. Only these divs mark a block: an example of one inside code marks nothing.
- Code of any kind, HTML comments, footnote definitions, link reference definitions and
  abbreviation definitions (`*[X]: ...`, which the site's abbr extension removes wherever they
  stand and the parser has no rule for) never become text. A marker comment at the start of a
  line, for which the build writes words, does not cut its paragraph in two.
- Anything else never fails: what the reader does not recognise becomes plain text.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser

from workshop.model.document import parser, tokens

SITE_ONLY = "site-only"

_HEADING_ATTRS = re.compile(r"\s*\{\s*[:#.][^}\n]*\}\s*$")   # attr_list after a heading: { #id .class }
_DEFINITION = re.compile(   # an abbreviation, or a link definition the site removes even inside a paragraph
    r"^[ ]{0,3}(?:\*\[[^\]\n]+\]:.*|\[[^\]\n^][^\]\n]*\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*)$", re.M)
_SPACE = re.compile(r"[ \t\r\n]+")                 # no-break spaces are the author's, and stay
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_RAW = {"pre", "script", "style", "textarea"}   # HTML whose text is code or markup, never prose
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIPPED = {"fence", "code_block", "hr", "footnote_block_open", "admonition_title_open"}
_MAX_DEPTH = 4                                  # md_in_html inside md_in_html: deeper is plain text


@dataclass
class Paragraph:
    text: str
    line: int = 0


@dataclass
class ListItem:
    text: str
    level: int = 0
    ordered: bool = False
    line: int = 0


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


def parse(markdown: str, title: str = "", first_line: int = 1) -> Outline:
    """The outline of a page body (front matter already removed); first_line is the body's line in its file."""
    outline = Outline(title=title)
    current: Section | None = None
    for block in _Reader(first_line).read(markdown):
        if isinstance(block, Subheading) and block.level == 1:
            outline.title = outline.title or block.text
            continue
        if isinstance(block, Subheading) and block.level == 2:
            current = Section(block.text, line=block.line)
            outline.sections.append(current)
            continue
        (current.blocks if current else outline.intro).append(block)
    return outline


def select(markdown: str) -> str:
    """Markdown with the lines of site-only blocks blanked, as the slides read it; the line count is kept."""
    reader = _Reader(0)
    reader.read(markdown)
    lines = markdown.split("\n")
    for start, end in reader.dropped:
        for number in range(start, min(end, len(lines) - 1) + 1):
            lines[number] = ""
    return "\n".join(lines)


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _text(inline) -> str:
    """An inline token's Markdown on one line, without its HTML tags and comments (their words
    stay) and without the definition lines the site removes."""
    text, cursor = inline.content, 0
    for child in inline.children or []:
        if child.type == "html_inline":
            found = text.find(child.content, cursor)
            if found >= 0:   # a tag parts words, a comment (a marker of generated words) leaves nothing
                gap = "" if child.content.startswith("<!--") else " "
                text, cursor = text[:found] + gap + text[found + len(child.content):], found + len(gap)
    return _squash(_DEFINITION.sub("", text))


def _close(tokens: list, index: int) -> int:
    """The index of the token that closes tokens[index] (itself when it opens nothing)."""
    if tokens[index].nesting != 1:
        return index
    depth = 0
    for end in range(index, len(tokens)):
        depth += tokens[end].nesting
        if depth == 0:
            return end
    return len(tokens) - 1


class _Reader:
    """Blocks from tokens, in order, with the site-only blocks left out."""

    def __init__(self, first_line: int, depth: int = 0) -> None:
        self.first_line = first_line
        self.depth = depth
        self.divs: list[tuple[bool, bool]] = []          # open <div>s across HTML blocks: (drops, markdown)
        self.dropped: list[tuple[int, int]] = []         # (first, last) line of each site-only block
        self._drop_from = 0

    @property
    def dropping(self) -> bool:
        return any(drops for drops, _ in self.divs)

    def read(self, markdown: str) -> list:
        blocks = self.blocks(tokens(markdown), 0, None)
        if self.dropping:   # a site-only block never closed runs to the end of the text
            self.dropped.append((self._drop_from, self.first_line + markdown.count("\n")))
        return blocks

    def open_div(self, drops: bool, markdown: bool, line: int) -> None:
        if drops and not self.dropping:
            self._drop_from = line
        self.divs.append((drops, markdown))

    def close_div(self, line: int) -> None:
        if self.divs:
            was = self.dropping
            self.divs.pop()
            if was and not self.dropping:
                self.dropped.append((self._drop_from, line))

    def blocks(self, tokens: list, start: int, end: int | None) -> list:
        """The blocks of the sibling tokens tokens[start:end].

        A comment at the start of a line ends a paragraph for the parser, but on the site the
        build puts generated words in place of its markers (<!-- workshop:... -->): the lines
        before it, its own and those right after it are read as one paragraph.
        """
        out: list = []
        index, end = start, len(tokens) if end is None else end
        continues, across = None, False   # the line where out[-1], a paragraph, may go on; after a comment?
        while index < end:
            token = tokens[index]
            close = _close(tokens, index)
            kept = not self.dropping
            line = self.first_line + (token.map[0] if token.map else 0)
            kind = token.type
            joins = bool(token.map) and continues == token.map[0] and bool(out) and isinstance(out[-1], Paragraph)
            after_comment, continues, across = across, None, False
            if kind in _SKIPPED:
                pass
            elif kind == "html_block":
                blocks = self.html(token.content, line)
                comment = token.content.startswith("<!--") and all(isinstance(b, Paragraph) for b in blocks)
                if comment and joins:
                    out[-1].text = _squash(" ".join([out[-1].text, *(b.text for b in blocks)]))
                else:
                    out += blocks
                if comment and (joins or blocks):
                    continues, across = token.map[1], True
            elif kind == "heading_open":
                text = _HEADING_ATTRS.sub("", _text(tokens[index + 1])).strip()
                out += [Subheading(text, int(token.tag[1:]), line)] if kept else []
            elif kind == "paragraph_open":
                block = self.paragraph(tokens[index + 1], line)
                if kept and isinstance(block, Paragraph) and joins and after_comment:
                    out[-1].text = f"{out[-1].text} {block.text}"
                elif kept and block:
                    out.append(block)
                if kept and isinstance(block, Paragraph):
                    continues = token.map[1]
            elif kind in ("bullet_list_open", "ordered_list_open"):
                blocks = self.list(tokens, index, close)
                out += blocks if kept else []
            elif kind == "table_open":
                out += [self.table(tokens[index:close], line)] if kept else []
            elif kind == "admonition_open":
                blocks = self.blocks(tokens, index + 1, close)
                title = token.content if '"' in token.info else str(token.meta.get("tag", "")).capitalize()
                out += [Admonition(str(token.meta.get("tag", "")), title, blocks, line)] if kept else []
            elif kind == "dl_open":
                blocks = self.definitions(tokens, index + 1, close)
                out += blocks if kept else []
            elif token.nesting == 1:     # a blockquote or any other container: its blocks
                out += self.blocks(tokens, index + 1, close)
            elif token.nesting == 0 and token.content.strip() and kept:
                out.append(Paragraph(_squash(token.content), line))
            index = close + 1
        return out

    def paragraph(self, inline, line: int) -> Paragraph | Figure | None:
        children = inline.children or []
        images = [c for c in children if c.type == "image"]
        others = [c for c in children if c.type not in ("image", "softbreak", "hardbreak")
                  and not (c.type == "text" and not c.content.strip())]
        if len(images) == 1 and not others:
            return Figure(str(images[0].attrs.get("src", "")), images[0].content.strip(), "", line)
        text = _text(inline)
        return Paragraph(text, line) if text else None

    def list(self, tokens: list, start: int, close: int) -> list:
        """A list as one ListBlock, items of nested lists one level deeper; other blocks inside
        an item follow the items before them, and the list goes on after them. A paragraph of an
        item after its nested list stays in its place, one level deeper."""
        ordered = tokens[start].type == "ordered_list_open"
        stream: list = []                                 # ListItems and the blocks between them
        index = start + 1
        while index < close:
            end = _close(tokens, index)
            if tokens[index].type == "list_item_open":
                kept = not self.dropping
                item = ListItem("", 0, ordered, self.first_line + (tokens[index].map or [0])[0])
                inner: list = []
                for block in self.blocks(tokens, index + 1, end):
                    if isinstance(block, Paragraph) and not inner:
                        item.text = f"{item.text} {block.text}".strip()
                    elif isinstance(block, Paragraph):   # the item goes on after its nested list: in order
                        inner.append(ListItem(block.text, 1, False, block.line))
                    elif isinstance(block, ListBlock):
                        inner += [ListItem(i.text, i.level + 1, i.ordered, i.line) for i in block.items]
                    else:
                        inner.append(block)
                if kept:
                    stream += ([item] if item.text else []) + inner
            index = end + 1
        out: list = []
        for block in stream:
            if not isinstance(block, ListItem):
                out.append(block)
            elif out and isinstance(out[-1], ListBlock):
                out[-1].items.append(block)
            else:
                out.append(ListBlock([block], block.line))
        return out

    def table(self, tokens: list, line: int) -> Table:
        header: list[str] = []
        rows: list[list[str]] = []
        row: list[str] = []
        in_head = False
        for token in tokens:
            if token.type in ("thead_open", "thead_close"):
                in_head = token.type == "thead_open"
            elif token.type == "tr_open":
                row = []
            elif token.type == "inline":
                row.append(_text(token))
            elif token.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append((row + [""] * len(header))[: len(header)])
        return Table(header, rows, line)

    def definitions(self, tokens: list, start: int, close: int) -> list:
        """A definition list: 'Term: definition' for each term, then any other blocks of its definitions."""
        out: list = []
        term, line = "", self.first_line
        index = start
        while index < close:
            end = _close(tokens, index)
            token = tokens[index]
            if token.type == "dt_open":
                term = _text(tokens[index + 1])
                line = self.first_line + (token.map or [0])[0]
            elif token.type == "dd_open":
                kept = not self.dropping
                blocks = self.blocks(tokens, index + 1, end)
                words = [b.text for b in blocks if isinstance(b, Paragraph)]
                text = ": ".join(filter(None, [term, " ".join(words)]))
                if kept:
                    out += ([Paragraph(text, line)] if text else []) + [b for b in blocks if not isinstance(b, Paragraph)]
            index = end + 1
        return out

    def html(self, content: str, line: int) -> list:
        """The blocks of an HTML block (md_in_html): figures, marked divs and their text."""
        reading = _HtmlBlock(self, line)
        try:
            reading.feed(_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), content))
            reading.close()
        except (AssertionError, ValueError):   # html.parser's last resort: the block's words as text
            words = _squash(re.sub(r"<[^>]*>", " ", _COMMENT.sub(" ", content)))
            return [Paragraph(words, line)] if words and not self.dropping else []
        blocks: list = []
        for part in reading.parts:
            if not isinstance(part, tuple):
                blocks.append(part)
                continue
            row, text, markdown = part
            if markdown and self.depth < _MAX_DEPTH:
                blocks += _Reader(line + row, self.depth + 1).read(textwrap.dedent(text))
            elif _squash(text):
                blocks.append(Paragraph(_squash(text), line + row + len(text) - len(text.lstrip("\n"))))
        return blocks


class _HtmlBlock(HTMLParser):
    """One HTML block, read in order into parts: Figures, and (row, text, markdown) runs of text
    whose rows are the block's lines, so that the parse of the text keeps the file's lines."""

    def __init__(self, reader: _Reader, line: int) -> None:
        super().__init__(convert_charrefs=False)
        self.reader, self.line = reader, line
        self.parts: list = []
        self.buffer: list[str] = []
        self.start = self.rows = 0           # the row the buffer starts on, the row it has reached
        self.markdown: bool | None = None    # whether the buffer's text is Markdown
        self.local: list[tuple[str, bool]] = []   # elements opened in this block, other than divs
        self.figure: dict | None = None
        self.caption: list[str] | None = None
        self.raw = 0

    def row(self) -> int:
        return self.getpos()[0] - 1

    def flush(self) -> None:
        text = "".join(self.buffer)
        if text.strip():
            self.parts.append((self.start, text, bool(self.markdown)))
        self.buffer, self.start, self.markdown = [], self.rows, None

    def put(self, text: str) -> None:
        markdown = any(m for _, m in self.reader.divs) or any(m for _, m in self.local)
        if text.strip() and self.markdown is not None and markdown != self.markdown:
            self.flush()
        if self.rows < self.row():
            self.buffer.append("\n" * (self.row() - self.rows))
            self.rows = self.row()
        self.buffer.append(text)
        self.rows += text.count("\n")
        if text.strip() and self.markdown is None:
            self.markdown = markdown

    def gap(self) -> None:
        """A tag between words keeps them apart; at the start of a line it adds no indent."""
        if self.caption is not None:
            self.caption.append(" ")
        elif self.buffer and self.row() == self.rows and not self.buffer[-1].endswith("\n"):
            self.buffer.append(" ")

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.line + self.row()
        if tag == "div":
            self.reader.open_div(SITE_ONLY in values.get("class", "").split(), "markdown" in values, line)
        elif tag in _RAW:
            self.raw += 1
        elif tag == "figure":
            self.flush()
            self.figure = {"line": line, "img": None, "md": [], "caption": [], "kept": not self.reader.dropping}
        elif tag == "figcaption" and self.figure is not None:
            self.caption = []
        elif tag == "img" and self.figure is not None:
            self.figure["img"] = self.figure["img"] or values
        elif tag == "img" and values.get("src") and not self.reader.dropping:
            self.flush()
            self.parts.append(Figure(values["src"], values.get("alt", "").strip(), "", line))
        if tag not in _VOID and tag not in ("div", "figure") and tag not in _RAW:
            self.local.append((tag, "markdown" in values))
        self.gap()

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self.reader.close_div(self.line + self.row())
        elif tag in _RAW:
            self.raw = max(0, self.raw - 1)
        elif tag == "figure":
            self.end_figure()
        elif tag == "figcaption" and self.figure is not None and self.caption is not None:
            self.figure["caption"] += self.caption
            self.caption = None
        names = [name for name, _ in self.local]
        if tag in names:
            del self.local[len(names) - 1 - names[::-1].index(tag):]
        self.gap()

    def handle_data(self, data: str) -> None:
        if self.raw or self.reader.dropping:
            return
        if self.caption is not None:
            self.caption.append(data)
        elif self.figure is not None:
            self.figure["md"].append(data)
        else:
            self.put(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def end_figure(self) -> None:
        figure, self.figure, open_caption, self.caption = self.figure, None, self.caption or [], None
        if figure is None or not figure["kept"]:
            return
        caption = _squash("".join(figure["caption"] + open_caption))
        written = "".join(figure["md"])
        image = next((c for t in parser().parseInline(written) for c in t.children or [] if c.type == "image"), None)
        if image is not None:
            self.parts.append(Figure(str(image.attrs.get("src", "")), image.content.strip(), caption, figure["line"]))
        elif figure["img"] and figure["img"].get("src"):
            img = figure["img"]
            self.parts.append(Figure(img["src"], img.get("alt", "").strip(), caption, figure["line"]))
        elif _squash(f"{written} {caption}"):   # a figure without an image: its words
            self.parts.append(Paragraph(_squash(f"{written} {caption}"), figure["line"]))

    def close(self) -> None:
        super().close()
        self.end_figure()
        self.flush()
