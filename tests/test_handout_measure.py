"""How much of a printed handout's last page is used: what `make handouts` reads off each PDF to
report a handout that spills onto a nearly empty sheet. Only what is painted counts."""

from __future__ import annotations

import pytest

from workshop.outputs.handouts import measure

A4 = (595, 842)
TOP_OF_FIRST_PAGE = "0 0 0 rg 72 760 450 10 re f"      # the first page's content starts at 770: margins of 72
FONT = "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"


def pdf(*pages: str, form: str = "") -> bytes:
    """A PDF of A4 pages with these content streams; /Fm1 is a form XObject drawing `form`."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    form_number = 3
    objects.append(f"<< /Type /XObject /Subtype /Form /BBox [0 0 {A4[0]} {A4[1]}] /Length {len(form)} >>\n"
                   f"stream\n{form}\nendstream")
    for content in pages:
        page_number, content_number = len(objects) + 1, len(objects) + 2
        kids.append(f"{page_number} 0 R")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] "
                       f"/Resources << /XObject << /Fm1 {form_number} 0 R >> {FONT} >> /Contents {content_number} 0 R >>")
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return out


def used(last_page: str, form: str = "") -> int | None:
    return measure(pdf(TOP_OF_FIRST_PAGE, last_page, form=form))[1]


def test_a_one_page_handout_has_no_last_page_to_report():
    assert measure(pdf(TOP_OF_FIRST_PAGE)) == (1, None)


@pytest.mark.parametrize("last_page, percent", [
    ("0 0 0 rg 72 600 450 10 re f", 24),                  # a box whose bottom is 600: (770 - 600) / 698
    ("0 0 0 RG 72 300 m 500 300 l S", 67),                # a stroked line at 300
    ("BT /F1 12 Tf 72 310 Td (Words) Tj ET", 66),         # a line of text on 310, its descenders lower
    ("72 72 450 698 re W n 0 0 0 rg 72 600 450 10 re f", 24),   # a clipping path as tall as the page paints nothing
    ("72 100 450 10 re n 0 0 0 rg 72 600 450 10 re f", 24),     # nor does a path ended without painting
    ("", 0),                                              # an empty last page
])
def test_the_last_page_counts_what_is_painted_down_to_its_lowest_mark(last_page, percent):
    assert measure(pdf(TOP_OF_FIRST_PAGE, last_page)) == (2, percent)


def test_what_a_form_paints_counts_where_the_page_places_it():
    box = "0 0 0 rg 72 600 450 10 re f"
    assert used("/Fm1 Do", form=box) == 24
    assert used("q 1 0 0 1 0 -300 cm /Fm1 Do Q", form=box) == 67   # the same form drawn 300 lower


# ---------- type sizes, as printed

def test_type_sizes_are_font_size_times_the_scale_of_the_text_matrix():
    """Chromium writes CSS pixels scaled by 0.75: 16 px text is 12 pt on paper."""
    from workshop.outputs.handout_type import type_sizes

    page = ("BT /F1 16 Tf 0.75 0 0 0.75 72 700 Tm (Body text) Tj ET "
            "BT /F1 8 Tf 72 650 Td (Small print) Tj ET "
            "BT /F1 24 Tf 2 0 0 2 72 500 Tm (Big) Tj ET")
    sizes = type_sizes(pdf(page))
    assert sorted(sizes.counts) == [8.0, 12.0, 48.0]
    assert sizes.counts[12.0] == len("Bodytext") and sizes.body == 8.0   # "Smallprint" has more letters
    assert sizes.smallest == 8.0 and sizes.samples[8.0].strip() == "Small print" and sizes.pages[8.0] == 1
    assert sizes.below(12) == [8.0] and sizes.below(8) == []
    assert sizes.range_text() == "type 8–48 pt, most at 8 pt"


def test_a_pdf_without_text_has_no_type():
    from workshop.outputs.handout_type import type_sizes

    sizes = type_sizes(pdf(TOP_OF_FIRST_PAGE))
    assert sizes.smallest is None and sizes.range_text() == "" and sizes.below(16) == []
