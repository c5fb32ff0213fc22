"""The money block on small made-up forms: which row starts it, glued label:amount cells,
and a self-evaluation matrix whose first data row is led by its column's label."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.pipeline import extract_bytes
from tests.golden_support import WILD_DIR

INDICATORS = ["一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t受益人数\t≥300人"]


def funding(lines: list[str]):
    text = "\n".join(["甲项目绩效目标表", "项目名称\t甲项目", *lines, *INDICATORS])
    forms = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert len(forms) == 1
    return forms[0].funding


@pytest.mark.parametrize(("lines", "total", "executed", "rate"), [
    # a money word that is another field's value does not open the block
    (["项目类别\t(31)\t部门预算\t项目", "归口科室\t(08)经济贸易科", "资金总额\t3",
      "其中:\t财政拨款数\t3"], "3", None, None),
    # … but a money label with its amount later in a field's row does
    (["实施单位\t乙单位\t部门预算\t70.00"], "70.00", None, None),
    # label and amount glued by a colon
    (["金额:100\t万元"], "100", None, None),
    # `资金合计` over the sources (built t119, an OCR scan)
    (["\t资金合计\t\t286.45", "项目资金\t其中: 中央补助\t\t241.20", "(万元)\t自治区补助\t\t45.25"],
     "286.45", None, None),
    # a department form's total (built t16)
    (["年度预算(万元)\t部门预算总额\t1126.84", "\t财政拨款\t1108.84"], "1126.84", None, None),
    # a department form whose only money is its task table's 金额合计 row (built t26)
    (["年度主要任务\t任务名称\t主要内容\t预算金额（万元）\t\t", "\t\t\t合计\t财政拨款\t其他资金",
      "\t就业服务\t开展技能培训\t386.50\t356.50\t30.00", "金额合计\t\t\t1,709.24\t1,661.24\t48.00"],
     "1709.24", None, None),
    # money labels in a row, their amounts in the row under them (built t28, a scan)
    (["资金情况\t资金总额\t一般公共预算\t政府性基金预算\t其他资金", "\t96.00\t60.00\t36.00\t0.00"],
     "96.00", None, None),
    # a department 自评表's fields, then its 预算执行情况 matrix, all glued on one line, the
    # figures with thousands separators (built s54)
    (["部门（单位）名称甲局联系人张三联系电话0573-8516420预算执行情况（万元）年初预算数全年预算数"
      "全年执行数分值执行率得分年度资金总额2,864.503,126.803,018.451096.53%9.65其中：财政拨款"
      "2,804.503,066.802,962.75—96.61%—"], "3126.80", "3018.45", "96.53"),
    # the matrix's first row is led by its own column's label (预算数 under 预算安排情况)
    (["预算执行情况\t预算安排情况(调整后)\t资金到位情况\t资金执行情况\t预算执行进度(%)",
      "预算数\t6.84\t到位数\t6.84\t执行数\t6.84\t100.00",
      "其中:财政资金\t6.84\t其中:财政资金\t6.84\t其中:财政资金\t6.84"], "6.84", "6.84", "100.00"),
    # one cell per line: the side label's unit note `（万元）` wrapped among a row's values is
    # no value of any column (built s95, pdftohtml's flowing page; s41, an OCR's boxes)
    (["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "项目资金", "年度资金总额",
      "265.00", "285.60", "279.35", "10", "97.81%", "9.78", "（万元）", "其中：当年财政拨款", "265.00",
      "265.00", "262.15", "—", "98.92%", "—"], "285.60", "279.35", "97.81"),
    # typed as lines, a label and its amount each, under a heading line (built t236, a Word
    # form typed without a table)
    (["资金情况（万元）：", "年度资金总额：386.40", "其中：财政拨款：215.00", "其他资金：171.40",
      "年度目标：完成任务"], "386.40", None, None),
])
def test_money_block(lines, total, executed, rate):
    found = funding(lines)
    assert found is not None
    assert (found.total, found.executed, found.execution_rate) == (
        Decimal(total), executed and Decimal(executed), rate and Decimal(rate))


def test_a_total_stated_in_a_paragraph_with_thousands_separators():
    """`资金总额2,356.80万元，其中财政拨款2,218.30万元、其他资金138.50万元`: a form typed as
    numbered paragraphs (built t284) states its total first, its figures with separators."""
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>"
                   for line in INDICATORS)
    stated = "资金总额2,356.80万元，其中财政拨款2,218.30万元、其他资金138.50万元。"
    page = (f"<html><body><h1>甲局部门整体支出绩效目标表</h1><p>一、部门（单位）名称：甲局</p>"
            f"<p>二、年度预算金额：{stated}</p><table>{rows}</table></body></html>")
    form = extract_bytes(page.encode("utf-8"), "t.html", "t", "t.html").forms[0]
    assert form.funding.total == Decimal("2356.80")


def test_labels_then_as_many_amounts_in_one_row_are_paired_in_order():
    """Word text a cell a line (built t131): the row of labels, then the row of their
    amounts, read as one row; figures of two precisions (`968.191 | 8`, one figure a PDF
    broke: wild 023) are no such row of amounts."""
    found = funding(["年度预算（万元）\t资金总额\t财政拨款\t其他资金\t\t1486.52\t1402.52\t84.00"])
    assert found.total == Decimal("1486.52")
    assert [(line.source, line.amount) for line in found.lines] == [
        ("财政拨款", Decimal("1402.52")), ("其他资金", Decimal("84.00"))]
    broken = funding(["合计\t其他资金\t968.191\t8"])
    assert Decimal("8") not in [line.amount for line in broken.lines]


def test_glued_two_place_amounts_under_their_labels_are_cut_apart():
    """A document site's run-together 申报表 (built t138): `中期资金总额 | 年度资金总额` over
    `2,160.00720.00`: amounts printed to two places, glued, are cut where the places end."""
    found = funding(["项目预算资金(万元)中期资金总额年度资金总额", "2,160.00720.00",
                     "其中:财政拨款1,920.00640.00"])
    assert (found.total, found.annual) == (Decimal("2160.00"), Decimal("720.00"))


def test_the_terms_amount_and_the_years_side_by_side_under_their_headings():
    """`中期（2025年—2027年） | 年度（2025年）` over `资金总额 | 3600.00 | 1280.00` (built t124, a
    Word table): the first amount is the term's total, the one beside it the year's."""
    found = funding(["项目资金（万元）\t\t中期（2025年—2027年）\t年度（2025年）",
                     "\t资金总额\t3600.00\t1280.00", "\t其中：财政拨款\t3240.00\t1150.00"])
    assert (found.total, found.annual) == (Decimal("3600.00"), Decimal("1280.00"))
    plain = funding(["项目资金（万元）\t资金总额\t3600.00\t1280.00"])  # no such headings: no year
    assert (plain.total, plain.annual) == (Decimal("3600.00"), None)
    totals = funding(["项目资金（万元）\t\t中期资金总额\t年度资金总额",  # built t176, a Word 97 file
                      "\t资金总额\t8640.00\t3120.00", "\t其中：财政拨款\t8280.00\t2980.00"])
    assert (totals.total, totals.annual) == (Decimal("8640.00"), Decimal("3120.00"))


def test_the_projects_total_and_the_sum_of_the_years_lines():
    """`项目总金额（万元） 3680.00` is the project's total; `本年预算（万元） | 合计 | 1248.60`
    the sum of the year's lines, so the year's amount (built t174, lynx's text)."""
    found = funding(["项目期限\t2025年—2027年\t项目总金额（万元）\t3680.00",
                     "本年预算（万元）\t合计\t1248.60", "其中：中央财政资金\t1080.00",
                     "县级财政资金\t168.60"])
    assert (found.total, found.annual) == (Decimal("3680.00"), Decimal("1248.60"))
    alone = funding(["本年预算（万元）\t合计\t156.80", "其中：一般公共预算\t156.80"])
    assert (alone.total, alone.annual) == (Decimal("156.80"), None)


def test_a_department_forms_income_total():
    """`收入合计` heads a department form's income side (built t172)."""
    found = funding(["年度预算\t收入\t金额\t支出\t金额", "\t收入合计\t3265.40\t支出合计\t3265.40",
                     "\t财政拨款收入\t2980.40\t基本支出\t1842.60"])
    assert found.total == Decimal("3265.40")


def test_a_source_repeated_under_each_column_is_one_line():
    found = funding(["预算执行情况\t预算安排情况(调整后)\t资金到位情况\t资金执行情况",
                     "预算数\t6.84\t到位数\t6.84\t执行数\t6.84",
                     "其中:财政资金\t6.84\t其中:财政资金\t6.84\t其中:财政资金\t6.84"])
    assert [(line.source, line.amount) for line in found.lines] == [("财政拨款", Decimal("6.84"))]


def test_an_amount_wrapped_below_the_row_its_label_ends():
    """`…项目申报金额` ends a row of glued cells; `(万元)` and `2243.02` follow on lines of
    their own (wild 019)."""
    path = next(WILD_DIR.glob("019_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")[8:14]
    forms = extract_bytes("\n".join(lines).encode("utf-8"), "t.txt", "t", "t.txt").forms
    assert forms[0].funding.total == Decimal("2243.02")


GLUED_MATRIX = ["甲项目绩效自评表", "项目名称甲项目", "资金情况(万元)全年预算数全年执行数分值执行率得分",
                "年度资金总额{figures}", "一级指标二级指标三级指标分值年度指标值全年实际值得分",
                "产出指标数量指标受益人数10≥300人320人10"]


@pytest.mark.parametrize(("figures", "expected"), [
    # 20 | 20 | 10 | 100.00% | 10: the one cut where 执行数/预算数 is the rate and the score
    # is its points times the rate
    ("202010100.00%10", ("20", "20", "100.00")),
    # no cut explains it: nothing is made up, and no rate of 202010100 % either
    ("1111111111111111", (None, None, None)),
])
def test_a_glued_budget_matrix_row_is_cut_where_its_figures_agree(figures, expected):
    text = "\n".join(GLUED_MATRIX).format(figures=figures)
    found = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0].funding
    got = (found.total, found.executed, found.execution_rate) if found else (None, None, None)
    assert got == tuple(Decimal(v) if v else None for v in expected)


def test_a_blank_total_over_subtotals_and_their_parts_is_not_made_up():
    """合计 blank, `(一)…小计` lines over `1、…` lines: the total stays null (RECORD.md), and the
    warning adds the subtotals only, not each amount twice (wild 014)."""
    text = "\n".join(["甲项目绩效目标表", "项目名称\t甲项目", "项目资金(万元)\t年度资金总额\t金额(万元)",
                      "(一)财政拨款小计\t6.30", "1、一般公共预算\t6.30", "2、政府性基金\t0.00",
                      "(二)自有资金小计\t1.00", "1、事业收入\t1.00", "2. 前两年预算安排情况", *INDICATORS])
    form = extract_bytes(text.encode("utf-8"), "t.txt", "t", "t.txt").forms[0]
    assert form.funding.total is None
    # a numbered source the vocabulary does not name keeps its printed label; a numbered
    # heading with no amount is no line
    assert [line.source for line in form.funding.lines] == [
        "财政拨款", "一般公共预算", "政府性基金预算", "单位资金", "事业收入"]
    assert [w.message for w in form.warnings if w.code == "funding_total_missing"] == [
        "合计 is blank; the lines add up to 7.30"]


def test_a_matrix_total_row_is_not_followed_into_the_rows_under_it():
    """`年度资金总额` and its figures, then `其中：基本支出` and `项目支出` rows of their own:
    the total is the first row's (built s02), not the last row's."""
    found = funding(["部门资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
                     "\t年度资金总额\t1286.40\t1352.75\t1318.62\t10\t97.48%\t9.75",
                     "\t其中：基本支出\t986.40\t1006.83\t1006.83\t—\t—\t—",
                     "\t项目支出\t300.00\t345.92\t311.79\t—\t—\t—"])
    assert (found.total, found.executed, found.execution_rate) == (
        Decimal("1352.75"), Decimal("1318.62"), Decimal("97.48"))


def test_several_sources_on_one_row_are_one_line_each():
    """Cells one per line put a whole breakdown in one row: each label opens its own line,
    an empty one included; a source with its scope stays one line (built t03, wild 017)."""
    found = funding(["项目资金（万元）\t年度资金总额\t180.00",
                     "其中：中央补助\t120.00\t省级补助\t\t县级配套\t60.00"])
    assert [(line.scope, line.amount) for line in found.lines] == [
        ("上级", Decimal("120.00")), ("上级", None), ("本级", Decimal("60.00"))]
    one = funding(["资金总额\t265.50", "一般公共预算\t本级\t265.50"])
    assert [(line.source, line.scope, line.amount) for line in one.lines] == [
        ("一般公共预算", "本级", Decimal("265.50"))]


def test_labels_stacked_over_amounts_are_paired_by_their_columns():
    """`资金总额` merged down two header rows beside `按收入性质分` over `财政拨款 | 其他资金`
    (a Word or HTML table): each amount of the row under them takes the label whose columns
    cover it; `基本支出`/`项目支出` name no funding line."""
    html = ("<table><tr><td>部门名称</td><td colspan='5'>某县民政局</td></tr>"
            "<tr><td rowspan='3'>年度预算申请（万元）</td><td rowspan='2'>资金总额</td>"
            "<td colspan='2'>按收入性质分</td><td colspan='2'>按支出性质分</td></tr>"
            "<tr><td>财政拨款</td><td>其他资金</td><td>基本支出</td><td>项目支出</td></tr>"
            "<tr><td>5862.30</td><td>5632.30</td><td>230.00</td><td>1236.48</td><td>4625.82</td></tr>"
            "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan='3'>指标值</td></tr>"
            "<tr><td>产出指标</td><td>数量指标</td><td>低保对象人数</td><td colspan='3'>≥8000人</td></tr>"
            "</table>")
    page = f"<html><body><p>部门整体支出绩效目标表</p>{html}</body></html>".encode()
    funding = extract_bytes(page, "t.html", "t", "t.html").forms[0].funding
    assert funding.total == Decimal("5862.30")
    assert [(line.source, line.amount) for line in funding.lines] == [
        ("财政拨款", Decimal("5632.30")), ("其他资金", Decimal("230.00"))]


@pytest.mark.parametrize("gap", ["\t", "      "])
def test_labels_over_amounts_led_by_a_side_label_printed_over_both_rows(gap):
    """`年度` / `预算`: the block's side label, printed over the two lines, leads the labels
    and their amounts alike (built t127, an OCR program's text)."""
    found = funding([gap.join(["年度", "资金总额", "财政拨款", "其他资金"]),
                     gap.join(["预算", "1268.45", "1198.45", "70.00"])])
    assert found.total == Decimal("1268.45")
    assert [(line.source, line.amount) for line in found.lines] == [
        ("财政拨款", Decimal("1198.45")), ("其他资金", Decimal("70.00"))]


def test_labels_over_amounts_shifted_by_a_merge_flattening_left_out():
    """Pipe rows flattened from a page: `年度预算（万元）` merged down beside its labels, and the
    amounts row without the cell the merge covers: one label more than there are amounts,
    the first a heading; `基本支出`/`项目支出` pair too and name no funding line."""
    found = funding(["年度预算（万元） | 资金总额 | 财政拨款 | 其他资金 | 基本支出 | 项目支出 |",
                     "1862.70 | 1832.70 | 30.00 | 941.50 | 921.20 ||"])
    assert found.total == Decimal("1862.70")
    assert [(line.source, line.amount) for line in found.lines] == [
        ("财政拨款", Decimal("1832.70")), ("其他资金", Decimal("30.00"))]
