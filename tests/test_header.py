"""The project a heading names, where the form prints no 项目名称 label."""

from __future__ import annotations

import pytest

from extract.sections.header import _score, department_title_name, title_name


@pytest.mark.parametrize(("title", "name"), [
    ("再生资源回收市场管理经费项目绩效目标表", "再生资源回收市场管理经费项目"),
    ("马铃薯冲薯繁育示范推广项目绩效目标自评表(2022年度)", "马铃薯冲薯繁育示范推广项目"),
    # traditional characters with pinyin glued on: matched without it, returned as printed
    ("1、邯財(cái)社2018126號(hào)提前下達(dá)2019年中央財(cái)政困難群眾救助補(bǔ)助預(yù)算指標(biāo)績(jī)效目標(biāo)表",
     "中央財(cái)政困難群眾救助補(bǔ)助"),
    ("绩效目标表", None),
])
def test_title_name(title, name):
    assert title_name(title) == name


def test_a_year_line_printed_with_spaces_under_the_heading():
    from extract.pipeline import extract_bytes

    text = "\n".join(["预算项目绩效目标申报表", "( 2021 年度)", "项目名称 甲项目 项目属性 延续",
                      "一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 受益人数 ≥300人"])
    forms = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert forms[0].fiscal_year == 2021


@pytest.mark.parametrize(("cells", "code"), [
    ("|44162725T000000146|44162725T000000146|", "44162725T000000146"),  # a merged cell's copy
    ("|4416272|5T0001|", "44162725T0001"),  # a code broken over two cells is one
])
def test_a_code_written_in_each_cell_of_its_merged_cell_is_read_once(cells, code):
    from extract.pipeline import extract_bytes

    rows = ["项目支出绩效目标申报表", "", "|项目名称|甲县耕地地力保护项目|Col3|Col4|", "|---|---|---|---|",
            f"|项目编码{cells}项目属性|", "|一级指标|二级指标|三级指标|指标值|",
            "|产出指标|数量指标|推广面积|≥25万亩|"]
    form = extract_bytes("\n".join(rows).encode("utf-8"), "t.md", "t", "t.md").forms[0]
    assert (form.project_code, form.project_name) == (code, "甲县耕地地力保护项目")


@pytest.mark.parametrize(("below", "score"), [
    ("单位负责人：韩立新　填报人：孟庆宇　联系电话：0314-7523168", None),  # fields, no score
    ("100", None),  # full marks, the score on a line further down: not guessed
])
def test_a_total_alone_on_its_line_takes_a_figure_below_it_not_a_contact_line(below, score):
    """A sheet's 总分 row whose figures were formulas with nothing computed leaves `总分`
    alone on its line; the signature line under it is no score (its phone number is none)."""
    from decimal import Decimal

    from extract.pipeline import extract_bytes

    html = ("<p>项目支出绩效自评表</p><table><tr><td>项目名称</td><td>甲项目</td></tr><tr><td>一级指标</td>"
            "<td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td>"
            "</tr><tr><td>产出指标</td><td>数量指标</td><td>受益人数</td><td>≥300人</td><td>320人</td>"
            f"<td>10</td><td>10</td></tr></table><p>总分</p><p>{below}</p>")
    form = extract_bytes(html.encode("utf-8"), "t.html", "t", "t.html").forms[0]
    assert form.self_score == (Decimal(score) if score else None)


def test_a_year_line_read_as_one_row_with_the_line_after_it():
    """A web page's lines between a heading and its table (`（2024年度）`, then `填报单位：…`
    padded with no-break spaces) may be read as one row of two cells: its first cell still
    states the year, and the year's line is its provenance."""
    from extract.pipeline import extract_bytes

    padding = "\u00a0" * 12
    rows = ["根据《某县财政局关于开展2024年度绩效自评工作的通知》要求，现将自评结果公开如下：", "", "",
            "项目支出绩效自评表", "", "", "（2024年度）", "", "",
            f"填报单位（盖章）：甲县农业农村局{padding}金额单位：万元", "", "", "", "", "",
            "项目名称\t甲县2024年农村生活污水处理设施运维项目",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
            "产出指标\t数量指标\t运维设施数量\t186座\t186座\t8\t8"]
    form = extract_bytes("\n".join(rows).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert (form.fiscal_year, form.provenance["fiscal_year"]) == (2024, 7)


def test_a_year_stated_alone_among_the_cells_of_the_line_under_the_heading():
    """`填报单位：甲局   （2025年度）   金额单位：万元`: a text tool set the year on the
    line of the heading's other cells; a date on such a line is no year."""
    from extract.pipeline import extract_bytes

    rows = ["部门整体支出绩效目标表",
            "填报单位（盖章）：甲县教育局          （2025年度）          金额单位：万元",
            "部门名称          甲县教育局          单位编码          108001",
            "一级指标     二级指标      三级指标         指标值",
            "产出指标     数量指标      受益人数         ≥300人"]
    form = extract_bytes("\n".join(rows).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert form.fiscal_year == 2025
    dated = [rows[0], "填报单位：甲县教育局     填报日期：2025年1月15日     金额单位：万元", *rows[2:]]
    form = extract_bytes("\n".join(dated).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert form.fiscal_year is None


def test_a_unit_labelled_as_both_implementing_and_in_charge():
    """`实施(主管)单位`: with no department label of its own, the form's department is that
    unit too."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["甲项目绩效自评表", "项目名称\t甲项目\t实施(主管)单位\t314002-乙局机关",
                      "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t受益人数\t≥300人"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert (form.department, form.implementing_unit) == ("314002-乙局机关", "314002-乙局机关")


def test_a_quoted_table_named_by_the_report_around_it():
    """A self-evaluation report quotes its table with no heading or 项目名称, then names the
    project in a sentence; the 项目名称 row of a listing table after the indicators heads
    columns and names nothing."""
    from extract.pipeline import extract_bytes

    cells = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值",
             "产出指标", "数量指标", "宣传次数", "2次", "2次"]
    table = [cells[0], *(f"        | {cell}" for cell in cells[1:5]), "        | ",
             cells[5], *(f"        | {cell}" for cell in cells[6:]), "        | "]
    prose = ["二、项目资金申报及使用情况", "(一)项目资金申报及批复情况。",
             "该丙街道宣传专项项目于2020年初申报,批复预算资金10万元。", "1.资金到位"]
    listing = ["项目名称", "        | 中央、省级财政资金", "        | 资金计划", "        | 资金到位情况"]
    text = "\n".join([*table, *(f"{line}\n  " for line in prose), *listing])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert form.project_name == "丙街道宣传专项"
    assert form.fiscal_year == 2020  # the sentence dates the application
    assert "project_name_from_prose" in {warning.code for warning in form.warnings}


def test_a_listing_heading_with_figures_is_a_field_row():
    from extract.pipeline import extract_bytes

    text = "\n".join(["一级指标 | 二级指标 | 三级指标 | 指标值",
                      "产出指标 | 数量指标 | 宣传次数 | 2次",
                      "项目名称 | 丁项目 | 资金总额 | 10 | 资金到位情况 | 10"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert form.project_name == "丁项目"


@pytest.mark.parametrize(("title", "name"), [
    ("1、重庆市梁平区林业局2023年度部门整体绩效自评表", "重庆市梁平区林业局"),
    ("中共宁德市委党史和地方志研究室部门整体支出绩效目标表", "中共宁德市委党史和地方志研究室"),
    ("2021年部门整体支出绩效目标表", None),
])
def test_department_title_name(title, name):
    assert department_title_name(title) == name


def _form(lines: list[str]):
    from extract.pipeline import extract_bytes

    return extract_bytes("\n".join(lines).encode("utf-8"), "t.txt", "t", "t.txt").forms


TABLE = ["一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t受益人数\t≥300人"]


def test_the_page_publisher_is_the_department_of_a_form_that_names_none():
    forms = _form(["甲项目绩效目标表", "", "发布时间: 2020-12-02      发布机构:乙局      字体:[  ]", "",
                   "甲项目绩效目标表", "项目名称\t甲项目", *TABLE])
    assert [(form.project_name, form.department) for form in forms] == [("甲项目", "乙局")]
    labelled = _form(["发布机构:乙局", "甲项目绩效目标表", "项目名称\t甲项目\t主管部门\t丙局", *TABLE])
    assert labelled[0].department == "丙局"


def test_a_label_naming_two_things_gives_each_field_its_part():
    form = _form(["甲项目绩效自评表", "项目名称\t甲项目\t项目实施单位/项目负责人\t丁中心/张三"
                  "\t市县主管部门\t戊局", *TABLE])[0]
    assert (form.implementing_unit, form.department) == ("丁中心", "戊局")


def test_a_department_form_named_only_by_its_heading():
    form = _form(["重庆市某区林业局2023年度部门整体绩效目标表", "年度资金总额\t100", *TABLE])[0]
    assert form.kind == "department" and form.department == "重庆市某区林业局"


def test_a_name_with_a_note_in_brackets_after_a_space():
    form = _form(["甲项目绩效目标表", "项目名称农业绿色发展专项 (畜禽粪污资源化利用整县推进项目)", *TABLE])[0]
    assert form.project_name == "农业绿色发展专项 (畜禽粪污资源化利用整县推进项目)"


@pytest.mark.parametrize(("row", "name"), [
    # an OCR engine cut the merged value cell's text where the name wrapped (built t118, t119)
    ("项目名称\t\t潦源县2024年农村供水工程\t维修养护项目\t\t", "潦源县2024年农村供水工程维修养护项目"),
    ("项目名称\t那岭县2024年公益林管护补助\t项目\t\t", "那岭县2024年公益林管护补助项目"),
    # a long cell beside it is no piece of the name
    ("项目名称\t甲县农村供水工程维修养护项目\t用于全县四十六处农村集中供水工程的维修养护",
     "甲县农村供水工程维修养护项目"),
])
def test_a_name_its_box_wrapped_into_a_short_cell_beside_it_is_whole(row, name):
    assert _form(["项目支出绩效目标表", row, "主管部门\t甲县水利局", *TABLE])[0].project_name == name


def test_a_merged_value_a_converter_wrote_into_each_cell_it_covers_is_read_once():
    row = "| 主管部门 | 主管部门 | 甲县城市管理局 | 甲县城市管理局 | 甲县城市管理局 | 实施单位 | 实施单位 " \
          "| 甲县环卫所 | 甲县环卫所 |"
    form = _form(["项目支出绩效目标表", "项目名称\t甲县垃圾收运经费", row, *TABLE])[0]
    assert (form.department, form.implementing_unit) == ("甲县城市管理局", "甲县环卫所")


def test_a_contact_label_ends_the_department_value_before_it():
    form = _form(["部门整体支出绩效目标表",
                  "部门名称    乙县医疗保障局        联系人及电话    杨某  0855-1234567", *TABLE])[0]
    assert form.department == "乙县医疗保障局"


def test_a_row_of_labels_then_the_row_of_their_values_flattened_into_one():
    """A PDF prints 部门(单位)名称 and 填报人 over their values; flattened, the labels come
    first (the first broken in two), then the values in the same order."""
    form = _form(["部门整体支出绩效目标申报表", "部门(单位) 名称 填报人 广水市人民政府办公室 南春锋",
                  "年度资金总额 100", *TABLE])[0]
    assert (form.department, form.contacts.filled_by) == ("广水市人民政府办公室", "南春锋")


def test_a_column_of_labels_then_the_first_ones_values_in_pdftotext_order():
    """Plain pdftotext of a Word form (built t126): the left column's labels a narrow cell
    broke over lines (`主管` / `部门` / `及代` / `码`), then the values of the first labels,
    before the labels printed beside them interleave."""
    from extract.pipeline import extract_document
    from tests.golden_support import BUILT_DIR

    form = extract_document(BUILT_DIR / "t126_neimenggu_pdftotext_plain_project.txt").forms[0]
    assert (form.project_name, form.department) == ("2024年额尔敦塔拉旗牧区嘎查村饮水安全巩固提升项目",
                                                    "[315]额尔敦塔拉旗水利局")


def test_a_region_forms_unit_using_the_funds_is_its_implementing_unit():
    """A 转移支付 region form (built t93) names no 实施单位: its 资金使用单位 is."""
    form = _form(["区域绩效目标表", "地方主管部门\t甲县农业农村局", "资金使用单位\t各乡镇人民政府",
                  *TABLE])[0]
    assert form.implementing_unit == "各乡镇人民政府"


def test_labels_then_their_values_a_line_each_in_pdf_text():
    """Plain PDF text (built t95): a label broken over two lines (`部门（单位）` / `名称`), the
    next label, then their values a line each; a label holding its own value after a colon
    (`填报日期：…`) is no label waiting for one."""
    from extract.pipeline import extract_bytes
    lines = ["部门整体支出绩效目标申报表", "（2024年度）", "填报日期：2024年1月29日", "部门（单位）", "名称",
             "联系人", "涪岭县融媒体中心", "何建勇", "年度资金总额", "938.60", "一级指标", "二级指标",
             "三级指标", "指标值", "产出指标", "数量指标", "全年编发新闻稿件数量", "≥3600篇"]
    form = extract_bytes("\n".join(lines).encode(), "t.txt", "t", "t.txt").forms[0]
    assert form.department == "涪岭县融媒体中心"


HEBEI = ["澄州市残疾人联合会2022年预算项目绩效目标", "",
         "澄财社〔2021〕35号提前下达2022年中央财政残疾人事业发展补助资金预算指标绩效目标表",
         "绩效指标分类\t绩效指标\t绩效指标描述\t绩效指标评价标准\t评价标准确定依据",
         "\t\t\t优\t良\t中\t差\t",
         "产出指标\t康复服务人数\t提供康复服务的人数\t≥500人\t450人\t400人\t400人以下\t按年度任务数确定",
         "\t辅具适配人数\t免费适配辅具的人数\t≥300人\t270人\t240人\t240人以下\t按年度任务数确定"]


def test_the_hebei_template_with_a_cover_heading_above():
    """A cover heading names the body before its year (the document's department) and is no
    part of the form's own heading; 绩效指标 between 绩效指标分类 and 绩效指标描述 heads the
    names; 优 | 良 | 中 | 差 split 评价标准 in place, and 优 is the target (built t08)."""
    from extract.pipeline import extract_bytes

    form = extract_bytes("\n".join(HEBEI).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert (form.department, form.project_name, form.fiscal_year) == (
        "澄州市残疾人联合会", "中央财政残疾人事业发展补助资金", 2022)
    assert [(i.level1, i.name, i.target.raw) for i in form.indicators] == [
        ("产出指标", "康复服务人数", "≥500人"), ("产出指标", "辅具适配人数", "≥300人")]


def test_a_glued_total_score_line_after_the_table():
    """`总分10099.38` on a line of its own under glued rows: full marks 100, score 99.38."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["甲局部门整体支出绩效自评表", "部门名称甲局",
                      "一级指标二级指标三级指标年度指标值实际完成值分值得分",
                      "产出指标数量指标检查企业数≥300家326家1515", "总分10099.38"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert str(form.self_score) == "99.38"


@pytest.mark.parametrize(("raw", "score"), [
    ("99分", "99"),
    ("100 96 优", "96"),  # full marks, then the score
    ("10099.38", "99.38"),  # the two run together in glued text
    # the contact line's figures after the glued total (built s61)
    ("10098.25 填报人：高雅琴联系电话 0376-5812370", "98.25"),
    ("100", "100"),
    ("1000.5", "1000.5"),  # `0.5` after full marks opens with a zero: no score of that shape
])
def test_a_total_score_as_printed(raw, score):
    assert str(_score(raw)) == score


def test_a_notice_signed_above_its_date_names_the_department():
    """`甲镇人民政府` / `2024年3月18日` closing a notice that prints no 主管部门: the body that
    signed it; `项目总投资120万元` states the total (built t14)."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["关于甲镇2024年乙项目绩效目标的公示",
                      "乙项目总投资120万元，其中中央衔接资金100万元、县级配套20万元。", "一、产出指标",
                      "（一）数量指标：1.新建机耕道路≥3.5公里。", "公示期内，如有异议，可来电反映。",
                      "甲镇人民政府", "2024年3月18日"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert (form.department, str(form.funding.total)) == ("甲镇人民政府", "120")



@pytest.mark.parametrize("body", [
    # a prose paragraph of a notice
    "　　项目实施单位为岗背镇枧头村村民委员会，建设地点为枧头村，建设内容为新建机耕道3.5公里。",
    # the same sentence cut into cells at its labels
    "根据通知 项目实施单位 为岗背镇枧头村村民委员会, 项目负责人 马志文,建设内容:新建机耕道",
])
def test_a_field_a_sentence_names_with_a_copula(body):
    """`项目实施单位为…，`: the sentence's clause after the copula is the field's value."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["关于枧头村机耕道建设项目绩效目标的公示", body, "一、产出指标",
                      "数量指标：新建机耕道路长度≥3.5公里；", "二、满意度指标", "受益群众满意度≥90%。"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert form.implementing_unit == "岗背镇枧头村村民委员会"


def test_an_attached_files_name_closes_no_form_and_sets_no_target():
    """`附件:某项目绩效目标设定表.xlsx` under a notice's list of targets names the attached
    table: no heading of a form of its own (the notice's signature below still names the
    department) and no target."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["发布机构：某县某镇", "", "关于某镇2024年暖棚建设项目绩效目标的公示",
                      "一、产出指标", "数量指标:新建暖棚数量>=12座;", "二、满意度指标", "受益户满意度≥95%。",
                      "附件:某镇2024年暖棚建设项目绩效目标设定表.xlsx", "某县某镇人民政府", "2024年4月8日"])
    forms = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert len(forms) == 1 and forms[0].department == "某县某镇人民政府"
    assert [i.name for i in forms[0].indicators] == ["新建暖棚数量", "受益户满意度"]


def test_field_labels_over_their_values_line_by_line():
    """OCR reads a form's label cells and value cells line by line: `主管部门   实施单位`
    over `某局    某所`, `项目名称` over the name, `资金总额 …` over `(万元) 1068.00 …`."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["2024年度项目绩效目标申报表", "项 目 名 称", "  桦岭县城乡环卫保洁服务项目  |",
                      "主管部门   实施单位", "桦岭县城市管理局    桦岭县环境卫生管理所",
                      "项目资金  资金总额   其中:财政拨款    其他资金", "(万元)   1068.00   986.00  82.00 |",
                      "一级指标  二级指标   三级指标     指标值",
                      "产出指标  数量指标  清扫保洁面积  ≥186万平方米",
                      "满意度指标  服务对象满意度指标  城乡居民满意度  ≥90%"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert (form.project_name, form.department, form.implementing_unit) == \
        ("桦岭县城乡环卫保洁服务项目", "桦岭县城市管理局", "桦岭县环境卫生管理所")
    assert str(form.funding.total) == "1068.00"


def test_a_word_processors_text_a_cell_a_line_pairs_each_label_with_the_next_cell():
    """LibreOffice's text of a Word form (tests/golden/converted, t47) prints each cell on a
    line of its own: a label alone on its row takes the cell that opens the row under it,
    before that row's next label."""
    from extract.pipeline import extract_document
    from tests.golden_support import CONVERTED_DIR

    form = extract_document(CONVERTED_DIR / "t47_project_word_merged.libreoffice_text.txt").forms[0]
    assert (form.project_name, form.project_code, form.department) == \
        ("砚川县2025年农村供水工程维修养护项目", "2025030600147", "砚川县水利局")


def test_a_total_alone_on_its_row_takes_the_figures_that_open_the_next():
    """One cell per line ending ` |` (tests/golden/built, s36's shape): `总分 |`, a merge run
    `|||`, then `100 |` `|` `|` `98.55 |` on the row under it: full marks, then the score."""
    from extract.pipeline import extract_bytes

    cells = ["项目支出绩效自评表", "项目名称", "甲项目", "一级指标", "二级指标", "三级指标", "分值",
             "年度指标值", "全年实际值", "得分", "产出指标", "数量指标", "受益人数", "10", "≥300人", "320人",
             "10", "总分"]
    text = "\n".join([*(f"{cell} |" for cell in cells), "|||", "100 |", "|", "|", "98.55 |", "|"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert str(form.self_score) == "98.55"


def test_a_sheet_listing_several_projects_gives_them_its_year():
    """`…2025年项目绩效目标汇总表` over one wide table of three projects (built t135): no
    form's heading, but the forms' year."""
    lines = ["附件2", "甲县卫生健康局2025年项目绩效目标汇总表",
             "序号\t项目名称\t项目金额（万元）\t一级指标\t二级指标\t三级指标\t指标值",
             "1\t甲县2025年基本公共卫生服务项目\t128.60\t产出指标\t数量指标\t健康管理人数\t≥3200人",
             "2\t甲县2025年村卫生室运行补助项目\t86.40\t产出指标\t数量指标\t补助村卫生室数\t86个"]
    assert [form.fiscal_year for form in _form(lines)] == [2025, 2025]


def test_a_page_publishing_the_projects_targets_gives_them_its_year():
    """A page headed `…2025年项目支出绩效目标公开` over two forms that print no year (built
    t174, lynx's text, its heading, notice and section line read as the cells of one row):
    the page's year is the forms'."""
    from extract.pipeline import extract_bytes
    from tests.golden_support import BUILT_DIR

    path = BUILT_DIR / "t174_heilongjiang_lynx_dump_two_projects.txt"
    forms = extract_bytes(path.read_bytes(), path.name, "t", path.name).forms
    assert [form.fiscal_year for form in forms] == [2025, 2025]


def test_two_level_headings_that_name_no_level_and_a_field_with_no_place():
    """A workbook's CSV (built t186): `指标类型 | 指标类别` head level 1 then level 2; `单位性质`
    is a field the contract has no place for, not part of the department's name."""
    from extract.pipeline import extract_bytes

    lines = ['"部门整体支出绩效目标表",,,,,', '"部门（单位）名称",,"甲县应急管理局",,"单位性质","行政单位"',
             '"指标类型","指标类别","指标名称","指标值","指标值确定依据",',
             '"产出指标","数量指标","执法检查生产经营单位","≥320家次","年度执法计划",',
             ',,"组织综合应急演练","≥6次","县突发事件总体应急预案",']
    form = extract_bytes("\n".join(lines).encode("utf-8"), "t.csv", "t", "t.csv").forms[0]
    assert form.department == "甲县应急管理局"
    assert [(i.level1, i.level2, i.name) for i in form.indicators] == [
        ("产出指标", "数量指标", "执法检查生产经营单位"), ("产出指标", "数量指标", "组织综合应急演练")]


def test_a_unit_code_printed_once_above_the_forms_is_each_forms():
    """A Word template's page header, or a page's first line, states the unit's name and
    code once for every form below it (built t215); a code a form prints itself wins."""
    from extract.pipeline import extract_bytes

    rows = ["一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t受益人数\t≥300人"]
    text = "\n".join(["部门（单位）名称：岐川县市场监督管理局\t部门编码：327001",
                      "2025年度部门整体支出绩效目标表", *rows,
                      "2025年度部门整体支出绩效目标表", "部门编码\t327002", *rows])
    forms = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert [(form.department, form.unit_code) for form in forms] == [
        ("岐川县市场监督管理局", "327001"), ("岐川县市场监督管理局", "327002")]


def test_a_department_form_whose_heading_was_dropped_is_a_departments():
    """A table extractor keeps the ruled table only (built t225, pdfplumber's tables of a
    PDF): rows that open with a label only a department form prints, and its 预算年度 cell,
    say what the lost heading said."""
    from extract.pipeline import extract_bytes

    text = "\n".join(["部门（单位）名称\t岷泉县民政局\t预算年度\t2025", "单位编码\t221001",
                      "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t临时救助人次\t≥2600人次"])
    (form,) = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert (form.kind, form.department, form.fiscal_year, form.unit_code) == (
        "department", "岷泉县民政局", 2025, "221001")


@pytest.mark.parametrize(("line", "name"), [
    # the gap Word sets between Han and figures, a space in PDFBox's text, cuts no name
    ("项目名称 岫川县 2024年基层医疗卫生机构服务能力提升项目",
     "岫川县 2024年基层医疗卫生机构服务能力提升项目"),
    # a long second cell with no year before its Han is no name's rest
    ("项目名称 岫川县 基层医疗卫生机构服务能力提升项目", "岫川县"),
])
def test_a_project_name_cut_before_its_year_by_a_space(line, name):
    from extract.pipeline import extract_bytes

    text = "\n".join(["项目支出绩效目标表", line, "主管部门 乙局 实施单位 丙中心",
                      "一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 受益人数 ≥300人"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert form.project_name == name


@pytest.mark.parametrize(("under", "name"), [
    ("甲县2025年农村适龄妇女两癌免费筛查项目", "甲县2025年农村适龄妇女两癌免费筛查项目"),
    ("（单", None),  # a cut label's piece is no value
    ("主管部门", None),  # a label is no value
])
def test_a_field_label_alone_on_its_line_takes_the_line_under_it(under, name):
    """`项目名称` alone on its line, the name on the next: a text converter broke the tab
    between the label and its long cell into a line break (catdoc's text)."""
    from extract.pipeline import extract_bytes

    rows = ["2025年度项目支出绩效目标表", "项目名称", under, "",
            "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t筛查人数\t≥12000人"]
    forms = extract_bytes("\n".join(rows).encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert forms[0].project_name == name
