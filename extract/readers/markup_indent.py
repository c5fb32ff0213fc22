"""A web page's text with its source's indentation kept: the markup told from the whitespace.

A scraper that takes a page's text without separators (lxml's `text_content()`,
BeautifulSoup's `get_text()`, jsoup's `wholeText()`) keeps every newline and tab of the
HTML source between the tags. A table's cells then stand one to a line, indented as deep
as their `<td>`'s content, and the lines of whitespace alone between them are the source's
indentation of the closing and opening tags: between two cells of a row they go back a
little (`</td>` / `<td>`), between rows further (`</tr>` / `<tr>`), and an empty cell is a
line of whitespace as deep as the cells. So each cell boundary is measured by how far the
whitespace between goes back from the cells: the commonest step is a cell's boundary
within its row, a further one a row's, a shorter one a paragraph's within a cell, and a
line of whitespace as deep as the cells an empty cell. Each row is written back as one
line of tab-separated cells, on the line of its first cell (the others left blank, so
lines still count in the file), for the text families to read.
Example: `\t\t\t\t\t年初预算数` / `\t\t\t\t` / `\t\t\t` / `\t\t\t` / `\t\t\t\t` / `\t\t\t\t\t全年预算数`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

READER = "markup_indent"
_MIN_LINES = 40
_WHITESPACE_SHARE = 0.4  # of the lines: whitespace alone, indented (the markup between cells)
_INDENTED_SHARE = 0.6  # of the lines with text: indented at least two steps
_MIN_DEPTHS = 3  # distinct depths of the whitespace lines (tags nest)
_MIN_CELL_DEPTH = 2


@dataclass
class _Cell:
    line: int
    texts: list[tuple[int, str]] = field(default_factory=list)  # (line, text): a cell's paragraphs


def rows_laid_out(lines: list[str]) -> list[str] | None:
    """The text with each table row on one line of tab-separated cells, where the text is a
    page's text with the markup's indentation kept; None otherwise."""
    if not _looks_indented(lines):
        return None
    content = [index for index, line in enumerate(lines) if line.strip()]
    steps = Counter(_step_back(lines, before, after) for before, after in zip(content, content[1:],
                                                                              strict=False))
    steps.pop(0, None)
    if not steps:
        return None
    within_row = steps.most_common(1)[0][0]
    rows: list[list[_Cell]] = [[_Cell(content[0], [(content[0], lines[content[0]].strip())])]]
    for before, after in zip(content, content[1:], strict=False):
        step = _step_back(lines, before, after)
        text = (after, lines[after].strip())
        level = _depth(lines[before]) == _depth(lines[after])
        if step < within_row and level:  # less markup between than a cell's: one cell's paragraphs
            rows[-1][-1].texts.append(text)
            continue
        deepest = min(_depth(lines[before]), _depth(lines[after]))
        gap = range(before + 1, after)
        turn = min(gap, key=lambda index: _depth(lines[index]))  # where the markup goes back most
        empties_before = [index for index in gap if index < turn and _empty_cell(lines[index], deepest)]
        empties_after = [index for index in gap if index > turn and _empty_cell(lines[index], deepest)]
        rows[-1].extend(_Cell(index) for index in empties_before)
        if step != within_row:
            rows.append([])
        rows[-1].extend(_Cell(index) for index in empties_after)
        rows[-1].append(_Cell(after, [text]))
    return _written(rows, len(lines))


def _looks_indented(lines: list[str]) -> bool:
    if len(lines) < _MIN_LINES:
        return False
    whitespace = [_depth(line) for line in lines if line and not line.strip()]
    content = [_depth(line) for line in lines if line.strip()]
    return (len(whitespace) >= _WHITESPACE_SHARE * len(lines) and len(set(whitespace)) >= _MIN_DEPTHS
            and sum(1 for depth in content if depth >= _MIN_CELL_DEPTH) >= _INDENTED_SHARE * len(content))


def _depth(line: str) -> int:
    """Columns of indentation, a tab as one (a source indents by tabs or by spaces, not both)."""
    return len(line) - len(line.lstrip(" \t"))


def _step_back(lines: list[str], before: int, after: int) -> int:
    """How far the whitespace between two lines of text goes back from the shallower of them
    (0: none between, or none shallower)."""
    gap = [_depth(lines[index]) for index in range(before + 1, after)]
    if not gap:
        return 0
    return max(0, min(_depth(lines[before]), _depth(lines[after])) - min(gap))


def _empty_cell(line: str, deepest: int) -> bool:
    return _depth(line) >= deepest >= _MIN_CELL_DEPTH


def _written(rows: list[list[_Cell]], count: int) -> list[str]:
    """Each row on the line of its first cell; a row of one cell in several paragraphs (prose,
    not a table's) keeps its lines."""
    laid_out = [""] * count
    for row in rows:
        if len(row) == 1:
            for line, text in row[0].texts:
                laid_out[line] = text
            continue
        laid_out[row[0].line] = "\t".join(" ".join(text for _, text in cell.texts) for cell in row)
    return laid_out
