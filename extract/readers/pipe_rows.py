"""Layout `pipe_rows`: one table row per line, cells separated by `|`.

Web pages flattened to text put ` | ` between cells, with or without a
leading and trailing `|`; merged cells leave runs like `| ||||`, which carry
no cell of their own. A cell whose text held a line break continues on the
next line: a line without the leading `|` the region's rows print, or a line
that does not start at the margin. Some pages print every cell on its own
line, indented, after a `|` (`        | 一级指标`): those cells continue the
row the last unindented line opened.
Example: `| 产出指标 | 数量指标 | 保障在职职工人数(人) | = | 116 | 人 | 该指标值数据合理 | |`.
"""

from __future__ import annotations

from collections import Counter

import regex

from extract.classify import classify
from extract.grid import BREAK_HINT, BREAK_NONE, BREAK_SOFT, Block, Cell, TableBlock
from extract.readers.build import cell, extend, number_stream

_PIPE = regex.compile(r"[|｜]")
_INDENTED_CELL = regex.compile(r"^\s+[|｜]")
MARKDOWN_RULE = regex.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")


def split_row(line: str) -> list[str]:
    """The cells of a pipe row; a trailing run of empty cells is padding, not cells."""
    stripped = line.strip()
    if stripped[:1] in "|｜":
        stripped = stripped[1:]
    parts = [part.strip() for part in _PIPE.split(stripped)]
    while parts and not parts[-1]:
        parts.pop()
    return parts


def read(lines: list[str], first_line: int) -> list[Block]:
    leading = _rows_lead_with_pipe(lines)
    full = _full_row_pipes(lines)
    run_on = _rows_run_on(lines)
    cells: list[Cell] = []
    for offset, line in enumerate(lines):
        if not line.strip() or MARKDOWN_RULE.match(line):
            continue  # `|---|:---:|`: a Markdown table's rule under its first row, no cells
        number = first_line + offset
        after_blank = offset > 0 and not lines[offset - 1].strip()
        if _INDENTED_CELL.match(line):
            _add_indented(cells, line, number)
        elif cells and not after_blank and (run_on and line.strip()[:1] not in "|｜"
                                             or _continues(line, leading, lines[offset - 1], full)):
            _continue_row(cells, line, number)
        else:
            brk = BREAK_HINT
            for part in split_row(line):
                cells.append(cell(0, 0, part, number, brk))
                brk = BREAK_NONE
    if not cells:
        return []
    if run_on:
        for item in cells:
            item.break_before = min(item.break_before, BREAK_SOFT)
    number_stream(cells)
    return [TableBlock(cells, "pipe_rows", rows="stream", columns="loose")]


def _rows_run_on(lines: list[str]) -> bool:
    """A converter that writes a table's cells as one stream of `text |` and wraps it at a
    width (antiword's text of a Word table of many columns): rows open in the middle of
    lines, so a line's start is no row's, and a line that opens without `|` carries on the
    cell the line above ended with. Told by lines where a level label follows a value or a
    name of the row before it (`… |846人次 |5 |5 | | | |质量指标`), twice or more."""
    run_on = 0
    for line in lines:
        if not _PIPE.search(line):
            continue
        seen_content = False
        for text in split_row(line):
            if not text:
                continue
            tags = classify(text)
            if tags.is_level and (tags.level1 or tags.level2) and seen_content:
                run_on += 1
                break
            seen_content = seen_content or not tags.is_label
        if run_on >= _RUN_ON_LINES:
            return True
    return False


_RUN_ON_LINES = 2


def _rows_lead_with_pipe(lines: list[str]) -> bool:
    content = [line for line in lines if line.strip() and not line[:1].isspace()]
    leading = sum(1 for line in content if line[:1] in "|｜")
    return leading > len(content) / 2


def _continues(line: str, leading: bool, previous: str, full: int) -> bool:
    """A line that carries on the cell above: it breaks the region's row pattern. A row
    closed by its `|` is not carried on: a line of cells after it is a row that lost its
    leading `|` (`时效指标 | 投诉举报按时办结率 | ≥98% | …`); nor is a line with as many
    `|` as the region's full rows (a row whose first cell is filled, where rows that open
    with an empty cell print a `|` first): the tail of a row is never a row's width."""
    if line[:1].isspace() and not _PIPE.search(line):
        return True
    closed = previous.rstrip()[-1:] in ("|", "｜") and len(split_row(line)) > 1
    whole = full >= _FULL_ROW_PIPES and len(_PIPE.findall(line)) >= full
    return leading and line.strip()[:1] not in "|｜" and not closed and not whole


_FULL_ROW_PIPES = 3  # fewer `|` to a row tell too little of the table's width


def _full_row_pipes(lines: list[str]) -> int:
    """How many `|` the region's rows most often print (0 where no count stands out)."""
    counts = Counter(len(_PIPE.findall(line)) for line in lines if _PIPE.search(line))
    return counts.most_common(1)[0][0] if counts else 0


def _continue_row(cells: list[Cell], line: str, number: int) -> None:
    parts = split_row(line)
    if not _PIPE.search(line) or not parts:
        extend(cells[-1], line)
        return
    extend(cells[-1], parts[0])
    cells.extend(cell(0, 0, part, number, BREAK_NONE) for part in parts[1:])


def _add_indented(cells: list[Cell], line: str, number: int) -> None:
    """`        | 一级指标`: a cell of the row above, printed on its own line."""
    parts = split_row(line)
    if not parts:
        return
    cells.extend(cell(0, 0, part, number, BREAK_SOFT if index == 0 else BREAK_NONE)
                 for index, part in enumerate(parts))


