"""`workshop`: the one command-line entry point; each subcommand is a thin front end.

    workshop check | page | outline | evaluation | strip | handouts | slides | offline
             | links | spelling | audit | bench | content-report | new | serve | system
             | summary | import-references   [arguments of that command; --help for each]
"""

from __future__ import annotations

import importlib
import sys

# subcommand -> (front-end module in workshop.frontends, arguments put before the user's, summary)
SUBCOMMANDS = {
    "check": ("check", [], "check that every page matches a learning objective"),
    "page": ("page", [], "create a page from its kind's template and add it to the nav"),
    "outline": ("data", ["outline"], "the outline of steps from the post-its CSV"),
    "evaluation": ("data", ["evaluation"], "the summary of the self-assessment CSV"),
    "strip": ("strip", [], "remove outputs from the committed notebooks"),
    "handouts": ("handouts", [], "print every handout to PDF"),
    "slides": ("slides", [], "write the slide decks"),
    "offline": ("offline", [], "write the offline copy of the site"),
    "links": ("links", [], "check links in the built site"),
    "audit": ("audit", [], "Lighthouse figures for one page of each kind"),
    "bench": ("bench", [], "time the checker and the build"),
    "content-report": ("content", [], "words, citations, repeated sources and figures, reading ease"),
    "new": ("new", [], "write a new, minimal workshop that builds and passes its checks"),
    "serve": ("serve", [], "serve the site with live reload, reporting a half-saved mkdocs.yml by its line"),
    "system": ("system", [], "install the system packages the checks need (as root or with passwordless sudo)"),
    "test": ("test", [], "run the engine's tests of this workshop (what a fork's CI runs)"),
    "spelling": ("spelling", [], "check the spelling of the pages in the site's language"),
    "summary": ("summary", [], "the Markdown summary of a CI run: preview link, problems, handout pages"),
    "import-references": ("references", [], "add a BibTeX or CSL-JSON export (Zotero...) to the bibliography"),
}


def usage() -> str:
    width = max(map(len, SUBCOMMANDS))
    lines = [f"  {name.ljust(width)}  {summary}" for name, (_, _, summary) in SUBCOMMANDS.items()]
    return "usage: workshop COMMAND [ARGUMENTS]\n\ncommands:\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(usage(), end="")
        return 0 if argv else 2
    name, *rest = argv
    if name not in SUBCOMMANDS:
        print(usage(), end="", file=sys.stderr)
        print(f"workshop: unknown command '{name}'", file=sys.stderr)
        return 2
    module_name, before, _ = SUBCOMMANDS[name]
    module = importlib.import_module(f"workshop.frontends.{module_name}")
    return module.main([*before, *rest])


if __name__ == "__main__":
    sys.exit(main())
