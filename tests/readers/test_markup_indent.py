"""A page's text with its HTML source's indentation kept (lxml's text_content(), BeautifulSoup's
get_text() with no separator): rows and cells told from the whitespace between the lines."""

from __future__ import annotations

from extract.grid import TableBlock
from extract.readers.markup_indent import rows_laid_out
from extract.readers.text import read_text


def _page(rows: list[list[str]], depth: int = 5, unit: str = "\t") -> list[str]:
    """The text content of an indented table: each cell's text on a line of its own at the
    cells' depth, `</td>`/`<td>` and `</tr>`/`<tr>` leaving whitespace lines between them,
    an empty cell a whitespace line as deep as the cells; a heading and a paragraph above."""
    at = lambda level: unit * level  # noqa: E731
    lines = ["", at(1) + "项目支出绩效自评表", "", "", at(1) + "（2024年度）", "", at(1)]
    for row in rows:
        lines += [at(depth - 3), at(depth - 2)]
        for index, text in enumerate(row):
            if index:
                lines += [at(depth - 1), at(depth - 2), at(depth - 2), at(depth - 1)]
            else:
                lines += [at(depth - 1)]
            lines.append(at(depth) + text)
        lines += [at(depth - 1), at(depth - 2)]
    return lines


ROWS = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "运维设施数量", "186座", "186座", "8", "8", ""],
        ["配套管网巡查长度", "≥420公里", "436公里", "6", "6", ""],
        ["", "", "出水水质达标率", "≥85%", "83.2%", "8", "7.83", "原因：进水浓度偏高。"]]


def test_each_row_is_written_back_on_its_first_cells_line_with_its_empty_cells():
    lines = _page(ROWS)
    laid_out = rows_laid_out(lines)
    assert laid_out is not None and len(laid_out) == len(lines)
    rows = [line.split("\t") for line in laid_out if "\t" in line]
    assert rows == ROWS
    assert "项目支出绩效自评表" in laid_out and "（2024年度）" in laid_out  # prose stays prose
    first = next(index for index, line in enumerate(lines) if line.strip() == "一级指标")
    assert laid_out[first].startswith("一级指标\t")


def test_a_cells_paragraphs_are_one_cell_and_spaces_indent_as_tabs_do():
    rows = [list(row) for row in ROWS]
    lines = _page(rows, depth=10, unit="  ")
    at = next(index for index, line in enumerate(lines) if line.strip() == "原因：进水浓度偏高。")
    lines[at + 1:at + 1] = [" " * 18, " " * 18, " " * 20 + "措施：开展雨污分流排查。"]  # `</p>` / `<p>`
    laid_out = rows_laid_out(lines)
    assert laid_out is not None
    assert [line.split("\t") for line in laid_out if "\t" in line][-1][-1] == \
        "原因：进水浓度偏高。 措施：开展雨污分流排查。"


def test_text_without_the_markups_whitespace_is_left_to_the_other_readers():
    plain = ["项目支出绩效目标表", "一级指标\t二级指标\t三级指标\t指标值",
             *["产出指标\t数量指标\t受益人数\t≥300人"] * 50]
    assert rows_laid_out(plain) is None
    word = [" " if index % 3 else "受益人数" for index in range(90)]  # Word's blank cells: one space
    assert rows_laid_out(word) is None


def test_the_text_reader_reads_the_rows_as_a_table():
    grid = read_text(_page(ROWS))
    assert grid.reader == "markup_indent"
    table = next(block for block in grid.blocks if isinstance(block, TableBlock))
    rows = [[cell.text for cell in row] for row in table.printed_rows()]
    assert rows[1][:4] == ["产出指标", "数量指标", "运维设施数量", "186座"]
