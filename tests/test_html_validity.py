"""Valid HTML: screen readers and the older browsers of locked-down machines cope worst with
broken markup. The W3C Nu validator checks the whole built site in one run; the only errors
accepted are those listed, with their reason, in tests/html_allowlist.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.qa import validity

from workshop.model.engine_files import engine_file

ALLOWLIST = engine_file("qa", "html_allowlist.yaml")   # shipped with the engine



@pytest.fixture(scope="module")
def messages(built_site):
    return validity.validate(built_site)


@pytest.fixture(scope="module")
def allowlist():
    return validity.load_allowlist(ALLOWLIST)


def test_built_pages_are_valid_html(messages, allowlist, built_site):
    errors = validity.unexplained(messages, allowlist)
    shown = "\n".join(m.describe() for m in errors[:40])
    more = f"\n... and {len(errors) - 40} more" if len(errors) > 40 else ""
    assert not errors, (f"{len(errors)} HTML errors in {built_site} that are not in {ALLOWLIST.name} "
                        f"(fix them; list only errors from Material's own templates):\n"
                        f"{shown}{more}")


def test_every_allowlist_entry_is_still_needed(messages, allowlist):
    stale = validity.unused(messages, allowlist)
    assert not stale, "allow-list entries that match no error any more (remove them):\n" + "\n".join(
        f"{ALLOWLIST.name}:{entry.line}: {entry.message.pattern}" for entry in stale)


def test_allowlist_entries_need_a_reason(tmp_path):
    listed = tmp_path / "allow.yaml"
    listed.write_text("- message: 'x'\n  reason: ok\n- message: 'y'\n", encoding="utf-8")
    with pytest.raises(validity.ValidatorError, match=r"allow.yaml:3: say why"):
        validity.load_allowlist(listed)
