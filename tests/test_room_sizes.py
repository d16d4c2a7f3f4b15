"""Any room from 6 to 40: the site builds and reads correctly for a small and a large room, and
for a room with a group joining online.

Nothing is hard-coded to the default 24 participants: the groups, the materials, the debrief
and the sharing formats follow extra.workshop in mkdocs.yml.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from project_factory import ROOT

pytestmark = pytest.mark.slow


def copy_site(target: Path, participants: int, lay_members: int, remote_groups: int = 0) -> Path:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    for rel in filter(None, listed):
        if (ROOT / rel).is_file() and not rel.startswith(("tests/", ".github/")):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target / rel)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^    participants: \d+$", f"    participants: {participants}", config)
    config = re.sub(r"(?m)^    lay_members: \d+$", f"    lay_members: {lay_members}", config)
    config, count = re.subn(r"(?m)^    remote_groups: \d+$", f"    remote_groups: {remote_groups}", config)
    assert count == 1, "mkdocs.yml sets extra.workshop.remote_groups once"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


@pytest.mark.parametrize(("participants", "lay_members", "groups", "remote"), [(8, 2, 2, 0), (36, 6, 7, 0), (24, 5, 5, 1)])
def test_a_room_of_this_size_builds_and_reads_correctly(tmp_path, participants, lay_members, groups, remote):
    site = copy_site(tmp_path / "site", participants, lay_members, remote)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, "scripts/check_objectives.py"], cwd=site, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "out"],
                           cwd=site, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stderr[-3000:]
    guide = (site / "out/facilitators/guide/index.html").read_text(encoding="utf-8")
    assert f"{participants} participants in {groups} groups" in guide
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>", guide.split("Of whom lay members")[1].split("</table>")[0])
    assert [int(r) for r in rows] == list(range(1, groups + 1))
    online = re.findall(r"<td>Online, breakout room (\d+)</td>", guide)
    assert online == [str(n) for n in range(1, remote + 1)]
    assert ("joins online" in guide) == (remote == 1)
    if participants != 24:
        plan = (site / "out/facilitators/session-plan/index.html").read_text(encoding="utf-8")
        assert "24 participants" not in plan and "24 participants" not in guide


def test_the_real_site_builds_with_one_group_online(tmp_path):
    """remote_groups 1: the run sheet, the facilitator view and the hybrid run sheet carry the online
    group's line in every block, and the strict build passes."""
    site = copy_site(tmp_path / "site", 24, 5, remote_groups=1)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, "scripts/check_objectives.py"], cwd=site, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "out"],
                           cwd=site, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stderr[-3000:]
    from workshop.model.site import load_site

    blocks = load_site(site / "mkdocs.yml").agenda.blocks
    run_sheet = (site / "out/facilitators/run-sheet/index.html").read_text(encoding="utf-8")
    assert run_sheet.count("Online group:") == len(blocks)
    live = (site / "out/facilitators/live/index.html").read_text(encoding="utf-8")
    assert live.count('<p class="fv-online">') == len(blocks)
    hybrid = (site / "out/facilitators/hybrid-run-sheet/index.html").read_text(encoding="utf-8")
    assert "1 online group" in hybrid and "No group joins online" not in hybrid
