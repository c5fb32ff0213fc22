"""Table assembly: the grid's blocks → parts a section can read, once per table.

Readers hand over cells with whatever structure their family keeps. This
stage finds, in each table block, the indicator tables (a header naming
columns such as 一级指标 / 二级指标 / 三级指标 / 指标值, and the rows under it)
and aligns every data cell to a column of its header. What is left are label
rows (项目名称 | …, 资金总额 | …) and prose, kept in order.

Alignment is one dynamic programme over the table's cells in reading order
(a Viterbi path): each cell goes to a column of the header, or is dropped;
a new row starts wherever the path wraps back to an earlier column. A cell's
fit to a column comes from its tags (a level name fits 二级指标, `≥` fits 计算符号,
`95%` fits 指标值, a plain number fits 分值 or 得分 …), and the reader's hints
say how likely a row ends before it (a line end in pipe rows: likely; the
next cell of one line: unlikely; one cell per line: unknown). The same
programme thus reads rows that lost their merged cells (`| 保障遗属人数(人) | = |
13 |`), rows split over lines, tables printed one cell per line, and tables
whose tabs are out of place; where the reader knows true columns (HTML,
DOCX, XLSX), position decides and content only breaks ties.

Every intermediate is kept on the result (header cells, column roles, the
aligned rows, the cells no column took), so tests and review can inspect it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache
from itertools import islice, pairwise

import regex

from extract.classify import (
    COMPARATOR_SIGNS,
    Tags,
    bracketed_note,
    classify,
    completes_name,
    cut_glued,
    deadline_cut,
    ends_as_name,
    listed_heading_role,
    listed_level,
    misread_heading_role,
    opens_with_comparator,
    page_number,
    pointed_levels,
    whole_heading_role,
    whole_label,
)
from extract.grid import (
    BREAK_HARD,
    BREAK_HINT,
    BREAK_NONE,
    BREAK_SOFT,
    Block,
    Cell,
    Grid,
    ProseBlock,
    TableBlock,
)
from extract.normalise import PLAIN_DECIMAL, figure_cuts, is_unit
from extract.settings import SETTINGS
from extract.vocab import key, split_note, vocabulary

LABEL_ROLES = ("level1", "level2", "level")
VALUE_ROLES = ("target", "actual")
SKIPPABLE_AT_START = (*LABEL_ROLES, "ignore", "numbering", "project", "amount", "department")
NEG = -1e9


@dataclass
class Column:
    role: str
    heading: str
    group: int = 0
    span: tuple[int, int] | None = None  # grid columns it covers, where the reader knows them
    joined: bool = False  # its heading was cut over the cells of its span (`三级指 | 标`)


@dataclass
class Header:
    columns: list[Column]
    cells: list[Cell]
    scopes: list[str | None] = field(default_factory=list)  # per column group, where named

    @property
    def line(self) -> int:
        return self.cells[0].line if self.cells else 0

    def roles(self) -> list[str]:
        return [column.role for column in self.columns]


@dataclass
class AlignedRow:
    slots: list[Cell | None]
    inherited: list[bool]
    cells: list[Cell]

    @property
    def line(self) -> int:
        placed = [cell for cell in self.slots if cell is not None and not cell.empty]
        owned = [cell for cell, inherited in zip(self.slots, self.inherited, strict=True)
                 if cell is not None and not inherited]
        return min((cell.line for cell in owned or placed or self.cells), default=0)


@dataclass
class IndicatorTable:
    header: Header
    rows: list[AlignedRow]
    dropped: list[Cell]
    synthetic_header: bool = False

    @property
    def line(self) -> int:
        return self.header.line or (self.rows[0].line if self.rows else 0)

    @property
    def last_line(self) -> int:
        cells = [cell for row in self.rows for cell in row.cells] + self.header.cells
        return max((cell.last_line for cell in cells), default=self.line)

    def cells(self) -> list[Cell]:
        return self.header.cells + [cell for row in self.rows for cell in row.cells] + self.dropped


@dataclass
class LabelRows:
    """Rows outside indicator tables: label | value pairs, money blocks, goals."""

    rows: list[list[Cell]]

    @property
    def line(self) -> int:
        return self.rows[0][0].line if self.rows and self.rows[0] else 0


Part = IndicatorTable | LabelRows | ProseBlock


def assemble(grid: Grid) -> list[Part]:
    """The document's parts in source order."""
    parts: list[Part] = []
    for block in stitch_continued(grid.blocks):
        if isinstance(block, ProseBlock):
            parts.append(block)
        else:
            parts.extend(assemble_table(block))
    return parts


def stitch_continued(blocks: list[Block]) -> list[Block]:
    """A table that a page break cut in two (a PDF converted to HTML or Markdown, a Word
    file saved page by page, a PDF's pages) prints its second part as a table of its own:
    with columns that lie on the first's, no header and no label but a level's on its first
    row, and only a page's furniture between (a page number, a running header). That part
    continues the first: its rows follow the first's rows, its empty merged cells inherit
    from them. The furniture follows the table."""
    stitched: list[Block] = []
    between: list[Block] = []
    for block in blocks:
        if isinstance(block, ProseBlock) or _signature_line(block):
            between.append(block)
            continue
        previous = next((b for b in reversed(stitched) if isinstance(b, TableBlock)), None)
        columns = _continues(previous, block, between) \
            if previous is not None and stitched[-1] is previous else None
        if columns is not None:
            stitched[-1] = _joined(previous, block, columns)
            stitched.extend(between)
            between = []
            continue
        stitched.extend(between)
        between = []
        stitched.append(block)
    return [*stitched, *between]


_FURNITURE = 3  # prose blocks a page break leaves between a table's two parts, at most


def _signature_line(block: TableBlock) -> bool:
    """`联系电话 | 0762-… | 填报日期：…`: a form's signature line its spaces laid out as a
    row of its own, of fields' labels and their values."""
    if len({cell.row for cell in block.cells}) != 1:
        return False
    labelled = False  # the cell before is a field's label: this is its value
    for cell in block.cells:
        if cell.empty:
            continue
        tags = classify(cell.text)
        label = bool(tags.field or tags.is_label and not tags.is_level and not tags.column)
        if not (tags.inline or label or labelled):
            return False
        labelled = label and not tags.inline
    return True


def _text_of(block: Block) -> str:
    return block.text if isinstance(block, ProseBlock) else " ".join(cell.text for cell in block.cells)


def _continues(first: TableBlock, second: TableBlock, between: list[Block]
               ) -> list[tuple[int, int]] | None:
    """Where the second part's columns stand in the first's grid, if it continues the
    first; else None."""
    if not all(b.cells and (b.rows == "exact" and b.columns == "exact" or b.reader == "pipe_rows")
               for b in (first, second)):
        return None  # (a pipe row's cells stand in its columns, where its bars part them)
    columns = _columns_on(first, second)
    if columns is None or len(between) > _FURNITURE:
        return None
    top = min(cell.row for cell in second.cells)
    opening = [classify(cell.text) for cell in second.cells if cell.row == top and not cell.empty]
    # a page's text written before its tables (PyMuPDF's page text, then find_tables) puts
    # the form's signature lines between the parts: where nothing else stands between, and
    # the part goes on with a level-1 group, it is the table's still
    tags = [classify(_text_of(block)) for block in between]
    if any(tag.title for tag in tags):
        return None
    signed = [isinstance(block, TableBlock) or _closes_or_opens(tag)
              for block, tag in zip(between, tags, strict=True)]
    if any(signed) and not (all(signed) and opening and opening[0].level1):
        return None
    if any(len(block.text) > _TITLE_LENGTH for block, line in zip(between, signed, strict=True) if not line):
        return None
    if not opening or not _header_again(first, opening) and any(
            tags.is_label and not tags.is_level or tags.scope and not tags.column for tags in opening):
        return None  # a header row, a form's field or a scope's title opens a table of its own
    if not any(classify(cell.text).column in ("name", "target") for cell in first.cells):
        return None
    return columns


_TITLE_LENGTH = 40


def _header_again(first: TableBlock, opening: list[Tags]) -> bool:
    """The second part opens with the first's header printed again (a PDF's or a scan's page
    repeats it): the same column headings, in order, as a row of the first part."""
    headings = [tags.column for tags in opening]
    if len(headings) < _HEADINGS_AGAIN or None in headings:
        return False
    return any([classify(cell.text).column for cell in row if not cell.empty] == headings
               for row in first.printed_rows())


_HEADINGS_AGAIN = 3  # a header of three headings at least: `一级指标 | 二级指标 | 三级指标 | 指标值`


def _closes_or_opens(tags: Tags) -> bool:
    """A form's title opens a table of its own; its signature line (`填报人：…`) closes the
    one above: no page's furniture."""
    return bool(tags.title or tags.field or tags.inline)


def _columns_on(first: TableBlock, second: TableBlock) -> list[tuple[int, int]] | None:
    """Where the second part's columns stand in the first's grid: (col, span) per column.
    A page's grid has the column lines of its own rows only: the part above may be split
    finer (a money block's columns), so the second part's columns are laid on the first's
    last row that has as many cells (a row of the same indicator table)."""
    starts = sorted({cell.col for cell in second.cells})
    if starts != list(range(len(starts))):
        return None
    rows: dict[int, list[Cell]] = {}
    for cell in first.cells:
        rows.setdefault(cell.row, []).append(cell)
    for row in sorted(rows, reverse=True):
        cells = sorted(rows[row], key=lambda cell: cell.col)
        if len(cells) == len(starts):
            return [(cell.col, cell.col_span) for cell in cells]
    return None


def _joined(first: TableBlock, second: TableBlock, columns: list[tuple[int, int]]) -> TableBlock:
    below = max(cell.row + cell.row_span for cell in first.cells)
    top = min(cell.row for cell in second.cells)
    moved = []
    for cell in second.cells:
        last = min(cell.col + cell.col_span, len(columns)) - 1
        col, span = columns[cell.col][0], columns[last][0] + columns[last][1] - columns[cell.col][0]
        moved.append(replace(cell, row=cell.row - top + below, col=col, col_span=span))
    return replace(first, cells=[*first.cells, *moved])


def assemble_table(block: TableBlock) -> list[Part]:
    cells = unglue(block.cells)
    tags = [classify(cell.text) for cell in cells]
    cut = _cut_at_gaps(block, cells, tags)
    parts: list[Part] = []
    position = 0
    plain_start = 0
    while position < len(cells):
        found = _find_header(block, cells, tags, position)
        if found is None:
            break
        header_start, data_start, header, synthetic = found
        data_end = _data_end(cells, tags, data_start, laid_out=block.laid_out)
        if synthetic and data_end - data_start < 2:
            position = data_start + 1
            continue
        parts.extend(_label_parts(block, cells[plain_start:header_start], cut))
        data = list(range(data_start, data_end))
        if not synthetic and (not block.laid_out or _labels_on_first_row(cells, tags, data)):
            data_end = _continued_over_pages(block, cells, tags, header, data)
        parts.extend(align(block, header, [cells[i] for i in data], [tags[i] for i in data],
                           synthetic, cut))
        position = plain_start = max(data_end, data_start + 1)
    parts.extend(_label_parts(block, cells[plain_start:], cut))
    return parts


def _labels_on_first_row(cells: list[Cell], tags: list[Tags], data: list[int], level1: bool = True
                         ) -> bool:
    """The table's first row prints its level-1 (where asked) and level-2: merged labels stand
    at the top of their groups, so a page break leaves the rows after it, the first of them
    printing its level-2 only, under the level-1 above. (A page laid out with labels centred
    on their groups centres them page by page.)"""
    first = [i for i in data if cells[i].row == cells[data[0]].row] if data else []
    return (not level1 or any(tags[i].level1 for i in first)) and any(tags[i].level2 for i in first)


def _continued_over_pages(block: TableBlock, cells: list[Cell], tags: list[Tags], header: Header,
                          data: list[int]) -> int:
    """A page break inside the table prints its header again (`一级指标 | 二级指标 | …` after
    `第 1 页 共 2 页`): the rows after it go on with the rows before, whose merged labels
    still hold on the new page. Their cells join `data` (the repeated header and the page's
    furniture left out); returns where the table's data ends."""
    end = data[-1] + 1 if data else 0
    while True:
        ahead = next((k for k in range(end, len(cells))
                      if not cells[k].empty and not page_number(cells[k].text)), len(cells))
        if ahead == len(cells) or not tags[ahead].column:
            return end  # (looked for only where a heading follows: one scan of the block)
        found = _find_header(block, cells, tags, ahead)
        if found is None or found[0] != ahead or found[3] \
                or _printed_alike(found[2]) != _printed_alike(header):
            return end
        _, data_start, _, _ = found
        data_end = _data_end(cells, tags, data_start, laid_out=block.laid_out)
        if data_end <= data_start or block.laid_out and not (_labels_on_first_row(
                cells, tags, list(range(data_start, data_end)), level1=False)
                or _labels_on_first_row(cells, tags, data)):
            return end  # (labels atop the table's first row: a bare row after the break goes on)
        while data and (cells[data[-1]].empty or page_number(cells[data[-1]].text)):
            data.pop()  # the page's number on a line of its own, before the header again
        data.extend(range(data_start, data_end))
        end = data_end


def _printed_alike(header: Header) -> tuple[list[str], list[str], list[str | None]]:
    """What a header printed again prints alike: its columns' roles and headings, and its
    scopes (`中期指标值` then `年度指标值` are two tables)."""
    return header.roles(), [key(column.heading).rstrip(_STOPS) for column in header.columns], header.scopes


_STOPS = "。.，,、"  # a speck after a heading read as a stop (`一级指标。` on a scan's second page)


# ---------------------------------------------------------------- glued cells


def unglue(cells: list[Cell]) -> list[Cell]:
    """Cells that hold a level name run into more (`产出指标数量指标`, `质量指标补贴发放准确率`,
    `一级指标二级指标`) become one cell per piece, cut where the vocabulary says
    (classify.cut_glued); the pieces keep the cell's line and row."""
    result: list[Cell] = []
    for cell in cells:
        pieces = _glued_pieces(cell.text) if len(cell.text) <= SETTINGS.cached_cell_length \
            else _glued_pieces.__wrapped__(cell.text)
        if len(pieces) < 2:
            result.append(cell)
            continue
        for index, piece in enumerate(pieces):
            result.append(Cell(row=cell.row, col=cell.col, text=piece, raw=piece, line=cell.line,
                               location=cell.location,
                               break_before=cell.break_before if index == 0 else BREAK_NONE))
    return result


_POINTS_ROLES = ["weight", "score"]


@lru_cache(maxsize=1 << 14)
def _glued_pieces(text: str) -> tuple[str, ...]:
    """The pieces of one cell's text (cached: the same wording recurs in every form)."""
    tags = classify(text)
    if tags.column in _POINTS_ROLES:  # `分值 得分`: the points' and the score's headings in one cell
        words = tuple(cut_glued(text))
        if len(words) == len(_POINTS_ROLES) and [classify(word).column for word in words] == _POINTS_ROLES:
            return words
    if not text or tags.is_level or tags.column or len(tags.key) > SETTINGS.max_glued_cell \
            or misread_heading_role(text):  # (`年度指标什`: a misread heading, no `年度指标` and more)
        return (text,)
    pieces = tuple(cut_glued(text))
    if len(pieces) < 2:
        return (text,)
    first = classify(pieces[0])
    if first.is_level and not first.soft_level:
        return pieces
    headings = all(classify(piece).column for piece in pieces)  # a header merged into one cell
    return pieces if headings else (text,)


# ---------------------------------------------------------------- label rows


def _cut_at_gaps(block: TableBlock, cells: list[Cell], tags: list[Tags]) -> bool:
    """Rows laid out by a page (tabs or spaces for its gaps) where a label or a heading was cut
    at a gap between its characters (`项目名 | 称`, `三级指 | 标`): the table's other text may
    be cut the same way (`涟泉县农村供水 | 管理站`)."""
    if not block.laid_out:
        return _labels_cut_at_rules(cells)
    for (first, first_tag), (second, second_tag) in pairwise(zip(cells, tags, strict=True)):
        if first.row != second.row:
            continue
        if _label_pieces(first, second) or (
                _heading_pieces(first, first_tag, second, second_tag)
                and len(first.text) + len(second.text) <= SETTINGS.max_column_heading_length
                and whole_heading_role(first.text + second.text)):
            return True
    return False


def _labels_cut_at_rules(cells: list[Cell]) -> bool:
    """A table whose cells a converter cut at every column rule of the page (pymupdf4llm:
    `项 | 目名称`, `主 | 管部门`): two labels cut so at least."""
    cuts = sum(1 for first, second in pairwise(cells)
               if first.row == second.row and _label_pieces(first, second))
    return cuts >= _RULE_CUTS


_RULE_CUTS = 2


def _label_pieces(first: Cell, second: Cell, at_rules: bool = False) -> bool:
    """`项目名 | 称`, `项目执行单 | 位`: a listed label cut in two, its second piece short. Cut
    at a page's column rules (`at_rules`), the tail may be a label's word of its own (`实施 |
    单位`); cut at a laid-out page's gaps, such a tail is a label beside it (`年度 | 资金总额`,
    a side label's line beside the money block's headings)."""
    return _side_by_side(first, second) and len(second.text) <= _CUT_PIECE \
        and (not classify(second.text).is_label or at_rules and not classify(first.text).is_label) \
        and whole_label(first.text + second.text) and not whole_label(first.text)


_CUT_PIECE = 5  # characters: what a gap cuts off the end of a label


def _text_pieces(first: Cell, second: Cell) -> bool:
    """`涟泉县农村供水 | 管理站`: neighbouring cells of a row cut at a gap inside CJK text,
    neither a label."""
    return _side_by_side(first, second) and bool(_CJK_END.search(first.text)) \
        and bool(_CJK_START.match(second.text)) and not classify(first.text).is_label \
        and not classify(second.text).is_label


_CJK_END = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef]$")
_CJK_START = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef]")


def _joined_labels(row: list[Cell], at_rules: bool = False) -> list[Cell]:
    """A label row with the labels a gap or a rule cut whole again (`项目名 | 称`)."""
    joined: list[Cell] = []
    for cell in row:
        if joined and _label_pieces(joined[-1], cell, at_rules):
            joined[-1] = _rejoined(joined[-1], cell)
            continue
        joined.append(cell)
    return joined


def _joined_values(row: list[Cell]) -> list[Cell]:
    """Where the table shows cuts, the value after a label cut the same way (`项目执行单位 |
    涟泉县农村供水 | 管理站`, a goal's text over three cells) is whole again; cells side by side
    that follow no label (a project's name, then its category) stay apart."""
    joined: list[Cell] = []
    value_open = previous_label = False  # the cell last kept is a value right after a label
    for cell in row:
        if not cell.empty and joined and value_open and _text_pieces(joined[-1], cell):
            joined[-1] = _rejoined(joined[-1], cell)
            continue
        if not cell.empty:
            label = classify(cell.text).is_label
            value_open, previous_label = previous_label and not label, label
        joined.append(cell)
    return joined


def _rejoined(first: Cell, second: Cell) -> Cell:
    """Two cells side by side that a gap cut from one, one again (the raw text keeps the cut)."""
    return replace(first, text=first.text + second.text, raw=f"{first.raw}\t{second.raw}",
                   col_span=second.col + second.col_span - first.col)


def _over(top: Cell, bottom: Cell) -> Cell:
    """A cell and the line its column wrapped below it, one cell (the raw text keeps the break)."""
    return replace(top, text=top.text + bottom.text, raw=f"{top.raw}\n{bottom.raw}",
                   last_line=bottom.last_line)


def _side_by_side(first: Cell, second: Cell) -> bool:
    """Two filled cells of a row, the second in the grid column right after the first."""
    return not first.empty and not second.empty and second.col == first.col + first.col_span


def _touches(row: list[tuple[Cell, Tags]], cell: Cell) -> bool:
    """The cell stands on the line right under the row."""
    return cell.line == max(top.last_line for top, _ in row) + 1


def _label_parts(block: TableBlock, cells: list[Cell], cut: bool = False) -> list[Part]:
    if not any(not cell.empty for cell in cells):
        return []
    rows: list[list[Cell]] = []
    for cell in cells:
        starts_row = not rows or classify(cell.text).title is not None or (
            cell.row != rows[-1][-1].row if block.rows == "exact" else cell.break_before >= BREAK_HINT)
        if starts_row:
            rows.append([cell])
        else:
            rows[-1].append(cell)
    rows = [row for row in rows if any(not cell.empty for cell in row)]
    if block.laid_out:
        rows = _labels_over_labels(_labels_wrapped_down([_joined_labels(row) for row in rows]))
    elif cut:
        rows = [_joined_labels(row, at_rules=True) for row in rows]
    if cut:
        rows = [_joined_values(row) for row in rows]
    return [LabelRows(rows)] if rows else []


def _labels_over_labels(rows: list[list[Cell]]) -> list[list[Cell]]:
    """`年初 | 全年 | 全年 | 分值` over `预算数 | 预算数 | 执行数`: labels a header printed over
    two lines, each column's pieces making a listed label, are one row of labels."""
    kept: list[list[Cell]] = []
    for row in rows:
        upper = {cell.col: cell for cell in kept[-1] if not cell.empty} if kept else {}
        lower = [cell for cell in row if not cell.empty]
        if lower and all(cell.col in upper and cell.line == upper[cell.col].last_line + 1
                         and whole_label(upper[cell.col].text + cell.text)
                         and not whole_label(upper[cell.col].text) for cell in lower):
            under = {cell.col: cell for cell in lower}
            kept[-1] = [_over(cell, under[cell.col]) if cell.col in under else cell for cell in kept[-1]]
            continue
        kept.append(row)
    return kept


def _labels_wrapped_down(rows: list[list[Cell]]) -> list[list[Cell]]:
    """`部门(单` alone on its line over `位)名称 | 鄱源县林业局`: a label its narrow column
    wrapped is one label, on the row that holds its value."""
    kept: list[list[Cell]] = []
    for row in rows:
        filled = [cell for cell in kept[-1] if not cell.empty] if kept else []
        if len(filled) == 1:
            top = filled[0]
            at = next((k for k, cell in enumerate(row) if cell.col == top.col and not cell.empty), None)
            if at is not None and row[at].line == top.last_line + 1 \
                    and whole_label(top.text + row[at].text) and not whole_label(top.text):
                row = [*row[:at], replace(_over(top, row[at]), row=row[at].row), *row[at + 1:]]
                kept[-1] = row
                continue
        kept.append(row)
    return kept


# ---------------------------------------------------------------- headers


def _find_header(block: TableBlock, cells: list[Cell], tags: list[Tags],
                 start: int) -> tuple[int, int, Header, bool] | None:
    """(header start, data start, header, synthetic) of the next indicator table."""
    index = start
    while index < len(cells):
        if block.rows == "exact" and (index == start or cells[index].row != cells[index - 1].row):
            found = _header_row(cells, tags, index, laid_out=block.laid_out)
            if found:
                end, header = found
                header, end = _extend_subheader(cells, tags, end, header)
                return index, end, header, False
        if tags[index].column in _OPENING_ROLES and not tags[index].is_level:
            run = _header_run(cells, tags, index)
            if run:
                end, header = run
                header, end = _extend_subheader(cells, tags, end, header)
                return _with_leading_umbrella(cells, tags, index, start, header), end, header, False
        if tags[index].is_level and block.reader not in _NO_HEADERLESS \
                and _starts_headerless(tags, index):
            return index, index, _synthetic_header(), True
        index += 1
    return None


def _header_row(cells: list[Cell], tags: list[Tags], start: int, laid_out: bool = False
                ) -> tuple[int, Header] | None:
    """A whole printed row of headings (rows the reader knows): every cell is a column, those
    with no known wording too (`2021年` over a history column, a damaged word). In rows laid
    out by a page, a header may be printed over two or three lines (`三级` over `指标`,
    `指标值确` over `定依据`, `近两年指标值` over `2021年 | 2022年`): rows of headings that
    touch are read as one."""
    end = _row_end(cells, start)
    row = list(zip(cells[start:end], tags[start:end], strict=True))
    found = _header_of(cells, tags, start, end, row)
    pending: tuple[list[tuple[Cell, Tags]], int] | None = None  # two lines that need a third
    for _ in range(_STACKED_ROWS if laid_out else 0):
        upper, upper_end = pending or (row, end)
        if upper_end >= len(cells) or not _touches(upper, cells[upper_end]) \
                or found is None and pending is None and not _headings_only(row):
            break
        lower_end = _row_end(cells, upper_end)
        lower = _joined_headings(list(zip(cells[upper_end:lower_end], tags[upper_end:lower_end],
                                          strict=True)), set())
        if found is not None and not _headings_only(lower) and not _completes_headings(upper, lower):
            break  # `年度指 | 标值`: cut, then read
        if found is not None and _set_apart(upper, lower):
            break  # (the row below splits a column of the header: `_extend_subheader`)
        stacked = _stacked([cell for cell, _ in upper], lower)
        candidate = _header_of(cells, tags, start, lower_end, stacked)
        if candidate is None:
            if found is not None or pending is not None or not _spans_a_header(lower):
                break
            pending = stacked, lower_end  # `年度` / `指标` / `值`: whole only on the third line
            continue
        row, found, end, pending = stacked, candidate, lower_end, None
    if found and laid_out and end < len(cells) and _notes_only(cells, end) and _touches(row, cells[end]):
        return _row_end(cells, end), found[1]
    return found


def _set_apart(upper: list[tuple[Cell, Tags]], lower: list[tuple[Cell, Tags]]) -> bool:
    """`年度指标值 | 实际完成值` under `一级指标 | 二级指标`: headings of values under headings of
    levels or names are no pieces of them. Text that writes a spanned cell once (a browser's
    copy of a page, its cells parted by tabs) sets a second header row's headings at the
    row's start, not under the heading they split."""
    above = {cell.col: tag.column for cell, tag in upper if not cell.empty}
    return any(tag.column and tag.column not in _NAME_ROLES and above.get(cell.col) in _NAME_ROLES
               for cell, tag in lower if not cell.empty)


def _spans_a_header(line: list[tuple[Cell, Tags]]) -> bool:
    """A header's middle line: pieces under several columns (`指标 | 指标 | 完成值 | 分值`), no
    field label (`资金使用单位 | 各乡镇人民政府` is a label row above a table)."""
    filled = [tag for cell, tag in line if not cell.empty]
    return len(filled) >= _HEADER_PIECES and not any(tag.field or tag.money for tag in filled)


_HEADER_PIECES = 3


def _completes_headings(row: list[tuple[Cell, Tags]], lower: list[tuple[Cell, Tags]]) -> bool:
    """`预计当年 | 指标值确` over `实现 | 定依据`: every piece on the line below ends the heading
    above it, and one of them changes what its column is (cut, `指标值确` reads as 指标值,
    `预计当年` as nothing)."""
    above = {cell.col: cell for cell, _ in row if not cell.empty}
    filled = [cell for cell, _ in lower if not cell.empty]
    if not filled or any(cell.col not in above for cell in filled):
        return False
    roles = [(whole_heading_role(above[cell.col].text + cell.text), whole_heading_role(above[cell.col].text))
             for cell in filled]
    return all(whole is not None for whole, _ in roles) and any(whole != cut for whole, cut in roles)


def _notes_only(cells: list[Cell], start: int) -> bool:
    """A header's last line that only holds notes on its headings or the ends of headings it
    wrapped (`指标 | (≥/≤/=/定性) | (分)`; `指标` under `三级`): part of the header, no row."""
    filled = [cell for cell in cells[start:_row_end(cells, start)] if not cell.empty]
    return bool(filled) and all(
        bracketed_note(cell.text) or classify(cell.text).shape == "empty" for cell in filled)


_STACKED_ROWS = 2  # more lines a laid-out header may take


def _row_end(cells: list[Cell], start: int) -> int:
    end = start
    while end < len(cells) and cells[end].row == cells[start].row:
        end += 1
    return end


def _headings_only(row: list[tuple[Cell, Tags]]) -> bool:
    """A row that names columns and holds nothing else a table row holds (values, levels,
    sentences)."""
    filled = [(cell, tag) for cell, tag in row if not cell.empty]
    headings = [tag.column or tag.history_heading for _, tag in filled]
    return any(headings) and not any(
        tag.is_level or tag.shape in ("quant", "number") or tag.shape == "long" and not heading
        or tag.field or tag.inline or tag.money or tag.goal or tag.title
        for (_, tag), heading in zip(filled, headings, strict=True))




def _stacked(upper: list[Cell], lower: list[tuple[Cell, Tags]]) -> list[tuple[Cell, Tags]]:
    """Two rows of headings as one, each column's pieces read top to bottom (`三级` over
    `指标`); where the piece below names a column on its own (`2023年`, `上年` under a
    group's `指标值`), it is the heading, and the group's piece above is left out."""
    above = [cell for cell in upper if _HAN.search(cell.text)]  # not debris (`.l1`)
    row = lower[0][0].row
    stacked: list[tuple[Cell, Tags]] = []
    used: set[int] = set()
    for cell, tag in lower:
        over = [top for top in above if cell.col <= top.col < cell.col + cell.col_span]
        used.update(id(top) for top in over)
        if not over or not cell.empty and (tag.column or tag.history_heading):
            stacked.append((cell, tag))
            continue
        text = "".join(top.text for top in over) + cell.text
        raw = "\n".join([*(top.raw for top in over), cell.raw])
        stacked.append((replace(cell, text=text, raw=raw, line=over[0].line), classify(text)))
    stacked.extend((replace(top, row=row), classify(top.text)) for top in above if id(top) not in used)
    return sorted(stacked, key=lambda pair: pair[0].col)


def _header_of(cells: list[Cell], tags: list[Tags], start: int, end: int,
               row: list[tuple[Cell, Tags]]) -> tuple[int, Header] | None:
    below = _row_end(cells, end)
    headed = {cell.col for cell, tag in zip(cells[end:below], tags[end:below], strict=True)
              if tag.column or tag.history_heading}
    row = _joined_headings(row, headed)
    roles = _current_after_history([_heading_role(cell, tag) for cell, tag in row])
    if not _complete([r for r in roles if r not in ("unknown", "empty")]) or any(
            tag.is_level and not tag.umbrella for _, tag in row):
        return None
    kept = list(zip([cell for cell, _ in row], roles, strict=True))
    while kept and kept[-1][1] in ("unknown", "empty"):
        kept.pop()
    leading = 0
    while leading < len(kept) and kept[leading][1] == "empty":
        leading += 1
    roles = ["ignore"] * leading + _by_elimination(
        ["unknown" if role == "empty" else role for _, role in kept[leading:]])
    originals = {id(cell) for cell in cells[start:end]}
    header = _make_header([cell for cell, _ in kept], roles,
                          joined={id(cell) for cell, _ in kept
                                  if id(cell) not in originals and cell.col_span > 1})
    return end, header


def _joined_headings(row: list[tuple[Cell, Tags]], headed_below: set[int]
                     ) -> list[tuple[Cell, Tags]]:
    """`三级指 | 标`, `一级 | 指标`, `预计当 | 年实现值`: text a PDF tool laid out by the page
    cuts a wide heading at a gap between its characters into two cells side by side. Two
    neighbours are one heading where together they name a column and apart one names none
    (nor an umbrella or history, nor a period's own heading), unless the row
    below heads each of their columns (`指标 | 值` over `近两年指标值 | 预期当年实现值`: a
    heading over the columns it groups)."""
    joined: list[tuple[Cell, Tags]] = []
    index = 0
    while index < len(row):
        cell, tag = row[index]
        if index + 1 < len(row) and _heading_pieces(cell, tag, *row[index + 1]) \
                and not {cell.col, row[index + 1][0].col} <= headed_below:
            following = row[index + 1][0]
            role = whole_heading_role(cell.text + following.text) or _period_heading(
                cell.text + following.text)
            # (`得 | 偏差原因分析及改进措施`: a piece that names the role alone takes no
            # neighbour that only a misread-tolerant match lets in)
            if role and (role not in (tag.column, row[index + 1][1].column)
                         or listed_heading_role(cell.text + following.text) == role):
                whole = replace(classify(cell.text + following.text), column=role)
                joined.append((_rejoined(cell, following), whole))
                index += 2
                continue
        joined.append((cell, tag))
        index += 1
    return joined


def _period_heading(text: str) -> str | None:
    """`中期指标值(2024-2026年)`: a period's value heading (a period word and a heading) is
    whole too."""
    tag = classify(text)
    return tag.column if tag.column and tag.scope else None


def _heading_pieces(first: Cell, first_tag: Tags, second: Cell, second_tag: Tags) -> bool:
    if not _side_by_side(first, second):
        return False
    if bracketed_note(second.text):
        return True  # `年度指标值 | (2024年)`: a heading's note cut off
    if any(tag.umbrella or tag.history_heading or tag.scope and tag.column
           for tag in (first_tag, second_tag)):
        return False  # `年度指标值 | …`: a period's heading is whole
    if first_tag.scope and second_tag.column or second_tag.scope and first_tag.column:
        return False  # `年度绩效指标 | 一级指标`: a period's side column, then a heading
    return not (first_tag.column and second_tag.column)


def _current_after_history(roles: list[str]) -> list[str]:
    """`前年 | 上年 | 预计当…`: the 近两年 template's columns are the two years before and then
    the year's own value, so an unread heading right after them is the value column."""
    history = [k for k, role in enumerate(roles) if role in ("history_last", "history")]
    if "target" in roles or not history:
        return roles
    after = history[-1] + 1
    if after < len(roles) and roles[after] == "unknown":
        return roles[:after] + ["target"] + roles[after + 1:]
    return roles


def _by_elimination(roles: list[str]) -> list[str]:
    """Headings a PDF broke or lost, named by the form's column order: the unknown column
    left of 二级指标 is 一级, the first one right of it the 三级 name, 近两年 columns
    (printed as years) are 前年 then 上年, and in a 自评表 the one right of 分值 is 得分."""
    roles = list(roles)
    history = [i for i, role in enumerate(roles) if role == "history"]
    for index, label in zip(history, ("history_before_last", "history_last"), strict=False):
        roles[index] = label
    for index in history[2:]:
        roles[index] = "unknown"
    if "score" not in roles and "actual" in roles and "weight" in roles:
        after = roles.index("weight") + 1  # `分值 | 得`: a 自评表's points, then what it scored
        if after < len(roles) and roles[after] == "unknown":
            roles[after] = "score"
    if "level2" not in roles:
        return roles
    level2 = roles.index("level2")
    if "level1" not in roles and level2 and roles[level2 - 1] == "unknown":
        roles[level2 - 1] = "level1"
    if "name" not in roles:
        after = next((i for i in range(level2 + 1, len(roles)) if roles[i] == "unknown"), None)
        if after is not None:
            roles[after] = "name"
    return roles


def _heading_role(cell: Cell, tag: Tags) -> str:
    if cell.empty:
        return "empty"
    if tag.column:
        return tag.column
    if not tag.is_label and (misread := misread_heading_role(cell.text)):
        return misread  # `年度指标什`: a heading OCR misread a character of
    if tag.history_heading:
        return "history"
    if tag.umbrella or tag.scope:
        return "ignore"
    return "unknown"


def _grades_under_their_heading(roles: list[str], header_cells: list[Cell],
                                after_blank: set[int] = frozenset()) -> tuple[list[str], list[Cell]]:
    """`… | 评价标准 | 依据` over a second row `优 | 良 | 中 | 差`: the grades split the
    评价标准 column in place (the best, 优, is the target), not columns after 依据. The second
    row starts on a new printed row, or, in a stream of cells, after the blank cells under
    the headings with no grades (`after_blank`) or right after 依据 (glued text)."""
    if "grade" not in roles or "target" in roles[: roles.index("grade")]:
        return roles, header_cells
    at = roles.index("grade")
    breaks = [k for k in range(at + 1, len(header_cells))
              if header_cells[k].break_before >= BREAK_HINT or header_cells[k].row != header_cells[at].row
              or roles[k] == "target" and (k in after_blank or "basis" in roles[at + 1: k])]
    if not breaks:
        return roles, header_cells
    below = roles[breaks[0]:]
    if "target" not in below or not set(below) <= _SPLIT_GRADE:
        return roles, header_cells
    return (roles[:at] + below + roles[at + 1: breaks[0]],
            header_cells[:at] + header_cells[breaks[0]:] + header_cells[at + 1: breaks[0]])


def _name_heading_ahead(tags: list[Tags], index: int) -> bool:
    return any(tag.column == "name" for tag in tags[index + 1: index + _HEADER_CELLS])


def _with_leading_umbrella(cells: list[Cell], tags: list[Tags], index: int, start: int,
                           header: Header) -> int:
    """`绩效指标 | 一级指标 | …`: an umbrella or scope cell just before the header heads the
    column rows print their umbrella (or nothing) in."""
    before = index - 1
    while before >= start and cells[before].empty:
        before -= 1
    if before < start or header.columns[0].role == "ignore" \
            or not (tags[before].umbrella or tags[before].scope):
        return index
    header.columns.insert(0, Column(role="ignore", heading=cells[before].text,
                                    span=(cells[before].col, cells[before].col + 1)))
    header.cells.insert(0, cells[before])
    return before


def _header_run(cells: list[Cell], tags: list[Tags], start: int) -> tuple[int, Header] | None:
    """A run of column headings (gaps allowed for umbrella and scope cells)."""
    header_cells: list[Cell] = []
    roles: list[str] = []
    after_blank: set[int] = set()  # headings a blank cell stands before (a stream's row ends)
    gap = empties = 0
    index = start
    while index < len(cells):
        tag = tags[index]
        empties = empties + 1 if cells[index].empty else 0
        if empties > _EMPTY_RUN or len(roles) >= _HEADER_CELLS:
            break  # a header row is no longer than this: bounded time on repeated headings
        if index > start and _complete(roles) and (
                cells[index].break_before >= BREAK_HINT or _opens_subheader(tag, roles)):
            break  # the header row ended; what follows may be a sub-header row
        if tag.column and not (tag.is_level and not tag.umbrella and tag.column not in LABEL_ROLES):
            if index > start and cells[index - 1].empty:
                after_blank.add(len(header_cells))
            header_cells.append(cells[index])
            roles.append(tag.column)
            gap = 0
        elif cells[index].empty or tag.umbrella and not roles:
            gap += 0 if cells[index].empty else 1
            if tag.umbrella:
                header_cells.append(cells[index])
                roles.append("ignore")
        elif tag.scope and not tag.column and "name" in roles:
            header_cells.append(cells[index])  # `三级指标 | 中期目标 | 年度目标`, 指标值 below
            roles.append("target")  # each: the value column of its period
            gap = 0
        elif tag.umbrella and roles[-1] in LABEL_ROLES and "name" not in roles \
                and not _name_heading_ahead(tags, index):
            header_cells.append(cells[index])  # `绩效指标分类 | 绩效指标 | 绩效指标描述`: the names
            roles.append("name")
            gap = 0
        else:
            break
        if gap > SETTINGS.max_header_gap:
            break
        index += 1
    roles, header_cells = _grades_under_their_heading(roles, header_cells, after_blank)
    goal_columns = roles != (roles := _goal_then_standard(roles))
    distinct = set(roles) - {"ignore"}
    has_name = bool(distinct & _NAME_ROLES)
    has_value = bool(distinct & _VALUE_HEADINGS)
    if has_name and not has_value and len(distinct) >= SETTINGS.min_header_roles - 1:
        index = _subject_columns(cells, tags, index, header_cells, roles)
        has_value = "target" in roles
    if len(distinct) < SETTINGS.min_header_roles or not has_name or not has_value \
            or distinct & _NAME_ROLES == {"level1"} or _value_before_name(roles):
        return None
    header = _make_header(header_cells, roles)
    if goal_columns:  # the goal's name (`绩效目标名称`, printed before its value) and the
        # numbered groups (`一、投入目标`, `1.数量目标`) printed as rows of their own
        before = cells[start - 1].text if start else ""
        header.columns[:0] = [Column(role="level1", heading=""), Column(role="level2", heading=""),
                              Column(role="description", heading=before)]
    return index, header


_EMPTY_RUN = 64
_HEADER_CELLS = 48


def _goal_then_standard(roles: list[str]) -> list[str]:
    """`目标值 | 评价指标 | 标准值` (an older template: each goal's value, then the indicator
    that measures it and its standard): with no 三级 column, a level heading straight before
    the last value column names the rows, and the value columns before it belong to the
    goal, not to the indicator."""
    if "name" in roles or "level2" in roles:
        return roles
    for index in range(len(roles) - 1, 0, -1):
        if roles[index - 1] == "level1" and roles[index] == "target" and "target" in roles[:index - 1]:
            return ["description" if role == "target" and k < index - 1 else
                    "name" if k == index - 1 else role for k, role in enumerate(roles)]
    return roles


def _value_before_name(roles: list[str]) -> bool:
    """`目标值 | 评价指标 | 标准值`: an indicator table names its rows before their values.
    Value headings first are a two-row header printed on one line only when a full set
    of names (三级 included) follows (`年度指标值 | 实际完成值 | … | 一级指标 | 二级指标 | 三级指标`)."""
    first_name = next(i for i, role in enumerate(roles) if role in _NAME_ROLES)
    return any(role in _VALUE_HEADINGS for role in roles[:first_name]) and "name" not in roles


_NAME_ROLES = {"name", "level1", "level2", "level"}
# glued text is cut at every level name, also inside sentences: no table without a header there
_NO_HEADERLESS = {"run_together"}
_OPENING_ROLES = {*_NAME_ROLES, "numbering", "project", "target"}
_VALUE_HEADINGS = {"target", "actual", "score", "weight"}


def _opens_subheader(tag: Tags, roles: list[str]) -> bool:
    """`符号` (or 前年/上年) after the value column: the row below splits 指标值."""
    return "target" in roles and tag.column in ("op", "history_before_last", "history_last")


def _complete(roles: list[str]) -> bool:
    distinct = set(roles) - {"ignore"}
    return len(distinct) >= SETTINGS.min_header_roles and bool(distinct & _NAME_ROLES) \
        and bool(distinct & _VALUE_HEADINGS)


def _subject_columns(cells: list[Cell], tags: list[Tags], index: int, header_cells: list[Cell],
                     roles: list[str]) -> int:
    """A header that names no value column but one column per subject (a village, a
    school) after its label columns: each subject column holds a value."""
    while index < len(cells) and len(roles) < SETTINGS.max_subject_columns:
        tag = tags[index]
        if cells[index].empty:
            index += 1
            continue
        if tag.is_label or tag.shape not in ("short",) or tag.target is None:
            break
        header_cells.append(cells[index])
        roles.append("target")
        index += 1
    return index


def _make_header(header_cells: list[Cell], roles: list[str], joined: set[int] = frozenset()
                 ) -> Header:
    roles = _two_levels_in_order(roles)
    columns: list[Column] = []
    group = 0
    seen: set[str] = set()
    for cell, role in zip(header_cells, roles, strict=True):
        repeats_set = role in seen and (role in ("level2", "name")
                                        or role == "target" and (columns[-1].role != "target"
                                                                 or _another_period(columns[-1], cell)))
        if repeats_set:
            group += 1
            seen = set()
        seen.add(role)
        span = (cell.col, cell.col + cell.col_span)
        columns.append(Column(role=role, heading=cell.text, group=group, span=span,
                              joined=id(cell) in joined))
    columns = _second_row_labels_first(columns)
    return Header(columns=columns, cells=header_cells, scopes=_group_scopes(columns))


def _two_levels_in_order(roles: list[str]) -> list[str]:
    """`指标类型 | 指标类别 | 指标名称`: two headings that each name a level column without
    saying which, side by side before the name, are level 1 then level 2."""
    at = [k for k, role in enumerate(roles) if role == "level"]
    if len(at) != 2 or at[1] != at[0] + 1 or any(role in ("level1", "level2") for role in roles):
        return roles
    return [*roles[:at[0]], "level1", "level2", *roles[at[1] + 1:]]


def _with_spare_description(columns: list[Column]) -> list[Column]:
    """A header with no explanation column still gets one after the name (empty heading),
    where rows are not known: rows often print a sentence there (`享受补贴政策人数占…的比例`)
    that is neither name nor value. (Where rows are known, the cells' places tell.)"""
    if any(c.role == "description" for c in columns):
        return columns
    at = next((i for i, c in enumerate(columns) if c.role == "name"), None)
    if at is None:
        return columns
    spare = Column(role="description", heading="", group=columns[at].group)
    return columns[: at + 1] + [spare] + columns[at + 1:]


def _second_row_labels_first(columns: list[Column]) -> list[Column]:
    """A two-row header flattened row by row (`绩效指标 | 年度指标值 | 实际完成值 | … |
    一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位`) prints its label columns
    after the value columns; rows print them first, under the umbrella heading."""
    first_value = next((i for i, c in enumerate(columns) if c.role in _VALUE_HEADINGS), None)
    labels = [c for c in columns if c.role in _NAME_ROLES]
    if first_value is None or not labels or columns.index(labels[0]) < first_value \
            or any(c.group for c in columns):
        return columns
    rest = [c for c in columns if c.role not in _NAME_ROLES and c.role != "ignore"]
    return labels + rest


def _another_period(previous: Column, cell: Cell) -> bool:
    """`中期指标值 | 年度指标值`: two value columns of one name, one per period."""
    before, now = classify(previous.heading).scope, classify(cell.text).scope
    return before is not None and now is not None and before != now


def _group_scopes(columns: list[Column]) -> list[str | None]:
    """Each column set's period: as its value heading names it, else 中期 then 年度 for two."""
    groups = max((column.group for column in columns), default=0) + 1
    named = [next((classify(c.heading).scope for c in columns if c.group == group
                   and c.role == "target" and classify(c.heading).scope), None)
             for group in range(groups)]
    if groups == 2 and None in named:
        return ["mid_term", "annual"]
    return named if groups > 1 else [None]


def _extend_subheader(cells: list[Cell], tags: list[Tags], end: int,
                      header: Header) -> tuple[Header, int]:
    """A second header row that splits a column (指标值 → 符号 | 值 | 单位; 当年 → 前年 | 上年 |
    当年; 自评得分 → 得分 | 权重占比 | 折算得分)."""
    sub_cells: list[Cell] = []
    sub_roles: list[str] = []
    index = end
    while index < len(cells) and (tags[index].column or cells[index].empty) \
            and not tags[index].is_level:
        if index > end and cells[index].break_before >= BREAK_HINT and sub_cells:
            break
        if tags[index].column:
            sub_cells.append(cells[index])
            sub_roles.append(tags[index].column)
        index += 1
    if not sub_cells or len(set(sub_roles)) < 1:
        return header, end
    return _merge_subheader(header, sub_cells, sub_roles), index


_SPLIT_TARGET = {"op", "unit", "history_before_last", "history_last", "target", "actual"}
_SPLIT_SCORE = {"score", "share", "converted_score"}
_SPLIT_GRADE = {"target", "grade"}


def _merge_subheader(header: Header, sub_cells: list[Cell], sub_roles: list[str]) -> Header:
    named = _blank_headings_named_below(header.columns, sub_cells, sub_roles)
    if named is not None:
        return Header(columns=named, cells=header.cells + sub_cells, scopes=header.scopes)
    columns = list(header.columns)
    if set(sub_roles) == {"target"} and len(sub_roles) == sum(c.role == "target" for c in columns) > 1:
        # `中期目标 | 年度目标` over `指标值 | 指标值`: the row below names what each period holds
        return Header(columns=columns, cells=header.cells + sub_cells, scopes=header.scopes)
    if set(sub_roles) <= _SPLIT_GRADE and not any(column.role == "target" for column in columns):
        # 评价标准 → 优 | 良 | 中 | 差: the best grade is the target (the Hebei template)
        columns = _split_column(columns, "grade", list(zip(sub_cells, sub_roles, strict=True)),
                                keep_role="target")
    target_parts = [(c, r) for c, r in zip(sub_cells, sub_roles, strict=True) if r in _SPLIT_TARGET]
    score_parts = [(c, r) for c, r in zip(sub_cells, sub_roles, strict=True) if r in _SPLIT_SCORE]
    columns = _split_column(columns, "target", target_parts, keep_role="target")
    columns = _split_column(columns, "score", score_parts, keep_role="score")
    if not any(column.group for column in columns):
        periods = _period_groups(columns)
        if any(column.group for column in periods):
            return Header(columns=periods, cells=header.cells + sub_cells,
                          scopes=_group_scopes(periods))
    return Header(columns=columns, cells=header.cells + sub_cells, scopes=header.scopes)


def _blank_headings_named_below(columns: list[Column], sub_cells: list[Cell],
                                sub_roles: list[str]) -> list[Column] | None:
    """`一级指标 | 二级指标` on a row of their own under the header's blank cells (a data
    library's table of two index levels: pandas writes the columns' names on the first row
    and the index's names on the second): each names the column it stands under. None where
    a heading below stands under a named column (it splits that column)."""
    named = list(columns)
    for cell, role in zip(sub_cells, sub_roles, strict=True):
        at = next((k for k, column in enumerate(columns)
                   if column.span and column.span[0] <= cell.col < column.span[1]), None)
        if at is None or columns[at].role not in _BLANK_ROLES:
            return None
        named[at] = replace(columns[at], role=role, heading=cell.text)
    return named


_BLANK_ROLES = ("ignore", "unknown")


def _period_groups(columns: list[Column]) -> list[Column]:
    """`指标值` over `中期指标值 | 年度指标值`: each period's value column (and what follows
    it) a column set of its own, as when the periods head one header row (`_make_header`)."""
    group, previous = 0, None
    regrouped = []
    for column in columns:
        scope = classify(column.heading).scope if column.role == "target" else None
        if scope is not None and previous is not None and scope != previous:
            group += 1
        previous = scope or previous
        regrouped.append(replace(column, group=group))
    return regrouped


def _split_column(columns: list[Column], role: str, parts: list[tuple[Cell, str]],
                  keep_role: str) -> list[Column]:
    at = next((i for i, column in enumerate(columns) if column.role == role), None)
    if at is None or not parts:
        return columns
    roles = [r for _, r in parts]
    if keep_role not in roles:
        roles.insert(1 if "op" in roles else len(roles), keep_role)
        parts.insert(1 if "op" in [r for _, r in parts] else len(parts), (parts[0][0], keep_role))
    group = columns[at].group
    replacement = [Column(role=r, heading=c.text, group=group) for c, r in parts]
    return columns[:at] + replacement + columns[at + 1:]


def _synthetic_header() -> Header:
    """Rows that print levels, names and values with no header above them."""
    roles = ["level1", "level2", "name", "target"]
    return Header(columns=[Column(role=r, heading="") for r in roles], cells=[], scopes=[None])


def _starts_headerless(tags: list[Tags], index: int) -> bool:
    """A level-1 label soon followed by a level-2 label and a value: an indicator table."""
    window = tags[index: index + 8]
    has_level2 = any(t.level2 for t in window[1:])
    has_value = any(t.shape in ("quant", "number") or (t.target and t.shape == "short")
                    for t in window[1:] if not t.is_label)
    return bool(tags[index].level1 or tags[index].umbrella) and has_level2 and has_value


def _data_end(cells: list[Cell], tags: list[Tags], start: int, laid_out: bool = False) -> int:
    """Where the table's data ends: a field label, goal label, title or new header (in rows
    laid out by tabs or spaces, a whole row of headings, some cut over two cells)."""
    index = start
    while index < len(cells):
        tag = tags[index]
        at_row_start = index == start or cells[index].break_before >= BREAK_HINT or laid_out \
            and _first_filled_of_row(cells, start, index)
        if laid_out and index > start and cells[index].row != cells[index - 1].row \
                and _header_row(cells, tags, index, laid_out=True):
            return index
        if _ends_table(tag) and not cells[index].empty and (not tag.goal or at_row_start) \
                and not (tag.goal and laid_out and _indicator_row_after(cells, tags, index)):
            return index
        if tag.known_label and at_row_start and not tag.is_level:
            return index
        if tag.column and not tag.is_level and index + 1 < len(cells) \
                and _header_run(cells, tags, index):
            return index
        index += 1
    return index


def _indicator_row_after(cells: list[Cell], tags: list[Tags], index: int) -> bool:
    """`年度绩效目标 | | 质量指标 | 计量违法行为查处率 | 100%`: a goal's name in the table's
    first column (目标名称, merged down its rows) beside a row of the table, not a goal row
    (which holds the goal's sentence)."""
    end = _row_end(cells, index)
    rest = tags[index + 1:end]
    return any(tag.is_level and not tag.umbrella for tag in rest) \
        and any(tag.shape in ("quant", "number") for tag in rest)


def _first_filled_of_row(cells: list[Cell], start: int, index: int) -> bool:
    before = index - 1
    while before >= start and cells[before].row == cells[index].row:
        if not cells[before].empty:
            return False
        before -= 1
    return True


_ENDING_FIELDS = {"project_name", "project_code", "department", "filled_by", "self_score",
                  "unit_head", "phone", "project_head"}


def _ends_table(tag: Tags) -> bool:
    """A field, title, goal, plan or money label (not a funding source: tables list those)."""
    if tag.boilerplate:
        return True
    if tag.is_level:
        return False
    inline = {name for name, _ in tag.inline}
    return bool(tag.title or (tag.field or "") in _ENDING_FIELDS or inline & _ENDING_FIELDS
                or (tag.goal and tag.shape != "long") or tag.plan
                or (tag.money and tag.money not in ("source", "scope_own", "scope_upper")
                    and tag.shape != "long"))


# ---------------------------------------------------------------- alignment


def align(block: TableBlock, header: Header, cells: list[Cell], tags: list[Tags],
          synthetic: bool = False, cut: bool = False) -> list[Part]:
    """Assign every data cell to a column (or drop it) by the best path; rows follow. A
    project's line inside the table (an indented 批复表 lists several projects, each with its
    indicators) ends one table and opens the next."""
    if block.rows != "exact":
        header.columns = _with_spare_description(header.columns)
    columns = header.columns
    width = len(columns)
    if not cells or not width:
        return [IndicatorTable(header, [], [], synthetic)]
    cells, tags = _join_cut_cells(columns, cells, tags, cut)
    if block.rows != "exact":
        cells, tags = _quantities_cut_over_lines(columns, cells, tags)
    if block.rows == "exact" or block.reader == "run_together":  # (a row a line)
        cells, tags = _names_begun_on_a_line_of_their_own(cells, tags)
    if block.laid_out:
        cells, tags = _names_cut_in_scored_rows(columns, cells, tags)
        cells, tags = _figures_cut_in_rows(columns, cells, tags)
    path = _best_path(block, columns, cells, tags)
    rows, dropped = _rows_from_path(columns, cells, path)
    # (judged before wrapped lines are joined: a label centred on the line the first row
    # wrapped to is the row's then, as if printed atop its group)
    centred = _labels_centred(block, columns, rows, cut)
    if cut or block.centred_labels or centred:
        rows = _wrapped_lines(columns, rows, dropped)
    if block.laid_out:
        rows = _without_specks(rows, dropped)
    _split_glued_points(columns, rows)  # (`66`, `1010`: the points the cuts below count on)
    _split_glued_numbers(columns, rows)
    _split_glued_weight(columns, rows)
    _split_glued_score(columns, rows)
    _split_glued_points(columns, rows)  # (and those the cuts above leave glued)
    _split_score_from_deviation(columns, rows)
    if block.reader == "run_together":
        _split_glued_name_and_value(columns, rows)
        rows = _split_graded_names(columns, rows)
    _label_printed_twice(columns, rows)
    _shared_level_name_as_level_two(columns, rows)
    parts: list[Part] = []
    for index, (segment, project) in enumerate(_project_segments(columns, rows)):
        if project is not None:
            parts.append(LabelRows([project]))
        segment = _labels_cut_over_rows(columns, segment)
        if index == 0 and centred or _labels_centred(block, columns, segment, cut):
            segment = _inherit_centred(columns, segment)
        segment = _inherit_merged(columns, segment)
        _name_a_cut_last_row(columns, segment)
        parts.append(IndicatorTable(header, segment, dropped if index == 0 else [], synthetic))
    return parts


def _labels_centred(block: TableBlock, columns: list[Column], rows: list[AlignedRow], cut: bool) -> bool:
    """The rows' merged labels stand on their groups' middle lines, not atop them."""
    return (block.centred_labels or cut) and _labels_start_late(columns, rows) \
        or block.labels_may_be_centred and _first_row_bare(columns, rows)


def _wrapped_lines(columns: list[Column], rows: list[AlignedRow], dropped: list[Cell]
                   ) -> list[AlignedRow]:
    """Text laid out from a printed form: a name or a level label its narrow column wrapped goes
    on on the next line, with nothing else there but debris and other wrapped cells
    (`重特大森林火灾发生` / `次数`, `社会效益` / `指标`): each piece carries on the cell above
    it in its column, and the line is no row of its own (the debris is reported)."""
    kept: list[AlignedRow] = []
    for index, row in enumerate(rows):
        if kept and _name_begun_above(columns, kept[-1], row):
            name = _first(columns, "name")
            upper = kept.pop()
            row.slots[name] = _over(upper.slots[name], row.slots[name])
            row.cells[:0] = upper.cells
        below = rows[index + 1] if index + 1 < len(rows) else None
        pieces = _wrapped_pieces(columns, kept[-1], row, below) if kept else None
        if pieces and index == len(rows) - 1 and [columns[k].role for k, _, _ in pieces] == ["name"]:
            pieces = None  # an excerpt cut inside its last row: the name of a row of its own
        if pieces and index + 1 < len(rows) and _name_begun_above(columns, row, rows[index + 1]) \
                and _ends_as_name(columns, kept[-1]):
            pieces = None  # the first line of the name below, not the end of a whole name above
        if not pieces:
            kept.append(row)
            continue
        above = kept[-1]
        for k, j, piece in pieces:
            cell = above.slots[j]
            above.slots[j] = None
            above.slots[k] = _over(cell, piece)
            above.inherited[k] = False
            above.cells.append(piece)
        placed = {id(piece) for _, _, piece in pieces}
        for k, column in enumerate(columns):  # a group's label printed on the line the row wrapped to
            if column.role in LABEL_ROLES and _own_slot(row, k) and not _own_slot(above, k) \
                    and id(row.slots[k]) not in placed:
                above.slots[k], above.inherited[k] = row.slots[k], False
                above.cells.append(row.slots[k])
                placed.add(id(row.slots[k]))
        dropped.extend(cell for cell in row.cells if not cell.empty and id(cell) not in placed)
    return kept


def _without_specks(rows: list[AlignedRow], dropped: list[Cell]) -> list[AlignedRow]:
    """A scan's specks read as a line of their own (`.'l | / 1 ·`): no character of a
    word and hardly a letter or digit, or single characters strewn over the line (`民   上`,
    `区   加   了`: a rule's crossings and a seal's strokes read as characters, no cell two
    characters long); no row (the cells are reported)."""
    kept: list[AlignedRow] = []
    for row in rows:
        own = _own_cells(row)
        text = "".join(cell.text for cell in own)
        if text and (not _HAN.search(text) and len(_ALNUM.findall(text)) < _SPECK_CHARACTERS
                     or all(len(_ALNUM.findall(cell.text)) <= 1 for cell in own)):
            dropped.extend(own)
        else:
            kept.append(row)
    return kept


_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_SPECK_CHARACTERS = 3  # letters and digits a line of specks holds at most (`l`, `1`)


def _ends_as_name(columns: list[Column], row: AlignedRow) -> bool:
    name = _first(columns, "name")
    return name is not None and _own_slot(row, name) and ends_as_name(row.slots[name].text)


def _name_begun_above(columns: list[Column], above: AlignedRow, row: AlignedRow) -> bool:
    """`生活垃圾收集清运` alone on its line over `时效指标 | 及时性 | 日产日清 | …`: a name
    whose first line the row's values did not stand beside; the line above holds nothing
    else (but a goal's name merged down the table), and its piece is no name of its own."""
    name = _first(columns, "name")
    if name is None or not _own_slot(above, name) or not _own_slot(row, name):
        return False
    top, piece = above.slots[name], row.slots[name]
    if columns[name].span and _column_at(columns, top.col) != name or opens_with_comparator(top.text):
        return False  # an explanation wrapped above its row (`不低于省定…`), no name's first line
    if any(_own_slot(above, k) and not _in_goal_column(columns, cell)
           for k, cell in enumerate(above.slots) if k != name):
        return False
    values = [k for k, column in enumerate(columns) if column.role in _REPEATED_ROLES and _own_slot(row, k)]
    return bool(values) and piece.line == top.last_line + 1 and len(piece.text) <= _WRAPPED_NAME \
        and bool(_CJK_END.search(top.text)) and not _ends_as_name(columns, above) \
        and _wrapped_piece(classify(piece.text), piece.text)


def _wrapped_pieces(columns: list[Column], above: AlignedRow, row: AlignedRow,
                    below: AlignedRow | None = None) -> list[tuple[int, int, Cell]] | None:
    """(column, slot of the cell it carries on, piece) for each cell of a wrapped line, or
    None where the line is a row. The cell above is the one printed in the piece's column,
    whichever slot alignment gave it (`服务对象满` in a column of no heading, `意度指标` under it).
    A group's label centred on the line (whole, or its top whose end the line below prints:
    `产出` / `指标`) is no piece: the row takes it."""
    filled = [cell for cell in row.cells if not cell.empty]
    values = [cell for cell in filled if classify(cell.text).shape in ("quant", "number")
              and not _in_text_column(columns, cell)]  # (`…测算 | 1200户`: a sentence's end)
    words = [cell for cell in filled if _HAN.search(cell.text) and cell not in values
             and not _in_goal_column(columns, cell)]
    if values:  # only a name's piece beside the row above's values printed again, and the
        repeated = _values_repeated(columns, above, row)  # ends of labels cut over the two lines
        words = [row.slots[k] for k in repeated] if repeated else []
    if not words:
        return None
    pieces: list[tuple[int, int, Cell]] = []
    for word in words:
        k = _column_at(columns, word.col)
        if k is None or columns[k].role not in ("name", *LABEL_ROLES, *_TEXT_ROLES, *_FIGURE_ROLES):
            return None
        j = k if _own_slot(above, k) else next(
            (j for j, cell in enumerate(above.slots) if _own_slot(above, j)
             and columns[k].span[0] <= cell.col < columns[k].span[1]), None)
        cell = above.slots[j] if j is not None else None
        if cell is None and columns[k].role in LABEL_ROLES and (_label_top(k, word, below) or listed_level(
                word.text) and _takes_centred_label(columns, above, row)):
            continue  # a group's label centred on this line (its top, or whole under a row that
            # prints one, beside the end of the row's name: `单处工程平均维修养护` / `成本指标 |
            # 费用`, or beside a sentence's piece only): the row takes it
        if cell is None or word.line != cell.last_line + 1 or any(j == taken for _, taken, _ in pieces) \
                or not (_CJK_END.search(cell.text) or columns[k].role in _TEXT_ROLES) \
                or not _carried_on(columns[k].role, cell, word):
            return None  # (a sentence goes on after any mark: `…务工,` / `改厕意愿…`; two
            # pieces under one cell are no wrapped line)
        pieces.append((k, j, word))
    if not pieces:
        return None
    values = [(j, piece) for k, j, piece in pieces if columns[k].role in _FIGURE_ROLES]
    unlabelled = [piece for k, _, piece in pieces if columns[k].role not in LABEL_ROLES]
    if values and len(values) < len(unlabelled) and not all(
            deadline_cut(above.slots[j].text, piece.text) for j, piece in values):
        return None  # `居民出行条件 | 明显改善`: a name and its value, a row of its own
    return pieces  # (`…修复完成` / `时间 | 前 | 前`: a name's tail and its deadlines' ends)


def _column_at(columns: list[Column], col: int) -> int | None:
    return next((k for k, column in enumerate(columns) if column.span
                 and column.span[0] <= col < column.span[1]), None)


def _in_goal_column(columns: list[Column], cell: Cell) -> bool:
    """`年度绩效` in the 目标名称 column before the levels, `绩效` / `指标` in the side
    column of no heading: a goal's name or a side label merged down the table, printed on
    whichever line its middle falls; no piece of a row's cells."""
    k = _column_at(columns, cell.col)
    first = next((j for j, column in enumerate(columns) if column.role in ("name", *LABEL_ROLES)), 0)
    return k is not None and k < first and columns[k].role in ("unknown", "ignore")


def _values_repeated(columns: list[Column], above: AlignedRow, row: AlignedRow) -> list[int] | None:
    """`重点特种设备使用单 | 100% | 100%` over `位监督检查率 | 100% | 100%`: an OCR engine
    that printed a row's values beside both lines of its wrapped name; the columns of the
    line's pieces (its name's, and those of the labels it ends: `产出` / `指标`), or None.
    The line's cells but its name repeat the row above's, column for column (one
    copy may be misread: `1.000/`), the name above does not end as names do, and the row's
    figures differ from each other, or the name with the piece ends as names do (`率`, `数`):
    `100% | 100%` under `100% | 100%` may be two rows'."""
    name = _first(columns, "name")
    if name is None or not _own_slot(row, name) or not _own_slot(above, name):
        return None
    printed = [k for k, cell in enumerate(row.slots) if k != name and _own_slot(row, k)
               and not _in_goal_column(columns, cell) and columns[k].role not in LABEL_ROLES]
    ends = _label_ends(columns, above, row)
    if any(_own_slot(row, k) and k not in ends
           and (_own_slot(above, k) or not listed_level(row.slots[k].text))
           for k, column in enumerate(columns) if column.role in LABEL_ROLES):
        return None  # a label of its group centred on the second line is kept (the row takes it)
    same = [k for k in printed if _own_slot(above, k) and key(row.slots[k].text) == key(above.slots[k].text)]
    values = [k for k in same if columns[k].role in _REPEATED_ROLES]
    cut = above.slots[name].text
    if ends_as_name(cut):
        return None  # `…检查完成率` is whole: the line below is a row of its own
    if _completes_name(cut, row.slots[name].text) and values and len(same) == len(printed) >= 2:
        return [name, *ends]  # `…竣工验收 | ＝ | 100` over `合格率 | ＝ | 100`: one value and its
    if len(values) < _REPEATED_VALUES or len(printed) - len(same) > 1:  # sign, the piece ends
        return None  # the name (`…采购 | 100%` over `疫苗提供及时率 | 100%` are two rows)
    if len({_FIGURES.sub(_plain_figure, key(row.slots[k].text)) for k in values}) > 1 \
            or ends_as_name(cut + row.slots[name].text):  # `172万平方米 | … | ≥186万平方米` twice
        return [name, *ends]
    return None


def _in_text_column(columns: list[Column], cell: Cell) -> bool:
    k = _column_at(columns, cell.col)
    return k is not None and columns[k].role in _TEXT_ROLES


def _takes_centred_label(columns: list[Column], above: AlignedRow, row: AlignedRow) -> bool:
    """The row above prints a label, or the line ends its name, or holds neither a name nor a
    value: a whole label on the line is centred on the row's group, not a new group's."""
    return any(_own_slot(above, k) for k, column in enumerate(columns) if column.role in LABEL_ROLES) \
        or _name_completed(columns, above, row) or _neither_name_nor_value(columns, row)


def _label_top(k: int, word: Cell, below: AlignedRow | None) -> bool:
    """`产出` over `指标`: the top of a level label the line below ends."""
    return below is not None and _own_slot(below, k) and word.line + 1 == below.slots[k].line \
        and listed_level(word.text + below.slots[k].text)


def _neither_name_nor_value(columns: list[Column], row: AlignedRow) -> bool:
    """The line prints no name and no value: it is no row of its own."""
    return not any(_own_slot(row, k) for k, column in enumerate(columns)
                   if column.role in ("name", *_FIGURE_ROLES))


def _completes_name(cut: str, piece: str) -> bool:
    """The piece ends a name that does not end alone (`…竣工验收` / `合格率`)."""
    return len(piece) <= _WRAPPED_NAME and completes_name(cut, piece)


def _name_completed(columns: list[Column], above: AlignedRow, row: AlignedRow) -> bool:
    """The line's piece in the name column ends the name of the row above."""
    name = _first(columns, "name")
    return name is not None and _own_slot(above, name) and _own_slot(row, name) \
        and _completes_name(above.slots[name].text, row.slots[name].text)


def _label_ends(columns: list[Column], above: AlignedRow, row: AlignedRow) -> list[int]:
    """The label columns where the line ends the label the row above printed (`产出` / `指标`)."""
    return [k for k, column in enumerate(columns) if column.role in LABEL_ROLES and _own_slot(row, k)
            and _own_slot(above, k) and not listed_level(row.slots[k].text)
            and listed_level(above.slots[k].text + row.slots[k].text)]


def _plain_figure(match: regex.Match[str]) -> str:
    """`100.00` and `100` alike."""
    return format(Decimal(match.group(0)).normalize(), "f")


_FIGURE_ROLES = (*VALUE_ROLES, "history_before_last", "history_last")  # a value each
_REPEATED_ROLES = (*_FIGURE_ROLES, "weight", "score")  # the figures a row prints
_REPEATED_VALUES = 2  # a single equal value (`100%` under `100%`) may be two rows'


def _own_slot(row: AlignedRow, k: int) -> bool:
    cell = row.slots[k]
    return cell is not None and not cell.empty and not row.inherited[k]


_TEXT_ROLES = ("description", "basis", "remark", "deviation")  # sentences wrap at any length


def _carried_on(role: str, cell: Cell, piece: Cell) -> bool:
    """A name goes on with a short piece; a level label only into a level name; a sentence
    (an explanation, a basis, a reason) with any piece of text; a value in words with a
    short word."""
    tag = classify(piece.text)
    if role in _TEXT_ROLES:
        return not tag.is_label
    if role in _FIGURE_ROLES:  # `2023年10月25日` / `完工`, `已落实县乡村三级` / `路长制`, `…5月底` / `前`
        return (tag.shape == "short" or deadline_cut(cell.text, piece.text)) and not tag.is_label \
            and len(piece.text) <= _WRAPPED_NAME
    if role == "name":  # (a piece the reader joined over lines wraps a line's width each)
        return _wrapped_piece(tag, piece.text, piece.last_line - piece.line + 1)
    whole = classify(cell.text + piece.text)
    alone = classify(cell.text)
    return whole.is_level and not whole.soft_level and (not alone.is_level or alone.soft_level)


def _wrapped_piece(tag: Tags, text: str, lines: int = 1) -> bool:
    return len(text) <= _WRAPPED_NAME * lines and tag.shape not in ("quant", "number") \
        and not (tag.is_level and not tag.soft_level) and not tag.is_label or tag.soft_level


_WRAPPED_NAME = 8  # characters: the rest of a name its column wrapped
_HAN = regex.compile(r"\p{Han}")


def _join_cut_cells(columns: list[Column], cells: list[Cell], tags: list[Tags], cut: bool
                    ) -> tuple[list[Cell], list[Tags]]:
    """Under a heading cut over two cells (`三级指 | 标`) the rows' cells are cut the same way
    (`住院救助 | 人次数`, `≥ 20 | 00人次`, `社会效 | 益指标`): the pieces a printed row holds
    within the heading's span are one cell again. Where the table shows such cuts, a piece
    that stands under no heading, right of a cell it carries on (`维修 | 养护处数`), joins it;
    a basis beside its value (`≥3100人 | 计划标准`) in a table with a basis column does not."""
    spans = [column.span for column in columns if column.joined and column.span]
    unheaded = {column.span[0] for column in columns
                if cut and column.span and not column.heading and column.role in ("unknown", "ignore")}
    based = any(column.role == "basis" for column in columns)
    valued = min((column.span[0] for column in columns if column.span
                  and column.role in _REPEATED_ROLES), default=None)
    named = next((column.span for column in columns if column.role == "name"), None)
    joined_cells: list[Cell] = []
    joined_tags: list[Tags] = []
    for index, (cell, tag) in enumerate(zip(cells, tags, strict=True)):
        before = joined_cells[-1] if joined_cells else None
        if before is not None and (_cut_on_its_line(named, before, cell) or (
                any(low <= before.col < cell.col < high for low, high in spans)
                or cell.col in unheaded and cell.col == before.col + before.col_span)
                and not (based and tag.basis_like and valued is not None and before.col >= valued)
                and _carries_on(before, cell) and _values_left_for(columns, cells, index)):
            whole = _rejoined(before, cell)
            joined_cells[-1], joined_tags[-1] = whole, classify(whole.text)
            continue
        joined_cells.append(cell)
        joined_tags.append(tag)
    return joined_cells, joined_tags


def _names_begun_on_a_line_of_their_own(cells: list[Cell], tags: list[Tags]
                                        ) -> tuple[list[Cell], list[Tags]]:
    """`食品安全抽检问题产品` alone on its line over `核查处置率 | 100% | 行业标准`: a name the
    page broke over two lines (a web cell's `<br>`), where the piece below, in the same
    place, ends it as names end; one cell, where the row's first cell stands."""
    lines: dict[int, list[int]] = {}
    for index, cell in enumerate(cells):
        if not cell.empty:
            lines.setdefault(cell.row, []).append(index)
    rows = sorted(lines)
    joined: dict[int, Cell] = {}
    gone: set[int] = set()
    for row, following in zip(rows, rows[1:], strict=False):
        if len(lines[row]) != 1 or len(lines[following]) < 2:
            continue
        alone, opening = lines[row][0], lines[following][0]
        top, first = cells[alone], cells[opening]
        if first.line == top.last_line + 1 and first.col == top.col and _HAN_END.search(top.text) \
                and not _SENTENCE_MARKS.search(top.text) and tags[alone].shape in ("short", "long") \
                and not tags[alone].is_label and _completes_name(top.text, first.text):
            joined[opening] = replace(first, text=top.text + first.text, raw=f"{top.raw}\n{first.raw}",
                                      line=top.line)
            gone.add(alone)
    if not joined:
        return cells, tags
    kept = [index for index in range(len(cells)) if index not in gone]
    return ([joined.get(index, cells[index]) for index in kept],
            [classify(joined[index].text) if index in joined else tags[index] for index in kept])


_HAN_END = regex.compile(r"\p{Han}$")
_SENTENCE_MARKS = regex.compile(r"[。；;，,]")  # (`…统计衔接。`: a reason's last line, no name)


def _figures_cut_in_rows(columns: list[Column], cells: list[Cell], tags: list[Tags]
                         ) -> tuple[list[Cell], list[Tags]]:
    """`≥ 36 | 00户`, `≥ 39 | 4万平方米`, `≥ 32 | 万人`: a value a stray gap cut in two, in a
    row laid out by a page that holds more figures than the table has columns for them. Two
    pieces side by side on one line, the first ending in a digit, the second opening with
    one or being a bare unit, are one value where together they read as one quantity."""
    numeric = sum(1 for column in columns if column.role in _REPEATED_ROLES)
    by_row: dict[int, list[int]] = {}
    for index, cell in enumerate(cells):
        if not cell.empty and tags[index].shape in ("quant", "number", "unit"):
            by_row.setdefault(cell.row, []).append(index)
    joined: dict[int, int] = {}  # index of the second piece -> index of the first
    for indices in by_row.values():
        surplus = len(indices) - numeric
        for first, second in pairwise(indices):
            if surplus <= 0:
                break
            if _one_quantity(cells[first], cells[second]):
                joined[second] = first
                surplus -= 1
    if not joined:
        return cells, tags
    kept_cells: list[Cell] = []
    kept_tags: list[Tags] = []
    for index, (cell, tag) in enumerate(zip(cells, tags, strict=True)):
        if index in joined:
            whole = _rejoined(kept_cells[-1], cell)
            kept_cells[-1], kept_tags[-1] = whole, classify(whole.text)
            continue
        kept_cells.append(cell)
        kept_tags.append(tag)
    return kept_cells, kept_tags


def _quantities_cut_over_lines(columns: list[Column], cells: list[Cell], tags: list[Tags]
                               ) -> tuple[list[Cell], list[Tags]]:
    """`≥` / `45` / `处`, each on a line of its own: a web page's value typed in three runs
    (spans, a sign from a symbol font) that a scraper wrote a text node a line, or a space
    apart (`≥ 38 万亩次`). In a table with no column for the sign or the unit, a bare
    comparator before a figure, and a bare unit after a figure that has none, on the next
    line or beside it, are one value with it."""
    if any(column.role in ("op", "unit") for column in columns):
        return cells, tags
    kept_cells: list[Cell] = []
    kept_tags: list[Tags] = []
    for cell, tag in zip(cells, tags, strict=True):
        if kept_cells and _value_goes_on(kept_cells[-1], kept_tags[-1], cell, tag):
            before = kept_cells[-1]
            whole = _rejoined(before, cell) if cell.line == before.last_line else _over(before, cell)
            kept_cells[-1], kept_tags[-1] = whole, classify(whole.text)
            continue
        kept_cells.append(cell)
        kept_tags.append(tag)
    return kept_cells, kept_tags


def _value_goes_on(before: Cell, before_tag: Tags, cell: Cell, tag: Tags) -> bool:
    if before.empty or cell.empty or not (cell.line == before.last_line + 1 or _side_by_side(before, cell)
                                          and cell.line == before.last_line):
        return False
    if before_tag.shape == "op" and before_tag.op and tag.shape in ("number", "quant"):
        return not opens_with_comparator(cell.text) and cell.text[0] not in COMPARATOR_SIGNS
    if tag.shape != "unit" or before_tag.shape not in ("number", "quant") \
            or not before.text[-1].isdigit():
        return False
    return classify(before.text + cell.text).shape == "quant"


def _one_quantity(first: Cell, second: Cell) -> bool:
    if not _side_by_side(first, second) or first.line != second.line or not first.text[-1].isdigit():
        return False
    if not (second.text[0].isdigit() or classify(second.text).shape == "unit"):
        return False
    whole = classify(first.text + second.text)
    return whole.shape == "quant" and len(_FIGURES.findall(first.text + second.text)) == 1


_FIGURES = regex.compile(r"\d+(?:\.\d+)?")


def _cut_on_its_line(named: tuple[int, int] | None, before: Cell, cell: Cell) -> bool:
    """Two cells side by side on a row's line that a gap cut from one, in any table: a level
    label (`可持续影 | 响指标`), a name (`专职人民调解员配备 | 人数`, under the name column's
    span `named`), a deadline (`2024年5月 | 底前`)."""
    if not _side_by_side(before, cell) or before.line != cell.line:
        return False
    return _level_pieces(before, cell) or _name_pieces(named, before, cell) \
        or deadline_cut(before.text, cell.text)


def _name_pieces(named: tuple[int, int] | None, before: Cell, cell: Cell) -> bool:
    """A name's short last piece, what makes it end as names do (人数, 时限); neither piece a
    label or a value."""
    if named is None or not named[0] <= before.col < named[1] or len(cell.text) > _NAME_TAIL:
        return False
    piece = classify(cell.text)
    return piece.shape == "short" and not piece.is_label and not piece.value_phrase \
        and _completes_name(before.text, cell.text) and not classify(before.text).is_label


_NAME_TAIL = 4  # characters: the piece a gap cuts off a name's end


def _level_pieces(before: Cell, cell: Cell) -> bool:
    """A level label cut in two: neither piece a label the vocabulary lists, together one
    it does (not the side label: `绩效 | 指标` is its top beside a label's end)."""
    return len(before.text) + len(cell.text) <= _LONGEST_LEVEL \
        and listed_level(before.text + cell.text) and not listed_level(before.text) \
        and not listed_level(cell.text) and not classify(before.text + cell.text).umbrella


_LONGEST_LEVEL = 12  # characters of a level label with its note


def _names_cut_in_scored_rows(columns: list[Column], cells: list[Cell], tags: list[Tags]
                              ) -> tuple[list[Cell], list[Tags]]:
    """A self-evaluation's printed row one cell too long, its points and score closing it
    (`黑土耕层土壤 | 有机质含量 | 稳中有升 | 稳中有升 | 8 | 8`: a stray gap an OCR engine read
    as a cell border): counted from the right, the figures, the achieved and the planned
    value stand where they must, and the two text cells left before them are one name. A
    header with a sentence column between the name and the points (`指标解释`) has room for
    that second text cell: there it is the sentence, no piece of the name."""
    roles = [column.role for column in columns]
    scored = ("name", "target", "actual", "weight", "score")
    if not all(role in roles for role in scored) \
            or set(roles[roles.index("name"):roles.index("weight")]) & set(_TEXT_ROLES):
        return cells, tags
    by_row: dict[int, list[int]] = {}
    for index, cell in enumerate(cells):
        if not cell.empty and not tags[index].is_level and not tags[index].umbrella:
            by_row.setdefault(cell.row, []).append(index)
    cut: dict[int, Cell] = {}
    for indices in by_row.values():
        if len(indices) != len(scored) + 1:
            continue
        first, second, *_, weight, score = indices
        if all(tags[k].number is not None for k in (weight, score)) \
                and cells[second].col == cells[first].col + cells[first].col_span \
                and all(_name_piece(cells[k], tags[k]) for k in (first, second)):
            cut[first] = _rejoined(cells[first], cells[second])
            cut[second] = None
    if not cut:
        return cells, tags
    kept = [(cut.get(index, cell), tags[index] if index not in cut else None)
            for index, cell in enumerate(cells) if cut.get(index, cell) is not None]
    return [cell for cell, _ in kept], [tag or classify(cell.text) for cell, tag in kept]


def _name_piece(cell: Cell, tag: Tags) -> bool:
    """Text a name is made of: Han, no figure, no label and no value."""
    return tag.shape in ("short", "long") and not tag.is_label and not tag.value_phrase \
        and not any(char.isdigit() for char in cell.text)


def _values_left_for(columns: list[Column], cells: list[Cell], index: int) -> bool:
    """Joining cell `index` to the one before leaves the row's later cells enough for the
    value columns after it: where positions are only near (runs of spaces), a value put at a
    cut heading's second place (`…推广体系 | 逐步完善 | 已形成… | 10 | 10`) is no piece."""
    cell = cells[index]
    later = 0
    for following in cells[index + 1:]:
        if following.row != cell.row:
            break
        later += not following.empty
    needed = sum(1 for column in columns if column.span and column.span[0] > cell.col
                 and column.role in _REPEATED_ROLES)
    return later >= needed


def _whole_cell(cell: Cell) -> bool:
    """A level name, a heading, a field label or an operator (`≥`, `定性`, `正向`) is a cell
    of its own, no piece of one."""
    tag = classify(cell.text)
    return tag.is_level and not tag.soft_level or bool(tag.column or tag.field) \
        or tag.shape in ("op", "direction")


def _carries_on(before: Cell, cell: Cell) -> bool:
    """A cut inside a word (`维修 | 养护`), a number (`≥ 20 | 00人次`) or between a number and
    its unit (`≥640 | 批次`); not a name before its value (`到位率 | 100%`)."""
    if before.empty or cell.empty or before.row != cell.row:
        return False
    whole = classify(before.text + cell.text)
    if whole.is_level and not whole.soft_level:
        return True  # `服务对象满 | 意度指标`
    if _whole_cell(before) or _whole_cell(cell):
        return False
    if _CJK_END.search(before.text) and _CJK_START.match(cell.text):
        return True
    if before.text[-1] in _JOINERS:  # `≤3.2万元/ | 公里`, `2024- | 2026年`
        return cell.text[0].isdigit() or bool(_CJK_START.match(cell.text))
    return before.text[-1].isdigit() and (cell.text[0].isdigit() or bool(_CJK_START.match(cell.text)))


_JOINERS = "/-～~—"  # a text does not end with one: what follows is its rest


def _project_segments(columns: list[Column], rows: list[AlignedRow]
                      ) -> list[tuple[list[AlignedRow], list[Cell] | None]]:
    """The rows cut at each project line: (rows, the project line that opens them, or None
    for the first). A project line prints a name and an amount, indented less than the
    table's level labels (`  高效节水灌溉技术示范推广经费` / `1240000` under a unit's projects)."""
    labels = [cell.indent for row in rows for cell, column in zip(row.slots, columns, strict=True)
              if cell is not None and not cell.empty and column.role in LABEL_ROLES]
    if not labels or min(labels) == 0:
        return [(rows, None)]
    level_indent = min(labels)
    segments: list[tuple[list[AlignedRow], list[Cell] | None]] = [([], None)]
    for row in rows:
        owned = _own_cells(row)
        if is_project_line(owned) and owned[0].indent < level_indent:
            segments.append(([], owned))
        else:
            segments[-1][0].append(row)
    return [(segment, project) for segment, project in segments if segment or project]


def is_project_line(cells: list[Cell]) -> bool:
    """A project's line in an indented 批复表: a name, indented, and its amount."""
    if len(cells) != _PROJECT_LINE_CELLS or cells[0].indent == 0:
        return False
    name = classify(cells[0].text)
    return name.shape in ("short", "long") and not name.is_label \
        and classify(cells[1].text).amount is not None


_PROJECT_LINE_CELLS = 2  # a project's name and its amount


def _shared_level_name_as_level_two(columns: list[Column], rows: list[AlignedRow]) -> None:
    """`成本指标` names a level-1 (with 经济成本指标 … under it) and a level-2 of 产出指标.
    Printed in the level-1 column of a row with no level-2 of its own, after rows of
    产出指标, and with none of its own level-2s under it, it is the level-2: the row stays
    under the level-1 above (a row shifted one column left, or merged cells printed there)."""
    first, second = _first(columns, "level1"), _first(columns, "level2")
    if first is None or second is None:
        return
    parents = vocabulary().levels.level2_parent
    above: str | None = None
    for index, row in enumerate(rows):
        cell = row.slots[first]
        if not _label_cell(cell):
            if _label_cell(row.slots[second]):  # `经济效益指标` alone: under 效益指标 now
                above = parents.get(classify(row.slots[second].text).level2 or "") or above
            continue
        tags = classify(cell.text)
        if tags.level1 and tags.level1 == tags.level2 and not _label_cell(row.slots[second]) \
                and above and parents.get(tags.level2) == above \
                and not _children_follow(rows, index, first, second, tags.level1):
            row.slots[first], row.slots[second] = None, cell
            continue
        above = tags.level1 or above


def _children_follow(rows: list[AlignedRow], index: int, first: int, second: int,
                     level1: str) -> bool:
    """A level-2 of `level1` printed on a row below, before the next level-1."""
    parents = vocabulary().levels.level2_parent
    for row in rows[index + 1:]:
        if _label_cell(row.slots[first]):
            return False
        if _label_cell(row.slots[second]) and \
                parents.get(classify(row.slots[second].text).level2 or "") == level1:
            return True
    return False


def _label_printed_twice(columns: list[Column], rows: list[AlignedRow]) -> None:
    """Some exports print a merged cell once per column it spans: a row with no label of
    its own that prints one label twice (`预算执行率 | 预算执行率`) names a new level with
    its first copy and the row with its second; the copy is not the row's value."""
    name, target = _first(columns, "name"), _first(columns, "target")
    labels = [k for k, column in enumerate(columns) if column.role in LABEL_ROLES]
    if name is None or target is None or not labels:
        return
    for row in rows:
        named, valued = row.slots[name], row.slots[target]
        if named is None or valued is None or named is valued or \
                any(row.slots[k] is not None and not row.slots[k].empty for k in labels):
            continue
        tag = classify(named.text)
        if tag.shape in ("short", "long") and tag.key == classify(valued.text).key:
            row.slots[labels[0]], row.slots[target] = named, None


_CUT_NAME = 6  # a cut name after a level-2 is a phrase; a word that short is its value


def _name_a_cut_last_row(columns: list[Column], rows: list[AlignedRow]) -> None:
    """An excerpt that stops inside its last row (`产出质量指标协议`, then the end) leaves
    one word after the labels; a row names itself before its value, so the word is the
    cut name, not a value with no name. Where a bare level-2 (`服务对象满意度`) was read as
    the name before it, that is the row's level-2."""
    name = _first(columns, "name")
    if not rows or name is None:
        return
    last = rows[-1]
    values = [k for k, cell in enumerate(last.slots) if cell is not None and not cell.empty
              and not last.inherited[k] and columns[k].role not in (*LABEL_ROLES, "name")]
    if len(values) != 1 or columns[values[0]].role not in ("target", "actual"):
        return
    cut = last.slots[values[0]]
    tag = classify(cut.text)
    if tag.shape not in ("short", "long") or tag.is_label:
        return
    named = last.slots[name]
    level2 = next((k for k in range(name - 1, -1, -1) if columns[k].role == "level2"), None)
    if named is not None:
        if level2 is None or not classify(named.text).level2 or len(tag.key) < _CUT_NAME or \
                (last.slots[level2] is not None and not last.inherited[level2]):
            return  # `服务对象满意度 | 满意`: a name and its value
        last.slots[level2], last.inherited[level2] = named, False
    last.slots[name], last.slots[values[0]] = cut, None

def _best_path(block: TableBlock, columns: list[Column], cells: list[Cell],
               tags: list[Tags]) -> list[tuple[int, bool]]:
    """(column or -1 for dropped, starts a new row) per cell.

    The state is the last column filled and three flags: the row has a value, the row has
    a name, and the current column set has a name still waiting for its value (a row that
    ends, or moves to the next column set, with a name and no value is unlikely; so is a
    row with a value and no name, where the table has a name column). What depends only on
    the columns is worked out once per table (`_ColumnCosts`, and the moves out of each
    state in `_Moves`); the loop is written out because it runs per cell, state and column.
    """
    width = len(columns)
    costs = _ColumnCosts.of(columns)
    moves = _Moves(costs, width)
    skip_start, kinds = costs.skip_start, costs.kinds
    # a state is coded as one int, (last column + 1) * 8 + has value * 4 + has name * 2 +
    # waiting: cheaper to hash than a tuple, in the loop that runs per cell, state and column
    ends = [0.0] * 8 + [costs.row_end(_decoded(code)) for code in range(8, (width + 1) * 8)]
    scores: dict[int, float] = {0: 0.0}
    back: list[dict[int, tuple[int, int, bool]]] = []
    starts = _row_start_breaks(cells)
    rows_known = block.rows == "exact"
    fitted: dict[tuple[int, int, bool], list[float]] = {}  # a table's cells repeat: empty ones, 是
    for i, (cell, tag) in enumerate(zip(cells, tags, strict=True)):
        fit_key = (id(tag), cell.col, cell.empty)  # all `_fit` reads of a cell
        fits = fitted.get(fit_key)
        if fits is None:
            fits = fitted[fit_key] = [_fit(block, column, cell, tag) for column in columns]
        brk = cell.break_before if i else BREAK_HARD
        same_row = _same_row(brk, block.weak_hints)
        empty = cell.empty
        best: dict[int, float] = {}
        pointers: dict[int, tuple[int, int, bool]] = {}
        drop = _drop_score(block, cell, tag)
        opener: tuple[float, int] | None = None  # the best state to end a row after
        for state, score in scores.items():
            if drop > NEG and score + drop > best.get(state, NEG):
                best[state] = score + drop
                pointers[state] = (state, -1, False)
            ended = score + ends[state]
            if opener is None or ended > opener[0]:
                opener = (ended, state)
            if state < 8 or brk == BREAK_HARD:
                continue
            for k, after, skipped, penalised in moves.out_of(state, empty):
                total = score + fits[k] + same_row + skipped
                if penalised:
                    total -= _WAITING_COST
                if total > best.get(after, NEG):
                    best[after] = total
                    pointers[after] = (state, k, False)
        if opener is not None:  # a new row starts here: after whichever state ends best
            base, previous = opener[0] + _new_row(starts[i], rows_known), opener[1]
            for k in range(width):
                after = (k + 1) << 3 | (0 if empty or kinds[k] == _OTHER else
                                        4 if kinds[k] == _VALUE else 3)
                total = base + fits[k] + skip_start[k]
                if total > best.get(after, NEG):
                    best[after] = total
                    pointers[after] = (previous, k, True)
        scores = _undominated(best)
        back.append(pointers)
    state = max(scores, key=lambda s: scores[s] + ends[s])
    path: list[tuple[int, bool]] = []
    for i in range(len(cells) - 1, -1, -1):
        previous, column, new_row_here = back[i][state]
        path.append((column, new_row_here))
        state = previous
    path.reverse()
    return path


class _Moves:
    """The moves on along a row out of each state of one table: (column, state after, cost
    of the columns skipped, whether a name is left waiting by moving to another column
    set), worked out the first time a state is met, for an empty cell and for a full one."""

    def __init__(self, costs: _ColumnCosts, width: int) -> None:
        self.costs, self.width = costs, width
        self.known: dict[tuple[int, bool], list[tuple[int, int, float, bool]]] = {}

    def out_of(self, state: int, empty: bool) -> list[tuple[int, int, float, bool]]:
        found = self.known.get((state, empty))
        if found is None:
            found = self.known[(state, empty)] = self._worked_out(state, empty)
        return found

    def _worked_out(self, state: int, empty: bool) -> list[tuple[int, int, float, bool]]:
        groups, kinds, skip_prefix = self.costs.groups, self.costs.kinds, self.costs.skip_prefix
        last = (state >> 3) - 1
        has_value, has_name, waiting = state & 4, state & 2, state & 1
        found: list[tuple[int, int, float, bool]] = []
        for k in range(last + 1, self.width):
            moved = groups[k] != groups[last]
            if empty or kinds[k] == _OTHER:
                after = (k + 1) << 3 | has_value | has_name | (waiting if not moved else 0)
            elif kinds[k] == _VALUE:
                after = (k + 1) << 3 | 4 | has_name
            else:
                after = (k + 1) << 3 | has_value | 3
            found.append((k, after, skip_prefix[k] - skip_prefix[last + 1], bool(moved and waiting)))
        return found


def _decoded(code: int) -> _State:
    return (code >> 3) - 1, code >> 2 & 1, code >> 1 & 1, code & 1


_OTHER, _VALUE, _NAME = 0, 1, 2  # what filling a column does to a row's flags


@dataclass(frozen=True)
class _ColumnCosts:
    """What skipping columns costs, summed once per table: before a row's first cell
    (`skip_start[k]`), between two cells (prefix sums) and after a row's last cell."""

    groups: tuple[int, ...]
    kinds: tuple[int, ...]
    skip_start: tuple[float, ...]
    skip_prefix: tuple[float, ...]
    trailing: tuple[float, ...]  # after column k
    on_label: tuple[float, ...]
    named: bool

    @classmethod
    def of(cls, columns: list[Column]) -> _ColumnCosts:
        skip = [_skip_cost(column.role) for column in columns]
        start = [0.0 if column.role in SKIPPABLE_AT_START else -0.6 for column in columns]
        tail = [_TRAILING_SKIP.get(column.role, -0.05) if column.group == 0
                or column.role not in ("name", "target") else -0.4 for column in columns]
        return cls(groups=tuple(column.group for column in columns),
                   kinds=tuple(_VALUE if column.role in VALUE_ROLES else _NAME
                               if column.role == "name" else _OTHER for column in columns),
                   skip_start=tuple(_prefix(start)[:-1]), skip_prefix=tuple(_prefix(skip)),
                   trailing=tuple(sum(tail[k + 1:]) for k in range(len(columns))),
                   on_label=tuple(-0.8 if column.role in LABEL_ROLES else 0.0 for column in columns),
                   named=any(column.role == "name" for column in columns))

    def skip_middle(self, last: int, k: int) -> float:
        return self.skip_prefix[k] - self.skip_prefix[last + 1]

    def row_end(self, state: _State) -> float:
        last, has_value, has_name, waiting = state
        nameless = -_NAMELESS_COST if self.named and has_value and not has_name else 0.0
        if not has_value and not has_name:
            nameless -= _EMPTY_ROW_COST  # labels or empty cells alone: hardly a row
        return (self.trailing[last] + self.on_label[last] + nameless
                + (0.0 if has_value else -0.8) - (_WAITING_COST if waiting else 0.0))


def _prefix(values: list[float]) -> list[float]:
    """[0, v0, v0+v1, …]"""
    sums = [0.0]
    for value in values:
        sums.append(sums[-1] + value)
    return sums


# a row that stops before these columns, where the header has them, is unlikely
_TRAILING_SKIP = {"actual": -0.5, "weight": -0.5, "score": -0.5}
_State = tuple[int, int, int, int]  # last column, has value, has name, name waiting for value


def _row_start_breaks(cells: list[Cell]) -> list[int]:
    """The break a row starting at each cell would have: its own, or that of the empty cells
    right before it (dropped, they leave the row to start here)."""
    starts: list[int] = []
    carried = BREAK_NONE
    for index, cell in enumerate(cells):
        brk = cell.break_before if index else BREAK_HARD
        starts.append(max(brk, carried))
        carried = max(carried, brk) if cell.empty else BREAK_NONE
    return starts


_WAITING_COST = 1.0
_NAMELESS_COST = 1.2
_EMPTY_ROW_COST = 1.0

# Two states in the same column differ only in their flags, which can change what is still
# to come by at most the row-end costs and one move with a name waiting (4 + 1): a state
# further behind its column's best than this never overtakes it, and is dropped.
_FLAG_SPREAD = (_NAMELESS_COST + _EMPTY_ROW_COST + 0.8 + 2 * _WAITING_COST) + 0.5


def _undominated(scores: dict[int, float]) -> dict[int, float]:
    best_in: dict[int, float] = {}
    for state, score in scores.items():
        if score > best_in.get(state >> 3, NEG):
            best_in[state >> 3] = score
    return {state: score for state, score in scores.items()
            if score >= best_in[state >> 3] - _FLAG_SPREAD}


def _same_row(brk: int, weak_hints: bool = False) -> float:
    if brk == BREAK_HINT and weak_hints:
        return -0.4
    return {BREAK_NONE: 0.0, BREAK_SOFT: -0.3, BREAK_HINT: -1.5}.get(brk, NEG)


def _new_row(brk: int, rows_known: bool = False) -> float:
    if brk == BREAK_NONE:
        return -5.0 if rows_known else -2.5  # a row ends inside a printed row: unlikely
    return {BREAK_SOFT: 0.0, BREAK_HINT: 0.5, BREAK_HARD: 0.5}[brk]


def _skip_cost(role: str) -> float:
    if role == "name":
        return -1.2
    return -0.2 if role in _CHEAP_SKIP else -0.4


_CHEAP_SKIP = {"unknown", "op", "unit", "remark", "description", "basis", "deviation", "numbering", "ignore",
               "direction", "judgement", "grade", "history_before_last", "history_last",
               "converted_score", "share", *LABEL_ROLES}


def _drop_score(block: TableBlock, cell: Cell, tag: Tags) -> float:
    """Dropping a cell: cheap for an empty one where tabs may be out of place, dearer where
    the reader kept every empty cell in its place (one cell per line); a sentence no column
    wants is dropped (and reported) rather than made a row of its own."""
    if cell.empty:
        return -0.3 if block.rows == "exact" else -1.0
    if tag.numbering:
        return -0.2
    return -2.5 if tag.shape == "long" else -4.0


# ---------------------------------------------------------------- fit


def _fit(block: TableBlock, column: Column, cell: Cell, tag: Tags) -> float:
    if cell.empty:
        return 0.0 if column.role not in LABEL_ROLES else 0.05
    score = _content_fit(column.role, tag) if column.heading or column.role != "description" \
        else _spare_fit(tag)
    if column.role == "description" and tag.shape in ("quant", "number") and column.heading \
            and classify(column.heading).column == "target":
        score = _SHAPE_FIT[tag.shape]["target"] - 0.5  # a goal's 目标值 before its indicator
    if column.span is not None:
        inside = column.span[0] <= cell.col < column.span[1]
        if block.columns == "exact":
            score += 3.0 if inside else -3.0
        elif block.rows == "exact" and inside:
            score += SETTINGS.position_bonus  # tabs usually in place, sometimes not
    return score


def _spare_fit(tag: Tags) -> float:
    """The spare explanation column takes a sentence, hardly anything else."""
    return 1.0 if tag.shape == "long" and not tag.is_label else -1.0


_SHAPE_FIT: dict[str, dict[str, float]] = {
    "number": {"target": 2.5, "actual": 2.2, "weight": 2.0, "score": 2.0, "converted_score": 1.5,
               "share": 1.5, "history_before_last": 2.0, "history_last": 2.0, "amount": 1.5,
               "name": -1.5, "unit": -2.0, "op": -3.0, "description": -1.0, "basis": -1.0,
               "remark": -0.5, "deviation": -1.5, "judgement": -1.0, "grade": 2.0,
               "numbering": 0.5, "ignore": -1.0, "direction": -3.0, "project": -2.0},
    "quant": {"target": 3.0, "actual": 2.5, "history_before_last": 2.0, "history_last": 2.0,
              "weight": -1.0, "score": -1.0, "name": -2.0, "description": -0.5, "basis": -0.5,
              "remark": -1.0, "grade": 2.5, "deviation": -1.0, "judgement": -1.0, "amount": 0.5},
    "op": {"op": 4.0, "direction": 1.0, "target": -1.0},
    "direction": {"direction": 4.0, "op": 2.0},
    "unit": {"unit": 3.5, "target": -0.5, "actual": -0.8, "name": -2.0, "remark": -1.0},
    "numbering": {"numbering": 3.0, "ignore": 1.0, "name": -0.5},
    "short": {"name": 1.4, "target": 1.4, "actual": 1.3, "judgement": 1.0, "description": 0.8,
              "basis": 0.3, "remark": 0.3, "deviation": 0.3, "unit": 0.0, "grade": 1.2,
              "project": 0.5, "department": 0.5, "ignore": -1.0, "history_before_last": 0.8,
              "history_last": 0.8},
    "long": {"name": 1.5, "description": 1.2, "basis": 1.0, "target": 0.5, "actual": 1.0,
             "deviation": 1.0, "remark": 0.8, "project": 0.8, "department": 0.5, "judgement": -0.5,
             "history_before_last": 0.3, "history_last": 0.3},
}


def _content_fit(role: str, tag: Tags) -> float:
    if tag.shape == "label" and tag.soft_level and role in ("name", "target", "actual"):
        return _SHAPE_FIT["short"][role]  # `满意度`, `数量`: as likely a name or a value
    if tag.shape == "label":
        return _label_fit(role, tag)
    table = _SHAPE_FIT.get(tag.shape, {})
    score = table.get(role, -3.0 if role in (*LABEL_ROLES, "op", "unit", "weight", "score")
                      else -2.0)
    if tag.is_label and role in ("name", "target", "actual"):
        score -= 1.0
    if role == "unit" and tag.shape == "short" and len(tag.key) > _LONGEST_UNIT and not is_unit(tag.key):
        score -= 1.0  # `年终核查` beside `%`: a remark, though a ragged row set it under 单位
    if role == "name" and len(tag.key) <= _TINY_NAME:
        score -= 1.5  # `是`, `完成`: a value, hardly a name
    elif role == "name" and tag.value_phrase:
        score -= 1.5  # `持续改善`, `2024年12月20日`: a value, never a name
    if tag.basis_like and role == "basis":
        score += 1.5
    if tag.lead_in:
        score += 1.5 if role == "description" else -1.0 if role == "target" else 0.0
    if role == "target" and tag.shape == "quant" and tag.target is not None \
            and tag.target.op in _COMPARISONS:
        score += 0.3  # `>=9`: a planned bound, more often than an achieved value
    return score


_COMPARISONS = {">=", "<=", ">", "<"}


_TINY_NAME = 3
_LONGEST_UNIT = 3  # characters of a unit the vocabulary does not know (`个等级`)


def _label_fit(role: str, tag: Tags) -> float:
    """A level name fits its column; a bare one (`服务对象满意度`, `数量`) may also be a name."""
    strong = 2.5 if tag.soft_level else 4.0
    if role in ("level", "level1") and tag.level1:
        return strong
    if role == "level2" and tag.level2:
        return 1.0 if tag.level1 and _carries_points(tag) else strong
    if role in ("level", "level2") and tag.level1:
        return 2.0
    if role == "level1" and tag.level2:
        return 1.0
    if role == "ignore" and tag.umbrella:
        return 3.0
    if role == "level1" and tag.umbrella:
        return 2.5
    if role == "name":
        return 1.5 if tag.soft_level else -1.5
    return -4.0


def _carries_points(tag: Tags) -> bool:
    """`满意度指标(20分)`: points are printed on a level-1 group, so a name that could be
    either level is the level-1 there."""
    note = split_note(tag.key)[1]
    return note is not None and regex.fullmatch(r"\d+(?:\.\d+)?分", note) is not None


# ---------------------------------------------------------------- rows


def _rows_from_path(columns: list[Column], cells: list[Cell],
                    path: list[tuple[int, bool]]) -> tuple[list[AlignedRow], list[Cell]]:
    rows: list[AlignedRow] = []
    dropped: list[Cell] = []
    for cell, (column, new_row) in zip(cells, path, strict=True):
        if column < 0:
            if not cell.empty:
                dropped.append(cell)
            if rows:
                rows[-1].cells.append(cell)
            continue
        if new_row or not rows:
            rows.append(AlignedRow([None] * len(columns), [False] * len(columns), []))
        rows[-1].slots[column] = cell
        rows[-1].cells.append(cell)
    return rows, [cell for cell in dropped if not classify(cell.text).numbering]


def _inherit_merged(columns: list[Column], rows: list[AlignedRow]) -> list[AlignedRow]:
    """Merged cells: a row that leaves a label column empty takes the cell above (flagged).
    A label printed again opens its group again, and deeper labels are not carried into it,
    unless its column is filled on every row (a converter wrote the merged cell out in each
    row it covers) or it is a merged cell again whose first row leaves the deeper labels empty
    (a Word table continued over a page break names its group again, `续表`): the same label
    again is then the same group. (A label alone on a row of its own in a stream of OCR text
    opens its group, whose deeper label the next row prints.)"""
    carried: dict[int, Cell] = {}
    written_out = {k for k, column in enumerate(columns) if column.role in LABEL_ROLES
                   and all(row.slots[k] is not None and not row.slots[k].empty for row in rows)}
    for row in rows:
        for k, column in enumerate(columns):
            if column.role not in SKIPPABLE_AT_START:
                continue
            cell = row.slots[k]
            if cell is None or cell.empty or classify(cell.text).shape == "empty":
                if k in carried:
                    row.slots[k] = carried[k]
                    row.inherited[k] = True
            else:
                again = k in carried and carried[k].text == cell.text
                repeated = again and (k in written_out or cell.row_span > 1
                                      and not _deeper_labels(columns, row, k))
                carried[k] = cell
                if column.role not in LABEL_ROLES or repeated:
                    continue
                for deeper in range(k + 1, len(columns)):
                    if columns[deeper].role in LABEL_ROLES and columns[deeper].group == column.group:
                        carried.pop(deeper, None)
    return rows


def _deeper_labels(columns: list[Column], row: AlignedRow, k: int) -> bool:
    """Whether the row prints a label of the columns under column k's (the same group)."""
    return any(columns[deeper].role in LABEL_ROLES and columns[deeper].group == columns[k].group
               and row.slots[deeper] is not None and not row.slots[deeper].empty
               for deeper in range(k + 1, len(columns)))


def _split_glued_name_and_value(columns: list[Column], rows: list[AlignedRow]) -> None:
    """Glued text, a row with no value: its name runs into the value where Han text meets a
    number (`新增学位2023年预计在校生:小学600人,…` → `新增学位` | the sentence)."""
    name, target = _first(columns, "name"), _first(columns, "target")
    if name is None or target is None:
        return
    for row in rows:
        cell = row.slots[name]
        if cell is None or row.inherited[name] or row.slots[target] is not None:
            continue
        match = _NAME_THEN_VALUE.match(cell.text)
        if not match or classify(match.group(1)).shape not in ("short", "long"):
            continue  # `指标1…`: a numbering word, not a name
        first, rest = match.group(1), cell.text[match.end(1):]
        row.slots[name] = Cell(row=cell.row, col=cell.col, text=first, raw=first, line=cell.line,
                               location=cell.location)
        row.slots[target] = Cell(row=cell.row, col=cell.col, text=rest, raw=rest, line=cell.line,
                                 location=cell.location)


_NAME_THEN_VALUE = regex.compile(r"(\p{Han}{2,}?)(?=\d)")


def _split_graded_names(columns: list[Column], rows: list[AlignedRow]) -> list[AlignedRow]:
    """The 河北 graded template glued (`…按计划标准补贴资金兑付率当年已兑付补贴资金占…比率`
    before the row's four grades): the text before a row's grades holds the row above's
    basis, then the name, then its description. The basis opens as one does and ends at its
    last closing word (`按行业标准评价`); the name is the shortest opening that ends as a
    name does (`补贴资金兑付率`, `受益农户满意度(%)`), the rest its description. Grades in
    words (`明显提高有所提高基本持平下降`) stay in the description until cut (`_text_grades`)."""
    slots = {role: _first(columns, role) for role in ("name", "description", "target", "basis")}
    if None in (slots["name"], slots["description"]) or "grade" not in {c.role for c in columns}:
        return rows
    out: list[AlignedRow] = []
    pending = list(rows)
    while pending:
        row = pending.pop(0)
        cell = row.slots[slots["name"]]
        if cell is not None and not row.inherited[slots["name"]] \
                and row.slots[slots["description"]] is None:
            _cut_name_cell(row, cell, out[-1] if out else None, slots)
        out.append(row)
        following = _text_grades(columns, row, slots)
        if following is not None:
            pending.insert(0, following)
    return out


def _cut_name_cell(row: AlignedRow, cell: Cell, above: AlignedRow | None,
                   slots: dict[str, int | None]) -> None:
    """The row above's basis, the name and the description, out of the name's cell."""
    text, basis = cell.text, slots["basis"]
    cut = _basis_opening(text) if above is not None and basis is not None \
        and above.slots[basis] is None else 0
    if cut:
        above.slots[basis] = _piece_of(cell, text[:cut])
        text = text[cut:]
    end = _name_end(text)
    row.slots[slots["name"]] = _piece_of(cell, text[:end] if end else text)
    if end:
        row.slots[slots["description"]] = _piece_of(cell, text[end:])


def _text_grades(columns: list[Column], row: AlignedRow, slots: dict[str, int | None]
                 ) -> AlignedRow | None:
    """A description that runs on into grades in words and the basis after them
    (`…提升情况明显提高有所提高基本持平下降按历史标准评价`): its best grade is the target
    (the first, a value the vocabulary knows), the basis is the row's. Text after the basis
    is the next row's name and description, and the grades printed as figures on this row
    are that row's: it is returned as a row of its own."""
    description, target, basis = slots["description"], slots["target"], slots["basis"]
    cell = row.slots[description] if description is not None else None
    if cell is None or target is None:
        return None
    found = _grades_then_basis(cell.text)
    if found is None:
        return None
    value_start, value_end, basis_start, basis_end = found
    rest = cell.text[basis_end:]
    following = None
    if row.slots[target] is not None:
        if len(rest) < _SHORTEST_DESCRIPTION:
            return None  # the row's own figures: the words are its description's
        following = AlignedRow([None] * len(columns), [False] * len(columns), [])
        for k, column in enumerate(columns):
            if column.role in LABEL_ROLES and row.slots[k] is not None:
                following.slots[k], following.inherited[k] = row.slots[k], True
            elif column.role in ("target", "grade", "basis"):
                following.slots[k], row.slots[k] = row.slots[k], None
        end = _name_end(rest)
        following.slots[slots["name"]] = _piece_of(cell, rest[:end] if end else rest)
        if end:
            following.slots[description] = _piece_of(cell, rest[end:])
    row.slots[description] = _piece_of(cell, cell.text[:value_start])
    row.slots[target] = _piece_of(cell, cell.text[value_start:value_end])
    if basis is not None:
        row.slots[basis] = _piece_of(cell, cell.text[basis_start:basis_end])
    return following


def _grades_then_basis(text: str) -> tuple[int, int, int, int] | None:
    """(start and end of the best grade, start and end of the basis) where grades in words
    close just before a basis; None where none do."""
    openers = tuple(vocabulary().columns.hints.basis_openers)
    for closing in _basis_closing().finditer(text):
        starts = [k for k in range(max(0, closing.end() - _LONGEST_BASIS), closing.start())
                  if text.startswith(openers, k)]
        if not starts:
            continue
        basis_start = starts[-1]
        for start in range(max(0, basis_start - _GRADES_SPAN), basis_start):
            value = _known_value_at(text, start, basis_start)
            if value:
                return start, start + len(value), basis_start, closing.end()
    return None


def _known_value_at(text: str, start: int, end: int) -> str:
    """The longest qualitative value the vocabulary knows (a degree word before it kept:
    `明显提高`) that the text holds from `start`, ending by `end`; '' where none."""
    target = vocabulary().target
    found = [modifier + word for modifier in ("", *target.qualitative_modifiers)
             if text.startswith(modifier, start) for word in target.qualitative_values
             if text.startswith(word, start + len(modifier))
             and start + len(modifier) + len(word) <= end and len(modifier + word) >= _WHOLE_GRADE]
    return max(found, key=len, default="")


_GRADES_SPAN = 16  # four grades in words, at most four characters each
_WHOLE_GRADE = 2


def _basis_opening(text: str) -> int:
    """Where a basis that opens the text ends (0 where none opens it)."""
    hints = vocabulary().columns.hints
    if not text.startswith(tuple(hints.basis_openers)):
        return 0
    closing = _basis_closing().search(text, 0, _LONGEST_BASIS)
    return closing.end() if closing and closing.end() < len(text) else 0


@cache
def _basis_closing() -> regex.Pattern[str]:
    words = "|".join(regex.escape(w) for w in vocabulary().columns.hints.basis_closings)
    return regex.compile(rf"(?:{words})+")


def _name_end(text: str) -> int:
    """The end of the shortest opening that ends as a name does, a bracketed note after it
    kept (`…满意度(%)`), with a description of some length after it; 0 where none does."""
    for match in _name_ending().finditer(text):
        end = match.end()
        if end >= _SHORTEST_GRADED_NAME and len(text) - end >= _SHORTEST_DESCRIPTION:
            return end
    return 0


@cache
def _name_ending() -> regex.Pattern[str]:
    words = "|".join(regex.escape(w) for w in sorted(vocabulary().columns.hints.name_endings,
                                                     key=len, reverse=True))
    return regex.compile(rf"(?:{words})(?:[(（][^)）]{{0,6}}[)）])?")


def _piece_of(cell: Cell, text: str) -> Cell:
    return Cell(row=cell.row, col=cell.col, text=text, raw=text, line=cell.line, location=cell.location)


_LONGEST_BASIS = 30
_SHORTEST_GRADED_NAME = 3
_SHORTEST_DESCRIPTION = 6
_NUMBER_ROLES = ("target", "weight", "actual", "score")
_MAX_CUTS = 3_000  # cuts read per glued run at most: bounded time on untrusted digits


def _split_glued_numbers(columns: list[Column], rows: list[AlignedRow]) -> None:
    """`901010010` under 目标值 with 分值, 完成值 and 得分 empty: the row's numbers glued end to
    end (value 90 | weight 10 | actual 100 | score 10). Cut where one weight fits the most
    rows of the table (the weights printed elsewhere count too) and no score exceeds it;
    a row no single cut explains is left as printed."""
    weight = _first(columns, "weight")
    if weight is None:
        return
    glued = [(row, _glued_slots(columns, row)) for row in rows]
    glued = [(row, slots) for row, slots in glued if slots and weight in slots]
    if not glued:
        return
    options = [(row, slots, _cuts(_digits_of(_printed_number(row, slots).text),
                                  [columns[k].role for k in slots])) for row, slots in glued]
    printed = [row.slots[weight].text for row in rows
               if row.slots[weight] is not None and row.slots[weight].text.isdigit()]
    support = Counter(printed)
    for _, _, cuts in options:
        support.update({cut["weight"] for cut in cuts})
    if not support:
        return
    chosen, count = support.most_common(1)[0]
    if count < 2:
        return  # one glued row and nothing printed beside it: no evidence for a cut
    for row, slots, cuts in options:
        fitting = [cut for cut in cuts if cut["weight"] == chosen] or _best_supported(cuts, support)
        if not fitting:
            continue
        best = max(fitting, key=lambda cut: (cut.get("score") == cut["weight"], -_apart(cut)))
        source = _printed_number(row, slots)
        sign = source.text[: len(source.text) - len(_digits_of(source.text))]
        for k in slots:
            text = (sign if columns[k].role == "target" else "") + best[columns[k].role]
            row.slots[k] = Cell(row=source.row, col=source.col, text=text, raw=text,
                                line=source.line, location=source.location)


def _digits_of(text: str) -> str:
    """A glued run without the comparator the planned value opens with (`≥255025781010`)."""
    return text.lstrip(COMPARATOR_SIGNS)


def _apart(cut: dict[str, str]) -> float:
    """How far the planned and the achieved value of a cut lie apart (as a ratio's
    logarithm): of `2550 | 2578` and `2 | 5502578`, the first is what a row reports."""
    if "target" not in cut or "actual" not in cut:
        return 0.0
    planned, achieved = Decimal(cut["target"].rstrip("%")), Decimal(cut["actual"].rstrip("%"))
    if not planned or not achieved:
        return float("inf")
    return abs(float((planned / achieved).ln()))


def _best_supported(cuts: list[dict[str, str]], support: Counter[str]) -> list[dict[str, str]]:
    """Where the table's commonest points fit no cut of a row (weights 6, 10, 5 beside
    `15055`: 150 | 5 | 5), the cuts whose points the most other rows print, two or more;
    or, where one other row prints them, the cuts that win them in full (`…25781010` beside
    one row's `10 | 10`: two figures agreeing with a third)."""
    counted = [(support[cut["weight"]] - 1, cut) for cut in cuts]  # (less the row's own cut)
    best = max((count for count, _ in counted), default=0)
    if best >= 2:
        return [cut for count, cut in counted if count == best]
    return [cut for count, cut in counted if count == 1 and cut.get("score") == cut["weight"]]


def _split_glued_weight(columns: list[Column], rows: list[AlignedRow]) -> None:
    """`8550万粒 | 550万粒 | 8` under 分值 | 年度指标值 | 全年实际值 | 得分 with 分值 empty: the
    points printed before the value ran into it (8 | 550万粒). Cut at the weight that fits
    the most rows, two or more (weights printed elsewhere count too), where what is left is
    a figure with no leading zero and the row's score does not exceed it."""
    weight, target = _first(columns, "weight"), _first(columns, "target")
    if weight is None or target is None or weight > target:
        return
    options = [(row, _weight_cuts(row, weight, target, _first(columns, "score"))) for row in rows]
    options = [(row, cuts) for row, cuts in options if cuts]
    support = Counter(row.slots[weight].text for row in rows if row.slots[weight] is not None
                      and not row.inherited[weight] and row.slots[weight].text.isdigit())
    for _, cuts in options:
        support.update(cuts)
    for row, cuts in options:
        supported = [cut for cut in cuts if support[cut] >= 2]
        if supported:
            chosen = max(supported, key=lambda cut: support[cut])
            glued = row.slots[target]
            rest = glued.text[len(chosen):]
            row.slots[weight] = Cell(row=glued.row, col=glued.col, text=chosen, raw=chosen,
                                     line=glued.line, location=glued.location)
            row.slots[target] = Cell(row=glued.row, col=glued.col, text=rest, raw=rest,
                                     line=glued.line, location=glued.location)


def _split_glued_score(columns: list[Column], rows: list[AlignedRow]) -> None:
    """`428` under 全年实际值 with 得分 empty and 分值 8: the score ran into the achieved value
    (42 | 8). Cut where the score is the full points, or where one cut alone keeps the
    score within them; left as printed otherwise."""
    weight, actual, score = (_first(columns, role) for role in ("weight", "actual", "score"))
    if weight is None or actual is None or score is None or actual > score:
        return
    for row in rows:
        points, glued = row.slots[weight], row.slots[actual]
        if row.slots[score] is not None or points is None or glued is None \
                or not PLAIN_DECIMAL.fullmatch(points.text) \
                or not regex.fullmatch(r"\d[\d.]*\d", glued.text):
            continue
        cuts = [cut for cut in figure_cuts(glued.text, 2) if Decimal(cut[1]) <= Decimal(points.text)]
        full = [cut for cut in cuts if Decimal(cut[1]) == Decimal(points.text)]
        chosen = full or (cuts if len(cuts) == 1 else [])
        if len(chosen) == 1:
            value, points_won = chosen[0]
            row.slots[actual] = replace(glued, text=value, raw=value)
            row.slots[score] = replace(glued, text=points_won, raw=points_won)


def _split_score_from_deviation(columns: list[Column], rows: list[AlignedRow]) -> None:
    """`5.59 部分学员因放牧季节未参加…` under 偏差原因 with 得分 empty and 分值 6: a page laid
    out with the reasons' column a space from the scores' wrote the score into the reason.
    The figure is the score where it is within the points."""
    weight, score, deviation = (_first(columns, role) for role in ("weight", "score", "deviation"))
    if weight is None or score is None or deviation is None or deviation < score:
        return
    for row in rows:
        points, reason = row.slots[weight], row.slots[deviation]
        if _own(row, score) or points is None or reason is None or row.inherited[deviation] \
                or not PLAIN_DECIMAL.fullmatch(points.text):
            continue
        opening = _SCORE_THEN_REASON.fullmatch(reason.text)
        if opening and Decimal(opening[1]) <= Decimal(points.text):
            row.slots[score] = replace(reason, text=opening[1], raw=opening[1])
            row.slots[deviation] = replace(reason, text=opening[2], raw=opening[2])


_SCORE_THEN_REASON = regex.compile(r"(\d{1,3}(?:\.\d{1,2})?) (\p{Han}.*)", regex.S)


def _split_glued_points(columns: list[Column], rows: list[AlignedRow]) -> None:
    """`1515`, `109.86` in the 分值 or 得分 column and nothing in the other, in a table that
    never prints the two apart: the points and the score ran together (15 | 15, 10 | 9.86).
    Cut where the score is the full points, or where one cut alone keeps the score within
    points of 100 at most; left as printed otherwise."""
    weight, score = _first(columns, "weight"), _first(columns, "score")
    if weight is None or score is None:
        return
    glued = [(row, weight if _own(row, weight) else score) for row in rows
             if _own(row, weight) != _own(row, score)]
    for row, k in glued:  # `10 9.56`: the two apart by a space, in one cell (one heading `分值 得分`)
        spaced = _SPACED_POINTS.fullmatch(row.slots[k].text)
        if spaced and 0 < Decimal(spaced[1]) <= _MAX_WEIGHT and Decimal(spaced[2]) <= Decimal(spaced[1]):
            _place_points(row, k, weight, score, [spaced[1], spaced[2]])
    glued = [(row, k) for row, k in glued if not (_own(row, weight) and _own(row, score))
             and regex.fullmatch(r"\d[\d.]*\d", row.slots[k].text)]
    apart = [row.slots[weight].text for row in rows if _own(row, weight) and _own(row, score)]
    if apart:
        _split_points_by_printed(glued, weight, score, Counter(apart))
        return
    if len(glued) < 2:
        return  # one such row: no evidence
    for row, k in glued:
        cuts = [cut for cut in figure_cuts(row.slots[k].text, 2)
                if 0 < Decimal(cut[0]) <= _MAX_WEIGHT and Decimal(cut[1]) <= Decimal(cut[0])]
        full = [cut for cut in cuts if Decimal(cut[1]) == Decimal(cut[0])]
        # a figure of 100 or less may be a score alone (`25.00`): cut only where it is the
        # points twice (`55`, `1010`)
        alone = Decimal(row.slots[k].text) <= _MAX_WEIGHT
        chosen = full if len(full) == 1 else cuts if len(cuts) == 1 and not alone else []
        if chosen:
            _place_points(row, k, weight, score, chosen[0])


_MAX_WEIGHT = 100
_SPACED_POINTS = regex.compile(r"(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)")


def _place_points(row: AlignedRow, k: int, weight: int, score: int, cut: list[str]) -> None:
    """The points and the score cut from the glued figure in column `k`, each in its column."""
    glued, (points, won) = row.slots[k], cut
    row.slots[weight] = replace(glued, text=points, raw=points)
    row.slots[score] = replace(glued, text=won, raw=won)


def _split_points_by_printed(glued: list[tuple[AlignedRow, int]], weight: int, score: int,
                             printed: Counter[str]) -> None:
    """`65.4` in the 得分 column, 分值 empty, in a table that prints its points apart on other
    rows (6, 10, 5): a figure above every printed points is no score alone; it is cut where
    exactly one cut opens with points printed on two rows or more, the score within them,
    or, with no such cut, with points printed on one row (`54.95` under a row's `5 | 5`),
    or, with none either, with whole points no higher than any printed (`43.92`: 4 | 3.92,
    not 43.9 | 2)."""
    known = {points for points, count in printed.items() if count >= 2 and PLAIN_DECIMAL.fullmatch(points)}
    once = {points for points in printed if PLAIN_DECIMAL.fullmatch(points)}
    if not once:
        return
    highest = max(Decimal(points) for points in known or once)
    for row, k in glued:
        text = row.slots[k].text
        if Decimal(text) <= highest:
            continue
        for points in (known, once, None):
            cuts = [cut for cut in figure_cuts(text, 2) if Decimal(cut[1]) <= Decimal(cut[0]) and (
                cut[0] in points if points is not None else
                cut[0].isdigit() and Decimal(cut[0]) <= highest)]
            if cuts:
                break
        if len(cuts) == 1:
            _place_points(row, k, weight, score, cuts[0])


def _own(row: AlignedRow, k: int) -> bool:
    return row.slots[k] is not None and not row.inherited[k] and not row.slots[k].empty


def _weight_cuts(row: AlignedRow, weight: int, target: int, score: int | None) -> dict[str, str]:
    """The weights a row's target may open with (`8550万粒` → 8, 85), as a Counter update."""
    cell = row.slots[target]
    if row.slots[weight] is not None or cell is None or row.inherited[target]:
        return {}
    digits = regex.match(r"\d+", cell.text)
    if digits is None or len(digits.group(0)) < 2:
        return {}
    score_cell = row.slots[score] if score is not None else None
    most = Decimal(score_cell.text) if score_cell is not None and \
        PLAIN_DECIMAL.fullmatch(score_cell.text) else Decimal(0)
    cuts = {}
    for end in range(1, min(len(digits.group(0)), _LONGEST_WEIGHT + 1)):
        rest = cell.text[end:]
        if regex.match(r"0\d", rest) or Decimal(cell.text[:end]) < max(most, Decimal(1)):
            continue
        cuts[cell.text[:end]] = 1
    return cuts


_LONGEST_WEIGHT = 2  # points per indicator: 1 to 99


def _first(columns: list[Column], role: str) -> int | None:
    """The first column of a role, if the table has one."""
    return next((k for k, column in enumerate(columns) if column.role == role), None)


def _printed_number(row: AlignedRow, slots: list[int]) -> Cell:
    return next(row.slots[k] for k in slots if row.slots[k] is not None)


def _glued_slots(columns: list[Column], row: AlignedRow) -> list[int]:
    """The number columns of a row whose one printed number cell holds a run of digits
    (wherever alignment put it) and whose other number columns are empty, from the run's
    column on when it is the target (`210010` = value | weight, no actual printed) or when
    the columns before it are printed (`150头 | 15055` = target | actual, weight, score)."""
    numbers = [k for k, column in enumerate(columns) if column.role in _NUMBER_ROLES]
    printed = [k for k in numbers if row.slots[k] is not None and not row.inherited[k]]
    if not printed or len(numbers) < 2:
        return []
    glued = printed[-1]
    text = row.slots[glued].text
    if not regex.fullmatch(r"\d[\d.]*\d", _digits_of(text) if columns[glued].role == "target" else text):
        return []
    if len(printed) > 1 or columns[glued].role == "target":
        # (`150头 | 15055`: the achieved value, weight and score after a printed target)
        return [k for k in numbers if k >= glued]
    return numbers


def _cuts(text: str, roles: list[str]) -> list[dict[str, str]]:
    """Every way to read `text` as one plain number per role, a score never over its weight."""
    found: list[dict[str, str]] = []
    for parts in islice(figure_cuts(text, len(roles)), _MAX_CUTS):
        cut = dict(zip(roles, parts, strict=True))
        if Decimal(cut["weight"]) == 0 or "score" in cut and Decimal(cut["score"]) > Decimal(cut["weight"]):
            continue
        found.append(cut)
    return found


def _labels_cut_over_rows(columns: list[Column], rows: list[AlignedRow]) -> list[AlignedRow]:
    """`社会效` on one row and `益指标` on the next, in a level column: a centred label its
    narrow column wrapped over the two rows it stands between is one label, printed on the
    first of them and shared by the second. A page break between the two rows leaves a few
    blank lines between the pieces (`满意度指` at a page's foot, `标` at the next's head)."""
    for k, column in enumerate(columns):
        if column.role not in LABEL_ROLES:
            continue
        for upper, lower in zip(rows, rows[1:], strict=False):
            top, bottom = upper.slots[k], lower.slots[k]
            if not _label_cell(top) or bottom is None or bottom.empty or upper.inherited[k] \
                    or lower.inherited[k] or not 0 < bottom.line - top.line <= _PAGE_BREAK_LINES:
                continue
            if classify(top.text).is_level and not classify(top.text).soft_level:
                continue
            whole = classify(top.text + bottom.text)
            if whole.is_level and not whole.soft_level:
                label = _over(top, bottom)
                upper.slots[k] = label
                lower.slots[k], lower.inherited[k] = label, True
    return rows


_PAGE_BREAK_LINES = 4  # lines from a page's last row to the next page's first, at most


def _labels_start_late(columns: list[Column], rows: list[AlignedRow]) -> bool:
    """A printed form centres a merged label on its group, so the first row of a table
    lacks one; a spreadsheet preview prints every label on its group's first row."""
    label_columns = [k for k, column in enumerate(columns) if column.role in LABEL_ROLES]
    return bool(rows) and any(not _label_cell(rows[0].slots[k]) and
                              any(_label_cell(row.slots[k]) for row in rows[1:])
                              for k in label_columns)


def _first_row_bare(columns: list[Column], rows: list[AlignedRow]) -> bool:
    """The first row prints no label in any level column, and later rows print level-1s:
    a table whose merged labels stand on their groups' middle rows."""
    label_columns = [k for k, column in enumerate(columns) if column.role in LABEL_ROLES]
    level1 = [k for k in label_columns if columns[k].role == "level1"]
    return bool(rows and level1) and not any(_label_cell(rows[0].slots[k]) for k in label_columns) \
        and any(_label_cell(row.slots[k]) for row in rows[1:] for k in level1)


def _inherit_centred(columns: list[Column], rows: list[AlignedRow]) -> list[AlignedRow]:
    """Where a merged label is printed on the middle row of its group (layout-preserving
    text of a printed form: OCR, PDF), a row without one takes the nearest printed label,
    above or below (a tie goes to the one above); a level-2 only from rows under the same
    level-1. The table's side label (`绩效指标`, merged down the whole table) is centred too
    and lands in the first level column of a middle row: it names no level there."""
    by_lines = _rows_on_lines(rows)
    labels = {k for k, column in enumerate(columns) if column.role in LABEL_ROLES}
    for k, column in enumerate(columns):
        if column.role not in LABEL_ROLES:
            continue
        for row in rows:
            cell = row.slots[k]
            if _label_cell(cell) and _side_label(classify(cell.text)):
                row.slots[k] = None
        printed = [i for i, row in enumerate(rows) if _label_cell(row.slots[k]) and not row.inherited[k]]
        if not printed:
            continue
        parent = next((j for j in range(k - 1, -1, -1) if columns[j].role in LABEL_ROLES
                       and columns[j].group == column.group), None)
        where = [_middle_line(row, k) for row in rows] if by_lines else \
            [_box_position(row, k, i) for i, row in enumerate(rows)]
        extents = [_extent_without(row, k, labels) for row in rows] if by_lines else \
            [(float(i), float(i)) for i in range(len(rows))]
        misfit = _misfits(columns, rows, k)
        groups = _centred_groups(printed, rows, parent, where, extents, misfit)
        for i, row in enumerate(rows):
            if _label_cell(row.slots[k]):
                continue
            source = groups[i] if parent is not None else \
                _nearest_for_child(printed, i, rows, k, columns, where, groups[i])
            if source is not None:
                row.slots[k] = rows[source].slots[k]
                row.inherited[k] = True
    return rows


def _box_position(row: AlignedRow, k: int, index: int) -> float:
    """Where a row stands among text boxes read one a line (rows counted): a label the engine
    read before the row's other boxes stands between the row and the one above, or on the
    row (a group of two rows centres it between them, a group of one on its row), so a
    quarter row up; a tie between the label above and the label below no longer goes up."""
    cell = row.slots[k]
    own = [other.line for j, other in enumerate(row.slots) if j != k and other is not None
           and not other.empty and not row.inherited[j]]
    return index - _BOX_LEAD if _label_cell(cell) and own and cell.line < min(own) else float(index)


_BOX_LEAD = 0.25


def _side_label(tag: Tags) -> bool:
    return tag.umbrella and not tag.level1 and not tag.level2


def _extent_without(row: AlignedRow, k: int, labels: set[int]) -> tuple[float, float]:
    """The first and last line of the row's own cells but the label in column `k`, and but
    other labels printed on lines of their own (each centred on a group of its own: `产出指标`
    alone on the line above a row is no part of where the row stands; beside the row's
    cells, wrapped onto the line below, it is)."""
    owned = [(j, cell) for j, (cell, inherited) in enumerate(zip(row.slots, row.inherited, strict=True))
             if j != k and cell is not None and not cell.empty and not inherited]
    cells = [cell for j, cell in owned if j not in labels]
    if cells:
        first, last = min(cell.line for cell in cells), max(cell.last_line for cell in cells)
        cells += [cell for j, cell in owned if j in labels and cell.line <= last and cell.last_line >= first]
    cells = cells or [cell for _, cell in owned] or row.cells
    if not cells:
        return 0.0, 0.0
    return float(min(cell.line for cell in cells)), float(max(cell.last_line for cell in cells))


def _misfits(columns: list[Column], rows: list[AlignedRow], k: int) -> Callable[[int, int], float]:
    """What putting row `index` under the level-2 label printed on row `label` costs beyond
    the geometry: a hair where the row's name has words that point at other level-2s
    (`…完成时间` under 质量指标), so that the name settles what the lines leave even. (Not
    for level-1s: where labels stand on their groups' first rows, every cut between two
    level-1 runs costs the lines the same, and the names' words are too weak to choose.)"""
    name = _first(columns, "name")

    def misfit(index: int, label: int) -> float:
        cell = rows[index].slots[name] if name is not None else None
        pointed = pointed_levels(cell.text) if cell is not None and not cell.empty else frozenset()
        if not pointed or columns[k].role != "level2":
            return 0.0
        level2 = classify(rows[label].slots[k].text).level2
        return 0.0 if any(pointed_to == level2 for _, pointed_to in pointed) else _MISFIT

    return misfit


_MISFIT = 0.01  # less than any difference the lines make (half a line)


def _centred_groups(printed: list[int], rows: list[AlignedRow], parent: int | None,
                    where: list[float], extents: list[tuple[float, float]],
                    misfit: Callable[[int, int], float] = lambda index, label: 0.0) -> list[int | None]:
    """The printed label each row falls under. Rows under one parent label are cut into
    runs, one per printed label and holding its row, where each label stands nearest the
    middle of its run: a merged cell is centred on its group, which the nearest label alone
    misreads beside a shorter group (`成本指标` on two rows, then `效益指标` on four: the
    first of the four is nearer the 成本指标). A tie puts the row under the label above."""
    found: list[int | None] = [None] * len(rows)
    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows) and _same_parent(rows, start, end, parent):
            end += 1
        labels = [p for p in printed if start <= p < end]
        if labels:
            for index, label in _cut_at_middles(labels, start, end, where, extents, misfit):
                found[index] = label
        else:
            for index in range(start, end):
                found[index] = _nearest(printed, index, rows, parent, where)
        start = end
    return found


def _cut_at_middles(labels: list[int], start: int, end: int, where: list[float],
                    extents: list[tuple[float, float]],
                    misfit: Callable[[int, int], float] = lambda index, label: 0.0
                    ) -> list[tuple[int, int]]:
    """Rows start..end-1 as runs around the label rows, each label (at `where`) nearest the
    middle of its run's lines (`extents`): a dynamic programme over where each run begins."""
    def cost(label: int, first: int, last: int) -> float:
        return abs((extents[first][0] + extents[last][1]) / 2 - where[label]) \
            + sum(misfit(index, label) for index in range(first, last + 1))

    best: dict[int, tuple[float, list[int]]] = {start: (0.0, [])}  # a run begins here: cost, cuts
    for j, label in enumerate(labels):
        ends = range(label + 1, labels[j + 1] + 1) if j + 1 < len(labels) else range(end, end + 1)
        following: dict[int, tuple[float, list[int]]] = {}
        for stop in ends:
            for begin, (total, cuts) in best.items():
                if begin <= label:
                    score = total + cost(label, begin, stop - 1)
                    if stop not in following or score <= following[stop][0] + 1e-9:
                        following[stop] = (score, [*cuts, stop])
        best = following
    _total, cuts = best[end]
    runs, begin = [], start
    for label, stop in zip(labels, cuts, strict=True):
        runs.extend((index, label) for index in range(begin, stop))
        begin = stop
    return runs


def _nearest_for_child(printed: list[int], index: int, rows: list[AlignedRow], k: int,
                       columns: list[Column], where: list[float], grouped: int | None) -> int | None:
    """A level-1 for a row whose printed level-2 names its parent (质量指标 → 产出指标) is the
    nearest printed label of that parent; otherwise the label of its group."""
    parents = vocabulary().levels.level2_parent
    child = next((classify(row_cell.text).level2 for j, row_cell in enumerate(rows[index].slots)
                  if columns[j].role == "level2" and columns[j].group == columns[k].group
                  and _label_cell(row_cell)), None)
    parent = parents.get(child or "")
    if parent:
        fitting = [p for p in printed if classify(rows[p].slots[k].text).level1 == parent]
        if fitting and (grouped is None or grouped not in fitting):
            return min(fitting, key=lambda p: (abs(where[p] - where[index]), p > index))
    return grouped


def _label_cell(cell: Cell | None) -> bool:
    """A cell that may print a level: some words (`12.1-`, `-2417111`, `De la:` where an OCR
    engine read a table rule or a smudge in a label column name none)."""
    return cell is not None and not cell.empty and classify(cell.text).shape != "empty" \
        and _HAN.search(cell.text) is not None


def _rows_on_lines(rows: list[AlignedRow]) -> bool:
    """Most rows print several of their cells on one line (column-aligned text), so lines
    measure where rows stand; where every cell has a line of its own (OCR text boxes),
    rows are counted instead."""
    owned = [_own_cells(row) for row in rows]
    shared = sum(1 for cells in owned if len({cell.line for cell in cells}) < len(cells))
    return shared * 2 > len(rows)


def _own_cells(row: AlignedRow) -> list[Cell]:
    """The row's printed cells, not those it inherits."""
    return [cell for cell, inherited in zip(row.slots, row.inherited, strict=True)
            if cell is not None and not cell.empty and not inherited]


def _middle_line(row: AlignedRow, k: int) -> float:
    """Where a row stands on the page: the middle of the lines its own cells take (a
    wrapped name makes a row taller), or, on a row that prints a label in column `k`,
    that label's line."""
    label = row.slots[k]
    if _label_cell(label) and not row.inherited[k]:
        return (label.line + label.last_line) / 2
    owned = _own_cells(row) or row.cells
    if not owned:
        return 0.0
    return (min(cell.line for cell in owned) + max(cell.last_line for cell in owned)) / 2


def _nearest(printed: list[int], index: int, rows: list[AlignedRow], parent: int | None,
             where: list[float]) -> int | None:
    """The printed label nearest the row, `where` the rows stand (lines, where a wrapped
    cell makes its row taller and its group's label sits lower); a tie goes to the one
    above."""
    above = [p for p in printed if p < index and _same_parent(rows, p, index, parent)]
    below = [p for p in printed if p > index and _same_parent(rows, p, index, parent)]
    up, down = (above[-1] if above else None), (below[0] if below else None)
    if down is not None and (up is None or where[down] - where[index] < where[index] - where[up]):
        return down
    return up


def _same_parent(rows: list[AlignedRow], a: int, b: int, parent: int | None) -> bool:
    if parent is None:
        return True
    first, second = rows[a].slots[parent], rows[b].slots[parent]
    return first is None or second is None or first.text == second.text


def table_cells(parts: Iterable[Part]) -> list[Cell]:
    """Every cell of the parts (for reporting what was claimed)."""
    found: list[Cell] = []
    for part in parts:
        if isinstance(part, IndicatorTable):
            found.extend(part.cells())
        elif isinstance(part, LabelRows):
            found.extend(cell for row in part.rows for cell in row)
    return found
