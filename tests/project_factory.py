"""A small, complete workshop project written into a temporary folder for tests.

Tests start from a project that passes every check, then break one thing and assert the
exact message a trainer would see.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

OBJECTIVES = [
    {"id": "LO1", "short": "Definitions", "statement": "Distinguish the main definitions of co-production.",
     "concepts": ["co-production", "definition", "typology", "stakeholder"]},
    {"id": "LO2", "short": "Compromises", "statement": "Identify the compromises that co-production involves.",
     "concepts": ["compromise", "tension", "trade-off", "cost", "impact"]},
]

CONCEPT_PAGE = """---
title: Definitions
kind: concept
objectives: [LO1]
---

# Definitions

Co-production has more than one definition. A typology sorts its forms by stakeholder and by
stage, and each definition stresses a different stakeholder.
"""

EXERCISE_PAGE = """---
title: Exercise
kind: exercise
objectives: [LO1, LO2]
---

# Exercise

In groups, compare two definitions of co-production using the typology, then name one
compromise and one tension that each partner accepts, and the cost of each compromise.
"""


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = {
            "site_name": "Test workshop",
            "docs_dir": "docs",
            "theme": {"name": "material", "font": False},
            "markdown_extensions": ["abbr", "attr_list", "md_in_html", "tables", "def_list", "toc"],
            "plugins": ["workshop"],

            "extra": {
                "workshop": {"title": "Test workshop", "session_minutes": 60, "start_time": "09:00",
                             "participants": 10, "groups": 2},
                "objectives": [dict(o) for o in OBJECTIVES],
                "kinds": {"concept": {"interactive": False, "slides": True}, "exercise": {"interactive": True},
                          "handout": {"interactive": True, "printed": True, "requires": ["page_budget", "print_for"]},
                          "case-study": {"interactive": False, "case": True, "requires": ["case"]},
                          "reference": {"interactive": False, "evidence": False}},
                "alignment": {"min_terms": 2, "mismatch_ratio": 3, "mismatch_min_terms": 4},
                "vocabulary": {"stages": ["design", "conduct"], "country": ["england", "canada"]},
                "materials": {"post-its": {"label": "Post-it pads", "per_participant": 1}},
                "readability": {"kinds": []},  # tests that need summaries name their kinds
            },
            "nav": [{"Definitions": "definitions.md"}, {"Exercise": "exercises/exercise.md"}],
        }
        self.files: dict[str, str] = {
            "docs/definitions.md": CONCEPT_PAGE,
            "exercises/exercise.md": EXERCISE_PAGE,
        }

    # -- editing
    def write(self, rel: str, text: str | bytes) -> Path:
        self.files[rel] = text
        return self.root / rel

    def add_page(self, rel: str, text: str, nav_title: str | None = None) -> None:
        self.write(rel, text)
        nav_path = rel[len("docs/"):] if rel.startswith("docs/") else rel
        self.config["nav"].append({nav_title or Path(rel).stem: nav_path})

    def save(self) -> "Project":
        self.root.mkdir(parents=True, exist_ok=True)
        docs = self.root / "docs"
        if self.config.get("docs_dir", "docs") == "docs" and not docs.exists() and not docs.is_symlink():
            docs.mkdir()   # MkDocs needs it, if empty
        (self.root / "mkdocs.yml").write_text(yaml.safe_dump(self.config, sort_keys=False), encoding="utf-8")
        for rel, text in self.files.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return self

    # -- running
    def check(self, *args: str) -> subprocess.CompletedProcess:
        """What `python scripts/check_objectives.py ARGS` prints and returns in the project folder.

        The checker's front end runs in this process, which saves starting Python for each of
        the many checks. check_script runs the script itself."""
        from workshop.frontends.check import main

        self.save()
        stdout, stderr = io.StringIO(), io.StringIO()
        before = os.getcwd()
        os.chdir(self.root)
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    code = main(list(args))
                except SystemExit as exit:  # the argument parser's exit on a bad option
                    code = exit.code if isinstance(exit.code, int) else 1
        finally:
            os.chdir(before)
        return subprocess.CompletedProcess(["check_objectives.py", *args], code, stdout.getvalue(), stderr.getvalue())

    def check_script(self, *args: str) -> subprocess.CompletedProcess:
        """The checker as a trainer starts it: the script, in its own Python, in the project folder."""
        self.save()
        return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_objectives.py"), *args],
                              capture_output=True, text=True, cwd=self.root)

    def build(self, *args: str) -> subprocess.CompletedProcess:
        self.save()
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                               "--site-dir", str(self.root / "site"), *args],
                              capture_output=True, text=True, cwd=self.root)


def card_blocks(*headings: str, text: str = "A fictional card.") -> str:
    """Cards as a card handout holds them: one handout-card block each, named by its '##' heading."""
    return "".join(f'<div class="handout-card" markdown>\n\n## {heading}\n\n{text}\n\n</div>\n\n' for heading in headings)


def extra(path: str, value):
    """An edit of a Project that sets extra.<path> (dotted) in its mkdocs.yml to value."""
    def edit(project: Project) -> None:
        node = project.config["extra"]
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return edit


def notebook(meta: dict | None, cells: list[dict] | None = None) -> str:
    return json.dumps({
        "cells": cells if cells is not None else [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Notebook\n", "A definition and a typology."]}],
        "metadata": {"workshop": meta} if meta is not None else {},
        "nbformat": 4, "nbformat_minor": 5,
    }, indent=1)


def handout_page(number: int, name: str, body: str, page_budget: int = 1, cards: str | None = None) -> str:
    """A printed handout page for the group, serving LO1 and LO2, with the words the checker
    looks for; body follows its opening paragraph. cards: 'scenario' or 'role' for a card handout."""
    holds = f"cards: {cards}\n" if cards else ""
    return f"""---
title: "Handout {number}: {name}"
kind: handout
objectives: [LO1, LO2]
page_budget: {page_budget}
print_for: group
{holds}---

# Handout {number}: {name}

Classify your project with the typology of co-production: each definition and each stakeholder.
Then name the compromise, the tension and the cost it brings.

{body}"""


# ---------------------------------------------------------------- a fuller synthetic workshop
# What most workshops add to the minimal project: a timed agenda, the session data, a glossary, a
# bibliography with a reading list, a case study, numbered handouts with scenario and role cards,
# an online group and the identity of the day. Everything in it is invented for the tests.

AGENDA = """\
blocks:
  - id: opening
    title: Opening and ground rules
    minutes: 15
    mode: didactic
    objectives: [LO1]
    facilitator: Read the limits of confidentiality, then show the two definitions.
  - id: sorting
    title: Sorting the examples
    minutes: 15
    mode: interactive
    objectives: [LO1]
    pages: [exercises/handouts/brief.md]
  - id: pause
    title: Break
    minutes: 5
    mode: break
  - id: input
    title: Compromises and their costs
    minutes: 15
    mode: didactic
    objectives: [LO2]
  - id: telling
    title: Telling our own stories
    minutes: 15
    mode: interactive
    objectives: [LO2]
    pages: [exercises/handouts/cards.md]
"""

SESSION = """\
rules_block: opening
ground_rules:
  - title: No names
    text: Describe a project by its roles, never by the names of the people in it.
  - title: The right to pass
    text: Nobody has to tell a story, and anyone may stop part-way.
confidentiality:
  rule: One rule holds for what is said in the room.
  limits:
    - title: A risk of harm
      text: A concern that someone may come to harm is passed on to the named contact.
collection: Nothing personal is collected; each group keeps its own notes.
group_composition:
  - Public contributors are never alone in a group.
support_sources:
  - title: The contact for the day
    text: The named contact for the day, in the room or by telephone.
safeguarding:
  - title: Listen first
    text: Listen, then tell the person what happens next.
sharing_formats:
  - id: at-the-tables
    title: At the tables
    block: telling
    setup: 2
    minutes_each: 2
    questions_each: 1
    harvest: 2
    largest_group: 4
  - id: in-breakout-rooms
    title: In breakout rooms
    where: online
    minutes: 20
    setup: 2
    minutes_each: 2
    questions_each: 1
    harvest: 2
    largest_group: 4
online:
  breakout_blocks: [telling]
  blocks:
    telling:
      do: The online group tells its stories in its own breakout room.
      hand_back: One lesson, typed into the shared board.
run_sheet:
  opening:
    say: Welcome everyone, then read the limits of confidentiality.
    collect: Nothing.
"""

GLOSSARY = """\
terms:
  - term: typology
    definition: A way of sorting the forms of something into types.
    plain: A way to sort things into groups.
  - term: participatory research
    abbr: PR
    definition: Research done with the people it concerns rather than about them.
"""

BIBLIOGRAPHY = """\
- key: fictional2001forms
  type: article
  authors: ['Example, Ann', 'Sample, Ben']
  year: 2001
  title: The forms of working together
  venue: Journal of Invented Studies
  topics: [definitions]
- key: invented2010costs
  type: book
  authors: ['Placeholder, Cara']
  year: 2010
  title: What compromise costs
  venue: Imaginary Press
  topics: [compromises]
"""

CASE_TEMPLATE = "---\nkind: case-study\n---\n\n# Case\n\n## What happened\n\n## Lessons\n\n## Sources\n"

CASE_PAGE = """---
title: A fictional case
kind: case-study
objectives: [LO1]
case:
  stages: [design]
  country: [england]
---

# A fictional case

## What happened

An invented team compared two definitions of co-production with a typology and named each
stakeholder [@fictional2001forms; @invented2010costs]. Theirs was participatory research (PR).

## Lessons

Each definition gave each stakeholder a different part.

## Sources

Both sources are cited above.
"""


def full_workshop(root: Path) -> Project:
    """The minimal project with everything a workshop usually adds (see above); it passes every check."""
    project = Project(root)
    extra = project.config["extra"]
    extra["workshop"].update({"session_minutes": 65, "short_title": "Test", "organisers": ["Ann Example", "Ben Sample"],
                              "institution": "An invented university", "event": "A fictional meeting",
                              "date": "1 January 2030", "venue": "Room 1", "support_contact": "Cara, on 0100 000000",
                              "remote_groups": 1, "online": {"link": "the call's link", "board": "the shared board",
                                                             "host": "Dan"}})
    extra["reading_list"] = {"definitions": "Definitions", "compromises": "Compromises"}
    extra["evaluation"] = {"questions": [{"id": "words", "statement": "I could follow the words used."}]}
    project.write("data/agenda.yaml", AGENDA)
    project.write("data/session.yaml", SESSION)
    project.write("data/glossary.yaml", GLOSSARY)
    project.write("data/bibliography.yaml", BIBLIOGRAPHY)
    project.write("docs/definitions.md", CONCEPT_PAGE + "\nOne typology of participatory research (PR) sorts it by "
                  "stakeholder [@fictional2001forms].\n")
    project.write("templates/case-study.md", CASE_TEMPLATE)   # the sections a case study has
    project.add_page("docs/case.md", CASE_PAGE, "A fictional case")
    project.add_page("exercises/handouts/brief.md", handout_page(1, "The brief", "Read the brief, then sort the examples.\n"),
                     "Handout 1: The brief")
    project.add_page("exercises/handouts/cards.md", handout_page(2, "Cards", card_blocks(
        "Scenario A: A clinic", "Scenario B: A school") + card_blocks("Role 1: The researcher", "Role 2: The carer"),
        cards="scenario"), "Handout 2: Cards")
    return project
