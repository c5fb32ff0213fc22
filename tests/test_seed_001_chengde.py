"""Sample 001 (承德高新区, one Word cell per line)."""

from __future__ import annotations

from decimal import Decimal


def test_department_form_first(documents):
    form = documents["001_c8ab50cc96e69180"].forms[0]
    assert form.kind == "department"
    assert form.fiscal_year == 2020
    assert len(form.indicators) == 9
    assert form.indicators[5].level2 == "可持续影响指标"  # printed 可持续性影响


def test_cells_spread_over_blank_lines_are_one_row(documents):
    form = documents["001_c8ab50cc96e69180"].forms[1]
    first = form.indicators[0]
    assert (first.name, first.description) == ("更新国家财政系统数据(次)", "财政系统应急物资库数量及资金盘点")
    assert (first.target.op, first.target.value, first.target.unit) == ("=", Decimal("1.00"), "次")
    text_row = form.indicators[2]
    assert text_row.target.op is None and text_row.target.text.startswith("参加市或区级卫生应急演练")
    assert [p.checkpoint for p in form.spending_plan] == ["3月底", "6月底", "10月底", "12月底"]
    assert [g.label for g in form.goals] == ["目标1", "目标2"]


def test_usage_text_totals(documents):
    forms = documents["001_c8ab50cc96e69180"].forms
    by_code = {f.project_code: f for f in forms}
    assert by_code["109-1001-YCN-SRWM"].funding.total == Decimal("8.75")
