"""The page decks read a page through the project's one Markdown parse (workshop.model.document).

What the parser calls code, a comment or a definition never reaches a slide; lists keep their
levels; marked blocks are kept or dropped; and a line reported for a figure is the parser's.
These tests read the outline and the slide specs built from it, with no deck written, so they
run in make test-fast.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.model.bibliography import Bibliography
from workshop.model.document import parser
from workshop.model.pages import Page
from workshop.outputs.slides.deck import Writer
from workshop.outputs.slides.layouts import open_presentation, pick_layouts
from workshop.outputs.slides.outline import (Admonition, Figure, ListBlock, Paragraph, Subheading, Table, parse,
                                             select)
from workshop.outputs.slides.plan import page_slides

SITE = SimpleNamespace(bibliography=Bibliography([]))
BODY_LINE = 7   # the line of the file where the body starts, after the front matter


def page(body: str) -> Page:
    return Page(path=Path("/nowhere/docs/learn/example.md"), rel="docs/learn/example.md",
                site_path="learn/example.md", meta={"title": "Example"}, body=body, body_line=BODY_LINE)


def shown(body: str) -> str:
    """Everything the slides of a page would say: titles, bullets, tables, figures and notes."""
    parts = []
    for spec in page_slides(SITE, page(body)):
        parts += [spec.title, spec.notes]
        parts += [f"{p.lead} {p.text} {p.notes}" for p in spec.paras]
        if spec.table:
            parts += spec.table.header + [cell for row in spec.table.rows for cell in row]
        if spec.figure:
            parts += [spec.figure.alt, spec.figure.caption, str(spec.figure.path)]
    return "\n".join(parts)


# ---------------------------------------------------------------- code and comments

CODE = """# Example

## Section

Before the code.

~~~markdown
- TILDE not a bullet
## TILDE not a section
~~~

    INDENTED = "code, four spaces in"

````text
```
BACKTICKS inside a longer fence
```
- BACKTICKS not a bullet
````

- A point with an example:

    ~~~
    LISTED code in a list item
    ~~~

!!! example "In a note"

    ~~~
    NOTED code in an admonition
    ~~~

> ~~~
> QUOTED code in a quotation
> ~~~

After the code.
"""


def test_code_in_any_fence_style_never_reaches_a_slide():
    text = shown(CODE)
    for word in ("TILDE", "INDENTED", "BACKTICKS", "LISTED", "NOTED", "QUOTED"):
        assert word not in text, word
    assert "Before the code." in text and "After the code." in text and "A point with an example:" in text
    [section] = parse(CODE).sections
    assert [s.title for s in parse(CODE).sections] == ["Section"]
    assert [b.text for b in section.blocks if isinstance(b, Paragraph)] == ["Before the code.", "After the code."]


COMMENTS = """## Section

<!--
- COMMENTED not a bullet
| COMMENTED | table |
-->

Type `<!--` to open a comment; this sentence and the next stay.

The next paragraph is kept too.

A paragraph with <!-- INLINE --> a comment inside.

- An item <!-- ITEM --> with a comment.

<!-- workshop:groups -->
"""


def test_an_html_comment_never_reaches_a_slide():
    text = shown(COMMENTS)
    assert "COMMENTED" not in text and "INLINE" not in text and "ITEM" not in text and "workshop:" not in text
    assert "this sentence and the next stay" in text and "The next paragraph is kept too." in text
    blocks = parse(COMMENTS).sections[0].blocks
    assert blocks[2].text == "A paragraph with a comment inside."
    assert blocks[3].items[0].text == "An item with a comment."


def test_a_marker_at_the_start_of_a_line_does_not_cut_a_paragraph():
    """The build puts generated words in place of a marker, so the site shows one paragraph."""
    body = ("The session has\n<!-- workshop:participants --> participants in <!-- workshop:groups --> groups,\n"
            "though a facilitator may change it.\n\nNext paragraph.\n")
    first, second = parse(body).intro
    assert first.text == "The session has participants in groups, though a facilitator may change it."
    assert (first.line, second.text) == (1, "Next paragraph.")


def test_definitions_never_become_text():
    body = ("## Section\n\nIKT is a term[^1], with a [reference][ref].\n"
            "*[IKT]: Integrated knowledge translation\n[ref]: https://example.org \"Title\"\n\n"
            "*[PPI]: Patient and public involvement in a research programme\n\n"
            "[^1]: A footnote that is not slide text.\n\n[other]: https://example.org/other\n")
    [paragraph] = parse(body).sections[0].blocks
    assert paragraph.text == "IKT is a term[^1], with a [reference][ref]."
    assert "footnote" not in shown(body) and "Integrated" not in shown(body)


def test_a_line_that_only_looks_like_a_definition_stays():
    body = "The team adds implementation to its research\n[@example2018plan]: helping a service change.\n"
    assert parse(body).intro[0].text.endswith("[@example2018plan]: helping a service change.")


# ---------------------------------------------------------------- structure

def test_nested_lists_keep_their_levels():
    body = ("## Steps\n\n1. First step\n2. Second step\n    - a point\n        1. a detail\n    - another point\n"
            "3. Third step\n")
    [steps] = parse(body).sections[0].blocks
    assert [(i.text, i.level, i.ordered) for i in steps.items] == [
        ("First step", 0, True), ("Second step", 0, True), ("a point", 1, False), ("a detail", 2, True),
        ("another point", 1, False), ("Third step", 0, True)]
    [slide] = page_slides(SITE, page(body), divider=False)
    assert [(p.text, p.level, p.style) for p in slide.paras] == [
        ("First step", 0, "number"), ("Second step", 0, "number"), ("a point", 1, "bullet"),
        ("a detail", 2, "number"), ("another point", 1, "bullet"), ("Third step", 0, "number")]


def test_an_item_that_goes_on_after_its_nested_list_keeps_its_order():
    body = "- Findings:\n\n    1. one\n    2. two\n\n    A closing sentence of the item.\n- Next item\n"
    [block] = parse(body).intro
    assert [(i.text, i.level) for i in block.items] == [
        ("Findings:", 0), ("one", 1), ("two", 1), ("A closing sentence of the item.", 1), ("Next item", 0)]


def test_a_table_inside_an_admonition():
    body = ('## Section\n\n!!! info "Who does what"\n    Roles differ.\n\n    | Stage | Who \\| what |\n'
            "    |---|---|\n    | Design | Managers |\n    | Conduct | |\n")
    [note] = parse(body).sections[0].blocks
    assert isinstance(note, Admonition) and (note.kind, note.title, note.line) == ("info", "Who does what", 3)
    paragraph, table = note.blocks
    assert paragraph.text == "Roles differ."
    assert isinstance(table, Table) and table.line == 6
    assert table.header == ["Stage", "Who | what"] and table.rows == [["Design", "Managers"], ["Conduct", ""]]


def test_collapsible_details_read_as_admonitions():
    body = '??? tip "Open me"\n    Hidden at first.\n\n???+ warning\n    Open at first.\n\n!!! note ""\n    No title.\n'
    tip, warning, note = parse(body).intro
    assert (tip.kind, tip.title, tip.blocks[0].text) == ("tip", "Open me", "Hidden at first.")
    assert (warning.kind, warning.title, warning.blocks[0].text) == ("warning", "Warning", "Open at first.")
    assert (note.title, note.blocks[0].text) == ("", "No title.")


def test_figures_markdown_and_html():
    body = ('## Figures\n\n![Alone in its paragraph](img/a.svg){ width="720" }\n\n<figure markdown="span">\n'
            '  ![A *diagram*](img/b.svg)\n  <figcaption>Figure 2. <em>Boxes</em> [@key].</figcaption>\n</figure>\n\n'
            '<figure>\n<img src="img/c.png" alt=\'Three &amp; four\'>\n<figcaption>Figure 3.</figcaption>\n</figure>\n')
    a, b, c = parse(body).sections[0].blocks
    assert (a.src, a.alt, a.caption, a.line) == ("img/a.svg", "Alone in its paragraph", "", 3)
    assert (b.src, b.alt, b.caption, b.line) == ("img/b.svg", "A *diagram*", "Figure 2. Boxes [@key].", 5)
    assert (c.src, c.alt, c.caption, c.line) == ("img/c.png", "Three & four", "Figure 3.", 10)


def test_html_text_is_plain_and_md_in_html_is_markdown():
    body = ('<p class="lead">An <em>HTML</em> paragraph, *as written*.</p>\n\n<div class="box" markdown>\n'
            "**Lead.** Text in a box.\n\n- a point in a box\n</div>\n\n<pre>\nPRE never a slide\n</pre>\n")
    lead, boxed, points = parse(body).intro
    assert lead == Paragraph("An HTML paragraph, *as written*.", 1)
    assert boxed == Paragraph("**Lead.** Text in a box.", 4)
    assert isinstance(points, ListBlock) and points.items[0].text == "a point in a box" and points.line == 6
    assert "PRE" not in shown(body)


# ---------------------------------------------------------------- marked blocks

MARKED = """# Marked page

Intro for everyone.

<div class="slides-only" markdown data-search-exclude>
- Only on the slides
</div>

<div class="site-only" markdown>
Only on the site.

<div markdown>
Nested, still only on the site.
</div>
</div>

<div class="slides-only" markdown>

## Also only on the slides

A paragraph for the projected slide.

</div>

<div class="site-only" markdown>

## A section only on the site

- a point only on the site

</div>

```html
<div class="site-only" markdown>
```

After the blocks.
"""


def test_slides_only_is_kept_and_site_only_dropped():
    outline = parse(MARKED)
    text = shown(MARKED)
    assert "Only on the slides" in text and "A paragraph for the projected slide." in text
    assert "Only on the site" not in text and "Nested" not in text and "only on the site" not in text
    assert [s.title for s in outline.sections] == ["Also only on the slides"]
    assert [b.text for b in outline.sections[0].blocks if isinstance(b, Paragraph)] == [
        "A paragraph for the projected slide.", "After the blocks."]
    [bullets] = [b for b in outline.intro if isinstance(b, ListBlock)]
    assert bullets.items[0].text == "Only on the slides" and bullets.line == 6


def test_select_blanks_the_lines_of_site_only_blocks():
    text = select(MARKED)
    assert "Only on the slides" in text and "Only on the site" not in text and "Nested" not in text
    assert "A section only on the site" not in text and "After the blocks." in text
    assert '```html\n<div class="site-only" markdown>\n```' in text   # an example in code marks nothing
    assert text.count("\n") == MARKED.count("\n")


# ---------------------------------------------------------------- lines

def test_a_figure_problem_is_reported_at_the_line_the_parser_gives():
    body = ("## Section\n\n````markdown\n```\nAn example fence inside a longer one.\n```\n````\n\n"
            "    indented code\n\n<figure markdown=\"span\">\n  ![A missing figure](img/missing.svg)\n"
            "  <figcaption>Figure 1.</figcaption>\n</figure>\n")
    [token] = [t for t in parser().parse(body, {}) if t.type == "html_block"]
    expected = BODY_LINE + token.map[0]
    [figure] = [b for b in parse(body, first_line=BODY_LINE).sections[0].blocks if isinstance(b, Figure)]
    assert figure.line == expected == BODY_LINE + 10
    [spec] = [s for s in page_slides(SITE, page(body), divider=False) if s.kind == "figure"]
    prs = open_presentation(None)
    writer = Writer(prs, pick_layouts(prs))
    writer.add(spec)
    [(source, message)] = writer.result.warnings
    assert source == f"docs/learn/example.md:{expected}" and "alt text" in message


def test_every_block_carries_its_parser_line():
    body = "# T\n\nIntro.\n\n## One\n\n### Sub\n\n- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n!!! note\n    Text.\n"
    outline = parse(body, first_line=10)
    assert outline.title == "T" and outline.intro == [Paragraph("Intro.", 12)]
    [section] = outline.sections
    assert section.line == 14
    assert [(type(b).__name__, b.line) for b in section.blocks] == [
        ("Subheading", 16), ("ListBlock", 18), ("Table", 20), ("Admonition", 24)]
    assert section.blocks[3].blocks == [Paragraph("Text.", 25)] and section.blocks[3].title == "Note"
    assert isinstance(section.blocks[0], Subheading) and section.blocks[0].level == 3


# ---------------------------------------------------------------- the site's Markdown, and anything else

ROBUST = '''# A page

## Section

!!! note "What this shows"
    First sentence of the note. Second sentence.

    - a point inside the note

1. First step
2. Second step
    - a nested point
3. Third step

| Stage | Who \\| what |
|---|---|
| Design | Managers |

<figure markdown="span">
  ![A diagram of three boxes](img/x.svg){ width="720" }
  <figcaption>Figure 1. Three boxes.</figcaption>
</figure>

<p class="lead">An <em>HTML</em> paragraph.</p>

```python
print("code is left out")
```

<!-- a comment -->
Term
:   Its definition.
'''


def test_the_outline_reader_knows_the_site_markdown():
    [section] = parse(ROBUST).sections
    kinds = [type(b) for b in section.blocks]
    assert kinds == [Admonition, ListBlock, Table, Figure, Paragraph, Paragraph]
    note, steps, table, figure, html_paragraph, term = section.blocks
    assert note.title == "What this shows" and isinstance(note.blocks[1], ListBlock)
    assert [(i.text, i.level, i.ordered) for i in steps.items] == [
        ("First step", 0, True), ("Second step", 0, True), ("a nested point", 1, False), ("Third step", 0, True)]
    assert table.header == ["Stage", "Who | what"] and table.rows == [["Design", "Managers"]]
    assert (figure.src, figure.alt, figure.caption) == ("img/x.svg", "A diagram of three boxes", "Figure 1. Three boxes.")
    assert html_paragraph.text == "An HTML paragraph."
    assert term.text == "Term: Its definition."


MARKDOWN_PIECES = st.sampled_from([
    "# T", "## S", "### H", "!!! note \"N\"", "???+ tip", "    indented", "- item", "  - nested", "1. step",
    "| a | b |", "|---|---|", "<figure markdown>", "![alt](img/x.svg)", "<img src=\"x.png\">", "</figure>",
    "<figcaption>", "<div class=\"site-only\" markdown>", "<div class=\"slides-only\" markdown>", "</div>",
    "```", "~~~", "<!--", "-->", "<pre>", "**Lead.** text", "Term", ":   def", "", "[^1]: note",
    "[x]: https://example.org", "plain words [@key] and [link](x.md)", "*[IKT]: Integrated knowledge translation",
    "> quoted", "<span>inline</span> text", "&amp; &#8212;",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=30))
def test_the_outline_reader_never_fails(pieces):
    text = "\n".join(pieces)
    outline = parse(text)
    assert all(section.title is not None for section in outline.sections)
    assert select(text).count("\n") == text.count("\n")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_an_outline(text):
    parse(text)
    select(text)
