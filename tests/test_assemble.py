"""Table assembly: headers found, every data cell aligned to its column, merged cells carried.

Each case is a small table as a reader hands it over; the expected result is the table
a person reads, row by row, as {role: text}."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.assemble import IndicatorTable, LabelRows, assemble_table
from extract.grid import BREAK_HINT, BREAK_NONE, BREAK_SOFT, Cell, Grid, ProseBlock, TableBlock


def rows_of(lines: list[list[str]], rows: str = "exact", breaks: list[int] | None = None) -> TableBlock:
    """A block from printed rows; `breaks` gives each row's first-cell hint (stream tables)."""
    cells = []
    for index, line in enumerate(lines):
        for col, text in enumerate(line):
            hint = (breaks[index] if breaks else BREAK_HINT) if col == 0 else BREAK_NONE
            cells.append(Cell(row=index, col=col, text=text, raw=text, line=index + 1,
                              break_before=hint))
    return TableBlock(cells, "test", rows=rows, columns="loose")


def stream(texts: list[str], breaks: list[int]) -> TableBlock:
    cells = [Cell(row=0, col=0, text=t, raw=t, line=i + 1, break_before=b)
             for i, (t, b) in enumerate(zip(texts, breaks, strict=True))]
    return TableBlock(cells, "test", rows="stream", columns="loose")


def table_of(block: TableBlock) -> IndicatorTable:
    """The first indicator table assembled from the block."""
    return next(part for part in assemble_table(block) if isinstance(part, IndicatorTable))


def read(block: TableBlock) -> list[dict[str, str]]:
    tables = [part for part in assemble_table(block) if isinstance(part, IndicatorTable)]
    assert len(tables) == 1
    table = tables[0]
    return [{column.role: (cell.text if cell else "")
             for column, cell in zip(table.header.columns, row.slots, strict=True)
             if cell is not None and cell.text and column.role != "ignore"}
            for row in table.rows]


def test_merged_cells_left_out_of_pipe_rows_are_carried():
    block = rows_of([["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位", "指标值说明"],
                     ["产出指标", "数量指标", "保障在职职工人数(人)", "=", "116", "人", "该指标值数据合理"],
                     ["保障退休职工人数(人)", "=", "81", "人", "该指标值数据合理"],
                     ["质量指标", "工资发放准确性(%)", "≥", "95", "%", "该指标值数据合理"]],
                    rows="stream")
    found = read(block)
    assert found[1] == {"level1": "产出指标", "level2": "数量指标", "name": "保障退休职工人数(人)",
                        "op": "=", "target": "81", "unit": "人", "description": "该指标值数据合理"}
    assert found[2]["level2"] == "质量指标" and found[2]["level1"] == "产出指标"


def test_a_level_1_label_repeated_down_its_merged_cell_keeps_the_level_2_above():
    """A converter wrote the merged 一级 cell into every row it covers and left the merged
    二级 cells empty below their first row: the same group, not a new one."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "指标值"],
                     ["产出指标", "数量指标", "收运覆盖行政村数量", "186个"],
                     ["产出指标", "", "新增收集桶", "≥2400个"],
                     ["产出指标", "质量指标", "无害化处理率", "≥95%"],
                     ["产出指标", "", "收运车辆密闭化率", "100%"],
                     ["效益指标", "", "群众知晓率", "≥80%"]])
    found = read(block)
    assert [row.get("level2") for row in found] == ["数量指标", "数量指标", "质量指标", "质量指标", None]


def test_tabs_out_of_place_are_read_by_content():
    block = rows_of([["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标值参考标准", ""],
                     ["", "产出指标", "数量指标", "推动高新技术企业认定数量", "", "不少于10家", ""],
                     ["", "", "", "成本指标", "", "资金是否不超支", "是"]])
    found = read(block)
    assert found[0]["name"] == "推动高新技术企业认定数量" and found[0]["target"] == "不少于10家"
    # 成本指标 names a level-1 and a level-2; printed out of place, which one is moot
    assert "成本指标" in (found[1].get("level1"), found[1].get("level2"))
    assert (found[1]["name"], found[1]["target"]) == ("资金是否不超支", "是")


def test_stream_rows_are_found_from_content():
    texts = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分",
             "产出指标(50分)", "数量指标", "农村低保发放人数", "5", ">=21933人", "21980人", "5", "",
             "", "特困人员救助供养人数", "5", ">=4754人", "4604人", "5"]
    breaks = [BREAK_HINT] + [BREAK_SOFT] * (len(texts) - 1)
    found = read(stream(texts, breaks))
    assert found == [
        {"level1": "产出指标(50分)", "level2": "数量指标", "name": "农村低保发放人数", "weight": "5",
         "target": ">=21933人", "actual": "21980人", "score": "5"},
        {"level1": "产出指标(50分)", "level2": "数量指标", "name": "特困人员救助供养人数",
         "weight": "5", "target": ">=4754人", "actual": "4604人", "score": "5"}]


def test_a_value_written_a_text_node_a_line_is_one_value_again():
    """A scraper's `get_text("\\n")` puts a value's sign, figure and unit (three runs of the
    page) on lines of their own; with no sign or unit column they are one value, and a
    figure that is a value on its own stays apart from the name after it."""
    texts = ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据",
             "产出指标", "数量指标", "维修养护处数", "≥", "45", "处", "计划标准",
             "管网长度", "38.6", "公里", "计划标准", "质量指标", "自来水普及率", "≥", "96.5", "%", "行业标准",
             "巡查次数", "12", "历史标准"]
    found = read(stream(texts, [BREAK_HINT] + [BREAK_SOFT] * (len(texts) - 1)))
    assert [(row["name"], row["target"]) for row in found] == [
        ("维修养护处数", "≥45处"), ("管网长度", "38.6公里"), ("自来水普及率", "≥96.5%"), ("巡查次数", "12")]
    spaced = [["一级指标", "二级指标", "三级指标", "指标值"],
              ["产出指标", "数量指标", "推广面积", "≥", "38", "万亩次"], ["", "", "覆盖率", "≥", "92", "%"]]
    assert [row["target"] for row in read(rows_of(spaced, rows="stream"))] == ["≥38万亩次", "≥92%"]
    with_units = ["一级指标", "二级指标", "三级指标", "符号", "指标值", "计量单位",
                  "产出指标", "数量指标", "维修养护处数", "≥", "45", "处"]
    kept = read(stream(with_units, [BREAK_HINT] + [BREAK_SOFT] * (len(with_units) - 1)))
    assert (kept[0].get("op"), kept[0]["target"], kept[0].get("unit")) == ("≥", "45", "处")


def test_two_row_header_flattened_row_by_row():
    block = rows_of([["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
                      "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
                     ["产出指标", "数量指标", "学生受资助人数", "≧", "735", "人次", "735", "10", "10"]],
                    rows="stream")
    assert read(block) == [{"level1": "产出指标", "level2": "数量指标", "name": "学生受资助人数",
                            "op": "≧", "target": "735", "unit": "人次", "actual": "735",
                            "weight": "10", "score": "10"}]


def test_side_by_side_column_sets():
    block = rows_of([["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
                     ["产出指标", "数量指标", "飞机增雨作业航时", "按15次作业测算", "数量指标",
                      "飞机增雨作业航时", "按15次作业测算"]], rows="stream")
    table = next(p for p in assemble_table(block) if isinstance(p, IndicatorTable))
    assert [c.group for c in table.header.columns if c.role == "target"] == [0, 1]
    assert table.header.scopes == ["mid_term", "annual"]


def test_sub_header_splits_the_value_column():
    block = rows_of([["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
                     ["", "", "", "", "符号", "值", "单位（文字描述）", ""],
                     ["产出指标", "数量指标", "更新国家财政系统数据(次)", "财政系统应急物资库数量及资金盘点",
                      "=", "1.00", "次", "应急预案"]], rows="stream")
    assert read(block)[0] == {"level1": "产出指标", "level2": "数量指标",
                              "name": "更新国家财政系统数据(次)",
                              "description": "财政系统应急物资库数量及资金盘点",
                              "op": "=", "target": "1.00", "unit": "次", "basis": "应急预案"}


def test_a_second_header_row_that_splits_the_value_by_period_opens_a_column_set():
    """`指标值` over `中期指标值 | 年度指标值` (an Excel export's two-row header): each period's
    value is a column set of its own, as when one header row names both."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "指标值"],
                     ["中期指标值", "年度指标值"],
                     ["产出指标", "数量指标", "建设灌溉渠道长度", "≥45公里", "≥15公里"]], rows="stream")
    table = next(p for p in assemble_table(block) if isinstance(p, IndicatorTable))
    assert [c.group for c in table.header.columns if c.role == "target"] == [0, 1]
    assert table.header.scopes == ["mid_term", "annual"]
    assert [cell.text for cell in table.rows[0].slots if cell is not None][-2:] == ["≥45公里", "≥15公里"]


def test_index_names_on_a_row_of_their_own_name_the_blank_headings_above_them():
    """pandas' `to_html` of a frame indexed by (一级指标, 二级指标): the columns' names on the
    first header row over blank cells, the index's names on the second row under them (built
    s160). Each names the column it stands under; the levels are read."""
    parts = _html_parts(
        "<table><thead><tr><th></th><th></th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th></tr>"
        "<tr><th>一级指标</th><th>二级指标</th><th></th><th></th><th></th></tr></thead>"
        "<tbody><tr><th rowspan='2'>产出指标</th><th>数量指标</th><td>受益学生人数</td><td>≥2.15万人</td>"
        "<td>2.18万人</td></tr><tr><th>质量指标</th><td>抽检合格率</td><td>≥98%</td><td>97.2%</td></tr>"
        "</tbody></table>")
    table = next(part for part in parts if isinstance(part, IndicatorTable))
    assert table.header.roles() == ["level1", "level2", "name", "target", "actual"]
    assert [[cell.text if cell else None for cell in row.slots] for row in table.rows] == [
        ["产出指标", "数量指标", "受益学生人数", "≥2.15万人", "2.18万人"],
        ["产出指标", "质量指标", "抽检合格率", "≥98%", "97.2%"]]


@pytest.mark.parametrize(("sub", "roles"), [
    (["年度指标值", "实际完成值"], ["target", "actual"]),
    (["中期指标值", "年度指标值"], ["target", "target"]),
])
def test_a_second_header_row_a_browser_set_at_the_rows_start_splits_the_value(sub, roles):
    """`指标值` (colspan 2) over `年度指标值 | 实际完成值`, as a browser's text prints them: the
    spanned cells written once, the second row's headings at the row's start, under
    `一级指标 | 二级指标` (built s122). Headings of values are no pieces of level headings:
    they split the value column."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "指标值", "分值", "得分"], sub,
                     ["产出指标", "数量指标", "居家养老服务补贴发放人数", "≥3200人", "3268人", "6", "6"]])
    table = next(p for p in assemble_table(block) if isinstance(p, IndicatorTable))
    assert [column.role for column in table.header.columns] == [
        "level1", "level2", "name", *roles, "weight", "score"]
    assert [cell.text for cell in table.rows[0].slots if cell is not None] == [
        "产出指标", "数量指标", "居家养老服务补贴发放人数", "≥3200人", "3268人", "6", "6"]


@pytest.mark.parametrize("rows", ["exact", "stream"])
def test_period_headings_over_a_row_of_value_headings_are_the_periods_value_columns(rows: str):
    """`三级指标 | 中期目标 | 年度目标` over `指标值 | 指标值` (a department form's two-row
    header): the period words head the value columns; the row below only names them."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "中期目标", "年度目标"],
                     ["", "", "", "指标值", "指标值"],
                     ["产出指标", "数量指标", "人工造林面积", "≥3.5万亩", "≥1.2万亩"]], rows=rows)
    table = next(p for p in assemble_table(block) if isinstance(p, IndicatorTable))
    assert [c.group for c in table.header.columns if c.role == "target"] == [0, 1]
    assert table.header.scopes == ["mid_term", "annual"]
    assert [cell.text for cell in table.rows[0].slots if cell is not None][-2:] == ["≥3.5万亩", "≥1.2万亩"]
    assert len(table.rows) == 1


QUANTITY, QUALITY = "数量指标", "质量指标"


@pytest.mark.parametrize(("first", "level2"), [
    (["生态茶园建设面积", ">=1.5万亩"], [QUANTITY] * 3 + [QUALITY] * 3),  # centred
    (["产出指标", "生态茶园建设面积", ">=1.5万亩"],  # labels on each group's first row
     [None, QUANTITY, QUANTITY, None, QUALITY, QUALITY]),
])
def test_labels_may_be_centred_only_where_the_first_row_prints_none(first, level2):
    """OCR rows one space apart look like a flattened web table: the labels are taken as
    printed on their groups' middle rows only where the first row prints no label at all
    (the 覆盖率 row then belongs to the 质量指标 printed on the row below it)."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "指标值"], first,
                     ["数量指标", "茶园套种绿肥面积", "≥8000亩"],
                     ["茶园病虫害防控技术培训", "≥20场次"],
                     ["产出指标", "茶园绿色防控技术覆盖率", ">=90%"],
                     ["质量指标", "茶叶农药残留抽检合格率", "100%"],
                     ["生态茶园建设验收合格率", "≥95%"]], rows="stream")
    block.labels_may_be_centred = True
    assert [row.get("level2") for row in read(block)] == level2


def test_a_sentence_achieved_after_a_planned_deadline_stays_in_its_row():
    """One cell a line (a self-evaluation, empty cells kept): `2024年12月底前` planned, then
    what was done, a sentence, then points and score; the sentence is the achieved value,
    not the name of a new row."""
    header = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
              "偏差原因分析及改进措施"]
    texts = header + ["", "产出指标", "质量指标", "补助资金发放准确率", "100%", "100%", "6", "6", "",
                      "", "", "时效指标", "补助资金兑付完成时间", "2024年12月底前",
                      "2024年12月20日全部兑付到户", "6", "6", "",
                      "", "", "成本指标", "复耕复种亩均补助标准", "≤300元/亩", "300元/亩", "10", "10", ""]
    found = read(stream(texts, [BREAK_SOFT] * len(texts)))
    assert [(row.get("name"), row.get("actual"), row.get("weight")) for row in found] == [
        ("补助资金发放准确率", "100%", "6"), ("补助资金兑付完成时间", "2024年12月20日全部兑付到户", "6"),
        ("复耕复种亩均补助标准", "300元/亩", "10")]


def test_rows_without_a_header_under_level_names():
    texts = ["产出指标", "成本指标(必填硬性指标)", "按照物价部门定价标准采购", "100%", "时效指标(必填)",
             "疫苗提供及时率", "100%"]
    found = read(stream(texts, [BREAK_SOFT] * len(texts)))
    assert [row.get("level2") for row in found] == ["成本指标(必填硬性指标)", "时效指标(必填)"]
    assert [row["target"] for row in found] == ["100%", "100%"]


def test_label_rows_stay_label_rows():
    block = rows_of([["项目名称", "卫生局工作业务经费", "", "项目实施期", "2023.01.01-2023.12.31"],
                     ["主管部门", "大连高新技术产业园区卫生健康局"]])
    parts = assemble_table(block)
    assert len(parts) == 1 and isinstance(parts[0], LabelRows) and len(parts[0].rows) == 2


def test_numbers_glued_end_to_end_are_cut_by_one_weight():
    """`901010010` = value 90 | weight 10 | actual 100 | score 10: the weight that explains
    every row (here 10), no score over it."""
    header = ["指标名称", "计量单位", "指标值", "指标权重(分)", "全年完成值", "指标得分(分)"]
    block = rows_of([header, ["完成率", "%", "901010010"], ["管护面积", "万亩", "2810810"],
                     ["受害率", "%", "0.910010"]])
    assert [(row["target"], row["weight"], row["actual"], row["score"]) for row in read(block)] == [
        ("90", "10", "100", "10"), ("28", "10", "8", "10"), ("0.9", "10", "0", "10")]


def test_one_glued_number_with_no_evidence_is_left_as_printed():
    header = ["指标名称", "指标值", "分值"]
    block = rows_of([header, ["人数", "210010"]])
    assert read(block) == [{"name": "人数", "target": "210010"}]


def test_goal_value_then_indicator_and_its_standard():
    """The older template `目标值 | 评价指标 | 标准值`: the indicator is named by 评价指标 and
    valued by 标准值; the goal's own name and value sit before it, its groups on rows."""
    block = stream(["绩效目标名称", "目标值", "评价指标", "标准值", "目标值制订说明", "一、投入目标",
                    "1.预算投入资金", "35543.19万元", "预算完成率", "=100%", "财政管理统一要求",
                    "2.实际到位资金", "35543.19万元", "资金到位率", "=100%", "财政管理统一要求"],
                   [BREAK_HINT] + [BREAK_SOFT] * 15)
    rows = [{k: v for k, v in row.items() if k != "description"} for row in read(block)]
    # one row per goal: the goal's 目标值 is not a row of its own
    assert rows == [{"level1": "一、投入目标", "name": "预算完成率", "target": "=100%",
                     "basis": "财政管理统一要求"},
                    {"level1": "一、投入目标", "name": "资金到位率", "target": "=100%",
                     "basis": "财政管理统一要求"}]


def test_an_excerpt_cut_inside_its_last_row_keeps_the_name():
    texts = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "新增学位", "500个",
             "产出指标", "质量指标", "协议"]
    rows = read(stream(texts, [BREAK_HINT] + [BREAK_SOFT] * (len(texts) - 1)))
    assert rows[-1] == {"level1": "产出指标", "level2": "质量指标", "name": "协议"}


def test_a_cut_last_row_after_a_bare_level_two():
    head = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "新增学位", "500个"]
    # the points (20分) say 满意度指标 is the level-1 here, not the level-2 of that name
    cut = read(stream(head + ["满意度指标(20分)", "服务对象满意度", "种薯繁育企业、种植农户调"],
                      [BREAK_HINT] + [BREAK_SOFT] * 10))
    assert cut[-1] == {"level1": "满意度指标(20分)", "level2": "服务对象满意度",
                       "name": "种薯繁育企业、种植农户调"}
    whole = read(stream(head + ["满意度指标(20分)", "服务对象满意度", "满意"],
                        [BREAK_HINT] + [BREAK_SOFT] * 10))
    assert whole[-1].get("name") == "服务对象满意度"  # a name and its short value


def test_glued_name_and_value_are_cut_where_han_meets_a_number():
    """Glued text only: a row with no value whose name runs into it (`新增学位2023年预计…`)."""
    texts = ["一级指标", "二级指标", "指标内容", "指标值", "产出指标", "产出数量指标",
             "新增学位2023年预计在校生:小学600人,初中700人"]
    block = TableBlock([Cell(row=0, col=0, text=t, raw=t, line=1, break_before=BREAK_SOFT)
                        for t in texts], "run_together", rows="stream", columns="loose")
    assert read(block)[-1]["name"] == "新增学位"
    assert read(block)[-1]["target"] == "2023年预计在校生:小学600人,初中700人"


def test_points_glued_before_the_value_are_cut_by_one_weight():
    """`8550万粒 | 550万粒 | 8` with 分值 empty: the points ran into the value (8 | 550万粒);
    `8000亩` leaves no figure after any weight (`000亩`) and stays as printed."""
    texts = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分",
             "产出指标", "数量指标", "免费发放原原种", "8550万粒", "550万粒", "8",
             "企业自行采购", "8200万粒", "200万粒", "8",
             "繁育基地", "8000亩", "8535.5亩"]
    rows = read(stream(texts, [BREAK_HINT] + [BREAK_SOFT] * (len(texts) - 1)))
    assert [(row.get("weight"), row.get("target"), row.get("actual")) for row in rows] == [
        ("8", "550万粒", "550万粒"), ("8", "200万粒", "200万粒"), (None, "8000亩", "8535.5亩")]


def test_each_glued_row_takes_the_weight_that_fits_the_most_rows():
    """Weights 10 printed on three rows and 20 glued into two values (`20100%`): each glued
    row is cut at the weight that fits it and at least one other row."""
    texts = ["一级指标", "二级指标", "三级指标", "分值", "指标值",
             "产出指标", "数量指标", "甲", "10", "95%", "乙", "10", "90%", "丙", "10", "≥95%",
             "时效指标", "及时发放率", "20100%", "成本指标", "资助标准达标率", "20100%"]
    rows = read(stream(texts, [BREAK_HINT] + [BREAK_SOFT] * (len(texts) - 1)))
    assert [(row.get("weight"), row.get("target")) for row in rows[-2:]] == [("20", "100%"),
                                                                               ("20", "100%")]


def test_a_label_printed_once_per_merged_column_opens_a_level():
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"]
    first = ["满意度指标", "服务对象满意度指标", "服务对象满意度", ">=95%", "100%", "10"]
    block = rows_of([header, first, ["预算执行率", "预算执行率", "", "", ""]], rows="stream")
    found = read(block)
    assert found[-1] == {"level1": "预算执行率", "name": "预算执行率"}
    # a value that only resembles its name stays the value
    kept = read(rows_of([header, first, ["群众满意度", "满意", "满意", "10"]], rows="stream"))
    assert kept[-1]["name"] == "群众满意度" and kept[-1]["level1"] == "满意度指标"


def test_a_shared_level_name_in_the_level_one_column_after_output_rows_is_a_level_two():
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    rows = [header, ["产出指标", "数量指标", "培训人数", "≥500人"], ["", "时效指标", "完成时间", "年底前"],
            ["成本指标", "", "人均培训成本", "≤2000元"]]
    assert read(rows_of(rows))[-1] == {"level1": "产出指标", "level2": "成本指标",
                                       "name": "人均培训成本", "target": "≤2000元"}
    # where its own level-2s follow, it is the level-1 of the newer framework
    newer = read(rows_of([*rows, ["", "经济成本指标", "单位成本", "≤10元"]]))
    assert newer[-2]["level1"] == "成本指标" and "level2" not in newer[-2]


def test_a_score_written_into_the_reason_beside_it_is_the_score():
    """pdfplumber's layout text sets the reasons' column a space from the scores': `5.59
    部分学员…` under 偏差原因, 得分 empty. A figure within the points is the score; one
    above them, or a reason that opens with a count of its own (`2 处…`), stays."""
    header = ["三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows = [header, ["取得证书人数", "≥700人", "652人", "6", "", "5.59 部分学员未参加鉴定考试。"],
            ["培训合格率", "≥90%", "93.6%", "6", "6", ""],
            ["转移就业人数", "≥600人", "578人", "8", "", "12 处用工企业未对接。"]]
    found = read(rows_of(rows))
    assert [(row.get("score"), row.get("deviation")) for row in found] == [
        ("5.59", "部分学员未参加鉴定考试。"), ("6", None), (None, "12 处用工企业未对接。")]


def test_points_and_score_run_together_are_cut_where_the_score_fits():
    """`1515`, `109.86` in 得分 with 分值 empty, in a table that never prints the two apart:
    15 | 15, 10 | 9.86; a score of 100 or less alone (`25.00`) is not cut (built s05)."""
    header = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [header, ["执法检查企业数", "≥300家", "326家", "", "1515"],
            ["隐患整改率", "100%", "98.6%", "", "109.86"], ["知识普及率", "≥90%", "92.5%", "", "25.00"]]
    found = read(rows_of(rows))
    assert [(row.get("weight"), row.get("score")) for row in found] == [
        ("15", "15"), ("10", "9.86"), (None, "25.00")]


def _html_parts(html: str) -> list:
    from extract.assemble import assemble
    from extract.readers.html import read_html
    return assemble(read_html(html.encode(), "page.html"))


_FIRST_PART = ("<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
               "<tr><td rowspan='2'>产出指标</td><td rowspan='2'>数量指标</td><td>抽检批次</td>"
               "<td>≥3200批次</td></tr><tr><td>快检批次</td><td>≥12000批次</td></tr>"
               "<tr><td rowspan='2'>效益指标</td><td>社会效益指标</td><td>抽检合格率</td>"
               "<td>≥97%</td></tr></table>")


def test_a_table_cut_by_a_page_break_continues_after_the_page_furniture():
    """A converted PDF prints the rest of a cut table as a table of its own, after the page
    number and running header, with the cut merged cells left empty: its rows are the first
    table's, and inherit its levels."""
    rest = ("<table><tr><td></td><td></td><td>知识知晓率</td><td>≥80%</td></tr>"
            "<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>满意度</td><td>≥85%</td></tr></table>")
    parts = _html_parts(f"{_FIRST_PART}<p>-1-</p><p>某局2024年部门预算公开</p>{rest}")
    tables = [part for part in parts if isinstance(part, IndicatorTable)]
    assert len(tables) == 1
    names = [(row.slots[0].text, row.slots[2].text) for row in tables[0].rows]
    assert names[-2:] == [("效益指标", "知识知晓率"), ("满意度指标", "满意度")]


def test_a_table_cut_by_a_page_break_goes_on_past_the_pages_signature_lines():
    """PyMuPDF's Markdown writes a page's text before its tables: the form's signature lines
    (`填报人：…`, `联系电话 … 填报日期：…` laid out by its spaces) stand between the parts.
    A part that goes on with a level-1 group, under no title, is still the table's; the
    signature lines follow it. Where the part opens with no level-1, they still end the
    table above."""
    from extract.assemble import assemble
    from extract.readers.text import read_text

    head = ["|一级指标|二级指标|三级指标|指标值|指标值说明|", "|---|---|---|---|---|",
            "|产出指标|数量指标|推广面积|≥25万亩|按耕地面积确定|",
            "|产出指标|质量指标|技术覆盖率|≥92%|省厅任务要求|", ""]
    signature = ["填报人：邱志强", "联系电话：0762-8736215　　　　填报日期：2025年1月20日", ""]
    rest = ["|效益指标|经济效益指标|亩均节本增效|≥60元|示范区测产|", "|---|---|---|---|---|",
            "|满意度指标|服务对象满意度指标|农户满意度|≥90%|问卷调查|"]
    parts = assemble(read_text(head + signature + rest))
    tables = [part for part in parts if isinstance(part, IndicatorTable)]
    assert len(tables) == 1
    target = next(k for k, column in enumerate(tables[0].header.columns) if column.role == "target")
    assert [row.slots[target].text for row in tables[0].rows] == ["≥25万亩", "≥92%", "≥60元", "≥90%"]
    cut = ["|", *rest[0].split("|")[2:]]
    parts = assemble(read_text(head + signature + ["|".join(cut), *rest[1:]]))
    assert len([part for part in parts if isinstance(part, IndicatorTable)]) == 2


def test_a_header_printed_again_after_a_page_break_goes_on_with_the_table():
    """Plain PDF text of a table cut by a page break, a cell a line: the page's number and
    the header printed again, then rows whose merged labels hold from the page before
    (`新闻稿件刊播差错率` is still under 质量指标). A header printed again with other
    headings (`中期指标值` then `年度指标值`) opens a table of its own."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    texts = [*header, "产出指标", "数量指标", "全年编发新闻稿件数量", "≥3600篇", "质量指标",
             "广播电视安全播出率", "100%", "第 1 页 共 2 页", *header, "新闻稿件刊播差错率", "≤0.1%",
             "时效指标", "重大突发事件信息首发时限", "2小时内"]
    tables = [part for part in assemble_table(stream(texts, [BREAK_SOFT] * len(texts)))
              if isinstance(part, IndicatorTable)]
    assert len(tables) == 1
    levels = {row.slots[2].text: row.slots[1].text for row in tables[0].rows}
    assert levels["新闻稿件刊播差错率"] == "质量指标" and levels["重大突发事件信息首发时限"] == "时效指标"
    periods = ["一级指标", "二级指标", "三级指标", "中期指标值", "产出指标", "数量指标", "航时", "≥30小时",
               "一级指标", "二级指标", "三级指标", "年度指标值", "产出指标", "数量指标", "航时", "≥12小时"]
    split = [part for part in assemble_table(stream(periods, [BREAK_SOFT] * len(periods)))
             if isinstance(part, IndicatorTable)]
    assert len(split) == 2


def test_graded_standards_under_their_heading_in_a_stream_of_cells():
    """The 河北 template as Word text, a cell a line (built t89): `绩效指标评价标准` over `优 | 良
    | 中 | 差` after blank cells under the other headings. The grades split that column in
    place (优 the target), each row's four grades stay on it, and a longer basis after them
    (`按…办法确定`) closes the row rather than naming the next."""
    head = ["绩效指标分类", "绩效指标", "绩效指标描述", "绩效指标评价标准", "评价标准确定依据", "", "", "",
            "优", "良", "中", "差", ""]
    rows = ["产出指标", "受益学生人数", "享受营养膳食补助的在校学生人数", "≥6075人", "5800人", "5500人",
            "5500人以下", "按计划标准", "", "补助资金足额使用率", "膳食补助资金全额用于提供食品的比率",
            "100%", "98%", "95%", "95%以下", "按营养改善计划资金管理办法确定", "", "食品安全责任事故发生次数",
            "供餐环节发生的食品安全责任事故次数", "0次", "0次", "1次", "2次及以上", "行业标准"]
    texts = head + rows
    header = table_of(stream(texts, [BREAK_SOFT] * len(texts))).header
    assert header.roles()[:5] == ["level1", "name", "description", "target", "grade"]
    got = [(row["name"], row["target"]) for row in read(stream(texts, [BREAK_SOFT] * len(texts)))]
    assert got == [("受益学生人数", "≥6075人"), ("补助资金足额使用率", "100%"),
                   ("食品安全责任事故发生次数", "0次")]


def test_ocr_boxes_a_label_read_before_a_row_between_two_groups_takes_the_row_above_it():
    """Boxes read one a line in reading order: a group of one row prints its label before
    the row's name, a group of two between its rows. `建制村通公交率` stands between the
    one-row 成本 group and the 社会效益 label printed before `出行便捷程度`: it is the first
    row of the 社会效益 group, under 效益指标."""
    texts = ["一级指标", "二级指标", "三级指标", "指标值", "公交线路数量", "≥28条", "数量指标",
             "公交车辆数", "≥146辆", "产出指标", "运营里程", "≥820万公里", "成本指标", "经济成本指标",
             "每公里运营补贴标准", "≤0.6元/公里", "建制村通公交率", "100%", "社会效益指标",
             "城乡居民公交出行便捷程度", "明显提升", "效益指标", "生态效益指标", "新能源公交车占比",
             ">=85%", "可持续影响指标", "长效机制", "持续完善"]
    block = stream(texts, [BREAK_SOFT] * len(texts))
    block.centred_labels = True
    rows = {row["name"]: (row["level1"], row["level2"]) for row in read(block)}
    assert rows["建制村通公交率"] == ("效益指标", "社会效益指标")
    assert rows["每公里运营补贴标准"] == ("成本指标", "经济成本指标")
    assert rows["公交线路数量"] == ("产出指标", "数量指标")


def test_a_page_part_with_fewer_grid_columns_that_opens_with_a_level_continues():
    """A PDF page's grid has its own rows' column lines: the first page's (split finer by a
    money row) and the second page's differ; the second part's columns are laid on the
    first's last row of as many cells, and a level label on its first row is no header."""
    from extract.assemble import stitch_continued

    def block(rows: list[list[tuple[int, int, str]]]) -> TableBlock:
        cells = [Cell(row=r, col=col, text=text, raw=text, line=r + 1, col_span=span)
                 for r, row in enumerate(rows) for col, span, text in row]
        return TableBlock(cells, "pdf_table", rows="exact", columns="exact")

    first = block([[(0, 1, "资金总额"), (1, 1, "100"), (2, 1, "执行数"), (3, 1, "98"), (4, 2, "98%")],
                   [(0, 1, "一级指标"), (1, 1, "二级指标"), (2, 1, "三级指标"), (3, 1, "指标值"),
                    (4, 2, "备注")],
                   [(0, 1, "产出指标"), (1, 1, "数量指标"), (2, 1, "培训人次"), (3, 1, "≥100人次"),
                    (4, 2, "")]])
    second = block([[(0, 1, "效益指标"), (1, 1, "社会效益指标"), (2, 1, "就业率"), (3, 1, "≥80%"),
                     (4, 1, "")]])
    furniture = ProseBlock(text="第 1 页 共 2 页", raw="第 1 页 共 2 页", line=4)
    stitched = stitch_continued([first, furniture, second])
    assert len([b for b in stitched if isinstance(b, TableBlock)]) == 1
    moved = [cell for cell in stitched[0].cells if cell.text == "就业率"][0]
    assert (moved.row, moved.col) == (3, 2)
    assert [(c.col, c.col_span) for c in stitched[0].cells if c.row == 3][-1] == (4, 2)


def test_a_scans_second_page_that_prints_the_header_again_continues_the_table():
    """Two pages of a scanned form (built t177), each table read on its page: the second
    prints the header again (with a speck, `一级指标。`), then a row whose merged 一级 and 二级
    cells the break left blank. It continues the first page's table: the row is 产出 / 时效."""
    from extract.assemble import assemble

    def page(rows: list[list[str]], first: int) -> TableBlock:
        cells = [Cell(row=r, col=c, text=text, raw=text, line=first + r)
                 for r, row in enumerate(rows) for c, text in enumerate(row)]
        return TableBlock(cells, "image_ocr", rows="exact", columns="exact")

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = page([header, ["产出指标", "数量指标", "巡检村庄数", "186个"],
                  ["", "时效指标", "兑付完成时间", "2025年12月底前"]], 1)
    second = page([["一级指标。", *header[1:]], ["", "", "设备报修响应时间", "≤24小时"],
                   ["", "成本指标", "户均补贴标准", "≤420元/户"]], 4)
    tables = [part for part in assemble(Grid(blocks=[first, second], reader="image_ocr"))
              if isinstance(part, IndicatorTable)]
    assert len(tables) == 1
    rows = {row.slots[2].text: (row.slots[0].text, row.slots[1].text) for row in tables[0].rows}
    assert rows["设备报修响应时间"] == ("产出指标", "时效指标")


def _table_with(parts: list, name: str) -> IndicatorTable:
    return next(part for part in parts if isinstance(part, IndicatorTable) and any(
        cell is not None and cell.text == name for row in part.rows for cell in row.slots))


def test_a_table_after_a_heading_or_with_labels_of_its_own_is_not_a_continuation():
    """A second table that opens with labels (`项目名称`) is a form of its own; so is one
    after a form heading, or after the form's signature line (a workbook's next sheet, the
    finance bureau's review notes under a heading of their own, built t121), or one that opens
    with its scope's title (`长期绩效指标` after the year's table, built t176)."""
    rows = "<tr><td>产出指标</td><td>数量指标</td><td>培训人次</td><td>≥100人次</td></tr></table>"
    labelled = f"<table><tr><td>项目名称</td><td>另一个项目</td><td>主管部门</td><td>某局</td></tr>{rows}"
    headed = f"<p>项目支出绩效目标表</p><table>{rows}"
    signed = f"<p>填报人：向丽君 联系电话：0745-3826417</p><p>县财政局审核意见</p><table>{rows}"
    scoped = f"<table><tr><td colspan='4'>长期绩效指标（2025年—2027年）</td></tr>{rows}"  # built t176
    for second in (labelled, headed, signed, scoped):
        parts = _html_parts(_FIRST_PART + second)
        assert _table_with(parts, "抽检批次") is not _table_with(parts, "培训人次")


def test_labels_centred_on_their_group_in_ocr_rows_reach_the_rows_above():
    """OCR text of a printed form (rows on lines of their own, cells parted by runs of
    spaces) prints a merged label on the middle row of its group; a web table flattened
    with single spaces prints it on the first."""
    from extract.readers.space_rows import read as read_space_rows
    printed = ["一级指标  二级指标  三级指标  指标值", "日常养护里程  ≥1260公里",
               "产出指标  数量指标  防护工程里程  ≥45公里", "危桥改造数量  6座"]
    block = read_space_rows(printed, 1)[0]
    assert block.centred_labels
    assert [row.get("level1") for row in read(block)] == ["产出指标"] * 3
    flattened = [" ".join(line.split()) for line in printed]
    assert not read_space_rows(flattened, 1)[0].centred_labels
    assert not read_space_rows(["  ".join(printed)], 1)[0].centred_labels


def test_a_side_label_centred_on_the_whole_table_names_no_level():
    """`绩效指标`, merged down the whole indicator table, is printed on a middle row, where
    it lands in the level-1 column: that row takes the nearest level-1 like its neighbours."""
    from extract.readers.space_rows import read as read_space_rows
    printed = ["一级指标  二级指标  三级指标  指标值", "日常养护里程  ≥1260公里",
               "产出指标  数量指标  防护工程里程  ≥45公里", "绩效指标  危桥改造数量  6座",
               "效益指标  社会效益指标  通行条件  明显改善"]
    levels = [row.get("level1") for row in read(read_space_rows(printed, 1)[0])]
    assert levels == ["产出指标", "产出指标", "产出指标", "效益指标"]


def test_a_label_centred_on_a_long_group_takes_the_rows_nearer_a_short_group_above():
    """`成本指标` centred on two rows, then `效益指标` on four: the first of the four is
    nearer 成本指标's line, but the labels stand at the middles of their groups only when it
    goes with 效益指标."""
    from extract.readers.space_rows import read as read_space_rows
    printed = ["一级指标  二级指标  三级指标  指标值",
               "数量指标  培训人次  ≥100人次",
               "产出指标  质量指标  合格率  ≥95%",
               "时效指标  完成时间  年底前",
               "单位成本  ≤5万元",
               "成本指标  经济成本指标",
               "人均成本  ≤1万元",
               "社会效益指标  就业率  ≥60%",
               "效益指标  覆盖率  ≥80%",
               "生态效益指标  减排量  ≥10吨",
               "可持续影响指标  运行年限  ≥5年"]
    block = read_space_rows(printed, 1)[0]
    levels = [row.get("level1") for row in read(block)]
    assert levels == ["产出指标"] * 3 + ["成本指标"] * 2 + ["效益指标"] * 4


@pytest.mark.parametrize(("labels", "lines", "expected"), [
    ([1], [0, 1, 2], [1, 1, 1]),
    ([1, 5], [0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 1, 5, 5, 5, 5, 5]),  # the middles cut at 3
    ([2, 4], [0, 1, 2, 3, 4, 5], [2, 2, 2, 2, 4, 4]),  # a tie: the row goes to the label above
])
def test_rows_are_cut_into_runs_around_their_labels_by_the_middles(labels, lines, expected):
    from extract.assemble import _cut_at_middles
    extents = [(float(line), float(line)) for line in lines]
    runs = _cut_at_middles(labels, 0, len(lines), [float(line) for line in lines], extents)
    assert [label for _index, label in runs] == expected


def test_a_level_label_its_column_wraps_between_rows_is_one_label():
    """Laid-out PDF text: `可持续影响指` / `标`, centred between two rows on lines of their
    own, is one level-2 label for both rows, not a row named 可持续影响指 valued 标."""
    from extract.readers.space_runs import read as read_space_runs
    printed = ["一级指标    二级指标        三级指标                指标值",
               "                      农村自来水普及率          ≥93.5%",
               "            社会效益指标",
               "                      受益农村人口              6.8万人",
               "效益指标",
               "                      工程长效运行管护机制      健全完善",
               "            可持续影响指",
               "               标",
               "                      维修后工程正常运行年限    ≥5年"]
    rows = read(read_space_runs(printed, 1)[0])
    assert [(row.get("level2"), row.get("name")) for row in rows] == [
        ("社会效益指标", "农村自来水普及率"), ("社会效益指标", "受益农村人口"),
        ("可持续影响指标", "工程长效运行管护机制"), ("可持续影响指标", "维修后工程正常运行年限")]


def test_a_wrapped_name_ends_on_the_line_of_a_centred_level_label():
    """`社会效益指标 改造后校舍安全` / `0起` / `效益指标   责任事故`: the name wraps round its
    value, one space parts it from its level-2, and its last line holds the level-1 centred
    on the group: the label stands on its own, the tail ends the name."""
    from extract.readers.space_runs import read as read_space_runs
    printed = ["一级指标      二级指标      三级指标                指标值",
               "                            寄宿学生住宿条件        有效改善",
               "              社会效益指标 改造后校舍安全",
               "                                                    0起",
               "  效益指标                  责任事故",
               "              可持续影响指标 改造设施正常使用年限   ≥15年"]
    rows = read(read_space_runs(printed, 1)[0])
    assert [(row.get("level1"), row.get("name"), row.get("target")) for row in rows] == [
        ("效益指标", "寄宿学生住宿条件", "有效改善"), ("效益指标", "改造后校舍安全责任事故", "0起"),
        ("效益指标", "改造设施正常使用年限", "≥15年")]


def test_wrapped_labels_centred_under_their_first_lines_by_display_columns():
    """A PDF laid back out by display columns (pdftohtml's positions): `服务对象满意` /
    `度指标` is centred by width, not by characters, round the row it labels."""
    from extract.readers.space_runs import read as read_space_runs
    printed = ["                         一级指标   二级指标       三级指标                         指标值",
               "                                                   维修后工程正常运行年限              ≥5年",
               "",
               "                         满意度指   服务对象满意",
               "                                                   受益群众满意度                    90%以上",
               "                            标         度指标"]
    rows = read(read_space_runs(printed, 1)[0])
    assert [(row.get("level1"), row.get("level2"), row.get("name")) for row in rows][-1] == (
        "满意度指标", "服务对象满意度指标", "受益群众满意度")


def test_headings_cut_at_a_gap_join_and_so_do_the_cells_under_them():
    """OCR text laid out by tabs cuts a wide heading into the two cells its gap fell
    between (`三级指 | 标`, `预计当 | 年实现值`), and the rows' cells under it the same way."""
    block = rows_of([["一级", "指标", "二级", "指标", "三级指", "标", "前年", "上年", "预计当", "年实现值"],
                     ["产出", "指标", "数量", "指标", "住院救助", "人次数", "≥2000人次", "≥2000人次", "≥ 20",
                      "00人次"],
                     ["", "", "", "", "门诊救助人次数", "", "≥9000人次", "≥9000人次", "≥10000人次", ""]])
    found = read(block)
    assert found[0] == {"level1": "产出指标", "level2": "数量指标", "name": "住院救助人次数",
                        "history_before_last": "≥2000人次", "history_last": "≥2000人次",
                        "target": "≥ 2000人次"}
    assert found[1]["name"] == "门诊救助人次数" and found[1]["target"] == "≥10000人次"


@pytest.mark.parametrize("header", [
    ["一级指标", "二级指标", "三级指标", "指标值", "上年"],  # each names a column
    ["一级指标", "二级指标", "三级", "指标值", "年度目标"],  # `三级指标值` would be no heading
])
def test_neighbouring_headings_that_each_name_a_column_are_not_joined(header: list[str]):
    block = rows_of([header, ["产出指标", "数量指标", "培训人次", "100人次", "90人次"]])
    table = table_of(block)
    assert not any(column.joined for column in table.header.columns)
    assert len(table.header.columns) == len(header)


def test_a_heading_over_the_columns_the_row_below_heads_is_not_joined():
    """`指标 | 值` over `近两年指标值 | 预期当年实现值`: a group heading, not a cut one."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "指标", "值", "指标值确定依据"],
                     ["", "", "", "近两年指标值", "预期当年实现值", ""],
                     ["产出指标", "数量指标", "社区工作者人数", "≥1375人", "≥1400人", "经验标准"]])
    table = table_of(block)
    assert not any(column.joined for column in table.header.columns)


# the 近两年 template's columns: two years before, the year's own value, its basis
NEAR_TWO_YEARS = ["level1", "level2", "name", "history_before_last", "history_last", "target", "basis"]


def test_a_row_of_headings_over_the_rest_of_them_is_read_with_it():
    """`三级` over `指标`, `指标值确` over `定依据`, and a group's `指标值` over `上年`: in laid-out
    rows the two header rows are one, the sub-heading naming its column."""
    block = rows_of([["", "", "三级", "", "指标值", "", "指标值确"],
                     ["一级指标", "二级指标", "指标", "前年", "上年", "预计当年实现值", "定依据"],
                     ["产出指标", "数量指标", "巡护人次", "2.1万人次", "2.3万人次", "≥2.4万人次",
                      "计划标准"]])
    assert table_of(block).header.roles() == NEAR_TWO_YEARS
    assert read(block)[0]["target"] == "≥2.4万人次"


def test_a_name_and_a_label_their_columns_wrapped_go_on_on_the_next_line():
    """`重特大森林火灾发生` / `次数` and `社会效益` / `指标` on the line below, nothing else
    there but debris: one row, its name and label whole."""
    block = rows_of([["一级", "指标", "二级指标", "三级指", "标", "指标值"],
                     ["效益", "指标", "生态效益指标", "森林覆盖率", "", "≥68.5%"],
                     ["", "", "社会效益", "重特大森林火灾发生", "", "0次"],
                     ["·1 .l", "", "指标", "次数", "", ""]])
    found = read(block)
    assert [(row.get("level2"), row["name"]) for row in found] == [
        ("生态效益指标", "森林覆盖率"), ("社会效益指标", "重特大森林火灾发生次数")]


def test_a_level_label_cut_over_the_two_rows_it_stands_between_is_one_label():
    block = rows_of([["一级", "指标", "二级", "指标", "三级指", "标", "指标值"],
                     ["效益", "指标", "社会效", "", "农村自来水普及率", "", "≥92%"],
                     ["", "", "益指标", "", "受益农村人口", "", "≥18万人"]])
    assert [row.get("level2") for row in read(block)] == ["社会效益指标", "社会效益指标"]


def test_labels_and_their_values_cut_at_gaps_are_whole_in_label_rows():
    """`项目名 | 称`, `部门(单` over `位)名称`, and, where the table shows cuts, the value after
    a label (`涟泉县农村供水 | 管理站`); cells that follow no label stay apart."""
    block = rows_of([["部门(单", "", "", ""],
                     ["位)名称", "鄱源县林", "业局", ""],
                     ["项目名", "称", "农村供水工程", "维修养护项目"],
                     ["", "森林防火", "本级支出项目", "180.00"]])
    rows = [part for part in assemble_table(block) if isinstance(part, LabelRows)][0].rows
    texts = [[cell.text for cell in row if cell.text] for row in rows]
    assert texts == [["部门(单位)名称", "鄱源县林业局"], ["项目名称", "农村供水工程维修养护项目"],
                     ["森林防火", "本级支出项目", "180.00"]]


def test_a_header_printed_over_three_lines_is_one_header_row():
    """A complete first header line still takes the lines of headings under it: `指标 | 值`
    over `近两年指标值 | 预期当年实现值` over `2021年 | 2022年`."""
    block = rows_of([["一级", "", "三级指标", "", "指标", "值", "指标值确定依据"],
                     ["指标", "二级指标", "", "", "近两年指标值", "预期当年实现值", ""],
                     ["", "", "", "2021年", "2022年", "", ""],
                     ["产出指标", "数量指标", "社区工作经费拨付到位率", "100%", "100%", "100%", "经验标准"],
                     ["", "时效指标", "按时发放社区工作者劳动报酬", "按时发放", "按时发放", "按时发放",
                      "行业标准"]])
    assert table_of(block).header.roles() == NEAR_TWO_YEARS
    assert [(row["name"], row["target"]) for row in read(block)] == [
        ("社区工作经费拨付到位率", "100%"), ("按时发放社区工作者劳动报酬", "按时发放")]


def test_a_row_of_sentences_under_a_year_is_no_heading_row():
    """`2023年 | 实现2023年辖区居民…` (a mid-term goal's row) over the indicator header: a
    year is a history heading, but a row holding a sentence is no row of headings."""
    goal = "实现2023年辖区居民规范化电子健康档案覆盖率达到60%、适龄儿童接种率达到90%"
    block = rows_of([["", "2023年", goal],
                     ["一级指标", "二级指标", "三级指标", "指标值"],
                     ["产出指标", "数量指标", "电子健康档案覆盖率", "≥60%"]])
    parts = assemble_table(block)
    assert isinstance(parts[0], LabelRows) and parts[0].rows[0][1].text == "2023年"
    assert read(block) == [{"level1": "产出指标", "level2": "数量指标", "name": "电子健康档案覆盖率",
                            "target": "≥60%"}]


def test_a_header_line_of_notes_is_part_of_the_header_and_an_operator_is_no_piece():
    """`指标 | (≥/≤/=/定性) | (分)` under the headings is no row; `定性` in the operator column
    beside a name is the operator, not the name's cut tail."""
    block = rows_of([["一级指标", "二级指标", "三级指", "标", "指标性质", "指标值", "度量单位", "权重"],
                     ["指标", "", "", "", "(≥/≤/=/定性)", "", "", "(分)"],
                     ["产出指标", "时效指标", "助餐补贴资金拨付时间", "定性", "", "2024年12月底前", "",
                      "10"]])
    assert read(block) == [{"level1": "产出指标", "level2": "时效指标", "name": "助餐补贴资金拨付时间",
                            "op": "定性", "target": "2024年12月底前", "weight": "10"}]


def test_a_value_cut_from_its_unit_under_a_heading_with_a_note_is_joined():
    block = rows_of([["一级指标", "二级指标", "三级指标", "指标值(包含数字", "及文字描述)", "备注"],
                     ["产出指标", "数量指标", "施划路面标线里程", "≥120公", "里", ""]])
    assert read(block)[0]["target"] == "≥120公里"


def test_where_the_lines_tie_the_name_of_the_row_settles_its_label():
    """Row 3 stands as near the middle of label 2's run as of label 4's: a name whose words
    point at label 4's level (`…完成时间` under 时效) puts it there; with no such words the
    tie goes to the label above."""
    from extract.assemble import _cut_at_middles
    lines = [0, 1, 2, 3, 4, 5]
    extents = [(float(line), float(line)) for line in lines]

    def misfit(index: int, label: int) -> float:
        return 0.01 if index == 3 and label == 2 else 0.0

    runs = _cut_at_middles([2, 4], 0, 6, [float(line) for line in lines], extents, misfit)
    assert [label for _index, label in runs] == [2, 2, 2, 4, 4, 4]


@pytest.mark.parametrize(("name", "pointed"), [
    ("年度维修养护任务完成时间", ("产出指标", "时效指标")),
    ("乡村教师培训人次", ("产出指标", "数量指标")),
])
def test_a_name_points_at_the_levels_its_words_name(name: str, pointed: tuple[str, str]):
    from extract.classify import pointed_levels
    assert pointed in pointed_levels(name)


def test_a_value_at_a_cut_headings_second_place_is_no_piece_where_the_values_need_it():
    """Positions from runs of spaces are near, not exact: `逐步完善` lands under the `标` of
    `三级指 | 标`, but the row's later cells are one short of its value columns without it."""
    block = rows_of([["一级指标", "二级指标", "三级指", "标", "年度指标值", "实际完成值", "分值", "得分"],
                     ["产出指标", "数量指标", "良种蔗苗补助发放", "户数", "≥3200户", "3086户", "5", "4.82"],
                     ["效益指标", "可持续影响指标", "良种繁育推广体系", "逐步完善", "已形成三级推广网络",
                      "10", "10"]])
    found = read(block)
    assert found[0]["name"] == "良种蔗苗补助发放户数"
    assert (found[1]["name"], found[1]["target"], found[1]["actual"]) == (
        "良种繁育推广体系", "逐步完善", "已形成三级推广网络")


def test_a_goal_name_beside_a_row_of_the_table_does_not_end_it():
    """`年度绩效目标` in the table's first column (目标名称, merged down its rows) beside a
    level, a name and values is the table's side column, not a goal row."""
    block = rows_of([["目标名称", "一级指标", "二级指标", "三级", "指标", "指标值"],
                     ["", "产出指标", "数量指标", "开展价格专项整治活动完成率", "", "100%"],
                     ["年度绩效目标", "", "质量指标", "计量违法行为查处率", "", "100%"],
                     ["", "效益指标", "社会效益指标", "行政处罚案件信息依法公示率", "", "100%"]])
    assert [row["name"] for row in read(block)] == [
        "开展价格专项整治活动完成率", "计量违法行为查处率", "行政处罚案件信息依法公示率"]


def test_a_name_alone_on_the_tables_last_line_is_a_row_cut_by_the_excerpt():
    """A page laid out by spaces whose excerpt stops inside a row (`公益林提供管`): the
    last line is a row of its own, not the wrapped end of the name above."""
    from extract.readers.space_runs import read as read_space_runs
    printed = ["一级指标    二级指标    三级指标                      分值    年度指标值",
               "产出指标    数量指标    森林火灾受害率                10      0.9%",
               "                        主要林业有害生物成灾率        10      0.4%",
               "                        公益林提供管"]
    rows = read(read_space_runs(printed, 1)[0])
    assert [row.get("name") for row in rows] == ["森林火灾受害率", "主要林业有害生物成灾率", "公益林提供管"]


def test_period_headings_cut_with_their_notes_head_value_columns():
    """`中期指标值(2024- | 2026年)` and `年度指标值 | (2024年)`: each period's heading is whole
    again, and so are the values cut under them (`≤3.2万元/ | 公里`, `2024年12月 | 底前`)."""
    block = rows_of([["一级", "二级", "三级指", "标", "中期指标值(2024-", "2026年)", "年度指标值",
                      "(2024年)"],
                     ["产出指标", "时效指标", "年度治理任务完成时间", "", "每年12月底前", "", "2024年12月",
                      "底前"],
                     ["成本指标", "经济成本指标", "每公里岸线年均保洁成本", "", "≤3.2万元/公里", "",
                      "≤3.2万元/", "公里"]])
    table = table_of(block)
    assert [column.role for column in table.header.columns if column.role == "target"] == ["target"] * 2
    found = read(block)
    assert [row["target"] for row in found] == ["2024年12月底前", "≤3.2万元/公里"]


def test_a_periods_side_column_stays_apart_from_the_heading_beside_it():
    block = rows_of([["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
                     ["", "产出指标", "数量指标", "电子健康档案覆盖率", "≥60%"]])
    table = table_of(block)
    assert not any(column.joined for column in table.header.columns)


def test_a_label_wrapped_under_a_cell_alignment_put_elsewhere_carries_it_on():
    """`服务对象满` lands in a column of no heading, its wrapped end `意度指标` under it in the
    level-2 column: the label is whole, in the level-2 column, and the line is no row."""
    block = rows_of([["一级指标", "", "二级指标", "三级指", "标", "指标值"],
                     ["满意度", "指标", "服务对象满", "群众对民政服务满意度", "", "≥90%"],
                     ["", "", "意度指标", "", "", ""]])
    assert read(block) == [{"level1": "满意度指标", "level2": "服务对象满意度指标",
                            "name": "群众对民政服务满意度", "target": "≥90%"}]


def test_a_header_line_of_cut_headings_under_a_complete_one_is_read_with_it():
    """`指标值 | 分值 | 得分` over `年度指 | 标值 | 实际完 | 成值`: the line below is headings
    once its cut pieces are whole, so 年度指标值 and 实际完成值 are columns of the header."""
    block = rows_of([["一级", "二级", "三级", "", "指标值", "", "", "分值", "得分"],
                     ["指标", "指标", "指标", "年度指", "标值", "实际完", "成值", "", ""],
                     ["产出指标", "数量指标", "接收进馆档案数量", "≥2800卷", "", "3126卷", "", "8", "8"]])
    assert read(block) == [{"level1": "产出指标", "level2": "数量指标", "name": "接收进馆档案数量",
                            "target": "≥2800卷", "actual": "3126卷", "weight": "8", "score": "8"}]


def test_money_labels_printed_over_two_lines_are_one_row_of_labels():
    block = rows_of([["部门名", "称", "峨坪县档案馆", "", ""],
                     ["", "年初", "全年", "全年", "执行率"],
                     ["", "预算数", "预算数", "执行数", ""],
                     ["年度资金总额", "486.20", "532.75", "517.38", "97.11%"]])
    rows = [part for part in assemble_table(block) if isinstance(part, LabelRows)][0].rows
    texts = [[cell.text for cell in row if cell.text] for row in rows]
    assert texts[1] == ["年初预算数", "全年预算数", "全年执行数", "执行率"]
    assert len(texts) == 3


def test_an_achieved_value_glued_to_its_points_and_score_after_a_printed_target():
    """`150头 | 15055` under 年度指标值 | 实际完成值 | 分值 | 得分: the achieved value, the
    weight and the score ran together after a target printed apart; the weights the other
    rows print (5, 6) say where (150 | 5 | 5)."""
    header = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    block = rows_of([header, ["推广支数", "≥36000支", "37250支", "6", "6"],
                     ["冷配头数", "≥12000头", "12460头", "6", "6"],
                     ["种公牛头数", "150头", "15055"],
                     ["合格率", "100%", "100%", "5", "5"], ["受胎率", "≥60%", "63.5%", "5", "5"]])
    assert read(block)[2] == {"name": "种公牛头数", "target": "150头", "actual": "150", "weight": "5",
                              "score": "5"}


def test_a_glued_run_that_opens_with_the_comparator_is_cut_planned_value_first():
    """`≥255025781010` under 年度指标值 with 实际完成值 | 分值 | 得分 empty (built s61): the
    comparator opens the planned value; one other row's `10 | 10` and the cut winning them
    in full say where the points are, and of the planned/achieved cuts the two figures
    nearest each other (2550 | 2578, not 2 | 5502578) are what a row reports."""
    header = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    block = rows_of([header, ["培训人次", "≥3000人次", "3126人次", "10", "10"],
                     ["取证人数", "≥255025781010"],
                     ["取证率", "≥85%", "82.5%", "8", "7.76"], ["准确率", "100%", "100%", "8", "8"],
                     ["参训占比", "≥4046.877"], ["增收", "≥500元", "620元", "7", "7"]])
    rows = read(block)
    assert [(row["target"], row["actual"], row["weight"], row["score"]) for row in (rows[1], rows[4])] == [
        ("≥2550", "2578", "10", "10"), ("≥40", "46.8", "7", "7")]


def test_points_glued_to_a_score_where_one_row_prints_points_apart():
    """`43.92` under 分值, 得分 empty, in a table cut short by a page break that prints one
    row's `6 | 6` (built s61): whole points no higher than any printed, 4 | 3.92, not
    43.9 | 2."""
    header = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    block = rows_of([header, ["参训人员满意度", "≥90%", "93.6%", "6", "6"],
                     ["用人单位满意度", "≥85%", "83.2%", "43.92"]])
    rows = read(block)
    assert (rows[1].get("weight"), rows[1].get("score")) == ("4", "3.92")


def test_points_and_a_score_glued_where_other_rows_print_them_apart():
    """`65.4` under 得分 with 分值 empty, in a table that prints its points apart (6, 5): above
    every printed points, it is the points and the score (6 | 5.4); `5.4` alone stays."""
    header = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    block = rows_of([header, ["推广支数", "≥36000支", "37250支", "6", "6"],
                     ["冷配头数", "≥12000头", "12460头", "6", "6"],
                     ["培训人次", "≥600人次", "540人次", "", "65.4"],
                     ["合格率", "100%", "100%", "5", "5"], ["受胎率", "≥60%", "63.5%", "5", "5"],
                     ["检疫率", "100%", "98%", "", "4.9"]])
    rows = read(block)
    assert (rows[2]["weight"], rows[2]["score"]) == ("6", "5.4")
    assert "weight" not in rows[5] and rows[5]["score"] == "4.9"



@pytest.mark.parametrize(("upper", "lower", "names"), [
    # OCR printed the row's values beside both lines of its wrapped name: one row
    ("重点特种设备使用单", "位监督检查率", ["重点特种设备使用单位监督检查率"]),
    ("不合格药品核查处置", "率", ["不合格药品核查处置率"]),
    # a whole name above (it ends as names do), or a lower line that does not: two rows
    ("城市低保救助覆盖率", "农村低保救助覆盖率", ["城市低保救助覆盖率", "农村低保救助覆盖率"]),
    ("开展价格专项整治活", "药品质量安全", ["开展价格专项整治活", "药品质量安全"]),
])
def test_a_wrapped_name_with_its_values_printed_twice_is_one_row(upper, lower, names):
    block = rows_of([["一级", "指标", "二级", "指标", "三级指", "标", "前年", "上年", "预计当年实现"],
                     ["产出", "指标", "数量", "指标", "住院救助人次数", "", "≥2000人次", "≥2000人次",
                      "≥2000人次"],
                     ["", "", "", "", upper, "", "100%", "1.000/", "100%"],
                     ["", "", "", "", lower, "", "100%", "100%", "100%"],
                     ["", "", "", "", "门诊救助人次数", "", "≥1万人次", "≥1万人次", "≥1万人次"]])
    assert [row["name"] for row in read(block)][1:-1] == names


def test_debris_in_a_level_column_names_no_level():
    """`12.1-` where OCR read a smudge in the level-2 column: the row takes the label centred
    on its group, as a row with that cell empty does."""
    block = rows_of([["一级", "指标", "二级", "指标", "三级指", "标", "指标值"],
                     ["", "", "", "", "资金使用合规", "", "100%"],
                     ["产出", "指标", "质量", "指标", "救助对象合法性", "", "100%"],
                     ["", "", "12.1-", "", "医疗救助准确率", "", "100%"]])
    assert [row.get("level2") for row in read(block)] == ["质量指标"] * 3


def _ocr_table(rows: list[list[str]]) -> list[dict[str, str]]:
    """A table of the layout OCR engine's tab rows (sample 003): headings over two lines, the
    target 预计当年实现 beside 前年 | 上年, a basis column last, labels maybe centred."""
    header = [["目标名称", "一级指标", "二级指标", "三级指标", "前年", "上年", "预计当年", "指标值确"],
              ["", "", "", "", "", "", "实现", "定依据"]]
    block = rows_of(header + rows)
    block.labels_may_be_centred = True
    return read(block)


def test_a_heading_ended_on_the_line_below_names_its_column():
    """`预计当年` over `实现` is the target, `指标值确` over `定依据` the basis (cut, it reads as
    指标值)."""
    found = _ocr_table([["", "产出指标", "数量指标", "日均清运量", "148吨", "153吨", ">160吨", "计划标准"]])
    assert [(row["target"], row["basis"]) for row in found] == [(">160吨", "计划标准")]


def test_a_basis_beside_its_value_is_no_piece_of_it():
    """`≤2461.80万元 | 其他` under a target cut over two cells: the value, then its basis."""
    block = rows_of([["一级", "指标", "二级", "指标", "三级指", "标", "前年", "上年", "预计当", "年实现",
                      "指标值确定依据"],
                     ["成本", "指标", "经济成", "本指标", "资金支出总额", "", "≤2398.60万元", "≤2430.20万元",
                      "≤2461.80万元", "其他"],
                     ["产出", "指标", "数量", "指标", "保障人数", "", "3186人", "3142人", "≥3100人",
                      "计划标准"]])
    assert [row["target"] for row in read(block)] == ["≤2461.80万元", "≥3100人"]


def test_a_name_begun_on_the_line_above_its_values_is_one_name():
    """`生活垃圾收集清运` alone over `时效指标 | 及时性 | 日产日清 …`, and a name wrapped with its
    figures printed beside both lines (`年度绩效`, the goal's name merged down the table, on
    the second): each one row."""
    found = _ocr_table([
        ["", "", "", "城区主次干道及背街小", "172万平方米", "178万平方米", "≥186万平方米", "计划标准"],
        ["年度绩效", "", "", "巷清扫保洁面积", "172万平方米", "178万平方米", "≥186万平方米", "计划标准"],
        ["", "产出指标", "数量指标", "生活垃圾日均清运量", "148吨", "153吨", ">160吨", "计划标准"],
        ["", "", "", "生活垃圾收集清运", "", "", "", ""],
        ["", "", "时效指标", "及时性", "日产日清", "日产日清", "日产日清", "行业标准"],
        ["", "", "", "道路冲洗作业完成时限", "每日7时前", "每日7时前", "每日7时前", "行业标准"]])
    assert [(row["name"], row["target"]) for row in found] == [
        ("城区主次干道及背街小巷清扫保洁面积", "≥186万平方米"), ("生活垃圾日均清运量", ">160吨"),
        ("生活垃圾收集清运及时性", "日产日清"),
        ("道路冲洗作业完成时限", "每日7时前")]


def test_points_glued_to_a_score_take_points_printed_on_one_row():
    """`54.95` in the 得分 column, 分值 empty, where 8, 6 and 15 are printed on several rows
    and 5 on one: the only cut that opens with printed points is 5 | 4.95."""
    texts = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "产出指标", "数量指标", "甲", "≥10件", "12件", "8", "8", "乙", "≥20件", "21件", "8", "8",
             "质量指标", "丙", "100%", "100%", "6", "6", "丁", "≤1%", "0%", "6", "6",
             "效益指标", "社会效益指标", "戊", "明显提升", "明显提升", "15", "15",
             "己", "持续完善", "持续完善", "15", "15",
             "满意度指标", "服务对象满意度指标", "庚", "≥90%", "93.8%", "5", "5",
             "辛", ">85%", "84.2%", "54.95"]
    rows = read(stream(texts, [BREAK_HINT] + [BREAK_SOFT] * (len(texts) - 1)))
    assert (rows[-1].get("weight"), rows[-1].get("score")) == ("5", "4.95")


def test_a_laid_out_table_with_labels_atop_their_groups_goes_on_over_a_page_break():
    """pdftotext -layout of a table whose merged labels stand on their groups' first rows:
    after the page number and the header printed again, a row with a level-2 only is still
    under the level-1 above (成本指标 under 产出指标), and the labels on the new page are
    carried down, not centred."""
    from extract.readers.space_runs import read as read_space_runs
    lines = ["  一级指标        二级指标          三级指标                  指标值",
             "  产出指标        数量指标          文化场馆免费开放天数          ≥300天",
             "                              举办全民健身赛事活动次数        ≥12次",
             "                质量指标          户户通设备正常运行率          ≥95%",
             "                              文物安全巡查覆盖率             100%",
             "                                — 17 —",
             "  一级指标        二级指标          三级指标                  指标值",
             "                成本指标          场馆免费开放运行成本          ≤186.00万元",
             "  效益指标        经济效益指标        旅游综合收入                稳步增长",
             "                社会效益指标        群众文化活动参与人次            ≥8万人次",
             "                              旅游接待人次较上年增长           ≥10%",
             "                              公共文化服务覆盖率             ≥95%",
             "  满意度指标       服务对象满意度指标     群众满意度                 ≥90%"]
    tables = [part for block in read_space_runs(lines, 1) for part in assemble_table(block)
              if isinstance(part, IndicatorTable)]
    levels = [(row.slots[0].text, row.slots[1].text) for table in tables for row in table.rows]
    assert levels[4] == ("产出指标", "成本指标")
    assert levels[7] == ("效益指标", "社会效益指标")


def test_a_value_a_stray_gap_cut_is_one_where_the_row_has_a_figure_too_many():
    """Laid-out OCR rows: `≥ 36 | 00户` and `≥ 32 | 万人` hold one figure each; `100 | 98` in a
    row with as many figures as figure columns are two values."""
    found = read(rows_of([["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                          ["产出指标", "数量指标", "农村户厕改造户数", "≥ 36", "00户", "3512户", "10",
                           "9.76"],
                          ["", "", "居民健康档案建档人数", "≥ 32", "万人", "32.6万人", "10", "10"],
                          ["", "质量指标", "验收合格率", "100", "98", "10", "9"]]))
    assert [(row["target"], row["actual"]) for row in found] == [
        ("≥ 3600户", "3512户"), ("≥ 32万人", "32.6万人"), ("100", "98")]


def test_a_level_label_a_gap_cut_on_its_line_is_one_label_in_any_table():
    block = rows_of([["一级指标", "二级指标", "", "三级指标", "年度指标值"],
                     ["效益指标", "可持续影", "响指标", "户厕长效管护机制", "逐步健全"],
                     ["满意度指标", "服务对象满意度指标", "", "改厕农户满意度", "≥90%"]])
    assert [(row.get("level2"), row["name"]) for row in read(block)] == [
        ("可持续影响指标", "户厕长效管护机制"), ("服务对象满意度指标", "改厕农户满意度")]


def test_a_name_or_a_deadline_a_gap_cut_on_its_line_is_one_cell():
    """`专职人民调解员配备 | 人数` (the piece makes the name end as names do) and `2024年5月 |
    底前`; `培训人次 | 1200人次` stays a name and its value."""
    found = _ocr_table([["", "产出指标", "数量指标", "专职人民调解员配备", "人数", "96人", "102人", "≥108人",
                         "计划标准"],
                        ["", "", "时效指标", "防治作业完成时间", "2023年5月", "2023年5月", "2024年5月",
                         "底前",
                         "计划标准"],
                        ["", "", "", "培训人次", "1100人次", "1150人次", "1200人次", "计划标准"]])
    assert [(row["name"], row["target"]) for row in found] == [
        ("专职人民调解员配备人数", "≥108人"), ("防治作业完成时间", "2024年5月底前"), ("培训人次", "1200人次")]


def test_an_explanation_wrapped_with_a_name_and_a_label_centred_on_the_wrapped_line_stay_whole():
    """A wrapped line holding the name's tail and the explanation's is the row's; a group's
    label printed on the line a row wrapped to, the values repeated beside it, is that
    row's label; a whole name above (`…检查完成率`) never takes the row below."""
    block = rows_of([["一级", "指标", "二级指标", "三级指标", "指标值", "分值", "指标解释"],
                     ["", "", "", "草原鼠虫害固定监测点", "24个", "6", "反映当年布设的草原鼠虫害"],
                     ["", "", "", "位数", "", "", "固定监测点位数量。"],
                     ["", "", "", "案件质量评", "98%", "10", "反映评查"],
                     ["产出", "指标", "质量指标", "查合格率", "98%", "10", "反映评查"],
                     ["", "", "", "计量器监督检查完成率", "100.00%", "10", "反映检查"],
                     ["", "", "", "不合格产品处置率", "100%", "10", "反映检查"]])
    block.centred_labels = True
    found = read(block)
    assert [(row.get("level2"), row["name"]) for row in found] == [
        ("质量指标", "草原鼠虫害固定监测点位数"), ("质量指标", "案件质量评查合格率"),
        ("质量指标", "计量器监督检查完成率"), ("质量指标", "不合格产品处置率")]
    assert found[0]["description"] == "反映当年布设的草原鼠虫害固定监测点位数量。"


def test_a_header_printed_over_three_lines_whole_only_on_the_third():
    """`年度` / `指标` / `值` and `偏差原因` / `分析及改` / `进措施` (built s48): the first two
    lines read `年度指标`, a level's name, so the header is whole only with the third."""
    block = rows_of([["", "一级", "二级", "三级", "年度", "实际", "", "", "偏差原因"],
                     ["", "指标", "指标", "指标", "指标", "完成值", "分值", "得分", "分析及改"],
                     ["", "", "", "", "值", "", "", "", "进措施"],
                     ["", "产出指标", "数量指标", "危桥改造座数", "8座", "7座", "10", "8.75", "工期顺延"]])
    assert [(row["target"], row["actual"], row["weight"], row["score"]) for row in read(block)] == [
        ("8座", "7座", "10", "8.75")]


def test_deadlines_cut_over_two_lines_with_their_row_name_are_one_row():
    """`汛前水毁工程修复完成 | 2023年5月底 | 2024年5月底` over `时间 | 前 | 前` (built t116): the
    name's tail and each deadline's end; `居民出行条件 | 明显改善` stays a row of its own."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "2023年", "预期当年实现值"],
                     ["", "", "水库巡查次数", "52次", "≥52次"],
                     ["产出指标", "时效指标", "汛前水毁工程修复完成", "2023年5月底", "2024年5月底"],
                     ["", "", "时间", "前", "前"],
                     ["效益指标", "社会效益指标", "居民出行条件", "有所改善", "明显改善"]])
    block.centred_labels = True
    assert [(row["name"], row["target"]) for row in read(block)][1:] == [
        ("汛前水毁工程修复完成时间", "2024年5月底前"), ("居民出行条件", "明显改善")]


def test_a_side_label_down_its_column_beside_a_label_end_is_no_cut_label():
    """`绩效 | 指标 | 指标` on one line: the side label's top, then the ends of `产出` and
    `质量` printed above (built s48), not a level label `绩效指标` cut in two."""
    block = rows_of([["", "一级", "二级", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                     ["", "", "", "农村公路日常养护里程", "1260公里", "1260公里", "5", "5"],
                     ["", "产出", "质量", "提档升级工程交工验", "100%", "100%", "5", "5"],
                     ["绩效", "指标", "指标", "收合格率", "100%", "100%", "5", "5"],
                     ["指标", "", "时效指标", "提档升级工程完工时间", "2023年10月底前", "2023年10月25日",
                      "5", "5"]])
    block.centred_labels = True
    found = read(block)
    assert [(row.get("level1"), row.get("level2"), row["name"]) for row in found][1:] == [
        ("产出指标", "质量指标", "提档升级工程交工验收合格率"),
        ("产出指标", "时效指标", "提档升级工程完工时间")]


def _unit_table(rows: list[list[str]]) -> list[dict[str, str]]:
    """Tab rows of the layout OCR engine (built t118): 指标性质 and 计量单位 columns, an
    explanation that wraps, labels centred on their groups."""
    header = [["", "一级", "二级", "三级指标", "指标", "指标值", "计量", "指标值说明"],
              ["", "指标", "指标", "", "性质", "", "单位", ""]]
    block = rows_of(header + rows)
    block.labels_may_be_centred = True
    return read(block)


@pytest.mark.parametrize(("upper", "lower", "names"), [
    # the value and its sign printed again beside the name's end: one row
    (["", "", "", "维修养护工程竣工验收", "＝", "100", "%", "按规程验收"],
     ["", "产出指标", "", "合格率", "＝", "100", "%", ""], ["维修养护工程竣工验收合格率"]),
    # one value alone printed twice may be two rows' (`…采购 | 100%`, `…及时率 | 100%`)
    (["", "", "", "按物价部门定价标准采购", "", "100", "%", ""],
     ["", "", "时效指标", "疫苗提供及时率", "", "100", "%", ""],
     ["按物价部门定价标准采购", "疫苗提供及时率"]),
])
def test_a_name_ended_beside_its_value_and_sign_printed_again_is_one_row(upper, lower, names):
    found = _unit_table([["", "", "", "水质检测样品数", "＝", "552", "份", "每月检测"], upper, lower,
                         ["", "", "", "供水故障抢修响应时间", "≤", "24", "小时", "到达现场"]])
    assert [row["name"] for row in found][1:-1] == names


def test_labels_centred_beside_the_end_of_a_name_go_with_its_row():
    """`成本指标 | 经济成本指标 | 费用 | … | 测算，不含…` under `单处工程平均维修养护 | ≤ | 6.5`:
    the one row of its group, its labels centred on the line its name and explanation
    wrapped to (`费用` ends a name as `成本` does, vocab name_endings)."""
    found = _unit_table([["", "", "", "水质检测样品数", "＝", "552", "份", "每月检测"],
                         ["", "产出指标", "数量指标", "管网长度", "≥", "28.5", "公里", "更换管网"],
                         ["", "", "", "单处工程平均维修养护", "≤", "6.5", "万元/处", "按资金总额÷处数"],
                         ["", "成本指标", "经济成本指标", "费用", "", "", "", "测算，不含管网费用"],
                         ["", "效益指标", "社会效益指标", "受益人口", "≥", "8.6", "万人", "常住人口"]])
    assert [(row["level1"], row["level2"], row["name"]) for row in found] == [
        ("产出指标", "数量指标", "水质检测样品数"), ("产出指标", "数量指标", "管网长度"),
        ("成本指标", "经济成本指标", "单处工程平均维修养护费用"), ("效益指标", "社会效益指标", "受益人口")]
    assert found[2]["description"] == "按资金总额÷处数测算，不含管网费用"


def test_a_reason_wrapped_over_lines_beside_a_centred_label_and_the_side_label_stays_whole():
    """A 自评表 (built s49): the reason goes on after a comma (`…外出务工,`) with the name's
    end (`户数`); the next line holds the side
    label's top, the level-1 centred on its group and the reason's end: no row of its own."""
    block = rows_of([["", "一级", "二级", "三级指标", "年度", "全年", "分值", "得分", "未完成原因"],
                     ["", "指标", "指标", "", "指标值", "实际值", "", "", "分析"],
                     ["", "", "", "新建高标准农田面积", "≥1.2万亩", "1.26万亩", "5", "5", ""],
                     ["", "", "数量指标", "高素质农民培育人数", "≥600人", "612人", "5", "5", ""],
                     ["", "", "", "农村户用卫生厕所改造", "2400户", "2186户", "5", "4.55",
                      "部分农户外出务工,"],
                     ["", "", "", "户数", "", "", "", "", "意愿确认滞后, 剩余214户"],
                     ["绩效", "产出指标", "", "", "", "", "", "", "已纳入改厕计划。"],
                     ["指标", "", "质量指标", "验收合格率", "100%", "100%", "5", "5", ""]])
    block.labels_may_be_centred = True
    found = read(block)
    assert [(row.get("level1"), row["name"]) for row in found] == [
        ("产出指标", "新建高标准农田面积"), ("产出指标", "高素质农民培育人数"),
        ("产出指标", "农村户用卫生厕所改造户数"), ("产出指标", "验收合格率")]
    assert found[2]["deviation"] == "部分农户外出务工,意愿确认滞后, 剩余214户已纳入改厕计划。"


def test_a_line_of_specks_under_a_laid_out_table_is_no_row():
    """`.'l | / 1 ·`: a scan's specks, no word and hardly a letter or digit."""
    found = _unit_table([["", "产出指标", "数量指标", "水质检测样品数", "＝", "552", "份", "每月检测"],
                         ["", ".'l", "", "", "/ 1 ·", "", "", ""]])
    assert [row["name"] for row in found] == ["水质检测样品数"]


def test_a_label_centred_on_the_line_the_first_row_wrapped_to_leaves_the_labels_centred():
    """`数量指标` printed with the reason's end under the first row (built s40): the row takes
    it, and the table's labels are still read as centred on their groups (产出指标 on the
    fourth row reaches the first)."""
    block = rows_of([["", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                      "偏差原因"],
                     ["", "", "", "保护性耕作实施面积", "≥45万亩", "44.62万亩", "10", "9.92",
                      "受低温影响，部分"],
                     ["", "", "数量指标", "", "", "", "", "", "地块改为常规翻耕。"],
                     ["", "", "", "作业质量监测地块数", "≥300个", "312个", "5", "5", ""],
                     ["", "", "", "秸秆覆盖率达标面积占比", "≥90%", "93.6%", "10", "10", ""],
                     ["", "产出指标", "质量指标", "作业补助发放准确率", "100%", "100%", "5", "5", ""],
                     ["", "", "", "补助资金兑付准确率", "100%", "100%", "5", "5", ""],
                     ["", "效益指标", "生态效益指标", "土壤有机质含量", "稳中有升", "稳中有升", "8", "8",
                      ""]])
    block.labels_may_be_centred = True
    assert [(row.get("level1"), row.get("level2")) for row in read(block)][:2] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标")]


def test_a_figure_that_ends_an_explanation_on_a_wrapped_line_is_no_value_of_a_row():
    """`准确率 | … | 1200户` under `困难群众救助资金发放 | 100% | 按上年实际发放户数`: the
    name's end and the explanation's, whose figure is the sentence's, not a value."""
    found = _unit_table([["", "", "", "救助人数", "≥", "1200", "人", "按上年"],
                         ["", "产出指标", "数量指标", "困难群众救助资金发放", "＝", "100", "%",
                          "按上年实际发放户数"],
                         ["", "", "", "准确率", "", "", "", "1200户"],
                         ["", "", "", "救助及时率", "≥", "98", "%", "按月发放"]])
    assert [row["name"] for row in found] == ["救助人数", "困难群众救助资金发放准确率", "救助及时率"]
    assert found[1]["description"] == "按上年实际发放户数1200户"


@pytest.mark.parametrize(("upper", "wrapped", "row"), [
    # the values' ends, the end of `社会效益` and the top of `效益` / `指标`
    (["", "", "社会效益", "水库山塘安全度汛", "未发生垮坝", "不发生垮坝"],
     ["", "效益", "指标", "", "事故", "事故"], ("效益指标", "水库山塘安全度汛", "不发生垮坝事故")),
    # the name's end beside the top of `产出` / `指标`, under a row that prints no label
    (["", "", "", "农村饮用水达标提标覆", "1.3万人", "≥1.5万人"],
     ["", "产出", "", "盖人口", "", ""], ("产出指标", "农村饮用水达标提标覆盖人口", "≥1.5万人")),
])
def test_a_wrapped_line_beside_the_top_of_a_label_cut_over_two_lines_is_the_rows(upper, wrapped, row):
    """Built t116: the level-1 is cut over the wrapped line and the next."""
    block = rows_of([["", "一级指标", "二级指标", "三级指标", "2023年", "预期当年实现值"],
                     ["", "产出指标", "时效指标", "修复完成时间", "2023年5月底前", "2024年5月底前"],
                     upper, wrapped,
                     ["", "指标", "生态效益指标", "断面水质达标率", "94.1%", "≥95%"]])
    block.centred_labels = True
    found = [(r.get("level1"), r["name"], r["target"]) for r in read(block)]
    assert len(found) == 3 and found[1] == row


def test_a_name_begun_on_a_line_of_its_own_in_tab_rows_is_one_name():
    """A web table's rows with rowspan-covered cells left out (built t123): `食品安全抽检问题
    产品` alone on its line, then `核查处置率 | 100% | 行业标准` where the row's first cell
    stands, is one name; a whole name alone on its line stays apart."""
    found = read(rows_of([["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
                          ["产出指标", "质量", "特种设备定期检验率", "100%", "法规"],
                          ["食品安全抽检问题产品"], ["核查处置率", "100%", "行业标准"],
                          ["消费投诉举报按时办结率", "≥98%", "行业标准"]]))
    assert [(row["name"], row["target"]) for row in found] == [
        ("特种设备定期检验率", "100%"), ("食品安全抽检问题产品核查处置率", "100%"),
        ("消费投诉举报按时办结率", "≥98%")]


def test_a_name_begun_on_a_line_of_its_own_in_glued_rows_is_one_name():
    """A doc site's glued rows, a row a line (built s51): `改厕农户粪污资源化` alone, then
    `利用率 | ≥60% | 63% | 5 | 5`."""
    block = rows_of([["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                     ["改厕验收合格率", "≥95%", "97.2%", "10", "10"], ["改厕农户粪污资源化"],
                     ["利用率", "≥60%", "63%", "5", "5"]], rows="stream",
                    breaks=[BREAK_HINT] * 4)
    block.reader = "run_together"
    assert [row["name"] for row in read(block)] == ["改厕验收合格率", "改厕农户粪污资源化利用率"]


def test_a_sentences_last_line_alone_over_a_row_begins_no_name():
    """`业调解组织的数据共享和案件统计衔接。` alone over `人民调解成功率 | ≥95%` (the converted
    s13): a reason's last line, closed by a full stop, is no name's first line."""
    found = read(rows_of([["三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
                          ["受理人民调解案件数", "≥1200件", "1156件", "5", "4.82", "部分纠纷分流至相关行"],
                          ["业调解组织的数据共享和案件统计衔接。"],
                          ["人民调解成功率", "≥95%", "98.2%", "10", "10"]]))
    assert found[-1]["name"] == "人民调解成功率"


def test_a_laid_out_table_with_labels_atop_goes_on_over_a_page_break_from_a_bare_row():
    """A desktop OCR program's text (built t133): labels atop each group's first row, a page
    number and the header again, then a row that prints no label: it goes on under the
    labels above the break (a page of centred labels centres them page by page)."""
    from extract.pipeline import extract_bytes

    header = "一级指标       二级指标         三级指标                  指标值"
    lines = ["甲项目绩效目标表", "项目名称    甲项目", header,
             "产出指标       数量指标         低产林改造面积            ≥1.2万亩",
             "                                果树修剪示范园面积        ≥3000亩",
             "效益指标       经济效益指标     项目区果农亩均增收        ≥200元", "", "— 1 —", "", header,
             "                                林果产品优质果率          ≥70%",
             "               社会效益指标     带动务工人数              ≥800人"]
    form = extract_bytes("\n".join(lines).encode(), "t.txt", "t", "t.txt").forms[0]
    assert [(i.level2, i.name) for i in form.indicators][-2:] == [
        ("经济效益指标", "林果产品优质果率"), ("社会效益指标", "带动务工人数")]


def test_a_self_evaluations_header_that_ocr_damaged_keeps_its_columns():
    """tesseract's `年度指标什` (年度指标值, a character misread) stays one heading, not
    `年度指标` and a stray `什`; `得` (得分, its second character lost) right of 分值 in a
    自评表 is the score column and joins no heading beside it."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "年度指标什", "实际完成值", "分值", "得",
                      "偏差原因分析及改进措施"],
                     ["产出指标", "数量指标", "维修改造供水管网长度", "=42公里", "43.5公里", "8", "8", ""]])
    table = table_of(block)
    assert [column.role for column in table.header.columns] == [
        "level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]
    assert read(block)[0] == {"level1": "产出指标", "level2": "数量指标", "name": "维修改造供水管网长度",
                              "target": "=42公里", "actual": "43.5公里", "weight": "8", "score": "8"}


def test_labels_a_converter_cut_at_every_column_rule_are_whole_again():
    """pymupdf4llm cuts a PDF table's cells at every column rule the page draws, row or not
    (built s100: `项|目名称`, `实施|单位`): where two labels at least are cut so, the labels
    and the values after them are whole again; a table with one such pair is left as it is."""
    from extract.pipeline import extract_bytes

    rows = ["|项|目名称|澴川县2024年特困人员救助供养项|目|||", "|---|---|---|---|---|---|",
            "|主|管部门|澴川县民政局|实施|单位|澴川县社会救助服务中心|",
            "|一级指标|二级指标|三级指标|年度指标值|||", "|产出指标|数量指标|集中供养人数|≥420人|||"]
    text = "\n".join(["2024年度项目支出绩效目标表", *rows])
    (form,) = extract_bytes(text.encode("utf-8"), "t.md", "t", "t.md").forms
    assert (form.project_name, form.department, form.implementing_unit) == (
        "澴川县2024年特困人员救助供养项目", "澴川县民政局", "澴川县社会救助服务中心")


def test_the_points_and_the_score_under_one_heading_are_two_columns():
    """`分值 得分` over `10 9.56`: a converter put two narrow columns' headings and figures in
    one cell each (built s94, markitdown's PDF text; s97, tesseract): the points and the
    score, apart where the space parts them."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["2024年度项目支出绩效自评表", "项目名称\t甲项目",
                      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值 得分\t偏差原因",
                      "产出指标\t数量指标\t放映场次\t≥1860场\t1872场\t10 10\t",
                      "产出指标\t数量指标\t演出场次\t≥48场\t45场\t8 7.5\t受降雪影响"])
    (form,) = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert [(row.weight, row.score) for row in form.indicators] == [
        (Decimal("10"), Decimal("10")), (Decimal("8"), Decimal("7.5"))]


_SCORED = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


@pytest.mark.parametrize("header, row, name, description", [
    # a stray gap an OCR engine read as a border: one name in two cells
    (_SCORED, ["黑土耕层土壤", "有机质含量", "稳中有升", "稳中有升", "8", "8"], "黑土耕层土壤有机质含量", ""),
    # a 指标解释 column between the name and the values: room for the second text cell
    (_SCORED[:3] + ["指标解释"] + _SCORED[3:],
     ["企业开办办理时间", "反映企业开办全流程办理所需的时间", "≤1个工作日", "0.5个工作日", "6", "6"],
     "企业开办办理时间", "反映企业开办全流程办理所需的时间"),
])
def test_a_scored_row_one_cell_too_long_is_cut_in_its_name_only_without_a_sentence_column(
        header, row, name, description):
    found = read(rows_of([header, ["产出指标", "数量指标", "新增耕地面积", *(["反映新增耕地"] if
                                                                 "指标解释" in header else []),
                                   "≥1200亩", "1088亩", "7", "6.35"], ["", "", *row]]))
    assert found[1]["name"] == name
    assert found[1].get("description", "") == description
    assert found[1]["weight"] == row[-2] and found[1]["score"] == row[-1]


def test_a_level_1_label_named_again_over_an_empty_level_2_goes_on_with_its_group():
    """A Word table split at a page break (`续表`) names its 一级 group again on the second
    part's first row and leaves that row's 二级 empty: the row is still under the 二级 above.
    A group named again with a 二级 of its own opens that one."""
    block = rows_of([["一级指标", "二级指标", "三级指标", "指标值"],
                     ["产出指标", "数量指标", "管护面积", "≥12.6万亩"],
                     ["", "质量指标", "设施完好率", "≥95%"],
                     ["产出指标", "", "灌溉水有效利用系数", "≥0.56"],
                     ["", "时效指标", "完成时间", "2024年11月底前"],
                     ["产出指标", "成本指标", "亩均管护成本", "≤30元/亩"]], rows="exact")
    for cell in block.cells:  # the 一级 cells are merged down their groups, as Word's are
        if cell.text == "产出指标":
            cell.row_span = 2 if cell.row < 5 else 1
    found = read(block)
    assert [(row["level1"], row["level2"]) for row in found] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "质量指标"),
        ("产出指标", "时效指标"), ("产出指标", "成本指标")]
