"""The one bibliography, and how a citation key becomes an author-year reference.

Pages cite by key ([@oliver2019dark]); the key is resolved here for the site, the
reading list and the slides alike, so a reference is formatted the same everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workshop.model.problems import Problems
from workshop.model import schema

BIBLIOGRAPHY = "data/bibliography.yaml"
CITATION = re.compile(r"\[((?:-?@[\w:.-]+)(?:\s*;\s*-?@[\w:.-]+)*)\]")
KEY = re.compile(r"-?@([\w:.-]+)")   # group 0 starts with '-' when the author is suppressed ([-@key])
NAMES = schema.named({None: ("key", "bibliography entry")})


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

    def written_by(self, people: list[str]) -> list[str]:
        """Which of these people ("Given Family", as extra.workshop.organisers lists them) are
        among the authors: same family name and same first given name, so that "Wilson, Paul M."
        is Paul Wilson and "Wilson, Andrew" is not."""
        authors = set()
        for author in self.authors:
            family, _, given = author.partition(",")
            first = given.split()[0].rstrip(".").casefold() if given.split() else ""
            authors.add((family.strip().casefold(), first))
        found = []
        for person in people:
            names = str(person).split()
            if len(names) >= 2 and (names[-1].casefold(), names[0].casefold()) in authors:
                found.append(str(person))
        return found

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

    def labels_among(self, keys) -> dict[str, str]:
        """Author-year labels for the sources one page cites, each page having its own reference
        list: a letter (2018a) only where two of these sources share authors and year, so that a
        printed handout never shows a 2018a without its 2018b. The site-wide `labels` keep the
        letters the reading list needs, where every source is listed."""
        return self._labels([self.entries[key] for key in dict.fromkeys(keys) if key in self.entries])

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
    """data/bibliography.yaml, its shape checked by its schema; here only what a schema cannot
    say: a key used twice, and a topic that is not a group of the reading list."""
    _, data = schema.read_data(root, BIBLIOGRAPHY, "bibliography", problems, "bibliography-invalid", where=NAMES)
    entries: list[Entry] = []
    seen: set[str] = set()
    for raw, line in zip(data or [], getattr(data, "lines", [])):
        key = raw["key"]
        if key in seen:
            problems.add("bibliography-duplicate", BIBLIOGRAPHY, line, key=key)
            continue
        seen.add(key)
        for topic in raw.get("topics", []):
            if topics and topic not in topics:
                problems.add("bibliography-invalid", BIBLIOGRAPHY, line, reason=f"bibliography entry '{key}': topic "
                             f"'{topic}' is not a group of extra.reading_list in mkdocs.yml")
        entries.append(Entry(
            key=key, type=raw["type"], authors=tuple(a.strip() for a in raw["authors"]), year=raw["year"],
            title=raw["title"], venue=raw["venue"], volume=str(raw.get("volume", "")), issue=str(raw.get("issue", "")),
            pages=str(raw.get("pages", "")), doi=raw.get("doi", ""), url=raw.get("url", ""),
            topics=tuple(raw.get("topics", ())), line=line))
    return Bibliography(entries)
