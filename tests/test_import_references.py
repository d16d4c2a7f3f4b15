"""References from the tools trainers use: `workshop import-references FILE` (make import-references
FILE=...) adds a BibTeX or CSL-JSON export to the bibliography, keeping keys, reporting each entry it
cannot use by its line, keeping the file's comments and every line it does not change, and never
replacing an entry a person wrote or changed."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import yaml

from project_factory import Project
from workshop.frontends.references import main

BIBLIOGRAPHY = """# yaml-language-server: $schema=../schemas/bibliography.schema.json
# Our sources. Keep this comment.
- key: handwritten2001
  type: book
  authors:
  - Writer, Hand
  year: 2001
  title: 'A book typed in by hand: with a subtitle'
  venue: 'London: Press'
  topics:
  - basics   # a group of the reading list

# ---- the next section
"""

BIBTEX = r"""% Exported from a reference manager
@article{moller2019partners,
  author = {M{\"o}ller, J{\"o}rg and {van der Berg}, Anna and {Health Research Collaboration}},
  title = {Partners in research: {NHS} trusts \& universities},
  journal = {Journal of Synthetic Studies},
  year = {2019},
  volume = {12},
  number = {3},
  pages = {45--67},
  doi = {https://doi.org/10.1234/jss.2019.45}
}

@incollection{ortiz2015chapter,
  author = {Ortiz, Ana},
  title = {A chapter on stakeholders},
  booktitle = {The Handbook of Examples},
  year = {2015}
}

@article{noyear,
  author = {Someone, Ann},
  title = {An article without a year},
  journal = {Journal of Gaps}
}

@article{broken2020,
  author = {Broke, Ben},
  title = {An unclosed title,
  year = {2020}

@online{site2022guide,
  author = {{Example Network}},
  title = {A guide on the web},
  url = {https://example.org/guide},
  year = {2022}
}
"""


def project_with(tmp_path: Path, bibliography: str | None = BIBLIOGRAPHY) -> Project:
    project = Project(tmp_path / "p")
    if bibliography is not None:
        project.write("data/bibliography.yaml", bibliography)
    return project.save()


def run(project: Project, *args: str, env: dict | None = None) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    before, saved = os.getcwd(), dict(os.environ)
    os.chdir(project.root)
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(list(args))
            except SystemExit as exit:
                code = exit.code
    finally:
        os.chdir(before)
        os.environ.clear()
        os.environ.update(saved)
    return code, stdout.getvalue(), stderr.getvalue()


def entries(project: Project) -> dict[str, dict]:
    data = yaml.safe_load((project.root / "data" / "bibliography.yaml").read_text(encoding="utf-8"))
    return {entry["key"]: entry for entry in data}


def export(project: Project, text: str, name: str = "refs.bib") -> Path:
    path = project.root / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bibtex_entries_are_added_with_their_keys_and_the_schemas_fields(tmp_path):
    project = project_with(tmp_path)
    code, out, err = run(project, str(export(project, BIBTEX)))
    found = entries(project)
    assert set(found) == {"handwritten2001", "moller2019partners", "ortiz2015chapter", "site2022guide"}
    article = found["moller2019partners"]
    assert article["authors"] == ["Möller, Jörg", "van der Berg, Anna", "Health Research Collaboration"]
    assert article["title"] == "Partners in research: NHS trusts & universities"
    assert (article["type"], article["venue"], article["year"]) == ("article", "Journal of Synthetic Studies", 2019)
    assert (article["volume"], article["issue"], article["pages"]) == ("12", "3", "45-67")
    assert article["doi"] == "10.1234/jss.2019.45" and article["url"] == "https://doi.org/10.1234/jss.2019.45"
    assert article["imported"].startswith("sha256:")
    assert (found["ortiz2015chapter"]["type"], found["ortiz2015chapter"]["venue"]) == ("chapter", "The Handbook of Examples")
    assert (found["site2022guide"]["type"], found["site2022guide"]["venue"]) == ("web", "example.org")
    # the entries it could not use, each by its line in the export, with a hint; the rest went in
    assert code == 1
    assert "refs.bib:20: noyear: not imported: it has no year" in out
    assert "refs.bib:26: broken2020: not imported: this entry could not be read" in out
    assert out.count("    hint: ") == 2
    assert "Added 3" in out and "2 not imported" in out


def test_every_line_it_does_not_change_stays_as_it_was(tmp_path):
    project = project_with(tmp_path)
    run(project, str(export(project, BIBTEX)))
    text = (project.root / "data" / "bibliography.yaml").read_text(encoding="utf-8")
    assert text.startswith(BIBLIOGRAPHY)       # comments, order, quoting: untouched


def test_the_checker_accepts_what_was_imported(tmp_path):
    project = project_with(tmp_path)
    project.config["extra"]["reading_list"] = {"basics": "The basics"}
    project.save()
    run(project, str(export(project, BIBTEX)))
    result = project.check()
    assert result.returncode == 0, result.stdout


def test_importing_the_same_export_again_changes_nothing(tmp_path):
    project = project_with(tmp_path)
    source = export(project, BIBTEX.split("@article{noyear")[0])
    assert run(project, str(source))[0] == 0
    path = project.root / "data" / "bibliography.yaml"
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    code, out, _ = run(project, str(source))
    assert code == 0 and "2 already there" in out
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_an_imported_entry_nobody_changed_is_updated_and_keeps_its_topics(tmp_path):
    project = project_with(tmp_path)
    source = export(project, BIBTEX.split("@incollection")[0])
    run(project, str(source))
    path = project.root / "data" / "bibliography.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  imported: sha256", "  topics:\n  - basics\n  imported: sha256"), encoding="utf-8")
    source.write_text(BIBTEX.split("@incollection")[0].replace("pages = {45--67}", "pages = {45--68}"), encoding="utf-8")
    code, out, _ = run(project, str(source))
    assert code == 0 and "updated 1 entry" in out
    entry = entries(project)["moller2019partners"]
    assert entry["pages"] == "45-68" and entry["topics"] == ["basics"]
    assert path.read_text(encoding="utf-8").startswith(BIBLIOGRAPHY)


def test_an_entry_a_person_changed_or_wrote_is_kept_and_reported_with_its_line(tmp_path):
    project = project_with(tmp_path)
    source = export(project, BIBTEX.split("@incollection")[0])
    run(project, str(source))
    path = project.root / "data" / "bibliography.yaml"
    edited = path.read_text(encoding="utf-8").replace("NHS trusts & universities", "NHS trusts and universities")
    path.write_text(edited, encoding="utf-8")
    line = edited.splitlines().index("- key: moller2019partners") + 1
    source.write_text(BIBTEX.split("@incollection")[0].replace("{12}", "{13}"), encoding="utf-8")
    code, out, _ = run(project, str(source))
    assert code == 1
    assert f"data/bibliography.yaml:{line}: moller2019partners: kept as it is: it was changed after it was imported" in out
    assert "differs in title, volume" in out and "hint: to take the exported version" in out
    assert path.read_text(encoding="utf-8") == edited

    # a key the trainer wrote by hand is theirs too
    code, out, _ = run(project, str(export(project, "@book{handwritten2001, author={Writer, Hand}, title={Other},"
                                                     " publisher={P}, year={2001}}\n", "hand.bib")))
    assert code == 1 and "data/bibliography.yaml:3: handwritten2001: kept as it is: it was written by hand" in out
    assert path.read_text(encoding="utf-8") == edited


CSL_JSON = """[
  {
    "id": "http://zotero.org/users/1/items/ABCD1234",
    "type": "article-journal",
    "title": "Co-production in practice",
    "container-title": "Journal of Synthetic Studies",
    "volume": "7",
    "issue": 2,
    "page": "1-9",
    "DOI": "10.1234/jss.7.1",
    "author": [{"family": "Rivera", "given": "Luz"}, {"literal": "The Partners Group"}],
    "issued": {"date-parts": [[2021, 5]]}
  },
  {
    "id": "keyed2018",
    "citation-key": "keyed2018report",
    "type": "report",
    "title": "A report",
    "publisher": "Example Trust",
    "publisher-place": "Leeds",
    "author": [{"family": "Key", "given": "Kim"}],
    "issued": {"date-parts": [[2018]]}
  },
  {
    "id": "notitle2020",
    "type": "article-journal",
    "container-title": "Journal of Gaps",
    "author": [{"family": "Gap", "given": "G"}],
    "issued": {"date-parts": [[2020]]}
  }
]
"""


def test_csl_json_from_zotero_is_imported_with_keys_and_lines(tmp_path):
    project = project_with(tmp_path)
    code, out, _ = run(project, str(export(project, CSL_JSON, "refs.json")))
    found = entries(project)
    made = found["rivera2021coproduction"]
    assert made["authors"] == ["Rivera, Luz", "The Partners Group"] and made["issue"] == "2"
    assert (made["venue"], made["year"], made["doi"]) == ("Journal of Synthetic Studies", 2021, "10.1234/jss.7.1")
    assert found["keyed2018report"]["venue"] == "Leeds: Example Trust"
    assert code == 1
    assert "refs.json:2: rivera2021coproduction: note: it had no citation key" in out
    assert "refs.json:24: notitle2020: not imported: it has no title" in out


def test_an_export_that_is_not_json_or_not_utf8_is_refused_by_its_line(tmp_path):
    project = project_with(tmp_path)
    before = (project.root / "data" / "bibliography.yaml").read_bytes()
    code, _, err = run(project, str(export(project, '[\n  {"id": "a",\n  "type": }\n]\n', "bad.json")))
    assert code == 2 and err.startswith("bad.json:3: not valid JSON")
    bad = project.root / "latin1.bib"
    bad.write_bytes("@book{a, title={Caf\xe9}}\n".encode("latin-1"))
    code, _, err = run(project, str(bad))
    assert code == 2 and err.startswith("latin1.bib:1: the file is not UTF-8 text")
    assert (project.root / "data" / "bibliography.yaml").read_bytes() == before


def test_a_broken_bibliography_is_never_written(tmp_path):
    broken = BIBLIOGRAPHY + "- key: [unclosed\n"
    project = project_with(tmp_path, broken)
    code, _, err = run(project, str(export(project, BIBTEX)))
    assert code == 2 and err.startswith("data/bibliography.yaml:") and "not valid YAML" in err
    assert (project.root / "data" / "bibliography.yaml").read_text(encoding="utf-8") == broken


def test_a_project_without_a_bibliography_gets_one(tmp_path):
    project = project_with(tmp_path, None)
    code, _, _ = run(project, str(export(project, BIBTEX.split("@article{noyear")[0])))
    text = (project.root / "data" / "bibliography.yaml").read_text(encoding="utf-8")
    assert code == 0 and text.startswith("# yaml-language-server: $schema=") and len(entries(project)) == 2


def test_values_are_written_exactly_whatever_they_hold(tmp_path):
    project = project_with(tmp_path)
    hostile = [{"id": f"odd{n}", "type": "report", "title": title, "publisher": "P",
                "author": [{"family": "Odd", "given": "O"}], "issued": {"date-parts": [[2020]]}}
               for n, title in enumerate(["- key: injected\n  type: book", "yes", "'quoted' \"twice\"",
                                          "# not a comment", "{flow: map}", "a: b", "&anchor *alias"])]
    run(project, str(export(project, json.dumps(hostile), "odd.json")))
    found = entries(project)
    assert "injected" not in found
    for n, item in enumerate(hostile):
        assert found[f"odd{n}"]["title"] == " ".join(item["title"].split())


def test_make_hands_the_file_over_as_data(tmp_path):
    project = project_with(tmp_path)
    source = export(project, BIBTEX.split("@article{noyear")[0], "my refs; $(rm -rf x).bib")
    code, out, _ = run(project, "--from-make", env={"WORKSHOP_FILE": str(source)})
    assert code == 0 and "Added 2" in out
    code, _, err = run(project, "--from-make", env={"WORKSHOP_FILE": ""})
    assert code == 2 and "make import-references FILE=" in err


def test_a_dry_run_writes_nothing(tmp_path):
    project = project_with(tmp_path)
    before = (project.root / "data" / "bibliography.yaml").read_bytes()
    code, out, _ = run(project, "--dry-run", str(export(project, BIBTEX)))
    assert code == 1 and "Would add 3" in out
    assert (project.root / "data" / "bibliography.yaml").read_bytes() == before
