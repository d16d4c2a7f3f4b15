"""Benchmark: time the checker and the build hook on synthetic sites of growing size.

Usage: python scripts/bench.py [--pages 250,500,1000] [--repeat 3] [--write]
The checker is timed in-process (load and check, best of --repeat) and as the command a
trainer runs; the build is timed side by side with and without the hook on the same pages,
so the hook's share of a plain Material build is measured in one run. --write puts the
figures into docs/maintainers/figures.md between its bench markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]

from workshop.checks import run_checks
from workshop.site import load_site
from workshop.text import ConfigLoader

FIGURES = ROOT / "docs" / "maintainers" / "figures.md"
WORDS = ("research practice team evidence partner service health care study question method data "
         "patient manager practitioner funding time trust relationship outcome process change "
         "implementation improvement education impact evaluation knowledge user group role").split()


def make_site(folder: Path, pages: int, with_hook: bool) -> Path:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    extra = config.get("extra", {})
    site = {
        "site_name": "Benchmark", "docs_dir": "docs",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "font": False},
        "plugins": ["search"],
        "markdown_extensions": ["abbr", "attr_list", "md_in_html", "tables", "toc"],
        "extra": extra,
        "nav": [],
    }
    if with_hook:
        site["hooks"] = [str(ROOT / "overrides" / "hooks" / "workshop_hook.py")]
    rng = random.Random(pages)
    ids = [o["id"] for o in extra["objectives"]]
    docs = folder / "docs"
    docs.mkdir(parents=True)
    for number in range(pages):
        objective = extra["objectives"][number % len(ids)]
        kind = "exercise" if number % 7 == 0 else "concept"
        paragraphs = []
        for _ in range(8):
            words = [rng.choice(WORDS) for _ in range(95)]
            words[rng.randrange(95)] = rng.choice(objective["concepts"])
            words[rng.randrange(95)] = rng.choice(objective["concepts"])
            paragraphs.append(" ".join(words).capitalize() + ".")
        terms = ", ".join(objective["concepts"])
        (docs / f"page-{number:04d}.md").write_text(
            f"---\ntitle: Page {number}\nkind: {kind}\nobjectives: [{objective['id']}]\n---\n\n"
            f"# Page {number}\n\nThis page is about {terms}.\n\n" + "\n\n## Section\n\n".join(paragraphs) + "\n",
            encoding="utf-8")
        site["nav"].append({f"Page {number}": f"page-{number:04d}.md"})
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(site, sort_keys=False), encoding="utf-8")
    return folder / "mkdocs.yml"


def best(times: list[float]) -> float:
    return min(times)


def time_checker(config: Path, repeat: int) -> tuple[float, int]:
    runs, problems = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        site = run_checks(load_site(config))
        runs.append(time.perf_counter() - start)
        problems = len(site.problems)
    return best(runs), problems


def time_command(args: list[str], cwd: Path, repeat: int) -> float:
    runs = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
        runs.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return best(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--pages", default="250,500,1000", help="comma-separated site sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is kept)")
    parser.add_argument("--write", action="store_true", help="write the figures into docs/maintainers/figures.md")
    args = parser.parse_args()
    sizes = [int(n) for n in args.pages.split(",")]
    rows = []
    print(f"{'pages':>6} {'checker':>10} {'per page':>9} {'CLI':>8} {'build':>8} {'build+hook':>11} {'hook share':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for pages in sizes:
            plain = make_site(Path(tmp) / f"plain-{pages}", pages, with_hook=False)
            hooked = make_site(Path(tmp) / f"hooked-{pages}", pages, with_hook=True)
            checker, problems = time_checker(hooked, args.repeat)
            cli = time_command([sys.executable, str(ROOT / "scripts" / "check_objectives.py")], hooked.parent, args.repeat)
            build_args = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "out"]
            plain_build, hooked_build = [], []
            for _ in range(args.repeat):  # alternate, so both see the same machine load
                plain_build.append(time_command(build_args, plain.parent, 1))
                hooked_build.append(time_command(build_args, hooked.parent, 1))
            row = {"pages": pages, "checker": checker, "per_page_ms": checker / pages * 1000, "cli": cli,
                   "build": best(plain_build), "hooked": best(hooked_build), "problems": problems}
            row["share"] = (row["hooked"] - row["build"]) / row["build"] * 100
            rows.append(row)
            print(f"{pages:>6} {checker:>9.3f}s {row['per_page_ms']:>7.2f}ms {cli:>7.2f}s {row['build']:>7.2f}s "
                  f"{row['hooked']:>10.2f}s {row['share']:>10.1f}%")
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"\nMachine: {machine}. Targets: checker <= 2 ms a page at 1,000 pages; hook <= 10% of the build.")
    if args.write:
        write_figures(rows, machine, args.repeat)
    return 0


def write_figures(rows: list[dict], machine: str, repeat: int) -> None:
    table = ["| Pages | Checker (in-process) | Per page | Checker command | Material build | Build with hook | Hook's share |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        table.append(f"| {r['pages']:,} | {r['checker']:.3f} s | {r['per_page_ms']:.2f} ms | {r['cli']:.2f} s | "
                     f"{r['build']:.2f} s | {r['hooked']:.2f} s | {r['share']:+.1f}% |")
    block = (f"<!-- bench:start -->\nMeasured with `make bench` on {time.strftime('%Y-%m-%d')} ({machine}); "
             f"best of {repeat} runs; synthetic pages of about 800 words.\n\n" + "\n".join(table) + "\n<!-- bench:end -->")
    text = FIGURES.read_text(encoding="utf-8")
    if "<!-- bench:start -->" not in text:
        raise SystemExit(f"{FIGURES.relative_to(ROOT)}: no <!-- bench:start --> marker to write between")
    FIGURES.write_text(re.sub(r"<!-- bench:start -->.*?<!-- bench:end -->", lambda m: block, text, flags=re.S), encoding="utf-8")
    print(f"Wrote the figures into {FIGURES.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
