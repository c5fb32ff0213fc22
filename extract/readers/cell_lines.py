"""Layout `cell_lines`: Word tables saved as text, one cell per line.

A line that starts with a tab opens a cell; a non-blank line without one
continues the cell above (a cell with line breaks), or after a blank line is
prose. A blank line usually ends a row, but Word also splits one row over
several blank-separated groups, so the break is only a hint and table
assembly finds the rows. Word wraps a multi-line cell in straight quotes: while
a cell's quote is open, lines after blank lines still continue it — up to a
bound, so an unclosed quote cannot swallow the rest of the file. A line one blank
line after a cell, with cells going on after it, finishes that cell unless the
vocabulary says it is a form heading (the one question this reader asks).
Example: `⇥项目名称` / `⇥卫生应急物资储备`.
"""

from __future__ import annotations

from extract.classify import classify
from extract.grid import BREAK_HINT, BREAK_NONE, Block, Cell, ProseBlock, TableBlock
from extract.normalise import clean_text
from extract.readers.build import cell, extend, number_stream

_MAX_QUOTED_LINES = 40


def read(lines: list[str], first_line: int) -> list[Block]:
    blocks: list[Block] = []
    cells: list[Cell] = []
    group_open = False
    quoted_lines = 0
    for offset, line in enumerate(lines):
        number = first_line + offset
        if line.startswith("\t"):
            brk = BREAK_NONE if group_open else BREAK_HINT
            for part in line[1:].split("\t"):
                cells.append(cell(0, 0, part, number, brk))
                brk = BREAK_NONE
            group_open = True
            quoted_lines = 0
            continue
        if not line.strip():
            if not _quote_open(cells):
                group_open = False
            continue
        if cells and (group_open or _quote_open(cells) or not cells[-1].text
                      or _broken_paragraph(lines, offset)) and quoted_lines < _MAX_QUOTED_LINES:
            extend(cells[-1], line)
            quoted_lines += 1
            continue
        _flush(blocks, cells)
        cells = []
        blocks.append(ProseBlock(text=clean_text(line), raw=line, line=number))
        group_open = False
    _flush(blocks, cells)
    return blocks


def _broken_paragraph(lines: list[str], offset: int) -> bool:
    """A line one blank line after a cell, with cells going on after it, is the rest of that
    cell (Word broke its paragraph) — unless it is a heading (asked of the vocabulary)."""
    if offset < 2 or lines[offset - 1].strip() or lines[offset - 2].strip() == "":
        return False
    following = next((line for line in lines[offset + 1: offset + 4] if line.strip()), "")
    return following.startswith("\t") and classify(clean_text(lines[offset])).title is None


def _quote_open(cells: list[Cell]) -> bool:
    return bool(cells) and cells[-1].raw.count('"') % 2 == 1


def _flush(blocks: list[Block], cells: list[Cell]) -> None:
    if cells:
        number_stream(cells)
        blocks.append(TableBlock(list(cells), "cell_lines", rows="stream", columns="loose",
                                 weak_hints=True))
