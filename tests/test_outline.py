"""make outline: the post-its and worksheets of any workshop pulled into one draft outline.

Tensions stay apart from steps; near-duplicates are merged within and across groups, with every
wording kept; shared steps come first; the worksheets add order, people and needs; the draft
carries its date, a reply-by date and credits; bad rows are named by file and row; nothing a
person wrote is replaced. Each test writes its own CSV files against a synthetic project's
configuration (project_factory), so none depends on this workshop's stages or content.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from project_factory import Project
from workshop.model.config import load_config
from workshop.outputs import outline, outline_files, similarity
from workshop.outputs.charts import postits_chart
from workshop.outputs.exercise_data import DataError, read_postits, stages
from workshop.outputs.worksheet_data import read_worksheets
from workshop.outputs.writing import OutputRefused

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "workshop_data.py"
DAY = datetime.date(2030, 5, 6)


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> Path:
    """A synthetic workshop whose flip chart has two columns: design, then conduct."""
    return Project(tmp_path_factory.mktemp("outline") / "p").save().root


@pytest.fixture(scope="module")
def config(workshop):
    return load_config(workshop / "mkdocs.yml")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def draft(postits, worksheets=None, **settings) -> str:
    return outline.draft_markdown(outline.synthesise(postits, worksheets),
                                  outline.DraftSettings.on(DAY, **settings))


def problems(reader, path, config, **options) -> list[str]:
    with pytest.raises(DataError) as caught:
        reader(path, config, **options)
    return [line.replace(f"{path.parent}/", "") for line in caught.value.lines()]


# ---------------------------------------------------------------- merging

def test_near_duplicates_merge_within_and_across_groups_and_keep_every_wording(tmp_path, config):
    postits = read_postits(write(tmp_path, "p.csv", "group,scenario,stage,text\n"
                                 "1,A,design,Ask the residents' relatives group what worries them most about falls\n"
                                 "1,A,design,Ask relatives what worries them about falls\n"
                                 "2,B,design,Agree authorship and acknowledgement with practice partners\n"
                                 "3,C,design,Agree authorship and acknowledgement with the community researchers\n"
                                 "3,C,design,Agree with the practices how data will be shared\n"
                                 "4,D,conduct,Train two carers as co-researchers\n"), config)
    merged = outline.synthesise(postits)
    assert merged.notes == 6 and merged.postit_steps == 4, "two pairs merged, the rest kept apart"
    by_text = {s.text: s for s in merged.steps}
    authorship = next(s for s in merged.steps if "authorship" in s.text)
    assert authorship.groups == ["2", "3"] and authorship.scenarios == ["B", "C"]
    assert any("data will be shared" in text for text in by_text), "a shared word alone does not merge"
    relatives = next(s for s in merged.steps if "worries" in s.text)
    assert len(relatives.wordings) == 2 and relatives.groups == ["1"]
    text = draft(postits)
    notes = text[text.index("## Notes: every wording, as written"):]
    for wording in ("Ask relatives what worries them about falls", "the community researchers",
                    "with practice partners", "most about falls"):
        assert wording in notes


def test_shared_steps_come_first_then_each_scenario_then_the_tensions(tmp_path, config):
    postits = read_postits(write(tmp_path, "p.csv", "group,scenario,stage,kind,text\n"
                                 "1,A,conduct,,Pay carers for their time on the advisory group\n"
                                 "1,A,design,,Meet the ward team in its own time\n"
                                 "2,B,conduct,step,Pay carers for their time on the steering group\n"
                                 "2,B,design,tension,Managers want speed; carers want a say\n"), config)
    text = draft(postits)
    shared = text.index("## 1. The shared outline")
    single = text.index("## 2. Steps one scenario wrote")
    tensions = text.index("## 3. The tensions and compromises the room named")
    assert shared < text.index("Pay carers") < single < text.index("### Scenario A") < text.index("Meet the ward team") < tensions
    assert "*(groups 1 and 2; scenarios A and B)*" in text
    assert text.index("Managers want speed") > tensions, "a tension is never listed as a step"
    assert "**Step 1.** Pay carers" in text and "**Step 2.** Meet the ward team" in text


def test_groups_that_share_a_card_do_not_make_a_step_shared(tmp_path, config):
    postits = read_postits(write(tmp_path, "p.csv", "group,scenario,stage,text\n"
                                 "1,A,design,Pay carers for their time\n2,A,design,Pay carers for their time.\n"), config)
    merged = outline.synthesise(postits)
    assert merged.shared_steps == [] and merged.steps[0].groups == ["1", "2"]
    assert "*No step was written for more than one scenario.*" in draft(postits)


def test_without_scenarios_a_step_is_shared_when_two_groups_wrote_it(tmp_path, config):
    postits = read_postits(write(tmp_path, "p.csv", "group,stage,text\n"
                                 "1,design,Pay carers for their time\n2,design,Pay the carers for their time\n"
                                 "2,conduct,Cost the backfill\n"), config)
    text = draft(postits)
    assert "## 1. The shared outline: steps several groups wrote" in text
    assert "## 2. Steps one group wrote" in text and "Cost the backfill *(group 2)*" in text


def test_the_threshold_decides_how_alike_notes_must_be():
    texts = ["Agree authorship with the nurses", "Agree authorship with the carers' group"]
    comparer = similarity.Comparer(texts)
    score = comparer.similarity(0, 1)
    assert 0 < score < 100
    assert len(similarity.clusters(texts, score, comparer)) == 1
    assert len(similarity.clusters(texts, score + 1, comparer)) == 2


def test_word_forms_and_slips_count_as_the_same_word():
    assert similarity.same_word("pay", "payment") is False, "too short to be a stem"
    assert similarity.same_word("cost", "costings") and similarity.same_word("relatives", "relatvies")
    assert similarity.words("The carers' group’s plan") == ["carers", "group", "plan"]


# ---------------------------------------------------------------- kinds and colours

def test_a_colour_can_stand_for_tensions_and_a_kind_cell_wins(tmp_path, config):
    path = write(tmp_path, "p.csv", "group,stage,colour,kind,text\n1,design,Pink,,Who decides?\n"
                                    "1,design,yellow,,Meet first\n1,conduct,pink,step,Pay carers\n")
    notes = read_postits(path, config, tension_colours=["pink"]).notes
    assert [(n.text, n.kind) for n in notes] == [("Who decides?", "tension"), ("Meet first", "step"),
                                                 ("Pay carers", "step")]
    assert all(n.kind == "step" for n in read_postits(path, config).notes), "no colour means nothing without the option"


def test_bad_kinds_and_a_missing_colour_column_are_named_by_row(tmp_path, config):
    path = write(tmp_path, "p.csv", "group,stage,kind,text\n1,design,tenson,Who decides?\n1,design,,Meet\n")
    assert problems(read_postits, path, config) == [
        "p.csv, row 2, column 'kind': 'tenson' is neither step nor tension (did you mean 'tension'?)"]
    assert problems(read_postits, path, config, tension_colours=["pink"])[0].startswith(
        "p.csv, row 1, column 'colour': the column is missing")


# ---------------------------------------------------------------- worksheets

WORKSHEET = ("group,scenario,order,step,who,needs,key\n"
             "1,A,1,Meet the ward team in its own time,Nurses and researcher,An hour on the ward,yes\n"
             "1,A,2,Pay carers for their time,Researcher and finance office,A budget line,\n"
             "1,A,3,Write the lay summary with carers,Carers,Drafts a week ahead,\n"
             "1,A,compromise,We kept the funder's deadline,Carers\n")


def test_worksheets_add_who_needs_stars_order_and_the_compromise(tmp_path, config):
    postits = read_postits(write(tmp_path, "p.csv", "group,scenario,stage,text\n"
                                 "1,A,conduct,Pay carers for their time on the advisory group\n"
                                 "1,A,design,Meet the ward team in its own time\n"), config)
    sheets = read_worksheets(write(tmp_path, "w.csv", WORKSHEET), config)
    assert [r.order for r in sheets.rows] == [1, 2, 3, None] and sheets.rows[0].key
    merged = outline.synthesise(postits, sheets)
    assert merged.postit_steps == 2 and len(merged.steps) == 3, "the lay summary is on no post-it"
    meet = next(s for s in merged.steps if s.text.startswith("Meet"))
    assert meet.who == [("1", "Nurses and researcher")] and meet.key_for == ["1"] and meet.orders == [("1", 1)]
    assert len(meet.wordings) == 1, "a worksheet's copy of a post-it is not a second wording"
    summary = next(s for s in merged.steps if "lay summary" in s.text)
    assert summary.stage == "conduct" and summary.stage_inferred, "placed after the group's step 2"
    text = draft(postits, sheets)
    assert "**Who takes part:** Nurses and researcher (group 1)." in text
    assert "**What it needs:** An hour on the ward (group 1)." in text and "A key step for group 1." in text
    assert "- **Group 1, scenario A:** We kept the funder's deadline. Who bears the cost: Carers." in text


def test_bad_worksheet_rows_are_each_named_with_a_hint(tmp_path, config):
    path = write(tmp_path, "w.csv", "group,order,step,key,stage\n1,first,Meet,,design\n1,2,Pay,maybe,\n"
                                    "1,2,Cost,,\n2,compromise,,,\n2,3,Plan,,desing\n")
    assert problems(read_worksheets, path, config) == [
        "w.csv, row 2, column 'order': 'first' is not a place in the group's order",
        "w.csv, row 3, column 'key': 'maybe' is not yes or no",
        "w.csv, row 4, column 'order': group '1' already has a row 2 (row 3)",
        "w.csv, row 5, column 'step': the cell is empty",
        "w.csv, row 6, column 'stage': 'desing' is not a stage (did you mean 'design'?); use one of design, conduct",
    ]


# ---------------------------------------------------------------- the draft

def test_the_draft_is_dated_with_a_reply_by_date_and_credits_only_those_named(tmp_path, config):
    postits = read_postits(write(tmp_path, "p.csv", "group,stage,text\n1,design,Meet first\n"), config)
    text = draft(postits, event="the spring workshop")
    assert text.startswith("# Draft for your comments\n")
    assert "- **Date of this draft:** 6 May 2030" in text and "- **Please reply by:** 20 May 2030" in text
    assert "Nobody is named without their agreement" in text
    named = draft(postits, credits=("Ann Example", "Bo <b>Bold</b>"), reply_by=datetime.date(2030, 6, 1))
    assert "- **Please reply by:** 1 June 2030" in named
    assert "those who agreed to be named: Ann Example and Bo &lt;b&gt;Bold&lt;/b&gt;." in named


def test_what_groups_wrote_stays_text(tmp_path, config):
    postits = read_postits(write(tmp_path, "p.csv", "group,stage,kind,text\n"
                                 "<b>Red</b> $\\foo$,design,,<script>x</script> [a](javascript:y)\n"
                                 "<i>Blue</i>,design,tension,<img src=x onerror=alert(1)>\n"), config)
    text = draft(postits)
    for markup in ("<script>", "<b>", "<img", "[a](", "<i>"):
        assert markup not in text
    assert "&lt;b&gt;Red&lt;/b&gt; $\\\\foo$" in text


# ---------------------------------------------------------------- files

def test_the_pdf_is_replaced_only_while_the_markdown_vouches_for_it(tmp_path, config):
    csv = write(tmp_path, "p.csv", "group,stage,text\n1,design,Meet first\n")
    postits = read_postits(csv, config)
    body = draft(postits)
    chart = postits_chart(postits)
    markdown = tmp_path / "out.md"
    written = outline_files.write_draft(body, chart, csv, markdown, pdf=b"%PDF-1.4 first")
    assert [p.name for p in written] == ["out.md", "out.svg", "out.pdf"]
    assert f"<!-- Printed as out.pdf; sha256 {hashlib.sha256(b'%PDF-1.4 first').hexdigest()}. -->" in markdown.read_text()
    outline_files.write_draft(body, chart, csv, markdown, pdf=b"%PDF-1.4 second")
    assert (tmp_path / "out.pdf").read_bytes() == b"%PDF-1.4 second", "our own PDF is replaced"

    (tmp_path / "out.pdf").write_bytes(b"%PDF-1.4 annotated by hand")
    with pytest.raises(OutputRefused, match="out.pdf: not written: it was changed after it was written"):
        outline_files.write_draft(body, chart, csv, markdown, pdf=b"%PDF-1.4 third")
    assert (tmp_path / "out.pdf").read_bytes() == b"%PDF-1.4 annotated by hand"

    foreign = tmp_path / "mine.pdf"
    foreign.write_bytes(b"%PDF-1.4 someone's report")
    with pytest.raises(OutputRefused, match="mine.pdf: not written: it exists and was not written by this command"):
        outline_files.write_draft(body, chart, csv, tmp_path / "mine.md", pdf=b"%PDF new")
    assert not (tmp_path / "mine.md").exists(), "nothing is written when the PDF is refused"


def test_the_worksheets_file_is_never_an_output(tmp_path, config):
    csv = write(tmp_path, "p.csv", "group,stage,text\n1,design,Meet first\n")
    sheets = write(tmp_path, "w.md", "group,order,step\n1,1,Meet first\n")
    postits = read_postits(csv, config)
    with pytest.raises(OutputRefused, match="it is the input file"):
        outline_files.write_draft(draft(postits), postits_chart(postits), csv, sheets, inputs=[sheets])
    assert sheets.read_text() == "group,order,step\n1,1,Meet first\n"


# ---------------------------------------------------------------- the command

@pytest.fixture(scope="module")
def run_cli(workshop):
    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(SCRIPT), "outline", "--config", str(workshop / "mkdocs.yml"), *args],
                              capture_output=True, text=True, cwd=cwd)
    return run


@pytest.fixture(scope="module")
def first_stage(config) -> str:
    return stages(config)[0]


def test_the_command_writes_the_draft_without_a_pdf_when_asked(tmp_path, first_stage, run_cli):
    write(tmp_path, "p.csv", f"group,stage,colour,text\n1,{first_stage},yellow,Meet first\n"
                             f"2,{first_stage},yellow,Meet them first\n1,{first_stage},pink,Who decides?\n")
    write(tmp_path, "w.csv", "group,order,step,who\n1,1,Meet first,Everyone\n")
    write(tmp_path, "names.txt", "# agreed on the day\nAnn Example\n\n")
    result = run_cli("p.csv", "--worksheets", "w.csv", "--tension-colour", "pink", "--credits", "names.txt",
                     "--date", "2030-05-06", "--no-pdf", "--output", "draft.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 post-its of steps merged into 1 steps" in result.stdout and "1 tension kept apart" in result.stdout
    text = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert "\n# Draft for your comments\n" in text and "Ann Example" in text and "Who decides?" in text
    assert not (tmp_path / "draft.pdf").exists()


def test_a_colour_left_unnamed_or_named_wrongly_is_pointed_out(tmp_path, first_stage, run_cli):
    """Notes of two colours and none named as tensions (or a named colour no note has): the draft is
    written, every note as a step, and the command says so with the option to use."""
    write(tmp_path, "p.csv", f"group,stage,colour,text\n1,{first_stage},yellow,Meet first\n"
                             f"1,{first_stage},pink,Who decides?\n")
    unnamed = run_cli("p.csv", "--no-pdf", "--output", "a.md", cwd=tmp_path)
    assert unnamed.returncode == 0 and "0 tensions kept apart" in unnamed.stdout
    assert "2 colours (yellow 1, pink 1) and no colour was named as tensions" in unnamed.stdout
    assert "make outline TENSION_COLOUR=COLOUR" in unnamed.stdout
    wrong = run_cli("p.csv", "--no-pdf", "--tension-colour", "pnk", "--output", "b.md", cwd=tmp_path)
    assert wrong.returncode == 0 and "no post-it is of the colour named as tensions (pnk)" in wrong.stdout
    named = run_cli("p.csv", "--no-pdf", "--tension-colour", "PINK", "--output", "c.md", cwd=tmp_path)
    assert "1 tension kept apart" in named.stdout and "Note:" not in named.stdout
    write(tmp_path, "k.csv", f"group,stage,colour,kind,text\n1,{first_stage},yellow,,Meet first\n"
                             f"1,{first_stage},pink,tension,Who decides?\n")
    kinds = run_cli("k.csv", "--no-pdf", "--output", "d.md", cwd=tmp_path)
    assert "1 tension kept apart" in kinds.stdout and "Note:" not in kinds.stdout


def test_make_hands_the_tension_colour_over_as_data(tmp_path, first_stage, workshop):
    write(tmp_path, "p.csv", f"group,stage,colour,text\n1,{first_stage},yellow,Meet first\n"
                             f"1,{first_stage},pink $(touch pwned),Who decides?\n")
    env = {**os.environ, "WORKSHOP_CSV": "p.csv", "WORKSHOP_OUT": "d.md", "WORKSHOP_TENSION_COLOUR": "pink $(touch pwned)"}
    result = subprocess.run([sys.executable, str(SCRIPT), "outline", "--config", str(workshop / "mkdocs.yml"),
                             "--from-make", "--no-pdf"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "1 tension kept apart" in result.stdout and not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("args, message", [
    (["--date", "6 May"], "argument --date: not a date in the form 2026-03-12: '6 May'"),
    (["--date", "2030-05-06", "--reply-by", "2030-05-01"], "--reply-by (2030-05-01) is before the date of the draft"),
    (["--similarity", "0"], "argument --similarity: must be more than 0 and at most 100: '0'"),
    (["--credits", "nobody.txt"], "--credits: cannot read nobody.txt"),
])
def test_unusable_options_exit_with_status_2_and_say_why(tmp_path, first_stage, run_cli, args, message):
    write(tmp_path, "p.csv", f"group,stage,text\n1,{first_stage},Meet first\n")
    result = run_cli("p.csv", "--no-pdf", *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr and not list(tmp_path.glob("build"))


def test_problems_in_both_files_are_reported_together_and_nothing_is_written(tmp_path, first_stage, run_cli):
    write(tmp_path, "p.csv", f"group,stage,kind,text\n1,{first_stage},both,Meet first\n")
    write(tmp_path, "w.csv", "group,order,step\n1,one,Meet first\n")
    result = run_cli("p.csv", "--worksheets", "w.csv", "--no-pdf", "--output", "draft.md", cwd=tmp_path)
    assert result.returncode == 1 and "2 problems found; nothing was written." in result.stderr
    assert "p.csv, row 2, column 'kind'" in result.stderr and "w.csv, row 2, column 'order'" in result.stderr
    assert not (tmp_path / "draft.md").exists()


@pytest.mark.browser
def test_the_command_prints_the_draft_to_a_tagged_pdf(tmp_path, first_stage, run_cli):
    from pypdf import PdfReader

    write(tmp_path, "p.csv", f"group,stage,text\n1,{first_stage},Meet <b>first</b>\n")
    result = run_cli("p.csv", "--date", "2030-05-06", "--paper", "letter", "--output", "draft.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "draft.pdf")
    assert reader.metadata.title == "Draft for your comments"
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792], "US Letter"
    words = " ".join(page.extract_text() for page in reader.pages)
    assert "Draft for your comments" in words and "6 May 2030" in words and "Meet <b>first</b>" in words
    assert "/StructTreeRoot" in reader.trailer["/Root"], "tagged for screen readers"
    assert re.search(r"sha256 [0-9a-f]{64}", (tmp_path / "draft.md").read_text(encoding="utf-8"))
