"""Before you run it: the site's address. A printed handout is how many participants find the
site again after the day, so `make handouts` warns, by the line of mkdocs.yml, while `site_url`
is not set, and the facilitator guide's checklist shows it as not set. Tried on synthetic projects."""

from __future__ import annotations

from project_factory import Project
from workshop.model import identity
from workshop.model.site import load_site
from workshop.web import render_room


def _checklist_row(project: Project) -> str:
    site = load_site(project.root / "mkdocs.yml")
    table = render_room.before_you_run(site, None)
    return next(line for line in table.splitlines() if line.startswith("| Web address"))


def test_without_site_url_the_handouts_warn_at_its_line_and_the_checklist_says_not_set(tmp_path):
    project = Project(tmp_path / "p").save()
    config = project.root / "mkdocs.yml"
    config.write_text("# Published at\n# site_url: https://example.org/\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    site = load_site(config)
    assert identity.address_warning(site.config.raw, config) == [
        "mkdocs.yml:2: warning: site_url is not set, so the printed handouts carry no web address; set it to "
        "the address where the site is published (see 'Before you run it' in README.md)"]
    assert "**Not set**: the printed handouts carry no address" in _checklist_row(project)


def test_with_site_url_nothing_is_said_and_the_checklist_shows_the_address(tmp_path):
    project = Project(tmp_path / "p")
    project.config["site_url"] = "https://example.org/a<b>/"
    project.save()
    site = load_site(project.root / "mkdocs.yml")
    assert identity.address_warning(site.config.raw, project.root / "mkdocs.yml") == []
    row = _checklist_row(project)
    assert row.endswith("| Set |") and "a<b>" not in row
