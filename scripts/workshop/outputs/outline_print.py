"""The outline draft on paper: its Markdown as a plain page, printed to PDF by headless Chromium.

The draft goes to participants who may prefer paper, so it is printed the way the handouts are
(outputs/handouts.py: the same browser, the same print call, tagged for screen readers, with
bookmarks from its headings) from a page of its own: black on white, the reader's fonts, and
nothing fetched from anywhere, since every request the page makes is refused.
"""

from __future__ import annotations

import html

import markdown

from workshop.outputs.handouts import PAPERS, Paper, print_pdf

STYLE = """
body { font-family: 'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 11pt;
       line-height: 1.4; color: #000; background: #fff; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 0.4em; }
h2 { font-size: 14pt; margin: 1.2em 0 0.4em; break-after: avoid; }
h3 { font-size: 12pt; margin: 1em 0 0.3em; break-after: avoid; }
h4 { font-size: 11pt; margin: 0.8em 0 0.2em; break-after: avoid; }
ul { padding-left: 1.2em; margin: 0.3em 0 0.6em; }
li { margin: 0.25em 0; break-inside: avoid; }
p { margin: 0.4em 0; }
@page { margin: 15mm; }
"""


def draft_html(body_markdown: str, title: str, language: str = "en") -> str:
    """A standalone page for the draft. Its Markdown has already escaped whatever participants
    wrote (markdown_text), so raw HTML in a post-it stays text here too."""
    content = markdown.markdown(body_markdown, extensions=["sane_lists"], output_format="html")
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{content}</main></body></html>\n")


def print_draft(page_html: str, paper: str = "a4") -> bytes:
    """The page printed to PDF on A4 or US Letter. Raises the browser module's BrowserMissing or
    BrowserFailed, or Playwright's own error, for the front end to report."""
    from playwright.sync_api import sync_playwright

    from workshop.qa import browser as chromium

    chosen: Paper = PAPERS[paper]
    chromium.ensure_chromium()
    with sync_playwright() as playwright:
        instance = chromium.launch(playwright)
        try:
            tab = instance.new_page()
            tab.route("**/*", lambda route: route.abort())   # nothing leaves the machine
            tab.set_content(page_html, wait_until="load")
            tab.evaluate("document.fonts.ready.then(() => true)")
            return print_pdf(tab, chosen)
        finally:
            chromium.close_quietly(instance)
