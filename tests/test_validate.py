"""Validation: what looks wrong in a form becomes a warning, never a silent fix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.normalise import parse_target
from extract.validate import form_warnings
from schemas.record import Form, Funding, Indicator, met


def indicator(name: str, target: str, actual: str | None = None, weight: str | None = None,
              score: str | None = None, level1: str = "产出指标",
              level1_raw: str | None = None, line: int = 10) -> Indicator:
    return Indicator(level1=level1, level1_raw=level1_raw, level2="数量指标", name=name,
                     target=parse_target(target), actual=parse_target(actual) if actual else None,
                     weight=Decimal(weight) if weight else None,
                     score=Decimal(score) if score else None, line=line)


def form(indicators: list[Indicator], **fields) -> Form:
    return Form(form_id="t#1", kind="project", project_name="甲", lines=(1, 20),
                indicators=indicators, form_type=fields.pop("form_type", "self_evaluation"),
                **fields)


def codes(warnings) -> list[str]:
    return [w.code for w in warnings]


def test_score_over_weight_and_points_that_do_not_add_up():
    rows = [indicator("受益人数", "≥300人", "310人", "10", "12", level1_raw="产出指标(30分)"),
            indicator("覆盖率", "100%", "100%", "10", "10")]
    warnings = form_warnings(form(rows))
    assert "score_over_weight" in codes(warnings)
    assert "weights_not_points" in codes(warnings)  # 10 + 10 printed as 30 points


def test_overall_score_against_rows_and_budget_execution():
    rows = [indicator("受益人数", "≥300人", "310人", "50", "50"),
            indicator("覆盖率", "100%", "90%", "40", "30")]
    assert "self_score_mismatch" in codes(form_warnings(form(rows, self_score=Decimal("95"))))
    assert "self_score_mismatch" not in codes(
        form_warnings(form(rows, self_score=Decimal("90")), execution_score=Decimal("10")))


def test_execution_rate_against_executed_over_budget():
    funding = Funding(total=Decimal("300"), executed=Decimal("259.45"),
                      execution_rate=Decimal("95"))
    assert "execution_rate_mismatch" in codes(form_warnings(form([], funding=funding)))
    funding = Funding(total=Decimal("300"), executed=Decimal("259.45"),
                      execution_rate=Decimal("86.5"))
    assert "execution_rate_mismatch" not in codes(form_warnings(form([], funding=funding)))


def test_printed_judgement_against_target_and_actual():
    rows = [indicator("受益人数", "≥300人", "280人"), indicator("覆盖率", "100%", "100%")]
    warnings = form_warnings(form(rows), judgements=["完成", "完成"])
    assert codes(warnings).count("judgement_disagrees") == 1


def test_ocr_comparator_and_excel_serial_are_flagged():
    rows = [indicator("培训人次", ">>300人次"), indicator("资金到位时间", "44561"),
            indicator("合格率", "≥9O%"), indicator("病害", "COD≤5Omg")]
    warnings = form_warnings(form(rows, form_type="target"))
    assert {"op_from_ocr", "excel_date_serial"} <= set(codes(warnings))
    assert codes(warnings).count("digits_from_ocr") == 1  # read as ≥ 90 %; the sentence is text


MET = [("≥300人", "310人", True), ("≥300人", "280人", False), ("≤5300元/户", "5830元/户", False),
       ("100%", "100%", True), ("100%", "98%", False), (">90%", "90%", False),
       ("90-100%", "95%", None), ("≥90%", "达标", None), ("显著提升", "显著提升", None),
       ("≥300人", "310户", None)]


@pytest.mark.parametrize(("target", "actual", "expected"), MET)
def test_met_is_derived_from_target_and_actual_only(target, actual, expected):
    assert met(parse_target(target), parse_target(actual)) is expected
