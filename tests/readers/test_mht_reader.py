"""Single-file web pages (.mht): the page part found, decoded by its charset, read as HTML."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from extract.reader import UnreadableFile
from extract.readers.html import read_html
from extract.readers.mht import read_mht

CONVERTED = Path(__file__).resolve().parent.parent / "golden" / "converted"


def _cells(grid) -> list[list[tuple]]:
    return [[(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells] for table in grid.tables()]


def _message(part_headers: str, body: bytes, preamble: bytes = b"") -> bytes:
    return (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n' + preamble
            + b"\r\n--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + b"iVBORw0KGgo=\r\n"
            + b"--B\r\n" + part_headers.encode("ascii") + b"\r\n\r\n" + body + b"\r\n--B--\r\n")


@pytest.mark.parametrize("stem", ["t13_two_forms_word", "t47_project_word_merged",
                                  "s13_department_self_eval_workbook"])
def test_a_word_single_file_page_reads_as_the_page_it_holds(stem: str):
    """Quoted-printable GB2312 under Word's MIME layout: the same grid as the page itself."""
    wrapped = read_mht((CONVERTED / f"{stem}.word_mht.mht").read_bytes(), f"{stem}.mht")
    page = read_html((CONVERTED / f"{stem}.libreoffice_html.html").read_bytes(), f"{stem}.html")
    assert _cells(wrapped) == _cells(page) and wrapped.tables()


def test_the_page_part_is_found_after_other_parts_and_decoded_by_its_charset():
    page = "<html><body><table><tr><td>项目名称</td><td>澄岭县学校维修</td></tr></table></body></html>"
    body = base64.encodebytes(page.encode("gbk"))
    data = _message('Content-Type: text/html; charset="gbk"\r\nContent-Transfer-Encoding: base64', body,
                    preamble="此文档为“单个文件网页”".encode("gbk"))
    (table,) = read_mht(data, "page.mht").tables()
    assert [c.text for c in table.cells] == ["项目名称", "澄岭县学校维修"]


def test_a_page_part_without_a_charset_is_decoded_as_a_web_page_is():
    page = '<html><head><meta charset="gb2312"></head><body><p>部门预算项目绩效目标表</p></body></html>'
    grid = read_mht(_message("Content-Type: text/html", page.encode("gb18030")), "page.mht")
    assert [block.text for block in grid.blocks] == ["部门预算项目绩效目标表"]


def test_a_message_without_a_page_says_what_to_do():
    with pytest.raises(UnreadableFile, match="no HTML part"):
        read_mht(_message("Content-Type: text/plain", b"hello"), "mail.mht")


def test_a_workbook_of_several_sheets_gives_a_page_per_sheet_in_order():
    """Excel's single-file web page of a workbook: a frameset, the sheet tabs, a page a sheet."""
    def part(location: str, html: str) -> bytes:
        return (f"--B\r\nContent-Location: file:///C:/book.files/{location}\r\n"
                "Content-Type: text/html; charset=\"utf-8\"\r\n\r\n").encode() + html.encode() + b"\r\n"

    def sheet(value: str) -> str:
        return f"<html><body><table><tr><td>项目名称</td><td>{value}</td></tr></table></body></html>"

    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
            + part("book.htm", '<html><frameset rows="*,39"><frame src="sheet001.htm"></frameset></html>')
            + part("sheet001.htm", sheet("甲")) + part("sheet002.htm", sheet("乙")) + b"--B--\r\n")
    first, second = read_mht(data, "book.mht").tables()
    assert [c.text for c in first.cells] == ["项目名称", "甲"]
    assert [c.text for c in second.cells] == ["项目名称", "乙"]
    assert second.cells[0].line > first.cells[-1].line
    assert second.cells[0].location.startswith("sheet002.htm, table 1")


def test_a_page_part_without_a_location_is_named_by_its_place():
    body = "<html><body><table><tr><td>项目名称</td><td>{}</td></tr></table></body></html>"
    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
            + b"".join(b'--B\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n'
                       + body.format(value).encode() + b"\r\n" for value in ("甲", "乙"))
            + b"--B--\r\n")
    first, second = read_mht(data, "book.mht").tables()
    assert first.cells[0].location.startswith("page part 1, ")
    assert second.cells[0].location.startswith("page part 2, ")
