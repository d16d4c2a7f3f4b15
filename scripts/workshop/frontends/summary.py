"""Print the summary of a CI run in Markdown: the preview's link, the checker's problems, and each
handout's page count against its budget.

Usage: workshop summary [--artifact-url URL] [--artifact-name NAME] [--handouts DIR] [--config mkdocs.yml]
CI appends what it prints to $GITHUB_STEP_SUMMARY, the page GitHub shows with each run. The page
counts are read from the manifest that `workshop handouts` wrote in DIR (build/handouts).
Exit status: 0 printed (whatever the checker found: the summary reports, the tests judge),
2 configuration or arguments unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop.check.checks import run_checks
from workshop.cli import Parser
from workshop.model.config import ConfigError, find_config
from workshop.model.site import load_site
from workshop.outputs import handouts as printing
from workshop.outputs.summary import SAFE_URL, job_summary, page_counts


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="workshop summary", description=__doc__.split("\n")[0])
    parser.add_argument("--artifact-url", help="where the preview artifact can be downloaded (https://...)")
    parser.add_argument("--artifact-name", default="preview", help="the artifact's name (default: preview)")
    parser.add_argument("--handouts", type=Path, help="the folder the handouts were printed to (default: build/handouts)")
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml of the site (default: found upwards)")
    args = parser.parse_args(argv)
    if args.artifact_url and not SAFE_URL.match(args.artifact_url):
        parser.error(f"--artifact-url must be a web address starting with https://, not {args.artifact_url!r}")
    try:
        config = (args.config or find_config(Path.cwd())).resolve()
        if not config.is_file():
            raise ConfigError(f"{config}: no such configuration file")
        site = run_checks(load_site(config))
    except ConfigError as error:
        print(f"workshop summary: {error}", file=sys.stderr)
        return 2
    counts = page_counts(args.handouts or config.parent / printing.DEFAULT_OUT)
    sys.stdout.write(job_summary(site, counts, args.artifact_url, args.artifact_name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
