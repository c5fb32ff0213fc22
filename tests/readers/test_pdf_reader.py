"""PDF reader: unmapped fonts, tables without lines, running headers, refusals, turned pages."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from extract.grid import ProseBlock
from extract.reader import UnreadableFile
from extract.readers import pdf as pdf_reader
from extract.readers.pages import Page
from extract.readers.pdf import read_pdf
from extract.readers.pdf_space import Frame, apply, box_in_page_space, compose, page_frame
from tests.golden.converted import make_rotated
from tests.render.browser import chromium
from tests.render.minipdf import ENCRYPT, UNMAPPED_FONT, build_pdf, form_pdf, text_stream


def test_fonts_without_a_unicode_map_are_reported_not_emitted():
    mapped = text_stream([(72, 700, "Budget table of the county")])
    unmapped = b"BT /F2 12 Tf 72 650 Td (ABCDEFGH) Tj ET"
    grid = read_pdf(build_pdf([mapped + b"\n" + unmapped], second_font=UNMAPPED_FONT), "cid.pdf")
    text = " ".join(b.raw for b in grid.blocks if isinstance(b, ProseBlock))
    assert text == "Budget table of the county"
    assert any("could not be read and were left out" in note for note in grid.notes)


def test_a_fillable_forms_values_are_read_with_its_page():
    """A filled-in form keeps its values in its fields, not in the page's text: they are
    read as a viewer shows them, where their fields stand."""
    grid = read_pdf(form_pdf("Target value", "95%"), "form.pdf")
    text = " ".join(b.raw for b in grid.blocks if isinstance(b, ProseBlock))
    text += " ".join(c.text for table in grid.tables() for c in table.cells)
    assert "Target value" in text and "95%" in text
    assert any("form fields" in note for note in grid.notes)


def test_a_page_mostly_in_fonts_without_a_unicode_map_is_read_by_ocr(monkeypatch):
    """CJK fonts embedded with no map leave the figures and lose the words: the page is
    read from its picture instead (here a stand-in for OCR records that it was asked)."""
    asked: list[int] = []

    def ocr(page, number, notes):
        asked.append(number)
        return Page(number=number, width=1, height=1, unit="px")

    monkeypatch.setattr(pdf_reader, "_scanned_page", ocr)
    mapped = text_stream([(72, 700, "2024 860.00")])
    unmapped = b"BT /F2 12 Tf 72 650 Td (ABCDEFGHABCDEFGHABCDEFGH) Tj ET"
    grid = read_pdf(build_pdf([mapped + b"\n" + unmapped], second_font=UNMAPPED_FONT), "cjk.pdf")
    assert asked == [1]
    assert any("the page was read by OCR" in note for note in grid.notes)


def test_lines_of_aligned_text_without_rules_are_a_loose_table():
    rows = [(72, 700 - 20 * i, a) for i, a in enumerate(["Name", "Training", "Courses"])]
    rows += [(300, 700 - 20 * i, b) for i, b in enumerate(["Target", ">=100", ">=5"])]
    grid = read_pdf(build_pdf([text_stream(rows)]), "aligned.pdf")
    (table,) = grid.tables()
    assert table.columns == "loose" and table.rows == "exact"
    assert [[c.text for c in row] for row in table.printed_rows()] == [
        ["Name", "Target"], ["Training", ">=100"], ["Courses", ">=5"]]
    assert table.cells[0].location.startswith("page 1 (") and table.cells[0].location.endswith(" pt")


def test_running_header_and_page_numbers_are_dropped():
    pages = [text_stream([(250, 770, "County Finance Bureau"), (72, 600, f"Body text of page {n}"),
                          (290, 20, f"- {n} -")]) for n in (1, 2, 3)]
    grid = read_pdf(build_pdf(pages), "running.pdf")
    prose = [b.text for b in grid.blocks if isinstance(b, ProseBlock)]
    assert prose == ["Body text of page 1", "Body text of page 2", "Body text of page 3"]
    assert sum("running header or footer" in n for n in grid.notes) == 2


def test_a_blank_page_is_not_sent_to_ocr(monkeypatch):
    import extract.readers.ocr as ocr

    def recognise(image):
        raise AssertionError("a blank page was OCR'd")

    monkeypatch.setattr(ocr, "recognise", recognise)
    grid = read_pdf(build_pdf([text_stream([(72, 700, "Budget table")]), b""]), "blank.pdf")
    assert [b.text for b in grid.blocks if isinstance(b, ProseBlock)] == ["Budget table"]


def test_text_clipped_to_its_cell_is_read_as_shown():
    """A spreadsheet writes a cell's whole text and clips it to the cell: only what shows is read."""
    clipped = b"q 70 690 60 30 re W n BT /F1 12 Tf 72 700 Td (Budget overflowing) Tj ET Q"
    grid = read_pdf(build_pdf([clipped + b"\n" + text_stream([(72, 650, "Whole line")])]), "clip.pdf")
    prose = [b.text for b in grid.blocks if isinstance(b, ProseBlock)]
    assert prose[1] == "Whole line" and prose[0].startswith("Budget") and "overflowing" not in prose[0]


@pytest.mark.parametrize(("data", "message"), [
    (build_pdf([text_stream([(72, 700, "x")])], trailer_extra=ENCRYPT), "password"),
    (b"%PDF-1.4\n" + b"\x00garbage" * 20, "damaged PDF"),
    (build_pdf([text_stream([(72, 700, "x")])])[:60], "damaged PDF"),
])
def test_refusals(data, message):
    with pytest.raises(UnreadableFile, match=message):
        read_pdf(data, "bad.pdf")


@pytest.mark.skipif(chromium() is None, reason="chromium is not installed")
def test_borderless_html_table_printed_to_pdf_reads_as_loose_rows():
    from tests.render.browser import print_pdf

    html = ("<html><body><table><tr><td>一级指标</td><td style='padding-left:80px'>指标值</td></tr>"
            "<tr><td>产出指标</td><td style='padding-left:80px'>≥95%</td></tr></table></body></html>")
    grid = read_pdf(print_pdf(html.encode()), "borderless.pdf")
    rows = [[c.text for c in row] for t in grid.tables() for row in t.printed_rows()]
    assert ["一级指标", "指标值"] in rows and ["产出指标", "≥95%"] in rows


def test_scan_with_an_ocr_text_layer_gets_its_table_from_the_picture():
    """A searchable scan: invisible text over a page image whose table lines are only pixels."""
    from PIL import Image, ImageDraw

    dpi = 150
    scale = dpi / 72
    image = Image.new("L", (round(612 * scale), round(792 * scale)), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [72, 250, 500], [100, 140, 180, 220]  # points from the top
    for x in xs:
        draw.line([(x * scale, ys[0] * scale), (x * scale, ys[-1] * scale)], fill=0, width=3)
    for y in ys:
        if y == 180:  # the first column is merged over the last two rows
            draw.line([(xs[1] * scale, y * scale), (xs[-1] * scale, y * scale)], fill=0, width=3)
        else:
            draw.line([(xs[0] * scale, y * scale), (xs[-1] * scale, y * scale)], fill=0, width=3)
    words = [(80, 125, "Level"), (258, 125, "Target"), (80, 185, "Output"), (258, 165, ">=100"),
             (258, 205, ">=5")]
    layer = text_stream([(x, 792 - y, text) for x, y, text in words], invisible=True)
    data = build_pdf([layer], image=(image.width, image.height, image.tobytes()))
    grid = read_pdf(data, "searchable.pdf")
    (table,) = grid.tables()
    assert table.columns == "exact"
    assert sorted((c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells) == [
        (0, 0, 1, 1, "Level"), (0, 1, 1, 1, "Target"), (1, 0, 2, 1, "Output"), (1, 1, 1, 1, ">=100"),
        (2, 1, 1, 1, ">=5")]


@pytest.mark.parametrize(("picture_text", "reader", "note"), [
    (True, "image_ocr", "the picture was read by OCR instead"),
    (False, "pdf_table", "its unseen OCR text layer was read"),
])
def test_a_searchable_scan_is_read_from_its_picture(monkeypatch, picture_text, reader, note):
    """ocrmypdf or Acrobat lays an OCR engine's text unseen over a scan's picture; the
    picture is what the page shows (tesseract's layer lost ≥, digits and characters in built
    t205 and s93), so it is read by OCR (here a stand-in), and the layer serves only where
    OCR reads nothing from the picture."""
    from extract.readers.lattice import Item

    def ocr(page, number, notes):
        items = [Item(x0=10, y0=10, x1=60, y1=22, text="Output")] if picture_text else []
        return Page(number=number, width=612, height=792, unit="px", items=items)

    monkeypatch.setattr(pdf_reader, "_scanned_page", ocr)
    blank = bytes([255]) * (61 * 79)
    layer = text_stream([(72, 700, "0utput >100 Leve1 Target")], invisible=True)
    grid = read_pdf(build_pdf([layer], image=(61, 79, blank)), "searchable.pdf")
    assert grid.reader == reader
    assert any(note in line for line in grid.notes)
    shown = text_stream([(72, 700, "Output >=100 Level Target")])  # drawn, not unseen: read as text
    assert read_pdf(build_pdf([shown], image=(61, 79, blank)), "printed.pdf").reader == "pdf_table"


def test_a_pdf_of_text_pages_and_scanned_pages_is_mixed(network_off):
    import io

    import pypdfium2
    from PIL import Image

    blank = Image.new("L", (306, 396), 255)
    text_page = build_pdf([text_stream([(72, 700, "Budget table")])])
    scanned = build_pdf([b""], image=(blank.width, blank.height, blank.tobytes()))
    merged = pypdfium2.PdfDocument.new()
    for part in (text_page, scanned):
        merged.import_pages(pypdfium2.PdfDocument(part))
    out = io.BytesIO()
    merged.save(out)
    grid = read_pdf(out.getvalue(), "mixed.pdf")
    assert grid.reader == "mixed"
    assert [b.text for b in grid.blocks] == ["Budget table"]


def test_a_sheet_printed_over_two_pages_side_by_side_is_one_table():
    """LibreOffice prints a workbook with no print setup over two pages side by side (the
    left columns, then the right ones, at the same heights): the second page's table joins
    the first on the right (tests/golden/converted, t24); a table that names its rows in
    its first column stays a form of its own."""
    from extract.pipeline import extract_document
    from tests.golden_support import CONVERTED_DIR

    document = extract_document(CONVERTED_DIR / "t24_projects_workbook.libreoffice.pdf")
    assert len(document.forms) == 2
    first = document.forms[0]
    assert first.implementing_unit == "松泽县农村供水服务中心"
    assert first.fiscal_year == 2024  # the title, cut by the paper's edge, goes on over there
    assert [(row.name, row.target.raw) for row in first.indicators[:2]] == [
        ("维修养护农村集中供水工程数量", "≥ 35 处"), ("更换老化供水管网长度", "≥ 12.6 公里")]


def test_a_sheet_printed_two_pages_wide_and_two_long_is_one_table():
    """LibreOffice prints a sheet wider and longer than the paper down, then across: pages
    1 and 2 hold its left half (2 under a repeated print title), page 3 its right half
    beside page 1 (tests/golden/converted, s06). Page 3 joins page 1 on the right, and
    page 2's rows go on under the left half."""
    from extract.pipeline import extract_document
    from tests.golden_support import CONVERTED_DIR

    document = extract_document(CONVERTED_DIR / "s06_self_eval_workbook.libreoffice.pdf")
    (form,) = document.forms
    assert form.implementing_unit == "枫岭县城乡建设事务中心"
    assert [row.name for row in form.indicators][-2:] == ["改造设施正常使用率", "改造农户满意度"]
    assert len(form.indicators) == 9


CONVERTED = Path(__file__).resolve().parent.parent / "golden" / "converted"
TURNED = [(stem, kind) for kind, stems in (("pdf_rotated", make_rotated.ROTATED),
                                           ("pdf_sideways", make_rotated.SIDEWAYS)) for stem in stems]


def _tables(grid) -> list[list[tuple]]:
    return [[(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells] for table in grid.tables()]


def _prose(grid) -> list[str]:
    return [block.text for block in grid.blocks if isinstance(block, ProseBlock)]


@pytest.mark.parametrize(("stem", "kind"), TURNED)
def test_a_page_stored_turned_reads_as_the_page_upright(stem: str, kind: str):
    """/Rotate set so the page shows upright, or no /Rotate and the page shown sideways: the
    text runs up or down page space, inside a turned form XObject, and the tables are the
    ones the upright original gives. Prose may end sooner: text past the page's edge, which
    the original's text layer holds but no one sees, is clipped by the turned page's form."""
    turned = read_pdf((CONVERTED / f"{stem}.{kind}.pdf").read_bytes(), "turned.pdf")
    original = read_pdf((CONVERTED / f"{stem}.libreoffice.pdf").read_bytes(), "original.pdf")
    assert _tables(turned) == _tables(original)
    assert len(_prose(turned)) == len(_prose(original))
    assert all(text and whole.startswith(text) for text, whole in zip(_prose(turned), _prose(original),
                                                                         strict=True))


@pytest.mark.parametrize(("turn", "page_point", "upright"), [
    (0, (100, 700), (90, 142)),     # text across the page: y counted down from the top
    (270, (100, 700), (690, 90)),   # text up the page: along y, lines to the right
    (90, (100, 700), (142, 500)),   # text down the page: along -y, lines to the left
    (180, (100, 700), (500, 690)),  # upside down
])
def test_frame_maps_page_space_to_the_upright_page(turn, page_point, upright):
    frame = Frame(turn=turn, left=10, bottom=10, right=600, top=842)
    assert frame.point(*page_point) == upright
    width, height = frame.size
    assert (width, height) == ((832, 590) if turn in (90, 270) else (590, 832))


def test_a_page_turn_is_what_most_characters_say():
    class Page:
        def get_bbox(self):
            return 0, 0, 595, 842

    quarter = math.pi / 2
    assert page_frame(Page(), [3 * quarter] * 5 + [0.0] * 2 + [-1.0] * 9).turn == 270
    assert page_frame(Page(), [0.02, 2 * math.pi - 0.01, quarter]).turn == 0
    assert page_frame(Page(), [0.7, -1.0]).turn == 0  # a slanted stamp tells nothing


def test_matrices_compose_inner_first():
    turn = (0.0, 1.0, -1.0, 0.0, 0.0, 0.0)  # a quarter anticlockwise
    shift = (1.0, 0.0, 0.0, 1.0, 100.0, 0.0)
    assert apply(compose(turn, shift), 10, 0) == (100.0, 10.0)
    assert apply(compose(shift, turn), 10, 0) == (0.0, 110.0)
    assert box_in_page_space(turn, 0, 0, 20, 10) == (-10.0, 0.0, 0.0, 20.0)
