"""HTML reader: spans, source lines, ticks, encodings, and what must never be read."""

from __future__ import annotations

import io

import pytest
from lxml import html

from extract.grid import ProseBlock
from extract.readers.html import read_html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>t</title>
<style>td {{ color: red }}</style><script>var secret = "脚本内容";</script></head>
<body>
<nav>首页 &gt; 信息公开</nav>
<div class="breadcrumb">当前位置：首页</div>
<h2>2023年项目支出绩效目标表</h2>
<p>填报单位：某某局<br>填报日期：2023年1月</p>
<table border="1">
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td></tr>
<tr><td colspan="2">质量指标 合格率</td><td>&nbsp;95%&nbsp;</td></tr>
<tr><td>项目属性</td><td colspan="3"><input type="checkbox" checked>新增 <input type=checkbox>延续</td></tr>
</table>
<p style="display:none">隐藏文字</p>
<p>备注：以上数据<b>仅供</b>参考</p>
</body></html>
"""


def _grid(charset: str = "utf-8"):
    return read_html(PAGE.format(charset=charset).encode(charset), "page.html")


def test_spans_positions_and_source_lines():
    table = _grid().tables()[0]
    cells = {(c.row, c.col): c for c in table.cells}
    assert [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells] == [
        (0, 0, 2, 1, "产出指标"), (0, 1, 1, 1, "数量指标"), (0, 2, 1, 1, "培训人数"), (0, 3, 1, 1, "≥100人"),
        (1, 1, 1, 2, "质量指标合格率"), (1, 3, 1, 1, "95%"),
        (2, 0, 1, 1, "项目属性"), (2, 1, 1, 3, "☑新增 ☐延续")]
    assert cells[(1, 3)].line == 11 and cells[(1, 3)].location == "table 1, row 2, col 4"
    assert table.rows == "exact" and table.columns == "exact"


@pytest.mark.parametrize("charset", ["utf-8", "gb2312", "gbk", "gb18030", "utf-16"])
def test_encoding_from_the_meta_tag(charset):
    prose = [b.text for b in _grid(charset).blocks if isinstance(b, ProseBlock)]
    assert "2023年项目支出绩效目标表" in prose


def test_prose_in_order_without_navigation_scripts_or_hidden_text():
    grid = _grid()
    prose = [b.text for b in grid.blocks if isinstance(b, ProseBlock)]
    assert prose == ["2023年项目支出绩效目标表", "填报单位：某某局", "填报日期：2023年1月",
                     "备注：以上数据仅供参考"]
    everything = " ".join(prose + [c.raw for t in grid.tables() for c in t.cells])
    for never in ("脚本内容", "color", "首页", "当前位置", "隐藏文字"):
        assert never not in everything


def test_nested_and_layout_tables():
    page = """<html><body><table><tr><td>
      <h3>标题</h3>
      <table border=1><tr><td>项目名称</td><td>道路维修
         <table border=1><tr><td>子项</td><td>金额</td></tr></table></td></tr></table>
    </td></tr></table></body></html>""".encode()
    grid = read_html(page, "nested.html")
    assert [b.text for b in grid.blocks if isinstance(b, ProseBlock)] == ["标题"]
    outer, inner = grid.tables()
    assert [c.text for c in outer.cells] == ["项目名称", "道路维修"]
    assert [c.text for c in inner.cells] == ["子项", "金额"]
    assert inner.cells[0].location.startswith("table 2,")


def test_a_column_of_blocks_around_an_article_is_layout():
    """A CMS page's article column (built s77): one cell a row, the article's title and date
    line in cells of their own, then a cell of paragraphs and the form's tables. Its
    paragraphs are the page's prose in order (the form's heading among them), not one cell."""
    page = """<html><body><table>
      <tr><td>当前位置：首页 &gt; 绩效信息公开</td></tr>
      <tr><td>某局2024年度某项目绩效自评情况公开</td></tr>
      <tr><td><p>现将自评结果公开如下：</p><p>项目支出绩效自评表</p><p>（2024年度）</p>
        <table border=1><tr><td>项目名称</td><td>某项目</td></tr></table>
        <p>填报人：某人</p></td></tr>
    </table></body></html>""".encode()
    grid = read_html(page, "article.html")
    assert [b.text for b in grid.blocks if isinstance(b, ProseBlock)] == [
        "当前位置：首页 > 绩效信息公开", "某局2024年度某项目绩效自评情况公开", "现将自评结果公开如下：",
        "项目支出绩效自评表", "（2024年度）", "填报人：某人"]
    form, = grid.tables()
    assert [c.text for c in form.cells] == ["项目名称", "某项目"]


def test_a_form_laid_out_with_divs_is_read_as_its_blocks_text():
    """A CMS page that sets its form with `<div>`s as a CSS grid, no `<table>` (built t193):
    each block is one cell (`≥5.2` and `万亩` in two spans of one block are one value), read
    as text in the blocks' order; a cell keeps its block's line in the page."""
    from extract.pipeline import extract_bytes

    cells = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "推广良种面积",
             "<span>≥5.2</span>\n<span>万亩</span>", "培训蔗农人数", "<span>≥3000</span> <span>人次</span>",
             "满意度指标", "服务对象满意度指标", "受益蔗农满意度", "≥90%"]
    divs = "\n".join(f'<div class="g">{cell}</div>' for cell in cells)
    page = f"""<html><body><div class="nav">首页</div><p>项目支出绩效目标表</p>
      <div class="row"><div>项目名称</div><div>甲县良种推广项目</div></div>
      <div class="grid" style="display:grid">{divs}</div></body></html>""".encode()
    assert read_html(page, "divs.html").reader == "html_blocks"
    form = extract_bytes(page, "divs.html", "d", "divs.html").forms[0]
    assert form.project_name == "甲县良种推广项目"
    assert [(i.level2, i.name, str(i.target.value), i.target.unit) for i in form.indicators] == [
        ("数量指标", "推广良种面积", "5.2", "万亩"), ("数量指标", "培训蔗农人数", "3000", "人次"),
        ("服务对象满意度指标", "受益蔗农满意度", "90", "%")]
    assert form.indicators[0].line == 7  # the page's line of the row's first block (`产出指标`)


@pytest.mark.parametrize(("attrs", "expected"), [
    ('rowspan="100000"', 2), ('rowspan="0"', 1), ('rowspan="x"', 1), ('rowspan="2px"', 2), ("", 1)])
def test_absurd_spans_are_clamped(attrs, expected):
    page = f"<table><tr><td {attrs}>a</td><td>b</td></tr><tr><td>c</td></tr></table>".encode()
    first = read_html(page, "x.html").tables()[0].cells[0]
    assert first.row_span == expected


def test_pandas_read_html_agrees_on_a_rendered_form(rendered):
    """pandas (an independent span expander) sees the same slot texts."""
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("lxml")
    _stem, forms, data = rendered("html")[0]
    frames = pandas.read_html(io.StringIO(data.decode("utf-8")), header=None)
    grid_tables = read_html(data, "x.html").tables()
    assert len(frames) == len(grid_tables) == len(forms)
    for frame, table in zip(frames, grid_tables, strict=True):
        slots = {}
        for cell in table.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    slots[(r, c)] = "".join(cell.text.split())
        for (r, c), text in slots.items():
            value = frame.iat[r, c]
            assert "".join(str(value).split()) == text or (text == "" and pandas.isna(value))


def test_empty_and_broken_pages():
    assert read_html(b"", "e.html").blocks == []
    assert read_html(b"<html><body><table><tr><td>x", "cut.html").tables()[0].cells[0].text == "x"
    assert read_html(b'<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>',
                     "x.xhtml").blocks[0].text == "x"


def test_entity_declarations_are_not_expanded():
    bomb = ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>&c;</p></body></html>')
    grid = read_html(bomb.encode(), "bomb.html")
    assert all("aaaaaaaaaaaaaaaaaaaa" not in b.raw for b in grid.blocks if isinstance(b, ProseBlock))


def test_utf8_page_with_a_stale_gb2312_meta_tag():
    page = '<html><head><meta charset="gb2312"></head><body><p>项目名称</p></body></html>'.encode()
    assert read_html(page, "resaved.html").blocks[0].text == "项目名称"


def test_form_controls_show_their_values():
    page = ('<table><tr><td>项目名称</td><td><input type="text" value="道路维修"></td></tr>'
            '<tr><td>项目类型</td><td><select><option>新增</option><option selected>延续</option></select>'
            '</td></tr></table>').encode()
    assert [c.text for c in read_html(page, "form.html").tables()[0].cells] == [
        "项目名称", "道路维修", "项目类型", "延续"]


def test_prose_location_names_the_element():
    heading = next(b for b in _grid().blocks if isinstance(b, ProseBlock))
    assert heading.location == "<h2> at line 7"


def test_a_pdf_as_a_web_page_is_read_from_its_positions():
    """pdftohtml prints every line of a PDF as an absolutely positioned `<p>` (no table in
    the markup): the pieces are laid back out as lines by their `top` and `left` and read
    as a laid-out page (tests/golden/converted, t32)."""
    from extract.pipeline import extract_document
    from tests.golden_support import CONVERTED_DIR

    document = extract_document(CONVERTED_DIR / "t32_project_docx_nested.pdftohtml.html")
    assert document.source.layout == "html_positioned"
    form = document.forms[0]
    assert form.project_name == "桦沙县2024年送戏下乡惠民演出项目"
    assert ("送戏下乡演出场次", ">=") in [(row.name, row.target.op) for row in form.indicators]


def _hocr(lines: list[tuple[int, list[tuple[int, str]]]]) -> bytes:
    """tesseract's hOCR of one page: (top, [(left, word)]) lines, words 50 px a character."""
    spans = []
    for top, words in lines:
        boxes = [(left, left + 50 * len(text), text) for left, text in words]
        words_markup = "".join(f"<span class='ocrx_word' title='bbox {x0} {top} {x1} {top + 50}; "
                               f"x_wconf 90'>{text}</span>" for x0, x1, text in boxes)
        spans.append(f"<span class='ocr_line' title='bbox {boxes[0][0]} {top} {boxes[-1][1]} {top + 50}; "
                     f"x_size 50'>{words_markup}</span>")
    return ("<?xml version='1.0' encoding='UTF-8'?><html><head><meta name='ocr-system' content='tesseract'/>"
            "</head><body><div class='ocr_page' title='bbox 0 0 2480 3508'>" + "".join(spans)
            + "</div></body></html>").encode()


def test_an_ocr_engines_hocr_is_read_from_its_words_boxes():
    """tesseract's hOCR runs a printed line through several cells (`城乡低保 保障人数 8600人`
    in one `ocr_line`) and parts a row into lines of blocks; its words' boxes are laid back
    out as text (words of one cell closer than `_WORD_GAP`) and read as a laid-out page."""
    page = _hocr([
        (100, [(600, "部门整体支出绩效目标表")]),
        (300, [(200, "一级指标"), (500, "二级指标"), (900, "三级指标"), (1600, "指标值")]),
        (400, [(900, "城乡低保"), (1120, "保障人数"), (1600, "8600人")]),
        (470, [(500, "数量指标")]), (478, [(900, "新建互助养老点"), (1600, "12个")]),
        (560, [(200, "产出指标"), (500, "质量指标"), (900, "婚姻登记合格率"), (1600, "100%")]),
        (640, [(500, "时效指标"), (900, "低保金发放及时率"), (1600, "100%")]),
        (720, [(200, "效益指标"), (500, "社会效益指标"), (900, "社会救助兜底作用"), (1600, "明显增强")])])
    grid = read_html(page, "page.hocr.html")
    assert grid.reader == "html_hocr"
    rows = [[cell.text for cell in table.cells if cell.text] for table in grid.tables()]
    found = [text for row in rows for text in row]
    assert "城乡低保保障人数" in found and "8600人" in found
    assert {"新建互助养老点", "数量指标", "12个"} <= set(found)


def _bbox_layout(lines: list[tuple[int, list[tuple[int, str]]]]) -> bytes:
    """poppler's `pdftotext -bbox-layout`: one flow and block a cell, `<word>`s with their
    boxes in points inside `<line>`s; (top, [(left, word)]) lines, words 10.5 pt a character."""
    flows = []
    for top, words in lines:
        for left, text in words:
            right = left + 10.5 * len(text)
            box = f'xMin="{left}.000000" yMin="{top}.000000" xMax="{right:.6f}" yMax="{top + 10.5}"'
            flows.append(f"<flow><block {box}><line {box}><word {box}>{text}</word></line></block></flow>")
    return ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
            '<head><title></title></head><body><doc><page width="595.303937" height="841.889764">'
            + "".join(flows) + "</page></doc></body></html>").encode()


def test_poppler_bbox_layout_is_read_from_its_words_boxes():
    """A PDF's text layer as poppler's XHTML of word boxes (the merged cells' flows come
    last, out of reading order): the words are laid out where they stand."""
    page = _bbox_layout([
        (40, [(200, "项目支出绩效目标表")]),
        (80, [(60, "一级指标"), (140, "二级指标"), (220, "三级指标"), (380, "指标值")]),
        (100, [(220, "受益人数"), (380, "≥300人")]),
        (120, [(220, "培训场次"), (380, "≥12场")]),
        (140, [(140, "质量指标"), (220, "培训合格率"), (380, "≥95%")]),
        (160, [(140, "时效指标"), (220, "完成时间"), (380, "2025年底前")]),
        (180, [(60, "效益指标"), (140, "社会效益指标"), (220, "就业能力"), (380, "明显提升")]),
        (110, [(60, "产出指标"), (140, "数量指标")])])
    grid = read_html(page, "form.html")
    assert grid.reader == "pdftotext_bbox"
    rows = [[cell.text for cell in table.cells if cell.text] for table in grid.tables()]
    found = [text for row in rows for text in row]
    assert {"受益人数", "≥300人", "数量指标", "产出指标", "培训合格率"} <= set(found)


def _positioned_page(pieces: list[tuple[int, int, str, str]]) -> bytes:
    """A pdftohtml page: (top, left, class, text) pieces; ft1 is 15px CJK, ft2 15px Latin."""
    style = "<style>.ft1{font-size:15px;font-family:WenQuanYi}.ft2{font-size:15px;font-family:DejaVu}</style>"
    body = "".join(f'<p style="position:absolute;top:{top}px;left:{left}px;white-space:nowrap" '
                   f'class="{cls}">{text}</p>' for top, left, cls, text in pieces)
    page = f'<div style="position:relative;width:892px">{body}</div>'
    return f'<html><head><meta charset="utf-8">{style}</head><body>{page}</body></html>'.encode()


def test_pieces_a_converter_cut_at_a_font_change_are_one_cell():
    """pdftohtml starts a new `<p>` where the font changes (`≥1200` in a Latin font, `亩` in
    a CJK one) though no gap parts them; a gap of cell padding (0.7 of a character and
    more) parts two cells even between pieces of one font (built t208, t209)."""
    from extract.readers.positioned import positioned_lines

    rows = [(100 + 20 * k, 100, "ft1", f"行{k}") for k in range(20)]
    pieces = rows + [
        (600, 100, "ft1", "新增耕地"), (600, 170, "ft2", "≥1200"), (600, 213, "ft1", "亩"),
        (620, 100, "ft1", "耕地保护与占补平"), (620, 231, "ft1", "实施土地综合整治"),
        (640, 100, "ft1", "汾岚县 2025 “"), (640, 180, "ft1", "年 文化惠民·"),
    ]
    lines = positioned_lines(html.fromstring(_positioned_page(pieces)))
    assert [line.split() for line in lines[-3:]] == [
        ["新增耕地", "≥1200亩"], ["耕地保护与占补平", "实施土地综合整治"],
        ["汾岚县", "2025", "“年", "文化惠民·"]]
    assert "“年" in lines[-1] and "2025 “年" in lines[-1]


def test_a_page_with_a_few_positioned_boxes_is_read_by_its_markup():
    """A web page with a floating banner or two keeps its tables."""
    from extract.readers.html import read_html

    boxes = "".join(f"<div style='position:absolute;top:{k}px;left:0px'>广告{k}</div>" for k in range(5))
    page = (f"<html><body>{boxes}<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td>"
            "<td>指标值</td></tr><tr><td>产出指标</td><td>数量指标</td><td>受益人数</td>"
            "<td>≥300人</td></tr></table></body></html>")
    assert read_html(page.encode(), "page.html").reader == "html_table"


def test_markdown_with_a_raw_html_table_reads_its_pipe_table_by_lines():
    text = "\n".join([
        "**项目支出绩效自评表**", "",
        "<table>", "<tr><th>项目名称</th><th colspan=\"2\">某项目</th></tr>",
        "<tr><td rowspan=\"2\"><p>项目资金</p>",
        "<p>（万元）</p></td><td>全年预算数</td><td>648.75</td></tr>",
        "<tr><td>其中：财政拨款</td><td>612.00</td></tr>", "</table>", "",
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
        "|----------|----------|----------|------------|------------|",
        "| 产出指标 | 数量指标 | 老年人健康管理人数 | ≥2.6万人 | 2.71万人 |",
        "|          |          | 儿童健康管理率 | ≥90% | 93.2% |", ""])
    grid = read_html(text.encode("utf-8"), "form.md")
    assert grid.reader == "markdown_html"
    html, pipes = grid.tables()
    assert [cell.text for cell in html.cells][:2] == ["项目名称", "某项目"]
    assert [cell.line for cell in html.cells if cell.text == "612.00"] == [7]
    rows = [[cell.text for cell in row if cell.text] for row in pipes.printed_rows()]
    assert rows[1:] == [["产出指标", "数量指标", "老年人健康管理人数", "≥2.6万人", "2.71万人"],
                        ["儿童健康管理率", "≥90%", "93.2%"]]
    assert [cell.line for cell in pipes.cells if cell.text == "儿童健康管理率"] == [13]


def test_a_page_with_a_pipe_rule_in_a_paragraph_stays_a_page():
    page = "<html><body><p>|---|---|</p><table><tr><td>项目名称</td><td>甲</td></tr></table></body></html>"
    assert read_html(page.encode("utf-8"), "p.html").reader == "html_table"


ELEMENT_TABLE = """<html><body><div class="el-form">
<div class="el-form-item"><label class="el-form-item__label">项目名称</label>
<div class="el-form-item__content">甲县农村公路养护项目</div></div>
<div class="el-form-item"><label class="el-form-item__label">主管部门：</label>
<div class="el-form-item__content"><span>甲县交通运输局</span></div></div>
<div class="el-form-item"><label>联系人</label></div></div>
<div class="el-table"><div class="el-table__header-wrapper"><table class="el-table__header">
<thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th>
<th class="gutter"></th></tr></thead>
</table></div><div class="el-table__body-wrapper"><table class="el-table__body"><tbody>
<tr><td rowspan="2">产出指标</td><td rowspan="2">数量指标</td><td>养护里程</td><td>≥1260公里</td></tr>
<tr><td>修补面积</td><td>4.8万平方米</td></tr></tbody></table></div>
<div class="el-table__fixed"><table class="el-table__header"><thead><tr><th>一级指标</th><th>二级指标</th>
</tr></thead></table><table class="el-table__body"><tbody><tr><td rowspan="2">产出指标</td>
<td rowspan="2">数量指标</td></tr><tr></tr></tbody></table></div></div></body></html>"""


def test_a_ui_frameworks_table_reads_once_with_its_header_and_its_form_items_labelled():
    """A table of headings alone, then a table as wide: one table (Element UI draws its
    header and its body apart); a copy of its fixed columns drawn over it is left out
    (noted); a form item's label opens the line of its content (`项目名称：…`), a label no
    content follows stands alone."""
    grid = read_html(ELEMENT_TABLE.encode(), "page.html")
    assert [b.text for b in grid.blocks if isinstance(b, ProseBlock)] == [
        "项目名称：甲县农村公路养护项目", "主管部门：甲县交通运输局", "联系人"]
    (table,) = grid.tables()
    assert [(c.row, c.col, c.row_span, c.text) for c in table.cells if c.col < 2 and c.text] == [
        (0, 0, 1, "一级指标"), (0, 1, 1, "二级指标"), (1, 0, 2, "产出指标"), (1, 1, 2, "数量指标")]
    assert any("repeats an earlier table's cells" in note for note in grid.notes)


def test_a_header_table_stays_apart_from_a_table_of_another_width_or_after_text():
    page = ("<table><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th></tr></thead></table>"
            "<table><tr><td>项目名称</td><td>甲</td></tr></table><p>说明</p>"
            "<table><thead><tr><th>指标名称</th><th>指标值</th></tr></thead></table><p>注</p>"
            "<table><tr><td>产出指标</td><td>数量指标</td></tr></table>")
    assert len(read_html(page.encode(), "page.html").tables()) == 4


def _flex_rows(rows: list[list[str]], style: str = "display:flex;flex-flow:row") -> str:
    boxes = "".join(f'<section style="{style}">' + "".join(
        f'<section style="display:inline-block;width:20%"><p><span>{text}</span></p></section>'
        for text in row) + "</section>" for row in rows)
    return f'<section style="margin:0px 0% 16px">{boxes}</section>'


def test_rows_of_boxes_set_side_by_side_by_css_are_a_table():
    """秀米's form in a WeChat article: no `<table>`, rows of boxes laid out by `display:flex`
    (built s158); each row a table row, each box a cell, so its header fields and money block
    read as a table's."""
    rows = [["项目名称", "甲县学生资助项目"], ["主管部门", "甲县教育局", "实施单位", "甲县学生资助管理中心"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"],
            ["年度资金总额", "2350.00", "2412.60", "2398.45", "99.41%"]]
    page = f"<html><body><p>项目支出绩效自评表</p>{_flex_rows(rows)}</body></html>"
    grid = read_html(page.encode(), "a.html")
    (table,) = grid.tables()
    assert [[cell.text for cell in row] for row in table.printed_rows()] == rows
    assert grid.reader == "html_table"
    stacked = _flex_rows(rows, "display:flex;flex-direction:column")  # a column of boxes: no rows
    two = _flex_rows(rows[:2])  # two rows of boxes: a page's bar, not a form's table
    for page in (stacked, two):  # (their boxes are read as lines of text, as a page's blocks)
        read = read_html(f"<html><body>{page}</body></html>".encode(), "b.html")
        assert not any(cell.location.startswith("boxes") for table in read.tables() for cell in table.cells)
