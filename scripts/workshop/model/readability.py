"""Plain-language summaries: every page of a summary kind opens with an 'In brief' box that a
general adult reader can use, and the checker measures it.

Reading ease is Flesch's, counted with textstat 0.7.3, whose British English syllable rules
come from pyphen dictionaries shipped in the wheel (later textstat versions download a
dictionary at first use, which a build must never do).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SUMMARY_TITLE = "In brief"
OPENING = re.compile(r'^!!!\s+\w+\s+"In brief"\s*$')
DEFAULTS = {"words": 120, "reading_ease": 60, "kinds": ["concept", "debate", "case-study"], "plain_pages": []}


@dataclass(frozen=True)
class Summary:
    line: int
    text: str

    @property
    def words(self) -> int:
        return len(plain(self.text).split())

    @property
    def reading_ease(self) -> float:
        return reading_ease(self.text)

    def reading_ease_cached(self, root) -> float:
        return cached_reading_ease(self.text, root)


def plain(text: str) -> str:
    """The words a reader reads: no citations, link targets, markup or comments."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\s*\[-?@[^\]]*\]", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>\n]+>", " ", text)
    return re.sub(r"[*_`#>]", "", text)


@lru_cache(maxsize=2048)
def reading_ease(text: str) -> float:
    return round(float(_textstat().flesch_reading_ease(plain(text))), 1)


@lru_cache(maxsize=1)
def _textstat():
    import textstat  # imported only when a text is measured that no cache has measured before

    textstat.set_lang("en_GB")
    return textstat


def cached_reading_ease(text: str, root) -> float:
    """reading_ease, kept on disk under the text's hash (.cache/workshop/reading-ease)."""
    from workshop.model.cache import DiskCache, key

    return DiskCache(root, "reading-ease").get(key("ease", text), lambda: reading_ease(text), decode=_ease)


def _ease(value) -> float:
    """A kept reading ease: a finite number, else it is measured again."""
    import math

    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TypeError("not a reading ease")
    return float(value)


def find_summary(body: str, first_line: int) -> Summary | None:
    """The 'In brief' admonition of a page body: its line and its indented text."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if OPENING.match(line):
            content = []
            for following in lines[index + 1:]:
                if following.strip() and not following.startswith(("    ", "\t")):
                    break
                content.append(following.strip())
            text = re.sub(r"<!--.*?-->", " ", "\n".join(content), flags=re.S)  # guidance is not the summary
            return Summary(first_line + index, " ".join(text.split()))
    return None


def settings(config) -> dict:
    return {**DEFAULTS, **(config.raw.get("extra", {}).get("readability") or {})}
