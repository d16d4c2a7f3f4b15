"""The checks: each reads the site model and adds problems; none prints or exits.

CHECKS lists them in the order they run. A check marked whole-site only runs when the
checker is given the whole site, because it needs every page to decide (coverage, nav).
"""

from __future__ import annotations

from workshop.model import readability, timing
from workshop.model.session import session_problems
from workshop.model.slide_texts import load_slide_texts
from workshop.check.references import check_cards, check_handout_numbers

import difflib
import re
from pathlib import Path
from typing import Callable

from workshop.model.bibliography import cited_keys
from workshop.model.glossary import GLOSSARY, abbreviations_used
from workshop.model.language import of_config
from workshop.web.markers import MARKER, MARKERS
from workshop.web.render_session import SESSION_MARKERS
from workshop.model.site import Site
from workshop.model.verbs import OBSERVABLE, REFUSED

CASE_TEMPLATE = "case-study.md"   # the project's templates/case-study.md, else the engine's
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum", re.I)
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
TEXT_SUFFIXES = {".md", ".ipynb", ".csv", ".yaml", ".yml", ".txt", ".html", ".svg"}


def check_nav(site: Site) -> None:
    nav = site.nav_paths
    for page in site.pages:
        if page.readable and page.site_path not in nav:
            site.problems.add("not-in-nav", page.rel, 1)
    if site.whole:
        for entry in site.config.nav:
            if not site.config.file_for(entry.path).is_file():
                site.problems.add("nav-missing-file", site.config.rel, entry.line, target=entry.path)


def check_coverage(site: Site) -> None:
    if not site.whole:
        return
    interactive = [k for k, kind in site.config.kinds.items() if kind.interactive]
    for objective in site.config.objectives:
        serving = [p for p in site.pages if objective.id in p.objectives]
        if not serving:
            site.problems.add("objective-unserved", site.config.rel, objective.line, objective=objective.id)
        elif not any(p.kind in interactive for p in serving):
            site.problems.add("objective-no-activity", site.config.rel, objective.line,
                              objective=objective.id, kinds=", ".join(interactive))


def check_wording(site: Site) -> None:
    allowed = OBSERVABLE | {str(v).lower() for v in site.config.alignment.get("extra_verbs") or []}
    for objective in site.config.objectives:
        words = re.findall(r"[A-Za-z]+", objective.statement)
        first = words[0].lower() if words else ""
        if first == "to" and len(words) > 1:
            first = words[1].lower()
        if first in REFUSED:
            site.problems.add("objective-verb-refused", site.config.rel, objective.line,
                              objective=objective.id, verb=REFUSED[first])
        elif first not in allowed:
            site.problems.add("objective-verb-unknown", site.config.rel, objective.line,
                              objective=objective.id, verb=first)


def check_evidence(site: Site) -> None:
    settings = site.config.alignment
    minimum = int(settings.get("min_terms", 2))
    ratio = float(settings.get("mismatch_ratio", 3))
    mismatch_minimum = int(settings.get("mismatch_min_terms", 5))
    for page in site.pages:
        kind = site.config.kinds.get(page.kind or "")
        evidence = site.evidence.get(page.rel)
        if not kind or not kind.evidence or evidence is None or not page.objectives:
            continue
        line = page.line_of("objectives")
        for objective_id in page.objectives:
            found = evidence.found.get(objective_id, {})
            if len(found) < minimum:
                concepts = site.config.objective(objective_id).concepts
                site.problems.add(
                    "evidence-missing", page.rel, line, objective=objective_id,
                    found=_terms(found) or "none of its key concepts",
                    missing=", ".join(c for c in concepts if c not in found))
        best_declared = max(evidence.score(o) for o in page.objectives)
        for objective in site.config.objectives:
            score = evidence.score(objective.id)
            if objective.id not in page.objectives and score >= mismatch_minimum and score >= ratio * max(best_declared, 1):
                site.problems.add("evidence-mismatch", page.rel, line, better=objective.id, better_count=score,
                                  better_terms=_terms(evidence.found[objective.id]), declared_count=best_declared)


def _terms(found: dict[str, int]) -> str:
    return ", ".join(f"'{term}' ({count})" for term, count in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def check_citations(site: Site) -> None:
    keys = list(site.bibliography.entries)
    for page in site.pages:
        for key, offset in cited_keys(page.prose):
            if key not in site.bibliography:
                close = difflib.get_close_matches(key, keys, n=1)
                site.problems.add("citation-unknown", page.rel, page.body_line_of(offset), key=key,
                                  suggestion=f" (did you mean '{close[0]}'?)" if close else "")


def check_glossary(site: Site) -> None:
    glossary = site.glossary
    known = set(glossary.abbreviations) | glossary.not_abbreviations
    for page in site.pages:
        reported: set[str] = set()
        for abbr, offset in abbreviations_used(page.prose):
            if abbr not in known and abbr not in reported:
                reported.add(abbr)
                site.problems.add("abbreviation-undefined", page.rel, page.body_line_of(offset), abbr=abbr)
    if not site.whole:
        return
    texts = [p.prose for p in site.pages if "workshop:glossary" not in p.body]   # not the glossary page itself
    joined = "\n".join(texts)
    lowered = " ".join(joined.lower().split())   # a term may break across lines
    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9&]*", joined))   # one pass, however many terms
    for term in glossary.terms:
        used = (term.abbr and (term.abbr in words or term.abbr + "s" in words)) or term.term.lower() in lowered
        if not used:
            site.problems.add("glossary-unused", "data/glossary.yaml", term.line, term=term.term)


def check_writing(site: Site) -> None:
    for page in site.pages:
        for match in PLACEHOLDER.finditer(page.prose):
            site.problems.add("placeholder-text", page.rel, page.body_line_of(match.start()), text=match.group(0))
        for image in page.doc.images if page.doc else []:
            if not image.alt.strip():
                site.problems.add("image-alt-missing", page.rel, image.line)
        for match in HTML_IMAGE.finditer(page.body):
            if not re.search(r'\balt\s*=\s*"[^"]+"', match.group(0)):
                site.problems.add("image-alt-missing", page.rel, page.body_line_of(match.start()))
        _check_headings(site, page)
        for match in MARKER.finditer(page.body):
            if match.group(1) not in MARKERS:
                site.problems.add("marker-unknown", page.rel, page.body_line_of(match.start()),
                                  name=match.group(1), known=", ".join(sorted(MARKERS)))
    if site.whole:
        _check_other_files(site)


def _check_headings(site: Site, page) -> None:
    """Headings go down one level at a time, as screen readers expect (the parser finds them)."""
    if page.notebook or page.doc is None:
        return
    previous = 0
    for heading in page.doc.headings:
        if previous and heading.level > previous + 1:
            site.problems.add("heading-skip", page.rel, heading.line, heading=heading.text, previous=previous,
                              level=heading.level, expected=previous + 1, hashes="#" * (previous + 1))
        previous = heading.level


def _check_other_files(site: Site) -> None:
    """Placeholders and untitled figures in files that are not pages (data, SVG)."""
    from workshop.model.site import walk
    from workshop.model.files import read_bytes

    root = site.config.root
    pages = {p.path.resolve() for p in site.pages}
    for base in (site.config.docs_dir, site.config.exercises_dir):
        if not base.is_dir():
            continue
        for path in sorted(walk(base, root)):   # links out of the project and special files left out
            if path.suffix not in TEXT_SUFFIXES or path.resolve() in pages:
                continue
            rel = path.relative_to(root).as_posix()
            try:
                text = read_bytes(path).decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for match in PLACEHOLDER.finditer(text):
                site.problems.add("placeholder-text", rel, text.count("\n", 0, match.start()) + 1, text=match.group(0))
            if path.suffix == ".svg" and not re.search(r"<title[\s>]", text):
                site.problems.add("svg-title-missing", rel, 1)


def case_sections(root: Path) -> list[str]:
    """The required sections of a case study, as the template declares them."""
    from workshop.model.engine_files import page_template

    template = page_template(root, CASE_TEMPLATE)
    if template is None:
        return []
    return re.findall(r"^## (.+?)\s*$", template.read_text(encoding="utf-8"), re.M)


def check_cases(site: Site) -> None:
    required = case_sections(site.config.root)
    vocabulary = site.config.vocabulary
    for page in site.pages:
        if page.kind not in site.config.kinds or not site.config.kinds[page.kind].case:
            continue
        sections = [h for h in (page.doc.headings if page.doc else []) if h.level == 2]
        names = [h.text for h in sections]
        prose_lines = page.prose.split("\n")
        for section in required:
            if section not in names:
                site.problems.add("case-section-missing", page.rel, page.body_line, section=section)
        present = [n for n in names if n in required]
        if present != [s for s in required if s in present]:
            first_wrong = next(n for n, s in zip(present, [s for s in required if s in present]) if n != s)
            line = next(h.line for h in sections if h.text == first_wrong)
            site.problems.add("case-section-order", page.rel, line, section=first_wrong, order="; ".join(required))
        for index, heading in enumerate(sections):
            if heading.text not in required or heading.text == "Sources":
                continue
            start = heading.line - page.body_line + 1
            stop = sections[index + 1].line - page.body_line if index + 1 < len(sections) else len(prose_lines)
            if not "".join(prose_lines[start:stop]).strip():
                site.problems.add("case-section-empty", page.rel, heading.line, section=heading.text)
        case = page.meta.get("case") if isinstance(page.meta.get("case"), dict) else {}
        line = page.line_of("case")
        for facet, known in vocabulary.items():
            values = case.get(facet)
            values = [values] if isinstance(values, str) else values
            if not values or not isinstance(values, list):
                site.problems.add("case-facet-missing", page.rel, line, facet=facet)
                continue
            for value in values:
                if str(value) not in known:
                    site.problems.add("case-vocabulary", page.rel, line, facet=facet, value=value,
                                      known=", ".join(known))
        distinct = {key for key, _ in cited_keys(page.prose)}
        if len(distinct) < 2:
            site.problems.add("case-too-few-sources", page.rel, page.body_line, count=len(distinct))


def check_agenda(site: Site) -> None:
    agenda = site.agenda
    if not site.whole or not agenda.exists or not agenda.blocks:
        return
    rel = "data/agenda.yaml"
    if site.config.applies("agenda-unbalanced"):
        first, second = site.config.extra["balance"]
        a, b = agenda.minutes(first), agenda.minutes(second)
        if a != b:
            more, less = (first, second) if a > b else (second, first)
            neither = (f" ({agenda.neither} min of break and housekeeping count in neither)"
                       if agenda.neither else "")
            site.problems.add("agenda-unbalanced", rel, 1, first=first, second=second, a=a, b=b,
                              diff=abs(a - b) // 2 or 1, more=more, less=less, neither=neither)
    session = site.config.workshop.get("session_minutes")
    if isinstance(session, int) and agenda.total != session:
        site.problems.add("agenda-length", rel, 1, total=agenda.total, session=session)
    timed = {o for block in agenda.blocks for o in block.objectives}
    for objective in site.config.objectives:
        if objective.id not in timed:
            site.problems.add("agenda-objective-no-time", rel, 1, objective=objective.id)
    known_materials = set(site.config.materials)
    for block in agenda.blocks:
        for objective_id in block.objectives:
            if objective_id not in site.config.objective_ids and objective_id not in site.config.broken_objectives:
                site.problems.add("agenda-invalid", rel, block.line,
                                  reason=f"block '{block.id}' names unknown objective '{objective_id}'")
        for path in block.pages:
            if path not in site.nav_paths or not site.config.file_for(path).is_file():
                site.problems.add("agenda-page-unknown", rel, block.line, block=block.id, page=path)
        for material in block.materials:
            if material not in known_materials and material != "handouts":
                site.problems.add("agenda-material-unknown", rel, block.line, block=block.id, material=material,
                                  known=", ".join(sorted(known_materials | {"handouts"})))


def check_notebooks(site: Site) -> None:
    for page in site.pages:
        for cell in page.outputs:
            line = page.cell_lines[cell - 1] if cell - 1 < len(page.cell_lines) else 1
            site.problems.add("notebook-outputs", page.rel, line, cell=cell)


def check_summaries(site: Site) -> None:
    """Pages of a summary kind open with a plain-language 'In brief' box within its limits; pages
    for a general reader, the glossary's plain definitions when asked for, and the plain wording of
    each objective, which participants rate themselves against, read as easily."""
    limits = readability.settings(site.config)
    language = of_config(site.config)
    root = site.config.root
    for page in site.pages:
        if page.kind not in limits["kinds"] or not page.readable or page.notebook:
            continue
        summary = readability.find_summary(page.body, page.body_line)
        if summary is None or not summary.words:
            site.problems.add("summary-missing", page.rel, summary.line if summary else page.body_line)
            continue
        if summary.words > limits["words"]:
            site.problems.add("summary-too-long", page.rel, summary.line, words=summary.words, limit=limits["words"])
        ease = summary.reading_ease_cached(root, language)
        if ease < limits["reading_ease"]:
            site.problems.add("summary-hard-to-read", page.rel, summary.line, ease=readability.shown(ease),
                              limit=limits["reading_ease"])
    for objective in site.config.objectives:
        if objective.plain:
            ease = readability.cached_reading_ease(objective.plain, root, language)
            if ease < limits["reading_ease"]:
                site.problems.add("objective-plain-hard-to-read", site.config.rel, objective.line,
                                  objective=objective.id, ease=readability.shown(ease), limit=limits["reading_ease"])
    for path in limits["plain_pages"]:
        page = site.page(path)
        if page is None or not page.readable:
            continue
        ease = readability.cached_reading_ease(page.prose, root, language)
        if ease < limits["reading_ease"]:
            site.problems.add("page-hard-to-read", page.rel, page.body_line, ease=readability.shown(ease),
                              limit=limits["reading_ease"])
    if limits["plain_glossary"]:
        for term in site.glossary.terms:
            if not term.plain:
                site.problems.add("glossary-plain-missing", GLOSSARY, term.line, term=term.term)
                continue
            ease = readability.cached_reading_ease(term.plain, root, language)
            if ease < limits["reading_ease"]:
                site.problems.add("glossary-plain-hard-to-read", GLOSSARY, term.line, term=term.term,
                                  ease=readability.shown(ease), limit=limits["reading_ease"])


def check_session(site: Site) -> None:
    """Ground rules, confidentiality and sharing formats (data/session.yaml) fit the agenda, and each
    block's words read aloud and timed steps fit its minutes."""
    if site.whole:
        session = session_problems(site, site.agenda, site.problems, frozenset(SESSION_MARKERS))
        check_timing(site, session)


def check_timing(site: Site, session) -> None:
    """A block whose words read aloud (at extra.timing.words_per_minute) and timed steps overrun it."""
    rate = timing.words_per_minute(site.config.timing)
    for found in timing.timings(site.agenda, session, rate):
        if found.fits:
            continue
        block = found.block
        rules = " (with the rules it reads)" if session is not None and session.rules_block == block.id \
            and session.read_aloud_texts() else ""
        site.problems.add("agenda-block-overrun", "data/agenda.yaml", block.line, block=block.id,
                          minutes=block.minutes, needed=timing.minutes_text(found.needed), words=found.words,
                          rate=timing.minutes_text(rate), read=timing.minutes_text(found.read_minutes), rules=rules,
                          steps=timing.minutes_text(found.step_minutes))


def check_slide_texts(site: Site) -> None:
    """data/slides.yaml meets its schema (what its slides say is checked by make slides)."""
    if site.whole:
        load_slide_texts(site.config.root, site.problems)


CHECKS: tuple[Callable[[Site], None], ...] = (
    check_nav, check_coverage, check_wording, check_evidence, check_citations, check_glossary,
    check_writing, check_cases, check_agenda, check_notebooks, check_summaries, check_session,
    check_slide_texts, check_handout_numbers, check_cards,
)


def run_checks(site: Site) -> Site:
    for check in CHECKS:
        check(site)
    return site

