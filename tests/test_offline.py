"""Workshop rooms without Wi-Fi: the offline pack (make offline) works when opened from
file:// with no network. Navigation, search, handouts and notebooks all work, and no request
leaves the machine."""

from __future__ import annotations

import zipfile
from urllib.parse import urlsplit

import pytest

from workshop.qa import links
from workshop.outputs import offline

pytestmark = pytest.mark.slow  # builds the whole site: left out of make test-fast


@pytest.fixture(scope="session")
def offline_pack(root, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    zip_path = folder / "workshop-site-offline.zip"
    offline.make_pack(root / "mkdocs.yml", zip_path)
    with zipfile.ZipFile(zip_path) as pack:
        names = pack.namelist()
        pack.extractall(folder / "unpacked")
    return zip_path, names, folder / "unpacked" / offline.PACK_NAME


def test_pack_holds_the_whole_site_in_one_folder(offline_pack, root):
    zip_path, names, site = offline_pack
    assert all(name.startswith(offline.PACK_NAME + "/") for name in names)
    assert f"{offline.PACK_NAME}/README.txt" in names
    assert (site / "index.html").is_file() and (site / "search" / "search_index.js").is_file()
    assert (site / "exercises" / "handouts" / "brief.html").is_file()
    assert not list(root.glob(".mkdocs-offline-*.yml")), "the generated configuration was left behind"
    assert not [name for name in names if name.endswith(".map")]


def test_pack_links_resolve_between_html_files(offline_pack):
    _, _, site = offline_pack
    problems = links.check_internal(site)
    assert not problems, "broken links in the offline pack:\n" + "\n".join(links.summary(problems))
    assert not offline.remote_resources(site)


def _local(url: str) -> bool:
    return urlsplit(url).scheme in ("file", "data", "blob", "about")


@pytest.mark.browser
def test_pack_works_from_file_with_no_network(offline_pack, browser):
    _, _, site = offline_pack
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(lambda url: not _local(url), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto((site / "index.html").as_uri(), wait_until="load")
        assert page.locator("h1").first.is_visible()

        page.click("nav.md-nav--primary a[href='objectives.html']")
        page.wait_for_url("**/objectives.html")
        assert "objective" in page.locator("h1").first.inner_text().lower()

        page.click("input.md-search__input")
        page.keyboard.type("compromise")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        found = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert found and ".html" in found, f"search result without a page: {found}"
        page.keyboard.press("Escape")

        page.click("nav.md-nav--primary a[href$='handouts/brief.html']")
        page.wait_for_url("**/exercises/handouts/brief.html")
        assert "brief" in page.locator("h1").first.inner_text().lower()

        notebook = page.locator("nav.md-nav--primary a[href$='.html'][href*='notebooks/']").first
        notebook.click()
        page.wait_for_url("**/notebooks/*.html")
        assert page.locator(".notebook-output").count() > 0, "the notebook page shows no notebook"
    finally:
        context.close()
    outside = sorted({url for url in requests if not _local(url)})
    assert not outside, "the offline pack asked the network for:\n" + "\n".join(outside)
    assert any(url.endswith("search_index.js") for url in requests), "search never loaded its index"

