"""Add the references exported from Zotero, EndNote or Mendeley (BibTeX or CSL-JSON) to
data/bibliography.yaml, the one bibliography the site reads.

Usage: workshop import-references FILE [--config mkdocs.yml] [--dry-run]     (make import-references FILE=refs.bib)
Keys are kept, so pages cite [@key] as the reference manager names it. An entry that cannot be used
is reported as FILE:LINE with a hint; an entry already in the bibliography that a person wrote or
changed is kept as it is and reported with its line; the others are added, or replaced if they
were imported before and are unchanged since. Comments and the order of the file are kept.
Exit status: 0 all imported (or already there), 1 some entries not imported, 2 the file or the
bibliography cannot be used (nothing written).
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop.cli import Parser, make_arguments
from workshop.model.bibliography import BIBLIOGRAPHY
from workshop.model.config import ConfigError, find_config
from workshop.outputs.reference_import import ImportRefused, import_into, merge
from workshop.outputs.reference_sources import ExportError, read_export

PROG = "workshop import-references"
LIMIT = 20 * 1024 * 1024      # an export of tens of thousands of references is far smaller


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog=PROG, description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("file", nargs="?", default="", help="the export: a .bib (BibTeX) or .json (CSL-JSON) file")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml of the project (default: found upwards)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    parser.add_argument("--from-make", action="store_true", help="read FILE from make")
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(make_arguments(argv, {"FILE": None}))
    if not args.file.strip():
        print(f"{PROG}: no file given; for example: make import-references FILE=path/to/references.bib",
              file=sys.stderr)
        return 2
    try:
        config = (args.config or find_config(Path.cwd())).resolve()
        if not config.is_file():
            raise ConfigError(f"{config}: no such configuration file")
    except ConfigError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    root = config.parent
    source = Path(args.file).expanduser()
    shown = _shown(source, root)
    if not source.is_file():
        print(f"{PROG}: {shown}: no such file", file=sys.stderr)
        return 2
    if source.stat().st_size > LIMIT:
        print(f"{PROG}: {shown}: larger than {LIMIT // 1048576} MB; export fewer references at a time", file=sys.stderr)
        return 2
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = source.read_bytes()[:error.start].count(b"\n") + 1
        print(f"{shown}:{line}: the file is not UTF-8 text\n    hint: export it again with the "
              "encoding set to Unicode (UTF-8)", file=sys.stderr)
        return 2
    try:
        export = read_export(source, text)
    except ExportError as error:
        print(f"{shown}:{error.line}: {error}\n    hint: export the references again from your reference "
              "manager, as BibTeX or CSL JSON", file=sys.stderr)
        return 2
    try:
        if args.dry_run:
            bibliography = root / BIBLIOGRAPHY
            _, outcomes = merge(bibliography.read_text(encoding="utf-8") if bibliography.is_file() else None,
                                export.candidates)
        else:
            outcomes = import_into(root, export.candidates)
    except ImportRefused as error:
        print(f"{BIBLIOGRAPHY}:{error.line}: {error}", file=sys.stderr)
        return 2
    return report(shown, export, outcomes, args.dry_run)


def report(shown: str, export, outcomes, dry_run: bool) -> int:
    messages: list[tuple[int, str]] = []
    for unusable in export.unusable:
        messages.append((unusable.line, f"{shown}:{unusable.line}: {unusable.key}: not imported: {unusable.reason}\n"
                                        f"    hint: {unusable.hint}"))
    for outcome in outcomes:
        if outcome.status == "skipped":
            messages.append((outcome.line, f"{shown}:{outcome.line}: {outcome.key}: not imported: {outcome.reason}\n"
                                           f"    hint: {outcome.hint}"))
        elif outcome.status == "kept":
            messages.append((outcome.line, f"{BIBLIOGRAPHY}:{outcome.bib_line}: {outcome.key}: {outcome.reason} "
                                           f"(export line {outcome.line})\n    hint: {outcome.hint}"))
    notes = {c.key: c for c in export.candidates if c.notes}
    for outcome in outcomes:
        if outcome.status in ("added", "updated") and outcome.key in notes:
            for note in notes[outcome.key].notes:
                messages.append((outcome.line, f"{shown}:{outcome.line}: {outcome.key}: note: {note}"))
    for _, message in sorted(messages, key=lambda m: m[0]):
        print(message)
    count = {status: sum(1 for o in outcomes if o.status == status)
             for status in ("added", "updated", "unchanged", "kept", "skipped")}
    not_imported = len(export.unusable) + count["skipped"]
    verb = "Would add" if dry_run else "Added"
    print(f"{verb} {count['added']} and {'would update' if dry_run else 'updated'} {count['updated']} "
          f"entr{'y' if count['updated'] == 1 else 'ies'} of {BIBLIOGRAPHY}; {count['unchanged']} already there; "
          f"{count['kept']} kept as written in the bibliography; {not_imported} not imported.")
    return 1 if not_imported or count["kept"] else 0


if __name__ == "__main__":
    sys.exit(main())
