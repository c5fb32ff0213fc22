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
