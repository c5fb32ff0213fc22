"""Pages → one grid: a table cut by a page break goes on, however the pages repeat titles."""

from __future__ import annotations

import pytest

from extract.grid import ProseBlock, TableBlock
from extract.readers.lattice import Item, Segment, find_tables
from extract.readers.pages import Page, pages_to_grid

TITLE = "项目支出绩效自评表"


def _page(number: int, titles: list[str], rows: list[list[str]]) -> Page:
    """A page with title lines at the top and a ruled table of `rows` (each 200 pt wide) under them."""
    items = [Item(200.0, 60.0 + 18 * n, 200.0 + 14 * len(t), 74.0 + 18 * n, t) for n, t in enumerate(titles)]
    top, height, xs = 100.0, 36.0, [50.0 + 200.0 * k for k in range(len(rows[0]) + 1)]
    ys = [top + height * n for n in range(len(rows) + 1)]
    segments = [Segment(True, y, xs[0], xs[-1]) for y in ys] + [Segment(False, x, ys[0], ys[-1]) for x in xs]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            for k, line in enumerate(text.split("\n")):  # a cell's text wrapped over its lines
                y = ys[r] + 4 + 15 * k
                items.append(Item(xs[c] + 5, y, xs[c] + 5 + 14 * len(line), y + 13, line))
    tables, rest = find_tables(segments, items, 2.0)
    return Page(number=number, width=595.0, height=842.0, unit="pt", tables=tables, items=rest)


FIRST = [["一级指标", "三级指标"], ["产出指标", "培训人数"], ["", "合格率"]]


@pytest.mark.parametrize(("second", "tables"), [
    ([["", "完成时间"], ["效益指标", "就业率"]], 1),  # the table goes on under the repeated title
    ([["项目名称", "某项目"], ["主管部门", "某局"]], 2),  # a form of its own, under the same title
])
def test_title_lines_printed_again_above_a_continued_table_are_read_once(second, tables):
    grid = pages_to_grid([_page(1, [TITLE, "(2023年度)"], FIRST), _page(2, [TITLE, "(2023年度)"], second)],
                         "pdf_table", notes := [])
    blocks = [b for b in grid.blocks if isinstance(b, TableBlock)]
    prose = [b.text for b in grid.blocks if isinstance(b, ProseBlock)]
    assert len(blocks) == tables
    assert prose.count(TITLE) == (1 if tables == 1 else 2)
    if tables == 1:
        assert [c.text for c in blocks[0].cells if c.col == 1] == ["三级指标", "培训人数", "合格率",
                                                                   "完成时间", "就业率"]
        assert any("title lines printed again" in note for note in notes)


def test_other_lines_above_a_table_on_the_next_page_keep_it_apart():
    grid = pages_to_grid([_page(1, [TITLE], FIRST), _page(2, ["附件2"], [["", "完成时间"]])], "pdf_table", [])
    assert len([b for b in grid.blocks if isinstance(b, TableBlock)]) == 2


@pytest.mark.parametrize("above", [[], [["项目名称", "某项目"], ["主管部门", "某局"]]])
def test_a_header_row_repeated_on_the_next_page_is_read_once(above):
    """Word repeats a table's title row at the top of each page: the first row of the table,
    or the indicator header under a header block drawn on the same grid."""
    header = ["一级指标", "三级指标"]
    first = [*above, header, ["产出指标", "培训人数"], ["", "合格率"]]
    second = [header, ["", "完成时间"], ["效益指标", "就业率"]]
    grid = pages_to_grid([_page(1, [TITLE], first), _page(2, [], second)], "pdf_table", notes := [])
    (block,) = [b for b in grid.blocks if isinstance(b, TableBlock)]
    assert [c.text for c in block.cells if c.col == 1][len(above):] == [
        "三级指标", "培训人数", "合格率", "完成时间", "就业率"]
    assert any("header row, repeated" in note for note in notes)


@pytest.mark.parametrize(("second", "joined"), [
    ([["机制", "", "", "经费。"], ["农村供水保障水平", "稳步提升", "5", ""]], True),  # the row's rest
    ([["农村供水保障水平", "稳步提升", "", ""]], False),  # a row of its own under one-line cells
    ([["机制", "", "5", ""]], False),  # a figure: never a figure's rest
])
def test_a_row_a_page_break_cut_under_a_redrawn_rule_goes_on(second, joined):
    """LibreOffice closes a row's frame where a page break cuts it: the next page opens with
    a row holding only the rest of the row's text cells (`农村供水工程运行管护` / `机制`, the
    remark's last line), nothing where the row printed its figures; it is the same row."""
    first = [["三级指标", "年度指标值", "分值", "偏差原因分析"], ["受益农村人口", "≥8.6万人", "10", ""],
             ["农村供水工\n程运行管护", "有效建立", "4", "部分村级管水员为兼职人员，\n落实管护"]]
    grid = pages_to_grid([_page(1, [TITLE], first), _page(2, [], second)], "pdf_table", [])
    (block,) = [b for b in grid.blocks if isinstance(b, TableBlock)]
    rows = [[c.text for c in row] for row in block.printed_rows()]
    if joined:
        assert rows[2] == ["农村供水工程运行管护机制", "有效建立", "4",
                           "部分村级管水员为兼职人员，落实管护经费。"]
        assert rows[3][:2] == ["农村供水保障水平", "稳步提升"]
    else:
        assert rows[2][0] == "农村供水工程运行管护" and rows[3][0] == second[0][0]


def test_a_merged_label_whose_rules_a_scan_lost_stands_on_its_groups_middle_row():
    """A ruled table whose merge a photocopy broke is read cell by cell: the merged label
    stands alone on its group's middle row, and the rows above it take it (a block whose
    first row prints no label, later rows printing one)."""
    from extract.assemble import IndicatorTable, assemble

    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["", "", "建档人数", "≥46.8万人"],
            ["产出指标", "数量指标", "建设数量", "12个"], ["", "", "培训人次", "≥1500人次"]]
    grid = pages_to_grid([_page(1, [], rows)], "image_ocr", [])
    table = next(part for part in assemble(grid) if isinstance(part, IndicatorTable))
    assert [(row.slots[0].text, row.slots[2].text) for row in table.rows] == [
        ("产出指标", "建档人数"), ("产出指标", "建设数量"), ("产出指标", "培训人次")]
