"""Scans: golden forms printed to a 300 dpi PNG (also turned 1°, also noisy), read by PP-OCR.

The grid's rows, columns and spans must be the canonical ones, and ≥ 95 % of
the cells' texts exact (compared after NFKC and without whitespace, as the
golden scorer compares: OCR reads `（` as `(`). The engine runs with sockets
closed: its models come from the rapidocr wheel, nothing is downloaded.
"""

from __future__ import annotations

import unicodedata

import pytest

from extract.readers.image import read_image
from extract.readers.pdf import read_pdf
from tests.readers.conftest import expected_cells
from tests.render.browser import chromium
from tests.render.image import add_noise, render_png, rotate, to_scanned_pdf

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium is not installed")

SCAN_FORMS = ("000_78038c64ab0faba2#1", "003_cbb24fcc5451dbad#2", "004_1c981b526f6e6f3d#1")
VARIANTS = {"plain": lambda png: png, "rotated_1deg": rotate, "noisy": add_noise}


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def scans(forms):
    chosen = [f for f in forms if f.key in SCAN_FORMS] or forms[:2]
    return [(form, render_png(form)) for form in chosen]


@pytest.fixture(scope="module")
def results(scans):
    """Every scan variant read once (OCR is the slow stage), with sockets closed."""
    patch = pytest.MonkeyPatch()
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted during OCR")

    for target, name in ((socket.socket, "connect"), (socket, "create_connection"), (socket, "getaddrinfo")):
        patch.setattr(target, name, refuse)
    try:
        return {(form.key, variant): read_image(make(png), f"{form.key}.png")
                for form, png in scans for variant, make in VARIANTS.items()}
    finally:
        patch.undo()


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_scan_structure_is_recovered(variant, scans, results):
    """One exact table per scan, its cells at the canonical slots with the canonical spans."""
    for form, _png in scans:
        grid = results[(form.key, variant)]
        assert grid.reader == "image_ocr"
        tables = [t for t in grid.tables() if t.columns == "exact"]
        assert len(tables) == 1, form.key
        got = sorted((c.row, c.col, c.row_span, c.col_span) for c in tables[0].cells)
        assert got == sorted((r, c, rs, cs) for r, c, _t, rs, cs in expected_cells(form)), form.key
        assert all(" px" in c.location for c in tables[0].cells)


def test_scan_texts_are_95_percent_exact(scans, results):
    total = right = 0
    misses = []
    for (key, variant), grid in results.items():
        form = next(f for f, _ in scans if f.key == key)
        table = [t for t in grid.tables() if t.columns == "exact"][0]
        got = {(c.row, c.col): _norm(c.text) for c in table.cells}
        for r, c, text, _rs, _cs in expected_cells(form):
            total += 1
            if got.get((r, c)) == _norm(text):
                right += 1
            else:
                misses.append((key, variant, text, got.get((r, c))))
    assert right / total >= 0.95, misses[:20]


def test_rotated_scan_is_deskewed(results):
    notes = [n for (key, variant), g in results.items() if variant == "rotated_1deg" for n in g.notes]
    assert any("deskewed by" in n for n in notes)


def test_scanned_pdf_pages_are_ocred(scans, network_off):
    """A PDF of page images (no text layer) is read through the same OCR path."""
    form, png = scans[0]
    grid = read_pdf(to_scanned_pdf([png]), "scan.pdf")
    assert grid.reader == "image_ocr"
    table = [t for t in grid.tables() if t.columns == "exact"][0]
    got = sorted((c.row, c.col, c.row_span, c.col_span) for c in table.cells)
    assert got == sorted((r, c, rs, cs) for r, c, _t, rs, cs in expected_cells(form))


def test_models_come_from_the_wheel():
    from extract.readers.ocr import model_paths

    for path in model_paths():
        assert path.is_file() and path.parent.parent.name == "rapidocr"
