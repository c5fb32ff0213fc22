"""What a scan's pixels go through before OCR: a red seal's ink taken out (ocr.py), a
low-resolution page scaled up (image.py), a page turned a quarter told by its text lines
standing on end and a sheet photographed at a slant flattened (ocr.py). Synthetic pages,
no OCR engine: the whole road is scored on the stamped, screenshot, sideways and photo
pages of the converted set (test_golden.py)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw

from extract.readers.image import UPSCALED_SIDE, _page
from extract.readers.lattice import Item, LCell
from extract.readers.ocr import (
    INK_LEVEL,
    _in_perspective,
    _outline,
    _sideways,
    _unread_line,
    flattened,
    without_seal_ink,
)
from extract.readers.safety import LIMITS

PAPER = (250, 246, 236)
SEAL = (206, 36, 44)


def _stamped_page() -> Image.Image:
    """Tinted paper with a black rule, a black block of print and a blue pen stroke, and a
    translucent red ring pressed over the rule and the print."""
    page = Image.new("RGB", (400, 300), PAPER)
    draw = ImageDraw.Draw(page)
    draw.line((0, 150, 400, 150), fill=(90, 90, 90), width=2)  # a thin gray rule
    draw.rectangle((180, 100, 220, 120), fill=(20, 20, 20))  # print
    draw.rectangle((20, 20, 60, 24), fill=(30, 40, 160))  # a blue pen stroke
    draw.rectangle((300, 250, 380, 262), fill=SEAL)  # a figure printed in red, not a seal
    ink = Image.new("L", page.size, 0)
    ImageDraw.Draw(ink).ellipse((120, 60, 280, 220), outline=255, width=12)
    ImageDraw.Draw(ink).rectangle((150, 95, 250, 125), fill=255)  # ink over the print too
    stamped = ImageChops.multiply(page, Image.new("RGB", page.size, SEAL))
    page.paste(stamped, (0, 0), ink.point(lambda v: int(v * 0.85)))
    return page


@pytest.mark.parametrize(("where", "dark"), [
    ((200, 65), False),   # the ring on bare paper: paper again
    ((125, 140), False),  # the ring's left side
    ((160, 110), False),  # the ink's block beside the print, on bare paper
    ((200, 110), True),   # print under the ink: still ink
    ((150, 150), True),   # the gray rule where the ring crosses it: still a rule
    ((40, 22), True),     # the blue pen stroke, no seal near: kept
    ((350, 150), True),   # the rule outside the seal
    ((340, 256), True),   # red print that is no seal: kept as ink
])
def test_seal_ink_is_taken_out_and_the_print_under_it_kept(where, dark):
    gray = without_seal_ink(_stamped_page())
    x, y = where
    assert bool(gray[y, x] < INK_LEVEL) is dark, gray[y, x]


def test_seal_ink_leaves_no_faint_ring():
    """An unevenly pressed ring must not leave a trace the rule finder could take for a
    line: every pixel of the ring off the print is within 15 % of the paper's level."""
    gray = without_seal_ink(_stamped_page()).astype(int)
    paper = int(np.median(gray))
    ring_row = gray[140, 120:140]  # across the ring's left side, above the rule
    assert ring_row.min() >= 0.85 * paper


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_a_page_without_red_keeps_its_gray_levels(mode):
    page = Image.new("RGB", (120, 80), PAPER)
    ImageDraw.Draw(page).rectangle((10, 10, 60, 30), fill=(40, 40, 40))
    page = page.convert(mode)
    assert np.array_equal(without_seal_ink(page), np.asarray(page.convert("L")))


@pytest.mark.parametrize(("size", "scaled"), [
    ((1241, 1754), (UPSCALED_SIDE, 3505)),  # A4 at 150 dpi: scaled up to 300 dpi
    ((1754, 1241), (3505, UPSCALED_SIDE)),  # landscape
    ((1280, 2600), (UPSCALED_SIDE, 5038)),  # a tall screenshot at 96 dpi
    ((1280, 5000), (1792, LIMITS.ocr_side)),  # a long web page: up to the side cap
    ((1280, 9000), (996, LIMITS.ocr_side)),  # over the cap: scaled down, the cap bounds memory
    ((1654, 2339), (1654, 2339)),         # 200 dpi: read as it is
    ((2480, 3508), (2480, 3508)),         # 300 dpi
    ((LIMITS.ocr_side + 1000, 900), (LIMITS.ocr_side, 788)),  # too large: scaled down
])
def test_page_images_are_brought_to_a_readable_size(size, scaled):
    assert _page(Image.new("L", size, 255)).size == scaled


@pytest.mark.parametrize(("dpi", "height_per_width"), [
    ((200, 100), 2 * 1169 / 1654),  # a fax in normal mode: the page as long as it is printed
    ((100, 200), 1169 / 1654 / 2),  # stored the other way about
    ((200, 196), 1169 / 1654),      # rounding, not a fax: as it is
    (None, 1169 / 1654),            # no tag: as it is
    ((0, 0), 1169 / 1654),          # a zero tag says nothing
    ((float("nan"), 200), 1169 / 1654),  # a TIFF rational over zero reads as not a number
])
def test_a_faxs_oblong_pixels_are_made_square(dpi, height_per_width):
    image = Image.new("1", (1654, 1169), 1)
    if dpi is not None:
        image.info["dpi"] = dpi
    page = _page(image)
    assert page.height / page.width == pytest.approx(height_per_width, rel=0.002)
    assert min(page.size) >= 1654  # and never smaller than the fax's finer resolution


@pytest.mark.parametrize(("mode", "kept"), [("RGB", "RGB"), ("L", "L"), ("1", "L"),
                                             ("RGBA", "RGB"), ("P", "RGB")])
def test_page_images_keep_their_colour(mode, kept):
    assert _page(Image.new(mode, (2480, 3508))).mode == kept


def _line(width: float, height: float) -> Item:
    return Item(0.0, 0.0, width, height, "文字", 0.95)


@pytest.mark.parametrize(("boxes", "sideways"), [
    ([(300, 40)] * 20 + [(40, 40)] * 10, False),            # a page of lines and figures
    ([(40, 300)] * 12 + [(40, 40)] * 6, True),              # every line stands on end
    ([(40, 300)] * 3, True),                                # a sparse last page turned
    ([(40, 300)] * 2, False),                               # two tall boxes: too few to say
    ([(300, 40)] * 20 + [(40, 200)] * 4, False),            # a vertical label (绩/效/指/标) among lines
    ([(40, 40)] * 30, False),                               # figures only: no direction
])
def test_a_page_is_sideways_when_its_lines_stand_on_end(boxes, sideways):
    assert _sideways([_line(w, h) for w, h in boxes]) is sideways


def _sheet_on_desk(corners: list[tuple[int, int]]) -> np.ndarray:
    """A white sheet with a bordered table, its corners where given, on a dark desk."""
    page = np.full((1200, 900), 70, np.uint8)
    cv2.fillConvexPoly(page, np.array(corners, np.int32), 245)
    inner = np.array(corners, np.float32)
    centre = inner.mean(axis=0)
    table = (centre + 0.8 * (inner - centre)).astype(np.int32)
    cv2.polylines(page, [table], True, 20, 3)
    return page


@pytest.mark.parametrize(("corners", "flattened_expected"), [
    ([(120, 100), (780, 60), (820, 1120), (90, 1080)], True),   # seen at a slant
    ([(100, 100), (800, 100), (800, 1100), (100, 1100)], False),  # square on
    ([(110, 100), (800, 112), (790, 1100), (100, 1088)], False),  # turned 1°: the deskew's
])
def test_a_sheet_seen_in_perspective_is_flattened(corners, flattened_expected):
    page = _sheet_on_desk(corners)
    notes: list[str] = []
    flat = flattened(page, 1, notes)
    assert bool(notes) is flattened_expected
    if flattened_expected:
        outline = _outline(flat)
        assert outline is not None and not _in_perspective(outline[0])
        assert flat[0].min() == 255 and flat[:, -1].min() == 255  # no desk left as a frame
    else:
        assert flat is page


def test_a_sheet_outline_cornered_on_the_pictures_edge_is_no_sheet():
    # a bright desk under a lamp runs into the sheet at the picture's corner: the table's
    # border is the outline then
    page = _sheet_on_desk([(0, 0), (780, 60), (820, 1120), (90, 1080)])
    found = _outline(page)
    assert found is not None and found[1] is False


def test_a_table_flattened_by_its_border_keeps_the_title_above_it():
    page = _sheet_on_desk([(0, 0), (780, 60), (820, 1120), (90, 1080)])
    cv2.rectangle(page, (300, 150), (560, 175), 20, -1)  # the title, above the table's border
    notes: list[str] = []
    flat = flattened(page, 1, notes)
    assert notes  # flattened by the table's border
    ruled = [row for row in range(flat.shape[0]) if (flat[row] < 100).mean() > 0.5]
    assert ruled and ruled[0] > 20  # the table's top border, straightened, with room above it
    assert (flat[:ruled[0] - 5] < 100).sum() > 1000  # and the title's ink kept there


def _cell_with_lines(second_line: bool) -> tuple[np.ndarray, LCell]:
    """A bordered cell 400 × 120 px holding a line of text read by the detector (an item) and,
    under it, a one-character line it may have passed over."""
    page = np.full((200, 500), 255, np.uint8)
    cv2.rectangle(page, (50, 40), (450, 160), 0, 2)
    cv2.rectangle(page, (70, 55), (400, 85), 0, -1)  # the read line's ink
    if second_line:
        cv2.rectangle(page, (70, 100), (98, 128), 0, -1)  # `率`, alone on the next line
    cell = LCell(row=0, col=0, row_span=1, col_span=1, box=(50.0, 40.0, 450.0, 160.0))
    cell.items.append(Item(68.0, 52.0, 402.0, 88.0, "重点人群家庭医生签约覆盖", 0.99))
    return page, cell


@pytest.mark.parametrize("second_line", [True, False])
def test_a_cells_line_left_under_its_read_lines_is_found(second_line):
    page, cell = _cell_with_lines(second_line)
    box = _unread_line(page, cell, text_height=32.0)
    if second_line:
        assert box is not None and box[1] >= 88 and box[0] <= 70 <= 98 <= box[2]
    else:
        assert box is None
