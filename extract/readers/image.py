"""Scanned images (.png, .jpg, .tif — every page of a multi-page TIFF) → the cell grid by OCR.

Pillow decodes the image with its decompression-bomb guard set to our pixel
cap; EXIF rotation is applied; a page larger than the OCR side cap is scaled
down first. Each page is read by ocr.py and the pages joined by pages.py.
"""

from __future__ import annotations

import io
import math
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from extract.grid import Grid
from extract.reader import UnreadableFile
from extract.readers.pages import pages_to_grid
from extract.readers.safety import LIMITS, check_pixels

READER = "image_ocr"
# A page image whose shorter side is under this share of UPSCALED_SIDE (the shorter side
# of an A4 sheet at 300 dpi, what the PDF reader renders a scanned page at), under about
# 180 dpi, or a screenshot at 96, is scaled up to it first (no further than the OCR side
# cap): there a form's text is 11-20 px high, its rules a pixel or two, and close column
# borders run together. A 200 dpi scan reads well as it is, at under half the OCR time.
UPSCALED_SIDE = 2480
SMALL_PAGE = 0.6
NON_SQUARE = 1.2  # resolutions across and down further apart than this are a fax's, not rounding

Image.MAX_IMAGE_PIXELS = LIMITS.image_pixels


def read_image(data: bytes, name: str) -> Grid:
    """OCR every frame of the image (up to the page cap)."""
    from extract.readers.ocr import ocr_page  # the OCR engine loads only when a scan is met

    image = _open(data, name)
    notes: list[str] = []
    frames = getattr(image, "n_frames", 1)
    if frames > LIMITS.ocr_pages:
        notes.append(f"the image has {frames} pages; only the first {LIMITS.ocr_pages} were read")
    pages = []
    for index in range(min(frames, LIMITS.ocr_pages)):
        image.seek(index)
        check_pixels(*image.size, f"page {index + 1} of {name}")
        pages.append(ocr_page(_page(image), index + 1, notes))
    return pages_to_grid(pages, READER, notes)


def _open(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            check_pixels(*image.size, name)
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise UnreadableFile(f"{name} is too large an image to read safely ({err})") from err
    except (UnidentifiedImageError, OSError, ValueError) as err:
        raise UnreadableFile(f"{name} is not a readable image ({err}); save it again as PNG or JPEG"
                             ) from err


def _page(image: Image.Image) -> Image.Image:
    """One frame on white, upright, no larger than the OCR side cap and no smaller than a
    300 dpi page; in colour where it has colour (ocr.py tells a red seal's ink from the
    print by it), else in gray levels."""
    page = ImageOps.exif_transpose(image) or image
    if page.mode in ("RGBA", "LA", "P"):
        page = page.convert("RGBA")
        background = Image.new("RGBA", page.size, "white")
        page = Image.alpha_composite(background, page)
    page = page.convert("RGB" if page.mode in ("RGB", "RGBA", "CMYK", "YCbCr") else "L")
    page = _square_pixels(page, image.info.get("dpi"))
    longest, shortest = max(page.size), min(page.size)
    scale = 1.0
    if longest > LIMITS.ocr_side:
        scale = LIMITS.ocr_side / longest
    elif shortest < SMALL_PAGE * UPSCALED_SIDE:
        scale = max(1.0, min(UPSCALED_SIDE / shortest, LIMITS.ocr_side / longest))
    if scale != 1.0:
        page = page.resize((round(page.width * scale), round(page.height * scale)), Image.LANCZOS)
    return page


def _square_pixels(page: Image.Image, dpi: object) -> Image.Image:
    """A fax in normal mode is 200 dpi across and 100 down (its tags say so): shown as
    stored, every character is half its height and OCR reads little. The lower
    resolution is stretched to the higher, as a fax viewer does."""
    try:
        across, down = (float(value) for value in dpi)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return page
    if not (0 < across < math.inf and 0 < down < math.inf) or \
            max(across, down) / min(across, down) < NON_SQUARE:
        return page
    finer = max(across, down)
    size = (round(page.width * finer / across), round(page.height * finer / down))
    check_pixels(*size, "the page stretched to square pixels")
    return page.resize(size, Image.LANCZOS)

