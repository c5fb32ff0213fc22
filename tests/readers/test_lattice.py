"""Ruling lines → lattice: the pieces a scan leaves of a line are joined into one line."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extract.readers.lattice import Item, Segment, find_tables, merge_collinear
from extract.readers.ocr import ink_box, ruling_segments


@pytest.mark.parametrize(("pieces", "gap", "expected"), [
    ([(0, 100), (110, 200)], 4.0, [(0, 100), (110, 200)]),  # a real break: two lines
    ([(0, 100), (110, 200)], 12.0, [(0, 200)]),  # a dropout shorter than the gap: one line
    ([(0, 100), (103, 200), (230, 300)], 12.0, [(0, 200), (230, 300)]),
    ([(50, 120), (0, 60)], 4.0, [(0, 120)]),  # overlapping pieces, in any order
])
def test_collinear_pieces_up_to_the_gap_apart_are_one_line(pieces, gap, expected):
    segments = [Segment(True, 40.0, float(a), float(b)) for a, b in pieces]
    joined = merge_collinear(segments, 4.0, gap)
    assert [(s.start, s.end) for s in joined] == [(float(a), float(b)) for a, b in expected]


def test_pieces_on_different_lines_stay_apart():
    segments = [Segment(True, 40.0, 0.0, 100.0), Segment(True, 60.0, 102.0, 200.0)]
    assert len(merge_collinear(segments, 4.0, 12.0)) == 2


def _page_with_rule(step: int, dropouts: int) -> np.ndarray:
    """A white page with one 1-pixel rule from x=100 to x=1100 that climbs a pixel every
    `step` pixels (a thin line turned slightly, then thresholded to black and white), with
    `dropouts` white pixels punched into it, and a rule across it (a column border)."""
    page = np.full((400, 1200), 255, np.uint8)
    for x in range(100, 1100):
        page[200 - (x - 100) // step, x] = 0
    for x in np.linspace(150, 1050, dropouts).astype(int):
        page[200 - (x - 100) // step, x] = 255
    cv2.line(page, (600, 50), (600, 350), 0, 1)
    return page


@pytest.mark.parametrize(("step", "dropouts"), [(10_000, 0), (80, 0), (80, 12), (60, 8)])
def test_a_thin_stepped_rule_of_a_black_and_white_scan_is_one_line(step, dropouts):
    segments = ruling_segments(_page_with_rule(step, dropouts), text_height=40.0)
    horizontal = merge_collinear([s for s in segments if s.horizontal], 4.0, 24.0)
    assert len(horizontal) == 1
    assert horizontal[0].start <= 110 and horizontal[0].end >= 1090
    assert any(not s.horizontal and s.end - s.start > 250 for s in segments)


def test_text_strokes_are_no_rules():
    page = np.full((400, 1200), 255, np.uint8)
    for x in range(100, 1100, 40):  # a row of characters: strokes shorter than the text
        cv2.line(page, (x, 200), (x + 30, 200), 0, 2)
        cv2.line(page, (x + 15, 185), (x + 15, 215), 0, 2)
    assert ruling_segments(page, text_height=40.0) == []


def _cell_page(mark: bool, specks: int, border: bool) -> np.ndarray:
    """A 200 × 100 cell at (100, 100) on a white page, ruled, holding maybe an `=`."""
    page = np.full((300, 400), 255, np.uint8)
    cv2.rectangle(page, (100, 100), (300, 200), 0, 1)
    if mark:
        cv2.line(page, (190, 145), (212, 145), 60, 2)
        cv2.line(page, (190, 155), (212, 155), 60, 2)
    rng = np.random.default_rng(3)
    for x, y in rng.integers((104, 104), (296, 196), size=(specks, 2)):
        page[y, x] = 0
    if border:  # the deskew left the border's last pixels inside the cell
        cv2.line(page, (106, 104), (294, 104), 0, 1)
    return page


@pytest.mark.parametrize(("mark", "specks", "border", "found"), [
    (True, 0, False, True), (True, 40, True, True),
    (False, 0, False, False), (False, 60, False, False), (False, 0, True, False),
])
def test_the_ink_of_a_lone_mark_is_found_and_specks_and_borders_are_not(mark, specks, border, found):
    box = ink_box(_cell_page(mark, specks, border), (100.0, 100.0, 300.0, 200.0), text_height=40.0)
    assert (box is not None) == found
    if found:
        x0, y0, x1, y1 = box
        assert x0 <= 190 and x1 >= 212 and y0 <= 145 and y1 >= 155 and x1 - x0 < 60


def _grid(x0: float, y0: float, xs: int, ys: int, step: float) -> list[Segment]:
    """The rules of a table `xs` × `ys` cells of `step` pixels from (x0, y0)."""
    right, bottom = x0 + xs * step, y0 + ys * step
    return [Segment(True, y0 + i * step, x0, right) for i in range(ys + 1)] + \
        [Segment(False, x0 + j * step, y0, bottom) for j in range(xs + 1)]


def _item(text: str, x: float, y: float) -> Item:
    return Item(text=text, x0=x - 10, y0=y - 5, x1=x + 10, y1=y + 5, score=0.99)


def test_items_go_to_the_innermost_table_and_a_frame_around_a_table_holds_no_text():
    # a photographed sheet: its edges frame the page, and the form's 2 × 2 table lies inside
    frame = [Segment(True, 10.0, 10.0, 990.0), Segment(True, 990.0, 10.0, 990.0),
             Segment(False, 10.0, 10.0, 990.0), Segment(False, 990.0, 10.0, 990.0),
             Segment(True, 20.0, 500.0, 990.0)]  # a second piece of the top edge: a row of its own
    items = [_item("项目支出绩效目标表", 500, 150), _item("项目名称", 250, 250),
             _item("示例项目", 350, 250), _item("主管部门", 250, 350), _item("示例局", 350, 350),
             _item("填报人：张三", 300, 800)]
    tables, rest = find_tables(frame + _grid(200.0, 200.0, 2, 2, 100.0), items, 4.0)
    assert [len(table.cells) for table in tables] == [4]
    assert sorted(item.text for cell in tables[0].cells for item in cell.items) == \
        ["主管部门", "示例局", "示例项目", "项目名称"]
    assert [item.text for item in rest] == ["项目支出绩效目标表", "填报人：张三"]


def test_a_table_beside_another_keeps_its_own_items():
    tables, rest = find_tables(_grid(0.0, 0.0, 2, 1, 100.0) + _grid(400.0, 0.0, 2, 1, 100.0),
                               [_item("甲", 50, 50), _item("乙", 450, 50)], 4.0)
    assert [[item.text for cell in table.cells for item in cell.items] for table in tables] == \
        [["甲"], ["乙"]]
    assert rest == []
