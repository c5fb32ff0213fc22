"""Small builders the text readers share: a cell from printed text, prose from lines."""

from __future__ import annotations

import sys

import regex

from extract.classify import classify
from extract.grid import BREAK_HINT, BREAK_NONE, Block, Cell, ProseBlock
from extract.normalise import clean_text


def cell(row: int, col: int, raw: str, line: int, break_before: int = BREAK_NONE,
         indent: int = 0) -> Cell:
    """A cell of printed text; where cleaning changed nothing, text and raw are one string
    (and a short one is shared with every cell that prints the same: labels repeat in every
    form, so a large archive's cells hold one copy of each)."""
    text = clean_text(raw)
    if text == raw:
        raw = text
    elif len(raw) <= _SHARED_LENGTH:
        raw = sys.intern(raw)
    return Cell(row=row, col=col, text=text, raw=raw, line=line, break_before=break_before,
                indent=indent)


_SHARED_LENGTH = 40


def extend(target: Cell, text: str) -> None:
    """A cell's text that a line break carried onto the next printed line."""
    target.raw += "\n" + text
    target.text = clean_text(target.raw)
    target.last_line = target.line + target.raw.count("\n")


def prose_lines(lines: list[str], first_line: int) -> list[Block]:
    """Every non-blank line as a prose block."""
    return [ProseBlock(text=clean_text(line), raw=line, line=first_line + offset)
            for offset, line in enumerate(lines) if line.strip()]


def number_stream(cells: list[Cell]) -> None:
    """Give stream cells their printed row (a new one at each likely break) and position."""
    row, col = 0, 0
    for index, item in enumerate(cells):
        if index and item.break_before >= BREAK_HINT:
            row, col = row + 1, 0
        item.row, item.col = row, col
        col += 1


def sentence_goes_on(last_cell: str, line: str) -> bool:
    """`…开工滞后；下一` / `步加强与乡镇沟通协调，确保…完工。`: a row that closes with a
    sentence cut mid-clause (a 偏差原因 wrapped in its narrow column), and a line that
    carries the sentence on to its end."""
    return len(last_cell) >= _SENTENCE_HEAD and bool(CLAUSE_MARK.search(last_cell)) \
        and not SENTENCE_END.search(last_cell) and len(line) <= _SENTENCE_TAIL \
        and bool(CLAUSE_MARK.search(line)) and not classify(line).is_label


CLAUSE_MARK = regex.compile(r"[，。；,;]")  # what parts a sentence's clauses
SENTENCE_END = regex.compile(r"[。.！!]$")
_SENTENCE_TAIL = 80
_SENTENCE_HEAD = 10
