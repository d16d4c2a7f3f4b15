"""The adapt guide's reference of insertion markers is generated, and complete: every marker the engine
knows is described, so the reference cannot fall behind the engine."""

from __future__ import annotations

from project_factory import Project


def test_every_marker_is_described_with_what_it_prints_and_where_it_comes_from():
    from workshop.web.marker_reference import DESCRIBED
    from workshop.web.markers import MARKERS

    assert set(MARKERS) == set(DESCRIBED), (set(MARKERS) ^ set(DESCRIBED))
    assert all(what.strip() and source.strip() for what, source in DESCRIBED.values())


def test_the_reference_lists_every_marker_on_the_page_that_asks_for_it(tmp_path):
    from workshop.web.markers import MARKERS

    project = Project(tmp_path / "workshop")
    project.config["extra"]["kinds"]["reference"] = {"interactive": False, "evidence": False}
    project.add_page("docs/markers.md", "---\ntitle: Markers\nkind: reference\nobjectives: [LO1]\n---\n\n"
                     "# Markers\n\n<!-- workshop:marker-reference -->\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = (project.root / "site" / "markers" / "index.html").read_text(encoding="utf-8")
    for name in MARKERS:
        assert f"&lt;!-- workshop:{name} --&gt;" in html, name
