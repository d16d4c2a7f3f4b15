"""The deck's starting point: the built-in 16:9 design or a trainer's own .pptx template.

Layouts are chosen by the placeholders they hold (a centred title and a subtitle; a title
and one text box; a title alone), never by their name or position, because every
institution names and orders its layouts differently. What a template lacks is reported
and replaced by the nearest layout it has.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

WIDE = (Inches(13.333), Inches(7.5))
POTX_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
TEXT = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
LATENT = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


class TemplateError(Exception):
    """The template cannot be opened as a presentation."""


@dataclass
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass
class Layouts:
    title: object                # layout for the title slide
    content: object              # a title and one text placeholder
    title_only: object           # a title and no text placeholder (tables, figures)
    notes: list[str] = field(default_factory=list)   # what had to be replaced, for the trainer

    def content_box(self, width: int, height: int) -> Box:
        body = text_placeholder(self.content)
        if body is None:
            return Box(Inches(0.6), Inches(1.6), width - Inches(1.2), height - Inches(2.4))
        return Box(body.left, body.top, body.width, body.height)


SMALLEST_SIDE = Inches(1)     # a slide narrower or lower than this cannot hold a title
LARGEST_SIDE = Inches(56)     # PowerPoint's own largest slide


def open_presentation(template: Path | None):
    """A presentation with no slides: the trainer's template, or the built-in 16:9 design.

    A template is a zip that is checked before python-pptx opens it: a special file (a pipe)
    is refused unread, and so is a part that would inflate past the limits of zips.py. Its
    slide size must be a real one (a 0 x 0 slide would divide by zero when text is fitted)."""
    if template is None:
        return builtin()
    from workshop.model.files import special_file
    from workshop.outputs import zips

    try:
        kind = special_file(template.stat().st_mode)
        if kind:
            raise TemplateError(f"it is {kind}, not a PowerPoint file")
        zips.check(template)
        prs = Presentation(_as_presentation(template))
    except TemplateError:
        raise
    except zips.ZipTooLarge as error:
        raise TemplateError(str(error)) from None
    except Exception as error:  # python-pptx raises several kinds for a file that is not a deck
        raise TemplateError(f"it is not a PowerPoint .pptx or .potx file ({type(error).__name__}: {error})") from None
    width, height = prs.slide_width, prs.slide_height
    if not all(isinstance(side, int) and SMALLEST_SIDE <= side <= LARGEST_SIDE for side in (width, height)):
        raise TemplateError(f"its slide size is {_inches(width)} x {_inches(height)} inches; a slide must be "
                            "from 1 to 56 inches on each side (Design > Slide Size in PowerPoint)")
    drop_slides(prs)
    return prs


def _inches(side) -> str:
    return f"{side / 914400:g}" if isinstance(side, int) else "no"


def _as_presentation(path: Path):
    """A .potx (PowerPoint template) differs from a .pptx only in its declared content type."""
    if path.suffix.lower() != ".potx":
        return str(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(POTX_TYPE, PPTX_TYPE)
            target.writestr(item, data)
    buffer.seek(0)
    return buffer


def builtin():
    """python-pptx's default design stretched to 16:9, its placeholders moved to match."""
    prs = Presentation()
    factor = WIDE[0] / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE
    for part in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in part.element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None:
                off.set("x", str(int(int(off.get("x")) * factor)))
            if ext is not None:
                ext.set("cx", str(int(int(ext.get("cx")) * factor)))
    return prs


def drop_slides(prs) -> None:
    """Remove the example slides a template may carry; its layouts stay."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def _types(layout) -> list:
    return [ph.placeholder_format.type for ph in layout.placeholders]


def _vertical(placeholder) -> bool:
    body = placeholder.element.find(qn("p:txBody"))
    pr = body.find(qn("a:bodyPr")) if body is not None else None
    return pr is not None and pr.get("vert") not in (None, "horz")


def text_placeholder(layout):
    """The layout's one horizontal text placeholder (the largest if there are several)."""
    found = [ph for ph in layout.placeholders if ph.placeholder_format.type in TEXT and not _vertical(ph)]
    return max(found, key=lambda ph: (ph.width or 0) * (ph.height or 0), default=None)


def title_placeholder(layout):
    return next((ph for ph in layout.placeholders if ph.placeholder_format.type in TITLES), None)


def number_placeholder(layout):
    return next((ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)


def _content_score(layout):
    types = [t for t in _types(layout) if t not in LATENT]
    titles = [t for t in types if t in TITLES]
    texts = [ph for ph in layout.placeholders if ph.placeholder_format.type in TEXT]
    others = [t for t in types if t not in TITLES and t not in TEXT]
    if len(titles) != 1 or len(texts) != 1 or others or _vertical(texts[0]):
        return None
    body = texts[0]
    return (titles[0] == PP_PLACEHOLDER.TITLE, (body.width or 0) * (body.height or 0))


def pick_layouts(prs, template_name: str = "the built-in design") -> Layouts:
    layouts = list(prs.slide_layouts)
    notes: list[str] = []
    scored = [(score, layout) for layout in layouts if (score := _content_score(layout)) is not None]
    content = max(scored, key=lambda pair: pair[0])[1] if scored else None
    if content is None:
        content = next((l for l in layouts if title_placeholder(l) and text_placeholder(l)), None)
        if content is None:
            raise TemplateError("it has no layout with a title placeholder and a text placeholder")
        notes.append(f"{template_name} has no layout with just a title and one text placeholder; "
                     f"using '{content.name}'")
    title = next((l for l in layouts if PP_PLACEHOLDER.CENTER_TITLE in _types(l) and PP_PLACEHOLDER.SUBTITLE in _types(l)), None)
    title = title or next((l for l in layouts if title_placeholder(l) and PP_PLACEHOLDER.SUBTITLE in _types(l)), None)
    if title is None:
        title = content
        notes.append(f"{template_name} has no title-slide layout (a title and a subtitle placeholder); "
                     f"using '{content.name}' for the title slide")
    title_only = next((l for l in layouts if title_placeholder(l)
                       and all(t in TITLES or t in LATENT for t in _types(l))), None)
    if title_only is None:
        title_only = content
        notes.append(f"{template_name} has no title-only layout; tables and figures use '{content.name}' "
                     "with its text placeholder removed")
    return Layouts(title, content, title_only, notes)


def slide_size(prs) -> tuple[Emu, Emu]:
    return prs.slide_width, prs.slide_height


def slide_placeholder(slide, layout_placeholder):
    """The slide's placeholder made from this layout placeholder (matched by index), if any."""
    if layout_placeholder is None:
        return None
    idx = layout_placeholder.placeholder_format.idx
    return next((ph for ph in slide.placeholders if ph.placeholder_format.idx == idx), None)
