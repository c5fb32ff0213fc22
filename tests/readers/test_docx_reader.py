"""DOCX reader: merges by cell element, irregular merges, nested tables, ticks, order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extract.grid import ProseBlock, TableBlock
from extract.reader import UnreadableFile
from extract.readers.docx import read_docx
from extract.readers.html import read_html

W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _form() -> bytes:
    doc = Document()
    doc.add_paragraph("2023年度项目支出绩效目标表")
    table = doc.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "产出指标"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "数量指标"
    table.cell(2, 1).text = "质量指标"
    for r, (name, value) in enumerate([("培训人数", "≥100人"), ("培训场次", "≥5场"), ("合格率", "≥95%")]):
        table.cell(r, 2).text = name
        table.cell(r, 3).text = value
    last = table.cell(3, 0).merge(table.cell(3, 3))
    last.text = "备注"
    last.add_paragraph("第二行")
    doc.add_paragraph("")  # empty paragraphs are not blocks
    doc.add_paragraph("填报人：张三")
    return _save(doc)


def test_merged_cells_are_one_cell_with_spans():
    grid = read_docx(_form(), "form.docx")
    assert grid.reader == "docx_table" and not grid.notes
    (table,) = grid.tables()
    assert table.rows == "exact" and table.columns == "exact"
    assert [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells] == [
        (0, 0, 3, 1, "产出指标"), (0, 1, 2, 1, "数量指标"), (0, 2, 1, 1, "培训人数"), (0, 3, 1, 1, "≥100人"),
        (1, 2, 1, 1, "培训场次"), (1, 3, 1, 1, "≥5场"),
        (2, 1, 1, 1, "质量指标"), (2, 2, 1, 1, "合格率"), (2, 3, 1, 1, "≥95%"),
        (3, 0, 1, 4, "备注第二行")]
    assert table.cells[-1].raw == "备注\n第二行"


def test_blocks_in_order_with_running_lines():
    grid = read_docx(_form(), "form.docx")
    kinds = [(type(b).__name__, b.line, b.last_line) for b in grid.blocks]
    assert kinds == [("ProseBlock", 1, 1), ("TableBlock", 2, 5), ("ProseBlock", 6, 6)]
    first = grid.tables()[0].cells[0]
    assert (first.line, first.last_line, first.location) == (2, 4, "table 1, row 1, col 1")


def test_nested_table_follows_its_outer_table():
    doc = Document()
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "项目名称"
    holder = outer.cell(0, 1)
    holder.text = "道路维修"
    inner = holder.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "子项"
    inner.cell(0, 1).text = "金额"
    grid = read_docx(_save(doc), "nested.docx")
    first, second = grid.tables()
    assert [c.text for c in first.cells] == ["项目名称", "道路维修"]
    assert [c.text for c in second.cells] == ["子项", "金额"]
    assert second.cells[0].location == "table 2, row 1, col 1"


def test_irregular_vertical_merge_does_not_crash():
    """A continuation cell wider than the cell above: kept as its own cell, noted."""
    doc = Document()
    table = doc.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "上"
    table.cell(0, 2).text = "右上"
    top = table.rows[0]._tr.tc_lst[0]
    top.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")} w:val="restart"/>'))
    below = table.rows[1]._tr.tc_lst[0]
    below.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")}/>'))  # continue, span 1 ≠ 2
    table.cell(1, 2).text = "右下"
    grid = read_docx(_save(doc), "odd.docx")
    cells = {(c.row, c.col): c for c in grid.tables()[0].cells}
    assert cells[(0, 0)].row_span == 1 and cells[(0, 0)].col_span == 2
    assert (1, 0) in cells and cells[(1, 2)].text == "右下"
    assert any("merge continues no cell above" in note for note in grid.notes)


def test_grid_before_shifts_the_row():
    doc = Document()
    table = doc.add_table(rows=2, cols=3)
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])
    row.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    row.tc_lst[0].xpath("./w:p")[0].append(parse_xml(f'<w:r {nsdecls("w")}><w:t>B</w:t></w:r>'))
    cells = [(c.row, c.col, c.text) for c in read_docx(_save(doc), "x.docx").tables()[0].cells]
    assert (1, 1, "B") in cells


def test_check_boxes_become_ticks():
    doc = Document()
    paragraph = doc.add_paragraph("项目属性：")
    p = paragraph._p
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>新增</w:t></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings 2" w:char="F0A3"/></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">延续 </w:t></w:r>'))
    for checked in ("1", "0"):
        p.append(parse_xml(
            f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w14:checkbox><w14:checked w14:val="{checked}"/>'
            '</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>'))
        label = "一次性" if checked == "1" else "经常性"
        p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>{label}</w:t></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> √本级 □下拨</w:t></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:delText>删除的字</w:delText></w:r>'))
    (block,) = read_docx(_save(doc), "ticks.docx").blocks
    assert isinstance(block, ProseBlock)
    assert block.raw == "项目属性：☑新增☐延续 ☑一次性☐经常性 √本级 □下拨"


def test_content_controls_showing_their_prompt_hold_nothing():
    """A template's content controls (`w:sdt`) around a run, around a whole cell and around
    paragraphs: what was typed in them is read; one still showing its prompt
    (`w:showingPlcHdr`, `单击或点击此处输入文字。`) holds nothing."""
    def control(inner: str, prompt: bool) -> str:
        shown = "<w:showingPlcHdr/>" if prompt else ""
        return f"<w:sdt><w:sdtPr>{shown}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"

    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    prompt = "单击或点击此处输入文字。"
    run = '<w:r><w:t>{}</w:t></w:r>'
    row = (f'<w:tr>{cell("指标值")}<w:tc><w:p>{control(run.format("≥95%"), False)}</w:p></w:tc>'
           f'{control(cell(prompt), True)}<w:tc><w:p>{control(run.format(prompt), True)}</w:p></w:tc></w:tr>')
    doc = Document()
    body = doc.element.body
    body.insert(0, parse_xml(f'<w:tbl {nsdecls("w")}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/>'
                             f'<w:gridCol/></w:tblGrid>{row}</w:tbl>'))
    body.insert(1, parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                             f'<w:p><w:r><w:t>{prompt}</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    grid = read_docx(_save(doc), "controls.docx")
    (table,) = [block for block in grid.blocks if isinstance(block, TableBlock)]
    assert [cell.text for cell in table.cells] == ["指标值", "≥95%", "", ""]
    assert not any(prompt in block.text for block in grid.blocks if isinstance(block, ProseBlock))


@pytest.mark.parametrize(("runs", "shown"), [
    ('<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r><w:r><w:t>95%</w:t></w:r>', "≥95%"),
    ('<w:r><w:sym w:font="Symbol" w:char="F0A3"/></w:r><w:r><w:t>30天</w:t></w:r>', "≤30天"),
    ('<w:r><w:sym w:font="Symbol" w:char="F03E"/></w:r><w:r><w:t>5</w:t></w:r>', ">5"),
    ('<w:r><w:sym w:font="Symbol" w:char="B9"/></w:r><w:r><w:t>0</w:t></w:r>', "≠0"),
    ('<w:r><w:rPr><w:vanish/></w:rPr><w:t>≥80%</w:t></w:r><w:r><w:t>≥90%</w:t></w:r>', "≥90%"),
    ('<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>≥90%</w:t></w:r>', "≥90%"),
])
def test_symbol_signs_are_drawn_and_hidden_text_is_not(runs, shown):
    """A sign from Insert ▸ Symbol is a Symbol-font code (`F0B3` draws `≥`); a run
    formatted as hidden text is neither shown nor printed by Word."""
    doc = Document()
    p = doc.add_paragraph()._p
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>目标值</w:t></w:r>'))
    for run in parse_xml(f'<w:p {nsdecls("w")}>{runs}</w:p>').iterchildren():
        p.append(run)
    (block,) = read_docx(_save(doc), "signs.docx").blocks
    assert block.raw == "目标值" + shown


def test_a_worksheet_embedded_as_an_object_is_read_where_it_stands():
    """Paste Special ▸ Excel Worksheet Object: Word shows a picture of the cells, the cells
    are in the embedded workbook, read by its own reader where the object stands."""
    import openpyxl
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    book = openpyxl.Workbook()
    book.active.append(["一级指标", "二级指标", "三级指标", "指标值"])
    book.active.append(["产出指标", "数量指标", "培训人数", "≥100人"])
    workbook = io.BytesIO()
    book.save(workbook)
    doc = Document()
    doc.add_paragraph("项目支出绩效目标表")
    part = Part(PackURI("/word/embeddings/Microsoft_Excel_Worksheet.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                workbook.getvalue(), doc.part.package)
    rid = doc.part.relate_to(part, RELATIONSHIP_TYPE.PACKAGE)
    doc.add_paragraph()._p.append(parse_xml(
        f'<w:r {nsdecls("w", "r")} xmlns:o="urn:schemas-microsoft-com:office:office"><w:object>'
        f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="{rid}"/></w:object></w:r>'))
    doc.add_paragraph("填报人：张三")
    grid = read_docx(_save(doc), "ole.docx")
    title, table, signed = grid.blocks
    assert (title.text, signed.text) == ("项目支出绩效目标表", "填报人：张三")
    assert [c.text for c in table.cells][-2:] == ["培训人数", "≥100人"]
    assert table.cells[0].line == 2 and signed.line == 4
    assert any("embedded worksheet" in note for note in grid.notes)


def test_a_picture_the_size_of_a_table_is_read_by_ocr_where_it_stands(monkeypatch):
    """A screenshot of a form pasted into Word is read by OCR where it stands; a logo or a
    seal (a small picture) is not sent to OCR."""
    from PIL import Image

    from extract.grid import Grid
    from extract.readers import FORMAT_READERS

    seen: list[tuple[int, int]] = []

    def ocr(data: bytes, name: str) -> Grid:
        with Image.open(io.BytesIO(data)) as picture:
            seen.append(picture.size)
        return Grid(blocks=[ProseBlock(text="产出指标 数量指标 培训人数 ≥100人", raw="", line=1)],
                    reader="image_ocr")

    monkeypatch.setitem(FORMAT_READERS, "image", ocr)
    doc = Document()
    doc.add_paragraph("四、年度绩效指标：")
    for size in ((1200, 800), (200, 200)):
        picture = io.BytesIO()
        Image.new("L", size, 255).save(picture, "PNG")
        picture.seek(0)
        doc.add_picture(picture)
    doc.add_paragraph("填报人：张三")
    grid = read_docx(_save(doc), "picture.docx")
    assert seen == [(1200, 800)]
    assert [b.text for b in grid.blocks] == ["四、年度绩效指标：", "产出指标 数量指标 培训人数 ≥100人",
                                             "填报人：张三"]
    assert [b.line for b in grid.blocks] == [1, 2, 3]


def _anchored_box(left: int, top: int, text: str) -> str:
    """A text box anchored at an offset (EMU), 10 pt text, as LibreOffice's PDF import
    writes each printed line."""
    return (f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
            f'wordprocessingShape"><w:drawing><wp:anchor><wp:positionH relativeFrom="column"><wp:posOffset>'
            f'{left}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>{top}'
            f'</wp:posOffset></wp:positionV><wp:extent cx="{127000 * len(text)}" cy="180000"/><a:graphic>'
            '<a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:rPr><w:sz w:val="20"/></w:rPr>'
            f'<w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></w:r>')


def test_a_page_of_positioned_text_boxes_is_laid_out_by_where_they_stand():
    """A PDF turned into Word (LibreOffice's PDF import) writes every printed line as a text
    box at its place, in no reading order: the boxes are laid back out as lines by their
    offsets and read as a laid-out page, the table's rows whole."""
    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥100人"],
            ["", "质量指标", "培训合格率", "≥95%"], ["效益指标", "社会效益指标", "就业率", "≥80%"]]
    placed = [(column * 1_000_000 + (1_000_000 if column == 3 else 0), row * 300_000, text)
              for row, cells in enumerate(rows) for column, text in enumerate(cells) if text]
    doc = Document()
    doc.add_paragraph("项目支出绩效目标表")
    p = doc.add_paragraph()._p
    for left, top, text in reversed(placed):  # (their order in the file says nothing)
        p.append(parse_xml(_anchored_box(left, top, text)))
    grid = read_docx(_save(doc), "imported.docx")
    table = grid.tables()[0]
    by_row: dict[int, list[str]] = {}
    for cell in table.cells:
        if cell.text:
            by_row.setdefault(cell.row, []).append(cell.text)
    assert list(by_row.values()) == [cells for cells in ([c for c in row if c] for row in rows)]


def test_empty_document():
    grid = read_docx(_save(Document()), "empty.docx")
    assert grid.blocks == [] and not [b for b in grid.blocks if isinstance(b, TableBlock)]


def test_uses_the_underlying_xml_not_repeated_cells():
    """python-docx's row.cells repeats a merged cell per slot; the reader must not."""
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "全并"
    assert len(table.rows[0].cells) == 2 and table.rows[0].cells[0]._tc is table.rows[0].cells[1]._tc
    cells = read_docx(_save(doc), "x.docx").tables()[0].cells
    assert [(c.row, c.col, c.row_span, c.col_span, c.text) for c in cells] == [(0, 0, 2, 2, "全并")]


CONVERTED = Path(__file__).resolve().parent.parent / "golden" / "converted"
BUILT = CONVERTED.parent / "built"


def _replaced(package: bytes, members: dict[str, bytes]) -> bytes:
    """The .docx with some members' bytes replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item.filename, members.pop(item.filename, source.read(item.filename)))
        for name, data in members.items():
            target.writestr(name, data)
    return out.getvalue()


def _cells(grid) -> list[list[str]]:
    return [[c.text for c in table.cells] for table in grid.tables()]


@pytest.mark.parametrize("stem", ["t12_project_page", "s09_self_eval_page"])
def test_a_page_the_body_imports_is_read_where_it_stands(stem: str):
    """`w:altChunk` (a web page a system exported to Word, as an .htm or a .mht part): the
    page's tables, as the HTML reader reads the page, with where they came from."""
    grid = read_docx((CONVERTED / f"{stem}.docx_altchunk.docx").read_bytes(), "export.docx")
    page = read_html((BUILT / f"{stem}.html").read_bytes(), f"{stem}.html")
    assert _cells(grid) == _cells(page) and grid.tables()
    first = grid.tables()[0].cells[0]
    assert first.location.startswith("chunk 1 (/word/afchunk.") and first.line >= 1


def test_an_imported_part_that_is_missing_or_of_another_kind_is_noted():
    package = (CONVERTED / "t12_project_page.docx_altchunk.docx").read_bytes()
    rels = "word/_rels/document.xml.rels"
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        relationships = source.read(rels)
    missing = _replaced(package, {rels: relationships.replace(b'Id="htmlChunk"', b'Id="other"')})
    assert any("missing" in note for note in read_docx(missing, "a.docx").notes)
    picture = _replaced(package, {"word/afchunk.htm": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64})
    grid = read_docx(picture, "b.docx")
    assert not grid.blocks and any("(image) is not read" in note for note in grid.notes)


def test_the_page_header_is_read_before_the_body():
    """A template prints the unit's name and code in the page header, on every page and
    nowhere else (built t215): the header is read first, as the top of the page shows it."""
    doc = Document()
    header = doc.sections[0].header
    header.paragraphs[0].text = "部门（单位）名称：岐川县市场监督管理局"
    doc.add_paragraph("2025年度部门整体支出绩效目标表")
    grid = read_docx(_save(doc), "header.docx")
    assert [b.text for b in grid.blocks if isinstance(b, ProseBlock)] == [
        "部门（单位）名称：岐川县市场监督管理局", "2025年度部门整体支出绩效目标表"]
    plain = Document()
    plain.add_paragraph("2025年度部门整体支出绩效目标表")
    blocks = read_docx(_save(plain), "plain.docx").blocks
    assert [b.text for b in blocks] == ["2025年度部门整体支出绩效目标表"]


def test_a_form_typed_at_tab_stops_without_a_table_is_read_as_its_rows():
    doc = Document()
    doc.add_paragraph("2024年度项目支出绩效目标表")
    doc.add_paragraph("项目名称：农村饮水安全巩固提升工程")
    for line in ["一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t新建改造管网长度\t≥45公里",
                 "\t\t维修养护供水工程\t≥12处", "\t质量指标\t工程验收合格率\t100%"]:
        doc.add_paragraph(line)
    doc.add_paragraph("填报人：廖晓芸")
    grid = read_docx(_save(doc), "t.docx")
    tables = grid.tables()
    assert len(tables) == 1
    rows = [[cell.text for cell in row if cell.text] for row in tables[0].printed_rows()]
    assert rows[1] == ["产出指标", "数量指标", "新建改造管网长度", "≥45公里"]
    assert rows[2] == ["维修养护供水工程", "≥12处"]
    assert [cell.line for cell in tables[0].cells if cell.text == "工程验收合格率"] == [6]
    assert [block.text for block in grid.blocks if isinstance(block, ProseBlock)][-1] == "填报人：廖晓芸"


def test_paragraphs_with_a_tab_here_and_there_stay_prose():
    doc = Document()
    for line in ["项目名称：\t某项目", "年度目标：完成任务", "填报人：\t某人"]:
        doc.add_paragraph(line)
    grid = read_docx(_save(doc), "t.docx")
    assert not grid.tables()
    assert [block.text for block in grid.blocks] == ["项目名称：某项目", "年度目标：完成任务", "填报人：某人"]


MC_NS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
         'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
         'xmlns:v="urn:schemas-microsoft-com:vml"')


def test_a_table_in_a_text_box_is_read_once_where_the_box_is_anchored():
    """A user draws a text box and pastes the form's table into it (built t255): Word writes
    the box twice, a shape and its VML fallback; the table is read once, after the paragraph
    that anchors it and before the paragraphs below."""
    doc = Document()
    doc.add_paragraph("2025年度项目支出绩效目标申报表")
    anchor = doc.add_paragraph("")
    table = doc.add_table(rows=1, cols=3)
    for col, text in enumerate(["产出指标", "新建管网长度", "≥12.6公里"]):
        table.cell(0, col).text = text
    tbl = table._tbl
    tbl.getparent().remove(tbl)
    content = tbl.xml  # (its namespace declared again inside the box: still Word's XML)
    box = (f'<w:r {nsdecls("w")} {MC_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
           f'<wps:wsp><wps:txbx><w:txbxContent>{content}<w:p/></w:txbxContent></wps:txbx></wps:wsp>'
           f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
           f'{content}<w:p/></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
           f'</mc:AlternateContent></w:r>')
    anchor._p.append(parse_xml(box))
    doc.add_paragraph("填报人：张三")
    grid = read_docx(_save(doc), "box.docx")
    kinds = [type(block).__name__ for block in grid.blocks]
    assert kinds == ["ProseBlock", "TableBlock", "ProseBlock"]
    assert [cell.text for cell in grid.blocks[1].cells] == ["产出指标", "新建管网长度", "≥12.6公里"]
    assert any("text boxes" in note for note in grid.notes)


def test_a_merge_drawn_by_switching_borders_off_is_one_cell():
    """`数量指标` typed once in the middle of its group, the cells above and below it empty
    and the borders between them switched off, reads as one cell over the group; a label
    under a drawn border starts a cell of its own, and so does text under text."""
    doc = Document()
    table = doc.add_table(rows=5, cols=2)
    labels = ["", "数量指标", "", "质量指标", "时效指标"]
    names = ["培训人数", "培训场次", "发放册数", "合格率", "完成时间"]
    borders = [("bottom",), ("top", "bottom"), ("top",), ("bottom",), ("top",)]
    for r, (label, name, sides) in enumerate(zip(labels, names, borders, strict=True)):
        cell = table.cell(r, 0)
        cell.text = label
        off = "".join(f'<w:{side} w:val="nil"/>' for side in sides)
        cell._tc.get_or_add_tcPr().append(parse_xml(f"<w:tcBorders {nsdecls('w')}>{off}</w:tcBorders>"))
        table.cell(r, 1).text = name
    (grid,) = read_docx(_save(doc), "form.docx").tables()
    assert [(c.row, c.row_span, c.text) for c in grid.cells if c.col == 0] == [
        (0, 3, "数量指标"), (3, 1, "质量指标"), (4, 1, "时效指标")]


def _with_main_type(data: bytes, content_type: str) -> bytes:
    """The package with its document part's content type changed (what Word writes for a
    macro-enabled `.docm` or a template), every part else as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                part = part.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                                    b".main+xml", content_type.encode())
            target.writestr(item, part)
    return out.getvalue()


@pytest.mark.parametrize("content_type", [
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
])
def test_macro_enabled_documents_and_templates_read_as_the_document_they_hold(content_type):
    grid = read_docx(_with_main_type(_form(), content_type), "form.docm")
    assert [(c.text, c.row_span) for c in grid.tables()[0].cells][:2] == [("产出指标", 3), ("数量指标", 2)]


def test_a_package_whose_main_part_is_no_word_document_is_refused():
    data = _with_main_type(_form(), "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    with pytest.raises(UnreadableFile, match="not a Word document"):
        read_docx(data, "odd.docx")
