"""Sample 002 (高新区社会事务局, one Word cell per line, 6-column tables)."""

from __future__ import annotations

from decimal import Decimal


def test_byline_department_and_headings(documents):
    forms = documents["002_a3265b0de3e5410e"].forms
    assert forms[0].kind == "department" and forms[0].department == "高新区社会事务局"
    split = next(f for f in forms if f.lines[0] == 1515)
    assert split.title == "计生奖扶、特扶、关怀救助金区级配套项目绩效目标表"
    stray = next(f for f in forms if f.lines[0] == 1844)
    assert [w.code for w in stray.warnings][:1] == ["stray_heading"]


def test_prose_total_and_numbered_goals(documents):
    form = documents["002_a3265b0de3e5410e"].forms[2]
    assert form.funding.total == Decimal("368.55")
    assert [g.label for g in form.goals] == ["目标1", "目标2"]
