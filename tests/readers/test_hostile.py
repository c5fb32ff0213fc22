"""Hostile and absurd inputs: each is a clear refusal or a note, never a hang or a blow-up.

(No timings are asserted; a regression here shows as a test that never ends.)
"""

from __future__ import annotations

import dataclasses
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from extract.reader import UnreadableFile
from extract.readers import image as image_reader
from extract.readers import pdf as pdf_reader
from extract.readers.docx import read_docx
from extract.readers.html import read_html
from extract.readers.image import read_image
from extract.readers.mht import read_mht
from extract.readers.pdf import read_pdf
from extract.readers.safety import LIMITS
from extract.readers.xls import read_xls
from extract.readers.xlsx import read_xlsx
from tests.render.minipdf import build_pdf, text_stream

OLD_WORKBOOK = (Path(__file__).parents[1] / "golden" / "converted"
                / "s06_self_eval_workbook.libreoffice_xls.xls").read_bytes()
BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'.encode()
                             if i > 1 else b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                             for i in range(1, 10))
                  + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")


def _docx() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    out = io.BytesIO()
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.save(out)
    return out.getvalue()


def _repack(data: bytes, replace: dict[str, bytes] | None = None,
            add: dict[str, bytes] | None = None) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, (replace or {}).get(item.filename, source.read(item)))
        for name, body in (add or {}).items():
            target.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize(("reader", "data", "message"), [
    (read_docx, _repack(_docx(), add={"word/media/bomb.xml": b" " * (30 * 1024 * 1024)}), "zip bomb"),
    (read_xlsx, _repack(_xlsx(), add={"xl/bomb.bin": b"\0" * (30 * 1024 * 1024)}), "zip bomb"),
    (read_docx, _repack(_docx(), replace={"word/document.xml": BILLION_LAUGHS}), "entities"),
    (read_xlsx, _repack(_xlsx(), replace={"xl/workbook.xml": BILLION_LAUGHS}), "entities"),
    (read_docx, _docx()[:500], "damaged"),
    (read_xlsx, _xlsx()[: len(_xlsx()) // 2], "damaged"),
    (read_docx, _repack(_xlsx()), "could not be opened as a Word document"),
    (read_xls, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000, "re-save it as .xlsx"),
    (read_xls, OLD_WORKBOOK[: len(OLD_WORKBOOK) // 2], "re-save it as .xlsx"),
])
def test_office_bombs_and_damage_are_refused(reader, data, message):
    with pytest.raises(UnreadableFile, match=message):
        reader(data, "hostile")


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size; nothing beyond the header needs decoding to refuse it."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + \
        chunk(b"IEND", b"")


@pytest.mark.parametrize(("data", "message"), [
    (_png_header(60_000, 60_000), "too large|over the limit"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a readable image"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 10, "not a readable image"),
])
def test_image_bombs_and_damage_are_refused(data, message):
    with pytest.raises(UnreadableFile, match=message):
        read_image(data, "scan.png")


def test_big_pages_are_scaled_down_before_ocr(monkeypatch):
    monkeypatch.setattr(image_reader, "LIMITS", dataclasses.replace(LIMITS, ocr_side=500))
    page = image_reader._page(Image.new("L", (2000, 1000), 255))
    assert page.size == (500, 250)


def test_pdf_page_caps_are_noted(monkeypatch):
    """Thousands of pages: only the cap is read; pages without text over the OCR cap are skipped."""
    monkeypatch.setattr(pdf_reader, "LIMITS", dataclasses.replace(LIMITS, pdf_pages=3, ocr_pages=0))
    pages = [text_stream([(72, 700, f"Page {n} text")]) for n in range(5)] + [b""]
    grid = read_pdf(build_pdf(pages), "long.pdf")
    assert any("6 pages; only the first 3" in n for n in grid.notes)
    monkeypatch.setattr(pdf_reader, "LIMITS", dataclasses.replace(LIMITS, pdf_pages=10, ocr_pages=0))
    grid = read_pdf(build_pdf(pages), "long.pdf")
    assert any("page 6: over 0 scanned pages" in n for n in grid.notes)


def test_html_with_absurd_spans_and_depth_stays_bounded():
    cells = "".join(f'<td colspan="99999" rowspan="99999">{n}</td>' for n in range(50))
    page = f"<table>{'<tr>' + cells + '</tr>'}{'<tr><td>x</td></tr>' * 10}</table>"
    deep = "<div>" * 5000 + "深" + "</div>" * 5000
    grid = read_html((page + deep).encode(), "absurd.html")
    first = grid.tables()[0].cells[0]
    assert first.col_span == LIMITS.span and first.row_span == 11


def test_docx_absurd_grid_span_is_clamped():
    doc = Document()
    table = doc.add_table(rows=1, cols=1)
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table.rows[0]._tr.tc_lst[0].get_or_add_tcPr().append(
        parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="2000000000"/>'))
    out = io.BytesIO()
    doc.save(out)
    assert read_docx(out.getvalue(), "x.docx").tables()[0].cells[0].col_span == LIMITS.span


def test_a_mime_message_of_countless_parts_is_refused_before_parsing():
    parts = b"".join(b"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(2_000))
    head = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
    data = head + parts + b"--B--\r\n"
    with pytest.raises(UnreadableFile, match="parts"):
        read_mht(data, "many.mht")


def test_a_word_file_importing_one_page_countless_times_reads_it_a_bounded_number_of_times():
    chunk = (Path(__file__).parents[1] / "golden" / "converted"
             / "t12_project_page.docx_altchunk.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(chunk)) as package:
        document = package.read("word/document.xml")
    many = document.replace(b'<w:altChunk r:id="htmlChunk"/>', b'<w:altChunk r:id="htmlChunk"/>' * 500)
    grid = read_docx(_repack(chunk, replace={"word/document.xml": many}), "many.docx")
    assert any("over 50 imported parts" in note for note in grid.notes)
    assert len(grid.tables()) == 50 * len(read_docx(chunk, "one.docx").tables())
