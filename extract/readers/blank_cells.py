"""Layout `blank_cells`: one table cell per line, cells separated by blank lines (or not).

Word and HTML text often puts each cell on its own line with a blank line
between cells; a whitespace-only line is an empty cell. Nothing marks where a
row ends, so the block is a stream and table assembly finds the rows. Some
exports encode the hierarchy by indentation alone (one space per level):
each cell keeps its indent for assembly to read. A long sentence is prose. An OCR
engine's text boxes, one per line with no blank lines, read the same way; two boxes it
read as one line (a level label, a space, the next box) are two cells, and a merged label
stands on the middle row of its group (`centred_labels`), as the engine met it.
Where blank lines part the cells, lines with none between them and the same indent are
one cell that a PDF or Word broke over lines (`维修养护小型水库` / `座数`); a line indented
otherwise is a cell of its own (a level, or a value under its name).
Example: `   产出指标` / `` / `    成本指标(必填硬性指标)` / `` / `     疫苗提供及时率` / `` / `100%`.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

import regex

from extract.classify import (
    classify,
    completes_name,
    deadline_cut,
    ends_as_name,
    ends_as_unit,
    listed_level,
    qualitative_words,
    states_money_unit,
    whole_label,
)
from extract.grid import BREAK_SOFT, Block, Cell, ProseBlock, TableBlock
from extract.normalise import clean_text
from extract.readers.build import cell, extend, number_stream
from extract.readers.column_order import in_row_order
from extract.settings import SETTINGS
from extract.vocab import vocabulary

_PROSE_LENGTH = 60
_MIN_CELLS = 4
_MAX_MEDIAN_LENGTH = 30
_LABEL_SHARE = 0.25
_LABEL_FLOOR = 0.15
_FORM_SHARE = 0.4  # labels, figures and a form's other boxes together
_LABEL_LEAST = 0.1  # … or fewer labels, where the rest make up half the boxes
_FORM_MOST = 0.5


def separated_cells(lines: list[str]) -> bool:
    """Short lines, each followed by a blank line."""
    content = _short_content(lines)
    if content is None:
        return False
    separated = sum(1 for index in content
                    if index + 1 >= len(lines) or not lines[index + 1].strip())
    return separated >= 0.7 * len(content)


def text_boxes(lines: list[str]) -> bool:
    """Short lines one after another, many of them labels or values (an OCR engine's list of
    text boxes, a word processor's text of its tables, a cell a line; the vocabulary is asked
    which lines are labels): a quarter labels, or fewer where figures, worded values, units
    and the ends of wrapped labels make up the rest of a form's share (explanations and task
    sentences between them)."""
    content = _short_content(lines)
    if content is None:
        return False
    tagged = [classify(lines[index].strip()) for index in content]
    labels = sum(1 for tags in tagged if tags.is_label)
    values = sum(1 for tags in tagged if tags.shape in ("quant", "number"))
    # a form's other boxes: worded values, units, and the `标` / `指标` a wrapped label leaves
    others = sum(1 for tags in tagged if tags.value_phrase or tags.shape in ("unit", "empty"))
    form = labels + values + others
    return values >= 1 and (labels >= _LABEL_SHARE * len(content)
                            or labels >= _LABEL_FLOOR * len(content) and form >= _FORM_SHARE * len(content)
                            or labels >= _LABEL_LEAST * len(content) and form >= _FORM_MOST * len(content))


def paragraph_cells(lines: list[str]) -> bool:
    """A word processor's plain text of its tables (LibreOffice's `Text` export): each cell a
    paragraph, so a line, and an empty cell an empty line; the cells a merge covers leave
    runs of empty lines inside the rows (`6` / `` / `` / `` / `义务教育…`), which no OCR
    engine's boxes and no PDF's text print."""
    if any(line and not line.strip() for line in lines):
        return False  # (whitespace-only lines are the empty cells, blank ones part the rows)
    runs = [(empty, sum(1 for _ in group)) for empty, group in groupby(lines, key=lambda line: not line)]
    inside = runs[1:-1]  # (between lines of text, not above or under them)
    return sum(1 for empty, size in inside if empty and size >= _EMPTY_RUN) >= _EMPTY_RUNS


_EMPTY_RUN = 2  # empty lines in a row: the cells a merge covers
_CLAUSE_OPEN = regex.compile(r"[，、；,;]$")  # no cell ends so: its next paragraph goes on
_EMPTY_RUNS = 3


def _short_content(lines: list[str]) -> list[int] | None:
    """The indices of the non-blank lines, where there are enough and they are short."""
    content = [index for index, line in enumerate(lines) if line.strip()]
    if len(content) < _MIN_CELLS:
        return None
    lengths = [len(lines[index].strip()) for index in content]
    return content if statistics.median(lengths) <= _MAX_MEDIAN_LENGTH else None


def read(lines: list[str], first_line: int) -> list[Block]:
    blocks: list[Block] = []
    cells: list[Cell] = []
    wraps = separated_cells(lines)  # blank lines part the cells: lines run together wrap one
    empty_cells = not wraps and paragraph_cells(lines)
    for offset, line in enumerate(lines):
        number = first_line + offset
        if not line.strip():
            if empty_cells or line and offset and not lines[offset - 1].strip():
                cells.append(cell(0, 0, "", number, BREAK_SOFT))
            continue
        text = line.strip()
        if len(text) > _PROSE_LENGTH and not cells:
            blocks.append(ProseBlock(text=clean_text(line), raw=line, line=number))
            continue
        indent = len(line) - len(line.lstrip(" \u3000"))
        if wraps and cells and cells[-1].last_line == number - 1 and cells[-1].text \
                and cells[-1].indent == indent and not _label_of_its_own(cells[-1].text, text) \
                or empty_cells and cells and cells[-1].last_line == number - 1 \
                and _CLAUSE_OPEN.search(cells[-1].text) and not classify(text).is_label:
            extend(cells[-1], text)  # (a paragraph that ends mid-clause: its cell's next one follows)
            continue
        for piece in boxes(text) if not wraps else [text]:
            cells.append(cell(0, 0, piece, number, BREAK_SOFT, indent=indent))
    if cells and not wraps:
        cells = _rejoin_wrapped_names(_names_around_labels(_labels_around(_headings_around(cells))))
    if cells:
        _unit_note_off_a_field(cells)
        cells, reordered = in_row_order(cells)  # (PDF text read column by column)
        number_stream(cells)
        blocks.append(TableBlock(cells, "blank_cells", rows="stream", columns="loose",
                                 centred_labels=not wraps and not reordered))
    return blocks


def _unit_note_off_a_field(cells: list[Cell]) -> None:
    """`项目名称` / `金额单位：万元` / `沽溪区…项目`: the money unit's note, printed at the top
    right of the table on the first field's line, comes between that field's label and its
    value in PDF text; it goes before the label (in place)."""
    for index in range(1, len(cells) - 1):
        label, note, value = cells[index - 1], cells[index], cells[index + 1]
        if states_money_unit(note.text) and classify(label.text).field \
                and value.text and not classify(value.text).is_label:
            cells[index - 1], cells[index] = note, label


def _label_of_its_own(above: str, text: str) -> bool:
    """`项目支出绩效目标表` / `（2024年度）` / `项目名称` run together (a PDF's text keeps no
    blank line inside a heading): a label that joining would hide opens a cell of its own;
    a label's own second line (`年度资金` / `总额`) joins it."""
    return classify(text).is_label and not classify(above + text).is_label


def _rejoin_wrapped_names(cells: list[Cell]) -> list[Cell]:
    """`农村集中供水工程水质` / `达标率` / `>95%`: a long name the engine read as two boxes, the
    second short, with the row's value right after. A short word after a long name and
    before a value continues the name; a row's text value (`稳定达标`) is followed by the
    next row's name, not by a value. A value broken the same way keeps its end (`前`), a
    field's value its tail before the next label (`…运营补` / `贴项目` / `项目编码`), and a
    label broken over boxes is one (`可持续影` / `响指标`, `年度` / `绩效` / `指标`)."""
    joined: list[Cell] = []
    index = 0
    while index < len(cells):
        item = cells[index]
        following = cells[index + 1] if index + 1 < len(cells) else None
        before = joined[-2] if len(joined) > 1 else None
        if joined and (following is not None and _wraps_name(joined[-1], item, following, before)
                       or _ends_value(joined[-1], item) or _ends_label(joined[-1], item)):
            extend(joined[-1], item.raw)
            index += 1
            continue
        joined.append(item)
        pieces = _label_in_pieces(cells, index)
        for piece in cells[index + 1: index + pieces]:
            extend(item, piece.raw)
        index += pieces
    return joined


def _headings_around(cells: list[Cell]) -> list[Cell]:
    """`一级指` / `二级指标` / `三级指标` / `指标值` / `标`: an OCR engine lists a header's boxes
    line by line, so the second line of a heading its cell wrapped comes after the headings
    to its right. A piece that is no heading, followed by whole headings and then the short
    tail that makes it one, is that heading."""
    return _tails_joined(cells, _HEADINGS_BETWEEN, _TailRule(
        piece=lambda text: not classify(text).column and len(text) <= _HEADING_PIECE,
        between=lambda text: bool(classify(text).column),
        tail=lambda text: not classify(text).column,
        whole=lambda text: bool(classify(text).column)))


_HEADING_PIECE = 6
_HEADINGS_BETWEEN = 5


def _labels_around(cells: list[Cell]) -> list[Cell]:
    """`服务对象满意度` / `满意度指标` / `指标`: a level label its narrow cell wrapped, and the
    level-1 label centred beside it, listed by height: the label's tail comes after the
    level-1's box. A short tail that is no label of its own and makes the piece before the
    labels a level label is that label's end."""
    return _tails_joined(cells, _LABELS_BETWEEN, _TailRule(
        piece=lambda text: len(text) <= SETTINGS.max_level_length,
        between=lambda text: classify(text).is_level,
        tail=lambda text: not classify(text).is_label,
        whole=listed_level))


@dataclass(frozen=True)
class _TailRule:
    """What a piece, the whole boxes between it and its tail, the tail, and the piece joined
    to its tail must be (`_tails_joined`)."""

    piece: Callable[[str], bool]
    between: Callable[[str], bool]
    tail: Callable[[str], bool]
    whole: Callable[[str], bool]


def _tails_joined(cells: list[Cell], most_between: int, rule: _TailRule) -> list[Cell]:
    """Each piece joined to the short tail an OCR engine listed after the whole boxes beside
    it (at most `most_between` of them), where the rule says the two make one."""
    out = list(cells)
    index = 0
    while index < len(out):
        head = out[index]
        if head.text and rule.piece(head.text):
            for tail in range(index + 2, min(len(out), index + 2 + most_between)):
                if not rule.between(out[tail - 1].text):
                    break  # (only whole boxes stand between the piece and its tail)
                piece = out[tail].text
                if piece and len(piece) <= _SHORT_TAIL and rule.tail(piece) and rule.whole(head.text + piece):
                    extend(head, out.pop(tail).raw)
                    break
        index += 1
    return out


def _names_around_labels(cells: list[Cell]) -> list[Cell]:
    """`预警信息发布及` / `时效指标` / `时率` / `100%`: an OCR engine lists a two-line name's
    boxes and the level label centred beside them by height, so the label falls between
    the name's lines. Where the two pieces end as names do only together, and the row's
    value follows, the label goes first and the name is one cell."""
    out: list[Cell] = []
    index = 0
    while index < len(cells):
        labels = 0
        while labels < _LABELS_BETWEEN and index + labels + 1 < len(cells) \
                and classify(cells[index + labels + 1].text).is_level:
            labels += 1
        tail, value = index + labels + 1, index + labels + 2
        if labels and value < len(cells) and _name_around(cells[index], cells[tail], cells[value]):
            out.extend(cells[index + 1: tail])
            head = cells[index]
            extend(head, cells[tail].raw)
            out.append(head)
            index = value
            continue
        out.append(cells[index])
        index += 1
    return out


_LABELS_BETWEEN = 2  # a level-1 and a level-2 label, centred on the same row
_SHORT_TAIL = 3


def _name_around(head: Cell, tail: Cell, value: Cell) -> bool:
    """The head of a name, a line of its narrow column, and its short tail (`时率`, `置成本`;
    a whole name after a row's value in words is the next row's), the row's value after."""
    pieces = (classify(head.text), classify(tail.text))
    if any(tags.shape not in ("short", "long") or tags.is_label or tags.value_phrase for tags in pieces) \
            or any(char.isdigit() for char in head.text + tail.text) or len(tail.text) > _SHORT_TAIL \
            or len(head.text) < _WRAPPED_NAME or _opens_with_quality(head.text):
        return False
    value_tags = classify(value.text)
    # a tail of one or two characters is no name of its own (`行`), whatever it ends with
    valued = value_tags.shape in ("quant", "number") or value_tags.value_phrase or _worded_value(value.text)
    return valued and (completes_name(head.text, tail.text)
                       or len(tail.text) <= _NO_NAME_ALONE and not ends_as_name(head.text))


def _worded_value(text: str) -> bool:
    """`长期有效`, `明显提高`: a short value in words that opens or ends with one the
    vocabulary knows."""
    words = qualitative_words(_QUALITY_WORD)
    return len(text) <= _WORDED_VALUE and (text.startswith(words) or text.endswith(words))


_NO_NAME_ALONE = 2
_WORDED_VALUE = 8


def _label_in_pieces(cells: list[Cell], index: int) -> int:
    """`主管` / `部门` / `及代` / `码`, `项目` / `资金` / `（万` / `元）`: a field or money label a
    narrow column broke into three or four short boxes (pdftotext prints each on its own
    line), one cell; how many boxes it takes (1 where none is)."""
    for count in range(_LABEL_PIECES, 2, -1):
        pieces = cells[index: index + count]
        if len(pieces) == count and all(len(piece.text) <= _LABEL_PIECE and piece.text
                                        and not any(char.isdigit() for char in piece.text)
                                        for piece in pieces) \
                and whole_label(_UNIT_NOTE.sub("", "".join(piece.text for piece in pieces))):
            return count
    return 1


_LABEL_PIECES = 4
_LABEL_PIECE = 3
_UNIT_NOTE = regex.compile(r"[(（][^()（）]{1,4}[)）]$")  # `（万元）` after a money label


def _wraps_name(name: Cell, word: Cell, value: Cell, before: Cell | None) -> bool:
    """A short word that is no label and no value, between a long name (or a field's long
    value) and the row's value (or the next field's label)."""
    name_tags, word_tags = classify(name.text), classify(word.text)
    # a longer word where only together they end as a name does (`…处置体系` / `覆盖行政村比例`)
    ends_name = completes_name(name.text, word.text)
    if len(name.text) < _WRAPPED_NAME or name_tags.shape not in ("short", "long") \
            or name_tags.is_label or name_tags.value_phrase \
            or word_tags.shape != "short" or word_tags.is_label \
            or word_tags.value_phrase or word_tags.lead_in \
            or len(word.text) > (_WRAPPED_NAME if ends_name else _WRAPPED_TAIL) \
            or any(char.isdigit() for char in word.text):
        return False
    value_tags = classify(value.text)
    if value_tags.shape in ("quant", "number"):
        return True
    if value_tags.value_phrase or ends_name and _opens_with_quality(value.text):
        # a text value after: the word a name's last noun (`时间`, `程度`, `长效机制`)
        return len(word.text) <= _NAME_TAIL_BEFORE_TEXT or ends_name
    if before is None or not classify(before.text).field:
        return False
    # a body's name and its tail before the money block (`…农村公路管` / `理所` / `项目资金`)
    return bool(value_tags.field) or bool(value_tags.money) and not ends_as_unit(name.text) \
        and ends_as_unit(name.text + word.text)


def _opens_with_quality(text: str) -> bool:
    """`建立并持续运行`: a value in words that opens with one the vocabulary knows."""
    return text.startswith(qualitative_words(_QUALITY_WORD))


_QUALITY_WORD = 2


def _ends_label(head: Cell, tail: Cell) -> bool:
    """`经济成本` / `指标`, `服务对象满` / `意度指标`, `年度绩效` / `目标`, `部门（单位）` / `名称`:
    short boxes without figures that make a label together, where they are not two labels
    of their own."""
    if len(head.text) > _BROKEN_LABEL or len(tail.text) > _WRAPPED_TAIL \
            or any(char.isdigit() for char in head.text + tail.text):
        return False
    whole, first, second = classify(head.text + tail.text), classify(head.text), classify(tail.text)
    if (whole.field or whole.money) and whole_label(head.text + tail.text):  # `部门（单位）` / `名称`
        return not second.is_label and (not first.is_label or first.field == whole.field
                                        and first.money == whole.money)
    if not (whole.is_level or whole.scope or whole.goal):
        return False
    if second.is_label:  # `意度指标`: a level label only as the end of the whole
        return second.is_level and not listed_level(tail.text) and not (first.is_label or first.scope)
    return not first.is_label or first.level2 == whole.level2 and first.level1 == whole.level1


_NAME_TAIL_BEFORE_TEXT = 3  # `健全完善` before `逐步健全` is a value of its own
_BROKEN_LABEL = 8  # a label's box as long as a narrow column's line


def _ends_value(value: Cell, word: Cell) -> bool:
    """`2026年11月底` / `前`, `≤41.5万元/` / `座`: one character alone, no label, figure or
    value of its own (`是`), after a cell with a figure: the end of that value, which a
    narrow column broke."""
    tags = classify(word.text)
    if deadline_cut(value.text, word.text):  # `2025年10月` / `底前`
        return True
    return len(word.text) == 1 and tags.shape == "short" and not tags.is_label \
        and word.text not in vocabulary().target.qualitative_values \
        and any(char.isdigit() for char in value.text)


_WRAPPED_NAME = 7  # a box as long as a narrow column's line
_WRAPPED_TAIL = 5


def boxes(text: str) -> list[str]:
    """`满意度指标 服务对象满意度指标`, `数量指标 改造提升供水管网长度`: two text boxes an OCR
    engine read as one line, a level label first; a label a space broke (`经济效益 指标`)
    stays whole."""
    words = text.split()
    if len(words) != 2 or not classify(words[0]).is_level or classify("".join(words)).is_level:
        return [text]
    return words
