"""Strings from the data files and the configuration are text wherever they meet HTML.

Every string field of every data file (bibliography, glossary, agenda) and of the workshop's
identity and objectives is set to an HTML or JavaScript payload; the site is built and its
HTML parsed: no element, event attribute or URL scheme from a payload survives.
"""

from __future__ import annotations

import itertools

import pytest
import yaml
from bs4 import BeautifulSoup

from project_factory import CONCEPT_PAGE, Project

PAYLOADS = [
    "<script>window.PWNED=1</script>",
    '<img src=x onerror="window.PWNED=1">',
    '"><svg onload=window.PWNED=1>',
    "[click](javascript:window.PWNED=1)",
    "<a href='javascript:window.PWNED=1'>x</a>",
    "text{: onclick=\"window.PWNED=1\" }",
    "<iframe src=data:text/html,PWNED></iframe>",
    "&lt;script&gt;PWNED&lt;/script&gt;",
    "*[HTML]: <b onmouseover=PWNED>",
    "<!-- --><script>PWNED</script>",
]

pytestmark = pytest.mark.slow


def payloads():
    return itertools.cycle(PAYLOADS)


def poisoned_project(tmp_path) -> Project:
    supply = payloads()
    project = Project(tmp_path / "project")
    workshop = project.config["extra"]["workshop"]
    for key in ("title", "short_title", "institution", "event", "venue", "date"):
        workshop[key] = next(supply)
    workshop["organisers"] = [next(supply), next(supply)]
    project.config["extra"]["materials"]["post-its"]["label"] = next(supply)
    project.config["extra"]["reading_list"] = {"definitions": next(supply)}
    for objective in project.config["extra"]["objectives"]:
        objective["short"] = next(supply)
        objective["statement"] = "Distinguish " + next(supply) + " co-production definition typology stakeholder."
        objective["concepts"] = objective["concepts"] + [next(supply)]
    entries = []
    for number in range(3):
        entries.append({"key": f"source{number}", "type": "article", "authors": [next(supply), "Example, " + next(supply)],
                        "year": 2018, "title": next(supply), "venue": next(supply), "volume": next(supply),
                        "issue": next(supply), "pages": next(supply), "topics": ["definitions"],
                        "url": "javascript:window.PWNED=1" if number == 0 else "https://example.org/\"onmouseover=PWNED"})
    entries.append({"key": "<script>PWNED</script>", "type": "article", "authors": ["A, B"], "year": 2018,
                    "title": "t", "venue": "v", "doi": "10.1000/\"><script>PWNED</script>"})
    project.write("data/bibliography.yaml", yaml.safe_dump(entries, allow_unicode=True))
    project.write("data/glossary.yaml", yaml.safe_dump({"terms": [
        {"term": "Co-production " + next(supply), "definition": next(supply)},
        {"term": "Stakeholder", "abbr": "STK", "definition": next(supply)},
        {"term": "typology", "definition": next(supply), "see": next(supply)},
    ]}, allow_unicode=True))
    project.write("data/agenda.yaml", yaml.safe_dump({"blocks": [
        {"id": "intro", "title": next(supply), "minutes": 30, "mode": "didactic", "objectives": ["LO1"],
         "facilitator": next(supply), "prompts": [next(supply), next(supply)], "say": next(supply),
         "steps": [{"minutes": 1, "do": next(supply)}]},
        {"id": "work", "title": next(supply), "minutes": 30, "mode": "interactive", "objectives": ["LO2"],
         "facilitator": next(supply), "prompts": [next(supply)]},
    ]}, allow_unicode=True))
    workshop.update({"remote_groups": 1, "support_contact": next(supply),
                     "online": {"link": next(supply), "board": next(supply), "host": next(supply)}})
    project.write("data/session.yaml", yaml.safe_dump({
        "rules_block": "intro", "rules_read_aloud": "limits",
        "confidentiality": {"rule": next(supply), "limits": [{"title": next(supply), "text": next(supply)}]},
        "support_sources": [{"title": next(supply), "text": next(supply)}, next(supply)],
        "online": {"breakout_blocks": ["work"], "blocks": {"work": {"do": next(supply), "hand_back": next(supply)}}},
    }, allow_unicode=True))
    markers = "\n\n".join(f"<!-- workshop:{name} -->" for name in (
        "objectives", "objective-statements", "reading-list", "glossary", "timetable", "block-guide", "materials",
        "title", "short-title", "organisers", "institution", "event", "date", "venue", "rating-table",
        "run-sheet", "facilitator-view", "hybrid-run-sheet", "block-timings", "before-you-run", "support-contact",
        "support-list", "online-timings"))
    project.add_page("docs/everything.md", "---\nkind: reference\nobjectives: [LO1]\n---\n\n# Everything\n\n"
                     + markers + "\n\nCited [@source0; @source1; @source2] with STK.\n")
    project.write("docs/definitions.md", CONCEPT_PAGE + "\nA typology of co-production and STK [@source1].\n")
    return project


def test_no_payload_from_the_data_reaches_the_html(tmp_path):
    project = poisoned_project(tmp_path)
    result = project.build("--no-strict") if False else project.build()
    # The strict build refuses the bad URL, DOI and key; a draft build must still publish nothing unsafe.
    assert result.returncode != 0 and "bibliography" in result.stdout + result.stderr
    draft = project.root / "mkdocs.yml"
    config = yaml.safe_load(draft.read_text(encoding="utf-8"))
    config["strict"] = False
    draft.write_text(yaml.safe_dump(config), encoding="utf-8")
    import subprocess
    import sys

    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project.root / "site")],
                           capture_output=True, text=True, cwd=project.root)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    pages = sorted((project.root / "site").rglob("*.html"))
    assert pages
    everything = (project.root / "site" / "everything" / "index.html").read_text(encoding="utf-8")
    assert "Distinguish" in everything and "Cited" in everything  # the markers were expanded
    assert "Online group:" in everything and "Read aloud" in everything and "fv-block" in everything
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            assert element.name not in ("iframe",), f"{path}: a payload element <{element.name}>"
            if element.name in ("script", "svg", "img"):
                assert "PWNED" not in str(element), f"{path}: {element}"
            for attribute, value in element.attrs.items():
                shown = " ".join(value) if isinstance(value, list) else str(value)
                assert not attribute.lower().startswith("on"), f"{path}: event attribute {attribute} on <{element.name}>"
                if attribute in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not shown.strip().lower().startswith(("javascript:", "data:", "vbscript:")), f"{path}: {shown}"
                assert "PWNED" not in shown or attribute in ("title", "content", "alt", "aria-label"), \
                    f"{path}: payload in attribute {attribute}={shown!r}"
