"""How the room works is stated once, in data/session.yaml, and every page that states it shows the data:
each ground rule word for word wherever the ground rules are shown, a run sheet with one row per
agenda block in the agenda's order, and example exports that `make outline` reads as they stand.
"""

from __future__ import annotations

import re

MARKER = "<!-- workshop:{} -->"


def _pages_using(site, marker: str) -> list:
    return [page for page in site.pages if MARKER.format(marker) in page.body]


def test_each_ground_rule_appears_word_for_word_on_every_page_that_shows_the_rules(site, project):
    from workshop.model.problems import Problems
    from workshop.model.session import load_session
    from workshop.web.markers import expand

    session = load_session(project, site.agenda, Problems())
    for page in _pages_using(site, "ground-rules"):
        shown = " ".join(expand(site, page, page.body).split())
        for rule in session.ground_rules:
            assert rule.title in shown and rule.text in shown, (page.rel, rule.title)


def test_every_run_sheet_has_a_row_for_each_block_in_the_agendas_order(site):
    from workshop.web.markers import expand

    for page in _pages_using(site, "run-sheet"):
        sheet = expand(site, page, MARKER.format("run-sheet"))
        rows = [line for line in sheet.splitlines() if re.match(r"\| \d\d:\d\d \(\d+\) \|", line)]
        assert len(rows) == len(site.agenda.blocks), page.rel
        for row, block in zip(rows, site.agenda.blocks):
            assert row.startswith(f"| {block.start} ({block.minutes}) | **{block.title}"), (page.rel, block.id)


CSV_FENCE = re.compile(r"^(`{3,}|~{3,})csv[ \t]*\n(.*?)^\1[ \t]*$", re.M | re.S)


def test_every_example_export_of_post_its_on_a_page_is_read_by_make_outline(site, tmp_path):
    """A page that shows what a board or spreadsheet export of the post-its looks like shows one that
    make outline reads: a facilitator copies it."""
    from workshop.outputs.exercise_data import POSTIT_COLUMNS, read_postits

    for page in site.pages:
        for number, fence in enumerate(CSV_FENCE.finditer(page.body)):
            example = fence.group(2)
            rows = [line for line in example.splitlines() if line.strip() and not line.lstrip().startswith("#")]
            header = [cell.strip().lower() for cell in rows[0].split(",")] if rows else []
            if not set(POSTIT_COLUMNS) <= set(header):
                continue   # not an export of post-its
            export = tmp_path / f"example-{number}.csv"
            export.write_text(example, encoding="utf-8")
            postits = read_postits(export, site.config)   # a fault raises DataError, naming its row and column
            assert len(postits.notes) == len(rows) - 1, page.rel
