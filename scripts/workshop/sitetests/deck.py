"""Reading a session deck back as a trainer's client would (python-pptx, and LibreOffice Impress through
pdftotext): titles, body text, footers, slide numbers, type sizes, and whether text fits its box.
The site tests read this workshop's deck with it; the engine's own deck tests import it too.
"""

from __future__ import annotations

import html
import math
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from workshop.outputs.slides.fitting import CHAR_WIDTH_EM, LINE_HEIGHT

EMU_PER_PT = 12700
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
NOT_BODY = ("Footer", "Slide number")          # shapes whose small type is not body text
RULE_TITLES = ("Ground rules", "Ground rules (continued)", "Confidentiality and its limits", "What is collected")
AROUND = ("arrival", "closing")   # the deck's own slides before the first block and after the last
WORD = re.compile(r"\d{1,2}:\d\d|[0-9A-Za-zÀ-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÿ]+)*")
INSTALL = ("LibreOffice Impress is needed to test the deck in a real client: run `workshop system` (it installs it), "
           "or `apt-get install --no-install-recommends libreoffice-impress poppler-utils`")


def name_of(slide) -> str:
    """The name the deck gives a slide: its agenda block's id, 'arrival' or 'closing'."""
    return slide._element.cSld.get("name") or ""


def sections_of(deck) -> dict[str, list]:
    """The deck's slides by agenda block, in deck order (the title, arrival and closing slides apart)."""
    found: dict[str, list] = {}
    for slide in list(deck.slides)[1:]:
        if name_of(slide) not in AROUND:
            found.setdefault(name_of(slide), []).append(slide)
    return found


def title_of(slide) -> str:
    shape = next((s for s in slide.placeholders if s.placeholder_format.type in TITLE_TYPES), None)
    return shape.text_frame.text if shape is not None else ""


def is_title(shape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in TITLE_TYPES


def all_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def body_text(slide) -> str:
    """What a slide shows besides its title, its sources footer and its number."""
    return "\n".join(s.text_frame.text for s in slide.shapes
                     if s.has_text_frame and not is_title(s) and s.name not in NOT_BODY)


def words(text: str) -> int:
    return len(WORD.findall(text))


def footer(slide) -> str:
    return next((s.text_frame.text for s in slide.shapes if s.name == "Footer"), "")


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text


def slide_number_shapes(slide):
    return [s for s in slide.shapes if s.has_text_frame and s._element.find(".//" + qn("a:fld")) is not None]


def run_sizes(paragraph) -> list[float]:
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None]
    sizes += [int(f.find(qn("a:rPr")).get("sz")) / 100 for f in paragraph._p.findall(qn("a:fld"))
              if f.find(qn("a:rPr")) is not None and f.find(qn("a:rPr")).get("sz")]
    return sizes


def is_rules(slide) -> bool:
    return title_of(slide) in RULE_TITLES


# ---------------------------------------------------------------- whether text fits its box

def lines_needed(text: str, width_emu: int, size_pt: float) -> int:
    per_line = max(1, math.floor(width_emu / EMU_PER_PT / (size_pt * CHAR_WIDTH_EM)))
    return sum(len(textwrap.wrap(part, per_line, break_long_words=True, break_on_hyphens=False)) or 1
               for part in text.split("\n"))


def _inset(body_pr, name: str, default: int) -> int:
    value = body_pr.get(name) if body_pr is not None else None
    return int(value) if value is not None else default


def text_overflows(shape) -> list[str]:
    """Why a text box's text would run out of it, by the fitting rule; empty when it fits."""
    frame = shape.text_frame
    body_pr = frame._txBody.find(qn("a:bodyPr"))
    width = shape.width - _inset(body_pr, "lIns", 91440) - _inset(body_pr, "rIns", 91440)
    room = (shape.height - _inset(body_pr, "tIns", 45720) - _inset(body_pr, "bIns", 45720)) / EMU_PER_PT
    used, problems = 0.0, []
    for index, paragraph in enumerate(frame.paragraphs):
        if not paragraph.text:
            continue
        sizes = run_sizes(paragraph)
        if not sizes:
            problems.append(f"paragraph without a set font size: {paragraph.text[:40]!r}")
            continue
        size = max(sizes)
        p_pr = paragraph._p.find(qn("a:pPr"))
        indent = int(p_pr.get("marL", 0)) if p_pr is not None else 0
        before = p_pr.find(qn("a:spcBef") + "/" + qn("a:spcPts")) if p_pr is not None else None
        used += (int(before.get("val")) / 100 if before is not None and index else 0)
        used += lines_needed(paragraph.text, width - indent, size) * size * LINE_HEIGHT
    if used > room + 0.01:
        problems.append(f"text needs {used:.0f} pt in a box with {room:.0f} pt: {frame.text[:60]!r}")
    return problems


def overflow_report(deck) -> list[str]:
    report = []
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            where = f"slide {number} ({title_of(slide)!r}), {shape.name}"
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > deck.slide_width \
                    or shape.top + shape.height > deck.slide_height:
                report.append(f"{where}: the shape runs off the slide")
            if shape.has_text_frame:
                report += [f"{where}: {p}" for p in text_overflows(shape)]
    return report


# ---------------------------------------------------------------- in a real client: LibreOffice Impress

def render(deck_path: Path, work: Path) -> tuple[Path, list]:
    """The deck as LibreOffice Impress draws it: (its PDF, its pages' words with their boxes). A missing
    LibreOffice or pdftotext raises AssertionError with how to install them: never a skip."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    assert soffice and pdftotext, INSTALL
    profile = (work / "profile").as_uri()
    result = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(work), str(deck_path)], capture_output=True, text=True, timeout=300)
    pdf = work / (deck_path.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), f"LibreOffice could not convert the deck:\n{result.stderr}"
    layout = work / "words.html"
    subprocess.run([pdftotext, "-bbox", str(pdf), str(layout)], check=True, timeout=120)
    return pdf, pdf_words(layout.read_text(encoding="utf-8"))


def pdf_words(text: str) -> list[tuple[float, float, list[tuple[str, float, float, float, float]]]]:
    """pdftotext -bbox output as pages: (width, height, [(word, xMin, yMin, xMax, yMax)])."""
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S):
        found = [(html.unescape(w.group(5)), float(w.group(1)), float(w.group(2)), float(w.group(3)), float(w.group(4)))
                 for w in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>',
                                      page.group(3), re.S)]
        pages.append((float(page.group(1)), float(page.group(2)), found))
    return pages
