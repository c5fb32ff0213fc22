"""hOCR: an OCR engine's page as XHTML (tesseract's `hocr` output), laid back out by its boxes.

An OCR pipeline keeps its result as hOCR: pages (`ocr_page`) of lines (`ocr_line`) of words
(`ocrx_word`), each with its box in its `title` (`bbox x0 y0 x1 y1`; a line's `x_size`, its
text height). The markup's order is the engine's, which runs one printed line through
several cells of a table (`城乡低保保障人数 8600人`) and parts another into blocks; the boxes
are where the words stand. So the words are laid back out as text, as positioned.py lays out
a PDF turned into a web page: a printed line per band of lines whose middles lie within half
a text height, each word at the column its left edge gives (half the text height a column,
so CJK stays two columns), a word that starts close after the one before it joined to it,
pages parted by form feeds (ocr_words.py, shared with tesseract's TSV and ALTO): the laid-out
page the text families read (`pdf_layout`'s kind).
"""

from __future__ import annotations

import re

from extract.readers.ocr_words import OcrWord, confidence, named, words_laid_out
from extract.readers.positioned import Piece

READER = "html_hocr"
BBOX_READER = "pdftotext_bbox"
_BOX = re.compile(r"\bbbox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
_TEXT_HEIGHT = re.compile(r"\bx_size\s+(\d+(?:\.\d+)?)")
_CONFIDENCE = re.compile(r"\bx_wconf\s+(\d+(?:\.\d+)?)")
_LINES = ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat")


def hocr_lines(root) -> list[str] | None:
    """The hOCR pages as laid-out lines of text, or None where the page is no hOCR."""
    words: list[OcrWord] = []
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
            words.extend(_words(line, len(heights), number, (y0 + y1) / 2, height))
    return words_laid_out(words, heights)


def bbox_lines(root) -> list[str] | None:
    """poppler's `pdftotext -bbox` / `-bbox-layout` page (a PDF's text layer as XHTML: `<page>`s
    of `<word xMin yMin xMax yMax>`, inside `<line>`s with `-bbox-layout`) as laid-out lines of
    text, or None where the page is none. A word outside a line is a line of its own."""
    words: list[OcrWord] = []
    heights: list[float] = []
    for number, page in enumerate(named(root, "page")):
        lines = [named(line, "word") for line in named(page, "line")] \
            or [[word] for word in named(page, "word")]
        for line in lines:
            boxes = [(word, box) for word, box in ((word, _edges(word)) for word in line)
                     if box is not None and word.text_content().strip()]
            if not boxes:
                continue
            top, bottom = min(box[1] for _, box in boxes), max(box[3] for _, box in boxes)
            heights.append(bottom - top)
            for word, (x0, y0, x1, y1) in boxes:
                piece = Piece(number, (top + bottom) / 2, x0, word.text_content().strip(), bottom - top,
                              max(x1 - x0, 1.0))
                words.append(OcrWord(piece, len(heights), y0, y1))
    return words_laid_out(words, heights, read_by_engine=False)


_EDGES = ("xMin", "yMin", "xMax", "yMax")


def _edges(word) -> tuple[float, float, float, float] | None:
    """A word's box (an HTML parser lower-cases poppler's `xMin`)."""
    try:
        return tuple(float(word.get(name) or word.get(name.lower())) for name in _EDGES)
    except (TypeError, ValueError):
        return None


def _words(line, number: int, page: int, middle: float, height: float) -> list[OcrWord]:
    """A line's words, each placed at its line's middle (a short character's own box, `一`,
    sits off its line) and its own left edge and width."""
    words = []
    for word in _with_class(line, ("ocrx_word",)):
        title = word.get("title") or ""
        box = _BOX.search(title)
        text = " ".join(word.text_content().split())
        if box is None or not text:
            continue
        x0, y0, x1, y1 = map(float, box.groups())
        stated = _CONFIDENCE.search(title)
        words.append(OcrWord(Piece(page, middle, x0, text, height, max(x1 - x0, 1.0)), number, y0, y1,
                             confidence(stated.group(1) if stated else None, 100)))
    return words


def _with_class(root, names: tuple[str, ...]) -> list:
    return [element for element in root.iter() if isinstance(element.tag, str)
            and any(name in (element.get("class") or "").split() for name in names)]
