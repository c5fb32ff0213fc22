"""Layout `pdf_layout`: table rows pulled out of a PDF (often OCR'd), tab-separated.

Like tab_rows, one row per line, but the text shows where it came from: emphasis
tags the OCR left (`<u>数量</u> 指标`), spaces inside words, leader dots, stray
characters of other scripts. Labels and cells break over lines and columns, and a
merged 一级/二级 label stands on the middle row of its group — so the block says
so (`centred_labels`), and table assembly gives the rows around it the nearest
label. Example: `⇥⇥数量指标⇥城市低保 救助覆盖 率⇥100%⇥100%⇥100%⇥计划标准`.
"""

from __future__ import annotations

import regex

from extract.grid import Block, TableBlock
from extract.readers import tab_rows

_DEBRIS = regex.compile(r"</?[ui]>|\p{Han} \p{Han}|[\p{Cyrillic}\p{Arabic}\p{Katakana}]")
_DAMAGED_SHARE = 0.15


def looks_like_pdf(lines: list[str]) -> bool:
    """Many rows with two or more marks of PDF or OCR damage."""
    rows = [line for line in lines if "\t" in line]
    if len(rows) < 5:
        return False
    damaged = sum(1 for line in rows if len(_DEBRIS.findall(line)) >= 2)
    return damaged / len(rows) > _DAMAGED_SHARE


def read(lines: list[str], first_line: int) -> list[Block]:
    blocks = tab_rows.read(lines, first_line)
    for block in blocks:
        if isinstance(block, TableBlock):
            block.reader = "pdf_layout"
            block.centred_labels = True
    return blocks
