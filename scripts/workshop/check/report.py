"""Printing what the checker found: problems as path:line lines, or the alignment matrix.

text is for people, with a hint under each problem (and GitHub annotations under CI);
json, csv and markdown give the matrix of objectives by pages with the evidence found.
"""

from __future__ import annotations

import csv
import io
import json
import os

from workshop.model.messages import workflow_command
from workshop.model.site import Site


def text(site: Site) -> str:
    lines = []
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in site.problems.sorted():
        lines.append(problem.text())
        lines.append(f"    hint: {problem.hint}")
        if annotate:
            lines.append(workflow_command("error", problem.path, problem.line, problem.code, problem.message))
    checked = sum(1 for p in site.pages if p.readable)
    count = len(site.problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} in {len(site.pages)} page{'s' if len(site.pages) != 1 else ''}"
                 f" ({checked} readable)." if count else f"No problems: {len(site.pages)} page{'s' if len(site.pages) != 1 else ''} match{'' if len(site.pages) != 1 else 'es'} the learning objectives.")
    return "\n".join(lines) + "\n"


def matrix(site: Site) -> list[dict]:
    rows = []
    for page in site.pages:
        evidence = site.evidence.get(page.rel)
        for objective in site.config.objectives:
            found = evidence.found.get(objective.id, {}) if evidence else {}
            rows.append({
                "page": page.rel,
                "title": page.title if page.readable else "",
                "kind": page.kind or "",
                "objective": objective.id,
                "declared": objective.id in page.objectives,
                "score": len(found),
                "terms": dict(sorted(found.items())),
            })
    return rows


def as_json(site: Site) -> str:
    data = {
        "objectives": [{"id": o.id, "short": o.short, "statement": o.statement, "concepts": list(o.concepts)}
                       for o in site.config.objectives],
        "matrix": matrix(site),
        "problems": [{"path": p.path, "line": p.line, "code": p.code, "message": p.message, "hint": p.hint}
                     for p in site.problems.sorted()],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_csv(site: Site) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["page", "kind", "objective", "declared", "score", "terms"])
    for row in matrix(site):
        terms = "; ".join(f"{t} ({n})" for t, n in row["terms"].items())
        writer.writerow([row["page"], row["kind"], row["objective"], "yes" if row["declared"] else "no", row["score"], terms])
    return buffer.getvalue()


def as_markdown(site: Site) -> str:
    ids = site.config.objective_ids
    lines = ["| Page | Kind | " + " | ".join(ids) + " |", "|---|---|" + "---|" * len(ids)]
    for page in site.pages:
        evidence = site.evidence.get(page.rel)
        cells = []
        for oid in ids:
            score = evidence.score(oid) if evidence else 0
            cells.append(f"**{score}** ✓" if oid in page.objectives else (str(score) if score else ""))
        lines.append(f"| {page.rel} | {page.kind or ''} | " + " | ".join(cells) + " |")
    lines += ["", "✓ declared; the number is how many of the objective's key concepts the text uses.", ""]
    if site.problems:
        lines += ["## Problems", ""] + [f"- `{p.path}:{p.line}` {p.message}" for p in site.problems.sorted()]
    return "\n".join(lines) + "\n"


FORMATS = {"text": text, "json": as_json, "csv": as_csv, "markdown": as_markdown}
