"""The summary of a CI run, in Markdown, for the page GitHub shows with each run ($GITHUB_STEP_SUMMARY).

A reviewer of a pull request reads there, without installing anything: where to download the
preview (the built site and the handout PDFs), the checker's problems with their file and line,
and how many pages each handout prints on, against its budget. The page counts are those of the
last `workshop handouts` run, read from its manifest; a handout it did not print says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from workshop.model.site import Site
from workshop.model.text import markdown_text
from workshop.outputs import handouts as printing

SAFE_URL = re.compile(r"^https://[^\s\"'<>()\[\]]+$")


def _cell(value: object) -> str:
    """Text from a page or a message as one Markdown table cell that renders as itself."""
    return markdown_text(" ".join(str(value).split()))


def page_counts(out_dir: Path) -> dict[str, dict[str, int]]:
    """Pages printed for each handout (by its site path), per paper, from the handouts' manifest."""
    try:
        manifest = printing.read_manifest(out_dir)
    except printing.OutputConflict:
        return {}
    counts: dict[str, dict[str, int]] = {}
    for site_path, entry in manifest.handouts.items():
        pages = entry.get("pages") if isinstance(entry.get("pages"), dict) else {}
        counts[site_path] = {paper: n for paper, n in pages.items() if isinstance(n, int) and not isinstance(n, bool)}
    return counts


def job_summary(site: Site, counts: dict[str, dict[str, int]], artifact_url: str | None = None,
                artifact_name: str = "preview") -> str:
    lines = ["## Workshop site: preview and checks", ""]
    if artifact_url and SAFE_URL.match(artifact_url):
        lines += [f"**Preview:** [download the site and the handouts]({artifact_url}) (the artifact "
                  f"*{_cell(artifact_name)}* of this run). Unzip it and open `workshop-site-offline/index.html` "
                  "in a browser: the site works from its folder, with no network. The handout PDFs are in "
                  "`handouts/` (A4 and US Letter).", ""]
    else:
        lines += ["**Preview:** none was uploaded in this run.", ""]

    problems = site.problems.sorted()
    lines += ["### Checker", ""]
    if not problems:
        lines += [f"No problems: {len(site.pages)} page{'s' if len(site.pages) != 1 else ''} checked.", ""]
    else:
        lines += [f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; each is also shown on its line "
                  "in the pull request's *Files changed*.", "",
                  "| File | Line | Problem | Rule |", "|---|---:|---|---|"]
        lines += [f"| {_cell(p.path)} | {p.line} | {_cell(p.message)} | {_cell(p.code)} |" for p in problems]
        lines.append("")

    items = printing.handouts(site)
    lines += ["### Handouts", ""]
    if not items:
        lines += ["This workshop has no printed handouts.", ""]
        return "\n".join(lines)
    papers = list(printing.PAPERS.values())
    lines += ["| Handout | " + " | ".join(f"{paper.label} pages" for paper in papers) + " | Budget |",
              "|---|" + "---:|" * len(papers) + "---:|"]
    for handout in items:
        printed = counts.get(handout.page.site_path or "", {})
        cells = []
        for paper in papers:
            pages = printed.get(paper.key)
            if pages is None:
                cells.append("not printed")
            else:
                over = handout.budget is not None and pages > handout.budget
                cells.append(f"**{pages} (over budget)**" if over else str(pages))
        budget = str(handout.budget) if handout.budget is not None else "none"
        lines.append(f"| {_cell(handout.title)} ({_cell(handout.page.rel)}) | " + " | ".join(cells) + f" | {budget} |")
    lines.append("")
    return "\n".join(lines)
