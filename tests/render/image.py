"""Canonical forms → scans: a 300 dpi PNG (Chromium screenshot), turned by 1°, or with noise.

The scan shows one form: the HTML rendering without the site chrome, cropped
to the ink. `rotate` and `add_noise` make the two harder variants the issue
asks for (Pillow only; seeded, so a failure can be reproduced).
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageFilter

from tests.render.browser import screenshot
from tests.render.canonical import CanonicalForm
from tests.render.html import STYLE, _form_html

ROW_CSS = 34  # generous height of one table row in CSS px (for the window height)


def render_png(form: CanonicalForm) -> bytes:
    """One form as a 300 dpi grayscale PNG, cropped to its content with a white margin."""
    html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{STYLE}</style></head>'
            f"<body>{_form_html(form)}</body></html>").encode()
    rows = sum(len(t) for t in form.tables) + sum(t.count("\n") for t in _texts(form))
    height = 260 + ROW_CSS * rows
    for _ in range(4):  # wrapped cells make the page taller than estimated: grow until it fits
        image = Image.open(io.BytesIO(screenshot(html, height_css=height))).convert("L")
        bottom = image.crop((0, image.height - 40, image.width, image.height))
        if ImageChops.invert(bottom).getbbox() is None:
            break
        height *= 2
    return _png(_crop(image))


def _texts(form: CanonicalForm) -> list[str]:
    return [text for table in form.tables for row in table for text, _, _ in row]


def _crop(image: Image.Image, margin: int = 120) -> Image.Image:
    box = ImageChops.invert(image).getbbox()
    if not box:
        return image
    x0, y0, x1, y1 = box
    return image.crop((max(0, x0 - margin), max(0, y0 - margin), min(image.width, x1 + margin),
                       min(image.height, y1 + margin)))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def rotate(png: bytes, degrees: float = 1.0) -> bytes:
    """The scan turned by `degrees` (counter-clockwise), on white, as a skewed feed would."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return _png(image.rotate(degrees, resample=Image.BICUBIC, expand=True, fillcolor=255))


def add_noise(png: bytes, amount: float = 0.01, seed: int = 12) -> bytes:
    """Mild scanner noise: a slight blur, then salt-and-pepper on `amount` of the pixels."""
    image = Image.open(io.BytesIO(png)).convert("L").filter(ImageFilter.GaussianBlur(0.8))
    rng = random.Random(seed)
    pixels = image.load()
    width, height = image.size
    for _ in range(int(width * height * amount)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 0 if rng.random() < 0.3 else 255
    return _png(image)


def to_scanned_pdf(pngs: list[bytes]) -> bytes:
    """Page images as a PDF with no text layer (what a scanner writes)."""
    pages = [Image.open(io.BytesIO(png)).convert("L") for png in pngs]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=300.0, save_all=True, append_images=pages[1:])
    return out.getvalue()
