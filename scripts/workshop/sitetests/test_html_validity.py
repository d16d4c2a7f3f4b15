"""Valid HTML: screen readers and the older browsers of locked-down machines cope worst with
broken markup. The W3C Nu validator checks the whole built site in one run; the only errors
accepted are those the engine's allow-list explains (qa/html_allowlist.yaml: Material's own
templates). That every entry of the list is still needed is the engine's own test."""

from __future__ import annotations

from workshop.model.engine_files import engine_file
from workshop.qa import validity

ALLOWLIST = engine_file("qa", "html_allowlist.yaml")   # shipped with the engine
# A page with one error, validated in the same run: a validator that reports nothing for it did not run.
CANARY = '<!doctype html><html lang="en"><head><title>Canary</title></head><body><p><div>x</div></p></body></html>'


def test_built_pages_are_valid_html(built_site, tmp_path):
    pages = sorted(built_site.rglob("*.html"))
    assert pages, f"no HTML pages in {built_site}"
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    messages = validity.validate(built_site, pages + [canary])
    assert any(m.page.endswith("canary.html") for m in messages), "the validator reported nothing for a broken page"
    found = [m for m in messages if not m.page.endswith("canary.html")]
    errors = validity.unexplained(found, validity.load_allowlist(ALLOWLIST))
    shown = "\n".join(m.describe() for m in errors[:40])
    more = f"\n... and {len(errors) - 40} more" if len(errors) > 40 else ""
    assert not errors, (f"{len(errors)} HTML errors in {len(pages)} pages that the engine's {ALLOWLIST.name} "
                        f"does not explain (fix them):\n{shown}{more}")
