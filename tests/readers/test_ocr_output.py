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


def test_tesseract_rules_and_copied_lines_do_not_run_into_the_headings():
    """A ruled line read as `|` between two close headings parts them (without it their
    gap is one cell's); a copy of the heading line's tops, read less surely, is dropped."""
    rows = [HEADER]
    for block, (top, words) in enumerate(PAGE, 1):
        rows.append(f"4\t1\t{block}\t1\t1\t0\t100\t{top}\t1200\t40\t-1\t")
        if top == 300:  # the heading line: cells set close, a rule read between each two
            words = [(100, "一级指标"), (265, "|"), (280, "二级指标"), (445, "|"), (460, "三级指标"),
                     (625, "|"), (640, "指标值")]
        for number, (left, word) in enumerate(words, 1):
            width = 10 if word == "|" else 40 * len(word)
            rows.append(f"5\t1\t{block}\t1\t1\t{number}\t{left}\t{top + 2}\t{width}\t36\t91.5\t{word}")
    rows.append("4\t1\t99\t1\t1\t0\t100\t296\t800\t20\t-1\t")  # the copy, read over the headings
    for number, (left, word) in enumerate([(110, "乡"), (300, "虽"), (660, "标")], 1):
        rows.append(f"5\t1\t99\t1\t1\t{number}\t{left}\t296\t30\t20\t40.0\t{word}")
    laid_out, _ = laid_out_lines("\n".join(rows).splitlines())
    assert ["一级指标", "二级指标", "三级指标", "指标值"] in [line.split() for line in laid_out]


def _poppler_tsv() -> str:
    """`pdftotext -tsv`: its own column order, sizes in points with decimals, a page's, a
    flow's and a line's rows marked `###PAGE###`, `###FLOW###`, `###LINE###`."""
    rows = ["level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0.000000\t0.000000\t595.303937\t841.889764\t-1\t###PAGE###"]
    for flow, (top, words) in enumerate(PAGE):
        rows.append(f"3\t1\t{flow}\t0\t0\t0\t50.000000\t{top / 4:.6f}\t300.000000\t10.500000\t-1\t###FLOW###")
        rows.append(f"4\t1\t{flow}\t0\t0\t0\t50.000000\t{top / 4:.6f}\t300.000000\t10.500000\t-1\t###LINE###")
        for number, (left, word) in enumerate(words):
            rows.append(f"5\t1\t{flow}\t0\t0\t{number}\t{left / 4:.2f}\t{top / 4:.2f}\t{10.5 * len(word):.2f}"
                        f"\t10.50\t100\t{word}")
    return "\n".join(rows) + "\n"


def _stext() -> str:
    """`mutool draw -F stext`: a `<line>` of `<char>`s, each with its quad."""
    lines = []
    for top, words in PAGE:
        y0, y1 = top / 4, top / 4 + 10.5
        chars = []
        for left, word in words:
            for k, char in enumerate(word):
                x0 = left / 4 + 10.5 * k
                chars.append(f'<char quad="{x0} {y0} {x0 + 10.5} {y0} {x0} {y1} {x0 + 10.5} {y1}" '
                             f'x="{x0}" y="{y1}" color="#000000" c="{char}"/>')
            chars.append('<char quad="0 0 0 0 0 0 0 0" x="0" y="0" c=" "/>')
        lines.append(f'<block bbox="25 {y0} 350 {y1}"><line bbox="25 {y0} 350 {y1}" wmode="0" dir="1 0">'
                     f'<font name="SimSun" size="10.5">{"".join(chars)}</font></line></block>')
    return ('<?xml version="1.0"?>\n<document name="form.pdf">\n<page id="page1" width="595" height="842">\n'
            + "\n".join(lines) + "\n</page>\n</document>\n")


def test_a_pdfs_text_layer_kept_as_word_boxes_reads_as_its_page():
    for text, reader in ((_poppler_tsv(), "pdftotext_tsv"), (_stext(), "mupdf_stext")):
        laid_out, name = laid_out_lines(text.splitlines())
        assert name == reader
        assert ["产出指标", "数量指标", "养护里程", "≥1260公里"] in [line.split() for line in laid_out]
        document = extract_bytes(text.encode(), "form.txt", "form", "form.txt")
        assert document.source.layout == reader
        (form,) = document.forms
        assert [(i.name, i.target.raw) for i in form.indicators][:2] == [
            ("养护里程", "≥1260公里"), ("修补面积", "≥4.8万平方米")]
