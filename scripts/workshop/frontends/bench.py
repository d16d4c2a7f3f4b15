"""Benchmark: this site against plain Material, paired and interleaved, medians and spreads.

Usage: workshop bench [--site] [--commands] [--scale 250,500,1000,2000] [--repeat 5] [--write]

--site   times the real site in a scratch copy: strict builds with a cold and a warm notebook
         cache, the rebuild after editing a page, and make serve from start to its first page; each
         beside plain Material (no overrides, no workshop plugin, no notebooks) building the same pages (docs/
         and the handouts of exercises/), in alternating runs.
--commands  times what a trainer and a maintainer run, each in a fresh process in a scratch
         copy with no .cache, as a fresh clone has: the checker (its first run and a later one),
         make handouts, make slides --pages, make offline, then make test-fast and make test once
         each (with this checkout's environment; --tests 0 leaves the tests out).
--scale  times synthetic sites of the given sizes whose pages use what the plugin reads (citations,
         glossary terms and abbreviations, markers, objectives, 'In brief' summaries), built by
         this site's configuration and by plain Material, and Zensical where it is installed.
The plugin's own time is measured inside the build (WORKSHOP_HOOK_TIMING), since whole-build
differences of a few per cent are below this machine's noise. --write puts the figures into
docs/maintainers/figures.md between its bench markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from workshop.cli import Parser, safe_streams, whole_number
from workshop.model.config import ConfigError
from workshop.model.project import config_file, project_root
from workshop.model.text import ConfigLoader

FIGURES = Path("docs") / "maintainers" / "figures.md"   # in the project
WORDS = ("research practice team evidence partner service health study question method data patient "
         "manager practitioner funding time trust relationship outcome process change improvement "
         "education evaluation knowledge user group role").split()
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


# ---------------------------------------------------------------- measuring

class Paired:
    """Runs of two or more variants, alternated so that each sees the same machine load."""

    def __init__(self) -> None:
        self.runs: dict[str, list[float]] = {}
        self.hook: list[float] = []

    def add(self, name: str, seconds: float) -> None:
        self.runs.setdefault(name, []).append(seconds)

    def median(self, name: str) -> float:
        return statistics.median(self.runs[name])

    def spread(self, name: str) -> str:
        values = self.runs[name]
        return f"{min(values):.2f}–{max(values):.2f}"

    def ratio(self, name: str, base: str) -> float:
        return self.median(name) / self.median(base)


def run(args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env or ENV)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed in {cwd}:\n{(result.stdout + result.stderr)[-2000:]}")
    return elapsed, result.stderr


def hook_seconds(stderr: str) -> float | None:
    found = re.findall(r"workshop hook: ([\d.]+) s", stderr)
    return float(found[-1]) if found else None


def build(config: Path, site_dir: Path, strict: bool = True) -> tuple[float, str]:
    args = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site_dir)]
    return run(args + (["--strict"] if strict else ["--quiet"]), config.parent, {**ENV, "WORKSHOP_HOOK_TIMING": "1"})


# ---------------------------------------------------------------- the sites

def plain_config(folder: Path, docs: str, nav: list | None, name: str = "plain.yml") -> Path:
    """Plain Material: the same pages and Markdown extensions, no overrides, no plugin, no notebooks."""
    config = {"site_name": "Plain Material", "docs_dir": docs, "theme": {"name": "material", "font": False},
              "plugins": ["search"], "markdown_extensions": EXTENSIONS,
              "validation": {"nav": {"omitted_files": "ignore", "not_found": "ignore"},
                             "links": {"not_found": "ignore", "anchors": "ignore", "unrecognized_links": "ignore"}}}
    if nav is not None:
        config["nav"] = nav
    path = folder / name
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def plain_pages(project: Path) -> str:
    """The site's pages for plain Material: docs/ and the Markdown pages of exercises/ (the handouts),
    which the site publishes as its exercises section. Notebooks are left out: plain Material
    cannot make pages of them."""
    folder = project / "plain-docs"
    shutil.copytree(project / "docs", folder)
    shutil.copytree(project / "exercises", folder / "exercises", ignore=shutil.ignore_patterns("*.ipynb"))
    return folder.name


def copy_project(root: Path, target: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=root,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    for rel in filter(None, listed):
        if (root / rel).is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, target / rel)
    return target


def synthetic(root: Path, folder: Path, pages: int) -> tuple[Path, Path]:
    """A site of `pages` pages that exercise the plugin, and the same pages for plain Material."""
    real = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    extra = real["extra"]
    keys = [e["key"] for e in yaml.safe_load((root / "data/bibliography.yaml").read_text(encoding="utf-8"))]
    terms = yaml.safe_load((root / "data/glossary.yaml").read_text(encoding="utf-8"))["terms"]
    words = [t.get("abbr") or t["term"] for t in terms]
    rng = random.Random(pages)
    (folder / "data").mkdir(parents=True)
    for name in ("bibliography.yaml", "glossary.yaml"):
        shutil.copy2(root / "data" / name, folder / "data" / name)
    docs = folder / "docs"
    docs.mkdir()
    nav = []
    for number in range(pages):
        objective = extra["objectives"][number % len(extra["objectives"])]
        paragraphs = []
        for _ in range(8):
            text = [rng.choice(WORDS) for _ in range(90)]
            for _ in range(3):
                text[rng.randrange(90)] = rng.choice(objective["concepts"])
            text[rng.randrange(90)] = rng.choice(words)
            paragraphs.append(" ".join(text).capitalize() + f" [@{rng.choice(keys)}; @{rng.choice(keys)}].")
        marker = "\n\n<!-- workshop:objective-statements -->\n" if number % 10 == 0 else ""
        (docs / f"page-{number:04d}.md").write_text(
            f"---\ntitle: Page {number}\nkind: concept\nobjectives: [{objective['id']}]\n---\n\n# Page {number}\n\n"
            "!!! summary \"In brief\"\n\n    This page is short. It says what the team did and why it mattered.\n\n"
            + "\n\n## Section\n\n".join(paragraphs) + marker + "\n", encoding="utf-8")
        nav.append({f"Page {number}": f"page-{number:04d}.md"})
    site = {"site_name": "Benchmark", "docs_dir": "docs",
            "theme": {"name": "material", "font": False},
            "plugins": ["search", "workshop"],
            "markdown_extensions": EXTENSIONS + [{"toc": {"permalink": True}}],
            "extra": {k: extra[k] for k in ("workshop", "objectives", "kinds", "alignment", "reading_list")}
            | {"readability": {"kinds": ["concept"]}},
            "nav": nav}
    site["markdown_extensions"].remove("toc")
    config = folder / "mkdocs.yml"

    config.write_text(yaml.safe_dump(site, sort_keys=False), encoding="utf-8")
    return config, plain_config(folder, "docs", nav)


# ---------------------------------------------------------------- live reload and serve

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(config: Path, edits: list[Path], repeat: int) -> tuple[float, list[float]]:
    """mkdocs serve: seconds to its first page, then MkDocs' own time for each rebuild after an edit."""
    port = free_port()
    args = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}"]
    log = tempfile.TemporaryFile("w+")
    start = time.perf_counter()
    server = subprocess.Popen(args, cwd=config.parent, stdout=log, stderr=subprocess.STDOUT, env=ENV,
                              start_new_session=True)
    try:
        first = _first_page(port, start, server)
        rebuilds = []
        for number in range(repeat):
            for path in edits:
                text = path.read_text(encoding="utf-8")
                rebuilds.append(_edit(path, text + f"\n\nA sentence added for the benchmark ({number}).\n", log, server))
                _edit(path, text, log, server)
        return first, rebuilds
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _first_page(port: int, start: float, server) -> float:
    deadline = start + 300
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit("bench: mkdocs serve stopped before serving a page")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
    raise SystemExit("bench: mkdocs serve served no page in 300 s")


def _built(log) -> int:
    log.seek(0)
    return len(re.findall(r"Documentation built in", log.read()))


def _edit(path: Path, text: str, log, server, attempts: int = 4) -> float:
    """Write the file and return MkDocs' own time for the rebuild it causes. The watcher can
    miss a write made in the moment it starts; the write is then made again, with the same text."""
    for _ in range(attempts):
        seen = _built(log)
        path.write_text(text, encoding="utf-8")
        found = _wait_rebuild(log, seen, server, timeout=20)
        if found is not None:
            return found
    raise SystemExit(f"bench: no rebuild followed {attempts} writes of {path}")


def _wait_rebuild(log, seen: int, server, timeout: float) -> float | None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        log.seek(0)
        times = re.findall(r"Documentation built in ([\d.]+) seconds", log.read())
        if len(times) > seen:
            return float(times[-1])
        if server.poll() is not None:
            raise SystemExit("bench: mkdocs serve stopped during a rebuild")
        time.sleep(0.05)
    return None


# ---------------------------------------------------------------- the two benchmarks

def page_to_edit(config: Path) -> Path:
    """The page a live-reload figure edits, as a path inside docs/: the first page of the navigation
    under docs/ that a trainer writes whole (no generated parts), as a teaching page is; else the
    first that is not the home page."""
    from workshop.model.document import MARKER
    from workshop.model.site import load_site

    site = load_site(config)
    docs = site.config.docs_dir.resolve()
    pages = [page for page in site.in_nav_order() if page.site_path and page.site_path != "index.md"
             and page.path.resolve().is_relative_to(docs)]
    for page in sorted(pages, key=lambda page: bool(MARKER.search(page.body))):
        return Path(page.site_path)
    raise SystemExit(f"bench: {config} has no page under its docs_dir besides the home page to edit")


def bench_site(root: Path, repeat: int) -> list[tuple[str, str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(root, Path(tmp) / "site")
        config = project / "mkdocs.yml"
        plain = plain_config(project, plain_pages(project), None)
        cache = project / ".cache"
        timings = Paired()
        for _ in range(repeat):
            shutil.rmtree(cache, ignore_errors=True)
            timings.add("plain cold", build(plain, Path(tmp) / "out-plain")[0])
            elapsed, stderr = build(config, Path(tmp) / "out-site")
            timings.add("site cold", elapsed)
        for _ in range(repeat):
            timings.add("plain warm", build(plain, Path(tmp) / "out-plain")[0])
            elapsed, stderr = build(config, Path(tmp) / "out-site")
            timings.add("site warm", elapsed)
            timings.hook.append(hook_seconds(stderr) or 0.0)
        page = page_to_edit(config)
        serve_times = Paired()
        for _ in range(max(1, repeat // 2)):
            shutil.rmtree(cache, ignore_errors=True)
            first, rebuilds = serve(plain, [project / "plain-docs" / page], 2)
            serve_times.add("plain first", first)
            for value in rebuilds:
                serve_times.add("plain page", value)
            first, rebuilds = serve(config, [project / "docs" / page], 2)
            serve_times.add("site first", first)
            for value in rebuilds:
                serve_times.add("site page", value)
        rows = [
            ("strict build, cold notebook cache", timings, "plain cold", "site cold"),
            ("strict build, warm cache", timings, "plain warm", "site warm"),
            ("live reload after editing a page", serve_times, "plain page", "site page"),
            ("`make serve` start to first page (fresh copy, environment made)", serve_times, "plain first", "site first"),
        ]
        table = [(label, f"{t.median(a):.2f} s ({t.spread(a)})", f"{t.median(b):.2f} s ({t.spread(b)})",
                  f"×{t.ratio(b, a):.2f}") for label, t, a, b in rows]
        table.append(("the plugin's own time in a warm build", "—", f"{statistics.median(timings.hook):.2f} s", "—"))
        return table


def bench_commands(root: Path, repeat: int, tests: int) -> list[tuple[str, str, str]]:
    """Each command's wall-clock time as its user meets it, in a fresh copy; (figure, median, runs)."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(root, Path(tmp) / "site")
        out = Path(tmp) / "out"
        timings = Paired()
        def fresh(name: str, *args: str) -> None:
            shutil.rmtree(project / ".cache", ignore_errors=True)
            timings.add(name, run([python, *args], project)[0])

        for number in range(repeat):
            fresh("check first", "scripts/check_objectives.py")
            timings.add("check again", run([python, "scripts/check_objectives.py"], project)[0])
            fresh("handouts", "scripts/make_handouts.py", "--out", str(out / f"handouts-{number}"))
            fresh("slides", "scripts/make_slides.py", "--pages", "--out", str(out / f"slides-{number}"))
            fresh("offline", "scripts/make_offline.py", "--output", str(out / f"offline-{number}.zip"))
        # The tests as make runs them, with this checkout's environment (a copy has none of its
        # own: .venv is a link to it) but the copy's own code; the copy is a Git repository, as a
        # clone is.
        in_copy = {**ENV, "PYTHONPATH": str(project / "scripts")}
        if tests:
            (project / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
            subprocess.run(["git", "init", "--quiet"], cwd=project, check=True)
            subprocess.run(["git", "add", "--all"], cwd=project, check=True)
        for _ in range(tests):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            timings.add("test-fast", run(["make", "-s", "test-fast"], project, in_copy)[0])
            shutil.rmtree(project / ".cache", ignore_errors=True)
            timings.add("test", run(["make", "-s", "test"], project, in_copy)[0])
        rows = [("`make check`, first run (no cache)", "check first"),
                ("`make check` again, nothing changed", "check again"),
                ("`make handouts` (builds the site, runs the notebooks, prints 2 papers and 2 packs)", "handouts"),
                ("`make slides` with the page decks", "slides"),
                ("`make offline` (builds the site, runs the notebooks, zips it)", "offline")]
        if tests:
            rows += [("`make test-fast` (no browser, LibreOffice or whole-site build)", "test-fast"),
                     ("`make test` (every check and test)", "test")]
        return [(label, _seconds(timings.median(key)), timings.spread(key) if len(timings.runs[key]) > 1 else "one run")
                for label, key in rows]


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 60 else f"{int(value // 60)} min {value % 60:.0f} s"


def bench_scale(root: Path, sizes: list[int], repeat: int) -> list[tuple]:
    zensical = shutil.which("zensical")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for pages in sizes:
            config, plain = synthetic(root, Path(tmp) / f"s{pages}", pages)
            timings = Paired()
            for _ in range(repeat):
                timings.add("plain", build(plain, Path(tmp) / "out-plain", strict=False)[0])
                # The plugin's whole work every time: no page or checked site kept from the last run.
                shutil.rmtree(config.parent / ".cache", ignore_errors=True)
                elapsed, stderr = build(config, Path(tmp) / "out-site", strict=False)
                timings.add("site", elapsed)
                timings.hook.append(hook_seconds(stderr) or 0.0)
                if zensical:
                    timings.add("zensical", run([zensical, "build", "--config-file", str(plain)], plain.parent)[0])
            rows.append((pages, timings, statistics.median(timings.hook)))
            print(f"{pages:>5} pages: plain {timings.median('plain'):.2f} s, site {timings.median('site'):.2f} s "
                  f"(×{timings.ratio('site', 'plain'):.2f}), plugin {statistics.median(timings.hook):.2f} s", flush=True)
    return rows


# ---------------------------------------------------------------- output

def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def site_markdown(table: list[tuple], repeat: int) -> str:
    lines = [f"Measured with `make bench` on {time.strftime('%Y-%m-%d')} ({machine()}): medians of {repeat} "
             "paired, alternating runs, with the range in brackets. Plain Material builds the same pages "
             "(`docs/` and the handouts of `exercises/`) with no overrides, plugin or notebooks.", "",
             "| Figure | Plain Material | This site | Ratio |", "|---|---:|---:|---:|"]
    lines += [f"| {label} | {a} | {b} | {ratio} |" for label, a, b, ratio in table]
    return "\n".join(lines) + "\n"


def commands_markdown(table: list[tuple], repeat: int) -> str:
    lines = [f"Measured with `workshop bench --commands` on {time.strftime('%Y-%m-%d')} ({machine()}): each "
             f"command in a fresh process in a fresh copy of the project (no `.cache`, as a clone); medians of "
             f"{repeat} runs and their range, the test tiers once each from an empty cache.", "",
             "| Command | Time | Range (s) |", "|---|---:|---:|"]
    lines += [f"| {label} | {median} | {spread} |" for label, median, spread in table]
    return "\n".join(lines) + "\n"


def scale_markdown(rows: list[tuple], repeat: int) -> str:
    has_zensical = any("zensical" in t.runs for _, t, _ in rows)
    head = "| Pages | Plain Material | This site | Ratio | The plugin's own time |" + (" Zensical |" if has_zensical else "")
    lines = [f"Synthetic pages of about 750 words that use citations, glossary terms, markers and summaries; "
             f"medians of {repeat} alternating runs (range in brackets), draft builds, each with an empty "
             f"`.cache` so that the plugin does all its work.", "", head,
             "|---:|---:|---:|---:|---:|" + ("---:|" if has_zensical else "")]
    for pages, t, hook in rows:
        row = (f"| {pages:,} | {t.median('plain'):.2f} s ({t.spread('plain')}) | {t.median('site'):.2f} s "
               f"({t.spread('site')}) | ×{t.ratio('site', 'plain'):.2f} | {hook:.2f} s |")
        if has_zensical:
            row += f" {t.median('zensical'):.2f} s |"
        lines.append(row)
    if not has_zensical:
        lines += ["", "Zensical was not installed on this machine, so its column is left out."]
    return "\n".join(lines) + "\n"


def write(root: Path, marker: str, text: str) -> None:
    """Put text between the marker's lines in the project's figures page, and nothing else."""
    path = root / FIGURES
    page = path.read_text(encoding="utf-8")
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    if start not in page:
        raise SystemExit(f"bench: {FIGURES.as_posix()} has no {start} marker")
    path.write_text(re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: f"{start}\n{text}{end}",
                           page, flags=re.S), encoding="utf-8")


def sizes(text: str) -> list[int]:
    """--scale: site sizes of one page or more, separated by commas."""
    pages = [whole_number(1)(part.strip()) for part in text.split(",") if part.strip()]
    if not pages:
        raise argparse.ArgumentTypeError(f"no site size given: {text!r}")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="bench", description=__doc__.split("\n")[0])
    parser.add_argument("--site", action="store_true", help="time the real site against plain Material")
    parser.add_argument("--commands", action="store_true", help="time the checker, handouts, slides, offline and tests")
    parser.add_argument("--tests", type=whole_number(0), default=1, help="runs of each test tier with --commands (0: none)")
    parser.add_argument("--scale", type=sizes, default=[], help="comma-separated synthetic site sizes, e.g. 250,1000,2000")
    parser.add_argument("--repeat", type=whole_number(1), default=5, help="paired runs per figure (the median is reported)")
    parser.add_argument("--write", action="store_true", help=f"write the figures into {FIGURES.as_posix()}")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml of the project to time (default: found upwards)")
    safe_streams()
    args = parser.parse_args(argv)
    try:
        root = project_root(config_file(args.config))
    except ConfigError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    if not args.site and not args.scale and not args.commands:
        args.site, args.commands, args.scale = True, True, [250, 500, 1000, 2000]
    if args.site:
        table = bench_site(root, args.repeat)
        text = site_markdown(table, args.repeat)
        print(text)
        if args.write:
            write(root, "bench-site", text)
    if args.commands:
        text = commands_markdown(bench_commands(root, args.repeat, args.tests), args.repeat)
        print(text)
        if args.write:
            write(root, "bench-commands", text)
    if args.scale:
        text = scale_markdown(bench_scale(root, args.scale, args.repeat), args.repeat)
        print(text)
        if args.write:
            write(root, "bench", text)
    return 0
