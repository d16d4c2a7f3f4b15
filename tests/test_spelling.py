"""The spelling check of pages, handouts and notebooks in the site's language, on synthetic pages; the
workshop's own pages are checked by scripts/workshop/sitetests/test_spelling.py. Names and terms of
the field are listed once in data/wordlist.txt."""

from __future__ import annotations

import pytest

from project_factory import Project
from workshop.qa import spelling


def test_checker_finds_american_forms_and_typos_and_skips_code(tmp_path):
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text(
        "---\ntitle: The color of trade-offs\nkind: concept\n---\n\n"
        "We organize teh workshop in the centre, with Exampel's practice and its programme.\n\n"
        "```python\ncolor = organize()\n```\n\n"
        "Run `analyze()` or see [the behaviour page](behavior.md) and <https://example.org/color>.\n"
        "<!-- workshop:timetable --> NHS, IKT and PhD are left alone [@example2018art].\n",
        encoding="utf-8")
    words = tmp_path / "words.txt"
    words.write_text("# names\ntrade-offs\n", encoding="utf-8")
    found = {(m.line, m.word): m.suggestion for m in spelling.check(tmp_path, wordlist=words)}
    assert set(found) == {(2, "color"), (6, "organize"), (6, "teh"), (6, "Exampel's")}
    assert found[(6, "organize")] == "organise"
    assert found[(2, "color")].startswith("colour")
    assert found[(6, "teh")].startswith("the")


def test_word_list_words_are_accepted(tmp_path):
    page = tmp_path / "exercises" / "page.md"
    page.parent.mkdir()
    page.write_text("---\nkind: exercise\n---\nExamplar and Samplin's coproduction.\n", encoding="utf-8")
    words = tmp_path / "words.txt"
    assert {m.word for m in spelling.check(tmp_path, wordlist=words)} == {"Examplar", "Samplin's", "coproduction"}
    words.write_text("examplar\nSamplin  # a name\ncoproduction\n", encoding="utf-8")
    assert spelling.check(tmp_path, wordlist=words) == []


def test_notebook_markdown_cells_are_checked_with_their_line(tmp_path):
    notebook = tmp_path / "exercises" / "nb.ipynb"
    notebook.parent.mkdir()
    notebook.write_text('{\n "cells": [\n  {\n   "cell_type": "markdown",\n   "metadata": {},\n'
                        '   "source": [\n    "# Title\\n",\n    "The color here.\\n"\n   ]\n  },\n'
                        '  {\n   "cell_type": "code",\n   "metadata": {},\n   "source": ["color = 1"],\n'
                        '   "outputs": [], "execution_count": null\n  }\n ],\n "metadata": {},\n'
                        ' "nbformat": 4,\n "nbformat_minor": 5\n}\n', encoding="utf-8")
    found = spelling.check(tmp_path, wordlist=tmp_path / "none.txt")
    assert [(m.line, m.word) for m in found] == [(8, "color")]


LANGUAGE_PAGE = ("---\ntitle: Charts\nkind: concept\n---\n\n"
                 "We organize the color chart in the center.\n\n"
                 "We organise the colour chart in the centre.\n")


def language_project(tmp_path, code: str | None) -> Project:
    project = Project(tmp_path / "p")
    if code:
        project.config["extra"]["workshop"]["language"] = code
    project.write("docs/definitions.md", LANGUAGE_PAGE)
    return project.save()


def test_a_site_in_british_english_reports_american_spellings(tmp_path):
    for code in ("en-GB", None):   # British English is the default
        root = language_project(tmp_path / (code or "default"), code).root
        found = {(m.line, m.word): m.suggestion for m in spelling.check(root, wordlist=root / "none.txt")}
        assert set(found) == {(6, "organize"), (6, "color"), (6, "center")}
        assert found[(6, "organize")] == "organise"


def test_a_site_in_american_english_passes_american_spellings_and_reports_british_ones(tmp_path):
    root = language_project(tmp_path, "en-US").root
    found = {(m.line, m.word): m.suggestion for m in spelling.check(root, wordlist=root / "none.txt")}
    assert set(found) == {(8, "organise"), (8, "colour"), (8, "centre")}
    assert found[(8, "organise")] == "organize"
    assert found[(8, "colour")].startswith("color")


def test_a_missing_dictionary_is_named_with_its_package(tmp_path, monkeypatch):
    from workshop.model.language import Language

    missing = Language("xx-XX", "Nowhere English", "xx_XX_none", "en_GB", "hunspell-xx")
    with pytest.raises(spelling.SpellingError, match=r"xx_XX_none.*apt-get install hunspell-xx"):
        spelling._hunspell(["word"], missing)
