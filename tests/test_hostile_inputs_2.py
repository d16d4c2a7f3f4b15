"""Hostile input, second round: the classes the first table (test_hostile_inputs.py) does not reach.

The cache (planted, forged, damaged, wrong-typed or foreign entries), special files and inputs
that hang or exhaust a converter, outputs that are not the command's own, the project found from
where a command runs, values that would break a line of output or a CI annotation, slide
templates that inflate, and names that are not UTF-8. Each case names the command, the exit
status, a fragment of the message, and runs under a time limit; every case proves that no
traceback was printed and that no file changed outside the command's outputs. The build, two
runs at once and other clones follow the table.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Callable

import pytest
import yaml

from project_factory import CONCEPT_PAGE, Project, extra, handout_page, notebook
from workshop.frontends import check as CHECK
from workshop.frontends import data as DATA
from workshop.frontends import handouts as HANDOUTS
from workshop.frontends import offline as OFFLINE
from workshop.frontends import page as NEW_PAGE
from workshop.frontends import slides as SLIDES
from workshop.frontends import strip as STRIP
from workshop.model import cache

TIME_LIMIT = 20   # seconds: a case that takes longer has hung (the slowest takes about one)


@pytest.fixture(autouse=True)
def machine_key(tmp_path, monkeypatch):
    """This machine's cache key, kept for the test outside every project (as in the user's cache folder)."""
    home = tmp_path / "user-cache"
    monkeypatch.setattr(cache, "key_folder", lambda: home)
    cache.forget()
    yield home
    cache.forget()


@dataclass
class Case:
    id: str
    command: str
    edit: Callable[[Project], None]
    exit: int
    fragment: str
    args: tuple = ()
    outputs: tuple = ()                        # files (relative to the project) the command may create or change
    after: Callable[[Project, str], None] | None = None   # what else must hold afterwards
    env: dict = field(default_factory=dict)


CASES: list[Case] = []


def add(*cases: Case) -> None:
    CASES.extend(cases)


# ---------------------------------------------------------------- edits

def nothing(p: Project) -> None:
    pass


def page(front: str, body: str = "A definition and a typology of co-production, by stakeholder.\n", rel="docs/hostile.md"):
    def edit(p: Project) -> None:
        p.add_page(rel, f"---\n{front}\n---\n\n# Hostile\n\n{body}", "Hostile")
    return edit


def body(text: str):
    return page("kind: concept\nobjectives: [LO1]", text)


def write(rel: str, text: str | bytes):
    def edit(p: Project) -> None:
        p.write(rel, text)
    return edit


def fifo(rel: str, nav: bool = False):
    def edit(p: Project) -> None:
        p.files.pop(rel, None)   # never written again by save(): opening a pipe to write would wait
        p.save()
        (p.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (p.root / rel).unlink(missing_ok=True)
        os.mkfifo(p.root / rel)
        if nav:
            p.config["nav"].append({"Pipe": rel.removeprefix("docs/")})
    return edit


def link(rel: str, target: str):
    def edit(p: Project) -> None:
        p.save()
        (p.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (p.root / rel).symlink_to(target)
    return edit


def both(*edits):
    def edit(p: Project) -> None:
        for one in edits:
            one(p)
            p.save()
    return edit


def raw_config(mutate: Callable[[str], str]):
    def edit(p: Project) -> None:
        p.save()
        text = mutate((p.root / "mkdocs.yml").read_text(encoding="utf-8"))
        p.save = lambda: p
        (p.root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return edit


CSV_HEADER = "group,stage,text\n"
RATINGS_HEADER = "participant,LO1_before,LO1_after,LO2_before,LO2_after\n"
AGENDA = """blocks:
  - id: intro
    title: Introduction
    minutes: 30
    mode: didactic
    objectives: [LO1]
    pages: [definitions.md]
  - id: work
    title: Group work
    minutes: 30
    mode: interactive
    objectives: [LO2]
"""
NO_PROBLEMS = "No problems"
BAD_PAGE = page("kind: concept\nobjectives: [LO9]")


# ---------------------------------------------------------------- 1. the cache is data

class Payload:
    """Unpickling this runs a command that leaves a file behind (what a planted pickle would do)."""
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def entries(p: Project, name: str) -> list[Path]:
    return sorted((p.root / ".cache" / "workshop" / name).glob("*.json"))


def warmed(then: Callable[[Project], None], edit: Callable[[Project], None] = nothing):
    """An edit that runs the build's checker once (filling the cache), then tampers with it."""
    def run(p: Project) -> None:
        from workshop.check.cached import checked_site

        edit(p)
        p.save()
        checked_site(p.root / "mkdocs.yml")
        then(p)
    return run


def plant_pickles(p: Project) -> None:
    for name in ("sites", "documents", "yaml", "pages"):
        for entry in entries(p, name):
            data = pickle.dumps(Payload())
            entry.write_bytes(data)
            entry.with_suffix(".pickle").write_bytes(data)


def forge(name: str, value, key_bytes: bytes | None = None):
    """Every entry of a cache folder replaced by `value`, authenticated with another key (None:
    a made-up MAC) or, with the machine's own key, as if written by this machine."""
    def edit(p: Project) -> None:
        for entry in entries(p, name):
            payload = json.dumps(value).encode("utf-8")
            secret = key_bytes if key_bytes is not None else b"x" * 32
            header = {"format": cache.FORMAT, "version": cache.FORMAT_VERSION, "name": name,
                      "mac": cache._mac(secret, name, entry.stem, payload)}
            entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    return edit


def own_key(p: Project) -> bytes:
    return cache.machine_key(p.root.resolve())


def forge_own(name: str, value):
    """Entries of the machine's own making (a bug, an older version) whose value has the wrong shape."""
    def edit(p: Project) -> None:
        forge(name, value, own_key(p))(p)
    return edit


def damage(name: str, data: bytes):
    def edit(p: Project) -> None:
        for entry in entries(p, name):
            entry.write_bytes(data)
    return edit


def header_version(version):
    def edit(p: Project) -> None:
        for entry in entries(p, "sites"):
            head, _, payload = entry.read_bytes().partition(b"\n")
            header = json.loads(head)
            header["version"] = version
            entry.write_bytes(json.dumps(header).encode() + b"\n" + b"[]")
    return edit


def pipe_entries(p: Project) -> None:
    for entry in entries(p, "sites") + entries(p, "documents"):
        entry.unlink()
        os.mkfifo(entry)


def cache_elsewhere(p: Project) -> None:
    elsewhere = p.root.parent / "elsewhere"
    (elsewhere / "workshop" / "sites").mkdir(parents=True)
    for number in range(10):
        (elsewhere / "workshop" / "sites" / f"{'a' * 63}{number}.json").write_text("a person's file", encoding="utf-8")
    p.save()
    (p.root / ".cache").symlink_to(elsewhere, target_is_directory=True)


def elsewhere_untouched(p: Project, output: str) -> None:
    files = sorted((p.root.parent / "elsewhere").rglob("*"))
    assert len([f for f in files if f.is_file()]) == 10, "files outside the project were written or removed"


def foreign_files(p: Project) -> None:
    """Old entries of the cache (pickles of version 1, never read now) and a person's notes."""
    folder = p.root / ".cache" / "workshop" / "sites"
    folder.mkdir(parents=True)
    for number in range(5):
        (folder / f"notes-{number}.txt").write_text("kept", encoding="utf-8")
        old = folder / f"{number:064x}.pickle"
        old.write_bytes(pickle.dumps(Payload()))
        os.utime(old, (1_000_000_000, 1_000_000_000))


def foreign_files_kept(p: Project, output: str) -> None:
    folder = p.root / ".cache" / "workshop" / "sites"
    assert len(list(folder.glob("notes-*.txt"))) == 5, "a person's files in the cache folder were removed"
    assert len(list(folder.glob("*.pickle"))) + len(list(folder.glob("*.json"))) <= 3, "old entries were not pruned"
    no_pwned(p, output)


def no_pwned(p: Project, output: str) -> None:
    assert not (p.root / "PWNED").exists() and not Path("PWNED").exists(), "a cache entry ran code"


def no_user_key_in_project(p: Project, output: str) -> None:
    assert not list(p.root.rglob("cache-key")), "the cache's key was kept in the project"


def unusable_key_folder(p: Project) -> None:
    blocker = p.root.parent / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    cache.key_folder = lambda: blocker / "cache"   # restored by the fixture's monkeypatch
    cache.forget()


def planted_key(p: Project) -> None:
    """A fork ships a key and an entry made with it; the user's cache folder cannot be written."""
    unusable_key_folder(p)
    key_file = p.root / ".cache" / "workshop" / cache.KEY_FILE
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_bytes(b"k" * 32)
    key_file.chmod(0o600)
    forge("sites", [], b"k" * 32)(p)


def another_machine(p: Project) -> None:
    """Entries written with another machine's key, saying there are no problems."""
    forge("sites", [], b"another machine's key, 32 bytes")(p)


add(
    Case("cache-planted-pickles-never-run", "cached", warmed(plant_pickles), 0, NO_PROBLEMS, after=no_pwned),
    Case("cache-pickle-in-every-folder-of-a-bad-project", "cached", warmed(plant_pickles, BAD_PAGE), 1,
         "objective-unknown", after=no_pwned),
    Case("cache-forged-mac-hides-no-problem", "cached", warmed(forge("sites", []), BAD_PAGE), 1, "LO9"),
    Case("cache-another-machines-entry", "cached", warmed(another_machine, BAD_PAGE), 1, "LO9"),
    Case("cache-key-shipped-with-the-project", "cached", warmed(planted_key, BAD_PAGE), 1, "LO9"),
    Case("cache-damaged-bytes", "cached", warmed(damage("sites", b"\x00\xff not json"), BAD_PAGE), 1, "LO9"),
    Case("cache-empty-file", "cached", warmed(damage("sites", b"")), 0, NO_PROBLEMS),
    Case("cache-header-only", "cached", warmed(damage("sites", b'{"format": "workshop-cache"}')), 0, NO_PROBLEMS),
    Case("cache-huge-header-number", "cached", warmed(damage("sites", b"9" * 5000 + b"\n[]"), BAD_PAGE), 1, "LO9"),
    Case("cache-deep-json", "cached", warmed(damage("sites", b"[" * 100000), BAD_PAGE), 1, "LO9"),
    Case("cache-unknown-version", "cached", warmed(header_version(99), BAD_PAGE), 1, "LO9"),
    Case("cache-version-as-text", "cached", warmed(header_version("2"), BAD_PAGE), 1, "LO9"),
    Case("cache-sites-a-number", "cached", warmed(forge_own("sites", 42), BAD_PAGE), 1, "LO9"),
    Case("cache-sites-a-dict", "cached", warmed(forge_own("sites", {"problems": []}), BAD_PAGE), 1, "LO9"),
    Case("cache-sites-unknown-rule", "cached", warmed(forge_own("sites", [["x.md", 1, "no-such-rule", "m", "h"]])), 0,
         NO_PROBLEMS),
    Case("cache-sites-line-as-text", "cached", warmed(forge_own("sites", [["x.md", "1", "not-in-nav", "m", "h"]])), 0,
         NO_PROBLEMS),
    Case("cache-documents-a-string", "cached", warmed(forge_own("documents", "a page")), 0, NO_PROBLEMS),
    Case("cache-documents-wrong-prose", "cached", warmed(forge_own("documents", {
        "prose": "", "headings": [], "images": [], "links": [], "comments": [], "code": []})), 0, NO_PROBLEMS),
    Case("cache-documents-heading-as-text", "cached", warmed(forge_own("documents", {
        "prose": "x", "headings": [["1", "x", 1]], "images": [], "links": [], "comments": [], "code": []})), 0,
         NO_PROBLEMS),
    Case("cache-yaml-a-list", "cached", warmed(forge_own("yaml", [1, 2, 3]), BAD_PAGE), 1, "LO9"),
    Case("cache-yaml-a-node-of-the-wrong-shape", "cached", warmed(forge_own("yaml", [{"m": "x", "l": 1, "k": []}]),
                                                                  BAD_PAGE), 1, "LO9"),
    Case("cache-entries-are-pipes", "cached", warmed(pipe_entries, BAD_PAGE), 1, "LO9"),
    Case("cache-folder-a-link-out", "cached", cache_elsewhere, 0, NO_PROBLEMS, after=elsewhere_untouched),
    Case("cache-prune-keeps-foreign-files", "cached", foreign_files, 0, NO_PROBLEMS, after=foreign_files_kept),
    Case("cache-key-never-in-the-project", "cached", nothing, 0, NO_PROBLEMS, after=no_user_key_in_project),
)


def summary_project(p: Project) -> None:
    extra("readability.kinds", ["concept"])(p)
    p.write("docs/definitions.md", CONCEPT_PAGE.replace(
        "# Definitions\n", "# Definitions\n\n!!! summary \"In brief\"\n\n    We say what it means. It is short.\n"))


add(
    Case("cache-reading-ease-as-text", "cached", warmed(forge_own("reading-ease", "easy"), summary_project), 0, NO_PROBLEMS),
    Case("cache-reading-ease-infinite", "cached", warmed(forge_own("reading-ease", 1e400), summary_project), 0,
         NO_PROBLEMS),
    Case("cache-page-markdown-a-dict", "render", warmed(lambda p: (_render(p), forge_own("pages", {"x": 1})(p))), 0,
         "# Definitions", args=("definitions.md",)),
    Case("cache-page-markdown-forged", "render", warmed(lambda p: (_render(p), forge("pages", "<script>PWNED</script>")(p))),
         0, "# Definitions", args=("definitions.md",), after=lambda p, out: None if "PWNED" not in out else pytest.fail(out)),
)


def _render(p: Project) -> None:
    """Render every page once, so that the pages cache holds an entry for each."""
    from workshop.check.cached import checked_site
    from workshop.web.page_output import page_markdown

    site = checked_site(p.root / "mkdocs.yml")
    for model in site.pages:
        page_markdown(site, model, model.body)


NOTEBOOK = notebook({"kind": "exercise", "objectives": ["LO1"]}, [
    {"cell_type": "markdown", "metadata": {}, "source": ["# Notebook\n", "A definition and a typology."]},
    {"cell_type": "code", "metadata": {}, "source": ["print(1)"], "outputs": [], "execution_count": None}])


def planted_notebook_output(value, own: bool = False):
    def edit(p: Project) -> None:
        from workshop.web.notebooks import NotebookRuns

        p.write("exercises/notebooks/n.ipynb", NOTEBOOK)
        p.config["nav"].append({"N": "exercises/notebooks/n.ipynb"})
        p.save()
        runs = NotebookRuns(p.root, [p.root / "exercises/notebooks/n.ipynb"])
        folder = p.root / ".cache" / "workshop" / "notebooks"
        folder.mkdir(parents=True, exist_ok=True)
        for digest in runs.keys.values():
            if own:
                cache.DiskCache(p.root, "notebooks").store(digest, value)
            else:
                (folder / f"{digest}.json").write_text(json.dumps(value), encoding="utf-8")
    return edit


SCRIPT_OUTPUT = {"outputs": {"1": [{"output_type": "display_data", "data": {"text/html": "<script>PWNED</script>"},
                                    "metadata": {}}]}, "error": None}
add(
    Case("notebook-cache-planted-script", "notebooks", planted_notebook_output(SCRIPT_OUTPUT), 0, "run again",
         args=("exercises/notebooks/n.ipynb",)),
    Case("notebook-cache-planted-old-format", "notebooks", planted_notebook_output({"outputs": {}, "error": None}), 0,
         "run again", args=("exercises/notebooks/n.ipynb",)),
    Case("notebook-cache-own-wrong-shape", "notebooks",
         planted_notebook_output({"outputs": {"1": "not a list"}, "error": None}, own=True), 0, "run again",
         args=("exercises/notebooks/n.ipynb",)),
    Case("notebook-cache-own-output-of-unknown-type", "notebooks",
         planted_notebook_output({"outputs": {"1": [{"output_type": "javascript"}]}, "error": None}, own=True), 0,
         "run again", args=("exercises/notebooks/n.ipynb",)),
    Case("notebook-cache-own-good-entry-is-used", "notebooks",
         planted_notebook_output({"outputs": {"1": [{"output_type": "stream", "name": "stdout", "text": "1\n"}]},
                                  "error": None}, own=True), 0, "kept", args=("exercises/notebooks/n.ipynb",)),
)


# ---------------------------------------------------------------- 2. special files, and what would hang a converter

def nested_list(levels: int, indent: str = "  ") -> str:
    return "".join(indent * level + "- item\n" for level in range(levels))


add(
    Case("pipe-as-a-page", "check", fifo("docs/pipe.md", nav=True), 1, "this is a named pipe, not a file"),
    Case("pipe-as-a-path-to-check", "check-here", fifo("docs/pipe.md"), 1, "it is a named pipe, not a file",
         args=("docs/pipe.md",)),
    Case("pipe-as-the-glossary", "check", fifo("data/glossary.yaml"), 1, "data/glossary.yaml:1: cannot read the file"),
    Case("pipe-as-the-configuration", "check", fifo("other.yml"), 2, "not a regular file", args=("--config", "other.yml")),
    Case("dev-zero-as-the-configuration", "check", nothing, 2, "not a regular file", args=("--config", "/dev/zero")),
    Case("pipe-as-the-post-its", "outline", fifo("in.csv"), 1, "it is a named pipe", args=("in.csv",)),
    Case("dev-zero-as-the-post-its", "outline", nothing, 1, "it is a device, not a file", args=("/dev/zero",)),
    Case("dev-zero-as-the-ratings", "evaluation", nothing, 1, "it is a device", args=("/dev/zero",)),
    Case("folder-as-the-post-its", "outline", lambda p: (p.root / "in.csv").mkdir(parents=True), 1, "it is a folder",
         args=("in.csv",)),
    Case("pipe-as-a-page-template", "page", fifo("templates/concept.md"), 1, "the template templates/concept.md cannot be read: it is a named pipe",
         args=("--kind", "concept", "--objectives", "LO1", "--title", "T")),
    Case("pipe-as-the-slides-data", "slides", both(write("data/agenda.yaml", AGENDA), fifo("data/slides.yaml")), 1,
         "data/slides.yaml:1: cannot read the file: it is a named pipe", args=("--out", "build/s")),
    Case("pipe-as-a-notebook-to-strip", "strip", fifo("exercises/n.ipynb"), 1, "named pipe", args=("exercises/n.ipynb",)),
    Case("list-nested-600-deep", "check", body(nested_list(600)), 1, "levels deep"),
    Case("list-nested-3000-deep", "check", body(nested_list(3000, " ")), 1, "levels deep"),
    Case("list-nested-3000-deep-2-spaces", "check", body(nested_list(3000)), 1, "it holds 9,018,052 bytes"),
    Case("quotes-nested-1000-deep", "check", body("".join(">" * n + " q\n" for n in range(1, 1000))), 1, "levels deep"),
    Case("brackets-100000", "check", body("[" * 100_000 + "]" * 100_000 + "\n"), 1, "'[' characters"),
    Case("brackets-unclosed-spaced", "check", body("[ " * 20_000 + "\n"), 1, "'[' characters"),
    Case("angle-brackets-20000", "check", body("<a " * 20_000 + "\n"), 1, "'<' characters"),
    Case("twenty-unclosed-brackets-in-a-long-paragraph", "check", body("[" * 20 + " word" * 39_000 + "\n"), 1,
         "makes the Markdown converter read more than 2,000,000 characters"),
    Case("unclosed-tags-in-a-long-paragraph", "check", body("<a " * 20 + " word" * 39_000 + "\n"), 1,
         "an unclosed '[' or '<'"),
    Case("page-of-300000-characters", "check", body("word " * 60_000), 1, "a page may have at most 200,000"),
    Case("headings-20000", "check", body("# x\n" * 20_000), 1, "lines"),
    Case("headings-600", "check", body("# x\n\n" * 600), 1, "headings"),
    Case("definitions-in-a-row", "check", body("a\n: b\n" * 500), 1, "definition-list lines"),
    Case("markdown-blocks-nested", "check", body("<div markdown>\n" * 300 + "x\n" + "</div>\n" * 300), 1,
         "HTML blocks holding Markdown"),
    Case("page-of-6-megabytes", "check", body("word " * 1_300_000), 1, "the file is not read: it holds 6,500,"),
    Case("notebook-markdown-nested-deep", "check", write("exercises/deep.ipynb", notebook(
        {"kind": "exercise", "objectives": ["LO1"]},
        [{"cell_type": "markdown", "metadata": {}, "source": [nested_list(700)]}])), 1, "levels deep"),
    Case("post-its-from-10000-groups", "outline", write("in.csv", CSV_HEADER + "".join(f"G{n},design,step\n" for n in range(10_000))),
         1, "from 10,000 groups", args=("in.csv",)),
    Case("post-its-20000-rows", "outline", write("in.csv", CSV_HEADER + "A,design,step\n" * 20_000), 1,
         "more than 10,000 rows", args=("in.csv",)),
    Case("post-its-6-megabytes", "outline", write("in.csv", CSV_HEADER + ("A,design," + "x" * 1000 + "\n") * 6000), 1,
         "a file here may hold at most 5,000,000", args=("in.csv",)),
    Case("notebook-cells-are-numbers", "strip", write("exercises/n.ipynb", json.dumps(
        {"cells": [1, 2, {"cell_type": "code", "source": "x", "outputs": [{"output_type": "stream"}], "metadata": {},
                          "execution_count": 1}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})), 1,
         "a cell is not a set of keys", args=("exercises/n.ipynb",)),
    Case("notebook-with-outputs-nbformat-refuses", "strip", write("exercises/n.ipynb", json.dumps(
        {"cells": [{"cell_type": "code", "source": "x", "outputs": [{"output_type": 5}], "metadata": {},
                    "execution_count": "one"}], "metadata": {}, "nbformat": "four"})), 1, "nbformat cannot read it",
         args=("exercises/n.ipynb",)),
    Case("slides-data-alias-bomb", "slides", both(write("data/agenda.yaml", AGENDA), write("data/slides.yaml",
         "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
             f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)))), 1,
         "anchors and aliases", args=("--out", "build/s")),
    Case("configuration-aliases-in-extra", "check", raw_config(lambda t: t.replace(
        "extra:\n", "bomb: &a [x, x, x, x, x, x, x, x, x]\nextra:\n  deep: [*a, *a, *a]\n", 1)), 0, NO_PROBLEMS),
    Case("configuration-alias-bomb-in-extra", "check", raw_config(lambda t: t.replace("extra:\n", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
        + "extra:\n  deep: *i\n", 1)), 2, "too large"),
)


# ---------------------------------------------------------------- 3. outputs that are not the command's own

def file_at(rel: str, text: str = "a trainer's file"):
    return write(rel, text)


POSTITS = write("in.csv", CSV_HEADER + "A,design,Agree the question\n")
RATINGS = write("r.csv", RATINGS_HEADER + "p1,1,2,2,3\n")


def a_zip_of_the_trainers(p: Project) -> None:
    p.save()
    (p.root / "build").mkdir(exist_ok=True)
    with zipfile.ZipFile(p.root / "build" / "workshop-site-offline.zip", "w") as pack:
        pack.writestr("my-notes.txt", "kept")


def an_edited_pack(p: Project) -> None:
    from workshop.outputs.offline import write_zip

    p.save()
    site = p.root.parent / "built"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    write_zip(site, p.root / "build" / "workshop-site-offline.zip")
    with zipfile.ZipFile(p.root / "build" / "workshop-site-offline.zip", "a") as pack:
        pack.writestr("added-by-hand.txt", "mine")


def an_edited_deck(p: Project) -> None:
    from pptx import Presentation

    write("data/agenda.yaml", AGENDA)(p)
    p.save()
    out = p.root / "build" / "slides"
    assert SLIDES.main(["--config", str(p.root / "mkdocs.yml"), "--out", str(out)]) == 0
    deck = Presentation(str(out / "workshop.pptx"))
    deck.slides[0].shapes.title.text = "My own title"
    deck.save(str(out / "workshop.pptx"))


def planted_marked_deck(p: Project) -> None:
    """A deck carrying make slides' own mark, with a picture that inflates to 120 MB: checking
    whether it is unchanged must not inflate it."""
    from pptx import Presentation

    from workshop.outputs.slides.output import save

    marked = p.root.parent / "marked.pptx"
    save(Presentation(), marked)
    target = p.root / "build" / "slides" / "workshop.pptx"
    target.parent.mkdir(parents=True)
    with zipfile.ZipFile(marked) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as deck:
        for item in source.infolist():
            deck.writestr(item, source.read(item.filename))
        deck.writestr("ppt/media/image1.png", b"\0" * 120_000_000)


def agenda_and(edit):
    return both(write("data/agenda.yaml", AGENDA), edit)


def docs_learn_links_out(p: Project) -> None:
    outside = p.root.parent / "outside"
    outside.mkdir()
    p.config["extra"]["kinds"]["concept"].update({"folder": "docs/learn", "section": "Learn"})
    p.save()
    (p.root / "docs" / "learn").symlink_to(outside, target_is_directory=True)


def outside_left_empty(p: Project, output: str) -> None:
    assert list((p.root.parent / "outside").iterdir()) == [], "make page wrote outside the project"


def notebook_links_out(p: Project) -> None:
    outside = p.root.parent / "outside.ipynb"
    outside.write_text(json.dumps({"cells": [{"cell_type": "code", "id": "c1", "source": "1", "metadata": {}, "execution_count": 1,
                                              "outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}]}],
                                   "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    p.save()
    (p.root / "exercises" / "linked.ipynb").symlink_to(outside)


def outside_notebook_kept(p: Project, output: str) -> None:
    assert '"execution_count": 1' in (p.root.parent / "outside.ipynb").read_text(encoding="utf-8")


def with_handout(p: Project) -> None:
    p.add_page("exercises/handouts/brief.md", handout_page(1, "Brief", "Write here."), "Brief")


OUT = ("build/*",)
add(
    Case("offline-over-readme", "offline", file_at("README.md"), 2, "make offline writes .zip files",
         args=("--output", "README.md")),
    Case("offline-over-the-trainers-zip", "offline", a_zip_of_the_trainers, 2, "was not written by make offline"),
    Case("offline-over-an-edited-pack", "offline", an_edited_pack, 2, "changed after make offline wrote it"),
    Case("offline-build-is-a-file", "offline", file_at("build"), 2, "is a file, not a folder"),
    Case("offline-into-proc", "offline", nothing, 2, "system folder /proc", args=("--output", "/proc/self/pack.zip")),
    Case("offline-named-svg", "offline", nothing, 2, "this name ends in '.svg'", args=("--output", "build/x.svg")),
    Case("offline-over-a-folder", "offline", lambda p: (p.root / "pack.zip").mkdir(parents=True), 2,
         "it exists and is a folder", args=("--output", "pack.zip")),
    Case("offline-over-a-link", "offline", link("pack.zip", "README.md"), 2, "it is a link", args=("--output", "pack.zip")),
    Case("offline-over-the-configuration", "offline", nothing, 2, "it is the input file", args=("--output", "mkdocs.yml")),
    Case("outline-folder-is-a-file", "outline", both(POSTITS, file_at("build")), 2, "build is a file, not a folder",
         args=("in.csv",)),
    Case("outline-into-proc", "outline", POSTITS, 2, "system folder /proc", args=("in.csv", "--output", "/proc/x.md")),
    Case("outline-named-svg", "outline", POSTITS, 2, "make outline writes .md files", args=("in.csv", "--output", "o.svg")),
    Case("outline-chart-over-a-users-file", "outline", both(POSTITS, file_at("o.svg")), 2, "o.svg: not written",
         args=("in.csv", "--output", "o.md")),
    Case("outline-over-a-link-to-the-readme", "outline", both(POSTITS, file_at("README.md"), link("o.md", "README.md")),
         2, "it is a link", args=("in.csv", "--output", "o.md")),
    Case("outline-over-a-folder", "outline", both(POSTITS, lambda p: (p.root / "o.md").mkdir()), 2,
         "it exists and is a folder", args=("in.csv", "--output", "o.md")),
    Case("outline-over-a-pipe", "outline", both(POSTITS, fifo("o.md")), 2, "named pipe", args=("in.csv", "--output", "o.md")),
    Case("evaluation-over-a-users-file", "evaluation", both(RATINGS, file_at("build/r-evaluation.md")), 2,
         "it exists and was not written by this command", args=("r.csv",)),
    Case("evaluation-into-etc", "evaluation", RATINGS, 2, "system folder /etc", args=("r.csv", "--output", "/etc/x.md")),
    Case("slides-out-is-the-readme", "slides", agenda_and(file_at("README.md")), 2, "it is a file, not a folder",
         args=("--out", "README.md")),
    Case("slides-out-under-a-file", "slides", agenda_and(file_at("README.md")), 2, "README.md is a file, not a folder",
         args=("--out", "README.md/slides")),
    Case("slides-out-in-proc", "slides", agenda_and(nothing), 2, "system folder /proc", args=("--out", "/proc/slides")),
    Case("slides-edited-deck", "slides", an_edited_deck, 2, "it was changed after make slides wrote it",
         args=("--out", "build/slides"), outputs=("build/slides/*",)),
    Case("slides-deck-marked-but-inflating", "slides", agenda_and(planted_marked_deck), 2,
         "it exists and was not written by make slides", args=("--out", "build/slides")),
    Case("slides-deck-is-a-link", "slides", agenda_and(both(file_at("mine.pptx"), link("build/slides/workshop.pptx",
                                                                                        "../../mine.pptx"))),
         2, "it is a link", args=("--out", "build/slides")),
    Case("handouts-out-is-a-file", "handouts", both(with_handout, file_at("README.md")), 2, "it is a file, not a folder",
         args=("--out", "README.md")),
    Case("handouts-out-in-proc", "handouts", with_handout, 2, "system folder /proc", args=("--out", "/proc/handouts")),
    Case("handouts-out-under-a-file", "handouts", both(with_handout, file_at("build")), 2, "build is a file, not a folder"),
    Case("page-folder-links-out", "page", docs_learn_links_out, 2, "outside the project",
         args=("--kind", "concept", "--objectives", "LO1", "--title", "T"), after=outside_left_empty),
    Case("page-folder-is-a-file", "page", both(lambda p: p.config["extra"]["kinds"]["concept"].update(
        {"folder": "docs/learn", "section": "Learn"}), file_at("docs/learn")), 2, "docs/learn is a file, not a folder",
         args=("--kind", "concept", "--objectives", "LO1", "--title", "T")),
    Case("strip-a-notebook-linked-from-outside", "strip", notebook_links_out, 2, "it is a link",
         args=("exercises/linked.ipynb",), after=outside_notebook_kept),
)


# ---------------------------------------------------------------- 4. the project is the one the command runs in

def other_clone(p: Project) -> None:
    """A second copy of the project beside this one, with a problem of its own."""
    other = Project(p.root.parent / "other")
    BAD_PAGE(other)
    other.save()


add(
    Case("check-acts-on-the-project-of-its-working-folder", "check-here", other_clone, 0, NO_PROBLEMS),
    Case("check-config-names-another-project", "check-here", other_clone, 1, "LO9", args=("--config", "../other/mkdocs.yml")),
    Case("outline-writes-into-this-projects-build", "outline", POSTITS, 0, "Wrote build/in-outline.md", args=("in.csv",),
         outputs=OUT),
    Case("outline-stages-come-from-this-project", "outline", both(
        extra("vocabulary.stages", ["planning"]), write("in.csv", CSV_HEADER + "A,planning,x\n")), 0, "Wrote",
         args=("in.csv",), outputs=OUT),
    Case("outline-stages-of-another-project-refused", "outline", both(
        extra("vocabulary.stages", ["planning"]), write("in.csv", CSV_HEADER + "A,design,x\n")), 1,
         "'design' is not a stage; use one of planning", args=("in.csv",)),
)


# ---------------------------------------------------------------- 5. what a message prints

def text_only(p: Project) -> None:
    """The evaluation's Markdown, converted as a site would, shows the file name as text: no
    element or attribute of it, and no link to javascript:."""
    import markdown
    from bs4 import BeautifulSoup

    converted = markdown.markdown((p.root / "build/e.md").read_text(encoding="utf-8"), extensions=["tables"])
    soup = BeautifulSoup(converted, "html.parser")
    assert not [tag for tag in soup.find_all(True) if "onerror" in tag.attrs], converted
    assert not [a for a in soup.find_all("a") if str(a.get("href", "")).startswith("javascript")], converted


def annotated(p: Project, output: str) -> None:
    lines = output.splitlines()
    assert not [line for line in lines if line.startswith("::") and not line.startswith("::error file=")], output
    assert all("\x1b" not in line and "\u202e" not in line for line in lines)


add(
    Case("newline-in-a-file-name", "check", write("docs/a\nb.md", CONCEPT_PAGE), 1, "docs/a\\nb.md:1:", after=annotated),
    Case("newline-in-a-file-name-annotated", "check", write("docs/a\nb.md", CONCEPT_PAGE), 1,
         "::error file=docs/a\\nb.md,line=1,", after=annotated, args=("--format", "github")),
    Case("forged-annotation-in-a-file-name", "check", write("docs/x\n::warning file=y.md::forged.md", CONCEPT_PAGE), 1,
         "x\\n::warning file=y.md::forged.md", after=annotated),
    Case("forged-annotation-in-a-file-name-annotated", "check",
         write("docs/x\n::warning file=y.md::forged.md", CONCEPT_PAGE), 1,
         "file=docs/x\\n%3A%3Awarning file=y.md%3A%3Aforged.md,line=1,", after=annotated, args=("--format", "github")),
    Case("annotation-properties-escaped", "check", write("docs/a,b:c%.md", CONCEPT_PAGE), 1,
         "::error file=docs/a%2Cb%3Ac%25.md,line=1,title=workshop check%3A not-in-nav::", args=("--format", "github")),
    Case("escape-sequence-in-a-kind", "check", page("kind: \"con\\e[2Jcept\"\nobjectives: [LO1]"), 1, "con\\x1b[2Jcept",
         after=annotated),
    Case("right-to-left-override-in-a-kind", "check", page("kind: \"con\\u202Ecept\"\nobjectives: [LO1]"), 1,
         "con\\u202ecept", after=annotated),
    Case("line-separator-in-an-objective", "check", page("kind: concept\nobjectives: [\"LO\\u20281\"]"), 1, "LO\\u20281"),
    Case("escape-in-a-stage", "outline", write("in.csv", CSV_HEADER + "A,de\x1b[31msign,x\n"), 1, "'de\\x1b[31msign'",
         args=("in.csv",)),
    Case("not-utf8-file-name", "check", write(os.fsdecode(b"docs/caf\xe9.md"), CONCEPT_PAGE), 1,
         "docs/caf\\xe9.md:1: the file's name is not UTF-8 text"),
    Case("not-utf8-csv-name", "outline", write(os.fsdecode(b"in\xff.csv"), CSV_HEADER + "A,design,x\n"), 0,
         "Wrote build/in\\xff-outline.md", args=(os.fsdecode(b"in\xff.csv"),), outputs=OUT),
    Case("ascii-terminal", "subprocess", page("kind: lecture\u2014seminar\nobjectives: [LO1]"), 1, "lecture\\u2014seminar",
         env={"PYTHONIOENCODING": "ascii"}),
    Case("ascii-terminal-not-utf8-name", "subprocess", write(os.fsdecode(b"docs/caf\xe9.md"), CONCEPT_PAGE), 1,
         "caf\\xe9.md", env={"PYTHONIOENCODING": "ascii"}),
    Case("docs-dir-is-etc", "check", raw_config(lambda t: t.replace("docs_dir: docs", "docs_dir: /etc")), 2,
         "docs_dir '/etc' is not a folder inside the project"),
    Case("docs-dir-is-proc", "check", raw_config(lambda t: t.replace("docs_dir: docs", "docs_dir: /proc")), 2,
         "is not a folder inside the project"),
    Case("docs-dir-above-the-project", "check", raw_config(lambda t: t.replace("docs_dir: docs", "docs_dir: ..")), 2,
         "docs_dir '..' is not a folder inside the project"),
    Case("docs-dir-a-link-out", "check", both(lambda p: p.config.__setitem__("docs_dir", "pages"), link("pages", "/usr")), 2,
         "is not a folder inside the project"),
    Case("docs-dir-a-number", "check", raw_config(lambda t: t.replace("docs_dir: docs", "docs_dir: 5")), 2,
         "docs_dir must be the name of a folder"),
    Case("evaluation-file-name-is-markup", "evaluation", write("<img src=x onerror=alert(1)>.csv",
                                                                RATINGS_HEADER + "p1,1,2,2,3\n"), 0, "Wrote",
         args=("<img src=x onerror=alert(1)>.csv", "--output", "build/e.md"), outputs=OUT, after=lambda p, out: text_only(p)),
    Case("evaluation-file-name-is-a-link", "evaluation", write("[x](javascript:alert(1)).csv", RATINGS_HEADER + "p1,1,2,2,3\n"),
         0, "Wrote", args=("[x](javascript:alert(1)).csv", "--output", "build/e.md"), outputs=OUT,
         after=lambda p, out: text_only(p)),
)


# ---------------------------------------------------------------- 6. links out of the project, and slide templates

def template_zip(edit_zip: Callable[[bytes], bytes] | None = None, width: int | None = None):
    """A slide template (a deck made by python-pptx), changed: its slide size, or its zip's bytes."""
    def edit(p: Project) -> None:
        import re

        from pptx import Presentation

        write("data/agenda.yaml", AGENDA)(p)
        p.save()
        buffer = io.BytesIO()
        Presentation().save(buffer)
        data = buffer.getvalue()
        if width is not None:   # python-pptx refuses to set such a size; PowerPoint's XML can hold it
            changed = io.BytesIO()
            with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(changed, "w") as target:
                for item in source.infolist():
                    part = source.read(item.filename)
                    if item.filename == "ppt/presentation.xml":
                        part = re.sub(rb'<p:sldSz cx="\d+" cy="\d+"', b'<p:sldSz cx="%d" cy="%d"' % (width, width), part)
                    target.writestr(item, part)
            data = changed.getvalue()
        (p.root / "template.pptx").write_bytes(edit_zip(data) if edit_zip else data)
    return edit


def declared_size(size: int) -> Callable[[bytes], bytes]:
    """The zip with one picture whose header declares `size` bytes (what a 1.5 GB picture declares)."""
    def change(data: bytes) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                target.writestr(item, source.read(item.filename))
            target.writestr("ppt/media/image1.png", b"\0" * 1000)
        raw = bytearray(buffer.getvalue())
        start = raw.rfind(b"PK\x01\x02")   # the last entry of the central directory: the picture
        raw[start + 24:start + 28] = size.to_bytes(4, "little")   # uncompressed size in the central directory
        return bytes(raw)
    return change


def too_many_parts(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for number in range(10_001):
            target.writestr(f"x/{number}", b"")
    return buffer.getvalue()


add(
    Case("leak-link-in-exercises", "check", link("exercises/leak.txt", "/etc/passwd"), 1, "outside the project"),
    Case("folder-link-out-in-docs", "check", link("docs/etc", "/etc"), 1, "docs/etc:1: this is a link to /etc"),
    Case("publish-refuses-links-out-and-pipes", "publish", both(link("exercises/leak.txt", "/etc/passwd"),
                                                                 fifo("docs/pipe.txt"), link("docs/etc", "/etc")),
         0, "exercises/leak.txt: no; docs/pipe.txt: no; docs/etc/hostname: no; docs/definitions.md: yes",
         args=("exercises/leak.txt", "docs/pipe.txt", "docs/etc/hostname", "docs/definitions.md")),
    Case("template-0-by-0", "slides", template_zip(width=0), 1, "its slide size is 0 x 0 inches",
         args=("--template", "template.pptx", "--out", "build/s")),
    Case("template-declares-1.5-GB", "slides", template_zip(declared_size(1_500_000_000)), 1,
         "would inflate to 1,500,000,000 bytes", args=("--template", "template.pptx", "--out", "build/s")),
    Case("template-understates-a-part", "slides", template_zip(declared_size(10)), 1, "not a PowerPoint",
         args=("--template", "template.pptx", "--out", "build/s")),
    Case("template-of-10001-parts", "slides", template_zip(too_many_parts), 1, "at most 10,000 are read",
         args=("--template", "template.pptx", "--out", "build/s")),
    Case("template-not-a-zip", "slides", both(write("data/agenda.yaml", AGENDA), write("template.pptx", "not a zip")), 1,
         "not a PowerPoint", args=("--template", "template.pptx", "--out", "build/s")),
    Case("template-a-pipe", "slides", both(write("data/agenda.yaml", AGENDA), fifo("template.pptx")), 2, "no such file",
         args=("--template", "template.pptx", "--out", "build/s")),
)


# ---------------------------------------------------------------- running a case

class Hung(Exception):
    pass


def _alarm(number, frame):
    raise Hung


def tree(root: Path) -> dict[str, str]:
    """Every file a person could have written (the caches under .cache are the commands' own)."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] == ".cache" or path.is_symlink() or not path.is_file():
            continue
        found[rel.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def run_command(case: Case, project: Project) -> int:
    config = str(project.root / "mkdocs.yml")
    if case.command == "check":
        return CHECK.main(["--config", config, *case.args] if "--config" not in case.args else list(case.args))
    if case.command == "check-here":
        return CHECK.main(list(case.args))
    if case.command == "page":
        return NEW_PAGE.main([*case.args, "--config", config])
    if case.command == "outline":   # the draft's PDF is printed by a browser: these cases are about the files
        return DATA.main([case.command, *case.args, *(() if "--no-pdf" in case.args else ("--no-pdf",))])
    if case.command == "evaluation":
        return DATA.main([case.command, *case.args])
    if case.command == "strip":
        return STRIP.main(["--config", config, *case.args])
    if case.command == "slides":
        return SLIDES.main(["--config", config, *case.args])
    if case.command == "offline":
        return OFFLINE.main(["--config", config, *case.args])
    if case.command == "handouts":
        return HANDOUTS.main(["--config", config, *case.args])
    if case.command == "cached":
        from workshop.check.cached import checked_site
        from workshop.check.report import text

        site = checked_site(project.root / "mkdocs.yml")
        print(text(site) + "\n".join(p.code for p in site.problems.sorted()))
        return 1 if site.problems else 0
    if case.command == "render":
        from workshop.check.cached import checked_site
        from workshop.web.page_output import page_markdown

        site = checked_site(project.root / "mkdocs.yml")
        model = site.page(case.args[0])
        print(page_markdown(site, model, model.body))
        return 0
    if case.command == "notebooks":
        from workshop.web.notebooks import NotebookRuns

        path = (project.root / case.args[0]).resolve()
        runs = NotebookRuns(project.root, [path])
        runs.start()
        try:
            print("kept" if path in runs.results else "run again")
        finally:
            runs.close()
        return 0
    if case.command == "publish":
        from workshop.model.publish import may_publish

        print("; ".join(f"{rel}: {'yes' if may_publish(project.root / rel, project.root, project.root) else 'no'}"
                        for rel in case.args))
        return 0
    raise AssertionError(f"unknown command {case.command}")


for number, case in enumerate(CASES):
    case.id = f"{number:03d}-{case.id}"


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path, capsys, monkeypatch):
    project = Project(tmp_path / "project")
    case.edit(project)
    project.save()
    monkeypatch.chdir(project.root)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    before = tree(project.root)
    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        if case.command == "subprocess":
            result = subprocess.run([sys.executable, "-m", "workshop.command", "check"], cwd=project.root,
                                    capture_output=True, env={**os.environ, **case.env}, timeout=TIME_LIMIT)
            status, shown = result.returncode, (result.stdout + result.stderr).decode("ascii", "backslashreplace")
        else:
            try:
                status = run_command(case, project)
            except SystemExit as leaving:   # argparse's own refusal of bad arguments
                status = leaving.code
            out = capsys.readouterr()
            shown = out.out + out.err
    except Hung:
        pytest.fail(f"no end after {TIME_LIMIT} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - started
    assert "Traceback" not in shown, shown
    assert status == case.exit, shown
    assert case.fragment in shown, shown
    assert elapsed < TIME_LIMIT, f"took {elapsed:.1f} s"
    after = tree(project.root)
    changed = {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}
    assert all(any(fnmatch(rel, pattern) for pattern in case.outputs) for rel in changed), \
        f"changed outside its outputs: {sorted(changed)}"
    if case.after is not None:
        case.after(project, shown)
