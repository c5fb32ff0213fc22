"""Print-and-scan the converted set's PDFs: `<stem>.scan_gray.pdf` and `<stem>.scan_fax.tif`.

Why a script: a scanner is the one converter this machine does not have. Each
page of `<stem>.libreoffice.pdf` (or a built document's own LibreOffice PDF) is
rendered by poppler's `pdftoppm`, then given what a sheet fed through an office
scanner gets: a slight turn (alternating sides from page to page), a blur and
speckles. Two kinds of scan are written, the two that archives hold most:

- `scan_gray`: 150 dpi grayscale, JPEG quality 60, in a PDF with no text layer;
- `scan_fax`: 200 dpi black and white (threshold 160), CCITT G4, a multi-page TIFF.

Run by hand (`python tests/golden/converted/make_scans.py`); seeded, so the
files come out the same. Which stems get which kind is listed below.
"""

from __future__ import annotations

import io
import random
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter

HERE = Path(__file__).parent
BUILT = HERE.parent / "built"
GRAY = ("t13_two_forms_word", "t23_department_word", "t32_project_docx_nested",
        "s13_department_self_eval_workbook", "t47_project_word_merged",
        "t48_department_word_tasks", "s19_self_eval_word_pdf")
FAX = ("s06_self_eval_workbook", "s09_self_eval_page", "t12_project_page",
       "t24_projects_workbook", "t31_two_forms_one_table", "t45_project_workbook_pdf")


def source_pdf(stem: str) -> Path:
    converted = HERE / f"{stem}.libreoffice.pdf"
    return converted if converted.is_file() else BUILT / f"{stem}.pdf"


def pages(pdf: Path, dpi: int) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{folder}/p"],
                       check=True)
        return [Image.open(png).convert("L") for png in sorted(Path(folder).glob("p-*.png"))]


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


if __name__ == "__main__":
    for index, stem in enumerate(GRAY):
        write_gray(stem, index)
    for index, stem in enumerate(FAX):
        write_fax(stem, index)
