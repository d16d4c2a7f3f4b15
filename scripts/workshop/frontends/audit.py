"""Measure one page of each kind with Lighthouse (mobile) and record the figures.

Usage: python scripts/audit.py [--config mkdocs.yml] [--no-write] [--runs N]
Builds the project's site (the folder of mkdocs.yml: --config, or found from the working folder upwards), serves it on 127.0.0.1, runs Lighthouse 12.2.3 (installed by 'npm ci') on
the home page, a concept, a case study, a handout, a notebook and the alignment map, prints
the scores and bytes transferred (median of three runs), and writes them into docs/maintainers/figures.md between
<!-- audit:start --> and <!-- audit:end -->. Exit status: 0 all targets met, 1 a target
missed, 2 the audit could not run.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workshop.cli import Parser, safe_streams, whole_number
from workshop.model.config import ConfigError
from workshop.model.project import config_file, project_root
from workshop.model.site import load_site
from workshop.qa import audit
from workshop.qa.browser import BrowserMissing
from workshop.qa.builder import BuildError, build_site


def ensure_lighthouse(root: Path) -> None:
    if (root / audit.LIGHTHOUSE).exists():
        return
    print("Installing Lighthouse with npm ci (package-lock.json)...", flush=True)
    result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise audit.AuditError("npm ci failed:\n" + result.stderr.strip()[-1500:])


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="audit", description=__doc__.split("\n")[1])
    parser.add_argument("--no-write", action="store_true", help="print the figures without writing the page")
    parser.add_argument("--runs", type=whole_number(1), default=3, help="runs per page; the median is kept (default 3)")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml to use (default: found upwards)")
    safe_streams()
    args = parser.parse_args(argv)
    started = time.monotonic()
    results, skipped = [], []
    try:
        config_path = config_file(args.config)
        root = project_root(config_path)
        ensure_lighthouse(root)
        with tempfile.TemporaryDirectory(prefix="workshop-audit-") as temporary:
            site_dir = Path(temporary) / "site"
            build_site(config_path, site_dir, strict=False)
            site = load_site(config_path)
            with audit.serve_compressed(site_dir) as base:
                for kind, url, source in audit.pages_to_audit(site):
                    if not (root / source).exists() or not (site_dir / url.lstrip("/") / "index.html").exists():
                        skipped.append(f"{kind} ({url}): {source} does not exist yet")
                        print(f"{kind:14} {url:36} skipped: {source} does not exist yet")
                        continue
                    result = audit.median_run([audit.run_lighthouse(root, base + url, kind)
                                               for _ in range(max(1, args.runs))])
                    results.append(result)
                    scores = "  ".join(f"{audit.CATEGORIES[c]} {result.scores.get(c, '–')}" for c in audit.CATEGORIES)
                    print(f"{kind:14} {url:36} {scores}  {result.transferred / 1024:.0f} KiB", flush=True)
    except (audit.AuditError, BuildError, BrowserMissing, ConfigError) as error:
        print(f"audit: {error}", file=sys.stderr)
        return 2
    for result in results:
        for line in result.failing:
            print(f"  {result.url.split('127.0.0.1', 1)[-1].split('/', 1)[-1] or '/'}: {line}")
    if not args.no_write:
        audit.write_figures(root / audit.FIGURES, audit.figures_table(results, skipped, runs=max(1, args.runs)),
                            site.config.objective_ids)
        print(f"Wrote the figures into {audit.FIGURES}.")
    missed = [f"{r.kind}: {m}" for r in results for m in r.misses()]
    print(f"Audited {len(results)} pages in {time.monotonic() - started:.0f} s; "
          + ("all targets met." if not missed else "below target: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
