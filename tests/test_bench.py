"""The benchmark's report: the measured-figures page shows what `make bench` measured, between its
markers, and the rest of the page (prose a maintainer wrote) is never touched."""

from __future__ import annotations

import pytest

from workshop.frontends import bench


@pytest.fixture
def figures(tmp_path, monkeypatch):
    page = tmp_path / bench.FIGURES
    page.parent.mkdir(parents=True)
    page.write_text("# Figures\n\nWritten by hand.\n\n<!-- bench-commands:start -->\nold table\n"
                    "<!-- bench-commands:end -->\n\nMore prose.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return page


def test_the_commands_table_gives_each_median_and_its_range():
    text = bench.commands_markdown([("`make check` again", "0.61 s", "0.58–0.66"),
                                    ("`make test`", "2 min 41 s", "one run")], repeat=3)
    assert "medians of 3 runs" in text and bench.machine() in text
    assert "| `make check` again | 0.61 s | 0.58–0.66 |" in text
    assert "| `make test` | 2 min 41 s | one run |" in text


@pytest.mark.parametrize("seconds, shown", [(0.614, "0.61 s"), (59.994, "59.99 s"), (161.6, "2 min 42 s")])
def test_long_times_read_in_minutes(seconds, shown):
    assert bench._seconds(seconds) == shown


def test_writing_replaces_only_what_lies_between_the_markers(figures):
    bench.write(figures.parents[2], "bench-commands", "new table\n")
    assert figures.read_text(encoding="utf-8") == ("# Figures\n\nWritten by hand.\n\n<!-- bench-commands:start -->\n"
                                                   "new table\n<!-- bench-commands:end -->\n\nMore prose.\n")


def test_a_page_without_the_markers_is_left_as_it_is_and_named(figures):
    before = figures.read_text(encoding="utf-8")
    with pytest.raises(SystemExit, match=r"figures.md has no <!-- bench-site:start --> marker"):
        bench.write(figures.parents[2], "bench-site", "table\n")
    assert figures.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("args, message", [
    (["--repeat", "0"], "argument --repeat: must be 1 or more: '0'"),
    (["--repeat", "5; touch PWNED"], "argument --repeat: not a whole number: '5; touch PWNED'"),
    (["--tests", "-1"], "argument --tests: must be 0 or more: '-1'"),
    (["--scale", "250,lots"], "argument --scale: not a whole number: 'lots'"),
    (["--scale", "250,0"], "argument --scale: must be 1 or more: '0'"),
    (["--scale", " , "], "argument --scale: no site size given: ' , '"),
])
def test_a_bad_count_is_refused_before_anything_runs(args, message, figures, capsys, tmp_path):
    before = figures.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        bench.main(["--commands", "--write", *args])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and f"bench: {message}" in err and "Traceback" not in err
    assert figures.read_text(encoding="utf-8") == before and not (tmp_path / "PWNED").exists()
