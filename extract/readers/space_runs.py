"""Layout `space_runs`: columns aligned by runs of two or more spaces.

Spreadsheet previews and OCR engines lay a table out with spaces: a row per
line, cells separated by runs of spaces, empty cells left out. The cells of
a line are put back into columns by where they start (a CJK character is two
columns wide), against the last line that starts at the region's margin with
three or more cells. Positions stay approximate: table assembly aligns by content. Such
text lays out a printed form, where a merged 一级/二级 label stands on the middle
row of its group: the block says so (`centred_labels`).
Example: `产出指标    数量指标    培训场次    12场`.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Callable

import regex

from extract.classify import (
    COMPARATOR_SIGNS,
    Tags,
    classify,
    deadline_cut,
    holds_basis_word,
    join_comparator,
    opens_level_label,
)
from extract.grid import BREAK_HINT, BREAK_NONE, Block, Cell, TableBlock
from extract.readers.build import cell, extend, sentence_goes_on

_SPACE_RUN = regex.compile(r"(?: {2,}|\u3000+)")
_SPACED_CELL = regex.compile(r"\S+(?: \S+)*")
_MIN_ANCHOR_CELLS = 3
_MIN_ALIGNED_LINES = 3
# columns right of the region's margin a line of cells may start and still set the columns
# (a sign-off line under the table, `项目负责人：…`, may stand a column or two left of it)
_MARGIN_SLACK = 2


def _starts(line: str, found: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(display column, character offset) where each cell starts: text tools lay CJK out
    either way, one character or two columns wide."""
    text = line.replace("\u3000", "  ")
    return [(width, match.start()) for (width, _), match
            in zip(found, _SPACED_CELL.finditer(text), strict=True)]


def _wrapped_into(found: list[tuple[int, str]], starts: list[tuple[int, int]],
                  above: list[tuple[tuple[int, int], Cell]]) -> Cell | None:
    """`地块土壤改良及田间道路排灌沟` / `渠修缮完成率` printed under it: a line of one text
    cell that starts where a text cell of the line above starts is the rest of that cell
    (a PDF or a page wraps a long cell in its column); a label or a value is not."""
    if len(found) != 1 or not above:
        return None
    text = found[0][1]
    deadline = next((item for position, item in above if _sits_under(text, starts[0], position, item.text)
                     and deadline_cut(item.text.replace(" ", ""), text)), None)
    if deadline is not None:  # `2025 年 11 月` / `底前`, centred under it
        return None if _opens_with_label(text) else deadline
    wrapped = next((item for position, item in above if _same_start(starts[0], position) and (
        _wrapping_text(text, tail=True) and _wrapping_text(item.text)
        or _basis_goes_on(item.text, text))), None)
    return None if wrapped is None or _opens_with_label(text) else wrapped


def _opens_with_label(text: str) -> bool:
    """`项目名称 岑江县2025年…`: a field's label and its value one space apart (a page that
    sets its cells a space apart) open a row of their own, no wrapped line."""
    pieces = _label_and_value(text)
    return len(pieces) > 1 and bool(classify(pieces[0]).field)


def _basis_goes_on(text: str, tail: str) -> bool:
    """`历史标准：2023年7.6` over `万人次`, `历史标准：2023年开展` over `116场`: a basis that
    quotes a figure wraps it like any text, though the piece alone reads as a value."""
    return holds_basis_word(text) and _FIGURE.search(text) is not None \
        and not classify(text).is_label and classify(tail).shape in ("quant", "number", "unit", "short")


_FIGURE = regex.compile(r"\d")


def _label_wrapped_into(found: list[tuple[int, str]], starts: list[tuple[int, int]],
                        above: list[tuple[tuple[int, int], Cell]]) -> Cell | None:
    """`可持续影响指` / `标`: a level label that its narrow column wraps, alone on its lines
    (centred between rows); the piece under it, centred too and so starting elsewhere, is
    the rest of the label when the two read as one level name and the piece alone is none."""
    if len(found) != 1 or len(above) != 1:
        return None
    (position, item), text = above[0], found[0][1]
    return item if _ends_label(item.text, text) and _stands_under(starts[0], position, item) else None


def _ends_label(head: str, tail: str) -> bool:
    """`可持续影响指` + `标`: the two read as one level name, the tail alone as no label."""
    joined = classify(head + tail)
    return joined.is_level and not joined.soft_level and not classify(tail).is_label


def _stands_under(start: tuple[int, int], position: tuple[int, int], item: Cell) -> bool:
    """A piece starting within the width of the cell above it."""
    return position[0] <= start[0] < position[0] + display_width(item.text)


def _label_tail_first(found: list[tuple[int, str]], starts: list[tuple[int, int]],
                      above: list[tuple[tuple[int, int], Cell]]) -> Cell | None:
    """`社会效益指 | 受益农村义务教 | …` over `标 | 育阶段在校学生 | …`: a top-aligned row's
    level label its narrow column wrapped, the line's first piece standing under it, before
    the rest of the row's wrapped cells; the piece is the rest of the label when the two
    read as one level name and the piece alone is none. A line that holds a value is a row
    of its own (`成本 | 经济成本 | …` over `指标 | 指标 | … | ≤8万元/座`: labels cut over two
    rows)."""
    if len(found) < _LABEL_AND_TAIL or len(found[0][1]) > _LABEL_TAIL or \
            any(classify(text).shape in ("quant", "number") for _, text in found):
        return None
    text = found[0][1]
    for position, item in above:
        alone = classify(item.text)
        if _stands_under(starts[0], position, item) and _ends_label(item.text, text) \
                and (not alone.is_level or alone.soft_level):
            return item
    return None


_LABEL_TAIL = 2  # characters: `标`, `指标`


def _wrapping_text(text: str, tail: bool = False) -> bool:
    """Text a column wraps: no label; the wrapped tail may be a bare level word under a
    name (`定点医药机构对医保经办服务` / `满意度`), which only its place tells from a label."""
    tags = classify(text)
    if tail and tags.shape == "label" and tags.soft_level:
        return True
    return tags.shape in ("short", "long") and not tags.is_label


def _labels_then_wrapped(found: list[tuple[int, str]], starts: list[tuple[int, int]],
                         above: list[tuple[tuple[int, int], Cell]]) -> Cell | None:
    """`质量指标        费用基金支付比例`: a centred level label on the line where a long name
    above wraps; the last cell is the rest of that name, the label stands on its own."""
    if len(found) != _LABEL_AND_TAIL or not classify(found[0][1]).is_level:
        return None
    wrapped = _wrapped_into(found[-1:], starts[-1:], above)
    return wrapped if wrapped is not None and len(wrapped.text) >= _WRAPPING_NAME else None


_LABEL_AND_TAIL = 2  # one centred label, then the tail
_WRAPPING_NAME = 10  # a name that wraps fills its column; a short one (`设备故障率`) does not


_WRAP_TOLERANCE = 2  # columns: a wrapped line starts where its cell starts


def _pieces_at(text: str, start: tuple[int, int]) -> list[tuple[str, tuple[int, int]]]:
    """The cell's pieces (`_label_and_value`), each with where it starts on the line."""
    found, position = [], 0
    for piece in _label_and_value(text):
        position = text.find(piece, position)
        found.append((piece, (start[0] + display_width(text[:position]), start[1] + position)))
        position += len(piece)
    return found


def _label_and_value(text: str) -> list[str]:
    """`项目编码 36112322T…`, `实施 单位 青禾县…`, `项目资金(万元) 资金总额 80.00`,
    `社会效益指标 改造后校舍安全`: field and level labels and their values or names that
    single spaces part inside a cell (OCR, or a narrow gap):
    a cell each. Words that only make a label together (`实施` `单位`) are joined first;
    a name or a value stays whole."""
    words = text.split(" ")
    for count in range(1, len(words)):
        label = "".join(words[:count])
        if _opens_cell(classify(label)):
            return [label, *_label_and_value(" ".join(words[count:]))]
    if len(words) >= 2 and len(words[0]) <= _SIDE_FRAGMENT and not classify(words[0]).is_label \
            and _opens_cell(classify(words[1])):
        # `项目资 年度资金总额`: a side label wrapped down its narrow column (项目资 / 金（万 /
        # 元）), each line's piece one space from the row label beside it
        return [words[0], *_label_and_value(" ".join(words[1:]))]
    if len(words) >= 2 and opens_level_label(words[0]) and not opens_level_label(words[0] + words[1]):
        # `社会效益指 受益农村义务教`: a level label its narrow column cut short (its `标` on
        # the next line), a space from the name beside it
        return [words[0], *_label_and_value(" ".join(words[1:]))]
    return [part for piece in _name_and_value(text) for part in _value_then_basis(piece)]


def _column_starts(start: int, pieces: list[tuple[str, tuple[int, int]]], by_characters: bool) -> list[int]:
    """Where a cell's columns start: its own start, and where a level label cut short opens
    it, each piece's (`社会效益指 受益农村义务教`, a narrow gutter's single space between a
    label column and the name column)."""
    if len(pieces) < 2 or not opens_level_label(pieces[0][0]):
        return [start]
    return [at[1] if by_characters else at[0] for _, at in pieces]


def _value_then_basis(text: str) -> list[str]:
    """`≥2.36 万平方米 依据年度实施计划…`: a value and the basis beside it that a narrow
    gutter left one space apart (the basis opens with a word bases are made of) are two."""
    for space in (match.start() for match in reversed(list(_SPACE.finditer(text)))):
        head, rest = text[:space], text[space + 1:]
        if _HAN_START.match(rest) and holds_basis_word(rest) and classify(head).shape == "quant" \
                and not holds_basis_word(head):
            return [head, rest]
    return [text]


_SPACE = regex.compile(" ")
_HAN_START = regex.compile(r"\p{Han}")


def _opens_cell(tags) -> bool:
    return bool(tags.field or tags.money or tags.goal or tags.is_level and not tags.soft_level)


_SIDE_FRAGMENT = 3


def _name_and_value(text: str) -> list[str]:
    """`道路清扫保洁单价 ≤ 2.6 元/平方米`: a name and its value that one space parts (OCR
    spacing is irregular): the value opens with a comparator or a figure and reads as one."""
    head, _, last = text.rpartition(" ")
    if head and classify(last).shape == "direction" and _name_word(head.replace(" ", ""), _SHORTEST_NAME):
        return [*_name_and_value(head), last]  # `筛查人数 正向`: a name, then its 指标方向
    match = _VALUE_AFTER_NAME.match(text)
    if match is None or classify(match.group(1)).is_label:
        return [text]
    value = join_comparator(match.group(2))
    target = classify(value).target
    if target is not None and target.value is not None:
        return [match.group(1), match.group(2)]
    dates = match.group(2).split(" ")
    if len(dates) <= _PERIODS and all(classify(date).value_phrase and _YEAR_OPENS.match(date)
                                      for date in dates):
        # `年度建设任务完成时间 2027年11月底前 2025年11月底前`: a deadline for each period
        return [match.group(1), *dates]
    return [text]


_PERIODS = 2
_SHORTEST_NAME = 4
_YEAR_OPENS = regex.compile(r"\d{4}年")


_VALUE_AFTER_NAME = regex.compile(rf"^(\p{{Han}}[^ ]{{3,}}) ([{COMPARATOR_SIGNS}]?\s*\d.*)$")


def looks_aligned(lines: list[str], signatures: list[str]) -> bool:
    aligned = sum(1 for line in lines if len(_SPACE_RUN.split(line.strip())) >= 2)
    return aligned >= _MIN_ALIGNED_LINES


def autospaced(lines: list[str]) -> bool:
    """`澄岭县 2024 年`, `≥1200 人`: Word and LibreOffice set a gap where CJK meets a figure,
    and a PDF's text tool writes it as a space. A document that writes nearly every figure
    before a CJK character with that space has no cell border there."""
    spaced = unspaced = 0
    for line in lines:
        spaced += len(_FIGURE_SPACE_HAN.findall(line))
        unspaced += len(_FIGURE_HAN.findall(line))
    return spaced >= _AUTOSPACED and spaced >= _AUTOSPACE_SHARE * unspaced


_FIGURE_SPACE_HAN = regex.compile(r"\d (?=\p{Han})")
_FIGURE_HAN = regex.compile(r"\d(?=\p{Han})")
# (the gap is set between CJK and Latin letters too: `完成 HPV 疫苗接种`, `按 AEFI 监测方案`)
AUTOSPACE = regex.compile(r"(?<=[\dA-Za-z])(?<! ) (?! )(?=\p{Han})|(?<=\p{Han})(?<! ) (?! )(?=[\dA-Za-z])")
_AUTOSPACED = 10  # figures before CJK with a space, at least
_AUTOSPACE_SHARE = 4  # times as many as without


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def spaced_cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of the cells of a space-aligned line (a full-width space is
    two columns), widths summed as the line is walked so a long line costs linear time."""
    text = line.replace("\u3000", "  ")
    cells = []
    position = width = 0
    for match in _SPACED_CELL.finditer(text):
        width += display_width(text[position: match.start()])
        position = match.start()
        cells.append((width, match.group(0)))
    return cells


def place_in_columns(cells: list[tuple[int, str]], anchors: list[int]) -> list[tuple[int, str]]:
    """(column, text): each cell under the nearest column start at or right of the last
    cell's column, in order (anchors are ascending, so found by bisection)."""
    placed = []
    column = 0
    for start, text in cells:
        if column >= len(anchors):
            nearest = len(anchors) + len(placed)
        else:
            right = bisect_left(anchors, start, lo=column)
            options = [i for i in (right - 1, right) if column <= i < len(anchors)]
            nearest = min(options, key=lambda i: (abs(anchors[i] - start), i))
        placed.append((nearest, text))
        column = nearest + 1
    return placed


def read(lines: list[str], first_line: int) -> list[Block]:
    cells: list[Cell] = []
    anchors: list[int] = []
    row = 0
    above: list[tuple[tuple[int, int], Cell]] = []  # the last line's cells by where they start
    leading: list[tuple[tuple[int, int], Cell]] = []  # its cells that a line above began
    last_content = max((offset for offset, line in enumerate(lines) if line.strip()), default=-1)
    printed = [_PrintedLine(offset, line) for offset, line in enumerate(lines) if line.strip()]
    by_characters = _laid_out_by_characters(printed)
    if by_characters:  # (`pdftotext -layout`): the columns are found where the page put them
        for line in printed:
            line.found = [(start[1], text) for start, (_, text) in zip(line.starts, line.found, strict=True)]
    margin = min((line.found[0][0] for line in printed), default=0)
    for index, current in enumerate(printed):
        offset, found, starts = current.offset, current.found, current.starts
        if current.merged:
            continue
        tails = _tails_of(current, leading)
        if tails is None and offset < last_content:
            tails = _centred_tails(current, above)
        if tails is not None:
            pieces, labels = tails
            for piece, target in pieces:
                extend(target, piece)
            leading = []
            if not labels:
                continue
            found, starts = [item for item, _ in labels], [start for _, start in labels]
        label = _label_wrapped_into(found, starts, above)
        if label is not None:
            extend(label, found[0][1])
            continue
        label = _label_tail_first(found, starts, above)
        if label is not None:
            extend(label, found[0][1])
            found, starts = found[1:], starts[1:]
        following = _starts_row_below(printed, index, by_characters) if tails is None else None
        lead = following is not None
        # the table's last line is left to be a row of one cell (an excerpt cut after a name)
        wrapped = _wrapped_into(found, starts, above) \
            if offset < last_content and not lead else None
        tail_of = _labels_then_wrapped(found, starts, above) \
            if wrapped is None and offset < last_content and not lead else None
        if tail_of is not None:
            extend(tail_of, found[-1][1])
            found, starts = found[:-1], starts[:-1]
        if len(found) == 1 and above and above[-1][1] is cells[-1] and not lead \
                and sentence_goes_on(cells[-1].text, found[0][1]):
            wrapped = cells[-1]
        if wrapped is not None:
            extend(wrapped, found[0][1])
            continue
        lines_of = [offset] * len(found)
        if following is not None:
            found, starts, lines_of = _joined(current, following, by_characters)
        above, leading = [], []
        pieces = [_pieces_at(text, start) for (_, text), start in zip(found, starts, strict=True)]
        if found[0][0] - margin <= _MARGIN_SLACK and len(found) >= _MIN_ANCHOR_CELLS:
            anchors = [spot for (start, _), cell_pieces in zip(found, pieces, strict=True)
                       for spot in _column_starts(start, cell_pieces, by_characters)]
        placed = place_in_columns(found, anchors) if anchors else list(enumerate(t for _, t in found))
        index_in_row = 0
        for cell_pieces, (column, _), line in zip(pieces, placed, lines_of, strict=True):
            for piece, at in cell_pieces:
                cells.append(cell(row, column, piece, first_line + line,
                                  BREAK_HINT if index_in_row == 0 else BREAK_NONE))
                above.append((at, cells[-1]))
                if lead and line == offset:
                    leading.append((at, cells[-1]))
                index_in_row += 1
        row += 1
    if not cells:
        return []
    return [TableBlock(cells, "space_runs", rows="exact", columns="loose", centred_labels=True)]


def _starts_row_below(printed: list[_PrintedLine], index: int,
                      by_characters: bool) -> _PrintedLine | None:
    """The line right under this one, where this one begins its printed row (a centred
    row's lead or frame)."""
    following = printed[index + 1] if index + 1 < len(printed) else None
    after = printed[index + 2] if index + 2 < len(printed) else None
    current = printed[index]
    if following is None or following.offset != current.offset + 1:
        return None
    if _leads_into(current, following) or _framed(current, following, after, by_characters):
        return following
    return None


def _joined(current: _PrintedLine, following: _PrintedLine, by_characters: bool
            ) -> tuple[list[tuple[int, str]], list[tuple[int, int]], list[int]]:
    """The two lines' cells as one printed row, in the order the page measures them, each
    with the line it stands on; the line below is marked taken."""
    following.merged = True
    pairs = sorted(zip(current.found + following.found, current.starts + following.starts,
                       [current.offset] * len(current.found)
                       + [following.offset] * len(following.found), strict=True),
                   key=lambda item: item[1][1 if by_characters else 0])
    found, starts, lines_of = (list(part) for part in zip(*pairs, strict=True))
    return found, starts, lines_of


class _PrintedLine:
    """A non-blank line's cells and where they start; `merged` once a line above has taken
    it into its printed row."""

    def __init__(self, offset: int, line: str) -> None:
        self.offset = offset
        found = spaced_cells(line)
        self.found, self.starts = _gaps_inside_names(found, _starts(line, found))
        self.merged = False


def _gaps_inside_names(found: list[tuple[int, str]], starts: list[tuple[int, int]]
                       ) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """`投诉举报人  满意度`: a name with a gap of two spaces in it (an OCR engine's, reading a
    photo), its short last word no label, figure or value, is one cell."""
    kept_found: list[tuple[int, str]] = []
    kept_starts: list[tuple[int, int]] = []
    for (width, text), start in zip(found, starts, strict=True):
        if kept_found and width - kept_found[-1][0] - display_width(kept_found[-1][1]) == _NAME_GAP \
                and _name_word(kept_found[-1][1], _SHORTEST_GAPPED_NAME) and _name_word(text, 1, True) \
                and len(text) <= _GAPPED_TAIL and _name_word(kept_found[-1][1] + text, 1):
            kept_found[-1] = (kept_found[-1][0], kept_found[-1][1] + text)
            continue
        kept_found.append((width, text))
        kept_starts.append(start)
    return kept_found, kept_starts


def _name_word(text: str, shortest: int, soft: bool = False) -> bool:
    """Han text that is no label, heading, field, money word or value (`soft`: a bare level
    word such as `满意度` may end a name)."""
    tags = classify(text)
    label = tags.is_label and not (soft and tags.soft_level)
    return len(text) >= shortest and bool(_HAN_ONLY.fullmatch(text)) and not label \
        and not tags.value_phrase and not tags.column and not tags.field and not tags.money


_NAME_GAP = 2
_SHORTEST_GAPPED_NAME = 4
_GAPPED_TAIL = 4
_HAN_ONLY = regex.compile(r"\p{Han}+")


def _leads_into(current: _PrintedLine, following: _PrintedLine) -> bool:
    """`主要农作物病虫害统防统治` / `数量指标   ≥   18   万亩` / `面积`: a PDF that centres
    its cells prints a row's one-line cells on the middle line of its tallest cell, so a
    wrapped name begins on the line above. A line of text alone (and labels), right above a
    line with a value, no name and nothing where that text stands, is the top of that
    line's row."""
    if _code_leads_fields(current, following):
        return True
    texts = [start for (_, text), start in zip(current.found, current.starts, strict=True)
             if not classify(text).is_label]
    if not texts or not all(_wrapping_text(piece) or classify(piece).is_level
                            for _, text in current.found for piece in _label_and_value(text)):
        return False
    below = [classify(piece) for _, text in following.found for piece in _label_and_value(text)]
    if not any(tags.shape in _VALUE_SHAPES for tags in below):
        return False
    first_value = next(k for k, tags in enumerate(below) if tags.shape in _VALUE_SHAPES)
    if any(tags.shape in ("short", "long") and not tags.is_label for tags in below[:first_value]):
        return False  # the line below names its own value (a remark after the value is no name)
    return not any(_same_start(start, other) for start in texts for other in following.starts)


_VALUE_SHAPES = ("number", "quant", "op")


def _code_leads_fields(current: _PrintedLine, following: _PrintedLine) -> bool:
    """`441823250000000091` / `项目编码   项目期限   2025年1月-2025年12月` / `7`: a code its
    narrow cell wrapped, centred on its field's line, begins on the line above: a figure
    alone, over a line of field labels where nothing stands below it."""
    if len(current.found) != 1 or not _LONG_FIGURE.fullmatch(current.found[0][1]):
        return False
    if not following.found or not classify(following.found[0][1]).field:
        return False
    return not any(_same_start(current.starts[0], other) for other in following.starts)


_LONG_FIGURE = regex.compile(r"\d{6,}")  # a code's digits (a figure of a row is shorter)


def _framed(current: _PrintedLine, following: _PrintedLine, after: _PrintedLine | None,
            by_characters: bool) -> bool:
    """`2025 年 12 月   按季度预拨、` / `补助资金拨付时间` / `底前   年终结算`: a centred row
    whose tall cells frame its one-line cells: the line above and the line below hold pieces
    in the same places (the tall cells' first and last lines), the line between holds cells
    only where they hold none, and more than a label."""
    if after is None or after.offset != following.offset + 1:
        return False
    frame = [classify(piece) for line in (current, after) for _, text in line.found
             for piece in _label_and_value(text)]
    if any(tags.shape in _VALUE_SHAPES for tags in frame) or \
            all(classify(text).is_label for _, text in following.found):
        return False  # a value in the frame is a row's; a label alone between rows is centred
    if any(_overlap(one, other) for one in _extents(current, by_characters)
           for other in _extents(following, by_characters)):
        return False  # the middle line prints a cell where the frame does
    return all(any(_sits_under(text, start, top, above) for (_, above), top
                   in zip(current.found, current.starts, strict=True))
               for (_, text), start in zip(after.found, after.starts, strict=True))


def _extents(line: _PrintedLine, by_characters: bool) -> list[tuple[int, int]]:
    """Each cell's first and end column, in characters or in display columns."""
    return [(start[1], start[1] + len(text)) if by_characters else
            (start[0], start[0] + display_width(text))
            for (_, text), start in zip(line.found, line.starts, strict=True)]


def _overlap(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def laid_out_by_characters(lines: list[str]) -> bool:
    """Whether the lines lay columns out one character each (see `_laid_out_by_characters`)."""
    return _laid_out_by_characters([_PrintedLine(offset, line) for offset, line in enumerate(lines)
                                    if line.strip()])


def _laid_out_by_characters(printed: list[_PrintedLine]) -> bool:
    """Whether the text lays columns out one character each (`pdftotext -layout`) rather
    than CJK two columns wide (a console, a spreadsheet preview): the measure under which
    more cells start where a cell of one of the few lines above starts (a centred page
    leaves lines of one piece between its rows, so the line right above alone says little)."""
    counts = [0, 0]
    for index, below in enumerate(printed):
        for above in printed[max(0, index - _MEASURE_WINDOW): index]:
            for measure in (0, 1):
                starts = {start[measure] for start in above.starts}
                counts[measure] += sum(1 for start in below.starts if start[measure] in starts)
    return counts[1] > counts[0]


_MEASURE_WINDOW = 3  # lines above each line whose cell starts it is compared with


def _sits_under(text: str, start: tuple[int, int], position: tuple[int, int], above: str) -> bool:
    """Text standing where a cell above starts, or centred under it (in characters or in
    display columns, whichever the page was laid out in)."""
    return _same_start(start, position) or \
        abs(position[1] + len(above) / 2 - start[1] - len(text) / 2) <= _WRAP_TOLERANCE or \
        abs(position[0] + display_width(above) / 2 - start[0] - display_width(text) / 2) <= _WRAP_TOLERANCE


def _same_start(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return abs(one[0] - other[0]) <= _WRAP_TOLERANCE or abs(one[1] - other[1]) <= _WRAP_TOLERANCE


_Tails = tuple[list[tuple[str, Cell]], list[tuple[tuple[int, str], tuple[int, int]]]]


def _centred_tails(current: _PrintedLine, above: list[tuple[tuple[int, int], Cell]]) -> _Tails | None:
    """`数        人数，以全国中小学生学籍信息管理系统数据为准。` under a row: a line of two
    pieces or more, each the rest of a text cell of the row above (standing where it starts,
    or centred under its first line and narrower, one of them so at least: a page that
    centres its cells), beside level labels centred on their groups."""
    if len(current.found) < _TAILS or not above:
        return None
    found = _pieces_under(current, above, lambda text, tags: _wrapping_text(text, tail=True)
                          and not tags.value_phrase, lambda cell: _wrapping_text(cell.text))
    if found is None:
        return None
    pieces, labels = found
    centred = False
    for text, start, position, item in pieces:
        first = item.raw.split("\n")[0]
        if display_width(_PUNCTUATION.sub("", text)) > display_width(_PUNCTUATION.sub("", first)):
            return None  # a wrapped line fills its column at most as its first line does
        centred = centred or not _same_start(start, position) and len(text) < len(first)
    return ([(text, item) for text, _, _, item in pieces], labels) if centred else None


_TAILS = 2
_PUNCTUATION = regex.compile(r"\p{P}")  # (a page lets a line's closing mark hang past its column)


def _tails_of(current: _PrintedLine, leading: list[tuple[tuple[int, int], Cell]]) -> _Tails | None:
    """The line under a row whose cells began a line above it: text standing where those
    cells start, or centred under them, is their last line (a centred row's cells wrap as
    far down as up). A level label on that line (`效益指标   责任事故`: the label of a
    group, centred there) stands on its own; returns the tails and such labels."""
    if not leading:
        return None
    found = _pieces_under(current, leading, lambda _, tags: not tags.is_label, lambda _: True)
    return ([(text, item) for text, _, _, item in found[0]], found[1]) if found else None


_Under = tuple[list[tuple[str, tuple[int, int], tuple[int, int], Cell]],
              list[tuple[tuple[int, str], tuple[int, int]]]]


def _pieces_under(current: _PrintedLine, cells: list[tuple[tuple[int, int], Cell]],
                  piece_ok: Callable[[str, Tags], bool], cell_ok: Callable[[Cell], bool]) -> _Under | None:
    """Each piece of the line under the cell of the row above it stands under (its start,
    the cell's start, the cell), each cell once, level labels apart; None where a piece
    `piece_ok` refuses stands under no cell `cell_ok` takes, or where none does."""
    pieces: list[tuple[str, tuple[int, int], tuple[int, int], Cell]] = []
    labels: list[tuple[tuple[int, str], tuple[int, int]]] = []
    for (width, text), start in zip(current.found, current.starts, strict=True):
        tags = classify(text)
        if tags.is_level and not tags.soft_level:
            labels.append(((width, text), start))
            continue
        if not piece_ok(text, tags):
            return None
        target = next(((position, item) for position, item in cells if cell_ok(item)
                       and _sits_under(text, start, position, item.raw.split("\n")[0])), None)
        if target is None or any(item is target[1] for *_, item in pieces):
            return None
        pieces.append((text, start, *target))
    return (pieces, labels) if pieces else None
