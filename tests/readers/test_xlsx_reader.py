"""XLSX reader: values as Excel shows them, merged ranges, every sheet, caps."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from extract.grid import ProseBlock
from extract.readers import xlsx as xlsx_reader
from extract.readers.safety import LIMITS
from extract.readers.xlsx import display_value, read_xlsx


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (None, "General", ""),
    (10.25, "General", "10.25"),
    (265.5, "0.00", "265.50"),
    (4000, "#,##0.00", "4000.00"),
    (100.0, "General", "100"),
    (0.1 + 0.2, "General", "0.3"),  # Excel shows 15 significant digits
    (99.42999999999999, "General", "99.43"),  # a formula's cached sum (built s13's 总分)
    (0.9760845600155633, "0.00%", "97.61%"),
    (0.95, "0%", "95%"),
    (0.955, "0.0%", "95.5%"),
    (3, "0", "3"),
    (12345678901234, "General", "12345678901234"),
    (dt.datetime(2023, 1, 1), "yyyy-mm-dd", "2023-01-01"),
    (dt.datetime(2023, 1, 1), 'yyyy"年"m"月"d"日"', "2023年1月1日"),
    (dt.datetime(2023, 12, 31, 8, 30), "yyyy-mm-dd hh:mm", "2023-12-31 08:30"),
    (dt.datetime(2023, 12, 31, 8, 30), "General", "2023-12-31 08:30:00"),
    (dt.date(2024, 2, 29), "General", "2024-02-29"),
    # a date as its format shows it (built t216, t217, s99: LibreOffice-saved workbooks)
    (dt.datetime(2024, 6, 30), "yyyy/m/d", "2024/6/30"),
    (dt.datetime(2024, 12, 31), "yyyy\\年m\\月", "2024年12月"),
    (dt.datetime(2024, 4, 30), 'yyyy\\年m\\月d"日前"', "2024年4月30日前"),
    (dt.datetime(2024, 4, 3), "[$-804]yyyy/mm/dd;@", "2024/04/03"),
    (dt.datetime(2024, 4, 3, 9, 5), "h:mm", "9:05"),  # `m` after an hour is minutes
    (dt.datetime(2024, 4, 3), "mm-dd-yy", "2024/4/3"),  # the system's short date, in Chinese
    (True, "General", "TRUE"),
    ("≥95%", "@", "≥95%"),
    # the text a format writes around the number: operator and unit kept beside a real number
    (12, '"≥"0"座"', "≥12座"),
    (48600, '#,##0"株"', "48600株"),
    (5, '0"万元"', "5万元"),
    (7, 'General"人"', "7人"),
    (265.5, "0.00_ ", "265.50"),  # padding shows nothing
    (1234.5, "[$¥-804]#,##0.00", "¥1234.50"),
    (-3, "#,##0.00_);[Red](#,##0.00)", "(3.00)"),  # the negative section writes its brackets
    (0, '0;-0;"—"', "—"),  # the zero section, text alone
    (9326218457, "0000-0000000", "9326218457"),  # text between digit codes is left out
])
def test_values_as_excel_shows_them(value, fmt, shown):
    assert display_value(value, fmt) == shown


def _book(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _form(book):
    sheet = book.active
    sheet.title = "目标表"
    sheet["A1"] = "2023年项目支出绩效目标表"
    sheet.merge_cells("A1:D1")
    sheet["A2"], sheet["B2"] = "项目名称", "道路维修"
    sheet.merge_cells("B2:D2")
    sheet["A3"], sheet["B3"], sheet["C3"] = "产出指标", "数量指标", "维修里程"
    sheet["D3"] = 12.5
    sheet["D3"].number_format = "0.00"
    sheet.merge_cells("A3:A4")
    sheet["B4"], sheet["C4"], sheet["D4"] = "质量指标", "验收合格率", 1
    sheet["D4"].number_format = "0%"
    sheet["A5"], sheet["B5"] = "填报日期", dt.datetime(2023, 3, 1)
    sheet["B5"].number_format = "yyyy-mm-dd"
    sheet["A7"] = "联系人：李四"
    second = book.create_sheet("第二张")
    second["B2"], second["C2"] = "部门名称", "某某局"


def test_sheets_tables_prose_and_merges():
    grid = read_xlsx(_book(_form), "form.xlsx")
    assert grid.reader == "xlsx_sheet"
    prose = [b for b in grid.blocks if isinstance(b, ProseBlock)]
    assert [(p.text, p.location) for p in prose] == [("2023年项目支出绩效目标表", "目标表!A1"),
                                                     ("联系人：李四", "目标表!A7")]
    first, second = grid.tables()
    assert [(c.row, c.col, c.row_span, c.col_span, c.text, c.location) for c in first.cells] == [
        (0, 0, 1, 1, "项目名称", "目标表!A2"), (0, 1, 1, 3, "道路维修", "目标表!B2"),
        (1, 0, 2, 1, "产出指标", "目标表!A3"), (1, 1, 1, 1, "数量指标", "目标表!B3"),
        (1, 2, 1, 1, "维修里程", "目标表!C3"), (1, 3, 1, 1, "12.50", "目标表!D3"),
        (2, 1, 1, 1, "质量指标", "目标表!B4"), (2, 2, 1, 1, "验收合格率", "目标表!C4"),
        (2, 3, 1, 1, "100%", "目标表!D4"),
        (3, 0, 1, 1, "填报日期", "目标表!A5"), (3, 1, 1, 1, "2023-03-01", "目标表!B5"),
        (3, 2, 1, 1, "", "目标表!C5"), (3, 3, 1, 1, "", "目标表!D5")]
    assert [(c.text, c.location) for c in second.cells] == [("部门名称", "第二张!B2"),
                                                            ("某某局", "第二张!C2")]
    assert [b.line for b in grid.blocks] == [1, 2, 6, 7]
    assert first.cells[2].last_line == 4  # 产出指标 spans grid rows 3 and 4


def _with_sheet_xml(data: bytes, replace) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = replace(body)
            target.writestr(item, body)
    return out.getvalue()


def test_formulas_give_their_cached_values():
    def build(book):
        book.active["A1"], book.active["B1"] = "合计", "=1+1"
    def cache(xml: bytes) -> bytes:  # openpyxl writes no cached value; Excel would
        return xml.replace(b"<v></v>", b"").replace(b"<f>1+1</f>", b"<f>1+1</f><v>2</v>")

    data = _with_sheet_xml(_book(build), cache)
    grid = read_xlsx(data, "f.xlsx")
    assert [c.text for c in grid.tables()[0].cells] == ["合计", "2"]
    assert not grid.notes
    # as openpyxl leaves them, no value stored: computed from the formula, and said so
    def build_more(book):
        sheet = book.active
        sheet["A1"], sheet["B1"], sheet["C1"], sheet["D1"] = "合计", "=1+1", "=ROUND(B1*100/3,2)", "=E1/0"
        sheet["C1"].number_format = "0.00"
    uncomputed = read_xlsx(_book(build_more), "f.xlsx")
    assert [c.text for c in uncomputed.tables()[0].cells] == ["合计", "2", "66.67"]
    assert any("3 formula cells hold no computed value" in note and "2 were computed" in note
               and "1 could not be" in note for note in uncomputed.notes)


def test_signs_typed_in_the_symbol_font_are_drawn():
    """`³` in the Symbol font draws `≥`: a rich text's run set in it (shared or inline), or a
    cell whose style sets it; `³` in another font stays `³`."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Font

    def build(book):
        sheet = book.active
        sheet["A1"] = CellRichText(TextBlock(InlineFont(rFont="Symbol"), "³"),
                                   TextBlock(InlineFont(rFont="宋体"), "2600人"))
        sheet["B1"], sheet["C1"] = "£100%", "³"
        sheet["B1"].font = Font(name="Symbol")

    cells = read_xlsx(_book(build), "s.xlsx").tables()[0].cells
    assert [c.text for c in cells] == ["≥2600人", "≤100%", "³"]


@pytest.mark.parametrize("formula", ["'下拉 选项'!$A$1:$A$3", "一级列表"])
def test_a_sheet_that_drop_downs_draw_on_is_a_list_not_a_form(formula):
    """A template's lists sheet, left visible, holds level labels beside other words
    (`产出指标 | 数量指标 | 人员类`): the form's drop-downs draw on it (directly or through a
    defined name), so it is noted and not read."""
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    def build(book):
        form = book.active
        form.title = "目标表"
        form.append(["一级指标", "二级指标", "三级指标", "指标值"])
        form.append(["产出指标", "数量指标", "培训人数", "≥100人"])
        validation = DataValidation(type="list", formula1=formula)
        form.add_data_validation(validation)
        validation.add("A2:A20")
        lists = book.create_sheet("下拉 选项")
        for row in (["产出指标", "数量指标", "人员类"], ["效益指标", "质量指标", "运转类"]):
            lists.append(row)
        book.defined_names["一级列表"] = DefinedName("一级列表", attr_text="'下拉 选项'!$A$1:$A$2")

    grid = read_xlsx(_book(build), "lists.xlsx")
    assert [c.text for c in grid.tables()[0].cells][-2:] == ["培训人数", "≥100人"]
    assert len(grid.tables()) == 1
    assert any("下拉 选项" in note and "drop-downs" in note for note in grid.notes)


def test_row_cap_is_noted(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "LIMITS", LIMITS.__class__(sheet_rows=50))

    def build(book):
        for r in range(1, 101):
            book.active.cell(row=r, column=1, value=f"名{r}")
            book.active.cell(row=r, column=2, value=r)
    grid = read_xlsx(_book(build), "big.xlsx")
    assert any("over 50 rows" in note for note in grid.notes)
    assert max(c.row for c in grid.tables()[0].cells) == 49


def test_a_far_away_cell_costs_nothing():
    """A value in the last row Excel allows: read up to the cap, noted, quickly."""
    def build(book):
        book.active["A1"], book.active["B1"] = "项目名称", "x"
        book.active["A1048576"] = "远处"
    grid = read_xlsx(_book(build), "far.xlsx")
    assert any("rows" in note for note in grid.notes)
    assert [c.text for c in grid.tables()[0].cells] == ["项目名称", "x"]


def test_sheet_names_are_quoted_in_addresses_where_excel_quotes_them():
    def build(book):
        book.active.title = "2023 目标表"
        book.active["A1"], book.active["B1"] = "项目名称", "x"
    cells = read_xlsx(_book(build), "q.xlsx").tables()[0].cells
    assert cells[1].location == "'2023 目标表'!B1"
