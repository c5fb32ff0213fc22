"""Layout families on small hand-made texts, including the ones the seeds lack."""

from __future__ import annotations

from extract.layout import build_rows, regions
from extract.layouts import cell_lines, tab_rows


def test_tab_pipe_and_space_rows():
    rows = tab_rows.to_rows(["项目名称\t城市低保金\t单位编码\t402001",
                             "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
                             "产出指标    数量指标    受益人数    ≥300人",
                             "填报人: 张三"], 1)
    assert rows[0].texts == ["项目名称", "城市低保金", "单位编码", "402001"]
    assert rows[1].texts == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert rows[2].texts == ["产出指标", "数量指标", "受益人数", "≥300人"]
    assert rows[3].is_text and [r.line for r in rows] == [1, 2, 3, 4]


def test_cell_lines_quotes_and_continuations():
    lines = ["\t产出指标", "\t数量指标", '\t"第一行', "", "第二行\"", "", "\t=", "\t1.00",
             "\t次", "", "项目说明：基本情况", "续行"]
    rows = cell_lines.to_rows(lines, 10)
    assert rows[0].texts == ["产出指标", "数量指标", "第一行第二行"]
    assert rows[1].texts == ["=", "1.00", "次"] and rows[1].line == 16
    assert rows[2].is_text and rows[2].texts == ["项目说明：基本情况"]


def test_mixed_file_is_read_per_region():
    lines = ["\t项目编码", "\tA-1", "\t项目名称", "\t甲", "",
             "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t人数\t10人"]
    assert [family for family, *_ in regions(lines)] == ["cell_lines", "tab_rows"]
    layout, rows = build_rows(lines)
    assert layout == "mixed"
    assert rows[0].texts == ["项目编码", "A-1", "项目名称", "甲"]
    assert rows[-1].texts == ["产出指标", "数量指标", "人数", "10人"]
