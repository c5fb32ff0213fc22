"""Normalisers, table-driven: each row is a printed value and what it must become."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from extract.normalise import (
    clean_text,
    figure_cuts,
    parse_amount,
    parse_date,
    parse_date_range,
    parse_number,
    parse_points,
    parse_target,
    same_glyphs,
    symbol_font,
    target_from_columns,
    whole_value,
)

TARGETS = [
    # raw, op, value, unit, text  (RECORD.md's table first)
    ("≥60次", ">=", "60", "次", None),
    ("100%.", "=", "100", "%", None),  # a speck read as a stop, or a sentence's stop
    ("≥90%。", ">=", "90", "%", None),
    ("≥0.9%o", ">=", "0.9", "‰", None),  # per mille as OCR reads it
    ("≤0.9%0", "<=", "0.9", "‰", None),  # … or with a zero for its last circle (built s119)
    ("≥95%08", None, None, None, "≥95%08"),  # a figure after it: no per mille
    ("〉85%", ">", "85", "%", None),  # `>` as a desktop OCR program reads it (built t133)
    ("〈良好〉", None, None, None, "〈良好〉"),  # brackets around words are no sign
    ("150元/台（套）", "=", "150", "元/台(套)", None),  # a compound unit, its alternative in brackets
    ("≥15万班次", ">=", "15", "万班次", None),  # a multiplier before a counter the vocabulary lacks
    ("2024年12月底前。", None, None, None, "2024年12月底前。"),
    ("不少于10家", ">=", "10", "家", None),
    ("大于等于90%", ">=", "90", "%", None),
    ("90%以上", ">=", "90", "%", None),
    ("＞300人", ">", "300", "人", None),
    ("≤66.4万", "<=", "66.4", "万", None),
    ("750元/人·月", "=", "750", "元/人·月", None),
    ("≤10/10万", "<=", "10", "/10万", None),  # a rate per 100,000 (孕产妇死亡率)
    ("≤8人/10万人口", "<=", "8", "人/10万人口", None),
    ("10/100", None, None, None, "10/100"),  # a fraction, no rate's unit
    ("100%", "=", "100", "%", None),
    ("1 0 0 %", "=", "100", "%", None),
    ("≥%90", ">=", "90", "%", None),
    ("显著提升", None, None, None, "显著提升"),
    ("不低于95%", ">=", "95", "%", None),
    ("≥ 90%", ">=", "90", "%", None),
    ("≤3万/块", "<=", "3", "万/块", None),
    ("≥2000人 次", ">=", "2000", "人次", None),
    ("5个工作日完成", None, None, None, "5个工作日完成"),
    ("2022年12月31日前", None, None, None, "2022年12月31日前"),
    ("每月20日前", None, None, None, "每月20日前"),
    ("个体≥5% 企业≥3%", None, None, None, "个体≥5% 企业≥3%"),
    ("90-100%", "range", "90", "%", None),
    ("90%-95%", "range", "90", "%", None),  # the unit on both bounds
    ("不低于18℃", ">=", "18", "℃", None),
    ("≥1.2万册次", ">=", "1.2", "万册次", None),
    ("90%～95%", "range", "90", "%", None),
    ("3-5个月", "range", "3", "个月", None),
    ("1-12月", None, None, None, "1-12月"),
    # letters an OCR engine printed for digits
    ("≥9O%", ">=", "90", "%", None),
    ("=>65吨", ">=", "65", "吨", None),  # ≥ and ≤ typed in ASCII the other way round
    ("=<5%", "<=", "5", "%", None),
    ("l00%", "=", "100", "%", None),
    ("O.5万元", "=", "0.5", "万元", None),
    ("100ml", "=", "100", "ml", None),
    ("COD≤50mg/L", None, None, None, "COD≤50mg/L"),
    ("10个", "=", "10", "个", None),
    ("0次", "=", "0", "次", None),
    ("100.00%", "=", "100.00", "%", None),
    ("20%以内", "<=", "20", "%", None),
    ("是", None, None, None, "是"),
    ("≥0.5个等级", ">=", "0.5", "个等级", None),
    ("≤2个百分点", "<=", "2", "个百分点", None),
    # a sentence's verb that links a name to its value compares by what closes the value
    ("达到95%以上", ">=", "95", "%", None),
    ("达到80%", "=", "80", "%", None),
    ("控制在1200元以内", "<=", "1200", "元", None),  # ≤ said twice, once each end
    ("不低于90%以下", None, None, None, "不低于90%以下"),  # two bounds that disagree
]


@pytest.mark.parametrize(("raw", "op", "value", "unit", "text"), TARGETS)
def test_parse_target(raw, op, value, unit, text):
    target = parse_target(raw)
    assert (target.op, target.value, target.unit, target.text) == (
        op, Decimal(value) if value else None, unit, text)
    assert target.raw == clean_text(raw)


@pytest.mark.parametrize(("symbol", "value", "unit", "expected"), [
    ("=", "1.00", "次", ("=", "1.00", "次", None)),
    ("≥", "90.00", "%", (">=", "90.00", "%", None)),
    ("＞=", "90.00", "%", (">=", "90.00", "%", None)),
    ("=", "100　", "合理规范", ("=", "100", "合理规范", None)),
    ("=", "　", "满足", (None, None, None, "满足")),
    ("文字描述", "", "通过开展此次工作", (None, None, None, "通过开展此次工作")),
    ("", "≥1.2", "万亩", (">=", "1.2", "万亩", None)),  # the value holds its comparator
    ("正向", "不低于12", "万亩", (">=", "12", "万亩", None)),  # a direction is no operator
    ("反向", "30", "元/亩", ("=", "30", "元/亩", None)),
    ("定性", "≥95", "%", (None, None, None, "≥95")),  # 定性 keeps it text, as printed
    ("定量", "100%", "%", ("=", "100", "%", None)),  # the unit printed in both cells (built t137)
])
def test_target_from_columns(symbol, value, unit, expected):
    target = target_from_columns(symbol, value, unit)
    got_value = format(target.value, "f") if target.value is not None else None
    assert (target.op, got_value, target.unit, target.text) == expected


@pytest.mark.parametrize(("op_column", "op"), [(True, None), (False, "=")])
def test_a_blank_operator_cell_is_no_operator(op_column, op):
    """`| | 90 | %` under a 指标性质 column: the sign was lost, not `=`; with no such column a
    bare number means `=`."""
    target = target_from_columns("", "90", "%", op_column=op_column)
    assert (target.op, target.value, target.unit) == (op, 90, "%")


@pytest.mark.parametrize(("raw", "amount", "converted"), [
    ("265.50", "265.50", False),
    ("774. 16", "774.16", False),
    ("4,000.00", "4000.00", False),
    ("232万元", "232", False),
    ("300", "300", False),
    ("3000元", "0.3", True),
    ("· IM IM/", None, False),
    ("", None, False),
    ("5632:30", "5632.30", False),  # OCR read the point as a colon
    ("12:00:00", None, False),
    # a note in brackets after the figure: its unit, or a remark (a budget system's `自动合计`)
    ("586.42 （自动合计）", "586.42", False),
    ("586.42（万元）", "586.42", False),
    ("5864200(元)", "586.42", True),
    ("586.42（其中上年结转资金已按规定全部纳入本年预算）", None, False),  # a sentence
])
def test_parse_amount(raw, amount, converted):
    got, was_yuan = parse_amount(raw)
    assert (format(got, "f") if got is not None else None, was_yuan) == (amount, converted)


@pytest.mark.parametrize(("raw", "number"), [
    ("25.00", "25.00"), ("4,000", "4000"), ("7.87", "7.87"),
    (".7.87", "7.87"),  # a scanner speck read as a point before the number
    ("·9.5", "9.5"),
    (".5", None), ("7.8.7", None), ("", None), ("约5", None),
])
def test_parse_number(raw, number):
    got = parse_number(raw)
    assert (format(got, "f") if got is not None else None) == number


@pytest.mark.parametrize(("raw", "points"), [
    ("10", "10"), ("4.84", "4.84"), ("·9.5", "9.5"),
    ("10.", "10"), ("5·", "5"),  # a speck after a whole number (built s50, a scan)
    ("4.8.", None), ("约5", None), (None, None),
])
def test_parse_points(raw, points):
    got = parse_points(raw)
    assert (format(got, "f") if got is not None else None) == points


@pytest.mark.parametrize(("raw", "iso"), [
    ("2022.1.1", "2022-01-01"),
    ("2022. 12. 31", "2022-12-31"),
    ("2022年1月", "2022-01"),
    ("2022.12", "2022-12"),
    ("2020", "2020"),
    ("2023年", "2023"),
    ("无", None),
])
def test_parse_date(raw, iso):
    assert parse_date(raw) == iso


def test_parse_date_range():
    assert parse_date_range("2023. 01. 01-2023. 12. 31") == ("2023-01-01", "2023-12-31")


@pytest.mark.parametrize(("raw", "clean"), [
    ("合 计", "合计"),
    ("项目(工程) 验收合格率", "项目(工程) 验收合格率"),
    ("市场主体 抽查率", "市场主体抽查率"),
    ("  a\t\tb  ", "a b"),
    ('"及时更新储备', "及时更新储备"),
    ("<u>数量</u> 指标", "数量指标"),
    ("100\u3000", "100"),
    ("项\u2f6c名称", "项目名称"),  # a PDF font's Kangxi radical EYE for 目
    # a converter's Markdown bolds a cell and keeps comments; masked figures keep their stars
    ("**一级指标**", "一级指标"),
    ("__年度指标值__", "年度指标值"),
    ("<!-- image -->", ""),
    ("≤**元/户", "≤**元/户"),
    ("**.**", "**.**"),
    ("3581.**", "3581.**"),
    # … and words bolded inside a cell (built t219, s76), never a masked figure's stars
    ("**2025** 年部门整体支出绩效目标表", "2025 年部门整体支出绩效目标表"),
    ("附件3 **项目支出绩效自评表** （2024年度）", "附件3 项目支出绩效自评表（2024年度）"),
    ("种植数量(≥**株)，成活率(≥**%)", "种植数量(≥**株)，成活率(≥**%)"),
    ("2**20**1", "2**20**1"),
    # a quotation opened at a cell's end or closed at its start is an OCR engine's speck
    ("效益指标“", "效益指标"),
    ("”新增项目", "新增项目"),
    ("农村公路“路长制”覆盖率", "农村公路“路长制”覆盖率"),
    # a dot before a cell's first word or comparator is a scanner's speck (built t177) …
    (".补贴资金发放准确率", "补贴资金发放准确率"),
    ("・≤24小时", "≤24小时"),
    ("， >>85%", ">>85%"),  # a comma before a comparator too (built s97)
    # … but not a decimal point, a wrapped line's comma or a unit's or a name's dot
    (".5万元", ".5万元"),
    ("、低保人员", "、低保人员"),
    ("，低保人员", "，低保人员"),
    ("·月", "·月"),
    # what a data library writes for an empty cell is empty (built t207, markitdown's pandas) …
    ("NaN", ""), ("nan", ""), ("<NA>", ""), ("Unnamed: 3", ""), ("None", ""),
    # … but a word that holds one is a word
    ("Nano卫星", "Nano卫星"), ("NaN值", "NaN值"),
    # a cell's line break a converter wrote as a backslash and an `n`
    ("年度\\n绩效目标", "年度绩效目标"),
    ("年度预算\\n（万元）", "年度预算（万元）"),
    ("C:\\new", "C:\\new"),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(("joined", "whole"), [
    # a whole value never opens with a stop or a pause: a scanner's speck (built t184, s74)
    ("。汶调县住房和城乡建设局", "汶调县住房和城乡建设局"),
    ("，年度治理任务完成时间", "年度治理任务完成时间"),
    (": 0932-6184273", "0932-6184273"),
    ("、 低保人员覆盖率", "低保人员覆盖率"),
    # … nor does any of these lose a mark: inside, at the end, or before no word
    ("资金使用合规，及时", "资金使用合规，及时"),
    ("救助效果明显。", "救助效果明显。"),
    ("，", "，"),
    ("……", "……"),
    (".5万元", ".5万元"),
])
def test_whole_value_opens_with_no_stop(joined, whole):
    assert whole_value(joined) == whole


@pytest.mark.parametrize(("pulled", "printed"), [
    ("项⽬⽀出绩效⽬标表", "项目支出绩效目标表"),  # Kangxi radicals (U+2F6C, U+2F40)
    ("主管部⻔", "主管部门"),  # CJK Radicals Supplement, C-SIMPLIFIED GATE
    ("⻓期⽬标 ⼀次性", "长期目标 一次性"),
    ("⺀⻌", "⺀⻌"),  # a radical that is no whole character stays as it is
    ("项目（工程）≥90%", "项目（工程）≥90%"),  # nothing else is touched, full-width brackets included
    # the Symbol font's signs a converter left as their private-use codes, its name lost
    ("\uf0b395%", "≥95%"), ("\uf0a330天", "≤30天"), ("\uf0fc完成", "\uf0fc完成"),
])
def test_radicals_a_font_put_for_characters_read_as_the_characters(pulled, printed):
    assert same_glyphs(pulled) == printed


@pytest.mark.parametrize(("typed", "drawn"), [
    ("³95%", "≥95%"), ("£30天", "≤30天"), ("¹0", "≠0"), ("30", "30"), ("\uf0b3", "≥"),
])
def test_text_set_in_the_symbol_font_as_it_draws(typed, drawn):
    assert symbol_font(typed) == drawn


@given(st.text())
def test_normalisers_never_raise(text):
    """Any input: a target, an amount or None — never an exception."""
    parse_target(text)
    parse_amount(text)
    parse_date(text)
    assert clean_text(clean_text(text)) == clean_text(text)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
       st.sampled_from(["%", "人", "次", "万元", "元/人·月"]),
       st.sampled_from([("≥", ">="), ("不少于", ">="), ("≤", "<="), ("", "=")]))
def test_quantitative_targets_round_trip(number, unit, comparator):
    word, op = comparator
    target = parse_target(f"{word}{number}{unit}")
    assert (target.op, target.value, target.unit) == (op, number, unit)


@pytest.mark.parametrize(("text", "count", "expected"), [
    ("901010010", 4, ["90", "10", "100", "10"]),  # among the cuts
    ("100.00%10", 2, ["100.00%", "10"]),
    ("010", 2, None),  # no leading zeros: `0 | 10` only
])
def test_figure_cuts(text, count, expected):
    cuts = list(figure_cuts(text, count))
    if expected is None:
        assert cuts == [["0", "10"]]
    else:
        assert expected in cuts
    assert all("".join(cut) == text for cut in cuts)


def test_figure_cuts_of_a_long_run_end_at_once():
    assert list(figure_cuts("1" * 1000, 4)) == []


def test_figure_cuts_with_the_rate_at_one_place():
    """`percent_at`: the figure at that index ends in `%`, no other does; the same cuts as
    filtering every cut afterwards."""
    text, count = "202010100.00%10", 5
    every = [cut for cut in figure_cuts(text, count)
             if [part.endswith("%") for part in cut] == [False, False, False, True, False]]
    assert list(figure_cuts(text, count, 3)) == every and ["20", "20", "10", "100.00%", "10"] in every
    assert list(figure_cuts("2020101000010", count, 3)) == []  # no `%`: no rate, no cut


def _every_cut(text: str, count: int, percent_at: int | None) -> list[list[str]]:
    """Brute force: every way to place `count - 1` cuts, kept where each part is a figure."""
    figure = regex.compile(r"(?:0|0\.\d+|[1-9]\d*(?:\.\d+)?)%?")
    found = []
    for places in combinations(range(1, len(text)), count - 1):
        bounds = (0, *places, len(text))
        parts = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        if all(figure.fullmatch(part) and len(part) <= 12 for part in parts) and \
                (percent_at is None or [p.endswith("%") for p in parts]
                 == [k == percent_at for k in range(count)]):
            found.append(parts)
    return found


@given(st.text(alphabet="0123456789.%1", min_size=1, max_size=14), st.integers(1, 4),
       st.sampled_from([None, 0, 1, 2, 3]))
def test_figure_cuts_are_every_cut_in_order(text, count, percent_at):
    """The search skips only heads whose rest cannot be cut: the same cuts, in the same
    order, as trying every place."""
    if percent_at is not None and percent_at >= count:
        return
    assert list(figure_cuts(text, count, percent_at)) == _every_cut(text, count, percent_at)


@pytest.mark.parametrize(("text", "unit"), [
    ("万头(只)", True), ("头（只）", True), ("万头", True), ("元/人·月", True), ("万元/公里", True),
    ("时间", False), ("数量", False), ("人(次数)", False),
])
def test_a_unit_cell_with_a_multiplier_or_an_alternative_in_brackets(text, unit):
    """A 度量单位 cell: units joined, a multiplier before (`万头`), an alternative unit in
    brackets after (`万头(只)`); words that only contain a unit are none."""
    from extract.normalise import is_unit
    assert is_unit(text, strict=True) is unit
