"""The transparent lexical measure behind the content rule.

A page gives evidence for an objective when its text uses the objective's key concepts.
Matching is deliberately simple so that a trainer can predict it: case is ignored,
hyphens inside words are ignored ("co-production" = "coproduction"), a short word
also matches its plural and -ed/-ing forms, and a word whose stem has five letters or
more matches any word that begins with that stem ("reflect" matches "reflection",
"compromise" matches "compromises"). A phrase matches when its words follow one another.
The score of an objective is the number of its distinct concepts found. Each page's
words are scanned once with dictionary look-ups, which keeps the checker fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop.model.config import Objective

_STRIP = [
    (re.compile(r"```.*?```", re.S), " "),                  # fenced code
    (re.compile(r"<!--.*?-->", re.S), " "),                 # comments
    (re.compile(r"\]\([^)]*\)"), "] "),                     # link targets
    (re.compile(r"<[^>]+>"), " "),                          # HTML tags
    (re.compile(r"\[-?@[^\]]*\]"), " "),                    # citation keys ([@key], [-@key])
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


_SUFFIXES = ("", "s", "es", "ed", "ing")


@dataclass(frozen=True)
class _Word:
    """How one word of a concept matches a word of the text."""
    exact: frozenset[str]          # short words: the word and its plural, -ed and -ing forms
    prefixes: tuple[str, ...]      # long words: any text word beginning with the stem

    def matches(self, token: str) -> bool:
        return token in self.exact or any(token.startswith(p) for p in self.prefixes)

    @property
    def keys(self) -> list[str]:
        return list(self.exact) + [p[:5] for p in self.prefixes]


def _word(word: str) -> _Word:
    stem = _stem(word)
    if len(stem) >= 5 and stem.endswith("y"):                     # activity, activities
        return _Word(frozenset(), (stem, stem[:-1] + "ie"))
    if len(stem) >= 5:
        return _Word(frozenset(), (stem,))
    return _Word(frozenset(word + s for s in _SUFFIXES), ())


@dataclass(frozen=True)
class Evidence:
    found: dict[str, dict[str, int]]          # objective id -> {concept: count}

    def score(self, objective_id: str) -> int:
        return len(self.found.get(objective_id, {}))


_EVIDENCE: dict[tuple, "Evidence"] = {}   # (objectives' concepts, text) -> evidence, across rebuilds


class Matcher:
    """Built once per configuration; scans each page's words once, with dictionary look-ups."""

    def __init__(self, objectives: list[Objective]) -> None:
        self.objectives = objectives
        self.owners: dict[str, list[str]] = {}         # concept -> objective ids
        self.words: dict[str, tuple[_Word, ...]] = {}  # concept -> its words
        self.exact: dict[str, set[str]] = {}           # text word -> concepts starting with it
        self.prefix: dict[str, set[str]] = {}          # first five letters -> concepts
        self._memo: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.signature = tuple((o.id, tuple(o.concepts)) for o in objectives)
        for objective in objectives:
            for concept in objective.concepts:
                self.owners.setdefault(concept, []).append(objective.id)
                if concept in self.words:
                    continue
                words = tuple(_word(w) for w in re.findall(r"[a-z0-9]+", normalise(concept)))
                if not words:
                    continue
                self.words[concept] = words
                for form in words[0].exact:
                    self.exact.setdefault(form, set()).add(concept)
                for stem in words[0].prefixes:
                    self.prefix.setdefault(stem[:5], set()).add(concept)

    def _lookup(self, token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Concepts a word completes on its own, and phrases it may begin (memoised)."""
        candidates = set(self.exact.get(token, ()))
        if len(token) >= 5:
            candidates |= self.prefix.get(token[:5], set())
        starts = [c for c in candidates if self.words[c][0].matches(token)]
        result = (tuple(c for c in starts if len(self.words[c]) == 1),
                  tuple(c for c in starts if len(self.words[c]) > 1))
        self._memo[token] = result
        return result

    def evidence(self, text: str) -> Evidence:
        """The concepts a text uses; an unchanged page keeps its evidence across rebuilds."""
        key = (self.signature, text)
        found = _EVIDENCE.get(key)
        if found is None:
            if len(_EVIDENCE) > 1024:
                _EVIDENCE.clear()
            found = _EVIDENCE[key] = self._evidence(text)
        return found

    def _evidence(self, text: str) -> Evidence:
        tokens = re.findall(r"[a-z0-9]+", normalise(text))
        counts: dict[str, int] = {}
        memo, lookup, words = self._memo, self._lookup, self.words
        for index, token in enumerate(tokens):
            singles, phrases = memo.get(token) or lookup(token)
            for concept in singles:
                counts[concept] = counts.get(concept, 0) + 1
            for concept in phrases:
                pattern = words[concept]
                if index + len(pattern) <= len(tokens) and all(
                        w.matches(tokens[index + k]) for k, w in enumerate(pattern[1:], 1)):
                    counts[concept] = counts.get(concept, 0) + 1
        found: dict[str, dict[str, int]] = {o.id: {} for o in self.objectives}
        for concept, count in counts.items():
            for objective_id in self.owners[concept]:
                found[objective_id][concept] = count
        return Evidence(found)
