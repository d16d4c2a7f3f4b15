"""Everything a reader sees (pages, handouts, notebooks) is spelt in the site's language
(extra.workshop.language; British English by default); names and terms of the field are listed once,
in data/wordlist.txt."""

from __future__ import annotations


def test_pages_are_spelt_in_the_sites_language(project):
    from workshop.model.language import of_project
    from workshop.qa import spelling

    found = spelling.check(project)
    assert not found, (f"{len(found)} words not in {of_project(project).name} (correct them, or add a name or "
                       "term to data/wordlist.txt):\n" + "\n".join(m.text() for m in found))
