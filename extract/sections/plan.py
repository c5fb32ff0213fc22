"""Spending plan: 资金支出计划（累计进度%） checkpoints and their cumulative %.

Contract: `parse_spending_plan(rows) -> (checkpoints, warnings, used row indices)`. The label row
names the checkpoints (`3月底 … 12月底`, `第一季度 …`); the next row holds the
percentages in the same order.
"""

from __future__ import annotations

from extract.normalise import parse_percent
from extract.rows import Row
from extract.vocab import label_key, vocabulary
from schemas.record import SpendingCheckpoint, Warning


def _is_plan_label(text: str) -> bool:
    key = label_key(text)
    return any(key.startswith(label_key(label))
               for label in vocabulary().section("spending_plan")["labels"])


def parse_spending_plan(rows: list[Row]) -> tuple[list[SpendingCheckpoint], list[Warning], set[int]]:
    for index, row in enumerate(rows):
        if not row.filled or not _is_plan_label(row.filled[0][1]):
            continue
        named = row.filled[1:]
        checkpoints = [text for _, text in named]
        following = rows[index + 1] if index + 1 < len(rows) else None
        values = _values_under(named, following) if following else []
        if not checkpoints or len(values) != len(checkpoints):
            unread = Warning(code="spending_plan_unread", line=row.line,
                             message="资金支出计划 found but its percentages could not be paired")
            return [], [unread], {index}
        plan = [SpendingCheckpoint(checkpoint=name, cumulative_pct=parse_percent(value))
                for name, value in zip(checkpoints, values, strict=True)]
        return plan, _check(plan, row.line), {index, index + 1}
    return [], [], set()


def _values_under(named: list[tuple[int, str]], row: Row) -> list[str]:
    """The percentages under the checkpoints: by column when the rows line up
    (a blank cell is a checkpoint without a figure), else in order."""
    if len(row.texts) >= named[-1][0] + 1 and any(row.texts[c] for c, _ in named):
        return [row.texts[column] for column, _ in named]
    return [text for _, text in row.filled]


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
