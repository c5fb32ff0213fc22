"""Layout `space_rows`: one table row per line, cells separated by spaces.

Pages and PDF text that lost their table keep a row on a line with a space
between cells; a long cell wraps onto the next line (`项目完成` / `指标`), and
a whole table may come as one long line. A line's words are its cells, except
that words which only make sense together are joined: a label broken by a
space or a line break (`经济效益 指标`, `项目效益` / `指标`). Which words make a
label is the vocabulary's to say, so this reader asks extract/classify.py.
Row ends are hints only: assembly decides. A word that is itself several cells
glued together is cut like run-together text. OCR text of a printed form comes this
way too (most rows part some cells by runs of spaces), a merged 一级/二级 label on the
middle row of its group: the block says so (`centred_labels`), and assembly looks whether
the first row lacks its labels. OCR rows parted by single spaces look like a flattened web
table; there the labels are taken as centred only where the first row prints none at all
(`labels_may_be_centred`): a web table prints its labels on each group's first row.
Example: `产出指标 数量指标 出差人次 正向 = 24 人/次 4`.
"""

from __future__ import annotations

from collections import Counter
from itertools import islice, takewhile

import regex

from extract.classify import (
    UNIT_FIELDS,
    classify,
    completes_name,
    cut_glued,
    ends_as_unit,
    framed_basis,
    glued_label_count,
    is_listed_label,
    join_comparator,
    opens_worded_value,
    page_number,
)
from extract.grid import BREAK_HINT, BREAK_NONE, BREAK_SOFT, Block, Cell, TableBlock
from extract.normalise import parse_amount
from extract.readers.build import cell, extend, number_stream, sentence_goes_on
from extract.readers.run_together import glued
from extract.vocab import vocabulary

_WORD = regex.compile(r"\S+")
_LONG_LINE_CELLS = 12
_GLUED_WORD = 16
_SENTENCE_WORD = 40


def looks_like_row(line: str) -> bool:
    """Two or more words, none of them a sentence (a sentence with a space in it is prose),
    or short cells that a closing sentence follows: a row's reason or remark
    (`新建农村户厕  10  ≥300户  276户  8  部分农户长期外出务工，…`)."""
    words = _WORD.findall(line)
    if len(words) < 2:
        return False
    sentences = [index for index, word in enumerate(words) if len(word) > _SENTENCE_WORD]
    return not sentences or sentences == [len(words) - 1] and len(words) > _CELLS_BEFORE_REASON \
        or any(classify(word).is_label or glued(word) for word in words)


_CELLS_BEFORE_REASON = 3


def read(lines: list[str], first_line: int) -> list[Block]:
    cells: list[Cell] = []
    last_content = max((offset for offset, line in enumerate(lines) if line.strip()), default=-1)
    full = _full_widths(lines)
    last_piece = ""  # the last word put into a cell (the line a cell wrapped to, if it did)
    for offset, line in enumerate(lines):
        words = _WORD.findall(join_comparator(line))
        if not words or len(words) > 1 and page_number(line.strip()):
            continue  # (`— 2 —` is a page's number, not three cells of a row)
        number = first_line + offset
        if cells and cells[-1].last_line == number - 1:
            split = _name_then_value(last_piece, words[0], full)
            if split is not None:
                words = [*split, *words[1:]]
            if _goes_on_from_full(last_piece, words[0], full):
                _extend(cells[-1], words[0])  # (`村级综合文化服` / `务中心设备配置` / `数量`)
                last_piece, words = words[0], words[1:]
                if not words:
                    continue
        finished = _label_finished(cells, number - 1, words) or _unit_finished(cells, number - 1, words)
        if finished is not None:
            _extend(finished, words[0])
            continue
        if cells and len(words) == 1 and _completes(cells[-1].text, words[0]):
            _extend(cells[-1], words[0])
            continue
        if cells and cells[-1].last_line == number - 1 and len(words) == 1 \
                and sentence_goes_on(cells[-1].text, words[0]):
            _extend(cells[-1], words[0])
            continue
        tails = _two_tails(cells, number - 1, words)
        if tails is not None:
            for target, word in zip(tails, words, strict=True):
                _extend(target, word)
            continue
        wrapped = _wrapped_from(cells, number - 1, words, offset < last_content) \
            or _name_end_alone(cells, number - 1, words, lines, offset)
        if wrapped is not None:
            _extend(wrapped, words[0])
            continue
        long_line = len(words) >= _LONG_LINE_CELLS
        brk = BREAK_HINT if not long_line else BREAK_SOFT
        head = _name_begun_above(cells, number - 1, words)
        if head is not None:
            _extend(head, words[0])
            words = words[1:]
            brk = BREAK_NONE
        for word in _join_broken_labels(words):
            if cells and cells[-1].line == number and _goes_on_from_full(last_piece, word, full):
                _extend(cells[-1], word)  # (`设备采购及安装 调试完成时间`: one name, wrapped)
                last_piece = word
                continue
            for piece in _cut_if_glued(word):
                cells.append(cell(0, 0, piece, number, brk))
                brk = BREAK_SOFT if long_line else BREAK_NONE
                last_piece = piece
    if not cells:
        return []
    number_stream(cells)
    laid_out = _laid_out(lines)
    return [TableBlock(cells, "space_rows", rows="stream", columns="loose", centred_labels=laid_out,
                       labels_may_be_centred=not laid_out)]


def _full_widths(lines: list[str]) -> set[int]:
    """The widths, in characters, at which the table's narrow columns wrap their cells: a
    PDF's text without its layout (pypdf, plain pdftotext) prints each line a cell wrapped
    to alone or a space apart, and every line but a cell's last fills its column, so one
    length recurs among the lines of one word (`村级综合文化服`, `务中心设备配置`, `送戏下乡及群众`,
    seven characters each). Lengths that three such lines share, no label among them."""
    lengths = Counter(len(word) for line in lines for word in [line.strip()]
                      if _HAN_WORD.fullmatch(word) and len(word) >= _FULL_WIDTH
                      and not classify(word).is_label)
    return {length for length, count in lengths.items() if count >= _FULL_LINES}


def _goes_on_from_full(piece: str, word: str, full: set[int]) -> bool:
    """The word carries on the cell a full line of its column ended: text (no figure, no
    label of its own) after a line of words as long as the column holds."""
    if len(piece) not in full or not _HAN_WORD.fullmatch(piece) or classify(piece).is_label \
            or not _HAN_WORD.fullmatch(word):
        return False
    tags = classify(word)
    if len(word) <= _TAIL:
        return True  # (`数量`, `指标`, `平`: a cell's last characters, whatever they read as alone)
    return tags.shape in ("short", "long") and not tags.value_phrase and not tags.is_label


def _name_then_value(piece: str, word: str, full: set[int]) -> tuple[str, str] | None:
    """`配置设备验收合` / `格率100%`: the rest of a name and the row's value, which closing
    the gap Word sets between CJK and a figure ran together, after a full line."""
    match = _NAME_THEN_VALUE.fullmatch(word)
    if match is None or opens_worded_value(word) or not _goes_on_from_full(piece, match[1], full):
        return None
    return match[1], match[2]


_HAN_WORD = regex.compile(r"[\p{Han}、，（）]+")
_NAME_THEN_VALUE = regex.compile(r"(\p{Han}+)([≥≤<>=＞＜]?\d.*)")
_TAIL = 2  # characters
_FULL_WIDTH = 5  # characters a narrow column holds, at least, where this is looked for
_FULL_LINES = 3


def _laid_out(lines: list[str]) -> bool:
    """Most rows, on lines of their own, part some cells by runs of spaces: the layout of a
    printed page (OCR, PDF text), not a web table flattened with one space between cells."""
    content = [line for line in lines if line.strip()]
    return len(content) >= _LAID_OUT_ROWS and \
        sum(1 for line in content if _SPACE_RUN.search(line.strip())) * 2 > len(content)


_LAID_OUT_ROWS = 3  # a table run onto one long line is flattened text, whatever its spaces

_SPACE_RUN = regex.compile(r"\S {2,}\S")


def _cut_if_glued(word: str) -> list[str]:
    """A long word that is several cells run together (`项目名称碟令薯…`): a label and its
    value, or labels side by side. An indicator's name that merely contains a money word
    (`项目财政资金到位时间`, `财政资金到位及时支付率`) stays whole."""
    labels = glued_label_count(word)
    if len(word) < _GLUED_WORD and not labels or framed_basis(word) or _heading_goes_on(word):
        return [word]  # (`按服务对象满意度评价`: a basis, whatever label it names)
    pieces = cut_glued(word) or [word]
    if len(pieces) < 2 or labels >= 2:
        return pieces
    return pieces if any(_opens_cell(piece, following) for piece, following
                         in zip(pieces, pieces[1:], strict=False)) else [word]


def _heading_goes_on(word: str) -> bool:
    """`偏差原因分析及`: a column heading its narrow cell wrapped after a conjunction, its
    last words on the next line; one cell, not a heading and a stray character."""
    return word.endswith(tuple(vocabulary().marks.conjunctions)) and bool(classify(word[:-1]).column)


def _opens_cell(piece: str, following: str) -> bool:
    """A field, level, column or goal label, or a money label before its amount."""
    tags = classify(piece)
    return bool(tags.field or tags.is_level or tags.column or tags.goal) or \
        bool(tags.money) and parse_amount(following)[0] is not None


def _completes(previous: str, word: str) -> bool:
    """`项目完成` + `指标`: the word only finishes a label the previous cell began (two column
    headings side by side, `优` `良`, are two)."""
    if previous and _heading_goes_on(previous) and classify(previous + word).column:
        return True  # `偏差原因分析及` + `改进措施`
    if not previous or classify(word).is_label or classify(word).shape not in ("short", "unit", "empty") \
            or classify(word).column and classify(previous).column:
        return False
    joined = classify(previous + word)
    mark = vocabulary().marks.indicator_number
    return joined.is_level or (joined.is_label and not classify(previous).is_label) \
        or (is_listed_label(previous + word) and len(word) >= 2) \
        or (word == mark and not classify(previous).is_label)  # `部门(单位)` + `名称`; `达成预期` + `指标`


def _label_finished(cells: list[Cell], previous_line: int, words: list[str]) -> Cell | None:
    """`社会效益` … / `指标`, `服务对象满` … / `意度指标`: a word alone on its line that
    finishes a level label of the line above (its narrow column wrapped it), wherever in
    that row the label stands; one such label, or none is taken."""
    if len(words) != 1 or len(words[0]) < _LABEL_END:
        return None
    row = _row_above(cells, previous_line)
    if len(row) < _ROW_CELLS:
        return None  # a cell a line: the cell above is left to `_completes`
    finished = [c for c in row if _HAN_ONLY.fullmatch(c.text) and classify(c.text + words[0]).is_level]
    if len(finished) > 1:  # `参保群众满意度` + `指标` reads as a level too: a level's own half first
        finished = [c for c in finished if classify(c.text).is_level]
    return finished[0] if len(finished) == 1 else None


def _row_above(cells: list[Cell], previous_line: int) -> list[Cell]:
    """The cells of the line above that end on it (last first)."""
    return [c for c in takewhile(lambda c: c.line == previous_line, reversed(cells))
            if c.last_line == previous_line]


_LABEL_END = 2
_ROW_CELLS = 2
_HAN_ONLY = regex.compile(r"\p{Han}+")  # (`5` + `质量指标` is no label's two halves)


def _unit_finished(cells: list[Cell], previous_line: int, words: list[str]) -> Cell | None:
    """`实施单位 各乡（镇）人民政府、县农业机械` / `化技术推广站`: a word alone on its line
    that ends the name of a body the line above closes with, after its unit label (the
    name does not end as a body's does, and with the word it does)."""
    if len(words) != 1 or not cells or cells[-1].last_line != previous_line or len(cells) < 2:
        return None
    value, label = cells[-1], cells[-2]
    if classify(label.text).field not in UNIT_FIELDS or ends_as_unit(value.text) \
            or not ends_as_unit(words[0]) or classify(words[0]).is_label:
        return None
    return value


def _wrapped_from(cells: list[Cell], previous_line: int, words: list[str],
                  more: bool) -> Cell | None:
    """`困境儿童基本生活和安全保障 明显提升` / `水平`: a short word alone on its line, no label
    and no value, under a row whose long cell is the only one that wraps: the end of that
    cell (the name), not a row of its own. The table's last line is left to be a row."""
    if len(words) != 1 or not more or len(words[0]) > _WRAPPED_WORD:
        return None
    tags = classify(words[0])
    if tags.is_label or tags.shape != "short":
        return None
    row = _row_above(cells, previous_line)
    longest = max(row, key=lambda c: len(c.text), default=None)
    if longest is None or len(longest.text) < _WRAPPING_CELL or len(row) < 2 or \
            any(_field_label(c.text) for c in row):
        return None  # a row of field labels: the word may begin the next label (`年度` / `预算`)
    return longest


def _name_end_alone(cells: list[Cell], previous_line: int, words: list[str], lines: list[str],
                    offset: int) -> Cell | None:
    """`城乡居民公共卫生服务差` / `距` / `逐步缩小`: a name's last character, wrapped onto a
    line of its own under the name's first line (nothing else on either), before the line
    that opens with the row's value: the end of the name, no cell of its own."""
    if len(words) != 1 or len(words[0]) != 1 or not _HAN_ONLY.fullmatch(words[0]) \
            or not cells or cells[-1].last_line != previous_line \
            or len(_row_above(cells, previous_line)) != 1:
        return None
    head, tags, head_tags = cells[-1], classify(words[0]), classify(cells[-1].text)
    if len(head.text) < _WRAPPING_CELL or tags.shape != "short" or tags.is_label \
            or head_tags.shape not in ("short", "long") or head_tags.is_label:
        return None
    following = next((_WORD.findall(join_comparator(line)) for line in islice(lines, offset + 1, None)
                      if line.strip()), None)
    if not following:
        return None
    value = classify(following[0])
    return head if value.shape in ("quant", "number") or value.value_phrase \
        or opens_worded_value(following[0]) else None


def _name_begun_above(cells: list[Cell], previous_line: int, words: list[str]) -> Cell | None:
    """`65岁及以上老年人健康` / `管理人数 ≥2.35万人 计划标准`: a PDF's text prints the first line
    of a name its cell wrapped alone, above the line that holds the rest of the row (the
    other cells, centred, stand level with its second line). The lone word opens the row
    where the next line's first word ends it as names end, and that line goes on."""
    if len(words) < _ROW_CELLS or not cells or cells[-1].last_line != previous_line \
            or len(_row_above(cells, previous_line)) != 1:
        return None
    head = cells[-1]
    tags = classify(head.text)
    if len(head.text) < _WRAPPING_CELL or tags.shape not in ("short", "long") or tags.is_label \
            or not _HAN_ONLY.search(head.text[-1]) or classify(words[0]).is_label:
        return None
    return head if completes_name(head.text, words[0]) else None


def _two_tails(cells: list[Cell], previous_line: int, words: list[str]) -> tuple[Cell, Cell] | None:
    """`城乡居民医保政策范围内住 ≥70% … 受异地就医…影响，实际报销` / `院费用基金支付比例
    水平略低于目标；…`: the line under a row holds the tails of its two wrapped cells, the
    name's (which only with it ends as names do) and the reason's (a sentence the row cut
    mid-clause goes on)."""
    if len(words) != _TWO_TAILS:
        return None
    row = _row_above(cells, previous_line)[::-1]
    names = [c for c in row[:-1] if _name_cut(c.text, words[0])]
    if len(names) != 1 or len(row) < _ROW_CELLS or not sentence_goes_on(row[-1].text, words[1]):
        return None
    return names[0], row[-1]


_TWO_TAILS = 2


def _name_cut(text: str, tail: str) -> bool:
    """A name that only with the tail ends as names do."""
    tags = classify(text)
    return tags.shape in ("short", "long") and not tags.is_label and completes_name(text, tail)


def _field_label(text: str) -> bool:
    tags = classify(text)
    return bool(tags.field or tags.money or tags.goal or tags.known_label)


_WRAPPED_WORD = 6
_WRAPPING_CELL = 8  # a cell this long wraps in a narrow column; a shorter one does not


def _join_broken_labels(words: list[str]) -> list[str]:
    joined: list[str] = []
    for word in _join_spaced_characters(words):
        if joined and _completes(joined[-1], word):
            joined[-1] += " " + word
        else:
            joined.append(word)
    return joined


def _join_spaced_characters(words: list[str]) -> list[str]:
    """`项 目 名 称`: a label an OCR engine printed one character at a time, a space after
    each, is one word (where the characters together make a label)."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        end = index
        while end < len(words) and len(words[end]) == 1 and regex.match(r"\p{Han}", words[end]):
            end += 1
        label = "".join(words[index:end])
        if end - index >= _SPACED_LABEL and classify(label).is_label \
                and not all(classify(word).column for word in words[index:end]):  # (`优 良 中 差`)
            joined.append(label)
            index = end
        else:
            joined.append(words[index])
            index += 1
    return joined


_SPACED_LABEL = 2


def _extend(target: Cell, word: str) -> None:
    extend(target, word)
    target.break_before = max(target.break_before, BREAK_NONE)


