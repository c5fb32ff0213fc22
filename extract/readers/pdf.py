"""PDF files → the cell grid: text-layer pages read directly, scanned pages OCR'd.

pypdfium2 gives each character with its box and each path with its bounds,
fast enough for whole archives. Ruling lines come from the path objects
(thin filled rectangles, or the straight pieces of stroked paths) and feed
the lattice shared with the scan reader (extract/readers/lattice.py), so
merged cells come out with their spans; text outside ruled tables goes
through pages.py (running headers dropped, loose tables from alignment,
tables cut by page breaks stitched). Characters from fonts without a
Unicode map are left out and reported, never emitted as `(cid:NN)`; a page
without a text layer, or whose characters are mostly in such fonts (CJK fonts
embedded with no map: the figures would be read and the words lost), is
rendered at 300 dpi and read by OCR.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.grid import Grid
from extract.reader import UnreadableFile
from extract.readers.lattice import Item, Segment, find_tables
from extract.readers.pages import Page, pages_to_grid
from extract.readers.pdf_space import (
    Frame,
    Matrix,
    Shown,
    address,
    apply,
    box_in_page_space,
    compose,
    objects_in_page_space,
    page_frame,
    text_object_matrices,
)
from extract.readers.safety import LIMITS

READER = "pdf_table"
READER_OCR = "image_ocr"

THIN = 2.5  # points: a filled rectangle thinner than this is a ruling line
LINE_TOL = 2.0  # points: line positions closer than this are one line
MAX_OBJECTS = 20_000  # path, image or text objects looked at on one page
MAX_DEPTH = 3  # forms inside forms looked into
ANGLE_SAMPLE = 8  # one character in this many tells its angle (the page's turn is what most say)
CLIP_TOL = 1.0  # points: a character this far outside its clipping path still shows
MAX_CLIP_PATHS, MAX_CLIP_POINTS = 8, 64  # of a clipping path, looked at for its box (a cell's is 4 points)
PDF_SPACE_GAP = 1.0  # spaces come from the text layer; only a gap this wide (× height) adds one
_SPACES = (" ", "\u00a0", "\u3000")
MIN_TEXT = 5  # a page with fewer mapped characters than this has no usable text layer
# a scanned page whose characters are mostly drawn unseen holds an OCR engine's reading of
# its picture: the picture is what it shows, and it is read by OCR here (an OCR layer is as
# good as the engine that wrote it: tesseract's lost ≥, 潞 and decimal points in built t205)
INVISIBLE_SHARE = 0.5
UNMAPPED_SHARE = 0.3  # a page with more of its characters than this unmapped is read by OCR
LINE_DPI = 150  # resolution at which a scanned page with a text layer is searched for its lines


def read_pdf(data: bytes, name: str) -> Grid:
    """Every page (up to the page cap) into one Grid."""
    pdf = _open(data, name)
    notes: list[str] = []
    try:
        total = len(pdf)
        if total > LIMITS.pdf_pages:
            notes.append(f"the PDF has {total} pages; only the first {LIMITS.pdf_pages} were read")
        pages: list[Page] = []
        ocr_pages = 0
        forms = _with_forms(pdf)
        for index in range(min(total, LIMITS.pdf_pages)):
            page = _filled_in(pdf, index, notes) if forms else pdf[index]
            try:
                content, unmapped = text_page(page, index + 1)
                if content is not None and content.ocr_layer and ocr_pages < LIMITS.ocr_pages:
                    content = _picture_over_layer(page, content, notes)
                    ocr_pages += content.unit == "px"
                elif unmapped and content is not None:
                    notes.append(f"page {index + 1}: {unmapped} characters in fonts without a Unicode "
                                 "map could not be read and were left out")
                elif unmapped:
                    notes.append(f"page {index + 1}: {unmapped} characters are in fonts without a Unicode "
                                 "map; the page was read by OCR")
                if content is None:
                    ocr_pages += 1
                    if ocr_pages > LIMITS.ocr_pages:
                        notes.append(f"page {index + 1}: over {LIMITS.ocr_pages} scanned pages; not read")
                        continue
                    content = _scanned_page(page, index + 1, notes)
                pages.append(content)
            finally:
                page.close()
    finally:
        pdf.close()
    scanned = sum(page.unit == "px" for page in pages)
    reader = READER if not scanned else READER_OCR if scanned == len(pages) else "mixed"
    return pages_to_grid(pages, reader, notes)


def _with_forms(pdf: pdfium.PdfDocument) -> bool:
    """Whether the PDF has fillable fields (AcroForm), made ready to be read as shown."""
    if pdf.get_formtype() == pdfium_c.FORMTYPE_NONE:
        return False
    try:
        pdf.init_forms()
    except pdfium.PdfiumError:
        return False
    return True


def _filled_in(pdf: pdfium.PdfDocument, index: int, notes: list[str]) -> pdfium.PdfPage:
    """The page with its form fields' values drawn into it as a viewer shows them (a
    fillable form's values live in its fields, not in the page's text); the page reloaded."""
    page = pdf[index]
    if page.flatten() != pdfium_c.FLATTEN_SUCCESS:
        return page
    page.close()
    notes.append(f"page {index + 1}: form fields read with the page, as a viewer shows their values")
    return pdf[index]


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise UnreadableFile(f"{name} is a password-protected PDF; save a copy without the password"
                                 ) from err
        raise UnreadableFile(f"{name} is a damaged PDF ({err}); open it and save or print it again as PDF"
                             ) from err


def text_page(page: pdfium.PdfPage, number: int) -> tuple[Page | None, int]:
    """The page from its text layer, read upright (see pdf_space), or None when it has no
    usable text layer (none, or one whose characters are mostly in fonts without a Unicode
    map: the figures would be read and the words lost); also the unmapped character count.
    A scanned page's layer that is drawn unseen is marked `ocr_layer` (`_picture_over_layer`)."""
    shown, unmapped, clipped, invisible = _characters(page)
    if len(shown) + clipped < MIN_TEXT:  # a page whose text is all clipped away has a text layer
        return None, unmapped
    if unmapped > UNMAPPED_SHARE * (len(shown) + clipped + unmapped):
        return None, unmapped  # its words are glyph numbers (CJK fonts embedded with no map)
    frame = page_frame(page, [angle for *_, angle in shown])
    items = frame.items(shown)
    segments = _segments(page, frame)
    width, height = frame.size
    scan = not segments and _is_scan(page, width, height)
    if scan:
        segments = _lines_in_the_image(page, frame, items)
    tables, rest = find_tables(segments, items, LINE_TOL)
    page_content = Page(number=number, width=width, height=height, unit="pt", tables=tables, items=rest,
                        space_gap=PDF_SPACE_GAP,
                        ocr_layer=scan and invisible > INVISIBLE_SHARE * len(shown))
    return page_content, unmapped


def _picture_over_layer(page: pdfium.PdfPage, layer: Page, notes: list[str]) -> Page:
    """A scanned page whose text someone's OCR laid unseen over its picture: the picture is
    what the page shows, and it is read here by OCR; the layer serves where the picture
    gives no text (a page too faint for the engine)."""
    own_notes: list[str] = []
    read = _scanned_page(page, layer.number, own_notes)
    if read.tables or read.items:
        notes.append(f"page {layer.number}: its text is an OCR layer drawn unseen over the scanned "
                     "picture; the picture was read by OCR instead")
        notes.extend(own_notes)
        return read
    notes.append(f"page {layer.number}: OCR read nothing from the scanned picture; its unseen OCR "
                 "text layer was read")
    return layer


def _characters(page: pdfium.PdfPage) -> tuple[list[Shown], int, int, int]:
    """The text layer's characters that show, in page space with their angles: a
    spreadsheet cell's text that overflows its cell (or is cut by a page break) is written
    whole and clipped to the cell, and the clipped part, which no one sees, is left out.
    A character's angle is asked for on every ANGLE_SAMPLE-th only (-1 on the rest): it
    serves to tell the page's turn; so is whether it is drawn unseen. Returns the
    characters shown, the counts of those without a Unicode map and of those clipped away,
    and about how many of those shown are drawn unseen (the sampled ones, scaled)."""
    textpage = page.get_textpage()
    clips = _ClipBoxes(page)
    try:
        shown: list[Shown] = []
        unmapped = clipped = invisible = 0
        rect = pdfium_c.FS_RECTF()
        for i in range(pdfium_c.FPDFText_CountChars(textpage.raw)):
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
            if pdfium_c.FPDFText_HasUnicodeMapError(textpage.raw, i) or code in (0, 0xFFFD, 0xFFFE) \
                    or 0xE000 <= code <= 0xF8FF:
                unmapped += 1
                continue
            char = chr(code)
            if char.isspace():  # a word break (PDFium adds them where the gap is one)
                if char in _SPACES and shown and not shown[-1][4].endswith(" "):
                    shown[-1] = (*shown[-1][:4], shown[-1][4] + " ", shown[-1][5])
                continue
            if not _loose_box(textpage.raw, i, rect):
                continue
            if not _shown(textpage.raw, i, rect, clips):
                clipped += 1
                continue
            angle = -1.0
            if not len(shown) % ANGLE_SAMPLE:
                angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, i)
                invisible += ANGLE_SAMPLE * _unseen(textpage.raw, i)
            shown.append((rect.left, rect.bottom, rect.right, rect.top, char, angle))
        return shown, unmapped, clipped, invisible
    finally:
        textpage.close()


def _unseen(textpage, index: int) -> bool:
    """A character drawn in the invisible text mode: an OCR engine's text laid over the
    picture of a scanned page (ocrmypdf, Acrobat's searchable image), which only searching
    and copying see."""
    obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
    return bool(obj) and pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE


class _ClipBoxes:
    """Text objects' clipping boxes in page space, each looked up once. A text object
    inside a form has its clipping path in the form's space; the forms are looked into
    only on a page with clipped text (a spreadsheet's), once."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.page = page
        self.boxes: dict[int | None, tuple[float, float, float, float] | None] = {}
        self.in_forms: dict[int, Matrix] | None = None

    def of(self, obj) -> tuple[float, float, float, float] | None:
        key = address(obj) if obj else None
        if key not in self.boxes:
            box = _clip_box(obj) if obj else None
            if box is not None:
                if self.in_forms is None:
                    self.in_forms = text_object_matrices(self.page, MAX_DEPTH, MAX_OBJECTS)
                if key in self.in_forms:
                    box = box_in_page_space(self.in_forms[key], *box)
            self.boxes[key] = box
        return self.boxes[key]


def _shown(textpage, index: int, rect, clips: _ClipBoxes) -> bool:
    """Whether the character's centre lies inside its text object's clipping path (if any)."""
    box = clips.of(pdfium_c.FPDFText_GetTextObject(textpage, index))
    if box is None:
        return True
    x, y = (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2
    return box[0] - CLIP_TOL <= x <= box[2] + CLIP_TOL and box[1] - CLIP_TOL <= y <= box[3] + CLIP_TOL


def _clip_box(obj) -> tuple[float, float, float, float] | None:
    """The bounding box of a page object's clipping path (page space), or None."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    xs, ys = [], []
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(min(pdfium_c.FPDFClipPath_CountPaths(clip), MAX_CLIP_PATHS)):
        for index in range(min(pdfium_c.FPDFClipPath_CountPathSegments(clip, path), MAX_CLIP_POINTS)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
    if not xs or max(xs) - min(xs) <= CLIP_TOL or max(ys) - min(ys) <= CLIP_TOL:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def _loose_box(textpage, index: int, rect) -> bool:
    """The character's advance box (tight glyph boxes make narrow punctuation look spaced)."""
    return bool(pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect))


def _segments(page: pdfium.PdfPage, frame: Frame) -> list[Segment]:
    """Ruling lines from path objects: thin rectangles, and straight pieces of stroked paths."""
    out: list[Segment] = []
    for obj, placed in objects_in_page_space(page, [pdfium_c.FPDF_PAGEOBJ_PATH], MAX_DEPTH, MAX_OBJECTS):
        left, bottom, right, top = box_in_page_space(placed, *obj.get_bounds())
        w, h = right - left, top - bottom
        if h <= THIN and w > THIN:
            out.append(frame.segment(left, (top + bottom) / 2, right, (top + bottom) / 2))
        elif w <= THIN and h > THIN:
            out.append(frame.segment((left + right) / 2, bottom, (left + right) / 2, top))
        elif _stroked(obj):
            out.extend(_stroked_pieces(obj, compose(tuple(obj.get_matrix().get()), placed), frame))
    return out


def _is_scan(page: pdfium.PdfPage, width: float, height: float) -> bool:
    """Whether an image covers most of the page (a scan, perhaps with an OCR text layer)."""
    for obj, placed in objects_in_page_space(page, [pdfium_c.FPDF_PAGEOBJ_IMAGE], MAX_DEPTH, MAX_OBJECTS):
        left, bottom, right, top = box_in_page_space(placed, *obj.get_bounds())
        if (right - left) * (top - bottom) >= 0.5 * width * height:
            return True
    return False


def _lines_in_the_image(page: pdfium.PdfPage, frame: Frame, items: list[Item]) -> list[Segment]:
    """Ruling lines of a scanned page whose text layer came from OCR: found in the picture.

    The text layer has the characters but the table's lines are only pixels;
    the page is rendered upright at a modest resolution and its lines found as the
    scan reader finds them, then scaled back to points.
    """
    from extract.readers.ocr import ruling_segments  # OpenCV loads only for such pages

    scale = LINE_DPI / 72
    rotation = (frame.render_rotation - page.get_rotation()) % 360
    gray = page.render(scale=scale, grayscale=True, rotation=rotation).to_numpy()
    if gray.ndim == 3:
        gray = gray[:, :, 0]
    text_height = sorted(i.height for i in items)[len(items) // 2] * scale
    return [Segment(s.horizontal, s.pos / scale, s.start / scale, s.end / scale)
            for s in ruling_segments(gray, text_height)]


def _stroked(obj) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
    return bool(stroke.value)


def _stroked_pieces(obj, matrix: Matrix, frame: Frame) -> list[Segment]:
    """Axis-aligned straight pieces of a stroked path; `matrix` takes its points to page space."""
    count = pdfium_c.FPDFPath_CountSegments(obj.raw)
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, int]] = []
    for i in range(min(count, 4000)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        points.append((*apply(matrix, x.value, y.value), kind))
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            start = next((p for p in reversed(points[:-1]) if p[2] == pdfium_c.FPDF_SEGMENT_MOVETO), None)
            if start:
                points.append((start[0], start[1], pdfium_c.FPDF_SEGMENT_LINETO))
    out = []
    for (x0, y0, _), (x1, y1, kind) in zip(points, points[1:], strict=False):
        if kind != pdfium_c.FPDF_SEGMENT_LINETO:
            continue
        if (abs(y1 - y0) < 0.5 and abs(x1 - x0) > THIN) or (abs(x1 - x0) < 0.5 and abs(y1 - y0) > THIN):
            out.append(frame.segment(x0, y0, x1, y1))
    return out


def _scanned_page(page: pdfium.PdfPage, number: int, notes: list[str]) -> Page:
    """A page with no text layer: render it and read it like a scan."""
    from extract.readers.ocr import ocr_page  # the OCR engine loads only when a scan is met

    width, height = page.get_size()
    scale = LIMITS.pdf_render_dpi / 72
    longest = max(width, height) * scale
    if longest > LIMITS.ocr_side:
        scale *= LIMITS.ocr_side / longest
    image = page.render(scale=scale).to_pil()  # in colour: a red seal is told apart by it
    return ocr_page(image, number, notes)
