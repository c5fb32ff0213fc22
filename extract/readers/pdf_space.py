"""Where a PDF page's text and lines stand when the page is read upright.

A PDF draws in page space (points, y up), and two things part that space from
the page as read:

- The page may be stored turned. Print drivers and scanners' PDF writers store a
  landscape page as a portrait one turned a quarter, with /Rotate set so that it
  shows upright; a landscape sheet printed onto a portrait page shows sideways.
  Either way the characters run up or down page space, not across it. The page's
  turn is read from its characters' angles (what most of them say), never from
  /Rotate alone, which says how the page shows, not how its text runs.
- Content may sit inside form XObjects (a page imported or turned by a PDF tool),
  whose objects PDFium reports in the form's own space; the forms' matrices take
  them to page space.

`Frame` maps page space to the upright page (points, y down, origin at the
page's top-left corner as read), so the lattice and the text layout downstream
never see a turned page.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium

from extract.readers.lattice import Item, Segment

Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f as PDF writes them
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
QUARTERS = (0, 90, 180, 270)
Shown = tuple[float, float, float, float, str, float]  # a character: page-space box, text, angle
ANGLE_TOL = 10.0  # degrees: a character within this of a quarter turn is turned by it


@dataclass(frozen=True)
class Frame:
    """Page space → the page read upright. `turn` is the angle PDFium gives the page's
    text (clockwise degrees: 270 where the text runs up the page, 90 down it)."""

    turn: int
    left: float
    bottom: float
    right: float
    top: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.turn == 0:
            return x - self.left, self.top - y
        if self.turn == 270:
            return y - self.bottom, x - self.left
        if self.turn == 90:
            return self.top - y, self.right - x
        return self.right - x, y - self.bottom

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A page-space box as (x0, y0, x1, y1) on the upright page."""
        x0, y0 = self.point(left, bottom)
        x1, y1 = self.point(right, top)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def items(self, shown: list[Shown]) -> list[Item]:
        """Characters as items on the upright page (an unturned page, nearly every one, the
        quick way)."""
        if self.turn == 0:
            left, top = self.left, self.top
            return [Item(x0 - left, top - y1, x1 - left, top - y0, char) for x0, y0, x1, y1, char, _ in shown]
        return [Item(*self.box(x0, y0, x1, y1), char) for x0, y0, x1, y1, char, _ in shown]

    def segment(self, x0: float, y0: float, x1: float, y1: float) -> Segment:
        """A straight page-space line, horizontal or vertical as it stands upright."""
        (a, b), (c, d) = self.point(x0, y0), self.point(x1, y1)
        if abs(b - d) <= abs(a - c):
            return Segment(True, (b + d) / 2, min(a, c), max(a, c))
        return Segment(False, (a + c) / 2, min(b, d), max(b, d))

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the upright page."""
        width, height = self.right - self.left, self.top - self.bottom
        return (height, width) if self.turn in (90, 270) else (width, height)

    @property
    def render_rotation(self) -> int:
        """The clockwise turn that brings page space upright (what a renderer is asked for,
        on top of the page's /Rotate)."""
        return (360 - self.turn) % 360


def page_frame(page: pdfium.PdfPage, angles: list[float]) -> Frame:
    """The page's frame, its turn the quarter most of its characters' angles (radians,
    as PDFium gives them; negative where unknown) are near."""
    left, bottom, right, top = page.get_bbox()
    quarters = Counter(quarter for angle in angles if angle >= 0
                       for quarter in [_quarter(math.degrees(angle))] if quarter is not None)
    turn = quarters.most_common(1)[0][0] if quarters else 0
    return Frame(turn=turn, left=left, bottom=bottom, right=right, top=top)


def _quarter(degrees: float) -> int | None:
    for quarter in (*QUARTERS, 360):
        if abs(degrees - quarter) <= ANGLE_TOL:
            return quarter % 360
    return None


def objects_in_page_space(page: pdfium.PdfPage, kinds: list[int], max_depth: int,
                          limit: int) -> Iterator[tuple[pdfium.PdfObject, Matrix]]:
    """The page's objects of `kinds` (inside forms too, up to `max_depth`), each with the
    matrix that takes its coordinates (bounds, path points) to page space."""
    placed: dict[int, Matrix] = {}
    for count, obj in enumerate(page.get_objects(filter=kinds, max_depth=max_depth)):
        if count >= limit:
            return
        yield obj, _container_matrix(obj.container, placed)


def text_object_matrices(page: pdfium.PdfPage, max_depth: int, limit: int) -> dict[int, Matrix]:
    """Text objects inside forms (by address) with the matrix to page space; empty where
    the page draws on itself, as most do."""
    return {address(obj.raw): placed for obj, placed in
            objects_in_page_space(page, [pdfium.raw.FPDF_PAGEOBJ_TEXT], max_depth, limit)
            if obj.container is not None}


def _container_matrix(container: pdfium.PdfObject | None, placed: dict[int, Matrix]) -> Matrix:
    """The matrix from a form's inside to page space: its own, then its container's."""
    if container is None:
        return IDENTITY
    key = address(container.raw)
    if key not in placed:
        placed[key] = compose(tuple(container.get_matrix().get()),
                              _container_matrix(container.container, placed))
    return placed[key]


def address(raw) -> int:
    """A PDFium object's address, the same for every handle on it (a dictionary key)."""
    return ctypes.cast(raw, ctypes.c_void_p).value or 0


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """`inner`, then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def box_in_page_space(matrix: Matrix, left: float, bottom: float, right: float,
                      top: float) -> tuple[float, float, float, float]:
    """A box in a form's space as a page-space box (the bounds of its turned corners)."""
    if matrix == IDENTITY:
        return left, bottom, right, top
    corners = [apply(matrix, x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)
