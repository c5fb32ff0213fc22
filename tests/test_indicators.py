"""The indicator section: a row of the aligned table becomes an indicator, or not."""

from __future__ import annotations

from extract.pipeline import extract_bytes


def test_a_row_with_no_name_and_nothing_readable_is_no_indicator():
    """`''` left by a scan's margin under the last row: no indicator, no warning about it."""
    text = "\n".join(["甲项目绩效目标表", "项目名称\t甲项目", "一级指标\t二级指标\t三级指标\t指标值",
                      "满意度指标\t服务对象满意度指标\t农户满意度\t≥90%", "\t\t\t''"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [i.name for i in form.indicators] == ["农户满意度"]
    assert not [w for w in form.warnings if w.code == "indicator_without_name"]


def test_goals_headed_by_two_scopes_give_the_table_below_none():
    """`总体目标 | 中期目标 | 年度目标` above an indicator table heads goals of both scopes: the
    table is read as the year's (built t11); a heading of one scope still names it."""
    head = ["甲项目绩效目标表", "项目名称\t甲项目", "总体目标\t中期目标(2024年—2026年)\t年度目标",
            "\t三年完成目标\t当年完成目标"]
    table = ["一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t受益人数\t≥300人"]
    both = extract_bytes("\n".join(head + table).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [i.scope for i in both.indicators] == ["annual"]
    one = extract_bytes("\n".join(head[:2] + ["长期绩效指标"] + table).encode("utf-8"),
                        "t.txt", "t", "t.txt").forms[0]
    assert [i.scope for i in one.indicators] == ["long_term"]


def test_a_table_takes_the_scope_its_own_first_column_or_its_history_columns_name():
    """A long-term table above, its goal heading in the units above the second table: the
    second prints `年度绩效目标1` in its 目标名称 column, or has 前年 | 上年 columns, and is
    the year's."""
    head = ["甲项目绩效目标表", "项目名称\t甲项目", "长期绩效目标\t三年完成目标",
            "目标名称\t一级指标\t二级指标\t三级指标\t指标值",
            "长期绩效目标\t产出指标\t数量指标\t受益人数\t≥900人"]
    named = ["目标名称\t一级指标\t二级指标\t三级指标\t指标值",
             "年度绩效目标1\t产出指标\t数量指标\t受益人数\t≥300人"]
    history = ["目标名称\t一级指标\t二级指标\t三级指标\t前年\t上年\t预计当年实现",
               "\t产出指标\t数量指标\t受益人数\t280人\t290人\t≥300人"]
    for second in (named, history):
        form = extract_bytes("\n".join(head + second).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
        assert [(i.scope, i.target.raw) for i in form.indicators] == [
            ("long_term", "≥900人"), ("annual", "≥300人")]


def test_targets_in_a_numbered_prose_list():
    """A notice with no table (built t14): list numbers are no part of a name, `name：value`
    and a name closed by its figure are items, and a short line under a level-1 with no
    level-2 printed is one; the notice's closing sentences are not."""
    text = "\n".join(["关于甲镇2024年乙项目绩效目标的公示", "项目总体绩效目标：完成乙项目。", "一、产出指标",
                      "（一）数量指标：1.新建机耕道路≥3.5公里；2.配套建设错车平台：6处。",
                      "（二）质量指标：工程验收合格率100%。", "三、满意度指标", "受益群众满意度≥95%。",
                      "公示期内，如对公示内容有异议，可来电反映。", "甲镇人民政府", "2024年3月18日"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("数量指标", "新建机耕道路", "≥3.5公里"), ("数量指标", "配套建设错车平台", "6处"),
        ("质量指标", "工程验收合格率", "100%"), ("服务对象满意度指标", "受益群众满意度", "≥95%")]


def test_targets_in_prose_under_level_headings_on_lines_of_their_own():
    """`（一）数量指标` on its own line heads the items under it; `（四）成本指标` numbered under
    `一、产出指标` is its level-2; a clause closed by a figure and its unit (`2处`,
    `2000元以上`) is an item; a date closing the notice (`2025年4月15日`) is not."""
    text = "\n".join(["关于丙县2025年丁项目绩效目标的公示", "一、产出指标", "（一）数量指标",
                      "1.新建种植基地面积不少于3000亩；", "2.配套建设晾晒场2处；", "（二）时效指标",
                      "项目完工验收时间：2025年11月底前。", "（三）成本指标", "1.每亩补助标准不超过800元；",
                      "二、效益指标", "（一）经济效益指标", "1.带动监测户户均增收2000元以上。",
                      "（二）生态效益指标", "1.化肥农药使用强度：较常规种植明显降低。",
                      "丙县财政局", "2025年4月15日"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(i.level1, i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("产出指标", "数量指标", "新建种植基地面积", "不少于3000亩"),
        ("产出指标", "数量指标", "配套建设晾晒场", "2处"),
        ("产出指标", "时效指标", "项目完工验收时间", "2025年11月底前"),
        ("产出指标", "成本指标", "每亩补助标准", "不超过800元"),
        ("效益指标", "经济效益指标", "带动监测户户均增收", "2000元以上"),
        ("效益指标", "生态效益指标", "化肥农药使用强度", "较常规种植明显降低")]


def test_targets_in_sentences_closed_by_a_deadline_or_a_degree_phrase():
    """A notice (built t94) titled `…绩效目标的公告`, its levels numbered `（一）…（三）` under
    `三、项目绩效指标`: `（三）满意度指标` is a level-1 like `（一）产出指标`. A clause closed by
    its deadline (`…在2024年11月30日前完成`) or by a degree phrase (`…明显提升`) is a name
    and that value; a bare verb closing one (`生态修复功能提高`) is its own wording."""
    text = "\n".join(["某县人社局关于2024年甲培训项目绩效目标的公告", "项目名称：甲培训项目。",
                      "三、项目绩效指标", "（一）产出指标", "1.数量指标：开展烹饪技能培训不少于600人次。",
                      "2.质量指标：参训学员培训合格率达到95%以上。",
                      "3.时效指标：全年培训及认定任务在2024年11月30日前完成。", "（二）效益指标",
                      "1.社会效益指标：带动从业人员技能水平明显提升；生态修复功能提高。", "（三）满意度指标",
                      "1.服务对象满意度指标：参训学员满意度≥90%。", "特此公告。", "某县人社局",
                      "2024年4月2日"])
    forms = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert len(forms) == 1
    assert [(i.level1, i.name, i.target.raw) for i in forms[0].indicators] == [
        ("产出指标", "开展烹饪技能培训", "不少于600人次"), ("产出指标", "参训学员培训合格率", "达到95%以上"),
        ("产出指标", "全年培训及认定任务", "在2024年11月30日前完成"),
        ("效益指标", "带动从业人员技能水平", "明显提升"),
        ("效益指标", "生态修复功能提高", "生态修复功能提高"),
        ("满意度指标", "参训学员满意度", "≥90%")]
    assert forms[0].indicators[1].target.op == ">="


def test_targets_listed_after_their_level_1_in_numbered_sentences():
    """A township's notice (built t99): `1.产出指标：…；2.效益指标：…；3.满意度指标：…`, each
    level-1 opening a sentence of items parted by commas, a clause closed by its figure an
    item of its own; the notice prints no level-2 anywhere, so none is named; its closing
    lines (`公示时间：…`) are no items. A clause with no value of its own stays in the next
    item's name (wild 024's `★补助…种植数量,黄金蜜(葡萄)种植数量(≥**株)>=17600株`)."""
    text = "\n".join(["者岗镇2024年人饮管网提升改造项目绩效目标公示", "一、项目名称：人饮管网提升改造项目",
                      "五、绩效目标：具体绩效指标如下：",
                      "1.产出指标：新建蓄水池不少于2座，铺设供水管网8.6公里，安装入户水表≥326只；"
                      "全部建设任务在2024年9月30日前完成，供水管网建设成本控制在5万元/公里以内；",
                      "2.效益指标：受益群众不少于1180人，群众饮水安全保障水平明显提升；",
                      "3.满意度指标：受益群众满意度达到95%以上。",
                      "公示时间：2024年3月12日至2024年3月21日（共10天）。", "者岗镇人民政府",
                      "2024年3月12日"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(i.level1, i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("产出指标", None, "新建蓄水池", "不少于2座"), ("产出指标", None, "铺设供水管网", "8.6公里"),
        ("产出指标", None, "安装入户水表", "≥326只"),
        ("产出指标", None, "全部建设任务", "在2024年9月30日前完成"),
        ("产出指标", None, "供水管网建设成本", "控制在5万元/公里以内"),
        ("效益指标", None, "受益群众", "不少于1180人"),
        ("效益指标", None, "群众饮水安全保障水平", "明显提升"),
        ("满意度指标", None, "受益群众满意度", "达到95%以上")]


def test_a_wide_table_of_projects_gives_each_its_department():
    """序号 | 项目名称 | 主管部门 | 资金 filled on each project's first row: one form per project,
    with its own department and total (built t15)."""
    text = "\n".join(["2024年项目绩效目标汇总表",
                      "序号\t项目名称\t主管部门\t资金（万元）\t一级指标\t二级指标\t三级指标\t指标值",
                      "1\t甲项目\t县教育体育局\t186.40\t产出指标\t数量指标\t受助学生人数\t≥2330人",
                      "\t\t\t\t\t质量指标\t资金发放准确率\t100%",
                      "2\t乙项目\t县卫生健康委员会\t62.50\t产出指标\t数量指标\t体检人数\t≥5000人"])
    forms = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert [(f.project_name, f.department, str(f.funding.total), len(f.indicators)) for f in forms] == [
        ("甲项目", "县教育体育局", "186.40", 2), ("乙项目", "县卫生健康委员会", "62.50", 1)]


def test_one_name_with_a_value_column_per_period():
    """`三级指标 | 中期指标值 | 年度指标值`: each row is two indicators, one per period, that
    share the row's name and levels."""
    text = "\n".join(["甲项目绩效目标表", "项目名称\t甲项目",
                      "一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值",
                      "产出指标\t数量指标\t新建处理设施\t≥45座\t≥15座",
                      "效益指标\t生态效益指标\t污水治理率\t≥55%\t≥38%"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    read = [(i.scope, i.level2, i.name, i.target.raw) for i in form.indicators]
    assert sorted(read) == sorted([("mid_term", "数量指标", "新建处理设施", "≥45座"),
                                   ("mid_term", "生态效益指标", "污水治理率", "≥55%"),
                                   ("annual", "数量指标", "新建处理设施", "≥15座"),
                                   ("annual", "生态效益指标", "污水治理率", "≥38%")])


def test_a_level2_label_cut_at_its_line_end_is_the_name_it_begins():
    """A laid-out page wraps `服务对象满` / `意度指标` over two lines of the level-2 column:
    the cell begins one level-2 name under the row's level-1, and is read as it."""
    from extract.sections.indicators import _level2_begun

    assert _level2_begun("服务对象满", "满意度指标") == "服务对象满意度指标"
    assert _level2_begun("服务对象满", None) == "服务对象满意度指标"
    assert _level2_begun("生态环境成", "成本指标") == "生态环境成本指标"
    assert _level2_begun("经济", None) is None  # too short to tell
    assert _level2_begun("经济成本", "效益指标") is None  # not under this level-1
    assert _level2_begun("满意程度", None) is None


def test_targets_under_a_level_two_and_a_dash_in_numbered_sentences():
    """`1、数量指标——全年开展…不少于120场。` (built t115): the level-2 before the dash names the
    item's level, the words after it its name."""
    text = "\n".join(["甲局关于乙项目绩效目标的公示", "项目资金共计78万元。", "一、产出指标",
                      "1、数量指标——全年开展送戏下乡惠民演出不少于120场。",
                      "2、质量指标——公共文化场馆免费开放率达到100%。", "二、满意度指标",
                      "3、服务对象满意度指标——观演群众满意度不低于90%。"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("数量指标", "全年开展送戏下乡惠民演出", "不少于120场"),
        ("质量指标", "公共文化场馆免费开放率", "达到100%"),
        ("服务对象满意度指标", "观演群众满意度", "不低于90%")]


def test_targets_in_sentences_under_run_in_levels_and_aspects():
    """A county department's notice (built t136), headed `…项目绩效目标公开`: each level-1 a
    run-in heading closed by a full stop (`（一）产出指标。`), each level-2 named by its bare
    word and `方面`; an item closed by its figure and `以上` before the next item is one of
    its own, and a deadline closes its item with `全部完成`."""
    text = "\n".join(["甲县农业农村局2025年牦牛良种推广项目绩效目标公开", "三、绩效指标",
                      "（一）产出指标。数量方面，全年调引良种种公牦牛不少于320头，能繁母牛人工授精改良"
                      "2400头以上，举办牦牛科学养殖技术培训班12期；时效方面，种公牦牛调引及投放工作"
                      "于2025年8月31日前全部完成。",
                      "（二）效益指标。社会效益方面,受益农牧户不少于1200户。",
                      "（三）满意度指标。受益农牧民群众对项目实施的满意度达到90%以上。"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(i.level1, i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("产出指标", "数量指标", "全年调引良种种公牦牛", "不少于320头"),
        ("产出指标", "数量指标", "能繁母牛人工授精改良", "2400头以上"),
        ("产出指标", "数量指标", "举办牦牛科学养殖技术培训班", "12期"),
        ("产出指标", "时效指标", "种公牦牛调引及投放工作", "于2025年8月31日前全部完成"),
        ("效益指标", "社会效益指标", "受益农牧户", "不少于1200户"),
        ("满意度指标", "服务对象满意度指标", "受益农牧民群众对项目实施的满意度", "达到90%以上")]


def test_a_pages_notice_heading_gives_way_to_the_forms_own():
    """`…项目绩效目标公开` over the page's byline, then the form's own heading and table
    (built t104): one form, headed by its own heading."""
    text = "\n".join(["甲县农业农村局2024年保护性耕作项目绩效目标公开",
                      "发布时间：2024-03-19　　来源：甲县农业农村局",
                      "甲县2024年保护性耕作项目支出绩效目标表", "项目名称\t甲县2024年保护性耕作项目",
                      "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t实施面积\t≥30万亩"])
    forms = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert [(form.title, len(form.indicators)) for form in forms] == [
        ("甲县2024年保护性耕作项目支出绩效目标表", 1)]


def test_numbered_level_2_items_in_a_notice_give_no_item_for_their_numbers():
    """A township's notice (built t141): `（1）数量指标：…；（2）质量指标：…` under `一、产出指标`:
    the next label's number is no item; a deadline's copula (`…时间为2024年9月30日前`) is no
    part of the name; `有效减轻` closes a qualitative item."""
    text = "\n".join(["关于甲镇2024年肉羊暖棚建设项目绩效目标的公示", "绩效目标：", "一、产出指标",
                      "（1）数量指标：新建肉羊标准化养殖暖棚≥40座；（2）质量指标：暖棚工程验收合格率100%；"
                      "（3）时效指标：项目完成时间为2024年9月30日前。", "二、效益指标",
                      "（1）生态效益指标：项目区草场载畜压力有效减轻；（2）可持续影响指标：暖棚设计使用年限≥10年。"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(i.level2, i.name, i.target.raw) for i in form.indicators] == [
        ("数量指标", "新建肉羊标准化养殖暖棚", "≥40座"), ("质量指标", "暖棚工程验收合格率", "100%"),
        ("时效指标", "项目完成时间", "2024年9月30日前"), ("生态效益指标", "项目区草场载畜压力", "有效减轻"),
        ("可持续影响指标", "暖棚设计使用年限", "≥10年")]


def test_a_kind_column_and_a_comparator_column_give_the_comparator():
    """`指标性质 | 计算符号` (built t153): both read as operator columns; the row's comparator
    (`≥`, `大于等于`) is the target's operator, not `定量` before it, and `定性` in both makes
    the value qualitative."""
    text = "\n".join(["项目支出绩效目标表", "项目名称 | 甲项目",
                      "一级指标 | 二级指标 | 三级指标 | 指标性质 | 计算符号 | 指标值 | 度量单位 | 权重",
                      "产出指标 | 数量指标 | 推广面积 | 定量 | ≥ | 1.5 | 万亩 | 10",
                      "|| 培训人次 | 定量 | 大于等于 | 2000 | 人次 | 6",
                      "| 时效指标 | 下田完成时间 | 定性 | 定性 | 2025年4月底前 | | 6"])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(i.target.op, i.target.value and str(i.target.value), i.target.unit, i.target.text)
            for i in form.indicators] == [(">=", "1.5", "万亩", None), (">=", "2000", "人次", None),
                                          (None, None, None, "2025年4月底前")]


def test_a_remark_beside_a_narrow_unit_is_no_unit():
    """lynx pads a table's columns by characters, so `%` leaves the remark after it under
    `计量单位` (built t174): a word of four characters that reads as no unit is the remark."""
    lines = ["项目支出绩效目标表", "项目名称     甲项目",
             "  一级指标     二级指标       三级指标      指标值     计量单位                 指标值说明",
             "产出指标     数量指标      管护高标准农田面积 18.6       万亩   2019—2023年已建成面积",
             "         质量指标      管护工程设施完好率 ≥90        %    年终核查",
             "满意度指标    服务对象满意度指标 受益群众满意度   ≥90        %    问卷调查"]
    form = extract_bytes("\n".join(lines).encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert [(i.name, i.target.raw) for i in form.indicators][1:] == [
        ("管护工程设施完好率", "≥90%"), ("受益群众满意度", "≥90%")]


def test_a_level_one_label_alone_above_a_row_is_no_part_of_where_the_row_stands():
    """tesseract's text (built t172): `产出指标` stands alone on line 22, between the last row
    of the 数量 group and the row printing `质量指标`; read into that row, it must not count
    as a line of the row, or the row between the two level-2 labels goes to the wrong one."""
    from tests.golden_support import BUILT_DIR

    lines = (BUILT_DIR / "t172_jilin_tesseract_department_scan.txt").read_text(encoding="utf-8")
    text = "\n".join(["部门整体支出绩效目标表", *lines.split("\n")[16:27]])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    levels = {i.name: i.level2 for i in form.indicators}
    assert levels["卫生监督检查户次"] == "数量指标"
    assert levels["适龄儿童国家免疫规划疫苗接种率"] == "质量指标"
