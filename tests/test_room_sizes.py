"""Any room from 6 to 40: a workshop builds and reads correctly for a small and a large room, and
for a room with a group joining online.

Nothing is hard-coded to one room: the groups, the materials, the debrief and the run sheets follow
extra.workshop in mkdocs.yml. Tried on a workshop that is not this repository's
(tests/adapted_workshop.py: three scenario cards, four role cards of which two are lay cards); each
workshop's own configured room is a site test (workshop/sitetests/test_group_plan.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from adapted_workshop import check, write_adapted
from conftest import run_mkdocs

pytestmark = pytest.mark.slow


def room(target: Path, participants: int, lay_members: int, remote_groups: int) -> Path:
    """The adapted workshop with its room set to these numbers (its default is 16, 4 and 1)."""
    config = write_adapted(target)
    text = config.read_text(encoding="utf-8")
    for key, value in (("participants", participants), ("lay_members", lay_members), ("remote_groups", remote_groups)):
        text, count = re.subn(rf"(?m)^    {key}: \d+$", f"    {key}: {value}", text)
        assert count == 1, f"mkdocs.yml sets extra.workshop.{key} once"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.mark.parametrize(("participants", "lay_members", "groups", "remote"),
                         [(8, 2, 2, 0), (36, 6, 7, 0), (24, 5, 5, 1)])
def test_a_room_of_this_size_builds_and_reads_correctly(tmp_path, participants, lay_members, groups, remote):
    config = room(tmp_path / "workshop", participants, lay_members, remote)
    code, output = check(config)
    assert code == 0, output
    built = run_mkdocs(config, tmp_path / "out")
    assert built.returncode == 0, built.stderr[-3000:]
    plan = (tmp_path / "out/facilitators/session-plan/index.html").read_text(encoding="utf-8")
    assert f"{participants} participants in {groups} groups" in plan
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>", plan.split("Of whom lay members")[1].split("</table>")[0])
    assert [int(r) for r in rows] == list(range(1, groups + 1))
    online = re.findall(r"<td>Online, breakout room (\d+)</td>", plan)
    assert online == [str(n) for n in range(1, remote + 1)]
    assert ("joins online" in plan) == (remote == 1)
    assert "16 participants" not in plan    # the workshop's own room, nowhere once it is changed
    live = (tmp_path / "out/facilitators/live/index.html").read_text(encoding="utf-8")
    blocks = yaml.safe_load((config.parent / "data/agenda.yaml").read_text(encoding="utf-8"))["blocks"]
    assert live.count('<p class="fv-online">') == (len(blocks) if remote else 0)
    hybrid = (tmp_path / "out/facilitators/hybrid-run-sheet/index.html").read_text(encoding="utf-8")
    assert ("1 online group" in hybrid) == bool(remote) and ("No group joins online" in hybrid) == (not remote)
