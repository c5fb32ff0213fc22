"""An OCR engine's words with their boxes (hOCR, tesseract's TSV, ALTO), laid back out as lines of text.

Every structured OCR output gives the same thing: words, each with its box, the engine line
it was read in and how sure the engine was. On a table's ruled lines an engine often reads
one printed line twice: a second, overlapping line of the same glyphs' tops or halves
(`乡 虽 标 度 指 标` over `二级指标 年度指标值`), or a stray of border debris (`，` `。` `|`)
on a word of the line below. Laid out by position, both copies land on one printed line and
interleave (`年度度指指标标值`). The table's ruled lines themselves come out as words (`|`,
`”|`) or at a word's end (`[证`): those marks are taken off (vocab.toml's `ocr_rule_marks`), so
the words' places alone part the cells. Two words of different engine lines that cover the same
spot of the page cannot both be print, so where two lines' words overlap, the line the
engine was less sure of there loses its overlapping words; its other words stay (the copy
often holds a character the better line lost). The words left are laid out by position,
each at its line's middle and its own left edge (positioned.py's `laid_out`).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from itertools import groupby

from extract.readers.positioned import Piece, laid_out
from extract.vocab import vocabulary

_MIN_WORDS = 20  # words a page of a form holds at least
_SAME_LINE = 0.5  # text heights between the middles of two lines of one printed line
# text heights between two words of one cell at most: an engine parts a cell's words (and a
# letter-spaced heading's characters) by less, two cells by more
_WORD_GAP = 0.8
# two words cover the same spot where their boxes overlap by this share of the smaller one's
# height and of its width (neighbouring print touches at most at an edge)
_SAME_SPOT_HEIGHT = 0.5
_SAME_SPOT_WIDTH = 0.3


@dataclass(frozen=True)
class OcrWord:
    """A word as the engine read it: the piece it lays out as (its line's middle, its own
    left edge and width), its own box's top and bottom, the engine line it was read in
    (numbered across the document) and the engine's confidence in it (0 to 1; 0 unstated)."""

    piece: Piece
    line: int
    top: float
    bottom: float
    confidence: float = 0.0


def words_laid_out(words: list[OcrWord], heights: list[float], read_by_engine: bool = True
                   ) -> list[str] | None:
    """The words as lines of text, laid out by the median of their lines' text heights, after
    the ruled lines an OCR engine read (`read_by_engine`; a PDF's text layer has none) and the
    copies of overlapping lines are taken out; None where there are too few words for a form."""
    if len(words) < _MIN_WORDS or not heights:
        return None
    height = statistics.median(heights)
    pieces = [word.piece for word in without_copies(without_rules(words) if read_by_engine else words)]
    return laid_out(pieces, height / 2, _SAME_LINE * height, _WORD_GAP)


def named(root, local: str) -> list:
    """Elements of that local name under `root`, in any namespace (ALTO's versions) or none
    (poppler's and MuPDF's XML, an HTML parser's tree)."""
    return [element for element in root.iter() if isinstance(element.tag, str)
            and element.tag.rsplit("}", 1)[-1] == local]


def confidence(stated: str | None, scale: float) -> float:
    """An engine's confidence in a word as 0 to 1 (tesseract's TSV and hOCR state it out of
    100, ALTO's `WC` out of 1); 0 where it is missing or not a number (tesseract's -1)."""
    try:
        return min(max(float(stated or 0) / scale, 0.0), 1.0)
    except ValueError:
        return 0.0


def without_rules(words: list[OcrWord]) -> list[OcrWord]:
    """The words with the ruled lines read into them taken off: a word of rule marks (and the
    quotes an engine reads beside them) alone goes, marks at a word's ends come off, and the
    word after a rule in its line opens a cell (the rule parted it from the word before)."""
    marks, quotes = _rule_marks()
    kept = []
    for _, line in groupby(sorted(words, key=lambda word: (word.line, word.piece.left)),
                           key=lambda word: word.line):
        after_rule = False
        for word in line:
            text = word.piece.text.strip(marks)
            if text != word.piece.text and not text.strip(quotes):
                after_rule = True
                continue
            opens = after_rule or word.piece.text[0] in marks
            after_rule = word.piece.text[-1] in marks
            kept.append(word if text == word.piece.text and not opens
                        else replace(word, piece=replace(word.piece, text=text, opens=opens)))
    return kept


@cache
def _rule_marks() -> tuple[str, str]:
    debris = vocabulary().debris
    return debris.ocr_rule_marks, debris.ocr_rule_quotes


def without_copies(words: list[OcrWord]) -> list[OcrWord]:
    """The words less those an overlapping engine line read with less confidence: of each two
    lines with words covering the same spots, the one whose words there the engine was less
    sure of (on average) loses them."""
    overlaps: dict[tuple[int, int], list[tuple[OcrWord, OcrWord]]] = defaultdict(list)
    for first, second in _same_spot_pairs(words):
        lines = (first, second) if first.line < second.line else (second, first)
        overlaps[(lines[0].line, lines[1].line)].append(lines)
    dropped: set[int] = set()
    for pairs in overlaps.values():
        upper = statistics.fmean(pair[0].confidence for pair in pairs)
        lower = statistics.fmean(pair[1].confidence for pair in pairs)
        loser = 0 if upper < lower else 1
        dropped.update(id(pair[loser]) for pair in pairs)
    return [word for word in words if id(word) not in dropped]


def _same_spot_pairs(words: list[OcrWord]) -> list[tuple[OcrWord, OcrWord]]:
    """Pairs of words of different lines on one page whose boxes cover the same spot; a sweep
    down the page compares a word only with the words that start above its bottom."""
    ordered = sorted(words, key=lambda word: (word.piece.page, word.top))
    pairs = []
    for index, word in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other.piece.page != word.piece.page or other.top >= word.bottom:
                break
            if other.line != word.line and _same_spot(word, other):
                pairs.append((word, other))
    return pairs


def _same_spot(first: OcrWord, second: OcrWord) -> bool:
    tall = min(first.bottom - first.top, second.bottom - second.top)
    wide = min(first.piece.width, second.piece.width)
    down = min(first.bottom, second.bottom) - max(first.top, second.top)
    across = min(first.piece.right, second.piece.right) - max(first.piece.left, second.piece.left)
    return tall > 0 and wide > 0 and down >= _SAME_SPOT_HEIGHT * tall and across >= _SAME_SPOT_WIDTH * wide
