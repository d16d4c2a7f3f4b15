"""Self-assessment in plain words: each objective's "I can ..." wording under its statement, the
questions on taking part, and their summary with small numbers kept from pointing at anyone.

Every test builds a synthetic workshop (project_factory); none reads this workshop's objectives,
questions or wording.
"""

from __future__ import annotations

from pathlib import Path

from project_factory import Project, extra
from workshop.model.config import load_config
from workshop.model.site import load_site
from workshop.outputs.exercise_data import read_ratings, summary_markdown
from workshop.outputs.taking_part import answer_rows
from workshop.web import render

QUESTIONS = [{"id": "words", "statement": "I could follow <the> words.", "standard": "Communications"},
             {"id": "useful", "statement": "It will be useful to me."}]


def project(tmp_path: Path, plain: object = "I can say what co-production means.", questions=QUESTIONS,
            minimum: int = 3) -> Project:
    p = Project(tmp_path / "p")
    p.config["extra"]["objectives"][0]["plain"] = plain
    extra("evaluation", {"min_answers": minimum, "questions": questions})(p)
    return p.save()


def test_the_plain_wording_follows_each_statement_and_stays_text(tmp_path):
    site = load_site(project(tmp_path, plain="I can name <b>two</b> kinds.").root / "mkdocs.yml")
    page = site.pages[0]
    lines = render.objective_statements(site, page).splitlines()
    assert lines[0] == "1. **LO1 Definitions.** Distinguish the main definitions of co-production."
    assert lines[1] == "    <br>*In plain words:* I can name &lt;b&gt;two&lt;/b&gt; kinds."
    assert lines[2].startswith("2. **LO2 Compromises.**") and len(lines) == 3, "LO2 has no plain words"


def test_the_questions_on_taking_part_become_a_table_to_mark(tmp_path):
    site = load_site(project(tmp_path).root / "mkdocs.yml")
    table = render.experience_table(site, site.pages[0])
    assert table.splitlines()[0] == "| Statement | Strongly disagree | Disagree | Neither | Agree | Strongly agree |"
    assert "| I could follow &lt;the&gt; words. | ○ | ○ | ○ | ○ | ○ |" in table
    empty = load_site(project(tmp_path / "none", questions=[]).root / "mkdocs.yml")
    assert render.experience_table(empty, empty.pages[0]) == ""


def test_a_plain_wording_that_is_not_a_sentence_or_a_question_that_takes_a_column_is_reported(tmp_path):
    config = load_config(project(tmp_path, plain=4, questions=[{"id": "LO1_after", "statement": "Clash."}]).root
                         / "mkdocs.yml")
    messages = [p.message for p in config.problems.sorted()]
    assert any("objective 'LO1': plain must be text, not the number 4" in m and "a sentence of three words" in m
               for m in messages)
    assert any("question id 'LO1_after' is already the name of a column" in m for m in messages)
    assert config.evaluation["questions"] == []


def test_answers_are_counted_and_hidden_below_the_minimum(tmp_path):
    p = project(tmp_path)
    header = "participant,LO1_before,LO1_after,LO2_before,LO2_after,words,useful\n"
    rows = ["a,1,2,1,2,5,", "b,2,3,2,3,4,2", "c,3,3,3,3,1,", "d,2,2,2,2,3,"]
    csv = tmp_path / "ratings.csv"
    csv.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    ratings = read_ratings(csv, load_config(p.root / "mkdocs.yml"))
    words, useful = answer_rows(ratings)
    assert words == ["I could follow <the> words.", "Communications", "4", "1", "1", "2", "3.5"]
    assert useful == ["It will be useful to me.", "", "1", "–", "–", "–", "–"], "one answer is never shown"
    summary = summary_markdown(ratings)
    assert "## Taking part" in summary and "I could follow &lt;the&gt; words." in summary
    assert "1 statement had fewer than 3 answers, so its counts are not shown" in summary
    assert summary.index("## Taking part") < summary.index("What these figures can and cannot show")


def test_a_file_without_the_question_columns_is_summarised_as_before(tmp_path):
    p = project(tmp_path)
    csv = tmp_path / "ratings.csv"
    csv.write_text("participant,LO1_before,LO1_after,LO2_before,LO2_after\na,1,2,1,2\n", encoding="utf-8")
    ratings = read_ratings(csv, load_config(p.root / "mkdocs.yml"))
    assert ratings.questions == [] and "## Taking part" not in summary_markdown(ratings)


def test_the_online_form_asks_every_question_under_the_column_make_evaluation_reads(tmp_path):
    """The online group's form, exported as it stands, is a ratings file the summary accepts."""
    p = project(tmp_path, plain="I can name <b>two</b> kinds.")
    site = load_site(p.root / "mkdocs.yml")
    table = render.online_form(site, site.pages[0])
    columns = [line.split("`")[1] for line in table.splitlines()[2:]]
    assert columns == ["participant", "LO1_before", "LO2_before", "LO1_after", "LO2_after", "words", "useful"]
    assert "I can name &lt;b&gt;two&lt;/b&gt; kinds." in table and "<b>" not in table
    assert "| `LO2_before` | At the start: how confident are you that you can do this? Identify the compromises " \
           "that co-production involves. |" in table, "an objective without plain words is asked in its statement"
    rows = [",".join(columns)] + [",".join([f"C{n:03d}"] + ["4"] * (len(columns) - 1)) for n in range(5)]
    export = tmp_path / "form-export.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ratings = read_ratings(export, load_config(p.root / "mkdocs.yml"))
    assert len(ratings.participants) == 5
    assert "I could follow" in summary_markdown(ratings)
