"""The room as this workshop configures it (extra.workshop: participants, lay members, groups joining
online) and its card handouts: every page that shows the group plan shows this room's division, group
by group, with who joins online and which groups have no lay member; with a group online, every block
of the run sheet carries its line and the hybrid run sheet says how many groups join. That the plan
is right for rooms of 6 to 40 is the engine's own test (tests/test_room_sizes.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from workshop.model import groups, online as online_group
from workshop.model.cards import room_plan
from workshop.sitetests.pages import url_of, with_marker


def _page(built_site, page) -> BeautifulSoup:
    path = built_site / url_of(page.site_path).strip("/") / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def room(site):
    return room_plan(site)


def test_every_group_plan_shows_this_rooms_division(site, built_site, room):
    assert room.groups >= 1 and sum(room.sizes) == room.participants == site.config.workshop["participants"]
    for page in with_marker(site, "group-plan"):
        soup = _page(built_site, page)
        text = _flat(soup.select_one("article").get_text(" "))
        for sentence in (groups.summary(room), groups.online_sentence(room), groups.lay_sentence(room), *room.notes):
            assert _flat(sentence) in text, f"{page.rel}: {sentence[:80]!r} is not shown"
        table = next(t for t in soup.select("article table")
                     if "Of whom lay members" in t.select_one("tr").get_text())
        rows = [[_flat(cell.get_text()) for cell in row.select("td")] for row in table.select("tr")[1:]]
        expected = [[str(number), str(people), str(lay), card or "–"]
                    + ([f"Online, breakout room {room.breakout_room(number)}" if room.is_online(number) else "In the room"]
                       if room.remote_groups else [])
                    for number, (people, lay, card) in enumerate(zip(room.sizes, room.lay, room.scenarios), 1)]
        assert rows == expected, page.rel


def test_with_a_group_online_every_block_of_the_run_sheets_carries_its_line(site, built_site):
    online = online_group.settings(site.config.workshop)
    blocks = site.agenda.blocks
    for page in with_marker(site, "run-sheet"):
        text = _page(built_site, page).select_one("article").get_text(" ")
        assert text.count("Online group:") == (len(blocks) if online.active else 0), page.rel
    for page in with_marker(site, "hybrid-run-sheet"):
        text = _flat(_page(built_site, page).select_one("article").get_text(" "))
        if online.active:
            assert f"{online.groups} online group{'s' if online.groups != 1 else ''}" in text, page.rel
            assert "No group joins online" not in text, page.rel
        else:
            assert "No group joins online" in text, page.rel
