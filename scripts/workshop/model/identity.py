"""Is the workshop still presenting someone else's event? The identity fields of extra.workshop
compared with the source the workshop is adapted from (extra.workshop.source_key).

A fork that has not changed its identity would put the original team and their 2018 conference
on its title slide and handouts. Nothing here names that event: the original is whatever the
bibliography entry of source_key says (its authors, its year, its venue), so the same test
serves any workshop adapted from any published one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from workshop.model.bibliography import Bibliography, Entry

# What a facilitator should check before running the session, in the order of the checklist.
CHECKLIST = ("event", "date", "organisers", "venue", "support_contact", "participants", "remote_groups")


def source(workshop: dict[str, Any], bibliography: Bibliography) -> Entry | None:
    key = workshop.get("source_key")
    return bibliography.entries.get(str(key)) if key else None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def unchanged(workshop: dict[str, Any], entry: Entry | None) -> list[str]:
    """The fields of extra.workshop that still describe the source's own event: its date (the
    source's year), its event (named with that year, or by words of the source's venue) and its
    organisers (every one an author of the source)."""
    if entry is None:
        return []
    year = str(entry.year)
    found = []
    event = str(workshop.get("event") or "").strip()
    words = _words(event)
    venue = " ".join(_words(entry.venue))
    if event and (year in event or (words and f" {' '.join(words)} " in f" {venue} ")):
        found.append("event")
    if year and year in str(workshop.get("date") or ""):
        found.append("date")
    organisers = workshop.get("organisers")
    organisers = organisers if isinstance(organisers, list) else ([organisers] if organisers else [])
    authors = {family.lower() for family in entry.families()}
    if organisers and all((_words(str(o)) or [""])[-1] in authors for o in organisers):
        found.append("organisers")
    return found


def missing(workshop: dict[str, Any]) -> list[str]:
    """Fields a session needs that are still empty: where it is held, and who to talk to on the day."""
    return [key for key in ("venue", "support_contact") if not str(workshop.get(key) or "").strip()]


def credit(entry: Entry | None) -> str:
    """'Adapted from the workshop by Kislov, Wilson, Knowles and Boaden (2018)': the original authors."""
    if entry is None:
        return ""
    names = entry.families()
    people = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
    return f"Adapted from the workshop by {people} ({entry.year})"


def _line(text: str, key: str) -> int:
    """The line of 'key:' in extra.workshop of mkdocs.yml (1 when it is not written there)."""
    match = re.search(rf"^\s+{re.escape(key)}\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def warning(workshop: dict[str, Any], bibliography: Bibliography, config: Path) -> list[str]:
    """What 'make slides' and 'make handouts' print before a facilitator uses their output, as
    'mkdocs.yml:LINE: warning: ...' at the first field concerned."""
    try:
        text = config.read_text(encoding="utf-8")
    except OSError:
        text = ""
    entry = source(workshop, bibliography)
    lines = []
    same = unchanged(workshop, entry)
    if same:
        lines.append(f"{config.name}:{_line(text, same[0])}: warning: extra.workshop still describes the original "
                     f"{entry.year} event ({', '.join(same)}); set them for your session before you print or "
                     "present (see 'Before you run it' in README.md)")
    empty = missing(workshop)
    if empty:
        lines.append(f"{config.name}:{_line(text, empty[0])}: warning: extra.workshop has no "
                     f"{' and no '.join(empty)} yet; fill in before the day (see 'Before you run it' in README.md)")
    return lines


def address_warning(raw: dict[str, Any], config: Path) -> list[str]:
    """What 'make handouts' prints while mkdocs.yml has no site_url: a printed sheet is how many
    participants find the site again after the day, and without it the footer gives no address.
    The line is that of site_url, or of the comment that explains it, or 1."""
    if str(raw.get("site_url") or "").strip():
        return []
    try:
        text = config.read_text(encoding="utf-8")
    except OSError:
        text = ""
    match = re.search(r"^#?\s*site_url\s*:", text, re.M)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    return [f"{config.name}:{line}: warning: site_url is not set, so the printed handouts carry no web address; "
            "set it to the address where the site is published (see 'Before you run it' in README.md)"]
