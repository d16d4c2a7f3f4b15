"""Every string a template prints is text: page front matter, a notebook's metadata and mkdocs.yml.

Material's templates are rendered without autoescaping. The escaping functions are checked on
their own; a scan of Material's templates proves that every value of the configuration and of
a page's meta that they print is one the functions make safe, so a new version of Material that
prints another fails here first; and a draft build of a project whose every such value is a
payload publishes none of it as markup.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup

from workshop.web.template_values import (PAGE_META_KEYS, TEXT_KEYS, URL_KEYS, address, escape_config,
                                          escape_page_meta, text_with_entities)

PAYLOAD = '"><script>window.PWNED=1</script>'


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def test_page_meta_is_text_and_keeps_only_the_keys_the_site_allows():
    meta = {"title": PAYLOAD, "description": PAYLOAD, "hide": ["toc", PAYLOAD], "search": {"boost": PAYLOAD},
            "template": "../../../../etc/passwd", "icon": "../../x", "subtitle": PAYLOAD, "objectives": ["LO1"]}
    escape_page_meta(meta)
    assert set(meta) <= PAGE_META_KEYS and "template" not in meta and "icon" not in meta
    assert meta["title"] == Markup("&#34;&gt;&lt;script&gt;window.PWNED=1&lt;/script&gt;")
    assert "<" not in meta["description"] and "<" not in meta["hide"][1] and "<" not in meta["search"]["boost"]
    assert "toc" in meta["hide"] and "LO1" in meta["objectives"], "values still compare as they did"


def test_escaping_twice_changes_nothing():
    meta = {"title": "Tom & Jerry"}
    escape_page_meta(meta)
    escape_page_meta(meta)
    assert meta["title"] == Markup("Tom &amp; Jerry")


def test_the_configuration_is_text_and_its_addresses_stay_in_their_attribute():
    config = {"site_name": PAYLOAD, "site_description": PAYLOAD, "site_author": PAYLOAD, "repo_name": PAYLOAD,
              "copyright": "&copy; 2018 <b>us</b>", "repo_url": 'https://example.org/x" onclick="PWNED',
              "theme": {"palette": [{"media": PAYLOAD, "toggle": {"name": PAYLOAD}}]},
              "extra": {"consent": {"title": PAYLOAD}, "homepage": "javascript:x' onmouseover='y"},
              "mdx_configs": {"toc": {"title": PAYLOAD}}}
    escape_config(config)
    for value in (config["site_name"], config["site_description"], config["site_author"], config["repo_name"],
                  config["theme"]["palette"][0]["media"], config["theme"]["palette"][0]["toggle"]["name"],
                  config["extra"]["consent"]["title"], config["mdx_configs"]["toc"]["title"]):
        assert isinstance(value, Markup) and "<" not in value and '"' not in value
    assert config["copyright"] == Markup("&copy; 2018 &lt;b&gt;us&lt;/b&gt;"), "a character reference still shows"
    assert '"' not in config["repo_url"] and " " not in config["repo_url"]
    assert "'" not in config["extra"]["homepage"]


def test_a_character_reference_survives_and_a_bare_ampersand_is_escaped():
    assert text_with_entities("A &amp; B &#8212; C & D &bogus E") == Markup("A &amp; B &#8212; C &amp; D &amp;bogus E")
    assert address("https://x.org/a b\"c") == "https://x.org/a%20b%22c"


# Expressions of Material's templates that print a value of the configuration or a page's meta.
PRINTED = re.compile(r"\{\{-?\s*((?:config|page\.meta|nav_item\.meta|option|palette)\.[\w.]+(?:\[[^\]]*\])?)([^}]*)\}\}")
SAFE_FILTERS = re.compile(r"\|\s*(url|e|escape|tojson|urlencode|length|int)\b")
ALIASES = {"option.toggle.name": "theme.palette.toggle.name", "option.media": "theme.palette.media"}
NOT_PRINTED_AS_TEXT = {"config.extra.status": "looked up by the status's key",
                       "config.theme.font": "only with font: true; this site sets font: false"}


def test_every_value_materials_templates_print_is_escaped_here():
    """Read Material's templates: each {{ config.X }} or {{ page.meta.X }} printed without an
    escaping filter must be a key escape_config or escape_page_meta makes safe."""
    known = {f"config.{key}" for key in TEXT_KEYS + URL_KEYS} | {f"page.meta.{key}" for key in PAGE_META_KEYS}
    found: dict[str, str] = {}
    for template in material_templates().rglob("*.html"):
        for match in PRINTED.finditer(template.read_text(encoding="utf-8")):
            expression, filters = match.group(1), match.group(2)
            if SAFE_FILTERS.search(filters) and "| d(" not in filters:
                continue
            name = re.sub(r"\[.*\]$", "", expression)
            name = "config." + ALIASES[name] if name in ALIASES else name
            found[name] = template.relative_to(material_templates()).as_posix()
    assert found, "the scan found nothing: Material's templates have moved"
    meta_keys = {name for name in found if name.startswith(("page.meta.", "nav_item.meta."))}
    dropped = {name for name in meta_keys if name.rsplit(".", 1)[1] not in PAGE_META_KEYS}
    unsafe = {name: where for name, where in found.items()
              if name not in known and name not in dropped and name not in NOT_PRINTED_AS_TEXT}
    assert unsafe == {}, "printed by Material and not escaped by web/template_values.py"
    assert "page.meta.description" in found and "config.site_description" in found


@pytest.mark.slow
class TestADraftBuildOfAHostileProject:
    """One draft build (as make serve and make offline --no-strict build) of a project holding
    every hostile value and file at once, then what it published."""

    @pytest.fixture(scope="class")
    def built(self, tmp_path_factory):
        import json
        import os
        import subprocess
        import sys

        import yaml

        from project_factory import Project, notebook

        root = tmp_path_factory.mktemp("hostile-build")
        project = Project(root / "project")
        project.config.update({"site_description": PAYLOAD, "site_author": PAYLOAD, "copyright": PAYLOAD,
                               "repo_url": "https://example.org/\"><script>window.PWNED=1</script>",
                               "repo_name": PAYLOAD, "site_name": "Site " + PAYLOAD})
        project.add_page("docs/described.md", "---\ntitle: Described\ndescription: " + json.dumps(PAYLOAD)
                         + "\nkind: concept\nobjectives: [LO1]\ntemplate: ../../../../../etc/passwd\n---\n\n"
                         "# Described\n\nA definition and a typology of co-production, by stakeholder.\n", "Described")
        project.add_page("docs/brackets.md", "---\nkind: concept\nobjectives: [LO1]\n---\n\n# Brackets\n\n"
                         + "[" * 100_000 + "]" * 100_000 + "\n", "Brackets")
        project.add_page("docs/nested.md", "---\nkind: concept\nobjectives: [LO1]\n---\n\n# Nested\n\n"
                         + "".join("  " * level + "- item\n" for level in range(600)), "Nested")
        project.write("exercises/notebooks/described.ipynb", notebook(
            {"kind": "exercise", "objectives": ["LO1"], "title": "Notebook", "description": PAYLOAD}))
        project.config["nav"].append({"Notebook": "exercises/notebooks/described.ipynb"})
        project.save()
        (project.root / "exercises" / "leak.txt").symlink_to("/etc/passwd")
        (project.root / "docs" / "etc").symlink_to("/etc", target_is_directory=True)
        os.mkfifo(project.root / "docs" / "pipe.txt")
        (project.root / "docs" / os.fsdecode(b"caf\xe9.md")).write_text("# Caf\u00e9\n", encoding="utf-8")
        config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
        assert config["site_description"] == PAYLOAD
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
                                capture_output=True, text=True, cwd=project.root, timeout=240,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        return project, root / "site", result

    def test_it_ends_without_a_traceback(self, built):
        _, site, result = built
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
        assert (site / "index.html").is_file() or (site / "definitions" / "index.html").is_file()

    def test_no_payload_reaches_any_page_as_markup(self, built):
        from bs4 import BeautifulSoup

        _, site, _ = built
        pages = sorted(site.rglob("*.html"))
        assert pages
        for path in pages:
            html = path.read_text(encoding="utf-8")
            assert "window.PWNED=1</script>" not in html.replace("&lt;/script&gt;", ""), path
            soup = BeautifulSoup(html, "html.parser")
            assert not [s for s in soup.find_all("script") if "PWNED" in s.get_text()], path
        described = (site / "described" / "index.html").read_text(encoding="utf-8")
        assert 'name="description" content="&#34;&gt;&lt;script&gt;' in described

    def test_a_notebooks_description_is_text(self, built):
        _, site, _ = built
        page = site / "exercises" / "notebooks" / "described" / "index.html"
        assert page.is_file()
        assert '<meta name="description" content="&#34;&gt;&lt;script&gt;' in page.read_text(encoding="utf-8")

    def test_links_out_and_pipes_are_not_published(self, built):
        _, site, _ = built
        assert not (site / "exercises" / "leak.txt").exists()
        assert not (site / "etc").exists() and not (site / "pipe.txt").exists()

    def test_pages_over_the_limits_show_a_notice(self, built):
        _, site, result = built
        for name in ("brackets", "nested"):
            html = (site / name / "index.html").read_text(encoding="utf-8")
            assert "This page cannot be shown" in html and "[[[[[" not in html
        assert "[page-limit]" in result.stderr

    def test_a_strict_build_stops_on_them_with_the_checkers_messages(self, built, tmp_path):
        import os
        import subprocess
        import sys

        project, _, _ = built
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
                                capture_output=True, text=True, cwd=project.root, timeout=240,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "exercises/leak.txt:1: this is a link to /etc/passwd" in result.stderr
        assert "docs/pipe.txt:1: this is a named pipe, not a file" in result.stderr

    def test_a_site_folder_that_is_a_file_is_refused_by_name(self, built, tmp_path):
        import os
        import subprocess
        import sys

        project, _, _ = built
        (tmp_path / "site").write_text("a file", encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site" / "x")],
                                capture_output=True, text=True, cwd=project.root, timeout=240,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "site is a file, not a folder" in result.stderr
        assert (tmp_path / "site").read_text(encoding="utf-8") == "a file"
