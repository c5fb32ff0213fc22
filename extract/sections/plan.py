"""Spending plan: 资金支出计划（累计进度%） checkpoints and their cumulative %.

The label row names the checkpoints (`3月底 … 12月底`, `第一季度 …`); the next
row holds the percentages in the same order. A label that stands alone, or
percentages that cannot be paired, give a warning, never a guess.
"""

from __future__ import annotations

from extract.normalise import parse_percent
from extract.sections.common import FormView, SectionResult, tags_of
from extract.split import filled
from schemas.record import SpendingCheckpoint, Warning


def read(form: FormView) -> SectionResult:
    result = SectionResult(values={"spending_plan": []})
    rows = list(form.rows())
    for index, row in enumerate(rows):
        cells = filled(row)
        if not cells or not tags_of(cells[0]).plan:
            continue
        checkpoints = cells[1:]
        following = filled(rows[index + 1]) if index + 1 < len(rows) else []
        values = [cell for cell in following if parse_percent(cell.text) is not None]
        result.claim(*cells)
        if not checkpoints or len(values) != len(checkpoints):
            result.warnings.append(Warning(
                code="spending_plan_unread", line=cells[0].line,
                message="资金支出计划 found but its percentages could not be paired"))
            return result
        result.claim(*following)
        plan = [SpendingCheckpoint(checkpoint=name.text, cumulative_pct=parse_percent(value.text))
                for name, value in zip(checkpoints, values, strict=True)]
        result.values["spending_plan"] = plan
        result.warnings.extend(_check(plan, cells[0].line))
        return result
    return result


def _check(plan: list[SpendingCheckpoint], line: int) -> list[Warning]:
    values = [point.cumulative_pct for point in plan if point.cumulative_pct is not None]
    warnings = []
    if any(later < earlier for earlier, later in zip(values, values[1:], strict=False)):
        warnings.append(Warning(code="spending_plan_decreasing", line=line,
                                message="cumulative spending plan decreases: "
                                        + ", ".join(str(v) for v in values)))
    if any(value > 100 for value in values):
        warnings.append(Warning(code="spending_plan_over_100", line=line,
                                message="cumulative spending plan passes 100%"))
    return warnings
