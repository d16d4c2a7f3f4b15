"""Plain definitions live once, in the glossary: tooltips show them, the glossary page shows them
beside the full definition, and a handout's word list is generated from them."""

from __future__ import annotations

import yaml

from project_factory import Project
from workshop.model.site import load_site
from workshop.web import render

GLOSSARY = {"terms": [
    {"term": "outline application", "definition": "The first stage of a two-stage funding application.",
     "plain": "A short first version of a bid."},
    {"term": "impact", "definition": "The difference research makes beyond universities.",
     "plain": "The good that research does."},
    {"term": "Local Impact Fellowship", "abbr": "LIF", "definition": "A fellowship programme.",
     "plain": "A scheme that pays new researchers to work in health services."},
    {"term": "ENGAGE", "abbr": "ENGAGE", "definition": "An invented national advisory group.", "plain": "A group that ran until 2020."},
    {"term": "costings", "definition": "The budget of a proposal."},
    {"term": "seed money", "definition": "A small sum to start.", "plain": "A little money to begin."},
]}
CARD = """---
title: Cards
kind: exercise
objectives: [LO1]
---

# Cards

An outline
application is due, with the costings, for the Local Impact Fellowship (LIF). We engage people.
<!-- workshop:plain-words -->
"""


def site(tmp_path):
    p = Project(tmp_path / "p")
    p.write("data/glossary.yaml", yaml.safe_dump(GLOSSARY))
    p.add_page("docs/cards.md", CARD)
    p.save()
    loaded = load_site(p.root / "mkdocs.yml")
    return loaded, loaded.page("cards.md")


def test_the_word_list_holds_the_terms_the_page_uses_with_their_plain_definitions(tmp_path):
    s, page = site(tmp_path)
    words = render.plain_words(s, page)
    assert "**Outline application.** A short first version of a bid." in words      # across a line break
    assert "**Costings.** The budget of a proposal." in words                         # no plain: the definition
    assert "**Local Impact Fellowship (LIF).** A scheme that pays" in words
    assert "Impact." not in words             # only inside a longer name the page spells out
    assert "ENGAGE" not in words              # the verb engage is not the group
    assert "Seed money" not in words          # not on the page
    assert words.index("Costings") < words.index("Local Impact") < words.index("Outline")


def test_tooltips_show_the_plain_definition(tmp_path):
    s, page = site(tmp_path)
    marked = render.term_tooltips(s, page, page.body)
    assert '<abbr title="A short first version of a bid.">outline\napplication</abbr>' in marked
    assert '<abbr title="The good that research does.">' not in marked
    assert "*[LIF]: Local Impact Fellowship: A scheme that pays new researchers" in render.abbreviations(s, page)


def test_the_glossary_page_gives_the_plain_definition_first(tmp_path):
    s, page = site(tmp_path)
    text = render.glossary(s, page)
    assert ":   *In plain words:* A short first version of a bid.\n\n    *More precisely:* The first stage" in text
    assert ":   The budget of a proposal." in text
