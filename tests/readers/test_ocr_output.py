"""tesseract's TSV and ALTO XML: an OCR engine's words laid back out by their boxes and read as a page."""

from __future__ import annotations

from extract.pipeline import extract_bytes
from extract.readers.ocr_output import laid_out_lines

# (line's top, [(left, word)]): a printed form's lines as an engine boxes them, 40 px a line
PAGE = [
    (100, [(400, "项目支出绩效目标表")]),
    (200, [(100, "项目名称"), (500, "甲县农村公路养护项目")]),
    (300, [(100, "一级指标"), (400, "二级指标"), (700, "三级指标"), (1000, "指标值")]),
    (400, [(100, "产出指标"), (400, "数量指标"), (700, "养护里程"), (1000, "≥1260公里")]),
    (500, [(700, "修补面积"), (1000, "≥4.8万平方米")]),
    (600, [(400, "质量指标"), (700, "验收合格率"), (1000, "100%")]),
    (700, [(400, "时效指标"), (700, "完工时间"), (1000, "2025年底前")]),
    (800, [(100, "满意度指标"), (400, "服务对象满意度指标"), (700, "群众满意度"), (1000, "≥90%")]),
]
HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv() -> str:
    """The engine's rows: a line (level 4), then its words (level 5), each line a block of
    its own, in an order that is not the page's (the last line first)."""
    rows = [HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3500\t-1\t"]
    for block, (top, words) in reversed(list(enumerate(PAGE, 1))):
        rows.append(f"4\t1\t{block}\t1\t1\t0\t100\t{top}\t1200\t40\t-1\t")
        for number, (left, word) in enumerate(words, 1):
            width = 40 * len(word)
            rows.append(f"5\t1\t{block}\t1\t1\t{number}\t{left}\t{top + 2}\t{width}\t36\t91.5\t{word}")
    return "\n".join(rows) + "\n"


def _alto() -> str:
    lines = "".join(
        f'<TextLine HPOS="100" VPOS="{top}" WIDTH="1200" HEIGHT="40">'
        + "".join(f'<String CONTENT="{word}" HPOS="{left}" VPOS="{top}" WIDTH="{40 * len(word)}" '
                  f'HEIGHT="36"/><SP/>' for left, word in words) + "</TextLine>"
        for top, words in PAGE)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">'
            f'<Layout><Page ID="page_0"><PrintSpace><TextBlock>{lines}</TextBlock></PrintSpace></Page>'
            "</Layout></alto>\n")


def test_tesseract_tsv_and_alto_read_as_the_page_they_box():
    for text, reader in ((_tsv(), "tesseract_tsv"), (_alto(), "alto_ocr")):
        laid_out, name = laid_out_lines(text.splitlines())
        assert name == reader
        assert [line.split() for line in laid_out if line.strip()][2:4] == [
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥1260公里"]]
        document = extract_bytes(text.encode(), "scan.tsv", "scan", "scan.tsv")
        assert document.source.layout == reader
        (form,) = document.forms
        assert form.project_name == "甲县农村公路养护项目"
        assert [(i.level2, i.name, i.target.raw) for i in form.indicators] == [
            ("数量指标", "养护里程", "≥1260公里"), ("数量指标", "修补面积", "≥4.8万平方米"),
            ("质量指标", "验收合格率", "100%"), ("时效指标", "完工时间", "2025年底前"),
            ("服务对象满意度指标", "群众满意度", "≥90%")]


def test_other_text_and_other_xml_are_not_ocr_output():
    assert laid_out_lines(["level\tpage_num", "1\t1"]) is None
    assert laid_out_lines(['<?xml version="1.0"?>', "<note>plain XML</note>"]) is None
    assert laid_out_lines([HEADER, "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\t字"]) is None  # too few words
    assert laid_out_lines(['<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY x "y">]><alto/>']) is None
