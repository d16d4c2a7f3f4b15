"""Plain-language summaries and pages: every page of a summary kind opens with an 'In brief' box
that a general adult reader can use, and the checker measures it.

Reading ease is Flesch's: 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words),
with no rounding anywhere. Syllables come from the CMU Pronouncing Dictionary (model/syllables.py),
with hyphenation rules in the site's language only for words it lacks, so that the score does not
flatter a text. Words and sentences are counted as textstat 0.7.3 counted them (a sentence ends
at . ! or ?, and a fragment of one or two words, such as an abbreviation's stops, is not a
sentence), so the two measures differ only in their syllables and their rounding.

The earlier measure, textstat 0.7.3 (pyphen's syllables, rounded to a tenth of a syllable a word,
so scores move in steps of 8.46 points), is kept only for the figures page, beside the new one;
nothing is checked against it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from workshop.model import syllables
from workshop.model.language import DEFAULT, LANGUAGES, Language

SUMMARY_TITLE = "In brief"
OPENING = re.compile(r'^!!!\s+\w+\s+"In brief"\s*$')
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


@dataclass(frozen=True)
class Measure:
    """What Flesch's formula needs, counted once, and the score it gives."""
    words: int
    sentences: int
    syllables: int

    @property
    def ease(self) -> float:
        if not self.words:
            return 0.0
        return 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)


@dataclass(frozen=True)
class Summary:
    line: int
    text: str

    @property
    def words(self) -> int:
        return len(plain(self.text).split())

    def reading_ease(self, language: Language = LANGUAGES[DEFAULT]) -> float:
        return reading_ease(self.text, language)

    def reading_ease_cached(self, root, language: Language = LANGUAGES[DEFAULT]) -> float:
        return cached_reading_ease(self.text, root, language)


def plain(text: str) -> str:
    """The words a reader reads: no citations, link targets, markup or comments."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\s*\[-?@[^\]]*\]", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>\n]+>", " ", text)
    return re.sub(r"[*_`#>]", "", text)


def words(text: str) -> list[str]:
    """The words of already plain text: a hyphenated word or a contraction is one word."""
    return _WORD.findall(text)


def sentences(text: str) -> int:
    """Sentences of already plain text, as textstat 0.7.3 counts them (at least one)."""
    found = _SENTENCE.findall(text)
    return max(1, sum(1 for s in found if len(words(s)) > 2))


def measure(text: str, language: Language = LANGUAGES[DEFAULT]) -> Measure:
    """Words, sentences and dictionary syllables of a Markdown text."""
    text = plain(text)
    found = words(text)
    return Measure(len(found), sentences(text), sum(syllables.count(w, language.pyphen) for w in found))


@lru_cache(maxsize=2048)
def reading_ease(text: str, language: Language = LANGUAGES[DEFAULT]) -> float:
    """Flesch reading ease with dictionary syllables, unrounded."""
    return measure(text, language).ease


def shown(ease: float) -> str:
    """A score for a message, to one decimal place and never rounded up past a limit (59.96 is 59.9)."""
    return f"{math.floor(ease * 10) / 10:.1f}"


@lru_cache(maxsize=2048)
def textstat_reading_ease(text: str, language: Language = LANGUAGES[DEFAULT]) -> float:
    """The earlier measure, for comparison on the figures page only: textstat 0.7.3 in the
    site's language, as it reports it (rounded to two decimal places)."""
    return float(_textstat(language.pyphen).flesch_reading_ease(plain(text)))


def _textstat(pyphen_language: str):
    import textstat  # imported only by the content report

    textstat.set_lang(pyphen_language)
    return textstat


def cached_reading_ease(text: str, root, language: Language = LANGUAGES[DEFAULT]) -> float:
    """reading_ease, kept on disk under the text's hash (.cache/workshop/reading-ease)."""
    from workshop.model.cache import DiskCache, key

    return DiskCache(root, "reading-ease").get(key("flesch-cmudict-2", language.code, text),
                                               lambda: reading_ease(text, language), decode=_ease)


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
    """extra.readability, with the schema's defaults for what it leaves out."""
    return config.extra["readability"]
