"""Workshop rooms without Wi-Fi: the offline pack (`workshop offline`) works when opened from file://
with no network. Every page of the navigation is in it, its links resolve between the files, and in
a browser the navigation, search, a printed handout and every notebook's page work, with no request
leaving the machine."""

from __future__ import annotations

import zipfile
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from workshop.outputs import offline
from workshop.qa import links
from workshop.sitetests.pages import first_printed, search_word, url_of

pytestmark = pytest.mark.slow  # builds the whole site again: left out of a quick run


@pytest.fixture(scope="module")
def offline_pack(config_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    zip_path = folder / f"{offline.PACK_NAME}.zip"
    offline.make_pack(config_path, zip_path)
    with zipfile.ZipFile(zip_path) as pack:
        names = pack.namelist()
        readme = pack.read(f"{offline.PACK_NAME}/README.txt").decode("utf-8")
        pack.extractall(folder / "unpacked")
    return names, readme, folder / "unpacked" / offline.PACK_NAME


def test_pack_holds_every_page_in_one_folder(offline_pack, site, project):
    names, readme, unpacked = offline_pack
    assert all(name.startswith(offline.PACK_NAME + "/") for name in names)
    assert readme.startswith(f"{site.config.site_name} (offline copy)")
    assert (unpacked / "index.html").is_file() and (unpacked / "search" / "search_index.js").is_file()
    missing = [entry.path for entry in site.config.nav if not (unpacked / url_of(entry.path, False)).is_file()]
    assert not missing, f"pages of the navigation missing from the pack: {missing}"
    assert not list(project.glob(".mkdocs-offline-*.yml")), "a generated configuration was left behind"
    assert not [name for name in names if name.endswith(".map")]


def test_pack_links_resolve_between_html_files(offline_pack):
    _, _, unpacked = offline_pack
    problems = links.check_internal(unpacked)
    assert not problems, "broken links in the offline pack:\n" + "\n".join(links.summary(problems))
    assert not offline.remote_resources(unpacked)


def _local(url: str) -> bool:
    return urlsplit(url).scheme in ("file", "data", "blob", "about")


def _heading(unpacked, rel: str) -> str:
    """The first heading of a page of the pack, as its file holds it (headerlink apart)."""
    soup = BeautifulSoup((unpacked / rel).read_text(encoding="utf-8"), "html.parser")
    heading = soup.select_one("article h1")
    for link in heading.select(".headerlink"):
        link.decompose()
    return " ".join(heading.get_text(" ").split())


@pytest.mark.browser
def test_pack_works_from_file_with_no_network(offline_pack, browser, site, built_site):
    _, _, unpacked = offline_pack
    word, _ = search_word(built_site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(lambda url: not _local(url), lambda route: route.abort())
    page = context.new_page()
    notebooks = [p for p in site.in_nav_order() if p.notebook]
    try:
        page.goto((unpacked / "index.html").as_uri(), wait_until="load")
        assert page.locator("h1").first.is_visible()

        handout = url_of(first_printed(site).site_path, False)
        page.click(f"nav.md-nav--primary a[href$='{handout}']")
        page.wait_for_url(f"**/{handout}")
        shown = page.eval_on_selector("article h1", "h => [...h.childNodes].filter(n => !(n.classList && "
                                      "n.classList.contains('headerlink'))).map(n => n.textContent).join(' ')")
        assert " ".join(shown.split()) == _heading(unpacked, handout)

        page.click("input.md-search__input")
        page.keyboard.type(word)
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        found = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert found and ".html" in found, f"search result without a page: {found}"
        page.keyboard.press("Escape")

        for notebook in notebooks:      # a workshop without notebooks has none to open
            rel = url_of(notebook.site_path, False)
            page.goto((unpacked / rel).as_uri(), wait_until="load")
            assert page.locator(".notebook-output").count() > 0, f"{rel}: the notebook page shows no notebook"
    finally:
        context.close()
    outside = sorted({url for url in requests if not _local(url)})
    assert not outside, "the offline pack asked the network for:\n" + "\n".join(outside)
    assert any(url.endswith("search_index.js") for url in requests), "search never loaded its index"
