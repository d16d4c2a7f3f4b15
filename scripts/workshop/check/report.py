"""Printing what the checker found: problems as path:line lines, or the alignment matrix.

text is for people, with a hint under each problem; github prints each problem as a GitHub
workflow command, so that CI shows it on the line it names in a pull request (model/messages.py);
json, csv and markdown give the matrix of objectives by pages with the evidence found.
"""

from __future__ import annotations

import csv
import io
import json

from workshop.model.messages import workflow_command
from workshop.model.site import Site


def text(site: Site) -> str:
    lines = []
    for problem in site.problems.sorted():
        lines.append(problem.text())
        lines.append(f"    hint: {problem.hint}")
    off = switched_off(site)
    return "\n".join(lines + ([off] if off else []) + [_tally(site)]) + "\n"


def _tally(site: Site) -> str:
    checked = sum(1 for p in site.pages if p.readable)
    count = len(site.problems)
    return (f"{count} problem{'s' if count != 1 else ''} in {len(site.pages)} page{'s' if len(site.pages) != 1 else ''}"
            f" ({checked} readable)." if count else f"No problems: {len(site.pages)} page{'s' if len(site.pages) != 1 else ''} match{'' if len(site.pages) != 1 else 'es'} the learning objectives.")


def switched_off(site: Site) -> str:
    """One line naming the rules this workshop switches off (extra.rules), or "" when none is."""
    off = site.config.rules_off
    if not off:
        return ""
    return (f"Switched off in mkdocs.yml (extra.rules), so not checked: {', '.join(off)}.")


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
        "rules_off": site.config.rules_off,
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


def as_github(site: Site) -> str:
    """Each problem as a GitHub annotation on its file and line, its hint on the message's second
    line; then the tally, as plain text for the log."""
    lines = [workflow_command("error", p.path, p.line, f"workshop check: {p.code}",
                              f"{p.message}\nhint: {p.hint}" if p.hint else p.message)
             for p in site.problems.sorted()]
    return "\n".join(lines + [_tally(site)]) + "\n"


FORMATS = {"text": text, "github": as_github, "json": as_json, "csv": as_csv, "markdown": as_markdown}
