"""Every rule is proved: each rule of the rules table has a fixture that must fire it, and the
clean project fires none. Removing any one check from the checker makes its fixture fail.

Rules raised by the printing and slide tools are proved by their own tests, named here; the
meta-test checks that those tests exist.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Callable

import pytest
import yaml

from project_factory import CONCEPT_PAGE, ROOT, Project, card_blocks, extra, handout_page, notebook
from workshop.check.checks import run_checks
from workshop.model.config import load_config
from workshop.outputs.exercise_data import DataError, read_postits, read_ratings
from workshop.outputs.worksheet_data import read_worksheets
from workshop.model.rules import RULES
from workshop.model.site import load_site

# Rules that only the printing, slides and output tools raise, and the test that fires each.
PROVED_ELSEWHERE = {
    "handout-over-budget": "tests/test_handouts_print.py",
    "handout-last-page-nearly-empty": "tests/test_handouts_print.py",
    "handout-type-too-small": "tests/test_handouts_print.py",
    "output-protected": "tests/test_slides.py",
    "notebook-error": "tests/test_notebooks.py",   # found by running the notebook, in the build
    "notebook-image-unlabelled": "tests/test_notebooks.py",
    **{code: "tests/test_slides.py" for code in (
        "slides-template-missing", "slides-template-unusable", "slides-template-layout", "slides-figure",
        "slides-over-budget", "slides-too-many-words", "slides-no-figure", "slides-cut-text", "slides-source",
        "slides-data-invalid", "slides-block-missing", "slides-overflow", "slides-rules-missing", "slides-colour",
        "slides-figure-text-small")},
}


def codes(project: Project) -> set[str]:
    project.save()
    return {p.code for p in run_checks(load_site(project.root / "mkdocs.yml")).problems.sorted()}


def csv_codes(tmp_path: Path, kind: str, text: str | bytes) -> set[str]:
    path = tmp_path / "data.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    try:
        if kind == "answers":   # a synthetic workshop that asks one question on taking part
            project = Project(tmp_path / "answers")
            extra("evaluation", {"questions": [{"id": "q1", "statement": "I could follow the words."}]})(project)
            read_ratings(path, load_config(project.save().root / "mkdocs.yml"))
        else:   # the synthetic workshop's stages (design, conduct) and objectives (LO1, LO2)
            config = load_config(Project(tmp_path / "workshop").save().root / "mkdocs.yml")
            reader = {"worksheets": read_worksheets, "postits": read_postits, "ratings": read_ratings}[kind]
            reader(path, config)
    except DataError as error:
        return {p.code for p in error.problems}
    return set()


def page(front: str, body: str = "A definition and a typology of co-production, by stakeholder.\n"):
    return lambda p: p.add_page("docs/fixture.md", f"---\n{front}\n---\n\n# Fixture\n\n{body}", "Fixture")


def body(text: str):
    return page("kind: concept\nobjectives: [LO1]", text)


AGENDA = {"blocks": [
    {"id": "intro", "title": "Introduction", "minutes": 30, "mode": "didactic", "objectives": ["LO1"]},
    {"id": "work", "title": "Group work", "minutes": 30, "mode": "interactive", "objectives": ["LO2"]},
]}


def agenda(change: Callable[[dict], None]):
    def edit(p: Project) -> None:
        data = json.loads(json.dumps(AGENDA))
        change(data)
        p.write("data/agenda.yaml", yaml.safe_dump(data))
    return edit


def data(rel: str, text: str):
    return lambda p: p.write(rel, text)


def glossary(*terms: dict):
    return data("data/glossary.yaml", yaml.safe_dump({"terms": list(terms)}))


def bibliography(*entries: dict):
    return data("data/bibliography.yaml", yaml.safe_dump(list(entries)))


ENTRY = {"key": "fictional2001forms", "type": "article", "authors": ["Example, Ann"], "year": 2001,
         "title": "The forms of working together", "venue": "Journal of Invented Studies"}
CASE_FRONT = ("kind: case-study\nobjectives: [LO1]\ncase:\n  stages: [design]\n  country: [england]")
CASE_TEMPLATE = "---\nkind: case-study\n---\n\n# Case\n\n## What happened\n\n## Lessons\n\n## Sources\n"
CASE_BODY = ("## What happened\n\nA definition and a typology of co-production, by stakeholder [@a2018; @b2018].\n\n"
             "## Lessons\n\nEach definition names a stakeholder.\n\n## Sources\n\nSee above.\n")


def case(front: str = CASE_FRONT, text: str = CASE_BODY):
    def edit(p: Project) -> None:
        p.write("templates/case-study.md", CASE_TEMPLATE)
        p.write("data/bibliography.yaml", yaml.safe_dump([{**ENTRY, "key": "a2018"}, {**ENTRY, "key": "b2018"}]))
        page(front, text)(p)
    return edit


def symlink(target: str, name: str = "link"):
    def edit(p: Project) -> None:
        p.save()
        (p.root / "docs" / name).symlink_to(p.root / "docs" if target == "loop" else target)
    return edit


def unreadable_codes(tmp_path: Path) -> set[str]:
    """A file that exists but cannot be read (here a folder; as root, permissions never stop a read)."""
    from workshop.model.problems import Problems
    from workshop.model.text import read_text

    problems = Problems()
    (tmp_path / "folder.md").mkdir()
    read_text(tmp_path / "folder.md", "folder.md", problems)
    return {p.code for p in problems.sorted()}


def session(text: str):
    return data("data/session.yaml", text)


SHARING = """rules_block: intro
ground_rules: [{title: Rule, text: Be kind.}]
sharing_formats:
  - id: pairs
    title: In pairs
    block: work
    setup: 1
    minutes_each: MINUTES
    questions_each: 1
    round: 1
    harvest: 1
    largest_group: 3
"""

def handouts(*more: Callable[[Project], None]):
    """Two numbered handouts, the second holding scenario cards A and B, then the edits `more`."""
    def edit(p: Project) -> None:
        p.add_page("exercises/handouts/brief.md", handout_page(1, "The brief", "Read the brief first.\n"),
                   "Handout 1: The brief")
        p.add_page("exercises/handouts/cards.md", handout_page(2, "Scenario cards", card_blocks(
            "Scenario A: One", "Scenario B: Two"), cards="scenario"), "Handout 2: Scenario cards")
        for change in more:
            change(p)
    return edit


# rule -> an edit of the clean project that must make the checker raise it
FIRES: dict[str, Callable[[Project], None]] = {
    "file-encoding": lambda p: p.add_page("docs/fixture.md", "---\nkind: concept\n---\nCaf\xe9".encode("latin-1"), "F"),
    "file-bom": lambda p: p.add_page("docs/fixture.md", "\ufeff" + CONCEPT_PAGE, "F"),
    "file-empty": lambda p: p.add_page("docs/fixture.md", "", "F"),
    "front-matter-missing": lambda p: p.add_page("docs/fixture.md", "# No front matter\n", "F"),
    "page-limit": body("[" * 5000 + "]" * 5000 + "\n"),
    "front-matter-unclosed": lambda p: p.add_page("docs/fixture.md", "---\nkind: concept\n# H\n", "F"),
    "front-matter-tab": lambda p: p.add_page("docs/fixture.md", "---\nkind:\tconcept\n---\n# H\n", "F"),
    "front-matter-yaml": page("kind: concept\nobjectives: [LO1\n"),
    "front-matter-not-mapping": lambda p: p.add_page("docs/fixture.md", "---\n- a\n---\n# H\n", "F"),
    "front-matter-unknown-key": page("kind: concept\nobjectives: [LO1]\ncolour: blue"),
    "kind-missing": page("objectives: [LO1]"),
    "kind-unknown": page("kind: lecture\nobjectives: [LO1]"),
    "kind-requires": page("kind: handout\nobjectives: [LO1]"),
    "objectives-missing": page("kind: concept"),
    "objectives-not-list": page("kind: concept\nobjectives: LO1"),
    "objectives-empty": page("kind: concept\nobjectives: []"),
    "objective-unknown": page("kind: concept\nobjectives: [LO9]"),
    "objective-repeated": page("kind: concept\nobjectives: [LO1, LO1]"),
    "value-invalid": page("kind: concept\nobjectives: [LO1]\ntitle: [a]"),
    "not-in-nav": lambda p: p.write("docs/orphan.md", CONCEPT_PAGE),
    "nav-missing-file": lambda p: p.config["nav"].append({"Gone": "gone.md"}),
    "objective-unserved": extra("objectives", [*yaml.safe_load(yaml.safe_dump(Project(Path("x")).config["extra"]["objectives"])),
                                               {"id": "LO3", "statement": "Explain the research team roles.",
                                                "concepts": ["team"]}]),
    "objective-no-activity": lambda p: p.files.__setitem__("exercises/exercise.md", p.files["exercises/exercise.md"]
                                                           .replace("kind: exercise", "kind: concept")),
    "evidence-missing": body("Nothing here is about the objective.\n"),
    "evidence-mismatch": page("kind: concept\nobjectives: [LO1]",
                              "A definition. Every compromise has a tension, a trade-off, a cost and an impact.\n"),
    "config-objective-invalid": extra("objectives", [{"id": "LO1", "statement": "Two words", "concepts": ["x"]}]),
    "config-objective-duplicate": lambda p: p.config["extra"]["objectives"].append(dict(p.config["extra"]["objectives"][0])),
    "objective-verb-refused": lambda p: p.config["extra"]["objectives"][0].__setitem__(
        "statement", "Understand the main definitions of co-production."),
    "objective-verb-unknown": lambda p: p.config["extra"]["objectives"][0].__setitem__(
        "statement", "Frobnicate the main definitions of co-production."),
    "config-invalid": extra("alignment.min_terms", "two"),
    "citation-unknown": body("A definition and a typology of co-production, by stakeholder [@nobody2020].\n"),
    "bibliography-invalid": bibliography({**ENTRY, "year": "2018"}),
    "bibliography-duplicate": bibliography(ENTRY, json.loads(json.dumps(ENTRY))),
    "abbreviation-undefined": body("A definition and a typology of co-production, by stakeholder, in the NHS.\n"),
    "glossary-unused": glossary({"term": "Zeugma", "definition": "A figure of speech."}),
    "glossary-invalid": glossary({"term": "Zeugma"}),
    "placeholder-text": body("A definition and a typology of co-production, by stakeholder. TODO: more.\n"),
    "image-alt-missing": body("A definition and a typology of co-production, by stakeholder.\n\n![](x.png)\n"),
    "svg-title-missing": data("docs/figure.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'),
    "heading-skip": body("A definition and a typology of co-production, by stakeholder.\n\n### Too deep\n"),
    "marker-unknown": body("A definition and a typology of co-production, by stakeholder.\n\n<!-- workshop:nonsense -->\n"),
    "case-section-missing": case(text="A definition and a typology of co-production, by stakeholder [@a2018; @b2018].\n"),
    "case-section-order": case(text=CASE_BODY.replace("## What happened", "## X").replace("## Lessons", "## What happened")
                               .replace("## X", "## Lessons")),
    "case-section-empty": case(text=CASE_BODY.replace("Each definition names a stakeholder.", "<!-- to do -->")),
    "case-vocabulary": case(front=CASE_FRONT.replace("[design]", "[planning]")),
    "case-facet-missing": case(front=CASE_FRONT.replace("  country: [england]", "")),
    "case-too-few-sources": case(text=CASE_BODY.replace("[@a2018; @b2018]", "[@a2018]")),
    "agenda-invalid": agenda(lambda a: a["blocks"][0].__setitem__("mode", "lecture")),
    "agenda-unbalanced": agenda(lambda a: (a["blocks"][0].__setitem__("minutes", 40),
                                           a["blocks"][1].__setitem__("minutes", 20))),
    "agenda-length": agenda(lambda a: a["blocks"][1].__setitem__("minutes", 31)),
    "agenda-block-overrun": agenda(lambda a: a["blocks"][0].update(
        {"say": "Read this aloud. " * 140, "steps": [{"minutes": 27, "do": "Present the slides"}]})),
    "agenda-objective-no-time": agenda(lambda a: a["blocks"][1].__setitem__("objectives", ["LO1"])),
    "agenda-page-unknown": agenda(lambda a: a["blocks"][0].__setitem__("pages", ["gone.md"])),
    "agenda-material-unknown": agenda(lambda a: a["blocks"][0].__setitem__("materials", ["crayons"])),
    "summary-missing": extra("readability.kinds", ["concept"]),
    "summary-too-long": lambda p: (extra("readability.kinds", ["concept"])(p), p.write("docs/definitions.md", CONCEPT_PAGE.replace(
        "# Definitions\n", "# Definitions\n\n!!! summary \"In brief\"\n\n    " + "We say what it means. " * 30 + "\n")))[-1],
    "summary-hard-to-read": lambda p: (extra("readability.kinds", ["concept"])(p), p.write("docs/definitions.md", CONCEPT_PAGE.replace(
        "# Definitions\n", "# Definitions\n\n!!! summary \"In brief\"\n\n    Epistemological heterogeneity necessitates "
        "institutionalised organisational reconfiguration.\n")))[-1],
    "page-hard-to-read": extra("readability.plain_pages", ["exercises/exercise.md"]),
    "glossary-plain-missing": lambda p: (extra("readability.plain_glossary", True)(p),
                                         glossary({"term": "typology", "definition": "A way of sorting forms."})(p)),
    "glossary-plain-hard-to-read": lambda p: (extra("readability.plain_glossary", True)(p), glossary(
        {"term": "typology", "definition": "A way of sorting forms.",
         "plain": "Epistemological heterogeneity necessitates institutionalised organisational reconfiguration."})(p)),
    "objective-plain-hard-to-read": lambda p: p.config["extra"]["objectives"][0].__setitem__(
        "plain", "I can differentiate epistemological heterogeneity across institutionalised organisational configurations."),
    "symlink-outside": symlink("/etc/hostname"),
    "symlink-loop": symlink("loop"),
    "special-file": lambda p: (p.save(), os.mkfifo(p.root / "docs" / "pipe.md")),
    "file-name-encoding": lambda p: p.write(os.fsdecode(b"docs/caf\xe9.md"), CONCEPT_PAGE),
    "notebook-invalid": lambda p: (p.write("exercises/n.ipynb", "{not json"), p.config["nav"].append({"N": "exercises/n.ipynb"})),
    "notebook-metadata-missing": lambda p: (p.write("exercises/n.ipynb", notebook(None)),
                                            p.config["nav"].append({"N": "exercises/n.ipynb"})),
    "notebook-outputs": lambda p: (p.write("exercises/n.ipynb", notebook({"kind": "exercise", "objectives": ["LO1"]}, [
        {"cell_type": "code", "metadata": {}, "source": ["1"], "outputs": [{"output_type": "stream", "name": "stdout",
                                                                            "text": ["1"]}], "execution_count": 1}])),
                                   p.config["nav"].append({"N": "exercises/n.ipynb"})),
    "session-invalid": session("ground_rules: a rule\n"),
    "handout-unknown": handouts(body("A definition and a typology of co-production, by stakeholder: see Handout 7.\n")),
    "handout-mismatch": handouts(body("A definition and a typology of co-production, by stakeholder: see "
                                      "[Handout 2: The brief](exercises/handouts/brief.md).\n")),
    "scenario-unknown": handouts(body("A definition and a typology of co-production, by stakeholder, in Scenario E.\n")),
    "sharing-format-overrun": session(SHARING.replace("MINUTES", "30")),
    "session-section-missing": lambda p: (session(SHARING.replace("MINUTES", "1"))(p), body(
        "A definition and a typology of co-production, by stakeholder.\n\n<!-- workshop:safeguarding -->\n")(p)),
    "ground-rules-late": lambda p: (agenda(lambda a: a["blocks"].reverse())(p),
                                    session(SHARING.replace("MINUTES", "1"))(p)),
}

# rule -> (the kind of CSV, its text) that must make the data tools raise it
POSTITS = "group,stage,text\n"
WORKSHEETS = "group,order,step\n"
RATINGS = "participant,LO1_before,LO1_after,LO2_before,LO2_after\n"
CSV_FIRES = {
    "data-file-empty": ("postits", ""),
    "file-too-large": ("postits", "group,stage,text\n" + ("A,design," + "x" * 1000 + "\n") * 6000),
    "data-encoding": ("postits", (POSTITS + "Café,design,x\n").encode("latin-1")),
    "data-column-missing": ("postits", "group,stage\nA,design\n"),
    "data-column-repeated": ("postits", "group,group,stage,text\nA,A,design,x\n"),
    "data-no-rows": ("postits", POSTITS),
    "data-nul": ("postits", POSTITS + "A,design,a\x00b\n"),
    "data-csv": ("postits", POSTITS + 'A,design,"never closed\n'),
    "data-cells": ("postits", POSTITS + "A,design,x,extra\n"),
    "data-value-missing": ("postits", POSTITS + "A,,x\n"),
    "data-stage-unknown": ("postits", POSTITS + "A,brainstorm,x\n"),
    "data-kind-unknown": ("postits", "group,stage,kind,text\nA,design,worry,x\n"),
    "data-order-invalid": ("worksheets", WORKSHEETS + "A,first,Meet\n"),
    "data-order-repeated": ("worksheets", WORKSHEETS + "A,1,Meet\nA,1,Pay\n"),
    "data-flag-invalid": ("worksheets", "group,order,step,key\nA,1,Meet,maybe\n"),
    "data-answer-invalid": ("answers", "participant,LO1_before,LO1_after,LO2_before,LO2_after,q1\np1,1,2,2,3,agree\n"),
    "data-rating-invalid": ("ratings", RATINGS + "p1,high,2,2,3\n"),
    "data-rating-range": ("ratings", RATINGS + "p1,9,2,2,3\n"),
    "data-participant-repeated": ("ratings", RATINGS + "p1,1,2,2,3\np1,1,2,2,3\n"),
}


def test_every_rule_has_a_fixture_that_fires_it():
    proved = set(FIRES) | set(CSV_FIRES) | set(PROVED_ELSEWHERE) | {"file-unreadable"}
    assert set(RULES) - proved == set(), "rules with no firing fixture"
    assert proved - set(RULES) == set(), "fixtures for rules that no longer exist"
    for code, test_file in PROVED_ELSEWHERE.items():
        assert re.search(re.escape(code), (ROOT / test_file).read_text(encoding="utf-8")), f"{test_file} never fires {code}"


@pytest.fixture(scope="module")
def clean_codes(tmp_path_factory) -> set[str]:
    project = Project(tmp_path_factory.mktemp("clean") / "p")
    project.write("data/agenda.yaml", yaml.safe_dump(AGENDA))
    project.write("data/bibliography.yaml", yaml.safe_dump([ENTRY]))
    return codes(project)


def test_the_clean_project_fires_no_rule(clean_codes):
    assert clean_codes == set()


@pytest.mark.parametrize("code", sorted(FIRES))
def test_the_fixture_fires_its_rule(code, tmp_path):
    project = Project(tmp_path / "p")
    project.write("data/agenda.yaml", yaml.safe_dump(AGENDA))
    FIRES[code](project)
    assert code in codes(project)


@pytest.mark.parametrize("code", sorted(CSV_FIRES))
def test_the_data_fixture_fires_its_rule(code, tmp_path):
    kind, text = CSV_FIRES[code]
    assert code in csv_codes(tmp_path, kind, text)


def test_an_unreadable_file_fires_its_rule(tmp_path):
    assert unreadable_codes(tmp_path) == {"file-unreadable"}


def test_good_data_fires_no_rule(tmp_path):
    assert csv_codes(tmp_path, "postits", POSTITS + "A,design,Agree the question\n") == set()
    assert csv_codes(tmp_path, "ratings", RATINGS + "p1,1,2,2,3\n") == set()
    assert csv_codes(tmp_path, "worksheets", WORKSHEETS + "A,1,Meet\nA,compromise,We kept the deadline\n") == set()
    assert csv_codes(tmp_path, "answers", "participant,LO1_before,LO1_after,LO2_before,LO2_after,q1\np1,1,2,2,3,4\n") == set()


def test_every_hint_names_a_make_target_that_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    for code, rule in RULES.items():
        for target in re.findall(r"\bmake ([a-z][a-z-]*)", rule.message + rule.hint):
            assert target in targets, f"{code}: 'make {target}' is not a make target"


def test_the_schemas_are_package_data_and_describe_every_property():
    """The schemas ship inside the package, and every property says what it is: an editor shows the
    description while a trainer types, and the checker's messages reuse it."""
    from workshop.model.schema import SCHEMAS

    assert SCHEMAS.parent.name == "workshop" and SCHEMAS.parent.joinpath("__init__.py").is_file()
    assert not (ROOT / "schemas").exists(), "one copy of the schemas, in the package"

    def undescribed(node, where):
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    yield f"{where}.{key}"
            for key, sub in node.items():
                if key not in ("anyOf", "oneOf", "not"):   # the branches of a condition describe no property
                    yield from undescribed(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for index, sub in enumerate(node):
                yield from undescribed(sub, f"{where}.{index}")

    for path in sorted(SCHEMAS.glob("*.schema.json")):
        assert list(undescribed(json.loads(path.read_text(encoding="utf-8")), path.stem)) == []


def test_the_schema_switches_exactly_the_switchable_rules():
    from workshop.model.schema import schema

    switches = schema("extra")["properties"]["rules"]["properties"]
    assert set(switches) == {code for code, rule in RULES.items() if rule.switchable}
    assert all(node["type"] == "boolean" for node in switches.values())
