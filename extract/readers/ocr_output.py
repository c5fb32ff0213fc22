"""An OCR engine's structured output kept as text: tesseract's TSV and ALTO XML, laid back out by their boxes.

Archive pipelines keep an OCR run as data rather than as plain text: tesseract's `tsv`
output (one row per page, block, paragraph, line and word, with `left top width height conf
text`) or ALTO XML (libraries' and archives' standard: `<TextLine>`s of `<String
CONTENT HPOS VPOS WIDTH HEIGHT>`). Their order is the engine's, which runs one printed line
through several cells of a table and parts another into blocks; the boxes are where the
words stand. So the words are laid back out as text by where they stand, the way hOCR's
are (hocr.py): each word at its line's middle and its own left edge, a printed line per band
of lines, and the laid-out page is read by the text families. Lines then count in the
laid-out page, not in the file.
"""

from __future__ import annotations

import re

from extract.reader import UnreadableFile
from extract.readers.hocr import words_laid_out
from extract.readers.office_xml import parse
from extract.readers.positioned import Piece

TSV_READER = "tesseract_tsv"
ALTO_READER = "alto_ocr"

_TSV_HEADER = ["level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top",
               "width", "height", "conf", "text"]
_LINE_LEVEL, _WORD_LEVEL = "4", "5"
_ALTO_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:\w+:)?alto\b", re.S)
_ALTO_HEAD = 2048  # characters of a file its root must stand within


def laid_out_lines(lines: list[str]) -> tuple[list[str], str] | None:
    """(the page laid out as lines of text, the reader's name) where the text is tesseract's
    TSV or ALTO XML with enough words for a form; None otherwise."""
    if lines and lines[0].strip().split("\t") == _TSV_HEADER:
        laid_out = _tsv_lines(lines[1:])
        return (laid_out, TSV_READER) if laid_out is not None else None
    if lines and _ALTO_ROOT.match("\n".join(lines[:40])[:_ALTO_HEAD]):
        laid_out = _alto_lines("\n".join(lines))
        return (laid_out, ALTO_READER) if laid_out is not None else None
    return None


def _tsv_lines(rows: list[str]) -> list[str] | None:
    """The TSV's words placed on their lines (a level-4 row gives a line's box, the level-5
    rows after it its words)."""
    pieces: list[Piece] = []
    heights: list[float] = []
    middle = height = 0.0
    for row in rows:
        fields = row.rstrip("\r\n").split("\t", 11)
        if len(fields) < len(_TSV_HEADER) - 1 or not all(f.lstrip("-").isdigit() for f in fields[:10]):
            continue
        level, page = fields[0], int(fields[1])
        left, top, width, tall = (float(value) for value in fields[6:10])
        if level == _LINE_LEVEL:
            middle, height = top + tall / 2, tall
            heights.append(tall)
        elif level == _WORD_LEVEL and len(fields) == len(_TSV_HEADER) and fields[11].strip():
            pieces.append(Piece(page, middle or top + tall / 2, left, fields[11].strip(),
                                height or tall, max(width, 1.0)))
    return words_laid_out(pieces, heights)


def _alto_lines(text: str) -> list[str] | None:
    """ALTO's `String`s placed on their `TextLine`s, page by page."""
    try:
        root = parse(text.encode("utf-8"), "ALTO", "ALTO XML")
    except UnreadableFile:
        return None
    pieces: list[Piece] = []
    heights: list[float] = []
    for number, page in enumerate(_named(root, "Page")):
        for line in _named(page, "TextLine"):
            top, tall = _number(line, "VPOS"), _number(line, "HEIGHT")
            heights.append(tall)
            for word in _named(line, "String"):
                content = (word.get("CONTENT") or "").strip()
                if content:
                    pieces.append(Piece(number, top + tall / 2, _number(word, "HPOS"), content, tall,
                                        max(_number(word, "WIDTH"), 1.0)))
    return words_laid_out(pieces, heights)


def _named(root, local: str) -> list:
    """Elements of that local name under `root`, in any ALTO version's namespace."""
    return [element for element in root.iter() if isinstance(element.tag, str)
            and element.tag.rsplit("}", 1)[-1] == local]


def _number(element, name: str) -> float:
    try:
        return float(element.get(name) or 0)
    except ValueError:
        return 0.0
