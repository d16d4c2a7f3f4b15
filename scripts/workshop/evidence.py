"""The transparent lexical measure behind the content rule.

A page gives evidence for an objective when its text uses the objective's key concepts.
Matching is deliberately simple so that a trainer can predict it: case is ignored,
hyphens inside words are ignored ("co-production" = "coproduction"), a concept also
matches its plural and -ed/-ing forms, and a concept of five letters or more also
matches longer words that begin with it ("reflect" matches "reflection"). The score of
an objective is the number of its distinct concepts found. One compiled expression
scans a page once, which keeps the checker fast on large sites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import Objective

_STRIP = [
    (re.compile(r"```.*?```", re.S), " "),                  # fenced code
    (re.compile(r"<!--.*?-->", re.S), " "),                 # comments
    (re.compile(r"\]\([^)]*\)"), "] "),                     # link targets
    (re.compile(r"<[^>]+>"), " "),                          # HTML tags
    (re.compile(r"\[@[^\]]*\]"), " "),                      # citation keys
    (re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)"), ""),      # hyphens inside words
]


def normalise(text: str) -> str:
    """Lower-case prose without markup, with in-word hyphens removed."""
    for pattern, replacement in _STRIP:
        text = pattern.sub(replacement, text)
    return text.lower()


def _stem(word: str) -> str:
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(word) > 4 and word.endswith(suffix) and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def _word_pattern(word: str) -> str:
    stem = _stem(word)
    if len(stem) >= 5 and stem.endswith("y"):      # activity, activities
        return re.escape(stem[:-1]) + r"(?:y|ie)\w*"
    if len(stem) >= 5:
        return re.escape(stem) + r"\w*"
    return re.escape(word) + r"(?:s|es|ed|ing)?"


def concept_pattern(concept: str) -> str:
    words = normalise(concept).split()
    return r"\b" + r"[\s\W]+".join(_word_pattern(w) for w in words) + r"\b"


@dataclass(frozen=True)
class Evidence:
    found: dict[str, dict[str, int]]          # objective id -> {concept: count}

    def score(self, objective_id: str) -> int:
        return len(self.found.get(objective_id, {}))


class Matcher:
    """Compiled once per configuration, applied to every page."""

    def __init__(self, objectives: list[Objective]) -> None:
        self.objectives = objectives
        self.owners: dict[str, list[tuple[str, str]]] = {}
        for objective in objectives:
            for concept in objective.concepts:
                key = concept_pattern(concept)
                self.owners.setdefault(key, []).append((objective.id, concept))
        patterns = sorted(self.owners, key=len, reverse=True)
        self.groups = {f"c{index}": pattern for index, pattern in enumerate(patterns)}
        self.regex = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in self.groups.items()))

    def evidence(self, text: str) -> Evidence:
        found: dict[str, dict[str, int]] = {o.id: {} for o in self.objectives}
        if self.groups:
            for match in self.regex.finditer(normalise(text)):
                for objective_id, concept in self.owners[self.groups[match.lastgroup]]:
                    bucket = found[objective_id]
                    bucket[concept] = bucket.get(concept, 0) + 1
        return Evidence(found)
