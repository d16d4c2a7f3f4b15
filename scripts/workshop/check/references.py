"""Stale references: text that names a handout or a card the workshop no longer has.

After a fork renumbers its handouts or swaps its scenario cards, the words that point at them
("see Handout 7", "Scenario D") stay behind unless something reads them. These checks read the
pages, the session's data files and the exercise's data against the navigation's numbering of
handouts and the cards the handouts hold (model/handout_index.py).
"""

from __future__ import annotations

import csv
import posixpath
import re
from collections.abc import Callable, Iterator

from workshop.model.handout_index import Numbered, card_handout, numbered_handouts, scenario_names
from workshop.model.site import Site

DATA_FILES = ("data/agenda.yaml", "data/session.yaml", "data/slides.yaml")
MENTION = re.compile(r"\bHandouts?\s+(\d+)((?:\s*(?:,|and|or|to|–|-)\s*\d+)*)")
TITLED = re.compile(r"\bHandout\s+(\d+)\s*:\s*([^\n\]|*]+)")
SCENARIO = re.compile(r"\b[Ss]cenario(?:\s+card)?\s+([A-Z])\b(?![\w-])")
COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.M)


def _texts(site: Site) -> Iterator[tuple[str, str, Callable[[int], int]]]:
    """(file, text, offset -> line) for every page's prose and, for the whole site, each data file
    (its comment lines blanked: they are notes to the trainer, not what a reader sees)."""
    for page in site.pages:
        if page.readable and page.doc is not None:
            yield page.rel, page.prose, page.body_line_of
            title = page.meta.get("title")
            if isinstance(title, str):
                yield page.rel, title, lambda offset, page=page: page.line_of("title")
    if not site.whole:
        return
    for rel in DATA_FILES:
        path = site.config.root / rel
        try:
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
        except (OSError, UnicodeDecodeError):
            continue      # reported where the file is read
        text = COMMENT_LINE.sub(lambda m: " " * len(m.group(0)), text)
        yield rel, text, lambda offset, text=text: text.count("\n", 0, offset) + 1


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def check_handout_numbers(site: Site) -> None:
    """Every 'Handout N' names a handout the navigation numbers N, with its title where one is given."""
    handouts = numbered_handouts(site.config)
    by_number: dict[int, Numbered] = {}
    for handout in handouts:
        if handout.number in by_number:
            site.problems.add("handout-mismatch", site.config.rel, handout.line, text=f"Handout {handout.number}: "
                              f"{handout.title}", reason=f"the navigation also numbers "
                              f"'{by_number[handout.number].title}' Handout {handout.number}")
        by_number.setdefault(handout.number, handout)
    by_path = {h.path: h for h in handouts}
    known = ", ".join(str(n) for n in sorted(by_number)) or "no handouts"
    for rel, text, line_of in _texts(site):
        if "Handout" not in text:
            continue
        for match in MENTION.finditer(text):
            for number in [match.group(1), *re.findall(r"\d+", match.group(2))]:
                if int(number) not in by_number:
                    site.problems.add("handout-unknown", rel, line_of(match.start()), text=f"Handout {number}",
                                      known=known)
        for match in TITLED.finditer(text):
            number, title = int(match.group(1)), _squash(match.group(2))
            if number not in by_number or title.startswith(_squash(by_number[number].title)):
                continue
            other = next((h for h in handouts if title.startswith(_squash(h.title))), None)
            if other is not None:
                site.problems.add("handout-mismatch", rel, line_of(match.start()),
                                  text=" ".join(match.group(0).split()),
                                  reason=f"it numbers '{other.title}' Handout {other.number}")
    for page in site.pages:
        for link in page.doc.links if page.readable and page.doc is not None else []:
            mention = re.match(r"\s*Handout\s+(\d+)", link.text)
            target = _resolve(page.site_path, link.href)
            if mention and target in by_path and int(mention.group(1)) != by_path[target].number:
                handout = by_path[target]
                site.problems.add("handout-mismatch", page.rel, link.line, text=" ".join(link.text.split()),
                                  reason=f"the link leads to Handout {handout.number}: {handout.title}")


def _resolve(site_path: str | None, href: str) -> str:
    """The site path a relative link leads to, from the page at site_path."""
    target = href.split("#", 1)[0].split("?", 1)[0]
    if not target or "://" in target or target.startswith(("/", "mailto:")) or site_path is None:
        return ""
    return posixpath.normpath(posixpath.join(posixpath.dirname(site_path), target))


def check_cards(site: Site) -> None:
    """The text and the typed-up post-its name only scenario cards the scenario-cards handout has."""
    scenarios = scenario_names(site)
    if scenarios is not None:
        cards = {"handout": f"'{card_handout(site, 'scenario').title}'", "known": ", ".join(scenarios) or "none"}
        for rel, text, line_of in _texts(site):
            for match in SCENARIO.finditer(text) if "cenario" in text else ():
                if match.group(1) not in scenarios:
                    site.problems.add("scenario-unknown", rel, line_of(match.start()), what="the text",
                                      card=match.group(1), **cards)
        if site.whole:
            _check_postits(site, scenarios, cards)
    # The group plan itself is made from these handouts (model/cards.py), so it cannot name a card
    # they lack; what can go stale is the text and the typed-up data, checked above.


def _check_postits(site: Site, scenarios: tuple[str, ...], cards: dict[str, str]) -> None:
    """The exercise's CSV data (typed-up post-its) names only scenario cards that exist."""
    if not site.config.exercises_dir.is_dir():
        return
    for path in sorted(site.config.exercises_dir.rglob("*.csv")):
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        rows = [(number, line) for number, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
        if not rows:
            continue
        header = next(csv.reader([rows[0][1]]))
        if "scenario" not in header:
            continue
        column = header.index("scenario")
        rel = path.relative_to(site.config.root).as_posix()
        for number, line in rows[1:]:
            cells = next(csv.reader([line]), [])
            value = cells[column].strip() if column < len(cells) else ""
            if value and value not in scenarios:
                site.problems.add("scenario-unknown", rel, number, what="the row", card=value, **cards)
