"""The one model of the workshop site: configuration, pages, bibliography, glossary, agenda.

The checker, the build hook, the alignment map, the handouts and the slides all start
from load_site(), so every rule is applied by one implementation whatever asks for it.
"""

from __future__ import annotations

import os

from dataclasses import dataclass, field
from pathlib import Path

from workshop.model.agenda import Agenda, load_agenda
from workshop.model.bibliography import Bibliography, load_bibliography
from workshop.model.config import WorkshopConfig, load_config
from workshop.model.evidence import Evidence, Matcher
from workshop.model.glossary import Glossary, load_glossary
from workshop.model.pages import Page, read_page
from workshop.model.problems import Problems
from workshop.model.publish import link_refusal, refusal, utf8_name  # noqa: F401  (the build's adapter imports link_refusal)
from workshop.model.files import special_file

PAGE_SUFFIXES = (".md", ".ipynb")


@dataclass
class Site:
    config: WorkshopConfig
    pages: list[Page]
    bibliography: Bibliography
    glossary: Glossary
    agenda: Agenda
    matcher: Matcher
    whole: bool
    problems: Problems = field(default_factory=Problems)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    digest: str = ""        # a fingerprint of every file it was read from (checked_site), "" if not taken
    data_digest: str = ""   # the same without the pages: what a page's own rendering may read besides itself
    _by_path: dict[str | None, Page] = field(default_factory=dict, repr=False)

    def page(self, site_path: str) -> Page | None:
        if len(self._by_path) != len(self.pages):
            self._by_path = {p.site_path: p for p in self.pages}
        return self._by_path.get(site_path)

    @property
    def nav_paths(self) -> set[str]:
        return {entry.path for entry in self.config.nav}

    def in_nav_order(self) -> list[Page]:
        by_path = {p.site_path: p for p in self.pages}
        return [by_path[e.path] for e in self.config.nav if e.path in by_path]


def discover(config: WorkshopConfig, problems: Problems | None = None) -> list[Path]:
    """Every page file under docs/ and exercises/, walked without following a link blindly."""
    found: list[Path] = []
    for base in (config.docs_dir, config.exercises_dir):
        if base.is_dir():
            found += [p for p in walk(base, config.root, problems) if p.suffix in PAGE_SUFFIXES]
    return sorted(found)


def walk(base: Path, root: Path, problems: Problems | None = None) -> list[Path]:
    """Files under base, hidden ones left out. What publish.refusal() refuses (a link out of the
    project or into its own folder, a pipe or a device, a name that is not UTF-8 text) is reported
    and never read; every build leaves out the same files, by the same function."""
    root = root.resolve()
    files: list[Path] = []
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            path = Path(entry.path)
            refused = refusal(path, root, within=folder) if entry.is_symlink() or not entry.is_file(
                follow_symlinks=False) or not utf8_name(entry.name) else None
            if refused:
                if problems is not None:
                    _report(problems, refused, path, root)
                continue
            try:
                if entry.is_dir():
                    stack.append(path)
                elif entry.is_file():
                    files.append(path)
            except OSError:
                continue
    return files


def _report(problems: Problems, rule: str, path: Path, root: Path) -> None:
    rel = rel_to(path, root)
    if rule == "special-file":
        problems.add(rule, rel, 1, kind=special_file(path.stat().st_mode))
    elif rule == "file-name-encoding":
        problems.add(rule, rel, 1)
    else:
        problems.add(rule, rel, 1, target=os.readlink(path) if path.is_symlink() else path)


def rel_to(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def expand(paths: list[Path]) -> list[Path]:
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            result += sorted(p for p in path.rglob("*") if p.suffix in PAGE_SUFFIXES and p.is_file()
                             and ".ipynb_checkpoints" not in p.parts)
        else:
            result.append(path)
    return result


def load_site(config_path: Path, paths: list[Path] | None = None, evidence: bool = True) -> Site:
    """Read everything once; raises ConfigError when mkdocs.yml is unusable. evidence=False leaves
    the evidence to the caller (checked_site takes it from the cache)."""
    config = load_config(config_path)
    problems = Problems()
    problems.extend(config.problems)
    files = discover(config, problems) if paths is None else expand(paths)
    pages = [read_page(path, config, problems) for path in files]
    site = Site(
        config=config,
        pages=pages,
        bibliography=load_bibliography(config.root, config.reading_list, problems),
        glossary=load_glossary(config.root, problems),
        agenda=load_agenda(config.root, config.workshop, problems),
        matcher=Matcher(config.objectives),
        whole=paths is None,
        problems=problems,
    )
    for page in pages if evidence else ():  # evidence comes from what the author wrote, never from generated parts
        if page.readable:
            site.evidence[page.rel] = site.matcher.evidence(page.prose)
    return site
