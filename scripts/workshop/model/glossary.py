"""Terms and abbreviations, defined once in data/glossary.yaml.

The build appends each abbreviation's expansion to every page (Material shows it as a
tooltip) and the checker reports abbreviations used but never defined, and terms
defined but never used: the check runs both ways, as Teaching Tech Together's does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from workshop.model.problems import Problems
from workshop.model import schema

GLOSSARY = "data/glossary.yaml"
ABBREVIATION = re.compile(r"\b([A-Z][A-Z0-9]{1,9})s?\b")
_CAPITALS = re.compile(r"[A-Z][A-Z0-9]")
_NOT_PROSE = [
    re.compile(r"```.*?```", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"`[^`\n]*`"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"<[^>\n]+>"),
    re.compile(r"https?://\S+"),
    re.compile(r"\[-?@[^\]]*\]"),
    re.compile(r"^\*\[[^\]]+\]:.*$", re.M),
    re.compile(r"\{[^}\n]*\}"),
]


@dataclass(frozen=True)
class Term:
    term: str
    abbr: str
    definition: str
    see: str
    line: int
    plain: str = ""     # the same in everyday words, for a general reader (tooltips, word lists)

    @property
    def everyday(self) -> str:
        """The definition a general reader is shown: the plain one where there is one."""
        return self.plain or self.definition

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


@dataclass
class Glossary:
    terms: list[Term]
    not_abbreviations: set[str]

    @property
    def abbreviations(self) -> dict[str, Term]:
        return {t.abbr: t for t in self.terms if t.abbr}


def prose(text: str) -> str:
    """Text without code, links' targets, HTML tags and citation keys, same length."""
    for pattern in _NOT_PROSE:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


@functools.lru_cache(maxsize=4096)
def abbreviations_used(text: str) -> tuple[tuple[str, int], ...]:
    """Capitalised words of the prose, with offsets; cached, as the check and the build both ask."""
    if not _CAPITALS.search(text):
        return ()
    return tuple((m.group(1), m.start()) for m in ABBREVIATION.finditer(prose(text)))


NAMES = schema.named({"terms": ("term", "glossary term")})


def load_glossary(root: Path, problems: Problems) -> Glossary:
    """data/glossary.yaml; its shape is checked by its schema (the uses of each term by the checker)."""
    _, data = schema.read_data(root, GLOSSARY, "glossary", problems, "glossary-invalid", where=NAMES)
    if data is None:
        return Glossary([], set())
    terms = [Term(raw["term"].strip(), raw.get("abbr", "").strip(), " ".join(raw["definition"].split()),
                  raw.get("see", ""), line, " ".join(raw.get("plain", "").split()))
             for raw, line in zip(data.get("terms", []), getattr(data.get("terms"), "lines", []))]
    return Glossary(terms, set(data.get("not_abbreviations", [])))
