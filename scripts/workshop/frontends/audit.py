"""Measure one page of each kind with Lighthouse (mobile) and record the figures.

Usage: python scripts/audit.py [--no-write] [--runs N]
Builds the site, serves it on 127.0.0.1, runs Lighthouse 12.2.3 (installed by 'npm ci') on
the home page, a concept, a case study, a handout, a notebook and the alignment map, prints
the scores and bytes transferred (median of three runs), and writes them into docs/maintainers/figures.md between
<!-- audit:start --> and <!-- audit:end -->. Exit status: 0 all targets met, 1 a target
missed, 2 the audit could not run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workshop.cli import whole_number
from workshop.qa import audit
from workshop.qa.browser import BrowserMissing
from workshop.qa.builder import BuildError, build_site

ROOT = Path(__file__).resolve().parents[3]


def ensure_lighthouse() -> None:
    if (ROOT / audit.LIGHTHOUSE).exists():
        return
    print("Installing Lighthouse with npm ci (package-lock.json)...", flush=True)
    result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise audit.AuditError("npm ci failed:\n" + result.stderr.strip()[-1500:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--no-write", action="store_true", help="print the figures without writing the page")
    parser.add_argument("--runs", type=whole_number(1), default=3, help="runs per page; the median is kept (default 3)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    results, skipped = [], []
    try:
        ensure_lighthouse()
        with tempfile.TemporaryDirectory(prefix="workshop-audit-") as temporary:
            site_dir = Path(temporary) / "site"
            build_site(ROOT / "mkdocs.yml", site_dir, strict=False)
            with audit.serve_compressed(site_dir) as base:
                for kind, url, source in audit.PAGES:
                    if not (ROOT / source).exists() or not (site_dir / url.lstrip("/") / "index.html").exists():
                        skipped.append(f"{kind} ({url}): {source} does not exist yet")
                        print(f"{kind:14} {url:36} skipped: {source} does not exist yet")
                        continue
                    result = audit.median_run([audit.run_lighthouse(ROOT, base + url, kind)
                                               for _ in range(max(1, args.runs))])
                    results.append(result)
                    scores = "  ".join(f"{audit.CATEGORIES[c]} {result.scores.get(c, '–')}" for c in audit.CATEGORIES)
                    print(f"{kind:14} {url:36} {scores}  {result.transferred / 1024:.0f} KiB", flush=True)
    except (audit.AuditError, BuildError, BrowserMissing) as error:
        print(f"audit: {error}", file=sys.stderr)
        return 2
    for result in results:
        for line in result.failing:
            print(f"  {result.url.split('127.0.0.1', 1)[-1].split('/', 1)[-1] or '/'}: {line}")
    if not args.no_write:
        audit.write_figures(ROOT / audit.FIGURES, audit.figures_table(results, skipped, runs=max(1, args.runs)))
        print(f"Wrote the figures into {audit.FIGURES}.")
    missed = [f"{r.kind}: {m}" for r in results for m in r.misses()]
    print(f"Audited {len(results)} pages in {time.monotonic() - started:.0f} s; "
          + ("all targets met." if not missed else "below target: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
