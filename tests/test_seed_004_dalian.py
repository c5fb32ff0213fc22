"""Sample 004 (大连高新区, tab rows, two-sided money block)."""

from __future__ import annotations

from decimal import Decimal


def test_document_department_and_two_sided_money(documents):
    forms = documents["004_1c981b526f6e6f3d"].forms
    assert all(f.department == "大连高新技术产业园区卫生健康局" for f in forms)
    covid = forms[4]
    assert (covid.funding.total, covid.funding.annual) == (Decimal("4000.00"), Decimal("4000.00"))
    assert [(line.source, line.amount) for line in covid.funding.lines] == [
        ("财政拨款", Decimal("4000.00")), ("其他资金", None)]
    assert (covid.period.start, covid.period.end) == ("2023-01-01", "2023-12-31")
    assert [g.scope for g in covid.goals] == ["overall", "annual"]


def test_missing_level1_and_shifted_labels(documents):
    forms = documents["004_1c981b526f6e6f3d"].forms
    equipment = forms[3]
    shifted = next(i for i in equipment.indicators if i.line == 110)
    assert (shifted.level1, shifted.level2, shifted.name) == ("效益指标", "社会效益指标", "设备利用率")
    assert any(w.code == "indicator_without_target" and w.line == 110 for w in equipment.warnings)
    covid = forms[4]
    row = next(i for i in covid.indicators if i.line == 138)
    assert (row.level1, row.level2, row.target.text) == ("效益指标", "生态效益指标", "逐步提高")
