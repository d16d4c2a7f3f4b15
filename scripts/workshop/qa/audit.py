"""Speed and weight of the site as a phone on a slow connection sees it (Lighthouse, mobile).

Many readers open the site on a phone in the workshop room or over hospital guest Wi-Fi, so one
page of each kind is measured and the figures are kept on the site itself, between markers in
docs/maintainers/figures.md, where a maintainer sees when a change made pages heavier.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from workshop.qa.browser import CHROMIUM_ARGS, chromium_path

def pages_to_audit(site) -> list[tuple[str, str, str]]:
    """One page of each kind the workshop declares, the first of it in the navigation, and the home
    page: (kind, URL path, source file relative to the project). Read from the site's own
    configuration, so a fork is audited on its own pages."""
    chosen: dict[str, tuple[str, str, str]] = {}
    for page in site.in_nav_order():
        if not page.readable or page.kind in chosen or page.site_path is None:
            continue
        stem = page.site_path.rsplit(".", 1)[0]
        url = "/" if stem == "index" else "/" + (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"
        chosen[page.kind or "page"] = (page.kind or "page", url, page.rel)
    return list(chosen.values())


CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility",
              "best-practices": "Best Practices", "seo": "SEO"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
LIGHTHOUSE = Path("node_modules") / ".bin" / "lighthouse"
FIGURES = Path("docs") / "maintainers" / "figures.md"
START, END = "<!-- audit:start -->", "<!-- audit:end -->"
FIGURES_PAGE = """---
title: Measured figures
description: How fast and how heavy the workshop site's pages are, as measured by Lighthouse on a phone profile.
kind: reference
objectives: [{objectives}]
---

# Measured figures

The site is read on phones in workshop rooms and on locked-down NHS computers, so its pages must
stay light, quick and accessible. `make audit` runs Lighthouse in its mobile profile on one page
of each kind and writes the scores below.

{start}
{end}
"""


class AuditError(Exception):
    """Lighthouse cannot run or gave no report; the message says why."""


@dataclass
class Result:
    kind: str
    url: str
    scores: dict[str, int] = field(default_factory=dict)
    transferred: int = 0          # bytes, as Lighthouse's total byte weight
    requests: int = 0
    failing: list[str] = field(default_factory=list)   # audits below full marks, by category
    version: str = ""

    def misses(self) -> list[str]:
        return [f"{CATEGORIES[c]} {self.scores[c]} (target {t})" for c, t in TARGETS.items()
                if c in self.scores and self.scores[c] < t]


COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".md")


class _CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed, as GitHub Pages and every static host do; a page's
    weight is then what a reader downloads, not the size of the files on disk."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSED
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve_compressed(site_dir: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 with compression; yields its address."""
    handler = functools.partial(_CompressingHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse_path(root: Path) -> Path:
    path = root / LIGHTHOUSE
    if not path.exists():
        raise AuditError("Lighthouse is not installed: run 'npm ci' in the project folder "
                         "(Node.js 18 or later; package.json pins lighthouse 12.2.3)")
    return path


def run_lighthouse(root: Path, url: str, kind: str, timeout: float = 180) -> Result:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [str(lighthouse_path(root)), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES),
               "--max-wait-for-load=60000"]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=root)
    except subprocess.TimeoutExpired as error:
        raise AuditError(f"Lighthouse did not finish {url} within {timeout:.0f} s") from error
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise AuditError(f"Lighthouse gave no report for {url} (exit {result.returncode}):\n"
                         f"{result.stderr.strip()[-1500:]}") from error
    if report.get("runtimeError"):
        raise AuditError(f"Lighthouse could not audit {url}: {report['runtimeError'].get('message')}")
    return summarise(report, kind)


def median_run(runs: list[Result]) -> Result:
    """The run with the median performance score: Lighthouse's own advice against noisy single runs."""
    ordered = sorted(runs, key=lambda r: r.scores.get("performance", 0))
    return ordered[len(ordered) // 2]


def summarise(report: dict, kind: str) -> Result:
    result = Result(kind=kind, url=report.get("finalDisplayedUrl") or report.get("requestedUrl", ""),
                    version=report.get("lighthouseVersion", ""))
    audits = report.get("audits", {})
    for category, details in report.get("categories", {}).items():
        if details.get("score") is not None:
            result.scores[category] = round(details["score"] * 100)
        if category == "performance":
            continue
        for ref in details.get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                result.failing.append(f"{CATEGORIES.get(category, category)}: {audit.get('title', ref['id'])}")
    result.transferred = int(audits.get("total-byte-weight", {}).get("numericValue") or 0)
    items = audits.get("network-requests", {}).get("details", {}).get("items", [])
    result.requests = len(items)
    return result


def figures_table(results: list[Result], skipped: list[str], runs: int = 1, when: date | None = None) -> str:
    when = when or date.today()
    version = next((r.version for r in results if r.version), "12")
    lines = [
        f"Measured on {when.isoformat()} with Lighthouse {version}, mobile profile (simulated slow 4G, "
        "4× slower processor), on a local build served from 127.0.0.1 with `gzip` compression, as static "
        "hosts serve it. " + (f"Each row is the median of {runs} runs. " if runs > 1 else "") +
        "Transferred is what the page downloads, search index included.",
        "",
        "| Page | Kind | Performance | Accessibility | Best Practices | SEO | Transferred | Requests |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        path = re.sub(r"^https?://[^/]+", "", r.url) or "/"
        cells = [_score(r, c) for c in CATEGORIES]
        lines.append(f"| `{path}` | {r.kind} | " + " | ".join(cells) +
                     f" | {r.transferred / 1024:.0f} KiB | {r.requests} |")
    lines += ["", "Targets: Performance at least 95, Accessibility 100, Best Practices 100, SEO at least 95; "
              "a score in bold misses its target."]
    misses = [f"- `{re.sub(r'^https?://[^/]+', '', r.url)}`: " + "; ".join(r.failing)
              for r in results if r.failing]
    if misses:
        lines += ["", "Audits below full marks (other than performance):", "", *misses]
    if skipped:
        lines += ["", "Not measured: " + "; ".join(skipped) + "."]
    return "\n".join(lines)


def _score(result: Result, category: str) -> str:
    if category not in result.scores:
        return "–"
    score = result.scores[category]
    return f"**{score}**" if score < TARGETS[category] else str(score)


def write_figures(page: Path, table: str, objectives: list[str] | tuple[str, ...] = ()) -> None:
    """Put the table between the markers; everything else on the page stays as it was. A new page
    declares the workshop's objectives (a reference page serves them all)."""
    if not page.exists():
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(FIGURES_PAGE.format(start=START, end=END, objectives=", ".join(objectives)), encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text and text.index(START) < text.index(END):
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    page.write_text(text, encoding="utf-8")
