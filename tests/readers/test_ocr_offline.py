"""The OCR step in a process with no network at all (a fresh network namespace).

The in-process socket guard (test_ocr_grid.py) proves the engine never tries
to connect; this proves it at the kernel's level where `unshare -n` is
allowed (root, as CI runs): the models load from the rapidocr wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.render.canonical import ROOT

SCRIPT = """
import sys
from extract.readers.image import read_image
grid = read_image(open(sys.argv[1], "rb").read(), "scan.png")
cells = [c.text for t in grid.tables() for c in t.cells]
print(len(cells), cells[0] if cells else "")
"""


def _unshare_works() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="needs root and unshare -n (as CI has)")
def test_ocr_runs_in_a_network_namespace_with_no_interfaces(tmp_path):
    from tests.render.browser import chromium

    if chromium() is None:
        pytest.skip("chromium is not installed")
    from tests.render.canonical import canonical_forms
    from tests.render.image import render_png

    form = canonical_forms()[0]
    scan = tmp_path / "scan.png"
    scan.write_bytes(render_png(form))
    done = subprocess.run(["unshare", "-n", sys.executable, "-c", SCRIPT, str(scan)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    count, first = done.stdout.split(maxsplit=1)
    assert int(count) > 10 and first.strip() == form.tables[0][0][0][0]
