"""Any size of room: groups, lay members, scenarios, role-card sets and the debrief from 6 to 40 people.

scripts/workshop/model/groups.py divides the room from a few whole numbers and the cards' names;
these tests check the sizes the exercise is written for (6, 8, 24, 36 and 40 participants) and, for
every size in between, the rules that must always hold: every person at a table, tables within 4 to
6 people where that is possible, no lay member alone, every group with a scenario card and a
role-card set, and a group online never sharing its scenario with a table in the room.
scripts/workshop/model/cards.py reads the cards from the handouts that declare them, so a project
with two or three scenario cards gets a plan with two or three.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from project_factory import Project, handout_page
from workshop.model import cards, groups
from workshop.model.groups import choose_groups, debrief, plan
from workshop.model.site import load_site
from workshop.web.render_session import group_plan

FOUR = ("A", "B", "C", "D")
ROLES = tuple(f"Role {n}" for n in range(1, 11))


def from_workshop(workshop, cards=FOUR, roles=ROLES, lay_roles=()):
    return groups.from_workshop(workshop, cards=cards, roles=roles, lay_roles=lay_roles)


def plan(participants, cards=FOUR, roles=ROLES, **kwargs):
    return groups.plan(participants, cards=cards, roles=roles, **kwargs)


@pytest.mark.parametrize("participants, sizes, scenarios", [
    (6, (6,), ("A",)),
    (8, (4, 4), ("A", "B")),
    (24, (5, 5, 5, 5, 4), ("A", "B", "C", "D", "A")),
    (36, (6, 5, 5, 5, 5, 5, 5), ("A", "B", "C", "D", "A", "B", "C")),
    (40, (5,) * 8, ("A", "B", "C", "D") * 2),
])
def test_the_room_sizes_the_exercise_is_written_for(participants, sizes, scenarios):
    room = plan(participants)
    assert room.sizes == sizes
    assert sum(room.sizes) == participants
    assert room.scenarios == scenarios
    assert room.role_card_sets == len(sizes) + 1
    assert room.scenarios_used == tuple(dict.fromkeys(scenarios))
    assert room.scenario_copies == (2 if len(sizes) > 4 else 1)


def test_tables_stay_within_four_to_six_for_every_size_but_seven():
    for participants in range(6, 41):
        room = plan(participants)
        assert sum(room.sizes) == participants
        assert max(room.sizes) - min(room.sizes) <= 1, "tables as even as they can be"
        if participants == 7:
            assert room.sizes == (4, 3) and any("outside the usual 4 to 6" in note for note in room.notes)
        else:
            assert 4 <= min(room.sizes) and max(room.sizes) <= 6, participants
            assert not any("outside the usual" in note for note in room.notes)


def test_a_number_of_groups_set_in_the_configuration_is_kept():
    room = from_workshop({"participants": 24, "groups": 4})
    assert room.sizes == (6, 6, 6, 6) and room.scenarios == ("A", "B", "C", "D") and not room.notes
    crowded = from_workshop({"participants": 36, "groups": 4})
    assert crowded.sizes == (9, 9, 9, 9)
    assert any("Tables of 9 are outside the usual 4 to 6" in note for note in crowded.notes)
    assert from_workshop({"participants": 8}).groups == 2


@pytest.mark.parametrize("participants", [6, 8, 24, 36, 40])
def test_lay_members_are_never_alone_at_a_table(participants):
    for lay in range(2, participants + 1):
        room = plan(participants, lay_members=lay)
        assert sum(room.lay) == lay
        assert all(count != 1 for count in room.lay), (participants, lay, room.lay)
        assert all(count <= people for count, people in zip(room.lay, room.sizes))
        # As widely spread as pairs allow: lay members at min(groups, lay // 2) tables.
        assert sum(count > 0 for count in room.lay) == min(room.groups, lay // 2)


def test_one_lay_member_gets_a_note_saying_what_to_do():
    room = plan(24, lay_members=1)
    assert room.lay.count(1) == 1
    assert any("ask them before the day how they would like to take part" in note for note in room.notes)
    assert plan(24, lay_members=0).lay == (0, 0, 0, 0, 0)


def test_the_debrief_fits_its_minutes_whatever_the_number_of_groups():
    for participants in range(6, 41):
        room = plan(participants)
        turn = debrief(room, minutes=10)
        assert turn.presentations * turn.minutes_each + turn.compare_minutes <= 10, participants
        assert turn.minutes_each >= 2
    assert debrief(plan(8)) == groups.Debrief(2, 2, False, 2)
    assert debrief(plan(40)) == groups.Debrief(4, 2, True, 2)
    assert debrief(plan(6)).compare_minutes == 0


def test_the_words_for_a_page():
    assert groups.summary(plan(24, groups=4)) == (
        "24 participants in 4 groups of 6, on scenarios A, B, C and D; 5 sets of role cards, "
        "one for each group and 1 spare.")
    assert groups.summary(plan(36)).startswith(
        "36 participants in 7 groups of 5 or 6, on scenarios A, B, C and D (some groups share a scenario)")
    assert groups.summary(plan(6)).startswith("6 participants in 1 group of 6, on scenario A;")
    table = groups.table_markdown(plan(8, lay_members=2))
    assert table.splitlines()[2:] == ["| 1 | 4 | 2 | A |", "| 2 | 4 | 0 | B |"]
    assert groups.debrief_sentence(plan(40)) == (
        "In a 10-minute debrief, the groups that share a scenario present together, 2 minutes for each "
        "of the 4 scenarios, and the last 2 minutes compare the outlines.")
    assert groups.debrief_sentence(plan(8)) == (
        "In a 10-minute debrief, each of the 2 groups presents for 2 minutes, and the last 2 minutes "
        "compare the outlines.")


@pytest.mark.parametrize("bad", [5, 41, 0, "24", True, None])
def test_a_room_outside_six_to_forty_is_refused_with_a_reason(bad):
    with pytest.raises(ValueError, match="6 to 40 participants"):
        plan(bad)


def test_the_configuration_must_give_whole_numbers():
    with pytest.raises(ValueError, match="participants is not set"):
        from_workshop({})
    with pytest.raises(ValueError, match="lay_members must be a whole number"):
        from_workshop({"participants": 24, "lay_members": "two"})
    with pytest.raises(ValueError, match="cannot be placed"):
        plan(8, lay_members=9)


def test_choose_groups_prefers_tables_of_five_and_fewer_groups_on_a_tie():
    assert choose_groups(10) == 2
    assert choose_groups(12) == 2      # 6 + 6 and 4 + 4 + 4 are equally far from 5: fewer groups
    assert choose_groups(15) == 3
    assert choose_groups(7) == 2       # nothing fits 4 to 6: the fewest groups of at most 6


# ---------------------------------------------------------------- groups joining online

@pytest.mark.parametrize("participants", [8, 12, 24, 36, 40])
def test_a_group_online_never_shares_its_scenario_with_a_table_in_the_room(participants):
    for remote in range(0, plan(participants).groups + 1):
        room = plan(participants, remote_groups=remote)
        assert room.remote_groups == remote and sum(room.sizes) == participants
        online = [n for n in range(1, room.groups + 1) if room.is_online(n)]
        assert online == list(range(room.groups - remote + 1, room.groups + 1)), "the last groups join online"
        assert [room.breakout_room(n) for n in online] == list(range(1, remote + 1))
        in_room = {room.scenarios[n - 1] for n in range(1, room.groups + 1) if not room.is_online(n)}
        if remote < len(FOUR) and remote < room.groups:
            for number in online:
                assert room.scenarios[number - 1] not in in_room, (participants, remote, room.scenarios)
            assert len({room.scenarios[n - 1] for n in online}) == remote, "each online group its own card"


def test_no_groups_online_is_the_plan_without_the_setting():
    assert plan(24, remote_groups=0) == plan(24)
    assert from_workshop({"participants": 24, "remote_groups": 0}) == from_workshop({"participants": 24})
    assert groups.online_sentence(plan(24)) == ""
    assert "Where" not in groups.table_markdown(plan(24))


def test_one_group_online_takes_a_card_of_its_own_and_a_breakout_room():
    room = plan(24, remote_groups=1)
    assert room.scenarios == ("A", "B", "C", "A", "D")
    assert groups.table_markdown(room).splitlines()[-1] == "| 5 | 4 | 0 | D | Online, breakout room 1 |"
    assert groups.online_sentence(room).startswith(
        "Group 5 joins online: group 5 in breakout room 1, on scenario D. No group in the room shares its scenario.")


def test_too_few_cards_for_the_groups_online_is_said():
    room = plan(24, cards=("A", "B"), remote_groups=2)
    assert room.scenarios == ("A", "A", "A", "B", "B")
    assert any("cannot each have a scenario of their own" in note for note in room.notes)


def test_more_groups_online_than_groups_is_refused():
    with pytest.raises(ValueError, match="at most 5 can join online"):
        plan(24, remote_groups=6)


# ---------------------------------------------------------------- lay members, spread honestly

def test_the_groups_without_a_lay_member_are_named_with_what_to_do():
    room = plan(24, lay_members=5, remote_groups=1, lay_roles=("Service user", "Carer"))
    assert room.lay == (3, 2, 0, 0, 0) and room.without_lay == [3, 4, 5]
    said = groups.lay_sentence(room)
    assert said.startswith("Groups 3, 4 and 5 have no lay member: 5 lay members, seated at least two to a table, "
                           "can join only 2 of the 5 groups.")
    assert "whether any of them will join the online group" in said
    assert "keeps the lay role cards (Service user and Carer) on the table as prompts" in said
    assert "online group" not in groups.lay_sentence(plan(24, lay_members=4))
    assert groups.lay_sentence(plan(8, lay_members=4)) == ""
    assert groups.lay_sentence(plan(8)).startswith("No lay members")


def test_lay_members_sit_in_the_room_before_online():
    room = plan(12, lay_members=2, groups=2, remote_groups=1)
    assert room.lay == (2, 0)


# ---------------------------------------------------------------- the cards, read from the handouts

def _cards_handout(number: int, name: str, kind: str, headings: list[str], lay: tuple[str, ...] = ()) -> str:
    body = "".join(f'<div class="handout-card{" lay-card" if h in lay else ""}" markdown>\n\n## {h}\n\n'
                   f'Text of the card.\n\n</div>\n\n' for h in headings)
    return handout_page(number, name, body, page_budget=2).replace("print_for: group\n",
                                                                   f"print_for: group\ncards: {kind}\n")


def _project(tmp_path: Path, scenarios: list[str], remote: int = 0) -> Project:
    project = Project(tmp_path / "p")
    project.config["extra"]["workshop"].update(participants=24, groups=5, remote_groups=remote, lay_members=4)
    project.add_page("exercises/scenarios.md", _cards_handout(1, "Scenarios", "scenario", scenarios), "Scenarios")
    project.add_page("exercises/roles.md", _cards_handout(2, "Roles", "role", ["Researcher", "Nurse", "Carer"],
                                                         lay=("Carer",)), "Roles")
    return project.save()


@pytest.mark.parametrize("headings, names", [
    (["Scenario A: Falls", "Scenario B: Discharge"], ("A", "B")),
    (["Scenario A: Falls", "Scenario B: Discharge", "Scenario C: Diabetes"], ("A", "B", "C")),
    (["Falls in care homes", "Leaving hospital"], ("Falls in care homes", "Leaving hospital")),
])
def test_the_scenarios_and_roles_are_those_the_handouts_hold(tmp_path, headings, names):
    site = load_site(_project(tmp_path, headings).root / "mkdocs.yml")
    assert cards.scenario_names(site) == names
    assert cards.role_names(site) == ("Researcher", "Nurse", "Carer")
    assert cards.lay_role_names(site) == ("Carer",)
    room = cards.room_plan(site)
    assert set(room.scenarios) == set(names) and room.cards_per_set == 3
    page = group_plan(site, None)
    assert room.scenarios == tuple(names[n % len(names)] for n in range(5))
    assert f"| 5 | 4 | 0 | {names[4 % len(names)]} |" in page
    assert "A table of 5 has more people than the 3 role cards" in page


def test_two_scenario_cards_never_send_a_group_to_a_third(tmp_path):
    site = load_site(_project(tmp_path, ["Scenario A: Falls", "Scenario B: Discharge"]).root / "mkdocs.yml")
    assert cards.room_plan(site).scenarios == ("A", "B", "A", "B", "A")


def test_with_one_group_online_the_plan_page_says_where_each_group_works(tmp_path):
    site = load_site(_project(tmp_path, ["Scenario A: x", "Scenario B: y", "Scenario C: z"], remote=1).root
                     / "mkdocs.yml")
    page = group_plan(site, None)
    assert "| 5 | 4 | 0 | C | Online, breakout room 1 |" in page
    assert "| 4 | 5 | 0 | B | In the room |" in page
    assert "Group 5 joins online" in page and "keeps the lay role cards (Carer) on the table as prompts" in page


def test_a_handout_without_the_cards_key_gives_no_scenarios_and_says_so(tmp_path):
    project = Project(tmp_path / "p")
    site = load_site(project.save().root / "mkdocs.yml")
    assert cards.scenario_names(site) == () and cards.role_names(site) == ()
    room = cards.room_plan(site)
    assert set(room.scenarios) == {""} and room.role_card_sets == 0
    assert any("'cards: scenario'" in note for note in room.notes)
    assert "no role cards" in groups.summary(room)


def test_more_groups_online_than_groups_is_reported_at_its_line(tmp_path):
    project = _project(tmp_path, ["Scenario A: x", "Scenario B: y"], remote=6)
    site = load_site(project.root / "mkdocs.yml")
    found = [p.text() for p in site.problems.sorted() if p.code == "config-invalid"]
    assert len(found) == 1 and "'extra.workshop.remote_groups' is 6, but the room has only 5 groups" in found[0]
    line = int(found[0].split(":")[1])
    assert "remote_groups: 6" in (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[line - 1]
    assert cards.room_plan(site).remote_groups == 0


def test_a_cards_value_that_is_neither_scenario_nor_role_is_refused(tmp_path):
    project = _project(tmp_path, ["Scenario A: x"])
    text = project.files["exercises/scenarios.md"].replace("cards: scenario", "cards: scenarios")
    project.write("exercises/scenarios.md", text)
    site = load_site(project.save().root / "mkdocs.yml")
    assert any(p.code == "value-invalid" and "cards" in p.text() for p in site.problems.sorted())
