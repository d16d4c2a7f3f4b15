"""Any size of room: groups, lay members, scenarios, role-card sets and the debrief from 6 to 40 people.

scripts/workshop/groups.py divides the room from a few whole numbers; these tests check the
sizes the exercise is written for (6, 8, 24, 36 and 40 participants) and, for every size in
between, the rules that must always hold: every person at a table, tables within 4 to 6 people
where that is possible, no lay member alone, every group with a scenario card and a role-card set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.model import groups
from workshop.model.config import find_config
from workshop.model.groups import choose_groups, debrief, from_workshop, plan


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


def test_the_constants_match_the_handouts_they_count():
    """SCENARIOS and ROLE_CARDS are read from Handouts 2 and 3, so adding a card is noticed here."""
    handouts = find_config(Path(__file__).resolve().parent).parent / "exercises" / "handouts"
    scenarios = (handouts / "scenario-cards.md").read_text(encoding="utf-8")
    roles = (handouts / "role-cards.md").read_text(encoding="utf-8")
    assert groups.scenario_letters(scenarios) == groups.SCENARIOS
    assert groups.card_count(roles) == groups.ROLE_CARDS
    assert groups.card_count(scenarios) == len(groups.SCENARIOS)
    assert groups.scenario_letters("## Scenario E: More\n\ntext\n## Not a scenario\n") == ("E",)
