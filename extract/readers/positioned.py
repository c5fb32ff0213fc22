"""HTML whose text stands in absolutely positioned pieces: a PDF turned into a web page
(`pdftohtml`, a site's "view as HTML"), every printed line a `<p>` at a `top` and a `left`.

The markup holds no table; the positions are the table. The pieces are laid back out as
lines of text, one per `top`, each piece at the column its `left` gives (a column half
the page's commonest font size wide, so CJK stays two columns), pages parted by form
feeds, and a blank line where the page leaves a gap taller than a line: the laid-out
page that `pdftotext -layout` would print, read by the text families.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extract.readers.space_runs import display_width

READER = "html_positioned"
_POSITIONED = re.compile(r"position\s*:\s*absolute", re.I)
_TOP = re.compile(r"(?:^|;)\s*top\s*:\s*(-?\d+(?:\.\d+)?)px", re.I)
_LEFT = re.compile(r"(?:^|;)\s*left\s*:\s*(-?\d+(?:\.\d+)?)px", re.I)
_FONT = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)px", re.I)
_CLASS_SIZE = re.compile(r"\.([\w-]+)\s*\{[^}]*?font-size\s*:\s*(\d+(?:\.\d+)?)px", re.I)
_PAGE = re.compile(r"position\s*:\s*relative", re.I)
_MIN_PIECES = 20  # positioned pieces a page of a form has at least
_TEXT_SHARE = 0.6  # of the page's text, in positioned pieces
_SAME_LINE = 3.0  # px between the tops of pieces of one line
_GAP_LINES = 1.8  # a gap this many font sizes tall leaves a blank line
_PIECE_GAP = 2  # spaces at least between two pieces of a line: two cells
_NARROW = 0.6  # a Latin letter's or a digit's width, in font sizes (about)
# a piece starting less than this many font sizes after the last one ends continues its cell.
# After a CJK character, whose width is exact, a converter's cuts at a font change measured
# -0.3 to 0.15 and the narrowest padding between two cells 0.7; after a digit or a sign,
# whose width is a guess, the cuts measured up to 0.55 and the padding 0.9 and more.
_ABUTTING_WIDE = 0.4
_ABUTTING_NARROW = 0.65


def positioned_lines(root) -> list[str] | None:
    """The page as lines of text, where positioned pieces hold most of its text; else None."""
    sizes = _class_sizes(root)
    common = _font_size(root)
    pieces = _pieces(root, sizes, common)
    if len(pieces) < _MIN_PIECES:
        return None
    body = root.find("body")
    total = len("".join((body if body is not None else root).itertext()).split())
    held = sum(len(piece.text.split()) for piece in pieces)
    if not total or held < _TEXT_SHARE * total:
        return None
    return laid_out(pieces, common / 2)


@dataclass(frozen=True, order=True)
class Piece:
    """One positioned element's text, where it stands, and its font size in px (and its
    width, where the source gives it: an OCR engine's box)."""

    page: int
    top: float
    left: float
    text: str
    size: float
    width: float = 0.0
    # a ruled line stands right before it (an OCR engine read the rule): it opens a cell, and
    # no piece before it, however close, is the same cell
    opens: bool = False

    @property
    def right(self) -> float:
        """Where its text ends: its box's edge, or as far as the font size tells (a CJK
        character is one size wide, any other about `_NARROW` of one)."""
        if self.width:
            return self.left + self.width
        return self.left + sum(self.size if display_width(char) == 2 else self.size * _NARROW
                               for char in self.text)


def _pieces(root, sizes: dict[str, float], common: float) -> list[Piece]:
    """Every absolutely positioned element with text; the page is the positioned container
    it stands in, counted in order."""
    pages: dict[str, int] = {}
    pieces = []
    tree = root.getroottree()
    for element in root.iter():
        style = element.get("style") or ""
        if not isinstance(element.tag, str) or not _POSITIONED.search(style):
            continue
        top, left = _TOP.search(style), _LEFT.search(style)
        text = " ".join(element.text_content().replace("\xa0", " ").split())
        if top is None or left is None or not text:
            continue
        container = next((tree.getpath(parent) for parent in element.iterancestors()
                          if _PAGE.search(parent.get("style") or "")), "")
        page = pages.setdefault(container, len(pages))
        own = _FONT.search(style)
        size = float(own.group(1)) if own else sizes.get(element.get("class") or "", common)
        pieces.append(Piece(page, float(top.group(1)), float(left.group(1)), text, size))
    return pieces


def _class_sizes(root) -> dict[str, float]:
    """The font size each style class sets (`.ft18{font-size:15px;…}`)."""
    return {name: float(size) for style in root.iter("style")
            for name, size in _CLASS_SIZE.findall(style.text or "")}


def _font_size(root) -> float:
    """The page's commonest font size in px (its body text), from its styles."""
    sizes = Counter(float(size) for style in root.iter("style")
                    for size in _FONT.findall(style.text or ""))
    return sizes.most_common(1)[0][0] if sizes else 16.0


def laid_out(pieces: list[Piece], unit: float, same_line: float = _SAME_LINE,
             joined: float | None = None) -> list[str]:
    """The pieces as lines of text, `unit` px a column; pieces whose tops lie within
    `same_line` px of a line's first stand on that line; a piece less than `joined` font
    sizes after the one before it continues its cell (by default, as a converter cuts a
    cell where the font changes: `_abutting`)."""
    lines: list[str] = []
    last: tuple[int, float] | None = None
    for page, top, row in _rows(pieces, same_line):
        if last is not None and page == last[0] and top - last[1] > _GAP_LINES * 2 * unit:
            lines.append("")
        lines.append(("\f" if last is not None and page != last[0] else "") + _line(row, unit, joined))
        last = (page, top)
    return lines


def _line(row: list[Piece], unit: float, joined: float | None) -> str:
    """A printed line's pieces at their columns; a piece that starts where the one before it
    ends is the same cell, which the converter cut where the font changed (`≥1200` | `亩`,
    `2025` | `年`), and joins it."""
    text = ""
    for index, piece in enumerate(row):
        before = row[index - 1] if index else None
        if before is not None and not piece.opens and piece.left - before.right < \
                (_abutting(before) if joined is None else joined) * before.size:
            text += piece.text
            continue
        column = round(piece.left / unit)
        width = display_width(text)
        text += " " * max(column - width, _PIECE_GAP if text else 0) + piece.text
    return text


def _abutting(piece: Piece) -> float:
    return _ABUTTING_WIDE if display_width(piece.text[-1]) == 2 else _ABUTTING_NARROW


def _rows(pieces: list[Piece], same_line: float) -> list[tuple[int, float, list[Piece]]]:
    """The pieces by printed line: (page, top, pieces left to right)."""
    rows: list[tuple[int, float, list[Piece]]] = []
    for piece in sorted(pieces):
        if rows and rows[-1][0] == piece.page and piece.top - rows[-1][1] <= same_line:
            rows[-1][2].append(piece)
        else:
            rows.append((piece.page, piece.top, [piece]))
    return [(page, top, sorted(row, key=lambda piece: piece.left)) for page, top, row in rows]
