"""Form splitting on made-up texts, and a fuzzer: no input crashes the pipeline."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.pipeline import extract_bytes

FORM = ["{title}", "项目名称\t{name}\t项目编码\t{code}", "资金总额\t合计\t{total}",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t受益人数\t≥300人",
        "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%", ""]


def document(lines: list[str]):
    return extract_bytes("\n".join(lines).encode("utf-8"), "t.txt", "t", "t.txt")


def form(title: str, name: str, code: str, total: str = "10") -> list[str]:
    return [line.format(title=title, name=name, code=code, total=total) for line in FORM]


def test_forms_with_and_without_headings():
    lines = (form("甲项目绩效目标表", "甲", "A1") + form("", "乙", "A2")
             + form("丙项目支出绩效目标表", "丙", "A3"))
    forms = document(lines).forms
    assert [f.project_name for f in forms] == ["甲", "乙", "丙"]
    assert [f.title for f in forms] == ["甲项目绩效目标表", None, "丙项目支出绩效目标表"]
    assert all(len(f.indicators) == 2 for f in forms)
    assert [f.form_id for f in forms] == ["t#1", "t#2", "t#3"]


def test_traditional_labels_and_yuan_amounts():
    lines = ["項目名稱\t乙\t項目編碼\tB1", "資金總額\t合计\t150000元",
             "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t受益人数\t≥300人"]
    form_ = document(lines).forms[0]
    assert (form_.project_name, form_.project_code) == ("乙", "B1")
    assert form_.funding.total == Decimal("15")
    assert form_.indicators[0].name == "受益人数"


def test_self_evaluation_form_keeps_actuals_apart():
    lines = ["2023年度项目支出绩效自评表", "项目名称\t丙",
             "一级指标\t二级指标\t三级指标\t分值\t年度指标值\t全年实际值\t得分\t偏差原因分析及改进措施",
             "产出指标\t数量指标\t受益人数\t10\t≥300人\t280人\t8\t部分对象未申报"]
    form_ = document(lines).forms[0]
    row = form_.indicators[0]
    assert form_.form_type == "self_evaluation"
    assert (row.target.op, row.target.value, row.target.unit) == (">=", Decimal("300"), "人")
    assert row.actual.raw == "280人" and row.weight == Decimal("10") and row.score == Decimal("8")
    assert row.deviation == "部分对象未申报"
    assert any(w.code == "self_evaluation_form" for w in form_.warnings)


def test_no_forms_is_a_warning_not_an_error():
    result = document(["这是一段说明文字。", "没有表格。"])
    assert result.forms == [] and result.warnings[0].code == "no_forms"


LINE = st.lists(st.sampled_from(["项目名称", "合计", "一级指标", "二级指标", "产出指标", "数量指标",
                                 "≥90%", "100", "", "\t", "绩效目标表", "目标1：x", "\"", "项目编码",
                                 "12.5万元", "满意度指标", "<u>x</u>", "|", "年度指标值", "得分",
                                 "资金支出计划", "3月底", "自评表", " | ", "全年执行数"]),
                max_size=8).map("\t".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=40).filter(lambda lines: "".join(lines).strip()))
# a project column's cell below the row it names (found by this test): the lines run from the row
@example(["二级指标\t项目名称\t年度指标值\t产出指标", "一级指标\t一级指标"])
def test_fuzz_never_crashes(lines):
    result = document(lines)
    for form_ in result.forms:
        assert form_.lines[0] <= form_.lines[1]
        assert all(1 <= i.line <= max(len(lines), 1) for i in form_.indicators)


def test_a_page_title_over_date_and_share_buttons_gives_way_to_the_form_heading():
    """A web page repeats the form's title above its date and buttons: the form starts at its
    own heading, and the page's chrome is no body."""
    lines = ["2023年度预算项目绩效目标公开表(甲项目) -站点", "", "2023-07-18 09:54 来源:乙局", "分享",
             "【字体: 打印", "乙局2023年纳入预算绩效管理的项目1个,项目名称为甲项目,项目绩效目标详见附件。",
             *form("2023年度预算项目绩效目标公开表", "甲项目", "A1")]
    forms = document(lines).forms
    assert [(f.title, f.project_name) for f in forms] == [("2023年度预算项目绩效目标公开表", "甲项目")]


def test_a_page_title_over_font_size_buttons_gives_way_to_the_form_heading():
    """`【字体：大 | 中 | 小】`: `中` names a grade column only in a header; it makes no body
    for the page's title above it (built t09)."""
    lines = ["甲局2025年部门整体支出绩效目标", "发布时间：2025-02-14 16:05 来源：甲局 浏览次数：",
             "【字体：大 中 小】", *form("部门整体支出绩效目标表", "甲项目", "A1")]
    forms = document(lines).forms
    assert [f.title for f in forms] == ["部门整体支出绩效目标表"]


def test_an_indented_pifu_table_with_two_projects_is_two_forms():
    """A 批复表 whose hierarchy is its indentation lists a unit (with the sum of its
    projects), then each project with its amount and its indicators: a form each, each
    with its own amount, not the unit's."""
    from extract.pipeline import extract_bytes

    lines = ["某中心2022年项目绩效目标批复表", "", "单位:万元", "", "项目", "", "指标值", "", "绩效金额", "",
             " 某中心", "", "210", "", "  甲项目", "", "86", "", "   产出指标", "", "    数量指标", "",
             "     服务面积", "", "≥12万亩", "", "   满意度指标", "", "    服务对象满意度指标", "",
             "     种植户满意度", "", "≥90%", "", "  乙项目", "", "124", "", "   产出指标", "",
             "    数量指标", "", "     示范点数", "", "8个", "", "   效益指标", "", "    社会效益指标", "",
             "     带动农户", "", "≥500户", ""]
    forms = extract_bytes("\n".join(lines).encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert [(f.project_name, str(f.funding.total)) for f in forms] == [("甲项目", "86"), ("乙项目", "124")]
    names = [[i.name for i in f.indicators] for f in forms]
    assert names == [["服务面积", "种植户满意度"], ["示范点数", "带动农户"]]


def test_a_heading_worded_cell_merged_down_beside_goal_rows_labels_them_and_opens_no_form():
    page = """<html><body><p>某县部门整体支出绩效目标表</p><table>
    <tr><td>部门（单位）名称</td><td colspan="2">某县文化和旅游局</td></tr>
    <tr><td>资金总额</td><td colspan="2">1618.75</td></tr>
    <tr><td rowspan="2">部门整体绩效目标</td><td>中期目标（2024—2026年）</td>
        <td>累计开展群众文化活动900场次以上。</td></tr>
    <tr><td>年度目标（2024年）</td><td>全年开展群众文化活动300场次以上。</td></tr>
    <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>群众文化活动场次</td><td>≥300场次</td></tr>
    </table></body></html>"""
    forms = extract_bytes(page.encode("utf-8"), "t.html", "t", "t.html").forms
    assert len(forms) == 1
    assert forms[0].department == "某县文化和旅游局"
    assert [i.name for i in forms[0].indicators] == ["群众文化活动场次"]


def test_a_contents_entry_naming_the_forms_gives_way_to_the_form_heading():
    """A budget disclosure's 目录 names its `附件：2024年项目支出绩效目标表`, then prose and
    budget tables with labels of their own (`部门：…`, amounts) come before the first form
    (built t249): the entry, with no project's name or code and no indicator table under
    it, opens no form; the forms below are the document's two."""
    lines = ["目 录", "第一部分 部门概况", "附件：2024年项目支出绩效目标表", "",
             "第一部分 部门概况", "本部门主要职责是负责全县农村公路的建设、养护和管理工作。", "",
             "表1 收支预算总表", "部门：青崖县交通运输局\t单位：万元", "一、一般公共预算拨款收入\t3,215.38",
             "收入总计\t3,862.47", "", *form("项目支出绩效目标表", "甲", "A1"),
             *form("项目支出绩效目标表", "乙", "A2")]
    forms = document(lines).forms
    assert [f.project_name for f in forms] == ["甲", "乙"]
    assert [f.title for f in forms] == ["项目支出绩效目标表"] * 2
    assert forms[0].funding.total == Decimal("10")


def test_a_contents_entry_naming_the_department_form_gives_way_to_its_heading():
    """The 目录 of a disclosure (built t335) lists `附件：1.某局2025年部门整体绩效目标`, then
    budget tables with labels of their own stand before the department form itself: the
    entry, with no indicator table under it before the form's own heading, opens no form."""
    department = ["某县农业农村局2025年部门整体支出绩效目标表", "部门名称\t某县农业农村局\t单位编码\t138001",
                  "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t高标准农田建设面积\t≥3.2万亩",
                  "满意度指标\t服务对象满意度指标\t农户满意度\t≥90%"]
    lines = ["目录", "第一部分 部门概况", "附件：1.某县农业农村局2025年部门整体绩效目标",
             "2.某县农业农村局2025年重点项目绩效目标", "", "表1 收支预算总表",
             "部门：某县农业农村局\t单位：万元", "一、一般公共预算拨款收入\t3,215.38",
             "收入总计\t3,862.47", "", *department]
    forms = document(lines).forms
    assert [(f.kind, f.title, len(f.indicators)) for f in forms] == [
        ("department", "某县农业农村局2025年部门整体支出绩效目标表", 2)]


def test_a_form_heading_on_each_page_over_its_fields_is_no_running_head():
    """pdftotext of a long disclosure, each form on a page of its own (built t249): the same
    heading opens two pages, with `项目名称` under it each time; both are the forms'
    headings. A heading a sheet's print titles repeat over the rest of its table (no field
    under it) is still a running head."""
    page = ["                    项目支出绩效目标表", "                        （2024 年度）", "",
            "项目名称   {name}", "项目编码   {code}", "资金总额   10",
            "一级指标     二级指标     三级指标            指标值",
            "产出指标     数量指标     受益人数            ≥300人",
            "满意度指标   服务对象满意度指标   群众满意度   ≥90%", "", "",
            "填报人：刘晓燕    联系电话：0817-7223416"]
    text = ["部门预算公开", "", "\f表1 收支预算总表", "收入总计   3,862.47", ""] + \
        ["\f" + page[0]] + [line.format(name="甲", code="A1") for line in page[1:]] + \
        ["\f" + page[0]] + [line.format(name="乙", code="A2") for line in page[1:]]
    forms = document(text).forms
    assert [(f.title, f.project_name) for f in forms] == [("项目支出绩效目标表", "甲"),
                                                          ("项目支出绩效目标表", "乙")]
    repeated = [*[line.format(name="甲", code="A1") for line in page[:-1]],
                "\f" + page[0], "效益指标     社会效益指标   群众出行条件   明显改善", ""]
    assert len(document(repeated).forms) == 1
