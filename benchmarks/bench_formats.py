"""Pages per second per core for each native format, and OCR against the engine's own time.

    python benchmarks/bench_formats.py                 # all formats, append to RESULTS.md
    python benchmarks/bench_formats.py --scans 3 --no-save

The golden forms (tests/render/canonical.py) are rendered into HTML, DOCX,
XLSX and PDF, one document per golden file, as the tests render them; a
document counts as many pages as its PDF print has, so every format is
measured per printed page of the same content. Each reader runs in this one
process (one core; onnxruntime is given one thread), after one warm-up pass;
times are CPU seconds of the process, best of the runs, because the machine is
shared and wall time would measure the neighbours.
Scans are single forms printed to 300 dpi PNGs (plain, turned 1°, noisy):
the reader's time per page is compared with RapidOCR's own time on the same
image (the engine call alone, same engine object), the issue's target being
within 1.3×. Alternatives the brief names (selectolax, python-calamine,
pdfplumber's table finder) are timed beside when installed, to show why the
readers use what they use.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import platform
import resource
import statistics
import sys
import time
from datetime import datetime
from itertools import groupby
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.readers import FORMAT_READERS  # noqa: E402
from tests.render.canonical import canonical_forms  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BORN_DIGITAL = ("html", "docx", "xlsx", "pdf")


def render_documents() -> list[tuple[str, dict[str, bytes], int]]:
    """(stem, format → bytes, printed pages) per golden file."""
    import pypdfium2

    from tests.render import docx, html, pdf, xlsx

    out = []
    forms = canonical_forms()
    for stem, group in groupby(forms, key=lambda f: f.key.split("#")[0]):
        group = list(group)
        files = {"html": html.render_html(group), "docx": docx.render_docx(group),
                 "xlsx": xlsx.render_xlsx(group), "pdf": pdf.render_pdf(group)}
        pages = len(pypdfium2.PdfDocument(files["pdf"]))
        out.append((stem, files, pages))
    return out


def time_reader(fmt: str, documents, repeats: int) -> float:
    """Best-of-`repeats` seconds to read every document once in format `fmt`."""
    read = FORMAT_READERS[fmt]
    for stem, files, _pages in documents:  # warm-up: imports, caches
        read(files[fmt], f"{stem}.{fmt}")
    return min(_timed(lambda: [read(files[fmt], f"{stem}.{fmt}") for stem, files, _p in documents])
               for _ in range(repeats))


def alternatives(documents, repeats: int) -> dict[str, tuple[float, float]]:
    """(their seconds, ours) for the libraries the brief names as alternatives, where installed."""
    out: dict[str, tuple[float, float]] = {}

    def best(fn) -> float:
        fn()
        return min(_timed(fn) for _ in range(repeats))

    try:
        import lxml.html
        from selectolax.lexbor import LexborHTMLParser as HTMLParser

        pages = [files["html"] for _s, files, _p in documents]
        out["HTML parse: selectolax vs lxml (parse only)"] = (
            best(lambda: [HTMLParser(p.decode()).css("td") for p in pages]),
            best(lambda: [lxml.html.document_fromstring(p.decode()).xpath("//td") for p in pages]))
    except ImportError:
        pass
    try:
        from python_calamine import CalamineWorkbook

        def calamine() -> None:
            for _s, files, _p in documents:
                book = CalamineWorkbook.from_filelike(io.BytesIO(files["xlsx"]))
                for name in book.sheet_names:
                    sheet = book.get_sheet_by_name(name)
                    sheet.to_python()
                    sheet.merged_cell_ranges  # noqa: B018

        ours = best(lambda: [FORMAT_READERS["xlsx"](f["xlsx"], "x.xlsx") for _s, f, _p in documents])
        out["XLSX: python-calamine (values + merges, no number formats) vs our openpyxl reader"] = (
            best(calamine), ours)
    except ImportError:
        pass
    try:
        import pdfplumber

        def plumber() -> None:
            for _s, files, _p in documents:
                with pdfplumber.open(io.BytesIO(files["pdf"])) as pdf:
                    for page in pdf.pages:
                        page.find_tables()

        ours = best(lambda: [FORMAT_READERS["pdf"](f["pdf"], "x.pdf") for _s, f, _p in documents])
        out["PDF: pdfplumber find_tables alone vs our whole PDF reader"] = (best(plumber), ours)
    except ImportError:
        pass
    return out


def _timed(fn) -> float:
    """CPU seconds of this process (the machine is shared: wall time would measure the neighbours)."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def time_scans(count: int, repeats: int) -> list[tuple[str, str, float, float]]:
    """(form, variant, reader seconds, engine seconds) per scan page: warm engine, best of runs."""
    import numpy as np
    from PIL import Image

    from extract.readers.image import read_image
    from extract.readers.ocr import engine
    from tests.render.image import add_noise, render_png, rotate

    forms = canonical_forms()
    step = max(1, len(forms) // max(count, 1))
    chosen = forms[::step][:count]
    engine()(np.zeros((64, 64, 3), dtype=np.uint8))  # load the models once
    rows = []
    for form in chosen:
        png = render_png(form)
        for variant, data in (("plain", png), ("rotated 1°", rotate(png)), ("noisy", add_noise(png))):
            rgb = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
            engine_seconds = reader_seconds = float("inf")
            for _ in range(repeats):  # interleaved, so both see the same machine
                engine_seconds = min(engine_seconds, _timed(lambda rgb=rgb: engine()(rgb)))
                reader_seconds = min(reader_seconds, _timed(lambda data=data: read_image(data, "scan.png")))
            rows.append((form.key, variant, reader_seconds, engine_seconds))
    return rows


def report(documents, timings, alts, scans) -> str:
    pages = sum(p for _s, _f, p in documents)
    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [f"## Native formats, {now} — {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}", "",
             f"`python benchmarks/bench_formats.py`: {len(documents)} documents, {pages} "
             "printed pages (the golden forms rendered into each format), one process, "
             "CPU seconds, best of the runs.", "",
             "| format | reader | seconds | pages/s per core | target |", "|---|---|---|---|---|"]
    names = {"html": "html_table", "docx": "docx_table", "xlsx": "xlsx_sheet", "pdf": "pdf_table"}
    for fmt in BORN_DIGITAL:
        rate = pages / timings[fmt]
        lines.append(f"| {fmt} | {names[fmt]} | {timings[fmt]:.3f} | {rate:.0f} | ≥ 20: "
                     f"{'met' if rate >= 20 else '**missed**'} |")
    if scans:
        reader = statistics.mean(s[2] for s in scans)
        own = statistics.mean(s[3] for s in scans)
        lines.append(f"| scan (PNG, 300 dpi) | image_ocr | {reader:.2f} per page | {1 / reader:.2f} | "
                     f"within 1.3× of RapidOCR's {own:.2f} s: {reader / own:.2f}× "
                     f"{'met' if reader / own <= 1.3 else '**missed**'} |")
        lines += ["", "| scan | variant | reader s | RapidOCR alone s | ratio |", "|---|---|---|---|---|"]
        lines += [f"| {k} | {v} | {r:.2f} | {e:.2f} | {r / e:.2f} |" for k, v, r, e in scans]
    if alts:
        lines += ["", "| alternative | theirs (s) | ours (s) |", "|---|---|---|"]
        lines += [f"| {name} | {a:.3f} | {b:.3f} |" for name, (a, b) in alts.items()]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines += ["", f"Peak resident memory of the benchmark process: {peak:.0f} MB.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--scan-repeats", type=int, default=2)
    parser.add_argument("--scans", type=int, default=4, help="forms printed as scans (3 variants each)")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font warnings are not ours
    documents = render_documents()
    timings = {fmt: time_reader(fmt, documents, args.repeats) for fmt in BORN_DIGITAL}
    alts = alternatives(documents, args.repeats)
    scans = time_scans(args.scans, args.scan_repeats) if args.scans else []
    text = report(documents, timings, alts, scans)
    print(text)
    if not args.no_save:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
