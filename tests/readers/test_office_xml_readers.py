"""Office 2003 XML readers: Word 2003 XML (.doc) and Excel 2003 XML (.xls), as Java systems export them."""

from __future__ import annotations

import pytest

from extract.grid import ProseBlock
from extract.pipeline import extract_bytes
from extract.reader import UnreadableFile
from extract.readers.detect import detect_format
from extract.readers.spreadsheetml import read_spreadsheetml
from extract.readers.wordml import read_wordml

WORD_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<?mso-application progid="Word.Document"?>\n'
             '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
             'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint">')


def _cell(text: str, merge: str = "", span: int = 1) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + merge
    runs = "".join(f"<w:r><w:t>{part}</w:t></w:r>" for part in text.split("|")) if text else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{runs}</w:p></w:tc>"


def _word(rows: list[str]) -> bytes:
    table = "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"
    title = "<w:p><w:r><w:t>项目支出绩效目标表</w:t></w:r></w:p>"
    body = f"<w:body><wx:sect>{title}{table}</wx:sect></w:body>"
    return (WORD_HEAD + body + "</w:wordDocument>").encode("utf-8")


WORD_FORM = _word([
    _cell("项目名称") + _cell("甲县农村公路养护项目", span=3),
    _cell("一级指标") + _cell("二级指标") + _cell("三级指标") + _cell("指标值"),
    _cell("产出指标", '<w:vmerge w:val="restart"/>') + _cell("数量指标", '<w:vmerge w:val="restart"/>')
    + _cell("养护里程") + _cell("≥|1260公里"),
    _cell("", "<w:vmerge/>") + _cell("", "<w:vmerge/>") + _cell("修补面积") + _cell("4.8万平方米"),
])


def test_word_2003_xml_is_told_from_its_bytes_whatever_its_name():
    assert detect_format(WORD_FORM, "导出.doc") == "wordml"
    assert detect_format(SHEET, "导出.xls") == "spreadsheetml"
    assert detect_format(b"<?xml version='1.0'?><note>plain XML</note>", "a.xml") == "text"


def test_word_2003_xml_tables_read_as_a_docx_would_be():
    """Sections unwrapped, `w:gridSpan` across, the 2003 spelling `w:vmerge` down, a value's
    runs joined."""
    grid = read_wordml(WORD_FORM, "导出.doc")
    assert grid.reader == "wordml_table" and grid.notes == []
    title, table = grid.blocks
    assert isinstance(title, ProseBlock) and title.text == "项目支出绩效目标表"
    cells = {c.text: (c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.text}
    assert cells["甲县农村公路养护项目"] == (0, 1, 1, 3)
    assert cells["产出指标"] == (2, 0, 2, 1) and cells["数量指标"] == (2, 1, 2, 1)
    assert cells["≥1260公里"] == (2, 3, 1, 1) and cells["修补面积"] == (3, 2, 1, 1)
    document = extract_bytes(WORD_FORM, "导出.doc", "导出", "导出.doc")
    assert (document.source.format, document.source.layout) == ("docx", "wordml_table")
    form = document.forms[0]
    assert [(i.level1, i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("产出指标", "数量指标", "养护里程", "≥1260公里"),
        ("产出指标", "数量指标", "修补面积", "4.8万平方米")]


SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel">
 <Styles><Style ss:ID="money"><NumberFormat ss:Format="#,##0.00"/></Style>
  <Style ss:ID="fixed"><NumberFormat ss:Format="Fixed"/></Style></Styles>
 <Worksheet ss:Name="目标表"><Table>
  <Column ss:Index="5" ss:Hidden="1"/>
  <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">部门整体支出绩效目标表</Data></Cell></Row>
  <Row ss:Index="3"><Cell><Data ss:Type="String">资金总额</Data></Cell>
   <Cell ss:StyleID="money"><Data ss:Type="Number">2486.5</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">一级指标</Data></Cell><Cell><Data ss:Type="String">二级指标</Data></Cell>
   <Cell><Data ss:Type="String">三级指标</Data></Cell><Cell><Data ss:Type="String">指标值</Data></Cell>
   <Cell><Data ss:Type="String">校验</Data></Cell></Row>
  <Row><Cell ss:MergeDown="1"><Data ss:Type="String">产出指标</Data></Cell>
   <Cell ss:MergeDown="1"><Data ss:Type="String">数量指标</Data></Cell>
   <Cell><Data ss:Type="String">救助人数</Data></Cell><Cell><Data ss:Type="String">≥3420人</Data></Cell>
   <Cell><Data ss:Type="String">救助人数≥3420人</Data></Cell></Row>
  <Row><Cell ss:Index="3"><Data ss:Type="String">发放准确率</Data></Cell>
   <Cell ss:StyleID="fixed"><Data ss:Type="Number">100</Data></Cell></Row>
  <Row ss:Hidden="1"><Cell ss:Index="3"><Data ss:Type="String">作废指标</Data></Cell></Row>
 </Table></Worksheet>
 <Worksheet ss:Name="下拉"><Table><Row><Cell><Data ss:Type="String">产出指标</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">
   <Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>""".encode()


def test_excel_2003_xml_sheets_read_as_an_xlsx_would_be():
    """`ss:Index` skips cells and rows, `ss:MergeAcross`/`ss:MergeDown` merge, numbers show
    in their style's format (`Fixed` shows 100 as 100.00), hidden rows, columns and sheets
    are not read."""
    grid = read_spreadsheetml(SHEET, "导出.xls")
    assert grid.reader == "spreadsheetml_sheet"
    assert any("下拉" in note and "hidden" in note for note in grid.notes)
    shown = {c.text: (c.row, c.col, c.row_span, c.col_span, c.location) for table in grid.tables()
             for c in table.cells if c.text}
    assert shown["2486.50"][4] == "目标表!B3"
    assert shown["产出指标"][2] == 2 and shown["数量指标"][2] == 2
    assert shown["发放准确率"][4] == "目标表!C6" and "100.00" in shown
    assert "校验" not in shown and "救助人数≥3420人" not in shown and "作废指标" not in shown
    document = extract_bytes(SHEET, "导出.xls", "导出", "导出.xls")
    assert (document.source.format, document.source.layout) == ("xlsx", "spreadsheetml_sheet")
    form = document.forms[0]
    assert form.funding.total == 2486.5
    assert [(i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("数量指标", "救助人数", "≥3420人"), ("数量指标", "发放准确率", "100.00")]


@pytest.mark.parametrize("reader", [read_wordml, read_spreadsheetml])
def test_office_2003_xml_that_declares_entities_or_is_broken_is_refused(reader):
    bomb = (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?>'
            b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">&b;'
            b'</w:wordDocument>')
    with pytest.raises(UnreadableFile, match="entities"):
        reader(bomb, "bomb.doc")
    with pytest.raises(UnreadableFile, match="damaged"):
        reader(WORD_HEAD.encode() + b"<w:body><w:p>", "cut.doc")
