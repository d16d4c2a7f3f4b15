"""Packs of printed handouts that copy double-sided: one for everyone, and one for each audience.

A photocopier copying a pack double-sided puts page 2 on the back of page 1. When a handout has
an odd number of pages, the next one would start on its back: cut apart or handed out, one
person's sheet then carries another handout behind it (the self-assessment's "before" table on the
back of the facilitator's hold-up cards). So every handout in a pack starts on a right-hand (odd)
page: a handout of an odd number of pages is followed by a page that says it is left blank.

Besides the whole set (workshop-pack-<paper>.pdf, in navigation order), a pack is written for each
audience a handout is printed for (its front matter's print_for): the facilitator's sheets, one
group's set and one participant's set, to be copied as many times as the materials list says.
The packs carry bookmarks, not the tags of the handouts' own PDFs: those are the files for screen
readers.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.model.config import PRINT_FOR

if TYPE_CHECKING:
    from workshop.model.site import Site

# The papers, printed handouts and output folder are those of handouts.py, which calls this module;
# they are named here by their attributes only, so that the two modules do not import each other.

BLANK_TEXT = "This side is left blank, so that the next handout starts on a new sheet."
BLANK_PT = 9


def pack_name(paper, audience: str | None = None) -> str:
    """workshop-pack-a4.pdf for the whole set; workshop-pack-participant-a4.pdf for one audience."""
    return f"workshop-pack-{audience}-{paper.key}.pdf" if audience else f"workshop-pack-{paper.key}.pdf"


def pack_names(paper, audiences: set[str] | None = None) -> list[str]:
    """The packs a run writes for a paper: the whole set and one for each audience (of those given,
    the audiences that have handouts); none in large print, which prints single handouts."""
    if paper.large:
        return []
    return [pack_name(paper), *(pack_name(paper, audience) for audience in PRINT_FOR
                                if audiences is None or audience in audiences)]


def padded_pages(pages: int) -> int:
    """The pages a handout takes in a pack, blank page included: always even, so the next starts on the front."""
    return pages + pages % 2


def _blank_page(width: float, height: float):
    """A page that says it is left blank, in a standard font (Helvetica) that every reader has."""
    from pypdf import PageObject
    from pypdf.generic import ContentStream, DictionaryObject, NameObject

    page = PageObject.create_blank_page(width=width, height=height)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    text_width = len(BLANK_TEXT) * BLANK_PT * 0.5     # Helvetica's average advance, near enough to centre
    x, y = max((width - text_width) / 2, 20), height / 2
    stream = ContentStream(None, None)
    stream.set_data(f"BT /F1 {BLANK_PT} Tf {x:.1f} {y:.1f} Td ({BLANK_TEXT}) Tj ET".encode("latin-1"))
    page.replace_contents(stream)
    return page


def write_pack(site: Site, printed: list, paper, output, audience: str | None = None) -> Path:
    """The handouts printed on one paper (for one audience, or all), in navigation order, each
    starting on a right-hand page, with a bookmark for each, staged in the output folder."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    for item in printed:
        if item.paper != paper or (audience and item.handout.print_for != audience):
            continue
        writer.append(str(item.path), outline_item=item.handout.title, import_outline=False)
        pages = len(PdfReader(str(item.path)).pages)
        if pages % 2:
            last = writer.pages[-1]
            writer.add_page(_blank_page(float(last.mediabox.width), float(last.mediabox.height)))
    short = site.config.workshop.get("short_title") or site.config.site_name
    whose = f"{audience}'s " if audience == "facilitator" else f"each {audience}'s " if audience else ""
    writer.add_metadata({"/Title": f"{short}: {whose}handouts ({paper.label})"})
    theme = site.config.raw.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    if isinstance(language, str) and language:
        writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    path = output.temporary(pack_name(paper, audience))
    with path.open("wb") as stream:
        writer.write(stream)
        stream.flush()
        os.fsync(stream.fileno())
    writer.close()
    return path


def write_packs(site: Site, printed: list, paper, output) -> dict[str, int]:
    """Every pack of a paper (pack_names), staged; the page count of each, by file name."""
    from pypdf import PdfReader

    counts = {}
    for audience in (None, *PRINT_FOR):
        if audience and not any(item.paper == paper and item.handout.print_for == audience for item in printed):
            continue
        path = write_pack(site, printed, paper, output, audience)
        counts[pack_name(paper, audience)] = len(PdfReader(str(path)).pages)
    return counts
