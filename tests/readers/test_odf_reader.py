"""OpenDocument readers: `.odt` read as a .docx is, `.ods` as an .xlsx is."""

from __future__ import annotations

import io
import zipfile

import pytest

from extract.grid import ProseBlock, TableBlock
from extract.pipeline import extract_bytes
from extract.reader import UnreadableFile
from extract.readers.odf import read_ods, read_odt

NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
              'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
              'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
              'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')


def _package(kind: str, body: str, styles: str = "") -> bytes:
    """An OpenDocument zip: `mimetype` first, then content.xml around `body`."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES}>'
               f"<office:automatic-styles>{styles}</office:automatic-styles>"
               f"<office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        package.writestr("content.xml", content)
    return out.getvalue()


def _cell(text: str, across: int = 1, down: int = 1) -> str:
    spans = (f' table:number-columns-spanned="{across}"' if across > 1 else "") + \
            (f' table:number-rows-spanned="{down}"' if down > 1 else "")
    return f"<table:table-cell{spans}><text:p>{text}</text:p></table:table-cell>"


COVERED = "<table:covered-table-cell/>"
ODT = _package("text", (
    '<text:h>项目支出绩效目标表</text:h><table:table><table:table-header-rows><table:table-row>'
    + _cell("项目名称") + _cell("甲县农村公路养护项目", across=3) + COVERED * 2
    + "</table:table-row></table:table-header-rows><table:table-row>"
    + _cell("一级指标") + _cell("二级指标") + _cell("三级指标") + _cell("指标值")
    + "</table:table-row><table:table-row>" + _cell("产出指标", down=2) + _cell("数量指标", down=2)
    + _cell("养护里程") + _cell('≥<text:span>1260</text:span><text:s text:c="2"/>公里')
    + "</table:table-row><table:table-row>" + COVERED * 2 + _cell("修补面积")
    + _cell("4.8万<text:line-break/>平方米") + "</table:table-row></table:table>"
    + "<text:p>填报人：<text:note><text:note-body><text:p>脚注</text:p></text:note-body></text:note>"
    + "张三</text:p>"))


def test_odt_tables_read_as_a_docx_would_be():
    """Spans across and down, covered cells continuing them, a span's runs, `text:s`
    spaces and line breaks kept, a footnote's text left out."""
    grid = read_odt(ODT, "form.odt")
    assert grid.reader == "odt_table"
    title, table, closing = grid.blocks
    assert isinstance(title, ProseBlock) and title.text == "项目支出绩效目标表"
    assert isinstance(table, TableBlock) and closing.text == "填报人：张三"
    cells = {c.raw: (c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.raw}
    assert cells["甲县农村公路养护项目"] == (0, 1, 1, 3)
    assert cells["产出指标"] == (2, 0, 2, 1) and cells["数量指标"] == (2, 1, 2, 1)
    assert cells["≥1260  公里"] == (2, 3, 1, 1) and cells["4.8万\n平方米"] == (3, 3, 1, 1)
    document = extract_bytes(ODT, "form.odt", "form", "form.odt")
    assert (document.source.format, document.source.layout) == ("docx", "odt_table")
    assert [(i.name, i.target.raw) for i in document.forms[0].indicators] == [
        ("养护里程", "≥1260 公里"), ("修补面积", "4.8万平方米")]


def _row(*cells: str, attributes: str = "") -> str:
    return f"<table:table-row{attributes}>{''.join(cells)}</table:table-row>"


HIDDEN_SHEET = ('<style:style style:name="ta2" style:family="table">'
                '<style:table-properties table:display="false"/></style:style>')
ODS = _package("spreadsheet", (
    '<table:table table:name="目标表"><table:table-column table:number-columns-repeated="3"/>'
    '<table:table-column table:visibility="collapse"/><table:table-column/>'
    + _row(_cell("项目名称"), _cell("甲县农村公路养护项目", across=4), COVERED * 3)
    + _row(_cell("一级指标"), _cell("二级指标"), _cell("三级指标"), _cell("草稿"), _cell("指标值"))
    + _row(_cell("产出指标", down=2), _cell("数量指标", down=2), _cell("养护里程"), _cell("x"),
           '<table:table-cell office:value-type="percentage" office:value="0.95">'
           "<text:p>95.00%</text:p></table:table-cell>")
    + _row(COVERED * 2, _cell("修补面积"), _cell("x"), '<table:table-cell office:value-type="float" '
           'office:value="4.8"/>')
    + _row(_cell("删除行"), attributes=' table:visibility="collapse"')
    + _row("<table:table-cell table:number-columns-repeated='1024'/>",
           attributes=' table:number-rows-repeated="1048570"')
    + '</table:table><table:table table:name="草稿" table:style-name="ta2">'
    + _row(_cell("旧表")) + "</table:table>"), HIDDEN_SHEET)


def test_ods_sheets_read_as_an_xlsx_would_be():
    """The text Calc shows (`95.00%`), else the stored value; merges from spans; a hidden
    column, row and sheet not read (noted); a million repeated empty rows only counted."""
    grid = read_ods(ODS, "form.ods")
    assert grid.reader == "ods_sheet"
    assert any("草稿 is hidden" in note for note in grid.notes)
    (table,) = [block for block in grid.blocks if isinstance(block, TableBlock)]
    texts = {c.text for c in table.cells if c.text}
    assert "草稿" not in texts and "删除行" not in texts and "x" not in texts
    cells = {c.text: (c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.text}
    assert cells["甲县农村公路养护项目"][3] == 3  # four columns, one of them hidden
    assert cells["产出指标"][2] == 2 and cells["95.00%"][1] == 3 and "4.8" in cells
    document = extract_bytes(ODS, "form.ods", "form", "form.ods")
    assert (document.source.format, document.source.layout) == ("xlsx", "ods_sheet")
    assert [(i.level2, i.name, i.target.raw) for i in document.forms[0].indicators] == [
        ("数量指标", "养护里程", "95.00%"), ("数量指标", "修补面积", "4.8")]


@pytest.mark.parametrize("reader", [read_odt, read_ods])
def test_damaged_or_entity_declaring_packages_are_refused(reader):
    with pytest.raises(UnreadableFile, match="damaged"):
        reader(b"PK\x03\x04 not a zip", "x.odt")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY lol "lol">]><x/>')
    with pytest.raises(UnreadableFile, match="entities"):
        reader(out.getvalue(), "x.odt")


def test_a_package_without_content_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(UnreadableFile, match="without readable content"):
        read_odt(out.getvalue(), "x.odt")
