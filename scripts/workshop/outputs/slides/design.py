"""The session deck's look: the site's colour in title bars and section dividers, and system type.

The built-in design follows the site (Material for MkDocs: its palette's colour, palette.py, indigo
unless the site says otherwise, and the reader's own system fonts, which Material lists as
Helvetica or Arial): white slides, a title bar in the site's colour with white or near-black type,
whichever reaches 4.5:1 on it, dark body type at 24 pt or more, and dividers with a panel that shows
the block's clock time and a strip of the whole session with the block picked out. Everything that
carries meaning is in black, white, the bar's colour or its strong shade, and the session strip
tells its blocks apart by fill and outline, so the deck reads the same printed in grey.

Every text is fitted into its box before it is written, by the fitting rule of fitting.py made
stricter for this deck (CHAR_EM below): the body is set at the largest size from 28 pt down to the
budget's minimum at which it fits. With a trainer's template (extra.workshop.slides_template) the
template's layouts, positions and colours are used instead, and only the boxes are drawn here.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.autoshape import Shape
from pptx.util import Inches, Pt

from workshop.outputs.slides.budget import Budget
from workshop.outputs.slides.figures import FigureError, image_stream
from workshop.outputs.slides.layouts import Box, Layouts, text_placeholder, title_placeholder, slide_placeholder
from workshop.outputs.slides.palette import PRIMARY, Palette, build as build_palette
from workshop.outputs.slides.sessiondeck import MODE_LABEL, Frame, divider_texts, timer_texts

FONT = "Arial"                       # Material's system stack: Helvetica, Arial, sans-serif
INK = RGBColor(0x21, 0x21, 0x21)
MUTED = RGBColor(0x42, 0x42, 0x42)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)

CHAR_EM = 0.55                       # average advance of a character, regular (Liberation Sans ~0.45, DejaVu Sans ~0.51)
BOLD_EM = 0.6                        # and bold
LINE = 1.2                           # line pitch, set exactly on every paragraph
EMU_PT = 12700
BODY_SIZES = (32, 30, 28, 26, 24)
PROMPT_SIZES = (36, 32, 30, 28, 26, 24)
TITLE_SIZES = (32, 30, 28)
BIG_TITLE_SIZES = (40, 36, 32, 28)
FOOTER_SIZES = (16, 14)
NUMBER_PT = 14
NOTES_PT = 11                        # speaker notes, printed with the slide on a notes page
INSET = Inches(0.08)




@dataclass
class Line:
    """A paragraph to set: runs of (text, bold), its size, and how it is marked."""
    runs: list[tuple[str, bool]]
    size: float = 28
    mark: str = ""                   # "" none, a bullet character, or "number"
    number: int = 1
    indent: int = 0                  # EMU of hanging indent for the mark
    space_before: float = 0
    align: str = "left"
    color: RGBColor | None = INK     # None: the template's own colour

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)

    @property
    def bold(self) -> bool:
        return all(bold for text, bold in self.runs if text.strip())


@dataclass
class Written:
    slides: int = 0
    pictures: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)
    overflows: list[tuple[Frame, str]] = field(default_factory=list)
    figures: list[tuple[Frame, int, int]] = field(default_factory=list)  # each figure placed: width (EMU), slide


def wrap(text: str, width: int, size: float, bold: bool = False) -> list[str]:
    per_line = max(1, math.floor(width / EMU_PT / (size * (BOLD_EM if bold else CHAR_EM))))
    lines: list[str] = []
    for part in text.split("\n"):
        lines += textwrap.wrap(part, per_line, break_long_words=True, break_on_hyphens=False) or [""]
    return lines


def height_pt(lines: list[Line], width: int) -> float:
    total = 0.0
    for index, line in enumerate(lines):
        total += (line.space_before if index else 0)
        total += len(wrap(line.text, width - 2 * INSET - line.indent, line.size, line.bold)) * line.size * LINE
    return total


def fits(lines: list[Line], box: Box) -> bool:
    return height_pt(lines, box.width) <= (box.height - 2 * INSET) / EMU_PT + 0.01


def use_arial(prs) -> None:
    """Make Arial the theme's type, so notes and any text added later match the slides."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    blob = theme.blob
    for old in (b'typeface="Calibri Light"', b'typeface="Calibri"'):
        blob = blob.replace(old, f'typeface="{FONT}"'.encode())
    theme._blob = blob


class Designer:
    """Writes frames as slides, in the built-in design or into a template's layouts."""

    def __init__(self, prs, layouts: Layouts, budget: Budget, blocks: list, designed: bool,
                 palette: Palette | None = None) -> None:
        self.prs = prs
        self.palette = palette or build_palette(PRIMARY["indigo"], "Material's default, indigo")
        self.primary, self.on_primary = self.palette.rgb("primary"), self.palette.rgb("on_primary")
        self.strong, self.pale, self.light = (self.palette.rgb(name) for name in ("strong", "pale", "light"))
        self.layouts = layouts
        self.budget = budget
        self.blocks = blocks
        self.designed = designed
        self.W, self.H = prs.slide_width, prs.slide_height
        self.result = Written()
        self.sizes = tuple(s for s in BODY_SIZES if s >= budget.min_body_pt) or (budget.min_body_pt,)
        self.prompt_sizes = tuple(s for s in PROMPT_SIZES if s >= budget.min_body_pt) or (budget.min_body_pt,)
        scale = self.W / Inches(13.333)
        self.margin = int(Inches(0.6) * scale)
        self._notes_page()
        self.divider_layout = layouts.title_only
        if designed:
            use_arial(prs)
            self.bar = Box(0, 0, self.W, Inches(1.2))
            self.title_box = Box(self.margin, 0, self.W - 2 * self.margin, Inches(1.2))
            self.body = Box(self.margin, Inches(1.5), self.W - 2 * self.margin, self.H - Inches(1.5) - Inches(0.9))
            self._dress_layouts()
        else:
            placeholder = title_placeholder(layouts.title_only)
            self.bar = None
            self.title_box = (Box(placeholder.left, placeholder.top, placeholder.width, placeholder.height)
                              if placeholder is not None else Box(self.margin, Inches(0.3), self.W - 2 * self.margin, Inches(1)))
            content = layouts.content_box(self.W, self.H)
            bottom = min(content.top + content.height, self.H - Inches(0.85))
            self.body = Box(content.left, content.top, content.width, max(bottom - content.top, Inches(1)))
        self.footer = Box(self.margin, self.H - Inches(0.8), self.W - 2 * self.margin - Inches(1.1), Inches(0.7))
        self.number = Box(self.W - self.margin - Inches(1.0), self.H - Inches(0.72), Inches(1.0), Inches(0.56))

    # ------------------------------------------------------------ the design's layouts

    @property
    def band(self) -> Box:
        return Box(0, 0, self.W, int(self.H * 0.56))

    @property
    def panel(self) -> Box:
        return Box(0, 0, Inches(4.1), self.H)

    def _dress_layouts(self) -> None:
        """Put the bar, the title band and the divider panel into the layouts themselves, with the
        title placeholders where the slides put them, so a slide added later in PowerPoint or
        Impress gets the same look."""
        by_name = {layout.name: layout for layout in self.prs.slide_layouts}
        self.divider_layout = by_name.get("Section Header", self.layouts.title_only)
        dressing = [(self.layouts.title_only, self.bar, "Title bar", self.title_box, self.on_primary, 32),
                    (self.layouts.title, self.band, "Title band", self._title_slide_boxes()[0], self.on_primary, 40),
                    (self.divider_layout, self.panel, "Time panel", self._divider_title_box(), INK, 40)]
        for layout, box, name, title_box, colour, size in dressing:
            tree = layout.shapes._spTree
            ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr")) if e.get("id", "").isdigit()]
            sp = CT_Shape.new_autoshape_sp(max(ids, default=1) + 1, name, "rect", box.left, box.top, box.width, box.height)
            tree.insert(2, sp)
            shape = Shape(sp, layout.shapes)
            shape.fill.solid()
            shape.fill.fore_color.rgb = self.primary
            shape.line.fill.background()
            shape.shadow.inherit = False
            title = title_placeholder(layout)
            if title is not None:
                title.left, title.top, title.width, title.height = (title_box.left, title_box.top,
                                                                    title_box.width, title_box.height)
                self._default_style(title, colour, size, bold=True)

    @staticmethod
    def _default_style(placeholder, colour: RGBColor, size: int, bold: bool) -> None:
        """A layout placeholder's own type: what a slide added later starts from."""
        body = placeholder.element.find(qn("p:txBody"))
        if body is None:
            return
        for old in body.findall(qn("a:lstStyle")):
            body.remove(old)
        style = etree.Element(qn("a:lstStyle"))
        level = etree.SubElement(style, qn("a:lvl1pPr"), algn="l")
        run = etree.SubElement(level, qn("a:defRPr"), sz=str(size * 100), b="1" if bold else "0")
        fill = etree.SubElement(run, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=str(colour))
        etree.SubElement(run, qn("a:latin"), typeface=FONT)
        body.find(qn("a:bodyPr")).addnext(style)

    def _title_slide_boxes(self) -> tuple[Box, Box]:
        band = self.band
        title = Box(self.margin + Inches(0.2), Inches(0.7), self.W - 2 * self.margin - Inches(0.4), band.height - Inches(1.0))
        sub = Box(self.margin + Inches(0.2), band.bottom + Inches(0.3), self.W - 2 * self.margin - Inches(0.4),
                  self.H - band.bottom - Inches(0.6))
        return title, sub

    def _divider_title_box(self) -> Box:
        left = self.panel.right + Inches(0.6)
        return Box(left, Inches(1.75), self.W - left - self.margin, Inches(3.5))

    # ------------------------------------------------------------ frames

    def add(self, frame: Frame, index: int) -> None:
        if frame.kind == "title":
            self._title_slide(frame)
        elif frame.kind == "divider":
            self._divider(frame, index)
        elif frame.kind == "task":
            self._task(frame)
        else:
            self._content(frame)

    def _title_slide(self, frame: Frame) -> None:
        layout = self.layouts.title
        slide = self._slide(layout, frame)
        title = slide_placeholder(slide, title_placeholder(layout))
        sub = next((ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)
        sub = sub or slide_placeholder(slide, text_placeholder(layout))
        if self.designed:
            title_box, sub_box = self._title_slide_boxes()
            colour = self.on_primary
        else:
            title_box = self._box_of(title) if title is not None else self.title_box
            sub_box = self._box_of(sub) if sub is not None else self.body
            sub_box.height = max(sub_box.height, self.H - Inches(0.5) - sub_box.top)   # room for every line
            colour = None
        self._set_title(slide, title, title_box, frame.title, BIG_TITLE_SIZES, colour, anchor=MSO_ANCHOR.BOTTOM,
                        frame=frame)
        lines = [Line([(text, index == 0)], size=24) for index, text in enumerate(frame.subtitle)]
        self._text(slide, sub, sub_box, lines, frame, name="Subtitle", sizes=(28, 26, 24))
        self._finish(slide, frame, numbered=False)

    def _divider(self, frame: Frame, index: int) -> None:
        block = frame.block
        total = len(self.blocks)
        number = next((i for i, b in enumerate(self.blocks, 1) if b is block), 0)
        texts = divider_texts(block, number, total)
        layout = self.divider_layout
        slide = self._slide(layout, frame)
        title = slide_placeholder(slide, title_placeholder(layout))
        if not self.designed:
            self._set_title(slide, title, self.title_box, frame.title, TITLE_SIZES, None, frame=frame)
            line = f"{block.start}–{block.end} · {block.minutes} minutes · {MODE_LABEL.get(block.mode, '')}"
            self._text(slide, None, self.body, [Line([(texts[0], False)], 28), Line([(line, True)], 28, space_before=12)],
                       frame, name="Block time")
            self._finish(slide, frame)
            return
        on = self.on_primary
        clock = [Line([(texts[0], False)], 24, color=on),
                 Line([(block.start, True)], 66, color=on, space_before=18),
                 Line([(texts[2], False)], 32, color=on),
                 Line([(texts[3], True)], 32, color=on, space_before=24)]
        self._text(slide, None, Box(Inches(0.55), Inches(1.0), Inches(3.3), Inches(4.6)), clock, frame,
                   name="Block time", fixed=True)
        title_box = self._divider_title_box()
        right = Box(title_box.left, Inches(1.0), title_box.width, Inches(0.6))
        self._text(slide, None, right, [Line([(texts[4].upper(), True)], 24, color=self.strong)], frame, name="Mode",
                   fixed=True)
        self._set_title(slide, title, title_box, frame.title, BIG_TITLE_SIZES, INK, anchor=MSO_ANCHOR.TOP, frame=frame)
        self._timeline(slide, Box(right.left, self.H - Inches(1.45), right.width, Inches(0.42)), block)
        self._finish(slide, frame)

    def _timeline(self, slide, box: Box, current) -> None:
        """The whole session as a strip of blocks in proportion to their minutes; this block filled."""
        total = sum(b.minutes for b in self.blocks) or 1
        gap = Inches(0.04)
        left = box.left
        width_all = box.width - gap * (len(self.blocks) - 1)
        for number, block in enumerate(self.blocks, 1):
            width = max(int(width_all * block.minutes / total), Inches(0.05))
            if block is current:
                fill, outline = self.primary, INK
            elif block.mode == "didactic":
                fill, outline = self.light, MUTED
            else:
                fill, outline = WHITE, MUTED
            top, height = (box.top - Inches(0.08), box.height + Inches(0.16)) if block is current else (box.top, box.height)
            self._rect(slide, Box(left, top, width, height), fill, outline=outline, name=f"Session strip {number}",
                       weight=2.25 if block is current else 1)
            left += width + gap

    def _content(self, frame: Frame) -> None:
        slide = self._bar_slide(frame)
        body = self.body
        if frame.footer:
            self._footer(slide, frame)
        if frame.question:
            lines = [Line([(frame.question, False)], 28)]
            need = int(height_pt(lines, body.width - Inches(0.5)) * EMU_PT) + 2 * INSET + Inches(0.3)
            box = Box(body.left, body.bottom - need, body.width, need)
            self._rect(slide, box, self.pale, outline=self.strong, name="Question frame", weight=2.25, rounded=True)
            self._text(slide, None, Box(box.left + Inches(0.25), box.top + Inches(0.15), box.width - Inches(0.5),
                                        box.height - Inches(0.3)), lines, frame, name="Question", italic=True)
            body = Box(body.left, body.top, body.width, box.top - body.top - Inches(0.2))
        if frame.vignette:
            self._rect(slide, Box(body.left, body.top, Inches(0.12), body.height), self.strong, name="Case marker")
            body = Box(body.left + Inches(0.35), body.top, body.width - Inches(0.35), body.height)
        if frame.figure is not None:
            self._figure_and_text(slide, frame, body)
        else:
            sizes = self.prompt_sizes if frame.kind == "prompts" else None
            self._text(slide, None, body, self._lines(frame), frame, name="Body", sizes=sizes)
        self._finish(slide, frame)

    def _task(self, frame: Frame) -> None:
        """An activity on one slide: the steps, and below them the questions to discuss, on the left;
        the timer on the right; what to hand back and the online group's line in one box across the
        foot. The largest type from 32 pt down to the budget's smallest that fits is used, then tighter
        spacing, a narrower timer column and, on a narrow slide, the questions as bullets under the
        numbered steps, without their frame. With an online group the timer's column is narrower, and
        with no sources the foot box reaches into the footer's strip, above the slide number's text."""
        slide = self._bar_slide(frame)
        body = self.body
        if frame.footer:
            self._footer(slide, frame)
        elif frame.online:
            body = Box(body.left, body.top, body.width, body.height + Inches(0.3))   # above the slide number's text
        widest = min(Inches(2.8 if frame.online else 3.6), int(body.width * 0.3)) if frame.timer else 0
        narrow = min(widest, Inches(2.45))   # room for "until 14:17" at 24 pt
        smallest = min(self.sizes)
        tries = [(widest, size, 18, False) for size in self.sizes] + [(widest, smallest, 8, False),
                                                                      (narrow, smallest, 8, False),
                                                                      (narrow, smallest, 8, True)]
        for column, size, spacing, inline in tries:
            left_width = body.width - (column + Inches(0.3) if frame.timer else 0)
            steps = self._lines(frame, size, spacing)
            questions = [Line([(q, False)], size, mark="•" if inline else "", indent=Inches(0.5) if inline else 0,
                              space_before=spacing if inline else (6 if n else 0))
                         for n, q in enumerate(frame.questions)]
            if inline:
                steps, questions = steps + questions, []
            foot = ([Line([("Hand back: ", True), (frame.hand_back, False)], size)] if frame.hand_back else [])
            if frame.online:
                foot.append(Line([("Online group: ", True), (frame.online.split(": ", 1)[-1], False)], smallest,
                                 space_before=8 if foot else 0))
            foot_need = (self._boxed_height(foot, body.width) + (2 * INSET if len(foot) > 1 else 0)) if foot else 0
            above = body.height - (foot_need + Inches(0.15) if foot else 0)
            question_need = self._boxed_height(questions, left_width) if questions else 0
            room = Box(body.left, body.top, left_width, above - (question_need + Inches(0.1) if questions else 0))
            if fits(steps, room):
                break
        if foot:
            box = Box(body.left, body.bottom - foot_need, body.width, foot_need)
            self._rect(slide, box, self.pale, outline=self.strong, name="Hand-back frame", weight=2.25, rounded=True)
            inner = rest = self._inside(box)
            if frame.hand_back:
                first = int(height_pt(foot[:1], inner.width) * EMU_PT) + 2 * INSET
                self._text(slide, None, Box(inner.left, inner.top, inner.width, first), foot[:1], frame,
                           name="Hand back", fixed=True)
                rest = Box(inner.left, inner.top + first, inner.width, inner.height - first)
            if frame.online:
                self._text(slide, None, rest, foot[-1:], frame, name="Online group", fixed=True)
        if questions:
            box = Box(body.left, room.bottom + Inches(0.1), left_width, question_need)
            self._rect(slide, box, self.pale, outline=self.strong, name="Question frame", weight=2.25, rounded=True)
            self._text(slide, None, self._inside(box), questions, frame, name="Questions", fixed=True, italic=True)
        self._text(slide, None, room, steps, frame, name="Body", fixed=True)
        if frame.timer:
            self._timer(slide, Box(body.right - column, body.top, column, above), frame)
        self._finish(slide, frame)

    @staticmethod
    def _boxed_height(lines: list[Line], width: int) -> int:
        """The height of a framed box holding these lines across this width (the frame's insets included)."""
        return int(height_pt(lines, width - Inches(0.5)) * EMU_PT) + 2 * INSET + Inches(0.24)

    @staticmethod
    def _inside(box: Box) -> Box:
        return Box(box.left + Inches(0.25), box.top + Inches(0.12), box.width - Inches(0.5), box.height - Inches(0.24))

    def _timer(self, slide, box: Box, frame: Frame) -> None:
        """A timer cue the room can read: the block's minutes in a ring, and the clock time it ends."""
        minutes, unit, until = timer_texts(frame.block)
        size = max(min(box.width, Inches(2.6), box.height - Inches(0.9)), Inches(1.9))
        ring = Box(box.left + (box.width - size) // 2, box.top + Inches(0.1), size, size)
        shape = slide.shapes.add_shape(MSO_SHAPE.OVAL, ring.left, ring.top, ring.width, ring.height)
        shape.name = "Timer ring"
        shape.fill.solid()
        shape.fill.fore_color.rgb = WHITE
        shape.line.color.rgb = self.strong
        shape.line.width = Pt(10)
        shape.shadow.inherit = False
        number = max(40, int(66 * size / Inches(2.6)))
        inner = Box(ring.left + size // 7, ring.top + size // 8, size - 2 * (size // 7), size - 2 * (size // 8))
        self._text(slide, None, inner, [Line([(minutes, True)], number, align="center"),
                                        Line([(unit, False)], 24, align="center")], frame, name="Timer", fixed=True,
                   anchor=MSO_ANCHOR.MIDDLE)
        below = Box(box.left, ring.bottom + Inches(0.15), box.width, Inches(0.65))
        self._text(slide, None, below, [Line([(until, True)], 28, align="center")], frame, name="Timer end",
                   sizes=(28, 26, 24))

    def _figure_and_text(self, slide, frame: Frame, body: Box) -> None:
        try:
            stream, px_w, px_h = image_stream(frame.figure)
        except FigureError as error:
            self.result.warnings.append((f"{frame.source}:{frame.line}", f"figure shown as its alt text: {error}"))
            self._text(slide, None, body, self._lines(frame) + [Line([("Figure: ", True), (frame.alt, False)], 24)],
                       frame, name="Body")
            return
        lines = self._lines(frame)
        gap = Inches(0.35)
        options = []
        for column in (Inches(4.2), Inches(4.8), Inches(5.4)):          # text beside the figure
            text = Box(body.right - column, body.top, column, body.height)
            if not lines or self._size_for(lines, text):
                room = Box(body.left, body.top, body.width - (column + gap if lines else 0), body.height)
                options.append((self._scaled(room, px_w, px_h), room, text, "side"))
                if not lines:
                    break
        if lines:
            need = height_pt([Line(l.runs, min(self.sizes), l.mark, indent=l.indent, space_before=l.space_before)
                              for l in lines], body.width)
            need = int(need * EMU_PT) + 2 * INSET + Inches(0.1)
            text = Box(body.left, body.bottom - need, body.width, need)
            room = Box(body.left, body.top, body.width, body.height - need - Inches(0.2))
            if room.height > Inches(1.5):
                options.append((self._scaled(room, px_w, px_h), room, text, "stacked"))
        # A wide figure reads better across the slide with its text below: prefer it unless clearly smaller.
        area = lambda o: o[0][0] * o[0][1] * (1.15 if o[3] == "stacked" else 1.0)
        if not options:
            self.result.overflows.append((frame, "the figure and its text do not fit together"))
            return
        (width, height), room, text, how = max(options, key=area)
        left = room.left + (room.width - width) // 2 if how == "stacked" else room.left
        top = room.top + (room.height - height) // 2 if how == "side" else room.top
        picture = slide.shapes.add_picture(stream, left, top, width, height)
        picture.name = "Figure"
        picture._element.nvPicPr.cNvPr.set("descr", frame.alt)
        self.result.pictures += 1
        self.result.figures.append((frame, width, len(self.prs.slides)))
        if lines:
            anchor = MSO_ANCHOR.MIDDLE if how == "side" else MSO_ANCHOR.TOP
            self._text(slide, None, text, lines, frame, name="Body", anchor=anchor)

    @staticmethod
    def _scaled(room: Box, px_w: int, px_h: int) -> tuple[int, int]:
        scale = min(room.width / px_w, room.height / px_h)
        return int(px_w * scale), int(px_h * scale)

    # ------------------------------------------------------------ text

    def _lines(self, frame: Frame, size: float = 28, spacing: float = 18) -> list[Line]:
        lines = []
        for number, point in enumerate(frame.points, 1):
            style = point.style or frame.style
            runs = ([(point.lead + (" " if point.text else ""), True)] if point.lead else []) + \
                   ([(point.text, False)] if point.text else [])
            mark = {"bullet": "•", "number": "number"}.get(style, "")
            lines.append(Line(runs, size, mark, number=number, indent=Inches(0.5) if mark else 0,
                              space_before=spacing if lines else 0))
        return lines

    def _size_for(self, lines: list[Line], box: Box) -> float | None:
        for size in self.sizes:
            sized = [Line(l.runs, size if l.size >= min(self.sizes) else l.size, l.mark, l.number, l.indent,
                          l.space_before, l.align, l.color) for l in lines]
            if fits(sized, box):
                return size
        return None

    def _text(self, slide, placeholder, box: Box, lines: list[Line], frame: Frame, name: str,
              sizes: tuple | None = None, fixed: bool = False, anchor=MSO_ANCHOR.TOP, italic: bool = False) -> None:
        """Set lines in a placeholder or a new text box, at the largest size that fits (or as given)."""
        if not lines:
            if placeholder is not None:
                placeholder.element.getparent().remove(placeholder.element)
            return
        if not fixed:
            size = None
            for candidate in (sizes or self.sizes):
                sized = [Line(l.runs, candidate, l.mark, l.number, l.indent, l.space_before, l.align, l.color)
                         for l in lines]
                if fits(sized, box):
                    size = candidate
                    break
            if size is None:
                size = (sizes or self.sizes)[-1]
                self.result.overflows.append((frame, f"its text does not fit in {size} pt"))
            lines = [Line(l.runs, size, l.mark, l.number, l.indent, l.space_before, l.align, l.color) for l in lines]
        elif not fits(lines, box):
            self.result.overflows.append((frame, f"the text '{lines[0].text}' does not fit its box"))
        if placeholder is None:
            shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
        else:
            shape = placeholder
            shape.left, shape.top, shape.width, shape.height = box.left, box.top, box.width, box.height
        shape.name = name
        text_frame = shape.text_frame
        self._frame(text_frame, anchor)
        for index, line in enumerate(lines):
            paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
            self._paragraph(paragraph, line, italic)

    def _paragraph(self, paragraph, line: Line, italic: bool = False) -> None:
        paragraph.line_spacing = Pt(line.size * LINE)
        paragraph.space_before = Pt(line.space_before)
        paragraph.space_after = Pt(0)
        paragraph.alignment = {"center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}.get(line.align, PP_ALIGN.LEFT)
        p_pr = paragraph._p.get_or_add_pPr()
        for tag in ("a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buClr"):
            for old in p_pr.findall(qn(tag)):
                p_pr.remove(old)
        p_pr.set("marL", str(int(line.indent)))
        p_pr.set("indent", str(-int(line.indent)))
        if line.mark:
            colour = etree.SubElement(p_pr, qn("a:buClr"))
            etree.SubElement(colour, qn("a:srgbClr"), val=str(self.strong))
            etree.SubElement(p_pr, qn("a:buFont"), typeface=FONT)
            if line.mark == "number":
                etree.SubElement(p_pr, qn("a:buAutoNum"), type="arabicPeriod", startAt=str(line.number))
            else:
                etree.SubElement(p_pr, qn("a:buChar"), char=line.mark)
        else:
            etree.SubElement(p_pr, qn("a:buNone"))
        for text, bold in line.runs:
            run = paragraph.add_run()
            run.text = text
            font = run.font
            font.size = Pt(line.size)
            font.bold = bold
            font.italic = italic or None
            font.name = FONT
            if line.color is not None:
                font.color.rgb = line.color

    @staticmethod
    def _frame(text_frame, anchor=MSO_ANCHOR.TOP) -> None:
        text_frame.word_wrap = True
        text_frame.auto_size = MSO_AUTO_SIZE.NONE
        text_frame.margin_left = text_frame.margin_right = INSET
        text_frame.margin_top = text_frame.margin_bottom = INSET
        text_frame.vertical_anchor = anchor

    def _set_title(self, slide, placeholder, box: Box, text: str, sizes, colour, anchor=MSO_ANCHOR.MIDDLE,
                   frame: Frame | None = None) -> None:
        size = next((s for s in sizes if fits([Line([(text, True)], s)], box)), None)
        if size is None:
            size = sizes[-1]
            self.result.overflows.append((frame, f"its title does not fit in {size} pt"))
        line = Line([(text, True)], size, color=colour)
        if placeholder is None:
            placeholder = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
        placeholder.left, placeholder.top, placeholder.width, placeholder.height = box.left, box.top, box.width, box.height
        text_frame = placeholder.text_frame
        self._frame(text_frame, anchor)
        paragraph = text_frame.paragraphs[0]
        self._paragraph(paragraph, line)

    def _footer(self, slide, frame: Frame) -> None:
        for size in FOOTER_SIZES:
            line = Line([(frame.footer, False)], size, color=MUTED)
            if fits([line], self.footer):
                break
        else:
            self.result.overflows.append((frame, "its sources do not fit the footer"))
        self._text(slide, None, self.footer, [line], frame, name="Footer", fixed=True, anchor=MSO_ANCHOR.BOTTOM)

    # ------------------------------------------------------------ shapes and slides

    def _bar_slide(self, frame: Frame):
        layout = self.layouts.title_only
        slide = self._slide(layout, frame)
        title = slide_placeholder(slide, title_placeholder(layout))
        self._set_title(slide, title, self.title_box, frame.title, TITLE_SIZES, self.on_primary if self.designed else None,
                        frame=frame)
        return slide

    def _slide(self, layout, frame: Frame):
        slide = self.prs.slides.add_slide(layout)
        name = frame.name or (frame.block.id if frame.block is not None else frame.kind)
        slide._element.cSld.set("name", name)
        return slide

    def _rect(self, slide, box: Box, fill: RGBColor, outline: RGBColor | None = None, name: str = "",
              back: bool = False, weight: float = 1.0, rounded: bool = False):
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE,
                                       box.left, box.top, box.width, box.height)
        if rounded:
            shape.adjustments[0] = 0.08
        shape.name = name
        shape.fill.solid()
        shape.fill.fore_color.rgb = fill
        if outline is None:
            shape.line.fill.background()
        else:
            shape.line.color.rgb = outline
            shape.line.width = Pt(weight)
        shape.shadow.inherit = False
        if back:
            tree = slide.shapes._spTree
            tree.remove(shape._element)
            tree.insert(2, shape._element)
        return shape

    @staticmethod
    def _box_of(shape) -> Box:
        return Box(shape.left, shape.top, shape.width, shape.height)

    def _finish(self, slide, frame: Frame, numbered: bool = True) -> None:
        self.result.slides += 1
        if numbered:
            shape = slide.shapes.add_textbox(self.number.left, self.number.top, self.number.width, self.number.height)
            shape.name = "Slide number"
            self._frame(shape.text_frame, MSO_ANCHOR.BOTTOM)
            paragraph = shape.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT
            paragraph.line_spacing = Pt(NUMBER_PT * LINE)
            field_ = etree.SubElement(paragraph._p, qn("a:fld"), id="{5C1A3D52-6A0E-4C5B-9E0B-2F4D6E8A1B3C}",
                                      type="slidenum")
            r_pr = etree.SubElement(field_, qn("a:rPr"), lang="en-GB", sz=str(NUMBER_PT * 100))
            fill = etree.SubElement(r_pr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val=str(MUTED))
            etree.SubElement(r_pr, qn("a:latin"), typeface=FONT)
            etree.SubElement(field_, qn("a:t")).text = str(len(self.prs.slides))
        for placeholder in list(slide.placeholders):
            if placeholder.has_text_frame and not placeholder.text_frame.text.strip():
                placeholder.element.getparent().remove(placeholder.element)
        if frame.notes.strip():
            self._notes(slide, frame.notes)

    def _notes_page(self) -> None:
        """The notes page's picture of the slide in the deck's own proportions, not letterboxed."""
        for placeholder in self.prs.notes_master.placeholders:
            if placeholder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_IMAGE and placeholder.width:
                height = int(placeholder.width * self.H / self.W)
                placeholder.top = placeholder.top + (placeholder.height - height) // 2
                placeholder.height = height

    @staticmethod
    def _notes(slide, notes: str) -> None:
        """Speaker notes set small and flush left, so a notes page prints whole (handout view)."""
        text_frame = slide.notes_slide.notes_text_frame
        text_frame.word_wrap = True
        body_pr = text_frame._txBody.find(qn("a:bodyPr"))
        for old in list(body_pr):
            body_pr.remove(old)
        etree.SubElement(body_pr, qn("a:normAutofit"))
        for index, part in enumerate(p for p in notes.split("\n") if p.strip()):
            paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.set("marL", "0")
            p_pr.set("indent", "0")
            paragraph.space_after = Pt(4)
            run = paragraph.add_run()
            run.text = part
            run.font.size = Pt(NOTES_PT)
            run.font.name = FONT
