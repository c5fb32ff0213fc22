"""Words with their boxes kept as text: tesseract's and poppler's TSV, ALTO XML, MuPDF's structured text.

Archive and extraction pipelines keep a page as data rather than as plain text: tesseract's
`tsv` output (one row per page, block, paragraph, line and word, with `left top width height
conf text`), poppler's `pdftotext -tsv` of a PDF's text layer (the same columns, its own
order), ALTO XML (libraries' and archives' standard: `<TextLine>`s of `<String CONTENT HPOS
VPOS WIDTH HEIGHT>`) or MuPDF's structured text (`mutool draw -F stext`: `<line bbox>`s of
`<char quad c>`s). Their order is the engine's, which runs one printed line through several
cells of a table and parts another into blocks (a PDF's merged cells come last); the boxes
are where the words stand. So the words are laid back out as text by where they stand, the
way hOCR's are (ocr_words.py): each word at its line's middle and its own left edge, a
printed line per band of lines, and the laid-out page is read by the text families. Lines
then count in the laid-out page, not in the file. A PDF's text layer holds what was typed:
only an OCR engine's words have ruled lines read into them.
"""

from __future__ import annotations

import re

from extract.reader import UnreadableFile
from extract.readers.ocr_words import OcrWord, confidence, named, words_laid_out
from extract.readers.office_xml import parse
from extract.readers.positioned import Piece

TSV_READER = "tesseract_tsv"
PDF_TSV_READER = "pdftotext_tsv"
ALTO_READER = "alto_ocr"
STEXT_READER = "mupdf_stext"

_TSV_COLUMNS = ("level", "page_num", "left", "top", "width", "height", "conf", "text")
_TSV_NUMBERS = ("level", "page_num", "left", "top", "width", "height")
_PDF_TSV_PAGE = "###PAGE###"  # poppler's mark in the text of a page's row
_LINE_LEVEL, _WORD_LEVEL = "4", "5"
_ALTO_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:\w+:)?alto\b", re.S)
_STEXT_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?<document\b[^>]*>\s*<page\b", re.S)
_XML_HEAD = 2048  # characters of a file its root must stand within


def laid_out_lines(lines: list[str]) -> tuple[list[str], str] | None:
    """(the page laid out as lines of text, the reader's name) where the text is a TSV of word
    boxes, ALTO XML or MuPDF's structured text with enough words for a form; None otherwise."""
    if not lines:
        return None
    columns = lines[0].strip().split("\t")
    if set(_TSV_COLUMNS) <= set(columns):
        poppler = any(_PDF_TSV_PAGE in line for line in lines[1:3])
        laid_out = _tsv_lines(lines[1:], {name: columns.index(name) for name in _TSV_COLUMNS}, not poppler)
        return (laid_out, PDF_TSV_READER if poppler else TSV_READER) if laid_out is not None else None
    head = "\n".join(lines[:40])[:_XML_HEAD]
    for root, read, reader in _XML_KINDS:
        if root.match(head):
            laid_out = read("\n".join(lines))
            return (laid_out, reader) if laid_out is not None else None
    return None


def _tsv_lines(rows: list[str], at: dict[str, int], read_by_engine: bool) -> list[str] | None:
    """The TSV's words placed on their lines (a level-4 row gives a line's box, the level-5
    rows after it its words), its columns found by their names."""
    words: list[OcrWord] = []
    heights: list[float] = []
    middle = height = 0.0
    for row in rows:
        fields = row.rstrip("\r\n").split("\t", len(at) + 4)
        if len(fields) <= at["text"] or not all(_is_number(fields[at[name]]) for name in _TSV_NUMBERS):
            continue
        level, page = fields[at["level"]], int(float(fields[at["page_num"]]))
        left, top, width, tall = (float(fields[at[name]]) for name in ("left", "top", "width", "height"))
        text = fields[at["text"]].strip()
        if level == _LINE_LEVEL:
            middle, height = top + tall / 2, tall
            heights.append(tall)
        elif level == _WORD_LEVEL and text:
            piece = Piece(page, middle or top + tall / 2, left, text, height or tall, max(width, 1.0))
            words.append(OcrWord(piece, len(heights), top, top + tall, confidence(fields[at["conf"]], 100)))
    return words_laid_out(words, heights, read_by_engine)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _alto_lines(text: str) -> list[str] | None:
    """ALTO's `String`s placed on their `TextLine`s, page by page."""
    try:
        root = parse(text.encode("utf-8"), "ALTO", "ALTO XML")
    except UnreadableFile:
        return None
    words: list[OcrWord] = []
    heights: list[float] = []
    for number, page in enumerate(named(root, "Page")):
        for line in named(page, "TextLine"):
            top, tall = _number(line, "VPOS"), _number(line, "HEIGHT")
            heights.append(tall)
            for word in named(line, "String"):
                content = (word.get("CONTENT") or "").strip()
                if content:
                    piece = Piece(number, top + tall / 2, _number(word, "HPOS"), content, tall,
                                  max(_number(word, "WIDTH"), 1.0))
                    word_top = _number(word, "VPOS")
                    words.append(OcrWord(piece, len(heights), word_top, word_top + _number(word, "HEIGHT"),
                                         confidence(word.get("WC"), 1)))
    return words_laid_out(words, heights)


def _stext_lines(text: str) -> list[str] | None:
    """MuPDF's characters made into words (a run of characters with no space between them in
    a `<line>`), each placed on its line."""
    try:
        root = parse(text.encode("utf-8"), "MuPDF structured text", "MuPDF structured text XML")
    except UnreadableFile:
        return None
    words: list[OcrWord] = []
    heights: list[float] = []
    for number, page in enumerate(named(root, "page")):
        for line in named(page, "line"):
            box = _corners(line.get("bbox"))
            if box is None:
                continue
            heights.append(box[3] - box[1])
            for run in _runs(named(line, "char")):
                left, right = min(c[0] for c, _ in run), max(c[2] for c, _ in run)
                piece = Piece(number, (box[1] + box[3]) / 2, left, "".join(t for _, t in run),
                              box[3] - box[1], max(right - left, 1.0))
                words.append(OcrWord(piece, len(heights), min(c[1] for c, _ in run),
                                     max(c[3] for c, _ in run)))
    return words_laid_out(words, heights, read_by_engine=False)


def _runs(chars: list) -> list[list[tuple[tuple[float, float, float, float], str]]]:
    """A line's characters as runs of those that are no space, each with its box."""
    runs: list[list[tuple[tuple[float, float, float, float], str]]] = [[]]
    for char in chars:
        text, box = char.get("c") or "", _corners(char.get("quad") or char.get("bbox"))
        if not text.strip() or box is None:
            runs.append([])
        else:
            runs[-1].append((box, text))
    return [run for run in runs if run]


def _corners(stated: str | None) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of a box MuPDF states as `x0 y0 x1 y1` or as a quad's four
    corners."""
    try:
        numbers = [float(value) for value in (stated or "").split()]
    except ValueError:
        return None
    if len(numbers) not in (4, 8):
        return None
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _number(element, name: str) -> float:
    try:
        return float(element.get(name) or 0)
    except ValueError:
        return 0.0


_XML_KINDS = ((_ALTO_ROOT, _alto_lines, ALTO_READER), (_STEXT_ROOT, _stext_lines, STEXT_READER))
