"""OCR of page images with PP-OCR (RapidOCR on onnxruntime), into lattice pages.

The engine loads the detection and recognition models shipped inside the
rapidocr wheel, by path, so nothing is ever downloaded (the test runs with
sockets closed to prove it); angle classification is off (`use_cls=False`)
and onnxruntime gets one thread, since the batch runs one process per core.
Each page is deskewed from its ruling lines, read into text-line boxes (one
box never crosses a cell border), and its grid built from the ruling lines
found by morphology (lattice.py); recognition confidence is kept and weak
lines are reported in the document's notes.
"""

from __future__ import annotations

import statistics
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import regex
from PIL import Image

from extract.readers.lattice import Item, LCell, LTable, Segment, cell_at, find_tables
from extract.readers.pages import Page
from extract.readers.safety import LIMITS

LOW_CONFIDENCE = 0.8  # a text line recognised below this is named in the notes
MAX_LOW_NOTES = 5  # weak lines listed per page; the rest are counted
MAX_SKEW = 5.0  # degrees: a larger estimated angle is not believed (and not corrected)
# a gap in a ruling line shorter than this × the text height is a dropout (a thin rule in a
# black-and-white scan breaks into dashes), not two lines: no column is narrower than its text
RULE_DROPOUT = 0.6
BORDER_OVERRUN = 0.5  # × the text height: a text line reaching this far past a column border is cut
INK_LEVEL = 160  # a gray level below this is ink, where a cell's mark is looked for
# a pixel whose red exceeds its green and blue by this much is a seal's ink (公章, red on
# every signed-off form), not the form's print, which is black or gray (blue pen too)
SEAL_REDNESS = 30
# JPEG keeps colour at half resolution: a seal stroke's edge pixels are dimmed but hardly
# red; the red found is widened by this many pixels (a square's side) to take them in
SEAL_EDGE = 7
SEAL_SIZE = 0.06  # × the page's shorter side: a seal (38-42 mm) is a fifth of an A4's width
SEAL_ASPECT = 3.0  # a seal's box, or half a seal's on a page's edge, is no longer than this
# under a seal's ink, what is brighter than this share of the paper's level is bare paper
# (the ink pressed unevenly); anything darker is print under the ink, a thin gray rule too
SEAL_BARE_PAPER = 0.85
PERSPECTIVE = 0.4  # degrees between opposite sides of a sheet or table: seen at a slant
OUTLINE_AREA = 0.15  # the least share of the page a sheet's or table's outline covers
TABLE_MARGINS = (0.2, 0.15, 0.05)  # × the table's height above and below it, × its width aside
OUTLINE_BORDER = 0.003  # × the picture's shorter side: a corner this near its edge is the picture's
OUTLINE_EDGE = 0.005  # × the flattened page's shorter side: whitened along its edges
SIDEWAYS_RATIO = 2.0  # a text line this many times taller than wide stands on end
MIN_SIDEWAYS_LINES = 3  # a page turned a quarter shows at least this many such lines
MARK_EXTENT = 0.2  # × the text height: the least width or height of a mark (a dash); specks are less
MARK_CONFIDENCE = 0.5  # a lone mark recognised below this is left out
LEFT_LINE_CONFIDENCE = 0.8  # … and a line left under a cell's read lines, below this
UNREAD_LINE = 0.8  # × the text height: room under a cell's read lines for one more
_HAN = regex.compile(r"\p{Han}")
OCR_SPACE_GAP = 0.5  # two boxes on one line farther apart than this × height are two words
_MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx")


def model_paths() -> tuple[Path, Path]:
    """The detection and recognition models inside the installed rapidocr package."""
    import rapidocr

    folder = Path(rapidocr.__file__).parent / "models"
    det, rec = (folder / name for name in _MODELS)
    missing = [str(p) for p in (det, rec) if not p.is_file()]
    if missing:
        raise RuntimeError(f"the OCR models shipped with rapidocr are missing: {', '.join(missing)}; "
                           "reinstall it with `pip install --force-reinstall rapidocr==3.10.0`")
    return det, rec


@lru_cache(maxsize=1)
def engine():
    """One RapidOCR engine per process (loading costs about a second)."""
    from rapidocr import RapidOCR

    det, rec = model_paths()
    cv2.setNumThreads(1)  # one process per core: OpenCV's own threads would only contend
    return RapidOCR(params={
        "Global.use_cls": False,
        "Global.log_level": "critical",
        "Det.model_path": str(det),
        "Rec.model_path": str(rec),
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


def recognise(gray: np.ndarray) -> list[Item]:
    """Text-line boxes of a page in gray levels, with their recognition confidence."""
    result = engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB))
    if result.boxes is None:
        return []
    items = []
    for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        xs, ys = box[:, 0], box[:, 1]
        items.append(Item(float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()),
                          str(text), float(score)))
    return items


def ocr_page(image: Image.Image, number: int, notes: list[str]) -> Page:
    """One page image → a Page of lattice tables and loose text lines (pixels)."""
    gray = without_seal_ink(image)
    if not (gray < INK_LEVEL).any():  # a blank page (a PDF's empty last page): nothing to read
        return Page(number=number, width=gray.shape[1], height=gray.shape[0], unit="px",
                    space_gap=OCR_SPACE_GAP)
    gray = flattened(gray, number, notes)
    angle = skew_angle(gray)
    if abs(angle) > 0.05:
        gray = rotate(gray, angle)
        notes.append(f"page {number}: deskewed by {angle:.2f}°")
    gray, items = upright(gray, recognise(gray), number, notes)
    _note_low_confidence(items, number, notes)
    text_height = statistics.median(i.height for i in items) if items else 40.0
    segments = ruling_segments(gray, text_height)
    tol = max(4.0, 0.004 * gray.shape[1])
    tables, rest = find_tables(segments, items, tol, max(tol, RULE_DROPOUT * text_height))
    _split_across_borders(gray, tables, text_height)
    marks = _read_marks(gray, tables, text_height)
    _note_low_confidence(marks, number, notes)
    height, width = gray.shape
    return Page(number=number, width=width, height=height, unit="px", tables=tables, items=rest,
                space_gap=OCR_SPACE_GAP)


def flattened(gray: np.ndarray, number: int, notes: list[str]) -> np.ndarray:
    """A page photographed at a slant, flattened.

    A phone held over a sheet sees it in perspective: the sheet's edges, and its table's
    border, are a four-cornered shape whose opposite sides are not parallel, so no turn
    makes both its rules and its columns straight. Where the largest such outline (the
    sheet against a darker desk, else the table's border) has opposite sides more than
    PERSPECTIVE degrees apart, it is stretched back to a rectangle as large as its
    longer sides. Around a sheet lies the desk, left out; around a table lie the form's
    title and signature lines, kept with a margin (TABLE_MARGINS). A scan, even turned,
    has parallel sides and is left to the deskew."""
    found = _outline(gray)
    if found is None or not _in_perspective(found[0]):
        return gray
    quad, sheet = found
    top_left, top_right, bottom_right, bottom_left = quad
    width = int(max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left)))
    height = int(max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right)))
    target = np.float32([(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)])
    matrix = cv2.getPerspectiveTransform(np.float32(quad), target)
    size = (width, height)
    if not sheet:
        matrix, size = _with_margins(gray.shape, matrix, width, height)
    notes.append(f"page {number}: seen in perspective (a photograph); flattened")
    flat = cv2.warpPerspective(gray, matrix, size, flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    edge = max(3, int(OUTLINE_EDGE * min(size)))  # the desk's last pixels along the
    flat[:edge, :] = flat[-edge:, :] = 255  # sheet's edges would read as rules framing it all
    flat[:, :edge] = flat[:, -edge:] = 255
    return flat


def _with_margins(shape: tuple[int, ...], matrix: np.ndarray, width: int,
                  height: int) -> tuple[np.ndarray, tuple[int, int]]:
    """The transform shifted, and the output size, that keep a margin of the picture around
    a flattened table, where a form prints its title and signature lines (TABLE_MARGINS of
    the table's size, as far as the picture goes; the desk further out is left out)."""
    rows, cols = shape[:2]
    corners = np.float32([[(0, 0), (cols - 1, 0), (cols - 1, rows - 1), (0, rows - 1)]])
    placed = cv2.perspectiveTransform(corners, matrix)[0]
    above, below, side = TABLE_MARGINS
    left = max(float(placed[:, 0].min()), -side * width)
    top = max(float(placed[:, 1].min()), -above * height)
    right = min(float(placed[:, 0].max()), (1 + side) * width)
    bottom = min(float(placed[:, 1].max()), (1 + below) * height)
    scale = min(1.0, LIMITS.ocr_side / max(right - left, bottom - top, 1.0))
    shift = np.array([[scale, 0, -left * scale], [0, scale, -top * scale], [0, 0, 1]])
    return shift @ matrix, (max(1, int((right - left) * scale)), max(1, int((bottom - top) * scale)))


def _outline(gray: np.ndarray) -> tuple[np.ndarray, bool] | None:
    """Corners (top left, top right, bottom right, bottom left) of the largest outline with
    four corners covering at least OUTLINE_AREA of the page, and whether it is the bright
    sheet on a darker desk (else the border of the ink's largest shape, a table); None
    where there is none."""
    scale = min(1.0, 1600 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    _level, sheet = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = cv2.dilate(_binary(small), np.ones((3, 3), np.uint8))
    best, best_area, of_sheet = None, OUTLINE_AREA * small.shape[0] * small.shape[1], False
    for is_sheet, mask in ((True, sheet), (False, ink)):
        contours, _hierarchy = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            area = cv2.contourArea(contour)
            if area <= best_area:
                continue
            corners = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
            if len(corners) == 4 and cv2.isContourConvex(corners) and not _at_border(corners, small.shape):
                best, best_area = corners.reshape(4, 2).astype(np.float32) / scale, area
                of_sheet = is_sheet
    if best is None:
        return None
    sums, differences = best.sum(axis=1), best[:, 1] - best[:, 0]
    return np.array([best[np.argmin(sums)], best[np.argmin(differences)], best[np.argmax(sums)],
                     best[np.argmax(differences)]]), of_sheet


def _at_border(corners: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Some corners on the picture's edge, not all: no sheet's corner (a bright desk's grain
    under a lamp ran into the sheet, or the sheet runs out of the picture), so its outline
    would bend the page; the table's border is taken instead. (All four there: the page
    fills the picture, a scan.)"""
    height, width = shape[:2]
    margin = max(2.0, OUTLINE_BORDER * min(height, width))
    points = corners.reshape(-1, 2)
    on_edge = ((points[:, 0] <= margin) | (points[:, 0] >= width - 1 - margin)
               | (points[:, 1] <= margin) | (points[:, 1] >= height - 1 - margin))
    return 0 < int(on_edge.sum()) < len(points)


def _in_perspective(quad: np.ndarray) -> bool:
    """Opposite sides of the outline further from parallel than PERSPECTIVE degrees."""
    def direction(start: np.ndarray, end: np.ndarray) -> float:
        return float(np.degrees(np.arctan2(end[1] - start[1], end[0] - start[0])))

    top_left, top_right, bottom_right, bottom_left = quad
    across = abs(direction(top_left, top_right) - direction(bottom_left, bottom_right))
    down = abs(direction(top_left, bottom_left) - direction(top_right, bottom_right))
    return max(across, down) > PERSPECTIVE


def upright(gray: np.ndarray, items: list[Item], number: int,
            notes: list[str]) -> tuple[np.ndarray, list[Item]]:
    """The page and its text lines the right way up.

    A landscape form fed into a scanner portrait comes out a quarter turned: its text
    lines stand on end, and the detector draws them as tall narrow boxes. Such a page is
    turned back a quarter both ways and read each time; the way that reads more
    characters with confidence wins (upside down, figures still read, `%06` for `90%`,
    but the characters of names and labels do not), and the note says so."""
    if not _sideways(items):
        return gray, items
    readings = []
    for turn, name in ((cv2.ROTATE_90_CLOCKWISE, "clockwise"),
                       (cv2.ROTATE_90_COUNTERCLOCKWISE, "anticlockwise")):
        turned = cv2.rotate(gray, turn)
        found = recognise(turned)
        confident = sum(len(item.text) for item in found if item.score >= LOW_CONFIDENCE)
        readings.append((confident, name, turned, found))
    _confident, name, turned, found = max(readings, key=lambda reading: reading[0])
    notes.append(f"page {number}: its text stood on end; read turned a quarter {name}")
    return turned, found


def _sideways(items: list[Item]) -> bool:
    """Most text lines that are clearly longer one way than the other stand upright."""
    standing = sum(1 for item in items if item.height > SIDEWAYS_RATIO * (item.x1 - item.x0))
    lying = sum(1 for item in items if item.x1 - item.x0 > SIDEWAYS_RATIO * item.height)
    return standing >= MIN_SIDEWAYS_LINES and standing > lying


def without_seal_ink(image: Image.Image) -> np.ndarray:
    """The page in gray levels with a red seal's ink taken out.

    A seal is stamped in translucent red over the table's lower rows: in plain gray
    levels its ring cuts rules and cells and its letters read as text. Where a pixel is
    red, its red channel is what the paper and print under the ink show (red ink passes
    red light; black print under it stays dark in every channel), brightened by as much
    as the ink dims the paper (most red pixels are ink on bare paper: their middle red
    level against the page's middle gray level, which is the paper's); what is then
    nearly as light as the paper is bare paper and becomes the paper's level, so an
    unevenly pressed ring leaves no faint rule. Only red inside a seal is taken out (a
    ring or half ring, and what it holds); red print, a value or a heading printed in
    red, keeps its luminance like every other pixel."""
    gray = np.asarray(image.convert("L"))
    if image.mode not in ("RGB", "RGBA"):
        return gray
    rgb = np.asarray(image.convert("RGB"))
    red = np.ascontiguousarray(rgb[:, :, 0])
    ink = cv2.subtract(red, np.maximum(rgb[:, :, 1], rgb[:, :, 2])) > SEAL_REDNESS
    if not ink.any():
        return gray
    inked = _seals(cv2.dilate(ink.astype(np.uint8), np.ones((SEAL_EDGE, SEAL_EDGE), np.uint8)))
    if not inked.any():
        return gray  # red print, no seal
    paper = float(np.median(gray))
    brighter = max(1.0, paper / max(1.0, float(np.median(red[ink]))))
    under = red[inked].astype(np.float32) * brighter
    cleaned = gray.copy()  # ink on bare paper (unevenly pressed) becomes paper; print stays
    cleaned[inked] = np.where(under > SEAL_BARE_PAPER * paper, paper,
                              np.clip(under, 0, 255)).astype(np.uint8)
    return cleaned


def _seals(red: np.ndarray) -> np.ndarray:
    """The red pixels inside seals: within the box of every red shape at least
    SEAL_SIZE of the page's shorter side both ways and not much longer one way than the
    other (a ring, or half of one on a page's edge; a red line of text or a rule is
    long and low)."""
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(red, connectivity=8)
    side = SEAL_SIZE * min(red.shape)
    inside = np.zeros(red.shape, dtype=bool)
    for x, y, w, h, _area in stats[1:count]:
        if w >= side and h >= side and max(w, h) <= SEAL_ASPECT * min(w, h):
            inside[y:y + h, x:x + w] |= red[y:y + h, x:x + w] > 0
    return inside


def _split_across_borders(gray: np.ndarray, tables: list[LTable], text_height: float) -> None:
    """A text line the detector drew across a column border (`服务对象满意度指标` and the
    next cell's `改造农户满意度` as one line) is cut at the border and each piece
    recognised alone, so that each cell gets its own text."""
    margin = BORDER_OVERRUN * text_height
    crossing: list[tuple[LTable, LCell, Item, list[tuple[int, int, int, int]]]] = []
    for table in tables:
        for cell in table.cells:
            for item in cell.items:
                spans = sorted((max(item.x0, other.box[0]), min(item.x1, other.box[2]))
                               for other in table.cells if other.box[1] <= item.cy <= other.box[3])
                pieces = [(int(max(a, 0)), int(max(item.y0, 0)), int(b), int(item.y1)) for a, b in spans
                          if b - a > max(margin, 2) and item.y1 - max(item.y0, 0) > 2]
                if len(pieces) > 1:
                    crossing.append((table, cell, item, pieces))
    if not crossing:
        return
    read = iter(_recognised(gray, [box for *_rest, pieces in crossing for box in pieces]))
    for table, cell, item, pieces in crossing:
        cell.items.remove(item)
        for piece in (next(read) for _ in pieces):
            home = cell_at(table, piece.cx, piece.cy)
            if piece.text and home is not None:
                home.items.append(piece)


def _read_marks(gray: np.ndarray, tables: list[LTable], text_height: float) -> list[Item]:
    """A cell that holds a lone mark (`≥`, `4`, `—`) the text detector passed over, with ink
    in it and no text line: its ink is recognised alone, and the text put in the cell."""
    found: list[tuple[LCell, tuple[int, int, int, int], bool]] = []
    for table in tables:
        for cell in table.cells:
            left = bool(cell.items)  # a line left under the cell's read ones
            box = _unread_line(gray, cell, text_height) if left else ink_box(gray, cell.box, text_height)
            if box is not None:
                found.append((cell, box, left))
    if not found:
        return []
    marks = []
    for (cell, _box, left), mark in zip(found, _recognised(gray, [box for _, box, _ in found]),
                                        strict=True):
        if mark.text and (mark.score >= LEFT_LINE_CONFIDENCE and _HAN.search(mark.text) if left
                          else mark.score >= MARK_CONFIDENCE):
            cell.items.append(mark)  # (a left line: a wrapped word's end, in Han)
            marks.append(mark)
    return marks


def _unread_line(gray: np.ndarray, cell: LCell, text_height: float) -> tuple[int, int, int, int] | None:
    """`重点人群家庭医生签约覆盖` / `率`: a cell's last line of one or two characters that the
    detector passed over, right under the lines it read (within a line's height: a
    centred label's cell holds nothing further down but specks): the box of that ink."""
    below = max(item.y1 for item in cell.items)
    x0, y0, x1, y1 = cell.box
    if y1 - below < UNREAD_LINE * text_height:
        return None
    box = ink_box(gray, (x0, below, x1, y1), text_height)
    return box if box is not None and box[1] - below <= text_height else None


def _recognised(gray: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> list[Item]:
    """Each box of the page recognised as one text line (the recogniser alone, no detection)."""
    crops = [cv2.cvtColor(gray[y0:y1, x0:x1], cv2.COLOR_GRAY2RGB) for x0, y0, x1, y1 in boxes]
    read = engine().recognize_txt(crops)
    return [Item(float(x0), float(y0), float(x1), float(y1), str(text).strip(), float(score))
            for (x0, y0, x1, y1), text, score in zip(boxes, read.txts, read.scores, strict=True)]


def ink_box(gray: np.ndarray, box: tuple[float, float, float, float],
            text_height: float) -> tuple[int, int, int, int] | None:
    """The box around a cell's ink, padded, or None for a blank cell: the cell's borders are
    cut off, and specks (a few pixels, where a stroke of a mark is a fifth of a line of text)
    and stray bits of a border are no ink."""
    inset, pad = max(3, round(0.12 * text_height)), max(4, round(0.25 * text_height))
    x0, y0 = int(box[0]) + inset, int(box[1]) + inset
    x1, y1 = int(box[2]) - inset, int(box[3]) - inset
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    ink = (gray[y0:y1, x0:x1] < INK_LEVEL).astype(np.uint8)
    count, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    least = max(4.0, MARK_EXTENT * text_height)
    parts = [(x, y, x + w, y + h) for x, y, w, h, _area in stats[1:count]
             if max(w, h) >= least and w < 0.9 * (x1 - x0) and h < 0.9 * (y1 - y0)]
    if not parts:
        return None
    left, top = min(p[0] for p in parts), min(p[1] for p in parts)
    right, bottom = max(p[2] for p in parts), max(p[3] for p in parts)
    return (max(0, x0 + left - pad), max(0, y0 + top - pad),
            min(gray.shape[1], x0 + right + pad), min(gray.shape[0], y0 + bottom + pad))


def _binary(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, robust to uneven scans (adaptive threshold)."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def skew_angle(gray: np.ndarray) -> float:
    """Degrees the page is turned, from its long horizontal lines (0 when it has none).

    On a reduced page, a short horizontal opening keeps ruling lines (a 1°
    line still passes a 40-pixel kernel) and drops text; each long piece left
    gets a least-squares line, and the median angle is the page's.
    """
    scale = min(1.0, 1600 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = cv2.morphologyEx(_binary(small), cv2.MORPH_OPEN,
                           cv2.getStructuringElement(cv2.MORPH_RECT, (40, 1)))
    width = small.shape[1]
    count, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    angles = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        if w < 0.25 * width or h > 0.1 * w:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == label)
        vx, vy, _x0, _y0 = cv2.fitLine(np.column_stack([xs, ys]).astype(np.float32), cv2.DIST_L2, 0, 0.01,
                                       0.01).reshape(-1)
        angle = float(np.degrees(np.arctan2(vy, vx)))
        angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
        if abs(angle) <= MAX_SKEW:
            angles.append(angle)
    return statistics.median(angles) if angles else 0.0


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page turned back by `angle` degrees, on white."""
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def ruling_segments(gray: np.ndarray, text_height: float) -> list[Segment]:
    """Horizontal and vertical ruling lines: ink that survives an opening longer than any glyph.

    A text box is a little taller than its glyphs, and a one-row cell a little
    taller than its text box, so 1.1 × the median box height keeps the
    shortest cell border and drops every stroke of a character. A thin rule in
    a black-and-white scan is one pixel wide, climbs a pixel every few dozen
    when the sheet was turned, and has white specks in it: a short closing along
    the line fills the specks and a dilation across it lets the steps overlap,
    so the opening keeps it (a median filter would erase it).
    """
    ink = _binary(gray)
    length = max(15, int(text_height * 1.1))
    out: list[Segment] = []
    for horizontal, kernel, across in ((True, (length * 2, 1), (1, 3)), (False, (1, length), (3, 1))):
        along = across[::-1]
        thick = cv2.dilate(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(
            cv2.MORPH_RECT, along)), cv2.getStructuringElement(cv2.MORPH_RECT, across))
        mask = cv2.morphologyEx(thick, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
        count, _labels, stats, _c = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            if horizontal and w > 4 * h:
                out.append(Segment(True, y + h / 2, float(x), float(x + w)))
            elif not horizontal and h > 4 * w:
                out.append(Segment(False, x + w / 2, float(y), float(y + h)))
    return out


def _note_low_confidence(items: list[Item], number: int, notes: list[str]) -> None:
    weak = sorted((i for i in items if i.score < LOW_CONFIDENCE), key=lambda i: i.score)
    for item in weak[:MAX_LOW_NOTES]:
        notes.append(f"page {number} ({item.x0:.0f},{item.y0:.0f},{item.x1:.0f},{item.y1:.0f}) px: "
                     f"OCR is unsure of {item.text!r} (confidence {item.score:.2f})")
    if len(weak) > MAX_LOW_NOTES:
        notes.append(f"page {number}: {len(weak) - MAX_LOW_NOTES} more text lines read with low "
                     "OCR confidence")
