"""The one bibliography, and how a citation key becomes an author-year reference.

Pages cite by key ([@oliver2019dark]); the key is resolved here for the site, the
reading list and the slides alike, so a reference is formatted the same everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop.model.problems import Problems
from workshop.model.text import load_data_file

BIBLIOGRAPHY = "data/bibliography.yaml"
CITATION = re.compile(r"\[((?:-?@[\w:.-]+)(?:\s*;\s*-?@[\w:.-]+)*)\]")
KEY = re.compile(r"-?@([\w:.-]+)")   # group 0 starts with '-' when the author is suppressed ([-@key])
DOI = re.compile(r"^10\.\d{4,9}/[^\s\"'<>]+$")
KEY_TEXT = re.compile(r"[A-Za-z0-9][\w:.-]*")
SAFE_URL = re.compile(r"^https://[^\s\"'<>]+$")
REQUIRED = ("key", "type", "authors", "year", "title", "venue")
TYPES = ("article", "book", "report", "web", "chapter")


@dataclass(frozen=True)
class Entry:
    key: str
    type: str
    authors: tuple[str, ...]
    year: int
    title: str
    venue: str
    volume: str
    issue: str
    pages: str
    doi: str
    url: str
    topics: tuple[str, ...]
    line: int

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    def families(self) -> list[str]:
        return [a.split(",")[0].strip() for a in self.authors]

    def author_label(self) -> str:
        names = self.families()
        if len(names) == 1:
            return names[0]
        if len(names) == 2:
            return f"{names[0]} and {names[1]}"
        return f"{names[0]} et al."

    def parts(self) -> dict[str, str]:
        """The pieces of a formatted reference; each output (HTML, slides) assembles them."""
        people = []
        for author in self.authors:
            family, _, given = author.partition(",")
            initials = "".join(part[0] for part in re.split(r"[\s.-]+", given.strip()) if part)
            people.append(f"{family.strip()} {initials}".strip())
        numbers = self.volume + (f"({self.issue})" if self.volume and self.issue else "")
        if self.pages:
            numbers += (": " if self.volume else "") + self.pages
        return {"people": ", ".join(people), "year": str(self.year), "title": self.title.rstrip("."),
                "venue": self.venue, "numbers": numbers, "link": self.link,
                "shown": f"doi:{self.doi}" if self.doi else self.link}

    def plain(self) -> str:
        p = self.parts()
        text = f"{p['people']} ({p['year']}). {p['title']}. {p['venue']}{' ' + p['numbers'] if p['numbers'] else ''}."
        return text + (f" {p['shown']}" if p["shown"] else "")


class Bibliography:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = {entry.key: entry for entry in entries}
        self.labels = self._labels(entries)

    @staticmethod
    def _labels(entries: list[Entry]) -> dict[str, str]:
        groups: dict[tuple[str, int], list[Entry]] = {}
        for entry in entries:
            groups.setdefault((entry.author_label(), entry.year), []).append(entry)
        labels = {}
        for (author, year), group in groups.items():
            for index, entry in enumerate(sorted(group, key=lambda e: e.key)):
                suffix = "abcdefghijklmnopqrstuvwxyz"[index] if len(group) > 1 else ""
                labels[entry.key] = f"{author}, {year}{suffix}"
        return labels

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]


def author_suppressed(key_match: re.Match) -> bool:
    """[-@key], as in Pandoc: the sentence names the author ("as Ostrom [-@ostrom1996crossing] argued"),
    so the citation shows the year alone."""
    return key_match.group(0).startswith("-")


def shown_label(label: str, suppress_author: bool) -> str:
    """A citation label ("Ostrom, 1996"), or its year alone ("1996", with its letter) for [-@key]."""
    return label.rsplit(", ", 1)[-1] if suppress_author else label


_NOT_CITED = re.compile(r"<!--.*?-->|```.*?```|`[^`\n]*`", re.S)


def cited_keys(text: str) -> list[tuple[str, int]]:
    """Every key cited in a text, with the character offset of its citation.

    Comments and code are blanked first (keeping offsets), so that a template's guidance
    or an example in backticks is not taken for a citation.
    """
    if "[@" not in text and "[-@" not in text:
        return []
    text = _NOT_CITED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return [(key.group(1), match.start()) for match in CITATION.finditer(text)
            for key in KEY.finditer(match.group(1))]


def load_bibliography(root: Path, topics: dict[str, str], problems: Problems) -> Bibliography:
    _, data, text = load_data_file(root, BIBLIOGRAPHY, problems)
    if data is None:
        return Bibliography([])
    if not isinstance(data, list):
        problems.add("config-invalid", BIBLIOGRAPHY, 1, reason="the bibliography must be a list of entries")
        return Bibliography([])
    entries: list[Entry] = []
    seen: set[str] = set()
    lines = getattr(data, "lines", [])
    for index, raw in enumerate(data):
        line = lines[index] if index < len(lines) else 1
        entry = _entry(raw, line, topics, problems)
        if entry is None:
            continue
        if entry.key in seen:
            problems.add("bibliography-duplicate", BIBLIOGRAPHY, line, key=entry.key)
            continue
        seen.add(entry.key)
        entries.append(entry)
    return Bibliography(entries)


def _entry(raw: Any, line: int, topics: dict[str, str], problems: Problems) -> Entry | None:
    key = raw.get("key") if isinstance(raw, dict) else None
    name = key if isinstance(key, str) else f"#{line}"

    def bad(reason: str) -> None:
        problems.add("bibliography-invalid", BIBLIOGRAPHY, line, key=name, reason=reason)

    if not isinstance(raw, dict):
        bad("it must be a set of keys")
        return None
    missing = [field for field in REQUIRED if not raw.get(field)]
    if missing:
        bad(f"missing {', '.join(missing)}")
        return None
    if not isinstance(key, str) or not KEY_TEXT.fullmatch(key):
        bad("the key must be one word of letters, digits and . : - _ (e.g. kislov2018art)")
        return None
    texts = [f for f in ("title", "venue", "volume", "issue", "pages", "doi", "url")
             if raw.get(f) is not None and not isinstance(raw.get(f), (str, int))]
    if texts:
        bad(f"{', '.join(texts)} must be text")
        return None
    if raw["type"] not in TYPES:
        bad(f"type must be one of {', '.join(TYPES)}")
    authors = raw["authors"]
    if not isinstance(authors, list) or not all(isinstance(a, str) and a.strip() for a in authors):
        bad("authors must be a list of names")
        return None
    if not isinstance(raw["year"], int):
        bad("year must be a number")
        return None
    doi = str(raw.get("doi") or "")
    if doi and not DOI.match(doi):
        problems.add("doi-malformed", BIBLIOGRAPHY, line, key=name, doi=doi)
        doi = ""  # never linked, in any build mode
    url = str(raw.get("url") or "")
    if url and not SAFE_URL.match(url):
        bad("url must be a web address starting with https://")
        url = ""  # never linked, in any build mode
    entry_topics = raw.get("topics") or []
    if not isinstance(entry_topics, list) or not all(isinstance(t, str) for t in entry_topics):
        bad("topics must be a list of reading-list groups, e.g. topics: [definitions]")
        return None
    for topic in entry_topics:
        if topics and topic not in topics:
            bad(f"topic '{topic}' is not a group of extra.reading_list in mkdocs.yml")
    return Entry(
        key=key, type=str(raw["type"]), authors=tuple(a.strip() for a in authors), year=raw["year"],
        title=str(raw["title"]), venue=str(raw["venue"]), volume=str(raw.get("volume") or ""),
        issue=str(raw.get("issue") or ""), pages=str(raw.get("pages") or ""), doi=doi, url=url,
        topics=tuple(str(t) for t in entry_topics), line=line,
    )
