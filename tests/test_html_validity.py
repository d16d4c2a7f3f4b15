"""The HTML validity check's allow-list (qa/html_allowlist.yaml, shipped with the engine): every entry
says why its error stays, and every entry is still needed, so the list shrinks when Material fixes an
error. Every workshop's own pages are validated by the site tests (workshop/sitetests)."""

from __future__ import annotations

import pytest

from project_factory import Project
from workshop.model.engine_files import engine_file
from workshop.qa import validity

ALLOWLIST = engine_file("qa", "html_allowlist.yaml")

SECTION_INDEX = """---
title: Exercises
kind: exercise
objectives: [LO1, LO2]
---

# Exercises

In groups, compare two definitions of co-production using the typology, then name one
compromise and one tension that each partner accepts, and the cost of each compromise.

## Before the exercise

Read the definitions page.

## After the exercise

Keep your notes.
"""


@pytest.mark.slow
def test_every_allowlist_entry_is_still_needed(tmp_path):
    """A small site with Material's features that the list's entries come from (navigation sections,
    section index pages, search): every entry still matches an error the validator reports there."""
    project = Project(tmp_path / "workshop")
    project.config["theme"]["features"] = ["navigation.sections", "navigation.indexes"]
    project.config["plugins"] = ["search", "workshop"]
    project.config["nav"] = [{"Definitions": "definitions.md"},
                             {"Group exercise": ["exercises/index.md", {"Exercise": "exercises/exercise.md"}]}]
    project.write("exercises/index.md", SECTION_INDEX)
    built = project.build()
    assert built.returncode == 0, built.stderr
    site = project.root / "site"
    messages = validity.validate(site)
    assert messages, "the validator reported nothing"
    stale = validity.unused(messages, validity.load_allowlist(ALLOWLIST))
    assert not stale, "allow-list entries that match no error any more (remove them):\n" + "\n".join(
        f"{ALLOWLIST.name}:{entry.line}: {entry.message.pattern}" for entry in stale)


def test_allowlist_entries_need_a_reason(tmp_path):
    listed = tmp_path / "allow.yaml"
    listed.write_text("- message: 'x'\n  reason: ok\n- message: 'y'\n", encoding="utf-8")
    with pytest.raises(validity.ValidatorError, match=r"allow.yaml:3: say why"):
        validity.load_allowlist(listed)


def test_the_shipped_allowlist_gives_a_reason_for_every_entry():
    entries = validity.load_allowlist(ALLOWLIST)
    assert entries and all(entry.reason for entry in entries)
