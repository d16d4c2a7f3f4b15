"""Time that is checked, not hoped: each block's words read aloud (at extra.timing.words_per_minute)
and its timed steps must fit its minutes, and a break counts in neither half of the balance.

Every test builds a small project with project_factory and reads what a trainer would see."""

from __future__ import annotations

import pytest
import yaml

from project_factory import Project

WORDS = "Please read every one of these words aloud to the room. "   # 11 words


def agenda(*blocks: dict) -> str:
    return yaml.safe_dump({"blocks": list(blocks)}, sort_keys=False)


def block(id: str, minutes: int, mode: str, **more) -> dict:
    return {"id": id, "title": id.capitalize(), "minutes": minutes, "mode": mode, "objectives": ["LO1", "LO2"], **more}


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "workshop")


def problems(project: Project) -> list[str]:
    result = project.check()
    return [line for line in result.stdout.splitlines() if not line.startswith(" ")]


def test_a_block_that_cannot_be_done_in_its_minutes_is_reported_at_its_line(project):
    # 143 words at 130 a minute is 1.1 min; with 29.5 min of steps the block needs 30.6 of its 30.
    project.write("data/agenda.yaml", agenda(
        block("talk", 30, "didactic", say=WORDS * 13, steps=[{"minutes": 29.5, "do": "Present the slides"}]),
        block("work", 30, "interactive")))
    result = project.check()
    assert result.returncode == 1
    assert ("data/agenda.yaml:2: block 'talk' has 30 min but needs 30.6: 143 words read aloud at 130 a minute "
            "(1.1 min) and 29.5 min of timed steps [agenda-block-overrun]") in result.stdout
    assert "hint: Read less aloud" in result.stdout and "extra.timing.words_per_minute" in result.stdout


def test_a_block_that_just_fits_is_not_reported(project):
    # 130 words take exactly one minute: with 29 min of steps the block fills its 30 minutes.
    project.write("data/agenda.yaml", agenda(
        block("talk", 30, "didactic", say="word " * 130, steps=[{"minutes": 29, "do": "Present the slides"}]),
        block("work", 30, "interactive", steps=[{"minutes": 30, "do": "Group work"}])))
    assert project.check().returncode == 0


def test_the_pace_is_configuration(project):
    project.write("data/agenda.yaml", agenda(
        block("talk", 30, "didactic", say="word " * 130, steps=[{"minutes": 29, "do": "Present the slides"}]),
        block("work", 30, "interactive")))
    project.config["extra"]["timing"] = {"words_per_minute": 100}
    assert any("needs 30.3: 130 words read aloud at 100 a minute (1.3 min)" in line for line in problems(project))
    project.config["extra"]["timing"] = {"words_per_minute": "fast"}
    found = problems(project)
    assert any("extra.timing.words_per_minute must be a number" in line for line in found), found
    assert not any("agenda-block-overrun" in line for line in found)   # the default, 130, applies


def limits_session(read_aloud: str) -> str:
    return f"""rules_block: talk
rules_read_aloud: {read_aloud}
ground_rules:
  - title: Pass
    text: {WORDS * 4}
confidentiality:
  rule: {WORDS * 2}
  limits:
    - title: Harm
      text: {WORDS * 2}
"""


@pytest.mark.parametrize(("read_aloud", "words"), [("all", 1 + 45 + 22 + 23), ("limits", 1 + 22 + 23), ("none", 1)])
def test_the_rules_a_block_reads_aloud_count_in_its_time(project, read_aloud, words):
    """The rules block reads the rules and limits (all), only the limits, or nothing aloud."""
    project.write("data/agenda.yaml", agenda(
        block("talk", 30, "didactic", say="Welcome.", steps=[{"minutes": 29.5, "do": "Present the slides"}]),
        block("work", 30, "interactive")))
    project.write("data/session.yaml", limits_session(read_aloud))
    found = problems(project)
    overrun = [line for line in found if "agenda-block-overrun" in line]
    if words / 130 + 29.5 <= 30:
        assert overrun == [], found
    else:
        assert overrun and f"{words} words read aloud" in overrun[0] and "(with the rules it reads)" in overrun[0]


def test_a_wrong_read_aloud_setting_is_named_with_its_line(project):
    project.write("data/agenda.yaml", agenda(block("talk", 30, "didactic"), block("work", 30, "interactive")))
    project.write("data/session.yaml", limits_session("some"))
    assert any(line.startswith("data/session.yaml:2: rules_read_aloud must be one of all, limits, none, not the text 'some'")
               for line in problems(project))


def test_a_break_counts_as_neither_teaching_nor_activity(project):
    project.write("data/agenda.yaml", agenda(
        block("talk", 25, "didactic"), block("pause", 5, "break", objectives=[]),
        block("work", 25, "interactive"), block("forms", 5, "housekeeping")))
    assert project.check().returncode == 0


def test_an_unbalanced_plan_says_what_counts_in_neither(project):
    project.write("data/agenda.yaml", agenda(
        block("talk", 27, "didactic"), block("pause", 5, "break", objectives=[]), block("work", 28, "interactive")))
    assert ("data/agenda.yaml:1: didactic time (27 min) and interactive time (28 min) are not equal (5 min of break "
            "and housekeeping count in neither) [agenda-unbalanced]") in problems(project)


def test_the_balance_can_never_name_a_break(project):
    project.write("data/agenda.yaml", agenda(
        block("talk", 25, "didactic"), block("pause", 10, "break", objectives=[]), block("work", 25, "interactive")))
    project.config["extra"]["balance"] = ["didactic", "break"]
    found = problems(project)
    assert any("extra.balance.1" in line and "'break'" in line for line in found), found


@pytest.mark.parametrize(("change", "message"), [
    ({"mode": "lunch"}, "mode must be one of didactic, interactive, break, housekeeping, not the text 'lunch'"),
    ({"steps": [{"minutes": 0, "do": "Nothing"}]}, "steps.0.minutes"),
    ({"steps": [{"minutes": 2}]}, "steps.0"),
    ({"say": ["a list"]}, "say must be text"),
])
def test_a_wrong_block_is_named_with_its_line(project, change, message):
    talk = block("talk", 30, "didactic")
    talk.update(change)
    project.write("data/agenda.yaml", agenda(talk, block("work", 30, "interactive")))
    found = problems(project)
    assert any(line.startswith("data/agenda.yaml:") and message in line for line in found), found
    assert project.check().returncode == 1
