"""Sample 003 (汉阳区, damaged OCR of PDF tables)."""

from __future__ import annotations

import re
from decimal import Decimal


def test_forms_and_layout(documents):
    document = documents["003_cbb24fcc5451dbad"]
    assert document.source.layout == "pdf_layout"
    assert [(f.kind, f.lines[0]) for f in document.forms] == [
        ("project", 37), ("project", 103), ("department", 181), ("department", 357)]
    assert document.forms[0].funding.total == Decimal("774.16")


def test_history_columns(documents):
    form = documents["003_cbb24fcc5451dbad"].forms[2]
    row = next(i for i in form.indicators if i.line == 297)
    assert row.scope == "annual"
    assert row.history == {"前年": "100.00%", "上年": "100.00%"}
    assert (row.target.op, row.target.value, row.target.unit) == ("=", Decimal("100"), "%")


def test_rows_not_read_are_reported_with_their_lines(documents):
    """The activity table (项目支出明细测算, rows on lines 131-135) has no place in the record:
    each of its lines falls inside an unplaced_row warning's range. (Line 136 is the next
    block's heading, `项 | 目采购` cut at a gap: a known label, not reported.)"""
    form = documents["003_cbb24fcc5451dbad"].forms[1]
    spans = []
    for warning in form.warnings:
        if warning.code == "unplaced_row":
            found = re.match(r"lines? (\d+)(?:-(\d+))?", warning.message)
            assert found and int(found.group(1)) == warning.line
            spans.append((int(found.group(1)), int(found.group(2) or found.group(1))))
    assert all(any(first <= line <= last for first, last in spans) for line in range(131, 136))


def test_headings_and_cells_cut_at_a_gap_are_joined(documents):
    """The first form's annual table prints `三级指 | 标`, `预计当 | 4年实现` and its cells the
    same way (`住院救助 | 人次数`, `≥ 20 | 00人次` on line 89): read whole, with the
    current-year column as the target and 前年/上年 as history. (Its level labels, damaged
    and centred between rows, are not asserted.)"""
    form = documents["003_cbb24fcc5451dbad"].forms[0]
    row = next(i for i in form.indicators if i.line == 89)
    assert row.name == "住院救助人次数"
    assert (row.target.op, row.target.value, row.target.unit) == (">=", Decimal("2000"), "人次")
    assert row.history == {"前年": "≥2000人次", "上年": "≥2000人次"}
