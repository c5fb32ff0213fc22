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

from extract.readers.space_runs import display_width

READER = "html_positioned"
_POSITIONED = re.compile(r"position\s*:\s*absolute", re.I)
_TOP = re.compile(r"(?:^|;)\s*top\s*:\s*(-?\d+(?:\.\d+)?)px", re.I)
_LEFT = re.compile(r"(?:^|;)\s*left\s*:\s*(-?\d+(?:\.\d+)?)px", re.I)
_FONT = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)px", re.I)
_PAGE = re.compile(r"position\s*:\s*relative", re.I)
_MIN_PIECES = 20  # positioned pieces a page of a form has at least
_TEXT_SHARE = 0.6  # of the page's text, in positioned pieces
_SAME_LINE = 3.0  # px between the tops of pieces of one line
_GAP_LINES = 1.8  # a gap this many font sizes tall leaves a blank line
_PIECE_GAP = 2  # spaces at least between two pieces of a line: two cells


def positioned_lines(root) -> list[str] | None:
    """The page as lines of text, where positioned pieces hold most of its text; else None."""
    pieces = _pieces(root)
    if len(pieces) < _MIN_PIECES:
        return None
    body = root.find("body")
    total = len("".join((body if body is not None else root).itertext()).split())
    held = sum(len(text.split()) for *_, text in pieces)
    if not total or held < _TEXT_SHARE * total:
        return None
    unit = _font_size(root) / 2
    return _laid_out(pieces, unit)


def _pieces(root) -> list[tuple[int, float, float, str]]:
    """(page, top, left, text) of every absolutely positioned element with text; the page
    is the positioned container it stands in, counted in order."""
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
        pieces.append((page, float(top.group(1)), float(left.group(1)), text))
    return pieces


def _font_size(root) -> float:
    """The page's commonest font size in px (its body text), from its styles."""
    sizes = Counter(float(size) for style in root.iter("style")
                    for size in _FONT.findall(style.text or ""))
    return sizes.most_common(1)[0][0] if sizes else 16.0


def _laid_out(pieces: list[tuple[int, float, float, str]], unit: float) -> list[str]:
    lines: list[str] = []
    last: tuple[int, float] | None = None
    for page, top, row in _rows(pieces):
        if last is not None and page == last[0] and top - last[1] > _GAP_LINES * 2 * unit:
            lines.append("")
        text = ""
        for left, piece in row:
            column = round(left / unit)
            width = display_width(text)
            text += " " * max(column - width, _PIECE_GAP if text else 0) + piece
        lines.append(("\f" if last is not None and page != last[0] else "") + text)
        last = (page, top)
    return lines


def _rows(pieces: list[tuple[int, float, float, str]]) -> list[tuple[int, float, list[tuple[float, str]]]]:
    """The pieces by printed line: (page, top, [(left, text)] left to right)."""
    rows: list[tuple[int, float, list[tuple[float, str]]]] = []
    for page, top, left, text in sorted(pieces):
        if rows and rows[-1][0] == page and top - rows[-1][1] <= _SAME_LINE:
            rows[-1][2].append((left, text))
        else:
            rows.append((page, top, [(left, text)]))
    return [(page, top, sorted(row)) for page, top, row in rows]
