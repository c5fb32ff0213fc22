"""Print-and-scan the converted set's PDFs: `<stem>.scan_gray.pdf`, `<stem>.scan_fax.tif`, and
stamped colour scans (`<stem>.scan_stamped.jpg`, `.pdf` where there are several pages).

Why a script: a scanner is the one converter this machine does not have. Each
page of `<stem>.libreoffice.pdf` (or a built document's own LibreOffice PDF) is
rendered by poppler's `pdftoppm`, then given what a sheet fed through an office
scanner gets: a slight turn (alternating sides from page to page), a blur and
speckles. Two kinds of scan are written, the two that archives hold most:

- `scan_gray`: 150 dpi grayscale, JPEG quality 60, in a PDF with no text layer;
- `scan_fax`: 200 dpi black and white (threshold 160), CCITT G4, a multi-page TIFF.

A sixth step takes screenshots (`<stem>.screenshot.png`): each web page, and each
LibreOffice HTML export, as Chromium shows it on a 1280 px wide screen at 96 dpi
(device scale 1), cut below the last ink: what users paste when they copy a form
off a site.

A seventh step scans sheets fed the other way (`<stem>.scan_sideways.pdf`): each
page turned a quarter (clockwise and anticlockwise in turn), as a landscape form
fed portrait comes out of a scanner, 200 dpi grayscale, JPEG 70, image-only PDF.

An eighth step photographs the printed pages with a phone (`<stem>.photo.jpg`, a
longer form `.pdf`): the sheet lies on a darker desk, seen a little from the side
and from below (its corners pulled in by 2–5 % of its size, no two alike), lit
unevenly (a quarter darker at one corner), in warm colour, slightly soft, JPEG 80.

A fifth step adds what a published scan of a signed-off form carries: the body's red
round seal (公章, 42 mm across, its name on the arc and a star inside), stamped on
every page where the table is, in translucent ink over the text, on slightly tinted
paper, scanned in colour at 150 dpi, JPEG quality 70 (`scan_stamped`): a one-page form
as a `.jpg` photo, a longer one as an image-only PDF.

Run by hand (`python tests/golden/converted/make_scans.py [KIND …]`, KIND one of gray,
fax, stamped, screenshot, sideways, photo; all when none is named); seeded, so the
images come out the same. Which stems get which kind is listed below.
"""

from __future__ import annotations

import io
import json
import math
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).parent
BUILT = HERE.parent / "built"
GRAY = ("t13_two_forms_word", "t23_department_word", "t32_project_docx_nested",
        "s13_department_self_eval_workbook", "t47_project_word_merged",
        "t48_department_word_tasks", "s19_self_eval_word_pdf")
FAX = ("s06_self_eval_workbook", "s09_self_eval_page", "t12_project_page",
       "t24_projects_workbook", "t31_two_forms_one_table", "t45_project_workbook_pdf")
STAMPED = GRAY + ("t12_project_page", "s06_self_eval_workbook")
SHOTS = ("s09_self_eval_page", "t12_project_page", "t31_two_forms_one_table",
         "s06_self_eval_workbook", "s13_department_self_eval_workbook", "t13_two_forms_word",
         "t23_department_word", "t24_projects_workbook", "t32_project_docx_nested",
         "t47_project_word_merged", "t48_department_word_tasks")
SIDEWAYS = ("s06_self_eval_workbook", "s13_department_self_eval_workbook", "t24_projects_workbook",
            "t13_two_forms_word", "t47_project_word_merged")
PHOTOS = ("t32_project_docx_nested", "s13_department_self_eval_workbook", "t23_department_word",
          "t47_project_word_merged", "s19_self_eval_word_pdf")
SEAL_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
SEAL_INK = (206, 36, 44)


def source_pdf(stem: str) -> Path:
    converted = HERE / f"{stem}.libreoffice.pdf"
    return converted if converted.is_file() else BUILT / f"{stem}.pdf"


def pages(pdf: Path, dpi: int, mode: str = "L") -> list[Image.Image]:
    colour = [] if mode == "RGB" else ["-gray"]
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", str(dpi), *colour, "-png", str(pdf), f"{folder}/p"],
                       check=True)
        return [Image.open(png).convert(mode) for png in sorted(Path(folder).glob("p-*.png"))]


def scanned(page: Image.Image, degrees: float, seed: int) -> Image.Image:
    """A slight turn, a blur and speckles on 0.4 % of the pixels."""
    page = page.filter(ImageFilter.GaussianBlur(0.6)).rotate(
        degrees, resample=Image.BICUBIC, fillcolor=255)
    rng = random.Random(seed)
    pixels = page.load()
    width, height = page.size
    for _ in range(int(width * height * 0.004)):
        pixels[rng.randrange(width), rng.randrange(height)] = 0 if rng.random() < 0.3 else 255
    return page


def turn(index: int, page: int) -> float:
    return (0.6 + 0.1 * (index % 4)) * (1 if page % 2 == 0 else -0.6)


def write_gray(stem: str, index: int) -> None:
    images = []
    for n, page in enumerate(pages(source_pdf(stem), 150)):
        buffer = io.BytesIO()
        scanned(page, turn(index, n), 7 + index * 10 + n).save(buffer, format="JPEG", quality=60)
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    images[0].save(HERE / f"{stem}.scan_gray.pdf", format="PDF", resolution=150.0, save_all=True,
                   append_images=images[1:])


def write_fax(stem: str, index: int) -> None:
    images = [scanned(page, turn(index, n), 7 + index * 10 + n).point(
        lambda value: 255 if value > 160 else 0).convert("1")
        for n, page in enumerate(pages(source_pdf(stem), 200))]
    images[0].save(HERE / f"{stem}.scan_fax.tif", format="TIFF", compression="group4",
                   dpi=(200, 200), save_all=True, append_images=images[1:])


def seal(name: str, radius: int, seed: int) -> Image.Image:
    """A round seal as an ink mask (255 = full ink): a ring, the name along the upper arc,
    a star in the middle, pressed unevenly."""
    size = 2 * radius + 8
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    centre = size / 2
    ring = max(3, radius // 18)
    draw.ellipse((centre - radius, centre - radius, centre + radius, centre + radius),
                 outline=255, width=ring)
    star = [(centre + radius * (0.3 if k % 2 == 0 else 0.12) * math.sin(k * math.pi / 5),
             centre - radius * (0.3 if k % 2 == 0 else 0.12) * math.cos(k * math.pi / 5))
            for k in range(10)]
    draw.polygon(star, fill=255)
    font = ImageFont.truetype(SEAL_FONT, int(radius * 0.26))
    letters = list(name)
    sweep = 220.0
    for k, letter in enumerate(letters):
        angle = -sweep / 2 + sweep * (k + 0.5) / len(letters)
        glyph = Image.new("L", (int(radius * 0.34), int(radius * 0.34)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), letter, fill=255,
                                   font=font, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.BICUBIC, expand=True)
        distance = radius * 0.74
        x = centre + distance * math.sin(math.radians(angle)) - glyph.width / 2
        y = centre - distance * math.cos(math.radians(angle)) - glyph.height / 2
        mask.paste(255, (int(x), int(y)), glyph)
    rng = random.Random(seed)
    pressed = Image.frombytes("L", (size, size), bytes(
        255 if rng.random() > 0.3 else 150 for _ in range(size * size)))
    mask = ImageChops.multiply(mask, pressed.filter(ImageFilter.GaussianBlur(2)))
    return mask.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)


def stamped(page: Image.Image, name: str, seed: int) -> Image.Image:
    """Tinted paper, the seal pressed (multiplied) over the lower part of the table, then
    the scanner's turn, blur and speckles."""
    rng = random.Random(seed)
    paper = Image.new("RGB", page.size, (250, 246, 236))
    page = ImageChops.multiply(page, paper)
    radius = int(page.width * 0.1)
    mask = seal(name, radius, seed)
    x = int(page.width * rng.uniform(0.5, 0.8)) - mask.width // 2
    y = int(page.height * rng.uniform(0.3, 0.7)) - mask.height // 2
    ink = Image.new("RGB", mask.size, SEAL_INK)
    alpha = mask.point(lambda v: int(v * 0.85))
    region = page.crop((x, y, x + mask.width, y + mask.height))
    region.paste(ImageChops.multiply(region, ink), (0, 0), alpha)
    page.paste(region, (x, y))
    page = page.filter(ImageFilter.GaussianBlur(0.5)).rotate(
        rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=(250, 246, 236))
    pixels = page.load()
    for _ in range(int(page.width * page.height * 0.002)):
        pixels[rng.randrange(page.width), rng.randrange(page.height)] = (40, 40, 40)
    return page


def seal_name(stem: str) -> str:
    """The seal of the form's department (the first form's), as printed in its gold."""
    gold = json.loads((BUILT / f"{stem}.json").read_text(encoding="utf-8"))
    return gold["forms"][0].get("department") or "县财政局"


def write_stamped(stem: str, index: int) -> None:
    name = seal_name(stem)
    images = []
    for n, page in enumerate(pages(source_pdf(stem), 150, "RGB")):
        buffer = io.BytesIO()
        stamped(page, name, 11 + index * 10 + n).save(buffer, format="JPEG", quality=70)
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    if len(images) == 1:
        images[0].save(HERE / f"{stem}.scan_stamped.jpg", format="JPEG", quality=95,
                       dpi=(150, 150))
        return
    images[0].save(HERE / f"{stem}.scan_stamped.pdf", format="PDF", resolution=150.0,
                   save_all=True, append_images=images[1:])


def write_sideways(stem: str, index: int) -> None:
    images = []
    for n, page in enumerate(pages(source_pdf(stem), 200)):
        turned = scanned(page, turn(index, n), 5 + index * 10 + n).rotate(
            90 if (index + n) % 2 == 0 else -90, expand=True)
        buffer = io.BytesIO()
        turned.save(buffer, format="JPEG", quality=70)
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    images[0].save(HERE / f"{stem}.scan_sideways.pdf", format="PDF", resolution=200.0,
                   save_all=True, append_images=images[1:])


def photographed(page: Image.Image, seed: int) -> Image.Image:
    """The sheet on a desk, in perspective, lit from one side, slightly soft."""
    rng = random.Random(seed)
    width, height = page.size
    margin = int(0.08 * max(width, height))
    frame = (width + 2 * margin, height + 2 * margin)
    inset = [(rng.uniform(0.02, 0.05) * width, rng.uniform(0.02, 0.05) * height) for _ in range(4)]
    corners = [(margin + inset[0][0], margin + inset[0][1]),
               (margin + width - inset[1][0], margin + inset[1][1] * 0.3),
               (margin + width - inset[2][0] * 0.3, margin + height - inset[2][1]),
               (margin + inset[3][0] * 0.5, margin + height - inset[3][1] * 0.5)]
    source = [(0, 0), (width, 0), (width, height), (0, height)]
    coefficients = _perspective(corners, source)
    sheet = page.transform(frame, Image.PERSPECTIVE, coefficients, Image.BICUBIC, fillcolor=None)
    mask = Image.new("L", page.size, 255).transform(frame, Image.PERSPECTIVE, coefficients,
                                                     Image.BILINEAR, fillcolor=0)
    photo = Image.new("RGB", frame, (92, 84, 76))
    photo.paste(sheet, (0, 0), mask)
    light = _light(frame, rng.choice(((1, 1), (-1, 1), (1, -1), (-1, -1))))
    tint = Image.merge("RGB", (light, light.point(lambda v: int(v * 0.97)),
                               light.point(lambda v: int(v * 0.9))))
    return ImageChops.multiply(photo, tint).filter(ImageFilter.GaussianBlur(0.8))


def _light(size: tuple[int, int], towards: tuple[int, int]) -> Image.Image:
    """Light falling off by a quarter from one corner to the opposite one."""
    width, height = size
    xs = np.linspace(0, 1, width)[None, :] if towards[0] > 0 else np.linspace(1, 0, width)[None, :]
    ys = np.linspace(0, 1, height)[:, None] if towards[1] > 0 else np.linspace(1, 0, height)[:, None]
    level = 255 * (1 - 0.25 * (xs + ys) / 2)
    return Image.fromarray(level.astype(np.uint8), "L")


def _perspective(targets: list[tuple[float, float]], sources: list[tuple[float, float]]) -> list[float]:
    """PIL's eight coefficients mapping each output corner (target) to its input (source)."""
    rows, values = [], []
    for (x, y), (u, v) in zip(targets, sources, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    return list(np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float)))


def write_photo(stem: str, index: int) -> None:
    images = []
    for n, page in enumerate(pages(source_pdf(stem), 200, "RGB")):
        buffer = io.BytesIO()
        photographed(page, 21 + index * 10 + n).save(buffer, format="JPEG", quality=80)
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    if len(images) == 1:
        images[0].save(HERE / f"{stem}.photo.jpg", format="JPEG", quality=95)
        return
    images[0].save(HERE / f"{stem}.photo.pdf", format="PDF", resolution=200.0, save_all=True,
                   append_images=images[1:])


def write_screenshot(stem: str) -> None:
    """The page in a 1280 × 6000 CSS px window at device scale 1, cut 40 px below its last ink."""
    sys.path.insert(0, str(HERE.parents[2]))
    from tests.render.browser import _run

    built = BUILT / f"{stem}.html"
    html = (built if built.is_file() else HERE / f"{stem}.libreoffice_html.html").read_bytes()
    png = _run(html, "--screenshot", ["--window-size=1280,6000", "--force-device-scale-factor=1"],
               ".png")
    page = Image.open(io.BytesIO(png)).convert("RGB")
    ink = ImageChops.invert(page.convert("L")).point(lambda v: 255 if v > 40 else 0).getbbox()
    bottom = min(page.height, (ink[3] if ink else page.height) + 40)
    page.crop((0, 0, page.width, bottom)).save(HERE / f"{stem}.screenshot.png", optimize=True)


if __name__ == "__main__":
    kinds = set(sys.argv[1:]) or {"gray", "fax", "stamped", "screenshot", "sideways", "photo"}
    for index, stem in enumerate(GRAY if "gray" in kinds else ()):
        write_gray(stem, index)
    for index, stem in enumerate(FAX if "fax" in kinds else ()):
        write_fax(stem, index)
    for index, stem in enumerate(STAMPED if "stamped" in kinds else ()):
        write_stamped(stem, index)
    for stem in SHOTS if "screenshot" in kinds else ():
        write_screenshot(stem)
    for index, stem in enumerate(SIDEWAYS if "sideways" in kinds else ()):
        write_sideways(stem, index)
    for index, stem in enumerate(PHOTOS if "photo" in kinds else ()):
        write_photo(stem, index)
