"""Writing slide specs into a .pptx, fitting every text into its box by the fitting rule.

Type sizes are set on every run (titles 28 pt or more, body 18 pt or more) and line
spacing is set exactly, so the fitting rule predicts what PowerPoint and LibreOffice
draw. A spec that does not fit is split across slides marked "(continued)"; a single
paragraph too long for a whole slide is cut, and its full text stays in the notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from workshop.outputs.slides import fitting
from workshop.outputs.slides.figures import FigureError, image_stream
from workshop.outputs.slides.layouts import Box, Layouts, number_placeholder, text_placeholder, title_placeholder, slide_placeholder
from workshop.outputs.slides.plan import Para, SlideSpec, TableSpec, table_summary

TITLE_SIZES = (32, 30, 28)
BIG_TITLE_SIZES = (40, 36, 32, 28)
SUBTITLE_SIZES = (24, 20, 18)
BODY_PT = {0: 20}
SUB_PT = 18                      # second and deeper levels, captions, tables
NUMBER_PT = 16
SPACE_BEFORE = {0: 8}
SUB_SPACE_BEFORE = 4
BULLET_INDENT = Inches(0.3)      # hanging indent that holds the bullet or number
LEVEL_INDENT = Inches(0.4)
INSET_X, INSET_Y = Inches(0.1), Inches(0.05)
CELL_X, CELL_Y = Inches(0.08), Inches(0.04)
MAX_TABLE_SLIDES = 2             # a table needing more slides is summarised as bullets
CONTINUED = " (continued)"
GAP = Inches(0.1)


@dataclass
class Written:
    slides: int = 0
    pictures: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)   # (source, message)


def body_pt(para: Para, base: float | None = None) -> float:
    if base is not None:
        return base if para.level == 0 else min(base, SUB_PT)
    return BODY_PT.get(para.level, SUB_PT)


def margin_left(para: Para) -> int:
    return para.level * LEVEL_INDENT + (BULLET_INDENT if para.style != "plain" else 0)


def para_text(para: Para) -> str:
    return f"{para.lead} {para.text}".strip()


def para_height(para: Para, box_width: int, first: bool, base: float | None = None) -> float:
    size = body_pt(para, base)
    width = box_width - 2 * INSET_X - margin_left(para)
    return fitting.paragraph_height_pt(para_text(para), width, size, 0 if first else space_before(para))


def space_before(para: Para) -> float:
    return SPACE_BEFORE.get(para.level, SUB_SPACE_BEFORE)


def usable_height_pt(box: Box) -> float:
    return (box.height - 2 * INSET_Y) / fitting.EMU_PER_PT


def paginate(paras: list[Para], box: Box, base: float | None = None) -> list[list[Para]]:
    """Paragraphs grouped into slides by the fitting rule, as evenly as the fewest slides allow."""
    limit = usable_height_pt(box)
    pages = _greedy(paras, box, base, limit, limit)
    if len(pages) < 2:
        return pages
    low, high = limit / len(pages), limit
    for _ in range(12):   # the lowest fill that still needs no more slides balances them
        middle = (low + high) / 2
        if len(_greedy(paras, box, base, middle, limit)) == len(pages):
            high = middle
        else:
            low = middle
    return _greedy(paras, box, base, high, limit)


def _greedy(paras: list[Para], box: Box, base: float | None, fill: float, limit: float) -> list[list[Para]]:
    """Fill each slide up to `fill` points; a paragraph longer than a whole slide is cut."""
    pages: list[list[Para]] = []
    current: list[Para] = []
    used = 0.0
    for para in paras:
        height = para_height(para, box.width, not current, base)
        if current and used + height > fill:
            carry = []   # a lead-in or heading moves on with what it introduces
            if current[-1].keep and len(current) > 1 and (
                    para_height(current[-1], box.width, True, base) + para_height(para, box.width, False, base) <= limit):
                carry = [current.pop()]
            pages.append(current)
            current, used = carry, sum(para_height(p, box.width, i == 0, base) for i, p in enumerate(carry))
            height = para_height(para, box.width, not current, base)
        if not current and height > limit:
            para = _cut(para, box, base)
            height = para_height(para, box.width, True, base)
        current.append(para)
        used += height
    if current:
        pages.append(current)
    return pages


def _cut(para: Para, box: Box, base: float | None) -> Para:
    size = body_pt(para, base)
    lines = int(usable_height_pt(box) // fitting.line_pitch_pt(size))
    width = box.width - 2 * INSET_X - margin_left(para)
    text = fitting.truncate_to_lines(para_text(para), width, size, lines)
    lead = para.lead if text.startswith(para.lead) else ""
    return Para(text[len(lead):].strip() if lead else text, para.level, para.style, lead, para.notes)


class Writer:
    def __init__(self, prs, layouts: Layouts) -> None:
        self.prs = prs
        self.layouts = layouts
        self.width, self.height = prs.slide_width, prs.slide_height
        self.box = layouts.content_box(self.width, self.height)
        self.result = Written()

    # ------------------------------------------------------------ one spec, one or more slides

    def add(self, spec: SlideSpec) -> None:
        if spec.kind == "title":
            self._title_slide(spec)
        elif spec.kind == "table":
            self._table(spec)
        elif spec.kind == "figure":
            self._figure(spec)
        else:
            self._content(spec)

    def _content(self, spec: SlideSpec) -> None:
        pages = paginate(spec.paras, self.box, spec.body_pt) or [[]]
        for number, paras in enumerate(pages):
            slide = self._new(self.layouts.content, spec, number)
            body = slide_placeholder(slide, text_placeholder(self.layouts.content))
            if body is not None and paras:
                self._fill(body.text_frame, paras, spec.body_pt)
            notes = [spec.notes] if number == 0 and spec.notes else []
            self._finish(slide, notes + [p.notes for p in paras if p.notes])

    def _title_slide(self, spec: SlideSpec) -> None:
        layout = self.layouts.title
        slide = self.prs.slides.add_slide(layout)
        self._name(slide, spec.name)
        title = slide_placeholder(slide, title_placeholder(layout))
        if title is not None:
            self._set_title(title, spec.title, BIG_TITLE_SIZES)
        sub = next((ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)
        sub = sub or slide_placeholder(slide, text_placeholder(layout))
        if sub is not None and spec.subtitle:
            self._set_lines(sub, spec.subtitle)
        self._finish(slide, [spec.notes] if spec.notes else [], numbered=False)

    def _table(self, spec: SlideSpec) -> None:
        table = spec.table
        plan = self._table_pages(table)
        if plan is None:
            summary = SlideSpec("content", spec.title, table_summary(table), notes=spec.notes, name=spec.name)
            self._content(summary)
            return
        widths, heights, pages = plan
        for number, rows in enumerate(pages):
            slide = self._new(self.layouts.title_only, spec, number)
            shape = slide.shapes.add_table(len(rows) + 1, len(widths), self.box.left, self.box.top,
                                           sum(widths), heights[0] + sum(heights[r + 1] for r in rows))
            grid = shape.table
            for column, width in enumerate(widths):
                grid.columns[column].width = width
            for r, source in enumerate([None, *rows]):
                grid.rows[r].height = heights[0 if source is None else source + 1]
                cells = table.header if source is None else table.rows[source]
                for column, text in enumerate(cells):
                    cell = grid.cell(r, column)
                    cell.margin_left = cell.margin_right = CELL_X
                    cell.margin_top = cell.margin_bottom = CELL_Y
                    cell.vertical_anchor = MSO_ANCHOR.TOP
                    paragraph = cell.text_frame.paragraphs[0]
                    self._runs(paragraph, "", text, SUB_PT, bold=source is None)
                    paragraph.line_spacing = Pt(fitting.line_pitch_pt(SUB_PT))
            notes = [spec.notes] if number == 0 and spec.notes else []
            self._finish(slide, notes + [table.row_notes(r) for r in rows])

    def _table_pages(self, table: TableSpec):
        """Column widths, row heights and the rows on each slide; None when a summary reads better."""
        columns = len(table.header)
        if not columns:
            return None
        widths = self._column_widths(table)
        if widths is None:
            return None

        def height(cells: list[str]) -> int:
            lines = max(len(fitting.wrap(text, w - 2 * CELL_X, SUB_PT)) for text, w in zip(cells, widths))
            return int(Pt(lines * fitting.line_pitch_pt(SUB_PT))) + 2 * CELL_Y + Inches(0.02)

        heights = [height(table.header)] + [height(row) for row in table.rows]
        room = self.box.height
        if any(heights[0] + row > room for row in heights[1:]):
            return None

        def split(fill: float) -> list[list[int]]:
            pages: list[list[int]] = []
            current: list[int] = []
            used = heights[0]
            for index in range(len(table.rows)):
                if current and used + heights[index + 1] > fill:
                    pages.append(current)
                    current, used = [], heights[0]
                current.append(index)
                used += heights[index + 1]
            return pages + ([current] if current else [])

        pages = split(room)
        if len(pages) > MAX_TABLE_SLIDES:
            return None
        if len(pages) > 1:   # balance the rows between the slides
            fill = next(f for f in range(int(room * len(pages) / (len(pages) + 1)), int(room) + Inches(0.1), int(Inches(0.1)))
                        if len(split(f)) == len(pages))
            pages = split(fill)
        return widths, heights, pages

    def _column_widths(self, table: TableSpec) -> list[int] | None:
        """Widths in proportion to each column's average text, never narrower than its longest word."""
        char = Pt(SUB_PT * fitting.CHAR_WIDTH_EM)
        weights, minimums = [], []
        for column in range(len(table.header)):
            cells = [table.header[column]] + [row[column] for row in table.rows]
            weights.append(max(4.0, sum(len(c) for c in cells) / len(cells)))
            longest = max((len(word) for c in cells for word in c.split()), default=1)
            minimums.append(int(char * (longest + 1)) + 2 * CELL_X)
        if sum(minimums) > self.box.width:
            return None
        widths = [0] * len(weights)
        fixed: set[int] = set()
        while True:   # give narrow columns their minimum, share the rest by weight
            free = self.box.width - sum(minimums[i] for i in fixed)
            share = sum(weights[i] for i in range(len(weights)) if i not in fixed)
            for i in range(len(weights)):
                widths[i] = minimums[i] if i in fixed else int(free * weights[i] / share)
            short = {i for i in range(len(weights)) if i not in fixed and widths[i] < minimums[i]}
            if not short:
                return widths
            fixed |= short

    def _figure(self, spec: SlideSpec) -> None:
        figure = spec.figure
        try:
            stream, px_width, px_height = image_stream(figure.path)
        except FigureError as error:
            self.result.warnings.append((figure.source, f"figure shown as its alt text on the slides: {error}"))
            paras = [Para(figure.alt or "(no alt text)", style="plain", lead="Figure:", notes=spec.notes)]
            if figure.caption:
                paras.append(Para(figure.caption, style="plain"))
            self._content(SlideSpec("content", spec.title, paras, name=spec.name))
            return
        slide = self._new(self.layouts.title_only, spec, 0)
        box = self.box
        caption_height = 0
        if figure.caption:
            width = box.width - 2 * INSET_X
            caption = fitting.truncate_to_lines(figure.caption, width, SUB_PT, 2)
            lines = len(fitting.wrap(caption, width, SUB_PT))
            caption_height = int(Pt(lines * fitting.line_pitch_pt(SUB_PT))) + 2 * INSET_Y
        room_height = box.height - caption_height - (GAP if caption_height else 0)
        scale = min(box.width / px_width, room_height / px_height)
        width, height = int(px_width * scale), int(px_height * scale)
        left = box.left + (box.width - width) // 2
        picture = slide.shapes.add_picture(stream, left, box.top, width, height)
        picture._element.nvPicPr.cNvPr.set("descr", figure.alt)
        picture.name = "Figure"
        self.result.pictures += 1
        if figure.caption:
            frame = slide.shapes.add_textbox(box.left, box.top + height + GAP, box.width, caption_height)
            frame.name = "Caption"
            self._fill(frame.text_frame, [Para(caption, style="plain")], SUB_PT)
        self._finish(slide, [spec.notes] if spec.notes else [])

    # ------------------------------------------------------------ slide helpers

    def _new(self, layout, spec: SlideSpec, number: int):
        slide = self.prs.slides.add_slide(layout)
        self._name(slide, spec.name)
        title = slide_placeholder(slide, title_placeholder(layout))
        if title is not None:
            more = number and not spec.title.endswith(CONTINUED)
            self._set_title(title, spec.title + (CONTINUED if more else ""), TITLE_SIZES)
        return slide

    @staticmethod
    def _name(slide, name: str) -> None:
        if name:
            slide._element.cSld.set("name", name)

    def _frame(self, text_frame) -> None:
        text_frame.word_wrap = True
        text_frame.auto_size = MSO_AUTO_SIZE.NONE
        text_frame.margin_left = text_frame.margin_right = INSET_X
        text_frame.margin_top = text_frame.margin_bottom = INSET_Y

    def _set_title(self, shape, text: str, sizes: tuple[int, ...]) -> None:
        width = shape.width - 2 * INSET_X
        lines = lambda size: int(((shape.height - 2 * INSET_Y) / fitting.EMU_PER_PT) // fitting.line_pitch_pt(size))
        size = next((s for s in sizes if len(fitting.wrap(text, width, s)) <= max(lines(s), 1)), sizes[-1])
        text = fitting.truncate_to_lines(text, width, size, max(lines(size), 1))
        frame = shape.text_frame
        self._frame(frame)
        paragraph = frame.paragraphs[0]
        self._runs(paragraph, "", text, size)
        paragraph.line_spacing = Pt(fitting.line_pitch_pt(size))

    def _set_lines(self, shape, lines: list[str]) -> None:
        width = shape.width - 2 * INSET_X
        room = (shape.height - 2 * INSET_Y) / fitting.EMU_PER_PT
        need = lambda size: sum(len(fitting.wrap(l, width, size)) for l in lines) * fitting.line_pitch_pt(size)
        size = next((s for s in SUBTITLE_SIZES if need(s) <= room), SUBTITLE_SIZES[-1])
        kept, used = [], 0.0
        for line in lines:
            height = len(fitting.wrap(line, width, size)) * fitting.line_pitch_pt(size)
            if used + height > room:
                break
            kept.append(line)
            used += height
        self._fill(shape.text_frame, [Para(l, style="plain") for l in kept], size, space=False)

    def _fill(self, frame, paras: list[Para], base: float | None = None, space: bool = True) -> None:
        self._frame(frame)
        for index, para in enumerate(paras):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            size = body_pt(para, base)
            paragraph.level = min(para.level, 8)
            paragraph.line_spacing = Pt(fitting.line_pitch_pt(size))
            paragraph.space_before = Pt(space_before(para) if index and space else 0)
            paragraph.space_after = Pt(0)
            self._bullet(paragraph, para)
            self._runs(paragraph, para.lead, para.text, size)

    @staticmethod
    def _bullet(paragraph, para: Para) -> None:
        pPr = paragraph._p.get_or_add_pPr()
        left = margin_left(para)
        pPr.set("marL", str(int(left)))
        pPr.set("indent", str(-int(BULLET_INDENT)) if para.style != "plain" else "0")
        for tag in ("a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"):
            for old in pPr.findall(qn(tag)):
                pPr.remove(old)
        if para.style == "plain":
            etree.SubElement(pPr, qn("a:buNone"))
        elif para.style == "number":
            etree.SubElement(pPr, qn("a:buAutoNum"), type="arabicPeriod")
        else:
            etree.SubElement(pPr, qn("a:buFont"), typeface="Arial")
            etree.SubElement(pPr, qn("a:buChar"), char="•" if para.level == 0 else "–")

    @staticmethod
    def _runs(paragraph, lead: str, text: str, size: float, bold: bool = False) -> None:
        if lead:
            run = paragraph.add_run()
            run.text = lead + (" " if text else "")
            run.font.size = Pt(size)
            run.font.bold = True
        if text or not lead:
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size)
            if bold:
                run.font.bold = True

    def _finish(self, slide, notes: list[str], numbered: bool = True) -> None:
        self.result.slides += 1
        if numbered:
            self._number(slide)
        for placeholder in list(slide.placeholders):
            if placeholder.has_text_frame and not placeholder.text_frame.text.strip():
                placeholder.element.getparent().remove(placeholder.element)
        text = "\n".join(n for n in notes if n.strip())
        if text:
            slide.notes_slide.notes_text_frame.text = text

    def _number(self, slide) -> None:
        number = str(len(self.prs.slides))
        layout_number = number_placeholder(slide.slide_layout)
        shape = None
        if layout_number is not None:
            room = (layout_number.height - 2 * INSET_Y) / fitting.EMU_PER_PT
            if room >= fitting.line_pitch_pt(NUMBER_PT) and layout_number.width > Inches(0.6):
                slide.shapes.clone_placeholder(layout_number)
                shape = slide_placeholder(slide, layout_number)
        if shape is None:
            shape = slide.shapes.add_textbox(self.width - Inches(1.5), self.height - Inches(0.55), Inches(1.2), Inches(0.4))
            shape.name = "Slide number"
        frame = shape.text_frame
        self._frame(frame)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.RIGHT
        paragraph.line_spacing = Pt(fitting.line_pitch_pt(NUMBER_PT))
        field_ = etree.SubElement(paragraph._p, qn("a:fld"), id="{5C1A3D52-6A0E-4C5B-9E0B-2F4D6E8A1B3C}", type="slidenum")
        etree.SubElement(field_, qn("a:rPr"), lang="en-GB", sz=str(NUMBER_PT * 100))
        etree.SubElement(field_, qn("a:t")).text = number
