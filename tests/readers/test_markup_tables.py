"""Tables in wiki markup (MediaWiki, AsciiDoc): read by their markup, spans and all."""

from __future__ import annotations

import pytest

from extract.pipeline import extract_bytes
from extract.readers.markup_tables import read
from extract.readers.text import read_text

MEDIAWIKI = """'''项目支出绩效目标表'''

{| class="wikitable"
|-
! colspan="2" | 项目名称
! colspan="2" | 甲县农村公路养护项目
|-
| 一级指标 || 二级指标 || 三级指标 || 指标值
|-
| rowspan="3" style="text-align: center;"| 产出指标
| rowspan="2" | 数量指标
| 养护里程
| ≥1260公里
|-
| 修补面积
| ≥4.8万
平方米
|-
| 质量指标
| 验收合格率
| 100%
|-
| '''满意度指标'''
| 服务对象满意度指标
| 群众满意度
| ≥90%
|}

填报人：张三
"""

ASCIIDOC = """*项目支出绩效目标表*

[width="100%",cols="^25%,^25%,^25%,^25%",options="header",]
|===
2+^|项目名称 2+|甲县农村公路养护项目
^|一级指标 ^|二级指标 ^|三级指标 ^|指标值
.3+^|产出指标 .2+^|数量指标 ^|养护里程 ^|≥1260公里

^|修补面积 ^|≥4.8万平方米

^|质量指标 ^|验收合格率 ^|100%
^|满意度指标 ^|服务对象满意度指标 ^|群众满意度 a|
≥90%
|===
"""

ROWS = [("产出指标", "数量指标", "养护里程", "≥1260公里"),
        ("产出指标", "数量指标", "修补面积", "≥4.8万平方米"),
        ("产出指标", "质量指标", "验收合格率", "100%"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]


@pytest.mark.parametrize(("text", "layout"), [(MEDIAWIKI, "mediawiki_table"), (ASCIIDOC, "asciidoc_table")])
def test_a_wiki_table_is_read_by_its_markup(text, layout):
    document = extract_bytes(text.encode(), "form.txt", "form", "form.txt")
    assert document.source.layout == layout
    (form,) = document.forms
    assert form.project_name == "甲县农村公路养护项目"
    assert [(i.level1, i.level2, i.name, i.target.raw) for i in form.indicators] == ROWS


def test_spans_place_the_cells_and_rows_fill_to_the_tables_width():
    grid = read(ASCIIDOC.splitlines(), read_text)
    (table,) = grid.tables()
    placed = {(c.row, c.col): (c.text, c.row_span, c.col_span) for c in table.cells}
    assert placed[(0, 0)] == ("项目名称", 1, 2) and placed[(0, 2)] == ("甲县农村公路养护项目", 1, 2)
    assert placed[(2, 0)] == ("产出指标", 3, 1) and placed[(2, 1)] == ("数量指标", 2, 1)
    assert placed[(3, 2)] == ("修补面积", 1, 1) and placed[(4, 1)] == ("质量指标", 1, 1)
    assert placed[(5, 3)][0] == "≥90%"
    assert [b.text for b in grid.blocks if not hasattr(b, "cells")][0] == "项目支出绩效目标表"


@pytest.mark.parametrize("text", [
    "一级指标 | 二级指标\n产出指标 | 数量指标\n",  # pipes, no markup
    "{| class=wikitable\n| 一级指标 || 二级指标\n",  # never closed
    "|===\n| 一级指标 | 二级指标\n",  # one fence
])
def test_text_without_a_whole_markup_table_is_left_to_the_text_layouts(text):
    assert read(text.splitlines(), read_text) is None
