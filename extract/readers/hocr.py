"""hOCR: an OCR engine's page as XHTML (tesseract's `hocr` output), laid back out by its boxes.

An OCR pipeline keeps its result as hOCR: pages (`ocr_page`) of lines (`ocr_line`) of words
(`ocrx_word`), each with its box in its `title` (`bbox x0 y0 x1 y1`; a line's `x_size`, its
text height). The markup's order is the engine's, which runs one printed line through
several cells of a table (`城乡低保保障人数 8600人`) and parts another into blocks; the boxes
are where the words stand. So the words are laid back out as text, as positioned.py lays out
a PDF turned into a web page: a printed line per band of lines whose middles lie within half
a text height, each word at the column its left edge gives (half the text height a column,
so CJK stays two columns), a word that starts less than `_WORD_GAP` after the one before
it joined to it, pages
parted by form feeds: the laid-out page the text families read (`pdf_layout`'s kind).
"""

from __future__ import annotations

import re
import statistics

from extract.readers.positioned import Piece, laid_out

READER = "html_hocr"
_BOX = re.compile(r"\bbbox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
_TEXT_HEIGHT = re.compile(r"\bx_size\s+(\d+(?:\.\d+)?)")
_LINES = ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat")
_MIN_WORDS = 20  # words a page of a form holds at least
_SAME_LINE = 0.5  # text heights between the middles of two lines of one printed line
# text heights between two words of one cell at most: an engine parts a cell's words (and a
# letter-spaced heading's characters) by less, two cells by more
_WORD_GAP = 0.8


def hocr_lines(root) -> list[str] | None:
    """The hOCR pages as laid-out lines of text, or None where the page is no hOCR."""
    pieces: list[Piece] = []
    heights: list[float] = []
    for number, page in enumerate(_with_class(root, ("ocr_page",))):
        for line in _with_class(page, _LINES):
            box = _BOX.search(line.get("title") or "")
            if box is None:
                continue
            x0, y0, x1, y1 = map(float, box.groups())
            stated = _TEXT_HEIGHT.search(line.get("title") or "")
            height = float(stated.group(1)) if stated else y1 - y0
            heights.append(height)
            pieces.extend(_words(line, number, (y0 + y1) / 2, height))
    return words_laid_out(pieces, heights)


def words_laid_out(pieces: list[Piece], heights: list[float]) -> list[str] | None:
    """An OCR engine's words, each at its line's middle and its own left edge, laid out as
    lines of text by the median of its lines' text heights; None where there are too few
    words for a form (tesseract's TSV and ALTO output are laid out so too: ocr_output.py)."""
    if len(pieces) < _MIN_WORDS or not heights:
        return None
    height = statistics.median(heights)
    return laid_out(pieces, height / 2, _SAME_LINE * height, _WORD_GAP)


def _words(line, page: int, middle: float, height: float) -> list[Piece]:
    """A line's words, each placed at its line's middle (a short character's own box, `一`,
    sits off its line) and its own left edge and width."""
    words = []
    for word in _with_class(line, ("ocrx_word",)):
        box = _BOX.search(word.get("title") or "")
        text = " ".join(word.text_content().split())
        if box is None or not text:
            continue
        x0, _, x1, _ = map(float, box.groups())
        words.append(Piece(page, middle, x0, text, height, max(x1 - x0, 1.0)))
    return words


def _with_class(root, names: tuple[str, ...]) -> list:
    return [element for element in root.iter() if isinstance(element.tag, str)
            and any(name in (element.get("class") or "").split() for name in names)]
