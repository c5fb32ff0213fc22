"""read_xls: an old binary workbook gives the grid its .xlsx gives (the same sheet saved
both ways by LibreOffice), and its sheet and cell addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.grid import ProseBlock, TableBlock
from extract.readers.xls import READER, read_xls
from extract.readers.xlsx import read_xlsx

GOLDEN = Path(__file__).parents[1] / "golden"
WORKBOOKS = ("s06_self_eval_workbook", "s13_department_self_eval_workbook", "t24_projects_workbook")


def _shape(grid) -> list[tuple]:
    """Every block as what a reader decides: prose text, or cells with position and spans."""
    shape = []
    for block in grid.blocks:
        if isinstance(block, ProseBlock):
            shape.append(("prose", block.text, block.location))
        else:
            shape.append(("table", tuple((c.row, c.col, c.row_span, c.col_span, c.text, c.location)
                                         for c in block.cells)))
    return shape


@pytest.mark.parametrize("stem", WORKBOOKS)
def test_old_workbook_reads_as_its_xlsx(stem):
    old = (GOLDEN / "converted" / f"{stem}.libreoffice_xls.xls").read_bytes()
    new = (GOLDEN / "built" / f"{stem}.xlsx").read_bytes()
    grid = read_xls(old, f"{stem}.xls")
    assert _shape(grid) == _shape(read_xlsx(new, f"{stem}.xlsx"))
    assert {block.reader for block in grid.blocks if isinstance(block, TableBlock)} == {READER}


def test_hidden_sheets_are_not_read_in_either_kind_of_workbook():
    """A template's blank copy and its drop-down lists, hidden: not shown, so not read."""
    fixtures = Path(__file__).parent / "fixtures"
    new = read_xlsx((fixtures / "hidden_sheets.xlsx").read_bytes(), "hidden_sheets.xlsx")
    old = read_xls((fixtures / "hidden_sheets.xls").read_bytes(), "hidden_sheets.xls")
    assert _shape(old) == _shape(new)
    for grid in (old, new):
        assert [note for note in grid.notes if "hidden" in note] == [
            "sheet 模板 is hidden; not read", "sheet 下拉选项 is hidden; not read"]
        locations = [c.location for t in grid.tables() for c in t.cells]
        assert locations and not any(place.startswith(("模板", "下拉选项")) for place in locations)


def test_hidden_rows_and_columns_are_closed_up_in_either_kind_of_workbook():
    """A draft's row left hidden inside a merged group, and a hidden column: a reader of the
    sheet never sees them, so the grid closes up over them (the group stays one table, its
    merged labels span the rows shown) and notes them; each cell keeps its own address."""
    fixtures = Path(__file__).parent / "fixtures"
    new = read_xlsx((fixtures / "hidden_rows.xlsx").read_bytes(), "hidden_rows.xlsx")
    old = read_xls((fixtures / "hidden_rows.xls").read_bytes(), "hidden_rows.xls")
    assert _shape(old) == _shape(new)
    for grid in (old, new):
        assert grid.notes == ["sheet 目标表: hidden rows 3 not read",
                              "sheet 目标表: hidden columns D not read"]
        table, = grid.tables()
        cells = {(c.row, c.col): c for c in table.cells}
        names = [c.text for c in table.cells if c.col == 2]
        assert names == ["三级指标", "新建公厕", "养护株数", "群众满意度"]
        assert (cells[(1, 0)].text, cells[(1, 0)].row_span) == ("产出指标", 2)
        assert (cells[(2, 3)].text, cells[(2, 3)].location) == ("48600株", "目标表!E4")
        assert not any("旧" in c.text for c in table.cells)
