"""Every text layout family on real text (excerpts of tests/golden/wild/): the router picks
the family, and the family's reader yields the cells a person sees."""

from __future__ import annotations

import pytest

from extract.classify import headings_apart
from extract.grid import BREAK_HINT, ProseBlock, TableBlock
from extract.pipeline import extract_bytes
from extract.readers import space_bands
from extract.readers.blank_cells import boxes, text_boxes
from extract.readers.cut_labels import cut_by_page_breaks, spread_labels
from extract.readers.cut_labels import framed_labels as _framed_labels
from extract.readers.cut_labels import wrapped_down as _wrapped_down
from extract.readers.space_bands import column_header as _column_header
from extract.readers.space_runs import _gaps_inside_names, _label_and_value
from extract.readers.text import (
    TEXT_FAMILIES,
    _preview_pages_joined,
    _without_autospace,
    _without_page_furniture,
    _without_side_label,
    read_text,
    regions,
    signature,
)
from tests.golden_support import BUILT_DIR, CONVERTED_DIR, WILD_DIR


def wild(stem: str) -> list[str]:
    path = next(WILD_DIR.glob(f"{stem}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")


def families(lines: list[str]) -> list[str]:
    return [family for family, *_ in regions(lines, [signature(line) for line in lines])]


def texts(lines: list[str]) -> list[str]:
    grid = read_text(lines)
    return [cell.text for block in grid.blocks if isinstance(block, TableBlock)
            for cell in block.cells if cell.text]


# (wild file, line range, family, cells that must appear in this order)
CASES = [
    ("003", (21, 23), "pipe_rows",
     ["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位", "指标值说明",
      "产出指标", "数量指标", "保障在职职工人数(人)", "=", "116", "人", "该指标值数据合理"]),
    ("007", (19, 27), "pipe_cells",
     ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实施效果指标", "产出指标",
      "建设项目个数(含续建)", "1"]),
    ("011", (49, 70), "pipe_lines",
     ["績效指標(biāo)", "一級指標(biāo)", "二級指標(biāo)", "三級指標(biāo)", "指標(biāo)值",
      "產(chǎn)出指標(biāo)", "數(shù)量指標(biāo)", "二等乙級以上傷殘軍人數(shù)量", "52人"]),
    ("012", (30, 41), "blank_cells",
     ["产出指标", "成本指标(必填硬性指标)", "按照辖区内社区卫生服务机构计划进行采购后,"
      "以采购价提供给各社区卫生服务机构", "100%", "按照物价部门定价标准采购", "100%"]),
    ("015", (17, 18), "space_rows",
     ["产出指标", "数量指标", "出差人数", "正向", "=", "8", "4"]),
    ("021", (12, 13), "run_together",
     ["项目名称", "百色天立学校办学补贴", "项目主管部门", "百色市教育局", "项目实施单位", "百色市教育局"]),
]


@pytest.mark.parametrize(("stem", "span", "family", "expected"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_family_reads_real_text(stem, span, family, expected):
    lines = wild(stem)[span[0] - 1: span[1]]
    assert family in families(lines)
    found = texts(lines)
    assert _in_order(expected, found), found


def _in_order(expected: list[str], found: list[str]) -> bool:
    remaining = iter(found)
    return all(any(text == other for other in remaining) for text in expected)


def test_every_family_is_registered_with_a_reader():
    assert set(TEXT_FAMILIES) >= {"tab_rows", "cell_lines", "pipe_rows", "pipe_cells", "pipe_lines",
                                  "blank_cells", "space_rows", "space_runs", "run_together", "prose"}
    assert all(callable(family.read) for family in TEXT_FAMILIES.values())


def test_tab_rows_keep_empty_cells_in_place():
    lines = ["项目名称\t卫生局工作业务经费\t\t项目实施期\t2023.01.01-2023.12.31"]
    block = read_text(lines).blocks[0]
    assert [cell.text for cell in block.cells] == ["项目名称", "卫生局工作业务经费", "",
                                                   "项目实施期", "2023.01.01-2023.12.31"]
    assert [cell.col for cell in block.cells] == [0, 1, 2, 3, 4]


def test_cell_lines_quotes_and_broken_paragraphs():
    lines = ["\t产出指标", "\t数量指标", '\t"第一行', "", '第二行"', "", "\t=", "\t1.00", "\t次",
             "", "项目说明：基本情况", "续行"]
    grid = read_text(lines)
    table = grid.blocks[0]
    assert [cell.text for cell in table.cells] == ["产出指标", "数量指标", "第一行第二行", "=",
                                                   "1.00", "次"]
    assert table.cells[3].break_before == BREAK_HINT  # after a blank line: a likely row end
    assert [b.text for b in grid.blocks if isinstance(b, ProseBlock)] == ["项目说明：基本情况", "续行"]


def test_pipe_rows_with_cells_on_indented_lines():
    lines = wild("030")[:14]
    found = texts(lines)
    assert found[:8] == ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实施进度",
                         "项目决策", "数量指标"]


def test_vertical_label_is_one_cell():
    lines = wild("010")[93:101]
    assert "产出指标" in texts(lines)


def test_space_rows_join_a_label_wrapped_onto_its_own_line():
    lines = wild("014")[22:27]
    assert "项目完成 指标" in texts(lines) or "项目完成指标" in texts(lines)


def test_space_rows_join_a_nine_character_name_wrapped_under_its_row():
    """OCR rows one space apart: `茶园病虫害绿色防控 ≥20场次` / `技术培训` is one name."""
    lines = ["一级指标 二级指标 三级指标 指标值", "数量指标 茶园套种绿肥面积 ≥8000亩",
             "茶园病虫害绿色防控 ≥20场次", "技术培训", "产出指标 茶园绿色防控技术覆盖率 ≥90%"]
    grid = read_text(lines)
    assert grid.reader == "space_rows"
    assert "茶园病虫害绿色防控技术培训" in texts(lines) and "技术培训" not in texts(lines)


def test_a_running_head_after_a_page_number_goes_without_form_feeds():
    """A PDF viewer's copy (built t97): `- 7 -`, then the next page's running head, one of
    the document's first lines again, no form feed between: the head goes, and the table
    goes on; a table's header repeated after `第 1 页 共 2 页` stays (built t86)."""
    head = "滏川县退役军人事务局2019年部门预算"
    lines = [head, "五、项目支出绩效目标情况", "x", "产出指标 享受定期抚恤补助人数 ≥1268人", "- 7 -", head,
             "效果指标 优抚政策知晓率 ≥90%"]
    assert _without_page_furniture(lines)[5] == "" and _without_page_furniture(lines)[0] == head
    table = ["甲局部门整体支出绩效目标表", "一级指标二级指标三级指标指标值", "产出指标数量指标受益人数≥300人",
             "第 1 页 共 2 页", "一级指标二级指标三级指标指标值"]
    assert _without_page_furniture(table) == table


def test_a_basis_naming_a_label_is_one_cell_in_space_rows():
    """`按服务对象满意度评价` (built t97's 评价标准确定依据): a basis that opens and closes as
    one does is not cut at the label inside it."""
    lines = ["绩效指标分类 绩效指标 绩效指标描述 指标值 评价标准确定依据",
             "效果指标 优抚对象满意度(%) 满意和较满意的对象占调查对象总数的比率 ≥95% 按服务对象满意度评价"]
    assert "按服务对象满意度评价" in texts(lines)


def test_space_rows_finish_a_level_label_wherever_it_stands_in_the_row_above():
    """PDF text one space apart (built t129): `社会效益` / `指标` and `服务对象满` / `意度指标`,
    a level label its narrow column wrapped, end in the label, not in the row's value; a
    page's `— 2 —` is no cells of the table."""
    lines = ["一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 补贴购置农业机具数量 ≥420台",
             "效益指标 社会效益 全县农作物耕种收综合机械化率 ≥98.5%", "指标",
             "满意度指标 服务对象满 购机户满意度 ≥90%", "意度指标", "— 2 —"]
    assert _rows(lines)[2:] == [["效益指标", "社会效益指标", "全县农作物耕种收综合机械化率", "≥98.5%"],
                                ["满意度指标", "服务对象满意度指标", "购机户满意度", "≥90%"]]


@pytest.mark.parametrize(("line", "below", "unit"), [
    ("主管部门 甲县农业农村局 实施单位 各乡（镇）人民政府、县农业机械", "化技术推广站",
     "各乡（镇）人民政府、县农业机械化技术推广站"),
    # a name that ends as a body's does is whole; the word below is no piece of it
    ("主管部门 甲县农业农村局 实施单位 甲县农业机械化技术推广站", "分管领导", None),
])
def test_space_rows_finish_a_units_name_wrapped_under_its_label_row(line, below, unit):
    lines = ["项目名称 甲项目", line, below, "一级指标 二级指标 三级指标 指标值",
             "产出指标 数量指标 补贴购置农业机具数量 ≥420台"]
    assert (unit in texts(lines)) if unit else (below in texts(lines))


def test_space_runs_place_cells_in_columns():
    lines = ["一级指标    二级指标    三级指标          指标值",
             "产出指标    数量指标    培训场次          12场",
             "                        受益人数          ≥300人"]
    grid = read_text(lines)
    assert grid.reader == "space_runs"
    cells = grid.blocks[0].cells
    assert [(cell.row, cell.col, cell.text) for cell in cells[-2:]] == [(2, 2, "受益人数"),
                                                                         (2, 3, "≥300人")]


def test_mixed_file_is_read_per_region():
    """A second family that builds a table of its own (eight cells or more; fewer hold a
    heading or a byline) makes the document `mixed`."""
    lines = ["\t项目编码", "\tA-1", "\t项目名称", "\t甲", "\t主管部门", "\t乙局", "\t实施单位",
             "\t丙中心", "",
             "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t人数\t10人"]
    grid = read_text(lines)
    assert [block.reader for block in grid.blocks if isinstance(block, TableBlock)] == \
        ["cell_lines", "tab_rows"]
    assert grid.reader == "mixed"


def test_a_line_past_the_limit_is_cut_and_noted():
    """One pathological line (a table flattened 200 KB wide) costs bounded time: what is
    past the limit is not read, and the grid says so with the line's number."""
    from extract.settings import SETTINGS

    row = "产出指标    数量指标    培训场次    12场    "
    lines = ["项目名称\t测试项目", row * (SETTINGS.max_line_length // len(row) + 50)]
    grid = read_text(lines)
    cells = [cell for block in grid.blocks if isinstance(block, TableBlock) for cell in block.cells]
    assert sum(len(cell.raw) for cell in cells if cell.line == 2) <= SETTINGS.max_line_length
    assert grid.notes == [f"line 2 has {len(lines[1]):,} characters; only the first "
                          f"{SETTINGS.max_line_length:,} were read"]


def test_a_notice_sentence_among_glued_rows_stays_prose():
    """`…项目名称为百色天立学校办学补贴,…` mentions a label inside a sentence: it is not cut."""
    lines = wild("021")[9:13]
    grid = read_text(lines)
    prose = [block.text for block in grid.blocks if isinstance(block, ProseBlock)]
    assert any(text.startswith("百色市教育局(含所属二层)") for text in prose)
    assert "为百色天立学校办学补贴," not in texts(lines)
    assert _in_order(["项目名称", "百色天立学校办学补贴"], texts(lines))


def test_a_glued_form_line_among_site_boilerplate_is_cut():
    """A document site prints a whole form on one line between its sentences."""
    lines = wild("028")[23:31]
    assert "run_together" in families(lines)
    assert _in_order(["区级预算单位名称", "永州市零陵区疾病预防控制中心"], texts(lines))


@pytest.mark.parametrize(("lines", "family"), [
    (["项目属性 延续", "项目名称甲项目主管部门乙单位", "产出质量指标协议"], "run_together"),
    (["项目名称 甲 项目编码 A1", "(万元)"], "space_rows"),
])
def test_a_short_line_joins_the_row_printed_directly_above(lines, family):
    """A short plain line is a wrapped cell of the space-separated row right above it, never of
    one further up across glued lines."""
    assert families(lines)[-1] == family


def test_report_prose_after_indented_pipe_rows_is_not_a_row():
    """Rows whose cells sit on indented `| cell` lines end where the report resumes: a plain
    line no `|` line follows is prose, not the first cell of another row."""
    lines = wild("030")[:50]
    table = [cell.text for block in read_text(lines).blocks if isinstance(block, TableBlock)
             and block.reader == "pipe_rows" for cell in block.cells]
    assert "群众满意度" in table and "90%" in table
    assert not any(text.startswith("3.分析评价申报内容") for text in table)


@pytest.mark.parametrize(("line", "cells"), [
    ("产出指标 时效指标 项目财政资金到位时间 正向 = 100 % 4", ["项目财政资金到位时间"]),
    ("产出指标 时效指标 财政资金到位及时支付率 正向 = 100 % 4", ["财政资金到位及时支付率"]),
    ("项目资金 (万元)合计1800", ["(万元)", "合计", "1800"]),
    ("项目名称碟令薯樽轴示施 项目属性 延续", ["项目名称", "碟令薯樽轴示施"]),
])
def test_space_rows_cut_a_word_only_where_a_label_opens_a_cell(line, cells):
    """An indicator name that merely contains a money word stays one cell; a label run into
    its value is cut."""
    found = texts(["一级指标 二级指标 三级指标 指标值", line])
    assert _in_order(cells, found), found


def test_a_cell_with_a_space_among_cells_one_per_line_is_a_cell():
    """`专项 (…项目)` alone between blank lines, among cells printed one per line, is one
    cell with a space in it, not a row of a space-separated table."""
    cells = ["项目支出绩效目标表(2022年度)", "项目名称", "农业绿色发展专项 (畜禽粪污资源化利用整县推进项目)",
             "主管部门", "宝坻区人民政府", "一级指标", "二级指标", "三级指标", "年度指标值",
             "产出指标", "数量指标", "建设项目个数", "1"]
    lines = [line for cell in cells for line in (cell, "")]
    assert set(families(lines)) == {"blank_cells"}
    assert "农业绿色发展专项 (畜禽粪污资源化利用整县推进项目)" in texts(lines)


def test_cells_with_stray_spaces_in_a_row_among_cells_one_per_line():
    cells = ["一级指标", "二级指标", "三级指标", "指标值", "产出 指标", "质量 指标", "计量违法行为查处率",
             "100%"]
    lines = [line for cell in cells for line in (cell, "")]
    assert set(families(lines)) == {"blank_cells"}


@pytest.mark.parametrize(("line", "expected"), [
    ("签订野生动物致害保险(单)\u3000                  1单", "space_runs"),  # full-width, then spaces
    ("保障遗属人数(人)\u30001单", "space_runs"),
    ("保障遗属人数(人)  13人", "space_runs"),
    ("保障遗属人数(人) 13人", "spaces"),
])
def test_a_run_of_spaces_may_mix_full_width_ones(line, expected):
    assert signature(line) == expected


def test_glued_rows_with_a_stray_space_in_a_label_stay_glued():
    lines = ["一级指标二级指标三级指标年度指标值", "产出指标数量 指标实施营造林总面积(亩)80000",
             "其中:实施新造林总面积(亩)30000", "质量 指标苗木成活率(≥**%)85"]
    assert families(lines) == ["run_together"]
    assert texts(lines)[4:8] == ["产出指标", "数量指标", "实施营造林总面积(亩)", "80000"]


def test_rows_under_a_glued_header_are_glued_rows_even_without_labels():
    """Under `一级指标二级指标三级指标年度指标值`, a row whose merged labels are left out
    (`保障退休职工人数(人)81人`) has no label to show it is glued; it is a row of the table up
    to the blank line, and a full-width space in one does not make it another family."""
    lines = ["部门名称浮梁县林业局", "一级指标二级指标三级指标年度指标值",
             "产出指标数量指标保障在职职工人数(人)116人", "保障退休职工人数(人)81人",
             "保障遗属人数(人)\u300013人", "林木采伐监管(万立方米)6万立方米", "",
             "以上指标经局务会研究确定,现予公开,接受社会监督,欢迎提出意见建议。"]
    assert families(lines)[:2] == ["run_together", "prose"]
    assert texts(lines)[-2:] == ["林木采伐监管(万立方米)", "6万立方米"]


def test_a_money_word_inside_a_glued_name_stays_in_the_name():
    lines = ["一级指标二级指标三级指标年度指标值", "产出指标时效指标项目财政资金到位时间44561",
             "财政资金到位及时支付率100%"]
    assert texts(lines)[4:] == ["产出指标", "时效指标", "项目财政资金到位时间", "44561",
                                "财政资金到位及时支付率", "100%"]


def test_glued_rows_cut_a_closing_qualitative_value_and_a_spaced_comparator():
    lines = ["一级指标二级指标三级指标年度指标值", "产出指标成本指标成人教育费用≤ 11.7万",
             "时效指标按时完成装备采购完成", "质量指标设备质量符合", "数量指标装备学校数量≥3所"]
    assert texts(lines)[4:] == ["产出指标", "成本指标", "成人教育费用", "≤11.7万",
                                "时效指标", "按时完成装备采购", "完成", "质量指标", "设备质量", "符合",
                                "数量指标", "装备学校数量", "≥3所"]


def test_a_glued_phrase_printed_twice_is_a_name_and_its_value():
    lines = ["一级指标二级指标三级指标年度指标值", "效益指标可持续影响指标持续发展持续发展"]
    assert texts(lines)[-2:] == ["持续发展", "持续发展"]


def test_glued_self_evaluation_rows_cut_at_their_values_and_points():
    """Values between a name and a closing reason are cut out (two or more of them); under a
    header that prints 分值 before the planned value, a bare number between two texts is the
    points, and a text printed twice is the planned and the achieved value."""
    lines = ["一级指标二级指标三级指标分值年度指标值全年实际值得分偏差原因",
             "产出指标数量指标特困人员救助供养人数(按月平均)5≥4754人4604人5特困人员实行动态管理",
             "成本指标种薯采购价格不高于市场价8是是8", "质量指标65岁以上老年人健康管理率5≥60%60%5",
             "时效指标补助资格合规性8合规达成预期指标8"]
    cells = texts(lines)[8:]
    assert cells[:8] == ["产出指标", "数量指标", "特困人员救助供养人数(按月平均)", "5", "≥4754人", "4604人",
                         "5", "特困人员实行动态管理"]
    assert cells[8:14] == ["成本指标", "种薯采购价格不高于市场价", "8", "是", "是", "8"]
    assert cells[14:16] == ["质量指标", "65岁以上老年人健康管理率"]
    # an achieved phrase after the planned value (vocabulary target.achieved_values)
    assert cells[-6:] == ["时效指标", "补助资格合规性", "8", "合规", "达成预期指标", "8"]


def test_rows_on_the_line_of_their_glued_header_and_a_score_inside_the_text():
    """Heading, header and rows glued on one line: the rows after the header are cut as rows
    under it; after the points, a bare number within them is the score, then the reason."""
    line = ("一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施"
            "效益指标可持续影响指标持续完善种薯繁育体系8是基本达到7加强技术指导")
    assert texts([line])[8:] == ["效益指标", "可持续影响指标", "持续完善种薯繁育体系", "8", "是", "基本达到",
                                 "7", "加强技术指导"]


def test_a_lone_indicator_mark_after_a_value_word_finishes_it():
    """`达成预期 指标`: 指标 alone after a word that is no label finishes that word."""
    assert texts(["质量指标 补助资格合规性 8 合规 达成预期 指标 8"])[-2:] == ["达成预期指标", "8"]


def test_the_last_line_under_space_separated_rows_is_a_row_of_one_cell():
    lines = ["一级指标 二级指标 三级指标 年度指标值",
             "效益指标 社会效益指标 完工项目县畜禽粪污综合利用率 ≥90%", "完工项目县规模养殖场畜禽粪污处理"]
    assert set(families(lines)) == {"space_rows"}
    prose = lines[:2] + ["以上内容经审核确定,现予公开。"]
    assert families(prose)[-1] == "prose"


def test_a_row_closing_with_a_reason_sentence_stays_in_its_table():
    """Short cells and then a sentence (a self-evaluation row's 偏差原因) are a row of the
    space-separated table, not a paragraph that splits the table in two; a line of two
    sentences (预期目标 | 实际完成情况) or one sentence alone is still prose."""
    reason = "部分农户长期外出务工，改厕意愿不强，" * 3
    row = "    ".join(["    新建农村户用卫生厕所", "10", "≥300户", "276户", "8", reason])
    header = "    ".join(["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分",
                         "偏差原因"])
    found = families([header, row])
    assert len(found) == 1 and found[0] in ("space_runs", "space_rows")
    goals = "全年完成新建农村户用卫生厕所276户，18个行政村生活垃圾收运实现全覆盖，村庄环境卫生状况有效改善。"
    assert families([goals + "    " + goals]) == ["prose"]


def test_a_pipe_row_that_lost_its_leading_pipe_after_a_closed_row_is_a_row():
    lines = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| 产出指标 | 质量指标 | 处置率 | 100% |",
             "时效指标 | 办结率 | ≥98% |", "| 效益指标 | 社会效益 | 事件数 | 0起 |"]
    assert texts(lines)[7:] == ["100%", "时效指标", "办结率", "≥98%", "效益指标", "社会效益", "事件数", "0起"]
    # a row left open (no closing `|`) is carried on by a line without its leading `|`
    wrapped = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| 产出指标 | 数量指标 | 新增学位2023年预计在",
               "校生600人 | 600个 |", "| 效益指标 | 社会效益 | 事件数 | 0起 |"]
    assert "新增学位2023年预计在校生600人" in texts(wrapped)


def test_a_pipe_row_as_wide_as_the_tables_rows_is_never_the_tail_of_the_row_above():
    """A spreadsheet preview joins every cell with ` | `: a row whose first cell is empty
    opens with `|`, one whose first cell is filled does not. A line with as many `|` as the
    region's rows is a row of its own, even after a row left open."""
    lines = ["|  |  |  |  | 金额单位：万元", "项目名称 | 河道清淤项目 |  | 项目编码 | 4301 |",
             "| 产出指标 | 数量指标 | 清淤长度 | ≥ | 12", "|  |  | 清淤方量 | ≥ | 3"]
    assert texts(lines)[:4] == ["金额单位：万元", "项目名称", "河道清淤项目", "项目编码"]


def test_a_short_word_under_a_row_ends_the_rows_long_cell():
    """`困境儿童基本生活和安全保障 明显提升` / `水平`: the name wrapped, not a row of its own;
    a last line under the table is still a row of one cell."""
    head = ["一级指标 二级指标 三级指标 指标值", "效益指标 社会效益指标 困境儿童基本生活和安全保障 明显提升"]
    after = ["可持续影响指标 农村儿童关爱服务体系长效运行 长期"]
    assert "困境儿童基本生活和安全保障水平" in texts([*head, "水平", *after])
    assert texts([*head, "水平"])[-1] == "水平"


def test_an_ocr_table_rule_read_as_a_lone_pipe_is_no_cell_border():
    """A `|` at one end of a line among lines with none is a table rule the OCR engine read;
    label and value parted by one space inside a spaced cell are two cells."""
    lines = ["项目支出绩效目标表", "| 项目 名称  2022年农村改厕以奖代补项目  项目编码 36112322T0000",
             "主管部门 青禾县农业农村局   实施 单位 青禾县农村社会事业促进中心",
             "单位编码 115003  项目期限 1年", "项目资金（万元) 资金总额 80.00", "其他资金 8.00 |"]
    assert texts(lines)[:8] == ["项目名称", "2022年农村改厕以奖代补项目", "项目编码", "36112322T0000",
                                "主管部门", "青禾县农业农村局", "实施单位", "青禾县农村社会事业促进中心"]
    readers = {block.reader for block in read_text(lines).blocks if isinstance(block, TableBlock)}
    assert not readers & {"pipe_rows", "pipe_cells", "pipe_lines"}
    # in a table of pipes, a row's lone `|` stays a border
    piped = ["| 一级指标 | 二级指标 |", "其他资金 8.00 |", "| 产出指标 | 数量指标 |"]
    assert {block.reader for block in read_text(piped).blocks} == {"pipe_rows"}


def test_table_rules_an_ocr_engine_read_on_many_lines_are_no_borders():
    """Tesseract reads a table's rules as `|` or `丨` at the ends of many lines of
    space-aligned cells: no pipe parts two cells, so none is a border; the wrapped header
    cell `及改进措施 |` and the row after `丨` stay in the one table."""
    lines = ["|  一级指标  二级指标 三级指标   年度指标值  实际完成值 分值  得分   偏差原因分析",
             "及改进措施 |", "农村公路日常养护里程  ≥1260公里 1260公里  10 10",
             "丨 危桥改造数量  6座  6座   5 5", "产出指标   养护工程验收合格率  ≥95%  97.2%  10  10 |"]
    readers = {block.reader for block in read_text(lines).blocks if isinstance(block, TableBlock)}
    assert not readers & {"pipe_rows", "pipe_cells", "pipe_lines"}
    assert "丨" not in texts(lines) and "危桥改造数量" in texts(lines)
    # one cell a line, each closed by ` |`: a pipe table, kept
    cells = ["一级指标 |", "二级指标 |", "三级指标 |", "指标值 |", "产出指标 |", "数量指标 |"]
    assert {block.reader for block in read_text(cells).blocks} == {"pipe_cells"}


def test_rules_read_at_both_ends_of_a_line_or_as_letters_frame_no_cell():
    """A desktop OCR program read a table's rules as `|` at both ends of a line of
    space-aligned cells, or as a lone `l` at a line's end (built t127): they are no
    borders and no cells; the cells between stay apart. In a table of pipes, `| cell |`
    is a row of one cell."""
    lines = ["|  一级指标      二级指标          三级指标            指标值       |",
             "   产出指标      数量指标        医疗救助人次        ≥1.8万人次",
             "                 质量指标        住院费用即时结算率   ≥98%          l",
             " l               时效指标        救助资金拨付时限     15个工作日内"]
    assert texts(lines) == ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标",
                            "医疗救助人次", "≥1.8万人次", "质量指标", "住院费用即时结算率", "≥98%",
                            "时效指标", "救助资金拨付时限", "15个工作日内"]
    piped = ["| 一级指标 | 二级指标 | 三级指标 |", "| 产出指标  数量指标 |",
             "| 产出指标 | 质量指标 | 合格率 |"]
    assert "产出指标数量指标" in texts(piped)


def test_a_sentence_cut_at_a_rows_end_goes_on_on_the_next_line():
    """A 偏差原因 wrapped in its narrow column: the line under the row finishes the
    sentence, it is neither prose nor a row."""
    lines = ["一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施",
             "产出指标  数量指标  防护工程实施里程   ≥45公里  38.6公里  10  8.58  "
             "部分路段征地协调，开工滞后；下一",
             "步加强与乡镇沟通协调，确保2024年6月底前完工。",
             "质量指标  养护工程验收合格率  ≥95%  97.2%  10  10"]
    assert "部分路段征地协调，开工滞后；下一步加强与乡镇沟通协调，确保2024年6月底前完工。" in texts(lines)
    assert len([block for block in read_text(lines).blocks if isinstance(block, TableBlock)]) == 1


def test_a_cell_wrapped_in_its_column_under_space_aligned_rows():
    """pdftotext -layout: the rest of a long name printed alone on the next line where the
    name starts is that name's (built t05); the table's last line is a row of its own."""
    lines = ["  一级指标        二级指标              三级指标                          指标值",
             "  产出指标        数量指标              完成耕地恢复整治面积                    ≥3000亩",
             "                                地块土壤改良及田间道路排灌沟                100%",
             "                                渠修缮完成率",
             "              质量指标              恢复耕地竣工验收合格率                   100%"]
    found = texts(lines)
    assert "地块土壤改良及田间道路排灌沟渠修缮完成率" in found and "渠修缮完成率" not in found
    assert texts(lines[:3] + ["                                成果比例"])[-1] == "成果比例"


def test_a_line_of_tails_under_a_centred_row_finishes_its_cells():
    """Ghostscript's txtwrite of a Calc page that centres its cells (built t262): under a
    row, the name's last character centred under it and the explanation's next line where
    the explanation starts are both the row's; a line under a row that holds a longer name
    or a value (t127's `因病规模性致贫返贫   不发生`) is a row of its own."""
    lines = ["    一级指标     二级指标           三级指标             指标值                   指标解释",
             "                           保障义务教育阶段在校学生人         ≥4.6万人    "
             "指全县公办义务教育学校2025年秋季学期在校学生",
             "                                   数                       "
             "人数，以全国中小学生学籍信息管理系统数据为准。",
             "                            资助家庭经济困难学生人次        ≥12000人次   "
             "指全年发放各类国家资助的学生人次。"]
    found = texts(lines)
    assert "保障义务教育阶段在校学生人数" in found
    assert "指全县公办义务教育学校2025年秋季学期在校学生" \
           "人数，以全国中小学生学籍信息管理系统数据为准。" in found
    row = ["   效益指标     社会效益指标     医保基金当年收支                          收支平衡、略有结余",
           "                              因病规模性致贫返贫                        不发生",
           "              可持续影响指标     医疗保障制度体系                         持续健全"]
    assert {"因病规模性致贫返贫", "不发生"} <= set(texts(row))


def test_a_direction_one_space_after_its_name_is_a_cell_of_its_own():
    """pdftotext -layout of a Writer form at 10 pt (built t273): a narrow gap leaves one space
    between a name and its 指标性质 (`正向`, `反向`); a name never ends with one."""
    lines = ["       一级指标  二级指标         三级指标               指标性质  指标值       度量单位",
             "                 农村适龄妇女宫颈癌筛查人数 正向                 ≥11000      人",
             "            数量   农村适龄妇女乳腺癌筛查人数 正向                 ≥11000      人",
             "            指标   宫颈癌筛查人均补助标准                 反向    ≤83       元/人"]
    found = texts(lines)
    assert found.count("正向") == 2 and "农村适龄妇女宫颈癌筛查人数" in found
    assert "农村适龄妇女乳腺癌筛查人数" in found


def test_a_sentence_a_blank_line_parts_from_the_first_pipe_cell_is_its_own():
    """Every `|` on a line of its own: a cell's lines follow one another, so the page's
    sentence above the first cell, a blank line between, is not part of that cell (built t11)."""
    sentence = "按照县财政局的要求，现将我局项目支出绩效目标表公开如下："
    lines = [sentence, "", "项目支出绩效目标表", "|", "|", "", "项目名称", "|", "甲项目", "|", "|", ""]
    assert texts(lines)[:2] == [sentence, "项目支出绩效目标表"]


def test_ocr_text_with_one_or_two_spaces_between_cells():
    """Figures a single space apart show the runs of two spaces are no column bounds: cells
    are split at every space; a label printed a character at a time is one cell (built s07)."""
    lines = ["项 目 名 称  杉坪县农村公益电影放映项目",
             "项目资金（万元) 年初预算数  全年预算数 全年执行数  分值 执行率 得分",
             "年度资金总额  48.60 46.80  44.93 10  96.00% 9.60", "其中:财政拨款 48.60  46.80 44.93"]
    assert texts(lines)[:2] == ["项目名称", "杉坪县农村公益电影放映项目"]
    assert texts(lines)[10:16] == ["48.60", "46.80", "44.93", "10", "96.00%", "9.60"]


def test_a_tab_row_cell_cut_by_a_line_break_carries_on():
    """Word keeps a line break inside a cell: the next line, with no tab before it, carries
    on the last cell of a row that ends in text and holds no figure (built t18); a line
    opening with an item number or a label is a row of its own."""
    lines = ["一级指标\t二级指标\t三级指标\t指标值", "\t效益指标\t社会效益指标\t清淤河段沿岸受益",
             "群众人数\t≥2.3万人", "\t\t生态效益指标\t河道水环境质量\t明显改善"]
    assert texts(lines)[4:8] == ["效益指标", "社会效益指标", "清淤河段沿岸受益群众人数", "≥2.3万人"]
    numbered = ["一级指标\t二级指标\t三级指标\t指标值", "\t效益指标\t社会效益指标\t居民健康水平",
                "指标2\t\t基本公共卫生服务水平\t不断提高"]
    assert "指标2" in texts(numbered)
    debris = ["一级指标\t二级指标\t三级指标\t指标值", "\t效益指标\t可持续影响\t长效运营机制\t逐步健全",
              "i .l\t\t指标"]  # an OCR speck opens the line: no cut cell's rest
    assert "逐步健全" in texts(debris) and "i .l" in texts(debris)


def test_lines_run_together_between_blank_lines_are_one_broken_cell():
    """pdfminer prints each cell's text box with a blank line after it and breaks a long
    cell over lines: those lines are one cell. A line indented otherwise (a value under its
    name in an indented 批复表) stays a cell of its own."""
    lines = ["一级指标", "", "二级指标", "", "三级指标", "", "年度指标值", "", "产出指标", "",
             "数量指标", "", "维修养护小型水库", "座数", "", "≥32座", ""]
    assert texts(lines)[-2:] == ["维修养护小型水库座数", "≥32座"]
    indented = ["一级指标", "", "二级指标", "", "三级指标", "", "指标值", "", "   产出指标", "",
                "    时效指标", "", "     项目资金支付及时率", "100%", ""]
    assert texts(indented)[-2:] == ["项目资金支付及时率", "100%"]


def test_a_web_pages_menu_above_a_form_printed_a_cell_a_line_stays_prose():
    """PDF text of a printed web page: the site's menu and the notice run line by line, the
    form under its heading a cell a line between blank lines. From the heading down the
    lines are cells (the menu above would make the whole read as prose), and a label the
    PDF's text ran on under the heading (`（2024年度）` / `项目名称`) is a cell of its own."""
    lines = (CONVERTED_DIR / "t12_project_page.pdftotext.txt").read_text(encoding="utf-8").split("\n")
    heading = lines.index("项目支出绩效目标表") + 1
    tables = [block for block in read_text(lines).blocks if isinstance(block, TableBlock)]
    assert any(block.reader == "blank_cells" and block.line == heading for block in tables)
    assert not any(block.line < heading - 4 and block.reader == "blank_cells" for block in tables)
    found = texts(lines)
    expected = ["项目名称", "碧泉县2024年农村低收入老年人免费健康体检项目", "主管部门", "碧泉县卫生健康局"]
    assert _in_order(expected, found), found


def test_ocr_text_boxes_one_a_line():
    """An OCR engine's boxes, one a line: two boxes read as one line (a level label first)
    are two cells and keep the region one table; a long name wrapped into a second short
    box before its figure is one name; merged labels stand on the middle row of their group."""
    lines = ["一级指标", "二级指标", "三级指标", "指标值", "新建集中供水工程", "6处",
             "数量指标 改造提升供水管网长度", "≥85公里", "受益人口", "≥2.4万人", "产出指标",
             "工程竣工验收合格率", "100%", "质量指标", "农村集中供水工程水质", "达标率", ">95%",
             "供水保证率", "≥90%"]
    blocks = [block for block in read_text(lines).blocks if isinstance(block, TableBlock)]
    assert [block.reader for block in blocks] == ["blank_cells"] and blocks[0].centred_labels
    found = texts(lines)
    assert found[6:8] == ["数量指标", "改造提升供水管网长度"]
    assert "农村集中供水工程水质达标率" in found and "达标率" not in found
    # a Word cell's line break (a cell a line in Word's text): a name of seven characters too
    word = ["一级指标", "二级指标", "三级指标", "指标值", "改造后校舍安全", "责任事故", "0起"]
    assert "改造后校舍安全责任事故" in texts(word)
    # a text value before the next row's name stays a value; a label broken by a space stays whole
    assert "稳定达标" in texts(["一级指标", "二级指标", "三级指标", "指标值", "饮用水水源地水质", "稳定达标",
                              "工程设计使用年限", ">20年"])
    assert boxes("经济效益 指标") == ["经济效益 指标"] and boxes("受益 人口") == ["受益 人口"]
    # a value a narrow column broke keeps its end; a one-character value of its own stays
    broken = ["一级指标", "二级指标", "三级指标", "指标值", "数量指标", "受益人数", "≥300人", "时效指标",
              "项目建设完成时间", "2026年11月底", "前", "质量指标", "设施运行", "是"]
    assert "2026年11月底前" in texts(broken) and "是" in texts(broken)


def test_ocr_text_boxes_with_rule_debris_broken_labels_and_gapped_boxes():
    """An engine's boxes from a printed form (t91): a table rule read as a lone `|` and as
    `—— — ——` is no cell border and no row; a label broken over boxes is one label
    (`可持续影` / `响指标`, `服务对象满` / `意度指标`, `年度绩效` / `目标`), and the side label
    `年度` / `绩效` / `指标` names no row; a name whose last word wrapped before a text value
    is whole (`…出行便捷` / `程度`), a box with a stray gap over its value is one box; a
    field's value keeps its tail (`…运营补` / `贴项目`)."""
    lines = (BUILT_DIR / "t91_shandong_ocr_text_boxes.txt").read_text(encoding="utf-8").split("\n")
    grid = read_text(lines)
    assert [block.reader for block in grid.blocks if isinstance(block, TableBlock)] == ["blank_cells"]
    found = texts(lines)
    for whole in ("可持续影响指标", "服务对象满意度指标", "年度绩效目标", "年度绩效指标", "经济成本指标",
                  "城乡居民公交出行便捷程度", "运营补贴资金拨付时间", "城乡公交一体化运营长效机制",
                  "汶溪县2024年城乡公交一体化运营补贴项目"):
        assert whole in found, whole
    assert not {"|", "——", "响指标", "程度", "贴项目"} & set(found)
    record = extract_bytes("\n".join(lines).encode(), "t91.txt", "t91", "t91.txt")
    names = [row.name for form in record.forms for row in form.indicators]
    assert "年度绩效指标" not in names and len(names) == 12  # a side label, no row


@pytest.mark.parametrize(("boxes_read", "whole", "apart"), [
    # a body's name wrapped before the money block: its tail joins it (t157)
    (["实施单位", "瓮岭县农村公路管", "理所", "项目资金", "资金总额", "742.60"],
     "瓮岭县农村公路管理所", "理所"),
    # a name that ends as a body's does is whole: the person after it is a cell of its own
    (["联系人", "涪岭县融媒体中心", "何建勇", "财政拨款", "842.60"], "涪岭县融媒体中心", None),
    # a deadline cut between the day's number and its 日
    (["一级指标", "二级指标", "三级指标", "指标值", "数量指标", "受益人数", "≥300人", "时效指标",
      "养护工程完工时间", "2025年11月30", "日前", "质量指标", "设施运行", "是"], "2025年11月30日前", "日前"),
])
def test_ocr_boxes_a_value_cut_over_two_boxes_is_one(boxes_read, whole, apart):
    found = [text.replace(" ", "") for text in texts(boxes_read)]  # (a line break between a
    assert whole in found and (apart is None or apart not in found)  # figure and Han is a space)
    assert "何建勇" in found or "何建勇" not in boxes_read


@pytest.mark.parametrize(("boxes_read", "kept"), [
    (["农村户厕改造户数", "1200", "户", "质量指标"], "质量指标"),  # a listed label after a unit
    (["林草资源保护长效机制", "健全完善", "逐步健全"], "健全完善"),  # a text value before another
    (["年度预算", "资金总额", "12846.30"], "资金总额"),  # a money label under its group's label
    (["培训成果校本转化应用 长期", "满意度指标"], "长期"),  # a gapped box holding its own value
])
def test_ocr_boxes_that_are_cells_of_their_own_stay_apart(boxes_read, kept):
    lines = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "新建集中供水", "6处",
             *boxes_read]
    assert kept in texts(lines)


def test_the_graded_template_glued_on_a_document_site():
    """The 河北 graded template run together (built t90): `…绩效指标评价标准评价标准确定依据
    优良中差` is a header (the grades glued one character each); a row's text before its
    four grades holds the row above's basis, its name and its description; grades in
    words (`明显提高有所提高基本持平下降`) give the target their best; a basis cut at a label
    inside it (`按` `服务对象满意度` `评价`) is whole."""
    text = (BUILT_DIR / "t90_hebei_graded_run_together.txt").read_text(encoding="utf-8")
    record = extract_bytes(text.encode(), "t90.txt", "t90", "t90.txt")
    rows = [(row.name, row.target.raw) for form in record.forms for row in form.indicators]
    assert rows == [("受益农户数", "500户"), ("补贴资金兑付率", "100%"), ("补贴机具核验率", "100%"),
                    ("补贴政策信息公开率", "100%"), ("补贴资金兑付时限", "按时完成"),
                    ("主要农作物耕种收综合机械化率", "≥86%"), ("农业生产效率", "明显提高"),
                    ("受益农户满意度(%)", "90%")]


def test_ocr_of_a_photo_with_drifting_columns():
    """A phone photo's OCR in runs of spaces (built t92): a name with a gap of two spaces in
    it (`投诉举报人  满意度`) is one name, though its last word is a bare level word; a
    heading or money label parted so (`预计当年  实现值`, `项目当年预  算`) is left to the
    header's rules; and the level-1 `效益` / `指标` printed over two rows is one label
    centred there, so the row above it (`全县食品安全评价性抽检合格率`) is under it, not
    under the one-row 成本指标 group."""
    text = (BUILT_DIR / "t92_hebei_ocr_phone_photo_spaces.txt").read_text(encoding="utf-8")
    record = extract_bytes(text.encode(), "t92.txt", "t92", "t92.txt")
    rows = {row.name: (row.level1, row.level2) for form in record.forms for row in form.indicators}
    assert rows["投诉举报人满意度"] == ("满意度指标", "服务对象满意度指标")
    assert rows["全县食品安全评价性抽检合格率"] == ("效益指标", "社会效益指标")
    assert rows["食品安全抽检批次平均成本"] == ("成本指标", "经济成本指标")
    assert _gaps_inside_names([(0, "预计当年"), (10, "实现值")], [(0, 0), (10, 6)])[0] == \
        [(0, "预计当年"), (10, "实现值")]


def test_ocr_tabs_of_a_scored_form_with_centred_labels_and_a_name_cut_by_a_tab():
    """A scanned 自评表's OCR in tabs with no other mark of damage (built s40): its first row
    prints no level label and later rows do, so the labels stand on their groups' middles
    (`数量` / `指标` under the first row); a row one cell too long, its points and score
    closing it, holds a name a stray tab cut (`黑土耕层土壤 | 有机质含量`)."""
    text = (BUILT_DIR / "s40_heilongjiang_ocr_self_eval_tabs.txt").read_text(encoding="utf-8")
    record = extract_bytes(text.encode(), "s40.txt", "s40", "s40.txt")
    rows = {row.name: row for form in record.forms for row in form.indicators}
    assert rows["保护性耕作实施面积"].level2 == "数量指标"
    cut = rows["黑土耕层土壤有机质含量"]
    assert (cut.level2, cut.target.raw) == ("生态效益指标", "稳中有升")
    assert (str(cut.weight), str(cut.score)) == ("8", "8")


def test_ocr_boxes_of_a_scored_form_with_a_reason_wrapped_over_two_boxes():
    """A 自评表 as text boxes one a line (built s41): a row's reason wrapped into a second box
    that holds a stray gap (`步采取田间课堂与线上 培训相结合方式…。`) is one box, not a
    space-separated row that would part the table in two."""
    text = (BUILT_DIR / "s41_gansu_ocr_boxes_self_eval.txt").read_text(encoding="utf-8")
    tables = [block for block in read_text(text.split("\n")).blocks if isinstance(block, TableBlock)]
    assert [block.reader for block in tables if block.line < 150] == ["blank_cells"]  # (then the page number)
    record = extract_bytes(text.encode(), "s41.txt", "s41", "s41.txt")
    assert len(record.forms[0].indicators) == 12


def test_the_graded_template_in_space_rows_keeps_its_grades_apart():
    """The 河北 graded template copied from a PDF viewer (built t97): `优 良 中 差` on the line
    under the header are four headings, not a label its cell wrapped down into the heading
    above (`绩效指标分类`) nor one word spaced out (`优良`, `中差`)."""
    lines = ["绩效指标分类 绩效指标 绩效指标描述 绩效指标评价标准 评价标准确定依据", "优 良 中 差",
             "产出指标 抚恤补助发放准确率 按标准准确发放抚恤补助资金的比率 100% 98% 95% 95%以下 按计划标准"]
    assert texts(lines)[:10] == ["绩效指标分类", "绩效指标", "绩效指标描述", "绩效指标评价标准",
                                 "评价标准确定依据", "优", "良", "中", "差", "产出指标"]


def test_a_preview_page_that_breaks_between_two_glued_rows_drops_only_its_number():
    """A document site's preview (built t98) whose page broke between rows: the line before
    closes with a row's figure, the page opens with a name and its value (`2、冷库库容利用率
    90%-95%`): the number goes, the row stays a row of its own."""
    lines = ["x" * 320, "质量指标冷藏保鲜设施竣工验收合格率100%", "2、冷库库容利用率90%-95%"]
    joined, joins = _preview_pages_joined(["1、" + lines[0], *lines[1:]])
    assert joined[1:] == ["质量指标冷藏保鲜设施竣工验收合格率100%", "冷库库容利用率90%-95%"]
    assert joins == {1}  # (the glued table goes on over blank lines after the break)
    cut = ["1、" + "y" * 320, "…每延", "2、迟10日扣1分"]  # a page cut inside a cell still joins
    assert _preview_pages_joined(cut)[0][1] == "…每延迟10日扣1分"


def test_a_sheet_saved_as_csv_is_one_table_with_its_quoting_read():
    """Excel pads every row with commas to the sheet's width and quotes a cell holding a
    comma, a quote or a line break: the rows are the sheet's rows."""
    lines = ["项目支出绩效目标表,,,", "项目名称,乡村道路维护项目,,", "年度资金总额,\"1,709.24\",,",
             "一级指标,二级指标,三级指标,指标值", "产出指标,数量指标,\"维护道路", "里程\",≥120公里",
             ",,\"开展\"\"双随机\"\"检查次数\",≥12次"]
    grid = read_text(lines)
    assert grid.reader == "csv_rows"
    found = texts(lines)
    assert "1,709.24" in found and "维护道路里程" in found and '开展"双随机"检查次数' in found
    row_of = {cell.text: (cell.row, cell.col) for block in grid.blocks for cell in block.cells}
    assert row_of["≥120公里"] == (4, 3) and row_of["≥12次"] == (5, 3)
    # prose with commas in it is no sheet
    prose = ["根据县财政局通知,现将2024年项目绩效目标公开如下,请监督。",
             "一、项目概况,本项目由县交通局实施。", "二、绩效目标,完成道路维护120公里,群众满意度90%以上。",
             "三、其他,联系电话1234567。"]
    assert read_text(prose).reader != "csv_rows"


def test_a_page_on_one_line_whose_menu_has_bars_is_read_by_its_spaces():
    """BeautifulSoup's `get_text(" ")` of a site's page: the menu's bars (`网站首页 | 加入收藏`)
    are a few among many words, no table's cells; the form is read a space apart."""
    from extract.readers.text import signature

    menu = "网站首页 | 加入收藏 | 无障碍阅读 | 手机版 搜索 首页 政务公开 政务服务"
    form = ("项目支出绩效目标表 项目名称 某县2025年化肥减量增效示范项目 一级指标 二级指标 三级指标 指标值 "
            "产出指标 数量指标 测土配方施肥技术推广面积 ≥ 38 万亩次 示范区建设 8个 质量指标 "
            "技术覆盖率 ≥ 92 % 时效指标 完成时间 2025年10月底前 效益指标 社会效益指标 施肥意识 明显增强 "
            "满意度指标 服务对象满意度指标 农户满意度 ≥ 90 %")
    assert signature(f"{menu} {form}") == "spaces"
    assert signature(menu) != "spaces"  # a short line of bars is still read by its bars
    assert signature("| 产出指标 | 数量指标 | 受益人数 | ≥300人 |") == "pipe_row"


def test_each_sheet_of_a_workbook_through_xlsx2csv_is_read_as_its_own():
    """`xlsx2csv -a` writes every sheet under a separator line: a sheet of notes (one field
    a line) before the form's sheet no longer hides that the form's sheet is CSV; the
    notes are read as text, the separators as nothing."""
    lines = ["-------- 1 - 填报说明", "项目支出绩效目标表填报说明", "一、本表由项目实施单位填报。",
             "二、指标值应尽量量化。", "三、金额单位为万元。", "四、本表一式两份。",
             "-------- 2 - 绩效目标表", "项目支出绩效目标表,,,", "项目名称,乡村道路维护项目,,",
             "一级指标,二级指标,三级指标,指标值", "产出指标,数量指标,维护道路里程,≥120公里",
             ",,开展检查次数,≥12次"]
    grid = read_text(lines)
    assert grid.reader == "csv_rows"
    sheet = [block for block in grid.blocks if isinstance(block, TableBlock) and block.line >= 8]
    assert len(sheet) == 1 and sheet[0].reader == "csv_rows" and sheet[0].line == 8
    row_of = {cell.text: (cell.row, cell.col) for cell in sheet[0].cells}
    assert row_of["≥120公里"] == (3, 3) and row_of["≥12次"] == (4, 3)
    read = " ".join(" ".join(cell.text for cell in block.cells) if isinstance(block, TableBlock)
                    else block.text for block in grid.blocks)
    assert "二、指标值应尽量量化。" in read and "--------" not in read
    assert [block.line for block in grid.blocks] == sorted(block.line for block in grid.blocks)


def test_a_cell_a_spreadsheet_copy_quoted_over_lines_is_one_cell_of_its_row():
    """Excel copies a cell holding line breaks quoted (`⇥"第一行` / `第二行"⇥386.50`),
    doubling the quotes inside: its lines are one row of the tab table; Word's text,
    which quotes a cell that ends its line, is left to cell_lines."""
    lines = ["年度主要任务\t任务名称\t主要内容\t合计\t财政拨款", "\t就业创业服务\t\"开展职业技能培训；",
             "落实创业补贴\"\t386.50\t356.50", "\t\"劳动保障监察和",
             "争议处理\"\t\"开展\"\"双随机\"\"执法\"\t48.60\t48.60",
             "金额合计\t\t\t1,709.24\t1,661.24"]
    grid = read_text(lines)
    assert {block.reader for block in grid.blocks if isinstance(block, TableBlock)} == {"tab_rows"}
    found = texts(lines)
    assert "开展职业技能培训；落实创业补贴" in found and "劳动保障监察和争议处理" in found
    assert '开展"双随机"执法' in found
    assert found[found.index("开展职业技能培训；落实创业补贴") + 1] == "386.50"
    word = ["\t一级指标", "\t二级指标", "\t三级指标", "\t产出指标", "\t质量指标", "\t卫生应急物资更新率",
            "\t\"及时更新储备物资，更新近效期", "防护用品\"", "\t=", "\t100.00", "\t%"]
    assert read_text(word).reader == "cell_lines"


def test_pdftotext_layout_names_wrapped_beside_a_centred_label_or_into_a_level_word():
    """`质量指标        费用基金支付比例`: a centred label on the line where a long name above
    wraps; `满意度` alone under a name is the name's end, not a label. A short name above
    (`设备故障率`) does not wrap: a label and a name under it are a row."""
    lines = ["  一级指标        二级指标        三级指标                 指标值",
             "  产出指标                    城乡居民医保政策范围内住院        ≥70%",
             "              质量指标        费用基金支付比例",
             "                          医保经办服务事项按时办结率        ≥98%",
             "  满意度指标      服务对象      定点医药机构对医保经办服务        ≥85%",
             " " * 32 + "满意度",
             "  填报人：蒙晓岚"]
    found = texts(lines)
    assert "城乡居民医保政策范围内住院费用基金支付比例" in found and "质量指标" in found
    assert "定点医药机构对医保经办服务满意度" in found
    short = ["  一级指标        二级指标        三级指标        指标值",
             "  产出指标        质量指标        设备故障率      ≤2%",
             "  效益指标        社会效益指标    设备利用率",
             "                  可持续影响指标  设备使用年限    ≥2年"]
    assert "设备利用率" in texts(short)


def test_a_pages_sentence_above_a_glued_table_is_prose_and_its_scope_heading_is_whole():
    """`现将…公开,…项目名称为…,详见下表。` above a glued form is the page's sentence: cut at its
    labels it would read as a form of its own. `年度绩效指标` glued to the column labels is
    one heading, which names the table's period."""
    sentence = ("根据预算绩效管理有关要求,现将我局2024年项目绩效目标予以公开,本次公开项目1个,"
                "项目名称为城镇老旧小区改造补助资金,详见下表。")
    lines = [sentence, "2024年度预算项目绩效目标公开表", "项目名称城镇老旧小区改造补助资金",
             "年度绩效指标一级指标二级指标三级指标指标值", "产出指标数量指标改造小区数量≥12个",
             "惠及居民户数≥2400户"]
    grid = read_text(lines)
    assert isinstance(grid.blocks[0], ProseBlock) and grid.blocks[0].text == sentence
    assert "年度绩效指标" in texts(lines)


def test_tesseract_text_with_a_level_label_down_the_page_and_values_one_space_off():
    """`产` / `出` / `指` / `标` opening the lines of their group: one label, read on its
    first line, gone from the names below; a value one space after its name is a cell."""
    lines = ["一级 指标  二级指标   三级指标     指标值 |",
             "产  数量指标  城乡道路机械化清扫保洁面积  ≥ 186 万平方米",
             "出 生活垃圾转运处理量   ≥ 3.8 万吨", "指   质量指标 道路保洁作业达标率  ≥ 95 %  |",
             "标 时效指标  生活垃圾清运时限    日产日清",
             "成本  经济成本指标  道路清扫保洁单价 ≤ 2.6 元/平方米",
             "指标   生活垃圾转运处理单价  ≤ 120 元/吨 |"]
    found = texts(lines)
    assert "产出指标" in found and "成本指标" in found and "生活垃圾转运处理量" in found
    assert "出生活垃圾转运处理量" not in found and "标" not in found
    assert found[found.index("道路清扫保洁单价") + 1].startswith("≤")


def test_a_markdown_tables_rule_is_no_row():
    """`|---|:---:|` under a Markdown table's first row (an OCR engine's Markdown export)
    holds no cells; a `---` inside a row of text stays a cell (an empty value printed so)."""
    lines = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "|---|---|:---:|---:|",
             "| 产出指标 | 数量指标 | 培训人次 | --- |"]
    assert texts(lines) == ["一级指标", "二级指标", "三级指标", "指标值",
                            "产出指标", "数量指标", "培训人次", "---"]


def _rows(lines: list[str]) -> list[list[str]]:
    """Each printed row's cell texts, of the text's table blocks."""
    rows: dict[tuple[int, int], list[str]] = {}
    for number, block in enumerate(read_text(lines).blocks):
        if isinstance(block, TableBlock):
            for cell in block.cells:
                rows.setdefault((number, cell.row), []).append(cell.text)
    return list(rows.values())


# `pdftotext -layout` of a LibreOffice PDF whose cells are centred: a wrapped name begins on
# the line above its row's values and ends on the line below (tests/golden/converted, t23)
CENTRED = ["一级指标    二级指标            三级指标       指标性质    指标值          度量单位",
           "产出指标             新建高标准农田面积            ≥     2.1             万亩",
           "                 主要农作物病虫害统防统治",
           "        数量指标                          ≥      18             万亩",
           "                 面积",
           "                 完成农村户厕改造户数           ＝     1200            户"]


def test_a_centred_rows_name_begins_above_its_values_and_ends_below():
    assert _rows(CENTRED)[1:] == [["产出指标", "新建高标准农田面积", "≥", "2.1", "万亩"],
                                  ["数量指标", "主要农作物病虫害统防统治面积", "≥", "18", "万亩"],
                                  ["完成农村户厕改造户数", "＝", "1200", "户"]]


def test_a_centred_value_wrapped_over_three_lines_is_one_cell():
    """`2024 年 12 月` / (the row's label and 定性) / `底前`, centred under each other."""
    lines = [CENTRED[0],
             "                   高标准农田建设任务完成时                 2024 年 12 月",
             "           时效指标                          定性",
             "                   间                                底前",
             "                   应免畜禽免疫密度                ≥          90       %"]
    row = _rows(lines)[1]
    assert "高标准农田建设任务完成时\n间" not in row and "高标准农田建设任务完成时间" in row
    assert "2024年12月底前" in [text.replace(" ", "") for text in row]


def test_a_value_the_text_tool_set_left_of_its_column_is_no_line_of_the_explanation():
    """Real `pdftotext -layout` of a Calc-exported form (built t145): the deadline of a row
    with a 指标解释 column stands alone on the row's middle line, set left under 指标解释
    (wider than its own column), between the explanation's two lines; it is the row's value,
    its points `7` stay under 分值."""
    lines = (BUILT_DIR / "t145_guangdong_pdftotext_layout_weights_project.txt").read_text(
        encoding="utf-8").split("\n")[20:77]
    row = next(row for row in _rows(lines) if "安全救生设备配发完成时间" in row)
    assert row[-2:] == ["2025年8月15日前", "7"]
    assert not any("2025年8月15日前" in text for text in row[:-2])


def test_a_name_under_a_row_with_a_name_of_its_own_is_no_centred_row():
    """A line of text above a row that names its own value wraps the row above (or is a
    row), never the top of the row below."""
    lines = ["一级指标    二级指标    三级指标                 指标值",
             "产出指标    数量指标    城乡居民医保政策范围内住院        ≥70%",
             "            质量指标    费用基金支付比例",
             "                        医保经办服务事项按时办结率        ≥98%"]
    rows = _rows(lines)
    assert any("城乡居民医保政策范围内住院费用基金支付比例" in row for row in rows)
    assert any(row[-2:] == ["医保经办服务事项按时办结率", "≥98%"] for row in rows)


def test_a_laid_out_table_keeps_its_lone_labels_wrapped_names_and_page_break():
    """Under a header of column names spaced apart, lines of one label, wrapped names, a
    blank line, the page number and the next page's running head are all the table's: one
    region, read as aligned columns; the page furniture is no cell."""
    lines = ["   部门预算公开", "项目支出绩效目标表",
             " 一级指标     二级指标          三级指标            指标值        备注",
             " 产出指标",
             "                  居民电子健康档案建档率           ≥90%",
             "                  适龄儿童国家免疫规划疫苗接",
             "                                        ≥90%    以乡镇为单位",
             "                  种率",
             "          数量指标",
             "",
             "                       第 1 页 共 2 页",
             "\f   部门预算公开",
             "                  孕产妇系统管理率              ≥90%",
             "注：指标值为年度目标。"]
    assert families(lines).count("space_runs") == 1
    cells = texts(lines)
    assert "适龄儿童国家免疫规划疫苗接种率" in cells and "孕产妇系统管理率" in cells
    assert not any("页" in text or "部门预算公开" in text for text in cells)


def test_page_numbers_stay_where_no_form_feed_parts_pages():
    """A doc site's `第1页 / 共15页` between its page titles is the page's text, not a PDF's
    page furniture: without form feeds nothing is blanked."""
    lines = ["部门整体支出绩效自评表.docx_第1页", "第1页 / 共15页", "一级指标 二级指标 三级指标 指标值"]
    assert _without_page_furniture(lines) == lines
    assert _without_page_furniture([*lines, "\f"])[1] == ""


def test_a_centred_rows_tall_cells_frame_its_one_line_cells():
    """`2025 年 12 月   按季度预拨、` / `补助资金拨付时间` / `底前   年终结算`: the value and
    the remark wrap over the lines above and below the name; a level label alone between
    two rows frames nothing (tests/golden/built/t46, t29)."""
    head = " 一级指标     二级指标        三级指标           指标值          备注"
    framed = ["                                  2025 年 12 月   按季度预拨、",
              "                 补助资金拨付时间",
              "                                      底前        年终结算",
              "          时效指标   疫情网络直报时间      ≤2 小时       发现后"]
    rows = _rows([head, *framed])
    assert [text.replace(" ", "") for text in rows[1]] == ["补助资金拨付时间", "2025年12月底前",
                                                           "按季度预拨、年终结算"]
    labelled = [head, "   社会效益指标    困难群众医疗费用个人负担         有效减轻",
                " 效益指标",
                "                 医保基金当年收支             收支平衡、略有结余"]
    assert len(_rows(labelled)) == 4


def test_a_laid_out_table_printed_beside_a_vertical_label():
    """`绩` / `效` / `指` / `标` down the margin, a character on each row's line: the header
    beside it is still the table's header, and the pieces keep the table one region."""
    lines = ["   绩       一级指标       二级指标                  三级指标                     指标值",
             "",
             "   效",
             "                                 森林防火宣传活动场次                          ≥20 场次",
             "   指       产出指标       数量指标",
             "",
             "   标",
             "                               专业扑火队伍培训演练次数                      ≥4 次"]
    assert families(lines) == ["space_runs"]
    assert "≥20 场次" in texts(lines) and "专业扑火队伍培训演练次数" in texts(lines)
    assert not {"绩", "效", "指", "标"} & set(texts(lines))


def test_a_side_label_down_the_margin_between_rows_leaves_them():
    """`绩` / `效` / `指` / `标` on lines of their own between rows (blank lines and rows
    beside them): the characters are no cells, and no row takes `绩效` as its level."""
    lines = ["           产出指标       质量指标     疫木除治合格率                        ≥95%",
             "",
             "   绩",
             "                      时效指标     疫木除治完成时间                  2025 年 3 月 31 日前",
             "   效",
             "",
             "   指",
             "                      成本指标     疫木除治单株平均成本                    ≤85 元/株",
             "   标",
             ""]
    found = texts(lines)
    assert "疫木除治完成时间" in found and not {"绩", "效", "指", "标", "绩效"} & set(found)
    kept = ["   是       数量指标     培训人数    ≥100人", "", "   否"]
    assert "是" in texts(kept)


def test_a_pdf_texts_gap_between_figures_and_cjk_is_no_cell_border():
    """pdftotext writes Word's gap between CJK and figures as a space (`澄岭县 2024 年`,
    `≥1200 人`): where nearly every figure before CJK has it, single spaces there go, so a
    cell per line is not cut into words; where figures mostly touch CJK (a space there
    parts two cells), nothing changes."""
    gapped = ["受益寄宿学生人数", "≥1200 人", "改造学生宿舍面积", "≥3600 平方米",
              "2024 年 8 月 31 日前", "生均改造成本", "≤0.8 万元/生"] * 2
    assert _without_autospace(gapped)[1::2][:3] == ["≥1200人", "≥3600平方米", "生均改造成本"]
    rows = ["产出指标 数量指标 受益人数 300人", "时效指标 完成时间 2024年12月"] * 6 + \
        ["质量指标 验收合格率 100%"]
    assert _without_autospace(rows) == rows


def test_text_boxes_of_a_form_whose_explanations_crowd_its_labels():
    """A cell a line with a sentence of 指标值说明 beside every value: fewer than a quarter of
    the lines are labels, but labels and figures together are a form's share; short lines
    of a page with no figure stay prose."""
    rows = [[f"培训对象{k}组人次", f"≥{k}0人", f"反映年度完成情况第{k}项"] for k in range(1, 6)]
    lines = ["一级指标", "二级指标", "三级指标", "指标值", *[text for row in rows for text in row]]
    assert text_boxes(lines)
    assert not text_boxes(["首页", "政务公开", "项目名称", "联系我们", "网站地图", "主管部门"])


def test_space_runs_part_a_side_label_piece_from_the_row_label_beside_it():
    """pdftotext -layout of a sheet: `项目资金（万元）` wraps down its narrow column, each
    piece one space from the row label beside it (`项目资 年度资金总额`): two cells."""
    lines = ["                    年初预算数     全年预算数     全年执行数",
             "项目资 年度资金总额     420.00        456.00        441.30",
             "金（万 其中：当年财政拨款     420.00        420.00        405.30",
             "元） 上年结转资金                  36.00         36.00"]
    found = texts(lines)
    assert "项目资" in found and "年度资金总额" in found and "上年结转资金" in found
    assert not any("项目资年度" in text for text in found)


# `pdftotext -layout` of a 自评表 web page printed by LibreOffice: narrow columns wrap every
# cell, the page centres each cell in its row, and a blank line stands for the rule between
# two rows (its indicator table, header to the 社会效益 rows)
BANDED = (CONVERTED_DIR / "s09_self_eval_page.pdftotext_layout.txt").read_text(encoding="utf-8")\
    .split("\n")[70:129]


def test_a_label_or_heading_cut_around_its_centred_line_is_read_whole_there():
    """`项目名` / value / `称`, `一级指` / (the header's one-line headings) / `标`: the two
    pieces of a wrapped label frame the line its row's one-line cells stand on; a heading
    and its note (`偏差原因分析` / `及改进措施`) are one heading; pieces that make no label
    together stay where they are."""
    fields = [" 项目名", "       职业技能提升行动培训补贴", "  称"]
    assert _framed_labels(fields) == ["", " 项目名称  职业技能提升行动培训补贴", ""]
    header = [line.split() for line in _framed_labels(_without_side_label(BANDED))[:3] if line.strip()]
    assert header == [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"]]
    names = ["  开展职业技", "         3126 人次", "  能培训人次"]
    assert _framed_labels(names) == names


def test_a_fields_value_cut_around_its_labels_line_is_read_whole_beside_it():
    """`澄岭县学校建设服` / `主管部门  澄岭县教育局  实施单位` / `务中心` (tests/golden/converted,
    t13): the value of the label with none on its line; a piece that follows a label of its
    own line (`项目编码  …`) is that label's value, and stays."""
    lines = ["                                                澄岭县学校建设服",
             "     主管部门            澄岭县教育局         实施单位",
             "                                                     务中心"]
    assert _framed_labels(lines)[1].split() == ["主管部门", "澄岭县教育局", "实施单位",
                                                "澄岭县学校建设服务中心"]
    owned = [" " * 42 + "项目编码  澄岭县学校建设服", *lines[1:]]
    assert owned[0].index("澄") == lines[0].index("澄")
    assert _framed_labels(owned) == owned


def test_tall_rows_set_apart_by_blank_lines_are_read_band_by_band():
    """Each band of lines between blank lines is a printed row, each column's pieces one
    cell (lines running on, or leaving out the line the row's one-line cells take); a band
    holding two rows (a tall remark ran down to the next row's top) is parted where the
    cells of one end and the next begin; a level label stands in the row it is centred on."""
    assert space_bands.looks_banded(_framed_labels(_without_side_label(BANDED)))
    rows = [[text.replace(" ", "") for text in row] for row in _rows(BANDED)]
    assert rows[0][:4] == ["一级指标", "二级指标", "三级指标", "年度指标值"]
    assert rows[1] == ["开展职业技能培训人次", "≥3000人次", "3126人次", "15", "15"]
    # the level labels centred on their groups stand in this row
    assert rows[2][:7] == ["产出指标", "数量指标", "培训后取得职业资格证书或职业技能等级证书人数", "≥2100人",
                           "1935人", "10", "9.21"]
    assert rows[2][7].startswith("偏差原因：部分参训") and rows[2][7].endswith("对未取证人员组织补考。")
    assert ["成本指标", "人均培训补贴成本", "≤700元/人次", "619.4元/人次", "10", "10"] in rows
    assert rows[-2][:4] == ["效益指标", "社会效益指标", "培训后就业（创业）率", "≥60%"]
    assert rows[-2][-1].startswith("偏差原因：受部分") and rows[-2][-1].endswith("强化培训后就业跟踪服务。")
    assert rows[-1] == ["脱贫劳动力和农村转移劳动力参训占比", "≥40%", "46.2%", "5", "5"]


def test_rows_packed_a_line_each_are_no_bands_even_where_blank_lines_fall():
    """A dense laid-out table (a row a line, a name wrapped now and then) that a page break
    or a stray gap leaves blank lines in: two values stand one under the other in a column,
    so its rows are read a line each (tests/golden/converted, t23)."""
    lines = (CONVERTED_DIR / "t23_department_word.pdftotext_layout.txt").read_text(encoding="utf-8")
    assert not space_bands.looks_banded(lines.split("\n")[38:70])


def _converted_rows(stem: str, start: int, end: int) -> list[list[str]]:
    text = (CONVERTED_DIR / f"{stem}.pdftotext_layout.txt").read_text(encoding="utf-8")
    return [[cell.replace(" ", "") for cell in row] for row in _rows(text.split("\n")[start:end])]


def test_a_double_spaced_page_keeps_a_cells_lines_apart_and_its_rows_further():
    """pdftotext -layout of a 自评表 page that leaves a blank line after every printed line
    (tests/golden/converted, s30): a blank line inside a cell, three between rows; a name's
    last line printed below its row's values and labels (`村级管水员` … `满意度`), a
    remark's rest printed a few columns off (`…顺延至 2025 年` / `实施。改进措施：…`), and a
    name's last line printed between a tall remark's lines (`程运行管护` … `机制`)."""
    rows = _converted_rows("s30_self_eval_page_narrow", 90, 216)
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"]
    remark = next(row for row in rows if row[0] == "更换改造老化供水管网长度")
    assert remark[:5] == ["更换改造老化供水管网长度", "≥36公里", "33.5公里", "10", "9.31"]
    assert remark[5].startswith("原因分析：") and remark[5].endswith("2025年一季度完成剩余管网改造。")
    assert next(row for row in rows if row[0] == "可持续影响指标")[:6] == \
        ["可持续影响指标", "农村供水工程运行管护机制", "有效建立", "基本建立", "5", "4"]
    assert rows[-1] == ["村级管水员满意度", "≥85%", "88%", "5", "5"]


def test_level_labels_spread_over_their_groups_rows_are_joined_and_one_line_rows_keep_their_names():
    """A level label its narrow cell wrapped and the page centred on its group stands in
    pieces rows apart (`产出指` … `标`, `服务对象` / `满意度指` / `标`): the pieces make the
    label; a one-line row right above a centred row keeps its name (`农村群众出行条件   有效提升`
    over `公路沿线安全隐患路段整治` / `率`) (tests/golden/converted, t74)."""
    rows = _converted_rows("t74_project_page_narrow", 74, 135)
    assert ["产出指标", "农村公路优良中等路比例", "≥85%"] in rows
    assert ["农村群众出行条件", "有效提升"] in rows
    assert ["效益指标", "社会效益指标", "公路沿线安全隐患路段整治率", "不低于90%"] in rows
    assert ["满意度指标", "沿线群众满意度", "≥90%"] in rows
    assert rows[-1][0] == "服务对象满意度指标"  # three pieces, in the row nearest its middle


@pytest.mark.parametrize("feed_opens_the_page", [False, True])
def test_a_merged_label_a_page_break_cut_is_read_whole_on_the_pages_last_row(feed_opens_the_page):
    """pdfplumber's pages joined by form feeds (the feed after a page's last line) or
    pdftotext's (the feed opening the next page): `满意度指 | 服务对象满意` on the page's last
    row, `标 | 度指标` on the next page's first. The labels are whole on the upper row; the
    lower keeps its own cells, and the page break stays."""
    upper = "        满意度指    服务对象满意      参训农牧民满意度         ≥90%      95.2%   5     5"
    lower = "          标       度指标        用工企业满意度         ＞85%      88%     5     5"
    lines = ([upper, "", "\f" + lower] if feed_opens_the_page else [upper + "\f   ", "", "", lower])
    out = cut_by_page_breaks(lines)
    assert out[0].split()[:3] == ["满意度指标", "服务对象满意度指标", "参训农牧民满意度"]
    assert out[-1].split() == ["用工企业满意度", "＞85%", "88%", "5", "5"]
    assert sum(line.count("\f") for line in out) == 1
    whole = ["        产出指标    数量指标      培训人数         ≥90%", "\f          标       度指标"]
    assert cut_by_page_breaks(whole) == whole  # a whole label above takes no piece below


def test_a_label_its_top_aligned_cell_wrapped_down_is_read_whole_on_its_rows_line():
    """A page that sets cells at their tops prints a wrapped label on its row's line and the
    rest below it (`项目名  2025 年…` / `称`, `一级` / `指标`): the label is whole on the first
    line, then a field's value wrapped the same way beside it (`涟溪县农业农村` / `局`); a
    list of cells a line each (`年度预算` / `资金总额`) is no laid-out row, and a figure under
    a heading is no rest of it (tests/golden/converted, t76)."""
    fields = ["项目名 2025 年高标准农田建设项目", " 称", "",
              "主管 涟溪县农业农村     实施单位     涟溪县农田建设服务中心", "部门 局"]
    assert [line.split() for line in _wrapped_down(fields) if line.strip()] == [
        ["项目名称", "2025", "年高标准农田建设项目"],
        ["主管部门", "涟溪县农业农村局", "实施单位", "涟溪县农田建设服务中心"]]
    header = ["绩效指 一级 二级指标    三级指标       指标值                   备注", " 标  指标"]
    assert _wrapped_down(header)[0].split()[:3] == ["绩效指", "一级指标", "二级指标"]
    listed = ["年度预算", "资金总额"]
    assert _wrapped_down(listed) == listed
    scored = ["三级指标    分值    偏差原因分析及改进措施", "农村生活垃圾收运覆盖行政村数    10    10"]
    assert _wrapped_down(scored) == scored
    rows = _converted_rows("t76_project_page_top", 67, 100)
    assert rows[0][1:4] == ["一级指标", "二级指标", "三级指标"]  # the side label's piece stands beside
    assert rows[2][:4] == ["产出指标", "数量指标", "新建高标准农田面积", "≥1.6万亩"]


def test_a_bodys_name_that_ends_as_bodies_do_takes_no_rest_from_the_line_below():
    """pypdf's layout text of a Calc department form (built t246): `资金来源`, the money block's
    heading, stands under the unit's name `滦泉县应急管理局`, which ends as a body's name does:
    no rest of it. A name cut short (`涟溪县农业农村` / `局`) still takes its rest."""
    lines = ["  部门名称               滦泉县应急管理局                  单位编码          135224001",
             "                       资金来源                     金额             占比"]
    assert _wrapped_down(lines) == lines
    cut = ["主管部门  涟溪县农业农村     实施单位     涟溪县农田建设服务中心", "          局"]
    assert _wrapped_down(cut)[0].split()[:2] == ["主管部门", "涟溪县农业农村局"]


@pytest.mark.parametrize(("line", "spread"), [
    # Word's distributed alignment: a label a character at a time, a column's gap apart
    ("项       目       名       称   淠东县 2025 年项目",
     "项目名称                        淠东县 2025 年项目"),
    # two headings' characters in one run, one space and wider gaps: each heading whole
    ("一 级 指 标     二 级 指 标         三       级      指       标 指        标      值",
     "一级指标        二级指标            三级指标                     指标值              "),
    # a level label's opening (its tail wrapped below) beside a whole one
    ("产 出 指 标     质       量   指   设备安装验收合格率",
     "产出指标        质量指             设备安装验收合格率"),
    # characters one space apart in text that spaces them all: joined only where the run is one label
    ("项 目 支 出 绩 效 目 标 表", "项 目 支 出 绩 效 目 标 表"),
    ("填 报 单 位 （ 盖 章 ）： 勐 泉 县", "填 报 单 位 （ 盖 章 ）： 勐 泉 县"),
    # two headings' wrapped tails side by side are no label
    ("预算                           数       数", "预算                           数       数"),
    ("项       目     码 编", "项       目     码 编"),  # characters out of order: left as printed
])
def test_a_labels_characters_spread_apart_are_read_as_the_label(line, spread):
    assert spread_labels([line]) == [spread]


def test_a_form_whose_labels_word_spread_apart_is_read():
    """pdftotext -layout of a Writer form whose label cells are distributed (built t247): the
    form is found and its header and table read."""
    path = BUILT_DIR / "t247_anhui_writer_pdftotext_layout_distributed_labels_project.txt"
    form = extract_bytes(path.read_bytes(), path.name, path.stem, path.name).forms[0]
    assert (form.project_name or "").replace(" ", "") == "淠东县2025年基层医疗卫生机构服务能力提升项目"
    assert form.department == "淠东县卫生健康委员会"
    quality = [row for row in form.indicators if row.level2 == "质量指标"]
    assert [row.name for row in quality] == ["设备安装验收合格率", "基层医疗机构基本药物配备使用率"]
    assert len(form.indicators) == 12


@pytest.mark.parametrize(("text", "cells"), [
    ("≥120 场 126 场", ["≥120 场", "126 场"]),
    ("≤0.8 万 0.8 万元", ["≤0.8 万", "0.8 万元"]),
    ("2024 年 10 月底前", ["2024 年 10 月底前"]),
    ("较上年增长 12%", ["较上年增长 12%"]),
    ("稳步提高 10", ["稳步提高", "10"]),  # an achieved statement, then its points
    ("不低于 95", ["不低于 95"]),  # a comparator word and its figure
])
def test_a_planned_and_an_achieved_quantity_one_space_apart_are_two_cells(text, cells):
    assert space_bands._quantities(text) == cells


def test_rows_packed_line_to_line_are_parted_at_the_middles_their_points_mark():
    """pdftotext -layout of a Word 自评表 with narrow columns, every cell centred (tests/golden/
    converted, s31): no blank line parts its rows, names and values run three or four lines
    around the line of the row's 分值 and 得分; each column's lines are parted into one cell a
    row, each as near centred on its row's middle as the lines allow (`接种剂次` goes with
    the name above it, `预防接种门诊` with the row below); the table ends at the gap under
    its 总分 row."""
    text = (CONVERTED_DIR / "s31_self_eval_word_narrow.pdftotext_layout.txt").read_text(encoding="utf-8")
    assert space_bands.looks_centred(_framed_labels(text.split("\n")[41:128]))
    rows = _converted_rows("s31_self_eval_word_narrow", 41, 128)
    assert ["适龄儿童国家免疫规划疫苗接种剂次", "≥3.2万剂次", "3.35万剂次", "10", "10"] in \
        [row[-5:] for row in rows]
    assert ["预防接种门诊规范化督导次数", "不少于4次", "4次", "5", "5"] in rows
    assert ["适龄儿童免疫规划疫苗接种率", "≥95%", "96.3%", "10", "10"] in rows
    assert rows[-2] == ["总分", "100", "96.48"] and rows[-1][0] == "填报人：钟晓岚"
    # a table whose rows stand a line each, with no 分值 or 得分, is no such table
    assert not space_bands.looks_centred(CENTRED)


def test_rows_packed_line_to_line_with_no_points_are_parted_at_their_values_middles():
    """pdftotext -layout of a Writer department form whose 指标解释 and 评分标准 wrap four to
    seven lines in centred cells, no blank line between rows and no 分值 (built t238): a name
    wraps around the line of its value (`送戏下乡公益演出` / `≥180 场` / `场次`), so the
    value cells mark the rows' middles; a date's tail (`2025 年 9 月` … `底前`) stays with
    it, and no line of an explanation is a row."""
    lines = (BUILT_DIR / "t238_sichuan_writer_pdftotext_layout_department_explanations.txt").read_text(
        encoding="utf-8").split("\n")
    rows = [[cell.replace(" ", "") for cell in row] for row in _rows(lines)]
    named = {row[-4]: row[-3] for row in rows if len(row) >= 4}
    assert named["送戏下乡公益演出场次"] == "≥180场"
    assert named["非遗保护专项资金拨付时间"] == "2025年9月底前"
    assert named["群众对公共文化服务满意度"] == "90-100%"
    assert named["游客满意度"] == "≥92%"
    header = next(index for index, row in enumerate(rows) if row[0] == "一级指标")
    assert len(rows[header + 1:-1]) == 13  # the 13 indicator rows, then the sign-off


# the same rows with their cells opening on the row's first line (a name starts on its
# value's line): read line by line, not parted around values' middles
TOP_ALIGNED = ["一级指标  二级指标    三级指标              指标值        指标解释",
               "产出指标  数量指标    送戏下乡公益演出      ≥180场        指县川剧团及乡镇综合文化站组",
               "                      场次                                织到行政村开展的公益性演出",
               "                                                          场次，以演出台账为准。",
               "                      公共图书馆年新增      ≥1.2万册      指县图书馆当年新采购并完成",
               "                      藏书量                              分类编目的纸质图书册数。",
               "          质量指标    安全巡查覆盖率        100%          已巡查文保单位数÷文保单位",
               "                                                          总数×100%。",
               "                      投诉举报案件办结      ≥95%          在法定时限内办结的投诉举报",
               "                      率                                  案件的比例。"]


# Ghostscript's txtwrite of a Writer form whose cells are centred (built t261): a name's
# wrapped last line stands centred under it, narrower; the rows are one to three lines
CENTRED_ACROSS = [
    "             一级指标         二级指标          三级指标          指标值        指标值确定依据",
    "                                    新建改建农村户用卫        ≥1200户    县级改厕年度任务清",
    "                                       生厕所数量                   单",
    "             产出指标                   新改建户厕验收合格         ≥95%     《农村户厕建设技术",
    "                          质量指标            率                    要求》",
    "                                    农村生活垃圾无害化         ≥90%     省农村人居环境整治",
    "                                        处理率                    考核要求",
    "                          时效指标      户厕改造任务完成时 2025年11月底前 项目实施方案",
    "                                          间",
    "                          成本指标      户厕改造每户财政奖       ≤1500元/户   县财政奖补政策文件",
    "                                        补标准"]


def test_names_wrapped_centred_across_their_column_mark_a_centred_page():
    """Names whose last line stands centred under the line above, narrower and further
    right, in two rows or more: the page centres its cells, short rows or tall, and the
    rows are parted around their values' lines."""
    assert space_bands.looks_centred(CENTRED_ACROSS)
    assert [row[-3:] for row in _rows(CENTRED_ACROSS)[1:]] == [
        ["新建改建农村户用卫生厕所数量", "≥1200户", "县级改厕年度任务清单"],
        ["新改建户厕验收合格率", "≥95%", "《农村户厕建设技术要求》"],
        ["农村生活垃圾无害化处理率", "≥90%", "省农村人居环境整治考核要求"],
        ["户厕改造任务完成时间", "2025年11月底前", "项目实施方案"],
        ["户厕改造每户财政奖补标准", "≤1500元/户", "县财政奖补政策文件"]]


def test_rows_whose_cells_open_on_their_first_line_are_not_parted_at_values():
    assert not space_bands.looks_centred(TOP_ALIGNED)
    centred = ["一级指标  二级指标    三级指标              指标值        指标解释",
               "                                                          指县川剧团及乡镇综合文化站组",
               "                      送戏下乡公益演出                    织到行政村开展的公益性演出",
               "产出指标  数量指标                          ≥180场        场次，以演出台账、签到表及",
               "                      场次                                现场照片为准。",
               "                                                          指县图书馆当年新采购并完成",
               "                      公共图书馆年新增                    分类编目的纸质图书册数，以",
               "                                            ≥1.2万册      入藏登记为准，不含电子图书",
               "                      藏书量                              和期刊。",
               "                                                          已巡查文保单位数÷文保单位",
               "          质量指标    安全巡查覆盖率        100%          总数×100%，巡查须形成书面",
               "                                                          记录。"]
    assert space_bands.looks_centred(centred)
    assert [row[-3:-1] for row in _rows(centred)[1:]] == [
        ["送戏下乡公益演出场次", "≥180场"], ["公共图书馆年新增藏书量", "≥1.2万册"],
        ["安全巡查覆盖率", "100%"]]


@pytest.mark.parametrize(("values", "named", "cells"), [
    ([(3, "≥180 场"), (7, "≥1.2 万册")], set(), [[3], [7]]),
    ([(3, "2025 年 9 月"), (5, "底前")], set(), [[3, 5]]),  # a date's tail, the row's middle between
    ([(3, "有效提升"), (5, "持续稳定")], set(), [[3], [5]]),  # two rows' values two lines apart
    ([(3, "≥95%"), (4, "≥90%")], set(), [[3], [4]]),  # two figures: rows packed a line each
    ([(3, "≥95%（较上年"), (4, "提高）")], {3, 4}, [[3, 4]]),
    # three names, each beside its value (built t287): three rows packed a line each
    ([(19, "≥38.5%"), (20, "建立健全"), (21, "≥95%")], {19, 20, 21}, [[19], [20], [21]]),
    ([(10, "≥2.36 万平方"), (11, "米")], {10, 11}, [[10, 11]]),  # a figure and its unit's tail
    # a value in words over a figure, no name beside the first line (built t262): one cell
    ([(31, "小学≥720元/生·年，按照"), (32, "初中≥940元/生·年")], {32}, [[31, 32]]),
])
def test_a_value_columns_lines_make_cells(values, named, cells):
    assert [[line for line, _ in cell] for cell in space_bands._value_cells(values, named)] == cells


def test_headings_a_narrow_gap_left_one_space_apart_on_a_laid_out_page_are_apart():
    """`年度指标值 实际完成值 分值` on a header whose other gaps are wide (a workbook through
    pdftotext -layout, tests/golden/converted, s33) are three headings; OCR's narrow spacing
    (`一级指标  二级指标 三级指标   年度指标值`) keeps its cells as they are."""
    laid_out = "   一级指标  二级指标   三级指标     年度指标值 实际完成值 分值       得分    偏差原因分析"
    assert _column_header(laid_out)
    ocr = "|  一级指标  二级指标 三级指标   年度指标值  实际完成值 分值  得分   偏差原因分析"
    assert not _column_header(ocr)
    assert headings_apart(["年度指标值 实际完成值", "得分", "偏差原因分析", "三级指标"]) == [
        "年度指标值", "实际完成值", "得分", "偏差原因分析", "三级指标"]
    assert headings_apart(["一级指标 二级指标 三级指标"]) == ["一级指标 二级指标 三级指标"]


def test_a_lines_pieces_go_under_headings_in_order_however_far_the_line_is_set_off():
    """A text tool may set a line's cells columns off its header's (`10` under neither 分值
    nor 得分), never out of order: two figures after the achieved value are 分值 then 得分."""
    header = "     一级指标  二级指标   三级指标     年度指标值 实际完成值 分值           得分"
    heading = space_bands._pieces_of(header, 0, True)
    line = space_bands._pieces_of("                            ≥8000亩   8260亩    10     10", 1, True)
    assert [heading[k].text for k in space_bands._in_order(line, heading)] == [
        "年度指标值", "实际完成值", "分值", "得分"]


def test_a_piece_across_several_headings_is_parted_under_them():
    """pdftotext -layout of a workbook 自评表 (tests/golden/converted, s33): a name, a target
    and an achieved value one space apart (`补助资金兑付完 2024年11 2024年11`) are three cells;
    two groups' level-2 labels a row apart in one column (`时效指` / `标`, `成本指` / `标`) are
    two labels."""
    rows = _converted_rows("s33_self_eval_workbook_wrap", 36, 120)
    timely = next(row for row in rows if "补助资金兑付完成时间" in row)
    assert timely[timely.index("补助资金兑付完成时间"):][:3] == ["补助资金兑付完成时间", "2024年11月底前",
                                                           "2024年11月20日"]
    assert "时效指标" in timely
    cost = next(row for row in rows if "生态茶园改造亩均补助标准" in row)
    assert "成本指标" in cost


@pytest.mark.parametrize(("pieces", "labels"), [
    (["时效指", "标", "成本指", "标"], ["时效指标", "成本指标"]),
    (["服务对", "象满意", "度指标"], ["服务对象满意度指标"]),
    (["产出", "指标"], ["产出指标"]),
])
def test_a_column_of_label_pieces_is_parted_after_each_whole_label(pieces, labels):
    stack = space_bands._Stack([space_bands._Piece(line, 0, len(text), text)
                                for line, text in enumerate(pieces)])
    assert [part.text for part in space_bands._parted_labels(stack)] == labels


@pytest.mark.parametrize(("text", "cells"), [
    ("补助资金兑付完 2024年11 2024年11", ["补助资金兑付完", "2024年11", "2024年11"]),
    ("较上年减少 较上年减少", ["较上年减少", "较上年减少"]),
])
def test_a_line_under_headings_is_parted_at_single_spaces_between_them(text, cells):
    heading = space_bands._pieces_of("三级指标   年度指标值 实际完成值", 0, True)
    line = " " * (heading[0].start) + text
    pieces = space_bands._pieces_of(line, 1, True, space_bands._Under(heading, autospaced=False))
    assert [piece.text for piece in pieces] == cells


def test_words_gapped_from_figures_stay_one_cell_where_the_page_sets_that_gap():
    """`2024 年 11 月`: on a page that sets Word's CJK/figure gap everywhere, the spaces around
    a figure part no cells, however far the piece runs under the headings."""
    heading = space_bands._pieces_of("年度指标值 实际完成值", 0, True)
    pieces = space_bands._pieces_of("2024 年 11 月", 1, True, space_bands._Under(heading, autospaced=True))
    assert [piece.text for piece in pieces] == ["2024 年 11 月"]


_PAGE = "产出指标数量指标新建村级服务站点数≥12个按计划建成得满分,每少1个扣" + "按计划完成" * 60


@pytest.mark.parametrize(("lines", "joined", "joins"), [
    # a preview's page break cuts a row's remark: the page's number goes, its text goes on
    (["1、项目支出绩效目标表", _PAGE, "", "2、迟10日扣1分", "成本指标…"],
     ["1、项目支出绩效目标表", _PAGE + "迟10日扣1分", "", "", "成本指标…"], {1}),
    # a page that opens a part of its own (`填报说明：`) goes on no cell
    (["1、项目支出绩效目标表", _PAGE, "", "2、填报说明：1．项目名称按批复填写"], None, set()),
    # the row before closed with its remark after its value, the page opens with a name and
    # its value (built t128): it broke between rows, and only its number goes
    (["1、项目支出绩效目标表", "x" * 320, "质量指标作业地块秸秆覆盖率不低于30%按省级作业质量标准核定", "",
      "2、作业面积核查抽查比例≥10%时效指标补助资金兑付时间2024年12月底前"],
     ["1、项目支出绩效目标表", "x" * 320, "质量指标作业地块秸秆覆盖率不低于30%按省级作业质量标准核定", "",
      "作业面积核查抽查比例≥10%时效指标补助资金兑付时间2024年12月底前"], {2}),
    # … but a clause that opens the page goes on the reason the break cut (built s35)
    (["1、项目支出绩效自评表", "x" * 320, "满意度指标养殖户满意度≥90%88.6%109.84部分养殖户反映预约不够",
      "2、便捷,下一步增设配种服务点总分10098.76"],
     ["1、项目支出绩效自评表", "x" * 320,
      "满意度指标养殖户满意度≥90%88.6%109.84部分养殖户反映预约不够便捷,下一步增设配种服务点总分10098.76",
      ""], {2}),
    # a numbered list's items: short, or closed by their punctuation
    (["1、完成改造100户", "2、受益群众满意度90%"], None, set()),
    (["1、" + _PAGE + "。", "2、受益群众满意度90%"], None, set()),
])
def test_a_preview_page_break_goes_on_the_cell_it_cut(lines, joined, joins):
    assert _preview_pages_joined(lines) == (joined or lines, frozenset(joins))


def test_glued_rows_with_a_remark_column_are_cut_at_their_values():
    """A 备注 after the value (built t128): a row's name, its value and its remark glued
    (`保护性耕作实施面积≥30万亩按遥感监测核定面积计`) are cut at the value; a line holding
    two rows, each closed by a qualitative value (`…土壤质量逐步改善` before the next row's
    level label), has each value cut from its own name."""
    lines = ["绩效指标一级指标二级指标三级指标指标值备注",
             "产出指标数量指标保护性耕作实施面积≥30万亩按遥感监测核定面积计",
             "时效指标春播作业完成时限按期完成",
             "效益指标生态效益指标黑土地耕层土壤质量逐步改善可持续影响指标保护性耕作长效机制逐步健全"]
    found = texts(lines)
    for name, value in [("保护性耕作实施面积", "≥30万亩"), ("春播作业完成时限", "按期完成"),
                        ("黑土地耕层土壤质量", "逐步改善"), ("保护性耕作长效机制", "逐步健全")]:
        assert found[found.index(name) + 1] == value
    assert "按遥感监测核定面积计" in found


def test_a_glued_reason_the_page_broke_goes_on_on_the_next_line():
    """A web page's text of a glued 自评表 (built s54): a reason cut by the page's line break
    (`…年内未获核准；` / `下一步…进度。`) is one cell, and the line's next row still opens."""
    lines = ["一级指标二级指标三级指标年初目标值实际完成值分值得分偏差原因分析及改进措施"
             "产出指标数量指标商标品牌培育数量≥15件12件64.8部分企业商标注册申请仍在审查期，年内未获核准；",
             "下一步加强商标品牌指导服务，跟踪在审申请进度。质量指标食品安全监督抽检合格率≥97%98.3%77"]
    found = texts(lines)
    assert "部分企业商标注册申请仍在审查期，年内未获核准；" \
           "下一步加强商标品牌指导服务，跟踪在审申请进度。" in found
    assert found[found.index("质量指标") + 1] == "食品安全监督抽检合格率"


def test_a_glued_reason_goes_on_after_the_header_printed_again_on_the_next_page():
    """A document site's preview of a glued 自评表 (built s61): the reason that closes page 1
    (`…校企合作培训`) goes on after page 2's page marker and repeated header (`模式尚处于…`),
    and opens no row of its own; planned and achieved values in words glued to the name
    (`…长效机制逐步健全基本建立76`) are cut from it."""
    header = "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    lines = [header + "产出指标数量指标培训人次≥3000人次3126人次1010"
             "效益指标可持续影响指标职业技能培训长效机制逐步健全基本建立76部分定点培训机构专职师资不足，校企合作培训",
             "第2页 / 共2页",
             header + "模式尚处于起步阶段；下一步将遴选3家以上规模企业共建实训基地。"
             "满意度指标服务对象满意度参训人员满意度≥90%93.6%66"]
    found = texts(lines)
    assert "部分定点培训机构专职师资不足，校企合作培训" \
           "模式尚处于起步阶段；下一步将遴选3家以上规模企业共建实训基地。" in found
    named = found.index("职业技能培训长效机制")
    assert found[named + 1: named + 4] == ["逐步健全", "基本建立", "76"]


def test_glued_rows_under_two_periods_columns_keep_each_periods_value():
    """A run-together 申报表 with 中期 and 年度 columns (built t138): the header's
    `中期指标值` is one heading; a name closed by two deadlines, or by two qualitative values,
    gives one to each period; a page's `第 1 页 共 3 页` between rows is no row."""
    lines = ["绩效指标一级指标二级指标三级指标中期指标值年度指标值",
             "产出指标时效指标建设任务完成时限2027年10月底前2025年10月底前",
             "第 1 页 共 3 页",
             "效益指标可持续影响指标淤地坝运行管护机制全面建立初步建立"]
    found = texts(lines)
    assert "中期指标值" in found and "第" not in found
    for name, values in [("建设任务完成时限", ["2027年10月底前", "2025年10月底前"]),
                         ("淤地坝运行管护机制", ["全面建立", "初步建立"])]:
        assert found[found.index(name) + 1: found.index(name) + 3] == values


def test_a_glued_table_goes_on_across_a_preview_page_break():
    """A document site's preview (tests/golden/built, t78): a page break inside a row's
    评分标准 (`…每延` / blank / `2、迟10日扣1分`), and the rows after it are the table's."""
    text = (BUILT_DIR / "t78_shandong_run_together_dept.txt").read_text(encoding="utf-8")
    tables = [block for block in read_text(text.split("\n")).blocks if isinstance(block, TableBlock)]
    cells = [cell.text for block in tables for cell in block.cells]
    assert "按国家和省统一部署时间完成得满分,每延迟10日扣1分" in cells
    cost = cells.index("1%人口抽样调查县级工作经费")
    assert cells[cost - 1] == "成本指标" and cells[cost + 1] == "≤86.00万元"


def test_a_preview_with_its_whole_form_glued_into_a_few_lines():
    """A document site's preview of a 自评表 (tests/golden/built, s35): the heading, fields,
    money block and goals on one line ending in a goal's full stop (a form, not a sentence of
    the page), then the indicator rows glued two lines long, the second opening inside a
    reason the site's line break cut."""
    text = (BUILT_DIR / "s35_neimenggu_run_together_self_eval.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    families = [family for family, _, _ in regions(lines, [signature(line) for line in lines])]
    assert "run_together" in families
    tables = [block for block in read_text(lines).blocks if isinstance(block, TableBlock)]
    cells = [cell.text for block in tables for cell in block.cells]
    assert "冻精质量合格率" in cells and "冷配受胎率" in cells  # a row cut from the next
    assert cells[cells.index("年度资金总额") + 1] == "340.00360.00342.721095.20%9.52"


def test_a_page_menu_in_pipes_takes_no_plain_lines_after_it():
    """A document site's `格式:PDF | 页数:3 | …` and `下载 | 收藏 | 举报 | 分享` over a glued
    form (tests/golden/built, s37): the plain lines after them, with no pipe line after,
    are no cells of theirs."""
    text = (BUILT_DIR / "s37_hubei_run_together_dept_self_eval.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    spans = regions(lines, [signature(line) for line in lines])
    pipes = [(start, end) for family, start, end in spans if family.startswith("pipe")]
    assert pipes == [(3, 5)]


def test_a_text_target_after_its_points_is_no_new_row():
    """One cell per line ending ` |`, 分值 before 年度指标值 (tests/golden/built, s36):
    `10 | 2024年12月31日前 | 2024年12月20日 | 10` is the points, a deadline, the day it was met
    and the score; a date or a qualitative value never opens a row as a name."""
    from extract.pipeline import extract_document

    form = extract_document(BUILT_DIR / "s36_henan_cell_lines_self_eval.txt").forms[0]
    rows = {row.name: row for row in form.indicators}
    assert "2024年12月20日" not in rows and "持续改善" not in rows
    timely = rows["补助资金拨付时间"]
    assert (timely.target.text, str(timely.weight)) == ("2024年12月31日前", "10")


def test_a_lone_level_label_in_traditional_characters_with_pinyin_stays_in_its_table():
    """`生態(tài)效益指標(biāo)` alone on its line between space-separated rows (tests/golden/
    built, t79): six characters once its pinyin is set aside, a cell of the table, not prose
    that cuts the table in two."""
    lines = ["一級指標(biāo) 二級指標(biāo) 三級指標(biāo) 指標(biāo)值",
             "效益指標(biāo) 社會效益指標(biāo) 糧食生產(chǎn)安全保障能力 穩步提升",
             "生態(tài)效益指標(biāo)",
             "可持續(xù)影響指標(biāo) 良種(zhǒng)繁育推廣長(cháng)效機制 逐步健全"]
    families = {family for family, _, _ in regions(lines, [signature(line) for line in lines])}
    assert families == {"space_rows"}


def test_a_glued_header_over_two_lines_with_a_column_set_a_period():
    """A document site's 安徽 form (tests/golden/built, t82's template): `一级指标中期指标年度指标`
    over `二级指标三级指标指标值二级指标三级指标指标值`, each row a name and a value a period,
    glued; the header is one row, its value columns named by their periods."""
    from extract.pipeline import extract_bytes

    lines = ["项目支出绩效目标申报表", "项目名称甲县农村供水工程", "绩效指标一级指标中期指标年度指标",
             "二级指标三级指标指标值二级指标三级指标指标值",
             "产出指标数量指标新建供水工程≥36处数量指标新建供水工程≥12处",
             "新建及改造供水管网长度≥420公里新建及改造供水管网长度≥140公里",
             "满意度指标服务对象满意度指标受益群众满意度≥95%服务对象满意度指标受益群众满意度≥90%"]
    form = extract_bytes("\n".join(lines).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    found = [(row.scope, row.level1, row.name, row.target.raw) for row in form.indicators]
    assert found == [
        ("mid_term", "产出指标", "新建供水工程", "≥36处"),
        ("mid_term", "产出指标", "新建及改造供水管网长度", "≥420公里"),
        ("mid_term", "满意度指标", "受益群众满意度", "≥95%"),
        ("annual", "产出指标", "新建供水工程", "≥12处"),
        ("annual", "产出指标", "新建及改造供水管网长度", "≥140公里"),
        ("annual", "满意度指标", "受益群众满意度", "≥90%")]


def test_a_glued_money_header_stays_apart_from_the_field_above_it():
    """s37 (tests/golden/built): `部门(单位)名称…` over the glued money header
    `部门预算资金(万元)年初预算数…`; the line above holds no periods, so the header is a row of
    its own and the money block under it reads."""
    from extract.pipeline import extract_document

    form = extract_document(BUILT_DIR / "s37_hubei_run_together_dept_self_eval.txt").forms[0]
    assert (str(form.funding.total), str(form.funding.executed)) == ("2453.72", "2391.05")


def test_level_two_labels_printed_without_their_suffix_open_glued_rows():
    """A notice's form run together (tests/golden/built, t84): `产出指标数量0-6岁儿童…`,
    `质量视力筛查结果反馈率100%`, `时效…`: the bare level-2 words at the rows' opening are
    their labels; a table whose only such opening is one name's own word keeps it."""
    from extract.pipeline import extract_bytes

    head = ["项目支出绩效目标表", "项目名称甲县近视防控", "年度绩效指标一级指标二级指标三级指标指标值"]
    rows = ["产出指标数量0-6岁儿童眼保健和视力检查人数≥2.6万人", "中小学生视力筛查人数≥4.8万人",
            "质量视力筛查结果反馈率100%", "时效筛查任务完成时间2024年11月底前"]
    form = extract_bytes("\n".join([*head, *rows]).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(row.level2, row.name) for row in form.indicators] == [
        ("数量指标", "0-6岁儿童眼保健和视力检查人数"), ("数量指标", "中小学生视力筛查人数"),
        ("质量指标", "视力筛查结果反馈率"), ("时效指标", "筛查任务完成时间")]
    one = ["产出指标数量指标质量安全抽检合格率≥98%", "受检企业数≥30家"]
    form = extract_bytes("\n".join([*head, *one]).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [row.name for row in form.indicators] == ["质量安全抽检合格率", "受检企业数"]


@pytest.mark.parametrize(("lines", "name"), [
    # the form labels its units without 项目: the 项目 before 主管部门 ends the name
    (["项目名称甲县良种补贴项目主管部门甲县农牧局实施单位甲县畜牧站"], "甲县良种补贴项目"),
    # its template labels them with 项目 (项目实施单位): the 项目 is the label's
    (["项目名称甲县良种补贴项目实施单位/项目负责人甲县农技中心/张三",
      "自治区主管部门农业农村厅"], "甲县良种补贴"),
])
def test_the_project_word_between_a_name_and_a_unit_label(lines, name):
    from extract.pipeline import extract_bytes

    table = ["一级指标二级指标三级指标指标值", "产出指标数量指标补贴头数≥150头"]
    text = "\n".join(["项目支出绩效目标表", *lines, *table])
    assert extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0].project_name == name


def test_a_basis_quoting_a_figure_wraps_it_onto_the_next_line():
    """pdftotext -layout: `历史标准：2023年开展` over `116场`, `历史标准：2023年7.6` over `万人次`
    where the basis starts (built t107): the piece alone reads as a value or a unit, but it is
    the rest of the basis, no row of its own; a value under a plain name stays a row."""
    def laid_out(*cells: str) -> str:  # cells at the offsets pdftotext gives a column
        return "".join(f"{text:<{width}}" for text, width in zip(cells, (16, 14, 24, 14, 20), strict=False))

    lines = [laid_out("一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"),
             laid_out("产出指标", "数量指标", "组织群众文化活动场次", "不少于120场", "历史标准：2023年开展"),
             laid_out("", "", "", "", "116场"),
             laid_out("", "", "举办全民健身赛事活动次数", "≥12次", "计划标准"),
             laid_out("效益指标", "社会效益指标", "群众文化活动参与人次", "≥8万人次", "历史标准：2023年7.6"),
             laid_out("", "", "", "", "万人次"),
             laid_out("", "", "旅游接待人次较上年增长", "≥10%", "计划标准")]
    found = [text.replace(" ", "") for text in texts(lines)]
    assert "历史标准：2023年开展116场" in found and "历史标准：2023年7.6万人次" in found
    assert "116场" not in found and "万人次" not in found


def test_a_cell_broken_over_two_lines_between_tab_rows_stays_in_the_table():
    """`食品安全抽检问题产品` without a tab between rows of tabs (a web cell's `<br>`, built
    t123) is the first part of the next row's name, not a region that cuts the table; a
    sentence there stays prose."""
    rows = ["一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据",
            "产出指标\t质量\t特种设备定期检验率\t100%\t行业标准"]
    below = ["核查处置率\t100%\t行业标准", "消费投诉举报按时办结率\t≥98%\t行业标准"]
    assert families([*rows, "食品安全抽检问题产品", *below]) == ["tab_rows"]
    sentence = "以下指标均按照县级年度抽检计划确定，抽检结果于次年一月底前向社会公开。"
    assert families([*rows, sentence, *below]) == ["tab_rows", "prose", "tab_rows"]


def _by_characters(rows: list[list[str]], starts: list[int]) -> list[str]:
    """Rows laid out one character a column (as `pdftotext -layout` lays out CJK text)."""
    lines = []
    for row in rows:
        line = ""
        for start, text in zip(starts, row, strict=True):
            if text:
                line = line.ljust(start) + text
        lines.append(line)
    return lines


def test_space_runs_laid_out_one_character_a_column_read_columns_by_characters():
    """Built t122: an explanation wrapped onto the next line stands under its column only
    when CJK characters count one column each; measured two wide, it would stand under the
    name's."""
    from extract.assemble import IndicatorTable, assemble

    starts = [2, 14, 26, 44, 62, 78, 104]
    lines = _by_characters([
        ["一级指标", "二级指标", "三级指标", "指标解释", "指标值", "评（扣）分标准", "分值"],
        ["产出指标", "数量指标", "维修养护集中供水工程数量", "反映年度内完成维修养护的农", "≥46处",
         "完成46处及以上得满分；每少", "8"],
        ["", "", "", "村集中供水工程处数。", "", "1处扣0.5分，扣完为止。", ""],
        ["", "", "更换老化入户管网长度", "反映更换老化入户管网长度。", "≥32公里", "每少1公里扣0.3分。", "7"],
        ["", "质量指标", "维修养护工程验收合格率", "反映工程经县级验收合格的比", "100%",
         "每低1个百分点扣0.5分，扣完", "8"],
        ["", "", "", "例。", "", "为止。", ""]], starts)
    table = next(part for part in assemble(read_text(lines)) if isinstance(part, IndicatorTable))
    roles = [column.role for column in table.header.columns]
    rows = [{role: cell.text for role, cell in zip(roles, row.slots, strict=True) if cell}
            for row in table.rows]
    assert [(row["name"], row["description"]) for row in rows] == [
        ("维修养护集中供水工程数量", "反映年度内完成维修养护的农村集中供水工程处数。"),
        ("更换老化入户管网长度", "反映更换老化入户管网长度。"),
        ("维修养护工程验收合格率", "反映工程经县级验收合格的比例。")]


# a grid table as pandoc's plain text and tabulate's `grid` print it (built t144)
GRID = ["填报单位：甲县应急管理局",
        "+----------+----------------+--------------+",
        "| 一级指标 | 三级指标       | 指标值       |",
        "+==========+================+==============+",
        "| 产出指标 | 安全生产执法检 | ≥420家次     |",
        "|          | 查企业数量     |              |",
        "+----------+----------------+--------------+",
        "|          | 突发事件信息报 | 事发后30分钟 |",
        "|          | 送时限         | 内报告       |",
        "+----------+----------------+--------------+",
        "| 年度总体目标：全年开展执法检查420家次以上 |",
        "+----------+----------------+--------------+",
        "",
        "填报人：甲某"]


def test_a_grid_table_is_its_own_family_with_exact_rows_and_columns():
    """Rules and `|`-framed lines are one region (`grid_rows`), the lines around it prose;
    each row is the lines between two rules, a cell wrapped in its column is one cell,
    a cell with no `|` inside spans the columns its rule marks."""
    assert families(GRID) == ["prose", "grid_rows", "prose"]
    table, = read_text(GRID).tables()
    assert (table.reader, table.rows, table.columns) == ("grid_rows", "exact", "exact")
    cells = [(c.row, c.col, c.col_span, c.text, c.line, c.last_line) for c in table.cells]
    assert cells == [
        (0, 0, 1, "一级指标", 3, 3), (0, 1, 1, "三级指标", 3, 3), (0, 2, 1, "指标值", 3, 3),
        (1, 0, 1, "产出指标", 5, 6), (1, 1, 1, "安全生产执法检查企业数量", 5, 6), (1, 2, 1, "≥420家次", 5, 6),
        (2, 0, 1, "", 8, 9), (2, 1, 1, "突发事件信息报送时限", 8, 9), (2, 2, 1, "事发后30分钟内报告", 8, 9),
        (3, 0, 3, "年度总体目标：全年开展执法检查420家次以上", 11, 11)]


def test_a_grid_tables_rows_read_as_indicators():
    form = extract_bytes("\n".join(["甲县应急管理局部门整体支出绩效目标表", *GRID[1:10]]).encode("utf-8"),
                         "g.txt", "g", "g.txt").forms[0]
    assert [(i.level1, i.name, i.target.raw) for i in form.indicators] == [
        ("产出指标", "安全生产执法检查企业数量", "≥420家次"),
        ("产出指标", "突发事件信息报送时限", "事发后30分钟内报告")]


# pandoc's plain text of a Word table with cells merged down (built t269): a rule drawn
# only under the columns whose cells end there, `|` and blanks over the merged ones, whose
# text may go on across it
GRID_MERGED = ["+----------+----------+----------------+----------+",
               "| 一级指标 | 二级指标 | 三级指标       | 指标值   |",
               "+==========+==========+================+==========+",
               "| 产出指标 | 数量指标 | 改造老旧小区数 | 12个     |",
               "|          |          | 量             |          |",
               "|          |          +----------------+----------+",
               "|          |          | 惠及居民户数   | ≥2860户  |",
               "+----------+----------+----------------+----------+",
               "| 效益     | 质量指标 | 工程验收合格率 | 100%     |",
               "| 指标     |          +----------------+----------+",
               "|          |          | 消防设施完好率 | ≥95%     |",
               "+----------+----------+----------------+----------+"]


def test_a_grid_tables_partial_rules_end_only_the_cells_they_underline():
    """A rule drawn under some columns ends those cells; a cell merged down over it is one
    cell over its rows (`效益` / `指标`, its text going on across the rule), as a box-drawn
    table's lattice reads it."""
    assert families(GRID_MERGED) == ["grid_rows"]
    table, = read_text(GRID_MERGED).tables()
    assert (table.reader, table.rows, table.columns) == ("grid_rows", "exact", "exact")
    cells = {c.text: (c.row, c.col, c.row_span) for c in table.cells if c.text}
    assert cells["产出指标"] == (1, 0, 2)
    assert cells["数量指标"] == (1, 1, 2)
    assert cells["改造老旧小区数量"] == (1, 2, 1)
    assert cells["≥2860户"] == (2, 3, 1)
    assert cells["效益指标"] == (3, 0, 2)
    assert cells["质量指标"] == (3, 1, 2)
    assert cells["消防设施完好率"] == (4, 2, 1)


def test_a_lone_rule_or_a_markdown_table_is_no_grid():
    assert "grid_rows" not in families(["+------+", "正文一行", "| 一级指标 | 指标值 |", "|---|---|",
                                        "| 产出指标 | 5 |"])


# a table as `w3m -dump` draws an HTML table (built t173): merged labels on the middle
# line of their rows, a rule line among them (glued to the bar), columns balanced per block
BOXES = ["项目支出绩效目标表",
         "┌──────────┬──────────────────────┬──────────────┐",
         "│ 项目名称 │ 甲县农村生活垃圾收运 │ 项目编码  12 │",
         "├──────────┼──────────┬───────────┼──────────────┤",
         "│ 一级指标 │ 二级指标 │ 三级指标  │ 指标值       │",
         "├──────────┼──────────┼───────────┼──────────────┤",
         "│          │          │ 收运处置量│ ≥4.2万吨     │",
         "│          │ 数量指标 ├───────────┼──────────────┤",
         "│          │          │ 收集箱    │ 1200个       │",
         "│产出指标  ├──────────┼───────────┼──────────────┤",
         "│          │          │ 无害化处  │ ≥95%         │",
         "│          │质量指标  │ 理率      │              │",
         "├──────────┼──────────┼───────────┼──────────────┤",
         "│ 效益指标 │ 社会效益 │ 人居环境  │ 明显改善     │",
         "└──────────┴──────────┴───────────┴──────────────┘",
         "附件：甲县绩效目标表.xls"]


# an OA system's report laid out for a GB2312 printer (built t286): every box-drawing
# character two columns wide, double lines for the frame
WIDE_BOXES = ["╔════╤════╗",
              "║一级指标│指标值  ║",
              "╟────┼────╢",
              "║产出指标│≥95%    ║",
              "║        ├────╢",
              "║        │100%    ║",
              "╚════╧════╝"]


def test_a_box_table_laid_out_with_box_characters_two_columns_wide():
    """Box-drawing characters two columns wide (the measure under which every line of the
    table is as wide as the others) give the same lattice as a terminal's one-wide ones."""
    table, = read_text(WIDE_BOXES).tables()
    cells = {c.text: (c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.text}
    assert cells == {"一级指标": (0, 0, 1, 1), "指标值": (0, 1, 1, 1), "产出指标": (1, 0, 2, 1),
                     "≥95%": (1, 1, 1, 1), "100%": (2, 1, 1, 1)}


def test_a_box_drawn_table_is_read_as_a_lattice_of_its_rules():
    """Box-drawing rules and bars are one region (`box_rows`): a cell is what no bar or
    rule parts, so a label merged down is one cell over its rows wherever its text stands
    (a rule line included), a cell wrapped in its column is one cell, and a cell spans the
    columns no bar of its own parts, whatever the other rows draw."""
    assert families(BOXES) == ["prose", "box_rows", "prose"]
    table, = read_text(BOXES).tables()
    assert (table.reader, table.rows, table.columns) == ("box_rows", "exact", "exact")
    cells = {c.text: (c.row, c.col, c.row_span, c.col_span, c.line) for c in table.cells if c.text}
    assert cells["产出指标"] == (2, 0, 3, 1, 10)
    assert cells["数量指标"] == (2, 1, 2, 1, 8)
    assert cells["质量指标"] == (4, 1, 1, 1, 12)
    assert cells["无害化处理率"] == (4, 2, 1, 1, 11)
    assert cells["甲县农村生活垃圾收运"] == (0, 1, 1, 2, 3)
    assert [(c.row, c.text) for c in table.cells if c.col == 0] == [
        (0, "项目名称"), (1, "一级指标"), (2, "产出指标"), (5, "效益指标")]


def test_a_box_drawn_tables_rows_read_as_indicators():
    form = extract_bytes("\n".join(BOXES).encode("utf-8"), "b.txt", "b", "b.txt").forms[0]
    assert [(i.level1, i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("产出指标", "数量指标", "收运处置量", "≥4.2万吨"),
        ("产出指标", "数量指标", "收集箱", "1200个"),
        ("产出指标", "质量指标", "无害化处理率", "≥95%"),
        ("效益指标", "社会效益指标", "人居环境", "明显改善")]


def test_a_box_drawn_table_straight_under_another_is_a_table_of_its_own():
    """w3m draws a page's two tables one under the other with no line between (built t199:
    the approval form's fields, then its indicators): `└───┘` then `┌───┐` opens a second
    table, and a bar of one that stands a column beside a bar of the other parts nothing."""
    lines = ["┌──────────┬────────────────┐",
             "│ 项目名称 │ 甲县农田建设项目 │",
             "└──────────┴────────────────┘",
             "┌──────┬──────────┬──────────┐",
             "│ 一级 │ 三级指标   │ 指标值     │",
             "└──────┴──────────┴──────────┘"]
    first, second = read_text(lines).tables()
    assert [c.text for c in first.cells] == ["项目名称", "甲县农田建设项目"]
    assert [c.text for c in second.cells] == ["一级", "三级指标", "指标值"]
    path = BUILT_DIR / "t199_liaoning_w3m_dump_approval.txt"
    form = extract_bytes(path.read_bytes(), path.name, "t", path.name).forms[0]
    assert form.project_name == "彰河县2025年高标准农田建设项目" and len(form.indicators) == 14


def test_a_box_drawing_of_more_columns_than_a_sheet_has_is_prose():
    """Bounded work on hostile text: a run of box-drawn lines with a border at every position
    of a long line is no table; its lines stay, as prose."""
    rule = "├" + "┼" * 600 + "┤"
    lines = ["┌" + "┬" * 600 + "┐", "│" * 602, rule, "│" * 602, "└" + "┴" * 600 + "┘"]
    grid = read_text(lines)
    assert not grid.tables() and len(grid.blocks) == 5


def test_lines_that_only_open_with_a_box_character_are_no_table():
    assert "box_rows" not in families(["│ 一行说明", "正文", "├── 目录", "└── 附件"])
    assert "box_rows" not in families(["├── 项目支出绩效目标表", "├── 一级指标", "│   ├── 产出指标",
                                       "└── 附件"])  # a folder tree


def test_one_pipe_between_gaps_in_ocr_text_is_a_rule_read():
    """tesseract's text of a scan (built t172): one line of the space-laid-out table holds a
    `|` between two runs of spaces, a rule the engine read. It is a space: the line stays a
    row of the table, its cells in their columns."""
    path = BUILT_DIR / "t172_jilin_tesseract_department_scan.txt"
    lines = path.read_text(encoding="utf-8").split("\n")[16:34]
    table, = read_text(lines).tables()
    row = [c.text for c in table.cells if c.line == 14]  # the file's line 30
    assert row == ["效益指标", "重大传染病疫情暴发流行", "不发生"]
    # a pipe with single spaces around it, where the engine read other rules as lone pipes
    # on the lines near it (built t184): `一级指标 | 。 二级指标      三级指标`
    header = ["年度目标 ”| 2025 年完成 62 个行政村生活污水治理，新建污水收集管网 80 公里以上、",
              "一级指标 | 。 二级指标                       三级指标                      年度指标值",
              "完成生活污水治理行政村数量      =186个      三62个",
              "     数量指标新建污水收集管网长度     >=240 公里     >=80 公里"]
    table = read_text(header).tables()[-1]
    assert table.reader != "pipe_rows"
    assert [c.text for c in table.cells if c.line == 2][:2] == ["一级指标", "。二级指标"]


def test_antiwords_run_on_stream_of_cells_is_read_by_its_cells_not_its_lines():
    """antiword's text of a Word table of many columns (built s79): every cell `text |`, one
    stream wrapped at a width, so rows open in the middle of lines, a line's start is no
    row's, and a line that opens without `|` carries on the cell the line above ended with
    (`…合理安排施工时序` / `。 | | |成本指标`)."""
    path = BUILT_DIR / "s79_guizhou_antiword_self_eval.txt"
    form = extract_bytes(path.read_bytes(), path.name, "s", path.name).forms[0]
    rows = {i.name: (i.target.raw, i.actual.raw if i.actual else None, i.weight, i.score)
            for i in form.indicators}
    assert rows["茶产业品牌影响力"] == ("持续提升", "持续提升", 10, 10)
    assert rows["项目完成时间"][:2] == ("2024年11月底前", "2024年12月中旬")
    assert not any(name.startswith("受8月持续干旱") for name in rows)  # a deviation, no row


def test_the_gap_a_pdf_sets_between_cjk_and_latin_letters_is_no_cell_border():
    """mupdf's text of a LibreOffice PDF (built t185) writes the gap the word processor sets
    between CJK and figures, and between CJK and Latin letters, as a space (`岷溪县 2025—2027
    年适龄女孩 HPV 疫苗免费接种项目`): in a document that sets it nearly everywhere, neither is a
    cell border, so the lines stay one cell."""
    path = BUILT_DIR / "t185_sichuan_mutool_txt_project.txt"
    form = extract_bytes(path.read_bytes(), path.name, "t", path.name).forms[0]
    assert form.project_name == "岷溪县2025—2027年适龄女孩HPV疫苗免费接种项目"
    assert (form.indicators[0].name, form.indicators[0].target.raw) == ("完成HPV疫苗首剂接种人数", "≥2800人")


def test_a_level_labels_tail_listed_after_the_level_one_beside_it():
    """RapidOCR's boxes by height (built s75): `服务对象满意度` / `满意度指标` / `指标`, the level-2
    label wrapped in its narrow cell and the level-1 label centred beside it: the short tail
    after the level-1's box ends the level-2 label."""
    lines = ["可持续影响指标", "油茶林管护长效机制", "建立健全", "基本建立", "5", "4", "服务对象满意度",
             "满意度指标", "指标", "参与农户满意度", "≥90%", "93.5%", "10", "10"]
    found = texts(lines)
    assert "服务对象满意度指标" in found and "指标" not in found


def test_heading_tails_plain_pdftotext_lists_below_the_header_row():
    """Plain `pdftotext` of a Chromium-printed 自评表 (built s82): the header row on one line,
    cells parted by single spaces, then each wrapped heading's tail at the margin, a line
    each, in the headings' order. Each tail ends the next heading it completes; a tail that
    completes none leaves the lines as they are."""
    from extract.readers.cut_labels import tails_listed_below

    row = "一级指 二级指 三级指标 年度指标 实际完成 分值 得分 偏差原因分析及改进措施"
    whole = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
    lines = [row, "标", "标", "值", "值", "产出指"]
    assert tails_listed_below(lines) == ["", "", "", "", whole, "产出指"]
    odd = ["二级指标 三级指标 指标值 指标值设定依", "据", "区"]  # `区` ends no heading
    assert tails_listed_below(odd) == odd
    laid_out = ["一级指  二级指标", "标"]  # a laid-out page sets a tail under its piece
    assert tails_listed_below(laid_out) == laid_out


def test_a_word_processors_cell_paragraph_that_ends_mid_clause_goes_on():
    """LibreOffice's text of Word tables (built t198): a cell a paragraph a line, merged cells
    as runs of empty lines; a cell of two paragraphs whose first ends with a comma is one
    cell (`春季学期6月底前，` / `秋季学期12月底前`): no cell ends mid-clause."""
    lines = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "资助幼儿人数", "≥1200人",
             "", "", "资助资金足额发放率", "100%", "", "时效指标", "资助资金发放时间", "春季学期6月底前，",
             "秋季学期12月底前", "", "", "成本指标", "学前教育资助标准", "1000元/生·年", "效益指标",
             "社会效益指标", "入园率", "≥90%", "", "", "家长满意度", "≥90%"]
    found = texts(lines)
    assert "春季学期6月底前，秋季学期12月底前" in found and "秋季学期12月底前" not in found


def test_libreoffice_text_of_word_cells_with_two_paragraphs():
    """LibreOffice's own "save as text" of a Word form (built t143): a cell a line, the cells
    a vertical merge covers as empty lines; a cell of two paragraphs prints two lines. A
    deadline's `底前` ends its date; a name's second paragraph ends it where only together
    they end as names do (`…处置体系` / `覆盖行政村比例`, `…运行维护` / `长效机制` before a value
    in words); a date is never a name's first part."""
    lines = (BUILT_DIR / "t143_sichuan_libreoffice_txt_project.txt").read_text(
        encoding="utf-8-sig").split("\n")
    found = texts(lines)
    for name, value in [("转运站主体工程完工时间", "2025年10月底前"), ("垃圾清运及时率", "≥98%"),
                        ("农村生活垃圾收运处置体系覆盖行政村比例", "≥90%"),
                        ("收运设施运行维护长效机制", "建立并持续运行")]:
        assert found[found.index(name) + 1] == value


def test_ocr_lines_put_a_centred_label_between_a_names_two_lines():
    """Real RapidOCR lines of a printed 自评表 (built s60), in the engine's order: a level
    label centred on its row falls between the two lines of the row's name (`预警信息发布及` /
    `时效指标` / `时率`); the label goes first and the name is one. A whole name after a
    row's value in words and the next group's labels is that row's own (`建立并持续运行` /
    `满意度指标` / `城乡居民满意度`)."""
    lines = (BUILT_DIR / "s60_yunnan_rapidocr_lines_self_eval.txt").read_text(encoding="utf-8").split("\n")
    found = texts(lines)
    for name, value in [("预警信息发布及时率", "100%"), ("单套监测设备购置成本", "≤1.8万元"),
                        ("群测群防体系运行", "长期有效")]:  # (a tail of one character, over a page break)
        assert found[found.index(name) + 1] == value
        assert found[found.index(name) - 1].endswith("指标")
    kept = texts(["三级指标", "指标值", "收运设施运行维护长效机制", "建立并持续运行", "满意度指标",
                  "服务对象满意度指标", "城乡居民满意度", "≥90%"])
    assert "城乡居民满意度" in kept and "建立并持续运行" in kept


def test_a_code_wrapped_in_its_centred_cell_frames_its_label_line():
    """Real `pdftotext -layout` of a Calc-exported form (built t145): the 19-digit 项目编码,
    wrapped in its narrow cell and centred on its field's line, prints its first 18 digits
    on the line above the label and the last under it; the three lines are one row, the
    code one cell beside its label."""
    lines = (BUILT_DIR / "t145_guangdong_pdftotext_layout_weights_project.txt").read_text(
        encoding="utf-8").split("\n")[:11]
    found = texts(lines)
    assert found[found.index("项目编码") + 1].replace(" ", "") == "4418232500000000917"
    form = extract_bytes("\n".join(lines).encode("utf-8"), "c.txt", "c", "c.txt").forms[0]
    assert form.project_code == "4418232500000000917"


def test_single_space_self_evaluation_rows_with_names_and_reasons_wrapped():
    """A PDF reader's copy of a department 自评表 (built s64), a row a line with single
    spaces: the header's `偏差原因分析及` / `改进措施` is one heading; a reason wrapped over
    three lines keeps the table one region; a line holding the name's tail and the reason's
    tail (`院费用基金支付比例 水平略低于目标；…`) ends both; `指标` alone under a row ends
    its level label (`服务对象满意度`), not the name that would read as a level with it."""
    lines = (BUILT_DIR / "s64_shanxi_space_rows_department_self_eval.txt").read_text(
        encoding="utf-8").split("\n")
    assert families(lines[18:42]) == ["space_rows"]
    found = texts(lines[18:42])
    assert "偏差原因分析及改进措施" in found and "改进措施" not in found
    assert "城乡居民医保政策范围内住院费用基金支付比例" in found
    assert "受异地就医和目录外用药费用增加影响，实际报销水平略低于目标；下一步加强定点医疗机构目录外" \
           "费用管控，规范诊疗行为。" in found
    assert "服务对象满意度指标" in found and "参保群众满意度" in found
    assert found[found.index("参保群众满意度") + 4] == "5"


def test_a_glued_table_goes_on_after_its_header_printed_again():
    """A doc site's preview (built t152): `第 1 页 共 2 页`, then the table's header again
    (without the side column the first printed), then a row with no labels: the header is
    the page's, left out, and the row keeps the level-1 and level-2 above."""
    lines = (BUILT_DIR / "t152_ningxia_run_together_weights_annotated.txt").read_text(
        encoding="utf-8").split("\n")
    form = extract_bytes("\n".join(lines).encode("utf-8"), "p.txt", "p", "p.txt").forms[0]
    row = next(i for i in form.indicators if i.name == "农村集中供水工程水质达标率")
    assert (row.level1, row.level2, row.target.op, str(row.target.value)) == (
        "产出指标", "质量指标", ">=", "92")


def test_a_deadline_its_narrow_column_wrapped_is_one_value_in_laid_out_rows():
    """Real `pdftotext -layout` of a Word department form (built t150): `2025 年 11 月` on
    the row's line and `底前` centred under it are one value, no row of their own."""
    lines = (BUILT_DIR / "t150_hainan_pdftotext_layout_department.txt").read_text(
        encoding="utf-8").split("\n")[38:79]
    found = [text.replace(" ", "") for text in texts(lines)]
    assert found[found.index("无障碍改造完成时间") + 1] == "2025年11月底前"
    assert "底前" not in found


def test_a_wrapped_side_label_and_two_periods_deadlines_in_laid_out_rows():
    """Real `pdftotext -layout` of a Calc-exported form with 中期/年度 columns (built t154):
    the table's side label its narrow column wrapped (`绩效指` alone at the margin, `标` a
    row below) is no cell; a name and the two periods' deadlines a single space apart
    (`年度建设任务完成时间 2027年11月底前 2025年11月底前`) are three cells."""
    lines = (BUILT_DIR / "t154_jiangsu_pdftotext_layout_two_periods.txt").read_text(
        encoding="utf-8").split("\n")[39:80]
    found = texts(lines)
    assert not any(text.startswith("绩效指") for text in found) and "标位成本" not in found
    named = found.index("年度建设任务完成时间")
    assert found[named + 1: named + 3] == ["2027年11月底前", "2025年11月底前"]
    assert "供水主管网更新改造单位成本" in found


def test_the_money_units_note_between_a_label_and_its_value_goes_before_the_label():
    """Plain pdftotext of a Word form (t159): the note at the table's top right comes out on
    the first field's line, between `项目名称` and the project's name."""
    lines = ["项目支出绩效目标表", "", "项目名称", "", "金额单位：万元", "", "甲县2025年供水保障项目", "",
             "主管部门", "", "甲县水利局", "", "实施单位", "", "甲县供水站", ""]
    found = texts(lines)
    label = found.index("项目名称")
    assert found.index("金额单位：万元") < label and found[label + 1] == "甲县2025年供水保障项目"


def built(stem: str) -> list[str]:
    path = next(BUILT_DIR.glob(f"{stem}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")


def test_a_browsers_text_keeps_a_cells_paragraphs_and_broken_name_in_their_row():
    """A browser's `innerText` of a web table (built t168): the cells a merged one covers
    leave no tab, a name broken by `<br>` goes on at the next line's first cell, and a
    label cell made of two `<p>`s prints its paragraphs between blank lines inside its row
    (`满意度指标⇥` / `` / `服务对象` / `` / `满意度指标` / `` / `⇥群众对…满意度⇥≥90%⇥≥90%`)."""
    lines = built("t168")
    grid = read_text(lines[56:66])
    assert [block.reader for block in grid.blocks if isinstance(block, TableBlock)] == ["tab_rows"]
    rows: dict[int, list[str]] = {}
    for item in grid.tables()[0].cells:
        if item.text:
            rows.setdefault(item.row, []).append(item.text)
    assert list(rows.values()) == [
        ["可持续影响指标", "非物质文化遗产代表性项目传承保护", "持续加强", "持续加强"],
        ["满意度指标", "服务对象满意度指标", "群众对公共文化服务满意度", "≥90%", "≥90%"],
        ["游客满意度", "≥92%", "≥90%"],
    ]


def test_a_row_a_browser_opened_with_its_labels_ends_with_its_value():
    """`效益指标⇥社会效益指标⇥农村公路通行条件⇥明显改善` / `农村公路交通安全事故起数⇥较上年减少`:
    a row that ends with its value is carried on by no line (built t146)."""
    lines = built("t146")
    start = next(k for k, line in enumerate(lines) if line.startswith("效益指标\t社会效益指标"))
    cells = [item.text for item in read_text(lines[start:start + 2]).tables()[0].cells]
    assert cells[3:] == ["明显改善", "农村公路交通安全事故起数", "较上年减少"]


def test_a_remark_a_browser_broke_over_two_lines_stays_in_its_row():
    """A 自评表 page's `innerText` (built s122): a remark's `<br>` (`原因：…；` / `措施：…。`)
    puts the sentence's rest on a line with no tab; it carries on the row's last cell, and
    the table goes on under it (it was cut in two, its second part headerless)."""
    lines = built("s122")
    start = next(k for k, line in enumerate(lines) if line.startswith("新建村级互助养老服务站\t"))
    grid = read_text(lines[start - 3:start + 3])
    assert [type(block).__name__ for block in grid.blocks] == ["TableBlock"]
    remark = next(item for item in grid.tables()[0].cells if item.text.startswith("原因："))
    assert remark.text == "原因：1个站点因选址调整未按期建成；措施：加强前期选址论证，2025年一季度完成建设。"
    assert remark.raw.count("\n") == 1 and remark.last_line == remark.line + 1
    rows = {item.row for item in grid.tables()[0].cells}
    assert len(rows) == 5  # the header's second line, four rows: the remark's rest is no row


# pypdf's text of a Writer form (built t245): no layout, each line a cell wrapped to in its
# narrow column, alone or a space apart from the row's other cells
PDF_TEXT_FLOW = ["一级指标 二级指标 三级指标 指标值 指标值说明",
                 "产出指标",
                 "数量指标",
                 "村级综合文化服",
                 "务中心设备配置",
                 "数量",
                 "≥42 个 覆盖全县所有行政村",
                 "送戏下乡及群众",
                 "文化活动场次 ≥180 场次",
                 "配置设备验收合",
                 "格率100%",
                 "时效指标 设备采购及安装 调试完成时间 2024 年10 月31 日前"]


def test_lines_that_fill_a_narrow_column_go_on_into_the_next_word():
    """Lines of one word that fill their column (seven characters, three lines at least share
    the length) are a cell's first lines: the next word carries the cell on, on the next
    line or a space apart on the same; a name's rest and the value that closing Word's
    CJK/figure gap ran into it (`格率100%`) part again."""
    texts = [item.text for item in read_text(PDF_TEXT_FLOW).tables()[0].cells]
    assert "村级综合文化服务中心设备配置数量" in texts
    assert "送戏下乡及群众文化活动场次" in texts
    assert texts[texts.index("配置设备验收合格率") + 1] == "100%"
    assert "设备采购及安装调试完成时间" in texts
    # a file whose one-word lines share no width keeps each line a cell
    assert "村级综合文化服务中心设备配置数量" not in [
        item.text for item in read_text(PDF_TEXT_FLOW[:6] + ["≥42 个"]).tables()[0].cells]


def test_a_name_a_browser_broke_alone_on_its_line_goes_on_into_the_next_row_line():
    """`开展种植技术培训` / `（含田间课堂）⇥≥30期⇥计划标准` (built t253): a name's `<br>` leaves its
    first part alone on a line; the next line's first cell carries it on, and the row's value
    follows. A lone line of a field's label opens its own row."""
    lines = built("t253")
    start = next(k for k, line in enumerate(lines) if line == "开展种植技术培训")
    cells = [item.text for item in read_text(lines[start - 1:start + 3]).tables()[0].cells]
    assert cells[cells.index("开展种植技术培训（含田间课堂）") + 1] == "≥30期"
    grid = read_text(["产出指标\t数量指标\t新建果园面积\t≥1200亩", "项目名称", "（含附属工程）\t≥30期"])
    texts = [item.text for table in grid.tables() for item in table.cells]
    assert not any(text.startswith("项目名称") and "附属" in text for text in texts)


def test_a_notices_sentence_that_opens_what_follows_stays_prose():
    """`根据《…的通知》要求，现将我局…绩效目标公开如下：` above a form's heading: a clause and a
    colon, a sentence of the page, not a run of glued cells; the heading under it opens the
    page's only form, and the links to the next and the previous article open none."""
    lines = built("t168")
    sentence = next(k for k, line in enumerate(lines) if line.endswith("公开如下："))
    grid = read_text(lines[sentence:sentence + 4])
    assert isinstance(grid.blocks[0], ProseBlock) and grid.blocks[0].text == lines[sentence]
    document = extract_bytes("\n".join(lines).encode(), "t168.txt", "t168", "t168.txt")
    assert [form.kind for form in document.forms] == ["department"]
    assert len(document.forms[0].indicators) == 24
    # `部门预算` / `（万元）` (paragraphs) / `⇥中期资金总额` / `（2025—2027年）⇥4962.50⇥年度资金总额…`:
    # a row whose second cell a `<br>` broke, its note in brackets on the next line
    funding = document.forms[0].funding
    assert (str(funding.total), str(funding.annual)) == ("4962.50", "1638.72")


def test_a_word_processors_text_keeps_its_empty_cells():
    """LibreOffice's `Text` export of a Word table (built s73) prints each cell as a line and
    an empty cell as an empty line, so a row under merged labels opens with empty lines;
    they stay empty cells (the first rows of the group keep their own cells: the last
    empty one of each row is no reason to join the next row's name to anything)."""
    lines = built("s73")
    start = lines.index("资助资金发放时间") + 1
    table = next(block for block in read_text(lines).tables()
                 if any(item.line == start for item in block.cells))
    first = lines.index("学前教育幼儿资助人数") + 1
    cells = [item.text for item in table.cells if first <= item.line < start]
    assert cells[:7] == ["学前教育幼儿资助人数", "≥2100人", "2136人", "6", "6", "", ""]
    assert [item.text for item in table.cells if item.line in (start - 2, start - 1)] == ["", "时效指标"]


def test_an_ocr_engines_boxes_keep_a_heading_wrapped_after_its_neighbours():
    """`一级指` / `二级指标` / `三级指标` / `指标值` / `标` (built t163, RapidOCR's boxes of a form
    with vertically centred cells): the document reads as boxes though few of its lines are
    whole labels (the rest are figures, worded values and the `标` ends of wrapped labels),
    and the heading's tail joins it."""
    lines = built("t163")
    assert "blank_cells" in families(lines)
    cells = texts(lines)
    first = cells.index("一级指标")
    assert cells[first:first + 4] == ["一级指标", "二级指标", "三级指标", "指标值"]


def test_an_ocr_engines_pipes_read_from_a_scans_rules_are_spaces():
    """tesseract's text of a scanned form laid out by runs of spaces reads the table's rules
    as `|` here and there (built t164): no pipe table, the cells on both sides of a pipe
    are cells of the laid-out table."""
    lines = built("t164")
    grid = read_text(lines)
    assert not {"pipe_rows", "pipe_cells", "pipe_lines"} & {block.reader for block in grid.tables()}
    assert "时效指标" in texts(lines) and not any("|" in text for text in texts(lines))
    # single characters strewn over a line (a rule's crossings read as `民`, `上`) make no row
    document = extract_bytes("\n".join(lines).encode(), "t164.txt", "t164", "t164.txt")
    specks = [k + 1 for k, line in enumerate(lines) if line.split() and all(
        len(word.strip("|")) <= 1 for word in line.split())]  # (`人   |`, `民   上  -|`, …)
    read = [row.line for form in document.forms for row in form.indicators]
    assert len(specks) >= 4 and len(read) >= 13 and not set(specks) & set(read)


def test_a_pdfs_text_prints_a_wrapped_names_first_line_above_its_row():
    """pypdfium2's text of a Word form (built t167): `65 岁及以上老年人健康` alone, then
    `管理人数 ≥2.35 万人 计划标准`, the row's other cells level with the name's second line;
    one name, at the head of its row."""
    lines = built("t167")
    start = next(k for k, line in enumerate(lines) if line.startswith("65 岁及以上"))
    cells = [item.text for block in read_text(lines).tables() for item in block.cells
             if start <= item.line <= start + 3]
    assert cells == ["数量指标", "65岁及以上老年人健康管理人数", "≥2.35万人", "计划标准",
                     "高血压患者规范管理人数", "≥1.86万人", "计划标准"]


def test_a_browsers_text_keeps_a_remarks_paragraphs_in_their_row():
    """`筛查信息按时上报率⇥100%⇥` / `` / `通过妇幼重大公共卫生` / `` / `服务项目信息系统上报` / … /
    `时效指标⇥年度筛查任务完成时间⇥…` (built t169): a remark of two `<p>`s closes its row, and
    the next tab row opens the next one."""
    lines = built("t169")
    start = next(k for k, line in enumerate(lines) if line.startswith("筛查信息按时上报率"))
    rows: dict[int, list[str]] = {}
    for item in read_text(lines[start:start + 8]).tables()[0].cells:
        rows.setdefault(item.row, []).append(item.text)
    assert list(rows.values()) == [
        ["筛查信息按时上报率", "100%", "通过妇幼重大公共卫生服务项目信息系统上报"],
        ["时效指标", "年度筛查任务完成时间", "2025年11月30日前", ""],
    ]


@pytest.mark.parametrize(("line", "expected"), [
    # a name's CJK meets a whole value: the cell border that looks like the gap stays
    ("质量指标 维修养护工程验收合格率 100%", "质量指标 维修养护工程验收合格率 100%"),
    ("助标准 94 元/人 国家标准", "助标准 94元/人 国家标准"),
    ("时效指标 补助资金拨付时间 2025 年 12 月", "时效指标 补助资金拨付时间 2025年12月"),
    # the gap a word processor sets, inside a name, a value or a sentence: closed
    ("项目名称 郯溪县 2025 年基本公共卫生服务项目", "项目名称 郯溪县2025年基本公共卫生服务项目"),
    ("不少于 60 场次", "不少于60场次"),
    ("较上年提高 2 个百", "较上年提高2个百"),
    ("对宣传教育活动满意度达到 90%以上。", "对宣传教育活动满意度达到90%以上。"),
])
def test_the_gap_between_cjk_and_figures_closes_but_before_a_whole_value(line, expected):
    autospaced = ["澄岭县 2024 年 12 月 ≥1200 人 3 座 5 处 6 项 7 个 8 次 9 份 10 户"] * 2
    assert _without_autospace([*autospaced, line])[-1] == expected


def test_a_pdfs_text_prints_a_names_last_character_alone_before_its_value():
    """`维修养护农村集中供水工` / `程` / `≥126 处` (built t167): the lone character ends the
    name above it, which the next line's value follows."""
    lines = built("t167")
    start = lines.index("维修养护农村集中供水工")
    cells = [item.text for block in read_text(lines).tables() for item in block.cells
             if start + 1 <= item.line <= start + 3]
    assert cells == ["维修养护农村集中供水工程", "≥126处"]


def test_a_markdown_heading_is_read_without_its_marks():
    """`# **2025** 年部门整体支出绩效目标表` over a converter's pipe tables (built t219,
    pymupdf4llm): the heading is its text, the form's year in it."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["# **2025** 年部门整体支出绩效目标表", "",
                      "|一级指标|二级指标|三级指标|指标值|", "|---|---|---|---|",
                      "|产出指标|数量指标|完成营造林面积|≥3.2万亩|"])
    (form,) = extract_bytes(text.encode("utf-8"), "t.md", "t", "t.md").forms
    assert (form.kind, form.fiscal_year) == ("department", 2025)


def test_a_level_label_alone_on_the_line_between_two_rows_parts_their_band():
    """`社会效益指标`, centred on its group of two rows, stands alone on the line between them
    where no blank line does (pdftotext -layout of a Calc 自评表, built s106): the rows
    above and below it are two, their explanations and values apart."""
    lines = (BUILT_DIR / "s106_guangdong_calc_pdftotext_layout_department_self_eval_explanations.txt"
             ).read_text(encoding="utf-8").split("\n")
    rows = [[text.replace(" ", "").replace("\n", "") for text in row] for row in _rows(lines)]
    assert ["社会效益指标", "重大食品安全事故发生次数", "反映辖区内发生重大及以上食品安全事故的次数",
            "0次", "0次", "8", "8"] in rows
    assert ["效益指标", "特种设备万台死亡率", "反映每万台特种设备发生事故造成死亡的人数",
            "≤0.08", "0", "8", "8"] in rows


def test_the_sign_off_line_under_a_banded_table_ends_it():
    """`单位负责人：…  填报人：…  填报日期：…` under the total, one blank line below it (a
    blank line inside a band where the page leaves two between rows): no cell of the
    total's row (built s106)."""
    lines = (BUILT_DIR / "s106_guangdong_calc_pdftotext_layout_department_self_eval_explanations.txt"
             ).read_text(encoding="utf-8").split("\n")
    rows = _rows(lines)
    assert ["总分", "100", "99.45"] in rows
    assert ["单位负责人：黄少军", "填报人：陈志华", "填报日期：2025年4月10日"] in rows


def test_a_fields_label_one_space_before_its_value_under_a_cell_opens_a_row():
    """`项目名称 岑江县2025年…` under `填报单位（盖章）：岑江县教育局` where it starts (a
    Chromium PDF through pdftotext -layout sets cells one space apart, built t241): a row of
    its own, its label and value two cells, not the cell above wrapped."""
    lines = (BUILT_DIR / "t241_guizhou_chromium_pdftotext_layout_single_space_project.txt"
             ).read_text(encoding="utf-8").split("\n")
    rows = _rows(lines[:10])
    assert rows[0] == ["填报单位（盖章）：岑江县教育局", "单位：万元"]
    assert rows[1] == ["项目名称", "岑江县2025年农村义务教育学生营养改善计划地方配套项目"]


@pytest.mark.parametrize(("line", "header"), [
    ("   村    二级指标    三级指标    年度指标值  实际完成值  分值  得分    ee", True),  # a stain: `ee`
    ("   一级指标   二级指标   三级指标   指标值   Te", True),
    ("   一级指标   二级指标   三级指标   指标值   备注说明文字", False),  # a Chinese cell names no column
])
def test_an_engines_letters_beside_the_headings_leave_the_header_a_header(line, header):
    assert _column_header(line) is header


# tesseract's TSV of a form whose cells are centred (built t311), laid out: each row a line
# with its value, the shorter names standing further right under the longer ones
PACKED_CENTRED = [
    "         一级指标  二级指标        三级指标              指标值",
    "                              森林防火检查站运行数量     ≥18个",
    "                   数量指标",
    "                               专职扑火队员培训演练     1200人次",
    "                                 火情早期处置率           100%",
    "                    质量指标",
    "         产出指标               防火设施设备完好率        ≥95%",
    "                                  火情报告时限           ≤30分钟"]


def test_names_centred_on_lines_that_each_hold_a_value_are_rows_of_their_own():
    """A shorter name centred under a longer one is no wrapped tail where both lines hold a
    value: two rows, packed a line each."""
    assert not space_bands.looks_centred(PACKED_CENTRED)
    assert _rows(PACKED_CENTRED)[1:] == [
        ["森林防火检查站运行数量", "≥18个"], ["数量指标"], ["专职扑火队员培训演练", "1200人次"],
        ["火情早期处置率", "100%"], ["质量指标"], ["产出指标", "防火设施设备完好率", "≥95%"],
        ["火情报告时限", "≤30分钟"]]


@pytest.mark.parametrize(("line", "closes"), [
    ("", True),
    ("单位负责人：黄志远         财务负责人：程敏         填报人：汪春华", True),
    ("                         送戏下乡完成时间                       项目实施计划", False),
])
def test_a_form_label_closes_a_laid_out_table_only_where_it_opens_the_line(line, closes):
    """`项目实施计划` under 指标值设定依据 is a row's basis (built t344), not the field after
    the table."""
    assert space_bands._closes_table(line) is closes


def _built_lines(name: str, first: int, last: int) -> list[str]:
    lines = (BUILT_DIR / name).read_text(encoding="utf-8").split("\n")
    return lines[first - 1:last]


def test_a_centred_row_with_names_around_its_value_keeps_its_name_though_its_neighbours_fill_their_column():
    """pdftotext -layout of a Word table, cells centred, no blank lines (built t344): a
    one-line row (`公益性文化培训班`) over a row whose name wraps around its value's line
    (`村（社区）综合文` / `286 个` / `化服务中心达标数`): each line of the name fills the
    column, yet it is the lower row's, not the tails of the names around it."""
    rows = _rows(_built_lines("t344_hubei_yuan_money_pdf.txt", 24, 37))
    assert ["公益性文化培训班", "不少于 40 期", "2024 年举办 36 期"] in rows
    assert ["村（社区）综合文化服务中心达标数", "286 个", "全县行政村（社区）数"] in rows


@pytest.mark.parametrize(("text", "cells"), [
    ("社会效益指 受益农村义务教", ["社会效益指", "受益农村义务教"]),  # a label cut short, a name
    ("≥2.36 万平方米 依据年度实施计划", ["≥2.36 万平方米", "依据年度实施计划"]),
    ("≥95% 以上", ["≥95% 以上"]),
    ("≥2.36 万平方米", ["≥2.36 万平方米"]),
])
def test_a_narrow_gutters_single_space_parts_a_cut_label_and_a_value_from_their_neighbours(text, cells):
    assert _label_and_value(text) == cells


def test_top_aligned_rows_carry_their_wrapped_lines_into_their_cells():
    """pdftotext -layout of Word's top-aligned cells (built t346): each row opens on the line
    of its value, its name, basis and level label wrapping onto the lines under it (`社会效益指`
    / `标`, a name one space from the label), and a sign-off line a column left of the table
    must not unset its columns."""
    text = (BUILT_DIR / "t346_jiangxi_top_aligned_cells.txt").read_text(encoding="utf-8")
    form = extract_bytes(text.encode(), "t346.txt", "t346", "t346.txt").forms[0]
    rows = [(row.level2, row.name, row.target.raw) for row in form.indicators]
    assert ("数量指标", "维修改造农村义务教育学校校舍数量", "≥14所") in rows
    assert ("数量指标", "校舍维修改造面积", "≥2.36万平方米") in rows
    assert ("社会效益指标", "受益农村义务教育阶段在校学生人数", "≥9200人") in rows
    assert len(rows) == 15
