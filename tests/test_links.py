"""The link check (workshop.qa.links) finds broken files, missing anchors and plain http, and checks
external links online, falling back from HEAD to GET. The site tests run it on every workshop's
built site (workshop/sitetests/test_links.py); external links are checked online by 'make linkcheck'."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

from workshop.qa import links


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_checker_finds_broken_files_anchors_and_plain_http(tmp_path):
    _write(tmp_path / "index.html", '<a href="learn/#ok">ok</a> <a href="learn/#nope">x</a> '
           '<a href="missing/">x</a> <img src="img/a.svg" alt=""> <a href="http://example.org/">x</a> '
           '<a href="#top">top</a> <h1 id="top">T</h1> <a href="mailto:a@b.c">m</a>')
    _write(tmp_path / "learn" / "index.html", '<h2 id="ok">ok</h2><a href="../">home</a>'
           '<a href="../index.html#top">home</a>')
    problems = links.check_internal(tmp_path)
    reasons = sorted(p.reason for p in problems)
    assert reasons == ["no element with id 'nope' in learn/index.html", "no such file: img/a.svg",
                       "no such file: missing/index.html"]
    assert all(p.page == "index.html" and p.line == 1 for p in problems)
    assert [p.url for p in links.check_https(tmp_path)] == ["http://example.org/"]


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok", "/get-only") else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_external_check_reports_missing_pages_and_falls_back_to_get():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        outcomes = links.check_external([f"{base}/ok", f"{base}/no-head", f"{base}/gone"], timeout=5)
    finally:
        server.shutdown()
    assert [(o.ok, o.status) for o in outcomes] == [(True, 200), (True, 200), (False, 404)]
    assert outcomes[2].reason.startswith("HTTP 404")
