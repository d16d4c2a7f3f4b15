"""The repository's own files: its citation file, licences, community files and workflows. That the
workshop's identity lives in mkdocs.yml only is checked on the workshop by
scripts/workshop/sitetests/test_identity.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml


def test_citation_file_is_valid_citation_file_format(root):
    schema = json.loads((root / "tests/data/citation-file-format-1.2.0.schema.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(citation)
    assert citation["license"] == "CC-BY-4.0"


def test_licences_and_community_files(root):
    assert "Attribution 4.0 International Public License" in (root / "LICENSE").read_text(encoding="utf-8")
    assert (root / "LICENSE-CODE").read_text(encoding="utf-8").startswith("MIT License")
    for name in ("CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CHANGELOG.md", ".editorconfig"):
        assert (root / name).is_file(), name
    hooks = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [h["entry"] for repo in hooks["repos"] for h in repo["hooks"]]
    assert any("scripts/check_objectives.py" in e for e in entries)


PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*(v\d+\.\d+\.\d+)\s*$")


def _workflows(root):
    return {w.name: (w.read_text(encoding="utf-8"), yaml.safe_load(w.read_text(encoding="utf-8")))
            for w in sorted((root / ".github" / "workflows").glob("*.yml"))}


def test_workflows_pin_actions_by_commit_and_grant_least_privilege(root):
    workflows = _workflows(root)
    assert set(workflows) >= {"ci.yml", "publish.yml", "linkcheck.yml"}
    for name, (text, data) in workflows.items():
        assert data["permissions"] == {"contents": "read"}, name
        uses = [line for line in text.splitlines()
                if re.match(r"^\s*(-\s+)?uses:", line) and not re.match(r"^\s*(-\s+)?uses:\s*\./", line)]
        assert uses, name
        for line in uses:
            # A tag can be moved to other code; a commit cannot. The tag stays in a comment for
            # people and for Dependabot, which updates both.
            assert PINNED.match(line), f"{name}: '{line.strip()}' is not pinned as uses: owner/action@<40-hex SHA> # vX.Y.Z"
        for job in data["jobs"].values():
            extra = job.get("permissions", {})
            assert set(extra) <= {"pages", "id-token", "contents"}, name


def test_one_action_version_is_one_commit_everywhere(root):
    pins: dict[tuple[str, str], set[str]] = {}
    for name, (text, _) in _workflows(root).items():
        for line in text.splitlines():
            match = PINNED.match(line)
            if match:
                pins.setdefault((match.group(1), match.group(3)), set()).add(match.group(2))
    assert pins and all(len(shas) == 1 for shas in pins.values()), pins


def test_ci_tests_each_change_once_and_shows_problems_on_the_pull_request(root):
    text, ci = _workflows(root)["ci.yml"]
    triggers = ci[True]
    # a branch of this repository opened as a pull request is tested once, as the pull request
    assert triggers["push"] == {"branches": ["main"]} and "pull_request" in triggers
    assert ci["concurrency"]["cancel-in-progress"]
    steps = ci["jobs"]["test"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert ci["jobs"]["test"]["runs-on"] == "ubuntu-latest"
    assert any("make test" in r for r in runs)
    setup = next(s for s in steps if "setup-python" in s.get("uses", ""))
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "requirements.txt"
    for command in ("workshop check --format github", "workshop spelling --format github",
                    "workshop links --format github"):
        assert any(command in r for r in runs), command
    assert any("upload-artifact" in s.get("uses", "") for s in steps)
    assert any("workshop summary" in r and "GITHUB_STEP_SUMMARY" in r for r in runs)
    # nothing in the run hides a failure: a step that fails makes the run red
    assert not any(s.get("continue-on-error") for s in steps)


def test_publishing_waits_for_a_green_test_run_on_main(root):
    workflows = _workflows(root)
    _, ci = workflows["ci.yml"]
    _, publish = workflows["publish.yml"]
    assert set(publish[True]) == {"workflow_call"}, "publish.yml runs only when ci.yml calls it"
    job = ci["jobs"]["publish"]
    assert job["uses"] == "./.github/workflows/publish.yml" and job["needs"] == "test"
    condition = " ".join(job["if"].split())
    # A job with needs: runs only when the job it needs succeeded, unless its condition says
    # always(), failure() or !cancelled(); it must not, and it must be main, never a pull request.
    assert not re.search(r"always\(\)|failure\(\)|cancelled\(\)", condition)
    assert "github.ref == 'refs/heads/main'" in condition and "pull_request" not in condition
    assert set(job["permissions"]) == {"contents", "pages", "id-token"}
    assert publish["jobs"]["deploy"]["needs"] == "build"


def test_weekly_link_check_turns_red_on_a_broken_link_and_says_so(root):
    _, weekly = _workflows(root)["linkcheck.yml"]
    assert weekly[True]["schedule"]
    steps = weekly["jobs"]["links"]["steps"]
    check = next(s for s in steps if "make linkcheck" in s.get("run", ""))
    assert not check.get("continue-on-error")
    if "| tee" in check["run"]:
        assert "set -o pipefail" in check["run"], "tee would hide make linkcheck's failure"
    report = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert report["if"] in ("always()", "${{ always() }}")


def test_dependabot_updates_the_actions_and_the_python_lock_weekly(root):
    config = yaml.safe_load((root / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) >= {"github-actions", "pip"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly" and update["groups"]


def test_codespaces_set_up_with_the_readme_commands_and_forward_the_site(root):
    import json as _json

    config = _json.loads((root / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"mcr\.microsoft\.com/devcontainers/python:\d+-3\.11(-\w+)?", config["image"])
    assert "make venv" in config["postCreateCommand"]
    assert 8000 in config["forwardPorts"] and config["portsAttributes"]["8000"]["label"]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "https://codespaces.new/" in readme and "make serve" in readme


def _run_step(step: dict, cwd: Path, env: dict) -> "subprocess.CompletedProcess":
    """A workflow step's script run as GitHub runs it: `shell: bash` is bash with -eo pipefail;
    the default shell is bash -e, without pipefail."""
    import subprocess

    script = cwd / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    options = ["-eo", "pipefail"] if step.get("shell") == "bash" else ["-e"]
    return subprocess.run(["bash", "--noprofile", "--norc", *options, str(script)], cwd=cwd,
                          env=env, capture_output=True, text=True)


def test_the_weekly_link_check_step_fails_when_a_link_is_broken_and_the_summary_says_so(root, tmp_path):
    import os

    _, weekly = _workflows(root)["linkcheck.yml"]
    steps = weekly["jobs"]["links"]["steps"]
    check = next(s for s in steps if "make linkcheck" in s.get("run", ""))
    report = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    stubs = tmp_path / "bin"
    stubs.mkdir()
    (stubs / "make").write_text("#!/bin/sh\necho 'https://gone.example/ — HTTP 404 Not Found (on index.html)'\n"
                                "exit 2\n", encoding="utf-8")
    (stubs / "make").chmod(0o755)
    env = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}"}
    assert _run_step(check, tmp_path, env).returncode != 0
    summary = tmp_path / "summary.md"
    assert _run_step(report, tmp_path, {**env, "OUTCOME": "failure", "GITHUB_STEP_SUMMARY": str(summary)}).returncode == 0
    text = summary.read_text(encoding="utf-8")
    assert "Broken links were found" in text and "https://gone.example/ — HTTP 404" in text
