"""Sample 000 (柳北区, tab rows): exact rows of its hardest forms."""

from __future__ import annotations

from decimal import Decimal


def test_form_spans_and_titles(documents):
    forms = documents["000_78038c64ab0faba2"].forms
    assert [f.lines[0] for f in forms] == [3, 49, 95, 143, 187, 226, 272, 321]
    assert {f.title for f in forms} == {"部门预算项目支出绩效目标申报表"}
    assert all(f.fiscal_year == 2022 for f in forms)


def test_header_amount_and_blank_total(documents):
    forms = documents["000_78038c64ab0faba2"].forms
    assert forms[1].funding.total == Decimal("232")
    assert forms[5].funding.total is None
    assert any(w.code == "funding_total_missing" for w in forms[5].warnings)


def test_pension_form_rows_out_of_place(documents):
    form = documents["000_78038c64ab0faba2"].forms[4]
    assert form.project_name == "城乡居民基础养老金、缴费补贴及工"
    rows = [(i.level1, i.level2, i.line) for i in form.indicators]
    assert rows[-3:] == [("效益指标", "社会效益指标", 214), ("效益指标", "可持续影响指标", 215),
                         ("满意度指标", "服务对象满意度指标", 216)]
    assert form.period.start == "2020" and form.period.end == "2022"


def test_public_health_form_numbering_and_cost_level1(documents):
    form = documents["000_78038c64ab0faba2"].forms[7]
    assert form.attributes.continuity == "continuing"
    assert form.attributes.recurrence == "recurring"
    names = [i.name for i in form.indicators]
    assert "指标1" not in names and len(names) == 15
    cost = next(i for i in form.indicators if i.line == 356)
    assert "成本指标" in (cost.level1, cost.level2)  # printed out of place: which level is moot
    assert [g.label for g in form.goals if g.scope == "mid_term"] == ["2022年", "2023年", "2024年"]
