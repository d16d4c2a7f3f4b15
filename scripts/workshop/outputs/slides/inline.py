"""Markdown sentences as slide text: plain words, author-year citations, short bullets.

A bullet is what a trainer says in one breath: the first sentence of a paragraph, cut at
a clause boundary when long, with its sources kept as author-year labels from the one
bibliography, so that a shortened claim never loses its citation.
"""

from __future__ import annotations

import html
import re

from workshop.model.bibliography import CITATION, KEY, Bibliography, author_suppressed, shown_label

BULLET_CHARS = 120          # a bullet's own words, before its citation labels
LEAD_IN = re.compile(r"^\*\*([^*]+?)([.:])\*\*\s*|^\*\*([^*]+?)\*\*([.:])\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[A-Z0-9‘“\"'])")
_CUTS = ("; ", ": ", " – ", " — ", ", ", " (")


def strip_markdown(text: str) -> str:
    """Inline Markdown to plain text; [@key] citations are kept for later."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]@^][^\]]*)\]\([^)]*\)", r"\1", text)          # links
    text = re.sub(r"\[([^\]@^][^\]]*)\]\[[^\]]*\]", r"\1", text)         # reference links
    text = re.sub(r"\[\^[^\]]+\]", "", text)                            # footnote marks
    text = re.sub(r"\{\s*[:#.\w][^}]*=?[^}]*\}", "", text)              # attribute lists
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w])", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    return " ".join(html.unescape(text).split())


def labels(keys: list[str], bibliography: Bibliography) -> str:
    return "; ".join(bibliography.labels.get(key, key) for key in keys)


def cite(text: str, bibliography: Bibliography) -> str:
    """[@a; @b] becomes (Author, 2018; Other et al., 2020); [-@a] the year alone, (2018)."""
    def replace(match: re.Match) -> str:
        return "(" + "; ".join(shown_label(bibliography.labels.get(k.group(1), k.group(1)), author_suppressed(k))
                               if k.group(1) in bibliography.labels else k.group(1)
                               for k in KEY.finditer(match.group(1))) + ")"
    return CITATION.sub(replace, text)


def plain(markdown: str, bibliography: Bibliography) -> str:
    return cite(strip_markdown(markdown), bibliography)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def lead_in(markdown: str) -> tuple[str, str]:
    """'**What is gained.** Text' gives ('What is gained', 'Text')."""
    match = LEAD_IN.match(markdown.strip())
    if not match:
        return "", markdown.strip()
    return (match.group(1) or match.group(3)).strip(), markdown.strip()[match.end():]


def shorten(text: str, limit: int = BULLET_CHARS) -> str:
    """Text cut to about `limit` characters at a clause boundary, or a word, with an ellipsis."""
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    cuts = [window.rfind(mark) for mark in _CUTS]
    best = max(cuts)
    if best >= limit // 2:
        return window[:best].rstrip(" ,;:–—(") + "…"
    space = window.rfind(" ")
    return (window[:space] if space > 0 else text[:limit]).rstrip(" ,;:–—(") + "…"


def bullet(markdown: str, bibliography: Bibliography, limit: int = BULLET_CHARS) -> str:
    """The first sentence of a paragraph, shortened, with its citations as labels at the end."""
    text = strip_markdown(markdown)
    first = sentences(text)[0] if text else ""
    keys = [k.group(1) for m in CITATION.finditer(first) for k in KEY.finditer(m.group(1))]
    words = CITATION.sub("", first)
    words = re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(words.split())).strip()
    words = re.sub(r"\(\s*\)", "", words).strip()
    short = shorten(words, limit)
    source = f" ({labels(list(dict.fromkeys(keys)), bibliography)})" if keys else ""
    if short.endswith("…") or not short.endswith((".", "!", "?")):
        return short + source
    return short[:-1] + source + short[-1]
