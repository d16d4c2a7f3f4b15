"""Hostile and careless input, table-driven: every case ends in a clear message, never a traceback.

Each case names what a trainer (or a typed-up post-it) feeds in, the command, the exit status a
script must give (1: problems found; 2: cannot run) and a fragment of the message they read.
Every case also proves that the command changed no file outside its own outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml

from project_factory import Project, extra
from workshop.frontends import check as CHECK
from workshop.frontends import data as DATA
from workshop.frontends import page as NEW_PAGE


@dataclass
class Case:
    id: str
    command: str            # check | page | outline | evaluation
    edit: Callable[[Project], None]
    exit: int
    fragment: str
    args: tuple = ()
    outputs: tuple = ()     # files (relative to the project) the command may create or change


def page(front: str, body: str = "A definition and a typology of co-production, by stakeholder.\n"):
    def edit(p: Project) -> None:
        p.add_page("docs/hostile.md", f"---\n{front}\n---\n\n# Hostile\n\n{body}", "Hostile")
    return edit


def body(text: str):
    return page("kind: concept\nobjectives: [LO1]", text)


def data_file(rel: str, text: str):
    def edit(p: Project) -> None:
        p.write(rel, text)
    return edit


def raw_config(mutate: Callable[[str], str]):
    def edit(p: Project) -> None:
        p.save()
        text = mutate((p.root / "mkdocs.yml").read_text(encoding="utf-8"))
        p.save = lambda: p  # keep the hand-written mkdocs.yml
        (p.root / "mkdocs.yml").write_text(text, encoding="utf-8")
        for rel, content in p.files.items():
            path = p.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    return edit


def nothing(p: Project) -> None:
    pass


def nested_notebook(depth: int) -> str:
    return '{"cells": ' + "[" * depth + "]" * depth + ', "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))

AGENDA_OK = """blocks:
  - id: intro
    title: Introduction
    minutes: 30
    mode: didactic
    objectives: [LO1]
  - id: work
    title: Group work
    minutes: 30
    mode: interactive
    objectives: [LO2]
"""

BIB_ENTRY = """- key: {key}
  type: article
  authors: [Example, Ann]
  year: 2018
  title: A title
  venue: A journal
"""

CSV_HEADER = "group,stage,text\n"
RATINGS_HEADER = "participant," + ",".join(f"LO{n}_{w}" for n in range(1, 6) for w in ("before", "after")) + "\n"
RATINGS = ",2,3,2,3,2,3,2,3"

CASES: list[Case] = []


def add(*cases: Case) -> None:
    CASES.extend(cases)


# -- configuration values: wrong types, zero, negative, absurd
for path, value, fragment in [
    ("alignment.min_terms", "two", "extra.alignment.min_terms must be a whole number, not the text 'two'"),
    ("alignment.min_terms", 0, "extra.alignment.min_terms must be from 1 to 1000, not 0"),
    ("alignment.min_terms", -1, "extra.alignment.min_terms must be from 1 to 1000, not -1"),
    ("alignment.min_terms", 1.5, "min_terms must be a whole number, not the number 1.5"),
    ("alignment.min_terms", True, "min_terms must be a whole number, not the boolean true"),
    ("alignment.min_terms", None, "min_terms must be a whole number, not nothing"),
    ("alignment.min_terms", [2], "min_terms must be a whole number, not a list"),
    ("alignment.min_terms", 10 ** 400, "(401 digits)"),
    ("alignment.mismatch_ratio", None, "mismatch_ratio must be a number, not nothing"),
    ("alignment.mismatch_ratio", 0, "mismatch_ratio must be more than 0"),
    ("alignment.mismatch_ratio", -3, "mismatch_ratio must be more than 0"),
    ("alignment.mismatch_ratio", "3", "mismatch_ratio must be a number, not the text '3'"),
    ("alignment.mismatch_min_terms", 0, "mismatch_min_terms must be from 1 to 1000, not 0"),
    ("alignment.colour", "blue", "extra.alignment: unknown key 'colour'; known keys: extra_verbs, min_terms"),
    ("workshop.participants", "many", "extra.workshop.participants must be a whole number, not the text 'many'"),
    ("workshop.participants", 0, "participants must be from 6 to 40, not 0"),
    ("workshop.participants", -4, "participants must be from 6 to 40, not -4"),
    ("workshop.participants", 10 ** 10, "participants must be from 6 to 40"),
    ("workshop.participants", 2.5, "participants must be a whole number, not the number 2.5"),
    ("workshop.groups", "four", "extra.workshop.groups must be a whole number"),
    ("workshop.groups", 0, "groups must be from 1 to 10, not 0"),
    ("workshop.session_minutes", 10000000000, "session_minutes must be from 15 to 600"),
    ("workshop.session_minutes", "two hours", "session_minutes must be a whole number"),
    ("workshop.start_time", "25:00", "start_time must be a time on the 24-hour clock, in quotes, e.g. \"13:30\", not the text '25:00'"),
    ("workshop.start_time", 1330, "start_time must be text, not the number 1330"),
    ("workshop.source_key", "<script>", "source_key must be the bibliography key of the workshop's own source"),
    ("kinds.concept.interactive", "yes", "extra.kinds.concept.interactive must be true or false"),
    ("kinds.concept.requires", "case", "extra.kinds.concept.requires must be a list, not the text 'case'"),
    ("kinds.odd", "a kind", "extra.kinds.odd must be a set of keys"),
    ("materials.post-its.per_participant", "one", "per_participant must be a whole number"),
    ("materials.post-its.per_participant", -1, "per_participant must be from 0 to 1000"),
    ("materials.pens", "a pen each", "extra.materials.pens must be a set of keys"),
    ("materials.pens", {"per_participant": 1}, "extra.materials.pens is missing 'label'"),
    ("vocabulary.stages", "design", "extra.vocabulary.stages must be a list, not the text 'design'"),
    ("vocabulary.stages", ["Design Stage"], "extra.vocabulary.stages.0 must be a word of lower case letters, digits and hyphens"),
    ("reading_list", ["definitions"], "extra.reading_list must be a set of keys, not a list"),
    ("workshop", "A one-day course", "extra.workshop must be a set of keys"),
]:
    add(Case(f"config-{path}-{str(value)[:12]}", "check", extra(path, value), 1, fragment))

add(
    Case("config-objective-id-list", "check", extra("objectives", [{"id": ["LO1"], "statement": "Name a thing well.",
                                                                    "concepts": ["x"]}]), 1, "objective 1: id must be text, not a list (a short name such as LO1"),
    Case("config-objectives-empty", "check", extra("objectives", []), 2, "defines no learning objectives"),
    Case("config-not-yaml", "check", raw_config(lambda t: t + "\nnav: [\n"), 2, "mkdocs.yml:"),
    Case("config-tab", "check", raw_config(lambda t: t.replace("docs_dir: docs", "docs_dir:\tdocs")), 2, "tab"),
    Case("config-a-list", "check", raw_config(lambda t: "- a\n- b\n"), 2, "must be a set of keys"),
    Case("config-extra-a-list", "check", raw_config(lambda t: t.replace("extra:\n", "extra: [1]\nold_extra:\n", 1)),
         2, "'extra' must be a set of keys"),
    Case("config-alias-bomb", "check", raw_config(lambda t: BOMB + t), 2, "too large"),
)

# -- front matter
for front, fragment in [
    ("kind: concept\nobjectives: [LO1]\nslides: !ENV [HOME]", "the YAML tag '!ENV' is not allowed here"),
    ("kind: concept\nobjectives: [LO1]\ntitle: !!python/object/apply:os.system [echo]", "is not allowed here"),
    ("kind: concept\nobjectives: [LO1]\ntitle: !!binary aGk=", "tag:yaml.org,2002:binary"),
    ("kind: concept\nobjectives: [LO1]\n" + BOMB.replace("\n", "\n").rstrip(), "anchors and aliases"),
    ("kind: concept\nobjectives: [LO1]\ndescription: &d x\ntitle: *d", "anchors and aliases"),
    ("kind: concept\nobjectives: [LO1]\n<<: {title: x}", "not allowed"),
    ("kind: concept\nobjectives: [LO1]\ndescription: " + "[" * 400 + "]" * 400, "nested"),
    ("kind: concept\nobjectives: [LO1]\n[a, b]: c", "a key must be a single value"),
    ("kind: concept\nobjectives: [LO1]\ntitle: \"unclosed", "not valid YAML"),
    ("kind: concept\nobjectives: [LO1]\ndate: 2018-02-30", "the front matter is not valid YAML"),
    ("kind: concept\nobjectives: [LO8, LO9]", "'LO9'"),
    ("kind: concept\nobjectives: LO1", "objectives"),
    ("kind: concept\nobjectives: []", "objectives"),
    ("kind: 5\nobjectives: [LO1]", "kind"),
    ("kind: [concept]\nobjectives: [LO1]", "kind"),
    ("kind: lecture\nobjectives: [LO1]", "lecture"),
    ("objectives: [LO1]", "kind"),
    ("kind: concept", "objectives"),
    ("kind: concept\nobjectives: [LO1]\ntitle: [a, b]", "title"),
    ("kind: concept\nobjectives: [LO1]\ncolour: blue", "unknown front matter key 'colour'"),
    ("kind: concept\nobjectives: [LO1, LO1]", "LO1"),
    ("kind: concept\nobjectives: [{id: LO1}]", "objectives"),
    ("kind: case-study\nobjectives: [LO1]\ncase: stages", "case"),
    ("kind: handout\nobjectives: [LO1]\nprint_for: everyone\npage_budget: 1", "print_for"),
    ("kind: handout\nobjectives: [LO1]\nprint_for: group\npage_budget: two", "page_budget"),
    ("kind: handout\nobjectives: [LO1]\nprint_for: group\npage_budget: 0", "page_budget"),
    ("kind: handout\nobjectives: [LO1]\nprint_for: group\npage_budget: " + "9" * 400, "page_budget"),
    ("kind: concept\nobjectives: [LO1]\n- a list item", "not valid YAML"),
]:
    add(Case(f"front-{front.splitlines()[-1][:24]}", "check", page(front), 1, fragment))

add(
    Case("front-a-list", "check", lambda p: p.add_page("docs/hostile.md", "---\n- a\n- b\n---\n\n# H\n", "H"), 1,
         "must be a set of 'key: value' lines"),
    Case("front-unclosed", "check", lambda p: p.add_page("docs/hostile.md", "---\nkind: concept\n\n# H\n", "H"), 1,
         "never closed"),
    Case("front-tab", "check", lambda p: p.add_page("docs/hostile.md", "---\nkind:\tconcept\n---\n# H\n", "H"), 1, "tab"),
    Case("page-bom", "check", lambda p: p.add_page("docs/hostile.md", "\ufeff---\nkind: concept\n---\n# H\n", "H"), 1,
         "byte-order mark"),
    Case("page-latin1", "check", lambda p: p.add_page("docs/hostile.md", "---\nkind: concept\n---\nCaf\xe9".encode("latin-1"),
                                                       "H"), 1, "not valid UTF-8"),
    Case("page-empty", "check", lambda p: p.add_page("docs/hostile.md", "", "H"), 1, "empty"),
    Case("page-nul", "check", lambda p: p.add_page("docs/hostile.md", "---\nkind: concept\n---\n\x00\n", "H"), 1, "hostile.md"),
)

# -- page bodies
add(
    Case("body-two-unknown-keys-one-line", "check", body("As shown [@nobody2020; @nobody2021] by co-production.\n"), 1,
         "'nobody2021'"),
    Case("body-two-unknown-keys-first", "check", body("As shown [@nobody2020; @nobody2021] by co-production.\n"), 1,
         "'nobody2020'"),
    Case("body-unknown-marker", "check", body("<!-- workshop:nonsense -->\n"), 1, "nonsense"),
    Case("body-image-no-alt", "check", body("![](img.png)\n"), 1, "alt"),
    Case("body-heading-spaces", "check", body("#" + " " * 2000 + "x\n\n##" + " " * 2000 + "\n"), 1, "hostile.md"),
    Case("body-heading-skip", "check", body("#### Deep\n"), 1, "skip"),
    Case("body-placeholder", "check", body("TODO: write this.\n"), 1, "placeholder"),
)

# -- data files
add(
    Case("bib-key-list", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key="[a, b]")), 1,
         "key must be text, not a list (one word of letters, digits"),
    Case("bib-key-script", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key='"<script>x</script>"')), 1,
         "key must be one word of letters, digits"),
    Case("bib-url-javascript", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key="a2018")
                                                  + "  url: javascript:alert(1)\n"), 1, "url must be a web address"),
    Case("bib-url-http-quote", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key="a2018")
                                                  + "  url: 'https://x\" onmouseover=\"a'\n"), 1, "url must be a web address"),
    Case("bib-doi-quote", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key="a2018")
                                             + "  doi: '10.1000/x\"><script>'\n"), 1, "DOI"),
    Case("bib-year-text", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key="a2018").replace("year: 2018", "year: '2018'")),
         1, "year must be a whole number, not the text '2018'"),
    Case("bib-authors-text", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key="a2018").replace(
        "[Example, Ann]", "Example A")), 1, "authors must be a list"),
    Case("bib-topics-text", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key="a2018") + "  topics: careers\n"),
         1, "topics must be a list"),
    Case("bib-title-list", "check", data_file("data/bibliography.yaml", BIB_ENTRY.format(key="a2018").replace(
        "title: A title", "title: [A, B]")), 1, "title must be text"),
    Case("bib-a-mapping", "check", data_file("data/bibliography.yaml", "key: x\n"), 1, "must be a list"),
    Case("bib-entry-text", "check", data_file("data/bibliography.yaml", "- just a line\n"), 1, "must be a set of keys"),
    Case("bib-tag", "check", data_file("data/bibliography.yaml", "- !!python/object:os.system {}\n"), 1, "not allowed"),
    Case("bib-alias", "check", data_file("data/bibliography.yaml", "- &e {key: a}\n- *e\n"), 1, "anchors and aliases"),
    Case("bib-yaml-error", "check", data_file("data/bibliography.yaml", "- key: [\n"), 1, "data/bibliography.yaml:"),
    Case("glossary-column-0", "check", data_file("data/glossary.yaml", "terms:\n- term: Co-production\n  definition: x\n"
                                                 "- term: Broken\n"), 1, "data/glossary.yaml:4:"),
    Case("glossary-yaml-error-names-file", "check", data_file("data/glossary.yaml", "terms: [\n"), 1, "data/glossary.yaml:"),
    Case("glossary-abbr-html", "check", data_file("data/glossary.yaml", "terms:\n  - term: x\n    abbr: '<b>'\n"
                                                  "    definition: y\n"), 1,
         "abbr must be an abbreviation of letters, digits, '&' or '-' only, e.g. NIHR, not the text '<b>'"),
    Case("glossary-see-list", "check", data_file("data/glossary.yaml", "terms:\n  - term: x\n    definition: y\n"
                                                 "    see: [a]\n"), 1, "see must be text, not a list (a page path"),
    Case("glossary-terms-text", "check", data_file("data/glossary.yaml", "terms: many\n"), 1, "terms must be a list, not the text 'many'"),
    Case("agenda-minutes-huge", "check", data_file("data/agenda.yaml", AGENDA_OK.replace("minutes: 30", "minutes: 10000000000", 1)),
         1, "blocks.0.minutes must be from 1 to 600"),
    Case("agenda-minutes-zero", "check", data_file("data/agenda.yaml", AGENDA_OK.replace("minutes: 30", "minutes: 0", 1)),
         1, "blocks.0.minutes must be from 1 to 600, not 0"),
    Case("agenda-minutes-text", "check", data_file("data/agenda.yaml", AGENDA_OK.replace("minutes: 30", "minutes: half", 1)),
         1, "blocks.0.minutes must be a whole number"),
    Case("agenda-mode", "check", data_file("data/agenda.yaml", AGENDA_OK.replace("didactic", "lecture")), 1,
         "blocks.0.mode must be one of didactic, interactive"),
    Case("agenda-blocks-text", "check", data_file("data/agenda.yaml", "blocks: all of them\n"), 1, "blocks must be a list, not the text 'all of them'"),
    Case("agenda-column-0", "check", data_file("data/agenda.yaml", AGENDA_OK.replace("  - ", "- ").replace("\n    ", "\n  ")
                                               .replace("minutes: 30", "minutes: -1", 1)), 1, "data/agenda.yaml:4: blocks.0.minutes"),
    Case("agenda-prompts-text", "check", data_file("data/agenda.yaml", AGENDA_OK + "    prompts: why\n"), 1,
         "blocks.1.prompts must be a list"),
    Case("agenda-tag", "check", data_file("data/agenda.yaml", "blocks: !ENV [HOME]\n"), 1, "not allowed"),
)

# -- files and folders
def symlink_loop(p: Project) -> None:
    p.save()
    (p.root / "docs" / "loop").symlink_to(p.root / "docs", target_is_directory=True)


def symlink_outside(p: Project) -> None:
    p.save()
    (p.root / "docs" / "secret.md").symlink_to("/etc/hostname")
    p.config["nav"].append({"Secret": "secret.md"})


def nav_outside(p: Project) -> None:
    p.config["nav"].append({"Passwords": "../../../etc/passwd"})


def notebook_file(text: str):
    def edit(p: Project) -> None:
        p.write("exercises/deep.ipynb", text)
        p.config["nav"].append({"Deep": "exercises/deep.ipynb"})
    return edit


add(
    Case("symlink-loop", "check", symlink_loop, 1, "docs/loop"),
    Case("symlink-outside", "check", symlink_outside, 1, "outside the project"),
    Case("nav-outside", "check", nav_outside, 1, "../../../etc/passwd"),
    Case("notebook-nested-100000", "check", notebook_file(nested_notebook(100_000)), 1, "deep.ipynb"),
    Case("notebook-not-json", "check", notebook_file("{not json"), 1, "deep.ipynb"),
    Case("notebook-a-list", "check", notebook_file("[1, 2]"), 1, "deep.ipynb"),
    Case("notebook-meta-text", "check", notebook_file(json.dumps({"cells": [], "metadata": {"workshop": "LO1"},
                                                                  "nbformat": 4, "nbformat_minor": 5})), 1, "deep.ipynb"),
    Case("nav-missing-file", "check", lambda p: p.config["nav"].append({"Gone": "gone.md"}), 1, "gone.md"),
    Case("nav-a-number", "check", lambda p: p.config.__setitem__("nav", [{"A": 5}]), 1, "definitions.md"),
)

# -- make page (scripts/new_page.py)
for prefix in ["*", "[", "{", "@", "%", "|", ">", "?", "!", "- ", "&", "#", "'", '"', ": "]:
    title = f"{prefix}Co-production in mental health"
    add(Case(f"page-title-{prefix.strip() or 'space'}", "page", nothing, 0, "Created",
             args=("--kind", "concept", "--objectives", "LO1", "--title", title),
             outputs=("mkdocs.yml", "docs/learn/*")))
for title in ["\\1 and \\g<0>", "C:\\new\\table", "$HOME $(id) `id` $$(id)", "<script>alert(1)</script>",
              "Ünïcödé — “quotes” ≠ 名前", "a" * 200]:
    add(Case(f"page-title-{title[:10]}", "page", nothing, 0, "Created",
             args=("--kind", "concept", "--objectives", "LO1", "--title", title), outputs=("mkdocs.yml", "docs/learn/*")))
for title, fragment in [("x" * 1025, "keep it to 200 or fewer"), ("two\nlines", "U+000A"), ("   ", "give the page a title"),
                        ("bell\x07", "U+0007"), ("nel\x85", "U+0085")]:
    add(Case(f"page-refused-{title[:6].strip()}", "page", nothing, 1, fragment,
             args=("--kind", "concept", "--objectives", "LO1", "--title", title)))
add(
    Case("page-kind-unknown", "page", nothing, 1, "unknown kind 'lecture'",
         args=("--kind", "lecture", "--objectives", "LO1", "--title", "T")),
    Case("page-objective-unknown", "page", nothing, 1, "unknown: LO9",
         args=("--kind", "concept", "--objectives", "LO1,LO9", "--title", "T")),
    Case("page-nav-indented-2", "page", raw_config(lambda t: t), 0, "Created",
         args=("--kind", "concept", "--objectives", "LO1", "--title", "Indented"), outputs=("mkdocs.yml", "docs/learn/*")),
    Case("page-no-nav", "page", raw_config(lambda t: t.split("nav:")[0]), 1, "no 'nav:' list",
         args=("--kind", "concept", "--objectives", "LO1", "--title", "T")),
    Case("page-section-is-page", "page", nothing, 1, "is a page, not a section",
         args=("--kind", "concept", "--objectives", "LO1", "--title", "T", "--section", "Definitions")),
    Case("page-exists", "page", lambda p: p.write("docs/learn/t.md", "mine"), 1, "already exists",
         args=("--kind", "concept", "--objectives", "LO1", "--title", "T")),
    Case("page-config-broken", "page", raw_config(lambda t: t + "\n: [\n"), 2, "mkdocs.yml",
         args=("--kind", "concept", "--objectives", "LO1", "--title", "T")),
    Case("page-no-title-arg", "page", nothing, 2, "--title",
         args=("--kind", "concept", "--objectives", "LO1")),
)

# -- make outline / make evaluation (scripts/workshop_data.py)
def csv(rel: str, text: str | bytes):
    def edit(p: Project) -> None:
        p.write(rel, text)
    return edit


OUT = ("build/*",)
add(
    Case("outline-maths-group", "outline", csv("in.csv", CSV_HEADER + "$\\foo$,design,Agree the question\n"), 0, "Wrote",
         args=("in.csv", "--no-pdf", "--output", "build/o.md"), outputs=OUT),
    Case("outline-script-group", "outline", csv("in.csv", CSV_HEADER + "<script>x</script>,design,<img src=x onerror=y>\n"),
         0, "Wrote", args=("in.csv", "--no-pdf", "--output", "build/o.md"), outputs=OUT),
    Case("outline-unclosed-quote", "outline", csv("in.csv", CSV_HEADER + 'A,design,"never closed\nB,design,lost\n'), 1,
         "quote", args=("in.csv", "--output", "build/o.md")),
    Case("outline-nul", "outline", csv("in.csv", CSV_HEADER + "A,design,a\x00b\n"), 1, "NUL byte",
         args=("in.csv", "--output", "build/o.md")),
    Case("outline-128k-cell", "outline", csv("in.csv", CSV_HEADER + "A,design," + "x" * 131072 + "\n"), 1, "a cell holds 131,072 characters",
         args=("in.csv", "--output", "build/o.md")),
    Case("outline-empty", "outline", csv("in.csv", ""), 1, "empty", args=("in.csv", "--output", "build/o.md")),
    Case("outline-no-columns", "outline", csv("in.csv", "a,b\n1,2\n"), 1, "column", args=("in.csv", "--output", "build/o.md")),
    Case("outline-missing-file", "outline", nothing, 1, "nothere.csv", args=("nothere.csv", "--output", "build/o.md")),
    Case("outline-no-csv", "outline", nothing, 2, "no CSV file given", args=()),
    Case("outline-latin1", "outline", csv("in.csv", (CSV_HEADER + "Café,design,x\n").encode("latin-1")), 1, "UTF-8",
         args=("in.csv", "--output", "build/o.md")),
    Case("outline-out-is-input", "outline", csv("in.csv", CSV_HEADER + "A,design,x\n"), 2, "in.csv",
         args=("in.csv", "--output", "in.csv")),
    Case("outline-out-user-file", "outline", lambda p: (p.write("in.csv", CSV_HEADER + "A,design,x\n"),
                                                        p.write("mine.md", "my notes")), 2, "mine.md",
         args=("in.csv", "--output", "mine.md")),
    Case("outline-dash-name", "outline", csv("-in.csv", CSV_HEADER + "A,design,x\n"), 0, "Wrote",
         args=("--no-pdf", "--output", "build/o.md", "--", "-in.csv"), outputs=OUT),
    Case("evaluation-400-digit", "evaluation", csv("r.csv", RATINGS_HEADER + "p1," + "9" * 400 + ",2" + RATINGS + "\n"), 1, "(400 characters)",
         args=("r.csv", "--output", "build/e.md")),
    Case("evaluation-rating-text", "evaluation", csv("r.csv", RATINGS_HEADER + "p1,high,2" + RATINGS + "\n"), 1, "high",
         args=("r.csv", "--output", "build/e.md")),
    Case("evaluation-rating-range", "evaluation", csv("r.csv", RATINGS_HEADER + "p1,9,2" + RATINGS + "\n"), 1, "r.csv",
         args=("r.csv", "--output", "build/e.md")),
    Case("evaluation-script-participant", "evaluation", csv("r.csv", RATINGS_HEADER + "<b>p</b>,1,2" + RATINGS + "\n"), 0, "Wrote",
         args=("r.csv", "--output", "build/e.md"), outputs=OUT),
)


def tree(root: Path) -> dict[str, str]:
    """Every file a person could have written; the checker's own cache (.cache/) is its output."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.relative_to(root).parts[0] == ".cache":
            continue
        found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def allowed(rel: str, patterns: tuple) -> bool:
    from fnmatch import fnmatch
    return any(fnmatch(rel, pattern) for pattern in patterns)


for number, case in enumerate(CASES):
    case.id = f"{number:03d}-{case.id}"


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 120
    assert len({case.id for case in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path, capsys, monkeypatch):
    project = Project(tmp_path / "project")
    if case.command == "page":
        project.config["extra"]["kinds"]["concept"].update({"folder": "docs/learn", "section": "Learn"})
    case.edit(project)
    project.save()
    monkeypatch.chdir(project.root)
    before = tree(project.root)
    started = time.perf_counter()
    try:
        if case.command == "check":
            status = CHECK.main(["--config", str(project.root / "mkdocs.yml")])
        elif case.command == "page":
            status = NEW_PAGE.main([*case.args, "--config", str(project.root / "mkdocs.yml")])
        else:
            status = DATA.main([case.command, *case.args])
    except SystemExit as leaving:  # argparse's own refusal of bad arguments
        status = leaving.code
    elapsed = time.perf_counter() - started
    out = capsys.readouterr()
    shown = out.out + out.err
    assert "Traceback" not in shown
    assert status == case.exit, shown
    assert case.fragment in shown, shown
    assert elapsed < 15, f"took {elapsed:.1f} s"  # a pattern that is not linear takes minutes here
    after = tree(project.root)
    changed = {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}
    assert all(allowed(rel, case.outputs) for rel in changed), f"changed outside its outputs: {sorted(changed)}"
