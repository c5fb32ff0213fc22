"""PDF text read column by column (`pdftotext` without `-layout`): rows put back in order."""

from __future__ import annotations

from extract.grid import TableBlock
from extract.pipeline import extract_bytes
from extract.readers.build import cell
from extract.readers.column_order import in_row_order
from extract.readers.text import read_text

HEAD = ["项目支出绩效目标表", "（2025年度）", "", "项目名称", "", "甲县农村供水保障项目", "",
        "主管部门", "", "甲县水利局", ""]


def _rows(lines: list[str]) -> list[tuple[str | None, str | None, str, str | None]]:
    record = extract_bytes("\n".join(HEAD + lines).encode(), "plain.txt", "plain", "plain.txt")
    return [(row.level1, row.level2, row.name, row.target.raw if row.target else None)
            for form in record.forms for row in form.indicators]


def test_names_and_values_in_runs_are_paired_in_order_under_the_label_printed_before():
    # two names, then their two values; the labels of a group where its block fell
    lines = ["一级指标", "二级指标", "三级指标", "新建集中供水工程数量", "受益人口数量", "指标值", "≥6处",
             "≥1200人", "数量指标", "产出指标", "质量指标", "供水工程验收合格", "率", "水质检测达标率",
             "100%", "≥95%", "效益指标", "社会效益指标", "农村饮水安全保障水平", "持续提升", "填报人：张三"]
    assert _rows(lines) == [
        ("产出指标", "数量指标", "新建集中供水工程数量", "≥6处"),
        ("产出指标", "数量指标", "受益人口数量", "≥1200人"),
        ("产出指标", "质量指标", "供水工程验收合格率", "100%"),
        ("产出指标", "质量指标", "水质检测达标率", "≥95%"),
        ("效益指标", "社会效益指标", "农村饮水安全保障水平", "持续提升"),
    ]


def test_labels_stacked_before_their_rows_share_them_by_what_the_rows_say():
    # `数量指标` and `质量指标` came out together: the units and the names' words split the rows
    lines = ["一级指标", "二级指标", "三级指标", "指标值", "数量指标", "产出指标", "质量指标", "新建供水工程",
             "改造供水管网长度", "12处", "≥36.5公里", "竣工验收合格率", "100%", "水质达标率", "≥95%",
             "时效指标", "项目完成时间", "2025年10月底前", "检测报告出具及时率", "100%"]
    rows = _rows(lines)
    assert [(name, level2) for _l1, level2, name, _v in rows] == [
        ("新建供水工程", "数量指标"), ("改造供水管网长度", "数量指标"), ("竣工验收合格率", "质量指标"),
        ("水质达标率", "质量指标"), ("项目完成时间", "时效指标"),
        ("检测报告出具及时率", "时效指标")]
    assert rows[1][3] == "≥36.5公里" and rows[4][3] == "2025年10月底前"


def test_rows_already_in_order_are_left_as_they_came():
    texts = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "受益人数", "≥300人",
             "质量指标", "验收合格率", "100%", "时效指标", "完成时间", "2025年底前"]
    cells = [cell(0, 0, text, number) for number, text in enumerate(texts, 1)]
    ordered, moved = in_row_order(cells)
    assert not moved and ordered is cells


def test_unequal_names_and_values_are_left_as_they_came():
    # a value missing: pairing by order would shift every row after it
    lines = ["一级指标", "二级指标", "三级指标", "受益人数", "新建工程数量", "指标值", "≥300人", "数量指标",
             "产出指标", "验收合格率", "100%", "完成时间"]
    blocks = [block for block in read_text(lines).blocks if isinstance(block, TableBlock)]
    assert [c.text for block in blocks for c in block.cells if c.text][:6] == \
        ["一级指标", "二级指标", "三级指标", "受益人数", "新建工程数量", "指标值"]
