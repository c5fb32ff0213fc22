"""RTF reader: "Word" exports that are RTF, read into the same grid a .docx gives."""

from __future__ import annotations

import pytest

from extract.grid import ProseBlock, TableBlock
from extract.pipeline import extract_bytes
from extract.reader import UnreadableFile
from extract.readers.rtf import read_rtf


def _gbk(text: str) -> str:
    """Text as a template engine writes it into RTF: GBK bytes as `\\'hh`, ASCII as it is."""
    return "".join(ch if ch.isascii() else "".join(f"\\'{b:02x}" for b in ch.encode("gbk")) for ch in text)


def _row(cells: list[tuple[str, str]], edges: list[int]) -> str:
    """One table row: its cell definitions (merge words before each `\\cellx`), then its cells."""
    defs = "".join(f"{merge}\\cellx{edge}" for (_, merge), edge in zip(cells, edges, strict=True))
    body = "".join(f"\\pard\\intbl {_gbk(text)}\\cell " for text, _ in cells)
    return f"\\trowd\\trgaph108{defs}\n{body}\\row\n"


FONTS = "{\\fonttbl{\\f0\\fnil\\fcharset134 " + _gbk("宋体") + ";}{\\f1\\froman\\fcharset2 Symbol;}}"
EDGES = [1500, 3000, 5500, 8000]
RTF = ("{\\rtf1\\ansi\\ansicpg936\\deff0" + FONTS + "{\\info{\\title x}}\n"
       "\\pard\\qc " + _gbk("项目支出绩效目标表") + "\\par\n"
       + _row([("项目名称", ""), ("甲县农村公路养护项目", "\\clmgf"), ("", "\\clmrg"), ("", "\\clmrg")],
              EDGES)
       + _row([("一级指标", ""), ("二级指标", ""), ("三级指标", ""), ("指标值", "")], EDGES)
       + _row([("产出指标", "\\clvmgf"), ("数量指标", "\\clvmgf"), ("养护里程", ""), ("", "")], EDGES)
         .replace("\\pard\\intbl \\cell \\row",
                  "\\pard\\intbl {\\f1 \\'b3}1260" + _gbk("公里") + "\\cell \\row")
       + _row([("", "\\clvmrg"), ("", "\\clvmrg"), ("修补面积", ""), ("", "")], EDGES)
         .replace("\\pard\\intbl \\cell \\row", "\\pard\\intbl \\uc1\\u8805?4.8{\\v " + _gbk("草稿")
                  + "}" + _gbk("万平方米") + "\\cell \\row")
       + "\\pard " + _gbk("填报单位：") + "{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt "
       + _gbk("甲县交通运输局") + "}}\\par\n}")


def test_rtf_tables_read_as_a_docx_would_be():
    """GBK bytes under a `\\fcharset134` font, `\\u` with its fallback skipped, the Symbol
    font's `\\'b3` as `≥`, hidden text left out, merges across (`\\clmgf`/`\\clmrg`) and down
    (`\\clvmgf`/`\\clvmrg`), a field's result read and its instruction not."""
    grid = read_rtf(RTF.encode("latin-1"), "导出.doc")
    assert grid.reader == "rtf_table"
    title, table, closing = grid.blocks
    assert isinstance(title, ProseBlock) and title.text == "项目支出绩效目标表"
    assert isinstance(table, TableBlock) and isinstance(closing, ProseBlock)
    assert closing.text == "填报单位：甲县交通运输局"
    cells = {c.text: (c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.text}
    assert cells["甲县农村公路养护项目"] == (0, 1, 1, 3)
    assert cells["产出指标"] == (2, 0, 2, 1) and cells["数量指标"] == (2, 1, 2, 1)
    assert cells["≥1260公里"] == (2, 3, 1, 1) and cells["≥4.8万平方米"] == (3, 3, 1, 1)
    document = extract_bytes(RTF.encode("latin-1"), "导出.doc", "导出", "导出.doc")
    assert (document.source.format, document.source.layout) == ("docx", "rtf_table")
    assert [(i.level1, i.level2, i.name, i.target.raw) for i in document.forms[0].indicators] == [
        ("产出指标", "数量指标", "养护里程", "≥1260公里"),
        ("产出指标", "数量指标", "修补面积", "≥4.8万平方米")]


def test_cells_of_rows_with_other_edges_span_the_columns_they_cover():
    """A row whose cell reaches over two of another row's edges spans both columns; edges
    a few twips apart are one column edge."""
    rtf = ("{\\rtf1\\ansi " + _row([("a", ""), ("b", "")], [2000, 6010])
           + _row([("c", ""), ("d", ""), ("e", "")], [2005, 4000, 6000]) + "}")
    table = read_rtf(rtf.encode(), "x.rtf").blocks[0]
    assert {c.text: (c.col, c.col_span) for c in table.cells} == {
        "a": (0, 1), "b": (1, 2), "c": (0, 1), "d": (1, 1), "e": (2, 1)}


def test_unicode_escapes_and_big5_fonts():
    """`\\ucN` sets how many fallback characters follow each `\\uN`; a Big5 font's bytes are
    read as Big5; a negative `\\uN` is its UTF-16 unit (here the Symbol font's `≥` in the
    private use area, which cleaning reads as the sign)."""
    rtf = ("{\\rtf1\\ansi{\\fonttbl{\\f0\\fcharset136 x;}}\\uc2\\u25351\\'ab\\'fc\\u26631??\\par"
           "\\f0 \\'ab\\'fc\\'bc\\'d0\\par\\u-3917?\\par}")
    assert [b.raw for b in read_rtf(rtf.encode(), "x.rtf").blocks] == ["指标", "指標", "\uf0b3"]


@pytest.mark.parametrize("data", [b"{\\rtf1 " + b"{" * 5000 + b"deep" + b"}" * 5000 + b"}",
                                  b"{\\rtf1 \\bin99999999 abc}", b"{\\rtf1 \\", b"{\\rtf1 }}}}} text"])
def test_hostile_or_broken_rtf_costs_bounded_work(data):
    """Nesting past the cap is skipped (noted), `\\bin` skips what it says, a cut or
    unbalanced stream ends the walk: no recursion, no exception."""
    grid = read_rtf(data, "x.rtf")
    assert all(block.text != "deep" for block in grid.blocks if isinstance(block, ProseBlock))


def test_a_file_that_is_not_rtf_is_refused():
    with pytest.raises(UnreadableFile, match="RTF"):
        read_rtf(b"hello", "x.rtf")
