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
from workshop.model.text import load_data_file

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


ABBREVIATION_TEXT = re.compile(r"[A-Za-z0-9][A-Za-z0-9&-]*")


def load_glossary(root: Path, problems: Problems) -> Glossary:
    empty = Glossary([], set())
    _, data, text = load_data_file(root, GLOSSARY, problems)
    if data is None:
        return empty
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        problems.add("config-invalid", GLOSSARY, 1, reason="the glossary must have a list under 'terms'")
        return empty
    terms = []
    lines = getattr(data["terms"], "lines", [])
    for index, raw in enumerate(data["terms"]):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(raw, dict) or not isinstance(raw.get("term"), str) or not isinstance(raw.get("definition"), str):
            problems.add("glossary-invalid", GLOSSARY, line, index=index + 1,
                         reason="it needs 'term' and 'definition' as text")
            continue
        unknown = set(raw) - {"term", "abbr", "definition", "see", "plain"}
        if unknown:
            problems.add("glossary-invalid", GLOSSARY, line, index=index + 1,
                         reason=f"unknown key(s) {', '.join(sorted(unknown))}")
        abbr = str(raw.get("abbr") or "").strip()
        if abbr and not ABBREVIATION_TEXT.fullmatch(abbr):
            problems.add("glossary-invalid", GLOSSARY, line, index=index + 1,
                         reason=f"the abbreviation '{abbr}' must be letters, digits, '&' or '-' only")
            continue
        if not isinstance(raw.get("see") or "", str):
            problems.add("glossary-invalid", GLOSSARY, line, index=index + 1, reason="'see' must be a page path")
            continue
        if not isinstance(raw.get("plain") or "", str):
            problems.add("glossary-invalid", GLOSSARY, line, index=index + 1, reason="'plain' must be text")
            continue
        terms.append(Term(raw["term"].strip(), str(raw.get("abbr") or "").strip(),
                          " ".join(raw["definition"].split()), str(raw.get("see") or ""), line,
                          " ".join(str(raw.get("plain") or "").split())))
    return Glossary(terms, {str(w) for w in data.get("not_abbreviations") or []})
