"""Classification, table-driven: a cell's printed text and the readings it must get."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.classify import (
    classify,
    cut_glued,
    cut_glued_rows,
    cut_kind_word,
    join_comparator,
    join_label_spaces,
    misread_heading_role,
    qualitative_ending,
    spaces_inside_labels,
    value_then_remark,
    whole_heading_role,
)
from extract.vocab import vocabulary

# text, expected readings (only the keys listed are checked)
CELLS = [
    ("2024年12月20日", {"value_phrase": True}),  # a date or a qualitative value: never a name
    ("2024年12月31日前", {"value_phrase": True}),
    ("持续改善", {"value_phrase": True}),
    ("农村人居环境", {"value_phrase": False}),
    ("项目名称", {"field": "project_name", "column": "project"}),
    ("項(xiàng)目名稱", {"field": "project_name"}),  # traditional, pinyin glued on
    ("主管部门及代码", {"field": "department"}),
    ("产出指标", {"level1": "产出指标", "shape": "label"}),
    ("產(chǎn)出指標(biāo)", {"level1": "产出指标"}),
    ("产出指标（50分）", {"level1": "产出指标"}),
    ("数量指标 (必填硬性指标)", {"level2": "数量指标"}),
    ("经济效益 指标 (选填)", {"level2": "经济效益指标"}),
    ("产出数量指标", {"level1": "产出指标", "level2": "数量指标", "level_combined": True}),
    ("产出指标-成本指标", {"level1": "产出指标", "level2": "成本指标"}),  # both levels in one 分类 cell
    ("效果指标-服务对象满意度指标", {"level1": "效益指标", "level2": "服务对象满意度指标"}),
    ("项目完成指标", {"level1": "产出指标"}),
    ("三、产出目标", {"level1": "产出指标"}),  # numbered groups
    ("1.数量目标", {"level2": "数量指标"}),
    ("一、投入目标", {"level1": "投入目标"}),  # another framework's level-1, kept
    ("效果指标", {"level1": "效益指标"}),
    ("可持续性影响", {"level2": "可持续影响指标"}),
    ("服务对象满意度指怀", {"level2": "服务对象满意度指标"}),  # OCR damage: fuzzy match
    ("实施效果指标", {"umbrella": True}),
    ("一级指标", {"column": "level1"}),
    ("三级指标", {"column": "name"}),
    ("指标值(包含数字及文字描述)", {"column": "target"}),
    ("年度指标值", {"column": "target"}),
    ("指标值确", {"column": "basis"}),  # 指标值确定依据 wrapped by a narrow cell, not 指标值
    ("其他", {"basis_like": True}),  # the basis column's catch-all option
    ("全年实际值", {"column": "actual"}),
    ("得分", {"column": "score"}),
    ("分值", {"column": "weight"}),
    ("计算符号", {"column": "op"}),
    ("未完成原因及改进措施", {"column": "deviation"}),
    ("≧", {"op": ">=", "shape": "op"}),
    ("═", {"op": "=", "shape": "op"}),
    ("大于等于", {"op": ">="}),
    ("定性", {"qualitative_marker": True, "shape": "op"}),
    ("正向", {"direction": True, "shape": "direction"}),
    ("70.00", {"number": Decimal("70.00"), "shape": "number"}),
    ("≥90%", {"shape": "quant"}),
    ("元/人·月", {"unit": True, "shape": "unit"}),
    ("指标1", {"numbering": True, "shape": "numbering"}),
    ("1-1", {"numbering": True, "shape": "numbering"}),  # an old template's item number
    ("1-2次", {"shape": "quant"}),  # with a unit: a range
    ("达到目标值", {"lead_in": True}),
    ("—", {"shape": "empty"}),
    ("3581.*", {"masked": True}),
    ("年度资金总额:", {"money": "annual"}),
    ("中期资金总额：", {"money": "total"}),
    ("预算资金总额", {"money": "total"}),  # a department template's (gnumeric's .xls, built t318)
    ("其中:财政拨款", {"money": "source", "source": "财政拨款"}),
    ("全年执行数(B)", {"money": "executed"}),
    ("执行率(B/A)", {"money": "rate"}),
    ("项目资金年成本", {"money": None}),  # an indicator name, not a money label
    ("年度目标", {"goal": "annual"}),
    ("中期目标(2024年—2024年)", {"goal": "mid_term"}),
    ("资金支出计划(累计进度%)", {"plan": True}),
    ("2023年度项目支出绩效自评表", {"title": "project", "self_evaluation": True}),
    ("部门整体支出绩效目标表", {"title": "department"}),
    # built s106
    ("部门整体支出绩效目标自评表（2024年度）", {"title": "department", "self_evaluation": True}),
    ("2024年部门整体绩效目标", {"title": "department"}),
    ("部门整体绩效指标", {"title": None}),
    ("2022年省级第七批水利专项资金安排表", {"title": "foreign"}),
    ("1.全面覆盖,规范预算绩效目标编制。2022年所有部门均编报了绩效目标表", {"title": None}),
    ("扫一扫在手机上查看当前页面", {"boilerplate": True}),
    ("工作经验", {"basis_like": True}),
    ("按营养改善计划资金管理办法确定", {"basis_like": True}),  # a longer basis opens as one does
    ("建立健全长效管理制度运行机制", {"basis_like": False}),  # a name holding 制度
    ("附件2", {"shape": "empty"}),  # an attachment's mark between two forms, no indicator
    ("附件说明", {"shape": "short"}),
    ("— 1 —", {"shape": "empty"}),  # page numbers
    ("第 2 页 共 5 页", {"shape": "empty"}),
    ("展开阅读全文", {"boilerplate": True}),  # a document site's furniture
]


@pytest.mark.parametrize(("text", "expected"), CELLS, ids=[c[0] for c in CELLS])
def test_cell_readings(text, expected):
    tags = classify(text)
    assert {key: getattr(tags, key) for key in expected} == expected


def test_inline_pairs_keep_the_printed_values():
    assert classify("填报人:杨昀 联系电话:2824138").inline == (("filled_by", "杨昀"),
                                                            ("phone", "2824138"))
    assert classify("填报单位(盖章):南县疾病预防控制中心").inline == (("department",
                                                             "南县疾病预防控制中心"),)
    assert classify("按照要求填报单位(盖章):甲").inline == ()  # a sentence, not a pair
    # the money unit stated at the end of the line ends the value before it and is no pair
    assert classify("部门(单位)名称(盖章):岷泉县水务局      金额单位:万元").inline == (
        ("department", "岷泉县水务局"),)
    assert classify("单位:万元").inline == ()
    # a 政府购买服务 form's purchaser is its department
    assert classify("购买主体（盖章）：榕岗县司法局").inline == (("department", "榕岗县司法局"),)


GLUED = [
    ("项目名称百色天立学校办学补贴", ["项目名称", "百色天立学校办学补贴"]),
    ("项目主管部门百色市教育局项目实施单位百色市教育局",
     ["项目主管部门", "百色市教育局", "项目实施单位", "百色市教育局"]),
    ("产出指标产出数量指标新增学位", ["产出指标", "产出数量指标", "新增学位"]),
    # the 指标说明 glued between a name and its value is a cell of its own
    ("资金支出率达到目标值95%10", ["资金支出率", "达到目标值", "95%", "10"]),
    ("享受资助人数达到预计值210010", ["享受资助人数", "达到预计值", "210010"]),
    ("资助标准达标率100%20", ["资助标准达标率", "100%", "20"]),
    ("评价指标评价内容指标名称指标说明目标值分值备注",
     ["评价指标", "评价内容", "指标名称", "指标说明", "目标值", "分值", "备注"]),
    ("2019年度宁晋县高中助学金项目绩效评价指标表", ["2019年度宁晋县高中助学金项目绩效评价指标表"]),
    ("項(xiàng)目名稱二等乙級", ["項(xiàng)目名稱", "二等乙級"]),  # cut where the printed text is
    # pinyin glued after a piece's last character stays with it
    ("項(xiàng)目名稱二等乙級以上醫(yī)療費(fèi)", ["項(xiàng)目名稱", "二等乙級以上醫(yī)療費(fèi)"]),
    # a level's points stay with it; an item number opens a row, even inside a label
    ("产出指标(40分)数量指标指标1免费发放原原种8550万粒",
     ["产出指标(40分)", "数量指标", "指标1", "免费发放原原种", "8550万粒"]),
    ("生态效益指标1病害减少82%2%8", ["生态效益", "指标1", "病害减少", "82%", "2%", "8"]),
    ("指标12021年11月30日前完成资金支付", ["指标1", "2021年11月30日前完成资金支付"]),
    # a note in brackets is not cut at the labels inside it
    ("绩效指标(权重分值90分,其中产出指标权重分值50分,效益指标权重分值30分)",
     ["绩效指标", "(权重分值90分,其中产出指标权重分值50分,效益指标权重分值30分)"]),
    ("实施(主管)单位314002-成安县民政局机关", ["实施(主管)单位", "314002-成安县民政局机关"]),
    # a time closing a glued name: a year or a month, spans and deadline words only
    ("项目实施时间2021年1月-12月", ["项目实施时间", "2021年1月-12月"]),
    ("资金拨付12月底到位", ["资金拨付", "12月底到位"]),
    ("工作完成时间2023年12月31日前", ["工作完成时间", "2023年12月31日前"]),
    ("截至12月底的执行率", ["截至12月底的执行率"]),
    # a recurring time closing a glued name opens with its period
    ("定期抚恤补助资金发放时间每季度首月20日前", ["定期抚恤补助资金发放时间", "每季度首月20日前"]),
    ("资金拨付到户时限每月10日前", ["资金拨付到户时限", "每月10日前"]),
    # a level-1 of another framework (投入/管理目标) is cut like a canonical one
    ("投入目标预算完成率100%", ["投入目标", "预算完成率", "100%"]),
    # planned and achieved printed alike between the points and the score, kept as printed
    ("种薯亩均收入较鲜薯亩均收入8工5%工5%8", ["种薯亩均收入较鲜薯亩均收入", "8", "工5%", "工5%", "8"]),
    ("种薯采购价格不高于市场价8是是8", ["种薯采购价格不高于市场价", "8", "是", "是", "8"]),
    ("应急管理长效机制建设持续完善持续完善1010", ["应急管理长效机制建设", "持续完善", "持续完善", "1010"]),
    # a modifier symbol where a comparator stands (OCR) stays with its value
    ("一级种薯推广面积占总面积比例880%^80%8", ["一级种薯推广面积占总面积比例", "880%", "^80%", "8"]),
    # a comparator printed as a word opens the value
    ("培训人数不少于500人", ["培训人数", "不少于500人"]),
    # an achieved value (`已完成100%`) after the planned one: name, planned, achieved
    ("宣传次数至少全年完成2次宣传已完成100%", ["宣传次数", "至少全年完成2次宣传", "已完成100%"]),
    ("成本10万元已完成100%", ["成本", "10万元", "已完成100%"]),
    ("提升全县消费者维权意识不断提升已完成100%", ["提升全县消费者维权意识", "不断提升", "已完成100%"]),
    # a stray space after a comparator, before a unit that opens with a slash
    ("补助成本(≤**元/株)≤ 28.40/株", ["补助成本(≤**元/株)", "≤28.40/株"]),
    # a short label glued after a word's character ends the word (`用人单位`), and keeps no
    # short label after it; after a label it is one (`三级指标单位指标值`)
    ("用人单位满意度≥85%83.2%", ["用人单位满意度", "≥85%", "83.2%"]),
    ("参训人员满意度、用人单位满意度达到85%以上", ["参训人员满意度、用人单位满意度达到", "85%以上"]),
    ("三级指标单位指标值", ["三级指标", "单位", "指标值"]),
    # planned and achieved values in words, then the points and a reason
    ("培训长效机制逐步健全基本建立76部分机构师资不足，", ["培训长效机制", "逐步健全", "基本建立", "76",
                                                 "部分机构师资不足，"]),
    ("长效管护机制健全基本完成1010", ["长效管护机制", "健全", "基本完成", "1010"]),
    # one value in words, then the row's points; a deadline after a whole name, then points
    ("农村供水工程长效运行管护机制逐步健全6", ["农村供水工程长效运行管护机制", "逐步健全", "6"]),
    ("维修养护工程完工时间2025年10月31日前7", ["维修养护工程完工时间", "2025年10月31日前", "7"]),
    ("配备农村供水水质检测设备12台套6", ["配备农村供水水质检测设备", "12台套", "6"]),
    # `基本` is a degree word an achieved value opens with (`基本完善`)
    ("智慧监管机制逐步完善基本完善1210部分学校仍依赖人工转办，",
     ["智慧监管机制", "逐步完善", "基本完善", "1210", "部分学校仍依赖人工转办，"]),
]


def test_a_whole_indicator_table_glued_on_one_line_is_cut_into_its_rows():
    """A document site's one-line form: a value that opens with a comparator or closes with
    `%` ends its row where the next name begins (built t19); a name's own quantity does not."""
    line = ("一级指标二级指标三级指标指标值产出指标数量指标宫颈癌检查人数≥8500人乳腺癌检查人数≥8500人"
            "质量指标检查结果告知率100%阳性病例随访管理率≥95%")
    cells = [cell for cell, _ in cut_glued_rows(cut_glued(line))]
    assert cells[6:] == ["宫颈癌检查人数", "≥8500人", "乳腺癌检查人数", "≥8500人", "质量指标",
                         "检查结果告知率", "100%", "阳性病例随访管理率", "≥95%"]
    kept = [cell for cell, _ in cut_glued_rows(cut_glued("一级指标二级指标三级指标指标值产出指标数量指标"
                                                         "0-6岁残疾儿童康复救助人数≥300人"))]
    assert "0-6岁残疾儿童康复救助人数" in kept


@pytest.mark.parametrize(("line", "cells"), GLUED, ids=[g[0][:12] for g in GLUED])
def test_glued_cells_are_cut_by_the_vocabulary(line, cells):
    assert cut_glued(line) == cells


def test_long_cells_are_classified_without_caching():
    long = "说明" * 200
    assert classify(long).shape == "long"
    assert classify(long) == classify(long)


@pytest.mark.parametrize(("line", "rows"), [
    # after the header, a number run into the next row's name starts a row
    ("指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
     "森林火灾受害率%0.910010主要林业有害生物成灾率%0.4100.110公益林提供管",
     [["指标名称", "计量单位", "指标性质", "指标值", "指标权重(分)", "全年完成值", "指标得分(分)", "说明",
       "森林火灾受害率", "%", "0.910010"], ["主要林业有害生物成灾率", "%", "0.4100.110"], ["公益林提供管"]]),
    # a unit after the number (万粒) is no row boundary
    ("指标名称指标值分值得分免费发放原原种550万粒88",
     [["指标名称", "指标值", "分值", "得分", "免费发放原原种", "550万粒", "88"]]),
    # before any header nothing is cut at numbers
    ("项目名称甲项目2023年预计完成", [["项目名称", "甲项目2023年预计完成"]]),
])
def test_glued_rows_are_cut_after_the_header(line, rows):
    found: list[list[str]] = []
    for piece, starts_row in cut_glued_rows(cut_glued(line)):
        if starts_row or not found:
            found.append([])
        found[-1].append(piece)
    assert found == rows


@pytest.mark.parametrize(("line", "inside"), [
    ("产出指标数量 指标实施营造林总面积(亩)80000", True),
    ("可持续影响 指标提高森林生态系统服务功能", True),
    ("1、2019年预算项目绩效目标 1、邯财社2018126号提前下达预算指标绩效目标表", False),  # a heading
    ("出差人数 正向 = 8", False),
    ("产出指标数量指标", False),  # no space at all
])
def test_a_stray_space_inside_a_label(line, inside):
    assert spaces_inside_labels(line) is inside


def test_only_the_spaces_inside_labels_are_joined():
    assert join_label_spaces("效益 指标社会效益 指标奖励人群生活改善情况\u3000≥95%") == \
        "效益指标社会效益指标奖励人群生活改善情况\u3000≥95%"


@pytest.mark.parametrize(("line", "joined"), [
    ("医疗废物处置完成率 ≥ 95%", "医疗废物处置完成率 ≥95%"),
    ("门诊救助人次数 ＞ 10000人次", "门诊救助人次数 ＞10000人次"),
    ("出差人次 正向 = 24 人/次 4", "出差人次 正向 = 24 人/次 4"),  # comparator, number, unit in columns
])
def test_a_stray_space_after_a_comparator(line, joined):
    assert join_comparator(line) == joined


@pytest.mark.parametrize(("text", "level1", "level2", "column"), [
    # an OCR engine's damage to 指标: one character misread, or 标 split in two
    ("产出指杯", "产出指标", None, None),
    ("效益指木示", "效益指标", None, None),
    ("时效指柡", None, "时效指标", None),
    ("一级指杯", None, None, "level1"),
    ("年度指杯值", None, None, "target"),
    # its last character lost, or wrapped onto a line of its own and read apart
    ("效益指", "效益指标", None, None),
    ("服务对象满意度指", None, "服务对象满意度指标", None),
    ("满意度指", "满意度指标", "服务对象满意度指标", None),  # as `满意度指标` reads: both levels use it
    ("二级指", None, None, None),  # a heading cut so is no level (and no heading here)
    # one character of the name before an intact 指标, where one level only is that close
    ("质重指标", None, "质量指标", None),
    ("社会效溢指标", None, "社会效益指标", None),
    # real words next to 指标 are not damage: a name, not a level
    ("质量指数", None, None, None),
    ("满意度指数", None, None, None),
    ("指导标准", None, None, None),
])
def test_a_damaged_label_is_read_where_one_repair_names_it(text, level1, level2, column):
    tags = classify(text)
    assert (tags.level1, tags.level2, tags.column) == (level1, level2, column)


@pytest.mark.parametrize(("text", "level1", "level2", "column"), [
    # a budget system's codes before its level labels (built t258, s124)
    ("01 产出指标", "产出指标", None, None),
    ("0101 数量指标", None, "数量指标", None),
    ("0204可持续影响指标", None, "可持续影响指标", None),
    ("03 满意度指标", "满意度指标", "服务对象满意度指标", None),  # as `满意度指标` reads
    # a row's figures run into a label are no code (a zero leads a code)
    ("6 6 质量指标", None, None, None),
    # the code's own column is numbering, not a second name column
    ("三级指标编码", None, None, "numbering"),
    ("指标代码", None, None, "numbering"),
    ("三级指标", None, None, "name"),
])
def test_a_level_label_after_its_code_is_the_level(text, level1, level2, column):
    tags = classify(text)
    assert (tags.level1, tags.level2, tags.column) == (level1, level2, column)


def test_radical_lookalikes_must_be_pairs():
    """vocab.toml's look-alike table is checked when loaded: a radical, then its character."""
    from pydantic import ValidationError

    from extract.vocab import Characters

    assert Characters(radical_lookalikes="⻔门").radical_lookalikes == "⻔门"
    for bad in ("⻔", "门⻔", "⻔门⻅"):
        with pytest.raises(ValidationError):
            Characters(radical_lookalikes=bad)


@pytest.mark.parametrize(("glued", "value"), [
    ("茶园化学农药使用量逐年减少", "逐年减少"),  # the degree word goes with the value
    ("群众生活水平稳步提高", "稳步提高"),
    ("救助效果明显是", "是"),  # a one-character value takes no degree word
    ("资金使用合规", "合规"),
    ("明显改善", None),  # too little left for a name
    ("农户冬季取暖条件", None),
])
def test_a_closing_qualitative_value_takes_its_degree_word(glued, value):
    words = tuple(sorted(vocabulary().target.qualitative_values, key=len, reverse=True))
    assert qualitative_ending(glued, words, 4) == value


@pytest.mark.parametrize(("text", "role"), [
    ("三级指标", "name"),
    ("预计当4年实现", "target"),  # a character the OCR added, one it lost
    ("一级指标二级经济成", None),  # a heading and more: no prefix match here
    ("指标值确", None),
    ("目标名称", None),
])
def test_whole_heading_role_names_only_a_whole_heading(text: str, role: str | None):
    assert whole_heading_role(text) == role


@pytest.mark.parametrize(("text", "misread", "whole"), [
    ("年度指标什", "target", None),  # one character misread in place: a heading of one cell
    ("实际完成什", "actual", None),
    ("绩效指标差", "target", None),  # as one cell; as `绩效指标` + a grade `差` joined, no heading
    ("年度指标", None, None),  # a character lost is no misread
    ("年度总目标", None, None),
])
def test_a_short_heading_misread_in_place_names_its_column(text, misread, whole):
    assert misread_heading_role(text) == misread
    assert whole_heading_role(text) == whole


@pytest.mark.parametrize(("text", "cut"), [
    ("产出指标数量指标常规统计调查项目实施数≥46项按统计调查制度完成得满分",
     (["产出指标", "数量指标"], "常规统计调查项目实施数", "≥46项", "按统计调查制度完成得满分")),
    ("1%人口抽样调查样本住户数3600户完成全部样本住户登记得满分",  # a figure opening the name
     ([], "1%人口抽样调查样本住户数", "3600户", "完成全部样本住户登记得满分")),
    ("时效指标1%人口抽样调查上报完成时间2025年12月底前按国家统一部署时间完成得满分",
     (["时效指标"], "1%人口抽样调查上报完成时间", "2025年12月底前", "按国家统一部署时间完成得满分")),
    ("联网直报数据按时上报率不低于95%按时上报率达到95%及以上得满分",  # a comparator word
     ([], "联网直报数据按时上报率", "不低于95%", "按时上报率达到95%及以上得满分")),
    ("统计服务党政决策水平稳步提升根据统计分析报告被采用情况综合评定",  # a qualitative value
     ([], "统计服务党政决策水平", "稳步提升", "根据统计分析报告被采用情况综合评定")),
    ("满意度指标服务对象满意度指标数据使用部门满意度≥90%通过问卷调查得满分",  # level words in the name
     (["满意度指标", "服务对象满意度指标"], "数据使用部门满意度", "≥90%", "通过问卷调查得满分")),
    ("数量指标新建3个村级服务站点建设完成", None),  # a short name: the figure is the name's own
    ("受益人口数≥4.8万人", None),  # no remark after the value
])
def test_a_value_between_a_name_and_its_remark_is_cut_out(text, cut):
    assert value_then_remark(text) == cut


@pytest.mark.parametrize(("line", "pieces"), [
    # a date's parts are one value, after a deadline glued to its name (cut from it since the
    # eleventh session: the planned deadline before the achieved date)
    ("补贴资金兑付时间2024年11月底前2024年11月25日66",
     ["补贴资金兑付时间", "2024年11月底前", "2024年11月25日", "66"]),
    # a self-evaluation's total and its figures after a row's reason
    ("下一步在重点嘎查增设配种服务点总分10098.76", ["下一步在重点嘎查增设配种服务点", "总分", "10098.76"]),
    # an amount with thousands separators before the next label
    ("资金总额1,286.40按支出性质分", ["资金总额", "1,286.40", "按支出性质分"]),
    ("改厕任务完成时间2024年10月底前2024年10月28日1010",  # built s51
     ["改厕任务完成时间", "2024年10月底前", "2024年10月28日", "1010"]),
    # before bare points the deadline stays with the name here (a kind word may sit between)
    ("项目建设完成时间定性2024年10月底前6", ["项目建设完成时间定性2024年10月底前", "6"]),
    # an achieved word, then the row's points and score (a bare figure)
    ("建设任务完成时间2023年12月底前已完成66", ["建设任务完成时间", "2023年12月底前", "已完成", "66"]),
    # a planned phrase printed again with its achieved figure, then the points and score
    ("主要农作物化肥使用量较上年减少较上年减少2.3%77",
     ["主要农作物化肥使用量", "较上年减少", "较上年减少2.3%", "77"]),
    ("统防统治面积≥15万亩次15.8万亩次77", ["统防统治面积", "≥15万亩次", "15.8万亩次", "77"]),
    # a unit counted again and again (`万册次`); a bound in words against the year before
    ("农家书屋图书借阅量≥1.2万册次", ["农家书屋图书借阅量", "≥1.2万册次"]),
    ("镇域森林覆盖率不低于上年", ["镇域森林覆盖率", "不低于上年"]),
    ("种薯采购价格不高于市场价", ["种薯采购价格不高于市场价"]),  # a name comparing with a price
    # a level's note stays with its label; a field's unit note does not
    ("质量指标(必填)广播电视户户通", ["质量指标(必填)", "广播电视户户通"]),
    ("项目资金(万元)年度资金总额", ["项目资金", "(万元)", "年度资金总额"]),
    # a short contact label before a person's name and the next label is cut (built s54)
    ("部门名称甲县市场监督管理局联系人张三联系电话0573-8516420",
     ["部门名称", "甲县市场监督管理局", "联系人", "张三", "联系电话", "0573-8516420"]),
    # a money row's figures with thousands separators, then text
    ("年度资金总额2,864.503,126.803,018.451096.53%9.65其中：财政拨款",
     ["年度资金总额", "2,864.503,126.803,018.451096.53%9.65", "其中：", "财政拨款"]),
])
def test_glued_dates_totals_and_amounts_are_cut_whole(line, pieces):
    assert cut_glued(line) == pieces


REASON = "个别跨区域投诉需外地协查，超期办结2件；下一步完善协查机制。"


@pytest.mark.parametrize(("pieces", "rows"), [
    # a quantity, then a weight and a score of one digit each, then the next row's name
    (["良种冻精推广支数≥36000支37250支66肉牛冷配改良头数"],
     [["良种冻精推广支数", "≥36000支", "37250支", "66"], ["肉牛冷配改良头数"]]),
    # a date's month is no weight and score (`2022年11月底前`)
    (["年度检查任务完成时间2022年11月底前"], [["年度检查任务完成时间", "2022年11月底前"]]),
    # the next name may open with a quote; `批次` is a unit, not the next name (built s54)
    (["食品安全监督抽检批次≥1800批次1862批次66“双随机、一公开”抽查市场主体户数", "≥600户"],
     [["食品安全监督抽检批次", "≥1800批次", "1862批次", "66"],
      ["“双随机、一公开”抽查市场主体户数", "≥600户"]]),
    # a reason after the points opens no row; the name after its full stop, before its
    # row's values, does (built s54)
    (["消费投诉举报按时办结率", "100%", "99.6%", f"65.98{REASON}特种设备定期检验率", "≥99%", "99.4%",
      "66"],
     [["消费投诉举报按时办结率", "100%", "99.6%", "65.98", REASON],
      ["特种设备定期检验率", "≥99%", "99.4%", "66"]]),
])
def test_rows_glued_on_a_line_under_the_header_are_cut_at_their_points(pieces, rows):
    cut = cut_glued_rows(pieces, in_table=True)
    found: list[list[str]] = []
    for text, starts_row in cut:
        if starts_row or not found:
            found.append([])
        found[-1].append(text)
    assert found == rows


@pytest.mark.parametrize(("piece", "cut"), [
    ("项目建设完成时间定性2024年10月底前6", ["项目建设完成时间", "定性", "2024年10月底前6"]),
    ("农村居民寄递服务便利程度定性明显提升8", ["农村居民寄递服务便利程度", "定性", "明显提升8"]),
    ("受益人数定量≥500人", ["受益人数", "定量", "≥500人"]),
    ("设备运行稳定性≥95%", ["设备运行稳定性≥95%"]),  # 定性 inside a word of the name
    ("定性指标完成情况良好", ["定性指标完成情况良好"]),  # no name before it
])
def test_a_kind_word_glued_between_a_name_and_its_value_is_a_cell(piece, cut):
    assert cut_kind_word(piece) == cut


@pytest.mark.parametrize("piece", ["不超过15万元/公里", "不低于38公里", "不高于12%"])
def test_a_comparator_in_words_and_its_value_are_one_cell_in_glued_rows(piece):
    """Under a glued header, a row's `不超过15万元/公里` is one value, not `不超过` and a value."""
    assert [cell for cell, _ in cut_glued_rows([piece], in_table=True)] == [piece]
