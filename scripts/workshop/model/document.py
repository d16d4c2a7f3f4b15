"""A page's Markdown, parsed once with a CommonMark parser, and the questions every rule asks of it.

markdown-it-py with the plugins that match the site's extensions (tables, admonitions and
details, definition lists, footnotes, attributes) gives tokens with source lines. Evidence,
citations, glossary use, spelling, placeholders, headings and images are all read from here,
so a fenced block of any style, a comment or a link target is code or markup for every rule
alike, and a line number always comes from the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


MARKER = re.compile(r"<!--\s*workshop:([\w-]+)\s*-->")   # a page asks for a generated part
_ATTRS = re.compile(r"\s*\{\s*[:#.][^}\n]*\}\s*$")   # attr_list after a heading: { #id .class }
_ABBREVIATION_DEFINITION = re.compile(r"^\*\[[^\]\n]+\]:.*$")


@lru_cache(maxsize=1)
def parser():
    """The one Markdown parser (imported when a page must be parsed: a build whose pages come
    from the cache does not load it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    return (MarkdownIt("commonmark", {"html": True})
            .enable("table")
            .use(admon_plugin).use(deflist_plugin).use(footnote_plugin)
            .use(attrs_plugin).use(attrs_block_plugin))


@lru_cache(maxsize=256)
def tokens(source: str) -> tuple:
    """The parser's tokens of a text, kept: the slides read a page for its figures and again for
    its slides, in every deck of a run. The tokens are shared: read them, never change them."""
    return tuple(parser().parse(source, {}))


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    line: int


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    line: int


@dataclass
class Document:
    """What the author wrote, as the parser reads it; lines are lines of the file."""
    source: str
    first_line: int = 1
    prose: str = ""                       # the source with everything but prose blanked, same length
    headings: list[Heading] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    comments: list[tuple[str, int]] = field(default_factory=list)   # HTML comments, with their lines
    code: list[tuple[str, str, int]] = field(default_factory=list)  # (info, content, line) of every block of code

    def line_of(self, offset: int) -> int:
        return self.first_line + self.source.count("\n", 0, offset)


def cached_parse(source: str, first_line: int, root, within=None) -> Document | None:
    """parse, kept on disk under the text's hash (.cache/workshop/documents): a build parses
    only the pages that changed since the last one. within(), when given, is asked before a text
    is parsed (and reports why not): a kept parse was of a text within the same limits."""
    from workshop.model import limits
    from workshop.model.cache import DiskCache, key

    cache = DiskCache(root, "documents")
    digest = key("document", limits.SIGNATURE, source, first_line)
    kept = cache.load(digest, decode=lambda data: document_from_data(data, source, first_line))
    if kept is not None:
        return kept
    if within is not None and not within():
        return None
    doc = parse(source, first_line)
    cache.store(digest, doc, encode=document_data)
    return doc


def document_data(doc: Document) -> dict:
    """A parse as plain JSON data (the source is the page's own text, so it is not kept)."""
    return {"prose": doc.prose,
            "headings": [[h.level, h.text, h.line] for h in doc.headings],
            "images": [[i.src, i.alt, i.line] for i in doc.images],
            "links": [[l.href, l.text, l.line] for l in doc.links],
            "comments": [[text, line] for text, line in doc.comments],
            "code": [[info, content, line] for info, content, line in doc.code]}


def _rows(value, types: tuple) -> list:
    if not isinstance(value, list):
        raise TypeError("not a list")
    for row in value:
        if (not isinstance(row, list) or len(row) != len(types)
                or not all(isinstance(cell, kind) and not isinstance(cell, bool) for cell, kind in zip(row, types))):
            raise TypeError(f"not a row of {types}")
    return value


def document_from_data(data, source: str, first_line: int) -> Document:
    """The parse kept by document_data, checked cell by cell: a value of any other shape raises."""
    if not isinstance(data, dict) or set(data) != {"prose", "headings", "images", "links", "comments", "code"}:
        raise TypeError("not a kept parse")
    if not isinstance(data["prose"], str) or len(data["prose"]) != len(source):
        raise TypeError("the prose does not match the source")
    return Document(
        source=source, first_line=first_line, prose=data["prose"],
        headings=[Heading(*row) for row in _rows(data["headings"], (int, str, int))],
        images=[Image(*row) for row in _rows(data["images"], (str, str, int))],
        links=[Link(*row) for row in _rows(data["links"], (str, str, int))],
        comments=[tuple(row) for row in _rows(data["comments"], (str, int))],
        code=[tuple(row) for row in _rows(data["code"], (str, str, int))])


def parse(source: str, first_line: int = 1) -> Document:
    """The parse of a text; an unchanged page is not parsed again (make serve rebuilds in one process)."""
    return _parse(source, first_line)


@lru_cache(maxsize=1024)
def _parse(source: str, first_line: int) -> Document:
    doc = Document(source=source, first_line=first_line)
    starts = _line_starts(source)
    keep: list[tuple[int, int]] = []   # ranges of the source that are prose
    tokens = parser().parse(source, {})
    for index, token in enumerate(tokens):
        line = first_line + token.map[0] if token.map else None
        if token.type in ("fence", "code_block"):
            doc.code.append((token.info.strip(), token.content, line or first_line))
        elif token.type in ("html_block",):
            for comment in re.finditer(r"<!--(.*?)-->", token.content, re.S):
                doc.comments.append((comment.group(1), (line or first_line) + token.content.count("\n", 0, comment.start())))
        elif token.type == "inline" and token.map:
            heading = tokens[index - 1].type == "heading_open" if index else False
            _inline(doc, token, starts, keep, heading)
            if heading:
                level = int(tokens[index - 1].tag[1])
                doc.headings.append(Heading(level, _ATTRS.sub("", token.content).strip(), line))
    doc.prose = _blank_outside(source, keep)
    return doc


def _blank_outside(source: str, ranges: list[tuple[int, int]]) -> str:
    """The source with every character outside `ranges` a space (line breaks kept)."""
    out: list[str] = []
    last = 0
    for start, end in sorted(ranges):
        if start < last:
            start = last
        if start >= end:
            continue
        gap = source[last:start]
        out.append(re.sub(r"[^\n]", " ", gap))
        out.append(source[start:end])
        last = end
    out.append(re.sub(r"[^\n]", " ", source[last:]))
    return "".join(out)


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", source):
        starts.append(match.end())
    return starts


def _inline(doc: Document, token, starts: list[int], keep: list[tuple[int, int]], heading: bool) -> None:
    """Mark the characters of an inline token's text children as prose, found in order in its lines."""
    begin = starts[token.map[0]] if token.map[0] < len(starts) else len(doc.source)
    end = starts[token.map[1]] if token.map[1] < len(starts) else len(doc.source)
    region = doc.source[begin:end]
    if _ABBREVIATION_DEFINITION.match(region.strip()):
        return  # *[ABBR]: Expansion lines are definitions, not prose
    cursor = 0
    link: list[str] = []
    for child in token.children or []:
        if child.type == "softbreak" or child.type == "hardbreak":
            continue
        if child.type == "link_open":
            link.append(str(child.attrs.get("href", "")))
            continue
        if child.type == "link_close":
            link and link.pop()
            continue
        if child.type == "image":
            alt = child.content
            doc.images.append(Image(str(child.attrs.get("src", "")), alt, doc.line_of(begin + cursor)))
            cursor = _mark(region, alt, cursor, begin, keep)
            continue
        if child.type != "text" or not child.content:
            if child.type == "code_inline":
                found = region.find(child.content, cursor)
                cursor = found + len(child.content) if found >= 0 else cursor
            continue
        text = _ATTRS.sub("", child.content) if heading else child.content
        before = cursor
        cursor = _mark(region, text, cursor, begin, keep)
        if link and cursor != before:
            doc.links.append(Link(link[-1], text, doc.line_of(begin + cursor - 1)))


def _mark(region: str, text: str, cursor: int, begin: int, keep: list[tuple[int, int]]) -> int:
    """Find `text` in region from cursor; mark it as prose; return the new cursor.

    A text child the source spells differently (an escape, an entity, a line break inside
    it) is found piece by piece, word by word, so that nothing the author wrote is lost.
    """
    if not text.strip():
        return cursor
    found = region.find(text, cursor)
    if found >= 0:
        keep.append((begin + found, begin + found + len(text)))
        return found + len(text)
    for word in re.findall(r"\S+", text):
        found = region.find(word, cursor)
        if found < 0:
            continue
        keep.append((begin + found, begin + found + len(word)))
        cursor = found + len(word)
    return cursor
