"""make outline: one outline per scenario when the post-its name it, and names kept as typed."""

from __future__ import annotations

from pathlib import Path

from workshop.outputs.exercise_data import outline_markdown, read_postits


def postits(tmp_path: Path, text: str):
    path = tmp_path / "post-its.csv"
    path.write_text(text, encoding="utf-8")
    return read_postits(path)


def test_each_scenario_gets_its_own_outline_and_shared_steps_are_listed(tmp_path):
    outline = outline_markdown(postits(tmp_path, "group,scenario,stage,text\n"
                                       "1,A,design,Agree the question\n"
                                       "2,B,design,Agree the question.\n"
                                       "2,B,conduct,Cost the backfill\n"))
    a, b = outline.index("## Scenario A"), outline.index("## Scenario B")
    assert a < b < outline.index("## Steps that more than one scenario wrote")
    assert "Cost the backfill" in outline[b:] and "Cost the backfill" not in outline[a:b]
    assert "- Agree the question (scenarios A and B)" in outline


def test_without_a_scenario_column_the_outline_is_by_stage(tmp_path):
    outline = outline_markdown(postits(tmp_path, "group,stage,text\n1,design,Agree the question\n"))
    assert "## Scenario" not in outline and "## 2. Design" in outline


def test_group_names_and_steps_are_text_and_keep_their_case(tmp_path):
    outline = outline_markdown(postits(tmp_path, "group,stage,text\n"
                                       "<b>Red</b> $\\foo$,design,<script>x</script> [a](javascript:y)\n"))
    assert "<script>" not in outline and "<b>" not in outline and "[a](" not in outline
    assert "&lt;b&gt;Red&lt;/b&gt; $\\\\foo$" in outline
