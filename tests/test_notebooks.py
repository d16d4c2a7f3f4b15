"""The workshop's data notebooks and `make outline` / `make evaluation`.

A facilitator types the post-its and the self-assessment into a spreadsheet after the session and
needs, the same day, an outline of steps and a summary of change they can trust: every fault in
the file named by row and column (never a traceback), the outputs written to build/ without ever
replacing the input or a file they edited, and notebook pages as light and accessible as the rest.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest

from workshop.outputs import charts
from workshop.outputs import exercise_data
from workshop.outputs import outline, taking_part
from workshop.outputs.worksheet_data import read_worksheets
from workshop.outputs import writing as outputs
from workshop.check.checks import run_checks
from workshop.outputs.exercise_data import DataError, read_postits, read_ratings
from workshop.web.notebooks import NotebookRuns, fill_outputs, notebook_markdown, strip_outputs
from workshop.model.config import load_config
from workshop.model.site import load_site
from project_factory import Project, handout_page, notebook as notebook_text

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "workshop_data.py"
STAGES = "planning, design, conduct, analysis, reporting"
RATING_HEADER = "participant," + ",".join(f"LO{i}_{w}" for i in range(1, 4) for w in ("before", "after"))


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- a synthetic workshop with notebooks
# Two notebooks of the kind a workshop writes with the engine's data tools, each with a parameters
# cell, reading invented sample files: post-its and worksheets into counts, a chart and a draft
# outline; self-assessment ratings into a summary. Nothing here is this workshop's.

POSTITS_SAMPLE = """\
# Invented sample data: post-its from four groups, not notes from a real workshop.
group,scenario,stage,colour,text
1,A,planning,yellow,Meet the patient panel before writing the question
1,A,planning,yellow,Pay panel members for their time
1,A,design,yellow,Agree the outcome measures with the panel
1,A,design,pink,Who decides when the panel and the funder disagree?
2,B,planning,yellow,Meet the patient panel before drafting the question
2,B,design,yellow,Agree outcome measures with the panel
2,B,conduct,yellow,Train the peer interviewers
2,B,analysis,yellow,Check the themes with the panel
3,A,planning,yellow,Pay panel members for their time.
3,A,conduct,yellow,Train the peer interviewers before the first interview
3,A,reporting,yellow,Write a plain summary with the panel
3,A,reporting,pink,The deadline leaves no time to check the summary
4,B,design,yellow,Ask the panel which outcomes matter most
4,B,analysis,yellow,Check the themes with the panel members
4,B,reporting,yellow,Send the panel the summary before publication
"""

WORKSHEETS_SAMPLE = """\
# Invented sample data: the steps worksheets of two groups.
group,scenario,order,step,who,needs,key
1,A,1,Meet the patient panel before writing the question,"Researcher, panel chair",A room and an hour,yes
1,A,2,Agree the outcome measures with the panel,"Researcher, panel",Payment for panel members,
2,B,1,Train the peer interviewers,"Peer interviewers, trainer",Two half days,yes
"""

RATINGS_SAMPLE = RATING_HEADER + ",words,counted\n" + """\
P1,2,4,1,3,2,2,4,5
P2,3,4,2,2,1,3,5,4
P3,1,3,3,4,2,4,3,4
P4,2,2,2,3,3,3,4,4
P5,4,5,1,2,2,3,2,3
P6,3,3,2,4,1,2,4,5
"""

SETUP = """import datetime
from pathlib import Path

from workshop.outputs import charts
from workshop.outputs import exercise_data
from workshop.outputs import outline
from workshop.outputs import outline_files
from workshop.outputs import worksheet_data
from workshop.outputs import writing as outputs

root = outputs.repository_root()"""

POSTITS_CELLS = [
    ("markdown", None, "# From post-its to steps\n\nThe post-its of each stage of a co-production project, as a table, "
                       "a chart and a plan of steps, from [the invented sample](data/postits.csv); each stakeholder "
                       "and each compromise has its tension and its cost."),
    ("code", "setup", SETUP),
    ("code", "parameters", 'data = root / "exercises" / "notebooks" / "data"\ncsv_path = data / "postits.csv"\n'
                           'worksheets_path = data / "worksheets.csv"\ntension_colours = ["pink"]\n'
                           "draft_date = datetime.date(2030, 5, 6)\noutput_path = None"),
    ("code", "read", "postits = exercise_data.read_postits(csv_path, tension_colours=tension_colours)\n"
                     "worksheets = worksheet_data.read_worksheets(worksheets_path) if worksheets_path else None\n"
                     'print(f"{len(postits.notes)} post-its from {len(postits.groups)} groups")'),
    ("code", "counts", "postits"),
    ("code", "chart", "chart = charts.postits_chart(postits)\nchart"),
    ("code", "merge", "merged = outline.synthesise(postits, worksheets)\n"
                      'print(f"{merged.notes} post-its of steps make {merged.postit_steps} steps once near-duplicates '
                      'are merged; {len(merged.shared_steps)} are shared:")\n'
                      "for step in merged.shared_steps:\n"
                      '    print(f"- {step.text} (groups {\', \'.join(step.groups)})")'),
    ("code", "outline", 'event = exercise_data.workshop_config().workshop.get("event") or ""\n'
                        "settings = outline.DraftSettings.on(draft_date, event=str(event))\n"
                        "draft = outline.draft_markdown(merged, settings)\n"
                        "written = outline_files.write_draft(draft, chart, csv_path, output_path,\n"
                        "                                    inputs=[worksheets_path] if worksheets_path else [],\n"
                        '                                    tool="the post-its notebook")\n'
                        'print("Written:", " and ".join(outputs.shown(path) for path in written))\nprint()\nprint(draft)'),
]

RATINGS_CELLS = [
    ("markdown", None, "# The ratings\n\nConfidence before and after, for each learning objective: how a plan "
                       "of one change, its cost and its partnership moved; the participants filled in "
                       "[the brief](../handouts/brief.md) first."),
    ("code", "setup", "from pathlib import Path\n\nfrom workshop.outputs import charts\nfrom workshop.outputs import "
                      "exercise_data\nfrom workshop.outputs import writing as outputs\n\nroot = outputs.repository_root()"),
    ("code", "parameters", 'csv_path = root / "exercises" / "notebooks" / "data" / "ratings.csv"\noutput_path = None'),
    ("code", "read", "ratings = exercise_data.read_ratings(csv_path)\n"
                     'print(f"Ratings from {len(ratings.participants)} participants")'),
    ("code", "summary", "ratings"),
    ("code", "chart", "chart = charts.change_chart(ratings)\nchart"),
    ("code", "taking-part", "from IPython.display import HTML\n\nfrom workshop.outputs import taking_part\n\n"
                            "HTML(taking_part.answers_html(ratings))"),
    ("code", "write", 'written = outputs.write_evaluation(ratings, csv_path, output_path, chart=chart,\n'
                      '                                   tool="the ratings notebook")\n'
                      'print("Written:", " and ".join(outputs.shown(path) for path in written))'),
]


def notebook_of(cells: list[tuple], objectives: list[str], title: str) -> str:
    """The notebook as Jupyter saves it (nbformat's own writer), each cell with its id."""
    made = []
    for number, (kind, cell_id, source) in enumerate(cells):
        new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        made.append(new(source, id=cell_id or f"cell-{number}"))
    notebook = nbformat.v4.new_notebook(cells=made, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "workshop": {"kind": "exercise", "objectives": objectives, "title": title,
                     "description": f"{title}: the invented sample data as a table and a chart."}})
    return nbformat.writes(notebook) + "\n"


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> Path:
    """The synthetic workshop's folder: its stages and a third objective, the questions on taking part,
    the two notebooks in the navigation and their sample data."""
    project = Project(tmp_path_factory.mktemp("notebooks") / "workshop")
    extra = project.config["extra"]
    extra["vocabulary"]["stages"] = STAGES.split(", ")
    extra["workshop"]["event"] = "A fictional meeting"
    extra["objectives"].append({"id": "LO3", "short": "Planning", "statement": "Plan one change to a partnership.",
                                "concepts": ["plan", "change", "partnership"]})
    extra["evaluation"] = {"min_answers": 3, "questions": [
        {"id": "words", "statement": "I could follow the words used."},
        {"id": "counted", "statement": "My views counted in my group."}]}
    project.add_page("exercises/handouts/brief.md", handout_page(1, "The brief", "Read the brief first.\n"),
                     "Handout 1: The brief")
    project.add_page("exercises/notebooks/steps.ipynb", notebook_of(POSTITS_CELLS, ["LO1", "LO2"], "From post-its to steps"),
                     "Steps")
    project.add_page("exercises/notebooks/ratings.ipynb", notebook_of(RATINGS_CELLS, ["LO3"], "The ratings"), "Ratings")
    project.write("exercises/notebooks/data/postits.csv", POSTITS_SAMPLE)
    project.write("exercises/notebooks/data/worksheets.csv", WORKSHEETS_SAMPLE)
    project.write("exercises/notebooks/data/ratings.csv", RATINGS_SAMPLE)
    return project.save().root


@pytest.fixture(scope="module")
def config(workshop):
    return load_config(workshop / "mkdocs.yml")


@pytest.fixture(scope="module")
def data(workshop) -> Path:
    return workshop / "exercises" / "notebooks" / "data"


def problems_of(reader, path: Path, config) -> list[str]:
    with pytest.raises(DataError) as caught:
        reader(path, config)
    return caught.value.lines()


# ---------------------------------------------------------------- running the notebooks

def run_notebook(path: Path, **parameters: Path) -> tuple[nbformat.NotebookNode, Exception | None]:
    """Execute a notebook where the build runs it (its own folder), with parameters set after
    its parameters cell, as a facilitator would edit them; return it with its outputs."""
    notebook = nbformat.read(path, as_version=4)
    index = next(i for i, cell in enumerate(notebook.cells) if cell.get("id") == "parameters")
    assignments = "\n".join(f"{name} = Path({str(value)!r})" for name, value in parameters.items())
    notebook.cells.insert(index + 1, nbformat.v4.new_code_cell(assignments))
    client = nbclient.NotebookClient(notebook, timeout=120, record_timing=False,
                                     resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        return notebook, error
    return notebook, None


def output_of(notebook: nbformat.NotebookNode, cell_id: str, kind: str) -> str:
    cell = next(c for c in notebook.cells if c.get("id") == cell_id)
    texts = []
    for output in cell.outputs:
        if kind == "stream" and output.output_type == "stream":
            texts.append(output.text)
        elif kind in output.get("data", {}):
            texts.append(output.data[kind])
        elif kind == "error" and output.output_type == "error":
            texts.append("\n".join(output.traceback))
    return "".join(texts)


@pytest.fixture(scope="module")
def postits_run(tmp_path_factory, workshop):
    out = tmp_path_factory.mktemp("postits") / "outline.md"
    notebook, error = run_notebook(workshop / "exercises/notebooks/steps.ipynb", output_path=out)
    assert error is None, f"the notebook failed on the sample data:\n{error}"
    return notebook, out


@pytest.fixture(scope="module")
def evaluation_run(tmp_path_factory, workshop):
    out = tmp_path_factory.mktemp("evaluation") / "summary.md"
    notebook, error = run_notebook(workshop / "exercises/notebooks/ratings.ipynb", output_path=out)
    assert error is None, f"the notebook failed on the sample data:\n{error}"
    return notebook, out


def test_postits_notebook_shows_the_counts_table_chart_and_outline(postits_run, config, data):
    notebook, out = postits_run
    expected = read_postits(data / "postits.csv", config, tension_colours=["pink"])
    table = output_of(notebook, "counts", "text/html")
    assert "<caption>Post-it notes at each stage of research, by group (15 notes from 4 groups)</caption>" in table
    assert table == expected.counts_html()
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td>\d+</td>)+)', table)
    assert [name for name, _ in rows] == ["Planning", "Design", "Conduct", "Analysis", "Reporting", "All stages"]
    assert rows[-1][1].endswith("<td>15</td>")

    figure = output_of(notebook, "chart", "text/html")
    assert figure.startswith('<figure class="workshop-figure"><svg')
    assert 'role="img"' in figure and "<title id=" in figure and "<desc id=" in figure
    assert "Totals: planning 4; design 4; conduct 2; analysis 2; reporting 3." in figure
    assert "<figcaption>Post-it notes at each stage of research." in figure

    merged_output = output_of(notebook, "merge", "stream")
    merged = outline.synthesise(expected, read_worksheets(data / "worksheets.csv", config))
    assert merged.notes == 13 and len(merged.tensions) == 2
    assert f"13 post-its of steps make {merged.postit_steps} steps once near-duplicates are merged" in merged_output
    assert merged.postit_steps < 13 and len(merged.shared_steps) >= 3, "the sample's recurring steps are found"
    for step in merged.shared_steps:
        assert f"- {step.text} (groups {', '.join(step.groups)})" in merged_output

    printed = output_of(notebook, "outline", "stream")
    assert f"Written: {outputs.shown(out)} and {outputs.shown(out.with_suffix('.svg'))}" in printed
    draft = outline.draft_markdown(merged, outline.DraftSettings.on(datetime.date(2030, 5, 6), event="A fictional meeting"))
    assert draft in printed
    assert out.read_text(encoding="utf-8").split("\n", 1)[1] == draft
    assert draft.startswith("# Draft for your comments\n") and "Please reply by:** 20 May 2030" in draft
    assert out.with_suffix(".svg").read_text(encoding="utf-8").count("<title") == 1


def test_evaluation_notebook_shows_the_summary_table_and_chart(evaluation_run, config, data):
    notebook, out = evaluation_run
    ratings = read_ratings(data / "ratings.csv", config)
    table = output_of(notebook, "summary", "text/html")
    assert table == ratings.summary_html()
    assert "(6 participants; ratings from 1 = not at all confident to 5 = very confident)" in table
    headers = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert headers == ["Objective", "n", "Median before", "Median after", "Median change",
                       "Improved", "Same", "Declined"]
    assert len(re.findall(r'<th scope="row">LO\d ', table)) == 3

    figure = output_of(notebook, "chart", "text/html")
    assert 'role="img"' in figure and "<title id=" in figure and "<figcaption>" in figure
    assert "LO1: " in figure and " improved, " in figure

    answers = output_of(notebook, "taking-part", "text/html")
    assert answers == taking_part.answers_html(ratings) and len(re.findall(r'<th scope="row">', answers)) == 2

    assert "Written:" in output_of(notebook, "write", "stream")
    summary = out.read_text(encoding="utf-8")
    assert "## Taking part" in summary
    assert "| LO1 Definitions | 6 |" in summary
    assert f"![Horizontal bar chart" in summary and f"]({out.with_suffix('.svg').name})" in summary
    assert "What these figures can and cannot show" in summary


@pytest.mark.parametrize("notebook, name, text, expected", [
    ("steps.ipynb", "post-its.csv", "group,stage,text\n1,design,Agree the question\n2,analyse,Check it\n",
     "post-its.csv, row 3, column 'stage': 'analyse' is not a stage (did you mean 'analysis'?); "
     f"use one of {STAGES}"),
    ("ratings.ipynb", "ratings.csv", RATING_HEADER + "\nAB12,3,4,2,6,1,1\n",
     "ratings.csv, row 2, column 'LO2_after': 6 is outside the scale; use a whole number from 1 to 5"),
])
def test_notebooks_show_bad_data_as_a_clear_message_not_a_traceback(tmp_path, workshop, notebook, name, text, expected):
    bad = write(tmp_path, name, text)
    run, error = run_notebook(workshop / "exercises/notebooks" / notebook, csv_path=bad, output_path=tmp_path / "out.md")
    assert error is not None, "the notebook should stop at the bad data"
    shown = output_of(run, "read", "error")
    assert expected in shown
    assert "hint:" in shown and "nothing was written" in shown
    assert "Traceback" not in shown and 'File "' not in shown and "exercise_data.py" not in shown
    assert not list(tmp_path.glob("out.*"))


# ---------------------------------------------------------------- checking the data

@pytest.fixture
def here(tmp_path, monkeypatch):
    """Work in a folder of one's own, so that messages name files as a facilitator typed them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("text, expected", [
    ("group,stages,text\n1,design,Agree the question\n",
     ["post-its.csv, row 1, column 'stage': the column is missing (the header has 'stages': is that it?)"]),
    ("group,stage\n1,design\n", ["post-its.csv, row 1, column 'text': the column is missing"]),
    ("# a comment\ngroup,stage,text\n1,design,Agree the question\n2,Analyse,Check it\n",
     [f"post-its.csv, row 4, column 'stage': 'Analyse' is not a stage (did you mean 'analysis'?); use one of {STAGES}"]),
    ("group,stage,text\n1,,Agree the question\n2,design,\n",
     ["post-its.csv, row 2, column 'stage': the cell is empty", "post-its.csv, row 3, column 'text': the cell is empty"]),
    ("group,stage,text\n1,design,Agree the question, then the methods\n",
     ["post-its.csv, row 2: the row has 4 cells but the header names 3 columns"]),
    ("group,stage,text\n", ["post-its.csv: the file has a header but no rows of data"]),
    ("", ["post-its.csv: the file is empty"]),
    ("\n\n# only a comment\n", ["post-its.csv: the file is empty"]),
    (b"group,stage,text\n1,design,Meet at the caf\xe9\n",
     ["post-its.csv, row 2: the file is not valid UTF-8 (byte 0xe9 at offset 41)"]),
])
def test_bad_post_its_are_named_by_row_and_column(here, config, text, expected):
    lines = problems_of(read_postits, write(here, "post-its.csv", text), config)
    assert [line[:len(e)] for line, e in zip(lines, expected)] == expected
    assert len(lines) == len(expected)


@pytest.mark.parametrize("row, expected", [
    ("AB12,3,4,2,6,1,1", "ratings.csv, row 2, column 'LO2_after': 6 is outside the scale; use a whole number from 1 to 5"),
    ("AB12,0,4,2,3,1,1", "ratings.csv, row 2, column 'LO1_before': 0 is outside the scale"),
    ("AB12,3,four,2,3,1,1", "ratings.csv, row 2, column 'LO1_after': 'four' is not a rating; use a whole number from 1 to 5"),
    ("AB12,3.5,4,2,3,1,1", "ratings.csv, row 2, column 'LO1_before': '3.5' is not a rating"),
    (",3,4,2,3,1,1", "ratings.csv, row 2, column 'participant': the cell is empty"),
])
def test_bad_ratings_are_named_by_row_and_column(here, config, row, expected):
    lines = problems_of(read_ratings, write(here, "ratings.csv", RATING_HEADER + "\n" + row + "\n"), config)
    assert len(lines) == 1 and lines[0].startswith(expected)


def test_every_problem_in_a_file_is_reported_at_once(here, config):
    text = RATING_HEADER + "\nAB12,3,4,2,3,1,1\nCD34,9,4,2,3,1,x\nab12,3,4,2,3,1,1\n"
    lines = problems_of(read_ratings, write(here, "ratings.csv", text), config)
    assert lines == [
        "ratings.csv, row 3, column 'LO1_before': 9 is outside the scale; use a whole number from 1 to 5",
        "ratings.csv, row 3, column 'LO3_after': 'x' is not a rating; use a whole number from 1 to 5",
        "ratings.csv, row 4, column 'participant': 'ab12' is also the code of row 2",
    ]


def test_a_missing_rating_column_names_the_near_miss(here, config):
    header = RATING_HEADER.replace("LO1_before", "L01_before")
    lines = problems_of(read_ratings, write(here, "ratings.csv", header + "\nAB12,3,4,2,3,1,1\n"), config)
    assert lines == ["ratings.csv, row 1, column 'LO1_before': the column is missing "
                     "(the header has 'L01_before': is that it?)"]


def test_what_spreadsheets_save_is_accepted(here, config):
    """A byte-order mark, semicolons, capitals, spaces, blank rows and comments are not faults."""
    text = "\ufeff# typed up on the day\nGroup ; Stage ; Text\n1;Design; Agree  the question \n\n2;ANALYSIS;Check it\n"
    postits = read_postits(write(here, "post-its.csv", text), config)
    assert [(n.row, n.group, n.stage, n.text) for n in postits.notes] == [
        (3, "1", "design", "Agree the question"), (5, "2", "analysis", "Check it")]


def test_the_summary_counts_each_participant_once_per_objective(here, config):
    rows = ["A,2,4,1,2,3,", "B,3,3,2,3,3,4", "C,1,3,,3,3,5", "D,2,2,1,1,2,4"]
    ratings = read_ratings(write(here, "ratings.csv", RATING_HEADER + "\n" + "\n".join(rows) + "\n"), config)
    by_id = {c.objective.id: c for c in ratings.summary()}
    lo1, lo2, lo3 = by_id["LO1"], by_id["LO2"], by_id["LO3"]
    assert (lo1.n, lo1.median_before, lo1.median_after, lo1.median_change) == (4, 2, 3, 1)
    assert (lo1.improved, lo1.same, lo1.declined) == (2, 2, 0)
    assert (lo2.n, lo2.missing, lo2.improved, lo2.same) == (3, 1, 2, 1)   # C skipped LO2 before
    assert (lo3.n, lo3.median_before, lo3.median_after) == (3, 3, 4)      # A left before the end
    assert ratings.summary_rows()[0] == ["LO1 Definitions", "4", "2", "3", "+1", "2", "2", "0"]
    assert exercise_data.number(-0.5, signed=True) == "-0.5" and exercise_data.number(None) == "–"


def test_the_outline_follows_the_stages_and_merges_identical_steps(here, config):
    text = ("group,stage,text\n2,reporting,Hand over to the team\n1,planning,Meet the ward team first\n"
            "10,planning,Pay carers for their time\n2,planning,pay carers for their time.\n"
            "1,design,Use *one* [survey] <b>only</b>\n")
    outline_text = outline.outline_markdown(read_postits(write(here, "post-its.csv", text), config))
    headings = re.findall(r"^### (.+)$", outline_text, re.M)
    assert headings == ["Planning", "Planning", "Design", "Reporting"]  # shared, then one group's
    assert "- **Step 1.** Pay carers for their time *(groups 2 and 10)*" in outline_text
    assert "- **Step 2.** Meet the ward team first *(group 1)*" in outline_text
    assert r"Use \*one\* \[survey\] &lt;b&gt;only&lt;/b&gt; *(group 1)*" in outline_text
    assert outline_text.index("Meet the ward team") < outline_text.index("Use ") < outline_text.index("Hand over")
    assert "the 5 post-its of steps make 4 steps" in outline_text


def test_charts_carry_a_text_alternative_and_print_without_colour(config, data):
    chart = charts.postits_chart(read_postits(data / "postits.csv", config))
    svg = chart.svg
    assert svg.startswith("<?xml") and "<svg" in svg
    opening = re.search(r"<svg\b[^>]*>", svg).group(0)
    assert 'role="img"' in opening and 'aria-labelledby="chart-title chart-desc"' in opening
    assert "width=" not in opening, "the chart must scale to the page"
    assert re.search(r"<svg\b[^>]*><title id=\"chart-title\">[^<]+</title><desc id=\"chart-desc\">", svg)
    fills = {colour.lower() for colour in re.findall(r"fill(?:: ?|=\")(#[0-9a-fA-F]{6})", svg)}
    assert {c.lower() for c in charts.OKABE_ITO[:4]} <= fills, "groups are drawn in Okabe-Ito colours"
    assert svg.count("<pattern ") >= 3, "groups after the first are told apart by hatching"
    inline = chart.inline("postits")
    assert inline.startswith("<svg") and 'aria-labelledby="postits-title postits-desc"' in inline


# ---------------------------------------------------------------- the command line

@pytest.fixture
def run_cli(workshop):
    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        """The command as a facilitator runs it from a folder of their own, naming the workshop's
        configuration (from inside the project, make finds it by itself)."""
        return subprocess.run([sys.executable, str(SCRIPT), *args, "--config", str(workshop / "mkdocs.yml")],
                              capture_output=True, text=True, cwd=cwd)
    return run


def test_the_command_writes_the_outline_and_its_chart(tmp_path, run_cli):
    csv = write(tmp_path, "post-its.csv", POSTITS_SAMPLE)
    result = run_cli("outline", str(csv), "--no-pdf", "--output", str(tmp_path / "report" / "steps.md"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "report" / "steps.md"
    assert "Wrote report/steps.md, report/steps.svg: 15 post-its of steps merged into" in result.stdout  # from here
    text = written.read_text(encoding="utf-8")
    assert text.startswith("<!-- Written by make outline from post-its.csv; checksum ")
    assert "\n# Draft for your comments\n" in text
    assert (tmp_path / "report" / "steps.svg").read_text(encoding="utf-8").startswith("<!-- Written by")
    again = run_cli("outline", str(csv), "--no-pdf", "--output", str(written), cwd=tmp_path)
    assert again.returncode == 0, "an unchanged output of the command is replaced"


def test_the_default_output_is_in_build_and_named_after_the_input(workshop, monkeypatch):
    monkeypatch.chdir(workshop / "exercises" / "notebooks")   # where a notebook runs: the project is found upwards
    assert outputs.default_output(Path("/somewhere/day-1.csv"), "outline") == workshop / "build" / "day-1-outline.md"
    assert outputs.default_output(Path("ratings.csv"), "evaluation") == workshop / "build" / "ratings-evaluation.md"


def test_the_command_never_writes_over_the_input_or_a_file_a_person_changed(tmp_path, run_cli):
    csv = write(tmp_path, "ratings.csv", RATINGS_SAMPLE)
    original = csv.read_bytes()
    over_input = run_cli("evaluation", str(csv), "--output", str(csv), cwd=tmp_path)
    assert over_input.returncode == 2
    assert "ratings.csv: not written: it is the input file" in over_input.stderr
    assert csv.read_bytes() == original and not list(tmp_path.glob("ratings.svg"))

    notes = write(tmp_path, "notes.md", "# My notes from the day\n")
    over_notes = run_cli("evaluation", str(csv), "--output", str(notes), cwd=tmp_path)
    assert over_notes.returncode == 2
    assert "notes.md: not written: it exists and was not written by this command" in over_notes.stderr
    assert notes.read_text(encoding="utf-8") == "# My notes from the day\n"

    summary = tmp_path / "summary.md"
    assert run_cli("evaluation", str(csv), "--output", str(summary), cwd=tmp_path).returncode == 0
    summary.write_text(summary.read_text(encoding="utf-8") + "\nOur reading: a good first run.\n", encoding="utf-8")
    edited = run_cli("evaluation", str(csv), "--output", str(summary), cwd=tmp_path)
    assert edited.returncode == 2 and "it was changed by hand after it was written" in edited.stderr
    assert summary.read_text(encoding="utf-8").endswith("Our reading: a good first run.\n")


def test_the_command_reports_bad_data_with_exit_status_1_and_writes_nothing(tmp_path, run_cli):
    write(tmp_path, "post-its.csv", "group,stage,text\n1,design,Agree it\n2,analyse,Check it\n")
    result = run_cli("outline", "post-its.csv", "--output", "out.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "1 problem found; nothing was written." in result.stderr
    assert "post-its.csv, row 3, column 'stage': 'analyse' is not a stage" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "out.md").exists()
    missing = run_cli("outline", "nowhere.csv", cwd=tmp_path)
    assert missing.returncode == 1 and "nowhere.csv: cannot read the file" in missing.stderr
    empty = run_cli("outline", "", cwd=tmp_path)
    assert empty.returncode == 2 and "make outline CSV=path/to/post-its.csv" in empty.stderr


# ---------------------------------------------------------------- committed and published notebooks

def test_notebooks_without_outputs_pass_the_checker(workshop):
    notebooks = sorted((workshop / "exercises" / "notebooks").glob("*.ipynb"))
    site = run_checks(load_site(workshop / "mkdocs.yml", notebooks))
    assert len(notebooks) == 2 and [p.text() for p in site.problems.sorted()] == []


def test_strip_notebooks_removes_outputs_and_nothing_else(tmp_path, workshop):
    original = (workshop / "exercises" / "notebooks" / "steps.ipynb").read_text(encoding="utf-8")
    notebook = json.loads(original)
    for number, cell in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = number + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["Café, 32 post-its\n"]}]
    dirty = write(tmp_path, "steps.ipynb", json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")

    site = run_checks(load_site(workshop / "mkdocs.yml", [dirty]))
    assert any(p.code == "notebook-outputs" for p in site.problems.sorted())
    result = subprocess.run([sys.executable, str(SCRIPT.with_name("strip_notebooks.py")), str(dirty)],
                            capture_output=True, text=True, cwd=workshop)
    assert result.returncode == 0, result.stderr
    assert dirty.read_text(encoding="utf-8") == original
    assert strip_outputs(original) == (original, 0)


@pytest.mark.slow
def test_notebook_pages_are_light_and_carry_their_data_and_labels(workshop, tmp_path):
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                           capture_output=True, text=True, cwd=workshop)
    assert built.returncode == 0, built.stderr
    site = tmp_path / "site"
    css = site / "assets" / "workshop" / "notebook.css"
    assert css.is_file()
    for name, sample in (("steps", "postits.csv"), ("ratings", None)):
        page = site / "exercises" / "notebooks" / name / "index.html"
        html = page.read_text(encoding="utf-8")
        assert page.stat().st_size < 150_000, f"{name}: {page.stat().st_size} bytes"
        assert '<link rel="stylesheet" href="../../../assets/workshop/notebook.css">' in html
        assert "--jp-" not in html and "clipboard-copy" not in html and '<script src="">' not in html
        assert 'class="objectives-box"' in html
        if sample:
            assert f'href="../data/{sample}"' in html
            assert (site / "exercises" / "notebooks" / "data" / sample).is_file()
        assert re.search(r'<figure class="workshop-figure"><svg\b[^>]*role="img"', html)
        region = re.search(r'<div [^>]*class="workshop-table"[^>]*>', html).group(0)
        assert 'role="region"' in region and 'aria-label="' in region and 'tabindex="0"' in region
        assert "<caption>" in html
        # The code is shown, each cell followed by what it printed; links to other pages are the site's.
        assert '<div class="notebook-output"><pre class="notebook-stream"><code>' in html
        assert 'language-python' in html or 'class="highlight"' in html
        assert "notebook-output:" not in html, "a placeholder was left on the page"
    ratings = (site / "exercises" / "notebooks" / "ratings" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../handouts/brief/"' in ratings


# ---------------------------------------------------------------- notebooks as pages

CELLS = [
    {"cell_type": "markdown", "metadata": {}, "source": ["# Counting\n", "\n", "A [brief](../handouts/brief.md)."]},
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
     "source": ["print('<script>alert(1)</script>')\n", "len('a ``` b')"]},
    {"cell_type": "markdown", "metadata": {}, "source": "## Then"},
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": ""},
]


def test_a_notebook_becomes_a_page_of_markdown_code_and_outputs():
    markdown = notebook_markdown(json.dumps({"cells": CELLS, "metadata": {"language_info": {"name": "python"}}}))
    assert markdown.startswith("# Counting\n\nA [brief](../handouts/brief.md).\n\n````python\n")
    assert "len('a ``` b')\n````\n\n<!-- notebook-output:1 -->\n\n## Then\n\n<!-- notebook-output:3 -->" in markdown
    result = {"outputs": {"1": [{"output_type": "stream", "name": "stdout", "text": "<script>alert(1)</script>\n"},
                                {"output_type": "execute_result", "data": {"text/plain": "9"}}],
                          "3": []}, "error": None}
    filled = fill_outputs("<p>x</p>\n<!-- notebook-output:1 -->\n<!-- notebook-output:3 -->", result, "../n.css")
    assert filled.content == ('<link rel="stylesheet" href="../n.css">\n<p>x</p>\n<div class="notebook-output">'
                              '<pre class="notebook-stream"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>'
                              '<pre class="notebook-result"><code>9</code></pre></div>\n')
    assert filled.unlabelled_images == []


def test_an_image_with_no_text_alternative_is_named():
    result = {"outputs": {"0": [{"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo=\n"}, "metadata": {}},
                                {"output_type": "display_data", "data": {"image/svg+xml": "<svg role=\"img\" aria-label=\"A chart\"></svg>"}}]}}
    filled = fill_outputs("<!-- notebook-output:0 -->", result, "n.css")
    assert '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">' in filled.content
    assert [(i.cell, i.mime) for i in filled.unlabelled_images] == [(0, "image/png")]


def _notebook_project(tmp_path: Path, code: list[str]) -> Project:
    project = Project(tmp_path / "p")
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Counts\n\nA definition and a typology of counts."}]
    cells += [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": line} for line in code]
    project.add_page("exercises/notebooks/counts.ipynb", notebook_text({"kind": "exercise", "objectives": ["LO1"]}, cells),
                     "Counts")
    project.write("exercises/notebooks/data/n.txt", "3\n")
    return project


def test_the_notebooks_run_again_only_when_their_code_or_data_changed(tmp_path):
    project = _notebook_project(tmp_path, ["print(int(open('data/n.txt').read()) * 2)"]).save()
    root, path = project.root, project.root / "exercises/notebooks/counts.ipynb"

    def run() -> tuple[list, dict]:
        runs = NotebookRuns(root, [path])
        runs.start()
        return runs.ran, runs.result(path)

    ran, result = run()
    assert ran == [path] and result["error"] is None
    assert result["outputs"]["1"] == [{"output_type": "stream", "name": "stdout", "text": "6\n"}]
    assert run()[0] == [], "nothing changed: the outputs come from the cache"
    text = json.loads(path.read_text(encoding="utf-8"))
    text["cells"][0]["source"] = "# Counts\n\nProse edited."
    path.write_text(json.dumps(text), encoding="utf-8")
    assert run()[0] == [], "prose does not change what the code shows"
    (root / "exercises/notebooks/data/n.txt").write_text("4\n", encoding="utf-8")
    ran, result = run()
    assert ran == [path] and result["outputs"]["1"][0]["text"] == "8\n", "the data changed: the notebook ran again"


def test_a_notebook_that_never_ends_is_stopped_and_named(tmp_path):
    import time

    project = _notebook_project(tmp_path, ["import time\ntime.sleep(600)"]).save()
    path = project.root / "exercises/notebooks/counts.ipynb"
    runs = NotebookRuns(project.root, [path], timeout=1)
    started = time.monotonic()
    runs.start()
    result = runs.result(path)
    assert time.monotonic() - started < 30
    assert result["error"]["evalue"] == "the notebooks did not finish within 1 s, so they were stopped"
    assert not list((project.root / ".cache").rglob("*.json")), "a stopped run is never kept"


def test_a_failing_notebook_stops_a_strict_build_with_its_cell_and_line(tmp_path):
    project = _notebook_project(tmp_path, ["x = 1", "y = 2\nprint(undefined_name)"])
    result = project.build()
    assert result.returncode != 0
    assert ("exercises/notebooks/counts.ipynb:" in result.stderr
            and "cell 3 stopped the notebook at its line 2: NameError: name 'undefined_name' is not defined"
            in result.stderr and "[notebook-error]" in result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    drafted = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(tmp_path / "draft")],
                             capture_output=True, text=True, cwd=project.root)
    assert drafted.returncode == 0, drafted.stderr
    page = (tmp_path / "draft/exercises/notebooks/counts/index.html").read_text(encoding="utf-8")
    assert "This cell stopped with an error" in page and "NameError" in page


def test_a_chart_no_one_can_read_stops_a_strict_build(tmp_path):
    """A matplotlib figure is shown as Jupyter shows it (an image), and an image needs words."""
    project = _notebook_project(tmp_path, ["import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()"])
    result = project.build()
    assert result.returncode != 0
    assert "cell 2 shows an image (image/png) with no text alternative" in result.stderr, result.stderr
    assert "[notebook-image-unlabelled]" in result.stderr
