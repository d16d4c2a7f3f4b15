"""Check the spelling of every page and notebook in the site's language (extra.workshop.language).

Usage: workshop spelling [--format text|github] [--config mkdocs.yml] [PATH ...]
text prints `path:line: word (did you mean ...?)`; github prints each word as a GitHub annotation
on its line, so that a pull request shows it where it was typed. Names and terms of the field go
in data/wordlist.txt.
Exit status: 0 no misspelling, 1 misspellings found, 2 Hunspell missing or arguments unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop.model.messages import workflow_command
from workshop.cli import Parser
from workshop.model.config import ConfigError, find_config
from workshop.qa import spelling

FORMATS = ("text", "github")


def annotation(found: spelling.Misspelling) -> str:
    hint = (f"did you mean '{found.suggestion}'?" if found.suggestion
            else "if it is right, add it to data/wordlist.txt")
    return workflow_command("error", found.path, found.line, "spelling",
                            f"'{found.word}' is not in the site's dictionary\nhint: {hint}")


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="workshop spelling", description=__doc__.split("\n")[0])
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text for people; github prints GitHub annotations")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml of the project (default: found upwards)")
    parser.add_argument("paths", nargs="*", type=Path, help="pages or notebooks to check (default: docs/ and exercises/)")
    args = parser.parse_args(argv)
    try:
        config = (args.config or find_config(Path.cwd())).resolve()
        if not config.is_file():
            raise ConfigError(f"{config}: no such configuration file")
        missing = [str(p) for p in args.paths if not p.is_file()]
        if missing:
            raise ConfigError(f"no such file: {', '.join(missing)}")
        root = config.parent
        found = spelling.check(root, [p.resolve() for p in args.paths] or None)
    except (ConfigError, spelling.SpellingError) as error:
        print(f"workshop spelling: {error}", file=sys.stderr)
        return 2
    for item in found:
        print(annotation(item) if args.format == "github" else item.text())
    count = len(found)
    print(f"{count} word{'s' if count != 1 else ''} not in the dictionary." if count
          else "Spelling: no problems.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
