"""Which post-its say the same thing: near-duplicates found by the words they share.

Groups write the same step in different words ("Ask relatives what worries them" and "Ask the
residents' relatives group what worries them most"), so identical text finds almost nothing.
Two notes are compared on their content words, each word weighted by how rare it is among all
the notes (a word every group uses, such as "agree", counts for little; "authorship" counts for
much), and two words count as the same when one is a short form of the other (pay, payment) or
they differ by a slip of the pen (rapidfuzz's edit-distance ratio).

rapidfuzz was chosen over scikit-learn's TF-IDF: a post-it holds five to fifteen words, too few
for word statistics alone, and the slips and word forms of hand-typed notes need a character-level
comparison, which rapidfuzz gives in one small maintained package (scikit-learn would bring
NumPy and SciPy for a few dozen notes). The rarity weights are the part of TF-IDF that helps
here, and take a few lines.

Notes are merged into clusters by average linkage: a note joins the cluster whose members it is,
on average, most similar to, when that average reaches the threshold; otherwise it starts a
cluster of its own. The order of the notes decides ties, so the same file always gives the same
outline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

DEFAULT_THRESHOLD = 60     # per cent: how similar two notes must be to be merged
SHORTEST_WORD = 3
SLIP = 85                  # rapidfuzz ratio at which two words are the same word mistyped
POSITION = 0.25          # how fast a word's weight falls with its place in the note
PREFIX = 4                 # a word of at least this many letters that begins another is its short form

# Words that carry no step of their own. Kept short on purpose: verbs such as "agree" and
# "plan" stay, and the rarity weights make them count for little.
STOPWORDS = frozenset("""
a an the and or but nor of to for with without in on at by from into onto over under about as
is are was were be been being it its this that these those there their them they we our us you
your he she his her who whom whose what which when where how why all any each every some more most
will would can could should may might must shall do does did has have had not no so than then too
very just also only own same such one two first
""".split())


def words(text: str) -> list[str]:
    """The content words of a note, in order: lower case, possessives and punctuation gone."""
    text = text.casefold().replace("’", "'")
    text = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group(0) == "'s" else "s", text)
    found = re.findall(r"[^\W\d_]+", text)
    return [w for w in found if len(w) >= SHORTEST_WORD and w not in STOPWORDS]


def same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= PREFIX and longer.startswith(shorter):
        return True
    return len(shorter) >= 5 and fuzz.ratio(a, b) >= SLIP


class Comparer:
    """Similarity between the notes of one file, with word weights taken from all of them."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.tokens = [list(dict.fromkeys(words(t))) for t in texts]   # first use of each word, in order
        vocabulary = sorted({w for ws in self.tokens for w in ws})
        total = len(texts)
        self.rarity: dict[str, float] = {}
        for word in vocabulary:
            frequency = sum(any(same_word(word, other) for other in ws) for ws in self.tokens)
            self.rarity[word] = math.log((total + 1) / (frequency + 1)) + 1.0

    def _weights(self, tokens: list[str]) -> list[float]:
        """A note's words weighted by rarity and by place: a step begins with what is done
        ("Agree authorship ..."), and ends with whom or where, which varies from group to group."""
        return [self.rarity[w] / (1 + POSITION * n) for n, w in enumerate(tokens)]

    def _shared(self, a: list[str], b: list[str]) -> tuple[float, float, int]:
        """The weight of a's words that b shares, a's whole weight, and how many words are shared."""
        weights = self._weights(a)
        shared = [weight for word, weight in zip(a, weights) if any(same_word(word, other) for other in b)]
        return sum(shared), sum(weights), len(shared)

    def similarity(self, i: int, j: int) -> float:
        """0 to 100: the share of the shorter note's weight that the other note shares, averaged
        with the share of both notes' weight (so that a two-word note does not swallow every
        long one)."""
        a, b = self.tokens[i], self.tokens[j]
        if not a or not b:
            return 100.0 if a == b else 0.0
        if len(a) > len(b):
            a, b = b, a
        shared_a, whole_a, count = self._shared(a, b)
        shared_b, whole_b, _ = self._shared(b, a)
        if count < min(2, len(a)):
            return 0.0
        overlap = shared_a / whole_a
        dice = (shared_a + shared_b) / (whole_a + whole_b)
        return round(100 * (overlap + dice) / 2, 1)


def clusters(texts: Sequence[str], threshold: float = DEFAULT_THRESHOLD,
             comparer: Comparer | None = None, indexes: Sequence[int] | None = None) -> list[list[int]]:
    """Indexes of the texts (or of those listed), grouped: each group a set of near-duplicates,
    in order of its first note."""
    comparer = comparer or Comparer(texts)
    groups: list[list[int]] = []
    for index in (range(len(texts)) if indexes is None else indexes):
        number, score = best_cluster(index, groups, comparer)
        if number is not None and score >= threshold:
            groups[number].append(index)
        else:
            groups.append([index])
    return groups


def best_cluster(index: int, groups: Sequence[Sequence[int]], comparer: Comparer) -> tuple[int | None, float]:
    """The group whose members the text is, on average, most like, and that average."""
    best, best_score = None, -1.0
    for number, members in enumerate(groups):
        score = sum(comparer.similarity(index, m) for m in members) / len(members) if members else 0.0
        if score > best_score:
            best, best_score = number, score
    return best, best_score


def representative(members: list[int], comparer: Comparer) -> int:
    """The member most like the others (the first on a tie): the wording the outline shows."""
    if len(members) <= 2:
        return members[0]
    return max(members, key=lambda m: (sum(comparer.similarity(m, o) for o in members if o != m), -members.index(m)))
