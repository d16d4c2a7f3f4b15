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
